//! `reachmap render`: a map from a scenario file or from sites and ranges, as SVG, PNG and PDF,
//! as HTML for the web, and its ranges as KML or KMZ.

use std::path::Path;

use anyhow::Result;
use reachmap::basemap::Detail;
use reachmap::export::figure::{self, FigureFormat};
use reachmap::frame::{FrameSpec, Preset};
use reachmap::map::{Overrides, scenario_map_spec};
use reachmap::output::{Output, files_by_extension, write_all};
use reachmap::theme::Theme;

use reachmap::{Error, Field};

use super::{AreaArgs, PageArgs, RangeArgs, TargetArgs, parse_number, parse_numbers, scenario_or_ranges};

#[derive(Debug, clap::Args)]
pub(super) struct RenderArgs {
    /// A scenario file (TOML) describing the whole map; the options below override its values.
    /// Without one, give --site and --range-km or --band.
    #[arg(value_name = "SCENARIO.toml")]
    scenario: Option<String>,

    #[command(flatten)]
    ranges: RangeArgs,

    #[command(flatten)]
    areas: AreaArgs,

    #[command(flatten)]
    targets: TargetArgs,

    /// Time rings, minutes, comma-separated or repeated: around every site, for each --system
    /// with a flight profile, the distance it flies in that time (by its profile's model, whose
    /// assumptions the sources line states).
    #[arg(long, value_name = "M[,M...]", allow_hyphen_values = true)]
    minutes: Vec<String>,

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

    #[command(flatten)]
    page: PageArgs,

    /// Colours: light (reports, the default), grayscale (print: ranges told apart by dashes and
    /// hatching) or dark (slides).
    #[arg(long, value_name = "NAME")]
    theme: Option<String>,

    /// Base map detail: 10m, 50m or 110m (Natural Earth's scales). Default: chosen from the
    /// frame's width (1:10m narrower than 3,000 km, 1:110m wider than 15,000 km, else 1:50m).
    #[arg(long, value_name = "10m|50m|110m")]
    detail: Option<String>,

    /// A title printed on the map.
    #[arg(long, value_name = "TEXT")]
    title: Option<String>,

    /// A line under the title.
    #[arg(long, value_name = "TEXT")]
    subtitle: Option<String>,

    /// Label no places (by default national capitals are labelled where there is room).
    #[arg(long = "no-places", conflicts_with = "dependencies")]
    no_places: bool,

    /// Label the seats of dependencies and territories too (Saint Helier, Douglas, Mariehamn,
    /// Nuuk, Hagåtña, ...), not only sovereign states' capitals.
    #[arg(long)]
    dependencies: bool,

    /// Output files; the format follows the extension: .svg, .png, .pdf for the map, .html for
    /// the map for the web (one self-contained file with details on hover), .kml or .kmz for its
    /// ranges (for Google Earth). Repeatable.
    #[arg(short = 'o', long = "output", value_name = "FILE", required_unless_present = "alt_text")]
    outputs: Vec<String>,

    /// Print a text alternative for the figure (its sites, ranges and what lies within each):
    /// the caption of the .html output, for an image's alt text elsewhere.
    #[arg(long = "alt-text")]
    alt_text: bool,
}

pub(super) fn run(raw: RenderArgs) -> Result<()> {
    let [width_px, width_mm, dpi] = raw.page.parsed()?;
    let minutes =
        raw.minutes.iter().map(|list| parse_numbers(list, "--minutes")).collect::<Result<Vec<_>, _>>()?.concat();
    let frame =
        frame_options(raw.preset.as_deref(), raw.proj.as_deref(), raw.extent.as_deref(), raw.extent_lonlat.as_deref())?;
    let theme = raw.theme.as_ref().map(|t| Theme::parse(t, "--theme")).transpose()?;
    let detail = raw.detail.as_ref().map(|d| Detail::parse(d, "--detail")).transpose()?;
    let mut scenario = scenario_or_ranges(raw.scenario.as_deref(), &raw.ranges, raw.areas.parsed()?, &minutes)?;
    scenario.targets.extend(raw.targets.parsed()?);
    scenario.earth = raw.ranges.earth.apply(scenario.earth, &mut scenario.overlays)?;
    if let Some(note) = scenario.sweep.as_mut().and_then(|s| s.over(scenario.earth, raw.ranges.earth.ballistic)) {
        eprintln!("note: {note}");
    }
    let inputs: Vec<(&Path, &str)> = raw.scenario.iter().map(|s| (Path::new(s), "the scenario file")).collect();
    let outputs = files_by_extension(
        &raw.outputs,
        "--output",
        FigureFormat::from_path_or_html,
        FigureFormat::EXTENSIONS_WITH_HTML,
        &inputs,
    )?;
    let overrides = Overrides {
        frame,
        width_px,
        width_mm,
        dpi,
        theme,
        detail,
        title: raw.title,
        subtitle: raw.subtitle,
        no_places: raw.no_places,
        dependencies: raw.dependencies,
    };
    let swept = reachmap::map::scenario_sweep(&mut scenario)?;
    let spec = scenario_map_spec(scenario, swept, overrides).map_err(|e| e.naming(Field::Preset, "--preset"))?;
    // Every output is made in memory first, so a failure leaves no file changed.
    let files = map_outputs(&spec, &outputs)?;
    write_all(&files)?;
    if raw.alt_text {
        println!("{}", reachmap::export::html::alt_text(&spec));
    }
    Ok(())
}

/// Every output's bytes, in order, paired with its file ([`figure::outputs`]).
pub(super) fn outputs_of<'o>(
    spec: &reachmap::map::MapSpec,
    outputs: &'o [(Output, FigureFormat)],
    compose: impl FnOnce() -> reachmap::Result<reachmap::scene::Scene>,
) -> Result<Vec<(&'o Output, Vec<u8>)>> {
    let formats: Vec<FigureFormat> = outputs.iter().map(|(_, f)| *f).collect();
    Ok(outputs.iter().map(|(o, _)| o).zip(figure::outputs(spec, &formats, compose)?).collect())
}

fn map_outputs<'o>(
    spec: &reachmap::map::MapSpec,
    outputs: &'o [(Output, FigureFormat)],
) -> Result<Vec<(&'o Output, Vec<u8>)>> {
    outputs_of(spec, outputs, || compose_saying_what_is_left_out(spec))
}

/// The map's scene, with what it leaves out said on stderr (`not labelled: Vilnius (no room
/// beside Kaliningrad)`): the user learns what the figure does not show.
pub(super) fn compose_saying_what_is_left_out(
    spec: &reachmap::map::MapSpec,
) -> reachmap::Result<reachmap::scene::Scene> {
    let (scene, unlabelled) = reachmap::map::compose_report(spec)?;
    for u in unlabelled {
        eprintln!("not labelled: {} ({})", u.name, u.reason);
    }
    Ok(scene)
}

/// The frame the options choose, if any: `--preset`, or `--proj` with `--extent` or
/// `--extent-lonlat`.
fn frame_options(
    preset: Option<&str>,
    proj: Option<&str>,
    extent: Option<&str>,
    extent_lonlat: Option<&str>,
) -> Result<Option<FrameSpec>, Error> {
    match (proj, extent, extent_lonlat) {
        (Some(definition), Some(extent), _) => {
            let values = four_numbers(extent, "--extent", "XMIN,YMIN,XMAX,YMAX")?;
            FrameSpec::projected(definition, "--proj", values, "--extent").map(Some)
        }
        (Some(definition), None, Some(lonlat)) => {
            let values = four_numbers(lonlat, "--extent-lonlat", "WEST,SOUTH,EAST,NORTH")?;
            FrameSpec::lonlat_box(definition, "--proj", values, "--extent-lonlat").map(Some)
        }
        (Some(definition), None, None) => {
            Err(Error::invalid("--proj", definition, "give the area to show with --extent or --extent-lonlat"))
        }
        (None, ..) => preset.map(|p| Preset::parse(p, "--preset").map(FrameSpec::Preset)).transpose(),
    }
}

/// Four comma-separated numbers, named `names` in the message.
fn four_numbers(text: &str, field: &str, names: &str) -> Result<[f64; 4], Error> {
    let values: Vec<f64> = text.split(',').map(|v| parse_number(v, field)).collect::<Result<_, _>>()?;
    values.try_into().map_err(|_| Error::invalid(field, text, format!("expected four numbers {names}")))
}
