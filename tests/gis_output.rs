//! Figures and files a GIS or a designer opens cleanly: the SVG's printed size and the `id` and
//! `data-*` attributes of every range path (read with an XML parser), standard input for
//! `--area` and `--places`, `rings --multipolygon` (one geometry type, RFC 7946-valid) and
//! `rings --clip-lat` (every vertex within the bound; inside exactly where the geodesic distance
//! is within range and the latitude within the bound, on random points by Karney's distances).

use crate::common;

use std::io::Write;
use std::process::{Output, Stdio};

use common::cli::{assert_refusal, assert_success, command, reachmap, stderr, stdout};
use geo::{Contains, MultiPolygon, Point};
use reachmap::geodesy::distance_m;

/// Runs `reachmap args` with `input` piped to its standard input.
fn with_stdin(args: &[&str], input: &str) -> Output {
    let mut child =
        command().args(args).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    if let Err(e) = child.stdin.take().unwrap().write_all(input.as_bytes()) {
        // A run refused before it reads its input (standard input named twice) may have
        // exited, closing the pipe, before the input is written.
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "writing to standard input: {e}");
    }
    child.wait_with_output().unwrap()
}

/// A launch area south of Taiwan's Strait, as GeoJSON.
const AREA: &str = r#"{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[119.5,23.0],[120.5,23.0],[120.5,24.0],[119.5,24.0],[119.5,23.0]]]}}"#;

#[test]
fn svg_sized_in_mm_names_every_range_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    std::fs::write(path("area.geojson"), AREA).unwrap();
    let (svg, png, pdf) = (path("map.svg"), path("map.png"), path("map.pdf"));
    let area = format!("Strait={}", path("area.geojson"));
    let args = [
        "render",
        "--preset",
        "east-asia",
        "--site",
        "Guam=13.44,144.79",
        "--site",
        "Kadena=26.35,127.77",
        "--range-km",
        "5500",
        "--band",
        "500:1000",
        "--system",
        "9m729",
        "--area",
        &area,
        "--width-mm",
        "180",
        "--dpi",
        "100",
        "-o",
        &svg,
        "-o",
        &png,
        "-o",
        &pdf,
    ];
    assert_success(&reachmap(&args));
    let text = std::fs::read_to_string(&svg).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    let root = doc.root_element();
    // 180 mm at 100 dpi is 709 px: the view box in pixels, the size in millimetres.
    let view_box: Vec<f64> = root.attribute("viewBox").unwrap().split(' ').map(|v| v.parse().unwrap()).collect();
    assert_eq!(view_box[..3], [0.0, 0.0, 709.0]);
    assert_eq!(root.attribute("width"), Some("180mm"));
    let height_mm: f64 = root.attribute("height").unwrap().strip_suffix("mm").unwrap().parse().unwrap();
    assert!((height_mm - 180.0 * view_box[3] / 709.0).abs() < 0.006, "{height_mm} mm for {view_box:?}");
    // The PNG is drawn at the view box's pixels, the PDF's page is 180 mm (510.24 pt) wide.
    let png_bytes = std::fs::read(&png).unwrap();
    let info = png::Decoder::new(std::io::Cursor::new(&png_bytes)).read_info().unwrap().info().clone();
    assert_eq!((f64::from(info.width), f64::from(info.height)), (view_box[2], view_box[3]));
    let pdf_text = String::from_utf8_lossy(&std::fs::read(&pdf).unwrap()).into_owned();
    assert!(pdf_text.contains("/MediaBox [0 0 510.2"), "{}", &pdf_text[..pdf_text.find("/MediaBox").unwrap() + 40]);

    // No empty group; ids unique in the document.
    for g in doc.descendants().filter(|n| n.has_tag_name("g")) {
        assert!(g.children().any(|c| c.is_element()), "empty group {:?}", g.attribute("id"));
    }
    let ids: Vec<&str> = doc.descendants().filter_map(|n| n.attribute("id")).collect();
    let unique: std::collections::BTreeSet<&&str> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "repeated ids");

    // Every path of the ranges' layers says what it is.
    let mut seen = std::collections::BTreeSet::new();
    for layer in ["bands", "rings"] {
        let g = doc.descendants().find(|n| n.attribute("id") == Some(layer)).unwrap_or_else(|| panic!("no {layer}"));
        for path in g.children().filter(|n| n.has_tag_name("path")) {
            let id = path.attribute("id").unwrap_or_else(|| panic!("a path in {layer} without an id"));
            let data = |name: &str| path.attribute(format!("data-{name}").as_str());
            let origin = match (data("site"), data("area")) {
                (Some(site), None) => site,
                (None, Some(area)) => area,
                other => panic!("{id}: data-site or data-area, not {other:?}"),
            };
            assert!(["Guam", "Kadena", "Strait"].contains(&origin), "{id}: {origin}");
            let number = |name: &str| data(name).map(|v| v.parse::<f64>().unwrap());
            let reach =
                match (number("range-km"), number("min-km"), number("max-km"), number("low-km"), number("high-km")) {
                    (Some(r), None, None, None, None) => format!("range {r}"),
                    (None, Some(min), Some(max), None, None) => format!("band {min}-{max}"),
                    (None, None, None, Some(low), Some(high)) if low < high => format!("estimate {low}-{high}"),
                    other => panic!("{id}: one kind of figure, not {other:?}"),
                };
            // The catalog's 9M729 is the one estimate; its paths name the system.
            assert_eq!(data("system").is_some(), reach.starts_with("estimate"), "{id}");
            if let Some(system) = data("system") {
                assert!(system.starts_with("9M729"), "{id}: {system}");
            }
            assert!(matches!(data("part"), Some("fill" | "outline")), "{id}: {:?}", data("part"));
            if data("part") == Some("outline") {
                assert!(number("limit-km").is_some(), "{id}");
            }
            seen.insert((origin.to_string(), reach));
        }
    }
    for origin in ["Guam", "Kadena", "Strait"] {
        for reach in ["range 5500", "band 500-1000"] {
            assert!(seen.contains(&(origin.to_string(), reach.to_string())), "no {origin} {reach} in {seen:?}");
        }
        assert!(seen.iter().any(|(o, r)| o == origin && r.starts_with("estimate")), "no {origin} 9M729");
    }
    // Ids read as what they show.
    for id in ["range-guam-5500km", "band-kadena-500-1000km", "band-kadena-500-1000km-inner", "range-strait-5500km"] {
        assert!(ids.contains(&id), "no {id} among {ids:?}");
    }
    let area = doc.descendants().find(|n| n.attribute("id") == Some("area-strait")).expect("the area's own shape");
    assert_eq!(area.attribute("data-area"), Some("Strait"));

    // A page sized in pixels keeps its size in pixels.
    let px_svg = path("px.svg");
    assert_success(&reachmap(&[
        "render",
        "--site",
        "Guam=13.44,144.79",
        "--range-km",
        "500",
        "--width-px",
        "400",
        "-o",
        &px_svg,
    ]));
    let px_text = std::fs::read_to_string(&px_svg).unwrap();
    let px_doc = roxmltree::Document::parse(&px_text).unwrap();
    assert_eq!(px_doc.root_element().attribute("width"), Some("400"));
}

#[test]
fn an_area_and_places_read_from_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("area.geojson");
    std::fs::write(&file, AREA).unwrap();
    let from_file = stdout(&reachmap(&["rings", "--area", &format!("Strait={}", file.display()), "--range-km", "500"]));
    let from_stdin = with_stdin(&["rings", "--area", "Strait=-", "--range-km", "500"], AREA);
    assert_success(&from_stdin);
    assert_eq!(String::from_utf8(from_stdin.stdout).unwrap(), from_file);

    // Berlin is 529.3 km from Kaliningrad, Paris 1,420 km: within 1,000 km, only Berlin.
    let csv = "name,lat,lon,population\nBerlin,52.52,13.405,3600000\nParis,48.857,2.352,2100000\n";
    let geojson = r#"{"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"name":"Berlin","population":3600000},"geometry":{"type":"Point","coordinates":[13.405,52.52]}},
        {"type":"Feature","properties":{"name":"Paris","population":2100000},"geometry":{"type":"Point","coordinates":[2.352,48.857]}}]}"#;
    let reach = [
        "reach",
        "--site",
        "Kaliningrad=54.71,20.51",
        "--range-km",
        "1000",
        "--places",
        "-",
        "--no-land",
        "--format",
        "json",
    ];
    for input in [csv, geojson] {
        let out = with_stdin(&reach, input);
        assert_success(&out);
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let text = json.to_string();
        assert!(text.contains("Berlin") && !text.contains("Paris"), "{text}");
        assert!(text.contains("standard input"), "the totals say what they count: {text}");
    }

    // Nothing piped in, or not GeoJSON or CSV: refused, naming standard input.
    assert_refusal(
        &reachmap(&["rings", "--area", "Strait=-", "--range-km", "500"]),
        2,
        &["standard input", "nothing was read"],
        &"empty area",
    );
    assert_refusal(
        &with_stdin(&["rings", "--area", "Strait=-", "--range-km", "500"], "[1, 2"),
        2,
        &["--area Strait (standard input)", "not GeoJSON"],
        &"bad area",
    );
    assert_refusal(&reachmap(&reach), 2, &["standard input", "nothing was read"], &"empty places");
    assert_refusal(&with_stdin(&reach, "name,lat\nBerlin,52.52\n"), 2, &["standard input"], &"bad places");
    // Standard input is read once.
    let twice = ["rings", "--area", "A=-", "--area", "B=-", "--range-km", "500"];
    assert_refusal(&with_stdin(&twice, AREA), 2, &["--area", "B=-", "read once"], &"two areas");
    let both = ["reach", "--area", "A=-", "--range-km", "500", "--places", "-"];
    assert_refusal(&with_stdin(&both, AREA), 2, &["--places", "read once"], &"area and places");
}

/// Sites whose rings cross 180° (Anadyr), contain the North Pole (Kaliningrad at 5,500 km,
/// Svalbard at every range), or both.
const POLAR: [&str; 6] =
    ["--site", "Kaliningrad=54.71,20.51", "--site", "Anadyr=64.73,177.51", "--site", "Svalbard=78.22,15.65"];

fn regions(geojson: &str) -> Vec<(serde_json::Value, geojson::Geometry)> {
    let collection: geojson::FeatureCollection = geojson.parse().unwrap();
    collection
        .features
        .into_iter()
        .map(|f| (serde_json::Value::Object(f.properties.unwrap()), f.geometry.unwrap()))
        .collect()
}

#[test]
fn multipolygon_writes_one_geometry_type_valid_under_rfc_7946() {
    let mut args = vec!["rings", "--range-km", "500,5500", "--band", "500:1000", "--system", "9m729", "--multipolygon"];
    args.extend_from_slice(&POLAR);
    let features = regions(&stdout(&reachmap(&args)));
    // Per site: two ranges, the band, the 9M729's two zones.
    assert_eq!(features.len(), 3 * 5);
    for (properties, geometry) in &features {
        let geojson::GeometryValue::MultiPolygon { .. } = &geometry.value else {
            panic!("{}: {:?}", properties["label"], geometry.value.type_name())
        };
        common::assert_rfc7946(&multipolygon(geometry), properties["label"].as_str().unwrap());
    }
    // Without the option the same run mixes Polygons (most) and MultiPolygons (across 180°).
    args.retain(|a| *a != "--multipolygon");
    let kinds: std::collections::BTreeSet<&str> = regions(&stdout(&reachmap(&args)))
        .iter()
        .map(|(_, g)| g.value.type_name())
        .collect::<Vec<_>>()
        .into_iter()
        .collect();
    assert_eq!(kinds.into_iter().collect::<Vec<_>>(), ["MultiPolygon", "Polygon"]);
}

/// A Polygon or MultiPolygon as a MultiPolygon.
fn multipolygon(geometry: &geojson::Geometry) -> MultiPolygon {
    match geo::Geometry::<f64>::try_from(geometry.clone()).unwrap() {
        geo::Geometry::Polygon(p) => MultiPolygon::new(vec![p]),
        geo::Geometry::MultiPolygon(m) => m,
        other => panic!("not a region: {other:?}"),
    }
}

/// A small xorshift generator: the same points on every run.
struct Rng(u64);

impl Rng {
    fn unit(&mut self) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[test]
fn clip_lat_bounds_every_region_and_keeps_inside_exact() {
    const CLIP: f64 = 85.05;
    let mut args = vec!["rings", "--range-km", "1000,5500", "--band", "500:3000", "--clip-lat", "85.05"];
    args.extend_from_slice(&POLAR);
    let features = regions(&stdout(&reachmap(&args)));
    assert_eq!(features.len(), 3 * 3);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut checked, mut inside_count) = (0, 0);
    for (properties, geometry) in &features {
        let label = properties["label"].as_str().unwrap();
        let region = multipolygon(geometry);
        common::assert_rfc7946(&region, label);
        for c in region.0.iter().flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors())).flat_map(|r| &r.0) {
            assert!(c.y.abs() <= CLIP, "{label}: vertex {c:?} beyond ±{CLIP}°");
        }
        let site = Point::new(properties["lon"].as_f64().unwrap(), properties["lat"].as_f64().unwrap());
        let (min_m, max_m) = match (properties.get("range_km"), properties.get("min_km")) {
            (Some(r), _) => (0.0, r.as_f64().unwrap() * 1e3),
            (None, Some(min)) => (min.as_f64().unwrap() * 1e3, properties["max_km"].as_f64().unwrap() * 1e3),
            _ => panic!("{label}: no figures"),
        };
        // Half the probes anywhere on the globe, half poleward of 75°, where the clip bites.
        for k in 0..4_000 {
            let lon = -180.0 + 360.0 * rng.unit();
            let lat = if k % 2 == 0 {
                (2.0 * rng.unit() - 1.0).asin().to_degrees()
            } else {
                (75.0 + 15.0 * rng.unit()).copysign(if rng.unit() < 0.9 { 1.0 } else { -1.0 })
            };
            let p = Point::new(lon, lat);
            let d = distance_m(site, p);
            // Within the tolerance (10 m, and 0.1 m of rounding) of a circle, or on the clip
            // parallel, either answer is right.
            let near_circle = (d - max_m).abs() < 20.0 || (min_m > 0.0 && (d - min_m).abs() < 20.0);
            if near_circle || (lat.abs() - CLIP).abs() < 1e-6 {
                continue;
            }
            let truth = d >= min_m && d < max_m && lat.abs() <= CLIP;
            assert_eq!(region.contains(&p), truth, "{label}: ({lon}, {lat}) at {d:.0} m");
            checked += 1;
            inside_count += usize::from(truth);
        }
    }
    assert!(checked > 35_000 && inside_count > 5_000, "{checked} probes, {inside_count} inside");

    // A ring wholly beyond the bound is left out, with a note.
    let out = reachmap(&["rings", "--site", "Pole=89.5,0", "--range-km", "100", "--clip-lat", "85.05"]);
    let features = regions(&stdout(&out));
    assert!(features.is_empty());
    assert!(stderr(&out).contains("left out"), "{}", stderr(&out));
    for bad in ["0", "90", "-5", "x"] {
        let out = reachmap(&["rings", "--site", "Pole=89.5,0", "--range-km", "100", "--clip-lat", bad]);
        assert_refusal(&out, 2, &["--clip-lat", bad], &bad);
    }
    let out = reachmap(&["rings", "--site", "Pole=89.5,0", "--range-km", "100", "--clip-lat", "85", "--format", "kml"]);
    assert_refusal(&out, 2, &["--clip-lat", "GeoJSON"], &"kml");
}

#[test]
fn clip_lat_at_web_mercators_edge_stays_within_it_once_written() {
    // Web Mercator ends at atan(sinh π) = 85.0511287798066°. Clipped there and written to 6
    // decimals, the parallel's vertices rounded to 85.051129°, 0.25 m beyond the edge; clipped
    // at 85.0511287798066 they must all be at most that, at 6 decimals and at 3.
    let edge = std::f64::consts::PI.sinh().atan().to_degrees();
    let bound = format!("{edge}");
    for precision in ["6", "3"] {
        let mut args = vec!["rings", "--range-km", "5500", "--clip-lat", &bound, "--precision", precision];
        args.extend_from_slice(&POLAR);
        for (properties, geometry) in regions(&stdout(&reachmap(&args))) {
            let region = multipolygon(&geometry);
            let top = region.0.iter().flat_map(|p| &p.exterior().0).map(|c| c.y.abs()).fold(0.0, f64::max);
            assert!(top <= edge, "{}: a vertex at {top}° at {precision} decimals, beyond {edge}°", properties["label"]);
            assert!(
                top > edge - 10f64.powi(-precision.parse::<i32>().unwrap()),
                "{}: clipped at {top}°",
                properties["label"]
            );
        }
    }
}
