//! The figure for the web (`render -o F.html`): one self-contained file holding the SVG the
//! command line writes, at most 1.5 times its size, that requests nothing when opened; details
//! for sites, places and rings on hover, tap and keyboard focus; a generated text alternative
//! as its caption, which `render --alt-text` prints. Opened in Chromium with every network
//! request blocked, the map shows, scales to its container, and hovering Berlin gives its
//! distance from Kaliningrad.

use crate::common;

use std::path::Path;

use common::browser::Browser;
use common::cli::{reachmap, stdout};
use serde_json::json;

/// Renders the Europe example as HTML and SVG (and prints the text alternative) in `dir`.
fn render_example(dir: &Path) -> (String, String, String) {
    let scenario = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/inf-europe.toml");
    let (html, svg) = (dir.join("map.html"), dir.join("map.svg"));
    let paths = [scenario.to_str().unwrap(), html.to_str().unwrap(), svg.to_str().unwrap()];
    let printed = stdout(&reachmap(&["render", paths[0], "-o", paths[1], "-o", paths[2], "--alt-text"]));
    (std::fs::read_to_string(html).unwrap(), std::fs::read_to_string(svg).unwrap(), printed)
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&")
}

#[test]
fn the_html_figure_holds_the_svg_and_nothing_from_outside() {
    let dir = tempfile::tempdir().unwrap();
    let (html, svg, printed) = render_example(dir.path());
    assert!(html.starts_with("<!DOCTYPE html>"));
    // The SVG's content, byte for byte, inside the page.
    let (_, svg_body) = svg.split_once('>').unwrap();
    let svg_body = svg_body.trim_end().strip_suffix("</svg>").unwrap();
    assert!(html.contains(svg_body), "the page holds the SVG's content as render writes it");
    assert!(
        html.len() as f64 <= 1.5 * svg.len() as f64,
        "{} bytes of HTML for {} of SVG: over 1.5 times",
        html.len(),
        svg.len()
    );
    // Within 1.5 times the SVG for the other worked examples too (East Asia across 180°, one
    // site in its azimuthal frame, the Pershing II's flight times).
    for example in ["east-asia.toml", "kaliningrad-site.toml", "pershing-1983.toml"] {
        let scenario = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples").join(example);
        let (h, v) = (dir.path().join("x.html"), dir.path().join("x.svg"));
        stdout(&reachmap(&[
            "render",
            scenario.to_str().unwrap(),
            "-o",
            h.to_str().unwrap(),
            "-o",
            v.to_str().unwrap(),
        ]));
        let (h, v) = (std::fs::metadata(&h).unwrap().len(), std::fs::metadata(&v).unwrap().len());
        assert!(h as f64 <= 1.5 * v as f64, "{example}: {h} bytes of HTML for {v} of SVG");
    }
    // Nothing that would fetch: every reference is to the page itself or inline data.
    for needle in ["<link", "@import", "src=", "http-equiv"] {
        assert!(!html.contains(needle), "{needle} in the page");
    }
    for (opener, closer) in [("href=\"", '"'), ("url(", ')')] {
        for piece in html.split(opener).skip(1) {
            let target = piece.split(closer).next().unwrap();
            assert!(target.starts_with('#') || target.starts_with("data:"), "{opener}{target}");
        }
    }
    // The caption is the text alternative `--alt-text` prints; it names sites and systems.
    let caption =
        html.split("<figcaption id=\"reachmap-caption\">").nth(1).unwrap().split("</figcaption>").next().unwrap();
    assert_eq!(unescape(caption), printed.trim_end());
    for name in
        ["Kaliningrad", "Redzikowo (PL)", "Grafenwöhr (DE)", "Deveselu (RO)", "9M729", "Iskander-M", "Dark Eagle"]
    {
        assert!(caption.contains(name), "{name} not in the caption: {caption}");
    }
    assert!(html.contains("aria-labelledby=\"reachmap-caption\""));
    // A hotspot per site, each focusable, and Berlin's distance and bearing from Kaliningrad:
    // GeographicLib's Inverse from (54.71, 20.51) to the gazetteer's Berlin (52.5244, 13.4105)
    // gives 528.716 km at 245.52°.
    let tips: Vec<String> =
        html.split("aria-label=\"").skip(1).map(|t| unescape(t.split('"').next().unwrap())).collect();
    for site in ["Kaliningrad", "Redzikowo (PL)", "Grafenwöhr (DE)", "Deveselu (RO)"] {
        assert!(tips.iter().any(|t| t.starts_with(&format!("{site} (site)"))), "{site} has no details");
    }
    let berlin = tips.iter().find(|t| t.starts_with("Berlin, Germany")).expect("Berlin's details");
    assert!(berlin.contains("From Kaliningrad: 529 km, bearing 246°"), "{berlin}");
    assert!(berlin.contains("9M729 (SSC-8 Screwdriver): in range only if the high figure holds"), "{berlin}");
    assert!(berlin.contains("Iskander-M (SS-26 Stone): out of range"), "{berlin}");
    // Rings: the system, the figure, its basis and source.
    let ring =
        tips.iter().find(|t| t.starts_with("9M729") && t.contains("around Kaliningrad")).expect("the 9M729 ring");
    assert!(ring.contains("(claim)") && ring.contains("Russian Ministry of Defence"), "{ring}");
    assert_eq!(html.matches("tabindex=\"0\"").count(), tips.len(), "every hotspot takes keyboard focus");
    // `--alt-text` alone writes nothing and prints the same text.
    let scenario = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/inf-europe.toml");
    let alone = stdout(&reachmap(&["render", scenario.to_str().unwrap(), "--alt-text"]));
    assert_eq!(alone, printed);
}

#[test]
fn the_html_figure_works_offline_in_a_browser() {
    let Some(executable) = common::browser::chromium_for_test() else { return };
    let dir = tempfile::tempdir().unwrap();
    render_example(dir.path());
    let url = format!("file://{}", dir.path().join("map.html").display());
    let mut browser = Browser::launch(&executable);
    browser.open("about:blank");
    browser.call("Network.enable", json!({}));
    browser
        .call("Network.setBlockedURLs", json!({ "urls": ["http://*", "https://*", "ws://*", "wss://*", "ftp://*"] }));
    browser.viewport(1100, 1000, false);
    browser.call("Page.navigate", json!({ "url": url }));
    browser.wait_for(
        "location.protocol === 'file:' && document.readyState === 'complete' && document.fonts.status === 'loaded'",
        "the figure",
    );
    // Nothing but the file itself and inline data was asked for.
    let requested: Vec<String> = browser
        .events
        .iter()
        .filter(|e| e["method"] == "Network.requestWillBeSent")
        .map(|e| e["params"]["request"]["url"].as_str().unwrap_or_default().to_string())
        .collect();
    assert!(requested.iter().all(|u| *u == url || u.starts_with("data:")), "{requested:?}");
    assert!(!browser.events.iter().any(|e| e["method"] == "Network.loadingFailed"), "a request was blocked");
    // The map shows, as wide as its container, at any width.
    let width = |b: &mut Browser| {
        b.eval("document.querySelector('figure svg').getBoundingClientRect().width").as_f64().unwrap()
    };
    let container = browser.eval("document.querySelector('.reachmap-map').clientWidth").as_f64().unwrap();
    assert!((width(&mut browser) - container).abs() < 1.0 && container > 1000.0);
    browser.viewport(600, 1000, true);
    browser.wait_for("document.querySelector('figure svg').getBoundingClientRect().width < 600", "the narrow figure");
    browser.viewport(1100, 1000, false);
    browser.wait_for("document.querySelector('figure svg').getBoundingClientRect().width > 1000", "the wide figure");
    // Hovering Berlin shows its distance from Kaliningrad (see the test above for the figure).
    let spot = browser.eval(
        "(() => { const e = [...document.querySelectorAll('.spot')].find((s) => s.getAttribute('aria-label').startsWith('Berlin,')); \
         e.scrollIntoView({ block: 'center' }); const r = e.getBoundingClientRect(); \
         return [r.left + r.width / 2, r.top + r.height / 2]; })()",
    );
    browser.mouse("mouseMoved", spot[0].as_f64().unwrap(), spot[1].as_f64().unwrap(), 0);
    browser.wait_for(
        "!document.querySelector('.reachmap-tip').hidden && \
         document.querySelector('.reachmap-tip').textContent.includes('From Kaliningrad: 529 km')",
        "Berlin's details on hover",
    );
    let shot = browser.call("Page.captureScreenshot", json!({ "format": "png" }));
    let path = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("web-figure-hover.png");
    std::fs::write(&path, common::browser::base64_decode(shot["data"].as_str().unwrap())).unwrap();
    // The keyboard reaches the details too: Tab (past the figure itself) to the first hotspot.
    browser.mouse("mouseMoved", 5.0, 5.0, 0);
    for _ in 0..3 {
        if browser.eval("document.activeElement.hasAttribute('aria-label')") == json!(true) {
            break;
        }
        for kind in ["keyDown", "keyUp"] {
            browser.call(
                "Input.dispatchKeyEvent",
                json!({ "type": kind, "key": "Tab", "code": "Tab", "windowsVirtualKeyCode": 9 }),
            );
        }
    }
    browser.wait_for(
        "document.activeElement.hasAttribute('aria-label') && !document.querySelector('.reachmap-tip').hidden",
        "details on keyboard focus",
    );
    let caption = browser.eval("document.querySelector('figcaption').textContent");
    assert!(caption.as_str().unwrap().contains("Kaliningrad") && caption.as_str().unwrap().contains("9M729"));
}

/// Launch areas and targets have details too: a launch area's shape (its name, the ranges
/// measured from it, each site's distance to its nearest point) and a target's marker (its
/// distance and bearing from each site — GeographicLib 2.1's Inverse from Kaliningrad (54.71 N,
/// 20.51 E) to Warsaw (52.2297 N, 21.0122 E): 278.050 km at 172.91° — in or out of each
/// range). Over the rotating Earth a ballistic range's details say so; the caption names the
/// targets.
#[test]
fn launch_areas_and_targets_have_details() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = "title = \"Areas and targets\"\n\
                    [map]\npreset = \"europe\"\n\
                    [[sites]]\nname = \"Kaliningrad\"\nat = \"54.71, 20.51\"\nsystems = [\"iskander-m\", \"9m729\"]\n\
                    [[areas]]\nname = \"Belarus west\"\n\
                    polygon = [\"53.0N 24.0E\", \"54.5N 25.5E\", \"52.0N 27.0E\"]\nsystems = [\"iskander-m\"]\n\
                    [[targets]]\nname = \"Warsaw\"\nat = \"52.2297, 21.0122\"\ngroup = \"capitals\"\n";
    let tips = |scenario: &str| -> (Vec<String>, String) {
        let path = dir.path().join("s.toml");
        std::fs::write(&path, scenario).unwrap();
        let html = dir.path().join("s.html");
        stdout(&reachmap(&["render", path.to_str().unwrap(), "-o", html.to_str().unwrap()]));
        let html = std::fs::read_to_string(html).unwrap();
        let tips = html.split("aria-label=\"").skip(1).map(|t| unescape(t.split('"').next().unwrap())).collect();
        let caption = html.split("<figcaption id=\"reachmap-caption\">").nth(1).unwrap();
        (tips, unescape(caption.split("</figcaption>").next().unwrap()))
    };
    let (found, caption) = tips(scenario);
    let area = found.iter().find(|t| t.starts_with("Belarus west (launch area)")).expect("the area's details");
    assert!(area.contains("Ranges measured from its nearest point: Iskander-M"), "{area}");
    assert!(area.contains("From Kaliningrad: "), "{area}");
    let warsaw = found.iter().find(|t| t.starts_with("Warsaw (target, capitals)")).expect("the target's details");
    assert!(warsaw.contains("From Kaliningrad: 278 km, bearing 173°"), "{warsaw}");
    assert!(warsaw.contains("Iskander-M (SS-26 Stone): in range"), "{warsaw}");
    assert!(warsaw.contains("From Belarus west: "), "{warsaw}");
    assert!(caption.contains("Target Warsaw: 278 km from Kaliningrad"), "{caption}");

    // Over the rotating Earth: the ballistic Iskander-M with the rotation, the 9M729 (a cruise
    // missile) as quoted.
    // Launch areas are refused over the rotating Earth (their region is not computed), so the
    // area is left out here.
    let area = "[[areas]]\nname = \"Belarus west\"\n\
                polygon = [\"53.0N 24.0E\", \"54.5N 25.5E\", \"52.0N 27.0E\"]\nsystems = [\"iskander-m\"]\n";
    assert!(scenario.contains(area));
    let rotating =
        scenario.replace(area, "").replace("preset = \"europe\"\n", "preset = \"europe\"\nearth = \"rotating\"\n");
    let (found, _) = tips(&rotating);
    let warsaw = found.iter().find(|t| t.starts_with("Warsaw (target")).unwrap();
    assert!(warsaw.contains("Iskander-M (SS-26 Stone): in range with the Earth's rotation ("), "{warsaw}");
    assert!(warsaw.contains("9M729 (SSC-8 Screwdriver): in range under every figure"), "{warsaw}");
    let ring = found
        .iter()
        .find(|t| t.starts_with("Iskander-M") && t.contains("around Kaliningrad"))
        .expect("the Iskander-M's ring");
    assert!(ring.contains(reachmap::rotation::KEY_ROW), "{ring}");
}
