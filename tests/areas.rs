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
