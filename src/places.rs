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
    /// Whether the place is a sovereign state's capital (see [`DEPENDENCIES`]; the gazetteer's
    /// seats of dependencies are [`dependency_seats`], not capitals).
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

/// The gazetteer's places and the indices of the dependencies' seats among them.
type Loaded = (Vec<Place>, Vec<usize>);

/// The gazetteer, decoded once per run ([`Loaded`]).
fn loaded() -> Result<&'static Loaded> {
    static PLACES: OnceLock<std::result::Result<Loaded, String>> = OnceLock::new();
    PLACES
        .get_or_init(|| {
            let mut text = Vec::new();
            flate2::read::GzDecoder::new(&include_bytes!("../assets/places/places.csv.gz")[..])
                .read_to_end(&mut text)
                .map_err(|e| format!("assets/places/places.csv.gz: {e}"))?;
            let mut places = csv::Reader::from_reader(&text[..])
                .deserialize()
                .collect::<std::result::Result<Vec<Place>, _>>()
                .map_err(|e| format!("assets/places/places.csv.gz: {e}"))?;
            let mut seats = Vec::new();
            for (k, place) in places.iter_mut().enumerate() {
                if place.capital && DEPENDENCIES.contains(&place.country_code.as_str()) {
                    place.capital = false;
                    seats.push(k);
                }
            }
            Ok((places, seats))
        })
        .as_ref()
        .map_err(|e| Error::Asset(e.clone()))
}

/// The seats of dependencies and territories ([`DEPENDENCIES`]): Saint Helier, Douglas,
/// Mariehamn, Nuuk, Hagåtña, ... — labelled on maps only when asked for.
pub fn dependency_seats() -> Result<Vec<Place>> {
    let (places, seats) = loaded()?;
    Ok(seats.iter().map(|&k| places[k].clone()).collect())
}

/// The built-in gazetteer, most populous first.
///
/// ```
/// let places = reachmap::places::gazetteer().unwrap();
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
/// let capitals = reachmap::places::capitals().unwrap();
/// assert_eq!(capitals.len(), 197); // 193 UN members, 2 observer states, Kosovo, Taiwan
/// assert!(!capitals.iter().any(|p| p.name == "Douglas" || p.name == "Mariehamn"));
/// ```
pub fn capitals() -> Result<Vec<Place>> {
    Ok(gazetteer()?.iter().filter(|p| p.capital).cloned().collect())
}

/// The places a report counts: `capitals`, `cities` (the whole gazetteer) or the path of a
/// places file, keeping those of at least `min_population` people; with whether they are the
/// gazetteer's (which reports then credit).
pub fn select(which: &str, min_population: Option<u64>) -> Result<(Vec<Place>, bool)> {
    let (mut places, gazetteer) = match which {
        "cities" => (gazetteer()?.to_vec(), true),
        "capitals" => (capitals()?, true),
        path => (from_file(std::path::Path::new(path))?, false),
    };
    if let Some(n) = min_population {
        places.retain(|p| p.population >= n);
    }
    Ok((places, gazetteer))
}

/// A target or site given by name or position: `NAME=LAT,LON`, a position alone (named as
/// written), or a gazetteer name (`Moscow`, `Naha, JP`; see [`resolve_name`]). `field` names the
/// input.
///
/// ```
/// let moscow = reachmap::places::target("Moscow", "target").unwrap();
/// assert!((moscow.lat_deg() - 55.75).abs() < 0.01);
/// assert!(reachmap::places::target("Moskow", "target").unwrap_err().to_string().contains("Moscow"));
/// ```
pub fn target(text: &str, field: &str) -> Result<crate::site::Site> {
    if text.contains('=') {
        return crate::site::Site::parse_spec(text, field);
    }
    if let Ok(point) = crate::coords::parse_lat_lon(text, field) {
        return crate::site::Site::new(text.trim(), point.y(), point.x());
    }
    let place = resolve_name(text, field)?;
    crate::site::Site::new(&place.name, place.lat, place.lon)
}

/// How many times the people of the next place of a name the most populous must have to be
/// meant by the name alone: Portland, Oregon (652,503) over Portland, Maine (66,881), 9.8×; not
/// Springfield, Missouri (170,188) over Springfield, Massachusetts (154,341).
const CLEARLY_MEANT: u64 = 5;

/// The gazetteer place a name means (case-insensitive; `Naha, JP` picks a country): the only
/// place of that name; of several, the one national capital among them, or else the most
/// populous if it has at least five times the people of the next. A name that fits none, or
/// several places none of which is clearly meant, is refused with the candidates (or the
/// nearest names), and how to pick one.
///
/// ```
/// use reachmap::places::resolve_name;
/// assert_eq!(resolve_name("Naha, JP", "site").unwrap().country_code, "JP");
/// // Several Springfields in the United States, none five times the next.
/// let refused = resolve_name("Springfield", "site").unwrap_err().to_string();
/// assert!(refused.contains("Springfield, US") && refused.contains("NAME=LAT,LON"));
/// ```
pub fn resolve_name(text: &str, field: &str) -> Result<&'static Place> {
    let found = find(text)?;
    let capitals: Vec<&Place> = found.iter().copied().filter(|p| p.capital).collect();
    match (found.as_slice(), capitals.as_slice()) {
        ([only], _) => return Ok(only),
        (_, [capital]) => return Ok(capital),
        ([first, second, ..], _) if first.population >= CLEARLY_MEANT.saturating_mul(second.population.max(1)) => {
            return Ok(first);
        }
        _ => {}
    }
    // Names the gazetteer does not settle: a strategic place (base, island, reef) of that name.
    if let Some(place) = strategic_place(text)? {
        return Ok(place);
    }
    if found.is_empty() {
        let suggestions = nearest_names(text.split(',').next().unwrap_or(text), 3)?;
        return Err(Error::invalid(
            field,
            text,
            format!(
                "not a position and not in the gazetteer (places of 15,000 or more people and all capitals) nor a strategic place (`reachmap catalog --places`); did you mean {}? Or give NAME=LAT,LON",
                suggestions.join(", ")
            ),
        ));
    }
    const SHOWN: usize = 8;
    let listed: Vec<String> = found
        .iter()
        .take(SHOWN)
        .map(|p| {
            format!(
                "{}, {} ({:.2}, {:.2}; {} people)",
                p.name,
                p.country_code,
                p.lat,
                p.lon,
                crate::format::group_digits(p.population)
            )
        })
        .collect();
    let more = if found.len() > SHOWN { format!(" and {} more", found.len() - SHOWN) } else { String::new() };
    let one_country = found.iter().all(|p| p.country_code == found[0].country_code);
    let how = if one_country { "give NAME=LAT,LON" } else { "add a country code (\"Name, CC\") or give NAME=LAT,LON" };
    Err(Error::invalid(field, text, format!("names {} places: {}{more}; {how}", found.len(), listed.join("; "))))
}

/// The strategic place ([`crate::strategic`]) called `name`, as a place of no population.
fn strategic_place(name: &str) -> Result<Option<&'static Place>> {
    static PLACES: OnceLock<Vec<Place>> = OnceLock::new();
    let all = crate::strategic::builtin()?;
    let places = PLACES.get_or_init(|| {
        all.iter()
            .map(|s| Place {
                name: s.name.clone(),
                country_code: s.country.clone(),
                country: s.country.clone(),
                lat: s.lat,
                lon: s.lon,
                population: 0,
                capital: false,
            })
            .collect()
    });
    Ok(all.iter().position(|s| s.is_called(name)).map(|k| &places[k]))
}

/// The `n` gazetteer names closest to `name` in spelling (edit distance), most populous first
/// among equals.
fn nearest_names(name: &str, n: usize) -> Result<Vec<String>> {
    let wanted: Vec<char> = name.trim().to_lowercase().chars().collect();
    let mut scored: Vec<(usize, &Place)> = gazetteer()?
        .iter()
        .map(|p| (edit_distance(&wanted, &p.name.to_lowercase().chars().collect::<Vec<_>>()), p))
        .collect();
    scored.sort_by_key(|(d, _)| *d);
    let mut names: Vec<String> = Vec::new();
    for (_, place) in scored {
        let label = format!("{}, {}", place.name, place.country_code);
        if !names.contains(&label) {
            names.push(label);
        }
        if names.len() == n {
            break;
        }
    }
    Ok(names)
}

/// The edit distance between two strings (see [`edit_distance`]), for suggesting near names.
pub fn edit_distance_of(a: &str, b: &str) -> usize {
    edit_distance(&a.chars().collect::<Vec<_>>(), &b.chars().collect::<Vec<_>>())
}

/// Levenshtein distance between two strings of characters.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            current[j + 1] = (previous[j] + usize::from(ca != cb)).min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
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
        return Err(Error::invalid(&format!("{at}: name"), name, "a place needs a name without control characters"));
    }
    let point = crate::coords::parse_lat_lon(&format!("{}, {}", fields.lat, fields.lon), &format!("{at}: lat, lon"))?;
    let population = match fields.population.map(str::trim).filter(|p| !p.is_empty()) {
        None => 0,
        Some(p) => p.replace([',', '_'], "").parse::<u64>().map_err(|_| {
            Error::invalid(&format!("{at}: population"), p, "expected a whole number of people, e.g. 475056")
        })?,
    };
    let capital = match fields.capital.map(|c| c.trim().to_ascii_lowercase()).as_deref() {
        None | Some("" | "0" | "false" | "no") => false,
        Some("1" | "true" | "yes") => true,
        Some(other) => {
            return Err(Error::invalid(&format!("{at}: capital"), other, "expected 1 or 0 (or true/false)"));
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
    })
}

struct UserFields<'a> {
    name: &'a str,
    lat: &'a str,
    lon: &'a str,
    country: Option<&'a str>,
    population: Option<&'a str>,
    capital: Option<&'a str>,
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
        .map_err(|e| Error::invalid(&format!("{origin}:1"), "", format!("cannot read the header line: {e}")))?
        .clone();
    let column = |names: &[&str]| headers.iter().position(|h| names.contains(&h.to_ascii_lowercase().as_str()));
    let required = |names: &[&str]| {
        column(names).ok_or_else(|| {
            Error::invalid(
                &format!("{origin}:1"),
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
    let mut places = Vec::new();
    let mut lines = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            Error::invalid(&format!("{origin}:{line}"), "", format!("not a valid CSV row: {e}"))
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
        };
        places.push(user_place(&at, fields)?);
        lines.push(at);
    }
    no_duplicates(&places, &lines)?;
    Ok(places)
}

fn parse_geojson(text: &str, origin: &str) -> Result<Vec<Place>> {
    let value: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| Error::invalid(&format!("{origin}:{}", e.line()), "", format!("not JSON: {e}")))?;
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
        let fields = UserFields {
            name,
            lat: &lat,
            lon: &lon,
            country: country.as_deref(),
            population: population.as_deref(),
            capital: capital.as_deref(),
        };
        places.push(user_place(&at, fields)?);
        lines.push(at);
    }
    no_duplicates(&places, &lines)?;
    Ok(places)
}
