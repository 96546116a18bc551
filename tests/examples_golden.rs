//! The worked examples against committed references, at 600 px and 96 dpi: the SVG text of
//! everything drawn over the base map (ranges, sites, places, labels, legend, scale bar, title)
//! compared exactly, and the whole PNG compared pixel by pixel. Regenerate with
//! `REACHMAP_BLESS=1 cargo test --test examples_golden` and look at the PNGs before committing.

use std::path::{Path, PathBuf};

mod common;

use reachmap::map::compose;
use reachmap::render::{render_pdf, render_png, render_svg, svg_tree};
use reachmap::scenario::{Overrides, Scenario};
use reachmap::scene::Scene;

const EXAMPLES: [&str; 3] = ["inf-europe", "east-asia", "kaliningrad-site"];

/// Layers drawn from Natural Earth: large, and checked by the maps and PNG tests instead.
const BASE_LAYERS: [&str; 7] = ["page", "ocean", "land", "lakes", "graticule", "borders", "coastline"];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn golden(name: &str) -> PathBuf {
    root().join("tests/golden").join(name)
}

fn bless() -> bool {
    std::env::var_os("REACHMAP_BLESS").is_some()
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
    compose(&scenario.into_map_spec(overrides).unwrap()).unwrap()
}

/// Width, height and RGB pixels.
fn decode_png(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let (info, rgb, _) = common::decode_rgb(bytes);
    (info.width, info.height, rgb)
}

/// The reference as RGB at the best compression, to keep the repository small.
fn write_reference(path: &Path, width: u32, height: u32, rgb: &[u8]) {
    let file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut encoder = png::Encoder::new(file, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Best);
    encoder.write_header().unwrap().write_image_data(rgb).unwrap();
}

#[test]
fn overlay_svg_matches_the_reference_text() {
    for example in EXAMPLES {
        let mut scene = scene(example);
        scene.layers.retain(|l| !BASE_LAYERS.contains(&l.id));
        let svg = render_svg(&scene);
        let path = golden(&format!("{example}.overlay.svg"));
        if bless() {
            std::fs::write(&path, &svg).unwrap();
        }
        let reference = std::fs::read_to_string(&path).unwrap();
        assert!(svg == reference, "{example}: SVG differs from {} (REACHMAP_BLESS=1 to regenerate)", path.display());
    }
}

#[test]
fn png_matches_the_reference_pixels() {
    for example in EXAMPLES {
        let scene = scene(example);
        let bytes = render_png(&scene, &svg_tree(&render_svg(&scene)).unwrap()).unwrap();
        let path = golden(&format!("{example}.png"));
        let (w, h, pixels) = decode_png(&bytes);
        if bless() {
            write_reference(&path, w, h, &pixels);
        }
        let (rw, rh, reference) = decode_png(&std::fs::read(&path).unwrap());
        assert_eq!((w, h), (rw, rh), "{example}: size changed");
        // Anti-aliasing may shift by a shade between builds; count clearly different pixels.
        let different = pixels
            .chunks(3)
            .zip(reference.chunks(3))
            .filter(|(a, b)| a.iter().zip(b.iter()).any(|(x, y)| x.abs_diff(*y) > 24))
            .count();
        let allowed = (w * h) as usize / 1000;
        assert!(
            different <= allowed,
            "{example}: {different} pixels differ from {} (allowed {allowed})",
            path.display()
        );
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
