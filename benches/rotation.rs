//! Cost of a range over the rotating Earth: one site and range (the DF-26's 4,000 km from
//! Hainan), its region at the map's 100 m and at the default 10 m tolerance, and one direction's
//! longest trajectory (the unit the region is sampled from). Prints vertex counts.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use reachmap::rotation::{RotatingRange, region};
use reachmap::{Radius, Reach, Site, Tolerance};

fn rotation(c: &mut Criterion) {
    let hainan = Site::new("Hainan", 18.25, 109.5).unwrap();
    let radius = Radius::from_km(4_000.0, "r").unwrap();
    let reach = Reach::Within(radius);
    let range = RotatingRange::new(&hainan, radius).unwrap();
    for metres in [100.0, 10.0] {
        let tolerance = Tolerance::from_m(metres, "t").unwrap();
        let vertices = range.boundary(tolerance, 180.0).len() - 1;
        let circle = reachmap::GeodesicCircle::new(&hainan, radius).boundary(tolerance).len() - 1;
        eprintln!("4,000 km from Hainan at {metres} m: {vertices} vertices (the circle: {circle})");
    }
    let mut group = c.benchmark_group("rotating_4000km_hainan");
    group.sample_size(20);
    for metres in [100.0, 10.0] {
        let tolerance = Tolerance::from_m(metres, "t").unwrap();
        group.bench_function(format!("region at {metres} m"), |b| {
            b.iter(|| black_box(region(&reach, &hainan, tolerance, 0.0).unwrap()))
        });
    }
    group.bench_function("one direction", |b| b.iter(|| black_box(range.range_m(black_box(75.0)))));
    group.finish();
}

criterion_group!(benches, rotation);
criterion_main!(benches);
