//! `reachmap reach`: what lies within range of each site, as a table, Markdown, CSV or JSON.

use std::path::Path;

use anyhow::Result;
use reachmap::Error;
use reachmap::coverage::{Detail, PlaceIndex, report};
use reachmap::export::report::{ReportFormat, places_report};
use reachmap::output::Output;
use reachmap::places::Place;

use super::{AreaArgs, RangeArgs, scenario_or_ranges};

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
    pub(super) places: String,

    /// Only places of at least this many people.
    #[arg(long = "min-population", value_name = "N", allow_hyphen_values = true)]
    min_population: Option<String>,

    /// Output format: table (for reading), markdown, csv, json, or geojson (reach only: the
    /// places within range as points).
    #[arg(long, value_name = "FORMAT", default_value = "table")]
    format: String,

    /// Skip measuring each country's land within range.
    #[arg(long = "no-land")]
    pub(super) no_land: bool,
}

impl ReportArgs {
    /// The places chosen, whether they are the gazetteer's, and the format.
    pub(super) fn parsed(&self) -> Result<(Vec<Place>, bool, ReportFormat), Error> {
        let format = ReportFormat::parse(&self.format, "--format")?;
        let min_population = match &self.min_population {
            Some(text) => Some(text.trim().replace([',', '_'], "").parse::<u64>().map_err(|_| {
                Error::invalid("--min-population", text, "expected a whole number of people, e.g. 1000000")
            })?),
            None => None,
        };
        let (places, gazetteer) = reachmap::places::select(&self.places, min_population)?;
        Ok((places, gazetteer, format))
    }
}

pub(super) fn run(raw: ReachArgs) -> Result<()> {
    let scenario = scenario_or_ranges(raw.scenario.as_deref(), &raw.ranges, raw.areas.parsed()?, &[])?;
    let (places, gazetteer, format) = raw.report.parsed()?;
    let limit = match &raw.limit {
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
    output.check_not_input(&raw.output, "--output", &inputs)?;

    let index = PlaceIndex::new(places);
    // CSV totals list no places: classifying them is enough, measuring each is not needed.
    let detail = if raw.totals && format == ReportFormat::Csv { Detail::Totals } else { Detail::Places };
    let results = report(&index, &scenario.origins(), &scenario.overlays, detail, !raw.report.no_land)?;
    let text = places_report(format, &results, index.places(), limit, gazetteer, raw.totals)?;
    output.write_with(|out| out.write_all(text.as_bytes()))?;
    Ok(())
}
