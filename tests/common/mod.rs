//! Helpers shared by the integration tests: here the geometry checks, each asserting a property
//! of emitted lon/lat geometry against an outside rule (RFC 7946, `geo`'s validation, Karney's
//! distances); in [`cli`] running the binary and checking refusals; in [`golden`] the reference
//! files and their regeneration; in [`browser`] the Chromium that draws pages and SVGs; in
//! [`maps`] maps composed from scenario files.
#![allow(dead_code)]

pub mod browser;
pub mod cli;
pub mod golden;
pub mod grid;
pub mod http;
pub mod maps;

use geo::{Area, Coord, MultiPolygon, Point, Validation};
use reachmap::geodesy::distance_m;

/// Asserts RFC 7946 validity: valid polygons (geo's rules), exterior rings counter-clockwise
/// and holes clockwise, coordinates within [-180, 180] × [-90, 90], no edge spanning more than
/// 180° of longitude.
pub fn assert_rfc7946(region: &MultiPolygon, what: &str) {
    assert!(!region.0.is_empty(), "{what}: empty region");
    if let Err(e) = region.check_validation() {
        panic!("{what}: invalid geometry: {e:?}");
    }
    for polygon in &region.0 {
        let exterior = geo::Polygon::new(polygon.exterior().clone(), vec![]);
        assert!(exterior.signed_area() > 0.0, "{what}: exterior ring is not counter-clockwise");
        for hole in polygon.interiors() {
            let hole = geo::Polygon::new(hole.clone(), vec![]);
            assert!(hole.signed_area() < 0.0, "{what}: hole is not clockwise");
        }
        for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
            for c in &ring.0 {
                assert!((-180.0..=180.0).contains(&c.x) && (-90.0..=90.0).contains(&c.y), "{what}: {c:?} out of range");
            }
            for e in ring.lines() {
                assert!((e.end.x - e.start.x).abs() <= 180.0, "{what}: edge {e:?} spans over 180°");
            }
        }
    }
}

/// Whether `c` lies on the rectangle's pole lines, where vertices are not on any circle.
pub fn on_pole_line(c: Coord) -> bool {
    c.y.abs() == 90.0
}

/// Edges of the region that are pieces of the circles (not of the antimeridian or pole lines
/// along which the cut closes polygons).
pub fn circle_edges(region: &MultiPolygon) -> Vec<(Coord, Coord)> {
    let mut edges = Vec::new();
    for polygon in &region.0 {
        for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
            for e in ring.lines() {
                let along_cut =
                    (e.start.x == e.end.x && e.start.x.abs() == 180.0) || on_pole_line(e.start) || on_pole_line(e.end);
                if !along_cut {
                    edges.push((e.start, e.end));
                }
            }
        }
    }
    edges
}

/// The largest gap, in metres, between |distance to site| and the nearest of `radii_m`, over
/// every vertex not on a pole line.
pub fn max_vertex_error_m(region: &MultiPolygon, site: Point, radii_m: &[f64]) -> f64 {
    let mut worst: f64 = 0.0;
    for polygon in &region.0 {
        for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
            for &c in &ring.0 {
                if on_pole_line(c) {
                    continue;
                }
                let d = distance_m(site, Point::from(c));
                let err = radii_m.iter().map(|r| (d - r).abs()).fold(f64::INFINITY, f64::min);
                worst = worst.max(err);
            }
        }
    }
    worst
}

/// The largest distance, in metres, from any circle edge (a straight line in lon/lat) to the
/// nearest circle, sampled at `samples` interior points of each edge.
pub fn max_edge_deviation_m(region: &MultiPolygon, site: Point, radii_m: &[f64], samples: usize) -> f64 {
    let mut worst: f64 = 0.0;
    for (a, b) in circle_edges(region) {
        for k in 1..=samples {
            let f = k as f64 / (samples + 1) as f64;
            let p = Point::new(a.x + (b.x - a.x) * f, a.y + (b.y - a.y) * f);
            let d = distance_m(site, p);
            let err = radii_m.iter().map(|r| (d - r).abs()).fold(f64::INFINITY, f64::min);
            worst = worst.max(err);
        }
    }
    worst
}

/// Number of vertices in the region.
pub fn vertex_count(region: &MultiPolygon) -> usize {
    region.0.iter().map(|p| p.exterior().0.len() + p.interiors().iter().map(|r| r.0.len()).sum::<usize>()).sum()
}

/// The point a fraction `f` of the way along the great circle from `a` to `b`, positions taken
/// as on a sphere (as a globe viewer such as Google Earth draws a KML edge).
pub fn slerp(a: Coord, b: Coord, f: f64) -> Point {
    let unit = |c: Coord| {
        let (lat, lon) = (c.y.to_radians(), c.x.to_radians());
        [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()]
    };
    let (u, v) = (unit(a), unit(b));
    let dot = (u[0] * v[0] + u[1] * v[1] + u[2] * v[2]).clamp(-1.0, 1.0);
    let omega = dot.acos();
    if omega < 1e-15 {
        return Point::from(a);
    }
    let (s, t) = (((1.0 - f) * omega).sin() / omega.sin(), (f * omega).sin() / omega.sin());
    let p = [s * u[0] + t * v[0], s * u[1] + t * v[1], s * u[2] + t * v[2]];
    Point::new(p[1].atan2(p[0]).to_degrees(), p[2].atan2(p[0].hypot(p[1])).to_degrees())
}

/// The `cases` of a committed fixture (`tests/fixtures/NAME`, written by a generator script in
/// `scripts/`), each with the site it names (`site`, `lat`, `lon`).
pub fn fixture_cases(name: &str) -> Vec<(reachmap::Site, serde_json::Value)> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let fixture: serde_json::Value = serde_json::from_str(&text).expect("fixture JSON");
    let num = |v: &serde_json::Value| v.as_f64().expect("number");
    let cases = fixture["cases"].as_array().expect("cases").iter();
    cases
        .map(|c| {
            let site = reachmap::Site::new(c["site"].as_str().expect("site"), num(&c["lat"]), num(&c["lon"]));
            (site.expect("site"), c.clone())
        })
        .collect()
}
