//! The buffer's pieces — sectors around convex vertices, bands along edges, the area itself —
//! sampled on the ground, carried into an azimuthal equidistant chart around the area's centre
//! and united there (see the module doc of [`super`]).

use geo::{ConvexHull, Coord, LineString, MultiPolygon, Point, Polygon, unary_union};
use rayon::prelude::*;

use super::chart::{Candidate, Chart};
use super::distance::{Feature, along};
use super::{LaunchArea, outline, signed_area};
use crate::circle::ground_edge_error;
use crate::cut::assemble;
use crate::error::{Error, Field, Result};
use crate::geodesy::{
    ANTIPODAL_LIMIT_M, destination, inverse, lon_lat_azimuth_deg, lon_lat_curvature_per_m, normal_spread, wrap_lon,
};
use crate::sampler::{Curve, SamplerOptions, sample};
use crate::units::{Radius, Tolerance};

/// How close to the centre's antipode a buffer may come, metres: the chart is continuous there
/// but stretched without bound, and unions of nearly antipodal pieces lose precision.
const ANTIPODE_CLEARANCE_M: f64 = 1_000_000.0;

/// Points along each normal from a vertex, as fractions of the radius: a normal is a geodesic,
/// curved in the chart, and the pieces that share it meet along these same points (with the
/// fold distances of the bands on either side). Denser near the far end, where a normal meets
/// the boundary.
const NORMAL_FRACTIONS: [f64; 7] = [0.3, 0.6, 0.8, 0.9, 0.96, 0.99, 0.998];

/// One piece of the union: a closed ring in the chart (first not repeated), and its vertices
/// that lie at the radius, in order along the one curve they sample.
struct Piece {
    ring: Vec<Coord>,
    candidates: Vec<Candidate>,
}

/// See [`LaunchArea::buffer`].
pub(super) fn buffer(area: &LaunchArea, radius: Radius, tolerance: Tolerance) -> Result<MultiPolygon> {
    let r = radius.meters();
    let chart = Chart { centre: centre(&area.boundary.vertices) };
    let reach = area.boundary.vertices.iter().map(|&v| inverse(chart.centre, v).0).fold(0.0, f64::max) + r;
    if reach > ANTIPODAL_LIMIT_M - ANTIPODE_CLEARANCE_M {
        return Err(Error::invalid(
            Field::Radius,
            &format!("{} km", radius.km()),
            format!(
                "the area's buffer would reach {:.0} km from its centre, within 1,000 km of the antipode; use a smaller range or area",
                reach / 1000.0
            ),
        ));
    }
    // Every vertex of every ring with its neighbours: a sector if convex, and the band of the
    // edge that leaves it. Where a band folds is known first, so that every piece along a
    // normal from a vertex uses the same points on it.
    let corners: Vec<(Point, Point, Point, Point)> = area
        .rings
        .iter()
        .flat_map(|ring| {
            let n = ring.len();
            (0..n).map(move |i| (ring[(i + n - 1) % n], ring[i], ring[(i + 1) % n], ring[(i + 2) % n]))
        })
        .collect();
    let folds: Vec<Option<(f64, f64)>> = corners.par_iter().map(|&(_, v, after, _)| fold(v, after, r)).collect();
    let starts: Vec<usize> = area.rings.iter().scan(0, |n, ring| Some(std::mem::replace(n, *n + ring.len()))).collect();
    let before_of = |k: usize| {
        let ring = starts.iter().rposition(|&s| s <= k).unwrap_or(0);
        if k == starts[ring] { k + area.rings[ring].len() - 1 } else { k - 1 }
    };
    let after_of = |k: usize| {
        let ring = starts.iter().rposition(|&s| s <= k).unwrap_or(0);
        if k + 1 == starts[ring] + area.rings[ring].len() { starts[ring] } else { k + 1 }
    };
    let pieces: Vec<Piece> = (0..corners.len())
        .into_par_iter()
        .flat_map_iter(|k| {
            let (before, v, after, _) = corners[k];
            let at_v = stops(r, [folds[before_of(k)], folds[k]]);
            let at_after = stops(r, [folds[k], folds[after_of(k)]]);
            let edge = Edge { a: v, b: after, fold: folds[k], stops_a: &at_v, stops_b: &at_after };
            sector(before, v, after, &at_v, r, tolerance, chart).into_iter().chain(edge.band(r, tolerance, chart))
        })
        .collect();

    let mut polygons: Vec<Polygon> = Vec::with_capacity(pieces.len() + 1);
    if let Some(shape) = &area.polygons {
        // The area first: its exteriors run counter-clockwise, which tells the union to keep
        // what is wound positively (holes, clockwise, cancel their exterior).
        for polygon in &shape.0 {
            let dense = |r: &LineString| -> LineString {
                let mut ring: LineString =
                    super::pieces(&r.0[..r.0.len() - 1], true).into_iter().map(|p| chart.xy(p)).collect();
                ring.close();
                ring
            };
            polygons.push(Polygon::new(dense(polygon.exterior()), polygon.interiors().iter().map(dense).collect()));
        }
    }
    let mut sampled = Vec::with_capacity(pieces.len());
    for mut piece in pieces {
        if signed_area(&piece.ring) < 0.0 {
            piece.ring.reverse();
        }
        sampled.push(piece.candidates);
        polygons.push(Polygon::new(LineString::from(piece.ring), vec![]));
    }
    let union = unary_union(&polygons);
    let curves = outline::curves(&union, &sampled, chart, area, r);
    Ok(assemble(&curves))
}

/// The centre of the chart: the direction of the mean of the vertices as unit vectors.
fn centre(vertices: &[Point]) -> Point {
    let (mut x, mut y, mut z) = (0.0, 0.0, 0.0);
    for v in vertices {
        let (lon, lat) = (v.x().to_radians(), v.y().to_radians());
        x += lat.cos() * lon.cos();
        y += lat.cos() * lon.sin();
        z += lat.sin();
    }
    if x * x + y * y + z * z < 1e-18 {
        return vertices[0];
    }
    Point::new(wrap_lon(y.atan2(x).to_degrees()), z.atan2(x.hypot(y)).to_degrees())
}

/// A curve on the ground judged as GeoJSON draws it, straight in lon/lat.
struct OnGround<F: Fn(f64) -> Point> {
    at: F,
    tolerance: Tolerance,
}

impl<F: Fn(f64) -> Point> Curve for OnGround<F> {
    type Point = Point;

    fn point(&self, t: f64) -> Point {
        (self.at)(t)
    }

    fn edge_error(&self, a: &Point, b: &Point, probes: &[Point]) -> f64 {
        ground_edge_error(a, b, probes, self.tolerance)
    }
}

/// The distances along a vertex's normals where pieces meet: fractions of the radius and where
/// the bands on either side fold.
fn stops(r: f64, folds: [Option<(f64, f64)>; 2]) -> Vec<f64> {
    let mut at: Vec<f64> = NORMAL_FRACTIONS.iter().map(|f| f * r).collect();
    at.extend(folds.iter().flatten().flat_map(|&(lo, hi)| [lo, hi]).filter(|&s| s < r));
    at.sort_by(f64::total_cmp);
    at.dedup();
    at
}

/// Points along the normal from `v` at `azimuth_deg` at the `stops` strictly between `from`
/// and `to`, outwards.
fn normal(v: Point, azimuth_deg: f64, stops: &[f64], from: f64, to: f64) -> impl DoubleEndedIterator<Item = Point> {
    stops
        .iter()
        .filter(move |&&s| s > from && s < to)
        .map(move |&s| destination(v, azimuth_deg, s))
        .collect::<Vec<_>>()
        .into_iter()
}

/// The sector of the disc around vertex `v` between the outward normals of the edges from
/// `before` and to `after`, if the area turns left there (a convex vertex; a line's far end,
/// where it turns back, counts as one).
fn sector(
    before: Point,
    v: Point,
    after: Point,
    stops: &[f64],
    r: f64,
    tolerance: Tolerance,
    chart: Chart,
) -> Option<Piece> {
    let incoming = lon_lat_azimuth_deg(before, v, v.y()) + 90.0;
    let outgoing = lon_lat_azimuth_deg(v, after, v.y()) + 90.0;
    let mut turn = wrap_lon(outgoing - incoming);
    if turn >= 180.0 - 1e-9 {
        turn = -180.0;
    }
    if turn >= 0.0 {
        return None;
    }
    let sweep = -turn;
    let arc = OnGround { at: |u: f64| destination(v, incoming - u, r), tolerance };
    let options = SamplerOptions {
        survey_segments: (sweep / 5.0).ceil().max(1.0) as usize,
        min_segments: 1,
        min_step: 1e-9,
        quarter_checks_above: 1.0,
        max_step: 5.0,
    };
    let mut points: Vec<Point> = sample(&arc, 0.0, sweep, options).into_iter().map(|s| s.point).collect();
    // The last point exactly as the next edge's band starts, so the two meet without a gap.
    if let Some(last) = points.last_mut() {
        *last = destination(v, outgoing, r);
    }
    let candidates = points.iter().map(|&p| Candidate { xy: chart.xy(p), point: p, feature: Feature::Vertex(v) });
    let candidates: Vec<Candidate> = candidates.collect();
    let mut ring = vec![chart.xy(v)];
    ring.extend(normal(v, incoming, stops, 0.0, r).map(|p| chart.xy(p)));
    ring.extend(candidates.iter().map(|c| c.xy));
    ring.extend(normal(v, outgoing, stops, 0.0, r).rev().map(|p| chart.xy(p)));
    Some(Piece { ring, candidates })
}

/// Where the outward normals of the edge from `a` to `b` meet (their focal distance, at its
/// ends and middle), if short of the radius: the band folds over between these distances.
fn fold(a: Point, b: Point, r: f64) -> Option<(f64, f64)> {
    let focal: Vec<f64> = [0.0, 0.5, 1.0]
        .iter()
        .filter_map(|&t| {
            let e = along(a, b, t);
            let azimuth = lon_lat_azimuth_deg(a, b, e.y()) + 90.0;
            let curvature = lon_lat_curvature_per_m(a, b, e.y());
            let spread = |s: f64| normal_spread(e, azimuth, s, curvature);
            if spread(r) > 0.0 {
                return None;
            }
            let (mut lo, mut hi) = (0.0, r);
            for _ in 0..50 {
                let mid = (lo + hi) / 2.0;
                if spread(mid) > 0.0 { lo = mid } else { hi = mid }
            }
            Some(lo)
        })
        .collect();
    let lo = focal.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = if focal.len() == 3 { focal.iter().copied().fold(0.0, f64::max) * (1.0 + FOLD_MARGIN) } else { r };
    (!focal.is_empty()).then_some((lo * (1.0 - FOLD_MARGIN), hi.min(r)))
}

/// How far either side of the focal distances the fold is taken to reach, as a fraction.
const FOLD_MARGIN: f64 = 1e-3;

/// An edge of a ring, with where its band folds and the stops on the normals at its ends.
struct Edge<'a> {
    a: Point,
    b: Point,
    fold: Option<(f64, f64)>,
    stops_a: &'a [f64],
    stops_b: &'a [f64],
}

impl Edge<'_> {
    /// The band swept by the outward normals of the edge, as pieces between the distances where
    /// it folds: before the fold and after it each is a simple ring (the part after it wound
    /// backwards, and turned round), and the thin part across it is taken as its convex hull.
    fn band(&self, r: f64, tolerance: Tolerance, chart: Chart) -> Vec<Piece> {
        let (a, b) = (self.a, self.b);
        let outward = |t: f64| {
            let e = along(a, b, t);
            (e, lon_lat_azimuth_deg(a, b, e.y()) + 90.0)
        };
        let offset = |s: f64| -> Vec<Point> {
            if s == 0.0 {
                return vec![a, b];
            }
            let curve = OnGround {
                at: |t: f64| {
                    let (e, azimuth) = outward(t);
                    destination(e, azimuth, s)
                },
                tolerance,
            };
            let options = SamplerOptions {
                survey_segments: 2,
                min_segments: 1,
                min_step: 1e-9,
                quarter_checks_above: 0.5,
                max_step: 1.0,
            };
            sample(&curve, 0.0, 1.0, options).into_iter().map(|s| s.point).collect()
        };
        let levels: Vec<f64> = match self.fold {
            Some((lo, hi)) if hi < r => vec![0.0, lo, hi, r],
            Some((lo, _)) => vec![0.0, lo, r],
            None => vec![0.0, r],
        };
        let offsets: Vec<Vec<Point>> = levels.iter().map(|&s| offset(s)).collect();
        let feature = Feature::Edge(a, b);
        let mut pieces = Vec::new();
        for k in 0..levels.len() - 1 {
            let (from, to) = (levels[k], levels[k + 1]);
            let mut ring: Vec<Coord> = offsets[k].iter().map(|&p| chart.xy(p)).collect();
            ring.extend(normal(b, outward(1.0).1, self.stops_b, from, to).map(|p| chart.xy(p)));
            ring.extend(offsets[k + 1].iter().rev().map(|&p| chart.xy(p)));
            ring.extend(normal(a, outward(0.0).1, self.stops_a, from, to).rev().map(|p| chart.xy(p)));
            let across_fold = self.fold.is_some() && k == 1;
            if across_fold {
                let hull = geo::MultiPoint::from(ring.clone()).convex_hull();
                ring = hull.exterior().0[..hull.exterior().0.len().saturating_sub(1)].to_vec();
            }
            let candidates = if to == r {
                offsets[k + 1].iter().map(|&p| Candidate { xy: chart.xy(p), point: p, feature }).collect()
            } else {
                Vec::new()
            };
            if ring.len() >= 3 {
                pieces.push(Piece { ring, candidates });
            }
        }
        pieces
    }
}
