//! Launch areas as users give them: GeoJSON of any wrapping, positions, country names, and what
//! is refused (points, mixed kinds, unknown countries with the nearest names).

use reachmap::areas::{Shape, country, from_geojson, from_positions};

#[test]
fn geojson_polygons_and_lines_in_any_wrapping() {
    let polygon = r#"{"type":"Polygon","coordinates":[[[19.6,54.9],[22.9,55.1],[22.5,54.3],[19.6,54.4],[19.6,54.9]]]}"#;
    let feature = format!(r#"{{"type":"Feature","properties":{{}},"geometry":{polygon}}}"#);
    let collection = format!(r#"{{"type":"FeatureCollection","features":[{feature},{feature}]}}"#);
    for (text, polygons) in [(polygon.to_string(), 1), (feature.clone(), 1), (collection, 2)] {
        match from_geojson(&text, "area").unwrap() {
            Shape::Polygons(m) => assert_eq!(m.0.len(), polygons),
            other => panic!("{other:?}"),
        }
    }
    let road = r#"{"type":"LineString","coordinates":[[20.5,54.7],[21.2,54.6],[22.1,54.5]]}"#;
    assert!(matches!(from_geojson(road, "area").unwrap(), Shape::Lines(l) if l.0[0].0.len() == 3));
}

#[test]
fn what_an_area_cannot_be() {
    let refused = |text: &str, needle: &str| {
        let message = from_geojson(text, "--area K").unwrap_err().to_string();
        assert!(message.starts_with("--area K") && message.contains(needle), "{message}");
    };
    refused(r#"{"type":"Point","coordinates":[20.5,54.7]}"#, "a launch area is a Polygon");
    refused("not json", "not GeoJSON");
    refused(r#"{"type":"FeatureCollection","features":[]}"#, "no polygon or line");
    let both = r#"{"type":"GeometryCollection","geometries":[]}"#;
    assert!(from_geojson(both, "a").is_err());
}

#[test]
fn positions_close_their_ring() {
    let positions: Vec<String> = ["54.9N 19.6E", "55.1N 22.9E", "54.3N 22.5E"].iter().map(|s| s.to_string()).collect();
    let Shape::Polygons(m) = from_positions(&positions, "polygon").unwrap() else { panic!() };
    let ring = &m.0[0].exterior().0;
    assert_eq!((ring.len(), ring.first(), ring.last()), (4, ring.last(), ring.first()));
    let bad = ["54.9N 19.6E".to_string(), "95N 10E".to_string()];
    assert!(from_positions(&bad, "polygon").unwrap_err().to_string().contains("polygon position 2"));
}

#[test]
fn countries_by_name_with_suggestions() {
    let Shape::Polygons(belarus) = country("belarus", "--area-country").unwrap() else { panic!() };
    let (w, e) = belarus
        .0
        .iter()
        .flat_map(|p| p.exterior().0.iter())
        .fold((180.0f64, -180.0f64), |(w, e), c| (w.min(c.x), e.max(c.x)));
    // Belarus spans about 23.2° E to 32.8° E.
    assert!((w - 23.2).abs() < 0.3 && (e - 32.8).abs() < 0.3, "{w} {e}");
    let message = country("Belarrus", "--area-country").unwrap_err().to_string();
    assert!(message.contains("did you mean Belarus"), "{message}");
}

use crate::common;

use common::cli::{reachmap, stdout};
use reachmap::areas::NamedArea;

fn oblast() -> NamedArea {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/kaliningrad-oblast.geojson");
    NamedArea::parse_spec(&format!("Kaliningrad={path}"), "--area").unwrap()
}

/// `rings --area` writes an estimate around a launch area as its two zones, every vertex at
/// one of the figures from the area (1 mm), the zone up to the high figure with the low
/// figure's region as its hole.
#[test]
fn rings_around_a_launch_area() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/kaliningrad-oblast.geojson");
    let args = ["rings", "--area", &format!("Kaliningrad={path}"), "--system", "9m729", "--tolerance-m", "100"];
    let json: serde_json::Value = serde_json::from_str(&stdout(&reachmap(&args))).unwrap();
    let features = json["features"].as_array().unwrap();
    assert_eq!(features.len(), 2);
    let area = oblast();
    for (feature, radii) in features.iter().zip([&[480_000.0][..], &[480_000.0, 2_350_000.0][..]]) {
        assert_eq!(feature["properties"]["area"], "Kaliningrad");
        assert!(feature["properties"].get("site").is_none());
        let geometry: geojson::Geometry = serde_json::from_value(feature["geometry"].clone()).unwrap();
        let shape: geo::Geometry<f64> = geometry.try_into().unwrap();
        let polygons: Vec<geo::Polygon> = match shape {
            geo::Geometry::Polygon(p) => vec![p],
            geo::Geometry::MultiPolygon(m) => m.0,
            other => panic!("{other:?}"),
        };
        let region = geo::MultiPolygon::new(polygons);
        common::assert_rfc7946(&region, "around the oblast");
        for polygon in &region.0 {
            for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
                for c in &ring.0 {
                    let d = area.area.distance_m(geo::Point::from(*c));
                    // Coordinates are written to 6 decimals (about 0.1 m).
                    assert!(radii.iter().any(|r| (d - r).abs() < 0.2), "{c:?} is {d} m from the area");
                }
            }
        }
    }
    assert_eq!(
        features[1]["geometry"]["coordinates"].as_array().unwrap().len(),
        2,
        "a hole where the low figure reaches"
    );
}

#[test]
fn a_country_as_a_launch_area_reaches_past_the_pole() {
    let args = ["rings", "--area-country", "Belarus", "--range-km", "5500", "--tolerance-m", "1000"];
    let json: serde_json::Value = serde_json::from_str(&stdout(&reachmap(&args))).unwrap();
    let geometry: geojson::Geometry = serde_json::from_value(json["features"][0]["geometry"].clone()).unwrap();
    let shape: geo::Geometry<f64> = geometry.try_into().unwrap();
    use geo::Contains;
    assert!(shape.contains(&geo::Point::new(0.0, 89.99)), "the North Pole is within 5,500 km of Belarus");
    assert!(shape.contains(&geo::Point::new(-3.70, 40.42)), "Madrid: 2,850 km from Belarus' western border");
    assert!(!shape.contains(&geo::Point::new(-77.04, 38.91)), "Washington is not");
}

#[test]
fn bad_areas_are_refused_with_the_option_named() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        format!("A={}", path.display())
    };
    let bow_tie =
        write("bow.geojson", r#"{"type":"Polygon","coordinates":[[[20,54],[21,55],[21,54],[20,55],[20,54]]]}"#);
    let point = write("point.geojson", r#"{"type":"Point","coordinates":[20,54]}"#);
    let two = write("two.geojson", r#"{"type":"Polygon","coordinates":[[[20,54],[21,55],[20,54]]]}"#);
    for (args, needle) in [
        (vec!["--area", bow_tie.as_str()], "--area"),
        (vec!["--area", point.as_str()], "a launch area is a Polygon"),
        (vec!["--area", two.as_str()], "--area"),
        (vec!["--area", "A=nosuch.geojson"], "nosuch.geojson"),
        (vec!["--area-country", "Belarrus"], "did you mean Belarus"),
        (vec!["--area", "no-equals-sign"], "NAME=FILE.geojson"),
    ] {
        let mut all = vec!["rings", "--range-km", "500"];
        all.extend(args.iter());
        let out = reachmap(&all);
        let message = String::from_utf8_lossy(&out.stderr);
        assert!(matches!(out.status.code(), Some(1 | 2)) && message.contains(needle), "{args:?}: {message}");
        assert!(!message.contains("panicked"));
    }
}

/// `render --area` draws every range around the area — tinted, outlined and labelled as around
/// a site — and the area itself, named.
#[test]
fn a_map_around_a_launch_area() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("area.svg");
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/kaliningrad-oblast.geojson");
    let area = format!("Kaliningrad={path}");
    let args = ["render", "--area", &area, "--system", "9m729", "--width-px", "900", "-o", out.to_str().unwrap()];
    stdout(&reachmap(&args));
    let svg = std::fs::read_to_string(&out).unwrap();
    for needle in ["id=\"areas\"", ">Kaliningrad<", ">480 km<", ">2,350 km<", "within 480"] {
        assert!(svg.contains(needle), "{needle} missing");
    }
    // A scenario file takes no --area (its sites and ranges are its own).
    let scenario = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/inf-europe.toml");
    let refused = reachmap(&["render", scenario, "--area", &area, "-o", out.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2));
}

/// `reach --area` measures from the area's nearest point: the places listed are exactly those
/// whose exact distance to the area is below the range (checked over every capital), nearer
/// than from the city alone.
#[test]
fn reach_from_a_launch_area_is_measured_from_its_nearest_point() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/kaliningrad-oblast.geojson");
    let area_spec = format!("Kaliningrad={path}");
    let args =
        ["reach", "--area", &area_spec, "--range-km", "600", "--places", "capitals", "--format", "json", "--no-land"];
    let json: serde_json::Value = serde_json::from_str(&stdout(&reachmap(&args))).unwrap();
    let result = &json["results"][0];
    assert_eq!(result["site"]["area"], true);
    let listed: Vec<String> =
        result["places"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap().to_string()).collect();
    let area = oblast();
    let mut expected: Vec<(f64, String)> = reachmap::places::capitals()
        .unwrap()
        .iter()
        .map(|p| (area.area.distance_m(geo::Point::new(p.lon, p.lat)), p.name.clone()))
        .filter(|(d, _)| *d < 600_000.0)
        .collect();
    expected.sort_by(|a, b| a.0.total_cmp(&b.0));
    assert_eq!(listed, expected.iter().map(|(_, n)| n.clone()).collect::<Vec<_>>());
    // Vilnius: 307.5 km from Kaliningrad city, 158.6 km from the oblast's eastern edge.
    let vilnius = result["places"].as_array().unwrap().iter().find(|p| p["name"] == "Vilnius").unwrap();
    assert!((vilnius["distance_km"].as_f64().unwrap() - 158.6).abs() < 0.1, "{vilnius}");
    assert!(vilnius["bearing_deg"].is_null(), "no bearing from an area");
}

/// A scenario's `[[areas]]`: drawn, and reported by `reach`, with the systems each carries;
/// mistakes located in the file.
#[test]
fn launch_areas_in_a_scenario() {
    use reachmap::map::{Overrides, scenario_map_spec};
    use reachmap::scenario::Scenario;
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/launch-area.toml");
    let scenario = Scenario::from_file(std::path::Path::new(path)).unwrap();
    assert_eq!(scenario.areas.len(), 1);
    assert_eq!(scenario.overlays[0].origins.len(), 1);
    assert!(scenario.overlays[0].origins[0].same(&reachmap::origin::Origin::Area(scenario.areas[0].clone())));
    assert!(scenario.overlays[0].sites().next().is_none());
    let spec =
        scenario_map_spec(scenario, None, Overrides { width_px: Some((900.0, "w".into())), ..Overrides::default() })
            .unwrap();
    let scene = reachmap::map::compose(&spec).unwrap();
    assert!(scene.layers.iter().any(|l| l.id == "areas" && !l.items.is_empty()));
    let table = stdout(&reachmap(&["reach", path, "--places", "capitals", "--limit", "3", "--no-land"]));
    assert!(
        table.contains(
            "Kaliningrad (launch area, bounding-box centre 54.82° N, 21.22° E: distances from its nearest point)"
        ),
        "{table}"
    );
    assert!(table.contains("Vilnius *"), "{table}");

    let refused = |text: &str, needles: &[&str]| {
        let message = Scenario::parse(text, "a.toml", std::path::Path::new(".")).unwrap_err().to_string();
        for needle in needles {
            assert!(message.contains(needle), "{needle:?} not in {message}");
        }
    };
    refused("[[areas]]\nname = \"A\"\ncountry = \"Belarrus\"\n", &["a.toml:3:11", "did you mean Belarus"]);
    refused(
        "[[areas]]\nname = \"A\"\ncountry = \"Belarus\"\ngeojson = \"x.geojson\"\n",
        &["a.toml:1:1", "exactly one"],
    );
    refused(
        "[[areas]]\nname = \"A\"\npolygon = [\"54N 20E\", \"95N 21E\", \"54N 22E\"]\n",
        &["a.toml:3:11", "position 2"],
    );
    refused(
        "[[areas]]\nname = \"A\"\ncountry = \"Belarus\"\nsystems = [\"df-99\"]\n",
        &["a.toml:4:12", "unknown system"],
    );
    refused("[[areas]]\nname = \"A\"\ngeojson = \"nosuch.geojson\"\n", &["nosuch.geojson"]);
}

/// The zone between an estimate's figures around an area (the high buffer less the low one)
/// keeps every vertex exact: within 1 mm of one of the figures from the area.
#[test]
fn zones_around_an_area_keep_exact_vertices() {
    let area = oblast();
    let km = |v: f64| reachmap::Radius::from_km(v, "r").unwrap();
    let reach = reachmap::Reach::estimate(km(480.0), km(2_350.0), "r").unwrap();
    let zones = area.regions(&reach, reachmap::Tolerance::from_m(100.0, "t").unwrap()).unwrap();
    assert_eq!(zones.len(), 2);
    for (zone, region) in &zones {
        common::assert_rfc7946(region, "zone");
        for polygon in &region.0 {
            for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
                for c in &ring.0 {
                    let d = area.area.distance_m(geo::Point::from(*c));
                    let gap = (d - 480_000.0).abs().min((d - 2_350_000.0).abs());
                    assert!(gap < 1e-3, "{zone:?}: {c:?} is {gap} m off");
                }
            }
        }
    }
}

/// Two launch areas carrying one system are told apart: each has its own colour on the map and
/// its own key rows naming the area, and the areas themselves have a key row.
#[test]
fn two_launch_areas_with_one_system_have_two_colours_and_two_key_rows() {
    use reachmap::map::{Overrides, scenario_map_spec};
    use reachmap::scenario::Scenario;
    use reachmap::scene::Item;
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/belarus-9m729.toml");
    let scenario = Scenario::from_file(std::path::Path::new(path)).unwrap();
    let spec =
        scenario_map_spec(scenario, None, Overrides { width_px: Some((900.0, "w".into())), ..Overrides::default() })
            .unwrap();
    let scene = reachmap::map::compose(&spec).unwrap();
    let texts: Vec<String> = scene
        .layers
        .iter()
        .filter(|l| l.id == "legend")
        .flat_map(|l| &l.items)
        .filter_map(|i| match i {
            Item::Text { text, .. } => Some(text.clone()),
            _ => None,
        })
        .collect();
    // Rows may wrap at this width: read the key as one text.
    let key = texts.join(" ");
    for row in [
        "9M729 from Belarus: within 480 km (claim)",
        "9M729 from Kaliningrad Oblast: within 480 km (claim)",
        "Launch areas: Belarus, Kaliningrad Oblast",
    ] {
        assert!(key.contains(row), "{row:?} not in the key: {key}");
    }
    // The outlines drawn around the two areas: two colours, one each.
    let colours: std::collections::BTreeSet<String> = scene
        .layers
        .iter()
        .filter(|l| l.id == "rings")
        .flat_map(|l| &l.items)
        .filter_map(|i| match i {
            Item::Lines { style, .. } => style.stroke.map(|c| format!("{c:?}")),
            _ => None,
        })
        .collect();
    assert_eq!(colours.len(), 2, "{colours:?}");
}

/// A road from 179.9° E to 175° W given unsplit is, as RFC 7946 reads GeoJSON, drawn the long
/// way round (354.9° of longitude, straight in lon/lat): its 1,000 km buffer circles the globe.
/// That is said on standard error; split at 180°, the same road's buffer holds only the points
/// GeographicLib puts within 1,000 km of it, and no note is given.
#[test]
fn an_area_edge_the_long_way_round_gets_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let unsplit = dir.path().join("unsplit.geojson");
    std::fs::write(&unsplit, r#"{"type":"LineString","coordinates":[[170,60],[179.9,62],[-175,63]]}"#).unwrap();
    let split = dir.path().join("split.geojson");
    // The edge's crossing of 180°: on the straight lon/lat segment, 0.1° of 5.1° along.
    let lat = 62.0 + 0.1 / 5.1;
    std::fs::write(
        &split,
        format!(
            r#"{{"type":"MultiLineString","coordinates":[[[170,60],[179.9,62],[180,{lat}]],[[-180,{lat}],[-175,63]]]}}"#
        ),
    )
    .unwrap();
    let run = |path: &std::path::Path| {
        reachmap(&["rings", "--area", &format!("road={}", path.display()), "--range-km", "1000"])
    };
    let out = run(&unsplit);
    let message = common::cli::stderr(&out);
    assert!(message.contains("(179.9, 62) to (-175, 63)") && message.contains("354.9° of longitude"), "{message}");
    let out = run(&split);
    assert!(common::cli::stderr(&out).is_empty(), "{}", common::cli::stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let geometry: geojson::Geometry = serde_json::from_value(json["features"][0]["geometry"].clone()).unwrap();
    let region: geo::Geometry<f64> = geometry.try_into().unwrap();
    // GeographicLib: Greenwich at 62° N is 6,132 km from the road's nearest vertex, beyond the
    // range; (178° W, 62.5° N) 117 km from one and (175° W, 66° N) 334 km from its end.
    for (lon, lat, inside) in [(0.0, 62.0, false), (-178.0, 62.5, true), (-175.0, 66.0, true)] {
        assert_eq!(geo::Contains::contains(&region, &geo::Point::new(lon, lat)), inside, "({lon}, {lat})");
    }
}
