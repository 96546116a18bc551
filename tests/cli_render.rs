//! `reachmap render` end to end: the three outputs from one scene, and how it refuses bad
//! frames, sizes and outputs (exit code 2, a message naming the input, no file written).

use crate::common;

use common::cli::{assert_success, reachmap};

const SITE: [&str; 4] = ["--site", "Kaliningrad=54.71,20.51", "--range-km", "500,5500"];

#[test]
fn writes_svg_png_and_pdf_from_one_scene() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    let (svg, png, pdf) = (path("map.svg"), path("map.png"), path("map.pdf"));
    let mut args = vec!["render", "--preset", "europe", "--band", "500:1000", "--width-mm", "80", "--dpi", "150"];
    args.extend_from_slice(&SITE);
    args.extend_from_slice(&["-o", &svg, "-o", &png, "-o", &pdf]);
    assert_success(&reachmap(&args));
    let svg_text = std::fs::read_to_string(&svg).unwrap();
    for layer in [
        "ocean",
        "land",
        "lakes",
        "graticule",
        "borders",
        "coastline",
        "bands",
        "rings",
        "sites",
        "labels",
        "legend",
        "frame",
    ] {
        assert!(svg_text.contains(&format!(r#"<g id="{layer}" inkscape:groupmode="layer""#)), "no layer {layer}");
    }
    assert!(svg_text.contains("stroke-dasharray"), "the band's inner limit is not dashed");
    assert!(svg_text.contains(">Kaliningrad</text>"));
    // 80 mm at 150 dpi is 472 px: the SVG is 80 mm wide, its view box 472 px.
    assert!(svg_text.contains(r#"width="80mm""#) && svg_text.contains(r#"viewBox="0 0 472 "#), "{}", &svg_text[..300]);
    let png_bytes = std::fs::read(&png).unwrap();
    let info = png::Decoder::new(std::io::Cursor::new(&png_bytes)).read_info().unwrap().info().clone();
    assert_eq!(info.width, 472);
    let pdf_text = String::from_utf8_lossy(&std::fs::read(&pdf).unwrap()).into_owned();
    assert!(pdf_text.starts_with("%PDF-") && pdf_text.contains("/FontFile2"));
}

/// The SVG is byte-identical from run to run. (svg2pdf 0.13 writes font objects in hash order,
/// so PDF bytes still vary between runs; reproducible PDFs are future work.)
#[test]
fn the_same_input_gives_the_same_svg_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let run = |n: u32| {
        let svg = dir.path().join(format!("{n}.svg")).to_str().unwrap().to_string();
        let mut args = vec!["render", "--preset", "site", "--width-px", "400"];
        args.extend_from_slice(&SITE);
        args.extend_from_slice(&["-o", &svg]);
        assert_success(&reachmap(&args));
        std::fs::read(&svg).unwrap()
    };
    assert!(run(1) == run(2), "two runs gave different SVG");
}

/// Renders the Kaliningrad site with `extra` (into a fresh folder unless `extra` names the
/// output), which must be refused with every one of `needles` in the message.
fn refused(extra: &[&str], needles: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("map.png").to_str().unwrap().to_string();
    let mut args = vec!["render"];
    args.extend_from_slice(&SITE);
    args.extend_from_slice(extra);
    if !extra.contains(&"-o") {
        args.extend_from_slice(&["-o", &target]);
    }
    common::cli::refused(&args, dir.path(), needles);
}

#[test]
fn rejects_an_unknown_preset() {
    refused(&["--preset", "africa"], &["--preset", "africa", "europe, east-asia, world, site"]);
}

#[test]
fn rejects_an_invalid_proj_string() {
    refused(&["--proj", "+proj=nonsense", "--extent", "0,0,1,1"], &["--proj", "+proj=nonsense", "PROJ"]);
    refused(&["--proj", "laea", "--extent", "0,0,1,1"], &["--proj", "+proj="]);
    // One message, reachmap's: PROJ's own log line for the refused string is kept quiet.
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("map.svg");
    let out = common::cli::command()
        .env_remove("PROJ_DEBUG")
        .args(["render", "--site", "A=50,10", "--range-km", "500", "--proj", "+proj=nonsense"])
        .args(["--extent-lonlat", "0,40,20,60", "-o", target.to_str().unwrap()])
        .output()
        .unwrap();
    let message = common::cli::stderr(&out);
    assert_eq!(message.lines().count(), 1, "{message}");
    assert!(message.starts_with("reachmap: error: --proj: "), "{message}");
}

#[test]
fn rejects_empty_or_inverted_extents() {
    let proj = ["--proj", "+proj=laea +lat_0=52 +lon_0=10"];
    for extent in ["0,0,0,100", "100,0,0,100", "0,100,100,0", "0,0,1", "a,b,c,d"] {
        let mut args = proj.to_vec();
        args.extend_from_slice(&["--extent", extent]);
        refused(&args, &["--extent"]);
    }
}

#[test]
fn rejects_absurd_sizes() {
    refused(&["--width-px", "0"], &["--width-px", "1 to 20000"]);
    refused(&["--width-px", "20001"], &["--width-px", "1 to 20000"]);
    refused(&["--width-px", "12.5"], &["--width-px", "whole number"]);
    refused(&["--width-mm", "2500"], &["--width-mm", "10 to 2000 mm"]);
    refused(
        &["--width-mm", "1800", "--dpi", "600"],
        &["--width-mm", "1800 mm at 600 dpi", "at most 20000 px", "20000"],
    );
    refused(&["--dpi", "0"], &["--dpi", "50 to 1200"]);
    refused(&["--width-px", "20000", "--proj", "+proj=eqearth", "--extent", "0,0,1,2"], &["page height", "1 to 20000"]);
}

#[test]
fn rejects_unknown_extensions_missing_directories_and_repeated_outputs() {
    refused(&["-o", "map.jpg"], &["--output", "map.jpg", ".svg, .png, .pdf"]);
    refused(&["-o", "/no/such/dir/map.png"], &["--output", "does not exist"]);
    refused(&["-o", "-"], &["--output", "writes files"]);
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("map.png").to_str().unwrap().to_string();
    let mut args = vec!["render"];
    args.extend_from_slice(&SITE);
    args.extend_from_slice(&["-o", &target, "-o", &target]);
    common::cli::refused(&args, dir.path(), &["given twice"]);
}

#[test]
fn a_proj_string_with_a_lonlat_box_across_the_antimeridian() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("pacific.svg").to_str().unwrap().to_string();
    let mut args = vec!["render", "--proj", "+proj=lcc +lat_1=30 +lat_2=60 +lat_0=45 +lon_0=150"];
    args.extend_from_slice(&["--extent-lonlat", "120,20,-150,70", "--width-px", "600"]);
    args.extend_from_slice(&SITE);
    args.extend_from_slice(&["-o", &svg]);
    assert_success(&reachmap(&args));
    assert!(std::fs::read_to_string(&svg).unwrap().contains(r#"width="600""#));
    refused(
        &["--proj", "+proj=lcc +lat_1=30 +lat_2=60", "--extent-lonlat", "120,70,-150,20"],
        &["--extent-lonlat", "SOUTH below NORTH"],
    );
    refused(&["--proj", "+proj=lcc +lat_1=30 +lat_2=60"], &["--proj", "--extent or --extent-lonlat"]);
}

/// A range whose circles never reach the page says in the key whether the whole map is within
/// it or it lies outside the map, so that an empty map is not read as out of range.
#[test]
fn the_key_says_when_a_range_covers_the_whole_map_or_misses_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("map.svg");
    let svg = |args: &[&str]| {
        let mut all = vec!["render", "--preset", "europe", "--width-px", "900", "-o", out.to_str().unwrap()];
        all.extend_from_slice(args);
        common::cli::stdout(&common::cli::reachmap(&all));
        std::fs::read_to_string(&out).unwrap()
    };
    let whole = svg(&["--site", "Kaliningrad=54.71,20.51", "--range-km", "9000,300"]);
    assert!(whole.contains(">9,000 km (whole map within range)<") && whole.contains(">300 km<"));
    let outside = svg(&["--site", "Guam=13.44,144.79", "--range-km", "500"]);
    assert!(outside.contains(">500 km (outside the map)<"));
}
