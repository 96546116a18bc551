//! The base map's detail: chosen from the frame's width, forced by `[map] detail` or
//! `--detail`, and on the South China Sea frame drawn at 1:10m with the Spratlys, Scarborough
//! Shoal and the Paracels where published positions put them.

use std::path::Path;

use crate::common;

use common::cli::{assert_success, reachmap, refused};
use geo::Coord;
use reachmap::basemap::Detail;
use reachmap::frame::{FrameSpec, Preset};
use reachmap::map::{MapSpec, compose, detail_for};
use reachmap::scene::{Item, Scene};

const SCS_PROJ: &str = "+proj=laea +lat_0=15 +lon_0=118";
const SCS_BOX: [f64; 4] = [104.0, 2.0, 128.0, 26.0];

fn example() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/south-china-sea.toml"))
}

#[test]
fn detail_follows_the_frame_width_unless_forced() {
    let scs = FrameSpec::lonlat_box(SCS_PROJ, "proj", SCS_BOX, "box").unwrap().build(2400, None, 0.0).unwrap();
    // 24° of longitude at 2–26° N: about 2,600 km, under the 3,000 km of 1:10m frames.
    let width_km = scs.extent.width() / 1000.0;
    assert!((2_400.0..3_000.0).contains(&width_km), "{width_km} km");
    assert_eq!(detail_for(&scs, None), Detail::Fine);
    assert_eq!(detail_for(&scs, Some(Detail::Medium)), Detail::Medium);
    let europe = reachmap::frame::Frame::preset(Preset::Europe, 2400, None, 0.0).unwrap();
    assert_eq!(detail_for(&europe, None), Detail::Medium);
    assert_eq!(detail_for(&europe, Some(Detail::Fine)), Detail::Fine);
    let world = reachmap::frame::Frame::preset(Preset::World, 2400, None, 0.0).unwrap();
    assert_eq!(detail_for(&world, None), Detail::Coarse);
}

/// The South China Sea frame alone (no title above it, so page and frame pixels agree).
fn scene(detail: Option<Detail>) -> (Scene, reachmap::frame::Frame) {
    let frame = || FrameSpec::lonlat_box(SCS_PROJ, "proj", SCS_BOX, "box").unwrap().build(1200, None, 0.0).unwrap();
    let mut spec = MapSpec::plain(frame(), 150.0, Vec::new(), Vec::new());
    spec.detail = detail;
    (compose(&spec).unwrap(), frame())
}

/// The island dots of the coastline layer.
fn island_dots(scene: &Scene) -> Vec<Coord> {
    scene
        .layers
        .iter()
        .filter(|l| l.id == "coastline")
        .flat_map(|l| &l.items)
        .filter_map(|item| match item {
            Item::Marker { x, y, .. } => Some(Coord { x: *x, y: *y }),
            _ => None,
        })
        .collect()
}

/// Itu Aba (10.377° N 114.365° E) and Thitu (11.05° N 114.28° E) in the Spratlys, Scarborough
/// Shoal (15.15° N 117.76° E) and Woody Island in the Paracels (16.834° N 112.339° E) each
/// have an island dot within 2 km on the example's frame; at 1:50m there are none.
#[test]
fn the_south_china_sea_example_shows_the_islands_at_1_10m() {
    let (fine, frame) = scene(None);
    let dots = island_dots(&fine);
    let km_per_px = 1.0 / frame.scale() / 1000.0;
    for (name, lon, lat) in [
        ("Itu Aba", 114.365, 10.377),
        ("Thitu", 114.28, 11.05),
        ("Scarborough Shoal", 117.76, 15.15),
        ("Woody Island", 112.339, 16.834),
    ] {
        let at = frame.lonlat_to_page(Coord { x: lon, y: lat }).unwrap();
        let nearest = dots.iter().map(|d| (d.x - at.x).hypot(d.y - at.y)).fold(f64::INFINITY, f64::min) * km_per_px;
        assert!(nearest < 2.0, "{name}: nearest island dot {nearest:.1} km away");
    }
    let (medium, _) = scene(Some(Detail::Medium));
    assert!(island_dots(&medium).is_empty());
}

#[test]
fn detail_option_and_key_are_used_and_checked() {
    let dir = tempfile::tempdir().unwrap();
    let svg = |args: &[&str]| -> usize {
        let out = dir.path().join("map.svg");
        let mut all = vec!["render", example().to_str().unwrap(), "--width-px", "800", "-o", out.to_str().unwrap()];
        all.extend(args);
        assert_success(&reachmap(&all));
        let len = std::fs::read(&out).unwrap().len();
        std::fs::remove_file(&out).unwrap();
        len
    };
    // The 1:10m coasts of the Philippines and Borneo hold several times 1:50m's vertices.
    let (fine, medium) = (svg(&[]), svg(&["--detail", "50m"]));
    assert!(fine > medium * 3 / 2, "1:10m {fine} bytes, 1:50m {medium} bytes");
    assert_eq!(svg(&["--detail", "10m"]), fine);

    let out = dir.path().join("refused.svg");
    for bad in ["25m", "", "1:10m"] {
        refused(
            &["render", example().to_str().unwrap(), "--detail", bad, "-o", out.to_str().unwrap()],
            dir.path(),
            &["--detail", "allowed: 10m, 50m, 110m"],
        );
    }
}
