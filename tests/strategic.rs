//! Strategic places (`assets/strategic/places.csv`): every entry has a source and a valid
//! position, no name or alternative names two places, names and alternatives resolve as sites
//! and targets beside the gazetteer without regard to case, positions agree with published
//! statements of where places lie, and `reachmap catalog --places` lists them.

use crate::common;

use common::cli::{reachmap, stdout};
use reachmap::strategic::{builtin, find};

#[test]
fn every_place_has_a_source_and_a_valid_position() {
    let places = builtin().unwrap();
    assert!(places.len() >= 150, "only {} strategic places", places.len());
    for p in places {
        assert!(!p.source.trim().is_empty(), "{} has no source", p.name);
        assert!((-90.0..=90.0).contains(&p.lat) && (-180.0..=180.0).contains(&p.lon), "{}", p.name);
        assert!(!p.kind.is_empty() && p.country.len() == 2, "{}: kind {:?}, country {:?}", p.name, p.kind, p.country);
    }
}

#[test]
fn no_name_or_alternative_names_two_places() {
    let mut seen = std::collections::HashMap::new();
    for p in builtin().unwrap() {
        for name in std::iter::once(&p.name).chain(&p.also) {
            if let Some(other) = seen.insert(name.to_lowercase(), &p.name) {
                panic!("{name:?} names both {other} and {}", p.name);
            }
        }
    }
}

#[test]
fn names_and_alternatives_resolve_without_regard_to_case() {
    for (name, meant) in [
        ("Guam", "Guam"),
        ("Kadena", "Kadena Air Base"),
        ("Balabac", "Balabac Island"),
        ("Fiery Cross Reef", "Fiery Cross Reef"),
        ("fiery cross reef", "Fiery Cross Reef"),
        ("Andersen AFB", "Andersen Air Force Base"),
        ("ANDERSEN AFB", "Andersen Air Force Base"),
        ("Pag-asa Island", "Thitu Island"),
        ("Yongshu Reef", "Fiery Cross Reef"),
        ("Diego Garcia", "Diego Garcia"),
        ("Subi Reef", "Subi Reef"),
        ("Mischief Reef", "Mischief Reef"),
    ] {
        assert_eq!(find(name).unwrap().map(|p| p.name.as_str()), Some(meant), "{name}");
        // The single resolution point for sites and targets finds them beside the gazetteer.
        let site = reachmap::places::target(name, "--site").unwrap();
        assert_eq!(site.name(), meant, "{name}");
    }
}

#[test]
fn the_gazetteer_still_answers_first() {
    // Okinawa is a city of the gazetteer (Okinawa, JP) and an island of the strategic list: the
    // city keeps the name, the island answers to "Okinawa Island".
    let city = reachmap::places::resolve_name("Okinawa", "--site").unwrap();
    assert_eq!(city.country_code, "JP");
    assert!(city.population > 0);
    assert_eq!(reachmap::places::target("Okinawa Island", "--site").unwrap().name(), "Okinawa Island");
}

#[test]
fn positions_agree_with_published_statements() {
    let at = |name: &str| {
        let p = find(name).unwrap().unwrap();
        geo::Point::new(p.lon, p.lat)
    };
    // "Subi Reef ... located 26 km (16 mi) southwest of Thitu Island" (Wikipedia, Subi Reef),
    // a figure rounded to the kilometre from the atoll's edge: within 4 km, to the southwest.
    let (d, azimuth) = reachmap::geodesy::inverse(at("Thitu Island"), at("Subi Reef"));
    assert!((d / 1000.0 - 26.0).abs() < 4.0, "Thitu to Subi: {:.1} km", d / 1000.0);
    assert!((180.0..270.0).contains(&azimuth.rem_euclid(360.0)), "Thitu to Subi: azimuth {azimuth:.0}°");
    // Guam is "30 miles (48 km) long" (HotBot, 'How big is Guam'): the base on its northern tip
    // lies within that of the island's reference point.
    let (d, _) = reachmap::geodesy::inverse(at("Guam"), at("Andersen AFB"));
    assert!(d < 48_000.0, "Guam to Andersen: {:.1} km", d / 1000.0);
}

#[test]
fn catalog_places_lists_every_place_with_its_source() {
    let text = stdout(&reachmap(&["catalog", "--places"]));
    for p in builtin().unwrap() {
        assert!(text.contains(&format!("  {}", p.name)), "{} is not listed", p.name);
    }
    assert_eq!(text.matches("source: ").count(), builtin().unwrap().len());
    assert!(text.contains("Andersen AFB"));
}

#[test]
fn a_strategic_place_is_a_site_on_the_command_line() {
    let text = stdout(&reachmap(&["rings", "--site", "Kadena", "--site", "Fiery Cross Reef", "--range-km", "500"]));
    let collection: geojson::FeatureCollection = text.parse().unwrap();
    let names: Vec<String> = collection
        .features
        .iter()
        .map(|f| f.properties.as_ref().unwrap()["site"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names, ["Kadena Air Base", "Fiery Cross Reef"]);
}
