//! The local page in a real browser: headless Chromium (Debian's `chromium`) driven over the
//! DevTools protocol loads the page, adds a site by clicking on the map, sees the map and the
//! reach summary change, drags the site, and downloads the scenario, the SVG and the KML;
//! rendering the downloaded scenario with `reachmap render` gives the downloaded files' bytes.
//! The screenshot it takes is the README's picture of the page (`REACHMAP_BLESS=1` writes
//! docs/serve.png).
//!
//! Without a browser the test fails under CI (`CI=true`) and is skipped, saying so, elsewhere.

use crate::common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use common::browser::{Browser, base64_decode, downloaded};
use serde_json::json;

#[test]
fn explore_on_the_page_and_take_the_figure_home() {
    let Some(executable) = common::browser::chromium_for_test() else { return };
    let address = common::http::start_app(reachmap::serve::EMPTY_SCENARIO, "scenario.toml");
    let downloads = tempfile::tempdir().unwrap();
    let mut browser = Browser::launch(&executable);
    browser.call(
        "Browser.setDownloadBehavior",
        json!({ "behavior": "allow", "downloadPath": downloads.path().display().to_string() }),
    );
    browser.open_page(address);
    let empty_map = browser.eval("document.getElementById('map').src");
    let empty_reach = browser.eval("document.getElementById('reach').textContent");

    // Click on the map, a little north-east of its centre (in Poland on the Europe frame).
    let spot = browser.eval(
        "(() => { const r = document.getElementById('map').getBoundingClientRect(); \
         return [r.left + r.width * 0.56, r.top + r.height * 0.42]; })()",
    );
    browser.click(spot[0].as_f64().unwrap(), spot[1].as_f64().unwrap());
    browser.wait_for(
        "document.querySelectorAll('#sites > li').length === 1 && document.querySelectorAll('#reach article').length > 0 \
         && document.querySelectorAll('#handles .handle').length === 1 && document.getElementById('map').complete",
        "the new site",
    );
    assert_ne!(browser.eval("document.getElementById('map').src"), empty_map, "the map was redrawn");
    let reach = browser.eval("document.getElementById('reach').textContent");
    assert_ne!(reach, empty_reach, "the reach summary changed");
    // A new site is named after its nearest place.
    let site_name = browser.eval("state.model.sites[0].name").as_str().unwrap().to_string();
    assert!(site_name.starts_with("near "), "{site_name}");
    assert!(reach.as_str().unwrap().contains(&site_name), "{reach}");
    let at_before = browser.eval("document.querySelector('#sites > li input[aria-label^=Position]').value");

    // Drag the site's marker 120 px east and 40 px south.
    let handle = browser.eval(
        "(() => { const r = document.querySelector('#handles .handle').getBoundingClientRect(); \
         return [r.left + r.width / 2, r.top + r.height / 2]; })()",
    );
    let (x, y) = (handle[0].as_f64().unwrap(), handle[1].as_f64().unwrap());
    browser.drag((x, y), (x + 120.0, y + 40.0), 12);
    browser.wait_for(
        &format!(
            "document.querySelector('#sites > li input[aria-label^=Position]').value !== {at_before} \
             && document.getElementById('status').textContent === '' && document.getElementById('map').complete"
        ),
        "the moved site",
    );
    let at_after = browser.eval("document.querySelector('#sites > li input[aria-label^=Position]').value");
    // The name the page gave follows the site to its new nearest place.
    let site_name = browser.eval("state.model.sites[0].name").as_str().unwrap().to_string();
    assert!(site_name.starts_with("near "), "{site_name}");
    let (lat0, lon0) = common::browser::lat_lon(&at_before);
    let (lat1, lon1) = common::browser::lat_lon(&at_after);
    assert!(lon1 > lon0 + 1.0 && lat1 < lat0, "dragged east and south: {at_before} → {at_after}");
    assert_eq!(browser.eval("document.querySelectorAll('#sites > li').length"), json!(1), "a drag adds no site");

    // A title typed in its field reaches the figure.
    browser.click_element("#title");
    browser.call("Input.insertText", json!({ "text": "A site explored on the page" }));
    browser.call(
        "Input.dispatchKeyEvent",
        json!({ "type": "keyDown", "key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13 }),
    );
    browser.click_element("#reach");
    browser.wait_for(
        "document.getElementById('map').dataset.title === 'A site explored on the page' \
         && document.getElementById('status').textContent === '' && document.getElementById('map').complete",
        "the titled map",
    );

    // The README's picture of the page.
    let height = browser.eval("document.documentElement.scrollHeight").as_f64().unwrap();
    let shot = browser.call(
        "Page.captureScreenshot",
        json!({ "format": "png", "captureBeyondViewport": true,
                "clip": { "x": 0, "y": 0, "width": 1500, "height": height, "scale": 1 } }),
    );
    let png = base64_decode(shot["data"].as_str().unwrap());
    let shot_path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("serve-page.png");
    std::fs::write(&shot_path, &png).unwrap();
    if common::golden::bless() {
        std::fs::write(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/serve.png"), &png).unwrap();
    }

    // Take the scenario and the figure home; the command line draws the same bytes.
    // Downloads are named from the title.
    browser.click_element("#dl-toml");
    let scenario = downloaded(downloads.path(), "a-site-explored-on-the-page.toml");
    browser.click_element("#dl-svg");
    let page_svg = downloaded(downloads.path(), "a-site-explored-on-the-page.svg");
    browser.click_element("#dl-kml");
    let page_kml = downloaded(downloads.path(), "a-site-explored-on-the-page.kml");
    let home = tempfile::tempdir().unwrap();
    std::fs::write(home.path().join("scenario.toml"), &scenario).unwrap();
    let out = common::cli::command()
        .current_dir(home.path())
        .args(["render", "scenario.toml", "-o", "map.svg", "-o", "map.kml"])
        .output()
        .unwrap();
    common::cli::assert_success(&out);
    assert!(page_kml == std::fs::read(home.path().join("map.kml")).unwrap(), "the page's KML differs from render's");
    let cli_svg = std::fs::read(home.path().join("map.svg")).unwrap();
    assert!(
        cli_svg == page_svg,
        "the page's SVG ({} bytes) differs from render's ({} bytes)",
        page_svg.len(),
        cli_svg.len()
    );
    let scenario = String::from_utf8_lossy(&scenario);
    assert!(
        scenario.contains(&format!("name = \"{site_name}\""))
            && scenario.contains("title = \"A site explored on the page\""),
        "{scenario}"
    );
    assert!(String::from_utf8_lossy(&page_svg).contains(">A site explored on the page<"));
}

/// The page on a deadline: two edits fired together both land, undo and redo step through
/// them, a search for "Warsaw" adds a site named Warsaw and Ctrl+Z removes it, the wheel zooms
/// and a drag pans (the frame's extent changes and the exact map is drawn for it, and the
/// scenario keeps the extent), and the address reopens all of it in a new tab. The times it
/// takes are printed (`--nocapture`) for the README: they are not asserted.
#[test]
fn zoom_search_undo_and_a_link_to_share() {
    let Some(executable) = common::browser::chromium_for_test() else { return };
    let address = common::http::start_app(reachmap::serve::EMPTY_SCENARIO, "scenario.toml");
    let mut browser = Browser::launch(&executable);
    browser.open_page(address);
    let idle = common::browser::IDLE;
    let load_ms = browser.eval("state.readyAt").as_f64().unwrap();

    // Two edits fired in the same instant: both land, in order.
    browser.eval(
        "(() => { document.getElementById('inf').click(); const theme = document.getElementById('theme'); \
         theme.value = 'dark'; theme.dispatchEvent(new Event('change')); return true; })()",
    );
    browser.wait_for("state.model.inf === true && state.model.theme === 'dark'", "both edits");
    let scenario = browser.eval("state.scenario").as_str().unwrap().to_string();
    assert!(scenario.contains("set = \"inf\"") && scenario.contains("theme = \"dark\""), "{scenario}");
    // Undo takes back the second only; redo (the button) puts it back.
    browser.key("z", 2);
    browser.wait_for("state.model.theme === 'light' && state.model.inf === true", "the theme undone");
    browser.click_element("#redo");
    browser.wait_for("state.model.theme === 'dark' && state.model.inf === true", "the theme redone");

    // Search: "Warsaw" adds a site named Warsaw.
    browser.click_element("#search");
    browser.call("Input.insertText", json!({ "text": "Warsaw" }));
    let before = browser.eval("performance.now()").as_f64().unwrap();
    browser.key("Enter", 0);
    browser.wait_for(
        &format!(
            "state.model.sites.length === 1 && state.model.sites[0].name === 'Warsaw' \
             && document.querySelectorAll('#handles .handle').length === 1 && {idle}"
        ),
        "Warsaw as a site",
    );
    let search_ms = browser.eval("state.drawnAt").as_f64().unwrap() - before;
    let (lat, lon) = common::browser::lat_lon(&browser.eval("state.model.sites[0].at"));
    assert!(
        (lat - 52.23).abs() < 0.02 && (lon - 21.01).abs() < 0.02,
        "Warsaw (GeoNames 52.23 N, 21.01 E): {lat}, {lon}"
    );
    assert!(browser.eval("document.getElementById('reach').textContent").as_str().unwrap().contains("Warsaw"));
    // Ctrl+Z removes it, Ctrl+Shift+Z brings it back.
    browser.key("z", 2);
    browser.wait_for(
        &format!(
            "state.model.sites.length === 0 && document.querySelectorAll('#handles .handle').length === 0 && {idle}"
        ),
        "Warsaw removed",
    );
    browser.key("z", 10);
    browser.wait_for(
        &format!("state.model.sites.length === 1 && state.model.sites[0].name === 'Warsaw' && {idle}"),
        "Warsaw back",
    );

    // The wheel zooms in around the pointer: the extent shrinks and the map is drawn for it.
    let extent = |browser: &mut Browser| -> Vec<f64> {
        browser.eval("state.view.frame.extent").as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect()
    };
    let wide = extent(&mut browser);
    let map_before = browser.eval("document.getElementById('map').src");
    let centre = browser.eval(
        "(() => { const r = document.getElementById('map').getBoundingClientRect(); \
         return [r.left + r.width * 0.5, r.top + r.height * 0.5]; })()",
    );
    let (cx, cy) = (centre[0].as_f64().unwrap(), centre[1].as_f64().unwrap());
    let before = browser.eval("performance.now()").as_f64().unwrap();
    browser.call(
        "Input.dispatchMouseEvent",
        json!({ "type": "mouseWheel", "x": cx, "y": cy, "deltaX": 0, "deltaY": -300 }),
    );
    browser.wait_for(
        &format!(
            "state.model.preset === 'custom' && state.view.frame.extent[2] - state.view.frame.extent[0] < {} && {idle}",
            0.8 * (wide[2] - wide[0])
        ),
        "the zoomed map",
    );
    let zoom_ms = browser.eval("state.drawnAt").as_f64().unwrap() - before;
    let zoomed = extent(&mut browser);
    assert_ne!(browser.eval("document.getElementById('map').src"), map_before, "the map was redrawn");
    let ratio = (zoomed[2] - zoomed[0]) / (wide[2] - wide[0]);
    assert!((ratio - (-0.6f64).exp()).abs() < 0.01, "one wheel step of 300 zooms by e^-0.6: {ratio}");
    let scenario = browser.eval("state.scenario").as_str().unwrap().to_string();
    assert!(
        scenario.contains("proj = \"+proj=laea +lat_0=52 +lon_0=10\"") && scenario.contains("extent = ["),
        "{scenario}"
    );

    // A drag on the background pans: 200 px right shows what lies west.
    let map_before = browser.eval("document.getElementById('map').src");
    let (x, y) = (cx - 300.0, cy + 150.0);
    browser.drag((x, y), (x + 200.0, y), 10);
    browser.wait_for(&format!("state.view.frame.extent[0] < {} && {idle}", zoomed[0] - 1000.0), "the panned map");
    let panned = extent(&mut browser);
    assert_ne!(browser.eval("document.getElementById('map').src"), map_before, "the map was redrawn");
    assert!(((panned[2] - panned[0]) - (zoomed[2] - zoomed[0])).abs() < 2.0, "a pan keeps the scale");
    assert!((panned[1] - zoomed[1]).abs() < 2.0, "a horizontal pan keeps the latitude band");
    assert_eq!(browser.eval("state.model.sites.length"), json!(1), "a pan adds no site");

    // Two fingers spread apart zoom in (a pinch).
    browser.call("Emulation.setTouchEmulationEnabled", json!({ "enabled": true, "maxTouchPoints": 2 }));
    let touches = |spread: f64| json!([{ "x": cx - spread, "y": cy, "id": 0 }, { "x": cx + spread, "y": cy, "id": 1 }]);
    browser.call("Input.dispatchTouchEvent", json!({ "type": "touchStart", "touchPoints": touches(50.0) }));
    for step in 1..=10 {
        browser.call(
            "Input.dispatchTouchEvent",
            json!({ "type": "touchMove", "touchPoints": touches(50.0 + 5.0 * f64::from(step)) }),
        );
        std::thread::sleep(Duration::from_millis(15));
    }
    browser.call("Input.dispatchTouchEvent", json!({ "type": "touchEnd", "touchPoints": [] }));
    browser.wait_for(
        &format!(
            "state.view.frame.extent[2] - state.view.frame.extent[0] < {} && {idle}",
            0.8 * (panned[2] - panned[0])
        ),
        "the pinched map",
    );
    let pinched = extent(&mut browser);
    let ratio = (pinched[2] - pinched[0]) / (panned[2] - panned[0]);
    assert!(ratio > 0.4 && ratio < 0.8, "fingers 100 px apart spread to 200 px zoom in about twofold: {ratio}");
    assert_eq!(browser.eval("state.model.sites.length"), json!(1), "a pinch adds no site");

    // "Fit to sites" frames Warsaw: an equal-area projection centred on it.
    browser.click_element("#fit");
    browser.wait_for(&format!("state.view.frame.proj.includes('+lat_0=52.2') && {idle}"), "the frame fitted to Warsaw");
    // The extent as numbers: a west edge typed in km moves the frame's west edge there.
    let fitted = extent(&mut browser);
    let west_km = (fitted[0] / 1000.0).round() - 300.0;
    browser.eval(&format!(
        "(() => {{ const x0 = document.getElementById('x0'); x0.value = '{west_km}'; \
         x0.dispatchEvent(new Event('change')); return true; }})()"
    ));
    browser.wait_for(&format!("state.view.frame.extent[0] === {} && {idle}", west_km * 1000.0), "the typed extent");
    let typed = extent(&mut browser);
    assert!(browser.eval("state.scenario").as_str().unwrap().contains(&format!("extent = [{}, ", west_km * 1000.0)));

    // The address holds all of it: a new tab opened on it shows the same scenario.
    let scenario = browser.eval("state.scenario");
    let url = browser.eval("location.href").as_str().unwrap().to_string();
    assert!(url.contains("#n=scenario.toml&s="), "{url}");
    browser.open(&url);
    browser.wait_for(&format!("document.body.dataset.ready === 'true' && {idle}"), "the shared link");
    assert_eq!(browser.eval("state.scenario"), scenario);
    assert_eq!(browser.eval("state.model.sites[0].name"), json!("Warsaw"));
    assert_eq!(extent(&mut browser), typed);
    eprintln!(
        "page load {load_ms:.0} ms; search to site drawn {search_ms:.0} ms; wheel to zoomed map drawn {zoom_ms:.0} ms"
    );
}
