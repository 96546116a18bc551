//! `reachmap compare`: the side-by-side table agrees with `reach` for every site and range, and
//! the figure has one map per site, the common legend and the population chart.

use crate::common;

use common::cli::{assert_refusal, assert_success, reachmap, stdout};

const SCENARIO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/compare-europe.toml");

#[test]
fn the_table_agrees_with_reach() {
    let compare = stdout(&reachmap(&["compare", SCENARIO, "--format", "csv", "--no-land"]));
    let reach = stdout(&reachmap(&["reach", SCENARIO, "--format", "csv", "--totals", "--no-land"]));
    let rows = |text: &str| -> Vec<String> {
        let mut rows: Vec<String> = text.lines().map(str::to_string).collect();
        rows.sort();
        rows
    };
    assert_eq!(rows(&compare), rows(&reach));
    assert_eq!(compare.lines().count(), 5, "a header and four site × system rows");
    // Readable table: the sites grouped under their system.
    let table = stdout(&reachmap(&["compare", SCENARIO, "--no-land"]));
    let dark_eagle = table.find("Dark Eagle").unwrap();
    let ssc8 = table.find("9M729").unwrap();
    let deveselu = table.find("Deveselu (RO)").unwrap();
    assert!(dark_eagle < deveselu && deveselu < ssc8, "{table}");
}

#[test]
fn the_figure_has_a_map_per_site_a_legend_and_the_chart() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("compare.svg");
    let png = dir.path().join("compare.png");
    let out = reachmap(&[
        "compare",
        SCENARIO,
        "--no-land",
        "--width-px",
        "900",
        "--dpi",
        "120",
        "--figure",
        svg.to_str().unwrap(),
        "--figure",
        png.to_str().unwrap(),
    ]);
    assert_success(&out);
    let text = std::fs::read_to_string(&svg).unwrap();
    for site in ["Grafenwöhr (DE)", "Redzikowo (PL)", "Deveselu (RO)", "Kaliningrad"] {
        assert!(text.matches(&format!(">{site}</text>")).count() >= 2, "{site}: a panel title and a chart label");
    }
    assert_eq!(text.matches(r#"<g id="coastline""#).count(), 4, "one map per site");
    assert_eq!(text.matches(r#"<g id="legend""#).count(), 1, "one legend for all");
    assert!(text.contains(r#"<g id="chart""#) && text.contains("Population within range"));
    assert!(text.contains("Frankfurter Allgemeine"), "the sources strip");
    let bytes = std::fs::read(&png).unwrap();
    assert_eq!(&bytes[1..4], b"PNG");
}

#[test]
fn bad_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let figure = dir.path().join("figure.gif");
    common::cli::refused(
        &["compare", SCENARIO, "--figure", figure.to_str().unwrap()],
        dir.path(),
        &[".svg, .png, .pdf"],
    );
    let empty = dir.path().join("empty.toml");
    std::fs::write(&empty, "title = \"nothing\"\n").unwrap();
    let args = ["compare", empty.to_str().unwrap()];
    assert_refusal(&reachmap(&args), 2, &["no [[sites]]"], &args);
}

/// Targets given to compare are in its JSON, not in its totals: the table says where they are
/// instead of leaving them out unsaid, and the JSON carries each target for each site.
#[test]
fn targets_left_out_of_the_table_are_said_to_be_in_the_json() {
    let target = ["--target", "Moscow", "--no-land", "--places", "capitals"];
    let table = reachmap(&[&["compare", SCENARIO][..], &target[..]].concat());
    assert_success(&table);
    let note = common::cli::stderr(&table);
    assert!(note.contains("targets") && note.contains("--format json"), "{note}");
    assert!(!stdout(&table).contains("Moscow"), "the table gives totals");
    let json = reachmap(&[&["compare", SCENARIO, "--format", "json"][..], &target[..]].concat());
    assert_success(&json);
    assert!(!common::cli::stderr(&json).contains("totals only"), "{}", common::cli::stderr(&json));
    let value: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    let results = value["results"].as_array().unwrap();
    assert!(results.iter().all(|r| r["targets"][0]["name"] == "Moscow"), "{value}");
    // Without targets, no note.
    let plain = reachmap(&["compare", SCENARIO, "--no-land", "--places", "capitals"]);
    assert!(!common::cli::stderr(&plain).contains("totals only"));
}
