//! A scenario's `[sweep]` table: the same choices as `reachmap sweep`'s options, checked into a
//! [`Request`], every error located at its key.

use serde::Deserialize;
use toml::Spanned;

use super::systems::Systems;
use crate::error::{Error, Result};
use crate::input::Locator;
use crate::range::Reach;
use crate::sweep::{Counting, Metric, Region, Request, Source, Sweeping, candidates_from_file};
use crate::units::Radius;

/// One country or several.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(super) enum Names {
    One(String),
    Many(Vec<String>),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSweep {
    country: Option<Spanned<Names>>,
    area: Option<Spanned<String>>,
    extent_lonlat: Option<Spanned<Vec<f64>>>,
    candidates: Option<Spanned<String>>,
    range_km: Option<Spanned<f64>>,
    band: Option<Spanned<[f64; 2]>>,
    system: Option<Spanned<String>>,
    step_km: Option<Spanned<f64>>,
    metric: Option<Spanned<String>>,
    targets: Option<Spanned<String>>,
    places: Option<Spanned<String>>,
    min_population: Option<Spanned<f64>>,
    best: Option<Spanned<i64>>,
}

/// The `[sweep]` table checked; paths are resolved by `files` (relative to the scenario's
/// directory, or refused in a scenario sent to the server).
pub(super) fn request(
    raw: &Spanned<RawSweep>,
    systems: &Systems,
    files: super::Files,
    at: &Locator,
) -> Result<Request> {
    let table = raw.get_ref();
    let key = |span: std::ops::Range<usize>, name: &str| format!("{}: [sweep] {name}", at.at(span.start));
    let sources =
        [table.country.is_some(), table.area.is_some(), table.extent_lonlat.is_some(), table.candidates.is_some()];
    if sources.iter().filter(|s| **s).count() != 1 {
        return Err(at.error(
            raw.span(),
            "[sweep]",
            "",
            "give exactly one of country = \"Poland\" (or a list), area = \"file.geojson\", extent_lonlat = [W, S, E, N] or candidates = \"file.csv\"",
        ));
    }
    let step_km = table.step_km.as_ref().map(|s| *s.get_ref());
    let source = if let Some(names) = &table.country {
        let list = match names.get_ref() {
            Names::One(n) => vec![n.clone()],
            Names::Many(n) => n.clone(),
        };
        Source::Region { region: Region::countries(&list, &key(names.span(), "country"))?, step_km }
    } else if let Some(file) = &table.area {
        Source::Region {
            region: Region::from_geojson_file(&files.resolve(file, "[sweep] area", at)?, &key(file.span(), "area"))?,
            step_km,
        }
    } else if let Some(bounds) = &table.extent_lonlat {
        let field = key(bounds.span(), "extent_lonlat");
        let values: [f64; 4] = bounds.get_ref().clone().try_into().map_err(|_| {
            Error::invalid(
                &field,
                &format!("{:?}", bounds.get_ref()),
                "expected four numbers [WEST, SOUTH, EAST, NORTH]",
            )
        })?;
        Source::Region { region: Region::lonlat_box(values, &field)?, step_km }
    } else {
        let Some(file) = &table.candidates else { unreachable!("one source is given") };
        if let Some(step) = &table.step_km {
            return Err(at.error(
                step.span(),
                "[sweep] step_km",
                &step.get_ref().to_string(),
                "the candidates come from a file, not a grid",
            ));
        }
        let path = files.resolve(file, "[sweep] candidates", at)?;
        let name = path.file_name().map_or_else(|| file.get_ref().clone(), |n| n.to_string_lossy().into_owned());
        Source::List { candidates: candidates_from_file(&path)?, name }
    };
    let sweeping = match (&table.range_km, &table.band, &table.system) {
        (Some(r), None, None) => {
            Sweeping::reach(Reach::Within(Radius::from_km(*r.get_ref(), &key(r.span(), "range_km"))?))
        }
        (None, Some(b), None) => {
            let field = key(b.span(), "band");
            let [min, max] = *b.get_ref();
            Sweeping::reach(Reach::band(Radius::from_km(min, &field)?, Radius::from_km(max, &field)?, &field)?)
        }
        (None, None, Some(id)) => Sweeping::of(systems.named(id, "[sweep] system")?)?,
        _ => {
            return Err(at.error(
                raw.span(),
                "[sweep]",
                "",
                "give one range to sweep: range_km = 2776, band = [500, 5500] or system = \"dark-eagle\"",
            ));
        }
    };
    let metric = match &table.metric {
        Some(m) => Metric::parse(m.get_ref(), &key(m.span(), "metric"))?,
        None => Metric::Population,
    };
    let min_population = match &table.min_population {
        Some(n) if !(n.get_ref().is_finite() && *n.get_ref() >= 0.0) => {
            return Err(Error::out_of_range(&key(n.span(), "min_population"), *n.get_ref(), "0 or more people"));
        }
        Some(n) => Some(*n.get_ref() as u64),
        None => None,
    };
    let which = table.places.as_ref().map_or("cities", |p| p.get_ref().as_str());
    let resolved = match which {
        "cities" | "capitals" => which.to_string(),
        path => match &table.places {
            Some(given) => files.resolve(given, "[sweep] places", at)?.display().to_string(),
            None => path.to_string(),
        },
    };
    let (places, gazetteer) = crate::places::select(&resolved, min_population)?;
    let description = crate::places::description(which, min_population);
    let targets_field =
        table.targets.as_ref().map_or_else(|| "[sweep] targets".to_string(), |t| key(t.span(), "targets"));
    let targets = match &table.targets {
        Some(file) => {
            let path = files.resolve(file, "[sweep] targets", at)?;
            Some((crate::places::from_file(&path)?, file.get_ref().clone()))
        }
        None => None,
    };
    let metric_field = table.metric.as_ref().map_or_else(|| "[sweep] metric".to_string(), |m| key(m.span(), "metric"));
    let counting = Counting::new(metric, (places, gazetteer, description), targets, &metric_field, &targets_field)?;
    let best = match &table.best {
        Some(b) if !(0..=100).contains(b.get_ref()) => {
            return Err(at.error(
                b.span(),
                "[sweep] best",
                &b.get_ref().to_string(),
                "a whole number of sites from 0 to 100",
            ));
        }
        Some(b) => *b.get_ref() as usize,
        None => 5,
    };
    Ok(Request { source, sweeping, counting, best })
}
