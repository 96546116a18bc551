//! Where a map's time goes: the Europe example (4 sites × 500, 2,500 and 5,500 km, 2,400 px
//! wide) from base map decoding to PNG and PDF bytes. `cargo bench --bench render`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use reachmap::basemap::{Detail, Layer, features};
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
    for layer in [Layer::Land, Layer::Countries, Layer::Lakes] {
        black_box(features(layer, Detail::Medium).unwrap());
    }
    eprintln!("decoding the 1:50m base map (land, countries, lakes): {:?}", start.elapsed());

    let spec = spec();
    let mut group = c.benchmark_group("europe_2400px");
    group.sample_size(10);
    group.bench_function("compose (project, clip, lay out)", |b| b.iter(|| black_box(compose(&spec).unwrap())));
    let scene = compose(&spec).unwrap();
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

criterion_group!(benches, render);
criterion_main!(benches);
