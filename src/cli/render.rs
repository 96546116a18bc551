//! `reachmap render`: a map from a scenario file or from sites and ranges, as SVG, PNG and PDF.

use anyhow::Result;
use reachmap::Error;
use reachmap::frame::{FrameSpec, Preset, Projection};
use reachmap::map::{MapSpec, Theme, compose};
use reachmap::output::Output;
use reachmap::render::{Format, render_pdf, render_png, render_svg, svg_tree};
use reachmap::scenario::Overrides;

use super::{PageArgs, RangeArgs, parse_number, same_file, scenario_or_ranges, write_all};

#[derive(Debug, clap::Args)]
pub(super) struct RenderArgs {
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

    #[command(flatten)]
    page: PageArgs,

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

/// A `render` run, validated.
struct RenderJob {
    spec: MapSpec,
    outputs: Vec<(Output, Format)>,
}

impl RenderJob {
    fn from_args(raw: RenderArgs) -> Result<RenderJob, Error> {
        let [cli_px, cli_mm, cli_dpi] = raw.page.parsed()?;
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

        let scenario = scenario_or_ranges(raw.scenario.as_deref(), &raw.ranges)?;
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

pub(super) fn run(raw: RenderArgs) -> Result<()> {
    let job = RenderJob::from_args(raw)?;
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
