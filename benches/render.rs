//! Where a map's time goes: the Europe example (4 sites × 500, 2,500 and 5,500 km, 2,400 px
//! wide) from base map decoding to PNG and PDF bytes. `cargo bench --bench render`.

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use reachmap::basemap::{BaseLayer, Detail, features};
use reachmap::frame::{Frame, Preset};
use reachmap::map::{MapSpec, compose};
use reachmap::render::{render_pdf, render_png, render_svg, svg_tree};
use reachmap::{Radius, Reach, Site};

fn spec() -> MapSpec {
    let sites = [
        ("Kaliningrad", 54.71, 20.51),
        ("Redzikowo", 54.48, 17.10),
        ("Deveselu", 44.08, 24.09),
        ("Grafenwöhr", 49.70, 11.94),
    ]
    .iter()
    .map(|&(n, lat, lon)| Site::new(n, lat, lon).unwrap())
    .collect();
    let reaches =
        [500.0, 2_500.0, 5_500.0].iter().map(|&km| Reach::Within(Radius::from_km(km, "r").unwrap())).collect();
    MapSpec::plain(Frame::preset(Preset::Europe, 2400, None, 0.0).unwrap(), 300.0, sites, reaches)
}

fn render(c: &mut Criterion) {
    // Decoding happens once per run; measured here on first use, outside criterion's loop.
    let start = std::time::Instant::now();
    for layer in [BaseLayer::Land, BaseLayer::Countries, BaseLayer::Lakes] {
        black_box(features(layer, Detail::Medium).unwrap());
    }
    eprintln!("decoding the 1:50m base map (land, countries, lakes): {:?}", start.elapsed());

    let mut group = c.benchmark_group("europe_2400px");
    group.sample_size(10);
    // A fresh frame each time: a frame remembers the vertices it has projected.
    group.bench_function("compose (project, clip, lay out)", |b| {
        b.iter_batched(spec, |spec| black_box(compose(&spec).unwrap()), BatchSize::LargeInput)
    });
    let scene = compose(&spec()).unwrap();
    group.bench_function("svg", |b| b.iter(|| black_box(render_svg(&scene))));
    let svg = render_svg(&scene);
    group.bench_function("parse svg (shared by png and pdf)", |b| b.iter(|| black_box(svg_tree(&svg).unwrap())));
    let tree = svg_tree(&svg).unwrap();
    eprintln!(
        "europe_2400px: PNG {} bytes, PDF {} bytes",
        render_png(&scene, &tree).unwrap().len(),
        render_pdf(&scene, &tree).unwrap().len()
    );
    group.bench_function("png (rasterise, encode)", |b| b.iter(|| black_box(render_png(&scene, &tree).unwrap())));
    group.bench_function("pdf (convert)", |b| b.iter(|| black_box(render_pdf(&scene, &tree).unwrap())));
    group.bench_function("png (parse svg, rasterise, encode)", |b| {
        b.iter(|| black_box(render_png(&scene, &svg_tree(&svg).unwrap()).unwrap()))
    });
    group.bench_function("pdf (parse svg, convert)", |b| {
        b.iter(|| black_box(render_pdf(&scene, &svg_tree(&svg).unwrap()).unwrap()))
    });
    group.finish();
}

/// Label placement with many candidates: 30 sites within 1,000 km of Warsaw with 3 ranges, and
/// as places every capital plus every city of 100,000 or more (about 6,400 candidates, most
/// of them off the page or without room). Compared with the same map without places.
fn crowded(c: &mut Criterion) {
    let sites: Vec<Site> = (0..30)
        .map(|i| {
            let a = f64::from(i) * 2.399_963;
            let r = 8.0 * (f64::from(i) / 30.0).sqrt();
            Site::new(&format!("Site {i}"), 52.23 + r * a.sin() * 0.6, 21.01 + r * a.cos()).unwrap()
        })
        .collect();
    let reaches: Vec<Reach> =
        [500.0, 1_000.0, 2_500.0].iter().map(|&km| Reach::Within(Radius::from_km(km, "r").unwrap())).collect();
    let plain = || {
        MapSpec::plain(Frame::preset(Preset::Europe, 2400, None, 0.0).unwrap(), 300.0, sites.clone(), reaches.clone())
    };
    let mut places = reachmap::places::capitals().unwrap();
    places.extend(reachmap::places::gazetteer().unwrap().iter().filter(|p| p.population >= 100_000).cloned());
    eprintln!("crowded map: {} candidate places", places.len());
    let with_places = || {
        let mut spec = plain();
        spec.places = places.clone();
        spec
    };
    let mut group = c.benchmark_group("crowded_30_sites");
    group.sample_size(10);
    group.bench_function("compose, no places", |b| {
        b.iter_batched(plain, |spec| black_box(compose(&spec).unwrap()), BatchSize::LargeInput)
    });
    group.bench_function("compose, capitals and cities over 100,000", |b| {
        b.iter_batched(with_places, |spec| black_box(compose(&spec).unwrap()), BatchSize::LargeInput)
    });
    let scene = compose(&with_places()).unwrap();
    let placed = scene.layers.iter().find(|l| l.id == "places").map_or(0, |l| l.items.len() / 2);
    eprintln!("crowded map: {placed} places placed");
    group.finish();
}

/// A regional frame at 1:10m against the Europe map: the South China Sea example's frame
/// (2,600 km wide, Lambert azimuthal equal-area at 15° N 118° E) with the example's three sites
/// and ranges, 2,400 px wide, compared with the Europe map above. The 1:10m layers are
/// inflated and decoded once per run, measured here on first use.
fn regional(c: &mut Criterion) {
    let start = std::time::Instant::now();
    for layer in [BaseLayer::Land, BaseLayer::Countries] {
        black_box(features(layer, Detail::Fine).unwrap());
    }
    eprintln!("inflating and decoding the 1:10m base map (land, countries): {:?}", start.elapsed());
    let spec = || {
        let frame = reachmap::frame::FrameSpec::lonlat_box(
            "+proj=laea +lat_0=15 +lon_0=118",
            "proj",
            [104.0, 2.0, 128.0, 26.0],
            "box",
        )
        .unwrap()
        .build(2400, None, 0.0)
        .unwrap();
        let sites = [("Sanya", 18.25, 109.50), ("Basco", 20.45, 121.97), ("Puerto Princesa", 9.74, 118.74)]
            .iter()
            .map(|&(n, lat, lon)| Site::new(n, lat, lon).unwrap())
            .collect();
        let reaches = [499.0, 1_450.0].iter().map(|&km| Reach::Within(Radius::from_km(km, "r").unwrap())).collect();
        MapSpec::plain(frame, 300.0, sites, reaches)
    };
    let mut group = c.benchmark_group("south_china_sea_2400px");
    group.sample_size(10);
    group.bench_function("compose (project, clip, lay out)", |b| {
        b.iter_batched(spec, |spec| black_box(compose(&spec).unwrap()), BatchSize::LargeInput)
    });
    let scene = compose(&spec()).unwrap();
    group.bench_function("svg", |b| b.iter(|| black_box(render_svg(&scene))));
    let svg = render_svg(&scene);
    group.bench_function("png (parse svg, rasterise, encode)", |b| {
        b.iter(|| black_box(render_png(&scene, &svg_tree(&svg).unwrap()).unwrap()))
    });
    group.bench_function("pdf (parse svg, convert)", |b| {
        b.iter(|| black_box(render_pdf(&scene, &svg_tree(&svg).unwrap()).unwrap()))
    });
    group.finish();
}

criterion_group!(benches, render, crowded, regional);
criterion_main!(benches);
