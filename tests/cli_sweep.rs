//! `reachmap sweep` end to end: the CSV and GeoJSON it writes (every candidate, best first, the
//! best one's value equal to `reach --totals` at its position), the map, and every refusal
//! (exit code 2, a message naming the flag, the value and what is allowed, nothing written).

use crate::common;

use common::cli::{assert_success, reachmap, refused, stdout};

#[test]
fn csv_and_geojson_list_every_candidate_best_first() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("belgium.csv");
    let geojson = dir.path().join("belgium.geojson");
    let out = reachmap(&[
        "sweep",
        "--country",
        "Belgium",
        "--step-km",
        "15",
        "--range-km",
        "400",
        "--metric",
        "capitals",
        "-o",
        csv.to_str().unwrap(),
        "-o",
        geojson.to_str().unwrap(),
    ]);
    assert_success(&out);
    let text = std::fs::read_to_string(&csv).unwrap();
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split(',').collect()).collect();
    assert_eq!(
        rows[0],
        ["rank", "name", "lat", "lon", "value", "places", "capitals", "population", "margin_km", "star"]
    );
    // The best is the first star; five stars in all.
    assert_eq!(rows[1][9], "1");
    assert_eq!(rows[1..].iter().filter(|r| !r[9].is_empty()).count(), 5);
    let values: Vec<u64> = rows[1..].iter().map(|r| r[4].parse().unwrap()).collect();
    assert!(values.windows(2).all(|w| w[0] >= w[1]), "not best first");
    assert!(rows[1..].iter().enumerate().all(|(k, r)| r[0] == (k + 1).to_string()));
    // The value is the capitals column.
    assert!(rows[1..].iter().all(|r| r[4] == r[6]));
    // About Belgium's 30,500 km² over 15² km².
    assert!((120..=150).contains(&(rows.len() - 1)), "{} candidates", rows.len() - 1);

    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&geojson).unwrap()).unwrap();
    let features = json["features"].as_array().unwrap();
    assert_eq!(json["type"], "FeatureCollection");
    assert_eq!(features.len(), rows.len() - 1);
    let first = &features[0];
    assert_eq!(first["geometry"]["type"], "Point");
    assert_eq!(first["properties"]["rank"], 1);
    assert_eq!(first["properties"]["metric"], "capitals");
    assert_eq!(first["properties"]["reach"], "400 km");
    assert_eq!(first["properties"]["value"].as_u64().unwrap(), values[0]);
    let lon = first["geometry"]["coordinates"][0].as_f64().unwrap();
    let lat = first["geometry"]["coordinates"][1].as_f64().unwrap();
    assert_eq!((lat.to_string(), lon.to_string()), (rows[1][2].to_string(), rows[1][3].to_string()));

    // `reach` at the best candidate counts the same capitals.
    let totals = stdout(&reachmap(&[
        "reach",
        "--site",
        &format!("best={lat},{lon}"),
        "--range-km",
        "400",
        "--format",
        "csv",
        "--totals",
        "--no-land",
    ]));
    let header: Vec<&str> = totals.lines().next().unwrap().split(',').collect();
    let row: Vec<&str> = totals.lines().nth(1).unwrap().split(',').collect();
    let capitals = header.iter().position(|h| *h == "capitals").unwrap();
    assert_eq!(row[capitals].parse::<u64>().unwrap(), values[0], "{totals}");
}

#[test]
fn a_system_with_low_and_high_figures_gives_both_values() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("estonia.csv");
    let out = reachmap(&[
        "sweep",
        "--country",
        "Estonia",
        "--step-km",
        "40",
        "--system",
        "9m729",
        "-o",
        csv.to_str().unwrap(),
    ]);
    assert_success(&out);
    let text = std::fs::read_to_string(&csv).unwrap();
    let header: Vec<&str> = text.lines().next().unwrap().split(',').collect();
    assert_eq!(
        header,
        [
            "rank",
            "name",
            "lat",
            "lon",
            "value",
            "value_low",
            "places",
            "capitals",
            "population",
            "places_low",
            "capitals_low",
            "population_low",
            "margin_km",
            "star"
        ]
    );
    for line in text.lines().skip(1) {
        let r: Vec<u64> = line.split(',').skip(4).take(8).map(|v| v.parse().unwrap()).collect();
        // Within 480 km is never more than within 2,350 km; the value is the population.
        assert!(r[1] <= r[0] && r[1] == r[7] && r[0] == r[4], "{line}");
    }
}

#[test]
fn candidates_from_a_file_and_targets() {
    let dir = tempfile::tempdir().unwrap();
    let candidates = dir.path().join("sites.csv");
    std::fs::write(&candidates, "name,lat,lon\nRedzikowo,54.48,17.10\nDeveselu,44.08,24.09\nGrafenwöhr,49.70,11.94\n")
        .unwrap();
    let targets = dir.path().join("targets.csv");
    std::fs::write(&targets, "name,lat,lon,population\nMoscow,55.7558,37.6173,12600000\nMinsk,53.90,27.5667,2000000\n")
        .unwrap();
    let csv = dir.path().join("out.csv");
    let png = dir.path().join("out.png");
    let out = reachmap(&[
        "sweep",
        "--candidates",
        candidates.to_str().unwrap(),
        "--range-km",
        "1400",
        "--metric",
        "targets",
        "--targets",
        targets.to_str().unwrap(),
        "--width-px",
        "800",
        "-o",
        csv.to_str().unwrap(),
        "-o",
        png.to_str().unwrap(),
    ]);
    assert_success(&out);
    let text = std::fs::read_to_string(&csv).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "rank,name,lat,lon,value,targets,targets_population,margin_km,star");
    // Redzikowo: Minsk (686 km, GeographicLib) and Moscow (1,311.929 km), 88.071 km to spare;
    // Deveselu: Minsk (1,120.967 km) only, Moscow being 1,616 km off; Grafenwöhr: Minsk
    // (1,171.723 km) only, with the same count and population as Deveselu but less range to
    // spare.
    assert_eq!(lines[1], "1,Redzikowo,54.48,17.1,2,2,14600000,88.071,1");
    assert_eq!(lines[2], "2,Deveselu,44.08,24.09,1,1,2000000,279.033,2");
    assert_eq!(lines[3], "3,Grafenwöhr,49.7,11.94,1,1,2000000,228.277,3");
    assert!(std::fs::metadata(&png).unwrap().len() > 10_000);
}

#[test]
fn bad_input_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let csv = out_dir.path().join("out.csv");
    let png = out_dir.path().join("out.png");
    let out = csv.to_str().unwrap();
    let empty_targets = dir.path().join("empty.csv");
    std::fs::write(&empty_targets, "name,lat,lon\n").unwrap();
    let empty = empty_targets.to_str().unwrap();
    let lines_file = dir.path().join("road.geojson");
    std::fs::write(&lines_file, r#"{"type":"LineString","coordinates":[[20,50],[21,51]]}"#).unwrap();
    let road = lines_file.to_str().unwrap();
    let base = ["sweep", "--range-km", "500"];
    let with = |extra: &[&'static str]| -> Vec<&'static str> { [&base[..], extra].concat() };
    let cases: Vec<(Vec<&str>, Vec<&str>)> = vec![
        // An unknown country, with the nearest names.
        (with(&["--country", "Polnad", "-o", leak(out)]), vec!["--country", "Polnad", "Poland"]),
        // A step so fine it would make millions of candidates: say so and how to coarsen.
        (
            with(&["--country", "Poland", "--step-km", "0.2", "-o", leak(out)]),
            vec!["--step-km", "0.2", "at most 1,000,000", "give --step-km 0.57 or more"],
        ),
        // An empty region: a box too small for the step.
        (
            with(&["--extent-lonlat", "20,50,20.01,50.01", "--step-km", "50", "-o", leak(out)]),
            vec!["--step-km", "no grid point falls inside"],
        ),
        (
            with(&["--extent-lonlat", "20,50,19,49", "-o", leak(out)]),
            vec!["--extent-lonlat", "20,50,19,49", "SOUTH below NORTH"],
        ),
        // Targets: the metric without a file, a file without the metric, a file of no places.
        (
            with(&["--country", "Poland", "--metric", "targets", "-o", leak(out)]),
            vec!["--metric", "targets", "--targets FILE"],
        ),
        (
            with(&["--country", "Poland", "--targets", leak(empty), "-o", leak(out)]),
            vec!["--targets", "only with --metric targets"],
        ),
        (
            with(&["--country", "Poland", "--metric", "targets", "--targets", leak(empty), "-o", leak(out)]),
            vec!["empty.csv", "no places"],
        ),
        (
            with(&["--country", "Poland", "--metric", "people", "-o", leak(out)]),
            vec!["--metric", "people", "population, capitals"],
        ),
        // Where the candidates stand: none, or two sources.
        (with(&["-o", leak(out)]), vec!["--country / --area / --extent-lonlat / --candidates", "give where"]),
        (
            with(&["--country", "Poland", "--extent-lonlat", "14,49,24,55", "-o", leak(out)]),
            vec!["one source of candidates"],
        ),
        (with(&["--area", leak(road), "-o", leak(out)]), vec!["--area", "Polygon or MultiPolygon"]),
        // The range: none, or two.
        (
            vec!["sweep", "--country", "Poland", "-o", leak(out)],
            vec!["--range-km / --band / --system", "give the range"],
        ),
        (with(&["--country", "Poland", "--system", "dark-eagle", "-o", leak(out)]), vec!["one range to sweep"]),
        (
            vec!["sweep", "--country", "Poland", "--system", "df-99", "-o", leak(out)],
            vec!["--system", "df-99", "dark-eagle"],
        ),
        (with(&["--country", "Poland", "--best", "-1", "-o", leak(out)]), vec!["--best", "-1", "0 to 100"]),
        (with(&["--country", "Poland", "--step-km", "0", "-o", leak(out)]), vec!["--step-km", "0.01 to 5,000 km"]),
        (with(&["--country", "Poland", "-o", leak(out), "-o", "/tmp/x.txt"]), vec!["--output", ".csv, .geojson"]),
        (
            with(&["--country", "Poland", "--min-population", "99999999999", "-o", leak(out)]),
            vec!["--min-population", "nothing to count"],
        ),
    ];
    for (args, needles) in &cases {
        refused(args, out_dir.path(), needles);
    }
    // A refusal after other outputs are known leaves none of them.
    refused(
        &["sweep", "--country", "Polnad", "--range-km", "500", "-o", out, "-o", png.to_str().unwrap()],
        out_dir.path(),
        &["Polnad"],
    );
}

/// A test's path as the `'static` text the argument lists are built from.
fn leak(text: &str) -> &'static str {
    Box::leak(text.to_string().into_boxed_str())
}

#[test]
fn a_scenario_sweep_is_drawn_by_render_and_its_errors_are_located() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("sweep.toml");
    std::fs::write(
        &scenario,
        "title = \"Belgium\"\n[map]\nwidth_px = 600\n[sweep]\ncountry = \"Belgium\"\nstep_km = 20\nrange_km = 300\nmetric = \"capitals\"\nbest = 2\n",
    )
    .unwrap();
    let svg = dir.path().join("sweep.svg");
    assert_success(&reachmap(&["render", scenario.to_str().unwrap(), "-o", svg.to_str().unwrap()]));
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains("id=\"sweep-field\"") && text.contains("Capitals within 300 km of"));
    assert!(text.contains("1st: ") && text.contains("2nd: ") && !text.contains("3rd: "));

    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("x.svg");
    for (body, needles) in [
        (
            "[sweep]\ncountry = \"Belgium\"\nrange_km = 300\nmetric = \"people\"\n",
            vec!["sweep.toml:4:10: [sweep] metric", "people"],
        ),
        ("[sweep]\ncountry = \"Belgium\"\n", vec!["sweep.toml:1:1: [sweep]", "one range to sweep"]),
        ("[sweep]\ncountry = \"Belgum\"\nrange_km = 300\n", vec!["[sweep] country", "Belgium"]),
        ("[sweep]\ncountry = \"Belgium\"\nrange_km = 300\nmetric = \"targets\"\n", vec!["[sweep] metric", "targets"]),
        (
            "[sweep]\ncountry = \"Belgium\"\nrange_km = 300\nbest = 500\n",
            vec!["sweep.toml:4:8: [sweep] best", "0 to 100"],
        ),
    ] {
        std::fs::write(&scenario, body).unwrap();
        refused(&["render", scenario.to_str().unwrap(), "-o", out.to_str().unwrap()], out_dir.path(), &needles);
    }
}

/// Targets named one by one, as render and reach take them: a sweep over Estonia against
/// Tallinn and Riga (by name), every candidate's margin the range less its farther target
/// (GeographicLib), and a target named without --metric targets refused.
#[test]
fn targets_by_name_are_counted() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("e.csv");
    let out = reachmap(&[
        "sweep",
        "--country",
        "Estonia",
        "--step-km",
        "30",
        "--range-km",
        "300",
        "--metric",
        "targets",
        "--target",
        "Tallinn",
        "--target",
        "Riga",
        "-o",
        csv.to_str().unwrap(),
    ]);
    assert_success(&out);
    let text = std::fs::read_to_string(&csv).unwrap();
    let places = reachmap::places::gazetteer().unwrap();
    let at = |name: &str| places.iter().find(|p| p.name == name).map(|p| geo::Point::new(p.lon, p.lat)).unwrap();
    for line in text.lines().skip(1) {
        let row: Vec<&str> = line.split(',').collect();
        let (lat, lon): (f64, f64) = (row[2].parse().unwrap(), row[3].parse().unwrap());
        let site = geo::Point::new(lon, lat);
        let d: Vec<f64> =
            ["Tallinn", "Riga"].iter().map(|n| reachmap::geodesy::distance_m(site, at(n)) / 1000.0).collect();
        let within: Vec<f64> = d.iter().copied().filter(|&k| k < 300.0).collect();
        assert_eq!(row[4].parse::<usize>().unwrap(), within.len(), "{line}");
        if let Some(farthest) = within.iter().copied().reduce(f64::max) {
            assert!((row[7].parse::<f64>().unwrap() - (300.0 - farthest)).abs() < 0.0015, "{line}");
        }
    }
    let empty = tempfile::tempdir().unwrap();
    let refused_csv = empty.path().join("e.csv");
    refused(
        &[
            "sweep",
            "--country",
            "Estonia",
            "--range-km",
            "300",
            "--target",
            "Tallinn",
            "-o",
            refused_csv.to_str().unwrap(),
        ],
        empty.path(),
        &["--target", "only with --metric targets"],
    );
}
