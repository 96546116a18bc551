//! `reachmap compare`: a scenario's candidate sites side by side, as a table and a figure.

use std::path::Path;

use anyhow::Result;
use reachmap::coverage::{Listing, PlaceIndex, report};
use reachmap::export::report::compare_report;
use reachmap::map::{Overrides, compare_figure_report, comparison_map_spec};
use reachmap::output::{Output, files_by_extension, write_all};
use reachmap::scenario::Scenario;
use reachmap::theme::Theme;

use super::PageArgs;
use super::reach::ReportArgs;
use reachmap::export::figure::FigureFormat;

use super::render::outputs_of;

#[derive(Debug, clap::Args)]
pub(super) struct CompareArgs {
    /// The scenario whose sites are compared.
    #[arg(value_name = "SCENARIO.toml")]
    scenario: String,

    #[command(flatten)]
    report: ReportArgs,

    #[command(flatten)]
    targets: super::TargetArgs,

    /// Where the table goes, or - for standard output (the default); a file ending in .kml or
    /// .kmz gets the scenario's ranges for Google Earth instead. Repeatable: one table and any
    /// number of KML and KMZ files.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Vec<String>,

    /// Also draw the comparison figure to this file (.svg, .png or .pdf; .kml or .kmz for its
    /// ranges). Repeatable.
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
    let mut scenario = Scenario::from_file(Path::new(&raw.scenario))?;
    if scenario.earth == reachmap::rotation::Earth::Rotating {
        // Its tables count geodesic circles: its figure draws them too, so the two agree.
        eprintln!(
            "note: compare counts and draws the ranges as quoted (non-rotating Earth); [map] earth is used by render and reach"
        );
        scenario.earth = reachmap::rotation::Earth::NonRotating;
    }
    scenario.targets.extend(raw.targets.parsed()?);
    // The table's format is --format's (a table by default): -o also takes figures and KML.
    let chosen = raw.report.parsed("-")?;
    let (places, gazetteer, format, counted) = (chosen.places, chosen.gazetteer, chosen.format, chosen.counted);
    let [width_px, width_mm, dpi] = raw.page.parsed()?;
    let theme = raw.theme.as_ref().map(|t| Theme::parse(t, "--theme")).transpose()?;
    let inputs = [(Path::new(&raw.scenario), "the scenario file"), (Path::new(&raw.report.places), "the places file")];
    // -o: KML and KMZ files by their extension, and at most one table (standard output if none).
    let (kml_texts, table_texts): (Vec<String>, Vec<String>) = raw
        .output
        .iter()
        .cloned()
        .partition(|t| t != "-" && reachmap::export::kml::KmlFormat::from_path(Path::new(t)).is_some());
    if let [_, second, ..] = table_texts.as_slice() {
        return Err(reachmap::Error::invalid(
            "--output",
            second,
            "one table per run; repeat -o only for .kml and .kmz files",
        )
        .into());
    }
    let table_text = table_texts.first().map_or("-", String::as_str);
    let output = Output::parse(table_text, "--output")?;
    output.check_not_input(table_text, "--output", &inputs)?;
    let mut figures =
        files_by_extension(&raw.figure, "--figure", FigureFormat::from_path, FigureFormat::EXTENSIONS, &inputs)?;
    figures.extend(files_by_extension(
        &kml_texts,
        "--output",
        FigureFormat::from_path,
        FigureFormat::EXTENSIONS,
        &inputs,
    )?);

    let grid = raw.report.grid(scenario.population_grid.as_ref())?;
    let swept = reachmap::map::scenario_sweep(&mut scenario)?;
    let overrides = Overrides { width_px, width_mm, dpi, theme, ..Overrides::default() };
    let (mut spec, panel_frame) = comparison_map_spec(scenario, swept, overrides)?;
    // The chart of population within range says what it counts.
    spec.notes.push(format!("Population: {counted}."));
    // The figure's chart is of the places; the grid's totals are the table's, with their rule.
    let rule = grid.as_ref().map(|g| g.rule());
    let index = PlaceIndex::new(places);
    // Comparisons list totals only.
    let mut results = report(&index, &spec.origins(), &spec.overlays, Listing::Totals, !raw.report.no_land)?;
    reachmap::coverage::measure_targets(&mut results, &spec.targets);
    if let Some(grid) = &grid {
        reachmap::population::count_into(grid, &mut results)?;
    }
    let counted = reachmap::export::report::Counted { gazetteer, people: &counted, grid: rule.as_deref() };
    if !spec.targets.is_empty() && format != reachmap::export::report::ReportFormat::Json {
        // The totals have no room for them: say where they are rather than drop them unsaid.
        eprintln!(
            "note: compare's table, markdown and CSV give totals only; the targets are reported, in range or not, by --format json and by `reachmap reach`, and drawn on --figure"
        );
    }
    let text = compare_report(format, &results, index.places(), counted)
        .map_err(|e| e.naming(reachmap::Field::Format, "--format"))?;
    // Everything is made before anything is written.
    // What each panel leaves out is said on stderr, as render says it for its map.
    let mut files = outputs_of(&spec, &figures, || {
        let (scene, unlabelled) = compare_figure_report(&spec, &panel_frame, &index)?;
        for u in unlabelled {
            eprintln!("not labelled: {} ({})", u.name, u.reason);
        }
        Ok(scene)
    })?;
    files.push((&output, text.into_bytes()));
    write_all(&files)?;
    Ok(())
}
