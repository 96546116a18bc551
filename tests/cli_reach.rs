//! `reachmap reach` end to end: the formats, the capitals within 1,000 km of Kaliningrad as
//! every format reports them, places files of the user's, and how bad ones are refused (the
//! file and line named, exit code 2, nothing written).

use crate::common;

use common::cli::{assert_refusal, reachmap, stdout};

const KALININGRAD: [&str; 4] = ["--site", "Kaliningrad=54.71,20.51", "--range-km", "1000"];

#[test]
fn every_format_reports_the_same_capitals() {
    let run = |extra: &[&str]| {
        let mut args = vec!["reach", "--places", "capitals", "--no-land"];
        args.extend_from_slice(&KALININGRAD);
        args.extend_from_slice(extra);
        stdout(&reachmap(&args))
    };
    let table = run(&[]);
    assert!(table.contains("15 places in 15 countries, 15 capitals, population 20.9 million"), "{table}");
    assert!(table.contains("Warsaw *") && table.contains("278.0") && table.contains("GeoNames (CC BY 4.0"));
    let csv = run(&["--format", "csv"]);
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows.len(), 16, "{csv}");
    assert!(rows[0].starts_with("site,site_lat,site_lon,site_position,range,min_km,max_km,low_km,name,"));
    assert!(rows[1].contains(",Warsaw,PL,Poland,") && rows[1].contains(",278.0"), "{}", rows[1]);
    assert!(rows[15].contains(",Kyiv,UA,"));
    let totals = run(&["--format", "csv", "--totals"]);
    assert_eq!(
        totals.lines().nth(1).unwrap(),
        "Kaliningrad,54.71,20.51,site,\"1,000 km\",,1000,15,15,20933778,15,,,,,,,,,"
    );
    let json: serde_json::Value = serde_json::from_str(&run(&["--format", "json"])).unwrap();
    let result = &json["results"][0];
    assert_eq!(result["totals"]["capitals"], 15);
    assert_eq!(result["places"].as_array().unwrap().len(), 15);
    assert_eq!(result["places"][0]["name"], "Warsaw");
    assert!(json["attribution"].as_str().unwrap().contains("GeoNames"));
    let markdown = run(&["--format", "markdown", "--limit", "3"]);
    assert!(markdown.contains("### Kaliningrad — 1,000 km") && markdown.contains("| **Warsaw** | PL |"));
    assert!(markdown.contains("12 more places not listed"));
    // --totals in every format that has totals: the same totals, no places.
    let summary = "15 places in 15 countries, 15 capitals, population 20.9 million";
    for format in ["table", "markdown"] {
        let totals = run(&["--format", format, "--totals"]);
        assert!(totals.contains(summary), "{format}: {totals}");
        assert!(!totals.contains("Warsaw") && !totals.contains("not listed"), "{format}: {totals}");
    }
    let json: serde_json::Value = serde_json::from_str(&run(&["--format", "json", "--totals"])).unwrap();
    assert_eq!(json["results"][0]["totals"]["capitals"], 15);
    assert_eq!(json["results"][0]["totals"]["population"], 20_933_778);
    assert_eq!(json["results"][0]["places"].as_array().unwrap().len(), 0);
}

#[test]
fn totals_without_places_are_refused_where_places_are_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("out");
    let refused = |extra: &[&str], needle: &str| {
        let mut args = vec!["reach", "--places", "capitals", "--totals", "-o", output.to_str().unwrap()];
        args.extend_from_slice(&KALININGRAD);
        args.extend_from_slice(extra);
        common::cli::refused(&args, dir.path(), &[needle]);
    };
    refused(&["--format", "geojson"], "--format: invalid value \"geojson\": --totals lists no places");
    refused(&["--limit", "3"], "'--totals' cannot be used with '--limit <N>'");
}

#[test]
fn land_within_range_is_reported_by_country() {
    let mut args = vec!["reach", "--places", "capitals", "--format", "json", "--limit", "0"];
    args.extend_from_slice(&KALININGRAD);
    let json: serde_json::Value = serde_json::from_str(&stdout(&reachmap(&args))).unwrap();
    let land = &json["results"][0]["land"];
    let poland = land["by_country"].as_array().unwrap().iter().find(|c| c["country"] == "Poland").unwrap();
    // All of Poland (about 312,700 km²) is within 1,000 km of Kaliningrad.
    assert!((poland["km2"].as_f64().unwrap() - 312_700.0).abs() < 3_000.0, "{poland}");
    let total = land["total_km2"].as_f64().unwrap();
    // Less than the disc itself (π × 1,000² ≈ 3.1 million km²): the Baltic is not land.
    assert!(total > 2.0e6 && total < 3.1e6, "{total}");
}

#[test]
fn a_places_file_of_ones_own() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("ports.csv");
    std::fs::write(
        &csv,
        "\u{feff}Name,Latitude,Longitude,Country,Population\r\nGdynia,54.52,18.53,PL,243918\r\n\
         Klaipėda,55°42′N,21°08′E,LT,\r\nRotterdam,51.92,4.48,NL,651446\r\n",
    )
    .unwrap();
    let mut args = vec!["reach", "--places", csv.to_str().unwrap(), "--format", "csv"];
    args.extend_from_slice(&KALININGRAD);
    let out = stdout(&reachmap(&args));
    let names: Vec<String> =
        csv::Reader::from_reader(out.as_bytes()).records().map(|r| r.unwrap()[8].to_string()).collect();
    assert_eq!(names, ["Klaipėda", "Gdynia"], "{out}"); // nearest first
    // GeoJSON points work the same; the gazetteer's credit is not claimed for them.
    let geojson = dir.path().join("bases.geojson");
    std::fs::write(
        &geojson,
        r#"{"type":"FeatureCollection","features":[
            {"type":"Feature","geometry":{"type":"Point","coordinates":[13.40,52.52]},"properties":{"name":"Berlin"}},
            {"type":"Feature","geometry":{"type":"Point","coordinates":[2.35,48.86]},"properties":{"name":"Paris"}}]}"#,
    )
    .unwrap();
    let mut args = vec!["reach", "--places", geojson.to_str().unwrap()];
    args.extend_from_slice(&KALININGRAD);
    let out = stdout(&reachmap(&args));
    assert!(out.contains("Berlin") && !out.contains("Paris") && !out.contains("GeoNames"), "{out}");
}

/// Writes `places` as the places file `name` and reaches from Kaliningrad with it, which must
/// be refused with every one of `needles` in the message; nothing may be written.
fn refused(places: &[u8], name: &str, needles: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join(name);
    std::fs::write(&file, places).unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let target = out_dir.path().join("out.csv");
    let mut args = vec!["reach", "--places", file.to_str().unwrap(), "-o", target.to_str().unwrap()];
    args.extend_from_slice(&KALININGRAD);
    common::cli::refused(&args, out_dir.path(), needles);
}

#[test]
fn bad_places_files_are_refused_with_the_line() {
    refused(b"name,lat\nA,1\n", "p.csv", &["p.csv:1", "lon column"]);
    refused(b"name,lat,lon\nA,54,20\nB,95,20\n", "p.csv", &["p.csv:3", "latitude", "95", "-90 to 90"]);
    refused(b"name,lat,lon\nA,54,20\nB,x,20\n", "p.csv", &["p.csv:3", "\"x, 20\""]);
    refused(b"name,lat,lon\nA,54,20\nA,55,21\n", "p.csv", &["p.csv:3", "p.csv:2", "unique"]);
    refused(b"name,lat,lon\n", "p.csv", &["holds no places"]);
    refused(b"", "p.csv", &["holds no places"]);
    refused(b"name,lat,lon\nCaf\xe9,54,20\n", "p.csv", &["p.csv:2", "not UTF-8"]);
    refused(b"name,lat,lon,population\nA,54,20,many\n", "p.csv", &["p.csv:2", "population", "many"]);
    refused(b"name,lat,lon\nA,54,20,extra\n", "p.csv", &["p.csv:2", "CSV"]);
    refused(
        br#"{"type":"FeatureCollection","features":[{"geometry":{"type":"Point","coordinates":[20]}}]}"#,
        "p.geojson",
        &["feature 0", "Point"],
    );
    refused(b"{not json", "p.geojson", &["p.geojson:1", "not JSON"]);
}

#[test]
fn other_bad_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("none.csv");
    let mut args = vec!["reach", "--places", missing.to_str().unwrap()];
    args.extend_from_slice(&KALININGRAD);
    // A missing file is a run-time failure.
    assert_refusal(&reachmap(&args), 1, &["none.csv"], &args);
    for (flag, value, needle) in [
        ("--format", "xml", "table, markdown, csv, json"),
        ("--limit", "-1", "whole number"),
        ("--min-population", "lots", "whole number"),
    ] {
        let mut args = vec!["reach", flag, value];
        args.extend_from_slice(&KALININGRAD);
        assert_refusal(&reachmap(&args), 2, &[needle], &args);
    }
    // The output may not overwrite the places file.
    let places = dir.path().join("mine.csv");
    std::fs::write(&places, "name,lat,lon\nA,54,20\n").unwrap();
    let mut args = vec!["reach", "--places", places.to_str().unwrap(), "-o", places.to_str().unwrap()];
    args.extend_from_slice(&KALININGRAD);
    assert_refusal(&reachmap(&args), 2, &[], &args);
    assert_eq!(std::fs::read_to_string(&places).unwrap(), "name,lat,lon\nA,54,20\n");
}

#[test]
fn geojson_lists_the_places_as_points_with_distance_bearing_range_and_flight_time() {
    use geo::Point;
    use reachmap::geodesy::inverse;
    let text = stdout(&reachmap(&[
        "reach",
        "--site",
        "Kaliningrad=54.71,20.51",
        "--system",
        "9m729",
        "--places",
        "capitals",
        "--no-land",
        "--format",
        "geojson",
    ]));
    let collection: geojson::FeatureCollection = text.parse().expect("GeoJSON");
    assert!(text.contains("\"attribution\":\"Places: GeoNames (CC BY 4.0"), "GeoNames credited");
    assert!(!collection.features.is_empty());
    let site = Point::new(20.51, 54.71);
    for feature in &collection.features {
        let p = feature.properties.as_ref().unwrap();
        let at = match &feature.geometry.as_ref().unwrap().value {
            geojson::GeometryValue::Point { coordinates } => {
                Point::new(coordinates.as_slice()[0], coordinates.as_slice()[1])
            }
            other => panic!("not a point: {other:?}"),
        };
        // Distance and bearing are Karney's from the site to the point's own coordinates.
        let (distance_m, azimuth) = inverse(site, at);
        assert!((p["distance_km"].as_f64().unwrap() - distance_m / 1000.0).abs() < 0.0006, "{p:?}");
        assert!((p["bearing_deg"].as_f64().unwrap() - azimuth.rem_euclid(360.0)).abs() < 0.006, "{p:?}");
        assert_eq!(p["site"], "Kaliningrad");
        assert_eq!(p["range"], "9M729 (SSC-8 Screwdriver): 480 km (claim) to 2,350 km (reported)");
        // An estimate: every place within the high figure, marked whether within the low one.
        assert_eq!(p["within_low"].as_bool().unwrap(), distance_m < 480_000.0, "{p:?}");
        assert!(distance_m < 2_350_000.0);
    }
    let warsaw = collection.features.iter().find(|f| f.properties.as_ref().unwrap()["name"] == "Warsaw").unwrap();
    assert_eq!(warsaw.properties.as_ref().unwrap()["distance_km"].as_f64().unwrap().round(), 278.0);
    assert_eq!(warsaw.properties.as_ref().unwrap()["capital"], true);

    // Flight times where the system has a profile: Minsk, 1,356 km from Mutlangen, 9.4 minutes
    // of free flight for the Pershing II (README, Flight times).
    let text = stdout(&reachmap(&[
        "reach",
        concat!(env!("CARGO_MANIFEST_DIR"), "/examples/pershing-1983.toml"),
        "--places",
        "capitals",
        "--no-land",
        "--format",
        "geojson",
    ]));
    let collection: geojson::FeatureCollection = text.parse().unwrap();
    let minsk = collection
        .features
        .iter()
        .map(|f| f.properties.as_ref().unwrap())
        .find(|p| p["name"] == "Minsk" && p["site"] == "Mutlangen")
        .unwrap();
    assert!((minsk["distance_km"].as_f64().unwrap() - 1356.0).abs() < 1.0, "{minsk:?}");
    assert!((minsk["flight_min"].as_f64().unwrap() - 9.4).abs() < 0.05, "{minsk:?}");
    // compare writes totals, not places.
    let out = reachmap(&[
        "compare",
        concat!(env!("CARGO_MANIFEST_DIR"), "/examples/compare-europe.toml"),
        "--format",
        "geojson",
    ]);
    assert_refusal(&out, 2, &["--format", "geojson", "reachmap reach --format geojson"], &"compare geojson");
    assert!(common::cli::stderr(&out).starts_with("reachmap: error: --format: "), "the option is named first");
}

/// Targets are reported for every site and range, in range or not: Berlin (52.52 N, 13.405 E),
/// 529.3 km from Kaliningrad on WGS84, is beyond the Iskander-M's 500 km by 29.3 km and said so; Warsaw (278.0 km) is within. From a scenario's [[targets]] too, by name or position,
/// with groups, in JSON and CSV.
#[test]
fn targets_are_reported_in_range_or_not() {
    let table = stdout(&reachmap(&[
        "reach",
        "--site",
        "Kaliningrad=54.71,20.51",
        "--system",
        "iskander-m",
        "--target",
        "Berlin=52.52,13.405",
        "--target",
        "Warsaw",
        "--places",
        "capitals",
        "--no-land",
    ]));
    let berlin = table.lines().find(|l| l.trim_start().starts_with("Berlin ")).unwrap_or_else(|| panic!("{table}"));
    assert!(berlin.contains("529.3") && berlin.contains("beyond by 29.3 km"), "{berlin}");
    let warsaw = table.lines().rfind(|l| l.trim_start().starts_with("Warsaw ")).unwrap();
    assert!(warsaw.contains("within"), "{warsaw}");

    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("t.toml");
    std::fs::write(
        &scenario,
        "[[sites]]\nname = \"Kaliningrad\"\nlat = 54.71\nlon = 20.51\nsystems = [\"9m729\"]\n\n\
         [[targets]]\nname = \"Berlin\"\nat = \"52.52N 13.405E\"\ngroup = \"capitals\"\n\n\
         [[targets]]\nname = \"Lisbon\"\n",
    )
    .unwrap();
    let json: serde_json::Value = serde_json::from_str(&stdout(&reachmap(&[
        "reach",
        scenario.to_str().unwrap(),
        "--format",
        "json",
        "--places",
        "capitals",
        "--no-land",
        "--limit",
        "0",
    ])))
    .unwrap();
    let targets = json["results"][0]["targets"].as_array().unwrap_or_else(|| panic!("{json}"));
    assert_eq!(targets.len(), 2);
    let (berlin, lisbon) = (&targets[0], &targets[1]);
    assert_eq!((berlin["name"].as_str(), berlin["group"].as_str()), (Some("Berlin"), Some("capitals")));
    // GeographicLib: Kaliningrad (54.71, 20.51) to (52.52, 13.405) is 529,285.1 m.
    assert!((berlin["distance_km"].as_f64().unwrap() - 529.285).abs() < 0.001, "{berlin}");
    // 9M729: 480 km claimed, 2,350 km reported: Berlin only if the high figure holds.
    assert_eq!((berlin["within"].as_bool(), berlin["within_low"].as_bool()), (Some(true), Some(false)));
    // Lisbon is farther than 2,350 km: beyond, by its distance less the high figure.
    let far = lisbon["distance_km"].as_f64().unwrap();
    assert!(far > 2_350.0 && lisbon["within"] == false, "{lisbon}");
    assert!((lisbon["beyond_km"].as_f64().unwrap() - (far - 2_350.0)).abs() < 0.002, "{lisbon}");

    let csv = stdout(&reachmap(&[
        "reach",
        scenario.to_str().unwrap(),
        "--format",
        "csv",
        "--places",
        "capitals",
        "--no-land",
    ]));
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    assert_eq!(&header[header.len() - 2..], ["target", "within"]);
    let lisbon_row = csv.lines().find(|l| l.contains(",Lisbon,")).unwrap_or_else(|| panic!("{csv}"));
    assert!(lisbon_row.ends_with(",true,false"), "{lisbon_row}");
}
