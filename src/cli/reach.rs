//! `reachmap reach` and `reachmap compare`: what lies within range of each site, as tables,
//! CSV, JSON, and a comparison figure.

use anyhow::Result;
use reachmap::Error;
use reachmap::Site;
use reachmap::frame::{FrameSpec, Preset};
use reachmap::map::Theme;
use reachmap::output::Output;
use reachmap::render::{Format, render_pdf, render_png, render_svg, svg_tree};
use reachmap::scenario::{Overrides, Scenario};

use super::{PageArgs, RangeArgs, same_file, scenario_or_ranges, write_all};

#[derive(Debug, clap::Args)]
pub(super) struct ReachArgs {
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
pub(super) struct ReportArgs {
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
pub(super) struct CompareArgs {
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

    /// The figure's size.
    #[command(flatten)]
    page: PageArgs,
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
        let scenario = scenario_or_ranges(raw.scenario.as_deref(), &raw.ranges)?;
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

pub(super) fn compare(raw: CompareArgs) -> Result<()> {
    use reachmap::export::reach as report;
    let format = ReportFormat::parse(&raw.report.format)?;
    let scenario = Scenario::from_file(std::path::Path::new(&raw.scenario))?;
    if scenario.sites.is_empty() {
        return Err(Error::invalid(&raw.scenario, "", "the scenario has no [[sites]] to compare").into());
    }
    let frame = scenario.frame.clone().unwrap_or(FrameSpec::Preset(Preset::Europe));
    let [width_px, width_mm, dpi] = raw.page.parsed()?;
    let overrides = Overrides {
        width_px,
        width_mm,
        dpi,
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

pub(super) fn run(raw: ReachArgs) -> Result<()> {
    let job = ReachJob::from_args(raw)?;
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
