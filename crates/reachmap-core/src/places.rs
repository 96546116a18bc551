//! Places to label and to test for reach: the built-in gazetteer (GeoNames cities of 15,000 or
//! more people and every national capital, embedded from `assets/places/places.csv.gz`, see
//! `assets/README.md`), decoded once per run.

use std::io::Read;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::error::{Error, Result};

mod names;

pub use names::{
    CLEARLY_MEANT, NAMED_POSITION_KM, Resolved, edit_distance_of, far_from_named, find, fold_name, resolve,
    resolve_name, target,
};

/// What population totals from the built-in gazetteer count, said wherever such a total is
/// printed (see [`counted`] for other choices of places).
pub const COUNTED: &str =
    "people in places of 15,000 or more (GeoNames, July 2026), city sections not counted separately";

/// What a population total over the places chosen as [`select`] takes them (`cities`,
/// `capitals` or a file's path, at least `min_population` people each) counts: [`COUNTED`] for
/// the gazetteer.
///
/// ```
/// assert_eq!(reachmap_core::places::counted("cities", None), reachmap_core::places::COUNTED);
/// assert!(reachmap_core::places::counted("cities", Some(100_000)).starts_with("people in places of 100,000 or more"));
/// ```
pub fn counted(which: &str, min_population: Option<u64>) -> String {
    let at_least = min_population.unwrap_or(0);
    match which {
        "cities" if at_least <= 15_000 => COUNTED.to_string(),
        "cities" => COUNTED.replace("15,000", &crate::format::group_digits(at_least)),
        "capitals" => "people in national capitals (GeoNames, July 2026)".to_string(),
        crate::input::STDIN => "people in the places read from standard input, as given".to_string(),
        path => format!("people in the places of {path}, as given"),
    }
}

/// The places chosen, for a sentence such as "the population of … within range":
/// `GeoNames places of 15,000 or more people (July 2026; city sections not counted
/// separately)`, `national capitals (GeoNames)`, `the places in FILE`.
pub fn description(which: &str, min_population: Option<u64>) -> String {
    let at_least = crate::format::group_digits(min_population.unwrap_or(0).max(15_000));
    match which {
        "cities" => {
            format!("GeoNames places of {at_least} or more people (July 2026; city sections not counted separately)")
        }
        "capitals" => "national capitals (GeoNames)".to_string(),
        crate::input::STDIN => "the places read from standard input".to_string(),
        path => format!("the places in {path}"),
    }
}

/// A populated place.
#[derive(Debug, Clone, PartialEq)]
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
    /// Whether the place is a sovereign state's capital (see [`DEPENDENCIES`]; the gazetteer's
    /// seats of dependencies are [`dependency_seats`], not capitals).
    pub capital: bool,
    /// A user's places file's other columns (CSV) or properties (GeoJSON), as text, in the
    /// file's order: carried through to every report of the places. None for the gazetteer.
    pub extra: Vec<(String, String)>,
}

fn zero_or_one<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<bool, D::Error> {
    match u8::deserialize(d)? {
        0 => Ok(false),
        1 => Ok(true),
        other => Err(serde::de::Error::custom(format!("capital must be 0 or 1, not {other}"))),
    }
}

/// ISO 3166-1 codes of the gazetteer's countries that are not sovereign states: dependencies
/// and territories (Jersey, the Isle of Man, Åland, Greenland, Guam, Hong Kong, ...) and Western
/// Sahara, a non-self-governing territory. GeoNames lists each as a country with a capital; the
/// gazetteer marks as capitals only those of the other 197: the 193 UN member states, the two
/// observer states (the Holy See, Palestine), Kosovo and Taiwan, which Natural Earth also draws
/// as sovereign countries.
pub const DEPENDENCIES: [&str; 46] = [
    "AI", "AS", "AW", "AX", "BL", "BM", "CC", "CK", "CW", "CX", "EH", "FK", "FO", "GF", "GG", "GI", "GL", "GP", "GS",
    "GU", "HK", "IM", "JE", "KY", "MF", "MO", "MP", "MQ", "MS", "NC", "NF", "NU", "PF", "PM", "PN", "PR", "RE", "SH",
    "SJ", "SX", "TC", "TF", "VG", "VI", "WF", "YT",
];

/// The gazetteer's places, the indices of the dependencies' seats among them, and each
/// place's alternate names (joined by `|`).
type Loaded = (Vec<Place>, Vec<usize>, Vec<String>);

/// A row of the gazetteer's file: a place and its alternate names.
#[derive(Deserialize)]
struct Row {
    name: String,
    country_code: String,
    country: String,
    lat: f64,
    lon: f64,
    population: u64,
    #[serde(deserialize_with = "zero_or_one")]
    capital: bool,
    alternate_names: String,
}

impl Row {
    fn split(self) -> (Place, String) {
        let Row { name, country_code, country, lat, lon, population, capital, alternate_names } = self;
        (Place { name, country_code, country, lat, lon, population, capital, extra: Vec::new() }, alternate_names)
    }
}

/// The gazetteer, decoded once per run ([`Loaded`]).
fn loaded() -> Result<&'static Loaded> {
    static PLACES: OnceLock<std::result::Result<Loaded, String>> = OnceLock::new();
    PLACES
        .get_or_init(|| {
            let mut text = Vec::new();
            flate2::read::GzDecoder::new(&include_bytes!("../../../assets/places/places.csv.gz")[..])
                .read_to_end(&mut text)
                .map_err(|e| format!("assets/places/places.csv.gz: {e}"))?;
            let rows = csv::Reader::from_reader(&text[..])
                .deserialize()
                .collect::<std::result::Result<Vec<Row>, _>>()
                .map_err(|e| format!("assets/places/places.csv.gz: {e}"))?;
            let (mut places, alternates): (Vec<Place>, Vec<String>) = rows.into_iter().map(Row::split).unzip();
            let mut seats = Vec::new();
            for (k, place) in places.iter_mut().enumerate() {
                if place.capital && DEPENDENCIES.contains(&place.country_code.as_str()) {
                    place.capital = false;
                    seats.push(k);
                }
            }
            Ok((places, seats, alternates))
        })
        .as_ref()
        .map_err(|e| Error::Asset(e.clone()))
}

/// The seats of dependencies and territories ([`DEPENDENCIES`]): Saint Helier, Douglas,
/// Mariehamn, Nuuk, Hagåtña, ... — labelled on maps only when asked for.
pub fn dependency_seats() -> Result<Vec<Place>> {
    let (places, seats, _) = loaded()?;
    Ok(seats.iter().map(|&k| places[k].clone()).collect())
}

/// Whether `place` is one of the [`dependency_seats`] (false if the gazetteer cannot be read).
///
/// ```
/// use reachmap_core::places::{capitals, dependency_seats, is_dependency_seat};
/// let douglas = dependency_seats().unwrap().into_iter().find(|p| p.name == "Douglas").unwrap();
/// assert!(is_dependency_seat(&douglas));
/// assert!(!capitals().unwrap().iter().any(is_dependency_seat));
/// ```
pub fn is_dependency_seat(place: &Place) -> bool {
    loaded().is_ok_and(|(places, seats, _)| seats.iter().any(|&k| places[k] == *place))
}

/// The built-in gazetteer, most populous first.
///
/// ```
/// let places = reachmap_core::places::gazetteer().unwrap();
/// let warsaw = places.iter().find(|p| p.name == "Warsaw" && p.country_code == "PL").unwrap();
/// assert!(warsaw.capital && (warsaw.lat - 52.23).abs() < 0.01);
/// ```
pub fn gazetteer() -> Result<&'static [Place]> {
    Ok(&loaded()?.0)
}

/// Sovereign states' capitals, most populous first: the places a map labels unless told
/// otherwise (see [`DEPENDENCIES`]).
///
/// ```
/// let capitals = reachmap_core::places::capitals().unwrap();
/// assert_eq!(capitals.len(), 197); // 193 UN members, 2 observer states, Kosovo, Taiwan
/// assert!(!capitals.iter().any(|p| p.name == "Douglas" || p.name == "Mariehamn"));
/// ```
pub fn capitals() -> Result<Vec<Place>> {
    Ok(gazetteer()?.iter().filter(|p| p.capital).cloned().collect())
}

/// The places a report counts: `capitals`, `cities` (the whole gazetteer), the path of a
/// places file or `-` for standard input ([`from_stdin`]), keeping those of at least `min_population` people; with whether they are the
/// gazetteer's (which reports then credit).
pub fn select(which: &str, min_population: Option<u64>) -> Result<(Vec<Place>, bool)> {
    let (mut places, gazetteer) = match which {
        "cities" => (gazetteer()?.to_vec(), true),
        "capitals" => (capitals()?, true),
        crate::input::STDIN => (from_stdin()?, false),
        path => (from_file(std::path::Path::new(path))?, false),
    };
    if let Some(n) = min_population {
        places.retain(|p| p.population >= n);
    }
    Ok((places, gazetteer))
}

/// Places from a file of the user's: CSV with a header naming at least `name`, `lat` and `lon`
/// (also `latitude`, `longitude`, `lng`; coordinates as numbers or any form
/// [`crate::coords::parse_lat_lon`] accepts) and optionally `country` (an ISO code or a name),
/// `population` and `capital` (0/1, true/false); or GeoJSON (`.geojson`/`.json`) Point features
/// with a `name` property and the same optional ones. Errors name the file and line (CSV) or
/// feature (GeoJSON). The same name twice in one country is an error: results would be ambiguous.
pub fn from_file(path: &std::path::Path) -> Result<Vec<Place>> {
    let origin = path.display().to_string();
    let text = crate::input::read_text(path, crate::input::MAX_PLACES_FILE_BYTES, "a places file")?;
    let text = text.as_str();
    if text.trim().is_empty() {
        return Err(Error::invalid(&origin, "", "the file is empty: it holds no places"));
    }
    let geojson = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("geojson") || e.eq_ignore_ascii_case("json"));
    parse(text, &origin, if geojson { PlacesFormat::GeoJson } else { PlacesFormat::Csv })
}

/// Places from standard input, as in a places file ([`from_file`]): GeoJSON where the text
/// starts with `{`, CSV otherwise.
pub fn from_stdin() -> Result<Vec<Place>> {
    let text = crate::input::read_stdin(crate::input::MAX_PLACES_FILE_BYTES, "places (CSV or GeoJSON)")?;
    let format = if text.trim_start().starts_with('{') { PlacesFormat::GeoJson } else { PlacesFormat::Csv };
    parse(&text, "standard input", format)
}

/// The formats of places files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlacesFormat {
    /// CSV with a header.
    Csv,
    /// A GeoJSON FeatureCollection of points.
    GeoJson,
}

/// Places from the text of a places file (see [`from_file`]); `origin` names it in errors.
pub fn parse(text: &str, origin: &str, format: PlacesFormat) -> Result<Vec<Place>> {
    let places = match format {
        PlacesFormat::GeoJson => parse_geojson(text, origin)?,
        PlacesFormat::Csv => parse_csv(text, origin)?,
    };
    if places.is_empty() {
        return Err(Error::invalid(origin, "", "the file holds no places"));
    }
    Ok(places)
}

/// Checks one place's fields and builds it; `at` locates it in errors.
fn user_place(at: &str, fields: UserFields) -> Result<Place> {
    let name = fields.name.trim();
    if name.is_empty() || name.chars().any(char::is_control) {
        return Err(Error::invalid(format!("{at}: name"), name, "a place needs a name without control characters"));
    }
    let point = crate::coords::parse_lat_lon(&format!("{}, {}", fields.lat, fields.lon), format!("{at}: lat, lon"))?;
    let population = match fields.population.map(str::trim).filter(|p| !p.is_empty()) {
        None => 0,
        Some(p) => p.replace([',', '_'], "").parse::<u64>().map_err(|_| {
            Error::invalid(format!("{at}: population"), p, "expected a whole number of people, e.g. 475056")
        })?,
    };
    let capital = match fields.capital.map(|c| c.trim().to_ascii_lowercase()).as_deref() {
        None | Some("" | "0" | "false" | "no") => false,
        Some("1" | "true" | "yes") => true,
        Some(other) => {
            return Err(Error::invalid(format!("{at}: capital"), other, "expected 1 or 0 (or true/false)"));
        }
    };
    let country = fields.country.map(str::trim).unwrap_or("").to_string();
    let code = if country.len() == 2 && country.chars().all(|c| c.is_ascii_alphabetic()) {
        country.to_ascii_uppercase()
    } else {
        String::new()
    };
    Ok(Place {
        name: name.to_string(),
        country_code: code,
        country,
        lat: point.y(),
        lon: point.x(),
        population,
        capital,
        extra: fields.extra,
    })
}

struct UserFields<'a> {
    name: &'a str,
    lat: &'a str,
    lon: &'a str,
    country: Option<&'a str>,
    population: Option<&'a str>,
    capital: Option<&'a str>,
    extra: Vec<(String, String)>,
}

/// The fields every report of places writes (`reachmap::export::report`): a user's column of
/// one of these names is carried as `user_NAME`.
pub const REPORT_FIELDS: [&str; 21] = [
    "site",
    "site_lat",
    "site_lon",
    "site_position",
    "range",
    "min_km",
    "max_km",
    "low_km",
    "name",
    "country_code",
    "country",
    "lat",
    "lon",
    "population",
    "capital",
    "distance_km",
    "bearing_deg",
    "within_low",
    "flight_min",
    "area",
    "type",
];

/// The name a user's extra column is carried under: its own, or `user_NAME` where a report
/// field has that name.
fn extra_name(column: &str) -> String {
    let column = column.trim();
    if REPORT_FIELDS.contains(&column.to_ascii_lowercase().as_str()) {
        format!("user_{column}")
    } else {
        column.to_string()
    }
}

fn no_duplicates(places: &[Place], lines: &[String]) -> Result<()> {
    let mut seen: std::collections::HashMap<(String, String), usize> = std::collections::HashMap::new();
    for (k, place) in places.iter().enumerate() {
        let key = (place.name.to_lowercase(), place.country.to_lowercase());
        if let Some(first) = seen.insert(key, k) {
            return Err(Error::invalid(
                &lines[k],
                &place.name,
                format!("the same place name (and country) as {}; names must be unique", lines[first]),
            ));
        }
    }
    Ok(())
}

fn parse_csv(text: &str, origin: &str) -> Result<Vec<Place>> {
    let mut reader = csv::ReaderBuilder::new().flexible(false).trim(csv::Trim::All).from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| Error::invalid(format!("{origin}:1"), "", format!("cannot read the header line: {e}")))?
        .clone();
    let column = |names: &[&str]| headers.iter().position(|h| names.contains(&h.to_ascii_lowercase().as_str()));
    let required = |names: &[&str]| {
        column(names).ok_or_else(|| {
            Error::invalid(
                format!("{origin}:1"),
                &headers.iter().collect::<Vec<_>>().join(","),
                format!(
                    "the header needs a {} column (columns: name, lat, lon; optional: country, population, capital)",
                    names[0]
                ),
            )
        })
    };
    let (name, lat, lon) =
        (required(&["name"])?, required(&["lat", "latitude"])?, required(&["lon", "lng", "long", "longitude"])?);
    let (country, population, capital) =
        (column(&["country", "country_code"]), column(&["population"]), column(&["capital"]));
    let read = [Some(name), Some(lat), Some(lon), country, population, capital];
    let extra_columns: Vec<(usize, String)> = headers
        .iter()
        .enumerate()
        .filter(|(i, h)| !read.contains(&Some(*i)) && !h.trim().is_empty())
        .map(|(i, h)| (i, extra_name(h)))
        .collect();
    let mut places = Vec::new();
    let mut lines = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            Error::invalid(format!("{origin}:{line}"), "", format!("not a valid CSV row: {e}"))
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let at = format!("{origin}:{line}");
        let get = |i: usize| record.get(i).unwrap_or("");
        let fields = UserFields {
            name: get(name),
            lat: get(lat),
            lon: get(lon),
            country: country.map(get),
            population: population.map(get),
            capital: capital.map(get),
            extra: extra_columns.iter().map(|(i, h)| (h.clone(), get(*i).to_string())).collect(),
        };
        places.push(user_place(&at, fields)?);
        lines.push(at);
    }
    no_duplicates(&places, &lines)?;
    Ok(places)
}

fn parse_geojson(text: &str, origin: &str) -> Result<Vec<Place>> {
    let value: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| Error::invalid(format!("{origin}:{}", e.line()), "", format!("not JSON: {e}")))?;
    let Some(features) = value.get("features").and_then(|f| f.as_array()) else {
        return Err(Error::invalid(origin, "", "expected a GeoJSON FeatureCollection of Point features"));
    };
    let mut places = Vec::new();
    let mut lines = Vec::new();
    for (k, feature) in features.iter().enumerate() {
        let at = format!("{origin}: feature {k}");
        let geometry = &feature["geometry"];
        let coords = geometry["coordinates"].as_array();
        let (Some("Point"), Some([lon, lat, ..])) = (geometry["type"].as_str(), coords.map(Vec::as_slice)) else {
            return Err(Error::invalid(&at, &geometry.to_string(), "expected a Point geometry with [lon, lat]"));
        };
        let props = &feature["properties"];
        let text_of = |v: &serde_json::Value| match v {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Number(n) => Some(n.to_string()),
            serde_json::Value::Bool(b) => Some(b.to_string()),
            _ => None,
        };
        let name =
            props["name"].as_str().ok_or_else(|| Error::invalid(&at, "", "a place needs a \"name\" property"))?;
        let (lat, lon) = (text_of(lat).unwrap_or_default(), text_of(lon).unwrap_or_default());
        let (country, population, capital) =
            (text_of(&props["country"]), text_of(&props["population"]), text_of(&props["capital"]));
        let extra = props
            .as_object()
            .map(|o| {
                o.iter()
                    .filter(|(k, _)| !["name", "country", "population", "capital"].contains(&k.as_str()))
                    .map(|(k, v)| (extra_name(k), text_of(v).unwrap_or_default()))
                    .collect()
            })
            .unwrap_or_default();
        let fields = UserFields {
            name,
            lat: &lat,
            lon: &lon,
            country: country.as_deref(),
            population: population.as_deref(),
            capital: capital.as_deref(),
            extra,
        };
        places.push(user_place(&at, fields)?);
        lines.push(at);
    }
    no_duplicates(&places, &lines)?;
    Ok(places)
}
