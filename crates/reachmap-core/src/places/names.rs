//! Names to places: which gazetteer place a name means. One function, [`resolve`], decides it;
//! every input that takes a place's name (`--site`, `--target`, a scenario's `[[sites]] name`)
//! goes through it. Names match the place's GeoNames name or one of its alternate names
//! ("Kiev", "Moskva"), with case, accents, hyphens, apostrophe styles and "St."/"Saint" set
//! aside.

use super::{Place, gazetteer, loaded};
use crate::error::{Error, Field, Result};
use crate::format::{group_digits, people};

/// How many times the people of the next place of a name the most populous must have to be
/// meant by the name alone: "St. Petersburg" is Saint Petersburg, Russia (5.4 million), not
/// St. Petersburg, Florida (0.26 million); "Springfield" (Missouri 170,188, Massachusetts
/// 154,341) is refused with its candidates.
pub const CLEARLY_MEANT: u64 = 10;

/// How far (km) a site given as `NAME=POSITION` may lie from the gazetteer's place of that name
/// before a note says so.
pub const NAMED_POSITION_KM: f64 = 100.0;

/// A name resolved to a place, with a note for the user when the name was ambiguous.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// The place meant.
    pub place: &'static Place,
    /// Which place was taken and how to pick another, when several matched.
    pub note: Option<String>,
}

/// A name as compared: lower case, accents and marks dropped (`Kraków` → `krakow`, `Łódź` →
/// `lodz`), hyphens and apostrophes as spaces, `St.`/`St` at the start as `saint`, one space
/// between words.
///
/// ```
/// use reachmap_core::places::fold_name;
/// assert_eq!(fold_name("St. Petersburg"), fold_name("Saint-Petersburg"));
/// assert_eq!(fold_name("Kraków"), "krakow");
/// ```
pub fn fold_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for ch in name.chars().flat_map(char::to_lowercase) {
        match ch {
            '-' | '\'' | '\u{2018}' | '\u{2019}' | '\u{02bb}' | '\u{02bc}' | '`' | '\u{2010}' | '\u{2013}' => {
                out.push(' ')
            }
            '\u{0300}'..='\u{036f}' => {}
            c if c.is_ascii() => out.push(c),
            c => match fold_char(c) {
                Some(ascii) => out.push_str(ascii),
                None => out.push(c),
            },
        }
    }
    let words: Vec<&str> = out.split_whitespace().collect();
    let mut joined = words.join(" ");
    for short in ["st. ", "st "] {
        if let Some(rest) = joined.strip_prefix(short) {
            joined = format!("saint {rest}");
            break;
        }
    }
    joined
}

/// The ASCII form of a lower-case Latin letter with a mark (the Latin-1 and Latin Extended-A
/// blocks and the Romanian and Vietnamese letters GeoNames' names use), or `None` for a
/// character kept as it is.
fn fold_char(c: char) -> Option<&'static str> {
    const TABLE: &[(&str, &str)] = &[
        ("àáâãäåāăąǎạảấầẩẫậắằẳẵặ", "a"),
        ("çćĉċč", "c"),
        ("ďđ", "d"),
        ("èéêëēĕėęěẹẻẽếềểễệ", "e"),
        ("ĝğġģ", "g"),
        ("ĥħ", "h"),
        ("ìíîïĩīĭįıǐỉị", "i"),
        ("ĵ", "j"),
        ("ķ", "k"),
        ("ĺļľŀł", "l"),
        ("ñńņňŉ", "n"),
        ("òóôõöøōŏőǒơọỏốồổỗộớờởỡợ", "o"),
        ("ŕŗř", "r"),
        ("śŝşšș", "s"),
        ("ţťŧț", "t"),
        ("ùúûüũūŭůűųǔưụủứừửữự", "u"),
        ("ŵ", "w"),
        ("ýÿŷỳỵỷỹ", "y"),
        ("źżž", "z"),
        ("ß", "ss"),
        ("æ", "ae"),
        ("œ", "oe"),
        ("þ", "th"),
        ("ð", "d"),
    ];
    TABLE.iter().find(|(from, _)| from.contains(c)).map(|(_, to)| *to)
}

/// The first character of a name as [`fold_name`] folds it (`Ł` → `l`), or `None` for a name
/// without one: a cheap test that rules out most names before folding them whole.
fn folded_initial(name: &str) -> Option<char> {
    let c = name.trim_start().chars().next()?.to_lowercase().next()?;
    Some(if c.is_ascii() { c } else { fold_char(c).and_then(|f| f.chars().next()).unwrap_or(c) })
}

/// Places (indices, most populous first) by folded own name, and by folded alternate name.
type NameIndex = (std::collections::HashMap<String, Vec<usize>>, std::collections::HashMap<String, Vec<usize>>);

/// The gazetteer's places (indices, most populous first) whose own name folds to `folded`, and
/// those with it as an alternate name. A scan, not an index: folding every name up front
/// costs a third of a second and 30 MB on each run that resolves a name; comparing first
/// letters first leaves a twentieth of the names to fold.
fn matching(folded: &str) -> Result<(Vec<usize>, Vec<usize>)> {
    let (places, _, alternates) = loaded()?;
    let Some(initial) = folded.chars().next() else {
        return Ok((Vec::new(), Vec::new()));
    };
    // A run that looks up many names (a thousand sites, each checked against its name's place)
    // folds every name once instead: past `SCANS` lookups the index costs less than the scans.
    const SCANS: usize = 12;
    static LOOKUPS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    if LOOKUPS.fetch_add(1, std::sync::atomic::Ordering::Relaxed) >= SCANS {
        static INDEX: std::sync::OnceLock<NameIndex> = std::sync::OnceLock::new();
        let index = INDEX.get_or_init(|| {
            let mut own: std::collections::HashMap<String, Vec<usize>> = std::collections::HashMap::new();
            let mut other: std::collections::HashMap<String, Vec<usize>> = std::collections::HashMap::new();
            for (k, place) in places.iter().enumerate() {
                let name = fold_name(&place.name);
                for alternate in alternates[k].split('|').filter(|a| !a.is_empty()) {
                    let alternate = fold_name(alternate);
                    if alternate != name {
                        let list = other.entry(alternate).or_default();
                        if list.last() != Some(&k) {
                            list.push(k);
                        }
                    }
                }
                own.entry(name).or_default().push(k);
            }
            (own, other)
        });
        let own = index.0.get(folded).cloned().unwrap_or_default();
        let other =
            index.1.get(folded).map(|ks| ks.iter().copied().filter(|k| !own.contains(k)).collect()).unwrap_or_default();
        return Ok((own, other));
    }
    let is = |name: &str| folded_initial(name) == Some(initial) && fold_name(name) == folded;
    let own: Vec<usize> = (0..places.len()).filter(|&k| is(&places[k].name)).collect();
    let other: Vec<usize> = (0..places.len())
        .filter(|&k| !own.contains(&k) && alternates[k].split('|').any(|a| !a.is_empty() && is(a)))
        .collect();
    Ok((own, other))
}

/// The places called `name`, compared as [`fold_name`] does — those whose own name it is, or
/// if there are none those that have it as an alternate name (`Kiev`, `Moskva`); `name` may end
/// in `, CC` with a country code to pick one of several — most populous first.
///
/// ```
/// let kyiv = reachmap_core::places::find("Kiev").unwrap();
/// assert_eq!((kyiv[0].name.as_str(), kyiv[0].country_code.as_str()), ("Kyiv", "UA"));
/// // Korolev was called Kaliningrad until 1996; the name is Kaliningrad's own.
/// assert_eq!(reachmap_core::places::find("Kaliningrad").unwrap().len(), 1);
/// ```
pub fn find(name: &str) -> Result<Vec<&'static Place>> {
    let (name, country) = match name.rsplit_once(',') {
        Some((n, c)) if c.trim().len() == 2 => (n.trim(), Some(c.trim().to_uppercase())),
        _ => (name.trim(), None),
    };
    let places = gazetteer()?;
    let (own, other) = matching(&fold_name(name))?;
    let in_country = |ks: &[usize]| -> Vec<&'static Place> {
        ks.iter().map(|&k| &places[k]).filter(|p| country.as_ref().is_none_or(|c| *c == p.country_code)).collect()
    };
    // The gazetteer runs most populous first, and the index keeps its order.
    let found = in_country(&own);
    Ok(if found.is_empty() { in_country(&other) } else { found })
}

/// The gazetteer place a name means: the only place of that name (or alternate name; `Naha,
/// JP` picks a country); of several, the most populous if it has at least [`CLEARLY_MEANT`]
/// times the people of the next, with a note saying so and how to pick another. A name that
/// fits none, or several none of which is clearly meant, is refused with the candidates (or the
/// nearest names) and how to pick one.
///
/// ```
/// use reachmap_core::places::resolve;
/// let spb = resolve("St. Petersburg", "site").unwrap();
/// assert_eq!(spb.place.country_code, "RU");
/// assert!(spb.note.unwrap().contains("St. Petersburg, US"));
/// // Several Springfields in the United States, none ten times the next.
/// let refused = resolve("Springfield", "site").unwrap_err().to_string();
/// assert!(refused.contains("Springfield, US") && refused.contains("NAME=LAT,LON"));
/// ```
pub fn resolve(text: &str, field: impl Into<Field>) -> Result<Resolved> {
    let field: &Field = &field.into();
    let found = find(text)?;
    // Names the gazetteer does not settle: a strategic place (base, island, reef) of that name.
    if found.len() != 1
        && !clearly_meant(&found)
        && let Some(place) = strategic_place(text)?
    {
        return Ok(Resolved { place, note: None });
    }
    match found.as_slice() {
        [] => Err(unknown(text, field)?),
        [only] => Ok(Resolved { place: only, note: None }),
        [first, second, ..] if first.population >= CLEARLY_MEANT.saturating_mul(second.population.max(1)) => {
            Ok(Resolved { place: first, note: Some(taken(text, first, &found[1..])) })
        }
        _ => Err(ambiguous(text, field, &found)),
    }
}

/// Whether the most populous of several places of a name has [`CLEARLY_MEANT`] times the people
/// of the next.
fn clearly_meant(found: &[&Place]) -> bool {
    matches!(found, [first, second, ..] if first.population >= CLEARLY_MEANT.saturating_mul(second.population.max(1)))
}

/// The strategic place ([`crate::strategic`]) called `name`, as a place of no population.
fn strategic_place(name: &str) -> Result<Option<&'static Place>> {
    static PLACES: std::sync::OnceLock<Vec<Place>> = std::sync::OnceLock::new();
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
                extra: Vec::new(),
            })
            .collect()
    });
    Ok(all.iter().position(|s| s.is_called(name)).map(|k| &places[k]))
}

/// The gazetteer place a name means ([`resolve`]), its note recorded for the user
/// ([`crate::notes`]).
pub fn resolve_name(text: &str, field: impl Into<Field>) -> Result<&'static Place> {
    let resolved = resolve(text, field)?;
    if let Some(note) = resolved.note {
        crate::notes::note(note);
    }
    Ok(resolved.place)
}

/// `Saint Petersburg, RU (5.4 million)`.
fn described(place: &Place) -> String {
    format!("{}, {} ({})", place.name, place.country_code, people(place.population))
}

/// The note for a name that matched several places, of which `taken` was taken.
fn taken(text: &str, taken: &Place, others: &[&Place]) -> String {
    const SHOWN: usize = 3;
    let how: Vec<String> = others
        .iter()
        .take(SHOWN)
        .map(|p| {
            if p.country_code == taken.country_code {
                format!("for {} ({:.2}, {:.2}) write NAME={:.4},{:.4}", p.name, p.lat, p.lon, p.lat, p.lon)
            } else {
                format!("for {}, {} write '{}, {}'", p.name, p.country_code, p.name, p.country_code)
            }
        })
        .collect();
    let more =
        if others.len() > SHOWN { format!(" ({} more places match)", others.len() - SHOWN) } else { String::new() };
    format!("{}: {}; {}{more}", text.trim(), described(taken), how.join("; "))
}

fn unknown(text: &str, field: impl Into<Field>) -> Result<Error> {
    let suggestions = nearest_names(text.split(',').next().unwrap_or(text), 3)?;
    Ok(Error::invalid(
        field,
        text,
        format!(
            "not a position, not in the gazetteer (places of 15,000 or more people and all capitals, by name or alternate name) and not a strategic place (`reachmap catalog --places`); did you mean {}? Or give NAME=LAT,LON",
            suggestions.join(", ")
        ),
    ))
}

fn ambiguous(text: &str, field: impl Into<Field>, found: &[&Place]) -> Error {
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
                group_digits(p.population)
            )
        })
        .collect();
    let more = if found.len() > SHOWN { format!(" and {} more", found.len() - SHOWN) } else { String::new() };
    let one_country = found.iter().all(|p| p.country_code == found[0].country_code);
    let how = if one_country { "give NAME=LAT,LON" } else { "add a country code (\"Name, CC\") or give NAME=LAT,LON" };
    Error::invalid(
        field,
        text,
        format!(
            "names {} places, none with {CLEARLY_MEANT} times the people of the next: {}{more}; {how}",
            found.len(),
            listed.join("; ")
        ),
    )
}

/// The `n` gazetteer names (or alternate names) closest to `name` in spelling (edit distance
/// between folded names), most populous first among equals, as `Name, CC`.
fn nearest_names(name: &str, n: usize) -> Result<Vec<String>> {
    let wanted: Vec<char> = fold_name(name).chars().collect();
    let places = gazetteer()?;
    let (_, _, alternates) = loaded()?;
    let mut best: Vec<(usize, usize)> = places
        .iter()
        .enumerate()
        .flat_map(|(k, p)| {
            std::iter::once(p.name.as_str())
                .chain(alternates[k].split('|').filter(|a| !a.is_empty()))
                .map(move |n| (n, k))
        })
        .map(|(name, k)| (edit_distance(&wanted, &fold_name(name).chars().collect::<Vec<_>>()), k))
        .collect();
    // Distance first, then the gazetteer's order (most populous first).
    best.sort_unstable();
    let mut names: Vec<String> = Vec::new();
    for (_, k) in best {
        let label = format!("{}, {}", places[k].name, places[k].country_code);
        if !names.contains(&label) {
            names.push(label);
        }
        if names.len() == n {
            break;
        }
    }
    Ok(names)
}

/// The edit distance between two strings (see `edit_distance`), for suggesting near names.
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

/// A target or site given by name or position: `NAME=LAT,LON`, a position alone (named as
/// written), or a gazetteer name (`Moscow`, `Naha, JP`; see [`resolve`]). `field` names the
/// input. A `NAME=LAT,LON` whose name is a gazetteer place farther than [`NAMED_POSITION_KM`]
/// from the position gets a note (with a hint where latitude and longitude look swapped).
///
/// ```
/// let moscow = reachmap_core::places::target("Moscow", "target").unwrap();
/// assert!((moscow.lat_deg() - 55.75).abs() < 0.01);
/// assert!(reachmap_core::places::target("Moscw", "target").unwrap_err().to_string().contains("Moscow"));
/// ```
pub fn target(text: &str, field: impl Into<Field>) -> Result<crate::site::Site> {
    let field: &Field = &field.into();
    if text.contains('=') {
        let site = crate::site::Site::parse_spec(text, field)?;
        if let Some(note) = far_from_named(&site, field)? {
            crate::notes::note(note);
        }
        return Ok(site);
    }
    match crate::coords::parse_lat_lon(text, field) {
        Ok(point) => return crate::site::Site::new(text.trim(), point.y(), point.x()),
        // Read as a position, a number out of range ("95,0"): no place is named so, and "not a
        // position, did you mean Shanghai" would hide what is wrong.
        Err(error @ Error::OutOfRange { .. }) => return Err(error),
        Err(_) => {}
    }
    let place = resolve_name(text, field)?;
    crate::site::Site::new(&place.name, place.lat, place.lon)
}

/// The note for a site whose name is a gazetteer place (by name or alternate name) none of which
/// lies within [`NAMED_POSITION_KM`] of the site's position, or `None`.
///
/// ```
/// use reachmap_core::Site;
/// let swapped = Site::parse_spec("Kaliningrad=20.51,54.71", "--site").unwrap();
/// let note = reachmap_core::places::far_from_named(&swapped, "--site").unwrap().unwrap();
/// assert!(note.contains("Kaliningrad, RU") && note.contains("54.71,20.51"));
/// ```
pub fn far_from_named(site: &crate::site::Site, field: impl Into<Field>) -> Result<Option<String>> {
    let field: &Field = &field.into();
    let found = find(site.name())?;
    let km_to = |p: &Place, lat: f64, lon: f64| {
        crate::geodesy::distance_m(geo::Point::new(lon, lat), geo::Point::new(p.lon, p.lat)) / 1000.0
    };
    let (lat, lon) = (site.lat_deg(), site.lon_deg());
    let Some(nearest) = found.iter().min_by(|a, b| km_to(a, lat, lon).total_cmp(&km_to(b, lat, lon))) else {
        return Ok(None);
    };
    let km = km_to(nearest, lat, lon);
    if km <= NAMED_POSITION_KM {
        return Ok(None);
    }
    let swapped = lon.abs() <= 90.0 && km_to(nearest, lon, lat) <= NAMED_POSITION_KM;
    let hint = if swapped {
        format!("; latitude and longitude look swapped: {}={},{} is near it", site.name(), trim(lon), trim(lat))
    } else {
        String::new()
    };
    Ok(Some(format!(
        "{field} {}: {:.2}, {:.2} is {} km from the gazetteer's {} ({:.2}, {:.2}){hint}",
        site.name(),
        lat,
        lon,
        group_digits(km.round() as u64),
        described(nearest),
        nearest.lat,
        nearest.lon,
    )))
}

/// A coordinate as short as it reads: `54.71`, not `54.710000`.
fn trim(x: f64) -> String {
    let s = format!("{x:.6}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}
