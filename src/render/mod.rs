//! Backends: SVG written directly from the scene; PNG and PDF rendered from that SVG (resvg,
//! svg2pdf) with the embedded font, so all three look the same. Backends never compute
//! geometry.

mod png;
mod svg;

pub use png::{fonts, render_pdf, render_png, svg_tree};
pub use svg::render_svg;

/// An output format, chosen by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Scalable Vector Graphics.
    Svg,
    /// PNG raster, anti-aliased, with its DPI recorded.
    Png,
    /// PDF, vector, fonts embedded.
    Pdf,
}

impl Format {
    /// The format for a file name's extension (case-insensitive).
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "svg" => Some(Format::Svg),
            "png" => Some(Format::Png),
            "pdf" => Some(Format::Pdf),
            _ => None,
        }
    }
}
