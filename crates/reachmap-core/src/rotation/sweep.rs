//! Sweeps over the rotating Earth: each candidate's places counted by the ballistic range in
//! each place's direction — a place is within range when its geodesic distance is less than
//! the rotating range from the candidate towards it ([`RotatingRange::contains`]), exactly.
//!
//! The range by direction depends on the launch latitude only (the physics is on a sphere
//! turning about its axis), so it is tabulated once per latitude and limit — every degree of
//! azimuth, its interpolation error measured at every half degree — and shared by the
//! candidates of a grid row. A place is settled by bounds wherever they leave no doubt: the
//! rigorous spherical bound on its distance (see [`crate::coverage`]), then the first-order
//! distance (within 5·10⁻⁵ of it, 7.5 times its largest measured error) against the table's
//! least and greatest range, then against the range over the directions the place may lie in:
//! its azimuth on the auxiliary sphere of reduced latitudes, within [`azimuth_bound_rad`] of the
//! geodesic one. The others take Karney's inverse, are compared with the interpolated range,
//! and the few within its error of the boundary with the range solved in their own direction.

use std::collections::HashMap;

use rayon::prelude::*;

use super::RotatingRange;
use crate::coverage::{Counter, PlaceIndex, Tallies, Tally, lambert_distance_m, reduced_unit};
use crate::error::Result;
use crate::geodesy::{MIN_CURVATURE_RADIUS_M, WGS84_F, inverse, max_curvature_radius_m, unit_vector};
use crate::places::Place;
use crate::range::Reach;
use crate::site::Site;
use crate::units::Radius;

/// Relative error allowed for the first-order distance (as [`crate::coverage`]'s tally allows).
const LAMBERT_MARGIN: f64 = 5e-5;

/// Relative slack on the spherical bound for rounding.
const ROUNDING: f64 = 1e-12;

/// Largest arc (radians on the sphere) over which the auxiliary sphere's azimuth is used.
const AZIMUTH_MAX_ARC_RAD: f64 = 2.6;

/// How far, radians, the geodesic azimuth at the start of a geodesic σ radians long (on the
/// auxiliary sphere) may lie from the azimuth of the great circle on the auxiliary sphere of
/// reduced latitudes through the same longitudes. The geodesic is that sphere's great circle
/// through longitude ω₂ (Bessel), which differs from λ₂ by f·sin α₀·σ to first order in the
/// flattening; moving the end point's longitude by δ turns the starting azimuth by at most
/// δ·cos β₂ / sin σ. So the difference is at most f·σ / sin σ to first order; twice that,
/// and 10⁻⁹ more, is allowed (`tests/rotation_sweep.rs` measures the ratio on random pairs).
pub fn azimuth_bound_rad(sigma_rad: f64) -> f64 {
    2.0 * WGS84_F * sigma_rad / sigma_rad.sin().max(1e-12) + 1e-9
}

/// The azimuth, degrees, at `a` of the great circle to `b` on the auxiliary sphere (both unit
/// vectors at reduced latitude and geographic longitude).
fn sphere_azimuth_deg(a: &[f64; 3], b: &[f64; 3]) -> f64 {
    let horizontal = a[0].hypot(a[1]);
    if horizontal < 1e-15 {
        // At a pole every direction is south (or north); Karney's answer is by longitude.
        return f64::NAN;
    }
    let (cos_l, sin_l) = (a[0] / horizontal, a[1] / horizontal);
    let east = -sin_l * b[0] + cos_l * b[1];
    let north = -a[2] * (cos_l * b[0] + sin_l * b[1]) + horizontal * b[2];
    east.atan2(north).to_degrees()
}

/// `sphere_azimuth_deg` between two positions (degrees), and the arc between them on the
/// auxiliary sphere (radians): for tests of [`azimuth_bound_rad`].
#[doc(hidden)]
pub fn first_order_azimuth(lat1_deg: f64, lon1_deg: f64, lat2_deg: f64, lon2_deg: f64) -> (f64, f64) {
    let (a, b) = (reduced_unit(lat1_deg, lon1_deg), reduced_unit(lat2_deg, lon2_deg));
    let c = ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt();
    (sphere_azimuth_deg(&a, &b), 2.0 * (0.5 * c).min(1.0).asin())
}

/// The rotating range from one latitude, tabulated by direction.
#[derive(Debug, Clone)]
pub struct Directions {
    lat_deg: f64,
    quoted: Radius,
    /// The range at azimuths 0°, 1°, …, 359°, metres.
    range_m: Vec<f64>,
    /// How far, metres, the range between two tabulated azimuths may stray from the straight
    /// interpolation: twice the largest seen at the half degrees, and a metre more.
    error_m: f64,
    /// Less than the range in every direction, metres.
    least_m: f64,
    /// More than the range in every direction, metres.
    greatest_m: f64,
    /// More than the range's rate of change with azimuth anywhere, metres per degree.
    slope_m_per_deg: f64,
    /// Squared chords on the unit sphere below which a place is surely within the least
    /// range, and from which it is surely beyond the greatest (see [`crate::coverage`]: the
    /// distance lies between M_min·σ and N_max·σ).
    inside_below: f64,
    outside_from: f64,
}

/// The squared chord on the unit sphere for a great-circle angle `sigma` (radians, ≤ π).
fn chord2(sigma: f64) -> f64 {
    let half = (0.5 * sigma).min(std::f64::consts::FRAC_PI_2).sin();
    4.0 * half * half
}

impl Directions {
    /// The table for launches from `lat_deg` at the quoted ballistic range `quoted`; refused
    /// where [`RotatingRange::new`] refuses it.
    pub fn new(lat_deg: f64, quoted: Radius) -> Result<Directions> {
        let range = RotatingRange::new(&Site::new("candidate", lat_deg, 0.0)?, quoted)?;
        let range_m: Vec<f64> = (0..360).map(|k| range.range_m(k as f64)).collect();
        let mid_error_m = (0..360)
            .map(|k| (range.range_m(k as f64 + 0.5) - 0.5 * (range_m[k] + range_m[(k + 1) % 360])).abs())
            .fold(0.0, f64::max);
        let error_m = 2.0 * mid_error_m + 1.0;
        let least_m = range_m.iter().copied().fold(f64::INFINITY, f64::min) - error_m;
        let greatest_m = range_m.iter().copied().fold(0.0, f64::max) + error_m;
        // Between two samples the range strays at most `error_m` from the chord, so the slope
        // of its interpolation bounds the range over an interval within 2·error_m; half as much
        // again on the slope covers its bending between samples.
        let chord = (0..360).map(|k| (range_m[(k + 1) % 360] - range_m[k]).abs()).fold(0.0, f64::max);
        let slope_m_per_deg = 1.5 * chord + 4.0 * error_m;
        let inside_below = chord2(least_m.max(0.0) / max_curvature_radius_m()) * (1.0 - ROUNDING);
        let sigma_out = greatest_m / MIN_CURVATURE_RADIUS_M;
        let outside_from =
            if sigma_out >= std::f64::consts::PI { f64::INFINITY } else { chord2(sigma_out) * (1.0 + ROUNDING) };
        Ok(Directions {
            lat_deg,
            quoted,
            range_m,
            error_m,
            least_m,
            greatest_m,
            slope_m_per_deg,
            inside_below,
            outside_from,
        })
    }

    /// The range towards `azimuth_deg` interpolated between the tabulated directions, metres.
    pub fn interpolated_m(&self, azimuth_deg: f64) -> f64 {
        let t = azimuth_deg.rem_euclid(360.0);
        let k = (t.floor() as usize).min(359);
        let w = t - k as f64;
        (1.0 - w) * self.range_m[k] + w * self.range_m[(k + 1) % 360]
    }

    /// The range towards `azimuth_deg` solved in that direction, metres.
    pub fn exact_m(&self, azimuth_deg: f64) -> f64 {
        match Site::new("candidate", self.lat_deg, 0.0).and_then(|s| RotatingRange::new(&s, self.quoted)) {
            Ok(range) => range.range_m(azimuth_deg),
            Err(_) => self.interpolated_m(azimuth_deg),
        }
    }

    /// Whether a place `distance_m` away towards `azimuth_deg` is within the range.
    pub fn within(&self, distance_m: f64, azimuth_deg: f64) -> bool {
        let range_m = self.interpolated_m(azimuth_deg);
        if distance_m < range_m - self.error_m {
            true
        } else if distance_m >= range_m + self.error_m {
            false
        } else {
            distance_m < self.exact_m(azimuth_deg)
        }
    }
}

/// Places counted by the rotating range in each place's direction from candidate sites. It
/// counts from sites at the latitudes it was built for only (its tables are by latitude; the
/// sweep builds it from its candidates), and panics on another: a caller's mistake.
#[derive(Debug)]
pub struct RotatingCounter<'a> {
    index: &'a PlaceIndex,
    /// Place indices by latitude.
    order: Vec<u32>,
    /// Their latitudes, radians.
    lats: Vec<f64>,
    /// Their unit vectors on the sphere and on the auxiliary sphere.
    units: Vec<[f64; 3]>,
    reduced: Vec<[f64; 3]>,
    /// The tables, by latitude and quoted range (their bits).
    tables: HashMap<(u64, u64), Directions>,
}

/// The limits of a reach: an outer one, an inner one (a band's), a low one (an estimate's).
fn limits(reach: &Reach) -> (Radius, Option<Radius>, Option<Radius>) {
    match *reach {
        Reach::Within(r) => (r, None, None),
        Reach::Band { min, max } => (max, Some(min), None),
        Reach::Estimate { low, high } => (high, None, Some(low)),
    }
}

impl<'a> RotatingCounter<'a> {
    /// A counter over `index` for candidates at `latitudes_deg` (degrees) and every limit of
    /// `reach`, each a ballistic range; refuses a limit outside the model's domain from one
    /// of the latitudes (field `range`).
    pub fn new(index: &'a PlaceIndex, reach: &Reach, latitudes_deg: &[f64]) -> Result<RotatingCounter<'a>> {
        let mut keys: Vec<(f64, Radius)> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for &lat in latitudes_deg {
            for limit in reach.limits() {
                if seen.insert((lat.to_bits(), limit.radius.meters().to_bits())) {
                    keys.push((lat, limit.radius));
                }
            }
        }
        let tables = keys
            .par_iter()
            .map(|&(lat, r)| Ok(((lat.to_bits(), r.meters().to_bits()), Directions::new(lat, r)?)))
            .collect::<Result<HashMap<_, _>>>()?;
        let places = index.places();
        let mut order: Vec<u32> = (0..places.len() as u32).collect();
        order.sort_by(|&a, &b| places[a as usize].lat.total_cmp(&places[b as usize].lat).then(a.cmp(&b)));
        let at = |i: &u32| &places[*i as usize];
        Ok(RotatingCounter {
            index,
            lats: order.iter().map(|i| at(i).lat.to_radians()).collect(),
            units: order.iter().map(|i| unit_vector(at(i).lat, at(i).lon)).collect(),
            reduced: order.iter().map(|i| reduced_unit(at(i).lat, at(i).lon)).collect(),
            order,
            tables,
        })
    }

    fn table(&self, site: &Site, radius: Radius) -> &Directions {
        self.tables
            .get(&(site.lat_deg().to_bits(), radius.meters().to_bits()))
            .expect("a table for every candidate's latitude")
    }

    /// Every place that may lie within `outer`'s range of `site`; `visit` gets the place and a
    /// function telling whether it lies within a table's range (`outer`'s or a shorter one's),
    /// which works out only what the bounds need: the squared chord settles most places, then
    /// a floor and a ceiling on the distance, the azimuth on the auxiliary sphere, and last
    /// the exact distance and azimuth.
    fn visit(&self, site: &Site, outer: &Directions, mut visit: impl FnMut(&Place, &dyn Fn(&Directions) -> bool)) {
        let window = outer.greatest_m / MIN_CURVATURE_RADIUS_M;
        let lat = site.lat_deg().to_radians();
        let from = self.lats.partition_point(|&l| l < lat - window);
        let to = self.lats.partition_point(|&l| l <= lat + window);
        let s_unit = unit_vector(site.lat_deg(), site.lon_deg());
        let s_reduced = reduced_unit(site.lat_deg(), site.lon_deg());
        let (m_min, n_max) = (MIN_CURVATURE_RADIUS_M, max_curvature_radius_m());
        let places = self.index.places();
        for k in from..to {
            let u = self.units[k];
            let (dx, dy, dz) = (u[0] - s_unit[0], u[1] - s_unit[1], u[2] - s_unit[2]);
            let c2 = dx * dx + dy * dy + dz * dz;
            if c2 >= outer.outside_from {
                continue;
            }
            // M_min·σ ≤ s ≤ N_max·σ (see crate::coverage), narrowed by the first-order distance.
            let bounds = std::cell::OnceCell::new();
            let bounds = || {
                *bounds.get_or_init(|| {
                    let sigma = 2.0 * (0.5 * c2.sqrt()).min(1.0).asin();
                    let (mut floor, mut ceiling) = (m_min * sigma * (1.0 - ROUNDING), n_max * sigma * (1.0 + ROUNDING));
                    if let Some(d) = lambert_distance_m(&s_reduced, &self.reduced[k]) {
                        floor = floor.max(d * (1.0 - LAMBERT_MARGIN));
                        ceiling = ceiling.min(d * (1.0 + LAMBERT_MARGIN));
                    }
                    (floor, ceiling)
                })
            };
            let place = &places[self.order[k] as usize];
            let exact: std::cell::OnceCell<(f64, f64)> = std::cell::OnceCell::new();
            // The azimuth on the auxiliary sphere and how far the geodesic's may lie from it.
            let rough: std::cell::OnceCell<Option<(f64, f64)>> = std::cell::OnceCell::new();
            let within = |table: &Directions| {
                if c2 < table.inside_below {
                    return true;
                }
                if c2 >= table.outside_from {
                    return false;
                }
                let (floor, ceiling) = bounds();
                if ceiling < table.least_m {
                    return true;
                }
                if floor >= table.greatest_m {
                    return false;
                }
                let rough = rough.get_or_init(|| {
                    let r = &self.reduced[k];
                    let c =
                        ((s_reduced[0] - r[0]).powi(2) + (s_reduced[1] - r[1]).powi(2) + (s_reduced[2] - r[2]).powi(2))
                            .sqrt();
                    let arc = 2.0 * (0.5 * c).min(1.0).asin();
                    let azimuth = sphere_azimuth_deg(&s_reduced, r);
                    (arc < AZIMUTH_MAX_ARC_RAD && azimuth.is_finite())
                        .then(|| (azimuth, azimuth_bound_rad(arc).to_degrees()))
                });
                if let Some((azimuth, bound_deg)) = *rough {
                    let spread_m = table.slope_m_per_deg * bound_deg + table.error_m;
                    let range_m = table.interpolated_m(azimuth);
                    if ceiling < range_m - spread_m {
                        return true;
                    }
                    if floor >= range_m + spread_m {
                        return false;
                    }
                }
                let &(d, az) = exact.get_or_init(|| inverse(site.point(), geo::Point::new(place.lon, place.lat)));
                table.within(d, az)
            };
            visit(place, &within);
        }
    }
}

fn add(tally: &mut Tally, place: &Place) {
    tally.places += 1;
    tally.capitals += u64::from(place.capital);
    tally.population += place.population;
}

impl Counter for RotatingCounter<'_> {
    fn count(&self, site: &Site, reach: &Reach) -> Tallies {
        let (outer, inner, low) = limits(reach);
        let (outer, inner, low) =
            (self.table(site, outer), inner.map(|r| self.table(site, r)), low.map(|r| self.table(site, r)));
        let mut tallies = Tallies { reach: Tally::default(), low: low.map(|_| Tally::default()) };
        self.visit(site, outer, |place, within| {
            if !within(outer) || inner.is_some_and(within) {
                return;
            }
            add(&mut tallies.reach, place);
            if let (Some(t), Some(tally)) = (low, &mut tallies.low)
                && within(t)
            {
                add(tally, place);
            }
        });
        tallies
    }

    fn spare_m(&self, site: &Site, radius: Radius) -> Option<f64> {
        let table = self.table(site, radius);
        // Each place within range with its exact distance and azimuth; the spare range is the
        // least of (range that way − distance). The interpolated range bounds each place's
        // spare within the table's error; only those that may be the least are solved.
        let mut inside: Vec<(f64, f64)> = Vec::new();
        self.visit(site, table, |place, within| {
            if within(table) {
                inside.push(inverse(site.point(), geo::Point::new(place.lon, place.lat)));
            }
        });
        let ceiling = inside.iter().map(|&(d, az)| table.interpolated_m(az) + table.error_m - d).reduce(f64::min)?;
        inside
            .iter()
            .filter(|&&(d, az)| table.interpolated_m(az) - table.error_m - d <= ceiling)
            .map(|&(d, az)| table.exact_m(az) - d)
            .reduce(f64::min)
    }

    fn place_count(&self) -> usize {
        self.index.places().len()
    }
}
