//! Numbers as a report prints them: kilometres and counts with thousands separators, people in
//! millions. Shared by the map, the tables and the catalog listing; it knows nothing else.

/// Kilometres with thousands separators and no needless decimals: `5,500`, `529.3`.
///
/// ```
/// use reachmap_core::format::format_km;
/// assert_eq!(format_km(5_500.0), "5,500");
/// assert_eq!(format_km(529.3), "529.3");
/// ```
pub fn format_km(km: f64) -> String {
    let rounded = (km * 1000.0).round() / 1000.0;
    let text = format!("{rounded}");
    let (whole, fraction) = text.split_once('.').map_or((text.as_str(), None), |(w, f)| (w, Some(f)));
    let digits = whole.trim_start_matches('-');
    let mut grouped = String::from(&whole[..whole.len() - digits.len()]);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match fraction {
        Some(f) => format!("{grouped}.{f}"),
        None => grouped,
    }
}

/// A count with thousands separators: `1,234,567`.
pub fn group_digits(n: u64) -> String {
    format_km(n as f64)
}

/// A number of people: `820,000`, `157.5 million`.
pub fn people(n: u64) -> String {
    match n {
        n if n >= 1_000_000 => format!("{:.1} million", n as f64 / 1e6),
        n => group_digits(n),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands() {
        assert_eq!(format_km(20_003.93), "20,003.93");
        assert_eq!(format_km(999.0), "999");
        assert_eq!(format_km(-1_500.0), "-1,500");
        assert_eq!(group_digits(157_512_345), "157,512,345");
        assert_eq!(people(157_512_345), "157.5 million");
        assert_eq!(people(999_999), "999,999");
    }
}
