//! One schema for every writer of places within range: the table below is the contract — each
//! field's name and JSON type — and CSV, JSON and GeoJSON are each checked against it, with a
//! user's places file's extra column carried through as text.

use crate::common;

use common::cli::{reachmap, stdout};
use serde_json::Value;

/// The fields of a place within range, in CSV's column order, with the JSON types allowed
/// (`null` where a value can be absent: a bearing at 0 km or from a launch area, the low
/// figure's columns of a range that is no estimate, a flight time without a flight profile).
const FIELDS: [(&str, &[&str]); 19] = [
    ("site", &["string"]),
    ("site_lat", &["number"]),
    ("site_lon", &["number"]),
    ("site_position", &["string"]),
    ("range", &["string"]),
    ("min_km", &["number", "null"]),
    ("max_km", &["number"]),
    ("low_km", &["number", "null"]),
    ("name", &["string"]),
    ("country_code", &["string"]),
    ("country", &["string"]),
    ("lat", &["number"]),
    ("lon", &["number"]),
    ("population", &["integer"]),
    ("capital", &["boolean"]),
    ("distance_km", &["number"]),
    ("bearing_deg", &["number", "null"]),
    ("within_low", &["boolean", "null"]),
    ("flight_min", &["number", "null"]),
];

/// The fields a JSON report gives per place (the site and range are the entry's own).
const PLACE_FIELDS: std::ops::Range<usize> = 8..19;

fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_u64() || n.is_i64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// A CSV cell read by the type the table allows: empty is null, `true`/`false` booleans.
fn csv_type(cell: &str, allowed: &[&str]) -> &'static str {
    // Empty text (a place without a country) is text; an empty cell of another field is null.
    if cell.is_empty() {
        return if allowed.contains(&"string") { "string" } else { "null" };
    }
    if cell == "true" || cell == "false" {
        return "boolean";
    }
    if allowed.contains(&"integer") && cell.parse::<u64>().is_ok() {
        return "integer";
    }
    if cell.parse::<f64>().is_ok() && !allowed.contains(&"string") {
        return "number";
    }
    "string"
}

fn check(field: &str, kind: &str, allowed: &[&str], writer: &str) {
    // An integer is a number too (JSON has one number type).
    let ok = allowed.contains(&kind) || (kind == "integer" && allowed.contains(&"number"));
    assert!(ok, "{writer}: {field} is {kind}, allowed {allowed:?}");
}

/// A places file with an extra column, a place at the site itself (0 km: no bearing) and the
/// 9M729's estimate (within_low) with a flight-less system.
fn run(dir: &std::path::Path, extension: &str) -> String {
    let places = dir.join("places.csv");
    std::fs::write(
        &places,
        "name,lat,lon,population,capital,unit\nBase,54.71,20.51,100,0,brigade\nTown,54.0,21.0,5000,1,\n",
    )
    .unwrap();
    let out = dir.join(format!("report.{extension}"));
    stdout(&reachmap(&[
        "reach",
        "--site",
        "Base=54.71,20.51",
        "--system",
        "9M729",
        "--places",
        places.to_str().unwrap(),
        "--no-land",
        "-o",
        out.to_str().unwrap(),
    ]));
    std::fs::read_to_string(out).unwrap()
}

#[test]
fn the_librarys_field_list_is_the_tables() {
    let names: Vec<&str> = FIELDS.iter().map(|(n, _)| *n).collect();
    let library: Vec<&str> = reachmap::export::report::FIELDS.iter().map(|(n, _)| *n).collect();
    assert_eq!(names, library);
}

#[test]
fn csv_has_the_tables_columns_and_types_and_the_files_extra_column() {
    let dir = tempfile::tempdir().unwrap();
    let text = run(dir.path(), "csv");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let mut expected: Vec<String> = FIELDS.iter().map(|(n, _)| n.to_string()).collect();
    expected.push("unit".into());
    assert_eq!(header, expected);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2, "{text}");
    for row in &rows {
        for ((field, allowed), cell) in FIELDS.iter().zip(row.iter()) {
            check(field, csv_type(cell, allowed), allowed, "csv");
        }
    }
    // The base is at the site: 0 km, no bearing; its unit carried through.
    assert_eq!((&rows[0][8], &rows[0][15], &rows[0][16], &rows[0][19]), ("Base", "0.0", "", "brigade"));
    assert_eq!((&rows[0][14], &rows[0][17]), ("false", "true"));
    assert_eq!(&rows[0][3], "site");
}

#[test]
fn json_places_have_the_tables_fields_and_types() {
    let dir = tempfile::tempdir().unwrap();
    let json: Value = serde_json::from_str(&run(dir.path(), "json")).unwrap();
    let places = json["results"][0]["places"].as_array().unwrap();
    assert_eq!(places.len(), 2);
    for place in places {
        let object = place.as_object().unwrap();
        for (field, allowed) in &FIELDS[PLACE_FIELDS] {
            let value = object.get(*field).unwrap_or_else(|| panic!("json: no {field} in {place}"));
            check(field, json_type(value), allowed, "json");
        }
        assert_eq!(object.len(), PLACE_FIELDS.len() + 1, "{place}");
        assert!(object["unit"].is_string());
    }
    assert_eq!(places[0]["bearing_deg"], Value::Null);
    assert_eq!(places[0]["unit"], "brigade");
}

#[test]
fn geojson_properties_have_the_tables_fields_and_types_with_numeric_ranges_and_the_site() {
    let dir = tempfile::tempdir().unwrap();
    let collection: Value = serde_json::from_str(&run(dir.path(), "geojson")).unwrap();
    assert_eq!(collection["type"], "FeatureCollection");
    let features = collection["features"].as_array().unwrap();
    assert_eq!(features.len(), 2);
    for feature in features {
        let properties = feature["properties"].as_object().unwrap();
        for (field, allowed) in &FIELDS {
            let value = properties.get(*field).unwrap_or_else(|| panic!("geojson: no {field} in {feature}"));
            check(field, json_type(value), allowed, "geojson");
        }
        assert_eq!(properties.len(), FIELDS.len() + 1, "{feature}");
        // The 9M729: 480 km (claim) to 2,350 km (reported), from the site's own position.
        assert_eq!((properties["low_km"].as_f64(), properties["max_km"].as_f64()), (Some(480.0), Some(2350.0)));
        assert_eq!((properties["site_lat"].as_f64(), properties["site_lon"].as_f64()), (Some(54.71), Some(20.51)));
        let position = feature["geometry"]["coordinates"].as_array().unwrap();
        assert_eq!(
            (position[0].as_f64(), position[1].as_f64()),
            (properties["lon"].as_f64(), properties["lat"].as_f64())
        );
    }
}

#[test]
fn reach_takes_the_format_from_the_output_files_extension() {
    let dir = tempfile::tempdir().unwrap();
    for (extension, starts) in [
        ("csv", "site,site_lat"),
        ("json", "{"),
        ("geojson", "{\"attribution\""),
        ("md", "### "),
        ("txt", "Kaliningrad ("),
    ] {
        let out = dir.path().join(format!("r.{extension}"));
        stdout(&reachmap(&[
            "reach",
            "--site",
            "Kaliningrad",
            "--range-km",
            "100",
            "--no-land",
            "-o",
            out.to_str().unwrap(),
        ]));
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.starts_with(starts), "{extension}: {text}");
    }
    let empty = tempfile::tempdir().unwrap();
    let clash = empty.path().join("clash.csv");
    common::cli::refused(
        &["reach", "--site", "Kaliningrad", "--range-km", "100", "--format", "json", "-o", clash.to_str().unwrap()],
        empty.path(),
        &["--format", "clash.csv", "names another format"],
    );
    assert!(!clash.exists());
}

#[test]
fn a_launch_areas_position_is_its_bounding_box_centre_taken_across_180_and_said_so() {
    let dir = tempfile::tempdir().unwrap();
    // Two pieces on either side of 180°: its box runs 178° E to 177° W, centred at 179.5° W,
    // 65° N (not near 0°, where a box from -180 to 180 would put it).
    let area = dir.path().join("chukotka.geojson");
    std::fs::write(
        &area,
        r#"{"type":"MultiPolygon","coordinates":[[[[178,64],[180,64],[180,66],[178,66],[178,64]]],[[[-180,64],[-177,64],[-177,66],[-180,66],[-180,64]]]]}"#,
    )
    .unwrap();
    let spec = format!("Chukotka={}", area.to_str().unwrap());
    let base = ["reach", "--area", spec.as_str(), "--range-km", "300", "--no-land"];
    let geojson: Value =
        serde_json::from_str(&stdout(&reachmap(&[&base[..], &["--format", "geojson"]].concat()))).unwrap();
    let features = geojson["features"].as_array().unwrap();
    assert!(!features.is_empty(), "Anadyr is within 300 km");
    for feature in features {
        let p = &feature["properties"];
        assert_eq!((p["site_lat"].as_f64(), p["site_lon"].as_f64()), (Some(65.0), Some(-179.5)), "{p}");
        assert_eq!(p["site_position"], "area bounding-box centre");
    }
    let json: Value = serde_json::from_str(&stdout(&reachmap(&[&base[..], &["--format", "json"]].concat()))).unwrap();
    let site = &json["results"][0]["site"];
    assert_eq!(
        (site["lat"].as_f64(), site["lon"].as_f64(), site["area"].as_bool()),
        (Some(65.0), Some(-179.5), Some(true))
    );
    let totals = stdout(&reachmap(&[&base[..], &["--format", "csv", "--totals"]].concat()));
    assert!(totals.lines().nth(1).unwrap().starts_with("Chukotka,65,-179.5,area bounding-box centre,"), "{totals}");
    let table = stdout(&reachmap(&base));
    assert!(table.contains("launch area, bounding-box centre 65.00° N, 179.50° W"), "{table}");
}
