//! Reach reports as CSV: one row per place within range, or one row of totals per site and
//! range, with the low figure's columns for estimates.

use super::bounds_km;
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

/// A site's latitude and longitude for CSV; empty for a launch area, which has no one position.
fn site_coordinates(r: &Coverage) -> [String; 2] {
    match r.origin.site() {
        Some(site) => [site.lat_deg().to_string(), site.lon_deg().to_string()],
        None => [String::new(), String::new()],
    }
}

fn csv_error(e: csv::Error) -> Error {
    Error::Csv(e.to_string())
}

/// CSV, one row per place within range of each site and range, nearest first.
pub fn csv_places(results: &[Coverage], places: &[Place]) -> Result<String> {
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
        "low_km",
        "within_low",
        "flight_min",
    ])
    .map_err(csv_error)?;
    for r in results {
        let (min, max) = bounds_km(&r.reach);
        let low = r.reach.low().map(|l| l.km().to_string()).unwrap_or_default();
        for h in &r.hits {
            let p = &places[h.place];
            w.write_record([
                r.origin.name().to_string(),
                site_coordinates(r)[0].clone(),
                site_coordinates(r)[1].clone(),
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
                h.bearing_deg.map(|b| format!("{b:.2}")).unwrap_or_default(),
                low.clone(),
                h.within_low.map(|w| u8::from(w).to_string()).unwrap_or_default(),
                h.flight_s.map(|s| format!("{:.2}", s / 60.0)).unwrap_or_default(),
            ])
            .map_err(csv_error)?;
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
    ])
    .map_err(csv_error)?;
    for r in results {
        let (min, max) = bounds_km(&r.reach);
        let low = r.within_low.as_ref();
        let of_low = |f: &dyn Fn(&LowCoverage) -> String| low.map(f).unwrap_or_default();
        w.write_record([
            r.origin.name().to_string(),
            site_coordinates(r)[0].clone(),
            site_coordinates(r)[1].clone(),
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
        ])
        .map_err(csv_error)?;
    }
    csv_text(w)
}
