//! Flight times in the products: time rings on maps at the distance the model gives for each
//! time, reports with each place's flight time by the same model, the model's assumptions
//! wherever a time is shown, and bad profiles and times refused where they are given.

use crate::common;

use std::path::Path;

use common::cli::{reachmap, stdout};
use reachmap::catalog::Catalog;
use reachmap::flight::ballistic_free_flight_s;
use reachmap::map::{Overrides, scenario_map_spec};
use reachmap::scenario::Scenario;

const SITE: &str = "[[sites]]\nname = \"Mutlangen\"\nat = \"48.825N 9.797E\"\nsystems = [\"pershing-2\"]\n";

fn parse(text: &str) -> reachmap::Result<Scenario> {
    Scenario::parse(text, "time.toml", Path::new("."))
}

#[test]
fn each_ring_lies_where_the_model_puts_its_time() {
    let scenario = parse(&format!("{SITE}[[isochrones]]\nsystem = \"pershing-2\"\nminutes = [15, 6, 10]\n")).unwrap();
    let set = &scenario.isochrones[0];
    assert_eq!(set.minutes, [6.0, 10.0, 15.0], "sorted");
    let rings = set.rings();
    // 6 and 10 minutes of free flight fall within the range; 15 minutes would go past the
    // 1,931 km high figure, so that ring is the full range and says so.
    assert_eq!(rings.len(), 3);
    for ((radius, label), minutes) in rings.iter().zip([6.0, 10.0]) {
        assert!((ballistic_free_flight_s(radius.meters()) - minutes * 60.0).abs() < 0.01, "{label}");
        assert_eq!(label, &format!("{minutes} min"));
    }
    assert_eq!(rings[2].0.km(), 1931.0);
    assert_eq!(rings[2].1, "15 min: full range");
    assert_eq!(
        set.legend(),
        "Pershing II (MGM-31B): flight time without the boost phase 6, 10, 15 min (15 min: the full range)"
    );
}

#[test]
fn the_map_draws_the_rings_and_states_the_model() {
    let text = format!("{SITE}[[isochrones]]\nsystem = \"pershing-2\"\nminutes = [6, 10]\n");
    let spec = scenario_map_spec(parse(&text).unwrap(), None, Overrides::default()).unwrap();
    let scene = reachmap::map::compose(&spec).unwrap();
    let layer = |id: &str| scene.layers.iter().find(|l| l.id == id).unwrap();
    assert_eq!(layer("isochrones").items.len(), 2, "one ring per time around the one site");
    let texts = |id: &str| -> Vec<String> {
        layer(id)
            .items
            .iter()
            .filter_map(|i| match i {
                reachmap::scene::Item::Text { text, .. } => Some(text.clone()),
                _ => None,
            })
            .collect()
    };
    let ring_labels = texts("ring-labels");
    assert!(
        ring_labels.contains(&"6 min".to_string()) && ring_labels.contains(&"10 min".to_string()),
        "{ring_labels:?}"
    );
    assert!(texts("legend").iter().any(|t| t.contains("without the boost phase 6, 10 min")), "{:?}", texts("legend"));
    let sources = texts("sources").join(" ");
    assert!(sources.contains("Flight times, Pershing II") && sources.contains("minimum-energy"), "{sources}");
    assert!(sources.contains("non-rotating Earth") && sources.contains("without the boost phase"), "{sources}");
}

#[test]
fn reports_give_each_place_its_flight_time_with_the_model() {
    let args = [
        "reach",
        "--site",
        "Mutlangen=48.825,9.797",
        "--system",
        "pershing-2",
        "--places",
        "capitals",
        "--format",
        "json",
        "--no-land",
    ];
    let json: serde_json::Value = serde_json::from_str(&stdout(&reachmap(&args))).unwrap();
    let result = &json["results"][0];
    assert_eq!(result["flight"]["profile"], "ballistic");
    assert!(result["flight"]["model"].as_str().unwrap().contains("no drag"));
    for place in result["places"].as_array().unwrap() {
        let km = place["distance_km"].as_f64().unwrap();
        let expected = ballistic_free_flight_s(km * 1000.0) / 60.0;
        assert!((place["flight_min"].as_f64().unwrap() - expected).abs() < 0.01, "{place}");
    }
    // The table says the model under the list.
    let table = stdout(&reachmap(&args[..args.len() - 3].iter().chain(&["--no-land"]).copied().collect::<Vec<_>>()));
    assert!(table.contains("flight min") && table.contains("flight times: ballistic"), "{table}");
}

#[test]
fn the_catalog_gives_profiles_only_where_a_source_does() {
    let catalog = Catalog::builtin().unwrap();
    let flight = |id: &str| catalog.system(id).unwrap().flight.clone();
    assert_eq!(flight("tomahawk").unwrap().speed_kmh, Some(880.0));
    assert_eq!(flight("dark-eagle").unwrap().kind_name(), "glide");
    assert_eq!(flight("pershing-2").unwrap().boost_s, None, "no boost time was found in any source");
    assert!(flight("9m729").is_none(), "no numeric speed was found for the 9M729");
    for system in &catalog.systems {
        if let Some(f) = &system.flight {
            assert!(!f.source.trim().is_empty(), "{}", system.id);
        }
    }
}

#[test]
fn bad_times_and_profiles_are_refused_where_they_are_given() {
    let refused = |text: &str, needles: &[&str]| {
        let message = parse(text).unwrap_err().to_string();
        for needle in needles {
            assert!(message.contains(needle), "{needle:?} not in {message}");
        }
    };
    let ring = |minutes: &str| format!("{SITE}[[isochrones]]\nsystem = \"pershing-2\"\nminutes = {minutes}\n");
    refused(&ring("[0]"), &["time.toml:7:11", "minutes", "greater than 0"]);
    refused(&ring("[-5, 10]"), &["time.toml:7:11", "-5"]);
    refused(&ring("[nan]"), &["time.toml:7:11", "NaN"]);
    refused(&ring("[]"), &["time.toml:7:11", "at least one time"]);
    // A system without a flight profile: said so, and which have one.
    let no_profile = "[[sites]]\nname = \"K\"\nat = \"54.71N 20.51E\"\nsystems = [\"9m729\"]\n\
                      [[isochrones]]\nsystem = \"9m729\"\nminutes = [10]\n";
    refused(no_profile, &["time.toml:6:10", "no flight profile", "pershing-2"]);
    // A profile without a source, or with an impossible speed.
    let defined = |flight: &str| {
        format!(
            "[[systems]]\nid = \"tomahawk\"\nflight = {flight}\n[[sites]]\nname = \"K\"\nat = \"54.71N 20.51E\"\nsystems = [\"tomahawk\"]\n"
        )
    };
    refused(&defined("{ profile = \"cruise\", speed_kmh = 880, source = \"\" }"), &["time.toml:3:10", "source"]);
    refused(
        &defined("{ profile = \"cruise\", speed_kmh = 0, source = \"s\" }"),
        &["time.toml:3:10", "speed_kmh", "greater than 0"],
    );
    refused(&defined("{ profile = \"cruise\", source = \"s\" }"), &["time.toml:3:10", "needs speed_kmh"]);
    refused(&defined("{ profile = \"rocket\", source = \"s\" }"), &["time.toml:3", "rocket"]);
}

#[test]
fn minutes_on_the_command_line_need_a_system_with_a_profile() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("map.svg");
    let run = |extra: &[&str]| {
        let mut args = vec!["render", "--site", "K=54.71,20.51", "-o", out.to_str().unwrap()];
        args.extend_from_slice(extra);
        reachmap(&args)
    };
    for (extra, needles) in [
        (&["--system", "9m729", "--minutes", "10"][..], &["--minutes", "flight profile"][..]),
        (&["--range-km", "1000", "--minutes", "10"][..], &["--minutes", "flight profile"][..]),
        (&["--system", "tomahawk", "--minutes", "0"][..], &["--minutes", "greater than 0"][..]),
        (&["--system", "tomahawk", "--minutes", "ten"][..], &["--minutes", "expected a number"][..]),
    ] {
        let result = run(extra);
        assert_eq!(result.status.code(), Some(2), "{extra:?}");
        let message = String::from_utf8_lossy(&result.stderr);
        for needle in needles {
            assert!(message.contains(needle), "{extra:?}: {needle:?} not in {message}");
        }
        assert!(!out.exists());
    }
    let ok = run(&["--system", "tomahawk", "--minutes", "30,60,120"]);
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.contains("60 min") && svg.contains("flight time 30, 60, 120 min"), "time rings drawn and keyed");
}

#[test]
fn minutes_from_a_launch_area_alone_are_refused_for_what_they_lack_a_site() {
    // The DF-26 has a flight profile (`reachmap catalog`): the refusal must not say it lacks one,
    // but that time rings are drawn around sites.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("map.svg");
    let args = [
        "render",
        "--area-country",
        "North Korea",
        "--system",
        "df-26",
        "--minutes",
        "10,15",
        "-o",
        out.to_str().unwrap(),
    ];
    let result = reachmap(&args);
    assert_eq!(result.status.code(), Some(2));
    let message = String::from_utf8_lossy(&result.stderr);
    assert!(message.contains("--minutes") && message.contains("10,15"), "{message}");
    assert!(message.contains("around sites") && message.contains("--site"), "{message}");
    assert!(!message.contains("flight profile"), "{message}");
    assert!(!out.exists());
    // With a site beside the area, the rings are drawn around the site.
    let mut with_site = args.to_vec();
    with_site.extend(["--site", "Pyongyang", "--preset", "east-asia"]);
    let ok = reachmap(&with_site);
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    assert!(std::fs::read_to_string(&out).unwrap().contains("10 min"));
}

/// The key's text (its lines joined) and whether the map draws a time ring of each of
/// `minutes`, read back from the SVG.
fn key_and_rings(args: &[&str], minutes: &[&str]) -> (String, Vec<bool>) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("map.svg");
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--width-mm", "120", "-o", out.to_str().unwrap()]);
    common::cli::assert_success(&reachmap(&all));
    let svg = std::fs::read_to_string(&out).unwrap();
    let legend = &svg[svg.find("<g id=\"legend\"").expect("a key")..];
    let legend = &legend[..legend.find("</g>").unwrap()];
    let key: Vec<&str> =
        legend.split("<text").skip(1).filter_map(|t| Some(t.split_once('>')?.1.split_once('<')?.0)).collect();
    let drawn = minutes.iter().map(|m| svg.contains(&format!("data-minutes=\"{m}\""))).collect();
    (key.join(" "), drawn)
}

/// A time ring the map does not draw is not keyed as though it were: on the Europe frame the
/// DF-26's 5- and 10-minute rings around Pyongyang lie far beyond the map, yet the key listed
/// them as it lists drawn rings. As a range off the map is keyed, the row says "(outside the
/// map)"; where only some times are off it names them, and where a ring holds the whole map it
/// says so.
#[test]
fn time_rings_off_the_map_are_keyed_as_off_the_map() {
    let (key, drawn) = key_and_rings(
        &["render", "--preset", "europe", "--site", "Pyongyang", "--system", "df-26", "--minutes", "5,10"],
        &["5", "10"],
    );
    assert_eq!(drawn, [false, false], "{key}");
    assert!(key.contains("5, 10 min (outside the map)"), "{key}");

    // The 30-minute ring is the full 4,000 km, which reaches the Europe frame's east.
    let (key, drawn) = key_and_rings(
        &["render", "--preset", "europe", "--site", "Pyongyang", "--system", "df-26", "--minutes", "5,30"],
        &["5", "30"],
    );
    assert_eq!(drawn, [false, true], "{key}");
    assert!(key.contains("5 min outside the map"), "{key}");
    assert!(!key.contains("(outside the map)"), "{key}");

    // A frame about 200 km across around Pyongyang: the 1-minute ring (18 km) is on it, the
    // 10-minute ring holds it all.
    let (key, drawn) = key_and_rings(
        &[
            "render",
            "--proj",
            "+proj=laea +lat_0=39 +lon_0=125.5",
            "--extent-lonlat",
            "124.5,38.3,126.5,39.7",
            "--site",
            "Pyongyang",
            "--system",
            "df-26",
            "--minutes",
            "1,10",
        ],
        &["1", "10"],
    );
    assert_eq!(drawn, [true, false], "{key}");
    assert!(key.contains("whole map within 10 min"), "{key}");
    assert!(!key.contains("outside the map"), "{key}");

    // Every ring drawn: no note.
    let (key, drawn) = key_and_rings(
        &["render", "--preset", "east-asia", "--site", "Pyongyang", "--system", "df-26", "--minutes", "3,30"],
        &["3", "30"],
    );
    assert_eq!(drawn, [true, true], "{key}");
    assert!(!key.contains("outside the map") && !key.contains("whole map"), "{key}");
}
