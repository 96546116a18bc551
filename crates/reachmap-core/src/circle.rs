//! The geodesic circle: every point at one geodesic distance from a centre on WGS84, traced by
//! azimuth with Karney's direct solution, and sampled into exact vertices.
//!
//! Beyond 19,960 km (see [`SHORTEST_BELOW_M`]) some geodesics from the centre pass their cut
//! locus before reaching the radius, so their endpoints are nearer than the radius; those
//! azimuths are left out, and the circle is traced by the azimuths whose geodesics are still
//! shortest.

use std::cell::Cell;

use geo::Point;

use crate::geodesy::{
    MEAN_RADIUS_M, SHORTEST_BELOW_M, destination, distance_m, inverse_azimuths, meters_per_degree,
    meters_per_degree_at, unit_vector, wrap_lon,
};
use crate::sampler::{Curve, Sample, SamplerOptions, sample};
use crate::solve::{closing_lon, meridians_between, unwrap_after};
use crate::units::{Radius, Tolerance};

/// The points at one geodesic distance from a centre.
///
/// ```
/// use reachmap_core::{GeodesicCircle, Radius, Site};
/// let kaliningrad = Site::new("Kaliningrad", 54.71, 20.51).unwrap();
/// let circle = GeodesicCircle::new(&kaliningrad, Radius::from_m(529_285.137, "r").unwrap());
/// // Berlin (52.52 N, 13.405 E) is 529.285 km away at azimuth -114.508° (GeographicLib).
/// let p = circle.point_at(-114.507_935_9);
/// assert!((p.x() - 13.405).abs() < 1e-7 && (p.y() - 52.52).abs() < 1e-7);
/// ```
#[derive(Debug, Clone, Copy)]
pub struct GeodesicCircle {
    center: Point,
    radius_m: f64,
}

/// One vertex of a sampled circle: the azimuth it was taken at, and its position with the
/// longitude unwrapped (continuous along the circle, so it may leave [-180, 180]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CircleVertex {
    /// Azimuth from the centre, degrees clockwise from north (may exceed 360 on the closing
    /// vertex).
    pub azimuth_deg: f64,
    /// The vertex; x is the unwrapped longitude.
    pub point: Point,
}

impl GeodesicCircle {
    /// The circle of `radius` around `site`.
    pub fn new(site: &crate::Site, radius: Radius) -> GeodesicCircle {
        GeodesicCircle { center: site.point(), radius_m: radius.meters() }
    }

    /// The centre (x = lon, y = lat).
    pub fn center(&self) -> Point {
        self.center
    }

    /// The radius in metres.
    pub fn radius_m(&self) -> f64 {
        self.radius_m
    }

    /// The point at the radius along azimuth `azimuth_deg`, longitude in [-180, 180].
    pub fn point_at(&self, azimuth_deg: f64) -> Point {
        destination(self.center, azimuth_deg, self.radius_m)
    }

    /// The circle as a closed sequence of vertices in order of increasing azimuth (so the disc
    /// lies to the right of the direction of travel), every vertex at the radius, every edge —
    /// read as a straight line in lon/lat — within `tolerance` of the circle. Longitude is
    /// unwrapped; the last vertex repeats the first, shifted by 360° when the circle winds
    /// around a pole. A vertex lies exactly on every meridian 180° + k·360° the circle crosses.
    pub fn boundary(&self, tolerance: Tolerance) -> Vec<CircleVertex> {
        self.boundary_counted(tolerance, 180.0).0
    }

    /// [`boundary`](Self::boundary) with the vertices on the crossings placed on the meridians
    /// `seam_deg` + k·360° instead: a map whose central meridian is λ₀ is cut at λ₀ + 180°.
    pub fn boundary_with_seam(&self, tolerance: Tolerance, seam_deg: f64) -> Vec<CircleVertex> {
        self.boundary_counted(tolerance, seam_deg).0
    }

    /// [`boundary`](Self::boundary), and the number of Karney direct solutions it took — for
    /// benchmarks that compare the sampler's cost with that of the geodesy alone. Radii beyond
    /// 19,960 km also take inverse solutions to find the cut locus; those are not counted.
    pub fn boundary_counted(&self, tolerance: Tolerance, seam_deg: f64) -> (Vec<CircleVertex>, usize) {
        let sigma = self.radius_m / MEAN_RADIUS_M;
        let curvature_per_m = (sigma.cos() / sigma.sin()).abs() / MEAN_RADIUS_M;
        trace(self, curvature_per_m, &self.shortest_azimuths(), tolerance, seam_deg)
    }

    /// Intervals of azimuth, in increasing order within one turn, along which the geodesic is
    /// still the shortest path at the radius: the whole turn below [`SHORTEST_BELOW_M`], around a
    /// pole, or where the circle does not meet the cut locus.
    ///
    /// The cut locus of a centre at latitude φ (not a pole) is a segment of the parallel −φ
    /// centred on the antipodal meridian (Karney 2013, §8). Where the circle crosses it, it has
    /// a corner: two shortest geodesics of the radius meet there, and those leaving between
    /// them pass the cut locus before the radius. GeographicLib gives both: for points on
    /// opposite parallels the second geodesic leaves at the first one's arriving azimuth. So
    /// the corner is found on the parallel by bisection, the azimuths between its two
    /// geodesics (and their reflections in the centre's meridian, for the other corner) are
    /// left out, and the arcs that remain end on the corners exactly. (A distance test per
    /// azimuth cannot find these ends: near the ends of the cut locus the two geodesics meet
    /// almost tangentially, so one that has passed it by decimetres is short by less than a
    /// millimetre, and the traced curve would cross itself.)
    fn shortest_azimuths(&self) -> Vec<(f64, f64)> {
        let whole = vec![(0.0, 360.0)];
        if self.radius_m < SHORTEST_BELOW_M || self.center.y().abs() == 90.0 {
            return whole;
        }
        let Some(corner) = self.corner_on_cut_locus() else {
            return whole;
        };
        let (_, leaving, arriving) = inverse_azimuths(self.center, corner);
        // The pair as azimuths east of the centre's meridian (0° to 180°); the other corner's
        // pair is its reflection, 360° − each.
        let east = |azimuth: f64| {
            let a = azimuth.rem_euclid(360.0);
            if a > 180.0 { 360.0 - a } else { a }
        };
        let (low, high) = {
            let (a, b) = (east(leaving), east(arriving));
            (a.min(b), a.max(b))
        };
        if high - low < 1e-9 {
            // One geodesic: the circle crosses the parallel beyond the cut locus's end.
            return whole;
        }
        vec![(high, 360.0 - high), (360.0 - low, 360.0 + low)]
    }

    /// The circle's point on the parallel opposite the centre's, east of the antipodal
    /// meridian (distance along that parallel falls from the antipode's, the largest, to the
    /// point on the centre's own meridian), found by bisection on longitude; None when the
    /// whole parallel is farther than the radius.
    fn corner_on_cut_locus(&self) -> Option<Point> {
        let lat = -self.center.y();
        let antipodal_lon = self.center.x() + 180.0;
        let at = |offset: f64| Point::new(wrap_lon(antipodal_lon + offset), lat);
        let farther = |offset: f64| distance_m(self.center, at(offset)) > self.radius_m;
        if !farther(0.0) || farther(180.0) {
            return None;
        }
        let (mut inside, mut outside) = (180.0, 0.0);
        for _ in 0..64 {
            let mid = (inside + outside) / 2.0;
            if farther(mid) {
                outside = mid;
            } else {
                inside = mid;
            }
        }
        Some(at(inside))
    }
}

/// A closed curve around a centre, given by its point along each azimuth from it: a geodesic
/// circle, or a range that depends on direction (`crate::rotation`).
pub(crate) trait Outline {
    /// The curve's point along `azimuth_deg` from the centre, longitude in [-180, 180].
    fn point_at(&self, azimuth_deg: f64) -> Point;

    /// The longitude of the meridian the curve is symmetric about, if it is: its point along
    /// azimuth 360° − α is its point along α reflected in that meridian, so [`trace`] samples
    /// azimuths 0 to 180° and reflects them, for half the direct solutions.
    fn meridian_of_symmetry(&self) -> Option<f64> {
        None
    }
}

impl Outline for GeodesicCircle {
    fn point_at(&self, azimuth_deg: f64) -> Point {
        GeodesicCircle::point_at(self, azimuth_deg)
    }

    /// The centre's meridian: WGS84 is symmetric about the plane of every meridian, so the
    /// geodesic leaving the centre at −α is the reflection in it of the one leaving at α, and
    /// their points at the radius are reflections too (GeographicLib's direct solution keeps
    /// that symmetry exactly, to rounding).
    fn meridian_of_symmetry(&self) -> Option<f64> {
        Some(self.center.x())
    }
}

/// Samples `outline` over the azimuth intervals `arcs` (the whole turn of an outline with a
/// [meridian of symmetry](Outline::meridian_of_symmetry): half of it, reflected) into a closed
/// sequence of vertices in order of increasing azimuth, every edge — straight in lon/lat — within `tolerance` of the
/// curve, longitude unwrapped and a vertex exactly on every meridian `seam_deg` + k·360° the
/// curve crosses (see [`GeodesicCircle::boundary`]). `curvature_per_m` is the curve's geodesic
/// curvature on the ground, about (it tells where one probe per edge is not enough). Returns the
/// vertices and the number of points the outline was asked for.
pub(crate) fn trace<O: Outline>(
    outline: &O,
    curvature_per_m: f64,
    arcs: &[(f64, f64)],
    tolerance: Tolerance,
    seam_deg: f64,
) -> (Vec<CircleVertex>, usize) {
    let judge = LonLatChord { outline, tolerance, curvature_per_m, evaluations: Cell::new(0) };
    let options = SamplerOptions {
        survey_segments: 64,
        min_segments: 8,
        min_step: 1e-9,
        quarter_checks_above: QUARTER_CHECKS_ABOVE_DEG,
        max_step: MAX_EDGE_AZIMUTH_DEG,
    };
    let mut samples: Vec<Sample<Point>> = Vec::new();
    match (outline.meridian_of_symmetry(), arcs) {
        (Some(lon0), &[(from, to)]) if from == 0.0 && to == 360.0 => {
            // Half the turn, with half the survey and the fewest edges; every edge of the
            // other half is the reflection of one of these, judged the same (the judges read
            // longitude only through differences, and scales only through latitude).
            let half = SamplerOptions { survey_segments: 32, min_segments: 4, ..options };
            samples = sample(&judge, 0.0, 180.0, half);
            reflect_half(&mut samples, lon0);
        }
        _ => {
            for &(from, to) in arcs {
                let arc = sample(&judge, from, to, options);
                match samples.pop() {
                    // Consecutive arcs meet on a corner on the cut locus: the end of one and
                    // the start of the next are the same point to within rounding, which
                    // could still make the two ends cross, so both become their midpoint.
                    Some(end) => {
                        samples.push(Sample { t: end.t, point: midpoint(end.point, arc[0].point) });
                        samples.extend_from_slice(&arc[1..]);
                    }
                    None => samples = arc,
                }
            }
        }
    }
    // The last sample is one turn after the first (the full circle), or meets the first arc
    // on the cut locus; either way it is replaced by the first, so the ring closes exactly.
    let end = samples.pop().unwrap_or(samples[0]);
    if arcs.len() > 1 {
        samples[0].point = midpoint(end.point, samples[0].point);
    }
    let first = samples[0];
    samples.push(Sample { t: first.t + 360.0, point: first.point });

    let mut vertices: Vec<CircleVertex> = Vec::with_capacity(samples.len() + 4);
    let mut crossing_evaluations = 0;
    let closing = samples.len() - 1;
    for (i, s) in samples.into_iter().enumerate() {
        let mut lon = match vertices.last() {
            Some(prev) => unwrap_after(prev.point.x(), s.point.x()),
            None => s.point.x(),
        };
        if i == closing {
            // The first vertex again, a whole number of turns on.
            lon = closing_lon(vertices[0].point.x(), lon);
        }
        let vertex = CircleVertex { azimuth_deg: s.t, point: Point::new(lon, s.point.y()) };
        if let Some(&prev) = vertices.last() {
            crossing_evaluations += insert_crossings(outline, prev, vertex, seam_deg, &mut vertices);
        }
        vertices.push(vertex);
    }
    (vertices, judge.evaluations.get() + crossing_evaluations)
}

/// Completes `samples`, azimuths 0 to 180° of a curve symmetric about meridian `lon0`, with
/// their reflections in reverse order, azimuths 180° to 360°: the last is the first's, at 360°.
fn reflect_half(samples: &mut Vec<Sample<Point>>, lon0: f64) {
    let half_turn = samples.len() - 1;
    for k in (0..half_turn).rev() {
        let Sample { t, point } = samples[k];
        let reflected = Point::new(wrap_lon(lon0 - wrap_lon(point.x() - lon0)), point.y());
        samples.push(Sample { t: 360.0 - t, point: reflected });
    }
}

/// Pushes a vertex exactly on every meridian `seam_deg` + k·360° strictly between `a` and
/// `b`; returns the number of direct solutions that took.
fn insert_crossings<O: Outline>(
    outline: &O,
    a: CircleVertex,
    b: CircleVertex,
    seam_deg: f64,
    out: &mut Vec<CircleVertex>,
) -> usize {
    let mut evaluations = 0;
    for meridian in meridians_between(a.point.x(), b.point.x(), seam_deg) {
        let (vertex, steps) = crossing(outline, a, b, meridian);
        out.push(vertex);
        evaluations += steps;
    }
    evaluations
}

/// The circle's vertex on unwrapped meridian `meridian` between `a` and `b`, by bisection
/// on azimuth; its longitude is set to the meridian exactly (it is within 1e-12° of it).
fn crossing<O: Outline>(outline: &O, a: CircleVertex, b: CircleVertex, meridian: f64) -> (CircleVertex, usize) {
    let side = |lon: f64| lon < meridian;
    let (mut lo, mut hi) = (a.azimuth_deg, b.azimuth_deg);
    let a_side = side(a.point.x());
    let mut lat = a.point.y();
    let mut steps = 0;
    for _ in 0..80 {
        steps += 1;
        let mid = (lo + hi) / 2.0;
        let p = outline.point_at(mid);
        let lon = unwrap_after(a.point.x(), p.x());
        lat = p.y();
        if (lon - meridian).abs() < 1e-12 {
            lo = mid;
            break;
        }
        if side(lon) == a_side {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    (CircleVertex { azimuth_deg: lo, point: Point::new(meridian, lat) }, steps)
}

/// The lon/lat midpoint of two points a few millimetres apart.
fn midpoint(a: Point, b: Point) -> Point {
    Point::new(wrap_lon(a.x() + wrap_lon(b.x() - a.x()) / 2.0), (a.y() + b.y()) / 2.0)
}

/// Judges an edge of a circle as GeoJSON readers draw it: a straight line in lon/lat. The error
/// is the distance in metres from the circle's mid-azimuth point to that line, measured with the
/// ellipsoid's scale at that point.
struct LonLatChord<'a, O: Outline> {
    outline: &'a O,
    tolerance: Tolerance,
    /// The circle's geodesic curvature on a sphere of mean radius, 1/m (its absolute value:
    /// past a quarter meridian the circle bends the other way).
    curvature_per_m: f64,
    /// Direct solutions made so far.
    evaluations: Cell<usize>,
}

/// Edges spanning more azimuth than this are also checked at their quarter points: over long
/// edges the circle's lon/lat image bends unevenly, and the midpoint alone can miss the worst
/// error (it saw 94 % of it on a 25° edge of a 10,000 km ring at 1 km tolerance).
const QUARTER_CHECKS_ABOVE_DEG: f64 = 1.0;

/// No edge spans more azimuth than this: beyond it the circle's lon/lat image bends too
/// unevenly for three probes to find an edge's worst error (a 25° edge of a 10,000 km ring at
/// 1 km tolerance strayed 4 % beyond what its midpoint and quarter points showed).
const MAX_EDGE_AZIMUTH_DEG: f64 = 5.0;

/// Edges spanning more longitude than this are split whatever their error, so that unwrapping
/// longitude between neighbours is never ambiguous.
const MAX_EDGE_LON_DEG: f64 = 30.0;

impl<O: Outline> Curve for LonLatChord<'_, O> {
    type Point = Point;

    fn point(&self, t: f64) -> Point {
        self.evaluations.set(self.evaluations.get() + 1);
        self.outline.point_at(t)
    }

    fn edge_error(&self, a: &Point, b: &Point, probes: &[Point]) -> f64 {
        ground_edge_error(a, b, probes, self.tolerance)
    }

    fn wants_three_probes(&self, a: &Point, b: &Point, mid: &Point) -> bool {
        let Some(scale) = edge_scale(a, b, &[*mid]) else {
            return false;
        };
        let (bx, by) = (wrap_lon(b.x() - a.x()) * scale.0, (b.y() - a.y()) * scale.1);
        let length2_m = bx * bx + by * by;
        // The sagitta the circle's own bending would give this edge on the ground. Where the
        // lon/lat chart bends the other way, the two cancel and the edge grows long; there the
        // error changes shape along the edge, and one probe is not enough.
        let sagitta_m = length2_m * self.curvature_per_m / 8.0;
        let (_, offset_m) = chord_offset(a, b, mid, scale);
        sagitta_m > 0.25 * self.tolerance.meters() && sagitta_m > 2.0 * offset_m.abs()
    }
}

/// How far the edge from `a` to `b` strays from a curve through `probes` (its points at equal
/// parameter steps between them), as a multiple of the tolerance: read straight in lon/lat (as
/// GeoJSON is drawn) and, for a tolerance [`with_great_circles`](Tolerance::with_great_circles),
/// also along the great circle (as Google Earth draws KML), the worse of the two. The judge of
/// every curve sampled on the ground.
pub(crate) fn ground_edge_error(a: &Point, b: &Point, probes: &[Point], tolerance: Tolerance) -> f64 {
    let straight = lon_lat_edge_error(a, b, probes, tolerance.meters());
    if tolerance.great_circles() {
        straight.max(great_circle_edge_error(a, b, probes, tolerance.meters()))
    } else {
        straight
    }
}

/// How far the great circle from `a` to `b` strays from a curve through `probes`, as a multiple
/// of `tolerance_m`. Positions are taken as on a sphere (latitude and longitude as given, as a
/// globe viewer interpolates them) and the angle off the great circle is turned into metres with
/// WGS84's largest radius of curvature, so the error is never underestimated; the geodesic
/// between the same ends on the ellipsoid lies within a fraction of a percent of that error from
/// the great circle (tests/kml.rs measures both against GeographicLib).
fn great_circle_edge_error(a: &Point, b: &Point, probes: &[Point], tolerance_m: f64) -> f64 {
    let radius_m = crate::geodesy::max_curvature_radius_m();
    let (ua, ub) = (unit_vector(a.y(), a.x()), unit_vector(b.y(), b.x()));
    let normal = cross(ua, ub);
    let sin_ab = dot(normal, normal).sqrt();
    let angle_ab = sin_ab.atan2(dot(ua, ub));
    if sin_ab < 1e-15 {
        // Ends that coincide: the edge is a point.
        let farthest = probes.iter().map(|p| angle_between(ua, unit_vector(p.y(), p.x()))).fold(0.0, f64::max);
        return farthest * radius_m / tolerance_m;
    }
    let normal = normal.map(|c| c / sin_ab);
    let mut offsets = [(0.0, 0.0); 3];
    for (slot, probe) in offsets.iter_mut().zip(probes) {
        let up = unit_vector(probe.y(), probe.x());
        let across = dot(up, normal).clamp(-1.0, 1.0);
        let on_circle = [up[0] - across * normal[0], up[1] - across * normal[1], up[2] - across * normal[2]];
        let along = dot(cross(ua, on_circle), normal).atan2(dot(ua, on_circle)) / angle_ab;
        *slot = (along, across.asin() * radius_m);
    }
    let offsets = &offsets[..probes.len().min(3)];
    let largest = offsets.iter().fold(0.0, |m: f64, &(_, d)| m.max(d.abs()));
    let worst = match offsets {
        [first, second, third] => worst_offset_between(*first, *second, *third).max(largest),
        _ => largest,
    };
    worst / tolerance_m
}

fn cross(a: [f64; 3], b: [f64; 3]) -> [f64; 3] {
    [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]]
}

fn dot(a: [f64; 3], b: [f64; 3]) -> f64 {
    a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
}

fn angle_between(a: [f64; 3], b: [f64; 3]) -> f64 {
    let c = cross(a, b);
    dot(c, c).sqrt().atan2(dot(a, b))
}

/// How far the straight lon/lat edge from `a` to `b` strays from a curve through `probes` (its
/// points at equal parameter steps between them), as a multiple of `tolerance_m`: what GeoJSON
/// readers draw.
pub(crate) fn lon_lat_edge_error(a: &Point, b: &Point, probes: &[Point], tolerance_m: f64) -> f64 {
    let Some(scale) = edge_scale(a, b, probes) else {
        return 4.0;
    };
    let mut offsets = [(0.0, 0.0); 3];
    for (slot, probe) in offsets.iter_mut().zip(probes) {
        *slot = chord_offset(a, b, probe, scale);
    }
    let offsets = &offsets[..probes.len().min(3)];
    let largest = offsets.iter().fold(0.0, |m: f64, &(_, d)| m.max(d.abs()));
    let worst = match offsets {
        [first, second, third] => worst_offset_between(*first, *second, *third).max(largest),
        _ => largest,
    };
    worst / tolerance_m
}

/// Metres per degree of longitude and of latitude for judging an edge: the longitude scale at
/// its largest over the latitudes of the edge's ends and probes (it grows towards the equator),
/// so the error is never underestimated where that scale changes along the edge (near a pole).
/// None when the edge spans too much longitude to judge.
fn edge_scale(a: &Point, b: &Point, probes: &[Point]) -> Option<(f64, f64)> {
    let points = || [a, b].into_iter().chain(probes);
    if points().any(|p| wrap_lon(p.x() - a.x()).abs() > MAX_EDGE_LON_DEG) {
        return None;
    }
    let reference = probes.first().map_or(a.y(), |p| p.y()).abs();
    let lowest = points().fold(reference, |m: f64, p| m.min(p.y().abs()));
    let (sin, cos) = reference.to_radians().sin_cos();
    let (lon_scale, lat_scale) = meters_per_degree_at(sin, cos);
    // cos(φ − δ) ≤ cos φ + δ·sin φ: one trigonometric call per edge instead of one per point.
    // The prime-vertical radius only shrinks towards the equator, so keeping it is safe; the
    // meridional scale changes by under 1e-5 across any edge.
    let lon_scale = if cos > 1e-9 {
        lon_scale * (1.0 + (reference - lowest).to_radians() * sin / cos)
    } else {
        meters_per_degree(lowest).0
    };
    Some((lon_scale, lat_scale))
}

/// Where `probe` lies relative to the straight lon/lat edge from `a` to `b`: its position along
/// the edge (0 at `a`, 1 at `b`) and its signed distance from the edge's line in metres
/// (positive to the left), with metres per degree `scale`.
fn chord_offset(a: &Point, b: &Point, probe: &Point, scale: (f64, f64)) -> (f64, f64) {
    let (bx, by) = (wrap_lon(b.x() - a.x()) * scale.0, (b.y() - a.y()) * scale.1);
    let (px, py) = (wrap_lon(probe.x() - a.x()) * scale.0, (probe.y() - a.y()) * scale.1);
    let length2 = bx * bx + by * by;
    if length2 == 0.0 {
        return (0.5, (px * px + py * py).sqrt());
    }
    let along = (px * bx + py * by) / length2;
    // sqrt rather than hypot: no overflow is possible here and libm hypot is 5x slower.
    (along, (bx * py - by * px) / length2.sqrt())
}

/// The largest distance between an edge and a curve that leaves and rejoins it at its ends,
/// from three (position along the edge, signed offset) samples in order: the offset is modelled
/// as f·(1−f)·g(f) with g quadratic through the samples — exact for a curve whose offset is a
/// polynomial of degree four, which covers a bend that changes along the edge and an S-shape
/// through an inflection.
fn worst_offset_between(first: (f64, f64), second: (f64, f64), third: (f64, f64)) -> f64 {
    let fs = [first.0, second.0, third.0];
    let spread_out = fs.iter().all(|f| (0.02..=0.98).contains(f)) && fs[1] - fs[0] > 0.02 && fs[2] - fs[1] > 0.02;
    let largest = first.1.abs().max(second.1.abs()).max(third.1.abs());
    if !spread_out {
        // Samples bunched at one end say little about the middle: assume the worst seen and
        // a quarter more.
        return 1.25 * largest;
    }
    let g = |(f, d): (f64, f64)| d / (f * (1.0 - f));
    let (g0, g1, g2) = (g(first), g(second), g(third));
    let quadratic = |f: f64| {
        g0 * (f - fs[1]) * (f - fs[2]) / ((fs[0] - fs[1]) * (fs[0] - fs[2]))
            + g1 * (f - fs[0]) * (f - fs[2]) / ((fs[1] - fs[0]) * (fs[1] - fs[2]))
            + g2 * (f - fs[0]) * (f - fs[1]) / ((fs[2] - fs[0]) * (fs[2] - fs[1]))
    };
    // The quartic over 32 steps, then a parabola through the largest and its neighbours.
    let offset = |f: f64| (f * (1.0 - f) * quadratic(f)).abs();
    let step = 1.0 / 32.0;
    let (best, best_value) = (1..32)
        .map(|i| (i as f64 * step, offset(i as f64 * step)))
        .fold((0.5, 0.0), |m, s| if s.1 > m.1 { s } else { m });
    let (left, right) = (offset(best - step), offset(best + step));
    let denominator = left - 2.0 * best_value + right;
    let peak =
        if denominator < 0.0 { best_value - (right - left) * (right - left) / (8.0 * denominator) } else { best_value };
    peak.max(largest)
}
