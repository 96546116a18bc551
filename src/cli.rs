//! Command-line arguments in two stages: raw clap structs (no I/O, no validation beyond
//! syntax), then a validated job built from the library's types.

use anyhow::Result;
use clap::{Parser, Subcommand};
use reachmap::export::geojson::{RangeFeature, feature_collection};
use reachmap::frame::{FrameSpec, Preset, Projection};
use reachmap::map::{MapSpec, Theme, compose};
use reachmap::output::Output;
use reachmap::render::{Format, render_pdf, render_png, render_svg, svg_tree};
use reachmap::scenario::{Overrides, Scenario};
use reachmap::{Error, Radius, Reach, Site, Tolerance};

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
}

/// Sites and ranges, shared by every command that draws or exports ranges.
#[derive(Debug, clap::Args)]
struct RangeArgs {
    /// A site as NAME=LAT,LON (decimal degrees, or forms like 54.71N 20.51E or
    /// 54°42′36″N 20°30′36″E). Repeat for several sites.
    #[arg(long = "site", value_name = "NAME=LAT,LON")]
    sites: Vec<String>,

    /// Ranges in km, comma-separated or repeated: every point closer than each range.
    #[arg(long = "range-km", value_name = "R[,R...]", allow_hyphen_values = true)]
    ranges_km: Vec<String>,

    /// A band MIN:MAX in km: every point at least MIN and less than MAX away. Repeatable.
    #[arg(long = "band", value_name = "MIN:MAX", allow_hyphen_values = true)]
    bands: Vec<String>,
}

#[derive(Debug, clap::Args)]
struct RingsArgs {
    #[command(flatten)]
    ranges: RangeArgs,

    /// Largest distance, in metres, between any edge (straight in lon/lat) and the true circle.
    #[arg(long = "tolerance-m", value_name = "T", default_value = "10", allow_hyphen_values = true)]
    tolerance_m: String,

    /// Decimal places of coordinates in the output (6 ≈ 0.1 m).
    #[arg(long, value_name = "N", default_value = "6", allow_hyphen_values = true)]
    precision: String,

    /// Output file, or - for standard output (the default).
    #[arg(short = 'o', long = "output", value_name = "FILE", default_value = "-")]
    output: String,
}

#[derive(Debug, clap::Args)]
struct RenderArgs {
    /// A scenario file (TOML) describing the whole map; the options below override its values.
    /// Without one, give --site and --range-km or --band.
    #[arg(value_name = "SCENARIO.toml")]
    scenario: Option<String>,

    #[command(flatten)]
    ranges: RangeArgs,

    /// Map frame: europe, east-asia, world, or site (azimuthal equidistant around the first
    /// site, fitted to the largest range). Default: europe.
    #[arg(long, value_name = "NAME", conflicts_with = "proj")]
    preset: Option<String>,

    /// A PROJ projection string instead of a preset, e.g. "+proj=laea +lat_0=52 +lon_0=10";
    /// needs --extent or --extent-lonlat.
    #[arg(long, value_name = "PROJ")]
    proj: Option<String>,

    /// The area shown with --proj, in projected metres: XMIN,YMIN,XMAX,YMAX.
    #[arg(
        long,
        value_name = "XMIN,YMIN,XMAX,YMAX",
        requires = "proj",
        conflicts_with = "extent_lonlat",
        allow_hyphen_values = true
    )]
    extent: Option<String>,

    /// The area shown with --proj, as a lon/lat box in degrees: WEST,SOUTH,EAST,NORTH.
    #[arg(long = "extent-lonlat", value_name = "W,S,E,N", requires = "proj", allow_hyphen_values = true)]
    extent_lonlat: Option<String>,

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

    /// Colours: light (reports, the default), grayscale (print: ranges told apart by dashes and
    /// hatching) or dark (slides).
    #[arg(long, value_name = "NAME")]
    theme: Option<String>,

    /// A title printed on the map.
    #[arg(long, value_name = "TEXT")]
    title: Option<String>,

    /// A line under the title.
    #[arg(long, value_name = "TEXT")]
    subtitle: Option<String>,

    /// Label no places (by default national capitals are labelled where there is room).
    #[arg(long = "no-places")]
    no_places: bool,

    /// Output files; the format follows the extension (.svg, .png, .pdf). Repeatable.
    #[arg(short = 'o', long = "output", value_name = "FILE", required = true)]
    outputs: Vec<String>,
}

#[derive(Debug, clap::Args)]
struct ReachArgs {
    /// A scenario file: its sites, systems and bands. Without one, give --site and --range-km
    /// or --band.
    #[arg(value_name = "SCENARIO.toml")]
    scenario: Option<String>,

    #[command(flatten)]
    ranges: RangeArgs,

    #[command(flatten)]
    report: ReportArgs,

    /// List at most this many places per site and range, nearest first (default: 20 in table
    /// and markdown, all in csv and json).
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    limit: Option<String>,

    /// CSV: one row of totals per site and range instead of one row per place.
    #[arg(long)]
    totals: bool,

    /// Output file, or - for standard output (the default).
    #[arg(short = 'o', long = "output", value_name = "FILE", default_value = "-")]
    output: String,
}

/// What `reach` and `compare` count and how they write it.
#[derive(Debug, clap::Args)]
struct ReportArgs {
    /// Which places: capitals, cities (every place in the gazetteer: GeoNames places of 15,000
    /// or more people and all capitals), or a CSV or GeoJSON file of your own.
    #[arg(long, value_name = "capitals|cities|FILE", default_value = "cities")]
    places: String,

    /// Only places of at least this many people.
    #[arg(long = "min-population", value_name = "N", allow_hyphen_values = true)]
    min_population: Option<String>,

    /// Output format: table (for reading), markdown, csv or json.
    #[arg(long, value_name = "FORMAT", default_value = "table")]
    format: String,

    /// Skip measuring each country's land within range.
    #[arg(long = "no-land")]
    no_land: bool,
}

#[derive(Debug, clap::Args)]
struct CompareArgs {
    /// The scenario whose sites are compared.
    #[arg(value_name = "SCENARIO.toml")]
    scenario: String,

    #[command(flatten)]
    report: ReportArgs,

    /// Where the table goes, or - for standard output (the default).
    #[arg(short = 'o', long = "output", value_name = "FILE", default_value = "-")]
    output: String,

    /// Also draw the comparison figure to this file (.svg, .png or .pdf). Repeatable.
    #[arg(long, value_name = "FILE")]
    figure: Vec<String>,

    /// Figure colours: light, grayscale or dark.
    #[arg(long, value_name = "NAME")]
    theme: Option<String>,

    /// Figure width in pixels, or give --width-mm and --dpi.
    #[arg(long = "width-px", value_name = "N", conflicts_with = "width_mm", allow_hyphen_values = true)]
    width_px: Option<String>,

    /// Figure width in millimetres.
    #[arg(long = "width-mm", value_name = "W", allow_hyphen_values = true)]
    width_mm: Option<String>,

    /// Figure resolution, dots per inch.
    #[arg(long, value_name = "D", allow_hyphen_values = true)]
    dpi: Option<String>,
}

#[derive(Debug, clap::Args)]
struct CatalogArgs {
    /// A catalog file of your own (same format as assets/catalog/systems.toml), listed with the
    /// built-in one; its entries replace built-in entries of the same id.
    #[arg(long, value_name = "FILE")]
    catalog: Option<String>,
}

pub fn run(args: Args) -> Result<()> {
    match args.command {
        Command::Rings(raw) => rings(RingsJob::from_args(raw)?),
        Command::Render(raw) => render(RenderJob::from_args(*raw)?),
        Command::Reach(raw) => reach(ReachJob::from_args(*raw)?),
        Command::Compare(raw) => compare(*raw),
        Command::Catalog(raw) => catalog(raw),
    }
}

/// Validated sites and ranges.
/// Most sites one command line may give.
const MAX_CLI_SITES: usize = 10_000;

/// Largest number of vertices `rings` will write (an estimate from the sites, ranges and
/// tolerance): about 2 GB of GeoJSON.
const MAX_RING_VERTICES: f64 = 50e6;

fn sites_and_reaches(raw: &RangeArgs) -> Result<(Vec<Site>, Vec<Reach>), Error> {
    if raw.sites.is_empty() {
        return Err(Error::invalid("--site", "", "give at least one --site NAME=LAT,LON"));
    }
    if raw.sites.len() > MAX_CLI_SITES {
        return Err(Error::invalid(
            "--site",
            &format!("{} sites", raw.sites.len()),
            format!("at most {MAX_CLI_SITES} sites per run; split them over several runs"),
        ));
    }
    let sites = raw.sites.iter().map(|s| Site::parse_spec(s)).collect::<Result<Vec<_>, _>>()?;
    for (k, site) in sites.iter().enumerate() {
        if sites[..k].iter().any(|other| other.name() == site.name()) {
            return Err(Error::invalid("--site", site.name(), "site names must be unique: outputs are keyed by them"));
        }
    }
    let mut reaches = Vec::new();
    for list in &raw.ranges_km {
        refuse_thousands_separator(list, "--range-km")?;
        for text in list.split(',') {
            let km = parse_number(text, "--range-km")?;
            reaches.push(Reach::Within(Radius::from_km(km, "--range-km")?));
        }
    }
    for text in &raw.bands {
        let Some((min, max)) = text.split_once(':') else {
            return Err(Error::Invalid {
                field: "--band".into(),
                value: text.clone(),
                reason: "expected MIN:MAX in km, e.g. 500:5500".into(),
            });
        };
        let min = Radius::from_km(parse_number(min, "--band minimum")?, "--band minimum")?;
        let max = Radius::from_km(parse_number(max, "--band maximum")?, "--band maximum")?;
        reaches.push(Reach::band(min, max, "--band")?);
    }
    if reaches.is_empty() {
        return Err(Error::Invalid {
            field: "--range-km / --band".into(),
            value: String::new(),
            reason: "nothing to compute: give at least one --range-km or --band".into(),
        });
    }
    Ok((sites, reaches))
}

/// A `rings` run, validated.
struct RingsJob {
    sites: Vec<Site>,
    reaches: Vec<Reach>,
    tolerance: Tolerance,
    decimals: u8,
    output: Output,
}

impl RingsJob {
    fn from_args(raw: RingsArgs) -> Result<RingsJob, Error> {
        let (sites, reaches) = sites_and_reaches(&raw.ranges)?;
        let tolerance = Tolerance::from_m(parse_number(&raw.tolerance_m, "--tolerance-m")?, "--tolerance-m")?;
        let decimals = match raw.precision.trim().parse::<u8>() {
            Ok(d) if d <= 15 => d,
            _ => {
                return Err(Error::OutOfRange {
                    field: "--precision".into(),
                    value: raw.precision.clone(),
                    allowed: "a whole number from 0 to 15".into(),
                });
            }
        };
        // A 5,500 km ring takes about 1,300 vertices at 10 m; vertices grow as 1/√tolerance.
        let features = (sites.len() * reaches.len()) as f64;
        let vertices = features * 1_300.0 * (10.0 / tolerance.meters()).sqrt();
        if vertices > MAX_RING_VERTICES {
            return Err(Error::invalid(
                "--site × --range-km × --tolerance-m",
                &format!("{} rings at {} m ≈ {:.0} million vertices", features, tolerance.meters(), vertices / 1e6),
                format!(
                    "at most {:.0} million vertices (about 2 GB of GeoJSON) per run; raise --tolerance-m or split the sites",
                    MAX_RING_VERTICES / 1e6
                ),
            ));
        }
        let output = Output::parse(&raw.output, "--output")?;
        Ok(RingsJob { sites, reaches, tolerance, decimals, output })
    }
}

fn rings(job: RingsJob) -> Result<()> {
    use rayon::prelude::*;
    // Every site × range is independent: computed in parallel, collected in input order.
    let pairs: Vec<(&Site, &Reach)> = job.sites.iter().flat_map(|s| job.reaches.iter().map(move |r| (s, r))).collect();
    let features: Vec<RangeFeature> = pairs
        .par_iter()
        .map(|&(site, reach)| RangeFeature {
            site: site.clone(),
            reach: *reach,
            region: reach.region(site, job.tolerance),
        })
        .collect();
    let collection = feature_collection(&features, job.decimals);
    job.output.write_with(|out| {
        serde_json::to_writer(&mut *out, &collection)?;
        out.write_all(b"\n")
    })?;
    Ok(())
}

/// A `render` run, validated.
struct RenderJob {
    spec: MapSpec,
    outputs: Vec<(Output, Format)>,
}

impl RenderJob {
    fn from_args(raw: RenderArgs) -> Result<RenderJob, Error> {
        let given = |text: &Option<String>, field: &'static str| -> Result<Option<(f64, String)>, Error> {
            text.as_ref().map(|t| Ok((parse_number(t, field)?, field.to_string()))).transpose()
        };
        let cli_px = given(&raw.width_px, "--width-px")?;
        let cli_mm = given(&raw.width_mm, "--width-mm")?;
        let cli_dpi = given(&raw.dpi, "--dpi")?;
        let cli_frame = match (&raw.proj, &raw.extent, &raw.extent_lonlat) {
            (Some(definition), Some(extent), _) => {
                Projection::new(definition, "--proj")?;
                Some(FrameSpec::Projected { definition: definition.clone(), extent: parse_extent(extent)? })
            }
            (Some(definition), None, Some(lonlat)) => {
                Projection::new(definition, "--proj")?;
                let values: Vec<f64> =
                    lonlat.split(',').map(|v| parse_number(v, "--extent-lonlat")).collect::<Result<_, _>>()?;
                let bounds: [f64; 4] = values.try_into().map_err(|_| {
                    Error::invalid("--extent-lonlat", lonlat, "expected four numbers WEST,SOUTH,EAST,NORTH")
                })?;
                Some(FrameSpec::LonLatBox { definition: definition.clone(), bounds })
            }
            (Some(definition), None, None) => {
                return Err(Error::invalid(
                    "--proj",
                    definition,
                    "give the area to show with --extent or --extent-lonlat",
                ));
            }
            (None, ..) => {
                raw.preset.as_ref().map(|p| Preset::parse(p, "--preset").map(FrameSpec::Preset)).transpose()?
            }
        };
        let cli_theme = raw.theme.as_ref().map(|t| Theme::parse(t, "--theme")).transpose()?;

        let scenario = match &raw.scenario {
            Some(path) => {
                let flags = [
                    ("--site", !raw.ranges.sites.is_empty()),
                    ("--range-km", !raw.ranges.ranges_km.is_empty()),
                    ("--band", !raw.ranges.bands.is_empty()),
                ];
                if let Some((flag, _)) = flags.iter().find(|(_, given)| *given) {
                    return Err(Error::invalid(
                        flag,
                        path,
                        "sites and ranges come from the scenario file; add them there, or drop the file and give them all as options",
                    ));
                }
                Scenario::from_file(std::path::Path::new(path))?
            }
            None => {
                let (sites, reaches) = sites_and_reaches(&raw.ranges)?;
                Scenario::from_ranges(sites, reaches)?
            }
        };
        let mut outputs: Vec<(Output, Format)> = Vec::new();
        for text in &raw.outputs {
            let output = Output::parse(text, "--output")?;
            let Output::File(path) = &output else {
                return Err(Error::invalid(
                    "--output",
                    text,
                    "render writes files; give a path ending in .svg, .png or .pdf",
                ));
            };
            let format = Format::from_path(path)
                .ok_or_else(|| Error::invalid("--output", text, "unknown file extension; allowed: .svg, .png, .pdf"))?;
            if outputs.iter().any(|(o, _)| *o == output) {
                return Err(Error::invalid("--output", text, "the same file is given twice"));
            }
            if let Some(scenario) = &raw.scenario
                && same_file(path, std::path::Path::new(scenario))
            {
                return Err(Error::invalid("--output", text, "this is the scenario file; choose another output path"));
            }
            outputs.push((output, format));
        }
        let overrides = Overrides {
            frame: cli_frame,
            width_px: cli_px,
            width_mm: cli_mm,
            dpi: cli_dpi,
            theme: cli_theme,
            title: raw.title,
            subtitle: raw.subtitle,
            no_places: raw.no_places,
        };
        let spec = scenario.into_map_spec(overrides)?;
        Ok(RenderJob { spec, outputs })
    }
}

/// Whether two paths name the same file (an output that would overwrite an input).
fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

fn parse_extent(text: &str) -> Result<geo::Rect, Error> {
    let values: Vec<f64> = text.split(',').map(|v| parse_number(v, "--extent")).collect::<Result<_, _>>()?;
    let [x0, y0, x1, y1] = values[..] else {
        return Err(Error::invalid("--extent", text, "expected four numbers XMIN,YMIN,XMAX,YMAX"));
    };
    if !(x0 < x1 && y0 < y1) || values.iter().any(|v| !v.is_finite()) {
        return Err(Error::invalid("--extent", text, "empty or inverted: XMIN must be below XMAX and YMIN below YMAX"));
    }
    Ok(geo::Rect::new((x0, y0), (x1, y1)))
}

fn render(job: RenderJob) -> Result<()> {
    use rayon::prelude::*;
    let scene = compose(&job.spec)?;
    let svg = render_svg(&scene);
    // PNG and PDF share one parse of the SVG, and are made in parallel.
    let tree = if job.outputs.iter().any(|(_, f)| *f != Format::Svg) { Some(svg_tree(&svg)?) } else { None };
    // Every output is made in memory first, so a failure leaves no file changed.
    let files: Vec<(&Output, Vec<u8>)> = job
        .outputs
        .par_iter()
        .map(|(output, format)| {
            let bytes = match (format, &tree) {
                (Format::Png, Some(tree)) => render_png(&scene, tree)?,
                (Format::Pdf, Some(tree)) => render_pdf(&scene, tree)?,
                _ => svg.clone().into_bytes(),
            };
            Ok((output, bytes))
        })
        .collect::<Result<_, Error>>()?;
    write_all(&files)
}

/// Writes every file, all or none: see [`reachmap::output::write_files`].
fn write_all(files: &[(&Output, Vec<u8>)]) -> Result<()> {
    let mut paths = Vec::with_capacity(files.len());
    for (output, bytes) in files {
        match output {
            Output::File(path) => paths.push((path.as_path(), bytes.as_slice())),
            Output::Stdout => output.write_with(|out| out.write_all(bytes))?,
        }
    }
    reachmap::output::write_files(&paths)?;
    Ok(())
}

/// The formats `reach` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ReportFormat {
    Table,
    Markdown,
    Csv,
    Json,
}

impl ReportFormat {
    fn parse(text: &str) -> Result<ReportFormat, Error> {
        match text {
            "table" => Ok(ReportFormat::Table),
            "markdown" | "md" => Ok(ReportFormat::Markdown),
            "csv" => Ok(ReportFormat::Csv),
            "json" => Ok(ReportFormat::Json),
            other => Err(Error::invalid("--format", other, "allowed: table, markdown, csv, json")),
        }
    }
}

/// A `reach` run, validated.
struct ReachJob {
    sites: Vec<Site>,
    overlays: Vec<reachmap::map::Overlay>,
    places: Vec<reachmap::places::Place>,
    gazetteer: bool,
    format: ReportFormat,
    limit: Option<usize>,
    totals: bool,
    land: bool,
    output: Output,
}

impl ReachJob {
    fn from_args(raw: ReachArgs) -> Result<ReachJob, Error> {
        let scenario = match &raw.scenario {
            Some(path) => {
                if !raw.ranges.sites.is_empty() || !raw.ranges.ranges_km.is_empty() || !raw.ranges.bands.is_empty() {
                    return Err(Error::invalid(
                        "--site/--range-km/--band",
                        path,
                        "sites and ranges come from the scenario file; add them there, or drop the file",
                    ));
                }
                Scenario::from_file(std::path::Path::new(path))?
            }
            None => {
                let (sites, reaches) = sites_and_reaches(&raw.ranges)?;
                Scenario::from_ranges(sites, reaches)?
            }
        };
        let format = ReportFormat::parse(&raw.report.format)?;
        let limit = match &raw.limit {
            Some(text) => match text.trim().parse::<usize>() {
                Ok(n) => Some(n),
                Err(_) => return Err(Error::invalid("--limit", text, "expected a whole number of places, 0 or more")),
            },
            None if matches!(format, ReportFormat::Table | ReportFormat::Markdown) => Some(20),
            None => None,
        };
        let (places, gazetteer) = choose_places(&raw.report.places, raw.report.min_population.as_deref())?;
        let output = Output::parse(&raw.output, "--output")?;
        if let (Output::File(out), Some(input)) = (&output, &raw.scenario)
            && same_file(out, std::path::Path::new(input))
        {
            return Err(Error::invalid(
                "--output",
                &raw.output,
                "this is the scenario file; choose another output path",
            ));
        }
        if let Output::File(out) = &output
            && same_file(out, std::path::Path::new(&raw.report.places))
        {
            return Err(Error::invalid("--output", &raw.output, "this is the places file; choose another output path"));
        }
        Ok(ReachJob {
            sites: scenario.sites,
            overlays: scenario.overlays,
            places,
            gazetteer,
            format,
            limit,
            totals: raw.totals,
            land: !raw.report.no_land,
            output,
        })
    }
}

/// The places `--places` and `--min-population` choose, and whether they are the gazetteer's.
fn choose_places(which: &str, min_population: Option<&str>) -> Result<(Vec<reachmap::places::Place>, bool), Error> {
    let (mut places, gazetteer) = match which {
        "cities" => (reachmap::places::gazetteer()?.to_vec(), true),
        "capitals" => (reachmap::scenario::capitals()?, true),
        path => (reachmap::places::from_file(std::path::Path::new(path))?, false),
    };
    if let Some(text) = min_population {
        let n =
            text.trim().replace([',', '_'], "").parse::<u64>().map_err(|_| {
                Error::invalid("--min-population", text, "expected a whole number of people, e.g. 1000000")
            })?;
        places.retain(|p| p.population >= n);
    }
    Ok((places, gazetteer))
}

fn compare(raw: CompareArgs) -> Result<()> {
    use reachmap::export::reach as report;
    let format = ReportFormat::parse(&raw.report.format)?;
    let scenario = Scenario::from_file(std::path::Path::new(&raw.scenario))?;
    if scenario.sites.is_empty() {
        return Err(Error::invalid(&raw.scenario, "", "the scenario has no [[sites]] to compare").into());
    }
    let frame = scenario.frame.clone().unwrap_or(FrameSpec::Preset(Preset::Europe));
    let given = |text: &Option<String>, field: &'static str| -> Result<Option<(f64, String)>, Error> {
        text.as_ref().map(|t| Ok((parse_number(t, field)?, field.to_string()))).transpose()
    };
    let overrides = Overrides {
        width_px: given(&raw.width_px, "--width-px")?,
        width_mm: given(&raw.width_mm, "--width-mm")?,
        dpi: given(&raw.dpi, "--dpi")?,
        theme: raw.theme.as_ref().map(|t| Theme::parse(t, "--theme")).transpose()?,
        ..Overrides::default()
    };
    let (places, gazetteer) = choose_places(&raw.report.places, raw.report.min_population.as_deref())?;
    let output = Output::parse(&raw.output, "--output")?;
    let mut figures = Vec::new();
    for text in &raw.figure {
        let output = Output::parse(text, "--figure")?;
        let Output::File(path) = &output else {
            return Err(Error::invalid("--figure", text, "give a path ending in .svg, .png or .pdf").into());
        };
        let format = Format::from_path(path)
            .ok_or_else(|| Error::invalid("--figure", text, "unknown file extension; allowed: .svg, .png, .pdf"))?;
        if same_file(path, std::path::Path::new(&raw.scenario)) {
            return Err(Error::invalid("--figure", text, "this is the scenario file; choose another path").into());
        }
        figures.push((output, format));
    }
    let spec = scenario.into_map_spec(overrides)?;
    let index = reachmap::reach::PlaceIndex::new(places);
    let results = reachmap::reach::report(&index, &spec.sites, &spec.overlays, !raw.report.no_land)?;
    let text = match format {
        ReportFormat::Table => report::compare_table(&results, gazetteer),
        ReportFormat::Markdown => report::compare_markdown(&results, gazetteer),
        ReportFormat::Csv => report::csv_totals(&results),
        ReportFormat::Json => {
            serde_json::to_string_pretty(&report::json(&results, index.places(), Some(0), gazetteer))? + "\n"
        }
    };
    // Everything is made before anything is written.
    let mut files = Vec::new();
    if !figures.is_empty() {
        let scene = reachmap::map::compare_figure(&spec, &frame, &index)?;
        let svg = render_svg(&scene);
        let tree = if figures.iter().any(|(_, f)| *f != Format::Svg) { Some(svg_tree(&svg)?) } else { None };
        for (out, format) in &figures {
            let bytes = match (format, &tree) {
                (Format::Png, Some(tree)) => render_png(&scene, tree)?,
                (Format::Pdf, Some(tree)) => render_pdf(&scene, tree)?,
                _ => svg.clone().into_bytes(),
            };
            files.push((out, bytes));
        }
    }
    files.push((&output, text.into_bytes()));
    write_all(&files)
}

fn reach(job: ReachJob) -> Result<()> {
    use reachmap::export::reach as report;
    let index = reachmap::reach::PlaceIndex::new(job.places);
    let results = reachmap::reach::report(&index, &job.sites, &job.overlays, job.land)?;
    let places = index.places();
    let text = match job.format {
        ReportFormat::Table => report::table(&results, places, job.limit, job.gazetteer),
        ReportFormat::Markdown => report::markdown(&results, places, job.limit, job.gazetteer),
        ReportFormat::Csv if job.totals => report::csv_totals(&results),
        ReportFormat::Csv => report::csv_places(&results, places),
        ReportFormat::Json => {
            let value = report::json(&results, places, job.limit, job.gazetteer);
            serde_json::to_string_pretty(&value)? + "\n"
        }
    };
    job.output.write_with(|out| out.write_all(text.as_bytes()))?;
    Ok(())
}

fn catalog(raw: CatalogArgs) -> Result<()> {
    use reachmap::catalog::{Basis, Catalog, RangeKm};
    use reachmap::export::geojson::format_km;
    let mut catalog = Catalog::builtin()?;
    if let Some(path) = &raw.catalog {
        catalog.merge(Catalog::from_file(std::path::Path::new(path))?);
    }
    let range = |r: &RangeKm| match r {
        RangeKm::Single(km) => format!("{} km", format_km(*km)),
        RangeKm::LowHigh([low, high]) => format!("{}–{} km", format_km(*low), format_km(*high)),
    };
    let mut text = String::from("Systems (range drawn; the figures behind it):\n");
    for s in &catalog.systems {
        text.push_str(&format!("\n{:<12} {} — {}, {}\n", s.id, s.name, s.country, s.kind));
        text.push_str(&format!("{:<12} range: {}\n", "", range(&s.range_km)));
        for f in &s.figures {
            let basis = match f.basis {
                Basis::Claim => "claim",
                Basis::Assessment => "assessment",
                Basis::Reported => "reported",
                Basis::Requirement => "requirement",
            };
            text.push_str(&format!("{:<12} {} {}: {} ({})\n", "", basis, range(&f.range_km), f.source, f.date));
            if let Some(note) = &f.note {
                text.push_str(&format!("{:<14} {note}\n", ""));
            }
        }
    }
    text.push_str("\nBand sets:\n");
    for set in &catalog.band_sets {
        let bands: Vec<String> = set
            .bands
            .iter()
            .map(|b| format!("{} {}–{} km", b.name, format_km(b.min_km), format_km(b.max_km)))
            .collect();
        text.push_str(&format!(
            "\n{:<12} {}: {}\n{:<12} source: {}\n",
            set.id,
            set.name,
            bands.join("; "),
            "",
            set.source
        ));
    }
    Output::Stdout.write_with(|out| out.write_all(text.as_bytes()))?;
    Ok(())
}

/// Refuses `5,500` and the like: the comma separates ranges, so it would silently mean 5 km and
/// 500 km where the user almost certainly meant 5,500 km.
fn refuse_thousands_separator(list: &str, field: &str) -> Result<(), Error> {
    let parts: Vec<&str> = list.split(',').map(str::trim).collect();
    let digits =
        |p: &str, n: std::ops::RangeInclusive<usize>| n.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
    if parts.len() > 1 && digits(parts[0], 1..=2) && parts[1..].iter().all(|p| digits(p, 3..=3)) {
        return Err(Error::Invalid {
            field: field.into(),
            value: list.into(),
            reason: format!(
                "looks like a number with a thousands separator; commas separate ranges, so write {} (or {} for several ranges)",
                parts.concat(),
                parts.join(" --range-km ")
            ),
        });
    }
    Ok(())
}

/// A number as typed on the command line; `1,000`-style grouping is not accepted because the
/// comma separates values.
fn parse_number(text: &str, field: &str) -> Result<f64, Error> {
    text.trim().parse::<f64>().map_err(|_| Error::Invalid {
        field: field.into(),
        value: text.into(),
        reason: "expected a number".into(),
    })
}
