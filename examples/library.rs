//! Using reachmap as a library: the INF Treaty's bands around Kaliningrad — which capitals fall
//! in each (exactly, with distances), how much land, and the bands as GeoJSON for a GIS.
//!
//! Run: `cargo run --example library > inf-bands.geojson`

use geo::{Contains, Point};
use reachmap::area::country_areas;
use reachmap::coverage::PlaceIndex;
use reachmap::export::geojson::{RangeFeature, feature_collection};
use reachmap::places::capitals;
use reachmap::range::Zone;
use reachmap::{Radius, Reach, Site, Tolerance};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let kaliningrad = Site::parse_spec("Kaliningrad=54°42′36″N 20°30′36″E", "site")?;
    let km = |v: f64| Radius::from_km(v, "range");
    // The INF Treaty's shorter-range and intermediate-range bands.
    let bands = [
        Reach::band(km(500.0)?, km(1_000.0)?, "shorter-range")?,
        Reach::band(km(1_000.0)?, km(5_500.0)?, "intermediate-range")?,
    ];
    let index = PlaceIndex::new(capitals()?);

    let mut features = Vec::new();
    for band in bands {
        // Places: classified by exact geodesic distance, nearest first.
        let hits = index.hits(&kaliningrad, &band);
        let names: Vec<String> = hits
            .iter()
            .take(8)
            .map(|h| format!("{} {:.0} km", index.places()[h.place].name, h.distance_m / 1000.0))
            .collect();
        eprintln!("{}: {} capitals, nearest {}", band.label(), hits.len(), names.join(", "));

        // The region itself: lon/lat polygons, valid GeoJSON, and land per country within it.
        let region = band.region(&kaliningrad, Tolerance::DEFAULT);
        assert!(
            region.contains(&Point::new(13.405, 52.52))
                == (hits.iter().any(|h| index.places()[h.place].name == "Berlin"))
        );
        let land = country_areas(&region)?;
        let total: f64 = land.iter().map(|a| a.km2).sum();
        eprintln!("  land {:.0} km², most in {} ({:.0} km²)", total, land[0].country, land[0].km2);
        features.push(RangeFeature {
            origin: kaliningrad.clone().into(),
            overlay: 0,
            reach: band,
            zone: Zone::Whole,
            system: None,
            region,
        });
    }
    println!("{}", serde_json::to_string(&feature_collection(&features, 6))?);
    Ok(())
}
