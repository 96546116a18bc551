//! Property tests: for random sites (including exactly ±90° latitude and ±180° longitude) and
//! radii up to the antipodal limit, a point is inside the emitted lon/lat geometry exactly when
//! its geodesic distance from the site is below the radius — for every point farther than the
//! tolerance from the circle. The same for bands, and for the poles themselves.

use crate::common;

use geo::{Contains, Intersects, MultiPolygon, Point};
use proptest::prelude::*;
use reachmap::geodesy::{destination, distance_m};
use reachmap::{MAX_RADIUS_KM, Radius, Reach, Site, Tolerance};

fn latitude() -> impl Strategy<Value = f64> {
    prop_oneof![
        1 => Just(90.0),
        1 => Just(-90.0),
        1 => Just(0.0),
        8 => -90.0..=90.0f64,
    ]
}

fn longitude() -> impl Strategy<Value = f64> {
    prop_oneof![
        1 => Just(180.0),
        1 => Just(-180.0),
        1 => 179.0..=180.0f64,
        1 => -180.0..=-179.0f64,
        6 => -180.0..=180.0f64,
    ]
}

fn radius_km() -> impl Strategy<Value = f64> {
    prop_oneof![
        2 => 0.5..20.0f64,
        6 => 20.0..6_000.0f64,
        3 => 6_000.0..19_900.0f64,
        2 => 19_900.0..=MAX_RADIUS_KM,
        1 => Just(MAX_RADIUS_KM),
    ]
}

/// Points to test: uniform on the sphere, plus points just inside and outside each radius.
fn probes(site: Point, radii_m: &[f64], seed: u64) -> Vec<Point> {
    let mut state = seed | 1;
    let mut next = move || {
        // xorshift64*: deterministic per case, no extra dependency.
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        (state.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut points = Vec::new();
    for _ in 0..60 {
        let lon = -180.0 + 360.0 * next();
        let lat = (2.0 * next() - 1.0).asin().to_degrees();
        points.push(Point::new(lon, lat));
    }
    for &r in radii_m {
        for _ in 0..60 {
            let offset = (2.0 * next() - 1.0) * (0.02 * r).clamp(30.0, 50_000.0);
            let s = (r + offset).clamp(0.0, 20_003_000.0);
            points.push(destination(site, 360.0 * next(), s));
        }
    }
    points
}

fn check(site: &Site, reach: Reach, region: &MultiPolygon, radii_m: &[f64], tolerance_m: f64, seed: u64) {
    let what = format!("{reach:?} around ({}, {})", site.lat_deg(), site.lon_deg());
    common::assert_rfc7946(region, &what);
    let near_boundary = |d: f64| radii_m.iter().any(|r| (d - r).abs() <= tolerance_m);
    for p in probes(site.point(), radii_m, seed) {
        let d = distance_m(site.point(), p);
        if near_boundary(d) || p.y().abs() == 90.0 || p.x().abs() == 180.0 {
            continue;
        }
        assert_eq!(region.contains(&p), reach.contains_distance(d), "{what}: point {p:?} at {d} m");
    }
    for pole in [Point::new(0.0, 90.0), Point::new(0.0, -90.0)] {
        let d = distance_m(site.point(), pole);
        if !near_boundary(d) {
            assert_eq!(region.intersects(&pole), reach.contains_distance(d), "{what}: pole {pole:?} at {d} m");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, ..ProptestConfig::default() })]

    #[test]
    fn inside_a_ring_exactly_when_closer_than_the_radius(
        lat in latitude(), lon in longitude(), km in radius_km(), seed in any::<u64>(),
        tolerance_m in prop_oneof![Just(1.0), Just(10.0), Just(100.0), Just(1000.0)]
    ) {
        let site = Site::new("site", lat, lon).unwrap();
        let radius = Radius::from_km(km, "r").unwrap();
        let reach = Reach::Within(radius);
        let region = reach.region(&site, Tolerance::from_m(tolerance_m, "t").unwrap());
        check(&site, reach, &region, &[radius.meters()], tolerance_m, seed);
        let err = common::max_vertex_error_m(&region, site.point(), &[radius.meters()]);
        prop_assert!(err < 1e-3, "vertex {err} m off the circle");
        let worst = common::max_edge_deviation_m(&region, site.point(), &[radius.meters()], 7);
        prop_assert!(worst <= tolerance_m, "an edge strays {worst} m at tolerance {tolerance_m} m");
    }

    #[test]
    fn inside_a_band_exactly_when_between_its_limits(
        lat in latitude(), lon in longitude(), a in radius_km(), b in radius_km(), seed in any::<u64>()
    ) {
        prop_assume!((a - b).abs() > 0.1);
        let site = Site::new("site", lat, lon).unwrap();
        let min = Radius::from_km(a.min(b), "min").unwrap();
        let max = Radius::from_km(a.max(b), "max").unwrap();
        let reach = Reach::band(min, max, "band").unwrap();
        let region = reach.region(&site, Tolerance::DEFAULT);
        check(&site, reach, &region, &[min.meters(), max.meters()], 10.0, seed);
    }
}
