//! Areas on the ellipsoid: the geodesic area of lon/lat polygons (Karney's algorithm, edges
//! first split into pieces of at most 0.1° so that a straight lon/lat edge — how the data and
//! the rings are drawn — and the geodesic between its ends enclose the same area to well under
//! 0.01 %), and the land of each country within a region: intersected with it, except where
//! the caller's rigorous test puts a country's cap (a spherical cap around its whole outline)
//! wholly inside or outside the region.

use std::sync::OnceLock;

use geo::{BooleanOps, BoundingRect, LineString, MultiPolygon, Point, Polygon};

use crate::basemap::{self, BaseLayer, Detail};
use crate::error::Result;
use crate::geodesy::{chord, unit_vector};

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
/// let km2 = reachmap_core::area::geodesic_area_m2(&square) / 1e6;
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
    country_areas_sided(region, &|_: &Cap| Side::Across)
}

/// A spherical cap holding a set of points — a country's whole outline, edges included, or a
/// cell of places: its centre (the unit vector at a geographic latitude and longitude) and its
/// radius as a chord of the unit sphere.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cap {
    /// Unit vector of the centre.
    pub centre: [f64; 3],
    /// Largest chord from the centre to any of the points.
    pub chord: f64,
}

impl Cap {
    /// The cap around `points` (unit vectors), centred on their mean; the whole sphere where
    /// they have no useful mean (points spread around the globe, or none).
    pub fn around(points: &[[f64; 3]]) -> Cap {
        let sum = points.iter().fold([0.0; 3], |s, p| [s[0] + p[0], s[1] + p[1], s[2] + p[2]]);
        let norm = chord(&sum, &[0.0; 3]);
        if norm < 1e-9 * points.len() as f64 || points.is_empty() {
            return Cap { centre: [0.0, 0.0, 1.0], chord: 2.0 };
        }
        let centre = sum.map(|v| v / norm);
        Cap { centre, chord: points.iter().map(|p| chord(&centre, p)).fold(0.0, f64::max) }
    }
}

/// Where a set of points (a country, a cell of places) lies against a region or a range, as
/// decided from its [`Cap`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Wholly inside: a country's land within is all of its land.
    Inside,
    /// Wholly outside: none of it.
    Outside,
    /// Either: its land within is intersected, its places classified one by one.
    Across,
}

/// Each country's cap, and its land area once measured, by its place in the 1:50m layer.
struct CountryCaps {
    caps: Vec<Cap>,
    areas: Vec<OnceLock<f64>>,
}

/// Largest chord from a point of an outline to the nearer end of its piece: pieces are at most
/// [`MAX_PIECE_DEG`] in latitude and longitude, so at most half of 0.1·√2° from an end.
const PIECE_SLACK: f64 = 1.25e-3;

/// The cap of an outline: around its points, every ring cut into pieces of at most
/// [`MAX_PIECE_DEG`], its radius the farthest piece end plus [`PIECE_SLACK`].
fn cap_of(shape: &MultiPolygon) -> Cap {
    let points: Vec<[f64; 3]> = shape
        .0
        .iter()
        .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
        .flat_map(|ring| {
            ring.lines().flat_map(|e| {
                let pieces =
                    ((e.end.x - e.start.x).abs().max((e.end.y - e.start.y).abs()) / MAX_PIECE_DEG).ceil().max(1.0);
                (0..=pieces as usize).map(move |j| {
                    let t = j as f64 / pieces;
                    unit_vector(e.start.y + (e.end.y - e.start.y) * t, e.start.x + (e.end.x - e.start.x) * t)
                })
            })
        })
        .collect();
    let cap = Cap::around(&points);
    Cap { chord: (cap.chord + PIECE_SLACK).min(2.0), ..cap }
}

fn country_caps(countries: &[basemap::Feature]) -> &'static CountryCaps {
    static CAPS: OnceLock<CountryCaps> = OnceLock::new();
    CAPS.get_or_init(|| CountryCaps {
        caps: countries.iter().map(|f| cap_of(&f.geometry)).collect(),
        areas: countries.iter().map(|_| OnceLock::new()).collect(),
    })
}

/// [`country_areas`], with `side` telling from each country's cap whether it lies wholly inside
/// or wholly outside `region`, where it can: such a country is counted whole (its area measured
/// once per run) or skipped without intersecting it. `side` must be rigorous: [`Side::Inside`]
/// only where every point of the cap is inside the region.
pub fn country_areas_sided(region: &MultiPolygon, side: &dyn Fn(&Cap) -> Side) -> Result<Vec<CountryArea>> {
    let Some(bounds) = region.bounding_rect() else { return Ok(Vec::new()) };
    let countries = basemap::features(BaseLayer::Countries, Detail::Medium)?;
    let caps = country_caps(countries);
    let mut areas = Vec::new();
    for (k, feature) in countries.iter().enumerate() {
        let km2 = match side(&caps.caps[k]) {
            Side::Outside => continue,
            Side::Inside => *caps.areas[k].get_or_init(|| geodesic_area_m2(&feature.geometry) / 1e6),
            Side::Across => {
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
                geodesic_area_m2(&inside) / 1e6
            }
        };
        if km2 > 0.0 {
            let country = feature.name.clone().unwrap_or_else(|| "(unnamed)".to_string());
            areas.push(CountryArea { country, km2 });
        }
    }
    areas.sort_by(|a, b| b.km2.total_cmp(&a.km2).then_with(|| a.country.cmp(&b.country)));
    Ok(areas)
}
