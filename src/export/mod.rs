//! Writers for range geometry in formats other tools read. They take finished lon/lat geometry
//! and never compute geodesy themselves.

// GeoJSON features and reach reports need no map: they live in reachmap-core.
pub use reachmap_core::{geojson, report};
/// A figure's outputs (map formats, the web figure, KML) made in one place.
pub mod figure;
/// A figure for the web: the map as inline SVG in one HTML file, with details on hover.
pub mod html;
pub mod kml;
pub mod kmz;
/// A sweep's candidates as CSV and GeoJSON.
pub mod sweep;
