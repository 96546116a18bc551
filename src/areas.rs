//! Launch areas as users give them: a GeoJSON file (Polygon, MultiPolygon, LineString or
//! MultiLineString, as a geometry, a Feature or a FeatureCollection), a list of positions, or a
//! country of the embedded Natural Earth data by name. Read and checked here; buffered by
//! [`crate::buffer`].

use geo::{Coord, LineString, MultiLineString, MultiPolygon, Polygon};

use crate::basemap::{self, Detail, Layer};
use crate::error::{Error, Result};

/// Largest launch-area file read, bytes.
pub const MAX_AREA_FILE_BYTES: u64 = 16 << 20;

/// An area's outline as given, before it is checked for use.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// Polygons (holes allowed).
    Polygons(MultiPolygon),
    /// Lines, such as roads.
    Lines(MultiLineString),
}

/// The area in a GeoJSON file: every Polygon and MultiPolygon in it, or every LineString and
/// MultiLineString (not both kinds). `field` names the input in errors.
pub fn from_geojson_file(path: &std::path::Path, field: &str) -> Result<Shape> {
    let text = crate::input::read_text(path, MAX_AREA_FILE_BYTES, "a launch-area file")?;
    from_geojson(&text, &format!("{field} {}", path.display()))
}

/// The area in GeoJSON text (see [`from_geojson_file`]).
pub fn from_geojson(text: &str, field: &str) -> Result<Shape> {
    let parsed: geojson::GeoJson = text.parse().map_err(|e| Error::invalid(field, "", format!("not GeoJSON: {e}")))?;
    let geometries: Vec<geojson::Geometry> = match parsed {
        geojson::GeoJson::Geometry(g) => vec![g],
        geojson::GeoJson::Feature(f) => f.geometry.into_iter().collect(),
        geojson::GeoJson::FeatureCollection(c) => c.features.into_iter().filter_map(|f| f.geometry).collect(),
    };
    let mut polygons = Vec::new();
    let mut lines = Vec::new();
    for geometry in geometries {
        match geo::Geometry::<f64>::try_from(geometry) {
            Ok(geo::Geometry::Polygon(p)) => polygons.push(p),
            Ok(geo::Geometry::MultiPolygon(m)) => polygons.extend(m.0),
            Ok(geo::Geometry::LineString(l)) => lines.push(l),
            Ok(geo::Geometry::MultiLineString(m)) => lines.extend(m.0),
            Ok(other) => {
                return Err(Error::invalid(
                    field,
                    &format!("{other:?}").chars().take(40).collect::<String>(),
                    "a launch area is a Polygon, MultiPolygon, LineString or MultiLineString",
                ));
            }
            Err(e) => return Err(Error::invalid(field, "", format!("unreadable geometry: {e}"))),
        }
    }
    match (polygons.is_empty(), lines.is_empty()) {
        (false, true) => Ok(Shape::Polygons(MultiPolygon::new(polygons))),
        (true, false) => Ok(Shape::Lines(MultiLineString::new(lines))),
        (true, true) => Err(Error::invalid(field, "", "no polygon or line in the file")),
        (false, false) => Err(Error::invalid(field, "", "give polygons or lines, not both, in one area")),
    }
}

/// A polygon from positions in any accepted form ("54.9N 19.6E"), closed if the last is not the
/// first. `field` names the input in errors.
pub fn from_positions(positions: &[String], field: &str) -> Result<Shape> {
    let mut ring: Vec<Coord> = Vec::with_capacity(positions.len() + 1);
    for (k, text) in positions.iter().enumerate() {
        let p = crate::coords::parse_lat_lon(text, &format!("{field} position {}", k + 1))?;
        ring.push(p.0);
    }
    if ring.first() != ring.last() {
        ring.extend(ring.first().copied());
    }
    Ok(Shape::Polygons(MultiPolygon::new(vec![Polygon::new(LineString::new(ring), Vec::new())])))
}

/// A country's land (Natural Earth 1:50m), by its name as Natural Earth gives it (`Belarus`,
/// `Poland`; case-insensitive). An unknown name is refused with the nearest names.
pub fn country(name: &str, field: &str) -> Result<Shape> {
    let countries = basemap::features(Layer::Countries, Detail::Medium)?;
    let wanted = name.trim().to_lowercase();
    if let Some(found) = countries.iter().find(|c| c.name.as_deref().is_some_and(|n| n.to_lowercase() == wanted)) {
        return Ok(Shape::Polygons(found.geometry.clone()));
    }
    let mut names: Vec<(usize, &str)> = countries
        .iter()
        .filter_map(|c| c.name.as_deref())
        .map(|n| (crate::places::edit_distance_of(&wanted, &n.to_lowercase()), n))
        .collect();
    names.sort();
    let near: Vec<&str> = names.iter().take(3).map(|(_, n)| *n).collect();
    Err(Error::invalid(
        field,
        name,
        format!("not a country of the base map (Natural Earth 1:50m); did you mean {}?", near.join(", ")),
    ))
}
