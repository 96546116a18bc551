//! The PNG backend draws and compresses the page in horizontal strips on all cores: the pixels
//! must be those of the page drawn whole, and the stream one valid zlib stream.
use std::io::Read;

use reachmap::frame::{Frame, Preset};
use reachmap::map::{MapSpec, compose};
use reachmap::render::{render_png, render_svg, svg_tree};
use reachmap::scene::Scene;
use reachmap::{Radius, Reach, Site};

/// The 2,400 px Europe map of 4 sites × 500, 2,500 and 5,500 km (the benchmark's).
fn europe() -> Scene {
    let sites = [("Kaliningrad", 54.71, 20.51), ("Deveselu", 44.08, 24.09), ("Grafenwöhr", 49.70, 11.94)]
        .iter()
        .map(|&(n, lat, lon)| Site::new(n, lat, lon).unwrap())
        .collect();
    let reaches =
        [500.0, 2_500.0, 5_500.0].iter().map(|&km| Reach::Within(Radius::from_km(km, "r").unwrap())).collect();
    compose(&MapSpec::plain(Frame::preset(Preset::Europe, 2400, None, 0.0).unwrap(), 300.0, sites, reaches)).unwrap()
}

/// The PNG's pixels (RGB) and its zlib stream inflated by flate2, which checks the Adler-32.
fn decode(bytes: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let mut reader = png::Decoder::new(bytes).read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size()];
    reader.next_frame(&mut pixels).unwrap();
    let mut idat = Vec::new();
    let mut rest = &bytes[8..];
    while rest.len() >= 12 {
        let len = u32::from_be_bytes(rest[..4].try_into().unwrap()) as usize;
        if &rest[4..8] == b"IDAT" {
            idat.extend_from_slice(&rest[8..8 + len]);
        }
        rest = &rest[12 + len..];
    }
    let mut scanlines = Vec::new();
    flate2::read::ZlibDecoder::new(&idat[..]).read_to_end(&mut scanlines).unwrap();
    (pixels, scanlines)
}

#[test]
fn strips_draw_what_one_whole_page_draws() {
    let scene = europe();
    let tree = svg_tree(&render_svg(&scene)).unwrap();
    let (pixels, scanlines) = decode(&render_png(&scene, &tree).unwrap());
    let (w, h) = (scene.width_px as usize, scene.height_px as usize);
    assert_eq!(scanlines.len(), h * (1 + 3 * w), "every row, with its filter byte");

    let mut whole = resvg::tiny_skia::Pixmap::new(scene.width_px, scene.height_px).unwrap();
    whole.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(&tree, resvg::tiny_skia::Transform::identity(), &mut whole.as_mut());
    let expected: Vec<u8> = whole.data().chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]).collect();
    let differ: Vec<u8> = pixels
        .chunks_exact(3)
        .zip(expected.chunks_exact(3))
        .filter(|(a, b)| a != b)
        .map(|(a, b)| a.iter().zip(b).map(|(x, y)| x.abs_diff(*y)).max().unwrap())
        .collect();
    // Only anti-aliased edge pixels where a path crosses a strip's edge may move, by little:
    // 1 in 10,000 pixels, by at most a quarter of full scale (about 70 pixels by at most 23
    // levels when this was written).
    assert!(differ.len() * 10_000 <= w * h, "{} of {} pixels differ", differ.len(), w * h);
    assert!(differ.iter().all(|&d| d <= 64), "largest difference {:?}", differ.iter().max());
}
