//! Low/high range figures mean "within the low figure under every figure, within the high one if
//! it holds" — not a band. On the worked example: the 9M729 from Kaliningrad (480 km claimed,
//! 2,350 km reported) has Warsaw (278 km) in range under both figures; a treaty band keeps its
//! annulus meaning. Checked in reports (every format), GeoJSON and the map's key.

use crate::common;

use common::cli::{reachmap, stdout};
use reachmap::geodesy::distance_m;

fn example(name: &str) -> String {
    format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// The 9M729's result from `reach examples/inf-europe.toml --places capitals --format json`.
fn ssc8_json() -> serde_json::Value {
    let args = ["reach", &example("inf-europe.toml"), "--places", "capitals", "--format", "json", "--no-land"];
    let json: serde_json::Value = serde_json::from_str(&stdout(&reachmap(&args))).unwrap();
    let results = json["results"].as_array().unwrap();
    results.iter().find(|r| r["range"]["label"].as_str().unwrap().starts_with("9M729")).unwrap().clone()
}

#[test]
fn warsaw_is_within_range_of_the_9m729_from_kaliningrad_under_both_figures() {
    let ssc8 = ssc8_json();
    let places = ssc8["places"].as_array().unwrap();
    let find = |name: &str| places.iter().find(|p| p["name"] == name);
    // The four capitals nearer than 480 km are in range under every figure.
    for name in ["Warsaw", "Vilnius", "Riga", "Minsk"] {
        let place = find(name).unwrap_or_else(|| panic!("{name} missing"));
        assert_eq!(place["within_low"], true, "{place}");
    }
    // Copenhagen (517 km) only if the reported 2,350 km holds; Moscow (1,090 km) too.
    for name in ["Copenhagen", "Moscow"] {
        assert_eq!(find(name).unwrap()["within_low"], false);
    }
    // Every place's flag agrees with its Karney distance, and nothing beyond 2,350 km is listed.
    let kaliningrad = geo::Point::new(20.51, 54.71);
    for place in places {
        let p = geo::Point::new(place["lon"].as_f64().unwrap(), place["lat"].as_f64().unwrap());
        let d = distance_m(kaliningrad, p);
        assert!(d < 2_350_000.0, "{place}");
        assert_eq!(place["within_low"], d < 480_000.0, "{place}");
    }
    // Totals under both figures: the 4 capitals within 480 km, and all within 2,350 km.
    assert_eq!(ssc8["within_low"]["totals"]["capitals"], 4);
    assert_eq!(ssc8["range"]["low_km"], 480.0);
    assert_eq!(ssc8["range"]["max_km"], 2350.0);
    assert!(ssc8["totals"]["capitals"].as_u64().unwrap() > 40);
}

#[test]
fn the_table_marks_each_place_and_gives_totals_under_both_figures() {
    let args = ["reach", &example("inf-europe.toml"), "--places", "capitals", "--limit", "6", "--no-land"];
    let table = stdout(&reachmap(&args));
    let ssc8 = table.split("\n\n").find(|block| block.contains("9M729")).unwrap();
    assert!(ssc8.contains("within 480 km, in range under every figure: 4 places in 4 countries, 4 capitals"), "{ssc8}");
    assert!(ssc8.contains("within 2,350 km, in range if the high figure holds:"), "{ssc8}");
    let warsaw = ssc8.lines().find(|l| l.contains("Warsaw")).unwrap();
    let copenhagen = ssc8.lines().find(|l| l.contains("Copenhagen")).unwrap();
    assert!(warsaw.trim_end().ends_with("yes") && copenhagen.trim_end().ends_with("no"), "{ssc8}");
    // A treaty band is still an annulus: nothing nearer than 500 km.
    let band = table.split("\n\n").find(|block| block.contains("INF shorter-range")).unwrap();
    assert!(!band.contains("Warsaw") && band.contains("Stockholm"), "{band}");
}

#[test]
fn csv_has_a_column_for_the_low_figure() {
    let args = ["reach", &example("inf-europe.toml"), "--places", "capitals", "--format", "csv", "--no-land"];
    let csv = stdout(&reachmap(&args));
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let column = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let (low, within) = (column("low_km"), column("within_low"));
    let warsaw_ssc8 = csv.lines().find(|l| l.contains("9M729") && l.contains(",Warsaw,")).unwrap();
    let warsaw_iskander = csv.lines().find(|l| l.contains("Iskander") && l.contains(",Warsaw,")).unwrap();
    // Split outside quotes: the label column holds commas.
    let cells = |line: &str| -> Vec<String> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(line.as_bytes())
            .records()
            .next()
            .unwrap()
            .unwrap()
            .iter()
            .map(String::from)
            .collect()
    };
    assert_eq!((cells(warsaw_ssc8)[low].as_str(), cells(warsaw_ssc8)[within].as_str()), ("480.0", "true"));
    assert_eq!((cells(warsaw_iskander)[low].as_str(), cells(warsaw_iskander)[within].as_str()), ("", ""));
}

#[test]
fn geojson_writes_an_estimate_as_its_two_zones() {
    let args = ["rings", "--site", "Kaliningrad=54.71,20.51", "--system", "9m729", "--tolerance-m", "100"];
    let json: serde_json::Value = serde_json::from_str(&stdout(&reachmap(&args))).unwrap();
    let features = json["features"].as_array().unwrap();
    assert_eq!(features.len(), 2);
    let zones: Vec<&str> = features.iter().map(|f| f["properties"]["zone"].as_str().unwrap()).collect();
    assert_eq!(zones, ["within_low", "low_to_high"]);
    for f in features {
        let p = &f["properties"];
        assert_eq!((p["low_km"].as_f64(), p["high_km"].as_f64()), (Some(480.0), Some(2350.0)));
        assert_eq!(p["system"], "9M729 (SSC-8 Screwdriver)");
    }
    assert_eq!(features[0]["properties"]["meaning"], "in range under every figure");
    assert_eq!(features[1]["properties"]["meaning"], "in range only if the high figure holds");
    // The first is a disc (no hole), the second a ring with the first as its hole.
    let rings = |f: &serde_json::Value| f["geometry"]["coordinates"].as_array().unwrap().len();
    assert_eq!((rings(&features[0]), rings(&features[1])), (1, 2));
}

#[test]
fn an_unknown_system_is_refused_with_the_known_ones() {
    let out = reachmap(&["rings", "--site", "K=54.71,20.51", "--system", "df-99"]);
    assert_eq!(out.status.code(), Some(2));
    let message = String::from_utf8_lossy(&out.stderr);
    assert!(message.contains("--system") && message.contains("df-99") && message.contains("9m729"), "{message}");
}
