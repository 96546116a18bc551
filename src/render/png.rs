//! PNG and PDF from the SVG text, with the embedded DejaVu Sans as the only font.

use std::sync::{Arc, OnceLock};

use crate::error::{Error, Result};
use crate::scene::Scene;

/// The font database with the embedded fonts, built once.
pub fn fonts() -> Arc<usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = usvg::fontdb::Database::new();
            db.load_font_data(crate::text::DEJAVU_SANS.to_vec());
            db.load_font_data(crate::text::DEJAVU_SANS_BOLD.to_vec());
            db.set_sans_serif_family(super::svg::FONT_FAMILY);
            Arc::new(db)
        })
        .clone()
}

/// The scene's SVG parsed once, with the embedded fonts, for [`render_png`] and [`render_pdf`]:
/// drawn at its view box's size in pixels whether its root gives the page's size in pixels or in
/// millimetres.
pub fn svg_tree(svg: &str) -> Result<usvg::Tree> {
    let options = usvg::Options { fontdb: fonts(), ..usvg::Options::default() };
    usvg::Tree::from_str(&super::svg::in_pixels(svg), &options)
        .map_err(|e| Error::Render(format!("reading the map's SVG: {e}")))
}

/// Rows of the page drawn as one task. The page is rasterised and compressed in horizontal
/// strips of this height, in parallel, and the strips' deflate streams are joined into the one
/// zlib stream PNG wants. A fixed height rather than one strip per core, so the bytes never depend
/// on the machine. Where a path crosses a strip's edge tiny-skia clips it there, which moves a
/// few anti-aliased edge pixels by a little: about 70 pixels of the 4.5 million of a 2,400 px
/// Europe map, none visible (the tests bound it against one whole-page drawing).
const STRIP_ROWS: u32 = 512;

/// Renders the scene's parsed SVG to PNG bytes, anti-aliased, with the scene's DPI in a pHYs chunk.
pub fn render_png(scene: &Scene, tree: &usvg::Tree) -> Result<Vec<u8>> {
    use rayon::prelude::*;
    let (width, height) = (scene.width_px, scene.height_px);
    let too_big = || Error::Render(format!("cannot allocate a {width}×{height} image"));
    resvg::tiny_skia::IntSize::from_wh(width, height).ok_or_else(too_big)?;
    let tops: Vec<u32> = (0..height).step_by(STRIP_ROWS as usize).collect();
    let strips = tops
        .par_iter()
        .map(|&top| {
            let rows = STRIP_ROWS.min(height - top);
            let mut pixmap = resvg::tiny_skia::Pixmap::new(width, rows).ok_or_else(too_big)?;
            pixmap.fill(resvg::tiny_skia::Color::WHITE);
            let shift = resvg::tiny_skia::Transform::from_translate(0.0, -(top as f32));
            resvg::render(tree, shift, &mut pixmap.as_mut());
            Strip::compress(&pixmap, top + rows == height)
        })
        .collect::<Result<Vec<Strip>>>()?;
    let mut bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut bytes, width, height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let per_metre = (scene.dpi / 0.0254).round() as u32;
        encoder.set_pixel_dims(Some(png::PixelDimensions { xppu: per_metre, yppu: per_metre, unit: png::Unit::Meter }));
        let mut writer = encoder.write_header().map_err(|e| Error::Render(format!("PNG: {e}")))?;
        writer.write_chunk(png::chunk::IDAT, &Strip::zlib(&strips)).map_err(|e| Error::Render(format!("PNG: {e}")))?;
    }
    Ok(bytes)
}

/// Some rows of the image as PNG scanlines, compressed on their own.
struct Strip {
    /// Raw deflate blocks, ending byte-aligned (a sync flush), the last strip's marked final.
    deflated: Vec<u8>,
    /// The Adler-32 checksum of the scanlines, and how many bytes they are.
    adler: u32,
    len: usize,
}

impl Strip {
    /// The pixmap's rows as unfiltered RGB scanlines, deflated at the fastest level. Unfiltered
    /// because a map is mostly runs of flat colour: deflate at level 1 then makes files 43 %
    /// smaller than the png crate's default (fdeflate, Sub filter) for 8 ms more of CPU on a
    /// 2,400 px map, spread over the strips; level 6 would take six times as long.
    fn compress(pixmap: &resvg::tiny_skia::Pixmap, last: bool) -> Result<Strip> {
        // tiny-skia stores premultiplied RGBA; the page is opaque (white underneath), so the
        // colour channels are the plain colour and alpha is dropped: a quarter less to compress.
        let row_bytes = pixmap.width() as usize * 4;
        let mut scanlines = Vec::with_capacity(pixmap.data().len() / 4 * 3 + pixmap.height() as usize);
        for row in pixmap.data().chunks_exact(row_bytes) {
            scanlines.push(0); // filter type None
            scanlines.extend(row.chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]));
        }
        Ok(Strip { deflated: deflate(&scanlines, last)?, adler: adler32(&scanlines), len: scanlines.len() })
    }

    /// The strips joined as one zlib stream: a header, their deflate blocks, the checksum.
    fn zlib(strips: &[Strip]) -> Vec<u8> {
        // 0x78 0x01: deflate with a 32 KiB window, "fastest" compression (RFC 1950).
        let mut out = vec![0x78, 0x01];
        let mut adler = 1;
        for strip in strips {
            out.extend_from_slice(&strip.deflated);
            adler = adler32_combine(adler, strip.adler, strip.len);
        }
        out.extend_from_slice(&adler.to_be_bytes());
        out
    }
}

/// Raw deflate of `data` at the fastest level, ended by a sync flush (byte-aligned, not final,
/// so another stream can follow) or, for the `last` strip, as the final block.
fn deflate(data: &[u8], last: bool) -> Result<Vec<u8>> {
    use flate2::{Compress, Compression, FlushCompress, Status};
    let mut compress = Compress::new(Compression::fast(), false);
    let flush = if last { FlushCompress::Finish } else { FlushCompress::Sync };
    let mut out = Vec::with_capacity(data.len() / 8 + 1024);
    loop {
        let consumed = compress.total_in() as usize;
        let status = compress
            .compress_vec(&data[consumed..], &mut out, flush)
            .map_err(|e| Error::Render(format!("PNG: compressing: {e}")))?;
        let all_in = compress.total_in() as usize == data.len();
        // Done when the stream ends (Finish) or all is in and output had room left (Sync).
        if status == Status::StreamEnd || (!last && all_in && out.len() < out.capacity()) {
            return Ok(out);
        }
        out.reserve(out.capacity().max(1024));
    }
}

const ADLER_MOD: u32 = 65_521;

/// The Adler-32 checksum (RFC 1950) of `data`.
fn adler32(data: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    // 5,552 bytes is the most that cannot overflow b before the reduction (zlib's NMAX).
    for chunk in data.chunks(5_552) {
        for &byte in chunk {
            a += u32::from(byte);
            b += a;
        }
        a %= ADLER_MOD;
        b %= ADLER_MOD;
    }
    (b << 16) | a
}

/// The Adler-32 of two byte strings joined, from each one's checksum and the second's length
/// (zlib's `adler32_combine`).
fn adler32_combine(first: u32, second: u32, second_len: usize) -> u32 {
    let m = u64::from(ADLER_MOD);
    let rem = second_len as u64 % m;
    let (a1, b1) = (u64::from(first & 0xFFFF), u64::from(first >> 16));
    let (a2, b2) = (u64::from(second & 0xFFFF), u64::from(second >> 16));
    let a = (a1 + a2 + m - 1) % m;
    let b = (rem * a1 + b1 + b2 + m - rem) % m;
    ((b << 16) | a) as u32
}

/// Renders the scene's parsed SVG to a one-page PDF, vector, fonts embedded, page size from the
/// scene's width in millimetres where it has one, else from its pixels and DPI, with the scene's title and description in the document information
/// (Title, Subject) and reachmap as its Creator. The same scene gives the same bytes.
pub fn render_pdf(scene: &Scene, tree: &usvg::Tree) -> Result<Vec<u8>> {
    use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, TextStr};
    let (chunk, map_ref) = svg2pdf::to_chunk(tree, svg2pdf::ConversionOptions::default())
        .map_err(|e| Error::Render(format!("PDF: {e}")))?;
    let mut next = Ref::new(1);
    let [catalog, pages, page, contents, info] = std::array::from_fn(|_| next.bump());
    // The map's objects follow the page's, numbered in the order they are met.
    let mut numbers = std::collections::HashMap::new();
    let chunk = chunk.renumber(|old| *numbers.entry(old).or_insert_with(|| next.bump()));
    let map_ref =
        numbers.get(&map_ref).copied().ok_or_else(|| Error::Render("PDF: the map object is missing".into()))?;

    // A page sized in millimetres is exactly that wide (its pixels are the width rounded at
    // the resolution); otherwise the pixels at the resolution.
    let (w, h) = (f64::from(scene.width_px), f64::from(scene.height_px));
    let (width_pt, height_pt) = match scene.width_mm {
        Some(mm) => (mm / 25.4 * 72.0, mm / 25.4 * 72.0 * h / w),
        None => (w * 72.0 / scene.dpi, h * 72.0 / scene.dpi),
    };
    let (width_pt, height_pt) = (width_pt as f32, height_pt as f32);
    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(pages);
    pdf.pages(pages).kids([page]).count(1);
    let mut page_writer = pdf.page(page);
    page_writer.media_box(Rect::new(0.0, 0.0, width_pt, height_pt));
    page_writer.parent(pages);
    page_writer.contents(contents);
    page_writer.resources().x_objects().pair(Name(b"Map"), map_ref);
    page_writer.finish();
    // svg2pdf's object is one point square: scale it to the page.
    let mut content = Content::new();
    content.transform([width_pt, 0.0, 0.0, height_pt, 0.0, 0.0]);
    content.x_object(Name(b"Map"));
    pdf.stream(contents, &content.finish());
    pdf.extend(&chunk);
    let creator = format!("reachmap {}", env!("CARGO_PKG_VERSION"));
    let mut document = pdf.document_info(info);
    document.title(TextStr(&scene.title)).creator(TextStr(&creator)).producer(TextStr("svg2pdf"));
    if !scene.description.is_empty() {
        document.subject(TextStr(&scene.description));
    }
    document.finish();
    Ok(pdf.finish())
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    /// Incompressible strips (output larger than the first buffer) joined into one stream that
    /// an independent inflater reads back whole, checksum included.
    #[test]
    fn strips_join_into_one_zlib_stream() {
        let noise: Vec<u8> = (0..300_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 19) as u8).collect();
        let parts = [&noise[..1], &noise[1..100_000], &noise[100_000..]];
        let strips: Vec<Strip> = parts
            .iter()
            .enumerate()
            .map(|(i, part)| Strip {
                deflated: deflate(part, i == parts.len() - 1).unwrap(),
                adler: adler32(part),
                len: part.len(),
            })
            .collect();
        let mut inflated = Vec::new();
        flate2::read::ZlibDecoder::new(&Strip::zlib(&strips)[..]).read_to_end(&mut inflated).unwrap();
        assert!(inflated == noise);
    }

    #[test]
    fn adler32_matches_the_rfc_1950_checksum_and_combines() {
        // The checksum of "Wikipedia", as worked in the Adler-32 article and by zlib.
        assert_eq!(adler32(b"Wikipedia"), 0x11E6_0398);
        let data: Vec<u8> = (0..100_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
        for cut in [0, 1, 5_552, 65_521, 99_999, 100_000] {
            let (a, b) = data.split_at(cut);
            assert_eq!(adler32_combine(adler32(a), adler32(b), b.len()), adler32(&data), "cut at {cut}");
        }
    }
}
