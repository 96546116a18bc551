//! Exact distances to a launch area's boundary: to a vertex (one Karney inverse) and to an
//! edge straight in lon/lat (the inverse minimised along the edge, where the geodesic from the
//! point meets the edge at a right angle), and to the nearest of many edges, pruned by a lower
//! bound so that only the few edges that can be nearest are minimised along.

use geo::Point;

use crate::geodesy::{inverse_azimuths, lon_lat_azimuth_deg};
pub(super) use crate::solve::Near;
use crate::solve::NearestPoint;

/// A piece of a launch area's boundary that a point of the buffer can be nearest to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Feature {
    /// A vertex.
    Vertex(Point),
    /// An edge, straight in lon/lat, from its first point to its second (longitudes as given,
    /// so the edge may run across ±180° only if its ends say so).
    Edge(Point, Point),
}

impl NearestPoint for Feature {
    /// The nearest point of the feature to `x`.
    fn near(&self, x: Point) -> Near {
        match *self {
            Feature::Vertex(v) => v.near(x),
            Feature::Edge(a, b) => nearest_on_edge(a, b, x),
        }
    }
}

/// The point of a lon/lat straight edge at parameter `t` (0 at `a`, exactly `b` at 1).
pub(super) fn along(a: Point, b: Point, t: f64) -> Point {
    if t >= 1.0 { b } else { Point::new(a.x() + t * (b.x() - a.x()), a.y() + t * (b.y() - a.y())) }
}

/// The nearest point to `x` of the edge from `a` to `b`. Moving the edge's point E(t) along the
/// edge changes its distance to `x` at a rate −cos(β − α), with β the edge's local azimuth and
/// α the azimuth at E of the geodesic to `x`: the distance falls while that cosine is positive.
/// Its root is found by regula falsi (Illinois), which converges in a handful of inverses. Edges
/// are short (the area's edges are cut into pieces of at most [`MAX_PIECE_DEG`](super)), so
/// along one the distance has a single minimum for every point short of the antipodes.
fn nearest_on_edge(a: Point, b: Point, x: Point) -> Near {
    let probe = |t: f64| {
        let e = along(a, b, t);
        let (s, toward_x, away) = inverse_azimuths(e, x);
        let slope = (lon_lat_azimuth_deg(a, b, e.y()) - toward_x).to_radians().cos();
        (Near { distance_m: s, foot: e, away_deg: away }, slope)
    };
    let (start, slope0) = probe(0.0);
    if slope0 <= 0.0 || a == b {
        return start;
    }
    let (end, slope1) = probe(1.0);
    if slope1 >= 0.0 {
        return end;
    }
    let (mut t0, mut g0, mut t1, mut g1) = (0.0, slope0, 1.0, slope1);
    let mut best = if start.distance_m < end.distance_m { start } else { end };
    let mut side = 0;
    for _ in 0..60 {
        let t = ((t0 * g1 - t1 * g0) / (g1 - g0)).clamp(t0, t1);
        let (near, g) = probe(t);
        if near.distance_m < best.distance_m {
            best = near;
        }
        // A right angle to 1e-9 rad moves the distance by far less than a nanometre.
        if g.abs() < 1e-9 || t1 - t0 < 1e-15 {
            break;
        }
        if g > 0.0 {
            (t0, g0) = (t, g);
            if side == 1 {
                g1 /= 2.0;
            }
            side = 1;
        } else {
            (t1, g1) = (t, g);
            if side == -1 {
                g0 /= 2.0;
            }
            side = -1;
        }
    }
    best
}

/// The boundary of a launch area as vertices and edges between them, with what pruning needs.
#[derive(Debug, Clone)]
pub(super) struct Boundary {
    /// Every vertex once.
    pub vertices: Vec<Point>,
    /// Edges as pairs of indices into `vertices`, each with an upper bound on its length in
    /// metres.
    pub edges: Vec<(usize, usize, f64)>,
}

impl Boundary {
    /// The boundary's nearest point to `x` and the feature it lies on.
    pub fn nearest(&self, x: Point) -> (Near, Feature) {
        let to_vertex: Vec<Near> = self.vertices.iter().map(|&v| Feature::Vertex(v).near(x)).collect();
        let (mut best, mut feature) = to_vertex
            .iter()
            .zip(&self.vertices)
            .min_by(|p, q| p.0.distance_m.total_cmp(&q.0.distance_m))
            .map(|(n, &v)| (*n, Feature::Vertex(v)))
            .expect("a launch area has vertices");
        // d(x, E) ≥ d(x, A) − |AE| and ≥ d(x, B) − |EB|, so d(x, edge) ≥ (d(x,A) + d(x,B) − |AB|)/2.
        let mut candidates: Vec<(f64, usize)> = self
            .edges
            .iter()
            .enumerate()
            .map(|(k, &(i, j, length))| ((to_vertex[i].distance_m + to_vertex[j].distance_m - length) / 2.0, k))
            .collect();
        candidates.sort_by(|p, q| p.0.total_cmp(&q.0));
        for (bound, k) in candidates {
            if bound >= best.distance_m {
                break;
            }
            let (i, j, _) = self.edges[k];
            let edge = Feature::Edge(self.vertices[i], self.vertices[j]);
            let near = edge.near(x);
            if near.distance_m < best.distance_m {
                (best, feature) = (near, edge);
            }
        }
        (best, feature)
    }
}
