//! What a reader concludes from the labels is true (issue 19, §1 and §3), read back from the
//! scene: on the 9M729 map from Belarus and Kaliningrad Oblast, Warsaw, Vilnius, Riga and Tallinn
//! are labelled at 85, 120 and 180 mm and at 720 px; one priority orders every figure's labels;
//! every on-page label left out is reported with a reason (and the CLI prints it), on the
//! comparison figure's maps too, each report naming its map; the launch
//! areas' names stand inside their area or over water, never over another country; targets have
//! a marker of their own and every target is named at every width; regional maps name their
//! countries and seas.

use std::path::Path;

use geo::{Contains, Coord, MultiPolygon, Point};
use reachmap::basemap::{self, BaseLayer, Detail};
use reachmap::map::{MapSpec, Overrides, Priority, Target, compose_report, place_priorities, scenario_map_spec};
use reachmap::scenario::Scenario;
use reachmap::scene::{Item, Scene, Symbol};
use reachmap::text::width_px;

use crate::common;

/// The 9M729 (480 km claimed, 2,350 km reported) from Belarus and from Kaliningrad Oblast, with
/// Vilnius named, as an analyst would ask for it.
fn belarus_scenario(dir: &Path, named: &[&str]) -> std::path::PathBuf {
    let oblast = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/kaliningrad-oblast.geojson");
    std::fs::copy(oblast, dir.join("kaliningrad-oblast.geojson")).unwrap();
    let names: Vec<String> = named.iter().map(|n| format!("{n:?}")).collect();
    let text = format!(
        r#"title = "The 9M729 from Belarus and Kaliningrad Oblast"
[map]
preset = "europe"
width_mm = 180
dpi = 300

[places]
names = [{}]

[[areas]]
name = "Belarus"
country = "Belarus"
systems = ["9m729"]

[[areas]]
name = "Kaliningrad Oblast"
geojson = "kaliningrad-oblast.geojson"
systems = ["9m729"]
"#,
        names.join(", ")
    );
    let path = dir.join("belarus-9m729.toml");
    std::fs::write(&path, text).unwrap();
    path
}

/// The widths every check runs at: 85, 120 and 180 mm at 300 dpi, and 720 px at 96 dpi.
fn widths() -> Vec<(String, Overrides)> {
    let mm = |w: f64| Overrides { width_mm: Some((w, "--width-mm".into())), ..Overrides::default() };
    vec![
        ("85 mm".into(), mm(85.0)),
        ("120 mm".into(), mm(120.0)),
        ("180 mm".into(), mm(180.0)),
        (
            "720 px".into(),
            Overrides {
                width_px: Some((720.0, "--width-px".into())),
                dpi: Some((96.0, "--dpi".into())),
                ..Overrides::default()
            },
        ),
    ]
}

/// With `REACHMAP_LOOK=DIR`, the figure as a PNG in DIR, to look at.
fn look_at(scene: &Scene, name: &str) {
    if let Some(dir) = std::env::var_os("REACHMAP_LOOK") {
        let png = reachmap::render::render(scene, &[reachmap::render::Format::Png]).unwrap().remove(0);
        std::fs::write(Path::new(&dir).join(format!("{name}.png")), png).unwrap();
    }
}

/// The texts of a layer.
fn texts<'a>(scene: &'a Scene, layer: &str) -> Vec<&'a str> {
    scene
        .layers
        .iter()
        .filter(|l| l.id == layer)
        .flat_map(|l| &l.items)
        .filter_map(|item| if let Item::Text { text, .. } = item { Some(text.as_str()) } else { None })
        .collect()
}

#[test]
fn warsaw_vilnius_riga_and_tallinn_are_labelled_at_every_width() {
    let dir = tempfile::tempdir().unwrap();
    for named in [&[][..], &["Vilnius"][..]] {
        let path = belarus_scenario(dir.path(), named);
        for (width, overrides) in widths() {
            let spec = scenario_map_spec(Scenario::from_file(&path).unwrap(), None, overrides).unwrap();
            let (scene, unlabelled) = compose_report(&spec).unwrap();
            look_at(&scene, &format!("belarus-{}-{}", named.len(), width.replace(' ', "")));
            let places = texts(&scene, "places");
            for capital in ["Warsaw", "Vilnius", "Riga", "Tallinn"] {
                assert!(places.contains(&capital), "{width}, named {named:?}: {capital} not labelled: {unlabelled:?}");
            }
        }
    }
}

#[test]
fn one_priority_named_places_then_capitals_in_range_then_other_capitals() {
    let dir = tempfile::tempdir().unwrap();
    let path = belarus_scenario(dir.path(), &["Vilnius", "Kaunas"]);
    let spec = scenario_map_spec(Scenario::from_file(&path).unwrap(), None, Overrides::default()).unwrap();
    let priorities = place_priorities(&spec);
    let of = |name: &str| {
        let k = spec.places.iter().position(|p| p.name == name).unwrap_or_else(|| panic!("{name} is not a place"));
        priorities[k]
    };
    assert_eq!(of("Vilnius"), Priority::Named);
    assert_eq!(of("Kaunas"), Priority::Named);
    // Within 480 km (the smallest range drawn) of Belarus: Warsaw (about 190 km), Riga, Kyiv.
    for capital in ["Warsaw", "Riga", "Kyiv"] {
        assert_eq!(of(capital), Priority::CapitalInRange, "{capital}");
    }
    // Far beyond it: Valletta, Rabat, Madrid.
    for capital in ["Valletta", "Rabat", "Madrid"] {
        assert_eq!(of(capital), Priority::Capital, "{capital}");
    }
    // On every width, no capital in range is left out while a farther capital is labelled in
    // its stead nearby: at least, every capital in range on the page is labelled or reported.
    for (width, overrides) in widths() {
        let spec = scenario_map_spec(Scenario::from_file(&path).unwrap(), None, overrides).unwrap();
        let (scene, unlabelled) = compose_report(&spec).unwrap();
        let places = texts(&scene, "places");
        let priorities = place_priorities(&spec);
        for (place, priority) in spec.places.iter().zip(&priorities) {
            if *priority <= Priority::CapitalInRange {
                let reported = unlabelled.iter().any(|u| u.name == place.name);
                assert!(
                    places.contains(&place.name.as_str()) || reported,
                    "{width}: {} neither labelled nor reported",
                    place.name
                );
            }
        }
    }
}

#[test]
fn every_place_left_out_on_the_page_is_reported_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let path = belarus_scenario(dir.path(), &["Vilnius"]);
    for (width, overrides) in widths() {
        let spec = scenario_map_spec(Scenario::from_file(&path).unwrap(), None, overrides).unwrap();
        let (scene, unlabelled) = compose_report(&spec).unwrap();
        let labelled = texts(&scene, "places");
        let (w, h) = (f64::from(spec.frame.width_px), f64::from(spec.frame.height_px));
        for place in &spec.places {
            let on_page = spec
                .frame
                .lonlat_to_page(Coord { x: place.lon, y: place.lat })
                .is_some_and(|p| (0.0..=w).contains(&p.x) && (0.0..=h).contains(&p.y));
            let reported = unlabelled.iter().find(|u| u.name == place.name);
            if on_page && !labelled.contains(&place.name.as_str()) {
                let reason = reported.unwrap_or_else(|| panic!("{width}: {} left out silently", place.name));
                assert!(
                    reason.reason.starts_with("no room")
                        || ["under the key", "under the scale bar"].contains(&reason.reason.as_str()),
                    "{reason:?}"
                );
            }
            if labelled.contains(&place.name.as_str()) {
                assert!(reported.is_none(), "{width}: {} both labelled and reported", place.name);
            }
        }
    }
}

#[test]
fn the_command_line_lists_what_is_not_labelled_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let path = belarus_scenario(dir.path(), &["Vilnius"]);
    let png = dir.path().join("map.png");
    let out =
        common::cli::reachmap(&["render", path.to_str().unwrap(), "--width-mm", "85", "-o", png.to_str().unwrap()]);
    let stderr = common::cli::stderr(&out);
    assert!(out.status.success(), "{stderr}");
    let overrides = Overrides { width_mm: Some((85.0, "--width-mm".into())), ..Overrides::default() };
    let spec = scenario_map_spec(Scenario::from_file(&path).unwrap(), None, overrides).unwrap();
    let (_, unlabelled) = compose_report(&spec).unwrap();
    assert!(!unlabelled.is_empty(), "an 85 mm map of Europe labels every capital?");
    for u in &unlabelled {
        let line = format!("not labelled: {} ({})", u.name, u.reason);
        assert!(stderr.lines().any(|l| l == line), "{line:?} not in stderr:\n{stderr}");
    }
}

/// Lithuania as Natural Earth 1:50m draws it, on the page.
fn lithuania_on_page(spec: &MapSpec) -> Vec<Vec<Coord>> {
    let lithuania = basemap::features(BaseLayer::Countries, Detail::Medium)
        .unwrap()
        .iter()
        .find(|f| f.name.as_deref() == Some("Lithuania"))
        .unwrap();
    lithuania
        .geometry
        .0
        .iter()
        .map(|p| p.exterior().0.iter().filter_map(|c| spec.frame.lonlat_to_page(*c)).collect())
        .collect()
}

#[test]
fn launch_area_names_stand_inside_their_area_or_over_water_never_over_lithuania() {
    let dir = tempfile::tempdir().unwrap();
    let path = belarus_scenario(dir.path(), &[]);
    for (width, overrides) in widths() {
        let spec = scenario_map_spec(Scenario::from_file(&path).unwrap(), None, overrides).unwrap();
        let (scene, unlabelled) = compose_report(&spec).unwrap();
        let lithuania: Vec<geo::Polygon> =
            lithuania_on_page(&spec).into_iter().map(|ring| geo::Polygon::new(ring.into(), vec![])).collect();
        let lithuania = MultiPolygon::new(lithuania);
        for name in ["Belarus", "Kaliningrad Oblast"] {
            let label =
                scene.layers.iter().filter(|l| l.id == "labels").flat_map(|l| &l.items).find_map(|item| match item {
                    Item::Text { x, y, text, size_px, bold, anchor, .. } if text == name => {
                        Some((*x, *y, *size_px, *bold, *anchor))
                    }
                    _ => None,
                });
            let Some((x, y, size, bold, anchor)) = label else {
                panic!("{width}: {name} not labelled: {unlabelled:?}");
            };
            let w = width_px(name, size, bold);
            let left = match anchor {
                reachmap::scene::Anchor::Start => x,
                reachmap::scene::Anchor::Middle => x - w / 2.0,
                reachmap::scene::Anchor::End => x - w,
            };
            for fx in [0.0, 0.25, 0.5, 0.75, 1.0] {
                for fy in [0.0, 0.5, 1.0] {
                    let p = Point::new(left + fx * w, y - 0.76 * size + fy * size);
                    assert!(!lithuania.contains(&p), "{width}: the name {name:?} lies over Lithuania at {p:?}");
                }
            }
        }
    }
}

/// The occupied Spratly features of the issue's PrSM question, as targets.
fn spratly_targets() -> Vec<Target> {
    [
        "Fiery Cross Reef",
        "Subi Reef",
        "Mischief Reef",
        "Cuarteron Reef",
        "Gaven Reefs",
        "Hughes Reef",
        "Johnson South Reef",
        "Thitu Island",
        "Second Thomas Shoal",
        "Itu Aba Island",
        "Sin Cowe Island",
        "Sand Cay",
        "Swallow Reef",
        "Mariveles Reef",
        "Amboyna Cay",
        "East London Reef",
    ]
    .into_iter()
    .map(|name| {
        let p = reachmap::strategic::find(name).unwrap().unwrap();
        Target { name: p.name.clone(), lon: p.lon, lat: p.lat, group: None }
    })
    .collect()
}

#[test]
fn every_target_has_its_own_marker_and_its_name_at_every_width() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/south-china-sea.toml");
    for (width, overrides) in widths() {
        let mut spec = scenario_map_spec(Scenario::from_file(&path).unwrap(), None, overrides).unwrap();
        spec.targets = spratly_targets();
        let (scene, unlabelled) = compose_report(&spec).unwrap();
        look_at(&scene, &format!("spratly-targets-{}", width.replace(' ', "")));
        let markers = scene
            .layers
            .iter()
            .filter(|l| l.id == "targets")
            .flat_map(|l| &l.items)
            .filter(|item| matches!(item, Item::Marker { symbol: Symbol::Target, .. }))
            .count();
        assert_eq!(markers, spec.targets.len(), "{width}: one target marker per target");
        let labels = texts(&scene, "labels");
        for site in &spec.sites {
            assert!(labels.contains(&site.name()), "{width}: the site {} lost its name to the targets", site.name());
        }
        let key = texts(&scene, "callouts").join(" ");
        for target in &spec.targets {
            let named = labels.contains(&target.name.as_str()) || key.contains(&target.name);
            assert!(named, "{width}: {} is not named (unlabelled: {unlabelled:?})", target.name);
        }
        assert!(unlabelled.iter().all(|u| !spec.targets.iter().any(|t| t.name == u.name)), "{width}: {unlabelled:?}");
    }
}

#[test]
fn a_target_off_the_map_is_reported() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/south-china-sea.toml");
    let mut spec = scenario_map_spec(Scenario::from_file(&path).unwrap(), None, Overrides::default()).unwrap();
    spec.targets = vec![Target { name: "Moscow".into(), lon: 37.62, lat: 55.75, group: None }];
    let (_, unlabelled) = compose_report(&spec).unwrap();
    assert!(unlabelled.iter().any(|u| u.name == "Moscow" && u.reason == "outside the map"), "{unlabelled:?}");
}

#[test]
fn a_regional_map_names_its_countries_and_seas() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/south-china-sea.toml");
    let spec = scenario_map_spec(Scenario::from_file(&path).unwrap(), None, Overrides::default()).unwrap();
    let (scene, _) = compose_report(&spec).unwrap();
    let names = texts(&scene, "region-names");
    for name in ["South China Sea", "Philippines", "Vietnam"] {
        assert!(names.contains(&name), "{name} not named: {names:?}");
    }
}

#[test]
fn every_sea_label_point_is_water() {
    let land = basemap::features(BaseLayer::Land, Detail::Medium).unwrap();
    for sea in reachmap::strategic::seas().unwrap() {
        let p = Point::new(sea.lon, sea.lat);
        assert!(!land.iter().any(|f| f.geometry.contains(&p)), "{}'s label point is on land", sea.name);
        assert!(!sea.source.is_empty());
    }
}

/// PrSM (499 km) and Tomahawk from Kadena, Hualien and Laoag: three small maps of one East Asia
/// frame, where a site's name, a 499 km circle and the capitals near it share little room.
fn east_asia_comparison(dir: &Path) -> std::path::PathBuf {
    let text = r#"title = "PrSM and Tomahawk from Okinawa, Taiwan and Luzon"
[map]
preset = "east-asia"
[[sites]]
name = "Kadena"
at = "26.35N 127.77E"
systems = ["prsm", "tomahawk"]
[[sites]]
name = "Hualien"
at = "23.98N 121.60E"
systems = ["prsm", "tomahawk"]
[[sites]]
name = "Laoag"
at = "18.18N 120.53E"
systems = ["prsm", "tomahawk"]
"#;
    let path = dir.join("east-asia-compare.toml");
    std::fs::write(&path, text).unwrap();
    path
}

/// The comparison figure says what each site's map leaves out, as `render` does for its one
/// map: every range's label and every capital within the site's 499 km (by Karney's distance)
/// is on that site's map or reported for it (`…, on Hualien's map`), and the command line
/// prints each report.
#[test]
fn the_comparison_figure_reports_what_each_sites_map_leaves_out() {
    let dir = tempfile::tempdir().unwrap();
    let path = east_asia_comparison(dir.path());
    let capitals = reachmap::places::capitals().unwrap();
    for width_mm in [120.0, 180.0] {
        let overrides = Overrides { width_mm: Some((width_mm, "--width-mm".into())), ..Overrides::default() };
        let (spec, frame) =
            reachmap::map::comparison_map_spec(Scenario::from_file(&path).unwrap(), None, overrides).unwrap();
        let index = reachmap::coverage::PlaceIndex::new(capitals.clone());
        let (scene, unlabelled) = reachmap::map::compare_figure_report(&spec, &frame, &index).unwrap();
        look_at(&scene, &format!("compare-east-asia-{width_mm}mm"));
        // Each panel's frame, in the sites' order; a text belongs to the panel it stands in.
        let panels: Vec<geo::Rect> = scene
            .layers
            .iter()
            .filter(|l| l.id == "frame")
            .filter_map(|l| {
                l.items.iter().find_map(|item| match item {
                    Item::Lines { lines, .. } => geo::BoundingRect::bounding_rect(lines),
                    _ => None,
                })
            })
            .collect();
        assert_eq!(panels.len(), 3, "one map per site");
        let on_panel = |layer: &str, panel: &geo::Rect| -> Vec<String> {
            scene
                .layers
                .iter()
                .filter(|l| l.id == layer)
                .flat_map(|l| &l.items)
                .filter_map(|item| match item {
                    Item::Text { x, y, text, .. }
                        if (panel.min().x..=panel.max().x).contains(x)
                            && (panel.min().y..=panel.max().y).contains(y) =>
                    {
                        Some(text.clone())
                    }
                    _ => None,
                })
                .collect()
        };
        for (site, panel) in spec.sites.iter().zip(&panels) {
            let suffix = format!(", on {}'s map", site.name());
            let reported = |name: &str| unlabelled.iter().any(|u| u.name == name && u.reason.ends_with(&suffix));
            let ranges = on_panel("ring-labels", panel);
            for label in ["499 km", "1,609 km", "2,500 km"] {
                assert!(
                    ranges.iter().any(|t| t == label) || reported(label),
                    "{width_mm} mm, {}: {label} neither on the map nor reported: {unlabelled:?}",
                    site.name()
                );
            }
            let places = on_panel("places", panel);
            let at = geo::Point::new(site.lon_deg(), site.lat_deg());
            for capital in &capitals {
                let near = reachmap::geodesy::distance_m(at, geo::Point::new(capital.lon, capital.lat)) < 499_000.0;
                if near {
                    assert!(
                        places.contains(&capital.name) || reported(&capital.name),
                        "{width_mm} mm, {}: {} within 499 km, left out silently: {unlabelled:?}",
                        site.name(),
                        capital.name
                    );
                }
            }
        }
        assert!(
            unlabelled
                .iter()
                .all(|u| spec.sites.iter().any(|s| u.reason.ends_with(&format!(", on {}'s map", s.name()))))
        );
    }
    // The command line prints them.
    let png = dir.path().join("compare.png");
    let out = common::cli::reachmap(&[
        "compare",
        path.to_str().unwrap(),
        "--places",
        "capitals",
        "--width-mm",
        "120",
        "--figure",
        png.to_str().unwrap(),
    ]);
    let stderr = common::cli::stderr(&out);
    assert!(out.status.success(), "{stderr}");
    let overrides = Overrides { width_mm: Some((120.0, "--width-mm".into())), ..Overrides::default() };
    let (spec, frame) =
        reachmap::map::comparison_map_spec(Scenario::from_file(&path).unwrap(), None, overrides).unwrap();
    let index = reachmap::coverage::PlaceIndex::new(capitals);
    let (_, unlabelled) = reachmap::map::compare_figure_report(&spec, &frame, &index).unwrap();
    assert!(!unlabelled.is_empty(), "three 120 mm East Asia maps label everything?");
    for u in &unlabelled {
        let line = format!("not labelled: {} ({})", u.name, u.reason);
        assert!(stderr.lines().any(|l| l == line), "{line:?} not in stderr:\n{stderr}");
    }
}

/// A site beyond the frame still has its rings drawn where they cross it: the reader must learn
/// where they come from. The DF-26 from Pyongyang (125.75° E) on the Europe frame, beside
/// Kaliningrad's 9M729: Pyongyang is reported outside the map, Kaliningrad is not.
#[test]
fn a_site_off_the_map_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("map.svg");
    let out = common::cli::reachmap(&[
        "render",
        "--site",
        "Pyongyang",
        "--site",
        "Kaliningrad=54.71,20.51",
        "--system",
        "df-26",
        "--preset",
        "europe",
        "-o",
        svg.to_str().unwrap(),
    ]);
    let stderr = common::cli::stderr(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.lines().any(|l| l == "not labelled: Pyongyang (site outside the map)"), "{stderr}");
    assert!(!stderr.contains("Kaliningrad ("), "{stderr}");
    // Its rings do cross the map: the DF-26's 4,000 km from Pyongyang reaches past 70° E.
    assert!(std::fs::read_to_string(&svg).unwrap().contains("data-site=\"Pyongyang\""));
}

/// The scale bar's figures are not ranges: a place left out for want of room near the bar is
/// said to be under it or beside it, never "beside 2,000 km", which reads as a range's label.
/// Murmansk's 5,500 km on a polar map 600 px wide, whose scale bar covers the Mediterranean.
#[test]
fn a_place_left_out_by_the_scale_bar_is_said_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("murmansk.toml");
    std::fs::write(
        &path,
        r#"[map]
proj = "+proj=laea +lat_0=90 +lon_0=0"
extent_lonlat = [-180, 30, 180, 90]
width_px = 600
[[sites]]
name = "Murmansk"
at = "68.97N 33.08E"
[[bands]]
min_km = 500
max_km = 1000
[[bands]]
max_km = 5500
"#,
    )
    .unwrap();
    let spec = scenario_map_spec(Scenario::from_file(&path).unwrap(), None, Overrides::default()).unwrap();
    let (scene, unlabelled) = compose_report(&spec).unwrap();
    look_at(&scene, "murmansk-polar-600px");
    let bar = scene.layers.iter().find(|l| l.id == "scale-bar").expect("a scale bar");
    let figures: Vec<&str> = bar
        .items
        .iter()
        .filter_map(|i| if let Item::Text { text, .. } = i { Some(text.as_str()) } else { None })
        .collect();
    assert!(figures.iter().any(|t| t.ends_with("km")), "{figures:?}");
    let bounds = bar
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Area { shape, .. } => geo::BoundingRect::bounding_rect(shape),
            _ => None,
        })
        .reduce(|a, b| {
            geo::Rect::new(
                (a.min().x.min(b.min().x), a.min().y.min(b.min().y)),
                (a.max().x.max(b.max().x), a.max().y.max(b.max().y)),
            )
        })
        .expect("the bar's boxes");
    let mut under = 0;
    for u in &unlabelled {
        for figure in &figures {
            assert_ne!(u.reason, format!("no room beside {figure}"), "{u:?}");
        }
        if u.reason == "under the scale bar" {
            under += 1;
            let place = spec.places.iter().find(|p| p.name == u.name).unwrap();
            let p = spec.frame.lonlat_to_page(Coord { x: place.lon, y: place.lat }).unwrap();
            // Within the bar's boxes, or its figures' text beside them.
            assert!(
                bounds.min().x - 40.0 <= p.x && p.x <= bounds.max().x + 40.0 && bounds.min().y - 40.0 <= p.y,
                "{} at {p:?}, the bar at {bounds:?}",
                u.name
            );
        }
    }
    assert!(under > 0, "the bar covers the Mediterranean's capitals: {unlabelled:?}");
}

/// The bounds of every item of a layer that is drawn as a box (the key's frame and swatches, the
/// scale bar's box and bar), if the layer has any.
fn boxes_of(scene: &Scene, layer: &str) -> Vec<geo::Rect> {
    scene
        .layers
        .iter()
        .filter(|l| l.id == layer)
        .flat_map(|l| &l.items)
        .filter_map(|item| match item {
            Item::Area { shape, .. } => geo::BoundingRect::bounding_rect(shape),
            Item::Lines { lines, .. } => geo::BoundingRect::bounding_rect(lines),
            _ => None,
        })
        .collect()
}

/// No star is hidden: the key and the scale bar, drawn over the map, stand clear of every site's
/// star — a sweep's best sites among them, which at 600 px across Estonia fell under the scale
/// bar in the south-east corner — and of a site where the key would stand (Rabat, in the Europe
/// frame's lower left).
#[test]
fn the_key_and_the_scale_bar_never_cover_a_star() {
    let dir = tempfile::tempdir().unwrap();
    let estonia = common::maps::capitals_sweep(dir.path(), "Estonia", "9m729", 600);
    let rabat = dir.path().join("rabat.toml");
    std::fs::write(
        &rabat,
        "[map]\npreset = \"europe\"\nwidth_mm = 120\n[[sites]]\nname = \"Rabat\"\nat = \"34.01N 6.83W\"\n[[bands]]\nmax_km = 300\n[[bands]]\nmax_km = 500\n[[bands]]\nmax_km = 800\n[[bands]]\nmax_km = 1000\n",
    )
    .unwrap();
    for path in [estonia, rabat] {
        let (spec, scene) = common::maps::scenario_map(&path);
        look_at(&scene, path.file_stem().unwrap().to_str().unwrap());
        let stars: Vec<Coord> = scene
            .layers
            .iter()
            .filter(|l| l.id == "sites")
            .flat_map(|l| &l.items)
            .filter_map(|item| match item {
                Item::Marker { x, y, symbol: Symbol::Star, .. } => Some(Coord { x: *x, y: *y }),
                _ => None,
            })
            .collect();
        assert_eq!(stars.len(), spec.sites.len(), "{path:?}: every site on the page has its star");
        let furniture = [boxes_of(&scene, "scale-bar"), boxes_of(&scene, "legend")].concat();
        assert!(!furniture.is_empty(), "{path:?}");
        for star in &stars {
            for b in &furniture {
                let inside = b.min().x <= star.x && star.x <= b.max().x && b.min().y <= star.y && star.y <= b.max().y;
                assert!(!inside, "{path:?}: the star at {star:?} lies under {b:?}");
            }
        }
    }
}

/// The sweep's key fits its page: at 600 px its line for the stars ("The best 5 sites at least
/// 29 km apart: rank and value") ran past the key's box and was cut at the page's edge. Every
/// text of the key lies within the key's box and the page.
#[test]
fn the_sweep_key_fits_a_narrow_page() {
    let dir = tempfile::tempdir().unwrap();
    let (spec, scene) = common::maps::scenario_map(&common::maps::capitals_sweep(dir.path(), "Estonia", "9m729", 600));
    let key = scene.layers.iter().find(|l| l.id == "legend").unwrap();
    let frame = key
        .items
        .iter()
        .find_map(|item| match item {
            Item::Area { shape, .. } => geo::BoundingRect::bounding_rect(shape),
            _ => None,
        })
        .expect("the key's box");
    let page_w = f64::from(spec.frame.width_px);
    assert!(frame.max().x <= page_w, "the key's box {frame:?} on a page {page_w} px wide");
    let mut texts = 0;
    for item in &key.items {
        if let Item::Text { x, y, text, size_px, bold, anchor, .. } = item {
            texts += 1;
            let w = width_px(text, *size_px, *bold);
            let left = match anchor {
                reachmap::scene::Anchor::Start => *x,
                reachmap::scene::Anchor::Middle => x - w / 2.0,
                reachmap::scene::Anchor::End => x - w,
            };
            assert!(left >= frame.min().x && left + w <= frame.max().x, "{text:?} runs out of the key {frame:?}");
            assert!(*y <= frame.max().y, "{text:?} below the key");
        }
    }
    assert!(texts > 3);
}

/// A launch area's name set beside it is joined by a leader that runs through no other name
/// where it can: North Korea's ran through "Pyongyang", whose label it struck out and seemed to
/// point at. The DF-26 from North Korea on the East Asia frame at 120 mm: no leader in the labels
/// layer crosses a place's name.
#[test]
fn a_launch_areas_leader_crosses_no_name() {
    let out_dir = tempfile::tempdir().unwrap();
    let path = out_dir.path().join("north-korea.toml");
    std::fs::write(
        &path,
        "[map]\npreset = \"east-asia\"\nwidth_mm = 120\n[[areas]]\nname = \"North Korea\"\ncountry = \"North Korea\"\nsystems = [\"df-26\"]\n",
    )
    .unwrap();
    let spec = scenario_map_spec(Scenario::from_file(&path).unwrap(), None, Overrides::default()).unwrap();
    let scene = compose_report(&spec).unwrap().0;
    look_at(&scene, "north-korea");
    let names: Vec<(String, geo::Rect)> = scene
        .layers
        .iter()
        .filter(|l| l.id == "places")
        .flat_map(|l| &l.items)
        .filter_map(|item| match item {
            Item::Text { x, y, text, size_px, bold, anchor, .. } => {
                let w = width_px(text, *size_px, *bold);
                let left = match anchor {
                    reachmap::scene::Anchor::Start => *x,
                    reachmap::scene::Anchor::Middle => x - w / 2.0,
                    reachmap::scene::Anchor::End => x - w,
                };
                Some((text.clone(), geo::Rect::new((left, y - 0.76 * size_px), (left + w, y + 0.24 * size_px))))
            }
            _ => None,
        })
        .collect();
    assert!(names.iter().any(|(n, _)| n == "Pyongyang"), "Pyongyang is labelled");
    let leaders: Vec<&geo::LineString> = scene
        .layers
        .iter()
        .filter(|l| l.id == "labels")
        .flat_map(|l| &l.items)
        .filter_map(|item| match item {
            Item::Lines { lines, .. } => Some(lines.0.iter()),
            _ => None,
        })
        .flatten()
        .collect();
    assert!(!leaders.is_empty(), "North Korea's name stands beside it, with a leader");
    for leader in leaders {
        let (a, b) = (leader[0], leader[leader.0.len() - 1]);
        for k in 0..=200 {
            let f = f64::from(k) / 200.0;
            let p = Coord { x: a.x + f * (b.x - a.x), y: a.y + f * (b.y - a.y) };
            for (name, r) in &names {
                let inside = r.min().x < p.x && p.x < r.max().x && r.min().y < p.y && p.y < r.max().y;
                assert!(!inside, "the leader {a:?}-{b:?} runs through {name:?}");
            }
        }
    }
}
