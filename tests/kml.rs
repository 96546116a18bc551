//! KML and KMZ: edges within the tolerance read both ways a reader may draw them (straight in
//! lon/lat as GIS does, along the great circle as Google Earth does), measured with Karney's
//! distances; the document's Placemarks, names, properties and colours against the GeoJSON of
//! the same ranges; cut edges never stroked; the same bytes on every run.

use crate::common;

use common::cli::{assert_refusal, assert_success, reachmap, stdout};
use common::{assert_rfc7946, circle_edges};
use geo::Point;
use reachmap::geodesy::{destination, distance_m, inverse};
use reachmap::{Radius, Reach, Site, Tolerance};

/// The largest |distance from the site − the nearest radius| (metres: exactly how far the point
/// lies from that circle) over points at eighths of every circle edge, read three ways:
/// straight in lon/lat, along the ellipsoid's geodesic between the edge's ends (GeographicLib's
/// inverse and direct), and along the great circle through them on a sphere.
fn worst_readings_m(region: &geo::MultiPolygon, site: Point, radii_m: &[f64]) -> [f64; 3] {
    let off = |q: Point| radii_m.iter().map(|r| (distance_m(site, q) - r).abs()).fold(f64::INFINITY, f64::min);
    let mut worst = [0.0f64; 3];
    for (a, b) in circle_edges(region) {
        let (pa, pb) = (Point::from(a), Point::from(b));
        let (length_m, azimuth) = inverse(pa, pb);
        for k in 1..8 {
            let f = k as f64 / 8.0;
            let straight = Point::new(a.x + (b.x - a.x) * f, a.y + (b.y - a.y) * f);
            let geodesic = destination(pa, azimuth, length_m * f);
            worst[0] = worst[0].max(off(straight));
            worst[1] = worst[1].max(off(geodesic));
            worst[2] = worst[2].max(off(common::slerp(a, b, f)));
        }
    }
    worst
}

#[test]
fn edges_for_kml_stay_within_the_tolerance_straight_and_as_great_circles() {
    // High latitudes (where the two readings part most), rings around a pole and across 180°,
    // the southern hemisphere and the equator.
    let sites = [
        ("Kaliningrad", 54.71, 20.51),
        ("Anadyr", 64.73, 177.51),
        ("Alert", 82.5, -62.3),
        ("Guam", 13.44, 144.79),
        ("McMurdo", -77.85, 166.67),
        ("Equator", 0.0, -30.0),
    ];
    let mut worst_plain_great_circle: f64 = 0.0;
    for (name, lat, lon) in sites {
        let site = Site::new(name, lat, lon).unwrap();
        for km in [300.0, 2_500.0, 5_500.0, 12_000.0] {
            let radius = Radius::from_km(km, "r").unwrap();
            for metres in [10.0, 100.0] {
                let tolerance = Tolerance::from_m(metres, "t").unwrap();
                let region = Reach::Within(radius).region(&site, tolerance.with_great_circles());
                let what = format!("{name} {km} km at {metres} m");
                assert_rfc7946(&region, &what);
                let [straight, geodesic, great_circle] = worst_readings_m(&region, site.point(), &[radius.meters()]);
                // 1 mm for the vertices' own error and the rounding of the probes.
                let limit = metres + 1e-3;
                assert!(straight <= limit, "{what}: straight in lon/lat {straight:.3} m");
                assert!(geodesic <= limit, "{what}: along the geodesic {geodesic:.3} m");
                assert!(great_circle <= limit, "{what}: along the great circle {great_circle:.3} m");
                let plain = Reach::Within(radius).region(&site, tolerance);
                let plain_great_circle = worst_readings_m(&plain, site.point(), &[radius.meters()])[2];
                worst_plain_great_circle = worst_plain_great_circle.max(plain_great_circle / metres);
                eprintln!(
                    "{what}: vertices {} (GeoJSON {}); worst straight {straight:.2} m, geodesic {geodesic:.2} m, great circle {great_circle:.2} m; GeoJSON's edges as great circles {plain_great_circle:.1} m",
                    common::vertex_count(&region),
                    common::vertex_count(&plain)
                );
            }
        }
    }
    // Without the great-circle judgement the same edges stray far beyond the tolerance when a
    // globe draws them (measured: 834 m at 10 m, Alert's 2,500 km ring), which is what the
    // densification is for.
    assert!(worst_plain_great_circle > 20.0, "{worst_plain_great_circle}");
}

#[test]
fn band_edges_for_kml_hold_both_ways_on_both_circles() {
    let site = Site::new("Kaliningrad", 54.71, 20.51).unwrap();
    let km = |v| Radius::from_km(v, "r").unwrap();
    let band = Reach::band(km(500.0), km(5_500.0), "b").unwrap();
    let region = band.region(&site, Tolerance::DEFAULT.with_great_circles());
    assert_rfc7946(&region, "band");
    let worst = worst_readings_m(&region, site.point(), &[500_000.0, 5_500_000.0]);
    assert!(worst.iter().all(|&w| w <= 10.001), "{worst:?}");
}

/// A tiny reader for the KML we write: each Placemark's name, style and ExtendedData, and its
/// polygons' and lines' coordinates.
#[derive(Debug, Default)]
struct Placemark {
    name: String,
    style: String,
    data: Vec<(String, String)>,
    polygons: Vec<Vec<Vec<[f64; 2]>>>,
    lines: Vec<Vec<[f64; 2]>>,
}

fn between<'a>(text: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    text.split(open).skip(1).filter_map(|s| s.split_once(close).map(|(inner, _)| inner)).collect()
}

fn coordinates(text: &str) -> Vec<[f64; 2]> {
    text.split_whitespace()
        .map(|pair| {
            let (x, y) = pair.split_once(',').unwrap();
            [x.parse().unwrap(), y.parse().unwrap()]
        })
        .collect()
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

fn placemarks(kml: &str) -> Vec<Placemark> {
    between(kml, "<Placemark>", "</Placemark>")
        .into_iter()
        .map(|p| Placemark {
            name: unescape(between(p, "<name>", "</name>")[0]),
            style: between(p, "<styleUrl>#", "</styleUrl>")[0].to_string(),
            data: between(p, "<SimpleData name=\"", "</SimpleData>")
                .into_iter()
                .map(|d| {
                    let (key, value) = d.split_once("\">").unwrap();
                    (unescape(key), unescape(value))
                })
                .collect(),
            polygons: between(p, "<Polygon>", "</Polygon>")
                .into_iter()
                .map(|poly| between(poly, "<coordinates>", "</coordinates>").into_iter().map(coordinates).collect())
                .collect(),
            lines: between(p, "<LineString>", "</LineString>")
                .into_iter()
                .map(|l| coordinates(between(l, "<coordinates>", "</coordinates>")[0]))
                .collect(),
        })
        .collect()
}

#[test]
fn rings_as_kml_carry_the_geojson_properties_labels_and_map_colours() {
    let dir = tempfile::tempdir().unwrap();
    let (kml_path, json_path) = (dir.path().join("rings.kml"), dir.path().join("rings.geojson"));
    let args = |out: &std::path::Path| {
        vec![
            "rings".to_string(),
            "--site".into(),
            "Kaliningrad=54.71,20.51".into(),
            "--site".into(),
            "Anadyr=64.73,177.51".into(),
            "--system".into(),
            "9m729".into(),
            "--range-km".into(),
            "5500".into(),
            "--band".into(),
            "500:1000".into(),
            "-o".into(),
            out.to_str().unwrap().into(),
        ]
    };
    assert_success(&reachmap(&args(&kml_path)));
    assert_success(&reachmap(&args(&json_path)));
    let kml = std::fs::read_to_string(&kml_path).unwrap();
    let collection: geojson::FeatureCollection = std::fs::read_to_string(&json_path).unwrap().parse().unwrap();
    assert!(
        kml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\">")
    );

    let marks = placemarks(&kml);
    let (sites, rest) = marks.split_at(2);
    // The regions, then the same ranges' outlines: polygons and lines never in one placemark.
    let (ranges, outlines) = rest.split_at(rest.len() / 2);
    assert_eq!(sites[0].name, "Kaliningrad");
    assert!(kml.contains("<Point><coordinates>20.51,54.71</coordinates></Point>"));
    assert_eq!(sites[1].name, "Anadyr");
    // One Placemark per GeoJSON feature (the 9M729's two zones, the range, the band; per
    // site), named by its label, with every property as ExtendedData, as the GeoJSON prints it.
    assert_eq!(ranges.len(), collection.features.len());
    assert_eq!(ranges.len(), 8);
    assert!(kml.contains("<Folder>\n<name>Ranges</name>") && kml.contains("<Folder>\n<name>Range outlines</name>"));
    for (mark, outline) in ranges.iter().zip(outlines) {
        assert!(mark.lines.is_empty() && !mark.polygons.is_empty(), "{}", mark.name);
        assert!(outline.polygons.is_empty() && !outline.lines.is_empty(), "{}", outline.name);
        assert_eq!((&mark.name, &mark.style, &mark.data), (&outline.name, &outline.style, &outline.data));
    }
    for (mark, feature) in ranges.iter().zip(&collection.features) {
        let properties = feature.properties.as_ref().unwrap();
        assert_eq!(mark.name, properties["label"].as_str().unwrap());
        let expected: Vec<(String, String)> = properties
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().map_or_else(|| v.to_string(), str::to_string)))
            .collect();
        assert_eq!(mark.data, expected, "{}", mark.name);
    }
    // Colours in the map's order (Okabe–Ito: the system first, #0072B2; the range #D55E00; the
    // band #009E73), as aabbggrr: the 9M729's low zone tinted fully (22 %), its zone to the high
    // figure lightly (11 %), the plain range outlined only, the band tinted.
    let style = |mark: &Placemark| mark.style.clone();
    assert_eq!(
        ranges[..4].iter().map(style).collect::<Vec<_>>(),
        ["range-1", "range-1-light", "range-2-outline", "range-3"]
    );
    assert!(kml.contains("<Style id=\"range-1\"><LineStyle><color>ffb27200</color><width>2</width></LineStyle><PolyStyle><color>38b27200</color><outline>0</outline></PolyStyle></Style>"));
    assert!(kml.contains("<Style id=\"range-1-light\"><LineStyle><color>ffb27200</color><width>2</width></LineStyle><PolyStyle><color>1cb27200</color><outline>0</outline></PolyStyle></Style>"));
    assert!(kml.contains("<Style id=\"range-2-outline\"><LineStyle><color>ff005ed5</color><width>2</width></LineStyle><PolyStyle><fill>0</fill><outline>0</outline></PolyStyle></Style>"));
    assert!(kml.contains("<Style id=\"range-3\"><LineStyle><color>ff739e00</color>"));

    // Kaliningrad's 5,500 km ring contains the North Pole: one polygon closed through it, as in
    // the GeoJSON, and its outline one line that never runs along 180° or the pole's line.
    let ring = &ranges[2];
    assert_eq!(ring.name, "Kaliningrad 5,500 km");
    assert_eq!(ring.polygons.len(), 1);
    assert!(ring.polygons[0][0].iter().any(|p| p[1] == 90.0));
    let ring_outline = &outlines[2];
    assert_eq!(ring_outline.lines.len(), 1);
    for line in &ring_outline.lines {
        for pair in line.windows(2) {
            let along_cut = (pair[0][0].abs() == 180.0 && pair[0][0] == pair[1][0]) || pair[0][1].abs() == 90.0;
            assert!(!along_cut, "outline runs along a cut: {pair:?}");
        }
    }
    // The same ring in the GeoJSON has fewer vertices: the KML's edges hold as great circles too.
    let json_vertices = match &collection.features[2].geometry.as_ref().unwrap().value {
        geojson::GeometryValue::Polygon { coordinates } => coordinates[0].len(),
        other => panic!("{other:?}"),
    };
    assert!(ring.polygons[0][0].len() > json_vertices, "{} vs {json_vertices}", ring.polygons[0][0].len());
    // Anadyr's 480 km crosses 180°: two polygons, and outlines that stop at the antimeridian.
    let anadyr = &ranges[4];
    assert!(anadyr.name.starts_with("Anadyr") && anadyr.name.contains("within 480 km"), "{}", anadyr.name);
    assert_eq!(anadyr.polygons.len(), 2);
    let anadyr_outline = &outlines[4];
    assert!(
        anadyr_outline.lines.iter().flatten().any(|p| p[0] == 180.0)
            && anadyr_outline.lines.iter().flatten().any(|p| p[0] == -180.0)
    );
    for pair in anadyr_outline.lines.iter().flat_map(|l| l.windows(2)) {
        assert!(!(pair[0][0].abs() == 180.0 && pair[0][0] == pair[1][0]), "outline along 180°: {pair:?}");
    }
}

#[test]
fn kml_and_kmz_are_the_same_bytes_on_every_run() {
    let dir = tempfile::tempdir().unwrap();
    for ext in ["kml", "kmz"] {
        let outputs: Vec<Vec<u8>> = (0..2)
            .map(|k| {
                let path = dir.path().join(format!("run{k}.{ext}"));
                let out = reachmap(&[
                    "render",
                    concat!(env!("CARGO_MANIFEST_DIR"), "/examples/launch-area.toml"),
                    "-o",
                    path.to_str().unwrap(),
                ]);
                assert_success(&out);
                std::fs::read(&path).unwrap()
            })
            .collect();
        assert_eq!(outputs[0], outputs[1], "{ext}");
        assert!(outputs[0].len() > 1000);
    }
    // The KMZ is a ZIP whose one entry, doc.kml, is the KML.
    let kmz = std::fs::read(dir.path().join("run0.kmz")).unwrap();
    assert_eq!(&kmz[..4], b"PK\x03\x04");
    assert_eq!(&kmz[30..37], b"doc.kml");
}

#[test]
fn render_and_compare_write_the_scenarios_ranges_and_areas() {
    let dir = tempfile::tempdir().unwrap();
    let kml_path = dir.path().join("areas.kml");
    let png = dir.path().join("map.png");
    let out = reachmap(&[
        "render",
        concat!(env!("CARGO_MANIFEST_DIR"), "/examples/launch-area.toml"),
        "--width-px",
        "400",
        "-o",
        kml_path.to_str().unwrap(),
        "-o",
        png.to_str().unwrap(),
    ]);
    assert_success(&out);
    assert!(png.exists());
    let kml = std::fs::read_to_string(&kml_path).unwrap();
    let marks = placemarks(&kml);
    // The launch area itself, shaded, and the 9M729's zones around it.
    assert!(
        marks.iter().any(|m| m.style == "area" && m.name == "Kaliningrad"),
        "{:?}",
        marks.iter().map(|m| &m.name).collect::<Vec<_>>()
    );
    assert!(marks.iter().any(|m| m.data.iter().any(|(k, v)| k == "area" && v == "Kaliningrad")));
    assert!(kml.contains("<description>"), "the sources travel with the ranges");

    let compare_kml = dir.path().join("compare.kmz");
    let table = stdout(&reachmap(&[
        "compare",
        concat!(env!("CARGO_MANIFEST_DIR"), "/examples/compare-europe.toml"),
        "--places",
        "capitals",
        "--no-land",
        "-o",
        compare_kml.to_str().unwrap(),
    ]));
    assert!(!table.is_empty(), "the table still goes to standard output");
    assert!(std::fs::read(&compare_kml).unwrap().starts_with(b"PK\x03\x04"));
}

#[test]
fn kml_to_standard_output_and_refusals() {
    let out = reachmap(&["rings", "--site", "Guam=13.44,144.79", "--range-km", "100", "--format", "kml"]);
    let text = stdout(&out);
    assert!(text.contains("<name>Guam 100 km</name>"));
    let dir = tempfile::tempdir().unwrap();
    let clash = dir.path().join("rings.geojson");
    let out = reachmap(&[
        "rings",
        "--site",
        "Guam=13.44,144.79",
        "--range-km",
        "100",
        "--format",
        "kml",
        "-o",
        clash.to_str().unwrap(),
    ]);
    assert_refusal(&out, 2, &["--format", "kml", "extension"], &"format and extension disagree");
    let out = reachmap(&["rings", "--site", "Guam=13.44,144.79", "--range-km", "100", "--format", "shp"]);
    assert_refusal(&out, 2, &["--format", "shp", "geojson, kml, kmz"], &"unknown format");
    // compare takes one table beside any number of KML files.
    let (a, b) = (dir.path().join("a.csv"), dir.path().join("b.md"));
    let out = reachmap(&[
        "compare",
        concat!(env!("CARGO_MANIFEST_DIR"), "/examples/compare-europe.toml"),
        "-o",
        a.to_str().unwrap(),
        "-o",
        b.to_str().unwrap(),
    ]);
    assert_refusal(&out, 2, &["--output", "b.md", "one table per run"], &"two tables");
    assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none());
}

#[test]
fn launch_area_buffers_for_kml_read_as_great_circles_as_well_as_straight() {
    // Kaliningrad Oblast (Natural Earth 1:50m) and the 9M729's 2,350 km: the buffer reaches
    // past 75° N, where the two readings of an edge part. The buffer's own straight edges are
    // not all within the tolerance of the true boundary (24.7 m at 10 m measured here, on a
    // 33.6 km edge at 33° N: the band of normals along an edge of the area, which the sampler
    // judges, lies up to that far from the points at exactly 2,350 km between its vertices), so
    // what is asserted is that for KML no edge is worse read as a great circle than straight,
    // or than the tolerance, while the GeoJSON's edges are.
    let path = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/kaliningrad-oblast.geojson"));
    let shape = reachmap::areas::from_geojson_file(path, "area").unwrap();
    let area = reachmap::areas::NamedArea::new("Kaliningrad", shape, "area").unwrap();
    let radius = Radius::from_km(2_350.0, "r").unwrap();
    let off = |q: Point| (area.area.distance_m(q) - radius.meters()).abs();
    // The largest excess of an edge's great-circle reading over max(tolerance, its straight one).
    let excess = |tolerance: Tolerance| {
        let buffer = area.area.buffer(radius, tolerance).unwrap();
        assert_rfc7946(&buffer, "buffer");
        let mut worst: f64 = 0.0;
        for (a, b) in circle_edges(&buffer) {
            let (mut straight, mut great_circle) = (0.0f64, 0.0f64);
            for k in 1..8 {
                let f = k as f64 / 8.0;
                straight = straight.max(off(Point::new(a.x + (b.x - a.x) * f, a.y + (b.y - a.y) * f)));
                great_circle = great_circle.max(off(common::slerp(a, b, f)));
            }
            worst = worst.max(great_circle - straight.max(tolerance.meters()));
        }
        worst
    };
    let kml = excess(Tolerance::DEFAULT.with_great_circles());
    let geojson = excess(Tolerance::DEFAULT);
    eprintln!("great circle beyond straight or 10 m: KML {kml:.2} m, GeoJSON {geojson:.2} m");
    assert!(kml <= 0.5, "{kml}");
    assert!(geojson > 2.0, "{geojson}");
}
