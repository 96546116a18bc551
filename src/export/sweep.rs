//! A sweep's candidates as CSV (one row per candidate, best first) and as GeoJSON points.

use geojson::{Feature, FeatureCollection, Geometry, GeometryValue, JsonObject, Position};
use serde_json::json;

use crate::error::{Error, Result};
use crate::sweep::{Metric, Scored};

/// Decimal places of candidates' coordinates: 1e-5° is about a metre.
const DECIMALS: i32 = 5;

fn rounded(x: f64) -> f64 {
    let scale = 10f64.powi(DECIMALS);
    (x * scale).round() / scale
}

/// The CSV columns: `rank, name, lat, lon, value`, then `value_low` for an estimate, then what
/// lies within range — `places, capitals, population` (`targets, targets_population` for the
/// targets metric) — and for an estimate the same within the low figure (`..._low`), then
/// `margin_km`: the spare range beyond the farthest place counted (empty where none is), and
/// last `star`: the number of the candidate's star on the map (the best sites far enough
/// apart), or empty.
fn header(metric: Metric, estimate: bool, grid: bool) -> Vec<String> {
    let counts: &[&str] = match (metric, grid) {
        (Metric::Targets, _) => &["targets", "targets_population"],
        // The population counted from a population grid's cells, the places' count beside it.
        (_, true) => &["places", "capitals", "grid_population"],
        (_, false) => &["places", "capitals", "population"],
    };
    let mut columns: Vec<String> = ["rank", "name", "lat", "lon", "value"].iter().map(|c| c.to_string()).collect();
    if estimate {
        columns.push("value_low".into());
    }
    columns.extend(counts.iter().map(|c| c.to_string()));
    if estimate {
        columns.extend(counts.iter().map(|c| format!("{c}_low")));
    }
    columns.push("margin_km".into());
    columns.push("star".into());
    columns
}

/// The number of `s`'s star among `starred` (from 1), if it has one.
fn star(s: &Scored, starred: &[Scored]) -> Option<usize> {
    starred.iter().position(|b| b.rank == s.rank).map(|k| k + 1)
}

fn counts(metric: Metric, tally: &crate::coverage::Tally) -> Vec<String> {
    if metric == Metric::Targets {
        vec![tally.places.to_string(), tally.population.to_string()]
    } else {
        vec![tally.places.to_string(), tally.capitals.to_string(), tally.population.to_string()]
    }
}

/// Every candidate, best first, as CSV (see the columns above; `value` is by `metric`);
/// `starred` are the candidates the map stars, in their order; with `grid` the population
/// column is counted from a population grid and named `grid_population`.
pub fn csv(ranked: &[Scored], starred: &[Scored], metric: Metric, estimate: bool, grid: bool) -> Result<String> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let error = |e: csv::Error| Error::Csv(e.to_string());
    out.write_record(header(metric, estimate, grid)).map_err(error)?;
    for s in ranked {
        let mut row = vec![
            s.rank.to_string(),
            s.name.clone().unwrap_or_default(),
            rounded(s.lat_deg).to_string(),
            rounded(s.lon_deg).to_string(),
            s.value.to_string(),
        ];
        if estimate {
            row.push(s.value_low.map(|v| v.to_string()).unwrap_or_default());
        }
        row.extend(counts(metric, &s.tallies.reach));
        if estimate {
            let low = s.tallies.low.unwrap_or_default();
            row.extend(counts(metric, &low));
        }
        row.push(s.margin_km.map(|m| format!("{m:.3}")).unwrap_or_default());
        row.push(star(s, starred).map(|k| k.to_string()).unwrap_or_default());
        out.write_record(row).map_err(error)?;
    }
    let bytes = out.into_inner().map_err(|e| Error::Csv(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| Error::Csv(e.to_string()))
}

/// Every candidate as a GeoJSON Point feature, best first, with the CSV's columns as
/// properties (`star` only where there is one), and `metric` and `reach` (its label) on every
/// feature; with `grid`, the population column is the grid's (`grid_population`).
pub fn geojson(
    ranked: &[Scored],
    starred: &[Scored],
    metric: Metric,
    reach_label: &str,
    estimate: bool,
    grid: bool,
) -> FeatureCollection {
    let columns = header(metric, estimate, grid);
    FeatureCollection::new(ranked.iter().map(|s| {
        let mut properties = JsonObject::new();
        properties.insert("rank".into(), json!(s.rank));
        if let Some(name) = &s.name {
            properties.insert("name".into(), json!(name));
        }
        properties.insert("metric".into(), json!(metric.name()));
        properties.insert("reach".into(), json!(reach_label));
        properties.insert("value".into(), json!(s.value));
        if estimate {
            properties.insert("value_low".into(), json!(s.value_low));
        }
        let mut numbers: Vec<u64> = tally_numbers(metric, &s.tallies.reach);
        if estimate {
            numbers.extend(tally_numbers(metric, &s.tallies.low.unwrap_or_default()));
        }
        let names = columns.iter().skip(if estimate { 6 } else { 5 });
        for (name, value) in names.zip(numbers) {
            properties.insert(name.clone(), json!(value));
        }
        properties.insert("margin_km".into(), json!(s.margin_km.map(|m| (m * 1000.0).round() / 1000.0)));
        if let Some(k) = star(s, starred) {
            properties.insert("star".into(), json!(k));
        }
        let position = Position::from(vec![rounded(s.lon_deg), rounded(s.lat_deg)]);
        Feature {
            geometry: Some(Geometry::new(GeometryValue::Point { coordinates: position })),
            properties: Some(properties),
            ..Feature::default()
        }
    }))
}

fn tally_numbers(metric: Metric, tally: &crate::coverage::Tally) -> Vec<u64> {
    if metric == Metric::Targets {
        vec![tally.places, tally.population]
    } else {
        vec![tally.places, tally.capitals, tally.population]
    }
}
