//! reachmap's rings against Karney's own GeographicLib (PyPI `geographiclib`), through the
//! committed fixture that `scripts/make_fixtures.py` generates.

use crate::common;

use geo::{Contains, Point};
use reachmap::{GeodesicCircle, Radius, Reach, Site, Tolerance};
use serde_json::Value;

struct Case {
    site: Site,
    radius: Radius,
    points: Vec<(f64, f64, f64)>,
    probes: Vec<(f64, f64, f64)>,
}

fn cases() -> Vec<Case> {
    let num = |v: &Value| v.as_f64().expect("number");
    common::fixture_cases("karney_circles.json")
        .into_iter()
        .map(|(site, c)| Case {
            site,
            radius: Radius::from_km(num(&c["radius_km"]), "fixture").expect("radius"),
            points: c["azimuths_deg"]
                .as_array()
                .expect("azimuths")
                .iter()
                .zip(c["points"].as_array().expect("points"))
                .map(|(a, p)| (num(a), num(&p[0]), num(&p[1])))
                .collect(),
            probes: c["probes"]
                .as_array()
                .expect("probes")
                .iter()
                .map(|p| (num(&p[0]), num(&p[1]), num(&p[2])))
                .collect(),
        })
        .collect()
}

fn name(case: &Case) -> String {
    format!("{} {} km", case.site.name(), case.radius.km())
}

#[test]
fn circle_points_match_geographiclib_direct() {
    for case in cases() {
        let circle = GeodesicCircle::new(&case.site, case.radius);
        for &(azimuth, lon, lat) in &case.points {
            let p = circle.point_at(azimuth);
            let dlon = reachmap::geodesy::wrap_lon(p.x() - lon);
            // 1e-9° is 0.1 mm; the fixture is rounded to 1e-12°.
            assert!(
                dlon.abs() < 1e-9 || lat.abs() > 89.999_999,
                "{} az {azimuth}: lon {} vs {lon}",
                name(&case),
                p.x()
            );
            assert!((p.y() - lat).abs() < 1e-9, "{} az {azimuth}: lat {} vs {lat}", name(&case), p.y());
        }
    }
}

#[test]
fn every_boundary_vertex_is_the_direct_solution_at_its_azimuth() {
    // Half of each circle's vertices are reflections in the centre's meridian of the other
    // half's: each must still be the point GeographicLib puts along its azimuth (the fixture's
    // points check that geodesy). Beyond 19,960 km the turn is sampled whole (cut locus).
    for case in cases().into_iter().filter(|c| c.radius.meters() < reachmap::geodesy::SHORTEST_BELOW_M) {
        let circle = GeodesicCircle::new(&case.site, case.radius);
        for v in circle.boundary(Tolerance::DEFAULT) {
            let p = circle.point_at(v.azimuth_deg);
            let dlon = reachmap::geodesy::wrap_lon(v.point.x() - p.x());
            // 1e-9° is 0.1 mm (a degree of longitude is shorter towards the poles).
            assert!(
                dlon.abs() < 1e-9 || p.y().abs() > 89.999_999,
                "{} az {}: lon {} vs {}",
                name(&case),
                v.azimuth_deg,
                v.point.x(),
                p.x()
            );
            assert!((v.point.y() - p.y()).abs() < 1e-9, "{} az {}: lat", name(&case), v.azimuth_deg);
        }
    }
}

#[test]
fn every_vertex_lies_at_the_radius_within_a_millimetre() {
    for case in cases() {
        let region = Reach::Within(case.radius).region(&case.site, Tolerance::DEFAULT);
        let err = common::max_vertex_error_m(&region, case.site.point(), &[case.radius.meters()]);
        assert!(err < 1e-3, "{}: a vertex is {err} m off the circle", name(&case));
    }
}

#[test]
fn containment_agrees_with_geographiclib_distances() {
    let tolerance = Tolerance::DEFAULT;
    for case in cases() {
        let region = Reach::Within(case.radius).region(&case.site, tolerance);
        for &(lon, lat, distance) in &case.probes {
            if (distance - case.radius.meters()).abs() <= tolerance.meters() || lat.abs() == 90.0 {
                continue;
            }
            let inside = region.contains(&Point::new(lon, lat));
            assert_eq!(
                inside,
                distance < case.radius.meters(),
                "{}: probe ({lon}, {lat}) at {distance} m",
                name(&case)
            );
        }
    }
}

#[test]
fn every_ring_is_valid_rfc7946() {
    for case in cases() {
        let region = Reach::Within(case.radius).region(&case.site, Tolerance::DEFAULT);
        common::assert_rfc7946(&region, &name(&case));
    }
}

#[test]
fn edges_stay_within_the_tolerance() {
    for tolerance_m in [1.0, 10.0, 100.0, 1000.0] {
        let tolerance = Tolerance::from_m(tolerance_m, "t").unwrap();
        for case in cases() {
            let region = Reach::Within(case.radius).region(&case.site, tolerance);
            let worst = common::max_edge_deviation_m(&region, case.site.point(), &[case.radius.meters()], 7);
            assert!(worst <= tolerance_m, "{} at {tolerance_m} m: an edge strays {worst} m", name(&case));
        }
    }
}
