//! Ballistic ranges over a rotating Earth: the region a missile reaches when its burnout speed
//! is the one that gives the quoted range over a non-rotating Earth (the minimum-energy
//! trajectory of [`crate::flight`]) and, in each direction, it flies the longest trajectory
//! that comes down there, the Earth turning under it during the flight. Fired east it flies
//! farther, fired west shorter: from the equator a quoted 5,500 km becomes about 6,070 km east
//! and 5,120 km west.
//!
//! The physics is on a sphere of the flight model's radius ([`trajectory`]); the result is a
//! range by direction, ρ(θ), laid out on WGS84 along the geodesic from the site at azimuth θ —
//! so that without rotation the region is exactly the geodesic circle of the quoted range.
//! The region is traced by [`crate::circle`]'s sampler (edges within the tolerance of the true
//! boundary, straight in lon/lat) and cut by [`crate::cut`] like any circle.
//!
//! Limits, said wherever the region is drawn or printed ([`LIMITS`]): spherical Earth, no drag,
//! burnout at the ground, the same burnout speed in every direction; and the quoted figure's
//! own assumptions are seldom published.
//!
//! ```
//! use reachmap_core::rotation::RotatingRange;
//! use reachmap_core::{Radius, Site};
//! let equator = Site::new("Equator", 0.0, 0.0).unwrap();
//! let range = RotatingRange::new(&equator, Radius::from_km(5_500.0, "range").unwrap()).unwrap();
//! let (east, west) = (range.range_m(90.0) / 1000.0, range.range_m(270.0) / 1000.0);
//! assert!((east - 6_069.0).abs() < 1.0 && (west - 5_117.0).abs() < 1.0);
//! ```

pub mod footprint;
pub mod report;
pub mod sweep;
pub mod trajectory;

use std::cell::Cell;

use geo::{LineString, MultiPolygon, Point};

use crate::circle::{CircleVertex, Outline, trace};
use crate::error::{Error, Field, Result};
use crate::flight::EARTH_RADIUS_M;
use crate::flight::{FlightProfile, Kind};
use crate::format::format_km;
use crate::geodesy::{MEAN_RADIUS_M, SHORTEST_BELOW_M, destination, inverse};
use crate::overlay::Overlay;
use crate::range::Reach;
use crate::site::Site;
use crate::units::{Radius, Tolerance};
use trajectory::{Launch, burnout_speed_m_s};

/// The Earth a ballistic range is laid out over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Earth {
    /// The quoted figure as it stands: a geodesic circle (the sources' own model).
    #[default]
    NonRotating,
    /// The Earth's rotation included: farther east, shorter west.
    Rotating,
}

impl Earth {
    /// Reads `non-rotating` or `rotating`; `field` names the input in the error.
    pub fn parse(value: &str, field: impl Into<Field>) -> Result<Earth> {
        match value {
            "non-rotating" => Ok(Earth::NonRotating),
            "rotating" => Ok(Earth::Rotating),
            other => Err(Error::invalid(field, other, "`non-rotating` (the default) or `rotating`")),
        }
    }

    /// `non-rotating` or `rotating`.
    pub fn as_str(self) -> &'static str {
        match self {
            Earth::NonRotating => "non-rotating",
            Earth::Rotating => "rotating",
        }
    }
}

/// The key's row for a map drawn with the rotation included.
pub const KEY_ROW: &str = "Earth's rotation included: farther east, shorter west";

/// The model's limits, for sources lines and printed notes.
pub const LIMITS: &str = "Earth's rotation included for ballistic systems: burnout speed that gives the quoted range over a non-rotating Earth, longest trajectory in each direction; spherical Earth, no drag, burnout at the ground, the same burnout speed in every direction; the quoted figures' own assumptions are seldom published";

/// The farthest any direction may reach: short of the antipodes, where the longest path stops
/// being the shortest way back to the site and ranges would wrap around the globe.
const FARTHEST_M: f64 = SHORTEST_BELOW_M - 500_000.0;

/// A ballistic range from one site over the rotating Earth: the range in each direction and
/// the region it bounds.
#[derive(Debug, Clone)]
pub struct RotatingRange {
    center: Point,
    quoted_m: f64,
    speed_m_s: f64,
    launch: Launch,
    /// The last direction solved: how far its launch azimuth turned from its bearing, and its
    /// flight-path angle (radians) — where the next, usually a neighbour, starts its search.
    warm: Cell<Option<(f64, f64)>>,
}

/// The trajectory to one point under rotation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Flight {
    /// The free-flight time, seconds (boost not included).
    pub time_s: f64,
    /// The launch azimuth, degrees clockwise from north (it differs from the bearing of the
    /// target: the Earth turns under the missile).
    pub launch_azimuth_deg: f64,
    /// The flight-path angle at burnout, degrees above the horizontal.
    pub flight_path_deg: f64,
    /// The burnout speed relative to the ground, m/s.
    pub speed_m_s: f64,
}

impl RotatingRange {
    /// The range of `quoted` (a ballistic range over a non-rotating Earth) from `site`. Refuses a
    /// range whose trajectories fired due east could reach, before the Earth's turning is taken
    /// off, within 500 km of the antipodal distance — from the equator, quoted ranges beyond
    /// about 11,500 km: the model does not follow trajectories round the globe (field `range`).
    pub fn new(site: &Site, quoted: Radius) -> Result<RotatingRange> {
        let range = RotatingRange {
            center: site.point(),
            quoted_m: quoted.meters(),
            speed_m_s: burnout_speed_m_s(quoted.meters()),
            launch: Launch::new(site.lat_deg(), site.lon_deg()),
            warm: Cell::new(None),
        };
        // The longest ground ranges are eastward, where the ground's speed adds most to the
        // inertial one and the Earth's turning takes from it: their inertial range bounds them.
        let farthest_m = range.launch.farthest_inertial_rad(range.speed_m_s) * EARTH_RADIUS_M;
        match farthest_m {
            m if m < FARTHEST_M => Ok(range),
            _ => Err(Error::invalid(
                Field::Range,
                &format!("{} km from {}", format_km(quoted.km()), site.name()),
                format!(
                    "with the Earth's rotation a ballistic range must stay short of {} km (fired east, this one could go round the globe); draw it over a non-rotating Earth",
                    format_km(FARTHEST_M / 1000.0)
                ),
            )),
        }
    }

    /// The quoted range, metres.
    pub fn quoted_m(&self) -> f64 {
        self.quoted_m
    }

    /// The burnout speed relative to the ground, m/s: that of the minimum-energy trajectory
    /// over the quoted range on a non-rotating Earth.
    pub fn burnout_speed_m_s(&self) -> f64 {
        self.speed_m_s
    }

    /// The range, metres, towards azimuth `bearing_deg` (degrees clockwise from north): the
    /// longest trajectory that comes down in that direction.
    pub fn range_m(&self, bearing_deg: f64) -> f64 {
        self.longest(bearing_deg).map_or(self.quoted_m, |t| t.0)
    }

    /// The longest trajectory towards `bearing_deg`: its range (metres) and its flight.
    pub fn longest(&self, bearing_deg: f64) -> Option<(f64, Flight)> {
        let bearing = bearing_deg.to_radians();
        let (impact, azimuth, gamma) = match self.warm.get() {
            Some((turn, gamma)) => self.launch.longest_from(self.speed_m_s, bearing, gamma, bearing + turn)?,
            None => self.launch.longest(self.speed_m_s, bearing)?,
        };
        let turn = (azimuth - bearing + std::f64::consts::PI).rem_euclid(std::f64::consts::TAU) - std::f64::consts::PI;
        self.warm.set(Some((turn, gamma)));
        Some((
            impact.range_rad * EARTH_RADIUS_M,
            Flight {
                time_s: impact.time_s,
                launch_azimuth_deg: azimuth.to_degrees().rem_euclid(360.0),
                flight_path_deg: gamma.to_degrees(),
                speed_m_s: self.speed_m_s,
            },
        ))
    }

    /// Whether `target` (x = lon, y = lat) is within the range: its geodesic distance is less
    /// than the range in its direction.
    pub fn contains(&self, target: Point) -> bool {
        let (distance_m, azimuth_deg) = inverse(self.center, target);
        distance_m < self.range_m(azimuth_deg)
    }

    /// The flight to `target` under rotation, if it is within the range: the trajectory with
    /// the least burnout speed that comes down there (the rotating counterpart of the
    /// minimum-energy trajectory the non-rotating flight time is given for).
    pub fn flight_to(&self, target: Point) -> Option<Flight> {
        let (distance_m, azimuth_deg) = inverse(self.center, target);
        if distance_m >= self.range_m(azimuth_deg) {
            return None;
        }
        if distance_m < 1.0 {
            return Some(Flight {
                time_s: 0.0,
                launch_azimuth_deg: azimuth_deg,
                flight_path_deg: 45.0,
                speed_m_s: 0.0,
            });
        }
        // The range grows with the burnout speed, nearly in proportion to the non-rotating range
        // that speed gives: scale that range until the longest trajectory lands on the target.
        let mut quoted_m = distance_m;
        for _ in 0..60 {
            let speed = burnout_speed_m_s(quoted_m);
            let (impact, azimuth, gamma) = self.launch.longest(speed, azimuth_deg.to_radians())?;
            let reached_m = impact.range_rad * EARTH_RADIUS_M;
            let flight = Flight {
                time_s: impact.time_s,
                launch_azimuth_deg: azimuth.to_degrees().rem_euclid(360.0),
                flight_path_deg: gamma.to_degrees(),
                speed_m_s: speed,
            };
            if (reached_m - distance_m).abs() < 1e-3 {
                return Some(flight);
            }
            quoted_m *= distance_m / reached_m;
        }
        None
    }

    /// The boundary as closed vertices in order of increasing azimuth (the region on the
    /// right), as [`GeodesicCircle::boundary_with_seam`](crate::GeodesicCircle::boundary_with_seam)
    /// gives a circle's: every vertex on the true boundary, every edge within `tolerance` of it,
    /// a vertex on every meridian `seam_deg` + k·360° crossed.
    pub fn boundary(&self, tolerance: Tolerance, seam_deg: f64) -> Vec<CircleVertex> {
        let sigma = self.quoted_m / MEAN_RADIUS_M;
        let curvature_per_m = (sigma.cos() / sigma.sin()).abs() / MEAN_RADIUS_M;
        trace(self, curvature_per_m, &[(0.0, 360.0)], tolerance, seam_deg).0
    }
}

impl Outline for RotatingRange {
    fn point_at(&self, azimuth_deg: f64) -> Point {
        destination(self.center, azimuth_deg, self.range_m(azimuth_deg))
    }
}

/// The region of `reach` around `site` over the rotating Earth, every limit a ballistic range
/// (see [`Reach::region_centred`], whose rules it follows).
pub fn region(reach: &Reach, site: &Site, tolerance: Tolerance, central_lon_deg: f64) -> Result<MultiPolygon> {
    let ranges = reach
        .limits()
        .iter()
        .map(|l| Ok((l.radius, RotatingRange::new(site, l.radius)?)))
        .collect::<Result<Vec<_>>>()?;
    let boundary = |radius: Radius, seam_deg: f64| {
        let range = ranges.iter().find(|(r, _)| *r == radius).map(|(_, range)| range).expect("every limit is solved");
        range.boundary(tolerance, seam_deg)
    };
    Ok(reach.region_traced(tolerance, central_lon_deg, &boundary))
}

/// The boundary of the range of `radius` around `site` over the rotating Earth as lon/lat
/// lines for drawing (see [`Reach::outline`]).
pub fn outline(site: &Site, radius: Radius, tolerance: Tolerance, central_lon_deg: f64) -> Result<Vec<LineString>> {
    let range = RotatingRange::new(site, radius)?;
    Ok(Reach::outline_traced(&range.boundary(tolerance, central_lon_deg + 180.0), central_lon_deg))
}

/// [`crate::overlay::features`] over `earth`: the overlays of ballistic systems ([`applies`]) laid
/// out by [`region`] over the rotating Earth, the others as geodesic circles.
pub fn features(
    origins: &[crate::origin::Origin],
    overlays: &[Overlay],
    tolerance: Tolerance,
    earth: Earth,
) -> Result<Vec<crate::overlay::RangeFeature>> {
    crate::overlay::features_with(origins, overlays, tolerance, &|overlay, origin| match (
        applies(overlay, earth),
        origin.site(),
    ) {
        (true, Some(site)) => overlay
            .reach
            .zones()
            .into_iter()
            .map(|(zone, part)| Ok((zone, region(&part, site, tolerance, 0.0)?)))
            .collect(),
        _ => origin.zones(&overlay.reach, tolerance, 0.0),
    })
}

/// Whether `overlay` is laid out over the rotating Earth on `earth`: only ballistic systems'
/// ranges are (cruise and glide missiles fly in the air, carried with it).
pub fn applies(overlay: &Overlay, earth: Earth) -> bool {
    earth == Earth::Rotating && overlay.flight.as_ref().is_some_and(|f| f.profile == Kind::Ballistic)
}

/// Why a ballistic range around a launch area is refused over the rotating Earth. The region
/// would be the union of the rotating regions from every point of the area; sampling the area's
/// boundary bounds its error only by the spacing of the samples (a launch point between two
/// samples reaches up to about that spacing beyond both), so a 10 m tolerance would take a
/// rotating region for every 10 m of the boundary — tens of thousands for a province — and
/// their union in a chart continuous across ±180° and the poles, which is not built. Drawing
/// the geodesic buffer instead would show the quoted range while saying the rotation is in.
pub const AREAS_REFUSED: &str = "over the rotating Earth a ballistic range is laid out around sites only: the region reached from anywhere in a launch area (the union of the rotating regions from every point of it) is not computed; give launch positions as sites, or draw the area over a non-rotating Earth";

/// Readies `overlays` around `sites` for `earth`: with `ballistic`, every plain range or band
/// (no system) is read as a ballistic range; over the rotating Earth every ballistic limit is
/// checked against the model's domain (errors name the field `range`), and one around a launch
/// area is refused ([`AREAS_REFUSED`]; field `area`). Returns the notes to print: which overlays
/// are left as quoted, and why.
pub fn prepare(overlays: &mut [Overlay], earth: Earth, ballistic: bool) -> Result<Vec<String>> {
    if ballistic {
        for overlay in overlays.iter_mut().filter(|o| o.system.is_none() && o.flight.is_none()) {
            overlay.flight = Some(FlightProfile {
                profile: Kind::Ballistic,
                boost_s: None,
                speed_kmh: None,
                source: "a plain range read as ballistic (--ballistic)".into(),
                date: None,
                note: None,
            });
        }
    }
    let mut notes = Vec::new();
    if earth == Earth::NonRotating {
        return Ok(notes);
    }
    for overlay in overlays.iter() {
        if applies(overlay, earth) {
            for site in overlay.sites() {
                for limit in overlay.reach.limits() {
                    RotatingRange::new(site, limit.radius)?;
                }
            }
            let areas: Vec<&str> = overlay.origins.iter().filter_map(|o| o.area()).map(|a| a.name.as_str()).collect();
            if !areas.is_empty() {
                return Err(Error::invalid(
                    Field::Area,
                    &format!("{} around {}", overlay.label, areas.join(", ")),
                    AREAS_REFUSED,
                ));
            }
        } else {
            let why = match &overlay.flight {
                Some(f) => format!("a {} system", f.kind_name()),
                None => "no flight profile (give --ballistic to read a plain range as ballistic)".into(),
            };
            notes.push(format!(
                "{}: drawn as quoted, {why}; the Earth's rotation is applied to ballistic systems only",
                overlay.label
            ));
        }
    }
    Ok(notes)
}
