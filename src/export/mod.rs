//! Writers for range geometry in formats other tools read. They take finished lon/lat geometry
//! and never compute geodesy themselves.

pub mod geojson;
/// A figure for the web: the map as inline SVG in one HTML file, with details on hover.
pub mod html;
pub mod kml;
pub mod kmz;
/// Reach reports: tables, Markdown, CSV and JSON.
pub mod report;
/// A sweep's candidates as CSV and GeoJSON.
pub mod sweep;
