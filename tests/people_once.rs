//! Each person counted once: the gazetteer holds no sections of cities (GeoNames' PPLX) beside
//! the cities, and every population total says what it counts.

use crate::common;

use common::cli::{reachmap, stdout};

/// Moscow's districts that GeoNames lists as places of their own, with the people it gives
/// them (the figures): none may be counted beside Moscow.
const MOSCOW_DISTRICTS: [&str; 8] =
    ["Mar’ino", "Vykhino-Zhulebino", "Yasenevo", "Lyublino", "Kuntsevo", "Cherëmushki", "Obruchevo", "Strogino"];

#[test]
fn moscows_total_is_moscow_and_the_separate_towns_only() {
    let text = stdout(&reachmap(&["reach", "--site", "Moscow", "--range-km", "20", "--format", "json", "--no-land"]));
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let result = &json["results"][0];
    let listed: Vec<(&str, u64)> = result["places"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["name"].as_str().unwrap(), p["population"].as_u64().unwrap()))
        .collect();
    // Moscow (10,381,222 people in GeoNames) and towns of Moscow Oblast with their own
    // administrations, each within 20 km of GeoNames' point for Moscow.
    let separate = ["Moscow", "Reutov", "Kotel’niki", "Mytishchi", "Lyubertsy", "Krasnogorsk"];
    let names: Vec<&str> = listed.iter().map(|(n, _)| *n).collect();
    assert_eq!(names.len(), separate.len(), "{names:?}");
    for name in separate {
        assert!(names.contains(&name), "{name} missing from {names:?}");
    }
    for district in MOSCOW_DISTRICTS {
        assert!(!names.contains(&district), "{district} counted beside Moscow");
    }
    let total: u64 = listed.iter().map(|(_, n)| n).sum();
    assert_eq!(result["totals"]["population"].as_u64(), Some(total));
    assert_eq!(listed.iter().find(|(n, _)| *n == "Moscow").unwrap().1, 10_381_222);
    // The issue measured 18.7 million within 20 km with the districts; Moscow and the five
    // towns hold 10.9 million.
    assert!(total < 11_000_000, "{total}");
}

#[test]
fn kyivs_total_is_kyiv_and_the_separate_towns_only() {
    let text = stdout(&reachmap(&["reach", "--site", "Kyiv", "--range-km", "20", "--format", "json", "--no-land"]));
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let names: Vec<&str> =
        json["results"][0]["places"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
    // Kyiv (Kyiv City, 2,952,301 in GeoNames) and towns and villages of Kyiv Oblast, each a
    // place of its own outside the city's boundary.
    let separate =
        ["Kyiv", "Brovary", "Vyshneve", "Vyshhorod", "Sofiivska Borschahivka", "Kotsyubynske", "Svyatopetrivske"];
    assert_eq!(names.len(), separate.len(), "{names:?}");
    for name in separate {
        assert!(names.contains(&name), "{name} missing from {names:?}");
    }
    // Districts and neighbourhoods of Kyiv City that GeoNames lists as places: none is left
    // within 50 km of Kyiv (Poltava's Podil, 300 km east, is a place of its own).
    let kyiv = geo::Point::new(30.5234, 50.4501);
    let near: Vec<&str> = reachmap::places::gazetteer()
        .unwrap()
        .iter()
        .filter(|p| reachmap::geodesy::distance_m(kyiv, geo::Point::new(p.lon, p.lat)) < 50_000.0)
        .map(|p| p.name.as_str())
        .collect();
    for district in ["Desna", "Dniprovskyi", "Darnytsya", "Obolon", "Pechersk", "Podil", "Vyhurivshchyna-Troyeshchyna"]
    {
        assert!(!near.contains(&district), "{district} is in the gazetteer");
    }
    assert!(json["results"][0]["totals"]["population"].as_u64().unwrap() < 3_300_000);
}

#[test]
fn sections_of_cities_appear_in_no_output() {
    let places = reachmap::places::gazetteer().unwrap();
    for (name, country) in [("Hamburg-Mitte", "DE"), ("Hamburg-Nord", "DE"), ("Wandsbek", "DE"), ("Brent", "GB")] {
        assert!(
            !places.iter().any(|p| p.name == name && p.country_code == country),
            "{name}, {country} is in the gazetteer"
        );
    }
    for district in MOSCOW_DISTRICTS {
        assert!(!places.iter().any(|p| p.name == district), "{district} is in the gazetteer");
    }
    // Not as a place within range, nor as a label on a map of Hamburg and London.
    for (site, range) in [("Hamburg", "30"), ("London", "30")] {
        let text = stdout(&reachmap(&["reach", "--site", site, "--range-km", range, "--format", "csv", "--no-land"]));
        for name in ["Hamburg-Mitte", "Wandsbek", "Brent,"] {
            assert!(!text.contains(name), "{name} within {range} km of {site}");
        }
    }
}

#[test]
fn every_population_total_says_what_it_counts() {
    let counted = reachmap::places::COUNTED;
    assert_eq!(
        counted,
        "people in places of 15,000 or more (GeoNames, July 2026), city sections not counted separately"
    );
    for format in ["table", "markdown", "json"] {
        let text = stdout(&reachmap(&[
            "reach",
            "--site",
            "Kaliningrad",
            "--range-km",
            "100",
            "--format",
            format,
            "--no-land",
            "--limit",
            "1",
        ]));
        assert!(text.contains(counted), "{format}: {text}");
    }
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("c.toml");
    std::fs::write(
        &scenario,
        "[[sites]]\nname = \"Kaliningrad\"\nsystems = [\"iskander-m\"]\n[[sites]]\nname = \"Minsk\"\nsystems = [\"iskander-m\"]\n",
    )
    .unwrap();
    let text = stdout(&reachmap(&["compare", scenario.to_str().unwrap(), "--no-land"]));
    assert!(text.contains(counted), "{text}");
    // Capitals only, or a file of one's own: said so.
    let text = stdout(&reachmap(&[
        "reach",
        "--site",
        "Kaliningrad",
        "--range-km",
        "500",
        "--places",
        "capitals",
        "--no-land",
        "--limit",
        "1",
    ]));
    assert!(text.contains("people in national capitals (GeoNames, July 2026)"), "{text}");
}
