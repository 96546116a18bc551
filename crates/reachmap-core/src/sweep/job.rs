//! A whole sweep as a command or a scenario asks for it: where the candidates come from, the
//! range, what to count; run into ranked candidates (drawn by `reachmap::map::sweep_map_spec`).

use geo::BoundingRect;

use super::{
    Candidate, Grid, GridSweep, GridValues, Metric, RankFigure, Region, Scored, best_separated_by, sweep_by,
    sweep_counted, sweep_grid_by, sweep_grid_counted,
};
use crate::catalog::Catalog;
use crate::coverage::PlaceIndex;
use crate::error::{Error, Field, Result};
use crate::places::Place;
use crate::range::Reach;
use crate::rotation::Earth;
use crate::rotation::sweep::RotatingCounter;

/// Where the candidates come from.
#[derive(Debug, Clone)]
pub enum Source {
    /// A grid over a region, `step_km` apart (None: the step giving about 10,000 candidates).
    Region {
        /// The region.
        region: Region,
        /// The step, km, with the field it was given in.
        step_km: Option<super::Given<f64>>,
    },
    /// A list (e.g. a CSV file of `name,lat,lon`), with what it is called.
    List {
        /// The candidates.
        candidates: Vec<Candidate>,
        /// The list's name (its file's name).
        name: String,
    },
}

/// The range swept, with what it is and where its figure comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct Sweeping {
    /// The range, band or estimate.
    pub reach: Reach,
    /// The system's name, if a system's.
    pub system: Option<String>,
    /// The system's sources line.
    pub sources: Vec<String>,
    /// Whether the range is a ballistic missile's: a ballistic system's, or a plain range read
    /// as one (`--ballistic`). Over the rotating Earth only these are laid out by direction.
    pub ballistic: bool,
}

impl Sweeping {
    /// A range or band as given.
    pub fn reach(reach: Reach) -> Sweeping {
        Sweeping { reach, system: None, sources: Vec::new(), ballistic: false }
    }

    /// A catalog system's range (`catalog`'s entry `id`); `field` names the id in errors.
    pub fn system(catalog: &Catalog, id: &str, field: impl Into<Field>) -> Result<Sweeping> {
        let Some(system) = catalog.system(id.trim()) else {
            return Err(Error::invalid(field, id, catalog.unknown_system(id)));
        };
        Sweeping::of(system)
    }

    /// A system's range, with its name and sources.
    pub fn of(system: &crate::catalog::System) -> Result<Sweeping> {
        let reach = system.range_km.reach(format!("system {:?} range_km", system.id))?;
        let ballistic = system.flight.as_ref().is_some_and(|f| f.profile == crate::flight::Kind::Ballistic);
        Ok(Sweeping { reach, system: Some(system.name.clone()), sources: vec![system.sources_line()], ballistic })
    }

    /// `Dark Eagle (LRHW) 2,776 km`, `2,500 km`, `9M729 (SSC-8) 480 to 2,350 km`.
    pub fn label(&self) -> String {
        match &self.system {
            Some(name) => format!("{name} {}", self.reach.label()),
            None => self.reach.label(),
        }
    }
}

/// What to count, and in which places.
#[derive(Debug, Clone)]
pub struct Counting {
    /// The metric.
    pub metric: Metric,
    /// The places counted: for [`Metric::Targets`] the targets, else the places chosen.
    pub places: Vec<Place>,
    /// Whether the places are the gazetteer's (credited on maps).
    pub gazetteer: bool,
    /// What the places are, for the map's notes: `GeoNames places of 15,000 or more people`.
    pub description: String,
    /// A population grid the population within range is counted from instead of the places'
    /// (their count and capitals are still the places'), with the field that gave it; set after
    /// [`Counting::new`].
    pub grid: Option<super::Given<std::sync::Arc<crate::population::PopulationGrid>>>,
}

impl Counting {
    /// Counting `metric` in `places` (or, for [`Metric::Targets`], in `targets`, which must then
    /// be given: `--targets` in `targets_field`); targets without that metric are refused too.
    pub fn new(
        metric: Metric,
        places: (Vec<Place>, bool, String),
        targets: Option<(Vec<Place>, String)>,
        metric_field: &str,
        targets_field: &str,
    ) -> Result<Counting> {
        match (metric, targets) {
            (Metric::Targets, Some((targets, name))) => {
                if targets.is_empty() {
                    return Err(Error::invalid(targets_field, &name, "the targets file holds no places"));
                }
                Ok(Counting {
                    metric,
                    places: targets,
                    gazetteer: false,
                    description: format!("the targets in {name}"),
                    grid: None,
                })
            }
            (Metric::Targets, None) => Err(Error::invalid(
                metric_field,
                "targets",
                format!(
                    "the targets metric counts the places of a targets file: give {targets_field} FILE (CSV name,lat,lon or GeoJSON points)"
                ),
            )),
            (_, Some((_, name))) => Err(Error::invalid(
                targets_field,
                &name,
                format!("targets are counted only with {metric_field} targets"),
            )),
            (_, None) => {
                let (places, gazetteer, description) = places;
                Ok(Counting { metric, places, gazetteer, description, grid: None })
            }
        }
    }
}

/// A sweep, asked for.
#[derive(Debug, Clone)]
pub struct SweepRequest {
    /// The candidates' source.
    pub source: Source,
    /// The range.
    pub sweeping: Sweeping,
    /// What to count.
    pub counting: Counting,
    /// How many of the best to star on the map.
    pub best: usize,
    /// Which figure of an estimate candidates are ranked and drawn by.
    pub figure: RankFigure,
    /// The Earth the range is laid out over: over the rotating one a ballistic range is
    /// counted in each place's direction ([`crate::rotation::sweep`]).
    pub earth: Earth,
}

/// A sweep, done.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Every candidate, best first.
    pub ranked: Vec<Scored>,
    /// The field over the region (a grid sweep), by the figure ranked by.
    pub field: Option<GridValues>,
    /// For an estimate ranked by its low figure, the field under the high one.
    pub high_field: Option<GridValues>,
    /// The region (a grid sweep).
    pub region: Option<Region>,
    /// The grid's step, km (a grid sweep).
    pub step_km: Option<f64>,
    /// The best candidates to star, at least `separation_km` apart.
    pub best: Vec<Scored>,
    /// How far apart the starred candidates are at least, km.
    pub separation_km: f64,
    /// The request.
    pub request: SweepRequest,
}

/// Longest any starred candidates may have to be apart, as a share of the region's size.
const SEPARATION_SHARE: f64 = 1.0 / 15.0;

impl SweepRequest {
    /// Lays the sweep out over `earth`: with `ballistic`, a plain range (no system) is read as
    /// a ballistic missile's. Over the rotating Earth a range that is not ballistic is counted
    /// as quoted; the note returned says so.
    pub fn over(&mut self, earth: Earth, ballistic: bool) -> Option<String> {
        self.sweeping.ballistic |= ballistic && self.sweeping.system.is_none();
        self.earth = earth;
        (self.earth == Earth::Rotating && !self.sweeping.ballistic).then(|| {
            let why = match &self.sweeping.system {
                Some(name) => format!("{name} is not a ballistic system"),
                None => "a plain range has no flight profile (give --ballistic to read it as ballistic)".into(),
            };
            format!(
                "{}: counted as quoted, {why}; the Earth's rotation is applied to ballistic ranges only",
                self.sweeping.label()
            )
        })
    }

    /// Whether the range is counted over the rotating Earth.
    pub fn rotating(&self) -> bool {
        self.earth == Earth::Rotating && self.sweeping.ballistic
    }

    /// Runs the sweep: every candidate valued and ranked; for a grid the field too.
    pub fn run(self) -> Result<Outcome> {
        let index = PlaceIndex::new(self.counting.places.clone());
        let metric = self.counting.metric;
        let reach = self.sweeping.reach;
        let figure = self.figure;
        let people = self.counting.grid.as_ref().map(|g| &*g.value);
        let rotating = self.rotating();
        if let (true, Some(grid)) = (rotating, &self.counting.grid) {
            return Err(Error::invalid(
                &grid.field,
                "with --earth rotating",
                "a population grid is counted within the quoted (geodesic) range only; sweep over the rotating Earth with places, or the grid without the rotation",
            ));
        }
        let (ranked, field, high_field, region, step_km) = match &self.source {
            Source::Region { region, step_km } => {
                let (step, field) = match step_km {
                    Some(given) => (given.value, given.field.as_str()),
                    None => (region.default_step_km(), "the default step"),
                };
                let grid = Grid::new(region, step, field)?;
                let GridSweep { ranked, field, high_field } = if rotating {
                    let latitudes: Vec<f64> = grid.points().iter().map(|p| p.lat_deg).collect();
                    let counter = RotatingCounter::new(&index, &reach, &latitudes)?;
                    sweep_grid_by(&counter, &grid, &reach, metric, figure)?
                } else {
                    sweep_grid_counted(&index, &grid, &reach, metric, figure, people)?
                };
                (ranked, Some(field), high_field, Some(region.clone()), Some(step))
            }
            Source::List { candidates, .. } if rotating => {
                let latitudes: Vec<f64> = candidates.iter().map(|c| c.site.lat_deg()).collect();
                let counter = RotatingCounter::new(&index, &reach, &latitudes)?;
                (sweep_by(&counter, candidates, &reach, metric, figure), None, None, None, None)
            }
            Source::List { candidates, .. } => {
                (sweep_counted(&index, candidates, &reach, metric, figure, people), None, None, None, None)
            }
        };
        // Stars mark distinct places: on a grid, at least a fifteenth of the region's size (and
        // three steps) apart.
        let separation_km = match (&region, step_km) {
            (Some(region), Some(step)) => {
                let size_km = region
                    .shape
                    .bounding_rect()
                    .map_or(0.0, |b| crate::geodesy::distance_m(b.min().into(), b.max().into()) / 1000.0);
                (3.0 * step).max(round_km(size_km * SEPARATION_SHARE))
            }
            _ => 0.0,
        };
        let best = best_separated_by(&ranked, self.best, separation_km * 1000.0, figure).into_iter().cloned().collect();
        Ok(Outcome { ranked, field, high_field, region, step_km, best, separation_km, request: self })
    }
}

fn round_km(km: f64) -> f64 {
    if km >= 100.0 { (km / 10.0).round() * 10.0 } else { km.round() }
}

impl Outcome {
    /// Whether the range is an estimate (a low figure's value alongside).
    pub fn estimate(&self) -> bool {
        self.request.sweeping.reach.low().is_some()
    }

    /// The best value under the figure ranked by, and how many candidates share it (none when
    /// no candidate is worth anything).
    pub fn top(&self) -> Option<(u64, usize)> {
        let figure = self.request.figure;
        let best = self.ranked.first()?.ranked_value(figure);
        (best > 0).then(|| (best, self.ranked.iter().take_while(|s| s.ranked_value(figure) == best).count()))
    }

    /// Where the candidates stand: the region's name or the list's.
    pub fn origin(&self) -> String {
        match &self.request.source {
            Source::Region { region, .. } => region.name.clone(),
            Source::List { name, .. } => name.clone(),
        }
    }
}
