//! How a sweep's candidates count the places within range: the seam between the place index
//! (geodesic distance) and other rules (the rotating Earth's range by direction).

use super::{PlaceIndex, Tallies};
use crate::range::Reach;
use crate::site::Site;
use crate::units::Radius;

/// How a candidate's places are counted: by geodesic distance ([`PlaceIndex`]), or by the
/// range in each place's direction over the rotating Earth
/// (`crate::rotation::sweep::RotatingCounter`).
pub trait Counter: Sync {
    /// What lies within `reach` of `site` (and within an estimate's low figure).
    fn count(&self, site: &Site, reach: &Reach) -> Tallies;
    /// The spare range, metres, beyond the place counted within `radius` of `site` that is
    /// nearest to falling out of range; None where none is counted.
    fn spare_m(&self, site: &Site, radius: Radius) -> Option<f64>;
    /// How many places there are to count.
    fn place_count(&self) -> usize;
}

impl Counter for PlaceIndex {
    fn count(&self, site: &Site, reach: &Reach) -> Tallies {
        self.tally(site, reach).0
    }

    fn spare_m(&self, site: &Site, radius: Radius) -> Option<f64> {
        self.farthest_within_m(site, radius.meters()).map(|d| radius.meters() - d)
    }

    fn place_count(&self) -> usize {
        self.places().len()
    }
}
