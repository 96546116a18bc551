//! Using reachmap as a library: the INF Treaty's bands around Kaliningrad, which capitals fall
//! in each, and the GeoJSON for a GIS.
//!
//! Run: `cargo run --example library > inf-bands.geojson`

use geo::{Contains, Point};
use reachmap::export::geojson::{RangeFeature, feature_collection, reach_label};
use reachmap::{Radius, Reach, Site, Tolerance};

fn main() -> Result<(), reachmap::Error> {
    let kaliningrad = Site::parse_spec("Kaliningrad=54°42′36″N 20°30′36″E")?;
    let km = |v: f64| Radius::from_km(v, "range");
    // The INF Treaty's shorter-range and intermediate-range bands.
    let bands = [
        Reach::band(km(500.0)?, km(1_000.0)?, "shorter-range")?,
        Reach::band(km(1_000.0)?, km(5_500.0)?, "intermediate-range")?,
    ];
    let capitals = [
        ("Berlin", 52.52, 13.405),
        ("London", 51.507, -0.128),
        ("Paris", 48.857, 2.352),
        ("Madrid", 40.417, -3.704),
        ("Reykjavík", 64.147, -21.94),
    ];

    let mut features = Vec::new();
    for band in bands {
        let region = band.region(&kaliningrad, Tolerance::DEFAULT);
        let inside: Vec<&str> = capitals
            .iter()
            .filter(|(_, lat, lon)| region.contains(&Point::new(*lon, *lat)))
            .map(|(name, _, _)| *name)
            .collect();
        eprintln!("{}: {}", reach_label(&band), inside.join(", "));
        features.push(RangeFeature { site: kaliningrad.clone(), reach: band, region });
    }
    println!("{}", serde_json::to_string(&feature_collection(&features, 6))?);
    Ok(())
}
