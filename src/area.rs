//! Areas on the ellipsoid: the geodesic area of lon/lat polygons (Karney's algorithm, edges
//! first split into pieces of at most 0.1° so that a straight lon/lat edge — how the data and
//! the rings are drawn — and the geodesic between its ends enclose the same area to well under
//! 0.01 %), and the land of each country within a region.

use geo::{BooleanOps, BoundingRect, LineString, MultiPolygon, Point, Polygon};

use crate::basemap::{self, Detail, Layer};
use crate::error::Result;

/// Longest piece of an edge, degrees, before its area is taken along the geodesic.
const MAX_PIECE_DEG: f64 = 0.1;

/// The area to the left of a closed lon/lat ring, its edges straight in lon/lat, m².
fn ring_area_m2(ring: &LineString, counter_clockwise: bool) -> f64 {
    let points = &ring.0;
    let closed = points.len() > 1 && points[0] == points[points.len() - 1];
    let n = if closed { points.len() - 1 } else { points.len() };
    let pieces = (0..n).flat_map(|k| {
        let (a, b) = (points[k], points[(k + 1) % n]);
        let pieces = ((b.x - a.x).abs().max((b.y - a.y).abs()) / MAX_PIECE_DEG).ceil().max(1.0) as usize;
        (0..pieces).map(move |j| {
            let t = j as f64 / pieces as f64;
            Point::new(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t)
        })
    });
    crate::geodesy::ring_area_m2(pieces, counter_clockwise)
}

/// The area of lon/lat polygons (RFC 7946 winding: exteriors counter-clockwise, holes
/// clockwise), m², on WGS84.
///
/// ```
/// use geo::{MultiPolygon, Rect};
/// // One degree square at the equator: 12,308.8 km² (GeographicLib).
/// let square = MultiPolygon::new(vec![Rect::new((0.0, 0.0), (1.0, 1.0)).to_polygon()]);
/// let km2 = reachmap::area::geodesic_area_m2(&square) / 1e6;
/// assert!((km2 - 12_308.8).abs() < 0.5);
/// ```
pub fn geodesic_area_m2(shape: &MultiPolygon) -> f64 {
    shape.0.iter().map(polygon_area_m2).sum()
}

fn polygon_area_m2(polygon: &Polygon) -> f64 {
    let exterior = ring_area_m2(polygon.exterior(), true);
    let holes: f64 = polygon.interiors().iter().map(|h| ring_area_m2(h, false)).sum();
    exterior - holes
}

/// A country's land within a region.
#[derive(Debug, Clone, PartialEq)]
pub struct CountryArea {
    /// The country's short name (Natural Earth).
    pub country: String,
    /// Area within the region, km².
    pub km2: f64,
}

/// The land of each country (Natural Earth 1:50m) within `region` (lon/lat, RFC 7946), largest
/// first; countries with none are left out.
pub fn country_areas(region: &MultiPolygon) -> Result<Vec<CountryArea>> {
    let Some(bounds) = region.bounding_rect() else { return Ok(Vec::new()) };
    let mut areas = Vec::new();
    for feature in basemap::features(Layer::Countries, Detail::Medium)? {
        let touches = feature.geometry.bounding_rect().is_some_and(|b| {
            b.min().x <= bounds.max().x
                && b.max().x >= bounds.min().x
                && b.min().y <= bounds.max().y
                && b.max().y >= bounds.min().y
        });
        if !touches {
            continue;
        }
        let inside = feature.geometry.intersection(region);
        if inside.0.is_empty() {
            continue;
        }
        let km2 = geodesic_area_m2(&inside) / 1e6;
        if km2 > 0.0 {
            let country = feature.name.clone().unwrap_or_else(|| "(unnamed)".to_string());
            areas.push(CountryArea { country, km2 });
        }
    }
    areas.sort_by(|a, b| b.km2.total_cmp(&a.km2).then_with(|| a.country.cmp(&b.country)));
    Ok(areas)
}
