//! Gridded population: the people within range counted from a GeoTIFF of people per cell agree
//! with brute force — every cell centre's Karney distance (GeographicLib) against the radius —
//! on small rasters written with the `tiff` crate's encoder (`common::grid`; strips:
//! uncompressed, LZW, Deflate; float32, float64, integers) and on the tiled and PixelIsPoint fixtures of
//! `scripts/make_grid_fixtures.py` (counted by the Python GeographicLib); and every raster
//! that cannot be read as one is refused with its reason, exit code 2.

use std::path::{Path, PathBuf};

use reachmap::population::PopulationGrid;
use reachmap::{Radius, Reach, Site};
use tiff::encoder::{Compression, TiffEncoder, colortype};

use crate::common;
use common::cli::{assert_refusal, reachmap, stdout};
use common::grid::{Raster, geokeys};

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn within(km: f64) -> Reach {
    Reach::Within(Radius::from_km(km, "range").unwrap())
}

/// Sites and ranges that try the row intervals: an ordinary one, across 180°, around a pole,
/// nearly antipodal, smaller than a cell.
const CASES: [(f64, f64, f64); 9] = [
    (54.71, 20.51, 2_350.0),
    (64.73, 177.5, 3_000.0),
    (-17.5, -179.9, 1_500.0),
    (89.5, 0.0, 900.0),
    (-88.0, 45.0, 2_000.0),
    (0.0, 0.0, 19_000.0),
    (35.0, 139.7, 19_990.0),
    (-33.9, 151.2, 40.0),
    (10.0, 10.0, 6_000.0),
];

#[test]
fn a_global_grid_agrees_with_brute_force_at_every_case() {
    let dir = temp();
    let raster = Raster::random(360, 180, -180.0, 90.0, 1.0, 7);
    let path = dir.path().join("global.tif");
    raster.write_f32(&path, Compression::Uncompressed);
    let grid = PopulationGrid::from_file(&path, "--population-grid").unwrap();
    assert_eq!(grid.dimensions(), (360, 180));
    for (lat, lon, km) in CASES {
        let site = Site::new("site", lat, lon).unwrap();
        let got = grid.people_within(&site, &within(km));
        let want = raster.brute_force(lat, lon, km);
        assert_eq!(got, want, "{lat}, {lon}, {km} km");
    }
}

#[test]
fn a_grid_from_0_to_360_east_and_a_fine_regional_one_agree_with_brute_force() {
    let dir = temp();
    // Columns from 0° to 360°: the sites west of Greenwich fall in its eastern half.
    let raster = Raster::random(240, 120, 0.0, 90.0, 1.5, 11);
    let path = dir.path().join("east.tif");
    raster.write_f32(&path, Compression::Lzw);
    let grid = PopulationGrid::from_file(&path, "g").unwrap();
    for (lat, lon, km) in CASES {
        let site = Site::new("site", lat, lon).unwrap();
        assert_eq!(grid.people_within(&site, &within(km)), raster.brute_force(lat, lon, km), "{lat}, {lon}, {km}");
    }
    // Europe at 2.5′: 480 × 240 cells, 20° × 10°; the ranges' edges cross thousands of cells.
    let raster = Raster::random(480, 240, 10.0, 60.0, 2.5 / 60.0, 13);
    let path = dir.path().join("europe.tif");
    raster.write_f64(&path);
    let grid = PopulationGrid::from_file(&path, "g").unwrap();
    for (lat, lon, km) in [(54.71, 20.51, 480.0), (52.52, 13.405, 300.0), (50.0, 25.0, 1_000.0), (55.0, 15.0, 3.0)] {
        let site = Site::new("site", lat, lon).unwrap();
        assert_eq!(grid.people_within(&site, &within(km)), raster.brute_force(lat, lon, km), "{lat}, {lon}, {km}");
    }
}

#[test]
fn bands_and_estimates_count_their_own_cells() {
    let dir = temp();
    let raster = Raster::random(180, 90, -180.0, 90.0, 2.0, 17);
    let path = dir.path().join("g.tif");
    raster.write_u16(&path);
    let grid = PopulationGrid::from_file(&path, "g").unwrap();
    let site = Site::new("Kaliningrad", 54.71, 20.51).unwrap();
    let band =
        Reach::band(Radius::from_km(500.0, "min").unwrap(), Radius::from_km(5_500.0, "max").unwrap(), "band").unwrap();
    let (inner, outer) = (raster.brute_force(54.71, 20.51, 500.0), raster.brute_force(54.71, 20.51, 5_500.0));
    assert_eq!(grid.people_within(&site, &band), outer - inner);
    let estimate = Reach::Estimate {
        low: Radius::from_km(480.0, "low").unwrap(),
        high: Radius::from_km(2_350.0, "high").unwrap(),
    };
    let people = grid.people_in(&site, &estimate);
    assert_eq!(people.people, raster.brute_force(54.71, 20.51, 2_350.0));
    assert_eq!(people.people_within_low, Some(raster.brute_force(54.71, 20.51, 480.0)));
}

#[derive(serde::Deserialize)]
struct Expected {
    lat: f64,
    lon: f64,
    radius_km: f64,
    people: f64,
}

#[test]
fn tiled_deflate_float64_and_pixel_is_point_fixtures_match_geographiclib() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/grid");
    let expected: std::collections::BTreeMap<String, Vec<Expected>> =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    assert_eq!(expected.len(), 2);
    for (file, cases) in expected {
        let grid = PopulationGrid::from_file(&dir.join(&file), "g").unwrap();
        for case in cases {
            let site = Site::new("site", case.lat, case.lon).unwrap();
            assert_eq!(grid.people_within(&site, &within(case.radius_km)), case.people, "{file}: {}", case.radius_km);
        }
    }
}

#[test]
fn reach_and_compare_print_the_gridded_total_and_its_rule() {
    let dir = temp();
    let raster = Raster::random(240, 120, 0.0, 90.0, 1.5, 19);
    let path = dir.path().join("people.tif");
    raster.write_f32(&path, Compression::Deflate(Default::default()));
    let want = raster.brute_force(54.71, 20.51, 1_000.0);
    let grid = path.to_str().unwrap();
    let base = ["reach", "--site", "K=54.71,20.51", "--range-km", "1000", "--no-land", "--population-grid", grid];
    let table = stdout(&reachmap(&base));
    assert!(table.contains(&format!("gridded population {}", reachmap::format::group_digits(want as u64))), "{table}");
    assert!(
        table.contains("Gridded population: people in cells of the 1.5° grid people.tif whose centre is within range")
    );
    let csv = stdout(&reachmap(&[&base[..], &["--totals", "--format", "csv"]].concat()));
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let headers = rows.headers().unwrap().clone();
    let column = headers.iter().position(|h| h == "grid_population").unwrap();
    let row = rows.records().next().unwrap().unwrap();
    assert_eq!(row[column].parse::<f64>().unwrap(), want);
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&reachmap(&[&base[..], &["--format", "json"]].concat()))).unwrap();
    assert_eq!(json["results"][0]["totals"]["grid_population"].as_f64(), Some(want));
    assert!(json["grid_population_counts"].as_str().unwrap().contains("whose centre is within range"));

    // A scenario's [places] population_grid, read from the scenario's folder, and compare.
    std::fs::write(
        dir.path().join("s.toml"),
        "[[sites]]\nname = \"K\"\nlat = 54.71\nlon = 20.51\n\n[[bands]]\nmin_km = 500\nmax_km = 1000\n\n[places]\npopulation_grid = \"people.tif\"\n",
    )
    .unwrap();
    let scenario = dir.path().join("s.toml");
    let compare = stdout(&reachmap(&["compare", scenario.to_str().unwrap(), "--no-land"]));
    assert!(compare.contains("grid population"), "{compare}");
    let band = want - raster.brute_force(54.71, 20.51, 500.0);
    assert!(compare.contains(&reachmap::format::group_digits(band as u64)), "{compare}");
    assert!(compare.contains("Gridded population: people in cells of the 1.5° grid people.tif"), "{compare}");
}

#[test]
fn a_sweep_values_candidates_by_the_grid() {
    let dir = temp();
    let raster = Raster::random(240, 120, 0.0, 90.0, 1.5, 23);
    let grid = dir.path().join("people.tif");
    raster.write_f32(&grid, Compression::Uncompressed);
    let candidates = dir.path().join("c.csv");
    std::fs::write(&candidates, "name,lat,lon\nKaliningrad,54.71,20.51\nGuam,13.44,144.79\nAnadyr,64.73,177.51\n")
        .unwrap();
    let out = dir.path().join("s.csv");
    let run = reachmap(&[
        "sweep",
        "--candidates",
        candidates.to_str().unwrap(),
        "--range-km",
        "2500",
        "--population-grid",
        grid.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    stdout(&run);
    let text = std::fs::read_to_string(&out).unwrap();
    let mut rows = csv::Reader::from_reader(text.as_bytes());
    let headers = rows.headers().unwrap().clone();
    assert!(headers.iter().any(|h| h == "grid_population") && !headers.iter().any(|h| h == "population"), "{text}");
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let mut seen = 0;
    for row in rows.records().map(Result::unwrap) {
        let (lat, lon): (f64, f64) = (row[column("lat")].parse().unwrap(), row[column("lon")].parse().unwrap());
        let want = raster.brute_force(lat, lon, 2_500.0);
        assert_eq!(row[column("value")].parse::<f64>().unwrap(), want, "{text}");
        assert_eq!(row[column("grid_population")].parse::<f64>().unwrap(), want);
        assert!(row[column("margin_km")].is_empty());
        seen += 1;
    }
    assert_eq!(seen, 3);
    // Not over the rotating Earth: refused, naming the option that gave the grid, on the
    // command line and in a scenario (its key, at its line and column).
    std::fs::remove_file(&out).unwrap();
    let rotating = ["--system", "df-26", "--earth", "rotating", "-o", out.to_str().unwrap()];
    let args = [
        &["sweep", "--candidates", candidates.to_str().unwrap(), "--population-grid", grid.to_str().unwrap()][..],
        &rotating,
    ]
    .concat();
    assert_refusal(&reachmap(&args), 2, &["--population-grid", "rotating"], &args);
    let scenario = dir.path().join("s.toml");
    std::fs::write(
        &scenario,
        "[map]\nearth = \"rotating\"\n\n[places]\npopulation_grid = \"people.tif\"\n\n[sweep]\ncandidates = \"c.csv\"\nsystem = \"df-26\"\n",
    )
    .unwrap();
    let map = dir.path().join("map.png");
    let args = ["render", scenario.to_str().unwrap(), "-o", map.to_str().unwrap()];
    assert_refusal(&reachmap(&args), 2, &["s.toml:5:19: [places] population_grid", "rotating"], &args);
    assert!(!out.exists() && !map.exists());
}

/// Writes `raster` as float32 into `dir` under `name`.
fn written(dir: &Path, name: &str, raster: &Raster) -> PathBuf {
    let path = dir.join(name);
    raster.write_f32(&path, Compression::Uncompressed);
    path
}

#[test]
fn rasters_that_cannot_be_counted_are_refused_with_their_reason() {
    let dir = temp();
    let ok = || Raster::random(36, 18, -180.0, 90.0, 10.0, 3);
    let mut projected = ok();
    projected.keys = Some(geokeys(1, 3072, 3857));
    let mut unplaced = ok();
    unplaced.georeferenced = false;
    let mut negative = ok();
    negative.nodata = None;
    let mut beyond_pole = ok();
    beyond_pole.top = 100.0;
    // 37 columns of 10°: 370° of longitude.
    let too_wide = Raster::random(37, 18, -180.0, 90.0, 10.0, 3);
    let mut bad_nodata = ok();
    bad_nodata.nodata = Some("none");
    let cases: Vec<(PathBuf, &[&str])> = vec![
        (written(dir.path(), "projected.tif", &projected), &["projected coordinate system", "EPSG:3857", "gdalwarp"]),
        (written(dir.path(), "unplaced.tif", &unplaced), &["no georeferencing", "ModelTiepoint"]),
        (written(dir.path(), "negative.tif", &negative), &["-99999 people", "cannot be negative", "nodata"]),
        (written(dir.path(), "pole.tif", &beyond_pole), &["beyond ±90°"]),
        (written(dir.path(), "wide.tif", &too_wide), &["more than once round the Earth"]),
        (written(dir.path(), "nodata.tif", &bad_nodata), &["GDAL_NODATA", "not a number"]),
        (dir.path().join("missing.tif"), &["cannot open it", "no such file"]),
        (Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"), &["not a TIFF file"]),
    ];
    // An RGB image: three bands.
    let rgb = dir.path().join("rgb.tif");
    {
        let mut tiff = TiffEncoder::new(std::fs::File::create(&rgb).unwrap()).unwrap();
        tiff.write_image::<colortype::RGB8>(2, 2, &[0u8; 12]).unwrap();
    }
    let mut cases = cases;
    cases.push((rgb, &["RGB", "one band of people per cell"]));
    for (path, needles) in &cases {
        let out = reachmap(&[
            "reach",
            "--site",
            "K=54.71,20.51",
            "--range-km",
            "1000",
            "--no-land",
            "--population-grid",
            path.to_str().unwrap(),
        ]);
        let mut all = vec!["--population-grid"];
        all.extend(needles.iter());
        assert_refusal(&out, 2, &all, path);
    }
}

#[test]
fn a_missing_grid_in_a_scenario_is_reported_at_its_key() {
    let dir = temp();
    let scenario = dir.path().join("s.toml");
    std::fs::write(
        &scenario,
        "[[sites]]\nname = \"K\"\nlat = 54.71\nlon = 20.51\n\n[[bands]]\nmin_km = 500\nmax_km = 1000\n\n[places]\npopulation_grid = \"nowhere.tif\"\n",
    )
    .unwrap();
    let out = reachmap(&["reach", scenario.to_str().unwrap(), "--no-land"]);
    assert_refusal(&out, 2, &["s.toml:11:", "[places] population_grid", "nowhere.tif", "no such file"], &"scenario");
}

/// The people in cells whose centre is closer than `radius_km` to the launch area, by the area's
/// own distance (its nearest point, Karney's inverse; `tests/buffer.rs` checks it against
/// GeographicLib) for every cell.
fn brute_force_area(raster: &Raster, area: &reachmap::buffer::LaunchArea, radius_km: f64) -> f64 {
    let mut total = 0.0;
    for r in 0..raster.height as usize {
        let lat = raster.top - (r as f64 + 0.5) * raster.cell;
        for c in 0..raster.width as usize {
            let v = raster.values[r * raster.width as usize + c];
            let lon = (raster.west + (c as f64 + 0.5) * raster.cell + 180.0).rem_euclid(360.0) - 180.0;
            if v > 0.0 && area.distance_m(geo::Point::new(lon, lat)) < radius_km * 1000.0 {
                total += v as f64;
            }
        }
    }
    total
}

#[test]
fn launch_areas_count_the_cells_within_range_of_their_nearest_point() {
    use geo::{MultiPolygon, polygon};
    use reachmap::buffer::LaunchArea;
    let area = |p: geo::Polygon| LaunchArea::new_polygons(MultiPolygon::new(vec![p]), "area").unwrap();
    // Kaliningrad Oblast's size; across 180° (Chukotka); near the pole (Svalbard), whose ranges
    // hold the pole.
    let oblast = area(polygon![(x: 19.6, y: 54.3), (x: 22.9, y: 54.3), (x: 22.9, y: 55.3), (x: 19.6, y: 55.3)]);
    let chukotka = area(polygon![(x: 175.0, y: 64.0), (x: 180.0, y: 64.0), (x: 180.0, y: 68.0), (x: 175.0, y: 68.0)]);
    let svalbard = area(polygon![(x: 11.0, y: 77.0), (x: 27.0, y: 77.0), (x: 27.0, y: 80.0), (x: 11.0, y: 80.0)]);
    let dir = temp();
    // A global grid (0° to 360° east, so that the western hemisphere is its eastern half).
    let raster = Raster::random(120, 60, 0.0, 90.0, 3.0, 23);
    let path = dir.path().join("global.tif");
    raster.write_f32(&path, Compression::Lzw);
    let grid = PopulationGrid::from_file(&path, "g").unwrap();
    for (name, launch, km) in [
        ("oblast", &oblast, 480.0),
        ("oblast", &oblast, 2_350.0),
        ("chukotka", &chukotka, 3_000.0),
        ("svalbard", &svalbard, 1_500.0),
        ("svalbard", &svalbard, 0.1),
    ] {
        let got = grid.people_near_m(launch, km * 1000.0).unwrap();
        assert_eq!(got, brute_force_area(&raster, launch, km), "{name}, {km} km");
    }
    // A 2.5′ grid over the oblast: the 480 km edge crosses hundreds of its cells, and cells
    // inside the area itself count.
    let raster = Raster::random(240, 120, 15.0, 60.0, 2.5 / 60.0, 29);
    let path = dir.path().join("fine.tif");
    raster.write_f64(&path);
    let grid = PopulationGrid::from_file(&path, "g").unwrap();
    for km in [1.0, 100.0, 480.0] {
        assert_eq!(grid.people_near_m(&oblast, km * 1000.0).unwrap(), brute_force_area(&raster, &oblast, km), "{km}");
    }
    // Bands and estimates, as a site's.
    let km = |v| Radius::from_km(v, "r").unwrap();
    let band = grid.people_near(&oblast, &Reach::band(km(100.0), km(480.0), "band").unwrap()).unwrap();
    let (inner, outer) = (brute_force_area(&raster, &oblast, 100.0), brute_force_area(&raster, &oblast, 480.0));
    assert_eq!(band.people, outer - inner);
    let estimate = grid.people_near(&oblast, &Reach::Estimate { low: km(100.0), high: km(480.0) }).unwrap();
    assert_eq!((estimate.people, estimate.people_within_low), (outer, Some(inner)));
    // `reach --area` reports it, as from a site.
    let area_arg = common::cli::box_area(dir.path(), "Oblast", [19.6, 54.3, 22.9, 55.3]);
    let json = stdout(&reachmap(&[
        "reach",
        "--area",
        &area_arg,
        "--range-km",
        "480",
        "--no-land",
        "--format",
        "json",
        "--population-grid",
        path.to_str().unwrap(),
    ]));
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["results"][0]["totals"]["grid_population"].as_f64(), Some(outer));
}
