//! Validated quantities with their units: a range radius and a sampling tolerance. Values are
//! checked once, here; code that holds a [`Radius`] can rely on it being usable.

use crate::error::{Error, Field, Result};

/// A geodesic distance from a site, in (0, 20,003.93 km] — the longest geodesic on WGS84 (half
/// a meridian), so every radius describes a real circle.
///
/// # Units
/// Stored in metres; built from kilometres or metres.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Radius {
    meters: f64,
}

/// The largest radius accepted, in km, as printed in error messages.
pub const MAX_RADIUS_KM: f64 = 20_003.93;

impl Radius {
    /// A radius in kilometres; `field` names the input in the error message.
    ///
    /// ```
    /// use reachmap_core::Radius;
    /// assert_eq!(Radius::from_km(5_500.0, "--range-km").unwrap().meters(), 5_500_000.0);
    /// assert!(Radius::from_km(0.0, "--range-km").is_err());
    /// assert!(Radius::from_km(25_000.0, "--range-km").is_err());
    /// ```
    pub fn from_km(km: f64, field: impl Into<Field>) -> Result<Radius> {
        if !km.is_finite() || km <= 0.0 || km > MAX_RADIUS_KM {
            let allowed = format!(
                "greater than 0 and at most {MAX_RADIUS_KM} km: half a meridian, the farthest two points on Earth are apart, so that range already reaches everywhere"
            );
            return Err(Error::out_of_range(field, km, &allowed));
        }
        Ok(Radius { meters: km * 1000.0 })
    }

    /// A radius fixed in the program, in kilometres: out of range it is a compile-time error
    /// where used in a constant, and a panic otherwise (a bug, never the user's input).
    ///
    /// ```
    /// use reachmap_core::Radius;
    /// const CAP: Radius = Radius::const_km(300.0);
    /// assert_eq!(CAP.meters(), 300_000.0);
    /// ```
    pub const fn const_km(km: f64) -> Radius {
        assert!(km > 0.0 && km <= MAX_RADIUS_KM, "a radius is greater than 0 and at most the antipodal limit");
        Radius { meters: km * 1000.0 }
    }

    /// A radius in metres; `field` names the input in the error message.
    pub fn from_m(meters: f64, field: impl Into<Field>) -> Result<Radius> {
        Radius::from_km(meters / 1000.0, field)
    }

    /// The radius in metres.
    pub fn meters(self) -> f64 {
        self.meters
    }

    /// The radius in kilometres.
    pub fn km(self) -> f64 {
        self.meters / 1000.0
    }
}

/// How far an edge of emitted geometry may stray from the true curve, in metres.
///
/// Allowed: 1 mm to 100 km. Below 1 mm the double-precision vertices themselves are the limit.
///
/// An edge is read as a straight line in lon/lat (GeoJSON and GIS readers) unless the tolerance
/// is [`with_great_circles`](Tolerance::with_great_circles): then every edge also stays within it
/// when read as a great circle (KML in Google Earth).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Tolerance {
    meters: f64,
    great_circles: bool,
}

impl Tolerance {
    /// The default: 10 m, far below what any map shows and about 1/50 of a 1:50m coastline's
    /// own generalisation.
    pub const DEFAULT: Tolerance = Tolerance { meters: 10.0, great_circles: false };

    /// A tolerance in metres; `field` names the input in the error message.
    pub fn from_m(meters: f64, field: impl Into<Field>) -> Result<Tolerance> {
        if !meters.is_finite() || !(0.001..=100_000.0).contains(&meters) {
            return Err(Error::out_of_range(field, meters, "0.001 to 100000 metres"));
        }
        Ok(Tolerance { meters, great_circles: false })
    }

    /// A tolerance fixed in the program, in metres: out of range it is a compile-time error
    /// where used in a constant, and a panic otherwise (a bug, never the user's input).
    pub const fn const_m(meters: f64) -> Tolerance {
        assert!(meters >= 0.001 && meters <= 100_000.0, "a tolerance is 1 mm to 100 km");
        Tolerance { meters, great_circles: false }
    }

    /// The nearest allowed tolerance to `meters` (a computed value, such as half a pixel on
    /// the ground): clamped to 1 mm – 100 km, the default where it is not a number.
    pub fn clamped_m(meters: f64) -> Tolerance {
        if meters.is_nan() {
            Tolerance::DEFAULT
        } else {
            Tolerance { meters: meters.clamp(0.001, 100_000.0), great_circles: false }
        }
    }

    /// The tolerance in metres.
    pub fn meters(self) -> f64 {
        self.meters
    }

    /// The same tolerance for geometry whose readers may draw an edge either straight in lon/lat
    /// (GeoJSON, GIS) or along the great circle between its ends (KML: Google Earth draws a
    /// ground-clamped polygon's edges as great circles): edges are judged both ways, so there are
    /// more vertices where the two readings part (at high latitudes).
    pub const fn with_great_circles(self) -> Tolerance {
        Tolerance { meters: self.meters, great_circles: true }
    }

    /// Whether edges must also hold as great circles (see [`with_great_circles`](Self::with_great_circles)).
    pub fn great_circles(self) -> bool {
        self.great_circles
    }
}

impl Default for Tolerance {
    fn default() -> Tolerance {
        Tolerance::DEFAULT
    }
}
