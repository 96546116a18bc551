//! The places within range as GeoJSON (RFC 7946): a Point feature per place and per site and
//! range it lies within, for maps of one's own.

use serde_json::json;

use super::{Counted, GEONAMES_CREDIT, place_fields, result_fields};
use crate::coverage::Coverage;
use crate::places::Place;

/// A FeatureCollection of the places within each site's (or launch area's) ranges, nearest
/// first per site and range, at most `limit` each: a Point at the place, its properties the
/// report's fields ([`super::FIELDS`]: the site or area, its position, the range in km, the
/// place, distance and bearing) and a user's places file's other columns. A place within
/// several ranges appears once for each. GeoNames' attribution (for the gazetteer) and what
/// population totals count are foreign members (RFC 7946 §6.1).
pub fn geojson_places(
    results: &[Coverage],
    places: &[Place],
    limit: Option<usize>,
    counted: Counted,
) -> serde_json::Value {
    let mut features = Vec::new();
    for r in results {
        let shown = limit.unwrap_or(usize::MAX).min(r.hits.len());
        let of_result = result_fields(r);
        for hit in &r.hits[..shown] {
            let p = &places[hit.place];
            let mut properties = serde_json::Map::new();
            for (key, value) in &of_result {
                properties.insert(key.to_string(), value.clone());
            }
            properties.extend(place_fields(hit, p));
            features.push(json!({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
                "properties": properties,
            }));
        }
    }
    let mut collection = json!({"type": "FeatureCollection", "features": features});
    if counted.gazetteer {
        collection["attribution"] = json!(GEONAMES_CREDIT);
    }
    collection["population_counts"] = json!(counted.people);
    // Gridded totals are a site's and range's, not a place's: a foreign member of their own.
    if let Some(rule) = counted.grid {
        collection["grid_population_counts"] = json!(rule);
        collection["grid_population"] = json!(
            results
                .iter()
                .map(|r| json!({
                    "site": r.origin.name(),
                    "range": r.label,
                    "grid_population": r.grid.map(|g| g.people.round()),
                    "grid_population_within_low": r.grid.and_then(|g| g.people_within_low).map(f64::round),
                }))
                .collect::<Vec<_>>()
        );
    }
    collection
}
