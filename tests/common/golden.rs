//! Reference files for the golden tests, under `tests/golden`: compared exactly (text) or pixel
//! by pixel (PNG), and rewritten from the current output when `REACHMAP_BLESS` is set.

use std::path::{Path, PathBuf};

/// The reference file `name`.
pub fn golden(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(name)
}

/// Whether the references are to be regenerated (`REACHMAP_BLESS=1 cargo test`).
pub fn bless() -> bool {
    std::env::var_os("REACHMAP_BLESS").is_some()
}

/// Asserts that `text` is exactly the reference `name` (rewritten first when blessing).
pub fn assert_text_matches(name: &str, text: &str) {
    let path = golden(name);
    if bless() {
        std::fs::write(&path, text).unwrap();
    }
    let reference = std::fs::read_to_string(&path).unwrap();
    // Not assert_eq!: a whole map's SVG in the failure message hides the line that changed.
    if let Some((n, (got, want))) = text.lines().zip(reference.lines()).enumerate().find(|(_, (a, b))| a != b) {
        panic!(
            "{name}: line {} differs from {}:\n got  {got}\n want {want}\n(REACHMAP_BLESS=1 to regenerate)",
            n + 1,
            path.display()
        );
    }
    assert!(text == reference, "{name}: differs from {} in length (REACHMAP_BLESS=1 to regenerate)", path.display());
}

/// Asserts that the PNG `png` has the reference `name`'s size and at most one pixel in a
/// thousand clearly different from it (rewritten first when blessing). Anti-aliased edges and
/// text may shift by a shade between resvg builds, so a pixel counts as different only when a
/// channel is off by more than 24.
pub fn assert_png_matches(name: &str, png: &[u8]) {
    let path = golden(name);
    let (info, pixels, _) = decode_rgb(png);
    if bless() {
        write_reference(&path, info.width, info.height, &pixels);
    }
    let (reference_info, reference, _) = decode_rgb(&std::fs::read(&path).unwrap());
    assert_eq!((info.width, info.height), (reference_info.width, reference_info.height), "{name}: size changed");
    let allowed = pixels.len() / 3 / 1000;
    let different = pixels
        .chunks(3)
        .zip(reference.chunks(3))
        .filter(|(a, b)| a.iter().zip(b.iter()).any(|(x, y)| x.abs_diff(*y) > 24))
        .count();
    assert!(
        different <= allowed,
        "{name}: {different} of {} pixels differ from {} (allowed {allowed}; REACHMAP_BLESS=1 to regenerate)",
        pixels.len() / 3,
        path.display()
    );
}

/// A reference as RGB at the best compression, to keep the repository small.
fn write_reference(path: &Path, width: u32, height: u32, rgb: &[u8]) {
    let file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut encoder = png::Encoder::new(file, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Best);
    encoder.write_header().unwrap().write_image_data(rgb).unwrap();
}

/// A PNG's header and its pixels as RGB (the pages are opaque, so alpha, where stored, is
/// dropped), with its physical resolution if recorded.
pub fn decode_rgb(bytes: &[u8]) -> (png::OutputInfo, Vec<u8>, Option<png::PixelDimensions>) {
    let mut reader = png::Decoder::new(std::io::Cursor::new(bytes)).read_info().unwrap();
    let dims = reader.info().pixel_dims;
    let mut buffer = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buffer).unwrap();
    buffer.truncate(info.buffer_size());
    let rgb = match info.color_type {
        png::ColorType::Rgba => buffer.chunks(4).flat_map(|p| [p[0], p[1], p[2]]).collect(),
        png::ColorType::Rgb => buffer,
        other => panic!("unexpected PNG colour type {other:?}"),
    };
    (info, rgb, dims)
}
