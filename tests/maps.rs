//! Map frames, cutting and clipping, checked against PROJ (through pyproj, in a committed
//! fixture) and against the geometry rules a drawn map needs.

use geo::{Area, Contains, Coord, Point, Validation};
use reachmap::frame::{Frame, Preset};
use reachmap::geodesy::distance_m;
use reachmap::mapgeom::{project_lines, project_polygons};
use reachmap::{Radius, Reach, Site, Tolerance};
use serde_json::Value;

fn fixture() -> Value {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/projections.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn kaliningrad() -> Site {
    Site::new("Kaliningrad", 54.71, 20.51).unwrap()
}

fn frame(name: &str, width_px: u32) -> Frame {
    let site = kaliningrad();
    match name {
        "europe" => Frame::preset(Preset::Europe, width_px, None, 0.0),
        "east-asia" => Frame::preset(Preset::EastAsia, width_px, None, 0.0),
        "world" => Frame::preset(Preset::World, width_px, None, 0.0),
        _ => Frame::preset(Preset::Site, width_px, Some(&site), 5_500_000.0),
    }
    .unwrap()
}

#[test]
fn presets_place_known_places_where_proj_does() {
    for entry in fixture()["frames"].as_array().unwrap() {
        let name = entry["frame"].as_str().unwrap();
        let frame = frame(name, 1000);
        for p in entry["points"].as_array().unwrap() {
            let lonlat = Coord { x: p["lon"].as_f64().unwrap(), y: p["lat"].as_f64().unwrap() };
            let got = frame.projection.forward(lonlat).unwrap();
            let (x, y) = (p["x"].as_f64().unwrap(), p["y"].as_f64().unwrap());
            // The fixture is rounded to 0.1 mm.
            assert!(
                (got.x - x).abs() < 1e-3 && (got.y - y).abs() < 1e-3,
                "{name} {}: {got:?} vs ({x}, {y})",
                p["place"]
            );
        }
    }
}

#[test]
fn the_site_frame_keeps_true_distances_from_its_centre() {
    let frame = frame("site:Kaliningrad", 1000);
    for (lon, lat) in [(13.405, 52.52), (-21.94, 64.147), (139.692, 35.69)] {
        let xy = frame.projection.forward(Coord { x: lon, y: lat }).unwrap();
        let true_m = distance_m(kaliningrad().point(), Point::new(lon, lat));
        assert!((xy.x.hypot(xy.y) - true_m).abs() < 1e-3, "({lon}, {lat}): {} vs {true_m}", xy.x.hypot(xy.y));
    }
}

/// Rings that contain the North Pole, cross 180°, or cross a frame's own seam, drawn in every
/// preset: valid polygons, nothing outside the page (beyond the clip margin), the site inside
/// its own ring and a far place outside.
#[test]
fn cut_and_clip_give_valid_shapes_inside_the_page() {
    let sites = [kaliningrad(), Site::new("Anadyr", 64.73, 177.51).unwrap(), Site::new("Guam", 13.44, 144.79).unwrap()];
    let margin = 2.0;
    for name in ["europe", "east-asia", "world", "site:Kaliningrad"] {
        let frame = frame(name, 1200);
        let (w, h) = (f64::from(frame.width_px), f64::from(frame.height_px));
        for site in &sites {
            for km in [500.0, 2_500.0, 5_500.0, 12_000.0] {
                let reach = Reach::Within(Radius::from_km(km, "r").unwrap());
                let region =
                    reach.region_centred(site, Tolerance::from_m(200.0, "t").unwrap(), frame.projection.lon_0());
                let drawn = project_polygons(&region, &frame, 0.1, margin);
                let what = format!("{name}: {} {km} km", site.name());
                if let Err(e) = drawn.check_validation() {
                    panic!("{what}: invalid: {e:?}");
                }
                // (i_overlay snaps clip points to its grid: a thousandth of a pixel either way.)
                for c in drawn
                    .0
                    .iter()
                    .flat_map(|p| p.exterior().0.iter().chain(p.interiors().iter().flat_map(|r| r.0.iter())))
                {
                    assert!(
                        (-margin - 1e-3..=w + margin + 1e-3).contains(&c.x)
                            && (-margin - 1e-3..=h + margin + 1e-3).contains(&c.y),
                        "{what}: {c:?} outside the page"
                    );
                }
                // The site, where it is on the page, is inside its ring.
                let site_on_page = frame
                    .lonlat_to_page(Coord { x: site.lon_deg(), y: site.lat_deg() })
                    .filter(|p| p.x > 0.0 && p.x < w && p.y > 0.0 && p.y < h);
                if let Some(p) = site_on_page {
                    assert!(drawn.contains(&Point::from(p)), "{what}: the site is not inside its ring");
                }
                let lines = project_lines(
                    &reach.outlines(site, Tolerance::from_m(200.0, "t").unwrap(), frame.projection.lon_0()),
                    &frame,
                    0.1,
                    margin,
                );
                for c in lines.0.iter().flat_map(|l| l.0.iter()) {
                    assert!(
                        (-margin - 1e-3..=w + margin + 1e-3).contains(&c.x)
                            && (-margin - 1e-3..=h + margin + 1e-3).contains(&c.y),
                        "{what}: outline leaves the page"
                    );
                }
            }
        }
    }
}

/// The drawn area of a ring agrees with where places are: every graticule point on the page is
/// inside the drawn ring exactly when it is closer than the radius (away from the edge).
#[test]
fn drawn_rings_agree_with_geodesic_distance() {
    for name in ["europe", "east-asia", "world"] {
        let frame = frame(name, 800);
        for site in
            [kaliningrad(), Site::new("Guam", 13.44, 144.79).unwrap(), Site::new("Anadyr", 64.73, 177.51).unwrap()]
        {
            let radius = Radius::from_km(5_500.0, "r").unwrap();
            let region = Reach::Within(radius).region_centred(
                &site,
                Tolerance::from_m(100.0, "t").unwrap(),
                frame.projection.lon_0(),
            );
            let drawn = project_polygons(&region, &frame, 0.1, 2.0);
            assert!(drawn.unsigned_area() > 0.0 || name == "europe" && site.name() != "Kaliningrad");
            for lat in (-80..=80).step_by(5) {
                for lon in (-180..180).step_by(5) {
                    let ll = Coord { x: f64::from(lon) + 0.5, y: f64::from(lat) + 0.5 };
                    let Some(p) = frame.lonlat_to_page(ll) else {
                        continue;
                    };
                    if p.x < 1.0
                        || p.y < 1.0
                        || p.x > f64::from(frame.width_px) - 1.0
                        || p.y > f64::from(frame.height_px) - 1.0
                    {
                        continue;
                    }
                    let d = distance_m(site.point(), Point::from(ll));
                    if (d - radius.meters()).abs() < 50_000.0 {
                        continue;
                    }
                    assert_eq!(
                        drawn.contains(&Point::from(p)),
                        d < radius.meters(),
                        "{name} {}: {ll:?} at {d} m",
                        site.name()
                    );
                }
            }
        }
    }
}

/// The meridian opposite the Europe frame's centre runs through its antipode, which Lambert's
/// azimuthal projection spreads over a whole circle; drawn naively, its edge across the antipode
/// cut straight down the middle of the map.
#[test]
fn a_line_through_the_antipode_stays_off_the_map() {
    let frame = frame("europe", 1000);
    let meridian = geo::LineString::new((0..=160).map(|k| Coord { x: -170.0, y: -80.0 + f64::from(k) }).collect());
    let drawn = project_lines(&[meridian], &frame, 0.1, 0.0);
    assert!(drawn.0.is_empty(), "{} pieces on the page", drawn.0.len());
}

/// A conic cannot place its far pole; Antarctica, closed through that pole, once covered the
/// whole page and turned land and sea inside out. Land must stay land and sea stay sea.
#[test]
fn a_conic_frame_keeps_land_and_sea_apart() {
    use reachmap::basemap::{BaseLayer, Detail, features};
    use reachmap::frame::Projection;
    let projection = Projection::new("+proj=lcc +lat_1=30 +lat_2=60 +lat_0=45 +lon_0=150", "test").unwrap();
    assert_eq!(projection.latitudes(), (-89.0, 90.0));
    let frame = Frame::from_lonlat_box(projection, [120.0, 20.0, -150.0, 70.0], 900).unwrap();
    let land: Vec<geo::MultiPolygon> = features(BaseLayer::Land, Detail::Medium)
        .unwrap()
        .iter()
        .map(|f| project_polygons(&f.geometry, &frame, 0.1, 2.0))
        .collect();
    let on_land = |lon: f64, lat: f64| {
        let p = Point::from(frame.lonlat_to_page(Coord { x: lon, y: lat }).unwrap());
        land.iter().any(|m| m.0.iter().filter(|poly| poly.contains(&p)).count() % 2 == 1)
    };
    assert!(!on_land(-170.0, 40.0), "the North Pacific is drawn as land");
    assert!(on_land(135.0, 60.0), "Siberia is drawn as sea");
    assert!(on_land(-150.0, 64.0), "Alaska is drawn as sea");
}
