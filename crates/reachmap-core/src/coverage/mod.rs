//! What lies within range: places classified exactly by geodesic distance on WGS84, fast
//! enough for thousands of sites against the whole gazetteer.
//!
//! A place is within a [`Reach`] exactly when its Karney geodesic distance from the site is
//! (for a range) below the radius, or (for a band) at least the inner and below the outer
//! radius — the same rule the drawn regions follow. Most places are settled without a geodesic
//! solution by a rigorous bound: in geographic coordinates the WGS84 metric lies between the
//! unit sphere's metric scaled by the smallest radius of curvature (meridional, at the equator,
//! `a(1−e²)` = 6,335,439 m) and by the largest (prime vertical, at the poles, `a/√(1−e²)` =
//! 6,399,594 m). Every path is therefore between those multiples of its length on the sphere,
//! and so is the shortest one: `M_min·σ ≤ s ≤ N_max·σ`, where σ is the great-circle angle
//! between the two points placed on a sphere at their geographic latitudes and longitudes. A
//! place with `N_max·σ` below the radius is inside; one with `M_min·σ` at or above it is
//! outside; only the places between (a shell about ±0.5 % of the radius wide) take Karney's
//! inverse. Places are sorted by latitude, so only those within `r/M_min` of the site's
//! latitude are looked at.
//!
//! ```
//! use reachmap_core::places::gazetteer;
//! use reachmap_core::coverage::PlaceIndex;
//! use reachmap_core::{Radius, Reach, Site};
//!
//! let index = PlaceIndex::new(gazetteer()?.to_vec());
//! let kaliningrad = Site::new("Kaliningrad", 54.71, 20.51)?;
//! let within = index.within(&kaliningrad, &Reach::Within(Radius::from_km(600.0, "range")?));
//! let names: Vec<&str> = within.iter().map(|&i| index.places()[i].name.as_str()).collect();
//! assert!(names.contains(&"Berlin") && !names.contains(&"Paris"));
//! # Ok::<(), reachmap_core::Error>(())
//! ```

use geo::Point;

use crate::area::Side;
use crate::areas::NamedArea;
use crate::geodesy::{MIN_CURVATURE_RADIUS_M, inverse, max_curvature_radius_m, unit_vector};
use crate::places::Place;
use crate::range::Reach;
use crate::site::Site;
use crate::units::Radius;

mod cells;
mod counter;
mod report;
mod tally;

pub use counter::Counter;
pub use report::{Coverage, GridPeople, Listing, LowCoverage, TargetHit, measure_targets, report};
pub(crate) use tally::{LAMBERT_MARGIN, lambert_distance_m, reduced_unit};
pub use tally::{Tallies, Tally, first_order_distance_m};

/// Relative slack on the bound's thresholds for rounding in the chord computation (a few
/// ulps of a unit vector, far below a millimetre).
const ROUNDING: f64 = 1e-12;

/// The geodesic distance (metres) and the azimuth at the site (degrees clockwise from north,
/// in (−180, 180]) from `site` to `place`.
pub fn distance_and_bearing(site: &Site, place: &Place) -> (f64, f64) {
    inverse(site.point(), Point::new(place.lon, place.lat))
}

/// Places indexed for fast exact classification.
#[derive(Debug, Clone)]
pub struct PlaceIndex {
    places: Vec<Place>,
    /// Place indices sorted by latitude.
    order: Vec<u32>,
    /// Latitudes in that order, radians.
    lats: Vec<f64>,
    /// Unit vectors (x, y, z) on the sphere, in that order.
    units: Vec<[f64; 3]>,
    /// Unit vectors at the reduced latitudes (the auxiliary sphere), in that order.
    reduced: Vec<[f64; 3]>,
    /// The places grouped into cells about a degree across, for tallies.
    cells: cells::Cells,
}

/// How a classification was settled, for reporting.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Effort {
    /// Site–place pairs looked at (inside the latitude window).
    pub screened: u64,
    /// Pairs that needed Karney's inverse.
    pub exact: u64,
    /// Whole cells of places settled at once (by [`PlaceIndex::tally`]).
    pub cells: u64,
}

/// A cell with the largest chord from a site to any of its members, ordered by that chord.
struct Farthest<'a>(f64, &'a cells::Cell);

impl PartialEq for Farthest<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.0.total_cmp(&other.0).is_eq()
    }
}

impl Eq for Farthest<'_> {}

impl PartialOrd for Farthest<'_> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Farthest<'_> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

/// The squared chord on the unit sphere for a great-circle angle `sigma` (radians, ≤ π).
fn chord2(sigma: f64) -> f64 {
    let half = (0.5 * sigma).min(std::f64::consts::FRAC_PI_2).sin();
    4.0 * half * half
}

/// A circle of radius `radius_m` as thresholds on the squared chord.
#[derive(Debug, Clone, Copy)]
struct Bound {
    radius_m: f64,
    /// Below this the place is surely inside.
    inside_below: f64,
    /// At or above this the place is surely outside.
    outside_from: f64,
}

impl Bound {
    fn new(radius_m: f64) -> Bound {
        let inside_below = chord2(radius_m / max_curvature_radius_m()) * (1.0 - ROUNDING);
        // Beyond half a turn on the sphere nothing is surely outside.
        let sigma_out = radius_m / MIN_CURVATURE_RADIUS_M;
        let outside_from =
            if sigma_out >= std::f64::consts::PI { f64::INFINITY } else { chord2(sigma_out) * (1.0 + ROUNDING) };
        Bound { radius_m, inside_below, outside_from }
    }

    /// Where a cap of radius `radius` (a chord) lies, its centre `chord` from the site: wholly
    /// inside only if its farthest point surely is, wholly outside only if its nearest point
    /// surely is. The chord is a distance, so every point of the cap lies `chord ± radius` away.
    fn side_of(&self, chord: f64, radius: f64) -> Side {
        let (far, near) = (chord + radius, (chord - radius).max(0.0));
        if far * far < self.inside_below {
            Side::Inside
        } else if near * near >= self.outside_from {
            Side::Outside
        } else {
            Side::Across
        }
    }

    /// Whether the place is closer than the radius, exactly.
    fn closer(&self, c2: f64, site: &Site, place: &Place, effort: &mut Effort) -> bool {
        if c2 < self.inside_below {
            true
        } else if c2 >= self.outside_from {
            false
        } else {
            effort.exact += 1;
            distance_and_bearing(site, place).0 < self.radius_m
        }
    }
}

impl PlaceIndex {
    /// Indexes `places`.
    pub fn new(places: Vec<Place>) -> PlaceIndex {
        let mut order: Vec<u32> = (0..places.len() as u32).collect();
        order.sort_by(|&a, &b| places[a as usize].lat.total_cmp(&places[b as usize].lat).then(a.cmp(&b)));
        let lats: Vec<f64> = order.iter().map(|&i| places[i as usize].lat.to_radians()).collect();
        let units: Vec<[f64; 3]> =
            order.iter().map(|&i| unit_vector(places[i as usize].lat, places[i as usize].lon)).collect();
        let reduced = tally::reduced_units(&places, &order);
        let cells = cells::Cells::new(&places, &order, &lats, &units);
        PlaceIndex { places, order, lats, units, reduced, cells }
    }

    /// The places, in the order given.
    pub fn places(&self) -> &[Place] {
        &self.places
    }

    /// The places (by their position in latitude order) that may lie within `radius_m` of
    /// `site`, each with its squared chord to the site on the unit sphere: every place in the
    /// latitude window outside which none can be that close. |Δφ| ≤ σ and s ≥ M_min·σ, so
    /// nothing farther in latitude than r/M_min can be inside.
    fn screened(&self, site: &Site, radius_m: f64) -> impl Iterator<Item = (usize, f64)> + '_ {
        let (south, north) = self.window(site, radius_m);
        let from = self.lats.partition_point(|&l| l < south);
        let to = self.lats.partition_point(|&l| l <= north);
        let s = unit_vector(site.lat_deg(), site.lon_deg());
        (from..to).map(move |k| {
            let u = self.units[k];
            let (dx, dy, dz) = (u[0] - s[0], u[1] - s[1], u[2] - s[2]);
            (k, dx * dx + dy * dy + dz * dz)
        })
    }

    /// The latitudes (radians) between which a place may lie within `radius_m` of `site`.
    fn window(&self, site: &Site, radius_m: f64) -> (f64, f64) {
        let window = radius_m / MIN_CURVATURE_RADIUS_M;
        let lat = site.lat_deg().to_radians();
        (lat - window, lat + window)
    }

    /// Indices (into [`PlaceIndex::places`]) of the places within `reach` of `site`, ascending.
    pub fn within(&self, site: &Site, reach: &Reach) -> Vec<usize> {
        self.within_counted(site, reach).0
    }

    /// [`PlaceIndex::within`], with how much work it took.
    pub fn within_counted(&self, site: &Site, reach: &Reach) -> (Vec<usize>, Effort) {
        let (inner, outer) = match *reach {
            Reach::Within(r) | Reach::Estimate { high: r, .. } => (None, Bound::new(r.meters())),
            Reach::Band { min, max } => (Some(Bound::new(min.meters())), Bound::new(max.meters())),
        };
        self.between(site, inner, outer)
    }

    /// Indices of the places closer than `radius_m` (any length, even past the antipodal
    /// limit) to `site`, ascending.
    fn within_radius_m(&self, site: &Site, radius_m: f64) -> Vec<usize> {
        self.between(site, None, Bound::new(radius_m)).0
    }

    /// The exact geodesic distance (metres) of the farthest place closer than `radius_m` to
    /// `site`, if any: how much spare range a site has beyond what it counts. The rigorous
    /// bound gives each place within range a floor and a ceiling on its distance; only the
    /// places whose ceiling reaches the largest floor take Karney's inverse. Cells are looked at
    /// from the one whose members may lie farthest: once a cell's ceiling falls below the
    /// largest floor found, neither it nor any after it can hold the farthest place.
    pub fn farthest_within_m(&self, site: &Site, radius_m: f64) -> Option<f64> {
        let bound = Bound::new(radius_m);
        let (m_min, n_max) = (MIN_CURVATURE_RADIUS_M, max_curvature_radius_m());
        let angle = |c2: f64| 2.0 * (0.5 * c2.sqrt()).min(1.0).asin();
        let s = unit_vector(site.lat_deg(), site.lon_deg());
        let (from, to) = self.window(site, radius_m);
        // The cells that may hold a place within range, each with the largest chord from the
        // site to any member, taken farthest first (a heap: most are never taken).
        let mut cells: std::collections::BinaryHeap<Farthest> = self
            .cells
            .near(&s, from, to)
            .filter(|(cell, chord)| cell.side(&bound, *chord) != Side::Outside)
            .map(|(cell, chord)| Farthest(cell.farthest_chord(chord), cell))
            .collect();
        let s_reduced = reduced_unit(site.lat_deg(), site.lon_deg());
        let mut floor = f64::NEG_INFINITY;
        // Places surely within range, with their distance's ceiling; or their exact distance.
        let mut inside: Vec<(usize, f64, bool)> = Vec::new();
        while let Some(Farthest(farthest_chord, cell)) = cells.pop() {
            if n_max * angle(farthest_chord * farthest_chord) * (1.0 + ROUNDING) < floor {
                break;
            }
            for &k in self.cells.members(cell) {
                let k = k as usize;
                let u = self.units[k];
                let c2 = (u[0] - s[0]).powi(2) + (u[1] - s[1]).powi(2) + (u[2] - s[2]).powi(2);
                if c2 >= bound.outside_from {
                    continue;
                }
                // The rigorous bound, then the first-order distance's (within LAMBERT_MARGIN of
                // itself) where it is trusted: a place that cannot be the farthest within range
                // is passed over.
                let sigma = angle(c2);
                let (mut low, mut high) = (m_min * sigma * (1.0 - ROUNDING), n_max * sigma * (1.0 + ROUNDING));
                if high < floor || low >= radius_m {
                    continue;
                }
                if let Some(d) = lambert_distance_m(&s_reduced, &self.reduced[k]) {
                    (low, high) = (low.max(d * (1.0 - LAMBERT_MARGIN)), high.min(d * (1.0 + LAMBERT_MARGIN)));
                    if high < floor || low >= radius_m {
                        continue;
                    }
                }
                if high < radius_m {
                    floor = floor.max(low);
                    inside.push((k, high, false));
                } else {
                    let d = distance_and_bearing(site, &self.places[self.order[k] as usize]).0;
                    if d < radius_m {
                        floor = floor.max(d);
                        inside.push((k, d, true));
                    }
                }
            }
        }
        inside
            .into_iter()
            .filter(|&(_, ceiling, _)| ceiling >= floor)
            .map(
                |(k, d, exact)| {
                    if exact { d } else { distance_and_bearing(site, &self.places[self.order[k] as usize]).0 }
                },
            )
            .reduce(f64::max)
    }

    /// The places closer than `outer` and not closer than `inner`, ascending, and the work.
    fn between(&self, site: &Site, inner: Option<Bound>, outer: Bound) -> (Vec<usize>, Effort) {
        let mut effort = Effort::default();
        let mut found = Vec::new();
        for (k, c2) in self.screened(site, outer.radius_m) {
            effort.screened += 1;
            if c2 >= outer.outside_from {
                continue;
            }
            let place = &self.places[self.order[k] as usize];
            if !outer.closer(c2, site, place, &mut effort) {
                continue;
            }
            if let Some(inner) = &inner
                && inner.closer(c2, site, place, &mut effort)
            {
                continue;
            }
            found.push(self.order[k] as usize);
        }
        found.sort_unstable();
        (found, effort)
    }
}

/// A place within reach, with its exact distance and bearing from the site.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Index into the places.
    pub place: usize,
    /// Geodesic distance from the site, metres.
    pub distance_m: f64,
    /// Azimuth at the site, degrees clockwise from north in [0, 360); none from a launch area,
    /// nor to a place at the site itself.
    pub bearing_deg: Option<f64>,
    /// For an estimate, whether the place is within its low figure too (in range under every
    /// figure); None for ranges and bands.
    pub within_low: Option<bool>,
    /// The flight time to the place, seconds, by the system's flight profile, if it has one.
    pub flight_s: Option<f64>,
}

/// Totals for one site and one reach.
#[derive(Debug, Clone, PartialEq)]
pub struct Totals {
    /// Places within reach.
    pub places: usize,
    /// Of which capitals.
    pub capitals: usize,
    /// Their summed population.
    pub population: u64,
    /// Distinct countries (ISO codes) with at least one place within reach, sorted.
    pub countries: Vec<String>,
}

impl PlaceIndex {
    /// The places within `reach` of `site`, nearest first, with distance and bearing.
    pub fn hits(&self, site: &Site, reach: &Reach) -> Vec<Hit> {
        let mut hits: Vec<Hit> = self
            .within(site, reach)
            .into_iter()
            .map(|i| {
                let p = &self.places[i];
                let (distance_m, azimuth) = distance_and_bearing(site, p);
                let within_low = reach.low().map(|low| distance_m < low.meters());
                let bearing_deg = (distance_m > 0.0).then(|| azimuth.rem_euclid(360.0));
                Hit { place: i, distance_m, bearing_deg, within_low, flight_s: None }
            })
            .collect();
        hits.sort_by(|a, b| a.distance_m.total_cmp(&b.distance_m).then(a.place.cmp(&b.place)));
        hits
    }

    /// The population within range of `site` as the range grows to `radius`: for each place
    /// within it, nearest first, its distance (km) and the summed population of it and every
    /// place nearer. Exact, as [`PlaceIndex::hits`].
    pub fn population_by_range(&self, site: &Site, radius: Radius) -> Vec<(f64, u64)> {
        let mut total = 0;
        self.hits(site, &Reach::Within(radius))
            .into_iter()
            .map(|hit| {
                total += self.places[hit.place].population;
                (hit.distance_m / 1000.0, total)
            })
            .collect()
    }

    /// Totals over a set of place indices.
    pub fn totals(&self, indices: impl IntoIterator<Item = usize>) -> Totals {
        let mut totals = Totals { places: 0, capitals: 0, population: 0, countries: Vec::new() };
        for i in indices {
            let p = &self.places[i];
            totals.places += 1;
            totals.capitals += usize::from(p.capital);
            totals.population += p.population;
            totals.countries.push(p.country_code.clone());
        }
        totals.countries.sort();
        totals.countries.dedup();
        totals
    }
}

impl PlaceIndex {
    /// The places within `reach` of a launch area — measured from its nearest point (0 inside
    /// it), exactly — nearest first, without bearings. Places are screened around the centre c
    /// of the area's bounding box: with ρ the largest distance from c to a vertex of the area
    /// (plus a margin for edges), a place farther than R + ρ from c is out of range; those
    /// nearer take the exact distance to the area.
    pub fn hits_from_area(&self, area: &NamedArea, reach: &Reach) -> crate::Result<Vec<Hit>> {
        use geo::BoundingRect;
        let outline = area.area.outline();
        let centre = outline.bounding_rect().map(|b| b.center()).unwrap_or_default();
        let screen_site = Site::new(&area.name, centre.y, centre.x)?;
        // Edges are straight in lon/lat and at most a quarter degree long in the area's own
        // pieces, but the bound is taken over the vertices given; a kilometre of margin covers
        // how far an edge may bulge beyond its ends.
        let rho = outline
            .0
            .iter()
            .flat_map(|l| &l.0)
            .map(|c| crate::geodesy::distance_m(centre.into(), (*c).into()))
            .fold(0.0, f64::max)
            + 1_000.0;
        // Past the antipodal limit everything is within the screen.
        let screen_m = (reach.outer().meters() + rho).min(crate::geodesy::ANTIPODAL_LIMIT_M);
        let mut hits: Vec<Hit> = Vec::new();
        for i in self.within_radius_m(&screen_site, screen_m) {
            let place = &self.places[i];
            let distance_m = area.area.distance_m(Point::new(place.lon, place.lat));
            if !reach.contains_distance(distance_m) {
                continue;
            }
            let within_low = reach.low().map(|low| distance_m < low.meters());
            hits.push(Hit { place: i, distance_m, bearing_deg: None, within_low, flight_s: None });
        }
        hits.sort_by(|a, b| a.distance_m.total_cmp(&b.distance_m).then(a.place.cmp(&b.place)));
        Ok(hits)
    }
}
