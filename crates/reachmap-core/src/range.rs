//! Range shapes around a site — a ring (everything within a range) and a band (everything
//! between a minimum and a maximum range) — as exact RFC 7946 lon/lat geometry.

use geo::{Coord, LineString, MapCoordsInPlace, MultiPolygon, Point};

use crate::circle::{CircleVertex, GeodesicCircle};
use crate::cut::assemble;
use crate::error::{Error, Field, Result};
use crate::format::format_km;
use crate::site::Site;
use crate::units::{Radius, Tolerance};

/// What lies within reach of a site: a full disc, a band between two ranges, or an uncertain
/// range known only as a low and a high figure.
///
/// A band and an estimate both have two radii and mean different things. A *band* is a class of
/// ranges — the INF Treaty's 500–1,000 km — and holds only what lies between its limits. An
/// *estimate* (the 9M729: 480 km claimed, 2,350 km reported) holds everything within its low
/// figure under every estimate, and what lies between the figures only if the high one holds:
/// its region is the disc of the high figure, and reports say of each place whether it is
/// within the low one too.
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
    /// Everything closer than `high`; closer than `low` under every estimate.
    Estimate {
        /// The low figure: in range for sure within it.
        low: Radius,
        /// The high figure: in range within it if it holds.
        high: Radius,
    },
}

/// One circle a reach is bounded by, and how maps draw it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limit {
    /// Its radius.
    pub radius: Radius,
    /// Whether it is a lower limit or a low figure (drawn dashed) rather than the outer limit.
    pub inner: bool,
}

/// Which part of a reach a region is (see [`Reach::zones`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    /// All of a range or band.
    Whole,
    /// Within an estimate's low figure: in range under every figure.
    WithinLow,
    /// Between an estimate's figures: in range only if the high one holds.
    LowToHigh,
}

impl Zone {
    /// The name exports give it: `whole`, `within_low`, `low_to_high`.
    pub fn as_str(self) -> &'static str {
        match self {
            Zone::Whole => "whole",
            Zone::WithinLow => "within_low",
            Zone::LowToHigh => "low_to_high",
        }
    }
}

impl Reach {
    /// A band, checked so that `min < max`; `field` names the input in the error message.
    ///
    /// ```
    /// use reachmap_core::{Radius, Reach};
    /// let km = |v| Radius::from_km(v, "--band").unwrap();
    /// assert!(Reach::band(km(500.0), km(5_500.0), "--band").is_ok());
    /// assert!(Reach::band(km(1_000.0), km(500.0), "--band").is_err());
    /// ```
    pub fn band(min: Radius, max: Radius, field: impl Into<Field>) -> Result<Reach> {
        if min >= max {
            return Err(Error::invalid(
                field,
                &format!("{}:{}", min.km(), max.km()),
                "the minimum range must be smaller than the maximum",
            ));
        }
        Ok(Reach::Band { min, max })
    }

    /// An estimate, checked so that `low < high`; `field` names the input in the error message.
    pub fn estimate(low: Radius, high: Radius, field: impl Into<Field>) -> Result<Reach> {
        if low >= high {
            return Err(Error::invalid(
                field,
                &format!("{}, {}", low.km(), high.km()),
                "the low figure must be smaller than the high one",
            ));
        }
        Ok(Reach::Estimate { low, high })
    }

    /// The outer limit: the radius of a range, the maximum of a band, the high figure of an
    /// estimate.
    pub fn outer(&self) -> Radius {
        match *self {
            Reach::Within(r) | Reach::Band { max: r, .. } | Reach::Estimate { high: r, .. } => r,
        }
    }

    /// The low figure of an estimate, within which everything is in range under every figure.
    pub fn low(&self) -> Option<Radius> {
        match *self {
            Reach::Estimate { low, .. } => Some(low),
            _ => None,
        }
    }

    /// The circles that bound the reach, outer first.
    pub fn limits(&self) -> Vec<Limit> {
        match *self {
            Reach::Within(r) => vec![Limit { radius: r, inner: false }],
            Reach::Band { min, max } => vec![Limit { radius: max, inner: false }, Limit { radius: min, inner: true }],
            Reach::Estimate { low, high } => {
                vec![Limit { radius: high, inner: false }, Limit { radius: low, inner: true }]
            }
        }
    }

    /// The reach as a label: `2,500 km`, `500–5,500 km` for a band, `480 to 2,350 km` for an
    /// estimate.
    ///
    /// ```
    /// use reachmap_core::{Radius, Reach};
    /// let km = |v| Radius::from_km(v, "range_km").unwrap();
    /// assert_eq!(Reach::Within(km(2_500.0)).label(), "2,500 km");
    /// assert_eq!(Reach::band(km(500.0), km(5_500.0), "band").unwrap().label(), "500–5,500 km");
    /// assert_eq!(Reach::estimate(km(480.0), km(2_350.0), "range").unwrap().label(), "480 to 2,350 km");
    /// ```
    pub fn label(&self) -> String {
        match self {
            Reach::Within(r) => format!("{} km", format_km(r.km())),
            Reach::Band { min, max } => format!("{}–{} km", format_km(min.km()), format_km(max.km())),
            Reach::Estimate { low, high } => format!("{} to {} km", format_km(low.km()), format_km(high.km())),
        }
    }

    /// Whether a point at geodesic distance `distance_m` from the site is within this reach
    /// (for an estimate: within its high figure).
    pub fn contains_distance(&self, distance_m: f64) -> bool {
        match *self {
            Reach::Within(r) | Reach::Estimate { high: r, .. } => distance_m < r.meters(),
            Reach::Band { min, max } => distance_m >= min.meters() && distance_m < max.meters(),
        }
    }

    /// The region around `site` as lon/lat polygons, valid under RFC 7946: split at the
    /// antimeridian, closed through a pole it contains, exterior rings counter-clockwise and
    /// holes clockwise. Every vertex not on the antimeridian's or a pole's line of the lon/lat
    /// rectangle lies exactly (to GeographicLib's ~15 nm) at a range from the site, and every edge
    /// — a straight line in lon/lat — is within `tolerance` of the true circle. A band narrower
    /// than twice the tolerance is empty: all of it lies within the tolerance of its limits.
    ///
    /// ```
    /// use geo::{Contains, Point};
    /// use reachmap_core::{Radius, Reach, Site, Tolerance};
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
        self.region_centred(site, tolerance, 0.0)
    }

    /// [`region`](Self::region) for a map whose central meridian is `central_lon_deg`: cut at
    /// the meridian opposite it instead of at ±180°, with longitudes within 180° of it.
    pub fn region_centred(&self, site: &Site, tolerance: Tolerance, central_lon_deg: f64) -> MultiPolygon {
        let circle =
            |radius: Radius, seam_deg: f64| GeodesicCircle::new(site, radius).boundary_with_seam(tolerance, seam_deg);
        self.region_traced(tolerance, central_lon_deg, &circle)
    }

    /// [`region_centred`](Self::region_centred) with each limit's closed boundary, in order of
    /// increasing azimuth, from `trace(radius, seam_deg)` — a geodesic circle, or a range that
    /// depends on direction ([`crate::rotation`]).
    pub(crate) fn region_traced(
        &self,
        tolerance: Tolerance,
        central_lon_deg: f64,
        trace: &dyn Fn(Radius, f64) -> Vec<CircleVertex>,
    ) -> MultiPolygon {
        let boundary = |radius: Radius| -> Vec<Point> {
            trace(radius, central_lon_deg + 180.0)
                .into_iter()
                .map(|v| Point::new(v.point.x() - central_lon_deg, v.point.y()))
                .collect()
        };
        let curves = match *self {
            Reach::Within(r) | Reach::Estimate { high: r, .. } => {
                // Increasing azimuth has the disc on the right; reversed, on the left.
                let mut outer = boundary(r);
                outer.reverse();
                vec![outer]
            }
            // A band narrower than twice the tolerance lies wholly within the tolerance of its
            // limits, and their sampled outlines may cross; it is drawn empty rather than as
            // two crossing rings whose nesting cannot be told.
            Reach::Band { min, max } if max.meters() - min.meters() < 2.0 * tolerance.meters() => {
                return MultiPolygon::new(Vec::new());
            }
            Reach::Band { min, max } => {
                let mut outer = boundary(max);
                outer.reverse();
                vec![outer, boundary(min)]
            }
        };
        let mut region = assemble(&curves);
        if central_lon_deg != 0.0 {
            region.map_coords_in_place(|c| Coord { x: c.x + central_lon_deg, y: c.y });
        }
        region
    }

    /// The parts of an estimate as reaches of their own: within the low figure (in range under
    /// every figure), and between the figures (in range if the high one holds). Other reaches
    /// are one part, themselves.
    pub fn zones(&self) -> Vec<(Zone, Reach)> {
        match *self {
            Reach::Estimate { low, high } => {
                vec![(Zone::WithinLow, Reach::Within(low)), (Zone::LowToHigh, Reach::Band { min: low, max: high })]
            }
            other => vec![(Zone::Whole, other)],
        }
    }

    /// Every circle bounding the reach around `site` as lon/lat lines ([`Reach::outline`] of
    /// each of [`Reach::limits`]), outer first.
    pub fn outlines(&self, site: &Site, tolerance: Tolerance, central_lon_deg: f64) -> Vec<LineString> {
        self.limits().iter().flat_map(|l| Reach::outline(site, l.radius, tolerance, central_lon_deg)).collect()
    }

    /// The circle of `radius` around `site` as lon/lat lines, for drawing outlines: each is
    /// continuous, split where it crosses the meridian opposite `central_lon_deg`, with
    /// longitudes within 180° of it.
    pub fn outline(site: &Site, radius: Radius, tolerance: Tolerance, central_lon_deg: f64) -> Vec<LineString> {
        let boundary = GeodesicCircle::new(site, radius).boundary_with_seam(tolerance, central_lon_deg + 180.0);
        Reach::outline_traced(&boundary, central_lon_deg)
    }

    /// [`outline`](Self::outline) of a closed boundary traced with its seam at
    /// `central_lon_deg` + 180°.
    pub(crate) fn outline_traced(boundary: &[CircleVertex], central_lon_deg: f64) -> Vec<LineString> {
        let window = |lon: f64| ((lon - central_lon_deg + 180.0) / 360.0).floor();
        let mut lines = Vec::new();
        let mut current: Vec<Coord> = Vec::new();
        let mut current_window = f64::NAN;
        for pair in boundary.windows(2) {
            let (a, b) = (pair[0].point, pair[1].point);
            let w = window((a.x() + b.x()) / 2.0);
            if w != current_window {
                if current.len() >= 2 {
                    lines.push(LineString::new(std::mem::take(&mut current)));
                }
                current.clear();
                current_window = w;
                current.push(Coord { x: a.x() - 360.0 * w, y: a.y() });
            }
            current.push(Coord { x: b.x() - 360.0 * w, y: b.y() });
        }
        if current.len() >= 2 {
            lines.push(LineString::new(current));
        }
        lines
    }
}
