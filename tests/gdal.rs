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
        // 3 sites × 4 features; the KML has the three sites' points beside them.
        let expected = if ext == "geojson" { 12 } else { 15 };
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
