//! Turning closed curves on the globe into RFC 7946 lon/lat polygons: cut at the antimeridian
//! (§3.1.9), closed through the pole along the map's top or bottom edge when a curve winds
//! around a pole, exterior rings counter-clockwise and holes clockwise.
//!
//! Input curves have the region to their left, continuous (unwrapped) longitude, and a vertex
//! exactly on every meridian 180° + k·360° they cross. The lon/lat plane is treated as the
//! rectangle [-180, 180] × [-90, 90]; pieces of curves that end on its left or right edge are
//! joined by walking that rectangle's boundary counter-clockwise, which keeps the region on the
//! left. This module never computes geodesics; it only reorders and shifts vertices, so every
//! vertex of the output is a vertex of the input or a corner of the rectangle.

use geo::{Area, Contains, Coord, LineString, MultiPolygon, Point, Polygon};

/// Builds the region to the left of all `curves` (each closed: last vertex = first, shifted by
/// the winding) as a valid lon/lat multipolygon.
pub fn assemble(curves: &[Vec<Point>]) -> MultiPolygon {
    let mut arcs: Vec<Vec<Coord>> = Vec::new();
    let mut loops: Vec<Vec<Coord>> = Vec::new();
    for curve in curves {
        split_at_antimeridian(curve, &mut arcs, &mut loops);
    }

    let mut exteriors: Vec<LineString> = join_arcs(arcs);
    let mut holes: Vec<LineString> = Vec::new();
    for ring in loops {
        let ring = LineString::from(ring);
        if signed_area(&ring) > 0.0 {
            exteriors.push(ring);
        } else {
            holes.push(ring);
        }
    }

    let mut polygons: Vec<(LineString, Vec<LineString>)> = exteriors.into_iter().map(|e| (e, Vec::new())).collect();
    let mut orphans = Vec::new();
    for hole in holes {
        let probe = Point::from(hole.0[0]);
        match polygons.iter_mut().find(|(exterior, _)| Polygon::new(exterior.clone(), vec![]).contains(&probe)) {
            Some((_, inner)) => inner.push(hole),
            None => orphans.push(hole),
        }
    }
    if !orphans.is_empty() {
        // Holes that nothing encloses lie in a region that reaches every edge: the whole plane.
        polygons.push((whole_plane(), orphans));
    }
    MultiPolygon::new(polygons.into_iter().map(|(exterior, holes)| Polygon::new(exterior, holes)).collect())
}

/// Which 360°-wide window an unwrapped longitude falls in: 0 for [-180, 180).
fn window(lon: f64) -> f64 {
    ((lon + 180.0) / 360.0).floor()
}

/// Cuts one closed curve into arcs that run from edge to edge of the rectangle (pushed to
/// `arcs`), or passes it whole to `loops` when it never crosses the antimeridian. Longitudes are
/// shifted into [-180, 180].
fn split_at_antimeridian(curve: &[Point], arcs: &mut Vec<Vec<Coord>>, loops: &mut Vec<Vec<Coord>>) {
    let points: Vec<Coord> = curve.iter().map(|p| p.0).collect();
    // Each edge lies in one window (the curve has a vertex on every crossing); the window of an
    // edge is the one holding its midpoint.
    let edge_window: Vec<f64> = points.windows(2).map(|e| window((e[0].x + e[1].x) / 2.0)).collect();
    let edges = edge_window.len();
    // Going round the closing vertex moves one winding (0 or ±360°) to the east.
    let winding = ((points[edges].x - points[0].x) / 360.0).round() * 360.0;
    let previous_window = |i: usize| match i {
        0 => edge_window[edges - 1] - winding / 360.0,
        _ => edge_window[i - 1],
    };
    let changes: Vec<usize> = (0..edges).filter(|&i| edge_window[i] != previous_window(i)).collect();
    // Clamped: a vertex a few ulps past ±180° (as Karney's solution can return) stays in range.
    let shift = |c: Coord, w: f64| Coord { x: (c.x - 360.0 * w).clamp(-180.0, 180.0), y: c.y };
    if changes.is_empty() {
        let w = edge_window.first().copied().unwrap_or(0.0);
        loops.push(points.iter().map(|&c| shift(c, w)).collect());
        return;
    }
    // Vertex i starts edge i; an arc runs from one change vertex to the next, around the loop
    // (the closing vertex repeats vertex 0 one winding later, so indices wrap at `edges`).
    let vertex = |i: usize| {
        let c = points[i % edges];
        Coord { x: c.x + winding * (i / edges) as f64, y: c.y }
    };
    for (n, &start) in changes.iter().enumerate() {
        let end = if n + 1 < changes.len() { changes[n + 1] } else { changes[0] + edges };
        let w = edge_window[start];
        let mut arc: Vec<Coord> = (start..=end).map(|i| shift(vertex(i), w)).collect();
        // The ends lie on the antimeridian; which side of the rectangle follows from the
        // direction of the crossing, not from the last bits of a longitude near ±180°.
        let came_from_west = previous_window(start) < w;
        let goes_east = edge_window[end % edges] + winding / 360.0 * (end / edges) as f64 > w;
        let last = arc.len() - 1;
        arc[0].x = if came_from_west { -180.0 } else { 180.0 };
        arc[last].x = if goes_east { 180.0 } else { -180.0 };
        arcs.push(arc);
    }
}

/// Where a point on the rectangle's boundary lies, measured counter-clockwise from the
/// bottom-left corner (bottom edge 0–360, right 360–540, top 540–900, left 900–1080).
fn boundary_position(c: Coord) -> f64 {
    if c.x >= 180.0 {
        450.0 + c.y
    } else if c.x <= -180.0 {
        990.0 - c.y
    } else if c.y <= -90.0 {
        c.x + 180.0
    } else {
        540.0 + (180.0 - c.x)
    }
}

const PERIMETER: f64 = 1080.0;

/// Corners of the rectangle, and points every 90° along the pole lines so that no edge spans
/// more than 180° of longitude there, with their boundary positions.
const CORNERS: [(f64, Coord); 10] = [
    (0.0, Coord { x: -180.0, y: -90.0 }),
    (90.0, Coord { x: -90.0, y: -90.0 }),
    (180.0, Coord { x: 0.0, y: -90.0 }),
    (270.0, Coord { x: 90.0, y: -90.0 }),
    (360.0, Coord { x: 180.0, y: -90.0 }),
    (540.0, Coord { x: 180.0, y: 90.0 }),
    (630.0, Coord { x: 90.0, y: 90.0 }),
    (720.0, Coord { x: 0.0, y: 90.0 }),
    (810.0, Coord { x: -90.0, y: 90.0 }),
    (900.0, Coord { x: -180.0, y: 90.0 }),
];

/// Joins arcs into closed rings: after each arc, walk the boundary counter-clockwise to the
/// nearest arc start and continue with that arc, adding the corners passed on the way.
fn join_arcs(arcs: Vec<Vec<Coord>>) -> Vec<LineString> {
    let starts: Vec<f64> = arcs.iter().map(|a| boundary_position(a[0])).collect();
    let mut used = vec![false; arcs.len()];
    let mut rings = Vec::new();
    for first in 0..arcs.len() {
        if used[first] {
            continue;
        }
        let mut ring: Vec<Coord> = Vec::new();
        let mut current = first;
        loop {
            used[current] = true;
            ring.extend_from_slice(&arcs[current]);
            let end = boundary_position(*arcs[current].last().unwrap_or(&arcs[current][0]));
            let ahead = |p: f64| (p - end).rem_euclid(PERIMETER);
            let next = (0..arcs.len())
                .filter(|&i| !used[i] || i == first)
                .min_by(|&i, &j| ahead(starts[i]).total_cmp(&ahead(starts[j])))
                .unwrap_or(first);
            let gap = ahead(starts[next]);
            let mut corners: Vec<(f64, Coord)> =
                CORNERS.iter().map(|&(p, c)| (ahead(p), c)).filter(|&(d, _)| d > 0.0 && d < gap).collect();
            corners.sort_by(|a, b| a.0.total_cmp(&b.0));
            ring.extend(corners.into_iter().map(|(_, c)| c));
            if next == first {
                break;
            }
            current = next;
        }
        ring.push(ring[0]);
        rings.push(LineString::from(ring));
    }
    rings
}

/// The whole lon/lat rectangle, counter-clockwise.
fn whole_plane() -> LineString {
    let mut ring: Vec<Coord> = CORNERS.iter().map(|&(_, c)| c).collect();
    ring.push(ring[0]);
    LineString::from(ring)
}

/// Positive for a counter-clockwise ring.
fn signed_area(ring: &LineString) -> f64 {
    Polygon::new(ring.clone(), vec![]).signed_area()
}

/// `a` less `b` (lon/lat polygons, RFC 7946), for `b` nested inside `a` so that no boundaries
/// cross: every vertex of the result is a vertex of `a` or `b`, given back exactly. The
/// boolean operation rounds vertices to a grid (of the order of a millimetre to a centimetre on
/// a continent-wide extent); each is put back on the input vertex it came from, and vertices
/// along the pole lines that it merged away are restored every 90°.
pub fn nested_difference(a: &MultiPolygon, b: &MultiPolygon) -> MultiPolygon {
    use geo::BooleanOps;
    use std::collections::HashMap;
    // Input vertices by their cell on a grid of 1e-5° (about a metre), with the neighbours.
    let cell = |c: &Coord| ((c.x * 1e5).round() as i64, (c.y * 1e5).round() as i64);
    let mut vertices: HashMap<(i64, i64), Vec<Coord>> = HashMap::new();
    for polygon in a.0.iter().chain(&b.0) {
        for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
            for c in &ring.0 {
                vertices.entry(cell(c)).or_default().push(*c);
            }
        }
    }
    let restore = |c: &mut Coord| {
        let (i, j) = cell(c);
        let mut best: Option<(f64, Coord)> = None;
        for di in -1..=1 {
            for dj in -1..=1 {
                for v in vertices.get(&(i + di, j + dj)).into_iter().flatten() {
                    let d = (v.x - c.x).hypot(v.y - c.y);
                    if best.is_none_or(|(bd, _)| d < bd) {
                        best = Some((d, *v));
                    }
                }
            }
        }
        if let Some((d, v)) = best
            && d < 1e-5
        {
            *c = v;
        }
    };
    let mut out = a.difference(b);
    for polygon in &mut out.0 {
        polygon.exterior_mut(|ring| {
            ring.0.iter_mut().for_each(restore);
            restore_pole_line_vertices(ring);
        });
        polygon.interiors_mut(|rings| {
            for ring in rings {
                ring.0.iter_mut().for_each(restore);
                restore_pole_line_vertices(ring);
            }
        });
    }
    out
}

/// Puts back the vertices every 90° along a pole line that a boolean operation merged away (no
/// edge may span more than 180° of longitude).
pub fn restore_pole_line_vertices(ring: &mut LineString) {
    let mut out: Vec<Coord> = Vec::with_capacity(ring.0.len() + 4);
    for pair in ring.0.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        out.push(a);
        if a.y == b.y && a.y.abs() == 90.0 && (b.x - a.x).abs() > 90.0 {
            let steps = ((b.x - a.x).abs() / 90.0).ceil() as usize;
            for k in 1..steps {
                out.push(Coord { x: a.x + (b.x - a.x) * k as f64 / steps as f64, y: a.y });
            }
        }
    }
    out.extend(ring.0.last());
    ring.0 = out;
}

/// Whether the edge from `a` to `b` runs along ±180° or a pole's line: an edge the cut adds to
/// close a polygon, not part of the curve it outlines.
pub fn is_cut_edge(a: Coord, b: Coord) -> bool {
    (a.x.abs() == 180.0 && a.x == b.x) || (a.y.abs() == 90.0 && a.y == b.y)
}

/// The pieces of closed rings that are not cut edges ([`is_cut_edge`]), each a line, for
/// drawing outlines: a ring with no cut edge comes out whole and closed, and a ring with one is
/// read from just after it, so that no line is broken at the ring's first vertex.
pub fn without_cut_edges(rings: &[LineString]) -> Vec<LineString> {
    let mut lines = Vec::new();
    for ring in rings {
        let ring = &ring.0;
        let edges = ring.len().saturating_sub(1);
        let Some(start) = (0..edges).find(|&i| is_cut_edge(ring[i], ring[i + 1])).map(|i| i + 1) else {
            if edges >= 1 {
                lines.push(LineString::new(ring.clone()));
            }
            continue;
        };
        let mut current: Vec<Coord> = Vec::new();
        for k in 0..edges {
            let i = (start + k) % edges;
            let (a, b) = (ring[i], ring[i + 1]);
            if is_cut_edge(a, b) {
                if current.len() >= 2 {
                    lines.push(LineString::new(std::mem::take(&mut current)));
                }
                current.clear();
                continue;
            }
            if current.is_empty() {
                current.push(a);
            }
            current.push(b);
        }
        if current.len() >= 2 {
            lines.push(LineString::new(current));
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::without_cut_edges;
    use geo::LineString;

    fn line(points: &[[f64; 2]]) -> LineString {
        points.iter().map(|&[x, y]| (x, y)).collect()
    }

    #[test]
    fn cut_edges_are_left_out_and_the_rest_joined_across_the_ring_start() {
        // A cap around the North Pole cut at ±180°: the circle runs from (-180, 60) east to
        // (180, 60), then up the antimeridian, along the pole's line and down again.
        let ring = line(&[[-180.0, 60.0], [0.0, 61.0], [180.0, 60.0], [180.0, 90.0], [-180.0, 90.0], [-180.0, 60.0]]);
        assert_eq!(without_cut_edges(&[ring]), vec![line(&[[-180.0, 60.0], [0.0, 61.0], [180.0, 60.0]])]);
        // A ring that crosses nothing comes out whole.
        let plain = line(&[[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0]]);
        assert_eq!(without_cut_edges(std::slice::from_ref(&plain)), vec![plain]);
        // A piece beside the antimeridian: its edge along 180° is left out, and the line runs
        // on from before the ring's start.
        let piece = line(&[[179.0, 10.0], [180.0, 9.0], [180.0, 11.0], [179.5, 11.5], [179.0, 10.0]]);
        assert_eq!(
            without_cut_edges(&[piece]),
            vec![line(&[[180.0, 11.0], [179.5, 11.5], [179.0, 10.0], [180.0, 9.0]])]
        );
    }
}
