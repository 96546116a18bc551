//! Honest labels: maps and reports call only sovereign states' capitals capitals; the seats of
//! dependencies and territories (Saint Helier, Douglas, Mariehamn) are labelled only when asked
//! for, with `--dependencies` or `[places] dependencies = true`.

use crate::common;

use common::cli::{assert_success, reachmap};
use reachmap::places::{DEPENDENCIES, capitals, dependency_seats};

#[test]
fn capitals_are_the_197_sovereign_states_and_seats_the_46_dependencies() {
    let capitals = capitals().unwrap();
    // The UN's 193 member states and 2 observer states, Kosovo and Taiwan: one capital each.
    assert_eq!(capitals.len(), 197);
    let mut countries: Vec<&str> = capitals.iter().map(|p| p.country_code.as_str()).collect();
    countries.sort_unstable();
    countries.dedup();
    assert_eq!(countries.len(), 197);
    for code in ["VA", "PS", "XK", "TW", "GB", "FI", "DK", "US", "CN"] {
        assert!(countries.contains(&code), "{code}");
    }
    let seats = dependency_seats().unwrap();
    assert_eq!(seats.len(), DEPENDENCIES.len());
    for (name, code) in
        [("Saint Helier", "JE"), ("Douglas", "IM"), ("Mariehamn", "AX"), ("Nuuk", "GL"), ("Hagåtña", "GU")]
    {
        assert!(seats.iter().any(|p| p.name == name && p.country_code == code), "{name}");
        assert!(!capitals.iter().any(|p| p.name == name), "{name} is no capital");
    }
}

fn svg_of(args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("map.svg");
    let mut all = vec!["render"];
    all.extend_from_slice(args);
    all.extend(["--width-px", "1600", "-o", path.to_str().unwrap()]);
    assert_success(&reachmap(&all));
    std::fs::read_to_string(&path).unwrap()
}

#[test]
fn maps_label_dependencies_seats_only_when_asked() {
    let europe = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/inf-europe.toml");
    let labelled = |svg: &str, name: &str| svg.contains(&format!(">{name}\n")) || svg.contains(&format!(">{name}<"));
    let plain = svg_of(&[europe]);
    assert!(labelled(&plain, "London"));
    for seat in ["Saint Helier", "Douglas", "Mariehamn", "Tórshavn"] {
        assert!(!labelled(&plain, seat), "{seat} labelled without --dependencies");
    }
    let with = svg_of(&[europe, "--dependencies"]);
    let shown: Vec<&str> =
        ["Saint Helier", "Douglas", "Mariehamn", "Tórshavn"].into_iter().filter(|s| labelled(&with, s)).collect();
    assert!(shown.len() >= 2, "only {shown:?} labelled with --dependencies");

    // The same from a scenario's [places].
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("s.toml");
    std::fs::write(
        &scenario,
        "[[sites]]\nname = \"Kaliningrad\"\nat = \"54.71N 20.51E\"\nsystems = [\"iskander-m\"]\n[places]\ndependencies = true\n",
    )
    .unwrap();
    let from_file = svg_of(&[scenario.to_str().unwrap()]);
    let seats = ["Saint Helier", "Douglas", "Mariehamn", "Tórshavn"];
    assert!(seats.iter().any(|s| labelled(&from_file, s)), "no seat labelled with [places] dependencies = true");
}
