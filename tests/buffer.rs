//! Launch-area buffers against outside truths: distances checked against GeographicLib
//! distances to the area's boundary sampled every 50 m, every emitted vertex at the radius
//! from the area (1 mm), every edge within the tolerance of it, containment agreeing with the
//! distance for random probes, and RFC 7946 validity across ±180° and around the poles.

use crate::common;

use geo::{Contains, Coord, Intersects, LineString, MultiLineString, MultiPolygon, Point, Polygon, polygon};
use reachmap::areas::{Shape, from_geojson_file};
use reachmap::buffer::LaunchArea;
use reachmap::geodesy::{destination, distance_m};
use reachmap::{Radius, Tolerance};

fn km(v: f64) -> Radius {
    Radius::from_km(v, "r").unwrap()
}

/// xorshift64*: deterministic probes without another dependency.
struct Random(u64);

impl Random {
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Points every ≤ 50 m along every edge (straight in lon/lat) of the rings or lines.
fn dense_boundary(lines: &[LineString]) -> Vec<Point> {
    let mut points = Vec::new();
    for line in lines {
        for e in line.lines() {
            let length = distance_m(Point::from(e.start), Point::from(e.end));
            let steps = (length / 50.0).ceil().max(1.0) as usize;
            for k in 0..steps {
                let t = k as f64 / steps as f64;
                points.push(Point::new(e.start.x + t * (e.end.x - e.start.x), e.start.y + t * (e.end.y - e.start.y)));
            }
            points.push(Point::from(e.end));
        }
    }
    points
}

/// The brute-force distance: 0 inside the polygons, else the least GeographicLib distance to
/// the boundary sampled every 50 m (so at most √(d² + 50²) for a true distance d).
fn truth(polygons: Option<&MultiPolygon>, dense: &[Point], p: Point) -> f64 {
    if polygons.is_some_and(|a| a.intersects(&p)) {
        return 0.0;
    }
    dense.iter().map(|&q| distance_m(p, q)).fold(f64::INFINITY, f64::min)
}

/// Asserts `area.distance_m(p)` against the sampled truth `d`: never above it, and below it by
/// at most what the sampling can miss (the nearest sample within 50 m of the nearest point).
fn assert_distance(area: &LaunchArea, p: Point, d: f64, what: &str) {
    let exact = area.distance_m(p);
    let least = (d * d - 2_500.0).max(0.0).sqrt();
    assert!(exact <= d + 1e-6 && exact >= least - 1e-6, "{what}: distance_m({p:?}) = {exact} vs sampled {d}");
}

fn rings_of(area: &MultiPolygon) -> Vec<LineString> {
    area.0.iter().flat_map(|p| std::iter::once(p.exterior().clone()).chain(p.interiors().iter().cloned())).collect()
}

/// Probes around `anchors`, out to 1.5 × the radius.
fn probes(anchors: &[Point], r: f64, count: usize, seed: u64) -> Vec<Point> {
    let mut random = Random(seed | 1);
    (0..count)
        .map(|_| {
            let a = anchors[(random.next() * anchors.len() as f64) as usize % anchors.len()];
            destination(a, 360.0 * random.next(), 1.5 * r * random.next())
        })
        .collect()
}

/// The largest |distance to the area − r| over every vertex not on a pole line, metres.
fn worst_vertex_error_m(region: &MultiPolygon, area: &LaunchArea, r: f64) -> f64 {
    let mut worst: f64 = 0.0;
    for ring in rings_of(region) {
        for &c in &ring.0 {
            if !common::on_pole_line(c) {
                worst = worst.max((area.distance_m(Point::from(c)) - r).abs());
            }
        }
    }
    worst
}

/// Buffers `area` by `r_km`, checks RFC 7946, every vertex at the radius to 1 mm, and
/// containment against the brute-force distance for probes farther than `margin_m` from it.
fn check_buffer(
    what: &str,
    area: &LaunchArea,
    shape: Option<&MultiPolygon>,
    lines: &[LineString],
    r_km: f64,
) -> MultiPolygon {
    let r = r_km * 1000.0;
    let region = area.buffer(km(r_km), Tolerance::DEFAULT).unwrap();
    common::assert_rfc7946(&region, what);
    let err = worst_vertex_error_m(&region, area, r);
    assert!(err < 1e-3, "{what}: a vertex is {err} m off the radius");
    let dense = dense_boundary(lines);
    let anchors: Vec<Point> = lines.iter().flat_map(|l| l.0.iter().map(|&c| Point::from(c))).collect();
    let mut checked = 0;
    for p in probes(&anchors, r, 150, r_km as u64) {
        let d = truth(shape, &dense, p);
        assert_distance(area, p, d, what);
        if (d - r).abs() <= 20.0 || p.y().abs() == 90.0 {
            continue;
        }
        checked += 1;
        assert_eq!(region.contains(&p), d < r, "{what}: {p:?} at {d} m from the area, radius {r}");
    }
    assert!(checked > 100, "{what}: only {checked} probes away from the boundary");
    region
}

fn polygons(rings: Vec<Polygon>) -> MultiPolygon {
    MultiPolygon::new(rings)
}

/// A small irregular heptagon near Kaliningrad, about 60 km across.
fn heptagon() -> MultiPolygon {
    polygons(vec![polygon![
        (x: 20.0, y: 54.5), (x: 20.6, y: 54.45), (x: 21.0, y: 54.7), (x: 20.7, y: 54.75),
        (x: 20.9, y: 55.0), (x: 20.3, y: 54.95), (x: 20.4, y: 54.7),
    ]])
}

#[test]
fn distances_agree_with_geographiclib_to_the_sampled_boundary() {
    let shape = heptagon();
    let area = LaunchArea::new_polygons(shape.clone(), "area").unwrap();
    let dense = dense_boundary(&rings_of(&shape));
    for p in probes(&[Point::new(20.5, 54.7)], 3_000_000.0, 200, 7) {
        let d = truth(Some(&shape), &dense, p);
        assert_distance(&area, p, d, "heptagon");
    }
    // Inside and on the boundary: 0.
    assert_eq!(area.distance_m(Point::new(20.5, 54.7)), 0.0);
    assert_eq!(area.distance_m(Point::new(20.0, 54.5)), 0.0);
}

#[test]
fn a_polygon_buffer_is_exact_and_contains_what_is_in_range() {
    let shape = heptagon();
    let area = LaunchArea::new_polygons(shape.clone(), "area").unwrap();
    for r_km in [20.0, 500.0, 2_350.0] {
        check_buffer(&format!("heptagon + {r_km} km"), &area, Some(&shape), &rings_of(&shape), r_km);
    }
}

#[test]
fn an_inf_range_buffer_from_kaliningrad_closes_through_the_north_pole() {
    let shape = heptagon();
    let area = LaunchArea::new_polygons(shape.clone(), "area").unwrap();
    let region = check_buffer("heptagon + 5,500 km", &area, Some(&shape), &rings_of(&shape), 5_500.0);
    assert!(region.intersects(&Point::new(0.0, 90.0)));
}

/// Edges a few degrees from the pole bend strongly on the ground: their bands fold within the
/// radius (the normals meet near the pole), and the buffer must still close through it.
#[test]
fn a_buffer_around_an_area_near_the_pole_contains_it() {
    let near_pole = polygons(vec![polygon![(x: 0.0, y: 87.0), (x: 40.0, y: 87.5), (x: 10.0, y: 88.5)]]);
    let area = LaunchArea::new_polygons(near_pole.clone(), "area").unwrap();
    let region = check_buffer("near the pole + 500 km", &area, Some(&near_pole), &rings_of(&near_pole), 500.0);
    assert!(region.intersects(&Point::new(0.0, 90.0)));
}

#[test]
fn an_area_across_the_antimeridian_is_split_there() {
    // Chukotka-like: one area given as two parts, either side of 180°.
    let shape = polygons(vec![
        polygon![(x: 176.0, y: 64.0), (x: 180.0, y: 64.0), (x: 180.0, y: 66.5), (x: 177.0, y: 66.0)],
        polygon![(x: -180.0, y: 64.0), (x: -176.0, y: 64.5), (x: -177.0, y: 66.0), (x: -180.0, y: 66.5)],
    ]);
    let area = LaunchArea::new_polygons(shape.clone(), "area").unwrap();
    let region = check_buffer("Chukotka + 300 km", &area, Some(&shape), &rings_of(&shape), 300.0);
    assert!(region.0.len() >= 2, "split at 180°: {} parts", region.0.len());
    let on_seam: Vec<Coord> =
        rings_of(&region).iter().flat_map(|r| r.0.clone()).filter(|c| c.x.abs() == 180.0).collect();
    assert!(!on_seam.is_empty());
}

#[test]
fn a_road_buffer_holds_what_is_near_the_road() {
    let road = LineString::from(vec![(20.0, 54.5), (20.5, 54.6), (20.7, 55.0), (21.5, 55.1)]);
    let area = LaunchArea::new_lines(MultiLineString::new(vec![road.clone()]), "road").unwrap();
    check_buffer("road + 100 km", &area, None, std::slice::from_ref(&road), 100.0);
    check_buffer("road + 1,000 km", &area, None, &[road], 1_000.0);
}

#[test]
fn a_tiny_area_buffers_like_a_ring_around_its_centre() {
    let tiny = polygons(vec![polygon![(x: 20.51, y: 54.71), (x: 20.5101, y: 54.71), (x: 20.51, y: 54.7101)]]);
    let area = LaunchArea::new_polygons(tiny, "area").unwrap();
    let region = area.buffer(km(1_000.0), Tolerance::DEFAULT).unwrap();
    common::assert_rfc7946(&region, "tiny");
    // The triangle is about 10 m across: every vertex is 1,000 km from its corner ± 10 m.
    let err = common::max_vertex_error_m(&region, Point::new(20.51, 54.71), &[1_000_000.0]);
    assert!(err < 12.0, "{err} m");
}

#[test]
fn a_hole_narrower_than_twice_the_radius_is_filled() {
    // A 4° square frame around a 2° hole (about 130 km east–west, 222 km north–south at 50° N).
    let frame = polygons(vec![Polygon::new(
        LineString::from(vec![(10.0, 48.0), (14.0, 48.0), (14.0, 52.0), (10.0, 52.0), (10.0, 48.0)]),
        vec![LineString::from(vec![(11.0, 49.0), (11.0, 51.0), (13.0, 51.0), (13.0, 49.0), (11.0, 49.0)])],
    )]);
    let area = LaunchArea::new_polygons(frame.clone(), "area").unwrap();
    let kept = check_buffer("frame + 40 km", &area, Some(&frame), &rings_of(&frame), 40.0);
    assert_eq!(kept.0.iter().map(|p| p.interiors().len()).sum::<usize>(), 1);
    let filled = check_buffer("frame + 120 km", &area, Some(&frame), &rings_of(&frame), 120.0);
    assert_eq!(filled.0.iter().map(|p| p.interiors().len()).sum::<usize>(), 0);
}

#[test]
fn bad_areas_are_refused_with_the_field_named() {
    let refused = |shape: MultiPolygon| LaunchArea::new_polygons(shape, "--area").unwrap_err().to_string();
    assert!(refused(polygons(vec![polygon![(x: 0.0, y: 0.0), (x: 1.0, y: 95.0), (x: 1.0, y: 0.0)]])).contains("95"));
    assert!(
        refused(polygons(vec![polygon![(x: 0.0, y: 0.0), (x: f64::NAN, y: 1.0), (x: 1.0, y: 0.0)]])).contains("NaN")
    );
    let bow_tie = polygon![(x: 0.0, y: 0.0), (x: 1.0, y: 1.0), (x: 1.0, y: 0.0), (x: 0.0, y: 1.0)];
    assert!(refused(polygons(vec![bow_tie])).starts_with("--area"));
    assert!(
        refused(polygons(vec![polygon![(x: 0.0, y: 0.0), (x: 1.0, y: 1.0), (x: 0.0, y: 0.0)]])).contains("3 distinct")
    );
    let most = polygon![(x: -179.0, y: -80.0), (x: 179.0, y: -80.0), (x: 179.0, y: 80.0), (x: -179.0, y: 80.0)];
    assert!(refused(polygons(vec![most])).contains("hemisphere"));
    let point = LineString::from(vec![(1.0, 1.0), (1.0, 1.0)]);
    assert!(LaunchArea::new_lines(MultiLineString::new(vec![point]), "--road").is_err());
    // A buffer reaching the antipode of the area's centre.
    let area = LaunchArea::new_polygons(heptagon(), "area").unwrap();
    let e = area.buffer(km(19_500.0), Tolerance::DEFAULT).unwrap_err();
    assert!(e.naming(reachmap::Field::Radius, "--range-km").to_string().starts_with("--range-km"));
}

/// The benchmark's areas from the embedded Natural Earth 1:50m data: every vertex of the buffer
/// at the radius, RFC 7946 valid; Belarus at 5,500 km reaches over the North Pole.
#[test]
fn natural_earth_areas_buffer_exactly() {
    use reachmap::basemap::{BaseLayer, Detail, features};
    let country = |name: &str| {
        let countries = features(BaseLayer::Countries, Detail::Medium).unwrap();
        countries.iter().find(|f| f.name.as_deref() == Some(name)).unwrap().geometry.clone()
    };
    let russia = country("Russia");
    let kaliningrad =
        MultiPolygon::new(russia.0.into_iter().filter(|p| p.contains(&Point::new(20.51, 54.71))).collect());
    for (what, shape, r_km) in
        [("Kaliningrad + 2,350 km", kaliningrad, 2_350.0), ("Belarus + 5,500 km", country("Belarus"), 5_500.0)]
    {
        let area = LaunchArea::new_polygons(shape, "area").unwrap();
        let region = area.buffer(km(r_km), Tolerance::DEFAULT).unwrap();
        common::assert_rfc7946(&region, what);
        let err = worst_vertex_error_m(&region, &area, r_km * 1000.0);
        assert!(err < 1e-3, "{what}: a vertex is {err} m off the radius");
        assert_eq!(region.intersects(&Point::new(0.0, 90.0)), r_km > 5_000.0, "{what}");
    }
}

/// The point of the edge's worst error, and that error: the largest |distance to the area − r|,
/// in metres, over 9 points (t = 0.1 … 0.9) of every edge that follows the boundary (not along
/// ±180° or a pole line), straight in lon/lat as GeoJSON draws it.
fn worst_edge_error_m(region: &MultiPolygon, area: &LaunchArea, r: f64) -> (Point, f64) {
    let mut worst = (Point::new(0.0, 0.0), 0.0);
    for (a, b) in common::circle_edges(region) {
        for k in 1..=9 {
            let t = k as f64 / 10.0;
            let p = Point::new(a.x + t * (b.x - a.x), a.y + t * (b.y - a.y));
            let error = (area.distance_m(p) - r).abs();
            if error > worst.1 {
                worst = (p, error);
            }
        }
    }
    worst
}

/// Every edge follows the true boundary within the tolerance, not just every vertex. Where
/// the boundary passes from one curve to another (two bands at a concave vertex, two arcs
/// that cross at a small angle), the crossing vertex was solved against the curves of the
/// nearest sampled vertices, which may belong to a neighbouring edge or vertex: the crossing
/// landed at another corner, or wherever Newton's method stopped, and the oblast's 2,350 km
/// buffer had an edge 24.7 m off at a 10 m tolerance, its 20 km buffer an edge out to a vertex
/// in North America. The worst point of each buffer is checked again against GeographicLib
/// distances to the boundary sampled every 50 m.
#[test]
fn every_buffer_edge_stays_within_the_tolerance_of_the_boundary() {
    let path = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/kaliningrad-oblast.geojson"));
    let Shape::Polygons(oblast) = from_geojson_file(path, "area").unwrap() else { panic!("the oblast is a polygon") };
    let road = LineString::from(vec![(20.0, 54.5), (20.5, 54.6), (20.7, 55.0), (21.5, 55.1)]);
    let chukotka = polygons(vec![
        polygon![(x: 176.0, y: 64.0), (x: 180.0, y: 64.0), (x: 180.0, y: 66.5), (x: 177.0, y: 66.0)],
        polygon![(x: -180.0, y: 64.0), (x: -176.0, y: 64.5), (x: -177.0, y: 66.0), (x: -180.0, y: 66.5)],
    ]);
    let areas = [
        ("oblast", Some(oblast), vec![], &[20.0, 480.0, 2_350.0][..]),
        ("heptagon", Some(heptagon()), vec![], &[20.0, 5_500.0][..]),
        ("road", None, vec![road], &[20.0, 1_000.0][..]),
        ("Chukotka", Some(chukotka), vec![], &[300.0][..]),
    ];
    for (name, shape, lines, radii) in areas {
        let (area, boundary) = match &shape {
            Some(s) => (LaunchArea::new_polygons(s.clone(), "area").unwrap(), rings_of(s)),
            None => (LaunchArea::new_lines(MultiLineString::new(lines.clone()), "road").unwrap(), lines),
        };
        let dense = dense_boundary(&boundary);
        for r_km in radii {
            for tolerance_m in [10.0, 100.0] {
                let what = format!("{name} + {r_km} km at {tolerance_m} m");
                let r = r_km * 1000.0;
                let region = area.buffer(km(*r_km), Tolerance::from_m(tolerance_m, "t").unwrap()).unwrap();
                // The sampler judges an edge by its offset in a plane of metres per degree at the
                // edge; the geodesic distance measured here differs from that by well under 1 %
                // (worst seen: 0.99 of the tolerance).
                let (p, error) = worst_edge_error_m(&region, &area, r);
                assert!(error <= 1.01 * tolerance_m, "{what}: the edge through {p:?} is {error} m off the radius");
                let d = truth(shape.as_ref(), &dense, p);
                assert_distance(&area, p, d, &what);
                // Sampling every 50 m overstates a distance s by at most 50²/2s: 6.25 cm at 20 km.
                let sampling_m = 2_500.0 / (2.0 * r);
                let off = (d - r).abs();
                assert!(off <= 1.01 * tolerance_m + sampling_m, "{what}: {p:?} is {d} m from the sampled boundary");
            }
        }
    }
}
