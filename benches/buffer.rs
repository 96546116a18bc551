//! Cost of launch-area buffers: Kaliningrad Oblast (Natural Earth 1:50m, Russia's exclave) by
//! the 9M729's reported 2,350 km, a wiggly 200-vertex polygon of the same size by the same, and
//! Belarus (1:50m) by the INF Treaty's 5,500 km, at the
//! default 10 m tolerance. `cargo bench --bench buffer` also prints the areas' and the
//! buffers' vertex counts.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use geo::{Contains, MultiPolygon, Point};
use reachmap::basemap::{BaseLayer, Detail, features};
use reachmap::buffer::LaunchArea;
use reachmap::{Radius, Tolerance};

/// The 1:50m country named `name`, only its polygons that contain `inside` if given.
fn country(name: &str, inside: Option<Point>) -> MultiPolygon {
    let feature = features(BaseLayer::Countries, Detail::Medium)
        .unwrap()
        .iter()
        .find(|f| f.name.as_deref() == Some(name))
        .unwrap_or_else(|| panic!("no {name} in the base map"));
    let parts = feature.geometry.0.iter().filter(|p| inside.is_none_or(|q| p.contains(&q))).cloned().collect();
    MultiPolygon::new(parts)
}

/// A wiggly 200-vertex polygon of about 15,000 km² (Kaliningrad Oblast's size) around 54.7 N
/// 20.5 E: radius 69 km ± 12 %.
fn wiggly_oblast() -> MultiPolygon {
    let ring: Vec<(f64, f64)> = (0..200)
        .map(|k| {
            let a = k as f64 / 200.0 * std::f64::consts::TAU;
            let r_km = 69.0 * (1.0 + 0.12 * (7.0 * a).sin() * (3.0 * a).cos());
            (20.5 + r_km * a.cos() / 64.4, 54.7 + r_km * a.sin() / 111.3)
        })
        .collect();
    MultiPolygon::new(vec![geo::Polygon::new(geo::LineString::from(ring), vec![])])
}

fn vertices(shape: &MultiPolygon) -> usize {
    shape.0.iter().map(|p| p.exterior().0.len() + p.interiors().iter().map(|r| r.0.len()).sum::<usize>()).sum()
}

fn buffers(c: &mut Criterion) {
    let cases = [
        ("Kaliningrad Oblast + 2,350 km", country("Russia", Some(Point::new(20.51, 54.71))), 2_350.0),
        ("200-vertex oblast + 2,350 km", wiggly_oblast(), 2_350.0),
        ("Belarus + 5,500 km", country("Belarus", None), 5_500.0),
    ];
    let mut group = c.benchmark_group("buffer_10m");
    group.sample_size(10);
    for (name, shape, km) in cases {
        let area = LaunchArea::new_polygons(shape.clone(), "area").unwrap();
        let radius = Radius::from_km(km, "r").unwrap();
        let region = area.buffer(radius, Tolerance::DEFAULT).unwrap();
        eprintln!("{name}: area {} vertices, buffer {} vertices", vertices(&shape), vertices(&region));
        group.bench_function(name, |b| b.iter(|| black_box(area.buffer(radius, Tolerance::DEFAULT).unwrap())));
    }
    group.finish();
}

criterion_group!(benches, buffers);
criterion_main!(benches);
