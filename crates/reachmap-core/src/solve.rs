//! The one place where a point is put at a geodesic distance from curves, and where a curve
//! traced in lon/lat is unwrapped across ±180°: a footprint's vertices (on circles round its
//! targets) and a launch area's buffer (at the range from the area's vertices and edges) are
//! both solved here.
//!
//! A curve is known by its nearest point to any point `x` ([`NearestPoint::near`]): the distance, and
//! the azimuth at `x` of the geodesic arriving from that nearest point, which is the direction in
//! which the distance grows fastest (its gradient, of unit length on the ground). Newton's method
//! on two such distances finds where two curves' range lines cross.

use geo::Point;

use crate::geodesy::{destination, inverse_azimuths, wrap_lon};

/// The nearest point of a curve to a point `x`.
#[derive(Debug, Clone, Copy)]
pub struct Near {
    /// Geodesic distance from the curve to `x`, metres.
    pub distance_m: f64,
    /// The curve's nearest point.
    pub foot: Point,
    /// The azimuth at `x` of the geodesic arriving from the foot: moving `x` that way increases
    /// the distance fastest (degrees clockwise from north).
    pub away_deg: f64,
}

/// A curve (or point) whose distance the solver can follow.
pub trait NearestPoint {
    /// The curve's nearest point to `x`.
    fn near(&self, x: Point) -> Near;
}

/// A point is the centre of the circles at every distance from it.
impl NearestPoint for Point {
    fn near(&self, x: Point) -> Near {
        let (distance_m, _, away_deg) = inverse_azimuths(*self, x);
        Near { distance_m, foot: *self, away_deg }
    }
}

/// Both distances within this of the radius end Newton's method: a micrometre.
const CONVERGED_M: f64 = 1e-6;

/// Newton steps at most; from a start within a chord of the answer it takes three or four.
const MAX_STEPS: usize = 20;

/// The point at geodesic distance `r` from `curve` on the geodesic from its nearest point to `x`
/// (or `x` itself when it lies on the curve). Longitudes in −180..180.
pub fn onto(x: Point, curve: &impl NearestPoint, r: f64) -> Point {
    let near = curve.near(x);
    if near.distance_m == 0.0 {
        return x;
    }
    let (_, azimuth, _) = inverse_azimuths(near.foot, x);
    destination(near.foot, azimuth, r)
}

/// How Newton's method for the crossing of two range lines ended.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Crossing {
    /// A point within a micrometre of the radius from both curves.
    Found(Point),
    /// The two range lines touch rather than cross near the start (their gradients are
    /// parallel at this point), so there is no single crossing to find.
    Touching(Point),
    /// The steps ran out; the last point reached.
    Unconverged(Point),
}

/// The point near `start` at geodesic distance `r` from both curves: Newton's method on the
/// two distances in the local east/north plane, each step taken along the geodesic.
pub fn crossing(start: Point, one: &impl NearestPoint, two: &impl NearestPoint, r: f64) -> Crossing {
    let mut point = start;
    for _ in 0..MAX_STEPS {
        let (n1, n2) = (one.near(point), two.near(point));
        let (r1, r2) = (n1.distance_m - r, n2.distance_m - r);
        if r1.abs() < CONVERGED_M && r2.abs() < CONVERGED_M {
            return Crossing::Found(point);
        }
        let (g1x, g1y) = n1.away_deg.to_radians().sin_cos();
        let (g2x, g2y) = n2.away_deg.to_radians().sin_cos();
        let det = g1x * g2y - g1y * g2x;
        if det.abs() < 1e-6 {
            return Crossing::Touching(point);
        }
        // Solve [g1x, g1y; g2x, g2y] · (east, north) = (−r1, −r2).
        let east = (-r1 * g2y + r2 * g1y) / det;
        let north = (-r2 * g1x + r1 * g2x) / det;
        point = destination(point, east.atan2(north).to_degrees(), east.hypot(north));
    }
    Crossing::Unconverged(point)
}

/// `lon` moved by whole turns to within 180° of `previous`: the next vertex of a curve traced
/// with continuous longitude.
pub fn unwrap_after(previous: f64, lon: f64) -> f64 {
    previous + wrap_lon(lon - previous)
}

/// The closing vertex's longitude: the first vertex's, a whole number of turns from `lon`, to
/// the last bit, so that rounding in the unwrapping leaves no ring a hair open.
pub fn closing_lon(first: f64, lon: f64) -> f64 {
    first + ((lon - first) / 360.0).round() * 360.0
}

/// The meridians `seam` + k·360° strictly between longitudes `from` and `to` (unwrapped), in
/// the order an edge from `from` to `to` crosses them: where a curve needs a vertex exactly on
/// the seam.
pub fn meridians_between(from: f64, to: f64, seam: f64) -> Vec<f64> {
    let (lo, hi) = (from.min(to), from.max(to));
    let mut k = ((lo - seam) / 360.0).floor() + 1.0;
    let mut meridians = Vec::new();
    while seam + 360.0 * k < hi {
        let meridian = seam + 360.0 * k;
        if meridian > lo {
            meridians.push(meridian);
        }
        k += 1.0;
    }
    if to < from {
        meridians.reverse();
    }
    meridians
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geodesy::distance_m;

    #[test]
    fn two_circles_cross_at_the_radius_from_both_centres() {
        let (a, b) = (Point::new(20.51, 54.71), Point::new(37.62, 55.75));
        let r = 1_200_000.0;
        let Crossing::Found(p) = crossing(Point::new(29.0, 60.0), &a, &b, r) else { panic!("no crossing") };
        assert!((distance_m(a, p) - r).abs() < 1e-5 && (distance_m(b, p) - r).abs() < 1e-5);
    }

    #[test]
    fn concentric_circles_touch_rather_than_cross() {
        let a = Point::new(10.0, 50.0);
        let start = Point::new(10.0, 55.0);
        assert_eq!(crossing(start, &a, &a, 500_000.0), Crossing::Touching(start));
    }

    #[test]
    fn onto_keeps_the_direction_and_sets_the_distance() {
        let centre = Point::new(144.8, 13.5);
        let p = onto(Point::new(150.0, 20.0), &centre, 3_000_000.0);
        assert!((distance_m(centre, p) - 3_000_000.0).abs() < 1e-6);
        let (_, toward_x, _) = inverse_azimuths(centre, Point::new(150.0, 20.0));
        let (_, toward_p, _) = inverse_azimuths(centre, p);
        assert!((toward_x - toward_p).abs() < 1e-9);
    }

    #[test]
    fn meridians_are_listed_in_the_direction_of_travel() {
        assert_eq!(meridians_between(170.0, 190.0, 180.0), [180.0]);
        assert_eq!(meridians_between(190.0, -200.0, 180.0), [180.0, -180.0]);
        assert!(meridians_between(180.0, 190.0, 180.0).is_empty(), "an end on the seam is not between");
        assert_eq!(closing_lon(-170.0, 549.999_999_999), 550.0);
        assert_eq!(unwrap_after(179.0, -179.0), 181.0);
    }
}
