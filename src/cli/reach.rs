//! `reachmap reach`: what lies within range of each site, as a table, Markdown, CSV or JSON.

use std::path::Path;

use anyhow::Result;
use reachmap::Error;
use reachmap::coverage::{Listing, PlaceIndex, report};
use reachmap::export::report::{Counted, ReportFormat, places_report};
use reachmap::output::Output;
use reachmap::places::Place;

use super::{AreaArgs, RangeArgs, TargetArgs, scenario_or_ranges};

#[derive(Debug, clap::Args)]
pub(super) struct ReachArgs {
    /// A scenario file: its sites, systems and bands. Without one, give --site and --range-km
    /// or --band.
    #[arg(value_name = "SCENARIO.toml")]
    scenario: Option<String>,

    #[command(flatten)]
    ranges: RangeArgs,

    #[command(flatten)]
    areas: AreaArgs,

    #[command(flatten)]
    targets: TargetArgs,

    #[command(flatten)]
    report: ReportArgs,

    /// List at most this many places per site and range, nearest first (default: 20 in table
    /// and markdown, all in csv and json).
    #[arg(long, value_name = "N", allow_hyphen_values = true)]
    limit: Option<String>,

    /// Totals only, no places: in CSV one row of totals per site and range instead of one row
    /// per place; in a table, markdown or JSON each site's and range's totals without the list.
    #[arg(long, conflicts_with = "limit")]
    totals: bool,

    /// Output file, or - for standard output (the default).
    #[arg(short = 'o', long = "output", value_name = "FILE", default_value = "-")]
    output: String,
}

/// What `reach` and `compare` count and how they write it.
#[derive(Debug, clap::Args)]
pub(super) struct ReportArgs {
    /// Which places: capitals, cities (every place in the gazetteer: GeoNames places of 15,000
    /// or more people and all capitals), a CSV or GeoJSON file of your own, or - to read one
    /// from standard input.
    #[arg(long, value_name = "capitals|cities|FILE", default_value = "cities")]
    pub(super) places: String,

    /// Only places of at least this many people.
    #[arg(long = "min-population", value_name = "N", allow_hyphen_values = true)]
    min_population: Option<String>,

    /// Output format: table (for reading), markdown, csv, json, or geojson (reach only: the
    /// places within range as points). Default: from the output file's extension (.txt, .md,
    /// .csv, .json, .geojson), else table.
    #[arg(long, value_name = "FORMAT")]
    format: Option<String>,

    /// Skip measuring each country's land within range.
    #[arg(long = "no-land")]
    pub(super) no_land: bool,

    /// Also count the people within range from a population raster: a single-band GeoTIFF of
    /// people per cell in longitude/latitude (GPW v4, GHS-POP's WGS84 variant, WorldPop). A cell
    /// counts when its centre is within range. Replaces a scenario's [places] population_grid.
    #[arg(long = "population-grid", value_name = "FILE.tif")]
    pub(super) population_grid: Option<String>,
}

/// The places chosen, whether they are the gazetteer's, what their population totals count,
/// and the report's format.
pub(super) struct Chosen {
    pub(super) places: Vec<Place>,
    pub(super) gazetteer: bool,
    pub(super) counted: String,
    pub(super) format: ReportFormat,
}

impl ReportArgs {
    /// The population grid: `--population-grid`, or else the scenario's `[places]
    /// population_grid` (its path and located key); None without either.
    pub(super) fn grid(
        &self,
        scenario: Option<&(std::path::PathBuf, String)>,
    ) -> Result<Option<reachmap::population::PopulationGrid>, Error> {
        use reachmap::population::PopulationGrid;
        match (&self.population_grid, scenario) {
            (Some(path), _) => Ok(Some(PopulationGrid::from_file(Path::new(path), "--population-grid")?)),
            (None, Some((path, at))) => Ok(Some(PopulationGrid::from_file(path, at)?)),
            (None, None) => Ok(None),
        }
    }

    /// The places chosen and the format: `--format`, or else the one `output`'s extension names
    /// (`-` and other extensions: a table); both given and differing is an error.
    pub(super) fn parsed(&self, output: &str) -> Result<Chosen, Error> {
        let from_extension = ReportFormat::from_path(Path::new(output));
        let format = match (&self.format, from_extension) {
            (Some(text), Some(by_name)) => {
                let format = ReportFormat::parse(text, "--format")?;
                if format != by_name {
                    return Err(Error::invalid(
                        "--format",
                        text,
                        format!(
                            "the output file {output} names another format by its extension; drop --format or change the extension"
                        ),
                    ));
                }
                format
            }
            (Some(text), None) => ReportFormat::parse(text, "--format")?,
            (None, Some(by_name)) => by_name,
            (None, None) => ReportFormat::Table,
        };
        let min_population = match &self.min_population {
            Some(text) => Some(text.trim().replace([',', '_'], "").parse::<u64>().map_err(|_| {
                Error::invalid("--min-population", text, "expected a whole number of people, e.g. 1000000")
            })?),
            None => None,
        };
        let (places, gazetteer) = reachmap::places::select(&self.places, min_population)?;
        let counted = reachmap::places::counted(&self.places, min_population);
        Ok(Chosen { places, gazetteer, counted, format })
    }
}

pub(super) fn run(raw: ReachArgs) -> Result<()> {
    let mut scenario = scenario_or_ranges(raw.scenario.as_deref(), &raw.ranges, raw.areas.parsed()?, &[])?;
    scenario.targets.extend(raw.targets.parsed()?);
    scenario.earth = raw.ranges.earth.apply(scenario.earth, &mut scenario.overlays)?;
    if raw.report.places == reachmap::input::STDIN && raw.areas.reads_stdin() {
        return Err(Error::invalid("--places", "-", "standard input is read once: --area already reads it").into());
    }
    let Chosen { places, gazetteer, counted, format } = raw.report.parsed(&raw.output)?;
    if raw.totals && format == ReportFormat::GeoJson {
        let allowed = "--totals lists no places, and geojson is the places within range as points: \
                       totals come as csv, table, markdown or json";
        return Err(Error::invalid("--format", "geojson", allowed).into());
    }
    let limit = match &raw.limit {
        _ if raw.totals => Some(0),
        Some(text) => Some(
            text.trim()
                .parse::<usize>()
                .map_err(|_| Error::invalid("--limit", text, "expected a whole number of places, 0 or more"))?,
        ),
        None => format.default_limit(),
    };
    let output = Output::parse(&raw.output, "--output")?;
    let mut inputs: Vec<(&Path, &str)> = vec![(Path::new(&raw.report.places), "the places file")];
    inputs.extend(raw.scenario.iter().map(|s| (Path::new(s), "the scenario file")));
    inputs.extend(raw.report.population_grid.iter().map(|s| (Path::new(s), "the population grid")));
    output.check_not_input(&raw.output, "--output", &inputs)?;

    let grid = raw.report.grid(scenario.population_grid.as_ref())?;
    let index = PlaceIndex::new(places);
    // Totals list no places: classifying them is enough, measuring each is not needed.
    let detail = if raw.totals { Listing::Totals } else { Listing::Places };
    let mut results = report(&index, &scenario.origins(), &scenario.overlays, detail, !raw.report.no_land)?;
    // Every target, in range or not: a target beyond range is reported, not left out.
    reachmap::coverage::measure_targets(&mut results, &scenario.targets);
    if let Some(grid) = &grid {
        reachmap::population::count_into(grid, &mut results)?;
    }
    let rule = grid.as_ref().map(|g| g.rule());
    let counted = Counted { gazetteer, people: &counted, grid: rule.as_deref() };
    let mut text = places_report(format, &results, index.places(), limit, counted, raw.totals)?;
    if scenario.earth == reachmap::rotation::Earth::Rotating {
        if matches!(format, ReportFormat::Table | ReportFormat::Markdown) {
            use reachmap::rotation::report;
            let checks = report::checks(&scenario.overlays, scenario.earth, index.places(), !gazetteer, limit)?;
            text.push_str(&report::markdown(&checks, !gazetteer));
        } else {
            reachmap::notes::note(
                "the in/out table with the Earth's rotation is printed with --format table or markdown".to_string(),
            );
        }
    }
    output.write_with(|out| out.write_all(text.as_bytes()))?;
    Ok(())
}
