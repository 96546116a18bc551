//! `reachmap rings`: rings and bands around sites as a GeoJSON FeatureCollection.

use anyhow::Result;
use reachmap::export::geojson::{RangeFeature, feature_collection};
use reachmap::output::Output;
use reachmap::{Error, Reach, Site, Tolerance};

use super::{RangeArgs, parse_number, sites_and_reaches};

#[derive(Debug, clap::Args)]
pub(super) struct RingsArgs {
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

/// Largest number of vertices `rings` will write (an estimate from the sites, ranges and
/// tolerance): about 2 GB of GeoJSON.
const MAX_RING_VERTICES: f64 = 50e6;

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

pub(super) fn run(raw: RingsArgs) -> Result<()> {
    let job = RingsJob::from_args(raw)?;
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
