//! GDAL reads every KML, KMZ and GeoJSON output cleanly: `ogrinfo -ro -al` (every feature and
//! geometry parsed) must succeed without a warning or an error, and count the features we wrote.
//! In CI (`CI=true`) a missing `ogrinfo` fails the test (`.ci/run` installs `gdal-bin`);
//! elsewhere the test is skipped with a message.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::cli::{assert_success, reachmap};

/// Whether `ogrinfo` can be run; in CI its absence is a failure.
fn ogrinfo_available() -> bool {
    let found = Command::new("ogrinfo").arg("--version").output().is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "ogrinfo (GDAL) is not installed; CI must install gdal-bin (see .ci/run)"
        );
        eprintln!("skipped: ogrinfo (GDAL) is not installed; apt-get install gdal-bin to run this test");
    }
    found
}

/// Runs `ogrinfo -ro -al` on `path` and returns the number of features it read in each layer;
/// fails on a non-zero exit or on anything GDAL prints to standard error (its warnings and
/// errors), or a `Warning`/`ERROR` in its report.
///
/// A `.kml` file is read by both of GDAL's KML drivers: LIBKML (the default where GDAL has it)
/// and the plain KML driver (what GDAL builds without libkml use); both must agree.
fn read_with_gdal(path: &Path) -> Vec<usize> {
    let counts = read_with_driver(path, &[]);
    if path.extension().is_some_and(|e| e == "kml") {
        assert_eq!(read_with_driver(path, &["--config", "GDAL_SKIP", "LIBKML"]), counts, "{}", path.display());
    }
    counts
}

fn read_with_driver(path: &Path, options: &[&str]) -> Vec<usize> {
    let out = Command::new("ogrinfo")
        .args(options)
        .args(["-ro", "-al"])
        .arg(path)
        .env("CPL_DEBUG", "OFF")
        .output()
        .expect("run ogrinfo");
    let report = String::from_utf8_lossy(&out.stdout);
    let errors = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "ogrinfo failed on {}: {errors}", path.display());
    assert!(errors.trim().is_empty(), "ogrinfo warned on {}: {errors}", path.display());
    for bad in ["Warning", "ERROR"] {
        assert!(
            !report.contains(bad),
            "ogrinfo on {}: {}",
            path.display(),
            report.lines().find(|l| l.contains(bad)).unwrap()
        );
    }
    report.lines().filter_map(|l| l.strip_prefix("Feature Count: ")).map(|n| n.trim().parse().unwrap()).collect()
}

fn run(args: &[&str]) {
    assert_success(&reachmap(args));
}

fn example(name: &str) -> String {
    format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn gdal_reads_every_kml_kmz_and_geojson_output_cleanly() {
    if !ogrinfo_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let at = |name: &str| -> PathBuf { dir.path().join(name) };
    let s = |p: PathBuf| p.to_str().unwrap().to_string();
    // Rings over the North Pole (Kaliningrad 5,500 km), across 180° (Anadyr), around the South
    // Pole (McMurdo), an estimate's two zones and a band, in all three formats.
    let rings = [
        "rings",
        "--site",
        "Kaliningrad=54.71,20.51",
        "--site",
        "Anadyr=64.73,177.51",
        "--site",
        "McMurdo=-77.85,166.67",
        "--system",
        "9m729",
        "--range-km",
        "5500",
        "--band",
        "500:1000",
    ];
    for ext in ["geojson", "kml", "kmz"] {
        let path = at(&format!("rings.{ext}"));
        let mut args = rings.to_vec();
        let p = s(path.clone());
        args.extend(["-o", &p]);
        run(&args);
        let counts = read_with_gdal(&path);
        // 3 sites × 4 features; the KML has each again as its outline, and the three sites'
        // points.
        let expected = if ext == "geojson" { 12 } else { 12 + 12 + 3 };
        assert_eq!(counts.iter().sum::<usize>(), expected, "{ext}: {counts:?}");
    }
    // A launch area, from render's and compare's outputs.
    let (kml, kmz) = (s(at("area.kml")), s(at("area.kmz")));
    run(&["render", &example("launch-area.toml"), "-o", &kml, "-o", &kmz]);
    assert!(read_with_gdal(&at("area.kml")).iter().sum::<usize>() > 2);
    assert!(read_with_gdal(&at("area.kmz")).iter().sum::<usize>() > 2);
    let compare = s(at("compare.kml"));
    run(&[
        "compare",
        &example("compare-europe.toml"),
        "--places",
        "capitals",
        "--no-land",
        "-o",
        &compare,
        "-o",
        &s(at("table.csv")),
        "--format",
        "csv",
    ]);
    assert!(read_with_gdal(&at("compare.kml")).iter().sum::<usize>() > 4);
    // The places within range, from a site and from a launch area (no bearing).
    let places = s(at("places.geojson"));
    run(&[
        "reach",
        "--site",
        "Kaliningrad=54.71,20.51",
        "--area-country",
        "Belarus",
        "--system",
        "9m729",
        "--places",
        "capitals",
        "--no-land",
        "--format",
        "geojson",
        "-o",
        &places,
    ]);
    assert!(read_with_gdal(&at("places.geojson"))[0] > 20);
    // The other GeoJSON outputs: a footprint, and areas' rings.
    let footprint = s(at("footprint.geojson"));
    run(&[
        "footprint",
        "--target",
        "Moscow",
        "--target",
        "Saint Petersburg",
        "--system",
        "dark-eagle",
        "-o",
        &footprint,
    ]);
    assert_eq!(read_with_gdal(&at("footprint.geojson")), vec![1]);
    let area_rings = s(at("area-rings.geojson"));
    run(&["rings", "--area-country", "Belarus", "--range-km", "1000", "-o", &area_rings]);
    assert_eq!(read_with_gdal(&at("area-rings.geojson")), vec![1]);
}

/// KML's ExtendedData is typed through a Schema: GDAL (LIBKML) reads the ranges' kilometres and
/// the sites' positions as numbers, not text.
#[test]
fn gdal_reads_kml_numbers_as_numbers() {
    if !ogrinfo_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let kml = dir.path().join("rings.kml");
    run(&[
        "rings",
        "--site",
        "Kaliningrad=54.71,20.51",
        "--system",
        "9m729",
        "--range-km",
        "500",
        "-o",
        kml.to_str().unwrap(),
    ]);
    let out = Command::new("ogrinfo").args(["-ro", "-so", "-al"]).arg(&kml).output().expect("run ogrinfo");
    let report = String::from_utf8_lossy(&out.stdout);
    if !report.contains("Layer name: Ranges") {
        // GDAL without LIBKML reads no ExtendedData at all.
        eprintln!("skipped: this GDAL reads KML without LIBKML");
        return;
    }
    for field in ["range_km: Real", "low_km: Real", "high_km: Real", "lat: Real", "lon: Real", "label: String"] {
        assert!(report.contains(field), "{field} not in {report}");
    }
}

/// The geometry type of each layer GDAL finds in `path` (`ogrinfo -so`), by layer name, with
/// `options` before the path (e.g. to skip a driver).
fn layer_geometries(path: &Path, options: &[&str]) -> Vec<(String, String)> {
    let out =
        Command::new("ogrinfo").args(options).args(["-ro", "-so", "-al"]).arg(path).output().expect("run ogrinfo");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report = String::from_utf8_lossy(&out.stdout);
    let names = report.lines().filter_map(|l| l.strip_prefix("Layer name: "));
    let kinds = report.lines().filter_map(|l| l.strip_prefix("Geometry: "));
    names.zip(kinds).map(|(n, k)| (n.trim().to_string(), k.trim().to_string())).collect()
}

/// The geometry types of the features GDAL reads in each layer of `path` (the word their WKT
/// starts with), by layer name, with `options` before the path (e.g. to skip a driver).
fn feature_geometries(path: &Path, options: &[&str]) -> Vec<(String, std::collections::BTreeSet<String>)> {
    let out = Command::new("ogrinfo").args(options).args(["-ro", "-al"]).arg(path).output().expect("run ogrinfo");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut layers: Vec<(String, std::collections::BTreeSet<String>)> = Vec::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        if let Some(name) = line.strip_prefix("Layer name: ") {
            layers.push((name.trim().to_string(), Default::default()));
        }
        let kinds = ["POINT", "MULTIPOLYGON", "POLYGON", "MULTILINESTRING", "LINESTRING", "GEOMETRYCOLLECTION"];
        let word = line.trim_start().split([' ', '(']).next().unwrap_or("");
        if line.starts_with("  ") && kinds.contains(&word) {
            layers.last_mut().unwrap().1.insert(word.to_string());
        }
    }
    layers
}

/// Each layer a GIS makes of our files has one geometry type: the KML's ranges are
/// MultiPolygons and their outlines MultiLineStrings, never GeometryCollections, read by either
/// of GDAL's KML drivers (the plain KML driver declares the layers so; LIBKML declares no
/// layer's type, not even the sites' points, but reads every feature so); `rings
/// --multipolygon` makes a GeoPackage layer of MultiPolygons, where without it the Polygons and
/// MultiPolygons mixed make a layer of no one type.
#[test]
fn gdal_reads_one_geometry_type_per_layer() {
    if !ogrinfo_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let at = |name: &str| -> PathBuf { dir.path().join(name) };
    let rings = [
        "rings",
        "--site",
        "Kaliningrad=54.71,20.51",
        "--site",
        "Anadyr=64.73,177.51",
        "--system",
        "9m729",
        "--range-km",
        "500,5500",
        "--band",
        "500:1000",
    ];
    let kml = at("rings.kml");
    let mut args = rings.to_vec();
    args.extend(["-o", kml.to_str().unwrap()]);
    run(&args);
    let plain_kml = ["--config", "GDAL_SKIP", "LIBKML"];
    for options in [&[][..], &plain_kml[..]] {
        let layers = feature_geometries(&kml, options);
        let kinds = |name: &str| {
            let found = layers.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no {name}: {layers:?}"));
            found.1.iter().map(String::as_str).collect::<Vec<_>>()
        };
        assert_eq!(kinds("Ranges"), ["MULTIPOLYGON"], "{options:?}");
        assert_eq!(kinds("Range outlines"), ["MULTILINESTRING"], "{options:?}");
        assert_eq!(kinds("Sites"), ["POINT"], "{options:?}");
    }
    let declared = layer_geometries(&kml, &plain_kml);
    let kind = |name: &str| declared.iter().find(|(n, _)| n == name).map(|(_, k)| k.as_str());
    assert_eq!((kind("Ranges"), kind("Range outlines")), (Some("Multi Polygon"), Some("Multi Line String")));
    for (multipolygon, expected) in [(true, "Multi Polygon"), (false, "Unknown (any)")] {
        let name = if multipolygon { "multi" } else { "mixed" };
        let json = at(&format!("{name}.geojson"));
        let gpkg = at(&format!("{name}.gpkg"));
        let mut args = rings.to_vec();
        args.extend(["-o", json.to_str().unwrap()]);
        if multipolygon {
            args.push("--multipolygon");
        }
        run(&args);
        let out = Command::new("ogr2ogr").args(["-f", "GPKG"]).arg(&gpkg).arg(&json).output().expect("run ogr2ogr");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let layers = layer_geometries(&gpkg, &[]);
        assert_eq!(layers.len(), 1, "{layers:?}");
        assert_eq!(layers[0].1, expected, "{name}");
    }
}
