//! Projections: a PROJ definition (no proj.db needed) from lon/lat degrees on WGS84 to a
//! plane in metres, with what the map needs to know of its singularities — the seam opposite
//! the central meridian, an azimuthal projection's antipode, a conic's far pole.

use geo::{Coord, MultiPolygon};

use crate::error::{Error, Field, Result};
use crate::range::Reach;
use crate::site::Site;
use crate::units::{Radius, Tolerance};

/// Radius of the cap cut out around an azimuthal projection's antipode: far beyond any page.
const ANTIPODE_CAP: Radius = Radius::const_km(300.0);

/// The cap's outline tolerance: it is never drawn, only cut away.
const ANTIPODE_CAP_TOLERANCE: Tolerance = Tolerance::const_m(100.0);

/// A projection from lon/lat degrees on WGS84 to a plane in metres.
pub struct Projection {
    proj: proj::Proj,
    definition: String,
    lon_0: f64,
    singular_antipode: Option<Coord>,
    antipode_cap: Option<MultiPolygon>,
    latitudes: (f64, f64),
}

impl std::fmt::Debug for Projection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Projection({})", self.definition)
    }
}

impl Projection {
    /// A projection from a PROJ string such as `+proj=laea +lat_0=52 +lon_0=10 +ellps=WGS84`.
    /// The input is always longitude and latitude in degrees on WGS84.
    pub fn new(definition: &str, field: impl Into<Field>) -> Result<Projection> {
        let field: &Field = &field.into();
        let trimmed = definition.trim();
        if !trimmed.starts_with("+proj=") || trimmed.contains("+proj=pipeline") || trimmed.contains("+step") {
            return Err(Error::invalid(
                field,
                definition,
                "expected a single PROJ projection string starting with +proj=, e.g. +proj=laea +lat_0=52 +lon_0=10",
            ));
        }
        let pipeline =
            format!("+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad +step {trimmed} +ellps=WGS84");
        let proj = proj::Proj::new(&pipeline).map_err(|e| Error::invalid(field, definition, format!("PROJ: {e}")))?;
        let lon_0 = parameter(trimmed, "lon_0").unwrap_or(0.0);
        let lat_0 = parameter(trimmed, "lat_0").unwrap_or(0.0);
        // Azimuthal projections send the point opposite their centre to a whole circle.
        let azimuthal = ["+proj=laea", "+proj=aeqd"].iter().any(|p| trimmed.starts_with(p));
        let singular_antipode = azimuthal.then_some(Coord { x: crate::geodesy::wrap_lon(lon_0 + 180.0), y: -lat_0 });
        let antipode_cap = singular_antipode
            .and_then(|a| Site::new("antipode", a.y, a.x).ok())
            .map(|a| Reach::Within(ANTIPODE_CAP).region(&a, ANTIPODE_CAP_TOLERANCE));
        let mut projection = Projection {
            proj,
            definition: trimmed.to_string(),
            lon_0,
            singular_antipode,
            antipode_cap,
            latitudes: (-90.0, 90.0),
        };
        // A conic's far pole lies at infinity: such a projection is used a degree short of it.
        let pole_ok = |lat: f64| projection.forward(Coord { x: lon_0, y: lat }).is_some();
        projection.latitudes = (if pole_ok(-90.0) { -90.0 } else { -89.0 }, if pole_ok(90.0) { 90.0 } else { 89.0 });
        // A projection that cannot place its own centre is unusable.
        if projection.forward(Coord { x: lon_0, y: parameter(trimmed, "lat_0").unwrap_or(0.0) }).is_none() {
            return Err(Error::invalid(field, definition, "PROJ cannot project the projection's own centre"));
        }
        Ok(projection)
    }

    /// The PROJ definition.
    pub fn definition(&self) -> &str {
        &self.definition
    }

    /// The central meridian; the projection's seam is the meridian opposite it.
    pub fn lon_0(&self) -> f64 {
        self.lon_0
    }

    /// For an azimuthal projection, the point opposite its centre, which it spreads over a
    /// whole circle: polygons that contain it cannot be drawn as they are.
    pub fn singular_antipode(&self) -> Option<Coord> {
        self.singular_antipode
    }

    /// For an azimuthal projection, a small cap (300 km) around its antipode in lon/lat: regions
    /// that contain the antipode are drawn with the cap cut out, so that projected, the cap's
    /// edge becomes their outer edge far off the page.
    pub fn antipode_cap(&self) -> Option<&MultiPolygon> {
        self.antipode_cap.as_ref()
    }

    /// The latitudes the projection can draw: ±90, or a degree short of a pole it cannot
    /// place (a conic's far pole).
    pub fn latitudes(&self) -> (f64, f64) {
        self.latitudes
    }

    /// Projects lon/lat degrees to metres; None where the projection is undefined.
    pub fn forward(&self, lonlat: Coord) -> Option<Coord> {
        let (x, y) = self.proj.convert((lonlat.x, lonlat.y)).ok()?;
        (x.is_finite() && y.is_finite()).then_some(Coord { x, y })
    }

    /// Projected metres back to lon/lat degrees; None where the point is off the projection's
    /// globe (checked by projecting the result forward again).
    pub fn inverse(&self, xy: Coord) -> Option<Coord> {
        let (lon, lat) = self.proj.project((xy.x, xy.y), true).ok()?;
        let lonlat = Coord { x: lon, y: lat };
        let back = self.forward(lonlat)?;
        let valid = lon.is_finite() && (-90.0..=90.0).contains(&lat);
        (valid && (back.x - xy.x).hypot(back.y - xy.y) < 1.0).then_some(lonlat)
    }
}

fn parameter(definition: &str, name: &str) -> Option<f64> {
    definition.split_whitespace().find_map(|p| p.strip_prefix(&format!("+{name}="))).and_then(|v| v.parse().ok())
}
