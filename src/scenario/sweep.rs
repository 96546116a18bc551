//! A scenario's `[sweep]` table: the same choices as `reachmap sweep`'s options, checked into a
//! [`SweepRequest`], every error located at its key.

use toml::Spanned;

use super::raw::{Names, RawSweep};
use super::systems::Systems;
use crate::error::Result;
use crate::input::Locator;
use crate::sweep::{Ask, Choice, Given, SweepRequest, Swept, Where};

/// The `[sweep]` table checked (by the library, as `reachmap sweep`'s options are); paths are
/// resolved by `files` (relative to the scenario's directory, or refused in a scenario sent to
/// the server).
pub(super) fn request(
    raw: &Spanned<RawSweep>,
    systems: &Systems,
    files: super::Files,
    at: &Locator,
    population_grid: Option<&(std::path::PathBuf, String)>,
) -> Result<SweepRequest> {
    let table = raw.get_ref();
    let key = |span: std::ops::Range<usize>, name: &str| format!("{}: [sweep] {name}", at.at(span.start));
    let given = |value: &Spanned<f64>, name: &str| Given::new(*value.get_ref(), key(value.span(), name));
    let mut sources = Vec::new();
    if let Some(names) = &table.country {
        let list = match names.get_ref() {
            Names::One(n) => vec![n.clone()],
            Names::Many(n) => n.clone(),
        };
        sources.push(Given::new(Where::Countries(list), key(names.span(), "country")));
    }
    if let Some(file) = &table.area {
        sources.push(Given::new(Where::Area(files.resolve(file, "[sweep] area", at)?), key(file.span(), "area")));
    }
    if let Some(bounds) = &table.extent_lonlat {
        sources.push(Given::new(Where::Box(bounds.get_ref().clone()), key(bounds.span(), "extent_lonlat")));
    }
    if let Some(file) = &table.candidates {
        let path = files.resolve(file, "[sweep] candidates", at)?;
        sources.push(Given::new(Where::Candidates(path), key(file.span(), "candidates")));
    }
    let mut ranges = Vec::new();
    if let Some(r) = &table.range_km {
        crate::notes::decimal_km(at.text_at(r.span()), &key(r.span(), "range_km"));
        ranges.push(Given::new(Swept::Km(*r.get_ref()), key(r.span(), "range_km")));
    }
    if let Some(b) = &table.band {
        let [min, max] = *b.get_ref();
        ranges.push(Given::new(Swept::Band(min, max), key(b.span(), "band")));
    }
    if let Some(id) = &table.system {
        let system = systems.named(id, "[sweep] system")?;
        ranges.push(Given::new(Swept::System(Box::new(system.clone())), key(id.span(), "system")));
    }
    let whole = format!("{}: [sweep]", at.at(raw.span().start));
    let places = match &table.places {
        Some(p) if !["cities", "capitals"].contains(&p.get_ref().as_str()) => Given::new(
            (files.resolve(p, "[sweep] places", at)?.display().to_string(), p.get_ref().clone()),
            key(p.span(), "places"),
        ),
        Some(p) => Given::new((p.get_ref().clone(), p.get_ref().clone()), key(p.span(), "places")),
        None => Given::new(("cities".to_string(), "cities".to_string()), whole.clone()),
    };
    let targets = match &table.targets {
        Some(file) => Some(Given::new(files.resolve(file, "[sweep] targets", at)?, key(file.span(), "targets"))),
        None => None,
    };
    Ask {
        sources,
        sources_choice: Choice {
            field: whole.clone(),
            hint: "country = \"Poland\" (or a list), area = \"file.geojson\", extent_lonlat = [W, S, E, N] or candidates = \"file.csv\"".into(),
        },
        step_km: table.step_km.as_ref().map(|s| given(s, "step_km")),
        ranges,
        ranges_choice: Choice {
            field: whole,
            hint: "range_km = 2776, band = [500, 5500] or system = \"dark-eagle\"".into(),
        },
        metric: table.metric.as_ref().map(|m| Given::new(m.get_ref().clone(), key(m.span(), "metric"))),
        metric_field: "[sweep] metric".into(),
        targets,
        targets_field: "[sweep] targets".into(),
        named_targets: None,
        places,
        min_population: table.min_population.as_ref().map(|n| given(n, "min_population")),
        best: table.best.as_ref().map(|b| Given::new(*b.get_ref() as f64, key(b.span(), "best"))),
        figure: table.figure.as_ref().map(|f| Given::new(f.get_ref().clone(), key(f.span(), "figure"))),
        population_grid: population_grid.map(|(path, at)| Given::new(path.clone(), at.clone())),
    }
    .check()
}
