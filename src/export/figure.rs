//! A figure's outputs, made in one place for the command line (`render`, `compare`, `sweep`),
//! scenarios and the local page: the scene composed once for every map format asked for, the
//! figure for the web around the same SVG, the KML or KMZ of its ranges.

use std::path::Path;

use super::html::figure_from_svg;
use super::kml::{KmlFormat, KmlRanges};
use crate::error::Result;
use crate::map::MapSpec;
use crate::render::{Format, render};
use crate::scene::Scene;
use crate::units::Tolerance;

/// One output of a figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureFormat {
    /// The map (or comparison figure) as SVG, PNG or PDF.
    Map(Format),
    /// The figure's ranges as KML or KMZ.
    Kml(KmlFormat),
    /// The map for the web: one HTML file holding the SVG, with details on hover.
    Html,
}

impl FigureFormat {
    /// The extensions [`FigureFormat::from_path`] knows, for error messages.
    pub const EXTENSIONS: &'static str = ".svg, .png, .pdf, .kml, .kmz";

    /// The extensions [`FigureFormat::from_path_or_html`] knows, for error messages.
    pub const EXTENSIONS_WITH_HTML: &'static str = ".svg, .png, .pdf, .html, .kml, .kmz";

    /// The format a file's extension names: a map format, or KML/KMZ. A figure without a single
    /// frame (the comparison) has no web figure, so `.html` is not among them.
    pub fn from_path(path: &Path) -> Option<FigureFormat> {
        KmlFormat::from_path(path).map(FigureFormat::Kml).or_else(|| Format::from_path(path).map(FigureFormat::Map))
    }

    /// [`FigureFormat::from_path`], and `.html` (or `.htm`) for the map for the web.
    pub fn from_path_or_html(path: &Path) -> Option<FigureFormat> {
        let html = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "html" | "htm"));
        if html { Some(FigureFormat::Html) } else { FigureFormat::from_path(path) }
    }
}

/// Every output's bytes, in the order of `formats`: the scene composed once (by `compose`) if
/// any map or web figure is asked for, the KML's ranges computed once.
pub fn outputs(
    spec: &MapSpec,
    formats: &[FigureFormat],
    compose: impl FnOnce() -> Result<Scene>,
) -> Result<Vec<Vec<u8>>> {
    // The web figure holds the SVG: it is rendered as one more SVG.
    let drawn: Vec<Format> = formats
        .iter()
        .filter_map(|f| match f {
            FigureFormat::Map(f) => Some(*f),
            FigureFormat::Html => Some(Format::Svg),
            FigureFormat::Kml(_) => None,
        })
        .collect();
    let mut maps = if drawn.is_empty() { Vec::new() } else { render(&compose()?, &drawn)? }.into_iter();
    let mut files = Vec::with_capacity(formats.len());
    for format in formats {
        files.push(match format {
            FigureFormat::Map(_) => maps.next().unwrap_or_default(),
            FigureFormat::Html => {
                let svg = String::from_utf8(maps.next().unwrap_or_default()).unwrap_or_default();
                figure_from_svg(spec, &svg)
            }
            FigureFormat::Kml(kml) => KmlRanges::of_map(spec).bytes(*kml, Tolerance::DEFAULT, 6)?,
        });
    }
    Ok(files)
}
