//! The worked examples against committed references, at 600 px and 96 dpi: the SVG text of
//! everything drawn over the base map (ranges, sites, places, labels, legend, scale bar, title)
//! compared exactly, and the whole PNG compared pixel by pixel. Regenerate with
//! `REACHMAP_BLESS=1 cargo test --test examples_golden` and look at the PNGs before committing.

use std::path::Path;

use crate::common;

use common::golden::{assert_png_matches, assert_text_matches};
use reachmap::map::{Overrides, compose, scenario_map_spec};
use reachmap::render::{render_pdf, render_png, render_svg, svg_tree};
use reachmap::scenario::Scenario;
use reachmap::scene::Scene;

const EXAMPLES: [&str; 3] = ["inf-europe", "east-asia", "kaliningrad-site"];

/// Layers drawn from Natural Earth: large, and checked by the maps and PNG tests instead.
const BASE_LAYERS: [&str; 7] = ["page", "ocean", "land", "lakes", "graticule", "borders", "coastline"];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn scene(example: &str) -> Scene {
    let path = root().join("examples").join(format!("{example}.toml"));
    let overrides = Overrides {
        width_px: Some((600.0, "width".into())),
        width_mm: None,
        dpi: Some((96.0, "dpi".into())),
        ..Overrides::default()
    };
    // The file's path as the command line would show it, so the metadata does not depend on
    // where the repository is checked out.
    let mut scenario = Scenario::from_file(&path).unwrap();
    scenario.origin = format!("examples/{example}.toml");
    compose(&scenario_map_spec(scenario, None, overrides).unwrap()).unwrap()
}

#[test]
fn overlay_svg_matches_the_reference_text() {
    for example in EXAMPLES {
        let mut scene = scene(example);
        scene.layers.retain(|l| !BASE_LAYERS.contains(&l.id));
        assert_text_matches(&format!("{example}.overlay.svg"), &without_fonts(&render_svg(&scene)));
    }
}

/// The SVG without its embedded fonts (tens of kB of base64 per example): the font block is
/// compared exactly in `render_golden.rs`'s small scene and drawn in `svg_fonts.rs`.
fn without_fonts(svg: &str) -> String {
    match (svg.find("<defs><style>"), svg.find("</style></defs>\n")) {
        (Some(start), Some(end)) => format!("{}{}", &svg[..start], &svg[end + "</style></defs>\n".len()..]),
        _ => svg.to_string(),
    }
}

#[test]
fn png_matches_the_reference_pixels() {
    for example in EXAMPLES {
        let scene = scene(example);
        let bytes = render_png(&scene, &svg_tree(&render_svg(&scene)).unwrap()).unwrap();
        assert_png_matches(&format!("{example}.png"), &bytes);
    }
}

#[test]
fn the_same_scenario_gives_the_same_svg_and_pdf_bytes() {
    let example = "inf-europe";
    let (a, b) = (scene(example), scene(example));
    let (svg_a, svg_b) = (render_svg(&a), render_svg(&b));
    assert!(svg_a == svg_b, "SVG differs between runs");
    let pdf_a = render_pdf(&a, &svg_tree(&svg_a).unwrap()).unwrap();
    let pdf_b = render_pdf(&b, &svg_tree(&svg_b).unwrap()).unwrap();
    assert!(pdf_a == pdf_b, "PDF differs between runs");
    // The scenario and the version are in both files' metadata: the scenario's file name only,
    // never the folders it was read from (a published figure would carry them).
    let version = env!("CARGO_PKG_VERSION");
    let described = format!("Made with reachmap {version} from inf-europe.toml");
    for text in [svg_a.clone(), String::from_utf8_lossy(&pdf_a).into_owned()] {
        assert!(!text.contains("examples/") && !text.contains(env!("CARGO_MANIFEST_DIR")), "a folder in the metadata");
    }
    assert!(svg_a.contains(&format!("<desc>{described}</desc>")));
    assert!(String::from_utf8_lossy(&pdf_a).contains(&format!("/Subject ({described})")));
    assert!(String::from_utf8_lossy(&pdf_a).contains(&format!("/Creator (reachmap {version})")));
}
