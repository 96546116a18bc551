//! `reachmap compare`: a scenario's candidate sites side by side, as a table and a figure.

use std::path::Path;

use anyhow::Result;
use reachmap::coverage::{Detail, PlaceIndex, report, report_areas};
use reachmap::export::report::compare_report;
use reachmap::map::{Theme, compare_figure};
use reachmap::output::{Output, files_by_extension, write_all};
use reachmap::render::{Format, render};
use reachmap::scenario::{Overrides, Scenario};

use super::PageArgs;
use super::reach::ReportArgs;

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

pub(super) fn run(raw: CompareArgs) -> Result<()> {
    let scenario = Scenario::from_file(Path::new(&raw.scenario))?;
    let (places, gazetteer, format) = raw.report.parsed()?;
    let [width_px, width_mm, dpi] = raw.page.parsed()?;
    let theme = raw.theme.as_ref().map(|t| Theme::parse(t, "--theme")).transpose()?;
    let inputs = [(Path::new(&raw.scenario), "the scenario file"), (Path::new(&raw.report.places), "the places file")];
    let output = Output::parse(&raw.output, "--output")?;
    output.check_not_input(&raw.output, "--output", &inputs)?;
    let figures = files_by_extension(&raw.figure, "--figure", Format::from_path, Format::EXTENSIONS, &inputs)?;

    let (spec, panel_frame) =
        scenario.into_comparison(Overrides { width_px, width_mm, dpi, theme, ..Overrides::default() })?;
    let index = PlaceIndex::new(places);
    // Comparisons list totals only.
    let mut results = report(&index, &spec.sites, &spec.overlays, Detail::Totals, !raw.report.no_land)?;
    results.extend(report_areas(&index, &spec.areas, &spec.overlays, !raw.report.no_land)?);
    let text = compare_report(format, &results, index.places(), gazetteer)?;
    // Everything is made before anything is written.
    let mut files: Vec<(&Output, Vec<u8>)> = Vec::new();
    if !figures.is_empty() {
        let scene = compare_figure(&spec, &panel_frame, &index)?;
        let formats: Vec<Format> = figures.iter().map(|(_, f)| *f).collect();
        files.extend(figures.iter().map(|(o, _)| o).zip(render(&scene, &formats)?));
    }
    files.push((&output, text.into_bytes()));
    write_all(&files)?;
    Ok(())
}
