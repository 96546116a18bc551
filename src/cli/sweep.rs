//! `reachmap sweep`: the value of every candidate site in a region — what lies within range of
//! it — as a ranked CSV, GeoJSON points and a map.

use std::path::Path;

use anyhow::Result;
use reachmap::Error;
use reachmap::Radius;
use reachmap::catalog::Catalog;
use reachmap::frame::PageSize;
use reachmap::map::{Look, Theme, compose, sweep_map_spec};
use reachmap::output::{Output, files_by_extension, write_all};
use reachmap::range::Reach;
use reachmap::render::{Format, render};
use reachmap::sweep::{Counting, Metric, Region, Request, Source, Sweeping, candidates_from_file};

use super::{PageArgs, parse_number, parse_range_km};

#[derive(Debug, clap::Args)]
pub(super) struct SweepArgs {
    /// Candidates over a country's land (Natural Earth 1:50m), e.g. Poland; repeat (or separate
    /// by commas) for several countries swept as one region.
    #[arg(long = "country", value_name = "NAME")]
    countries: Vec<String>,

    /// Candidates over the polygons of a GeoJSON file.
    #[arg(long, value_name = "FILE.geojson")]
    area: Option<String>,

    /// Candidates over a lon/lat box WEST,SOUTH,EAST,NORTH (degrees; EAST below WEST across 180°).
    #[arg(long = "extent-lonlat", value_name = "W,S,E,N", allow_hyphen_values = true)]
    extent_lonlat: Option<String>,

    /// Candidates from a file: CSV with name, lat, lon columns, or GeoJSON points.
    #[arg(long, value_name = "FILE.csv")]
    candidates: Option<String>,

    /// The range, km: everything closer than R.
    #[arg(long = "range-km", value_name = "R", allow_hyphen_values = true)]
    range_km: Option<String>,

    /// A band MIN:MAX, km: everything at least MIN and less than MAX away.
    #[arg(long, value_name = "MIN:MAX", allow_hyphen_values = true)]
    band: Option<String>,

    /// A catalog system's range (`reachmap catalog`); for a low/high system the value at the
    /// high figure, with the low figure's alongside.
    #[arg(long, value_name = "ID")]
    system: Option<String>,

    /// Grid spacing, km (default: about 10,000 candidates over the region).
    #[arg(long = "step-km", value_name = "S", allow_hyphen_values = true)]
    step_km: Option<String>,

    /// What a candidate is worth: population (default), capitals, places, or targets (with
    /// --targets).
    #[arg(long, value_name = "METRIC", default_value = "population")]
    metric: String,

    /// The targets counted by --metric targets: CSV (name, lat, lon; optional population, which
    /// breaks ties) or GeoJSON points.
    #[arg(long, value_name = "FILE")]
    targets: Option<String>,

    /// Which places are counted: capitals, cities (the gazetteer: GeoNames places of 15,000 or
    /// more people and all capitals), or a CSV or GeoJSON file of your own.
    #[arg(long, value_name = "capitals|cities|FILE", default_value = "cities")]
    places: String,

    /// Only places of at least this many people.
    #[arg(long = "min-population", value_name = "N", allow_hyphen_values = true)]
    min_population: Option<String>,

    /// How many of the best sites the map stars and labels.
    #[arg(long, value_name = "N", default_value = "5", allow_hyphen_values = true)]
    best: String,

    /// Map colours: light, grayscale or dark.
    #[arg(long, value_name = "NAME")]
    theme: Option<String>,

    #[command(flatten)]
    page: PageArgs,

    /// The map's title.
    #[arg(long, value_name = "TEXT")]
    title: Option<String>,

    /// The map's subtitle.
    #[arg(long, value_name = "TEXT")]
    subtitle: Option<String>,

    /// Output files, by extension: .csv (every candidate, best first), .geojson (candidates as
    /// points), .svg, .png, .pdf (the map). Repeatable.
    #[arg(short = 'o', long = "output", value_name = "FILE", required = true)]
    outputs: Vec<String>,
}

/// What an output file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Csv,
    GeoJson,
    Map(Format),
}

const EXTENSIONS: &str = ".csv, .geojson, .svg, .png, .pdf";

fn kind_of(path: &Path) -> Option<Kind> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    match extension.as_str() {
        "csv" => Some(Kind::Csv),
        "geojson" | "json" => Some(Kind::GeoJson),
        _ => Format::from_path(path).map(Kind::Map),
    }
}

pub(super) fn run(raw: SweepArgs) -> Result<()> {
    let request = request(&raw)?;
    let look = look(&raw)?;
    let mut inputs: Vec<(&Path, &str)> = Vec::new();
    inputs.extend(raw.area.iter().map(|a| (Path::new(a.as_str()), "the area file")));
    inputs.extend(raw.candidates.iter().map(|c| (Path::new(c.as_str()), "the candidates file")));
    inputs.extend(raw.targets.iter().map(|t| (Path::new(t.as_str()), "the targets file")));
    inputs.push((Path::new(&raw.places), "the places file"));
    let outputs = files_by_extension(&raw.outputs, "--output", kind_of, EXTENSIONS, &inputs)?;

    let outcome = request.run()?;
    // Everything is made before anything is written.
    let mut files: Vec<(&Output, Vec<u8>)> = Vec::new();
    let metric = outcome.request.counting.metric;
    let label = outcome.request.sweeping.label();
    for (output, kind) in &outputs {
        match kind {
            Kind::Csv => {
                let text = reachmap::export::sweep::csv(&outcome.ranked, &outcome.best, metric, outcome.estimate())?;
                files.push((output, text.into_bytes()));
            }
            Kind::GeoJson => {
                let collection = reachmap::export::sweep::geojson(
                    &outcome.ranked,
                    &outcome.best,
                    metric,
                    &label,
                    outcome.estimate(),
                );
                files.push((output, collection.to_string().into_bytes()));
            }
            Kind::Map(_) => {}
        }
    }
    let maps: Vec<(&Output, Format)> =
        outputs.iter().filter_map(|(o, k)| if let Kind::Map(f) = k { Some((o, *f)) } else { None }).collect();
    if !maps.is_empty() {
        let scene = compose(&sweep_map_spec(&outcome, look)?)?;
        let formats: Vec<Format> = maps.iter().map(|(_, f)| *f).collect();
        files.extend(maps.iter().map(|(o, _)| *o).zip(render(&scene, &formats)?));
    }
    write_all(&files)?;
    Ok(())
}

/// The sweep asked for, checked.
fn request(raw: &SweepArgs) -> Result<Request, Error> {
    let metric = Metric::parse(&raw.metric, "--metric")?;
    let best = raw
        .best
        .trim()
        .parse::<usize>()
        .ok()
        .filter(|n| *n <= 100)
        .ok_or_else(|| Error::invalid("--best", &raw.best, "expected a whole number of sites from 0 to 100"))?;
    let sweeping = sweeping(raw)?;
    let source = source(raw)?;
    let min_population = match &raw.min_population {
        Some(text) => Some(text.trim().replace([',', '_'], "").parse::<u64>().map_err(|_| {
            Error::invalid("--min-population", text, "expected a whole number of people, e.g. 1000000")
        })?),
        None => None,
    };
    let (places, gazetteer) = reachmap::places::select(&raw.places, min_population)?;
    let description = match raw.places.as_str() {
        which @ ("cities" | "capitals") => reachmap::places::description(which, min_population),
        path => format!("the places in {}", file_name(path)),
    };
    if let (Some(path), false) = (&raw.targets, metric == Metric::Targets) {
        return Err(Error::invalid("--targets", path, "targets are counted only with --metric targets"));
    }
    let targets = match &raw.targets {
        Some(path) => {
            // The file's own errors name it and its line; say it is the targets file.
            let places = reachmap::places::from_file(Path::new(path)).map_err(|e| match e {
                Error::Invalid { field, value, reason } if field == *path => Error::invalid(
                    "--targets",
                    path,
                    format!("{reason}{}", if value.is_empty() { String::new() } else { format!(" ({value})") }),
                ),
                other => other,
            })?;
            Some((places, file_name(path)))
        }
        None => None,
    };
    if places.is_empty() && metric != Metric::Targets {
        return Err(Error::invalid(
            "--min-population",
            raw.min_population.as_deref().unwrap_or(""),
            "no place has that many people: nothing to count",
        ));
    }
    let counting = Counting::new(metric, (places, gazetteer, description), targets, "--metric", "--targets")?;
    Ok(Request { source, sweeping, counting, best })
}

/// The range: exactly one of --range-km, --band, --system.
fn sweeping(raw: &SweepArgs) -> Result<Sweeping, Error> {
    match (&raw.range_km, &raw.band, &raw.system) {
        (Some(r), None, None) => {
            let km = parse_range_km(r, "--range-km")?;
            Ok(Sweeping::reach(Reach::Within(Radius::from_km(km, "--range-km")?)))
        }
        (None, Some(band), None) => {
            let Some((min, max)) = band.split_once(':') else {
                return Err(Error::invalid("--band", band, "expected MIN:MAX in km, e.g. 500:5500"));
            };
            let min = Radius::from_km(parse_number(min, "--band minimum")?, "--band minimum")?;
            let max = Radius::from_km(parse_number(max, "--band maximum")?, "--band maximum")?;
            Ok(Sweeping::reach(Reach::band(min, max, "--band")?))
        }
        (None, None, Some(id)) => Sweeping::system(&Catalog::builtin()?, id, "--system"),
        (None, None, None) => Err(Error::invalid(
            "--range-km / --band / --system",
            "",
            "give the range to sweep: --range-km R, --band MIN:MAX or --system ID",
        )),
        _ => Err(Error::invalid(
            "--range-km / --band / --system",
            "",
            "give one range to sweep: --range-km, --band or --system, not several",
        )),
    }
}

/// Where the candidates come from: exactly one of --country, --area, --extent-lonlat,
/// --candidates.
fn source(raw: &SweepArgs) -> Result<Source, Error> {
    let given = [!raw.countries.is_empty(), raw.area.is_some(), raw.extent_lonlat.is_some(), raw.candidates.is_some()];
    let which = "--country / --area / --extent-lonlat / --candidates";
    match given.iter().filter(|g| **g).count() {
        0 => {
            return Err(Error::invalid(
                which,
                "",
                "give where the candidates stand: --country NAME, --area FILE.geojson, --extent-lonlat W,S,E,N or --candidates FILE.csv",
            ));
        }
        1 => {}
        _ => return Err(Error::invalid(which, "", "give one source of candidates, not several")),
    }
    let step_km = raw.step_km.as_ref().map(|s| parse_number(s, "--step-km")).transpose()?;
    if let Some(path) = &raw.candidates {
        if let Some(step) = &raw.step_km {
            return Err(Error::invalid("--step-km", step, "the candidates come from --candidates, not a grid"));
        }
        let candidates = candidates_from_file(Path::new(path))?;
        return Ok(Source::List { candidates, name: file_name(path) });
    }
    let region = if !raw.countries.is_empty() {
        let names: Vec<String> = raw
            .countries
            .iter()
            .flat_map(|list| list.split(','))
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty())
            .collect();
        Region::countries(&names, "--country")?
    } else if let Some(path) = &raw.area {
        Region::from_geojson_file(Path::new(path), "--area")?
    } else {
        let text = raw.extent_lonlat.as_deref().unwrap_or_default();
        let values: Vec<f64> = text.split(',').map(|v| parse_number(v, "--extent-lonlat")).collect::<Result<_, _>>()?;
        let bounds: [f64; 4] = values
            .try_into()
            .map_err(|_| Error::invalid("--extent-lonlat", text, "expected four numbers WEST,SOUTH,EAST,NORTH"))?;
        Region::lonlat_box(bounds, "--extent-lonlat")?
    };
    Ok(Source::Region { region, step_km })
}

fn look(raw: &SweepArgs) -> Result<Look, Error> {
    let [width_px, width_mm, dpi] = raw.page.parsed()?;
    let given = |v: &Option<(f64, String)>| v.as_ref().map(|(x, f)| (*x, f.clone()));
    let (px, mm, dots) = (given(&width_px), given(&width_mm), given(&dpi));
    let page = PageSize::resolve(
        px.as_ref().map(|(x, f)| (*x, f.as_str())),
        mm.as_ref().map(|(x, f)| (*x, f.as_str())),
        dots.as_ref().map(|(x, f)| (*x, f.as_str())),
    )?;
    let theme = raw.theme.as_ref().map(|t| Theme::parse(t, "--theme")).transpose()?;
    Ok(Look { page: Some(page), theme, title: raw.title.clone(), subtitle: raw.subtitle.clone() })
}

fn file_name(path: &str) -> String {
    Path::new(path).file_name().map_or_else(|| path.to_string(), |n| n.to_string_lossy().into_owned())
}
