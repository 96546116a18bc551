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
            db.load_font_data(include_bytes!("../../assets/fonts/DejaVuSans.ttf").to_vec());
            db.load_font_data(include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf").to_vec());
            db.set_sans_serif_family(super::svg::FONT_FAMILY);
            Arc::new(db)
        })
        .clone()
}

/// The scene's SVG parsed once, with the embedded fonts, for [`render_png`] and [`render_pdf`].
pub fn svg_tree(svg: &str) -> Result<usvg::Tree> {
    let options = usvg::Options { fontdb: fonts(), ..usvg::Options::default() };
    usvg::Tree::from_str(svg, &options).map_err(|e| Error::Render(format!("reading the map's SVG: {e}")))
}

/// Renders the scene's parsed SVG to PNG bytes, anti-aliased, with the scene's DPI in a pHYs chunk.
pub fn render_png(scene: &Scene, tree: &usvg::Tree) -> Result<Vec<u8>> {
    let mut pixmap = resvg::tiny_skia::Pixmap::new(scene.width_px, scene.height_px)
        .ok_or_else(|| Error::Render(format!("cannot allocate a {}×{} image", scene.width_px, scene.height_px)))?;
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(tree, resvg::tiny_skia::Transform::identity(), &mut pixmap.as_mut());
    let mut bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut bytes, scene.width_px, scene.height_px);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let per_metre = (scene.dpi / 0.0254).round() as u32;
        encoder.set_pixel_dims(Some(png::PixelDimensions { xppu: per_metre, yppu: per_metre, unit: png::Unit::Meter }));
        let mut writer = encoder.write_header().map_err(|e| Error::Render(format!("PNG: {e}")))?;
        // tiny-skia stores premultiplied RGBA; the page is opaque (white underneath), so the
        // colour channels are the plain colour and alpha is dropped: a quarter less to compress.
        let rgb: Vec<u8> = pixmap.data().chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]).collect();
        writer.write_image_data(&rgb).map_err(|e| Error::Render(format!("PNG: {e}")))?;
    }
    Ok(bytes)
}

/// Renders the scene's parsed SVG to a one-page PDF, vector, fonts embedded, page size from the
/// scene's pixels and DPI, with the scene's title and description in the document information
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

    let points = |px: u32| (f64::from(px) * 72.0 / scene.dpi) as f32;
    let (width_pt, height_pt) = (points(scene.width_px), points(scene.height_px));
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
