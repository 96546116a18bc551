//! `reachmap sweep`: the value of every candidate site in a region — what lies within range of
//! it — as a ranked CSV, GeoJSON points and a map.

use std::path::Path;

use anyhow::Result;
use reachmap::catalog::Catalog;
use reachmap::export::figure::{self, FigureFormat};
use reachmap::frame::PageSize;
use reachmap::map::{Look, sweep_map_spec};
use reachmap::output::{Output, files_by_extension, write_all};
use reachmap::render::Format;
use reachmap::sweep::{Ask, Choice, Given, SweepRequest, Swept, Where};
use reachmap::theme::Theme;
use reachmap::{Error, Field};

use super::render::compose_saying_what_is_left_out;
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

    /// A target counted by --metric targets, as render and reach take one: NAME=LAT,LON, a
    /// position, or a name (gazetteer and strategic places). Repeatable; joins --targets.
    #[arg(long = "target", value_name = "NAME[=LAT,LON]")]
    target: Vec<String>,

    /// Which places are counted: capitals, cities (the gazetteer: GeoNames places of 15,000 or
    /// more people and all capitals), or a CSV or GeoJSON file of your own.
    #[arg(long, value_name = "capitals|cities|FILE", default_value = "cities")]
    places: String,

    /// Only places of at least this many people.
    #[arg(long = "min-population", value_name = "N", allow_hyphen_values = true)]
    min_population: Option<String>,

    /// For a system with a low and a high figure, which to rank and draw by: low (in range
    /// under every figure; the map marks where the high figure adds) or high.
    #[arg(long, value_name = "low|high")]
    figure: Option<String>,

    /// How many of the best sites the map stars and labels.
    #[arg(long, value_name = "N", default_value = "5", allow_hyphen_values = true)]
    best: String,

    /// Map colours: light, grayscale or dark.
    #[arg(long, value_name = "NAME")]
    theme: Option<String>,

    #[command(flatten)]
    page: PageArgs,

    #[command(flatten)]
    earth: super::EarthArgs,

    /// The map's title.
    #[arg(long, value_name = "TEXT")]
    title: Option<String>,

    /// The map's subtitle.
    #[arg(long, value_name = "TEXT")]
    subtitle: Option<String>,

    /// Count the population within range from a raster of people per cell (a single-band
    /// GeoTIFF in longitude/latitude: GPW v4, GHS-POP's WGS84 variant, WorldPop) instead of the
    /// places' populations: a cell counts when its centre is within range.
    #[arg(long = "population-grid", value_name = "FILE.tif")]
    population_grid: Option<String>,

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
    let mut request = request(&raw)?;
    let earth = match &raw.earth.earth {
        Some(text) => reachmap::rotation::Earth::parse(text.trim(), "--earth")?,
        None => reachmap::rotation::Earth::NonRotating,
    };
    if let Some(note) = request.over(earth, raw.earth.ballistic) {
        eprintln!("note: {note}");
    }
    if request.rotating() {
        eprintln!("note: each place counted by the range in its direction: {}", reachmap::rotation::LIMITS);
    }
    let look = look(&raw)?;
    let mut inputs: Vec<(&Path, &str)> = Vec::new();
    inputs.extend(raw.area.iter().map(|a| (Path::new(a.as_str()), "the area file")));
    inputs.extend(raw.candidates.iter().map(|c| (Path::new(c.as_str()), "the candidates file")));
    inputs.extend(raw.targets.iter().map(|t| (Path::new(t.as_str()), "the targets file")));
    inputs.push((Path::new(&raw.places), "the places file"));
    inputs.extend(raw.population_grid.iter().map(|g| (Path::new(g.as_str()), "the population grid")));
    let outputs = files_by_extension(&raw.outputs, "--output", kind_of, EXTENSIONS, &inputs)?;

    let outcome =
        request.run().map_err(|e| e.naming(Field::Range, "--range-km / --band / --system with --earth rotating"))?;
    // Everything is made before anything is written.
    let mut files: Vec<(&Output, Vec<u8>)> = Vec::new();
    let metric = outcome.request.counting.metric;
    let label = match outcome.request.rotating() {
        true => format!("{}, {}", outcome.request.sweeping.label(), reachmap::rotation::KEY_ROW),
        false => outcome.request.sweeping.label(),
    };
    let grid = outcome.request.counting.grid.is_some();
    for (output, kind) in &outputs {
        match kind {
            Kind::Csv => {
                let text =
                    reachmap::export::sweep::csv(&outcome.ranked, &outcome.best, metric, outcome.estimate(), grid)?;
                files.push((output, text.into_bytes()));
            }
            Kind::GeoJson => {
                let collection = reachmap::export::sweep::geojson(
                    &outcome.ranked,
                    &outcome.best,
                    metric,
                    &label,
                    outcome.estimate(),
                    grid,
                );
                files.push((output, collection.to_string().into_bytes()));
            }
            Kind::Map(_) => {}
        }
    }
    let maps: Vec<(&Output, Format)> =
        outputs.iter().filter_map(|(o, k)| if let Kind::Map(f) = k { Some((o, *f)) } else { None }).collect();
    if !maps.is_empty() {
        let spec = sweep_map_spec(&outcome, look)?;
        let formats: Vec<FigureFormat> = maps.iter().map(|(_, f)| FigureFormat::Map(*f)).collect();
        let drawn = figure::outputs(&spec, &formats, || compose_saying_what_is_left_out(&spec))?;
        files.extend(maps.iter().map(|(o, _)| *o).zip(drawn));
    }
    write_all(&files)?;
    Ok(())
}

/// The sweep asked for, checked (by the library, as a scenario's `[sweep]` is).
fn request(raw: &SweepArgs) -> Result<SweepRequest, Error> {
    let number = |text: &str, field: &str| parse_number(text, field).map(|v| Given::new(v, field));
    let mut sources = Vec::new();
    let countries: Vec<String> = raw
        .countries
        .iter()
        .flat_map(|list| list.split(','))
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .collect();
    if !raw.countries.is_empty() {
        sources.push(Given::new(Where::Countries(countries), "--country"));
    }
    if let Some(path) = &raw.area {
        sources.push(Given::new(Where::Area(path.into()), "--area"));
    }
    if let Some(text) = &raw.extent_lonlat {
        let values = text.split(',').map(|v| parse_number(v, "--extent-lonlat")).collect::<Result<_, _>>()?;
        sources.push(Given::new(Where::Box(values), "--extent-lonlat"));
    }
    if let Some(path) = &raw.candidates {
        sources.push(Given::new(Where::Candidates(path.into()), "--candidates"));
    }
    let mut ranges = Vec::new();
    if let Some(r) = &raw.range_km {
        ranges.push(Given::new(Swept::Km(parse_range_km(r, "--range-km")?), "--range-km"));
    }
    if let Some(band) = &raw.band {
        let Some((min, max)) = band.split_once(':') else {
            return Err(Error::invalid("--band", band, "expected MIN:MAX in km, e.g. 500:5500"));
        };
        let (min, max) = (parse_number(min, "--band minimum")?, parse_number(max, "--band maximum")?);
        ranges.push(Given::new(Swept::Band(min, max), "--band"));
    }
    if let Some(id) = &raw.system {
        let catalog = Catalog::builtin()?;
        let Some(system) = catalog.system(id.trim()) else {
            return Err(Error::invalid("--system", id, catalog.unknown_system(id)));
        };
        ranges.push(Given::new(Swept::System(Box::new(system.clone())), "--system"));
    }
    let min_population = match &raw.min_population {
        Some(text) => Some(Given::new(
            text.trim().replace([',', '_'], "").parse::<u64>().map_err(|_| {
                Error::invalid("--min-population", text, "expected a whole number of people, e.g. 1000000")
            })? as f64,
            "--min-population",
        )),
        None => None,
    };
    Ask {
        sources,
        sources_choice: Choice {
            field: "--country / --area / --extent-lonlat / --candidates".into(),
            hint: "--country NAME, --area FILE.geojson, --extent-lonlat W,S,E,N or --candidates FILE.csv".into(),
        },
        step_km: raw.step_km.as_deref().map(|s| number(s, "--step-km")).transpose()?,
        ranges,
        ranges_choice: Choice {
            field: "--range-km / --band / --system".into(),
            hint: "--range-km R, --band MIN:MAX or --system ID".into(),
        },
        metric: Some(Given::new(raw.metric.clone(), "--metric")),
        metric_field: "--metric".into(),
        targets: raw.targets.as_ref().map(|t| Given::new(t.into(), "--targets")),
        targets_field: "--targets".into(),
        named_targets: if raw.target.is_empty() {
            None
        } else {
            let places = raw
                .target
                .iter()
                .map(|t| reachmap::target::Target::parse(t, "--target").map(|t| t.as_place()))
                .collect::<Result<Vec<_>, Error>>()?;
            Some(Given::new(places, "--target"))
        },
        places: Given::new((raw.places.clone(), raw.places.clone()), "--places"),
        min_population,
        best: Some(number(&raw.best, "--best")?),
        figure: raw.figure.as_ref().map(|f| Given::new(f.clone(), "--figure")),
        population_grid: raw.population_grid.as_ref().map(|g| Given::new(g.into(), "--population-grid")),
    }
    .check()
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
