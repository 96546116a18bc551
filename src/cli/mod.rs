//! Command-line arguments in two stages: raw clap structs (no I/O, no validation beyond
//! syntax), then a validated job built from the library's types.

use anyhow::Result;
use clap::{Parser, Subcommand};
use reachmap::areas::NamedArea;
use reachmap::scenario::{Ranges, Scenario};
use reachmap::{Error, Radius, Reach};

mod catalog;
mod compare;
mod footprint;
mod reach;
mod render;
mod rings;
mod serve;
mod sweep;

use catalog::CatalogArgs;
use compare::CompareArgs;
use footprint::FootprintArgs;
use reach::ReachArgs;
use render::RenderArgs;
use rings::RingsArgs;
use serve::ServeArgs;
use sweep::SweepArgs;

/// Exact geodesic missile range rings and bands on the WGS84 ellipsoid.
#[derive(Debug, Parser)]
#[command(name = "reachmap", version, about, long_about = None)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Write range rings and bands around sites as a GeoJSON FeatureCollection (RFC 7946).
    Rings(RingsArgs),
    /// Draw range rings and bands around sites on a map, as SVG, PNG and/or PDF.
    Render(Box<RenderArgs>),
    /// List the places within range of each site — exact geodesic distance and bearing — with
    /// totals (places, capitals, population, countries) and each country's land within range.
    Reach(Box<ReachArgs>),
    /// Compare a scenario's candidate sites side by side: a table of what each reaches per
    /// system or band, and optionally a figure (one map per site and a population-by-range chart).
    Compare(Box<CompareArgs>),
    /// List the built-in catalog: missile systems with their sourced range figures, and named
    /// band sets (the INF Treaty's).
    Catalog(CatalogArgs),
    /// Write, as GeoJSON, the region from which every target (or, with --any, at least one)
    /// lies within range: where a launcher would have to stand.
    Footprint(FootprintArgs),
    /// Explore on a local page: add and drag sites, pick systems, read what each reaches, then
    /// download the scenario and the figure. Serves on 127.0.0.1 only.
    Serve(ServeArgs),
    /// Value every candidate site in a region (a grid, or a list) by what lies within range of
    /// it — population, capitals, places or targets — as a ranked CSV, GeoJSON points and a map.
    Sweep(Box<SweepArgs>),
}

/// Sites and ranges, shared by every command that draws or exports ranges.
#[derive(Debug, clap::Args)]
struct RangeArgs {
    /// A site as NAME=LAT,LON (decimal degrees, or forms like 54.71N 20.51E or
    /// 54°42′36″N 20°30′36″E), or a place's name from the gazetteer (Kaliningrad, "Naha, JP").
    /// Repeat for several sites.
    #[arg(long = "site", value_name = "NAME=LAT,LON|NAME")]
    sites: Vec<String>,

    /// Ranges in km, comma-separated or repeated: every point closer than each range.
    #[arg(long = "range-km", value_name = "R[,R...]", allow_hyphen_values = true)]
    ranges_km: Vec<String>,

    /// A band MIN:MAX in km: every point at least MIN and less than MAX away. Repeatable.
    #[arg(long = "band", value_name = "MIN:MAX", allow_hyphen_values = true)]
    bands: Vec<String>,

    /// Systems from the catalog (`reachmap catalog`), comma-separated or repeated: each one's
    /// range with its sources; a low/high range is drawn and counted as an estimate.
    #[arg(long = "system", value_name = "ID[,ID...]")]
    systems: Vec<String>,

    #[command(flatten)]
    earth: EarthArgs,
}

/// The Earth ballistic ranges are laid out over (rings, render, reach, footprint, sweep).
#[derive(Debug, clap::Args)]
pub(super) struct EarthArgs {
    /// non-rotating (the default: each range a geodesic circle, as sources quote it) or
    /// rotating: ballistic systems' ranges with the Earth's rotation included, farther east and
    /// shorter west. Cruise and glide systems are left as they are.
    #[arg(long, value_name = "non-rotating|rotating")]
    pub(super) earth: Option<String>,

    /// Read every plain --range-km and --band as a ballistic missile's range (flight times on
    /// the minimum-energy trajectory; with --earth rotating, the rotation applies to it).
    #[arg(long)]
    pub(super) ballistic: bool,
}

impl EarthArgs {
    /// The Earth chosen (`scenario`'s `[map] earth` when the option is not given), with the
    /// overlays readied for it ([`reachmap::rotation::prepare`]); its notes go to stderr.
    fn apply(
        &self,
        scenario: reachmap::rotation::Earth,
        overlays: &mut [reachmap::Overlay],
    ) -> Result<reachmap::rotation::Earth, Error> {
        let earth = match &self.earth {
            Some(text) => reachmap::rotation::Earth::parse(text.trim(), "--earth")?,
            None => scenario,
        };
        let notes = reachmap::rotation::prepare(overlays, earth, self.ballistic).map_err(|e| {
            e.naming("range", "--range-km / --band / --system with --earth rotating").naming(
                "area",
                "--area / --area-country / [[areas]] with --earth rotating (or [map] earth = \"rotating\")",
            )
        })?;
        for note in notes {
            eprintln!("note: {note}");
        }
        Ok(earth)
    }
}

/// Launch areas, for the commands that draw ranges around them (rings, render).
#[derive(Debug, clap::Args)]
struct AreaArgs {
    /// A launch area as NAME=FILE.geojson (Polygon, MultiPolygon, LineString or
    /// MultiLineString), or NAME=- to read the GeoJSON from standard input: every range around
    /// any point of it, the area included. Repeatable.
    #[arg(long = "area", value_name = "NAME=FILE.geojson")]
    areas: Vec<String>,

    /// A country's land (Natural Earth 1:50m, by name, e.g. Belarus) as a launch area.
    /// Repeatable.
    #[arg(long = "area-country", value_name = "NAME")]
    countries: Vec<String>,
}

impl AreaArgs {
    /// The areas given as `NAME=-`, to be read from standard input.
    fn stdin_areas(&self) -> Vec<&String> {
        let is_stdin =
            |spec: &&String| spec.split_once('=').is_some_and(|(_, path)| path.trim() == reachmap::input::STDIN);
        self.areas.iter().filter(is_stdin).collect()
    }

    /// Whether an area is read from standard input.
    fn reads_stdin(&self) -> bool {
        !self.stdin_areas().is_empty()
    }

    /// The areas, read and checked.
    fn parsed(&self) -> Result<Vec<NamedArea>, Error> {
        if let [_, second, ..] = self.stdin_areas().as_slice() {
            return Err(Error::invalid("--area", second, "standard input is read once: give one area as NAME=-"));
        }
        let mut areas = Vec::new();
        for spec in &self.areas {
            areas.push(NamedArea::parse_spec(spec, "--area")?);
        }
        for name in &self.countries {
            let shape = reachmap::areas::country(name, "--area-country")?;
            areas.push(NamedArea::new(name, shape, &format!("--area-country {name}"))?);
        }
        Ok(areas)
    }
}

/// Targets: the places a figure or table is about (render, reach, compare).
#[derive(Debug, clap::Args)]
pub(super) struct TargetArgs {
    /// A target: NAME=LAT,LON, a position, or a name (the gazetteer's places and the built-in
    /// strategic places: `reachmap catalog --places`). Always drawn and labelled; `reach`
    /// reports it in range or not. Repeatable.
    #[arg(long = "target", value_name = "NAME[=LAT,LON]")]
    targets: Vec<String>,

    /// Targets from a file: CSV with name, lat, lon and an optional group column, or GeoJSON
    /// points.
    #[arg(long = "targets", value_name = "FILE.csv")]
    file: Option<String>,
}

impl TargetArgs {
    /// The targets, read and checked: the file's first, then each --target.
    fn parsed(&self) -> Result<Vec<reachmap::target::Target>, Error> {
        let mut targets = match &self.file {
            Some(path) => reachmap::target::from_file(std::path::Path::new(path)).map_err(|e| match e {
                Error::Invalid { field, value, reason } if field == *path => {
                    Error::Invalid { field: format!("--targets {path}"), value, reason }
                }
                other => other,
            })?,
            None => Vec::new(),
        };
        for text in &self.targets {
            targets.push(reachmap::target::Target::parse(text, "--target")?);
        }
        if targets.len() > reachmap::target::MAX_TARGETS {
            return Err(Error::invalid(
                "--target / --targets",
                &targets.len().to_string(),
                format!("at most {} targets", reachmap::target::MAX_TARGETS),
            ));
        }
        Ok(targets)
    }
}

/// The page: a width in pixels, or in millimetres at a resolution (render and compare).
#[derive(Debug, clap::Args)]
struct PageArgs {
    /// Image width in pixels (default 2400), or give --width-mm and --dpi.
    #[arg(long = "width-px", value_name = "N", conflicts_with = "width_mm", allow_hyphen_values = true)]
    width_px: Option<String>,

    /// Printed width in millimetres (with --dpi, default 300).
    #[arg(long = "width-mm", value_name = "W", allow_hyphen_values = true)]
    width_mm: Option<String>,

    /// Dots per inch (default 300): sets type and line sizes in pixels, the PNG's resolution and
    /// the PDF's page size.
    #[arg(long, value_name = "D", allow_hyphen_values = true)]
    dpi: Option<String>,
}

impl PageArgs {
    /// Width in pixels, width in millimetres and resolution as numbers, each with its option's
    /// name for error messages.
    fn parsed(&self) -> Result<[Option<(f64, String)>; 3], Error> {
        let given = |text: &Option<String>, field: &str| -> Result<Option<(f64, String)>, Error> {
            text.as_ref().map(|t| Ok((parse_number(t, field)?, field.to_string()))).transpose()
        };
        Ok([given(&self.width_px, "--width-px")?, given(&self.width_mm, "--width-mm")?, given(&self.dpi, "--dpi")?])
    }
}

pub fn run(args: Args) -> Result<()> {
    match args.command {
        Command::Rings(raw) => rings::run(raw),
        Command::Render(raw) => render::run(*raw),
        Command::Reach(raw) => reach::run(*raw),
        Command::Compare(raw) => compare::run(*raw),
        Command::Catalog(raw) => catalog::run(raw),
        Command::Footprint(raw) => footprint::run(raw),
        Command::Serve(raw) => serve::run(raw),
        Command::Sweep(raw) => sweep::run(*raw),
    }
}

/// The scenario file if one is given — then `--site`, `--range-km` and `--band` are refused —
/// or a scenario of the sites and ranges given as options (render and reach).
fn scenario_or_ranges(
    scenario: Option<&str>,
    ranges: &RangeArgs,
    areas: Vec<NamedArea>,
    minutes: &[f64],
) -> Result<Scenario, Error> {
    let Some(path) = scenario else {
        return Scenario::from_ranges(sites_areas_and_ranges(ranges, areas, minutes)?);
    };
    if let Some(area) = areas.first() {
        return Err(Error::invalid(
            "--area",
            &area.name,
            "launch areas go with --site and the ranges, not a scenario file",
        ));
    }
    if !minutes.is_empty() {
        return Err(Error::invalid(
            "--minutes",
            path,
            "time rings come from the scenario file: add an [[isochrones]] table with system and minutes",
        ));
    }
    let flags = [
        ("--site", !ranges.sites.is_empty()),
        ("--range-km", !ranges.ranges_km.is_empty()),
        ("--band", !ranges.bands.is_empty()),
        ("--system", !ranges.systems.is_empty()),
    ];
    if let Some((flag, _)) = flags.iter().find(|(_, given)| *given) {
        return Err(Error::invalid(
            flag,
            path,
            "sites and ranges come from the scenario file; add them there, or drop the file and give them all as options",
        ));
    }
    Scenario::from_file(std::path::Path::new(path))
}

/// A scenario's `[sweep]`, taken out and run, for the map to draw its outcome (`render`,
/// `compare`); None without one.
fn run_sweep(scenario: &mut Scenario) -> Result<Option<reachmap::sweep::Outcome>, Error> {
    let run = |request: reachmap::sweep::SweepRequest| {
        request.run().map_err(|e| e.naming("range", "[sweep] range with [map] earth = \"rotating\""))
    };
    scenario.take_sweep().map(run).transpose()
}

/// The sites, launch areas and ranges as given — `--site NAME=LAT,LON`, `--range-km R[,R...]`,
/// `--band MIN:MAX`, `--system ID` — checked together (see [`Ranges::new`]).
fn sites_areas_and_ranges(raw: &RangeArgs, areas: Vec<NamedArea>, minutes: &[f64]) -> Result<Ranges, Error> {
    let sites = raw.sites.iter().map(|s| reachmap::places::target(s, "--site")).collect::<Result<Vec<_>, _>>()?;
    let mut reaches = Vec::new();
    for list in &raw.ranges_km {
        refuse_thousands_separator(list, "--range-km")?;
        for text in list.split(',') {
            let km = parse_range_km(text, "--range-km")?;
            reaches.push(Reach::Within(Radius::from_km(km, "--range-km")?));
        }
    }
    for text in &raw.bands {
        let Some((min, max)) = text.split_once(':') else {
            return Err(Error::invalid("--band", text, "expected MIN:MAX in km, e.g. 500:5500"));
        };
        let min = Radius::from_km(parse_number(min, "--band minimum")?, "--band minimum")?;
        let max = Radius::from_km(parse_number(max, "--band maximum")?, "--band maximum")?;
        reaches.push(Reach::band(min, max, "--band")?);
    }
    let systems: Vec<String> =
        raw.systems.iter().flat_map(|list| list.split(',')).map(|id| id.trim().to_string()).collect();
    Ranges::new(sites, areas, &reaches, &systems, minutes).map_err(|e| {
        e.naming("site", "--site")
            .naming("system", "--system")
            .naming("range", "--range-km / --band / --system")
            .naming("minutes", "--minutes")
    })
}

/// Refuses `5,500` and the like: the comma separates ranges, so it would silently mean 5 km and
/// 500 km where the user almost certainly meant 5,500 km.
fn refuse_thousands_separator(list: &str, field: &str) -> Result<(), Error> {
    let parts: Vec<&str> = list.split(',').map(str::trim).collect();
    let digits =
        |p: &str, n: std::ops::RangeInclusive<usize>| n.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
    if parts.len() > 1 && digits(parts[0], 1..=2) && parts[1..].iter().all(|p| digits(p, 3..=3)) {
        return Err(Error::invalid(
            field,
            list,
            format!(
                "looks like a number with a thousands separator; commas separate ranges, so write {} (or {} for several ranges)",
                parts.concat(),
                parts.join(" --range-km ")
            ),
        ));
    }
    Ok(())
}

/// A range in km as typed; one written with three decimals under 10 km (`2.350`) gets a note,
/// for it may be 2,350 km written with a decimal point as the thousands separator.
pub(super) fn parse_range_km(text: &str, field: &str) -> Result<f64, Error> {
    let km = parse_number(text, field)?;
    reachmap::notes::decimal_km(text, field);
    Ok(km)
}

/// Comma-separated numbers as typed (`5,10,15`), each named `field` in errors.
fn parse_numbers(list: &str, field: &str) -> Result<Vec<f64>, Error> {
    list.split(',').map(|v| parse_number(v, field)).collect()
}

/// A number as typed on the command line; `1,000`-style grouping is not accepted because the
/// comma separates values.
fn parse_number(text: &str, field: &str) -> Result<f64, Error> {
    text.trim().parse::<f64>().map_err(|_| Error::invalid(field, text, "expected a number"))
}
