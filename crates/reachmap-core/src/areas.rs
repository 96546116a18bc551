//! Launch areas as users give them: a GeoJSON file (Polygon, MultiPolygon, LineString or
//! MultiLineString, as a geometry, a Feature or a FeatureCollection), a list of positions, or a
//! country of the embedded Natural Earth data by name. Read and checked here; buffered by
//! [`crate::buffer`].

use geo::{Coord, LineString, MultiLineString, MultiPolygon, Polygon};

use crate::basemap::{self, BaseLayer, Detail};
use crate::buffer::LaunchArea;
use crate::error::{Error, Field, Result};
use crate::range::{Limit, Reach, Zone};
use crate::units::{Radius, Tolerance};

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
pub fn from_geojson_file(path: &std::path::Path, field: impl Into<Field>) -> Result<Shape> {
    let field: &Field = &field.into();
    let text = crate::input::read_text(path, MAX_AREA_FILE_BYTES, "a launch-area file")?;
    from_geojson(&text, format!("{field} {}", path.display()))
}

/// The area in GeoJSON text (see [`from_geojson_file`]).
pub fn from_geojson(text: &str, field: impl Into<Field>) -> Result<Shape> {
    let field: &Field = &field.into();
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
pub fn from_positions(positions: &[String], field: impl Into<Field>) -> Result<Shape> {
    let field: &Field = &field.into();
    let mut ring: Vec<Coord> = Vec::with_capacity(positions.len() + 1);
    for (k, text) in positions.iter().enumerate() {
        let p = crate::coords::parse_lat_lon(text, format!("{field} position {}", k + 1))?;
        ring.push(p.0);
    }
    if ring.first() != ring.last() {
        ring.extend(ring.first().copied());
    }
    Ok(Shape::Polygons(MultiPolygon::new(vec![Polygon::new(LineString::new(ring), Vec::new())])))
}

/// A country's land (Natural Earth 1:50m), by its name as Natural Earth gives it (`Belarus`,
/// `Poland`; case-insensitive). An unknown name is refused with the nearest names.
pub fn country(name: &str, field: impl Into<Field>) -> Result<Shape> {
    let countries = basemap::features(BaseLayer::Countries, Detail::Medium)?;
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

/// A launch area with its name, checked for use.
#[derive(Debug, Clone)]
pub struct NamedArea {
    /// The name outputs carry (`area`).
    pub name: String,
    /// The area.
    pub area: LaunchArea,
}

impl NamedArea {
    /// A named area from a shape, checked (closed rings, no self-intersection, at most a
    /// hemisphere: see [`LaunchArea::new_polygons`]); `field` names it in errors.
    pub fn new(name: &str, shape: Shape, field: impl Into<Field>) -> Result<NamedArea> {
        let field: &Field = &field.into();
        let name = name.trim();
        if name.is_empty() || name.chars().any(char::is_control) {
            return Err(Error::invalid(field, name, "an area needs a name without control characters"));
        }
        let area = match shape {
            Shape::Polygons(p) => LaunchArea::new_polygons(p, field)?,
            Shape::Lines(l) => LaunchArea::new_lines(l, field)?,
        };
        Ok(NamedArea { name: name.to_string(), area })
    }

    /// A named area given as `NAME=FILE.geojson`, or `NAME=-` to read the GeoJSON from standard
    /// input (`field` names the option in errors).
    pub fn parse_spec(spec: &str, field: impl Into<Field>) -> Result<NamedArea> {
        let field: &Field = &field.into();
        let Some((name, path)) = spec.split_once('=') else {
            return Err(Error::invalid(
                field,
                spec,
                "expected NAME=FILE.geojson, e.g. Kaliningrad=oblast.geojson, or NAME=- to read standard input",
            ));
        };
        let shape = match path.trim() {
            crate::input::STDIN => {
                let text = crate::input::read_stdin(MAX_AREA_FILE_BYTES, "a launch area's GeoJSON")?;
                from_geojson(&text, format!("{field} {} (standard input)", name.trim()))?
            }
            path => from_geojson_file(std::path::Path::new(path), field)?,
        };
        NamedArea::new(name, shape, format!("{field} {}", name.trim()))
    }

    /// The area's buffer at each of `reach`'s limits ([`Reach::limits`], outer first), each
    /// computed once: what its outlines are drawn from and its zones made of.
    pub fn limit_buffers(&self, reach: &Reach, tolerance: Tolerance) -> Result<Vec<(Limit, MultiPolygon)>> {
        reach.limits().into_iter().map(|limit| Ok((limit, self.area.buffer(limit.radius, tolerance)?))).collect()
    }

    /// The regions of `reach` around the area, as its zones ([`Reach::zones`]): the buffer of a
    /// range; a band's outer buffer less its inner one; an estimate's low buffer, and its high
    /// buffer less the low one.
    pub fn regions(&self, reach: &Reach, tolerance: Tolerance) -> Result<Vec<(Zone, MultiPolygon)>> {
        Ok(zones_of(reach, &self.limit_buffers(reach, tolerance)?))
    }

    /// The whole region of `reach` around the area, as [`Reach::region`] around a site: the
    /// buffer of a range or of an estimate's high figure, a band's outer buffer less its inner
    /// one.
    pub fn region(&self, reach: &Reach, tolerance: Tolerance) -> Result<MultiPolygon> {
        match *reach {
            Reach::Within(r) | Reach::Estimate { high: r, .. } => self.area.buffer(r, tolerance),
            Reach::Band { min, max } => Ok(crate::cut::nested_difference(
                &self.area.buffer(max, tolerance)?,
                &self.area.buffer(min, tolerance)?,
            )),
        }
    }
}

/// The zones of `reach` ([`Reach::zones`]) made of the buffers at its limits
/// ([`NamedArea::limit_buffers`]).
pub fn zones_of(reach: &Reach, buffers: &[(Limit, MultiPolygon)]) -> Vec<(Zone, MultiPolygon)> {
    let buffer = |r: Radius| buffers.iter().find(|(l, _)| l.radius == r).map(|(_, b)| b);
    reach
        .zones()
        .into_iter()
        .filter_map(|(zone, part)| {
            let region = match part {
                Reach::Within(r) => buffer(r)?.clone(),
                Reach::Band { min, max } | Reach::Estimate { low: min, high: max } => {
                    crate::cut::nested_difference(buffer(max)?, buffer(min)?)
                }
            };
            Some((zone, region))
        })
        .collect()
}
