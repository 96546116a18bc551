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
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let per_metre = (scene.dpi / 0.0254).round() as u32;
        encoder.set_pixel_dims(Some(png::PixelDimensions { xppu: per_metre, yppu: per_metre, unit: png::Unit::Meter }));
        let mut writer = encoder.write_header().map_err(|e| Error::Render(format!("PNG: {e}")))?;
        // tiny-skia stores premultiplied RGBA; the page is opaque, so it is plain RGBA too.
        writer.write_image_data(pixmap.data()).map_err(|e| Error::Render(format!("PNG: {e}")))?;
    }
    Ok(bytes)
}

/// Renders the scene's parsed SVG to a one-page PDF, vector, fonts embedded, page size from the
/// scene's pixels and DPI.
pub fn render_pdf(scene: &Scene, tree: &usvg::Tree) -> Result<Vec<u8>> {
    let page = svg2pdf::PageOptions { dpi: scene.dpi as f32 };
    svg2pdf::to_pdf(tree, svg2pdf::ConversionOptions::default(), page).map_err(|e| Error::Render(format!("PDF: {e}")))
}
