//! Places to label and to test for reach: the built-in gazetteer (GeoNames cities of 15,000 or
//! more people and every national capital, embedded from `assets/places/places.csv.gz`, see
//! `assets/README.md`), decoded once per run.

use std::io::Read;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::error::{Error, Result};

/// A populated place.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Place {
    /// Name as GeoNames gives it (`Kraków`, `Saint John’s`).
    pub name: String,
    /// ISO 3166-1 alpha-2 country code.
    pub country_code: String,
    /// Country name.
    pub country: String,
    /// Latitude, degrees.
    pub lat: f64,
    /// Longitude, degrees in [-180, 180].
    pub lon: f64,
    /// Population.
    pub population: u64,
    /// Whether the place is its country's (or territory's) capital.
    #[serde(deserialize_with = "zero_or_one")]
    pub capital: bool,
}

fn zero_or_one<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<bool, D::Error> {
    match u8::deserialize(d)? {
        0 => Ok(false),
        1 => Ok(true),
        other => Err(serde::de::Error::custom(format!("capital must be 0 or 1, not {other}"))),
    }
}

/// The built-in gazetteer, most populous first.
///
/// ```
/// let places = reachmap::places::gazetteer().unwrap();
/// let warsaw = places.iter().find(|p| p.name == "Warsaw" && p.country_code == "PL").unwrap();
/// assert!(warsaw.capital && (warsaw.lat - 52.23).abs() < 0.01);
/// ```
pub fn gazetteer() -> Result<&'static [Place]> {
    static PLACES: OnceLock<std::result::Result<Vec<Place>, String>> = OnceLock::new();
    PLACES
        .get_or_init(|| {
            let mut text = Vec::new();
            flate2::read::GzDecoder::new(&include_bytes!("../assets/places/places.csv.gz")[..])
                .read_to_end(&mut text)
                .map_err(|e| format!("assets/places/places.csv.gz: {e}"))?;
            csv::Reader::from_reader(&text[..])
                .deserialize()
                .collect::<std::result::Result<Vec<Place>, _>>()
                .map_err(|e| format!("assets/places/places.csv.gz: {e}"))
        })
        .as_deref()
        .map_err(|e| Error::Asset(e.clone()))
}

/// The places called `name` (case-insensitive; `name` may end in `, CC` with a country code to
/// pick one of several), most populous first.
pub fn find(name: &str) -> Result<Vec<&'static Place>> {
    let (name, country) = match name.rsplit_once(',') {
        Some((n, c)) if c.trim().len() == 2 => (n.trim(), Some(c.trim().to_uppercase())),
        _ => (name.trim(), None),
    };
    Ok(gazetteer()?
        .iter()
        .filter(|p| p.name.to_lowercase() == name.to_lowercase())
        .filter(|p| country.as_ref().is_none_or(|c| *c == p.country_code))
        .collect())
}
