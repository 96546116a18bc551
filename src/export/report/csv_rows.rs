//! Reach reports as CSV: one row per place within range, or one row of totals per site and
//! range, with the low figure's columns for estimates.

use super::{bounds_km, place_fields, result_fields};
use crate::coverage::{Coverage, LowCoverage};
use crate::error::{Error, Result};
use crate::places::Place;

fn csv_writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new())
}

fn csv_text(writer: csv::Writer<Vec<u8>>) -> Result<String> {
    let bytes = writer.into_inner().map_err(|e| Error::Csv(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| Error::Csv(e.to_string()))
}

fn csv_error(e: csv::Error) -> Error {
    Error::Csv(e.to_string())
}

/// A field's value as a CSV cell: empty for null, `true`/`false`, numbers and text as they are.
fn cell(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// CSV, one row per place within range of each site and range, nearest first: the report's
/// fields ([`super::FIELDS`]), then the other columns of a user's places file (empty where a
/// place lacks one). With targets, each site and range's targets follow its places, in range
/// or not, and two columns more: `target` (true on a target's row) and `within`, with the
/// target's `group` among the extra columns.
pub fn csv_places(results: &[Coverage], places: &[Place]) -> Result<String> {
    let mut extra: Vec<&str> = Vec::new();
    for place in places {
        for (key, _) in &place.extra {
            if !extra.contains(&key.as_str()) {
                extra.push(key);
            }
        }
    }
    let with_targets = results.iter().any(|r| !r.targets.is_empty());
    if with_targets && !extra.contains(&"group") {
        extra.push("group");
    }
    let target_columns: &[&str] = if with_targets { &["target", "within"] } else { &[] };
    let mut w = csv_writer();
    w.write_record(
        super::FIELDS.iter().map(|(name, _)| *name).chain(extra.iter().copied()).chain(target_columns.iter().copied()),
    )
    .map_err(csv_error)?;
    for r in results {
        let of_result = result_fields(r);
        for h in &r.hits {
            let p = &places[h.place];
            let of_place = place_fields(h, p);
            let mut row: Vec<String> = of_result.iter().map(|(_, v)| cell(v)).collect();
            row.extend(of_place.iter().take(super::FIELDS.len() - of_result.len()).map(|(_, v)| cell(v)));
            row.extend(
                extra
                    .iter()
                    .map(|key| p.extra.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()).unwrap_or_default()),
            );
            if with_targets {
                row.extend(["false".to_string(), "true".to_string()]);
            }
            w.write_record(&row).map_err(csv_error)?;
        }
        for t in &r.targets {
            let fields = super::target_json(t, &r.reach);
            let mut row: Vec<String> = of_result.iter().map(|(_, v)| cell(v)).collect();
            // The place fields in their order; a target has no country, population or capital flag.
            for (name, _) in super::FIELDS.iter().skip(of_result.len()) {
                row.push(fields.get(*name).map(cell).unwrap_or_default());
            }
            row.extend(extra.iter().map(|key| if *key == "group" { cell(&fields["group"]) } else { String::new() }));
            row.extend(["true".to_string(), cell(&fields["within"])]);
            w.write_record(&row).map_err(csv_error)?;
        }
    }
    csv_text(w)
}

/// CSV, one row per site and range with its totals.
pub fn csv_totals(results: &[Coverage]) -> Result<String> {
    let mut w = csv_writer();
    w.write_record([
        "site",
        "site_lat",
        "site_lon",
        "site_position",
        "range",
        "min_km",
        "max_km",
        "places",
        "capitals",
        "population",
        "countries",
        "land_km2",
        "low_km",
        "places_within_low",
        "capitals_within_low",
        "population_within_low",
        "countries_within_low",
        "land_km2_within_low",
        "grid_population",
        "grid_population_within_low",
    ])
    .map_err(csv_error)?;
    for r in results {
        let (min, max) = bounds_km(&r.reach);
        let low = r.within_low.as_ref();
        let of_low = |f: &dyn Fn(&LowCoverage) -> String| low.map(f).unwrap_or_default();
        w.write_record([
            r.origin.name().to_string(),
            r.origin.anchor().y().to_string(),
            r.origin.anchor().x().to_string(),
            super::site_position(r).to_string(),
            r.label.clone(),
            min.map(|m| m.to_string()).unwrap_or_default(),
            max.to_string(),
            r.totals.places.to_string(),
            r.totals.capitals.to_string(),
            r.totals.population.to_string(),
            r.totals.countries.len().to_string(),
            r.land_km2().map(|a| format!("{a:.0}")).unwrap_or_default(),
            of_low(&|l| l.radius.km().to_string()),
            of_low(&|l| l.totals.places.to_string()),
            of_low(&|l| l.totals.capitals.to_string()),
            of_low(&|l| l.totals.population.to_string()),
            of_low(&|l| l.totals.countries.len().to_string()),
            of_low(&|l| l.land_km2().map(|a| format!("{a:.0}")).unwrap_or_default()),
            r.grid.map(|g| format!("{:.0}", g.people)).unwrap_or_default(),
            r.grid.and_then(|g| g.people_within_low).map(|p| format!("{p:.0}")).unwrap_or_default(),
        ])
        .map_err(csv_error)?;
    }
    csv_text(w)
}
