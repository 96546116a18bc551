//! Totals of what lies within range of very many sites — a sweep over thousands of candidate
//! sites — exactly, without listing the places.
//!
//! Places are first taken a cell at a time (see `cells`): a cell the bound puts wholly inside or
//! outside the range adds its totals, or nothing, at once. The places of the other cells are
//! screened as in [`PlaceIndex::within`]: the rigorous spherical bound settles all
//! but a shell about ±0.5 % of the radius wide. A sweep over a populated region with a long
//! range finds hundreds of places in that shell for every candidate (2,776 km around Poland:
//! a shell 28 km wide), so the shell is narrowed further with the first-order
//! (Andoyer–Lambert) distance on the auxiliary sphere of reduced latitudes, before any place
//! takes Karney's inverse. Its error, measured against GeographicLib on 200,000 random pairs
//! up to 150° of arc apart (see `tests/sweep.rs`, which checks it again), is at most 6.7·10⁻⁶
//! of the distance (110 m at 16,700 km, 4.2 m at 3,000 km); a place is taken as settled by it
//! only when it lies more than 5·10⁻⁵ of the radius (7.5 times that error) inside or outside
//! the radius. Pairs more than 150° apart on the auxiliary sphere, where the formula loses
//! accuracy, and the rest of the narrowed shell take Karney's inverse, so every place is
//! classified as [`PlaceIndex::within`] classifies it.

use super::{Bound, Effort, PlaceIndex, distance_and_bearing};
use crate::area::Side;
use crate::geodesy::{WGS84_A_M, WGS84_F, unit_vector};
use crate::places::Place;
use crate::range::Reach;
use crate::site::Site;

/// Totals of the places within range, without their names.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Places within range.
    pub places: u64,
    /// Of which capitals.
    pub capitals: u64,
    /// Their summed population.
    pub population: u64,
}

impl Tally {
    pub(super) fn add(&mut self, place: &Place) {
        self.places += 1;
        self.capitals += u64::from(place.capital);
        self.population += place.population;
    }

    /// Adds another tally's totals (a whole cell's).
    fn merge(&mut self, other: &Tally) {
        self.places += other.places;
        self.capitals += other.capitals;
        self.population += other.population;
    }
}

/// The tally of one site: within its reach, and for an estimate within the low figure too.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tallies {
    /// Within the reach (an estimate's high figure).
    pub reach: Tally,
    /// For an estimate, within its low figure (in range under every figure).
    pub low: Option<Tally>,
}

/// Largest relative error of the first-order distance that the screen allows for: 7.5 times
/// the largest measured (6.63·10⁻⁶ of the distance, up to 150° of arc).
const LAMBERT_MARGIN: f64 = 5e-5;

/// Squared chord on the unit sphere of 150° of arc: beyond it the first-order distance is not
/// used.
const LAMBERT_MAX_CHORD2: f64 = 3.732_050_807_568_877; // 4 sin²(75°) = 2 + √3

/// A point on the auxiliary sphere: the unit vector at its reduced latitude.
pub(crate) fn reduced_unit(lat_deg: f64, lon_deg: f64) -> [f64; 3] {
    let beta = ((1.0 - WGS84_F) * lat_deg.to_radians().tan()).atan();
    let lat = if lat_deg.abs() == 90.0 { lat_deg.to_radians() } else { beta };
    let (sin_b, cos_b) = lat.sin_cos();
    let (sin_l, cos_l) = lon_deg.to_radians().sin_cos();
    [cos_b * cos_l, cos_b * sin_l, sin_b]
}

/// The first-order (Andoyer–Lambert) geodesic distance, metres, between two points given as
/// unit vectors on the auxiliary sphere; None where it is not trusted (more than 150° of arc,
/// or the same point).
pub(crate) fn lambert_distance_m(a: &[f64; 3], b: &[f64; 3]) -> Option<f64> {
    let (dx, dy, dz) = (a[0] - b[0], a[1] - b[1], a[2] - b[2]);
    let c2 = dx * dx + dy * dy + dz * dz;
    if !(1e-20..=LAMBERT_MAX_CHORD2).contains(&c2) {
        return None;
    }
    let sigma = 2.0 * (0.5 * c2.sqrt()).min(1.0).asin();
    let sin_sigma = sigma.sin();
    // With P, Q the half sum and half difference of the reduced latitudes:
    // sin P cos Q = (sin β₁ + sin β₂)/2 and cos P sin Q = (sin β₂ − sin β₁)/2.
    let sum = 0.5 * (a[2] + b[2]);
    let diff = 0.5 * (b[2] - a[2]);
    let x = (sigma - sin_sigma) * sum * sum / (1.0 - 0.25 * c2);
    let y = (sigma + sin_sigma) * diff * diff / (0.25 * c2);
    Some(WGS84_A_M * (sigma - 0.5 * WGS84_F * (x + y)))
}

/// [`lambert_distance_m`] between two positions (degrees), for tests of its accuracy.
pub fn first_order_distance_m(lat1_deg: f64, lon1_deg: f64, lat2_deg: f64, lon2_deg: f64) -> Option<f64> {
    lambert_distance_m(&reduced_unit(lat1_deg, lon1_deg), &reduced_unit(lat2_deg, lon2_deg))
}

impl Bound {
    /// [`Bound::closer`], with the shell narrowed by the first-order distance.
    fn closer_narrowed(
        &self,
        c2: f64,
        site: (&Site, &[f64; 3]),
        place: (&Place, &[f64; 3]),
        effort: &mut Effort,
    ) -> bool {
        if c2 < self.inside_below {
            return true;
        }
        if c2 >= self.outside_from {
            return false;
        }
        if let Some(d) = lambert_distance_m(site.1, place.1) {
            let margin = LAMBERT_MARGIN * self.radius_m;
            if d < self.radius_m - margin {
                return true;
            }
            if d >= self.radius_m + margin {
                return false;
            }
        }
        effort.exact += 1;
        distance_and_bearing(site.0, place.0).0 < self.radius_m
    }
}

impl PlaceIndex {
    /// The totals of the places within `reach` of `site` (and, for an estimate, within its low
    /// figure), exactly as [`PlaceIndex::within`] classifies them, with how much work it took.
    ///
    /// ```
    /// use reachmap_core::coverage::PlaceIndex;
    /// use reachmap_core::places::gazetteer;
    /// use reachmap_core::{Radius, Reach, Site};
    ///
    /// let index = PlaceIndex::new(gazetteer()?.to_vec());
    /// let kaliningrad = Site::new("Kaliningrad", 54.71, 20.51)?;
    /// let reach = Reach::Within(Radius::from_km(1_000.0, "range")?);
    /// let (tallies, _) = index.tally(&kaliningrad, &reach);
    /// assert_eq!(tallies.reach.places as usize, index.within(&kaliningrad, &reach).len());
    /// # Ok::<(), reachmap_core::Error>(())
    /// ```
    pub fn tally(&self, site: &Site, reach: &Reach) -> (Tallies, Effort) {
        let (inner, outer, low) = match *reach {
            Reach::Within(r) => (None, Bound::new(r.meters()), None),
            Reach::Estimate { low, high } => (None, Bound::new(high.meters()), Some(Bound::new(low.meters()))),
            Reach::Band { min, max } => (Some(Bound::new(min.meters())), Bound::new(max.meters()), None),
        };
        let mut effort = Effort::default();
        let mut tallies = Tallies { reach: Tally::default(), low: low.map(|_| Tally::default()) };
        let s_reduced = reduced_unit(site.lat_deg(), site.lon_deg());
        let s_unit = unit_vector(site.lat_deg(), site.lon_deg());
        let at = (site, &s_reduced);
        // Whole cells first: one settled by every bound adds its totals; the others' places
        // are classified one by one.
        let (from, to) = self.window(site, outer.radius_m);
        for (cell, chord) in self.cells.near(&s_unit, from, to) {
            let outer_side = cell.side(&outer, chord);
            let inner_side = inner.as_ref().map(|b| cell.side(b, chord));
            if outer_side == Side::Outside || inner_side == Some(Side::Inside) {
                effort.cells += 1;
                continue;
            }
            let low_side = low.as_ref().map(|b| cell.side(b, chord));
            if outer_side == Side::Inside && inner_side != Some(Side::Across) && low_side != Some(Side::Across) {
                effort.cells += 1;
                tallies.reach.merge(&cell.totals);
                if let (Some(Side::Inside), Some(tally)) = (low_side, &mut tallies.low) {
                    tally.merge(&cell.totals);
                }
                continue;
            }
            for &k in self.cells.members(cell) {
                let k = k as usize;
                effort.screened += 1;
                let u = self.units[k];
                let (dx, dy, dz) = (u[0] - s_unit[0], u[1] - s_unit[1], u[2] - s_unit[2]);
                let c2 = dx * dx + dy * dy + dz * dz;
                if c2 >= outer.outside_from {
                    continue;
                }
                let place = &self.places[self.order[k] as usize];
                let it = (place, &self.reduced[k]);
                if !outer.closer_narrowed(c2, at, it, &mut effort) {
                    continue;
                }
                if let Some(inner) = &inner
                    && inner.closer_narrowed(c2, at, it, &mut effort)
                {
                    continue;
                }
                tallies.reach.add(place);
                if let (Some(low), Some(tally)) = (&low, &mut tallies.low)
                    && low.closer_narrowed(c2, at, it, &mut effort)
                {
                    tally.add(place);
                }
            }
        }
        (tallies, effort)
    }
}

/// The unit vectors of `places` on the auxiliary sphere, in `order`.
pub(super) fn reduced_units(places: &[Place], order: &[u32]) -> Vec<[f64; 3]> {
    order.iter().map(|&i| reduced_unit(places[i as usize].lat, places[i as usize].lon)).collect()
}
