//! Range shapes around a site — a ring (everything within a range) and a band (everything
//! between a minimum and a maximum range) — as exact RFC 7946 lon/lat geometry.

use geo::{Coord, LineString, MapCoordsInPlace, MultiPolygon, Point};

use crate::circle::GeodesicCircle;
use crate::cut::assemble;
use crate::error::{Error, Result};
use crate::format::format_km;
use crate::input::MAX_RING_VERTICES;
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

/// One site's reach with its geometry, ready to export.
#[derive(Debug, Clone)]
pub struct RangeFeature {
    /// The site the ranges are measured from.
    pub site: Site,
    /// The range or band.
    pub reach: Reach,
    /// The region, from [`Reach::region`].
    pub region: MultiPolygon,
}

impl RangeFeature {
    /// A short human label, e.g. `Kaliningrad 500 km` or `Kaliningrad 500–5,500 km`.
    pub fn label(&self) -> String {
        format!("{} {}", self.site.name(), self.reach.label())
    }
}

/// The regions of every reach around every site, site by site, computed in parallel. Refuses a
/// run whose output would pass [`MAX_RING_VERTICES`] (field `tolerance`, with what to change).
pub fn features(sites: &[Site], reaches: &[Reach], tolerance: Tolerance) -> Result<Vec<RangeFeature>> {
    use rayon::prelude::*;
    // A 5,500 km ring takes about 1,300 vertices at 10 m; vertices grow as 1/√tolerance.
    let count = (sites.len() * reaches.len()) as f64;
    let vertices = count * 1_300.0 * (10.0 / tolerance.meters()).sqrt();
    if vertices > MAX_RING_VERTICES {
        return Err(Error::invalid(
            "tolerance",
            &format!("{count} rings at {} m ≈ {:.0} million vertices", tolerance.meters(), vertices / 1e6),
            format!(
                "at most {:.0} million vertices (about 2 GB of GeoJSON) per run; raise the tolerance or split the sites",
                MAX_RING_VERTICES / 1e6
            ),
        ));
    }
    let pairs: Vec<(&Site, &Reach)> = sites.iter().flat_map(|s| reaches.iter().map(move |r| (s, r))).collect();
    Ok(pairs
        .par_iter()
        .map(|&(site, reach)| RangeFeature { site: site.clone(), reach: *reach, region: reach.region(site, tolerance) })
        .collect())
}

/// A range or band drawn around some of a scenario's sites, with its legend entry: what maps
/// draw and reports count.
#[derive(Debug, Clone, PartialEq)]
pub struct Overlay {
    /// The legend's text, e.g. `9M729 (SSC-8): 480–2,350 km`.
    pub label: String,
    /// The range or band.
    pub reach: Reach,
    /// Indices of the sites (in the scenario's or map's list) it is drawn around.
    pub sites: Vec<usize>,
}

impl Overlay {
    /// Every reach around every one of `site_count` sites, labelled by its range.
    pub fn around_all(reaches: &[Reach], site_count: usize) -> Vec<Overlay> {
        let all: Vec<usize> = (0..site_count).collect();
        reaches.iter().map(|r| Overlay { label: r.label(), reach: *r, sites: all.clone() }).collect()
    }
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

    /// The outer limit: the radius of a range, the maximum of a band.
    pub fn outer(&self) -> Radius {
        match *self {
            Reach::Within(r) | Reach::Band { max: r, .. } => r,
        }
    }

    /// The reach as a label: `2,500 km` or `500–5,500 km`.
    ///
    /// ```
    /// use reachmap::{Radius, Reach};
    /// let km = |v| Radius::from_km(v, "range_km").unwrap();
    /// assert_eq!(Reach::Within(km(2_500.0)).label(), "2,500 km");
    /// assert_eq!(Reach::band(km(500.0), km(5_500.0), "band").unwrap().label(), "500–5,500 km");
    /// ```
    pub fn label(&self) -> String {
        match self {
            Reach::Within(r) => format!("{} km", format_km(r.km())),
            Reach::Band { min, max } => format!("{}–{} km", format_km(min.km()), format_km(max.km())),
        }
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
    /// — a straight line in lon/lat — is within `tolerance` of the true circle. A band narrower
    /// than twice the tolerance is empty: all of it lies within the tolerance of its limits.
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
        self.region_centred(site, tolerance, 0.0)
    }

    /// [`region`](Self::region) for a map whose central meridian is `central_lon_deg`: cut at
    /// the meridian opposite it instead of at ±180°, with longitudes within 180° of it.
    pub fn region_centred(&self, site: &Site, tolerance: Tolerance, central_lon_deg: f64) -> MultiPolygon {
        let boundary = |radius: Radius| -> Vec<Point> {
            GeodesicCircle::new(site, radius)
                .boundary_with_seam(tolerance, central_lon_deg + 180.0)
                .into_iter()
                .map(|v| Point::new(v.point.x() - central_lon_deg, v.point.y()))
                .collect()
        };
        let curves = match *self {
            Reach::Within(r) => {
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

    /// The circles bounding the reach around `site` as lon/lat lines, for drawing outlines:
    /// each is continuous, split where it crosses the meridian opposite `central_lon_deg`, with
    /// longitudes within 180° of it. A band gives its outer circle first.
    pub fn outlines(&self, site: &Site, tolerance: Tolerance, central_lon_deg: f64) -> Vec<LineString> {
        let radii = match *self {
            Reach::Within(r) => vec![r],
            Reach::Band { min, max } => vec![max, min],
        };
        let mut lines = Vec::new();
        for radius in radii {
            let boundary = GeodesicCircle::new(site, radius).boundary_with_seam(tolerance, central_lon_deg + 180.0);
            let window = |lon: f64| ((lon - central_lon_deg + 180.0) / 360.0).floor();
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
        }
        lines
    }
}
