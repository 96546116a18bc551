//! The report of what lies within range: for every origin and every overlay around it, the
//! places within range with their distances (or only their totals), the targets in range or
//! not, and the land; made from the classifier ([`super::PlaceIndex`]) and nothing else.

use super::{Bound, Hit, PlaceIndex, Totals};
use crate::area::{Cap, Side};
use crate::flight::FlightProfile;
use crate::geodesy::{chord, unit_vector};
use crate::origin::Origin;
use crate::overlay::Overlay;
use crate::range::Reach;
use crate::site::Site;
use crate::units::Radius;

/// People within a reach from a grid: within it (an estimate's high figure) and, for an
/// estimate, within its low figure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GridPeople {
    /// People in cells whose centre is within the reach.
    pub people: f64,
    /// For an estimate, people in cells whose centre is within its low figure.
    pub people_within_low: Option<f64>,
}

/// Everything reported for one site or launch area and one range or band.
#[derive(Debug, Clone)]
pub struct Coverage {
    /// The site or area the range is measured from (from an area: from its nearest point).
    pub origin: Origin,
    /// The range's label (a system's name and range, or the range itself).
    pub label: String,
    /// The range or band.
    pub reach: Reach,
    /// The places within it, nearest first.
    pub hits: Vec<Hit>,
    /// Their totals.
    pub totals: Totals,
    /// Each country's land within it, largest first, if asked for.
    pub land: Option<Vec<crate::area::CountryArea>>,
    /// For an estimate, what lies within its low figure: in range under every figure.
    pub within_low: Option<LowCoverage>,
    /// The system's flight profile, if it has one (each hit's `flight_s` follows it).
    pub flight: Option<FlightProfile>,
    /// The targets measured from it ([`measure_targets`]), in range or not; empty without.
    pub targets: Vec<TargetHit>,
    /// The people within it by a population grid (`population::count_into`); None without a
    /// grid.
    pub grid: Option<GridPeople>,
}

/// A target measured from a site or area: reported whether in range or not.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetHit {
    /// The target.
    pub target: crate::target::Target,
    /// Geodesic distance from the site (from an area: from its nearest point), metres.
    pub distance_m: f64,
    /// Azimuth at the site, degrees clockwise from north in [0, 360); none from an area or at
    /// 0 km.
    pub bearing_deg: Option<f64>,
    /// Whether it is within the reach (an estimate's high figure).
    pub within: bool,
    /// For an estimate, whether it is within the low figure too.
    pub within_low: Option<bool>,
    /// The flight time to it, seconds, by the system's flight profile, if it has one.
    pub flight_s: Option<f64>,
}

impl TargetHit {
    /// How far beyond the reach the target lies, metres (0 when within): beyond the outer
    /// limit, or for a band short of its inner one.
    pub fn beyond_m(&self, reach: &Reach) -> f64 {
        if self.within {
            return 0.0;
        }
        match *reach {
            Reach::Band { min, .. } if self.distance_m < min.meters() => min.meters() - self.distance_m,
            _ => self.distance_m - reach.outer().meters(),
        }
    }
}

/// Measures every target from each result's site or area: distance, bearing, in range under
/// each figure, flight time — every target, in range or not, in the order given.
pub fn measure_targets(results: &mut [Coverage], targets: &[crate::target::Target]) {
    use rayon::prelude::*;
    results.par_iter_mut().for_each(|r| {
        r.targets = targets
            .iter()
            .map(|t| {
                let (distance_m, bearing_deg) = r.origin.measure(t.point());
                TargetHit {
                    target: t.clone(),
                    distance_m,
                    bearing_deg,
                    within: r.reach.contains_distance(distance_m),
                    within_low: r.reach.low().map(|low| distance_m < low.meters()),
                    flight_s: r.flight.as_ref().map(|f| f.time_s(distance_m)),
                }
            })
            .collect();
    });
}

/// What lies within an estimate's low figure.
#[derive(Debug, Clone, PartialEq)]
pub struct LowCoverage {
    /// The low figure.
    pub radius: Radius,
    /// The totals of the places within it.
    pub totals: Totals,
    /// Each country's land within it, largest first, if asked for.
    pub land: Option<Vec<crate::area::CountryArea>>,
}

impl LowCoverage {
    /// All land within the low figure, km², if computed.
    pub fn land_km2(&self) -> Option<f64> {
        self.land.as_ref().map(|l| l.iter().map(|a| a.km2).sum())
    }
}

impl Coverage {
    /// All land within the range, km², if computed.
    pub fn land_km2(&self) -> Option<f64> {
        self.land.as_ref().map(|l| l.iter().map(|a| a.km2).sum())
    }
}

/// Tolerance of the regions whose land is measured: 100 m of a 5,500 km circle changes its
/// area by under 0.005 %.
const LAND_TOLERANCE: crate::units::Tolerance = crate::units::Tolerance::const_m(100.0);

/// Where a country (its [`Cap`]) lies against the region of `reach` around `site` drawn at
/// [`LAND_TOLERANCE`], by the rigorous bound: wholly inside only if every point of it is surely
/// nearer than the radius less the tolerance (the region's edges lie within the tolerance of the
/// true circle, so nothing that near is outside the drawn region), wholly outside only if surely
/// farther than the radius plus the tolerance.
fn land_side(cap: &Cap, site: &Site, reach: &Reach) -> Side {
    let margin = LAND_TOLERANCE.meters() + 1.0;
    let s = unit_vector(site.lat_deg(), site.lon_deg());
    let d = chord(&s, &cap.centre);
    // Every point surely nearer than `radius_m`, or surely at least that far.
    let all_nearer = |radius_m: f64| radius_m > 0.0 && Bound::new(radius_m).side_of(d, cap.chord) == Side::Inside;
    let all_farther = |radius_m: f64| Bound::new(radius_m).side_of(d, cap.chord) == Side::Outside;
    match *reach {
        Reach::Within(r) | Reach::Estimate { high: r, .. } => {
            if all_nearer(r.meters() - margin) {
                Side::Inside
            } else if all_farther(r.meters() + margin) {
                Side::Outside
            } else {
                Side::Across
            }
        }
        Reach::Band { min, max } => {
            if all_farther(max.meters() + margin) || all_nearer(min.meters() - margin) {
                Side::Outside
            } else if all_nearer(max.meters() - margin) && all_farther(min.meters() + margin) {
                Side::Inside
            } else {
                Side::Across
            }
        }
    }
}

/// What a report needs: every place with its distance and bearing, or only the totals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listing {
    /// Each place within range with its exact distance, bearing (and flight time).
    Places,
    /// Totals only: places are classified, not measured — much faster for many sites.
    Totals,
}

/// For every origin (in the order of `origins`: see [`crate::overlay::pairs`]) and every overlay
/// drawn around it: the places within range — with `Listing::Places` each with its distance and
/// bearing, nearest first, with `Listing::Totals` none listed — their totals (under both figures
/// for an estimate), and with `land` each country's land within range. From a launch area,
/// distances are from its nearest point (0 inside it) and there is no bearing. Pairs are
/// computed in parallel.
pub fn report(
    index: &PlaceIndex,
    origins: &[Origin],
    overlays: &[Overlay],
    detail: Listing,
    land: bool,
) -> crate::Result<Vec<Coverage>> {
    use rayon::prelude::*;
    let pairs: Vec<(usize, &Overlay, &Origin)> = crate::overlay::pairs(origins, overlays).collect();
    pairs.par_iter().map(|&(_, overlay, origin)| coverage(index, origin, overlay, detail, land)).collect()
}

/// What [`report`] gives for one origin and one overlay.
fn coverage(
    index: &PlaceIndex,
    origin: &Origin,
    overlay: &Overlay,
    detail: Listing,
    land: bool,
) -> crate::Result<Coverage> {
    let reach = &overlay.reach;
    let (hits, totals, low_totals) = match (origin, detail) {
        (Origin::Site(site), Listing::Totals) => {
            let totals = index.totals(index.within(site, reach));
            let low = match reach.low() {
                Some(low) => index.totals(index.within(site, &Reach::Within(low))),
                None => index.totals(std::iter::empty()),
            };
            (Vec::new(), totals, low)
        }
        _ => {
            let mut hits = match origin {
                Origin::Site(site) => index.hits(site, reach),
                Origin::Area(area) => index.hits_from_area(area, reach)?,
            };
            if let Some(flight) = &overlay.flight {
                for hit in &mut hits {
                    hit.flight_s = Some(flight.time_s(hit.distance_m));
                }
            }
            let totals = index.totals(hits.iter().map(|h| h.place));
            let low = index.totals(hits.iter().filter(|h| h.within_low == Some(true)).map(|h| h.place));
            (hits, totals, low)
        }
    };
    let land_within = |reach: &Reach| -> crate::Result<Option<Vec<crate::area::CountryArea>>> {
        if !land {
            return Ok(None);
        }
        Ok(Some(match origin {
            Origin::Site(site) => {
                let region = reach.region(site, LAND_TOLERANCE);
                crate::area::country_areas_sided(&region, &|cap: &Cap| land_side(cap, site, reach))?
            }
            Origin::Area(area) => crate::area::country_areas(&area.region(reach, LAND_TOLERANCE)?)?,
        }))
    };
    let within_low = match reach.low() {
        Some(radius) => Some(LowCoverage { radius, totals: low_totals, land: land_within(&Reach::Within(radius))? }),
        None => None,
    };
    Ok(Coverage {
        origin: origin.clone(),
        label: overlay.label.clone(),
        reach: overlay.reach,
        land: land_within(reach)?,
        hits,
        totals,
        within_low,
        flight: overlay.flight.clone(),
        targets: Vec::new(),
        grid: None,
    })
}
