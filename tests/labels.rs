//! Label placement: in a crowded map (30 sites within 1,000 km) and in the example maps, no two
//! placed labels overlap, and every label lies inside the page; labels that find no room are
//! dropped, never overprinted.

use reachmap::frame::{Frame, Preset};
use reachmap::map::{MapSpec, Overrides, compose, scenario_map_spec};
use reachmap::places::capitals;
use reachmap::scenario::Scenario;
use reachmap::scene::{Anchor, Item};
use reachmap::text::width_px;
use reachmap::{Radius, Reach, Site};

/// The placed labels' boxes, and the map's rectangle on the page (inside its frame line).
fn label_boxes(spec: &MapSpec) -> (Vec<(String, [f64; 4])>, geo::Rect) {
    use geo::BoundingRect;
    let scene = compose(spec).unwrap();
    let frame = scene.layers.iter().find(|l| l.id == "frame").unwrap();
    let Item::Lines { lines, .. } = &frame.items[0] else { panic!("the frame is a line") };
    let map = lines.bounding_rect().unwrap();
    let mut boxes = Vec::new();
    for layer in &scene.layers {
        if !["labels", "ring-labels", "graticule-labels", "places"].contains(&layer.id) {
            continue;
        }
        for item in &layer.items {
            if let Item::Text { x, y, text, size_px, bold, anchor, .. } = item {
                let w = width_px(text, *size_px, *bold);
                let left = match anchor {
                    Anchor::Start => *x,
                    Anchor::Middle => x - w / 2.0,
                    Anchor::End => x - w,
                };
                boxes.push((text.clone(), [left, y - size_px * 0.76, left + w, y + size_px * 0.24]));
            }
        }
    }
    (boxes, map)
}

fn assert_apart(spec: &MapSpec) -> usize {
    let (boxes, map) = label_boxes(spec);
    let (x0, y0, x1, y1) = (map.min().x, map.min().y, map.max().x, map.max().y);
    for (i, (a, p)) in boxes.iter().enumerate() {
        assert!(p[0] >= x0 && p[1] >= y0 && p[2] <= x1 && p[3] <= y1, "{a:?} leaves the map");
        for (b, q) in &boxes[i + 1..] {
            let overlap = p[0] < q[2] && q[0] < p[2] && p[1] < q[3] && q[1] < p[3];
            assert!(!overlap, "{a:?} overlaps {b:?}");
        }
    }
    boxes.len()
}

fn km(v: f64) -> Reach {
    Reach::Within(Radius::from_km(v, "r").unwrap())
}

#[test]
fn thirty_sites_within_1000_km_get_no_overlapping_labels() {
    // A deterministic scatter around Warsaw, all within about 900 km of it.
    let sites: Vec<Site> = (0..30)
        .map(|i| {
            let a = f64::from(i) * 2.399_963; // golden angle
            let r = 8.0 * (f64::from(i) / 30.0).sqrt();
            Site::new(&format!("Site {i}"), 52.23 + r * a.sin() * 0.6, 21.01 + r * a.cos()).unwrap()
        })
        .collect();
    let mut spec = MapSpec::plain(
        Frame::preset(Preset::Europe, 1600, None, 0.0).unwrap(),
        200.0,
        sites,
        vec![km(500.0), km(1_000.0), km(2_500.0)],
    );
    spec.places = capitals().unwrap();
    spec.title = Some("Thirty sites around Warsaw".into());
    let placed = assert_apart(&spec);
    assert!(placed >= 15, "only {placed} labels placed");
}

#[test]
fn the_example_maps_have_no_overlapping_labels() {
    let europe = [
        ("Kaliningrad", 54.71, 20.51),
        ("Redzikowo", 54.48, 17.10),
        ("Deveselu", 44.08, 24.09),
        ("Grafenwöhr", 49.70, 11.94),
    ];
    let east_asia =
        [("Kadena", 26.35, 127.77), ("Guam", 13.44, 144.79), ("Laoag", 18.18, 120.59), ("Anadyr", 64.73, 177.51)];
    for (preset, sites) in [(Preset::Europe, europe), (Preset::EastAsia, east_asia)] {
        let mut spec = MapSpec::plain(
            Frame::preset(preset, 1000, None, 0.0).unwrap(),
            130.0,
            sites.iter().map(|&(n, lat, lon)| Site::new(n, lat, lon).unwrap()).collect(),
            vec![km(500.0), km(1_000.0), km(2_500.0), km(5_500.0)],
        );
        spec.places = capitals().unwrap();
        let (boxes, _) = label_boxes(&spec);
        for (name, ..) in sites {
            assert!(boxes.iter().any(|(t, _)| t == name), "{name} has no label");
        }
        assert_apart(&spec);
    }
}

#[test]
fn the_worked_examples_have_no_overlapping_labels() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            // The sweep's example draws its sweep: run here, as `reachmap render` runs it.
            let mut scenario = Scenario::from_file(&path).unwrap();
            let swept = scenario.take_sweep().map(|request| request.run().unwrap());
            let spec = scenario_map_spec(scenario, swept, Overrides::default()).unwrap();
            let (boxes, _) = label_boxes(&spec);
            for site in &spec.sites {
                assert!(
                    boxes.iter().any(|(t, _)| t == site.name()),
                    "{}: {} has no label",
                    path.display(),
                    site.name()
                );
            }
            assert_apart(&spec);
            checked += 1;
        }
    }
    assert!(checked >= 3, "only {checked} example scenarios found");
}
