//! RFC 7946 GeoJSON: one Feature per site or launch area and range, with the origin and the
//! range as properties.

use geo::{LineString, MultiPolygon};
use geojson::{Feature, FeatureCollection, Geometry, GeometryValue, JsonObject, Position};
use serde_json::json;

use crate::footprint::Combine;
use crate::origin::Origin;
pub use crate::overlay::RangeFeature;
use crate::range::{Reach, Zone};
use crate::units::Radius;

/// The features as a FeatureCollection, coordinates rounded to `decimals` places (6 places is
/// about 0.1 m). Vertices that rounding makes equal to their neighbour are dropped, and rings
/// that rounding collapses are left out.
pub fn feature_collection(features: &[RangeFeature], decimals: u8) -> FeatureCollection {
    FeatureCollection::new(features.iter().map(|f| range_feature(f, decimals)))
}

/// [`feature_collection`] with every region a MultiPolygon, one polygon or several, so that a
/// GIS layer made of it (a GeoPackage through `ogr2ogr`) has one geometry type.
pub fn multipolygon_collection(features: &[RangeFeature], decimals: u8) -> FeatureCollection {
    FeatureCollection::new(features.iter().map(|f| {
        let mut feature = range_feature(f, decimals);
        if let Some(geometry) = feature.geometry.as_mut()
            && let GeometryValue::Polygon { coordinates } = &mut geometry.value
        {
            geometry.value = GeometryValue::MultiPolygon { coordinates: vec![std::mem::take(coordinates)] };
        }
        feature
    }))
}

/// One range feature as a GeoJSON Feature: around a site, properties `site`, `lat`, `lon`;
/// around a launch area, `area` (its name); then what the reach is (`insert_reach`) and
/// `label`; coordinates as in [`region_feature`].
pub fn range_feature(feature: &RangeFeature, decimals: u8) -> Feature {
    let mut properties = JsonObject::new();
    match &feature.origin {
        Origin::Site(site) => {
            properties.insert("site".into(), json!(site.name()));
            properties.insert("lat".into(), json!(site.lat_deg()));
            properties.insert("lon".into(), json!(site.lon_deg()));
        }
        Origin::Area(area) => {
            properties.insert("area".into(), json!(area.name));
        }
    }
    insert_reach(&mut properties, &feature.reach, feature.zone, feature.system.as_deref());
    properties.insert("label".into(), json!(feature.label()));
    region_feature(&feature.region, properties, decimals)
}

/// A footprint ([`crate::footprint`]) of `targets` (their names) at `radius` as a Feature, as
/// `reachmap footprint` writes it: properties `targets`, `combine` (`all` or `any`), `range_km`,
/// the `system` if the range is a catalog system's and what the figure `meaning` is for an
/// estimate, `label`, and over the rotating Earth `earth` and its `assumptions`; coordinates as
/// in [`region_feature`] to 6 decimal places.
pub fn footprint_feature(
    region: &MultiPolygon,
    targets: &[String],
    combine: Combine,
    radius: Radius,
    system: Option<&str>,
    meaning: Option<&str>,
    rotating: bool,
) -> Feature {
    let mut properties = JsonObject::new();
    properties.insert("targets".into(), json!(targets));
    properties.insert("combine".into(), json!(if combine == Combine::Any { "any" } else { "all" }));
    properties.insert("range_km".into(), json!(radius.km()));
    if let Some(system) = system {
        properties.insert("system".into(), json!(system));
    }
    if let Some(meaning) = meaning {
        properties.insert("meaning".into(), json!(meaning));
    }
    properties.insert("label".into(), json!(crate::footprint::label(targets, radius, combine)));
    if rotating {
        properties.insert("earth".into(), json!("rotating"));
        properties.insert("assumptions".into(), json!(crate::rotation::LIMITS));
    }
    region_feature(region, properties, 6)
}

/// The properties saying what a region is a reach of: the system, the range or band or
/// estimate, and for an estimate which zone and what it means.
fn insert_reach(properties: &mut JsonObject, reach: &Reach, zone: Zone, system: Option<&str>) {
    if let Some(system) = system {
        properties.insert("system".into(), json!(system));
    }
    match *reach {
        Reach::Within(r) => {
            properties.insert("range_km".into(), json!(r.km()));
        }
        Reach::Band { min, max } => {
            properties.insert("min_km".into(), json!(min.km()));
            properties.insert("max_km".into(), json!(max.km()));
        }
        Reach::Estimate { low, high } => {
            properties.insert("low_km".into(), json!(low.km()));
            properties.insert("high_km".into(), json!(high.km()));
            properties.insert("zone".into(), json!(zone.as_str()));
            let meaning = match zone {
                Zone::LowToHigh => "in range only if the high figure holds",
                _ => "in range under every figure",
            };
            properties.insert("meaning".into(), json!(meaning));
        }
    }
}

/// A lon/lat region as a Feature with `properties`, coordinates rounded to `decimals` places;
/// vertices that rounding makes equal to their neighbour are dropped, and rings it collapses
/// are left out.
pub fn region_feature(region: &MultiPolygon, properties: JsonObject, decimals: u8) -> Feature {
    let scale = 10f64.powi(decimals.into());
    let round = |v: f64| (v * scale).round() / scale;
    let ring = |line: &LineString| -> Option<Vec<Position>> {
        let mut out: Vec<[f64; 2]> = Vec::with_capacity(line.0.len());
        for c in &line.0 {
            let p = [round(c.x), round(c.y)];
            if out.last() != Some(&p) {
                out.push(p);
            }
        }
        (out.len() >= 4).then(|| out.into_iter().map(Position::from).collect())
    };
    let polygons: Vec<Vec<Vec<Position>>> = region
        .0
        .iter()
        .filter_map(|polygon| {
            let mut rings = vec![ring(polygon.exterior())?];
            rings.extend(polygon.interiors().iter().filter_map(ring));
            Some(rings)
        })
        .collect();
    let value = match <[_; 1]>::try_from(polygons) {
        Ok([single]) => GeometryValue::Polygon { coordinates: single },
        Err(many) => GeometryValue::MultiPolygon { coordinates: many },
    };
    Feature { geometry: Some(Geometry::new(value)), properties: Some(properties), ..Feature::default() }
}
