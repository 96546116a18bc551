//! The built-in catalog: every system has a range and sourced, dated figures; the range drawn
//! lies within them; bad catalogs are refused with a message naming the entry.

use crate::common;

use common::cli::{reachmap, stdout};
use reachmap::catalog::Catalog;

#[test]
fn every_builtin_system_has_a_range_and_sourced_figures() {
    let catalog = Catalog::builtin().unwrap();
    assert!(catalog.systems.len() >= 6);
    for system in &catalog.systems {
        assert!(system.range_km.low() > 0.0 && system.range_km.high() >= system.range_km.low(), "{}", system.id);
        assert!(!system.figures.is_empty(), "{}", system.id);
        for figure in &system.figures {
            assert!(!figure.source.trim().is_empty() && !figure.date.trim().is_empty(), "{}", system.id);
        }
        system.range_km.reach(&system.id).unwrap();
    }
    // The INF Treaty's bands, as Article II defines them.
    let inf = catalog.band_set("inf").unwrap();
    let bands: Vec<(f64, f64)> = inf.bands.iter().map(|b| (b.min_km, b.max_km)).collect();
    assert_eq!(bands, [(500.0, 1000.0), (1000.0, 5500.0)]);
}

#[test]
fn disputed_ranges_are_stored_low_and_high() {
    let catalog = Catalog::builtin().unwrap();
    let ssc8 = catalog.system("9m729").unwrap();
    assert_eq!((ssc8.range_km.low(), ssc8.range_km.high()), (480.0, 2350.0));
    // Not a band: what lies nearer than the low figure is in range under every figure.
    let reach = ssc8.range_km.reach("r").unwrap();
    assert!(matches!(reach, reachmap::Reach::Estimate { .. }));
    assert!(reach.contains_distance(278_000.0), "Warsaw, 278 km from Kaliningrad, is within range");
    assert_eq!(ssc8.label(), "9M729 (SSC-8 Screwdriver): 480 km (claim) to 2,350 km (reported)");
}

fn refused(toml: &str, needle: &str) {
    let err = Catalog::parse(toml, "my.toml").unwrap_err().to_string();
    assert!(err.contains("my.toml") && err.contains(needle), "{needle:?} not in {err}");
}

const FIGURE: &str = "[[systems.figures]]\nrange_km = 500\nbasis = \"claim\"\nsource = \"x\"\ndate = \"2020\"\n";

#[test]
fn bad_catalogs_are_refused() {
    let system = |id: &str, range: &str| {
        format!("[[systems]]\nid = \"{id}\"\nname = \"n\"\ncountry = \"c\"\nkind = \"k\"\nrange_km = {range}\n{FIGURE}")
    };
    refused(&format!("{}{}", system("a", "500"), system("a", "500")), "unique");
    refused(&system("a", "900"), "within its figures");
    refused(&system("a", "0"), "greater than 0");
    refused(&system("a", "[600, 500]"), "low figure must be smaller");
    refused(&format!("{}colour = \"red\"\n", system("a", "500")), "unknown key");
    refused(
        "[[systems]]\nid = \"a\"\nname = \"n\"\ncountry = \"c\"\nkind = \"k\"\nrange_km = 500\nfigures = []\n",
        "sourced figure",
    );
    refused(&system("a", "500").replace("source = \"x\"", "source = \" \""), "source and a date");
    refused(&system("a", "500").replace("basis = \"claim\"", "basis = \"rumour\""), "unknown variant");
}

#[test]
fn the_catalog_command_lists_every_system_and_band_set() {
    let text = stdout(&reachmap(&["catalog"]));
    for system in Catalog::builtin().unwrap().systems {
        assert!(text.contains(&system.id) && text.contains(&system.name), "{} missing", system.id);
    }
    assert!(text.contains("480 to 2,350 km (within 480 km under every figure; to 2,350 km if the high one holds)"));
    assert!(text.contains("intermediate-range 1,000–5,500 km"));
}
