//! From where targets can be reached over the rotating Earth. The range depends on where the
//! missile is fired from and which way, so the launch points that reach a target are no longer
//! the disc around it: along each direction φ from the target, the launch point at distance d
//! reaches it when d equals the rotating range from that point towards the target, ρ_L(d)(θ),
//! solved for d by the secant method. The boundary is traced and cut like a circle's; a
//! footprint is the intersection (or union) of the targets' launch regions.

use std::cell::Cell;

use geo::{BooleanOps, MultiPolygon, Point};

use super::RotatingRange;
use super::trajectory::{Launch, burnout_speed_m_s};
use crate::circle::{Outline, trace};
use crate::cut::assemble;
use crate::error::{Error, Field, Result};
use crate::flight::EARTH_RADIUS_M;
use crate::footprint::Combine;
use crate::format::format_km;
use crate::geodesy::{MEAN_RADIUS_M, destination, inverse};
use crate::site::Site;
use crate::units::{Radius, Tolerance};

/// The launch points from which one target lies within a ballistic range over the rotating Earth.
#[derive(Debug, Clone)]
pub struct LaunchRegion {
    target: Point,
    quoted_m: f64,
    speed_m_s: f64,
    /// The last launch point's solution (launch azimuth turn from the bearing, flight-path angle).
    warm: Cell<Option<(f64, f64)>>,
}

impl LaunchRegion {
    /// The region for `target` and the quoted ballistic range `quoted`; refused where the range
    /// is outside the model's domain from the target's latitude ([`RotatingRange::new`]).
    pub fn new(target: &Site, quoted: Radius) -> Result<LaunchRegion> {
        RotatingRange::new(target, quoted)?;
        Ok(LaunchRegion {
            target: target.point(),
            quoted_m: quoted.meters(),
            speed_m_s: burnout_speed_m_s(quoted.meters()),
            warm: Cell::new(None),
        })
    }

    /// The range from `launch` towards the target, metres, and whether it reaches it.
    fn reach_from(&self, launch: Point) -> (f64, f64) {
        let (distance_m, azimuth_deg) = inverse(launch, self.target);
        let site = Launch::new(launch.y(), launch.x());
        let bearing = azimuth_deg.to_radians();
        let solved = match self.warm.get() {
            Some((turn, gamma)) => site.longest_from(self.speed_m_s, bearing, gamma, bearing + turn),
            None => site.longest(self.speed_m_s, bearing),
        };
        match solved {
            Some((impact, azimuth, gamma)) => {
                let turn =
                    (azimuth - bearing + std::f64::consts::PI).rem_euclid(std::f64::consts::TAU) - std::f64::consts::PI;
                self.warm.set(Some((turn, gamma)));
                (impact.range_rad * EARTH_RADIUS_M, distance_m)
            }
            None => (self.quoted_m, distance_m),
        }
    }

    /// How far from the target, metres, along azimuth `azimuth_deg` the farthest launch point
    /// that still reaches it lies.
    pub fn distance_m(&self, azimuth_deg: f64) -> f64 {
        // g(d) = range from the point d away, towards the target, less d: zero at the boundary.
        let g = |d: f64| {
            let (range_m, back_m) = self.reach_from(destination(self.target, azimuth_deg, d));
            range_m - back_m
        };
        let (mut d0, mut g0) = (self.quoted_m, g(self.quoted_m));
        let mut d1 = d0 + g0;
        for _ in 0..30 {
            let g1 = g(d1);
            if g1.abs() < 1e-4 || d1 == d0 {
                return d1;
            }
            let step = if g1 != g0 { g1 * (d1 - d0) / (g1 - g0) } else { g1 };
            (d0, g0) = (d1, g1);
            d1 -= step;
        }
        d1
    }

    /// Whether a missile fired from `launch` (x = lon, y = lat) reaches the target.
    pub fn contains(&self, launch: Point) -> bool {
        let (range_m, distance_m) = self.reach_from(launch);
        distance_m < range_m
    }

    /// The region as RFC 7946 lon/lat polygons, edges within `tolerance` of the true boundary.
    pub fn region(&self, tolerance: Tolerance) -> MultiPolygon {
        let sigma = self.quoted_m / MEAN_RADIUS_M;
        let curvature_per_m = (sigma.cos() / sigma.sin()).abs() / MEAN_RADIUS_M;
        let mut curve: Vec<Point> =
            trace(self, curvature_per_m, &[(0.0, 360.0)], tolerance, 180.0).0.into_iter().map(|v| v.point).collect();
        // Increasing azimuth has the region on the right; reversed, on the left.
        curve.reverse();
        assemble(&[curve])
    }
}

impl Outline for LaunchRegion {
    fn point_at(&self, azimuth_deg: f64) -> Point {
        destination(self.target, azimuth_deg, self.distance_m(azimuth_deg))
    }
}

/// The launch points from which every target (`All`) or at least one (`Any`) lies within the
/// ballistic range `radius` over the rotating Earth. Refuses no targets and targets no launch
/// point reaches together (field `target`).
pub fn footprint(targets: &[Site], radius: Radius, combine: Combine, tolerance: Tolerance) -> Result<MultiPolygon> {
    use rayon::prelude::*;
    if targets.is_empty() {
        return Err(Error::invalid(Field::Target, "", "give at least one target"));
    }
    let regions: Vec<MultiPolygon> =
        targets.par_iter().map(|t| LaunchRegion::new(t, radius).map(|r| r.region(tolerance))).collect::<Result<_>>()?;
    let mut region = regions[0].clone();
    for other in &regions[1..] {
        region = match combine {
            Combine::All => region.intersection(other),
            Combine::Any => region.union(other),
        };
    }
    if region.0.is_empty() {
        let names: Vec<&str> = targets.iter().map(Site::name).collect();
        return Err(Error::invalid(
            Field::Target,
            &names.join(", "),
            format!(
                "no launch point reaches all of them within {} km, the Earth's rotation included",
                format_km(radius.km())
            ),
        ));
    }
    Ok(region)
}
