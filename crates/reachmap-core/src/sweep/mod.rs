//! Where to base: the value of every candidate site in a region — the population, capitals,
//! places or named targets within a range of it — exactly, for thousands of candidates at once.
//!
//! Candidates are a grid over a region ([`Grid`]: `step` apart on the ellipsoid) or a list.
//! Each candidate's value comes from [`PlaceIndex::tally`], which classifies every place as
//! [`PlaceIndex::within`] does (Karney's inverse where any bound leaves doubt), candidates in
//! parallel. A range, a band or an estimate (a system's low and high figures: the value at the
//! high figure, the low figure's alongside) may be swept.
//!
//! ```
//! use reachmap_core::coverage::PlaceIndex;
//! use reachmap_core::places::capitals;
//! use reachmap_core::sweep::{Grid, Metric, Region, sweep_grid};
//! use reachmap_core::{Radius, Reach};
//!
//! let index = PlaceIndex::new(capitals()?);
//! let poland = Region::countries(&["Poland".to_string()], "--country")?;
//! let grid = Grid::new(&poland, 50.0, "--step-km")?;
//! let reach = Reach::Within(Radius::from_km(500.0, "--range-km")?);
//! let result = sweep_grid(&index, &grid, &reach, Metric::Capitals)?;
//! // From somewhere in Poland, at least Warsaw, Berlin, Vilnius, Prague and Bratislava.
//! assert!(result.ranked[0].value >= 5);
//! # Ok::<(), reachmap_core::Error>(())
//! ```

use rayon::prelude::*;

pub use crate::coverage::Counter;
use crate::coverage::{PlaceIndex, Tallies, Tally};
use crate::error::{Error, Field, Result};
use crate::population::PopulationGrid;
use crate::range::Reach;
use crate::site::Site;

mod ask;
mod grid;
mod job;

pub use ask::{Ask, Choice, Given, MAX_BEST, Swept, Where};
pub use grid::{DEFAULT_CANDIDATES, Grid, GridPoint, GridValues, MAX_CANDIDATES, Region, Row};
pub use job::{Counting, Outcome, Source, SweepRequest, Sweeping};

/// What a candidate is worth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    /// The population of the places within range.
    Population,
    /// The national capitals within range.
    Capitals,
    /// The places within range.
    Places,
    /// The targets within range (a places file of its own).
    Targets,
}

impl Metric {
    /// The metrics' names, for messages.
    pub const NAMES: &'static str = "population, capitals, places, targets";

    /// Reads a metric's name; `field` names the input in errors.
    pub fn parse(text: &str, field: impl Into<Field>) -> Result<Metric> {
        match text.trim() {
            "population" => Ok(Metric::Population),
            "capitals" => Ok(Metric::Capitals),
            "places" => Ok(Metric::Places),
            "targets" => Ok(Metric::Targets),
            _ => Err(Error::invalid(field, text, format!("unknown metric; allowed: {}", Metric::NAMES))),
        }
    }

    /// The metric's name as given.
    pub fn name(self) -> &'static str {
        match self {
            Metric::Population => "population",
            Metric::Capitals => "capitals",
            Metric::Places => "places",
            Metric::Targets => "targets",
        }
    }

    /// The value of a tally.
    pub fn value(self, tally: &Tally) -> u64 {
        match self {
            Metric::Population => tally.population,
            Metric::Capitals => tally.capitals,
            Metric::Places | Metric::Targets => tally.places,
        }
    }

    /// A value as printed on maps: `38.2 M` people, `12` capitals.
    pub fn format(self, value: f64) -> String {
        match self {
            Metric::Population => format_people_short(value),
            _ => crate::format::group_digits(value.round() as u64),
        }
    }
}

/// A number of people in few characters: `850,000`, `38.2 M`, `1.21 bn`.
pub fn format_people_short(people: f64) -> String {
    if people >= 1e9 {
        format!("{:.2} bn", people / 1e9)
    } else if people >= 1e6 {
        let m = people / 1e6;
        if m >= 100.0 { format!("{m:.0} M") } else { format!("{m:.1} M") }
    } else {
        crate::format::group_digits(people.round() as u64)
    }
}

/// One candidate's result.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    /// Its name, for candidates read from a file.
    pub name: Option<String>,
    /// Longitude, degrees.
    pub lon_deg: f64,
    /// Latitude, degrees.
    pub lat_deg: f64,
    /// What lies within range (and within the low figure, for an estimate).
    pub tallies: Tallies,
    /// The value (by the metric, within the reach: an estimate's high figure).
    pub value: u64,
    /// For an estimate, the value within the low figure.
    pub value_low: Option<u64>,
    /// The spare range, km, beyond the farthest place or target it counts under the figure it
    /// is ranked by (the range less that place's distance); None where it counts none.
    pub margin_km: Option<f64>,
    /// 1 for the best; candidates of equal value (and equal tie-breaks) share nothing: the
    /// earlier in the input ranks first.
    pub rank: usize,
}

impl Scored {
    /// The value it is ranked by: under the low figure of an estimate ranked by it, else its
    /// value.
    pub fn ranked_value(&self, figure: RankFigure) -> u64 {
        match (figure, self.value_low) {
            (RankFigure::Low, Some(low)) => low,
            _ => self.value,
        }
    }
}

/// Which figure of an estimate candidates are ranked and drawn by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RankFigure {
    /// The low figure: what is in range under every source (the default).
    #[default]
    Low,
    /// The high figure: what is in range if it holds.
    High,
}

impl RankFigure {
    /// Reads `low` or `high`; `field` names the input in errors.
    pub fn parse(text: &str, field: impl Into<Field>) -> Result<RankFigure> {
        match text.trim() {
            "low" => Ok(RankFigure::Low),
            "high" => Ok(RankFigure::High),
            _ => Err(Error::invalid(field, text, "expected low (in range under every figure) or high")),
        }
    }

    /// The radius a reach is ranked by under this figure: an estimate's low or high figure,
    /// another reach's outer limit.
    pub fn radius(self, reach: &Reach) -> crate::units::Radius {
        match (self, reach.low()) {
            (RankFigure::Low, Some(low)) => low,
            _ => reach.outer(),
        }
    }
}

/// A candidate site: a position with an optional name.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The name, for candidates read from a file.
    pub name: Option<String>,
    /// The position (its name is not used).
    pub site: Site,
}

impl Grid {
    /// The grid's candidates (inside the region), unnamed.
    pub fn points_as_candidates(&self) -> Result<Vec<Candidate>> {
        Ok(self.candidates()?.into_iter().map(|site| Candidate { name: None, site }).collect())
    }
}

/// Candidates from a places file (CSV `name,lat,lon`, or GeoJSON points; see
/// [`crate::places::from_file`]).
pub fn candidates_from_file(path: &std::path::Path) -> Result<Vec<Candidate>> {
    let places = crate::places::from_file(path)?;
    if places.len() > MAX_CANDIDATES {
        return Err(Error::invalid(
            path.display().to_string(),
            &places.len().to_string(),
            format!("at most {} candidates; split the file", crate::format::group_digits(MAX_CANDIDATES as u64)),
        ));
    }
    places.into_iter().map(|p| Ok(Candidate { site: Site::new(&p.name, p.lat, p.lon)?, name: Some(p.name) })).collect()
}

/// A grid swept: its candidates ranked, and the field of values over the region.
#[derive(Debug, Clone)]
pub struct GridSweep {
    /// The candidates inside the region, best first.
    pub ranked: Vec<Scored>,
    /// The values over the grid, the points next to the region included (for maps), by the
    /// figure ranked by.
    pub field: GridValues,
    /// For an estimate ranked by its low figure, the values under the high figure (maps mark
    /// where it adds).
    pub high_field: Option<GridValues>,
}

/// Every point of `grid` valued (the candidates and the points next to the region, which the
/// field needs), the candidates ranked.
pub fn sweep_grid(index: &PlaceIndex, grid: &Grid, reach: &Reach, metric: Metric) -> Result<GridSweep> {
    sweep_grid_by(index, grid, reach, metric, RankFigure::Low)
}

/// [`sweep_grid`], ranked (and the field valued) by `figure` of an estimate; for an estimate
/// the high figure's field too.
pub fn sweep_grid_by<C: Counter + ?Sized>(
    index: &C,
    grid: &Grid,
    reach: &Reach,
    metric: Metric,
    figure: RankFigure,
) -> Result<GridSweep> {
    sweep_grid_counted(index, grid, reach, metric, figure, None)
}

/// [`sweep_grid_by`], with the population within range from `people` (a population grid)
/// where one is given.
pub fn sweep_grid_counted<C: Counter + ?Sized>(
    index: &C,
    grid: &Grid,
    reach: &Reach,
    metric: Metric,
    figure: RankFigure,
    people: Option<&PopulationGrid>,
) -> Result<GridSweep> {
    let points = grid.points();
    let sites = points.iter().map(|p| Site::new("grid", p.lat_deg, p.lon_deg)).collect::<Result<Vec<_>>>()?;
    let all = tallied(index, &sites.iter().collect::<Vec<_>>(), reach, people);
    let value = |t: &Tallies| match (figure, &t.low) {
        (RankFigure::Low, Some(low)) => metric.value(low) as f64,
        _ => metric.value(&t.reach) as f64,
    };
    let values: Vec<f64> = all.iter().map(value).collect();
    let high = match (figure, reach.low()) {
        (RankFigure::Low, Some(_)) => {
            let values: Vec<f64> = all.iter().map(|t| metric.value(&t.reach) as f64).collect();
            Some(grid.field(&values))
        }
        _ => None,
    };
    let (candidates, inside): (Vec<Candidate>, Vec<Tallies>) = points
        .iter()
        .zip(sites)
        .zip(&all)
        .filter(|((p, _), _)| p.candidate)
        .map(|((_, site), t)| (Candidate { name: None, site }, *t))
        .unzip();
    Ok(GridSweep {
        ranked: ranked_counted(index, &candidates, &inside, reach, metric, figure, people.is_some()),
        field: grid.field(&values),
        high_field: high,
    })
}

/// Every candidate valued and ranked, best first (see [`rank_by`]), an estimate by its low
/// figure.
pub fn sweep(index: &PlaceIndex, candidates: &[Candidate], reach: &Reach, metric: Metric) -> Vec<Scored> {
    sweep_by(index, candidates, reach, metric, RankFigure::Low)
}

/// [`sweep`], an estimate ranked by `figure`.
pub fn sweep_by<C: Counter + ?Sized>(
    index: &C,
    candidates: &[Candidate],
    reach: &Reach,
    metric: Metric,
    figure: RankFigure,
) -> Vec<Scored> {
    sweep_counted(index, candidates, reach, metric, figure, None)
}

/// [`sweep_by`], with the population within range from `people` (a population grid) where one
/// is given.
pub fn sweep_counted<C: Counter + ?Sized>(
    index: &C,
    candidates: &[Candidate],
    reach: &Reach,
    metric: Metric,
    figure: RankFigure,
    people: Option<&PopulationGrid>,
) -> Vec<Scored> {
    let all = tallied(index, &candidates.iter().map(|c| &c.site).collect::<Vec<_>>(), reach, people);
    ranked_counted(index, candidates, &all, reach, metric, figure, people.is_some())
}

/// What lies within `reach` of each site, counted by `index`, sites in parallel; with a
/// population grid, each tally's population (and its low figure's) is the people in the grid's
/// cells whose centre is within range, rounded to whole people.
fn tallied<C: Counter + ?Sized>(
    index: &C,
    sites: &[&Site],
    reach: &Reach,
    people: Option<&PopulationGrid>,
) -> Vec<Tallies> {
    sites
        .par_iter()
        .map(|site| {
            let mut t = index.count(site, reach);
            if let Some(people) = people {
                let counted = people.people_in(site, reach);
                t.reach.population = counted.people.round() as u64;
                if let (Some(low), Some(p)) = (&mut t.low, counted.people_within_low) {
                    low.population = p.round() as u64;
                }
            }
            t
        })
        .collect()
}

/// [`rank_by`]; with a population grid no margins are kept, for they measure to places, not to
/// the cells counted.
fn ranked_counted<C: Counter + ?Sized>(
    index: &C,
    candidates: &[Candidate],
    tallies: &[Tallies],
    reach: &Reach,
    metric: Metric,
    figure: RankFigure,
    grid: bool,
) -> Vec<Scored> {
    let mut ranked = rank_by(index, candidates, tallies, reach, metric, figure);
    if grid {
        for s in &mut ranked {
            s.margin_km = None;
        }
    }
    ranked
}

/// Most places counted for which every candidate's margin is measured; with more, only the
/// margins of candidates that share their value (where the margin breaks the tie).
pub const MARGIN_ALL_PLACES: usize = 5_000;

/// Candidates with their tallies, valued by `metric` and ranked best first: by the value under
/// `figure` (for an estimate ranked by its low figure, then by the value under the high one),
/// then by the margin — the spare range beyond the farthest place counted, largest first, so
/// that of candidates that reach the same places the one that reaches them surely ranks first —,
/// then by the population within range (of the targets, for the targets metric), then in the
/// order given. Margins are exact (Karney's distance to the farthest place counted).
pub fn rank_by<C: Counter + ?Sized>(
    index: &C,
    candidates: &[Candidate],
    tallies: &[Tallies],
    reach: &Reach,
    metric: Metric,
    figure: RankFigure,
) -> Vec<Scored> {
    let mut scored = rank(candidates, tallies, metric);
    let radius = figure.radius(reach);
    // Margins break ties: with few places counted (targets, capitals, a short list) every
    // candidate's is measured; against the whole gazetteer, where a value is rarely shared and
    // each margin costs a pass over the places in range, only the tied candidates'.
    let mut shared: std::collections::HashMap<(u64, u64), usize> = std::collections::HashMap::new();
    let key = |s: &Scored| (s.ranked_value(figure), if figure == RankFigure::Low { s.value } else { 0 });
    for s in &scored {
        *shared.entry(key(s)).or_default() += 1;
    }
    let every = index.place_count() <= MARGIN_ALL_PLACES;
    // A band's value counts what lies beyond its inner limit too; its margin is to its outer one.
    let margins: Vec<Option<f64>> = scored
        .par_iter()
        .map(|s| {
            if s.ranked_value(figure) == 0 || !(every || shared[&key(s)] > 1) {
                return None;
            }
            let site = Site::new("candidate", s.lat_deg, s.lon_deg).ok()?;
            index.spare_m(&site, radius).map(|spare_m| spare_m / 1000.0)
        })
        .collect();
    for (s, margin) in scored.iter_mut().zip(margins) {
        s.margin_km = margin;
    }
    let by_high = |s: &Scored| if s.value_low.is_some() && figure == RankFigure::Low { s.value } else { 0 };
    let margin = |s: &Scored| s.margin_km.unwrap_or(f64::NEG_INFINITY);
    // Stable: candidates equal on every key keep the order of `rank` (population, then input).
    scored.sort_by(|a, b| {
        b.ranked_value(figure)
            .cmp(&a.ranked_value(figure))
            .then(by_high(b).cmp(&by_high(a)))
            .then(margin(b).total_cmp(&margin(a)))
    });
    for (k, s) in scored.iter_mut().enumerate() {
        s.rank = k + 1;
    }
    scored
}

/// Candidates with their tallies, valued by `metric` and ranked best first by value, then by
/// the population within range, then in the order given (no margins).
pub fn rank(candidates: &[Candidate], tallies: &[Tallies], metric: Metric) -> Vec<Scored> {
    let mut scored: Vec<Scored> = candidates
        .iter()
        .zip(tallies)
        .map(|(c, t)| Scored {
            name: c.name.clone(),
            lon_deg: c.site.lon_deg(),
            lat_deg: c.site.lat_deg(),
            tallies: *t,
            value: metric.value(&t.reach),
            value_low: t.low.as_ref().map(|low| metric.value(low)),
            margin_km: None,
            rank: 0,
        })
        .collect();
    // Counts tie often; the population within range breaks ties.
    let tie = |s: &Scored| s.tallies.reach.population;
    // A stable sort keeps the input order among equals.
    scored.sort_by(|a, b| b.value.cmp(&a.value).then(tie(b).cmp(&tie(a))));
    for (k, s) in scored.iter_mut().enumerate() {
        s.rank = k + 1;
    }
    scored
}

/// The best `n` candidates at least `min_separation_m` apart (geodesic distance): the best,
/// then each next best that is that far from every one already chosen — so that a map's stars
/// mark `n` distinct places to base rather than `n` neighbouring grid points.
pub fn best_separated(ranked: &[Scored], n: usize, min_separation_m: f64) -> Vec<&Scored> {
    best_separated_by(ranked, n, min_separation_m, RankFigure::High)
}

/// [`best_separated`] by the value under `figure`: a candidate worth 0 under it is never
/// chosen, so that no star marks a site that reaches nothing.
pub fn best_separated_by(ranked: &[Scored], n: usize, min_separation_m: f64, figure: RankFigure) -> Vec<&Scored> {
    let mut chosen: Vec<&Scored> = Vec::new();
    for s in ranked {
        if chosen.len() == n || s.ranked_value(figure) == 0 {
            break;
        }
        let far = chosen.iter().all(|c| {
            crate::geodesy::distance_m(geo::Point::new(c.lon_deg, c.lat_deg), geo::Point::new(s.lon_deg, s.lat_deg))
                >= min_separation_m
        });
        if far {
            chosen.push(s);
        }
    }
    chosen
}
