//! Footprints against the definition: a launch point is in the footprint exactly when its Karney
//! distance to every target (or to one, with `Any`) is below the range — checked on random
//! probes clear of the circles — every vertex off the cut lines lies at the range from a target
//! (crossings from two) within 1 mm, and the polygons are valid RFC 7946 across ±180° and
//! around the poles.

use crate::common;

use common::assert_rfc7946;
use geo::{Contains, Point};
use reachmap::footprint::{Combine, footprint};
use reachmap::geodesy::distance_m;
use reachmap::{Radius, Site, Tolerance};

fn site(name: &str, lat: f64, lon: f64) -> Site {
    Site::new(name, lat, lon).unwrap()
}

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Checks a footprint against Karney's distances: containment on 4,000 random probes (uniform
/// on the sphere) clear of every circle by more than the tolerance, and every vertex.
fn check(targets: &[Site], km: f64, combine: Combine, what: &str) {
    let tolerance = Tolerance::from_m(10.0, "t").unwrap();
    let radius = Radius::from_km(km, "r").unwrap();
    let region = footprint(targets, radius, combine, tolerance).unwrap();
    assert_rfc7946(&region, what);
    let r = radius.meters();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut checked = 0;
    for _ in 0..4_000 {
        let lat = (2.0 * rng.next() - 1.0).asin().to_degrees();
        let lon = 360.0 * rng.next() - 180.0;
        let p = Point::new(lon, lat);
        let distances: Vec<f64> = targets.iter().map(|t| distance_m(t.point(), p)).collect();
        if distances.iter().any(|d| (d - r).abs() < 3.0 * tolerance.meters()) {
            continue;
        }
        let expected = match combine {
            Combine::All => distances.iter().all(|&d| d < r),
            Combine::Any => distances.iter().any(|&d| d < r),
        };
        assert_eq!(region.contains(&p), expected, "{what}: probe {p:?}, distances {distances:?}");
        checked += 1;
    }
    assert!(checked > 3_000, "{what}: only {checked} probes");
    let mut crossings = 0;
    for polygon in &region.0 {
        for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
            for c in &ring.0 {
                if c.x.abs() == 180.0 || c.y.abs() == 90.0 {
                    continue;
                }
                let gaps: Vec<f64> =
                    targets.iter().map(|t| (distance_m(t.point(), Point::from(*c)) - r).abs()).collect();
                let on = gaps.iter().filter(|&&g| g < 1e-3).count();
                assert!(
                    on >= 1,
                    "{what}: vertex {c:?} is {:.3} m off every circle",
                    gaps.iter().fold(f64::MAX, |a, &b| a.min(b))
                );
                crossings += usize::from(on >= 2);
            }
        }
    }
    if targets.len() > 1 {
        assert!(crossings >= 2, "{what}: no crossing vertices found");
    }
}

#[test]
fn moscow_and_saint_petersburg_within_the_dark_eagles_range() {
    let targets = [site("Moscow", 55.7558, 37.6173), site("Saint Petersburg", 59.9386, 30.3141)];
    check(&targets, 2_776.0, Combine::All, "both");
    check(&targets, 2_776.0, Combine::Any, "either");
}

#[test]
fn three_targets_and_the_north_pole() {
    // Within 5,500 km of Moscow, Beijing and Washington: a region around the Arctic.
    let targets =
        [site("Moscow", 55.7558, 37.6173), site("Beijing", 39.9075, 116.3972), site("Washington", 38.8951, -77.0364)];
    check(&targets, 7_000.0, Combine::All, "three, over the pole");
}

#[test]
fn across_the_antimeridian() {
    let targets = [site("Anadyr", 64.73, 177.51), site("Nome", 64.50, -165.41), site("Petropavlovsk", 53.02, 158.65)];
    check(&targets, 2_000.0, Combine::All, "Bering Strait");
    check(&targets, 1_000.0, Combine::Any, "Bering Strait, any");
}

#[test]
fn targets_too_far_apart_are_named_with_their_distance() {
    let targets = [site("Lisbon", 38.72, -9.14), site("Tokyo", 35.69, 139.69)];
    let err =
        footprint(&targets, Radius::from_km(2_000.0, "r").unwrap(), Combine::All, Tolerance::DEFAULT).unwrap_err();
    let message = err.to_string();
    assert!(message.contains("Lisbon") && message.contains("Tokyo") && message.contains("11,1"), "{message}");
    assert!(message.contains("more than twice the range"), "{message}");
}

#[test]
fn a_scenario_draws_a_footprint_with_its_key_and_source() {
    use reachmap::map::{Overrides, scenario_map_spec};
    use reachmap::scenario::Scenario;
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/footprint-moscow.toml");
    let scenario = Scenario::from_file(std::path::Path::new(path)).unwrap();
    assert_eq!(scenario.footprints[0].label, "within 2,776 km of Moscow and Saint Petersburg (Dark Eagle)");
    assert!(scenario.sources.iter().any(|s| s.contains("1,725 miles")), "the range's source is on the map");
    let spec =
        scenario_map_spec(scenario, None, Overrides { width_px: Some((900.0, "w".into())), ..Overrides::default() })
            .unwrap();
    // Both targets are labelled, Saint Petersburg though it is no capital.
    assert_eq!(spec.places[0].name, "Moscow");
    assert_eq!(spec.places[1].name, "Saint Petersburg");
    let scene = reachmap::map::compose(&spec).unwrap();
    let layer = scene.layers.iter().find(|l| l.id == "footprints").unwrap();
    assert_eq!(layer.items.len(), 2, "hatching and outline");
}

#[test]
fn bad_footprints_are_refused_where_they_are_given() {
    use reachmap::scenario::Scenario;
    let refused = |text: &str, needles: &[&str]| {
        let message = Scenario::parse(text, "fp.toml", std::path::Path::new(".")).unwrap_err().to_string();
        for needle in needles {
            assert!(message.contains(needle), "{needle:?} not in {message}");
        }
    };
    refused(
        "[[footprints]]\ntargets = [\"Moscw\"]\nrange_km = 1000\n",
        &["fp.toml:2:12", "Moscw", "did you mean Moscow"],
    );
    refused("[[footprints]]\ntargets = [\"Moscow\"]\n", &["fp.toml:1:1", "range_km", "system"]);
    refused(
        "[[footprints]]\ntargets = [\"Moscow\"]\nrange_km = 1000\nsystem = \"dark-eagle\"\n",
        &["fp.toml:1:1", "not both"],
    );
    refused("[[footprints]]\ntargets = []\nrange_km = 1000\n", &["fp.toml:2:11", "at least one target"]);
    refused("[[footprints]]\ntargets = [\"Moscow\"]\nrange_km = -5\n", &["fp.toml:3:12", "range_km"]);
    refused("[[footprints]]\ntargets = [\"Moscow\"]\nsystem = \"df-99\"\n", &["fp.toml:3:10", "unknown system"]);
}

#[test]
fn the_command_writes_geojson_and_refuses_targets_too_far_apart() {
    let run = |args: &[&str]| common::cli::reachmap(&[&["footprint"][..], args].concat());
    let out = run(&["--target", "Moscow", "--target", "Saint Petersburg", "--system", "9m729", "--tolerance-m", "100"]);
    let json: serde_json::Value = serde_json::from_str(&common::cli::stdout(&out)).unwrap();
    let features = json["features"].as_array().unwrap();
    // An estimate: the footprint under every figure, and the larger one if the high figure holds.
    assert_eq!(features.len(), 2);
    assert_eq!(features[0]["properties"]["range_km"], 480.0);
    assert_eq!(features[1]["properties"]["meaning"], "in range only if the high figure holds");
    let far = run(&["--target", "Lisbon", "--target", "Tokyo", "--range-km", "2000"]);
    assert_eq!(far.status.code(), Some(2));
    let message = String::from_utf8_lossy(&far.stderr);
    assert!(message.contains("--target") && message.contains("11,167 km apart"), "{message}");
}

/// A `[[footprints]]` entry with an estimate's system (the 9M729: 480 km claimed, 2,350 km
/// reported) gives both footprints, as `reachmap footprint` writes them: from where the target is
/// in range under every figure, and only if the high figure holds.
#[test]
fn an_estimate_footprint_in_a_scenario_gives_both_figures() {
    let text = "[[footprints]]\ntargets = [\"Warsaw=52.23,21.01\"]\nsystem = \"9m729\"\n";
    let scenario = reachmap::scenario::Scenario::parse(text, "f.toml", std::path::Path::new(".")).unwrap();
    let radii: Vec<f64> = scenario.footprints.iter().map(|f| f.radius.km()).collect();
    assert_eq!(radii, [480.0, 2_350.0]);
    assert!(scenario.footprints[0].label.contains("under every figure"), "{}", scenario.footprints[0].label);
    assert!(scenario.footprints[1].label.contains("if its high figure holds"), "{}", scenario.footprints[1].label);
}

/// An estimate's two footprints share their targets: each target is one place named on the map,
/// and no other place is taken for a named one. Guam and Kadena Air Base under the DF-26's
/// 3,000 and 4,000 km, with Taipei named by the file: exactly those three are named, and no
/// capital is reported "outside the map" as if the file had named it (Kinshasa was).
#[test]
fn an_estimates_two_footprints_name_their_targets_once() {
    use reachmap::map::{Overrides, Priority, place_priorities, scenario_map_spec};
    let text = r#"[map]
preset = "east-asia"
width_mm = 120
[places]
names = ["Taipei"]
[[sites]]
name = "Shaoguan"
at = "24.81N 113.60E"
systems = ["df-26"]
[[footprints]]
targets = ["Guam", "Kadena Air Base"]
system = "df-26"
"#;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f.toml");
    std::fs::write(&path, text).unwrap();
    let scenario = reachmap::scenario::Scenario::from_file(&path).unwrap();
    assert_eq!(scenario.footprints.len(), 2, "low and high figures");
    let spec = scenario_map_spec(scenario, None, Overrides::default()).unwrap();
    let priorities = place_priorities(&spec);
    let mut named: Vec<&str> = spec
        .places
        .iter()
        .zip(&priorities)
        .filter(|(_, p)| **p == Priority::Named)
        .map(|(place, _)| place.name.as_str())
        .collect();
    named.sort_unstable();
    assert_eq!(named, ["Guam", "Kadena Air Base", "Taipei"]);
    let svg = dir.path().join("f.svg");
    let out = common::cli::reachmap(&["render", path.to_str().unwrap(), "-o", svg.to_str().unwrap()]);
    let stderr = common::cli::stderr(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("outside the map"), "every named place is on this map:\n{stderr}");
}

/// An estimate's two footprints overlap (the low figure's lies within the high figure's): each is
/// hatched at an angle of its own, on the map and in the key, so that the one beneath still
/// reads where they overlap. The hatch lines' directions, measured on the page, differ.
#[test]
fn overlapping_footprints_are_hatched_at_different_angles() {
    use reachmap::map::{Overrides, compose, scenario_map_spec};
    use reachmap::scene::Item;
    let text = r#"[map]
preset = "east-asia"
width_mm = 120
[[sites]]
name = "Shaoguan"
at = "24.81N 113.60E"
systems = ["df-26"]
[[footprints]]
targets = ["Guam", "Kadena Air Base"]
system = "df-26"
"#;
    let scenario = reachmap::scenario::Scenario::parse(text, "f.toml", std::path::Path::new(".")).unwrap();
    let spec = scenario_map_spec(scenario, None, Overrides::default()).unwrap();
    let scene = compose(&spec).unwrap();
    // The direction of a layer's hatch lines, in degrees on the page, modulo 180°.
    let angles = |layer: &str| -> Vec<f64> {
        let items = &scene.layers.iter().find(|l| l.id == layer).unwrap().items;
        items
            .iter()
            .filter_map(|item| match item {
                // Hatching: many short straight lines, drawn solid.
                Item::Lines { lines, style, .. } if style.dash.is_empty() && lines.0.len() > 3 => {
                    let line = lines.0.iter().max_by(|a, b| {
                        let len =
                            |l: &geo::LineString| (l[l.0.len() - 1].x - l[0].x).hypot(l[l.0.len() - 1].y - l[0].y);
                        len(a).total_cmp(&len(b))
                    })?;
                    let (a, b) = (line[0], line[line.0.len() - 1]);
                    Some((b.y - a.y).atan2(b.x - a.x).to_degrees().rem_euclid(180.0))
                }
                _ => None,
            })
            .collect()
    };
    let map = angles("footprints");
    assert_eq!(map.len(), 2, "two footprints hatched: {map:?}");
    let apart = (map[0] - map[1]).abs();
    assert!(apart.min(180.0 - apart) > 30.0, "hatching at {map:?}");
    let key = angles("legend");
    assert!(key.len() >= 2, "{key:?}");
    for angle in &map {
        assert!(
            key.iter().any(|k| (k - angle).abs() < 1.0 || (k - angle).abs() > 179.0),
            "{angle} not in the key {key:?}"
        );
    }
}
