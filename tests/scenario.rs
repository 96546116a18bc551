//! Scenario files: what a good file draws (systems from the catalog, low/high estimates as
//! bands, band sets, the legend listing exactly what is drawn, sources printed), and how bad
//! files are refused: file, line and column, the key, the value, exit code 2, no output.

use std::path::{Path, PathBuf};

use crate::common;

use common::cli::{assert_refusal, reachmap};
use reachmap::catalog::Catalog;
use reachmap::map::{Overrides, compose, scenario_map_spec};
use reachmap::scenario::Scenario;
use reachmap::scene::Item;
use reachmap::{Reach, Site};

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples").join(name)
}

/// Writes `text` as a scenario, renders it, and expects a refusal whose message names the file
/// and holds every needle; nothing may be written.
fn refused(text: &[u8], needles: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("bad.toml");
    std::fs::write(&scenario, text).unwrap();
    let scenario = scenario.to_str().unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let png = out_dir.path().join("map.png");
    let needles: Vec<&str> = std::iter::once(scenario).chain(needles.iter().copied()).collect();
    common::cli::refused(&["render", scenario, "-o", png.to_str().unwrap()], out_dir.path(), &needles);
}

const SITE: &str = "[[sites]]\nname = \"Kaliningrad\"\nlat = 54.71\nlon = 20.51\nsystems = [\"9m729\"]\n";

#[test]
fn a_missing_key_is_located() {
    refused(b"[[sites]]\nlat = 54.71\nlon = 20.51\n", &["bad.toml:1:1", "missing key `name`"]);
}

#[test]
fn an_unknown_key_is_an_error_not_ignored() {
    let text = format!("{SITE}colour = \"red\"\n");
    refused(text.as_bytes(), &["bad.toml:6:1", "unknown key `colour`", "expected one of"]);
    refused(b"titel = \"x\"\n", &["bad.toml:1:1", "unknown key `titel`"]);
    refused(format!("[map]\npreset = \"europe\"\nzoom = 3\n{SITE}").as_bytes(), &["bad.toml:3:1", "`zoom`"]);
}

#[test]
fn a_wrong_type_is_located_with_its_line() {
    let text = format!("[map]\nwidth_mm = \"wide\"\n{SITE}");
    refused(
        text.as_bytes(),
        &["bad.toml:2:12", "width_mm", "invalid value \"wide\": expected a number, such as 300, not text"],
    );
    refused(b"[[sites]]\nname = \"K\"\nlat = 54.71\nlon = 20.51\nsystems = \"9m729\"\n", &["bad.toml:5:11", "systems"]);
}

#[test]
fn a_bad_coordinate_names_the_site_and_key() {
    refused(
        b"[[sites]]\nname = \"Kaliningrad\"\nlat = 95\nlon = 20.51\n",
        &["bad.toml:3:7", "\"Kaliningrad\" lat", "95", "-90 to 90"],
    );
    refused(
        "[[sites]]\nname = \"K\"\nlat = \"54°42′36″E\"\nlon = 20.51\n".as_bytes(),
        &["bad.toml:3:7", "lat", "N or S"],
    );
    refused(b"[[sites]]\nname = \"K\"\nat = \"54.71N 20.51Q\"\n", &["bad.toml:3:6", "\"K\" at", "20.51Q"]);
    refused(b"[[sites]]\nname = \"K\"\nlat = 54.71\n", &["bad.toml:1:1", "give lat and lon"]);
    refused(b"[[sites]]\nname = \"K\"\nlat = nan\nlon = 20.51\n", &["bad.toml:3:7", "NaN", "-90 to 90"]);
}

#[test]
fn an_unknown_system_id_lists_the_known_ones() {
    refused(
        b"[[sites]]\nname = \"K\"\nlat = 54.71\nlon = 20.51\nsystems = [\"9m729\", \"ss-99\"]\n",
        &["bad.toml:5:21", "\"ss-99\"", "unknown system id", "iskander-m"],
    );
}

#[test]
fn other_mistakes_are_refused_with_a_reason() {
    // A system defined without a source.
    refused(
        format!("[[systems]]\nid = \"x\"\nname = \"X\"\nrange_km = 900\n{SITE}").as_bytes(),
        &["bad.toml:1:1", "needs its source"],
    );
    // Defined but carried by no site.
    refused(
        format!("[[systems]]\nid = \"x\"\nname = \"X\"\nrange_km = 900\nsource = \"me\"\n{SITE}").as_bytes(),
        &["bad.toml:2:6", "no site carries"],
    );
    // Duplicate site names.
    refused(format!("{SITE}{SITE}").as_bytes(), &["bad.toml:7:8", "unique"]);
    // An impossible band and an unknown band set.
    refused(
        format!("{SITE}[[bands]]\nmin_km = 1000\nmax_km = 500\n").as_bytes(),
        &["bad.toml:7:10", "min_km", "smaller than the maximum"],
    );
    refused(format!("{SITE}[[bands]]\nset = \"salt\"\n").as_bytes(), &["bad.toml:7:7", "unknown band set", "inf"]);
    // Unknown preset and theme; preset and proj together.
    refused(format!("[map]\npreset = \"mars\"\n{SITE}").as_bytes(), &["bad.toml:2:10", "mars", "east-asia"]);
    refused(format!("[map]\ntheme = \"neon\"\n{SITE}").as_bytes(), &["bad.toml:2:9", "neon", "grayscale"]);
    refused(
        format!("[map]\npreset = \"europe\"\nproj = \"+proj=laea\"\n{SITE}").as_bytes(),
        &["bad.toml:3:8", "not both"],
    );
    // A place that is not in the gazetteer.
    refused(format!("{SITE}[places]\nnames = [\"Xanadu-on-Sea\"]\n").as_bytes(), &["bad.toml:7:10", "Xanadu-on-Sea"]);
    // Not TOML at all, and not UTF-8.
    refused(b"title = \n", &["bad.toml:1:9"]);
    refused(b"title = \"caf\xe9\"\n", &["not UTF-8"]);
    // An absurd page.
    refused(format!("[map]\nwidth_mm = 1800\ndpi = 600\n{SITE}").as_bytes(), &["width_mm", "at most 20000 px"]);
}

#[test]
fn a_scenario_is_not_overwritten_by_its_own_output() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("map.svg");
    std::fs::write(&scenario, SITE).unwrap();
    let args = ["render", scenario.to_str().unwrap(), "-o", scenario.to_str().unwrap()];
    assert_refusal(&reachmap(&args), 2, &["this is the scenario file"], &args);
    assert_eq!(std::fs::read_to_string(&scenario).unwrap(), SITE);
}

#[test]
fn a_bom_and_windows_line_endings_are_read() {
    let text = format!("\u{feff}title = \"T\"\r\n{}", SITE.replace('\n', "\r\n"));
    let scenario = Scenario::parse(&text, "crlf.toml", Path::new(".")).unwrap();
    assert_eq!(scenario.title.as_deref(), Some("T"));
    assert_eq!(scenario.sites[0].name(), "Kaliningrad");
}

#[test]
fn coordinates_in_any_accepted_form() {
    let text = "[[sites]]\nname = \"A\"\nlat = \"54°42′36″N\"\nlon = \"20°30′36″E\"\n\
                [[sites]]\nname = \"B\"\nat = \"54.71N 20.51E\"\n\
                [[sites]]\nname = \"C\"\nlat = 54.71\nlon = 20.51\n\
                [[bands]]\nmax_km = 500\n";
    let scenario = Scenario::parse(text, "forms.toml", Path::new(".")).unwrap();
    for site in &scenario.sites {
        assert!((site.lat_deg() - 54.71).abs() < 1e-12 && (site.lon_deg() - 20.51).abs() < 1e-12, "{site:?}");
    }
}

#[test]
fn low_high_systems_are_estimates_and_the_legend_lists_exactly_what_is_drawn() {
    let scenario = Scenario::from_file(&example("inf-europe.toml")).unwrap();
    let catalog = Catalog::builtin().unwrap();
    // 9M729's sources disagree (480 vs 2,350 km): an estimate — everything within 480 km is in
    // range under both figures, the rest up to 2,350 km if the reported figure holds.
    let ssc8 = scenario.overlays.iter().find(|o| o.label.starts_with("9M729")).unwrap();
    let km = |r: &reachmap::Radius| r.km();
    match &ssc8.reach {
        Reach::Estimate { low, high } => assert_eq!((km(low), km(high)), (480.0, 2350.0)),
        other => panic!("9M729 drawn as {other:?}"),
    }
    // Systems are drawn around the sites that carry them, and only those.
    let names =
        |o: &reachmap::Overlay| -> Vec<String> { o.sites().map(|site| site.name().to_string()).collect::<Vec<_>>() };
    assert_eq!(names(ssc8), ["Kaliningrad"]);
    let dark_eagle = scenario.overlays.iter().find(|o| o.label.starts_with("Dark Eagle")).unwrap();
    assert_eq!(names(dark_eagle).len(), 3);
    // Every system's figures reach the sources line.
    for id in ["9m729", "iskander-m", "dark-eagle"] {
        for figure in &catalog.system(id).unwrap().figures {
            assert!(scenario.sources.iter().any(|s| s.contains(&figure.source)), "{id}: {} missing", figure.source);
        }
    }
    // The key: one row per range or band, two per estimate (each zone with its figure).
    let labels: Vec<String> = scenario
        .overlays
        .iter()
        .flat_map(|o| match &o.estimate_rows {
            Some(rows) => rows.to_vec(),
            None => vec![o.label.clone()],
        })
        .collect();
    let spec =
        scenario_map_spec(scenario, None, Overrides { width_px: Some((2400.0, "w".into())), ..Overrides::default() })
            .unwrap();
    let scene = compose(&spec).unwrap();
    let legend = scene.layers.iter().find(|l| l.id == "legend").unwrap();
    let texts: Vec<&str> = legend
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text { text, size_px, .. } if *size_px > 7.0 * 300.0 / 72.0 => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(texts, labels.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(texts.len(), 5, "9M729 (two rows), Iskander-M, Dark Eagle, the INF shorter-range band");
    assert_eq!(
        texts[..2],
        ["9M729 (SSC-8 Screwdriver): within 480 km (claim)", "to 2,350 km (reported), if that figure holds"]
    );
    // The sources strip carries the figures' sources (wrapped over several lines).
    let sources = scene.layers.iter().find(|l| l.id == "sources").unwrap();
    let strip: String = sources
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" ");
    assert!(strip.contains("Matveevsky") && strip.contains("Natural Earth") && strip.contains("GeoNames"), "{strip}");
}

#[test]
fn a_user_catalog_adds_and_replaces_systems() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("mine.toml"),
        "[[systems]]\nid = \"iskander-m\"\nname = \"Iskander-M\"\ncountry = \"Russia\"\nkind = \"GLBM\"\nrange_km = 700\n\
         [[systems.figures]]\nrange_km = 700\nbasis = \"reported\"\nsource = \"A test source\"\ndate = \"2026\"\n",
    )
    .unwrap();
    let text =
        "catalog = \"mine.toml\"\n[[sites]]\nname = \"K\"\nlat = 54.71\nlon = 20.51\nsystems = [\"iskander-m\"]\n";
    let scenario = Scenario::parse(text, "user.toml", dir.path()).unwrap();
    assert_eq!(scenario.overlays[0].label, "Iskander-M: 700 km");
    assert!(scenario.sources[0].contains("A test source"));
    // A missing catalog file is an error naming the key and the path.
    let err = Scenario::parse("catalog = \"nope.toml\"\n", "user.toml", dir.path()).unwrap_err().to_string();
    assert!(err.contains("user.toml:1:11") && err.contains("nope.toml"), "{err}");
    let site = Site::new("K", 54.71, 20.51).unwrap();
    assert_eq!(site.name(), "K");
}

#[test]
fn the_readme_scenario_is_valid() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme.find("```toml\ntitle = ").expect("the README's scenario example") + "```toml\n".len();
    let end = start + readme[start..].find("```").unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("my-systems.toml"), "").unwrap();
    let oblast = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/kaliningrad-oblast.geojson");
    std::fs::copy(oblast, dir.path().join("kaliningrad-oblast.geojson")).unwrap();
    let scenario = Scenario::parse(&readme[start..end], "README.md", dir.path()).unwrap();
    assert_eq!(scenario.sites.len(), 2);
    assert!(scenario.overlays.iter().any(|o| o.label == "Hypothetical GLCM: 1,800 to 2,500 km (requirement)"));
}
