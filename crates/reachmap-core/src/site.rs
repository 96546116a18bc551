//! A basing site: a name and a validated position on WGS84.

use geo::Point;

use crate::coords::parse_lat_lon;
use crate::error::{Error, Field, Result};
use crate::geodesy::wrap_lon;

/// A named position. Latitude is in [-90, 90] and longitude in [-180, 180) by construction.
#[derive(Debug, Clone, PartialEq)]
pub struct Site {
    name: String,
    position: Point,
}

impl Site {
    /// A site from decimal degrees. Longitude is normalised to [-180, 180).
    ///
    /// ```
    /// use reachmap_core::Site;
    /// let site = Site::new("Kaliningrad", 54.71, 20.51).unwrap();
    /// assert_eq!(site.lat_deg(), 54.71);
    /// assert_eq!(Site::new("Anadyr", 64.73, 182.0).unwrap().lon_deg(), -178.0);
    /// assert!(Site::new("Nowhere", 91.0, 0.0).is_err());
    /// ```
    pub fn new(name: &str, lat_deg: f64, lon_deg: f64) -> Result<Site> {
        let name = validate_name(name)?;
        let field = format!("site {name:?}");
        if !lat_deg.is_finite() || !(-90.0..=90.0).contains(&lat_deg) {
            return Err(Error::out_of_range(format!("{field} latitude"), lat_deg, "-90 to 90 degrees"));
        }
        if !lon_deg.is_finite() || !(-360.0..=360.0).contains(&lon_deg) {
            return Err(Error::out_of_range(format!("{field} longitude"), lon_deg, "-360 to 360 degrees"));
        }
        Ok(Site { name, position: Point::new(wrap_lon(lon_deg), lat_deg) })
    }

    /// A site from `NAME=COORDINATES` (any form [`parse_lat_lon`] accepts); `field` names the
    /// input in errors.
    ///
    /// ```
    /// use reachmap_core::Site;
    /// let site = Site::parse_spec("Kaliningrad=54.71N 20.51E", "site").unwrap();
    /// assert_eq!((site.name(), site.lat_deg(), site.lon_deg()), ("Kaliningrad", 54.71, 20.51));
    /// ```
    pub fn parse_spec(spec: &str, field: impl Into<Field>) -> Result<Site> {
        let field: &Field = &field.into();
        let Some((name, coordinates)) = spec.split_once('=') else {
            return Err(Error::invalid(field, spec, "expected NAME=LAT,LON, e.g. Kaliningrad=54.71,20.51"));
        };
        let name = validate_name(name)?;
        let position = parse_lat_lon(coordinates, format!("{field} {name}"))?;
        Ok(Site { name, position })
    }

    /// The site's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Latitude, degrees in [-90, 90].
    pub fn lat_deg(&self) -> f64 {
        self.position.y()
    }

    /// Longitude, degrees in [-180, 180).
    pub fn lon_deg(&self) -> f64 {
        self.position.x()
    }

    /// The position as a point (x = longitude, y = latitude).
    pub fn point(&self) -> Point {
        self.position
    }
}

fn validate_name(name: &str) -> Result<String> {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        return Err(Error::invalid(Field::SiteName, name, "a site needs a non-empty name"));
    }
    if trimmed.chars().any(char::is_control) {
        return Err(Error::invalid(Field::SiteName, name, "control characters are not allowed"));
    }
    Ok(trimmed.to_string())
}
