//! Candidate sites side by side: for each range, band or figure, one row per site with its
//! totals and land, as a table or Markdown.

use super::Counted;
use crate::coverage::{Coverage, Totals};
use crate::format::{format_km, group_digits};

/// One line of a comparison: a site's totals and land under one range, band or figure.
struct CompareRow<'a> {
    site: &'a crate::origin::Origin,
    totals: &'a Totals,
    land_km2: Option<f64>,
    /// The people counted from a population grid, if one was given.
    grid: Option<f64>,
}

impl CompareRow<'_> {
    /// The row's figures as printed: places, capitals, population, countries, land (km², or
    /// "–" where it was not measured), the gridded population ("–" without).
    fn cells(&self) -> [String; 6] {
        [
            group_digits(self.totals.places as u64),
            self.totals.capitals.to_string(),
            group_digits(self.totals.population),
            self.totals.countries.len().to_string(),
            self.land_km2.map(|a| group_digits(a.round() as u64)).unwrap_or_else(|| "–".into()),
            self.grid.map(|p| group_digits(p.round() as u64)).unwrap_or_else(|| "–".into()),
        ]
    }
}

/// The results grouped by range, in first-seen order: each range with its sites' rows. An
/// estimate gives two groups, what is in range under every figure and what is in range if
/// the high figure holds.
fn by_range(results: &[Coverage]) -> Vec<(String, Vec<CompareRow<'_>>)> {
    fn add<'a>(groups: &mut Vec<(String, Vec<CompareRow<'a>>)>, label: String, row: CompareRow<'a>) {
        match groups.iter_mut().find(|(l, _)| *l == label) {
            Some((_, rows)) => rows.push(row),
            None => groups.push((label, vec![row])),
        }
    }
    let mut groups: Vec<(String, Vec<CompareRow<'_>>)> = Vec::new();
    for r in results {
        let whole =
            CompareRow { site: &r.origin, totals: &r.totals, land_km2: r.land_km2(), grid: r.grid.map(|g| g.people) };
        match &r.within_low {
            Some(low) => {
                let low_km = format_km(low.radius.km());
                let high_km = format_km(r.reach.outer().km());
                let sure = CompareRow {
                    site: &r.origin,
                    totals: &low.totals,
                    land_km2: low.land_km2(),
                    grid: r.grid.and_then(|g| g.people_within_low),
                };
                add(&mut groups, format!("{} — within {low_km} km, in range under every figure", r.label), sure);
                let label = format!("{} — within {high_km} km, in range if the high figure holds", r.label);
                add(&mut groups, label, whole);
            }
            None => add(&mut groups, r.label.clone(), whole),
        }
    }
    groups
}

/// Candidate sites side by side: for each range, one row per site with its totals.
pub fn compare_table(results: &[Coverage], counted: Counted) -> String {
    let mut out = String::new();
    for (label, rows) in by_range(results) {
        out.push_str(&format!("{label}\n"));
        let width = rows.iter().map(|r| r.site.name().chars().count()).max().unwrap_or(4).max(4);
        let grid_header = if counted.grid.is_some() { format!("  {:>15}", "grid population") } else { String::new() };
        out.push_str(&format!(
            "  {:<width$}  {:>8}  {:>8}  {:>15}  {:>9}  {:>12}{grid_header}\n",
            "site", "places", "capitals", "population", "countries", "land km²"
        ));
        for r in rows {
            let pad = width.saturating_sub(r.site.name().chars().count());
            let [places, capitals, population, countries, land, grid] = r.cells();
            let grid = if counted.grid.is_some() { format!("  {grid:>15}") } else { String::new() };
            out.push_str(&format!(
                "  {}{:pad$}  {places:>8}  {capitals:>8}  {population:>15}  {countries:>9}  {land:>12}{grid}\n",
                r.site.name(),
                "",
            ));
        }
        out.push('\n');
    }
    for line in counted.footer() {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// [`compare_table`] as Markdown tables.
pub fn compare_markdown(results: &[Coverage], counted: Counted) -> String {
    let mut out = String::new();
    for (label, rows) in by_range(results) {
        let (grid_header, grid_rule) =
            if counted.grid.is_some() { (" grid population |", " ---: |") } else { ("", "") };
        out.push_str(&format!(
            "### {label}\n\n| site | places | capitals | population | countries | land (km²) |{grid_header}\n| --- | ---: | ---: | ---: | ---: | ---: |{grid_rule}\n"
        ));
        for r in rows {
            let [places, capitals, population, countries, land, grid] = r.cells();
            let grid = if counted.grid.is_some() { format!(" {grid} |") } else { String::new() };
            let site = r.site.name().replace('|', "\\|");
            out.push_str(&format!("| {site} | {places} | {capitals} | {population} | {countries} | {land} |{grid}\n"));
        }
        out.push('\n');
    }
    for line in counted.footer() {
        out.push_str(&format!("_{line}._\n"));
    }
    out
}
