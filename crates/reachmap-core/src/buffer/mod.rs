//! Launch areas and their geodesic buffers: everything within a range of *any* point of an
//! area (a road-mobile launcher's deployment area, or the roads it may drive), the area
//! included, exact on WGS84, as RFC 7946 lon/lat polygons; and the exact distance from a point
//! to an area.
//!
//! # How the buffer is built
//! A point outside the area is within the range R exactly when its nearest point of the
//! area's boundary is. That nearest point is either a vertex, and then the point lies in the
//! vertex's *normal cone* (between the outward normals of the two edges that meet there, which
//! is empty at a concave vertex), or a point inside an edge, where the geodesic to it leaves the
//! edge at a right angle on the outward side. So the buffer is the union of
//! - the area itself,
//! - per convex vertex, a *sector*: the geodesic disc of radius R around it, cut to its cone,
//! - per edge, a *band*: the region swept by the geodesics of length R leaving each of its
//!   points at a right angle outwards (bounded by the edge, its offset curve and two normals),
//!
//! each a subset of the buffer. The arcs and offset curves are sampled adaptively to the
//! tolerance (judged as GeoJSON draws them: straight in lon/lat). A band is cut short of the
//! focal distance, where neighbouring normals meet (an east–west edge's normals meet at the
//! pole): beyond it no point of the edge is nearest, and a folded band would cancel others.
//!
//! The union is taken in an azimuthal equidistant chart around the area's centre (x = s·sin α,
//! y = s·cos α from Karney's inverse), which is continuous across ±180° and around the poles as
//! long as the buffer stays clear of the centre's antipode (a buffer reaching within 1,000 km
//! of it is refused). Every vertex of the union is then put back on the true boundary: one
//! sampled on an arc or an offset curve takes its exact lon/lat back; one where two curves
//! cross is solved for (Newton on the two exact distances, so it lies at R from both
//! features), the two curves being those whose chords the union's edges into and out of it
//! follow; a sampled vertex that the neighbouring curve covers by less than the tolerance is
//! dropped, and a crossing the union saw several times (curves crossing at a small angle) is
//! kept once, in order. The rings are unwrapped, given an exact vertex on every ±180°
//! crossing, and cut and closed through the poles by [`crate::cut::assemble`].
//!
//! This module uses no projection library: the chart is two Karney solutions per point.

mod build;
mod chart;
mod distance;
mod outline;

use geo::{
    Area, Coord, Intersects, LineString, MultiLineString, MultiPolygon, Orient, Point, Polygon, Validation,
    orient::Direction,
};

use crate::error::{Error, Field, Result};
use crate::geodesy::distance_m as geodesic_m;
use crate::units::{Radius, Tolerance};
use distance::Boundary;

/// Edges of an area longer than this (degrees of latitude or longitude) are cut into pieces of
/// this length, so that along each piece the distance from a point has a single minimum and its
/// offset curve bends evenly.
const MAX_PIECE_DEG: f64 = 0.25;

/// Half the area of WGS84, m² (Karney: 510,065,621.7 km² in all).
const HEMISPHERE_M2: f64 = 2.550_328_108e14;

/// A launch area: polygons (with holes) or lines (roads), edges straight in lon/lat as GeoJSON
/// reads them, checked once by [`LaunchArea::new_polygons`] or [`LaunchArea::new_lines`].
///
/// Longitudes are within ±180°; an area across the antimeridian comes as parts split there, as
/// RFC 7946 asks (an edge from 179° to −179° runs the long way round, straight in lon/lat).
///
/// ```
/// use geo::{MultiPolygon, Point, polygon};
/// use reachmap_core::buffer::LaunchArea;
/// // A 1° square around Kaliningrad; Berlin (13.405 E, 52.52 N) lies to the west-south-west.
/// let square = polygon![(x: 20.0, y: 54.0), (x: 21.0, y: 54.0), (x: 21.0, y: 55.0), (x: 20.0, y: 55.0)];
/// let area = LaunchArea::new_polygons(MultiPolygon::new(vec![square]), "area")?;
/// assert_eq!(area.distance_m(Point::new(20.5, 54.5)), 0.0);
/// // Berlin's nearest point of the square is its south-west corner, 469.698 km away.
/// let corner = reachmap_core::geodesy::distance_m(Point::new(20.0, 54.0), Point::new(13.405, 52.52));
/// assert!((corner / 1000.0 - 469.698).abs() < 1e-3);
/// assert!((area.distance_m(Point::new(13.405, 52.52)) - corner).abs() < 1e-6);
/// # Ok::<(), reachmap_core::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct LaunchArea {
    /// The polygons, exteriors counter-clockwise and holes clockwise; None for lines.
    polygons: Option<MultiPolygon>,
    /// Closed rings with the area on the left (for lines: along each line and back), edges cut
    /// into pieces; the last vertex is not repeated.
    rings: Vec<Vec<Point>>,
    /// The same edges once each, for distances.
    boundary: Boundary,
}

impl LaunchArea {
    /// Checks polygons given by a user: every ring closed, with at least 3 distinct points,
    /// finite, latitudes within ±90° and longitudes within ±180°, no ring crossing itself or
    /// another (geo's validation), and no larger than a hemisphere. `field` names it in errors.
    pub fn new_polygons(area: MultiPolygon, field: impl Into<Field>) -> Result<LaunchArea> {
        let field: &Field = &field.into();
        if area.0.is_empty() {
            return Err(Error::invalid(field, "an empty MultiPolygon", "at least one polygon"));
        }
        for polygon in &area.0 {
            for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
                check_points(&ring.0, field)?;
                note_long_edges(&ring.0, field);
                if ring.0.first() != ring.0.last() {
                    return Err(Error::invalid(field, &ring_text(ring), "every ring must be closed"));
                }
                if distinct(&ring.0) < 3 {
                    return Err(Error::invalid(field, &ring_text(ring), "a ring needs at least 3 distinct points"));
                }
            }
        }
        if let Err(e) = area.check_validation() {
            return Err(Error::invalid(field, "the polygons", format!("not a valid area: {e}")));
        }
        let area = area.orient(Direction::Default);
        let area_m2 = crate::area::geodesic_area_m2(&area);
        if area_m2 > HEMISPHERE_M2 {
            return Err(Error::invalid(
                field,
                &format!("{:.0} km²", area_m2 / 1e6),
                "a launch area no larger than a hemisphere",
            ));
        }
        let rings: Vec<Vec<Point>> = area
            .0
            .iter()
            .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
            .map(|ring| pieces(&ring.0[..ring.0.len() - 1], true))
            .collect();
        Ok(LaunchArea { boundary: boundary_of(&rings, true), polygons: Some(area), rings })
    }

    /// Checks lines given by a user: each with at least 2 distinct points, finite, latitudes
    /// within ±90° and longitudes within ±180°, all within 10,000 km of their first point (a
    /// hemisphere). Lines may cross themselves and each other. `field` names them in errors.
    pub fn new_lines(lines: MultiLineString, field: impl Into<Field>) -> Result<LaunchArea> {
        let field: &Field = &field.into();
        if lines.0.is_empty() {
            return Err(Error::invalid(field, "an empty MultiLineString", "at least one line"));
        }
        for line in &lines.0 {
            check_points(&line.0, field)?;
            note_long_edges(&line.0, field);
            if distinct(&line.0) < 2 {
                return Err(Error::invalid(field, &ring_text(line), "a line needs at least 2 distinct points"));
            }
        }
        let first = Point::from(lines.0[0].0[0]);
        if let Some(far) = lines.0.iter().flat_map(|l| &l.0).find(|&&c| geodesic_m(first, Point::from(c)) > 1e7) {
            return Err(Error::invalid(
                field,
                &format!("({}, {})", far.x, far.y),
                "a launch area no larger than a hemisphere: every point within 10,000 km of the first",
            ));
        }
        // Each line along and back: a ring of zero area with the line on its left both ways.
        let rings: Vec<Vec<Point>> = lines
            .0
            .iter()
            .map(|line| {
                let mut points: Vec<Coord> = line.0.clone();
                points.dedup();
                let back: Vec<Coord> = points.iter().rev().skip(1).take(points.len() - 2).copied().collect();
                points.extend(back);
                pieces(&points, true)
            })
            .collect();
        Ok(LaunchArea { boundary: boundary_of(&rings, false), polygons: None, rings })
    }

    /// The polygons, if the area is polygons (exteriors counter-clockwise, holes clockwise).
    pub fn polygons(&self) -> Option<&MultiPolygon> {
        self.polygons.as_ref()
    }

    /// The area's outline as lines: its rings (for lines, each line along and back), closed.
    pub fn outline(&self) -> MultiLineString {
        MultiLineString::new(
            self.rings
                .iter()
                .map(|ring| {
                    let mut coords: Vec<Coord> = ring.iter().map(|p| p.0).collect();
                    coords.extend(coords.first().copied());
                    LineString::new(coords)
                })
                .collect(),
        )
    }

    /// The geodesic distance in metres from `point` to the nearest point of the area: 0 inside
    /// a polygon or on its boundary, else the least distance to any edge, found along each edge
    /// where the geodesic meets it at a right angle (Karney's inverse, to about 15 nm).
    pub fn distance_m(&self, point: Point) -> f64 {
        if self.polygons.as_ref().is_some_and(|p| p.intersects(&point)) {
            return 0.0;
        }
        self.boundary.nearest(point).0.distance_m
    }

    /// The region within `radius` of any point of the area, the area included, as RFC 7946
    /// polygons: split at ±180° (with a vertex exactly on the line), closed through a pole it
    /// contains, exteriors counter-clockwise and holes clockwise. Every vertex not on the
    /// antimeridian's or a pole's line of the lon/lat rectangle lies at `radius` from the area;
    /// edges follow the true boundary within about `tolerance`.
    ///
    /// Refused (field `radius`) when the buffer would reach within 1,000 km of the antipode of
    /// the area's centre.
    pub fn buffer(&self, radius: Radius, tolerance: Tolerance) -> Result<MultiPolygon> {
        build::buffer(self, radius, tolerance)
    }
}

/// Finite coordinates within the lon/lat rectangle.
fn check_points(points: &[Coord], field: impl Into<Field>) -> Result<()> {
    let field: &Field = &field.into();
    for c in points {
        if !c.y.is_finite() || c.y.abs() > 90.0 {
            return Err(Error::out_of_range(format!("{field} latitude"), c.y, "-90 to 90 degrees"));
        }
        if !c.x.is_finite() || c.x.abs() > 180.0 {
            return Err(Error::out_of_range(format!("{field} longitude"), c.x, "-180 to 180 degrees"));
        }
    }
    Ok(())
}

/// A note for the first edge of `points` that spans more than 180° of longitude: GeoJSON draws
/// it straight in lon/lat, the long way round (RFC 7946 §3.1.9 asks for such a line to be cut at
/// the antimeridian), which a road from 179.9° E to 175° W seldom means — its buffer would
/// circle the globe.
fn note_long_edges(points: &[Coord], field: &Field) {
    let mut long = points.windows(2).filter(|pair| (pair[1].x - pair[0].x).abs() > 180.0);
    let Some(first) = long.next() else { return };
    let (a, b) = (first[0], first[1]);
    let others = match long.count() {
        0 => String::new(),
        n => format!(" (and {n} more)"),
    };
    crate::notes::note(format!(
        "{field}: the edge from ({}, {}) to ({}, {}){others} spans {:.1}° of longitude and is taken the long way \
         round, straight in lon/lat as GeoJSON draws it; to cross 180° the short way, split the line or polygon \
         there (RFC 7946 §3.1.9)",
        a.x,
        a.y,
        b.x,
        b.y,
        (b.x - a.x).abs(),
    ));
}

/// Number of distinct points.
fn distinct(points: &[Coord]) -> usize {
    let mut seen: Vec<Coord> = Vec::new();
    for &c in points {
        if !seen.contains(&c) {
            seen.push(c);
        }
    }
    seen.len()
}

/// A ring or line as short text for an error message.
fn ring_text(ring: &LineString) -> String {
    let shown: Vec<String> = ring.0.iter().take(4).map(|c| format!("({}, {})", c.x, c.y)).collect();
    let more = if ring.0.len() > 4 { ", …" } else { "" };
    format!("[{}{more}]", shown.join(", "))
}

/// The closed ring through `points` (last not repeated) with every edge cut into pieces of at
/// most [`MAX_PIECE_DEG`], repeated points left out.
fn pieces(points: &[Coord], closed: bool) -> Vec<Point> {
    let n = points.len();
    let mut out: Vec<Point> = Vec::with_capacity(n);
    let edges = if closed { n } else { n - 1 };
    for k in 0..edges {
        let (a, b) = (points[k], points[(k + 1) % n]);
        if a == b {
            continue;
        }
        let parts = ((b.x - a.x).abs().max((b.y - a.y).abs()) / MAX_PIECE_DEG).ceil().max(1.0) as usize;
        out.extend((0..parts).map(|j| {
            let t = j as f64 / parts as f64;
            distance::along(Point::from(a), Point::from(b), t)
        }));
    }
    out
}

/// Every edge of `rings` once (lines' rings hold each edge twice, once each way).
fn boundary_of(rings: &[Vec<Point>], polygons: bool) -> Boundary {
    let mut vertices: Vec<Point> = Vec::new();
    let mut edges = Vec::new();
    for ring in rings {
        let start = vertices.len();
        let n = ring.len();
        vertices.extend_from_slice(ring);
        // A line's ring returns along itself: its first half (up to the far end) is the line.
        let count = if polygons { n } else { n / 2 };
        for k in 0..count {
            let (i, j) = (start + k, start + (k + 1) % n);
            // The lon/lat segment is longer than the geodesic by far less than 1 % over a piece.
            let length = geodesic_m(vertices[i], vertices[j]) * 1.01 + 1.0;
            edges.push((i, j, length));
        }
    }
    Boundary { vertices, edges }
}

/// Signed area of a ring in a plane, positive counter-clockwise.
fn signed_area(ring: &[Coord]) -> f64 {
    Polygon::new(LineString::from(ring.to_vec()), vec![]).signed_area()
}
