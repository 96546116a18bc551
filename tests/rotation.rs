//! Ballistic ranges over the rotating Earth against a numerical integration of the trajectory in
//! the Earth-fixed frame (Coriolis and centrifugal terms; `scripts/make_rotation_fixture.py`,
//! scipy's DOP853), and the regions they bound against RFC 7946.

use crate::common;

use std::path::Path;

use geo::{Contains, Point};
use reachmap::geodesy::{distance_m, inverse};
use reachmap::rotation::{self, RotatingRange};
use reachmap::{Radius, Reach, Site, Tolerance};
use serde_json::Value;

struct Direction {
    bearing_deg: f64,
    range_m: f64,
    time_s: f64,
}

struct Case {
    site: Site,
    quoted_km: f64,
    directions: Vec<Direction>,
}

fn cases() -> Vec<Case> {
    let num = |v: &Value| v.as_f64().expect("number");
    common::fixture_cases("rotation.json")
        .into_iter()
        .map(|(site, c)| Case {
            site,
            quoted_km: num(&c["quoted_km"]),
            directions: c["directions"]
                .as_array()
                .expect("directions")
                .iter()
                .map(|d| Direction {
                    bearing_deg: num(&d["bearing_deg"]),
                    range_m: num(&d["range_m"]),
                    time_s: num(&d["time_s"]),
                })
                .collect(),
        })
        .collect()
}

fn km(v: f64) -> Radius {
    Radius::from_km(v, "range").expect("radius")
}

#[test]
fn ranges_match_the_integrated_trajectories_to_100_m() {
    let cases = cases();
    assert!(cases.len() >= 20, "fixture has {} cases", cases.len());
    let (mut worst_m, mut worst_s): (f64, f64) = (0.0, 0.0);
    for case in &cases {
        let range = RotatingRange::new(&case.site, km(case.quoted_km)).expect("in the model's domain");
        for d in &case.directions {
            let (range_m, flight) = range.longest(d.bearing_deg).expect("a trajectory");
            let what = format!("{} {} km towards {}°", case.site.name(), case.quoted_km, d.bearing_deg);
            assert!((range_m - d.range_m).abs() < 100.0, "{what}: {range_m:.1} m vs {:.1} m", d.range_m);
            assert!((flight.time_s - d.time_s).abs() < 1.0, "{what}: {:.2} s vs {:.2} s", flight.time_s, d.time_s);
            worst_m = worst_m.max((range_m - d.range_m).abs());
            worst_s = worst_s.max((flight.time_s - d.time_s).abs());
        }
    }
    eprintln!("largest difference from the integration: {worst_m:.3} m, {worst_s:.4} s");
}

#[test]
fn east_is_farther_and_west_shorter_by_the_ground_speed() {
    let case = |name: &str, quoted: f64| {
        cases().into_iter().find(|c| c.site.name() == name && c.quoted_km == quoted).expect("fixture case")
    };
    for (name, quoted) in [("equator", 5_500.0), ("60N", 5_500.0), ("equator", 2_500.0), ("60N", 10_000.0)] {
        let c = case(name, quoted);
        let range = RotatingRange::new(&c.site, km(quoted)).unwrap();
        let (east, west) = (range.range_m(90.0), range.range_m(270.0));
        let quoted_m = quoted * 1000.0;
        assert!(east > quoted_m && west < quoted_m, "{name} {quoted}: east {east}, west {west}");
        // The size: the integration's own east and west ranges.
        let fixture = |bearing: f64| c.directions.iter().find(|d| d.bearing_deg == bearing).unwrap().range_m;
        assert!((east - fixture(90.0)).abs() < 100.0 && (west - fixture(270.0)).abs() < 100.0);
    }
    // From the equator the table: 5,500 km becomes ≈ 6,070 east (+10 %) and ≈ 5,120 west
    // (−7 %); at 60° N the ground moves half as fast and the spread is about half as wide.
    let equator = RotatingRange::new(&case("equator", 5_500.0).site, km(5_500.0)).unwrap();
    let north = RotatingRange::new(&case("60N", 5_500.0).site, km(5_500.0)).unwrap();
    let spread = |r: &RotatingRange| r.range_m(90.0) - r.range_m(270.0);
    assert!((equator.range_m(90.0) / 1000.0 - 6_070.0).abs() < 10.0);
    assert!((equator.range_m(270.0) / 1000.0 - 5_120.0).abs() < 10.0);
    let ratio = spread(&north) / spread(&equator);
    assert!((0.4..0.6).contains(&ratio), "60° N spread / equator spread = {ratio}");
}

#[test]
fn flight_time_to_a_boundary_point_is_the_integrated_one() {
    // A target just inside the boundary is reached by (nearly) the longest trajectory there, so
    // its least-speed flight has the integration's time and the quoted range's burnout speed.
    for case in cases().iter().filter(|c| [2_500.0, 5_500.0].contains(&c.quoted_km)) {
        let range = RotatingRange::new(&case.site, km(case.quoted_km)).unwrap();
        for d in case.directions.iter().step_by(5) {
            let target = reachmap::geodesy::destination(case.site.point(), d.bearing_deg, d.range_m - 1.0);
            let flight = range.flight_to(target).expect("inside");
            assert!((flight.time_s - d.time_s).abs() < 1.0, "{}: {} vs {}", case.site.name(), flight.time_s, d.time_s);
            assert!((flight.speed_m_s / range.burnout_speed_m_s() - 1.0).abs() < 1e-4);
            let beyond = reachmap::geodesy::destination(case.site.point(), d.bearing_deg, d.range_m + 200.0);
            assert!(range.flight_to(beyond).is_none() && !range.contains(beyond));
        }
    }
}

/// Checks a rotating region: RFC 7946, every vertex off the cut lines on the true boundary, the
/// edges within the tolerance of it, and points near it on the right side.
fn check_region(site: &Site, quoted_km: f64, tolerance: Tolerance) -> geo::MultiPolygon {
    let reach = Reach::Within(km(quoted_km));
    let region = rotation::region(&reach, site, tolerance, 0.0).expect("region");
    let what = format!("{} {quoted_km} km", site.name());
    common::assert_rfc7946(&region, &what);
    let range = RotatingRange::new(site, km(quoted_km)).unwrap();
    let off_boundary = |p: Point| {
        let (d, az) = inverse(site.point(), p);
        (d - range.range_m(az)).abs()
    };
    let mut worst_edge: f64 = 0.0;
    for (a, b) in common::circle_edges(&region) {
        assert!(off_boundary(Point::from(a)) < 0.01, "{what}: vertex {a:?} off the boundary");
        for k in 1..4 {
            let f = k as f64 / 4.0;
            worst_edge = worst_edge.max(off_boundary(Point::new(a.x + (b.x - a.x) * f, a.y + (b.y - a.y) * f)));
        }
    }
    assert!(worst_edge <= tolerance.meters() * 1.05, "{what}: an edge strays {worst_edge:.1} m");
    for k in 0..72 {
        let az = k as f64 * 5.0;
        let r = range.range_m(az);
        let inside = reachmap::geodesy::destination(site.point(), az, r - 3.0 * tolerance.meters());
        let outside = reachmap::geodesy::destination(site.point(), az, r + 3.0 * tolerance.meters());
        assert!(region.contains(&inside) && !region.contains(&outside), "{what}: around azimuth {az}");
    }
    region
}

#[test]
fn a_region_from_kamchatka_is_cut_at_180_degrees() {
    let kamchatka = Site::new("Petropavlovsk-Kamchatsky", 53.02, 158.65).unwrap();
    let region = check_region(&kamchatka, 4_000.0, Tolerance::from_m(100.0, "t").unwrap());
    assert!(region.0.len() >= 2, "split into pieces either side of 180°");
    // Farther east than west: Anchorage (61.22 N, 149.90 W), 3,480 km east-north-east, is in;
    let range = RotatingRange::new(&kamchatka, km(4_000.0)).unwrap();
    assert!(range.range_m(90.0) > 4_000_000.0 && range.range_m(270.0) < 4_000_000.0);
    assert!(region.contains(&Point::new(-149.90, 61.22)));
    assert!(distance_m(kamchatka.point(), Point::new(-149.90, 61.22)) < 4_000_000.0);
}

#[test]
fn a_region_around_the_pole_is_closed_through_it() {
    let kaliningrad = Site::new("Kaliningrad", 54.71, 20.51).unwrap();
    let region = check_region(&kaliningrad, 5_500.0, Tolerance::DEFAULT);
    assert!(region.contains(&Point::new(0.0, 89.999)) && region.contains(&Point::new(-150.0, 89.999)));
}

#[test]
fn bands_and_estimates_have_both_limits() {
    let hainan = Site::new("Hainan", 18.25, 109.5).unwrap();
    let band = Reach::band(km(1_000.0), km(4_000.0), "band").unwrap();
    let region = rotation::region(&band, &hainan, Tolerance::DEFAULT, 0.0).unwrap();
    common::assert_rfc7946(&region, "band");
    let inner = RotatingRange::new(&hainan, km(1_000.0)).unwrap();
    let outer = RotatingRange::new(&hainan, km(4_000.0)).unwrap();
    for az in [0.0, 90.0, 200.0, 270.0] {
        let mid = (inner.range_m(az) + outer.range_m(az)) / 2.0;
        let p = |m: f64| reachmap::geodesy::destination(hainan.point(), az, m);
        assert!(region.contains(&p(mid)));
        assert!(!region.contains(&p(inner.range_m(az) - 50.0)) && !region.contains(&p(outer.range_m(az) + 50.0)));
    }
}

#[test]
fn ranges_that_would_reach_round_the_globe_are_refused() {
    let equator = Site::new("Equator", 0.0, 0.0).unwrap();
    let err = RotatingRange::new(&equator, km(14_000.0)).unwrap_err().to_string();
    assert!(err.contains("range") && err.contains("14,000 km"), "{err}");
}

#[test]
fn the_non_rotating_default_is_unchanged_and_the_rotating_option_changes_ballistic_ranges_only() {
    let run = |extra: &[&str]| {
        let mut args = vec!["rings", "--site", "Sanya=18.25,109.5", "--range-km", "4000", "--tolerance-m", "100"];
        args.extend_from_slice(extra);
        common::cli::reachmap(&args)
    };
    let default = common::cli::stdout(&run(&[]));
    assert_eq!(default, common::cli::stdout(&run(&["--earth", "non-rotating"])));
    // A plain range has no flight profile: left as quoted, and said so.
    let plain = run(&["--earth", "rotating"]);
    assert_eq!(common::cli::stdout(&plain), default);
    assert!(common::cli::stderr(&plain).contains("ballistic systems only"), "{}", common::cli::stderr(&plain));
    // Read as ballistic, it is the rotating region: Guam (3,823 km east) is in it either way.
    let rotating = common::cli::stdout(&run(&["--earth", "rotating", "--ballistic"]));
    assert_ne!(rotating, default);
    let collection: geojson::FeatureCollection = rotating.parse().expect("GeoJSON");
    let region: geo::MultiPolygon = match collection.features[0].geometry.clone().expect("geometry").try_into() {
        Ok(geo::Geometry::Polygon(p)) => p.into(),
        Ok(geo::Geometry::MultiPolygon(m)) => m,
        other => panic!("{other:?}"),
    };
    common::assert_rfc7946(&region, "rings --earth rotating");
    let sanya = Site::new("Sanya", 18.25, 109.5).unwrap();
    let range = RotatingRange::new(&sanya, km(4_000.0)).unwrap();
    for az in [0.0, 90.0, 180.0, 270.0] {
        let r = range.range_m(az);
        assert!(region.contains(&reachmap::geodesy::destination(sanya.point(), az, r - 300.0)));
        assert!(!region.contains(&reachmap::geodesy::destination(sanya.point(), az, r + 300.0)));
    }
    // A cruise missile is left as it is, and the run says so.
    let cruise =
        common::cli::reachmap(&["rings", "--site", "Guam=13.58,144.93", "--system", "tomahawk", "--earth", "rotating"]);
    common::cli::assert_success(&cruise);
    assert!(common::cli::stderr(&cruise).contains("a cruise system"), "{}", common::cli::stderr(&cruise));
}

#[test]
fn bad_earth_values_and_launch_areas_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.geojson");
    let out = out.to_str().unwrap();
    let base = ["rings", "--site", "Sanya=18.25,109.5", "--range-km", "4000", "--ballistic"];
    common::cli::refused(
        &[&base[..], &["--earth", "spinning", "-o", out]].concat(),
        dir.path(),
        &["--earth", "spinning", "rotating"],
    );
    common::cli::refused(
        &["rings", "--site", "Quito=0,-78.5", "--range-km", "14000", "--ballistic", "--earth", "rotating", "-o", out],
        dir.path(),
        &["14,000 km", "non-rotating"],
    );
    // A launch area over the rotating Earth: refused, naming the option and why, never drawn
    // as a geodesic buffer.
    let area_arg = common::cli::box_area(dir.path(), "Hainan", [109.0, 18.2, 110.5, 19.5]);
    for command in ["rings", "render", "reach"] {
        let mut args = vec![command, "--area", &area_arg, "--system", "df-26", "--earth", "rotating", "-o"];
        let file = dir.path().join(if command == "render" { "map.svg" } else { "out.geojson" });
        let file = file.to_str().unwrap().to_string();
        args.push(&file);
        if command == "reach" {
            args.pop();
            args.pop();
        }
        let output = common::cli::reachmap(&args);
        common::cli::assert_refusal(&output, 2, &["--area", "launch area", "sites", "non-rotating"], &command);
        assert!(!Path::new(&file).exists(), "{command} wrote {file}");
    }
    // A cruise system around the same area is not ballistic: drawn as it is, and said so.
    let cruise = common::cli::reachmap(&["rings", "--area", &area_arg, "--system", "tomahawk", "--earth", "rotating"]);
    common::cli::assert_success(&cruise);
}

/// The polygons of each KML Placemark that has any, as a region.
fn kml_regions(kml: &str) -> Vec<geo::MultiPolygon> {
    kml.split("<Placemark>").skip(1).map(kml_region).filter(|r| !r.0.is_empty()).collect()
}

/// The rings of a KML fragment's polygons, as one region.
fn kml_region(kml: &str) -> geo::MultiPolygon {
    let kml = kml.split("</Placemark>").next().unwrap();
    let mut polygons = Vec::new();
    for polygon in kml.split("<Polygon>").skip(1) {
        let polygon = polygon.split("</Polygon>").next().unwrap();
        let rings: Vec<geo::LineString> = polygon
            .split("<coordinates>")
            .skip(1)
            .map(|c| {
                let c = c.split("</coordinates>").next().unwrap();
                c.split_whitespace()
                    .map(|pair| {
                        let mut it = pair.split(',').map(|v| v.parse::<f64>().unwrap());
                        geo::Coord { x: it.next().unwrap(), y: it.next().unwrap() }
                    })
                    .collect()
            })
            .collect();
        polygons.push(geo::Polygon::new(rings[0].clone(), rings[1..].to_vec()));
    }
    geo::MultiPolygon(polygons)
}

#[test]
fn kml_over_the_rotating_earth_carries_the_region_and_says_its_assumption() {
    // rings --earth rotating -o x.kml: the rotating regions of the DF-26 (3,000 and 4,000 km)
    // from Kamchatka (across 180°), every vertex on the true boundary, every edge within the
    // 100 m tolerance read straight in lon/lat and as a great circle; the description says the
    // model and its limits. The non-rotating KML is another document.
    let dir = tempfile::tempdir().unwrap();
    let (lat, lon) = (53.02, 158.65);
    let site = Site::new("Kamchatka", lat, lon).unwrap();
    let run = |earth: &str, name: &str| {
        let file = dir.path().join(name);
        let site_arg = format!("Kamchatka={lat},{lon}");
        let args = ["rings", "--site", &site_arg, "--system", "df-26", "--tolerance-m", "100", "--earth", earth, "-o"];
        let output = common::cli::reachmap(&[&args[..], &[file.to_str().unwrap()]].concat());
        common::cli::assert_success(&output);
        std::fs::read_to_string(file).unwrap()
    };
    let kml = run("rotating", "rotating.kml");
    let quoted = run("non-rotating", "quoted.kml");
    assert_ne!(kml, quoted);
    // Without --earth, the same bytes as the explicit non-rotating Earth.
    let default = dir.path().join("default.kml");
    let site_arg = format!("Kamchatka={lat},{lon}");
    common::cli::assert_success(&common::cli::reachmap(&[
        "rings",
        "--site",
        &site_arg,
        "--system",
        "df-26",
        "--tolerance-m",
        "100",
        "-o",
        default.to_str().unwrap(),
    ]));
    assert_eq!(std::fs::read_to_string(&default).unwrap(), quoted);
    let said = |kml: &str| kml.replace("&apos;", "'").contains(rotation::LIMITS);
    assert!(said(&kml) && !said(&quoted), "the description says the model and its limits");
    let regions = kml_regions(&kml);
    assert_eq!(regions.len(), 2, "the estimate's two zones");
    for region in &regions {
        assert!(region.0.len() >= 2, "cut at 180°: {} polygons", region.0.len());
        common::assert_rfc7946(region, "KML over the rotating Earth");
    }
    let ranges: Vec<RotatingRange> =
        [3_000.0, 4_000.0].iter().map(|&r| RotatingRange::new(&site, km(r)).unwrap()).collect();
    // The gap between a point and the nearer of the two boundaries along its direction.
    let off = |p: Point| {
        let (d, az) = inverse(site.point(), p);
        ranges.iter().map(|r| (d - r.range_m(az)).abs()).fold(f64::INFINITY, f64::min)
    };
    let mut worst_vertex: f64 = 0.0;
    let mut worst_edge: f64 = 0.0;
    for (a, b) in regions.iter().flat_map(common::circle_edges) {
        worst_vertex = worst_vertex.max(off(Point::from(a)));
        for k in 1..8 {
            let f = k as f64 / 8.0;
            worst_edge = worst_edge.max(off(Point::new(a.x + (b.x - a.x) * f, a.y + (b.y - a.y) * f)));
            worst_edge = worst_edge.max(off(common::slerp(a, b, f)));
        }
    }
    // Coordinates are written to 6 decimals (0.1 m).
    assert!(worst_vertex < 0.2, "a vertex {worst_vertex} m off the boundary");
    assert!(worst_edge < 100.0 * 1.01 + 0.2, "an edge {worst_edge} m off the boundary");
    // Just inside and just outside the boundary due east.
    let east = ranges[1].range_m(90.0);
    assert!(regions[1].contains(&reachmap::geodesy::destination(site.point(), 90.0, east - 500.0)));
    assert!(!regions[1].contains(&reachmap::geodesy::destination(site.point(), 90.0, east + 500.0)));
}

#[test]
fn launch_regions_reach_back_to_the_integrated_sites() {
    // From each integrated impact point P, the site S it was fired from lies on P's launch
    // region's boundary: at the integration's range, in the direction from P to S.
    let mut worst: f64 = 0.0;
    for case in cases().iter().filter(|c| [2_500.0, 5_500.0].contains(&c.quoted_km)) {
        for d in case.directions.iter().step_by(4) {
            let p = reachmap::geodesy::destination(case.site.point(), d.bearing_deg, d.range_m);
            let target = Site::new("P", p.y(), p.x()).unwrap();
            let region = rotation::footprint::LaunchRegion::new(&target, km(case.quoted_km)).unwrap();
            let (_, back_deg) = inverse(p, case.site.point());
            let got = region.distance_m(back_deg);
            assert!((got - d.range_m).abs() < 100.0, "{} {}°: {got} vs {}", case.site.name(), d.bearing_deg, d.range_m);
            worst = worst.max((got - d.range_m).abs());
        }
    }
    eprintln!("launch regions: largest difference from the integration {worst:.3} m");
}

#[test]
fn a_rotating_footprint_holds_the_launch_points_that_reach_every_target() {
    use reachmap::footprint::Combine;
    let guam = Site::new("Guam", 13.58, 144.93).unwrap();
    let kadena = Site::new("Kadena", 26.36, 127.77).unwrap();
    let tolerance = Tolerance::from_m(100.0, "t").unwrap();
    let region =
        rotation::footprint::footprint(&[guam.clone(), kadena.clone()], km(4_000.0), Combine::All, tolerance).unwrap();
    common::assert_rfc7946(&region, "footprint");
    let reaches = |from: Point, target: &Site| {
        let site = Site::new("L", from.y(), from.x()).unwrap();
        RotatingRange::new(&site, km(4_000.0)).unwrap().contains(target.point())
    };
    // Launch points on a grid around both targets, away from the boundary by more than the
    // tolerance: the region holds those from which a missile reaches both.
    let (mut inside, mut checked) = (0, 0);
    for i in 0..40 {
        for j in 0..40 {
            let p = Point::new(95.0 + i as f64 * 1.5, -10.0 + j as f64 * 1.5);
            let site = Site::new("L", p.y(), p.x()).unwrap();
            let margin = [&guam, &kadena]
                .iter()
                .map(|t| {
                    let (d, az) = inverse(p, t.point());
                    (RotatingRange::new(&site, km(4_000.0)).unwrap().range_m(az) - d).abs()
                })
                .fold(f64::INFINITY, f64::min);
            if margin < 3.0 * tolerance.meters() {
                continue;
            }
            let expected = reaches(p, &guam) && reaches(p, &kadena);
            assert_eq!(region.contains(&p), expected, "{p:?}");
            checked += 1;
            inside += usize::from(expected);
        }
    }
    assert!(inside > 100 && checked - inside > 100, "{inside} of {checked}");
    // Sanya, Hainan: 3,823 km from Guam, 2,083 km from Kadena.
    assert!(region.contains(&Point::new(109.5, 18.25)));
}

#[test]
fn a_scenario_map_over_the_rotating_earth_says_so_in_its_key_and_sources() {
    use reachmap::map::{Overrides, scenario_map_spec};
    use reachmap::scenario::Scenario;
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/df26-guam-rotation.toml");
    let text = std::fs::read_to_string(path).unwrap();
    let svg = |text: &str| {
        let scenario = Scenario::parse_sent(text, "df26.toml").expect("scenario");
        let overrides = Overrides { width_px: Some((600.0, "width".into())), ..Overrides::default() };
        let spec = scenario_map_spec(scenario, None, overrides).expect("map");
        let svg = reachmap::render::render_svg(&reachmap::map::compose(&spec).expect("scene"));
        // The text drawn, its wrapped lines joined again.
        let texts: Vec<&str> =
            svg.split('>').filter_map(|t| t.split('<').next()).filter(|t| !t.trim().is_empty()).collect();
        texts.join(" ").replace("&apos;", "'").replace("&#39;", "'")
    };
    let rotating = svg(&text);
    assert!(rotating.contains(rotation::KEY_ROW), "the key row");
    assert!(rotating.contains(rotation::LIMITS), "the limits in the sources");
    let quoted = svg(&text.replace("earth = \"rotating\"", ""));
    assert!(!quoted.contains(rotation::KEY_ROW) && !quoted.contains(rotation::LIMITS));
    let err = Scenario::parse_sent(&text.replace("earth = \"rotating\"", "earth = \"spinning\""), "df26.toml")
        .unwrap_err()
        .to_string();
    assert!(err.contains("[map] earth") && err.contains("spinning") && err.contains("df26.toml:"), "{err}");
}

#[test]
fn the_reach_table_lists_only_the_answers_the_rotation_changes() {
    // DF-26 from Sanya over the gazetteer: places near either figure change under one figure
    // only; the other figure's unchanged answer ("in → in") is left out of the table.
    let output = common::cli::reachmap(&[
        "reach",
        "--site",
        "Sanya",
        "--system",
        "df-26",
        "--earth",
        "rotating",
        "--places",
        "cities",
        "--limit",
        "30",
        "--format",
        "markdown",
        "--no-land",
    ]);
    common::cli::assert_success(&output);
    let text = String::from_utf8_lossy(&output.stdout);
    let table = text.split("## With the Earth's rotation").nth(1).expect("the rotation table");
    let rows: Vec<Vec<&str>> = table
        .lines()
        .filter(|l| l.starts_with("| Sanya"))
        .map(|l| l.trim_matches('|').split('|').map(str::trim).collect())
        .collect();
    assert!(rows.len() >= 10, "{table}");
    let km = |cell: &str| cell.trim_end_matches(" km").replace(',', "").parse::<f64>().unwrap();
    for row in &rows {
        let (distance, figure, quoted, rotating_km, rotating) = (km(row[3]), km(row[5]), row[6], km(row[7]), row[8]);
        assert_ne!(quoted, rotating, "an unchanged answer is listed: {row:?}");
        // Each answer follows from its distance and range where the printed kilometres settle it.
        if (distance - figure).abs() > 1.0 {
            assert_eq!(quoted == "in", distance < figure, "{row:?}");
        }
        if (distance - rotating_km).abs() > 1.0 {
            assert_eq!(rotating == "in", distance < rotating_km, "{row:?}");
        }
    }
}
