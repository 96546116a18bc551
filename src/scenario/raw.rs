//! The scenario file as serde reads it: every value that an error may need to point at keeps
//! its position in the text (`Spanned`); unknown keys are refused.

use serde::Deserialize;
use toml::Spanned;

use crate::catalog::{Basis, RangeKm};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawScenario {
    pub(super) title: Option<String>,
    pub(super) subtitle: Option<String>,
    #[serde(default)]
    pub(super) notes: Vec<String>,
    #[serde(default)]
    pub(super) sources: Vec<String>,
    pub(super) catalog: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) map: RawMap,
    #[serde(default)]
    pub(super) systems: Vec<Spanned<RawSystem>>,
    #[serde(default)]
    pub(super) sites: Vec<Spanned<RawSite>>,
    #[serde(default)]
    pub(super) bands: Vec<Spanned<RawBand>>,
    pub(super) places: Option<RawPlaces>,
    #[serde(default)]
    pub(super) isochrones: Vec<Spanned<RawIsochrones>>,
    #[serde(default)]
    pub(super) footprints: Vec<Spanned<RawFootprint>>,
    #[serde(default)]
    pub(super) areas: Vec<Spanned<RawArea>>,
    #[serde(default)]
    pub(super) targets: Vec<Spanned<RawTarget>>,
    pub(super) sweep: Option<Spanned<RawSweep>>,
}

/// A `[[targets]]` entry: a name, a position as a site's (lat and lon, or at) or none (then the
/// name is looked up), and an optional group.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTarget {
    pub(super) name: Spanned<String>,
    pub(super) lat: Option<Spanned<Coordinate>>,
    pub(super) lon: Option<Spanned<Coordinate>>,
    pub(super) at: Option<Spanned<String>>,
    pub(super) group: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawArea {
    pub(super) name: Spanned<String>,
    pub(super) geojson: Option<Spanned<String>>,
    pub(super) polygon: Option<Spanned<Vec<String>>>,
    pub(super) country: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) systems: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFootprint {
    pub(super) name: Option<String>,
    pub(super) targets: Spanned<Vec<Spanned<String>>>,
    pub(super) range_km: Option<Spanned<f64>>,
    pub(super) system: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) any: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawIsochrones {
    pub(super) system: Spanned<String>,
    pub(super) minutes: Spanned<Vec<f64>>,
    pub(super) sites: Option<Vec<Spanned<String>>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMap {
    pub(super) preset: Option<Spanned<String>>,
    pub(super) proj: Option<Spanned<String>>,
    pub(super) extent: Option<Spanned<Vec<f64>>>,
    pub(super) extent_lonlat: Option<Spanned<Vec<f64>>>,
    pub(super) width_px: Option<Spanned<f64>>,
    pub(super) width_mm: Option<Spanned<f64>>,
    pub(super) dpi: Option<Spanned<f64>>,
    pub(super) theme: Option<Spanned<String>>,
    pub(super) detail: Option<Spanned<String>>,
    pub(super) earth: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSystem {
    pub(super) id: Spanned<String>,
    pub(super) name: Option<String>,
    pub(super) range_km: Option<Spanned<RangeKm>>,
    pub(super) basis: Option<Basis>,
    pub(super) source: Option<String>,
    pub(super) date: Option<String>,
    pub(super) flight: Option<Spanned<crate::flight::FlightProfile>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub(super) enum Coordinate {
    Number(f64),
    Text(String),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSite {
    pub(super) name: Spanned<String>,
    pub(super) lat: Option<Spanned<Coordinate>>,
    pub(super) lon: Option<Spanned<Coordinate>>,
    pub(super) at: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) systems: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawBand {
    pub(super) name: Option<String>,
    pub(super) set: Option<Spanned<String>>,
    pub(super) min_km: Option<Spanned<f64>>,
    pub(super) max_km: Option<Spanned<f64>>,
    pub(super) sites: Option<Vec<Spanned<String>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPlaces {
    pub(super) capitals: Option<bool>,
    pub(super) dependencies: Option<bool>,
    pub(super) min_population: Option<Spanned<f64>>,
    #[serde(default)]
    pub(super) names: Vec<Spanned<String>>,
    pub(super) population_grid: Option<Spanned<String>>,
}

/// One country or several.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(super) enum Names {
    One(String),
    Many(Vec<String>),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
/// A scenario's `[sweep]` table (checked by `super::sweep`).
pub(super) struct RawSweep {
    pub(super) country: Option<Spanned<Names>>,
    pub(super) area: Option<Spanned<String>>,
    pub(super) extent_lonlat: Option<Spanned<Vec<f64>>>,
    pub(super) candidates: Option<Spanned<String>>,
    pub(super) range_km: Option<Spanned<f64>>,
    pub(super) band: Option<Spanned<[f64; 2]>>,
    pub(super) system: Option<Spanned<String>>,
    pub(super) step_km: Option<Spanned<f64>>,
    pub(super) metric: Option<Spanned<String>>,
    pub(super) targets: Option<Spanned<String>>,
    pub(super) places: Option<Spanned<String>>,
    pub(super) min_population: Option<Spanned<f64>>,
    pub(super) best: Option<Spanned<i64>>,
    pub(super) figure: Option<Spanned<String>>,
}
