//! Strategic places: air and naval bases, missile-defence and launch sites, the occupied features
//! of the Spratly and Paracel Islands, and strategic islands and territories — the places analysts
//! reason about that a gazetteer of cities lacks. The built-in list is
//! `assets/strategic/places.csv`, embedded in the binary, each entry with the source of its
//! position (see assets/README.md); it is validated when first read.
//!
//! This module knows nothing of the gazetteer ([`crate::places`] asks it for names the gazetteer
//! does not settle) or of maps.

use std::sync::OnceLock;

use crate::error::{Error, Result};

/// One strategic place.
#[derive(Debug, Clone, PartialEq)]
pub struct StrategicPlace {
    /// The name printed (`Andersen Air Force Base`).
    pub name: String,
    /// Other names it is found by (`Andersen AFB`, `Andersen`).
    pub also: Vec<String>,
    /// What it is: `air base`, `naval base`, `missile defence`, `occupied feature`, `island`, ...
    pub kind: String,
    /// ISO 3166-1 alpha-2 code of the country its source places it in, or for an occupied
    /// feature of the one that holds it.
    pub country: String,
    /// Latitude, degrees.
    pub lat: f64,
    /// Longitude, degrees in [-180, 180].
    pub lon: f64,
    /// Where the position comes from.
    pub source: String,
}

impl StrategicPlace {
    /// Whether `name` is this place's name or one of its alternatives, without regard to case
    /// or surrounding spaces.
    pub fn is_called(&self, name: &str) -> bool {
        let name = name.trim().to_lowercase();
        std::iter::once(&self.name).chain(&self.also).any(|n| n.to_lowercase() == name)
    }
}

/// The built-in list, in the file's order (by theatre), decoded and checked once per run.
///
/// ```
/// let places = reachmap_core::strategic::builtin().unwrap();
/// assert!(places.len() > 150);
/// assert!(places.iter().all(|p| !p.source.is_empty()));
/// ```
pub fn builtin() -> Result<&'static [StrategicPlace]> {
    static PLACES: OnceLock<std::result::Result<Vec<StrategicPlace>, String>> = OnceLock::new();
    PLACES
        .get_or_init(|| {
            parse(include_str!("../../../assets/strategic/places.csv"), "assets/strategic/places.csv")
                .map_err(|e| e.to_string())
        })
        .as_ref()
        .map(Vec::as_slice)
        .map_err(|e| Error::Asset(e.clone()))
}

/// The strategic place called `name` (its name or a listed alternative, any case).
///
/// ```
/// use reachmap_core::strategic::find;
/// let andersen = find("andersen afb").unwrap().unwrap();
/// assert_eq!(andersen.name, "Andersen Air Force Base");
/// assert!((andersen.lat - 13.58).abs() < 0.01 && (andersen.lon - 144.93).abs() < 0.01);
/// assert!(find("Atlantis").unwrap().is_none());
/// ```
pub fn find(name: &str) -> Result<Option<&'static StrategicPlace>> {
    Ok(builtin()?.iter().find(|p| p.is_called(name)))
}

/// The list as `reachmap catalog --places` prints it: one line per place with its kind,
/// country, position and source.
pub fn listing() -> Result<String> {
    let mut out = String::from("Strategic places (names resolve as sites and targets; alternatives in brackets)\n");
    for p in builtin()? {
        let also = if p.also.is_empty() { String::new() } else { format!(" [{}]", p.also.join(", ")) };
        out.push_str(&format!(
            "  {}{also}: {}, {}, {:.4}, {:.4}\n      source: {}\n",
            p.name, p.kind, p.country, p.lat, p.lon, p.source
        ));
    }
    Ok(out)
}

/// Places from the text of a strategic-places file: CSV with the columns `name`, `also`
/// (alternatives separated by `|`), `kind`, `country`, `lat`, `lon`, `source`, lines starting
/// with `#` ignored. Every entry needs a name, a source and a valid position; no name or
/// alternative may name two places. `origin` names the text in errors.
pub fn parse(text: &str, origin: &str) -> Result<Vec<StrategicPlace>> {
    #[derive(serde::Deserialize)]
    struct Row {
        name: String,
        also: String,
        kind: String,
        country: String,
        lat: f64,
        lon: f64,
        source: String,
    }
    let mut reader = csv::ReaderBuilder::new().comment(Some(b'#')).from_reader(text.as_bytes());
    let mut places: Vec<StrategicPlace> = Vec::new();
    let mut seen: std::collections::HashMap<String, String> = std::collections::HashMap::new();
    for row in reader.deserialize::<Row>() {
        let row = row.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            Error::invalid(format!("{origin}:{line}"), "", format!("not a valid row: {e}"))
        })?;
        let at = format!("{origin}: {}", row.name);
        if row.name.trim().is_empty() {
            return Err(Error::invalid(origin, "", "every place needs a name"));
        }
        if row.source.trim().is_empty() {
            return Err(Error::invalid(&at, "", "every place needs the source of its position"));
        }
        if !row.lat.is_finite() || !(-90.0..=90.0).contains(&row.lat) {
            return Err(Error::out_of_range(format!("{at}: lat"), row.lat, "-90 to 90 degrees"));
        }
        if !row.lon.is_finite() || !(-180.0..=180.0).contains(&row.lon) {
            return Err(Error::out_of_range(format!("{at}: lon"), row.lon, "-180 to 180 degrees"));
        }
        let also: Vec<String> =
            row.also.split('|').map(str::trim).filter(|a| !a.is_empty()).map(str::to_string).collect();
        for name in std::iter::once(&row.name).chain(&also) {
            if let Some(other) = seen.insert(name.trim().to_lowercase(), row.name.clone()) {
                return Err(Error::invalid(
                    &at,
                    name,
                    format!("this name already names {other}; names and alternatives must be unique"),
                ));
            }
        }
        places.push(StrategicPlace {
            name: row.name.trim().to_string(),
            also,
            kind: row.kind.trim().to_string(),
            country: row.country.trim().to_string(),
            lat: row.lat,
            lon: row.lon,
            source: row.source.trim().to_string(),
        });
    }
    Ok(places)
}

/// A sea or ocean named on regional maps, at a label point: a point within the sea's limits
/// (IHO S-23), with the source of its name and point.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct Sea {
    /// The name printed.
    pub name: String,
    /// Latitude of the label point, degrees.
    pub lat: f64,
    /// Longitude of the label point, degrees.
    pub lon: f64,
    /// Where the name and point come from.
    pub source: String,
}

/// The built-in seas (`assets/strategic/seas.csv`), decoded once per run.
///
/// ```
/// let seas = reachmap_core::strategic::seas().unwrap();
/// assert!(seas.iter().any(|s| s.name == "South China Sea"));
/// ```
pub fn seas() -> Result<&'static [Sea]> {
    static SEAS: OnceLock<std::result::Result<Vec<Sea>, String>> = OnceLock::new();
    SEAS.get_or_init(|| {
        csv::ReaderBuilder::new()
            .comment(Some(b'#'))
            .from_reader(include_str!("../../../assets/strategic/seas.csv").as_bytes())
            .deserialize()
            .collect::<std::result::Result<Vec<Sea>, _>>()
            .map_err(|e| format!("assets/strategic/seas.csv: {e}"))
    })
    .as_ref()
    .map(Vec::as_slice)
    .map_err(|e| Error::Asset(e.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_twice_is_refused() {
        let text = "name,also,kind,country,lat,lon,source\nA,B,island,JP,1,2,s\nC,b,island,JP,1,2,s\n";
        assert!(parse(text, "t").unwrap_err().to_string().contains("already names A"));
    }

    #[test]
    fn a_place_without_a_source_is_refused() {
        let text = "name,also,kind,country,lat,lon,source\nA,,island,JP,1,2,\n";
        assert!(parse(text, "t").unwrap_err().to_string().contains("source"));
    }

    #[test]
    fn a_latitude_past_the_pole_is_refused() {
        let text = "name,also,kind,country,lat,lon,source\nA,,island,JP,91,2,s\n";
        assert!(parse(text, "t").unwrap_err().to_string().contains("lat"));
    }
}
