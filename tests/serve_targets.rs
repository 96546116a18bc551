//! Targets and the Earth's rotation on the local page (`reachmap serve`): the edits that write
//! `[[targets]]` and `[map] earth` into the scenario document, keeping what the user wrote; the
//! reach report's target rows (distances checked against GeographicLib) with and without the
//! rotation; and, in headless Chromium, a target added by the search field and by the target
//! tool, the target rows in the reach panel, undo, the link, and the rotation switch.
//!
//! GeographicLib 2.1 (PyPI `geographiclib`), `Geodesic.WGS84.Inverse` from Sanya (18.25 N,
//! 109.50 E) to the strategic places' positions: Guam (13.4443 N, 144.7937 E) 3,811,772.824 m
//! at 92.7816°; Kadena Air Base (26.3556 N, 127.768 E) 2,082,228.256 m at 61.2142°; Fiery Cross
//! Reef (9.54917 N, 112.88917 E) 1,029,849.859 m at 158.7355°.

use crate::common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::browser::{Browser, base64_decode};
use common::cli::{reachmap, stdout};
use common::http::{Answer, post, start_app};
use reachmap::rotation::Earth;
use reachmap::scenario::Scenario;
use serde_json::{Value, json};

/// Guam from Sanya, km and degrees (GeographicLib, above).
const GUAM_KM: f64 = 3_811.772_824;
const GUAM_BEARING_DEG: f64 = 92.7816;
const KADENA_KM: f64 = 2_082.228_256;

/// The DF-26 (ballistic, reported 3,000–4,000 km) and the Dark Eagle (a glide vehicle) from Sanya.
const SANYA: &str = "# Sanya, as written.\n\
                     [map]\n\
                     preset = \"east-asia\" # the frame\n\
                     \n\
                     [[sites]]\n\
                     name = \"Sanya\"\n\
                     at = \"18.25N 109.50E\"\n\
                     systems = [\"df-26\", \"dark-eagle\"]\n";

fn server() -> std::net::SocketAddr {
    static ADDRESS: OnceLock<std::net::SocketAddr> = OnceLock::new();
    *ADDRESS.get_or_init(|| start_app(reachmap::serve::EMPTY_SCENARIO, "scenario.toml"))
}

fn edit(scenario: &str, set: Value) -> Answer {
    post(server(), "/api/edit", json!({ "scenario": scenario, "set": set }).to_string().as_bytes())
}

fn edited(scenario: &str, set: Value) -> (String, Value) {
    let answer = edit(scenario, set.clone());
    assert_eq!(answer.status, 200, "{set}: {}", answer.text());
    let answer = answer.json();
    (answer["scenario"].as_str().unwrap().to_string(), answer["model"].clone())
}

fn error_of(answer: &Answer) -> String {
    assert_eq!(answer.status, 400, "{}", answer.text());
    answer.json()["error"].as_str().unwrap().to_string()
}

/// `[[targets]]` written by the page's edits: a target left as it was keeps its entry (a name
/// alone stays a name alone, its comment with it), a new one by position or by a place's name is
/// written as coordinates, a rename or a removal touches only that target; every comment stays.
#[test]
fn targets_are_edited_in_the_document() {
    let text = format!(
        "{SANYA}\n# Our targets.\n[[targets]]\nname = \"Kadena Air Base\" # looked up when read\ngroup = \"US bases\"\n"
    );
    let (_, model) = edited(&text, json!({}));
    assert_eq!(model["targets"], json!([{ "name": "Kadena Air Base", "at": "", "group": "US bases" }]));
    let (scenario, model) = edited(
        &text,
        json!({ "targets": [
            { "name": "Kadena Air Base", "at": "" },
            { "name": "Guam", "at": "13.4443, 144.7937" },
            { "name": "", "at": "Fiery Cross Reef" },
        ] }),
    );
    for comment in ["# Sanya, as written.", "# the frame", "# Our targets.", "# looked up when read"] {
        assert!(scenario.contains(comment), "{comment:?} lost:\n{scenario}");
    }
    assert!(
        scenario.contains("name = \"Kadena Air Base\" # looked up when read\ngroup = \"US bases\"\n"),
        "{scenario}"
    );
    assert_eq!(model["targets"][2]["name"], "Fiery Cross Reef");
    let parsed = Scenario::parse_sent(&scenario, "t.toml").expect("a valid scenario");
    let names: Vec<&str> = parsed.targets.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Kadena Air Base", "Guam", "Fiery Cross Reef"]);
    // The strategic places' positions (assets/strategic/places.csv).
    let fiery = &parsed.targets[2];
    assert!((fiery.lat - 9.54917).abs() < 1e-6 && (fiery.lon - 112.88917).abs() < 1e-6, "{fiery:?}");
    assert_eq!(parsed.targets[0].group.as_deref(), Some("US bases"));

    // Renamed, then removed: the others stay as they were.
    let (renamed, _) = edited(
        &scenario,
        json!({ "targets": [
            { "name": "Kadena Air Base", "at": "" },
            { "name": "Andersen AFB", "at": "13.4443, 144.7937" },
            { "name": "Fiery Cross Reef", "at": model["targets"][2]["at"] },
        ] }),
    );
    assert!(renamed.contains("name = \"Andersen AFB\"") && !renamed.contains("name = \"Guam\""), "{renamed}");
    let (removed, model) = edited(&renamed, json!({ "targets": [{ "name": "Kadena Air Base", "at": "" }] }));
    assert_eq!(model["targets"].as_array().unwrap().len(), 1);
    assert!(removed.contains("# looked up when read") && !removed.contains("Andersen"), "{removed}");
    let (none, model) = edited(&removed, json!({ "targets": [] }));
    assert!(!none.contains("[[targets]]") && model["targets"] == json!([]), "{none}");

    // Moved by the page (which sends each target's group back): the group goes with it, and one
    // left as it was stays as written.
    let literal = text.replace("group = \"US bases\"", "group = 'US bases'");
    let kept = json!({ "name": "Kadena Air Base", "at": "", "group": "US bases" });
    let (same, _) = edited(&literal, json!({ "targets": [kept] }));
    assert!(same.contains("group = 'US bases'\n"), "{same}");
    let moved = json!({ "name": "Kadena Air Base", "at": "26.4, 127.8", "group": "US bases" });
    let (moved, _) = edited(&literal, json!({ "targets": [moved] }));
    let parsed = Scenario::parse_sent(&moved, "t.toml").expect("a valid scenario");
    assert_eq!((parsed.targets[0].lat, parsed.targets[0].group.as_deref()), (26.4, Some("US bases")), "{moved}");

    // Refusals name the field.
    let refused = edit(&text, json!({ "targets": [{ "name": "X", "at": "Springfield" }] }));
    let message = error_of(&refused);
    assert!(message.contains("target 1 position") && message.contains("Springfield, US"), "{message}");
    assert!(error_of(&edit(&text, json!({ "targets": "Guam" }))).contains("targets"));
}

/// `[map] earth` written by the page's switch: `rotating` added, and turned off again; the
/// default needs no line, one the user wrote keeps its comment; other values are refused.
#[test]
fn the_earth_switch_edits_the_map_table() {
    let (rotating, model) = edited(SANYA, json!({ "earth": "rotating" }));
    assert_eq!(model["earth"], "rotating");
    assert!(rotating.contains("preset = \"east-asia\" # the frame\nearth = \"rotating\"\n"), "{rotating}");
    assert_eq!(Scenario::parse_sent(&rotating, "t.toml").unwrap().earth, Earth::Rotating);
    let (off, model) = edited(&rotating, json!({ "earth": "non-rotating" }));
    assert_eq!(model["earth"], "non-rotating");
    assert_eq!(Scenario::parse_sent(&off, "t.toml").unwrap().earth, Earth::NonRotating);
    let (untouched, model) = edited(SANYA, json!({ "earth": "non-rotating" }));
    assert_eq!((untouched.contains("earth"), model["earth"].as_str()), (false, Some("non-rotating")));
    let commented = SANYA.replace("preset = \"east-asia\" # the frame\n", "earth = \"rotating\" # our choice\n");
    let (kept, _) = edited(&commented, json!({ "earth": "non-rotating" }));
    assert!(kept.contains("earth = \"non-rotating\" # our choice"), "{kept}");
    let message = error_of(&edit(SANYA, json!({ "earth": "spherical" })));
    assert!(message.contains("earth") && message.contains("rotating"), "{message}");
}

/// The reach report's targets: on the quoted figures it is `reachmap reach --format json`'s,
/// byte for byte, Guam at GeographicLib's distance and bearing from Sanya; over the rotating
/// Earth each ballistic range's targets say where they stand with the rotation, and the glide
/// vehicle's range is left as quoted, saying so.
#[test]
fn reach_reports_targets_with_and_without_the_rotation() {
    let scenario = format!(
        "{SANYA}\n[[targets]]\nname = \"Guam\"\nat = \"13.4443, 144.7937\"\n\n[[targets]]\nname = \"Kadena Air Base\"\n"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("scenario.toml");
    std::fs::write(&path, &scenario).unwrap();
    let answer = post(server(), "/api/reach?limit=0&land=false", scenario.as_bytes());
    assert_eq!(answer.status, 200, "{}", answer.text());
    let cli = stdout(&reachmap(&["reach", path.to_str().unwrap(), "--format", "json", "--limit", "0", "--no-land"]));
    assert!(answer.text() == cli, "differs from `reachmap reach --format json`");
    let report = answer.json();
    let df26 = &report["results"][0];
    assert_eq!(df26["range"]["label"].as_str().map(|l| l.starts_with("DF-26")), Some(true), "{df26}");
    let guam = &df26["targets"][0];
    assert_eq!(guam["name"], "Guam");
    assert!((guam["distance_km"].as_f64().unwrap() - GUAM_KM).abs() < 0.001, "{guam}");
    assert!((guam["bearing_deg"].as_f64().unwrap() - GUAM_BEARING_DEG).abs() < 0.01, "{guam}");
    // Within the 4,000 km figure, beyond the 3,000.
    assert_eq!((guam["within"].as_bool(), guam["within_low"].as_bool()), (Some(true), Some(false)));
    assert!(guam["flight_min"].as_f64().is_some());
    let kadena = &df26["targets"][1];
    assert!((kadena["distance_km"].as_f64().unwrap() - KADENA_KM).abs() < 0.001, "{kadena}");
    assert!(report.get("earth").is_none() && guam.get("rotating").is_none());

    let rotating = scenario.replace("preset = \"east-asia\" # the frame\n", "earth = \"rotating\"\n");
    let report = post(server(), "/api/reach?limit=0&land=false", rotating.as_bytes()).json();
    let df26 = &report["results"][0];
    assert_eq!(df26["rotating"], json!(true));
    let guam = &df26["targets"][0];
    assert_eq!(guam["distance_km"].as_f64(), Some((GUAM_KM * 1000.0).round() / 1000.0), "the distance is the same");
    let r = &guam["rotating"];
    // Issue 24's independent integration: 4,000 km from Hainan reaches about 4,280 km due east.
    let this_way = r["range_km"].as_f64().unwrap();
    assert!((4_230.0..4_330.0).contains(&this_way), "{r}");
    assert_eq!((r["within"].as_bool(), r["within_low"].as_bool()), (Some(true), Some(false)), "{r}");
    assert!(r["flight_min"].as_f64().is_some_and(|m| m > 10.0 && m < 30.0), "{r}");
    // The glide vehicle is not ballistic: as quoted, and the notes say so.
    let glide = &report["results"][1];
    assert!(glide["range"]["label"].as_str().unwrap().starts_with("Dark Eagle"), "{glide}");
    assert!(glide.get("rotating").is_none() && glide["targets"][0].get("rotating").is_none());
    let notes = report["earth"]["notes"].to_string();
    assert!(notes.contains("Dark Eagle") && notes.contains("glide"), "{notes}");
    assert!(report["earth"]["limits"].as_str().unwrap().contains("no drag"));
}

/// "Fit to sites and targets" frames targets too, with no site at all.
#[test]
fn fit_frames_targets() {
    let body = "[[targets]]\nname = \"Guam\"\nat = \"13.4443, 144.7937\"\n";
    let fit = post(server(), "/api/fit", body.as_bytes()).json();
    assert!(fit["proj"].as_str().unwrap().contains("+lat_0=13.4443 +lon_0=144.7937"), "{fit}");
}

/// In Chromium: Guam found by the search field and added as a target, its row in the reach
/// panel at GeographicLib's distance with the DF-26's flight time; a second target placed with
/// the target tool where the map was clicked; Ctrl+Z takes it away; the rotation switch writes
/// `[map] earth = "rotating"`, redraws the map, and the panel gives each target's standing with
/// the rotation; the link reopens all of it. Screenshots go to the test's temporary directory
/// (`REACHMAP_BLESS=1` writes docs/serve-targets.png for the README). The times it takes are
/// printed (`--nocapture`) for the README: they are not asserted.
#[test]
fn targets_and_the_rotation_on_the_page() {
    let Some(executable) = common::browser::chromium_for_test() else { return };
    let address = start_app(SANYA, "sanya.toml");
    let downloads = tempfile::tempdir().unwrap();
    let mut browser = Browser::launch(&executable);
    browser.call(
        "Browser.setDownloadBehavior",
        json!({ "behavior": "allow", "downloadPath": downloads.path().display().to_string() }),
    );
    browser.open_page(address);
    let idle = common::browser::IDLE;

    // Search "Guam" and add it as a target.
    browser.click_element("#search");
    browser.call("Input.insertText", json!({ "text": "Guam" }));
    let before = browser.eval("performance.now()").as_f64().unwrap();
    browser.click_element("#add-target");
    browser.wait_for(
        &format!(
            "state.model.targets.length === 1 && state.model.targets[0].name === 'Guam' \
             && document.querySelectorAll('#reach tr[data-target=Guam]').length === 2 && {idle}"
        ),
        "Guam as a target",
    );
    let target_ms = browser.eval("state.drawnAt").as_f64().unwrap() - before;
    assert_eq!(browser.eval("state.model.sites.length"), json!(1), "a target is not a site");
    assert_eq!(browser.eval("document.querySelectorAll('#targets > li').length"), json!(1));
    // The DF-26's row: GeographicLib's distance and bearing, in under the high figure only, and
    // the flight time.
    let row = |b: &mut Browser, target: &str, cell: &str| -> String {
        b.eval(&format!("document.querySelector('#reach article tr[data-target=\"{target}\"] td.{cell}').textContent"))
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(row(&mut browser, "Guam", "distance"), format!("{} km", group(GUAM_KM.round())));
    assert_eq!(row(&mut browser, "Guam", "bearing"), format!("{:.0}°", GUAM_BEARING_DEG));
    assert_eq!(row(&mut browser, "Guam", "verdict"), "3,000 km: out · 4,000 km: in");
    let flight = row(&mut browser, "Guam", "flight");
    let minutes: f64 = flight.strip_suffix(" min").expect("a flight time").parse().unwrap();
    // The free flight of a minimum-energy trajectory over 3,812 km (DESIGN.md: 3,000 km ≈ 14.9
    // min, 5,500 km ≈ 21.9 min), plus the DF-26's boost.
    assert!(minutes > 16.0 && minutes < 22.0, "{flight}");
    let scenario = browser.eval("state.scenario").as_str().unwrap().to_string();
    let parsed = Scenario::parse_sent(&scenario, "sanya.toml").expect("a valid scenario");
    assert_eq!(parsed.targets.len(), 1);
    assert!((parsed.targets[0].lat - 13.4443).abs() < 1e-4 && (parsed.targets[0].lon - 144.7937).abs() < 1e-4);

    // The target tool: a click on the map adds a target there (not a site), named after the
    // nearest place.
    browser.click_element("#tool-target");
    let spot = browser.eval(
        "(() => { const r = document.getElementById('map').getBoundingClientRect(); \
         return [r.left + r.width * 0.45, r.top + r.height * 0.5]; })()",
    );
    // Whole pixels: a mouse event's client coordinates are.
    let (x, y) = (spot[0].as_f64().unwrap().round(), spot[1].as_f64().unwrap().round());
    let expected = browser.eval(&format!(
        "(async () => {{ const p = pagePoint({{ clientX: {x}, clientY: {y} }}); return await locate(p, true); }})()"
    ));
    browser.click(x, y);
    browser.wait_for(
        &format!("state.model.targets.length === 2 && state.model.sites.length === 1 && {idle}"),
        "the clicked target",
    );
    let clicked = browser.eval("state.model.targets[1]");
    let (lat, lon) = common::browser::lat_lon(&clicked["at"]);
    assert!(
        (lat - expected["lat"].as_f64().unwrap()).abs() < 1e-4
            && (lon - expected["lon"].as_f64().unwrap()).abs() < 1e-4,
        "{clicked} vs {expected}"
    );
    assert_eq!(clicked["name"].as_str(), Some(format!("near {}", expected["near"].as_str().unwrap()).as_str()));
    let name = clicked["name"].as_str().unwrap().to_string();
    browser.wait_for(
        &format!(
            "[...document.querySelectorAll('#reach tr')].filter((r) => r.dataset.target === {}).length === 2",
            json!(name)
        ),
        "the clicked target's rows",
    );
    // Ctrl+Z takes it away, Ctrl+Shift+Z brings it back.
    browser.key("z", 2);
    browser.wait_for(&format!("state.model.targets.length === 1 && {idle}"), "the target undone");
    browser.key("z", 10);
    browser.wait_for(&format!("state.model.targets.length === 2 && {idle}"), "the target redone");
    browser.click_element("#tool-target");
    assert_eq!(browser.eval("state.tool"), json!("site"));
    drag_a_target(&mut browser, downloads.path());

    // The rotation switch: the scenario says so, the map is redrawn, the panel gives the
    // standing with the rotation for the DF-26 (ballistic) and not for the Dark Eagle (glide).
    let map_before = browser.eval("document.getElementById('map').src");
    let before = browser.eval("performance.now()").as_f64().unwrap();
    browser.click_element("#earth");
    browser.wait_for(
        &format!("state.model.earth === 'rotating' && document.querySelector('#reach .earth') && {idle}"),
        "the rotation",
    );
    let rotation_ms = browser.eval("state.drawnAt").as_f64().unwrap() - before;
    assert_ne!(browser.eval("document.getElementById('map').src"), map_before, "the map was redrawn");
    let scenario = browser.eval("state.scenario").as_str().unwrap().to_string();
    assert!(scenario.contains("earth = \"rotating\""), "{scenario}");
    assert_eq!(Scenario::parse_sent(&scenario, "sanya.toml").unwrap().earth, Earth::Rotating);
    let rotating = row(&mut browser, "Guam", "verdict.rotating");
    // The high figure's range in Guam's direction, about due east: 4,230–4,330 km (see above).
    let this_way: f64 = rotating
        .strip_prefix("3,000 km: out · 4,000 km: in (reaches ")
        .and_then(|rest| rest.strip_suffix(" km this way)"))
        .map(|n| n.replace(',', "").parse().unwrap())
        .unwrap_or_else(|| panic!("{rotating}"));
    assert!((4_230.0..4_330.0).contains(&this_way), "{rotating}");
    let rotating_rows = browser
        .eval("[...document.querySelectorAll('#reach article')].map((a) => a.querySelectorAll('td.rotating').length)");
    assert_eq!(rotating_rows, json!([4, 0]), "the DF-26's two targets, the glide vehicle's none");
    let note = browser.eval("document.querySelector('#reach .earth').textContent").as_str().unwrap().to_string();
    assert!(note.contains("Dark Eagle") && note.contains("glide"), "{note}");

    let height = browser.eval("document.documentElement.scrollHeight").as_f64().unwrap();
    let shot = browser.call(
        "Page.captureScreenshot",
        json!({ "format": "png", "captureBeyondViewport": true,
                "clip": { "x": 0, "y": 0, "width": 1500, "height": height, "scale": 1 } }),
    );
    let png = base64_decode(shot["data"].as_str().unwrap());
    std::fs::write(PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("serve-targets.png"), &png).unwrap();
    if common::golden::bless() {
        std::fs::write(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/serve-targets.png"), &png).unwrap();
    }

    // The link reopens the targets and the rotation.
    let url = browser.eval("location.href").as_str().unwrap().to_string();
    browser.open(&url);
    browser.wait_for(&format!("document.body.dataset.ready === 'true' && {idle}"), "the shared link");
    assert_eq!(browser.eval("state.scenario").as_str(), Some(scenario.as_str()));
    assert_eq!(browser.eval("document.getElementById('earth').checked"), json!(true));
    assert_eq!(browser.eval("document.querySelectorAll('#targets > li').length"), json!(2));
    eprintln!(
        "search to target drawn (map and reach panel) {target_ms:.0} ms; rotation switch to the map drawn {rotation_ms:.0} ms"
    );
}

/// Guam's marker dragged 90 px west and 50 px north with real mouse events: Guam keeps its name
/// (it was not named after its nearest place); its row, the downloaded scenario and the address
/// hold the spot where it was dropped, to one pixel of the preview in degrees, and the map draws
/// its marker there again; the reach panel gives GeographicLib's distance from Sanya to it and
/// its standing under both of the DF-26's figures; Undo puts it back. The target tool's
/// target, named after its nearest place, takes its new nearest place's name when dragged.
fn drag_a_target(browser: &mut Browser, downloads: &Path) {
    let idle = common::browser::IDLE;
    let position = "document.querySelector('#targets > li input[aria-label^=\"Target position\"]').value";
    let guam_handle = "(() => { const r = document.querySelector('#handles .handle.target[data-index=\"0\"]')\
                       .getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; })()";
    let centre = |b: &mut Browser| {
        let c = b.eval(guam_handle);
        (c[0].as_f64().unwrap(), c[1].as_f64().unwrap())
    };
    let at_before = browser.eval(position);
    let address_before = browser.eval("location.hash");
    let (x0, y0) = centre(browser);
    let (x0, y0) = (x0.round(), y0.round());
    let (x1, y1) = (x0 - 90.0, y0 - 50.0);
    // The position under a screen point, as the page reads it from the server's projection.
    let under = |b: &mut Browser, x: f64, y: f64| {
        let p = b.eval(&format!("(async () => await locate(pagePoint({{ clientX: {x}, clientY: {y} }})))()"));
        (p["lat"].as_f64().unwrap(), p["lon"].as_f64().unwrap())
    };
    let (lat, lon) = under(browser, x1, y1);
    // One screen pixel of the preview, in degrees, at the drop: half a pixel of the pointer's
    // rounding each way, and the position's printed 4 decimals.
    let (east, south) = (under(browser, x1 + 1.0, y1), under(browser, x1, y1 + 1.0));
    let pixel_lat = (east.0 - lat).abs() + (south.0 - lat).abs();
    let pixel_lon = (east.1 - lon).abs() + (south.1 - lon).abs();
    assert!(pixel_lat > 0.0 && pixel_lat < 0.1 && pixel_lon > 0.0 && pixel_lon < 0.1, "{pixel_lat}, {pixel_lon}");
    let (tolerance_lat, tolerance_lon) = (pixel_lat + 5e-5, pixel_lon + 5e-5);

    browser.drag((x0, y0), (x1, y1), 12);
    browser.wait_for(&format!("{position} !== {at_before} && {idle}"), "the dragged target");
    assert_eq!(browser.eval("state.model.targets.map((t) => t.name)")[0], json!("Guam"), "Guam keeps its name");
    assert_eq!(browser.eval("state.model.targets.length"), json!(2), "a drag adds no target");
    assert_eq!(browser.eval("state.model.sites.length"), json!(1), "a drag adds no site");
    let at = browser.eval(position);
    let (row_lat, row_lon) = common::browser::lat_lon(&at);
    assert!(
        (row_lat - lat).abs() <= tolerance_lat && (row_lon - lon).abs() <= tolerance_lon,
        "dropped at {lat}, {lon} (± {tolerance_lat}, {tolerance_lon}); the row says {at}"
    );
    // The map draws Guam's marker where it was dropped: the server's projection forward, to a
    // pixel and a half of the pointer.
    let (x, y) = centre(browser);
    assert!((x - x1).abs() < 1.5 && (y - y1).abs() < 1.5, "the marker is at {x}, {y}; dropped at {x1}, {y1}");

    // The downloaded scenario's target moved the same; the address holds it.
    browser.click_element("#dl-toml");
    let file = String::from_utf8(common::browser::downloaded(downloads, "sanya.toml")).unwrap();
    std::fs::remove_file(downloads.join("sanya.toml")).unwrap();
    let parsed = Scenario::parse_sent(&file, "sanya.toml").expect("a valid scenario");
    let guam = &parsed.targets[0];
    assert_eq!((guam.name.as_str(), guam.lat, guam.lon), ("Guam", row_lat, row_lon), "{file}");
    browser.wait_for(
        "(async () => (await fromAddress()).scenario === state.scenario)()",
        "the address holding the moved target",
    );
    assert_ne!(browser.eval("location.hash"), address_before);

    // The reach panel: GeographicLib's distance from Sanya to the new position, to the km
    // printed, and in or out under each of the DF-26's figures.
    let sanya = geo::Point::new(109.5, 18.25);
    let km = reachmap::geodesy::distance_m(sanya, geo::Point::new(guam.lon, guam.lat)) / 1000.0;
    let cell = |b: &mut Browser, cell: &str| {
        b.eval(&format!("document.querySelector('#reach article tr[data-target=\"Guam\"] td.{cell}').textContent"))
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(cell(browser, "distance"), format!("{} km", group(km.round())));
    let word = |inside: bool| if inside { "in" } else { "out" };
    assert_eq!(
        cell(browser, "verdict"),
        format!("3,000 km: {} · 4,000 km: {}", word(km < 3_000.0), word(km < 4_000.0))
    );
    eprintln!("Guam dragged to {at}: {km:.3} km from Sanya");

    // Undo puts it back, marker and all.
    browser.click_element("#undo");
    browser.wait_for(&format!("{position} === {at_before} && {idle}"), "the drag undone");
    assert_eq!(cell(browser, "distance"), format!("{} km", group(GUAM_KM.round())));
    let (x, y) = centre(browser);
    assert!((x - x0).abs() < 1.5 && (y - y0).abs() < 1.5, "the marker is back at {x}, {y}, not {x0}, {y0}");

    // The target tool's target, named after its nearest place, takes its new nearest place's
    // name when dragged far (as a site the page named does); Undo restores both.
    let before = browser.eval("state.model.targets[1]");
    let c = browser.eval(&guam_handle.replace("data-index=\"0\"", "data-index=\"1\""));
    let (x0, y0) = (c[0].as_f64().unwrap().round(), c[1].as_f64().unwrap().round());
    let (x1, y1) = (x0 - 250.0, y0 + 40.0);
    let near = browser
        .eval(&format!("(async () => (await locate(pagePoint({{ clientX: {x1}, clientY: {y1} }}), true)).near)()"));
    browser.drag((x0, y0), (x1, y1), 12);
    browser.wait_for(&format!("state.model.targets[1].at !== {} && {idle}", before["at"]), "the second target dragged");
    let renamed = browser.eval("state.model.targets[1].name");
    assert_eq!(renamed.as_str(), Some(format!("near {}", near.as_str().unwrap()).as_str()), "was {before}");
    assert_ne!(renamed, before["name"], "250 px away, another place is nearest");
    browser.click_element("#undo");
    browser
        .wait_for(&format!("state.model.targets[1].name === {} && {idle}", before["name"]), "the second drag undone");
    assert_eq!(browser.eval("state.model.targets[1]"), before);
}

/// 3812 → "3,812".
fn group(value: f64) -> String {
    reachmap::format::group_digits(value as u64)
}

/// The GeoJSON download follows the switch: with `[map] earth = "rotating"` it is `reachmap
/// rings --earth rotating`'s, byte for byte, and differs from the quoted circles'.
#[test]
fn geojson_follows_the_earth_switch() {
    let rotating =
        "[map]\nearth = \"rotating\"\n[[sites]]\nname = \"Sanya\"\nat = \"18.25, 109.5\"\nsystems = [\"df-26\"]\n";
    let answer = post(server(), "/api/geojson", rotating.as_bytes());
    assert_eq!(answer.status, 200, "{}", answer.text());
    let rings = |earth: &str| {
        stdout(&reachmap(&["rings", "--site", "Sanya=18.25,109.5", "--system", "df-26", "--earth", earth]))
    };
    assert!(answer.text() == rings("rotating"), "differs from `reachmap rings --earth rotating`");
    let quoted = post(server(), "/api/geojson", rotating.replace("earth = \"rotating\"\n", "").as_bytes());
    assert!(quoted.text() == rings("non-rotating") && quoted.text() != answer.text());
}
