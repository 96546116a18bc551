//! Every `[map]` key's error carries `file:line:column` and the key: whether the value is
//! refused when the file is read (a bad preset, an inverted extent) or only when the map is laid
//! out (an extent whose shape gives an impossible page), and whether TOML or reachmap refuses it.

use std::path::Path;
use std::process::Command;

use reachmap::map::{Overrides, scenario_map_spec};
use reachmap::scenario::Scenario;

const SITE: &str = "[[sites]]\nname = \"Kaliningrad\"\nat = \"54.71N 20.51E\"\nsystems = [\"9m729\"]\n";

/// The error for a scenario whose `[map]` table is `map` (its bad key on the table's first
/// line), from reading the file or else from laying out the map.
fn error_of(map: &str, with_site: bool) -> String {
    let text = format!("[map]\n{map}\n{}", if with_site { SITE } else { "" });
    let outcome = Scenario::parse(&text, "map.toml", Path::new("."))
        .and_then(|scenario| scenario_map_spec(scenario, None, Overrides::default()).map(|_| ()));
    match outcome {
        Ok(()) => panic!("accepted: {map}"),
        Err(e) => e.to_string(),
    }
}

/// `map.toml:2:C`, C the column where the value on the `[map]` table's first line starts.
fn value_location(map: &str) -> String {
    let first = map.lines().next().unwrap();
    let column = first.find("= ").unwrap() + 3;
    format!("map.toml:2:{column}")
}

#[test]
fn every_map_key_error_is_located() {
    // (the [map] table with the offending key first, the key named in the error)
    let cases: &[(&str, &str)] = &[
        ("preset = \"mars\"", "[map] preset"),
        ("theme = \"neon\"", "[map] theme"),
        ("detail = \"25m\"", "[map] detail"),
        ("width_px = 0", "[map] width_px"),
        ("width_px = 1.5", "[map] width_px"),
        ("width_px = 30000", "[map] width_px"),
        ("width_mm = 5", "[map] width_mm"),
        ("width_mm = 1000\ndpi = 1200", "[map] width_mm"),
        ("dpi = 10", "[map] dpi"),
        ("proj = \"laea\"\nextent = [0, 0, 1, 1]", "[map] proj"),
        ("proj = \"+proj=nonsense\"\nextent = [0, 0, 1, 1]", "[map] proj"),
        ("proj = \"+proj=laea +lat_0=52 +lon_0=10\"", "[map] proj"),
        ("proj = \"+proj=laea\"\npreset = \"europe\"", "[map] proj"),
        ("extent = [0, 0, 1, 1]\nproj = \"+proj=laea\"\nextent_lonlat = [0, 0, 1, 1]", "[map] extent"),
        ("extent = [0, 0, 1, 1]", "[map] extent"),
        ("extent = [0, 0, 1, 1]\npreset = \"europe\"", "[map] extent"),
        ("extent = [0, 0, 1]\nproj = \"+proj=laea\"", "[map] extent"),
        ("extent = [100, 0, 0, 100]\nproj = \"+proj=laea\"", "[map] extent"),
        ("extent = [nan, 0, 1, 1]\nproj = \"+proj=laea\"", "[map] extent"),
        ("extent = [0, 0, 1, 1000]\nproj = \"+proj=laea\"", "[map] extent (the page height it gives)"),
        ("extent_lonlat = [10, 80, 20, 70]\nproj = \"+proj=laea +lat_0=52 +lon_0=10\"", "[map] extent_lonlat"),
        ("extent_lonlat = [10, 40, 20]\nproj = \"+proj=laea\"", "[map] extent_lonlat"),
        ("extent_lonlat = [200, 40, 20, 50]\nproj = \"+proj=laea\"", "[map] extent_lonlat"),
    ];
    for (map, key) in cases {
        let message = error_of(map, true);
        let expected = format!("{}: {key}", value_location(map));
        assert!(message.starts_with(&expected), "{map:?}: expected {expected:?} first in {message:?}");
    }
}

#[test]
fn toml_type_errors_in_map_are_located() {
    for map in ["width_px = \"wide\"", "preset = 5", "extent = \"0,0,1,1\"", "dpi = true"] {
        let message = error_of(map, true);
        assert!(message.starts_with(&value_location(map)), "{map:?}: {message:?}");
    }
}

#[test]
fn the_site_preset_without_sites_is_located() {
    let message = error_of("preset = \"site\"", false);
    assert!(message.starts_with("map.toml:2:10: [map] preset"), "{message}");
    assert!(message.contains("at least one [[sites]]"), "{message}");
}

/// From the command line the same error exits with 2, says where, and writes nothing.
#[test]
fn the_command_line_prints_the_location_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("europe.toml");
    let text = format!("[map]\nproj = \"+proj=laea +lat_0=52 +lon_0=10\"\nextent_lonlat = [10, 80, 20, 70]\n{SITE}");
    std::fs::write(&scenario, text).unwrap();
    let out_file = dir.path().join("map.svg");
    let out = Command::new(env!("CARGO_BIN_EXE_reachmap"))
        .arg("render")
        .arg(&scenario)
        .arg("-o")
        .arg(&out_file)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    let located = format!("{}:3:17: [map] extent_lonlat", scenario.display());
    assert!(stderr.contains(&located), "{stderr}");
    assert!(!stderr.contains("--extent"), "names a flag the user never typed: {stderr}");
    assert!(!out_file.exists());
}
