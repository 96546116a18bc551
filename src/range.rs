//! Range shapes around a site — a ring (everything within a range) and a band (everything
//! between a minimum and a maximum range) — as exact RFC 7946 lon/lat geometry.

use geo::{MultiPolygon, Point};

use crate::circle::GeodesicCircle;
use crate::cut::assemble;
use crate::error::{Error, Result};
use crate::site::Site;
use crate::units::{Radius, Tolerance};

/// What lies within reach of a site: a full disc or a band between two ranges.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Reach {
    /// Everything closer than the range.
    Within(Radius),
    /// Everything at least `min` and less than `max` away.
    Band {
        /// The inner limit.
        min: Radius,
        /// The outer limit.
        max: Radius,
    },
}

impl Reach {
    /// A band, checked so that `min < max`; `field` names the input in the error message.
    ///
    /// ```
    /// use reachmap::{Radius, Reach};
    /// let km = |v| Radius::from_km(v, "--band").unwrap();
    /// assert!(Reach::band(km(500.0), km(5_500.0), "--band").is_ok());
    /// assert!(Reach::band(km(1_000.0), km(500.0), "--band").is_err());
    /// ```
    pub fn band(min: Radius, max: Radius, field: &str) -> Result<Reach> {
        if min >= max {
            return Err(Error::invalid(
                field,
                &format!("{}:{}", min.km(), max.km()),
                "the minimum range must be smaller than the maximum",
            ));
        }
        Ok(Reach::Band { min, max })
    }

    /// Whether a point at geodesic distance `distance_m` from the site is within this reach.
    pub fn contains_distance(&self, distance_m: f64) -> bool {
        match *self {
            Reach::Within(r) => distance_m < r.meters(),
            Reach::Band { min, max } => distance_m >= min.meters() && distance_m < max.meters(),
        }
    }

    /// The region around `site` as lon/lat polygons, valid under RFC 7946: split at the
    /// antimeridian, closed through a pole it contains, exterior rings counter-clockwise and
    /// holes clockwise. Every vertex not on the antimeridian's or a pole's line of the lon/lat
    /// rectangle lies exactly (to GeographicLib's ~15 nm) at a range from the site, and every edge
    /// — a straight line in lon/lat — is within `tolerance` of the true circle.
    ///
    /// ```
    /// use geo::{Contains, Point};
    /// use reachmap::{Radius, Reach, Site, Tolerance};
    /// let kaliningrad = Site::new("Kaliningrad", 54.71, 20.51).unwrap();
    /// let reach = Reach::Within(Radius::from_km(5_500.0, "r").unwrap());
    /// let region = reach.region(&kaliningrad, Tolerance::DEFAULT);
    /// // Every INF-range ring from Europe contains the North Pole.
    /// assert!(region.contains(&Point::new(0.0, 89.999)));
    /// // Berlin is 529 km away; Washington is not within 5,500 km.
    /// assert!(region.contains(&Point::new(13.405, 52.52)));
    /// assert!(!region.contains(&Point::new(-77.04, 38.91)));
    /// ```
    pub fn region(&self, site: &Site, tolerance: Tolerance) -> MultiPolygon {
        let boundary = |radius: Radius| -> Vec<Point> {
            GeodesicCircle::new(site, radius)
                .boundary(tolerance)
                .into_iter()
                .map(|v| v.point)
                .collect()
        };
        let curves = match *self {
            Reach::Within(r) => {
                // Increasing azimuth has the disc on the right; reversed, on the left.
                let mut outer = boundary(r);
                outer.reverse();
                vec![outer]
            }
            Reach::Band { min, max } => {
                let mut outer = boundary(max);
                outer.reverse();
                vec![outer, boundary(min)]
            }
        };
        assemble(&curves)
    }
}
