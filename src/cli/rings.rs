//! `reachmap rings`: rings and bands around sites as a GeoJSON FeatureCollection.

use anyhow::Result;
use reachmap::export::geojson::collection_with_areas;
use reachmap::output::Output;
use reachmap::{Error, Tolerance};

use super::{AreaArgs, RangeArgs, parse_number, sites_areas_and_ranges};

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

    #[command(flatten)]
    areas: AreaArgs,

    /// Output file, or - for standard output (the default).
    #[arg(short = 'o', long = "output", value_name = "FILE", default_value = "-")]
    output: String,
}

pub(super) fn run(raw: RingsArgs) -> Result<()> {
    let ranges = sites_areas_and_ranges(&raw.ranges, raw.areas.parsed()?, &[])?;
    let tolerance = Tolerance::from_m(parse_number(&raw.tolerance_m, "--tolerance-m")?, "--tolerance-m")?;
    let decimals = match raw.precision.trim().parse::<u8>() {
        Ok(d) if d <= 15 => d,
        _ => {
            return Err(Error::OutOfRange {
                field: "--precision".into(),
                value: raw.precision.clone(),
                allowed: "a whole number from 0 to 15".into(),
            }
            .into());
        }
    };
    let output = Output::parse(&raw.output, "--output")?;
    let features = reachmap::range::features(&ranges.sites, &ranges.overlays, tolerance)
        .map_err(|e| e.naming("tolerance", "--site × --range-km × --tolerance-m"))?;
    let around_areas = reachmap::areas::area_features(&ranges.areas, &ranges.overlays, tolerance)
        .map_err(|e| e.naming("radius", "--range-km / --system"))?;
    let collection = collection_with_areas(&features, &around_areas, decimals);
    output.write_with(|out| {
        serde_json::to_writer(&mut *out, &collection)?;
        out.write_all(b"\n")
    })?;
    Ok(())
}
