//! The places within range as GeoJSON (RFC 7946): a Point feature per place and per site and
//! range it lies within, for maps of one's own.

use serde_json::json;

use super::GEONAMES_CREDIT;
use crate::coverage::Coverage;
use crate::places::Place;

/// A FeatureCollection of the places within each site's (or launch area's) ranges, nearest
/// first per site and range, at most `limit` each: a Point at the place, with its `name`,
/// `country_code`, `country`, `population` and `capital`; where it is measured from (`site`,
/// or `area`), the range's `range` label, `distance_km` and `bearing_deg` (none from an area);
/// for an estimate `within_low`, and `flight_min` where the system has a flight profile. A place
/// within several ranges appears once for each. `credit` adds GeoNames' attribution as a
/// foreign member (RFC 7946 §6.1).
pub fn geojson_places(results: &[Coverage], places: &[Place], limit: Option<usize>, credit: bool) -> serde_json::Value {
    let mut features = Vec::new();
    for r in results {
        let shown = limit.unwrap_or(usize::MAX).min(r.hits.len());
        for hit in &r.hits[..shown] {
            let p = &places[hit.place];
            let mut properties = json!({
                "name": p.name,
                "country_code": p.country_code,
                "country": p.country,
                "population": p.population,
                "capital": p.capital,
            });
            properties[if r.origin.area().is_some() { "area" } else { "site" }] = json!(r.origin.name());
            properties["range"] = json!(r.label);
            properties["distance_km"] = json!((hit.distance_m / 1000.0 * 1000.0).round() / 1000.0);
            if let Some(bearing) = hit.bearing_deg {
                properties["bearing_deg"] = json!((bearing * 100.0).round() / 100.0);
            }
            if let Some(within) = hit.within_low {
                properties["within_low"] = json!(within);
            }
            if let Some(seconds) = hit.flight_s {
                properties["flight_min"] = json!((seconds / 60.0 * 100.0).round() / 100.0);
            }
            features.push(json!({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
                "properties": properties,
            }));
        }
    }
    let mut collection = json!({"type": "FeatureCollection", "features": features});
    if credit {
        collection["attribution"] = json!(GEONAMES_CREDIT);
    }
    collection
}
