//! Reading a latitude/longitude pair from the forms people paste from reports, spreadsheets and
//! Wikipedia: `54.71,20.51`, `54.71 20.51`, `54.71N 20.51E`, `N54.71 E20.51`,
//! `54°42′36″N 20°30′36″E`, `54 42 36 N, 20 30 36 E`, `20.51E 54.71N`.
//!
//! Without hemisphere letters the first value is the latitude. Letters may come before or after
//! a value and decide its axis, so the order may also be longitude first.

use geo::Point;

use crate::error::{Error, Field, Result};
use crate::geodesy::wrap_lon;

/// Parses a coordinate pair and returns it as a point (x = longitude normalised to
/// [-180, 180), y = latitude). `field` names the input in error messages.
///
/// ```
/// use reachmap_core::coords::parse_lat_lon;
/// let p = parse_lat_lon("54°42′36″N 20°30′36″E", "--site").unwrap();
/// assert!((p.y() - 54.71).abs() < 1e-12 && (p.x() - 20.51).abs() < 1e-12);
/// assert_eq!(parse_lat_lon("13.4S, 200", "--site").unwrap().x(), -160.0);
/// assert!(parse_lat_lon("95,20", "--site").is_err());
/// ```
pub fn parse_lat_lon(text: &str, field: impl Into<Field>) -> Result<Point> {
    let field: &Field = &field.into();
    let fail = |reason: String| Error::Coordinates { field: field.clone(), input: text.to_string(), reason };
    let tokens = tokenize(text).map_err(&fail)?;
    let groups = group(&tokens).map_err(&fail)?;
    let [first, second] = groups.as_slice() else {
        return Err(fail(format!("found {} coordinate value(s), expected a latitude and a longitude", groups.len())));
    };
    let (lat_group, lon_group) = match (first.axis(), second.axis()) {
        (Some(a), Some(b)) if a == b => {
            return Err(fail(format!("both values are {}s", a.name())));
        }
        (Some(Axis::Lon), _) | (_, Some(Axis::Lat)) => (second, first),
        _ => (first, second),
    };
    let lat = lat_group.degrees().map_err(&fail)?;
    let lon = lon_group.degrees().map_err(&fail)?;
    if !(-90.0..=90.0).contains(&lat) {
        return Err(Error::out_of_range(format!("{field} latitude"), lat, "-90 to 90 degrees"));
    }
    let lon_limit = if lon_group.hemisphere.is_some() { 180.0 } else { 360.0 };
    if !(-lon_limit..=lon_limit).contains(&lon) {
        return Err(Error::out_of_range(
            format!("{field} longitude"),
            lon,
            &format!("-{lon_limit} to {lon_limit} degrees"),
        ));
    }
    Ok(Point::new(wrap_lon(lon), lat))
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Unit {
    Deg,
    Min,
    Sec,
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Num { value: f64, negative: bool, has_fraction: bool },
    Unit(Unit),
    Hemisphere(char),
    Separator,
}

fn tokenize(text: &str) -> std::result::Result<Vec<Token>, String> {
    let chars: Vec<char> = text.trim().chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            c if c.is_whitespace() => i += 1,
            ',' | ';' => {
                tokens.push(Token::Separator);
                i += 1;
            }
            '°' | 'º' | '˚' => {
                tokens.push(Token::Unit(Unit::Deg));
                i += 1;
            }
            '\'' | '′' | '’' if chars.get(i + 1) == Some(&'\'') || chars.get(i + 1) == Some(&'’') => {
                tokens.push(Token::Unit(Unit::Sec));
                i += 2;
            }
            '\'' | '′' | '’' => {
                tokens.push(Token::Unit(Unit::Min));
                i += 1;
            }
            '"' | '″' | '”' => {
                tokens.push(Token::Unit(Unit::Sec));
                i += 1;
            }
            '+' | '-' | '−' | '0'..='9' | '.' => {
                let negative = matches!(c, '-' | '−');
                let mut j = if matches!(c, '+' | '-' | '−') { i + 1 } else { i };
                let start = j;
                while j < chars.len() && (chars[j].is_ascii_digit() || chars[j] == '.') {
                    j += 1;
                }
                let digits: String = chars[start..j].iter().collect();
                let value = if digits.is_empty() && j < chars.len() && chars[j].is_alphabetic() {
                    // A sign before a word, as in "-inf".
                    let (word, end) = read_word(&chars, j);
                    j = end;
                    special_number(&word).ok_or_else(|| format!("unexpected text {word:?}"))?
                } else {
                    digits
                        .parse::<f64>()
                        .map_err(|_| format!("{:?} is not a number", &chars[i..j].iter().collect::<String>()))?
                };
                tokens.push(Token::Num { value, negative, has_fraction: digits.contains('.') });
                i = j;
            }
            c if c.is_alphabetic() => {
                let (word, end) = read_word(&chars, i);
                i = end;
                let upper = word.to_uppercase();
                if let Some(value) = special_number(&word) {
                    tokens.push(Token::Num { value, negative: false, has_fraction: false });
                } else if matches!(upper.as_str(), "N" | "S" | "E" | "W") {
                    tokens.push(Token::Hemisphere(upper.chars().next().unwrap_or('N')));
                } else {
                    return Err(format!("unexpected text {word:?} (hemispheres are written N, S, E or W)"));
                }
            }
            other => return Err(format!("unexpected character {other:?}")),
        }
    }
    Ok(tokens)
}

fn read_word(chars: &[char], start: usize) -> (String, usize) {
    let mut end = start;
    while end < chars.len() && chars[end].is_alphabetic() {
        end += 1;
    }
    (chars[start..end].iter().collect(), end)
}

/// Non-finite spellings, read so that they are reported as out of range rather than as typos.
fn special_number(word: &str) -> Option<f64> {
    match word.to_lowercase().as_str() {
        "nan" => Some(f64::NAN),
        "inf" | "infinity" => Some(f64::INFINITY),
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Axis {
    Lat,
    Lon,
}

impl Axis {
    fn name(self) -> &'static str {
        match self {
            Axis::Lat => "latitude",
            Axis::Lon => "longitude",
        }
    }
}

/// One angle: up to three parts (degrees, minutes, seconds) and an optional hemisphere.
#[derive(Debug, Default)]
struct Angle {
    parts: [Option<(f64, bool)>; 3],
    negative: bool,
    hemisphere: Option<char>,
}

impl Angle {
    fn is_empty(&self) -> bool {
        self.parts.iter().all(Option::is_none)
    }

    fn next_slot(&self) -> usize {
        self.parts.iter().rposition(Option::is_some).map_or(0, |i| i + 1)
    }

    fn axis(&self) -> Option<Axis> {
        match self.hemisphere? {
            'N' | 'S' => Some(Axis::Lat),
            _ => Some(Axis::Lon),
        }
    }

    fn degrees(&self) -> std::result::Result<f64, String> {
        let [Some((deg, deg_fraction)), min, sec] = self.parts else {
            return Err("a value has minutes or seconds but no degrees".to_string());
        };
        if !deg.is_finite() {
            return Ok(if self.negative { -deg } else { deg });
        }
        let mut value = deg;
        let mut fractional_before = deg_fraction;
        for (part, scale, name) in [(min, 60.0, "minutes"), (sec, 3600.0, "seconds")] {
            let Some((v, fraction)) = part else { continue };
            if fractional_before {
                return Err(format!("{name} follow a value with a decimal fraction"));
            }
            if !(0.0..60.0).contains(&v) {
                return Err(format!("{name} must be from 0 to less than 60, found {v}"));
            }
            value += v / scale;
            fractional_before = fraction;
        }
        if min.is_none() && sec.is_some() {
            return Err("seconds without minutes".to_string());
        }
        let southern_or_western = matches!(self.hemisphere, Some('S' | 'W'));
        if self.negative && self.hemisphere.is_some() {
            return Err("a value has both a minus sign and a hemisphere letter".to_string());
        }
        Ok(if self.negative || southern_or_western { -value } else { value })
    }
}

fn group(tokens: &[Token]) -> std::result::Result<Vec<Angle>, String> {
    let separators = tokens.iter().filter(|t| **t == Token::Separator).count();
    if separators > 1 {
        return Err("more than one comma or semicolon".to_string());
    }
    let has_units = tokens.iter().any(|t| matches!(t, Token::Unit(_)));
    let has_hemispheres = tokens.iter().any(|t| matches!(t, Token::Hemisphere(_)));
    // Plain numbers without any marks ("54.71 20.51") are one value each.
    let plain = !has_units && !has_hemispheres && separators == 0;

    let mut angles: Vec<Angle> = Vec::new();
    let mut current = Angle::default();
    for (i, token) in tokens.iter().enumerate() {
        match token {
            Token::Separator => {
                // After a closing hemisphere letter the value is already complete.
                if !current.is_empty() || current.hemisphere.is_some() || angles.is_empty() {
                    angles.push(std::mem::take(&mut current));
                }
            }
            Token::Hemisphere(h) => {
                if current.is_empty() {
                    if current.hemisphere.is_some() {
                        return Err("two hemisphere letters in a row".to_string());
                    }
                    current.hemisphere = Some(*h);
                } else if current.hemisphere.is_none() {
                    current.hemisphere = Some(*h);
                    angles.push(std::mem::take(&mut current));
                } else {
                    angles.push(std::mem::take(&mut current));
                    current.hemisphere = Some(*h);
                }
            }
            Token::Num { value, negative, has_fraction } => {
                let explicit = match tokens.get(i + 1) {
                    Some(Token::Unit(Unit::Deg)) => Some(0),
                    Some(Token::Unit(Unit::Min)) => Some(1),
                    Some(Token::Unit(Unit::Sec)) => Some(2),
                    _ => None,
                };
                let slot = if plain { 0 } else { explicit.unwrap_or(current.next_slot()) };
                let starts_new = !current.is_empty() && (plain || slot == 0 || slot < current.next_slot());
                if starts_new {
                    angles.push(std::mem::take(&mut current));
                }
                if slot > 2 {
                    return Err("more than degrees, minutes and seconds in one value".to_string());
                }
                if *negative && slot > 0 {
                    return Err("minutes and seconds cannot be negative".to_string());
                }
                if slot == 0 {
                    current.negative = *negative;
                }
                current.parts[slot] = Some((*value, *has_fraction));
            }
            Token::Unit(_) => {
                if !matches!(i.checked_sub(1).map(|j| &tokens[j]), Some(Token::Num { .. })) {
                    return Err("a degree, minute or second mark without a number before it".to_string());
                }
            }
        }
    }
    if !current.is_empty() || current.hemisphere.is_some() {
        angles.push(current);
    }
    if angles.iter().any(|a| a.is_empty()) {
        return Err("a value is missing".to_string());
    }
    Ok(angles)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> (f64, f64) {
        let p = parse_lat_lon(text, "test").unwrap_or_else(|e| panic!("{text}: {e}"));
        (p.y(), p.x())
    }

    fn close(a: (f64, f64), b: (f64, f64)) -> bool {
        (a.0 - b.0).abs() < 1e-12 && (a.1 - b.1).abs() < 1e-12
    }

    #[test]
    fn accepts_the_forms_people_paste() {
        let kaliningrad = (54.71, 20.51);
        for text in [
            "54.71,20.51",
            "54.71, 20.51",
            "54.71 20.51",
            "54.71;20.51",
            "54.71N 20.51E",
            "54.71 N, 20.51 E",
            "N54.71 E20.51",
            "N 54.71, E 20.51",
            "20.51E 54.71N",
            "54°42′36″N 20°30′36″E",
            "54°42'36\"N 20°30'36\"E",
            "54° 42′ 36″ N, 20° 30′ 36″ E",
            "54 42 36 N 20 30 36 E",
            "54°42.6′N 20°30.6′E",
            "54°42'36''N 20°30'36''E",
            "+54.71,+20.51",
            "n54.71 e20.51",
        ] {
            assert!(close(ok(text), kaliningrad), "{text} gave {:?}", ok(text));
        }
    }

    #[test]
    fn southern_and_western_hemispheres_are_negative() {
        assert!(close(ok("13.44S 144.79W"), (-13.44, -144.79)));
        assert!(close(ok("-13.44,-144.79"), (-13.44, -144.79)));
        assert!(close(ok("13°26′24″S 144°47′24″W"), (-13.44, -144.79)));
        assert!(close(ok("−13.44, −144.79"), (-13.44, -144.79)));
    }

    #[test]
    fn longitude_is_normalised_to_the_half_open_range() {
        assert_eq!(ok("0,180").1, -180.0);
        assert_eq!(ok("0,-180").1, -180.0);
        assert_eq!(ok("0,190").1, -170.0);
        assert_eq!(ok("0,360").1, 0.0);
        assert_eq!(ok("90,0").0, 90.0);
        assert_eq!(ok("-90,0").0, -90.0);
    }

    #[test]
    fn rejects_bad_text_with_a_reason() {
        for (text, needle) in [
            ("95,20", "-90 to 90"),
            ("-90.0001,20", "-90 to 90"),
            ("NaN,20", "NaN"),
            ("54,inf", "inf"),
            ("54,400", "-360 to 360"),
            ("54N 190E", "-180 to 180"),
            ("", "found 0"),
            ("54.71", "found 1"),
            ("1,2,3", "more than one comma"),
            ("54.71N 20.51N", "both values are latitudes"),
            ("-54.71N 20.51E", "minus sign and a hemisphere"),
            ("54°75′N 20°E", "minutes must be"),
            ("54.5°30′N 20°E", "decimal fraction"),
            ("54.71 x 20.51", "unexpected text"),
            ("54.71#20.51", "unexpected character"),
            ("1.2.3,4", "not a number"),
            ("°54,20", "mark without a number"),
        ] {
            let err = parse_lat_lon(text, "--site X").unwrap_err().to_string();
            assert!(err.contains(needle), "{text:?}: {err}");
            assert!(err.contains("--site X"), "{text:?}: {err}");
        }
    }
}
