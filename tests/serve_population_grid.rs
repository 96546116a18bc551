//! `reachmap serve --population-grid`: the page counts people from the grid the server was
//! given. The reach report the page reads is `reachmap reach --population-grid --format json`'s,
//! byte for byte, and its counts are brute force's over the grid's cells (every cell centre's
//! Karney distance, by GeographicLib, against the range); a file that is not a grid stops the
//! command before it serves (exit 2, naming the option); in Chromium, the reach panel shows the
//! count and the rule it is counted by.

use crate::common;

use std::io::BufRead;
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::Arc;

use common::browser::Browser;
use common::cli::{assert_refusal, reachmap, stdout};
use common::grid::Raster;
use common::http::{post, start, start_app};
use reachmap::population::PopulationGrid;
use reachmap::serve::App;
use serde_json::json;
use tiff::encoder::Compression;

/// Kaliningrad with the 9M729, reported 480 km (claim) to 2,350 km: an estimate, so both
/// figures are counted.
const KALININGRAD: &str = "[[sites]]\nname = \"Kaliningrad\"\nat = \"54.71, 20.51\"\nsystems = [\"9m729\"]\n";
const LOW_KM: f64 = 480.0;
const HIGH_KM: f64 = 2_350.0;

/// A whole-Earth grid of 1.5° cells (whole numbers of people, some cells no-data).
fn raster() -> Raster {
    Raster::random(240, 120, 0.0, 90.0, 1.5, 37)
}

/// `reachmap serve --port 0 ARGS`, running, and the address it printed.
fn serve(args: &[&str]) -> (Child, SocketAddr) {
    let mut child = common::cli::command()
        .args(["serve", "--port", "0"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let url = line.split_whitespace().find(|w| w.starts_with("http://127.0.0.1:")).expect("a URL");
    (child, url.trim_start_matches("http://").trim_end_matches('/').parse().unwrap())
}

#[test]
fn the_reach_report_counts_people_from_the_grid_as_reach_does() {
    let dir = tempfile::tempdir().unwrap();
    let raster = raster();
    let grid = dir.path().join("people.tif");
    raster.write_f32(&grid, Compression::Deflate(Default::default()));
    let scenario = dir.path().join("kaliningrad.toml");
    std::fs::write(&scenario, KALININGRAD).unwrap();

    let (mut child, address) = serve(&["--population-grid", grid.to_str().unwrap()]);
    let answer = post(address, "/api/reach?limit=0&land=false&name=kaliningrad.toml", KALININGRAD.as_bytes());
    let without = post(address, "/api/reach?limit=0&land=false&grid=false", KALININGRAD.as_bytes());
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(answer.status, 200, "{}", answer.text());
    let args = [
        "reach",
        scenario.to_str().unwrap(),
        "--population-grid",
        grid.to_str().unwrap(),
        "--format",
        "json",
        "--limit",
        "0",
        "--no-land",
    ];
    assert!(answer.text() == stdout(&reachmap(&args)), "differs from `reachmap reach --population-grid`");
    let report = answer.json();
    let totals = &report["results"][0]["totals"];
    let low = &report["results"][0]["within_low"]["totals"];
    assert_eq!(totals["grid_population"].as_f64(), Some(raster.brute_force(54.71, 20.51, HIGH_KM)), "{totals}");
    assert_eq!(low["grid_population"].as_f64(), Some(raster.brute_force(54.71, 20.51, LOW_KM)), "{low}");
    assert_eq!(
        report["grid_population_counts"].as_str(),
        Some("people in cells of the 1.5° grid people.tif whose centre is within range")
    );
    // `grid=false` (the page's nearest capitals) counts none, as a server without a grid.
    let without = without.json();
    assert!(
        without.get("grid_population_counts").is_none()
            && without["results"][0]["totals"].get("grid_population").is_none()
    );
    let plain =
        post(start_app(reachmap::serve::EMPTY_SCENARIO, "s.toml"), "/api/reach?limit=0", KALININGRAD.as_bytes());
    assert!(plain.json()["results"][0]["totals"].get("grid_population").is_none());
}

/// A grid that cannot be read stops the command before it serves: exit 2, naming the option.
#[test]
fn a_bad_grid_is_refused_before_serving() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.tif");
    let text = dir.path().join("people.tif");
    std::fs::write(&text, "name,people\n").unwrap();
    for path in [&missing, &text] {
        let args = ["serve", "--port", "0", "--population-grid", path.to_str().unwrap()];
        let out = reachmap(&args);
        assert_refusal(&out, 2, &["--population-grid", path.file_name().unwrap().to_str().unwrap()], &args);
        assert!(out.stdout.is_empty(), "it served: {}", String::from_utf8_lossy(&out.stdout));
    }
}

/// In Chromium: the reach panel gives the site's gridded population under both figures and the
/// rule it is counted by.
#[test]
fn the_page_shows_the_gridded_population() {
    let Some(executable) = common::browser::chromium_for_test() else { return };
    let dir = tempfile::tempdir().unwrap();
    let raster = raster();
    let path = dir.path().join("people.tif");
    raster.write_f32(&path, Compression::Uncompressed);
    let grid = PopulationGrid::from_file(Path::new(&path), "--population-grid").unwrap();
    let app = App::new(KALININGRAD, "kaliningrad.toml").unwrap().with_population_grid(grid);
    let address = start(Arc::new(app));
    let mut browser = Browser::launch(&executable);
    browser.open_page(address);
    browser.wait_for("document.querySelector('#reach .grid') !== null", "the gridded population");
    let group = |km: f64| reachmap::format::group_digits(raster.brute_force(54.71, 20.51, km) as u64);
    assert_eq!(
        browser.eval("document.querySelector('#reach .grid').textContent").as_str(),
        Some(
            format!("Gridded population: {} people (under every figure: {} people)", group(HIGH_KM), group(LOW_KM))
                .as_str()
        )
    );
    assert_eq!(
        browser.eval("document.querySelector('#reach .grid-rule').textContent").as_str(),
        Some("Gridded population: people in cells of the 1.5° grid people.tif whose centre is within range.")
    );
    // To look at: the panel with the count (the test's temporary directory).
    let shot = browser.call("Page.captureScreenshot", json!({ "format": "png" }));
    let png = common::browser::base64_decode(shot["data"].as_str().unwrap());
    std::fs::write(std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("serve-grid.png"), png).unwrap();
}
