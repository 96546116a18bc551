//! RFC 7946 GeoJSON: one Feature per site and range, with the site and the range as properties.

use geo::{LineString, MultiPolygon};
use geojson::{Feature, FeatureCollection, Geometry, GeometryValue, JsonObject, Position};
use serde_json::json;

use crate::range::Reach;
use crate::site::Site;

/// One site's reach with its geometry, ready to export.
#[derive(Debug, Clone)]
pub struct RangeFeature {
    /// The site the ranges are measured from.
    pub site: Site,
    /// The range or band.
    pub reach: Reach,
    /// The region, from [`Reach::region`].
    pub region: MultiPolygon,
}

impl RangeFeature {
    /// A short human label, e.g. `Kaliningrad 500 km` or `Kaliningrad 500–5,500 km`.
    pub fn label(&self) -> String {
        format!("{} {}", self.site.name(), reach_label(&self.reach))
    }
}

/// The reach as a label: `2,500 km` or `500–5,500 km`.
///
/// ```
/// use reachmap::{Radius, Reach};
/// use reachmap::export::geojson::reach_label;
/// let km = |v| Radius::from_km(v, "r").unwrap();
/// assert_eq!(reach_label(&Reach::Within(km(2_500.0))), "2,500 km");
/// assert_eq!(reach_label(&Reach::band(km(500.0), km(5_500.0), "b").unwrap()), "500–5,500 km");
/// ```
pub fn reach_label(reach: &Reach) -> String {
    match reach {
        Reach::Within(r) => format!("{} km", format_km(r.km())),
        Reach::Band { min, max } => format!("{}–{} km", format_km(min.km()), format_km(max.km())),
    }
}

/// Kilometres with thousands separators and no needless decimals: `5,500`, `529.3`.
pub fn format_km(km: f64) -> String {
    let rounded = (km * 1000.0).round() / 1000.0;
    let text = format!("{rounded}");
    let (whole, fraction) = text.split_once('.').map_or((text.as_str(), None), |(w, f)| (w, Some(f)));
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match fraction {
        Some(f) => format!("{grouped}.{f}"),
        None => grouped,
    }
}

/// The features as a FeatureCollection, coordinates rounded to `decimals` places (6 places is
/// about 0.1 m). Vertices that rounding makes equal to their neighbour are dropped, and rings
/// that rounding collapses are left out.
pub fn feature_collection(features: &[RangeFeature], decimals: u8) -> FeatureCollection {
    FeatureCollection::new(features.iter().map(|f| to_feature(f, decimals)))
}

fn to_feature(feature: &RangeFeature, decimals: u8) -> Feature {
    let mut properties = JsonObject::new();
    properties.insert("site".into(), json!(feature.site.name()));
    properties.insert("lat".into(), json!(feature.site.lat_deg()));
    properties.insert("lon".into(), json!(feature.site.lon_deg()));
    match feature.reach {
        Reach::Within(r) => {
            properties.insert("range_km".into(), json!(r.km()));
        }
        Reach::Band { min, max } => {
            properties.insert("min_km".into(), json!(min.km()));
            properties.insert("max_km".into(), json!(max.km()));
        }
    }
    properties.insert("label".into(), json!(feature.label()));

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
    let polygons: Vec<Vec<Vec<Position>>> = feature
        .region
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
