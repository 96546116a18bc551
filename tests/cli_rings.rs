//! The `reachmap rings` command end to end: the GeoJSON it writes, and how it refuses bad input
//! (a clear message naming the input, exit code 2, no output file).

use std::process::Stdio;

use crate::common;

use common::cli::{assert_refusal, assert_success, command, reachmap, stderr};
use geojson::{FeatureCollection, GeometryValue};

#[test]
fn writes_one_feature_per_site_and_range_that_parses_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rings.geojson");
    let out = reachmap(&[
        "rings",
        "--site",
        "Kaliningrad=54.71,20.51",
        "--site",
        "Anadyr=64.73N 177.51E",
        "--range-km",
        "500,5500",
        "--band",
        "500:1000",
        "-o",
        path.to_str().unwrap(),
    ]);
    assert_success(&out);
    assert!(out.stdout.is_empty());
    let text = std::fs::read_to_string(&path).unwrap();
    let collection: FeatureCollection = text.parse().expect("valid GeoJSON");
    assert_eq!(collection.features.len(), 6);
    let props = |i: usize| collection.features[i].properties.clone().unwrap();
    assert_eq!(props(0)["site"], "Kaliningrad");
    assert_eq!(props(0)["lat"], 54.71);
    assert_eq!(props(0)["lon"], 20.51);
    assert_eq!(props(0)["range_km"], 500.0);
    assert_eq!(props(0)["label"], "Kaliningrad 500 km");
    assert_eq!(props(2)["min_km"], 500.0);
    assert_eq!(props(2)["max_km"], 1000.0);
    assert_eq!(props(2)["label"], "Kaliningrad 500–1,000 km");
    // Anadyr's 500 km ring crosses 180°: split into a MultiPolygon (RFC 7946 §3.1.9).
    let anadyr_500 = &collection.features[3];
    assert_eq!(anadyr_500.properties.as_ref().unwrap()["site"], "Anadyr");
    assert!(matches!(
        anadyr_500.geometry.as_ref().unwrap().value,
        GeometryValue::MultiPolygon { ref coordinates } if coordinates.len() == 2
    ));
    // Six decimals by default.
    let decimals = text
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .filter_map(|n| n.split_once('.').map(|(_, f)| f.len()))
        .max()
        .unwrap();
    assert_eq!(decimals, 6);
}

#[test]
fn writes_to_standard_output_by_default_with_chosen_precision() {
    let out = reachmap(&["rings", "--site", "Guam=13.44,144.79", "--range-km", "100", "--precision", "2"]);
    assert_success(&out);
    let collection: FeatureCollection = String::from_utf8(out.stdout).unwrap().parse().unwrap();
    let GeometryValue::Polygon { coordinates } = &collection.features[0].geometry.as_ref().unwrap().value else {
        panic!("expected a Polygon");
    };
    for p in &coordinates[0] {
        for v in p.as_slice() {
            assert_eq!((v * 100.0).round() / 100.0, *v);
        }
    }
}

#[test]
fn a_closed_pipe_is_a_clean_exit() {
    let mut child = command()
        .args(["rings", "--site", "K=54.71,20.51", "--range-km", "500,1000,2500,5500", "--tolerance-m", "0.01"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 100];
    std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stderr.is_empty(), "{}", stderr(&out));
}

/// Runs `rings` with `args` and an output file in a fresh folder, which must be refused with
/// every one of `needles` in the message; nothing may be written.
fn refused(args: &[&str], needles: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.geojson");
    let mut full: Vec<&str> = vec!["rings"];
    full.extend_from_slice(args);
    full.extend_from_slice(&["-o", path.to_str().unwrap()]);
    common::cli::refused(&full, dir.path(), needles);
}

#[test]
fn rejects_a_latitude_out_of_range() {
    refused(&["--site", "X=95,20", "--range-km", "500"], &["--site X latitude", "95", "-90 to 90"]);
    refused(&["--site", "X=95N 20E", "--range-km", "500"], &["latitude", "95", "-90 to 90"]);
}

#[test]
fn rejects_non_finite_coordinates() {
    refused(&["--site", "X=NaN,20", "--range-km", "500"], &["--site X latitude", "NaN", "-90 to 90"]);
    refused(&["--site", "X=54,inf", "--range-km", "500"], &["--site X longitude", "inf"]);
}

#[test]
fn rejects_malformed_sites() {
    // A name alone is looked up in the gazetteer (tests/site_names.rs); one it lacks is refused.
    refused(&["--site", "Kaliningrd", "--range-km", "500"], &["--site", "Kaliningrad, RU", "NAME=LAT,LON"]);
    refused(&["--site", "=54,20", "--range-km", "500"], &["site name", "non-empty"]);
    refused(&["--site", "X=54.71", "--range-km", "500"], &["--site X", "\"54.71\"", "latitude and a longitude"]);
    refused(&["--site", "X=54.71 north, 20", "--range-km", "500"], &["--site X", "unexpected text \"north\""]);
}

#[test]
fn rejects_zero_negative_and_too_large_radii() {
    for bad in ["0", "-500", "20003.94", "25000", "NaN", "inf"] {
        refused(&["--site", "X=54,20", "--range-km", bad], &["--range-km", "20003.93 km"]);
    }
    refused(&["--site", "X=54,20", "--range-km", "5,500"], &["--range-km"]);
    refused(&["--site", "X=54,20", "--range-km", "abc"], &["--range-km", "\"abc\"", "expected a number"]);
}

#[test]
fn rejects_bands_whose_minimum_is_not_below_the_maximum() {
    refused(&["--site", "X=54,20", "--band", "1000:500"], &["--band", "1000:500", "minimum range must be smaller"]);
    refused(&["--site", "X=54,20", "--band", "500:500"], &["--band", "minimum range must be smaller"]);
    refused(&["--site", "X=54,20", "--band", "500"], &["--band", "MIN:MAX"]);
    refused(&["--site", "X=54,20", "--band", "0:500"], &["--band minimum", "greater than 0"]);
}

#[test]
fn rejects_bad_tolerance_and_precision() {
    refused(&["--site", "X=54,20", "--range-km", "500", "--tolerance-m", "0"], &["--tolerance-m", "0.001 to 100000"]);
    refused(&["--site", "X=54,20", "--range-km", "500", "--precision", "16"], &["--precision", "0 to 15"]);
}

#[test]
fn rejects_a_run_with_nothing_to_compute() {
    refused(&["--site", "X=54,20"], &["--range-km", "--band"]);
}

#[test]
fn rejects_a_missing_site_and_unknown_flags_with_exit_code_2() {
    refused(&["--range-km", "500"], &["--site"]);
    refused(&["--site", "X=54,20", "--range-km", "500", "--radius", "3"], &["--radius"]);
}

#[test]
fn rejects_an_output_in_a_missing_directory() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no/such/dir/out.geojson");
    common::cli::refused(
        &["rings", "--site", "X=54,20", "--range-km", "500", "-o", path.to_str().unwrap()],
        dir.path(),
        &["does not exist"],
    );
}

#[test]
fn a_failed_run_leaves_an_existing_file_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rings.geojson");
    std::fs::write(&path, "previous").unwrap();
    let args = ["rings", "--site", "X=99,20", "--range-km", "500", "-o", path.to_str().unwrap()];
    assert_refusal(&reachmap(&args), 2, &[], &args);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "previous");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

/// A named pipe as the output is written into, not replaced by a file (nor is `/dev/null`,
/// which a rename would have replaced); a symbolic link is followed, and stays a link.
#[cfg(unix)]
#[test]
fn a_pipe_or_a_link_as_the_output_is_written_through() {
    use std::io::Read;
    use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("rings.pipe");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    // Read without blocking, so that a run that never opens the pipe cannot hang the test
    // (O_NONBLOCK is 0o4000 on Linux).
    let mut reader = std::fs::OpenOptions::new().read(true).custom_flags(0o4000).open(&fifo).unwrap();
    let mut child = command()
        .args(["rings", "--site", "Kaliningrad", "--range-km", "500", "-o", fifo.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (mut text, mut buffer) = (Vec::new(), [0u8; 65536]);
    let status = loop {
        match reader.read(&mut buffer) {
            Ok(n) if n > 0 => text.extend_from_slice(&buffer[..n]),
            Err(e) if e.kind() != std::io::ErrorKind::WouldBlock => panic!("{e}"),
            _ => match child.try_wait().unwrap() {
                Some(status) => break status,
                None => std::thread::sleep(std::time::Duration::from_millis(10)),
            },
        }
    };
    // What the pipe still holds after the run ended.
    while let Ok(n) = reader.read(&mut buffer) {
        if n == 0 {
            break;
        }
        text.extend_from_slice(&buffer[..n]);
    }
    assert!(status.success());
    assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(), "the pipe was replaced");
    let collection: FeatureCollection = String::from_utf8(text).unwrap().parse().unwrap();
    assert_eq!(collection.features.len(), 1);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "files left beside the pipe");

    let real = dir.path().join("real.geojson");
    std::fs::write(&real, "previous").unwrap();
    let link = dir.path().join("link.geojson");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    assert_success(&reachmap(&["rings", "--site", "Kaliningrad", "--range-km", "500", "-o", link.to_str().unwrap()]));
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link was replaced");
    let collection: FeatureCollection = std::fs::read_to_string(&real).unwrap().parse().unwrap();
    assert_eq!(collection.features.len(), 1);
}
