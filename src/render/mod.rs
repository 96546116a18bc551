//! Backends: SVG written directly from the scene; PNG and PDF rendered from that SVG (resvg,
//! svg2pdf) with the embedded font, so all three look the same. Backends never compute
//! geometry.

mod png;
mod svg;

pub use png::{fonts, render_pdf, render_png, svg_tree};
pub use svg::render_svg;

use crate::error::Result;
use crate::scene::Scene;

/// The scene in each of `formats`, in that order: the SVG is written once, parsed once if a
/// PNG or PDF is wanted, and the PNG and PDF are made in parallel.
pub fn render(scene: &Scene, formats: &[Format]) -> Result<Vec<Vec<u8>>> {
    use rayon::prelude::*;
    let svg = render_svg(scene);
    let tree = if formats.iter().any(|f| *f != Format::Svg) { Some(svg_tree(&svg)?) } else { None };
    formats
        .par_iter()
        .map(|format| match (format, &tree) {
            (Format::Png, Some(tree)) => render_png(scene, tree),
            (Format::Pdf, Some(tree)) => render_pdf(scene, tree),
            _ => Ok(svg.clone().into_bytes()),
        })
        .collect()
}

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
    /// The extensions, as listed in messages.
    pub const EXTENSIONS: &'static str = ".svg, .png, .pdf";

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
