//! Targets: the places a figure or a table is about — a base, a city, a reef — given by the user
//! by name or position, each always reported (in range or not) and always drawn.

use crate::error::{Error, Field, Result};
use crate::site::Site;

/// A target: a name, a position (x = lon, y = lat, WGS84 degrees) and optionally the group it
/// belongs to (`US bases in Japan`).
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    /// The name printed.
    pub name: String,
    /// Longitude, degrees.
    pub lon: f64,
    /// Latitude, degrees.
    pub lat: f64,
    /// The group it belongs to, if any.
    pub group: Option<String>,
}

/// Most targets one run takes.
pub const MAX_TARGETS: usize = 1_000;

impl Target {
    /// A target at a site's position, named as the site.
    pub fn at(site: &Site, group: Option<String>) -> Target {
        Target { name: site.name().to_string(), lon: site.lon_deg(), lat: site.lat_deg(), group }
    }

    /// A target as `--target` gives it: `NAME=LAT,LON`, a position, or a name looked up in the
    /// gazetteer and the built-in strategic places (see [`crate::places::target`]). `field`
    /// names the input.
    ///
    /// ```
    /// let berlin = reachmap_core::target::Target::parse("Berlin", "--target").unwrap();
    /// assert!((berlin.lat - 52.52).abs() < 0.01);
    /// ```
    pub fn parse(text: &str, field: impl Into<Field>) -> Result<Target> {
        Ok(Target::at(&crate::places::target(text, field)?, None))
    }

    /// The target as a place to count (no country, population or capital flag; its group as an
    /// extra column).
    pub fn as_place(&self) -> crate::places::Place {
        crate::places::Place {
            name: self.name.clone(),
            country_code: String::new(),
            country: String::new(),
            lat: self.lat,
            lon: self.lon,
            population: 0,
            capital: false,
            extra: self.group.iter().map(|g| ("group".to_string(), g.clone())).collect(),
        }
    }

    /// The position as a point (x = lon, y = lat).
    pub fn point(&self) -> geo::Point {
        geo::Point::new(self.lon, self.lat)
    }
}

/// Targets from a file: CSV with `name`, `lat`, `lon` and an optional `group` column, or GeoJSON
/// points (a `group` property likewise); read as places files are
/// ([`crate::places::from_file`]).
pub fn from_file(path: &std::path::Path) -> Result<Vec<Target>> {
    let places = crate::places::from_file(path)?;
    if places.len() > MAX_TARGETS {
        return Err(Error::invalid(
            path.display().to_string(),
            &places.len().to_string(),
            format!("at most {MAX_TARGETS} targets"),
        ));
    }
    Ok(places
        .into_iter()
        .map(|p| {
            let group = p.extra.iter().find(|(k, _)| k.eq_ignore_ascii_case("group")).map(|(_, v)| v.clone());
            Target { name: p.name, lon: p.lon, lat: p.lat, group: group.filter(|g| !g.trim().is_empty()) }
        })
        .collect())
}
