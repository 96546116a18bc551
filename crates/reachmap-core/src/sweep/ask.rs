//! A sweep as asked for — by `reachmap sweep`'s options or a scenario's `[sweep]` table — checked
//! once into a [`SweepRequest`]. Each value comes with the name of the field it was given in (a flag,
//! or a key at its file:line:column), supplied by the caller, so that every error names what
//! the user typed.

use std::path::{Path, PathBuf};

use super::{Counting, Metric, RankFigure, Region, Source, SweepRequest, Sweeping, candidates_from_file};
use crate::catalog::System;
use crate::error::{Error, Field, Result};
use crate::range::Reach;
use crate::units::Radius;

/// A value as given, with the field it came from.
#[derive(Debug, Clone)]
pub struct Given<T> {
    /// The value.
    pub value: T,
    /// The field, as errors name it: `--step-km`, `sweep.toml:4:10: [sweep] step_km`.
    pub field: String,
}

impl<T> Given<T> {
    /// A value given in `field`.
    pub fn new(value: T, field: impl Into<String>) -> Given<T> {
        Given { value, field: field.into() }
    }
}

/// Where the candidates are to stand, as given.
#[derive(Debug, Clone)]
pub enum Where {
    /// Over these countries' land (Natural Earth 1:50m), swept as one region.
    Countries(Vec<String>),
    /// Over the polygons of a GeoJSON file.
    Area(PathBuf),
    /// Over a lon/lat box: WEST, SOUTH, EAST, NORTH (any count, checked here).
    Box(Vec<f64>),
    /// At the positions of a file (CSV name, lat, lon; or GeoJSON points).
    Candidates(PathBuf),
}

/// The range to sweep, as given.
#[derive(Debug, Clone)]
pub enum Swept {
    /// Everything closer than this, km.
    Km(f64),
    /// A band MIN, MAX, km.
    Band(f64, f64),
    /// A system's range (resolved by the caller, which knows its own systems).
    System(Box<System>),
}

/// How the caller names a group of exclusive fields: the group (`--range-km / --band /
/// --system`, `sweep.toml:1:1: [sweep]`) and how to give one (`--range-km R, --band MIN:MAX or
/// --system ID`).
#[derive(Debug, Clone)]
pub struct Choice {
    /// The group's name in errors.
    pub field: String,
    /// How to give one of them.
    pub hint: String,
}

/// A sweep as asked for, before it is checked.
#[derive(Debug, Clone)]
pub struct Ask {
    /// Every source of candidates given: exactly one must be.
    pub sources: Vec<Given<Where>>,
    /// How the sources are named together.
    pub sources_choice: Choice,
    /// The grid's step, km (a region only).
    pub step_km: Option<Given<f64>>,
    /// Every range given: exactly one must be.
    pub ranges: Vec<Given<Swept>>,
    /// How the ranges are named together.
    pub ranges_choice: Choice,
    /// What a candidate is worth (default: population).
    pub metric: Option<Given<String>>,
    /// The field naming the metric when it is not given (for "targets need a metric" errors).
    pub metric_field: String,
    /// The targets file counted by the targets metric.
    pub targets: Option<Given<PathBuf>>,
    /// The field naming the targets when they are not given.
    pub targets_field: String,
    /// Targets given one by one (`--target`), as places, beside or instead of a file.
    pub named_targets: Option<Given<Vec<crate::places::Place>>>,
    /// Which places are counted: `cities`, `capitals`, or a file's path (as the caller resolved
    /// it) with how it was written.
    pub places: Given<(String, String)>,
    /// Only places of at least this many people.
    pub min_population: Option<Given<f64>>,
    /// How many of the best sites to star (default 5).
    pub best: Option<Given<f64>>,
    /// Which figure of an estimate to rank and draw by: `low` (default) or `high`.
    pub figure: Option<Given<String>>,
    /// A raster of people per cell to count the population within range from, instead of the
    /// places' populations ([`crate::population`]).
    pub population_grid: Option<Given<PathBuf>>,
}

/// Most sites a sweep map stars.
pub const MAX_BEST: usize = 100;

impl Ask {
    /// Checks everything and reads the files named: the sweep to run.
    pub fn check(self) -> Result<SweepRequest> {
        let metric = match &self.metric {
            Some(m) => Metric::parse(&m.value, &m.field)?,
            None => Metric::Population,
        };
        let metric_field = self.metric.as_ref().map_or(self.metric_field.clone(), |m| m.field.clone());
        let best = match &self.best {
            Some(b) if b.value.fract() == 0.0 && (0.0..=MAX_BEST as f64).contains(&b.value) => b.value as usize,
            Some(b) => {
                return Err(Error::invalid(
                    &b.field,
                    &b.value.to_string(),
                    format!("expected a whole number of sites from 0 to {MAX_BEST}"),
                ));
            }
            None => 5,
        };
        let figure = match &self.figure {
            Some(f) => RankFigure::parse(&f.value, &f.field)?,
            None => RankFigure::Low,
        };
        let sweeping = self.sweeping()?;
        let source = self.source()?;
        let min_population = match &self.min_population {
            Some(n) if !(n.value.is_finite() && n.value >= 0.0) => {
                return Err(Error::out_of_range(&n.field, n.value, "0 or more people"));
            }
            Some(n) => Some(n.value as u64),
            None => None,
        };
        let (which, written) = &self.places.value;
        let (places, gazetteer) = crate::places::select(which, min_population)?;
        let description = match which.as_str() {
            "cities" | "capitals" => crate::places::description(which, min_population),
            _ => format!("the places in {}", file_name(written)),
        };
        let targets_field = self.targets.as_ref().map_or(self.targets_field.clone(), |t| t.field.clone());
        if let (Some(targets), false) = (&self.targets, metric == Metric::Targets) {
            return Err(Error::invalid(
                &targets.field,
                &targets.value.display().to_string(),
                format!("targets are counted only with {metric_field} targets"),
            ));
        }
        if let (Some(named), false) = (&self.named_targets, metric == Metric::Targets) {
            return Err(Error::invalid(
                &named.field,
                &named.value.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(", "),
                format!("targets are counted only with {metric_field} targets"),
            ));
        }
        let targets = match &self.targets {
            None if self.named_targets.is_some() => None,
            Some(given) => {
                // The file's own errors name it and its line; say it is the targets file.
                let path = given.value.display().to_string();
                let places = crate::places::from_file(&given.value).map_err(|e| match e {
                    Error::Invalid { field: Field::Given(named), value, reason } if named == path => Error::invalid(
                        &given.field,
                        &path,
                        format!("{reason}{}", if value.is_empty() { String::new() } else { format!(" ({value})") }),
                    ),
                    other => other,
                })?;
                Some((places, file_name(&path)))
            }
            None => None,
        };
        // Targets named one by one join the file's (or stand alone).
        let targets = match (&self.named_targets, targets) {
            (Some(named), Some((mut list, name))) => {
                list.extend(named.value.iter().cloned());
                Some((list, name))
            }
            (Some(named), None) => Some((named.value.clone(), "the targets given".to_string())),
            (None, file) => file,
        };
        if places.is_empty() && metric != Metric::Targets {
            let (field, value) = match &self.min_population {
                Some(n) => (n.field.clone(), n.value.to_string()),
                None => (self.places.field.clone(), written.clone()),
            };
            return Err(Error::invalid(&field, &value, "no place has that many people: nothing to count"));
        }
        let mut counting =
            Counting::new(metric, (places, gazetteer, description), targets, &metric_field, &targets_field)?;
        if let Some(grid) = &self.population_grid {
            let people = crate::population::PopulationGrid::from_file(&grid.value, &grid.field)?;
            counting.grid = Some(Given::new(std::sync::Arc::new(people), &grid.field));
        }
        Ok(SweepRequest { source, sweeping, counting, best, figure, earth: crate::rotation::Earth::NonRotating })
    }

    /// The range: exactly one.
    fn sweeping(&self) -> Result<Sweeping> {
        let choice = &self.ranges_choice;
        let given = match self.ranges.as_slice() {
            [one] => one,
            [] => {
                return Err(Error::invalid(
                    &choice.field,
                    "",
                    format!("give the range: one range to sweep, as {}", choice.hint),
                ));
            }
            _ => {
                return Err(Error::invalid(
                    &choice.field,
                    "",
                    format!("give one range to sweep, not several: {}", choice.hint),
                ));
            }
        };
        let field = &given.field;
        match &given.value {
            Swept::Km(km) => Ok(Sweeping::reach(Reach::Within(Radius::from_km(*km, field)?))),
            Swept::Band(min, max) => {
                Ok(Sweeping::reach(Reach::band(Radius::from_km(*min, field)?, Radius::from_km(*max, field)?, field)?))
            }
            Swept::System(system) => Sweeping::of(system),
        }
    }

    /// Where the candidates stand: exactly one source.
    fn source(&self) -> Result<Source> {
        let choice = &self.sources_choice;
        let given = match self.sources.as_slice() {
            [one] => one,
            [] => {
                return Err(Error::invalid(
                    &choice.field,
                    "",
                    format!("give where the candidates stand: {}", choice.hint),
                ));
            }
            _ => {
                return Err(Error::invalid(
                    &choice.field,
                    "",
                    format!("give one source of candidates, not several: {}", choice.hint),
                ));
            }
        };
        let field = &given.field;
        let step_km = self.step_km.as_ref().map(|s| Given::new(s.value, s.field.clone()));
        let region = match &given.value {
            Where::Candidates(path) => {
                if let Some(step) = &self.step_km {
                    return Err(Error::invalid(
                        &step.field,
                        &step.value.to_string(),
                        format!("the candidates come from {field}, not a grid"),
                    ));
                }
                let candidates = candidates_from_file(path)?;
                return Ok(Source::List { candidates, name: file_name(&path.display().to_string()) });
            }
            Where::Countries(names) => Region::countries(names, field)?,
            Where::Area(path) => Region::from_geojson_file(path, field)?,
            Where::Box(values) => {
                let bounds: [f64; 4] = values.clone().try_into().map_err(|_| {
                    Error::invalid(field, &format!("{values:?}"), "expected four numbers WEST, SOUTH, EAST, NORTH")
                })?;
                Region::lonlat_box(bounds, field)?
            }
        };
        Ok(Source::Region { region, step_km })
    }
}

/// A path's file name, as maps and notes print it.
fn file_name(path: &str) -> String {
    Path::new(path).file_name().map_or_else(|| path.to_string(), |n| n.to_string_lossy().into_owned())
}
