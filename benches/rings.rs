//! Cost of range rings: one 5,500 km ring at 10 m tolerance, a batch of 1,000 rings, and the
//! bare Karney direct solutions a ring needs, so the sampler's own overhead can be read off.
//! `cargo bench --bench rings` also prints vertex counts per radius.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use reachmap::geodesy::{destination, distance_m};
use reachmap::{GeodesicCircle, Radius, Reach, Site, Tolerance};

fn kaliningrad() -> Site {
    Site::new("Kaliningrad", 54.71, 20.51).unwrap()
}

fn rings(c: &mut Criterion) {
    let site = kaliningrad();
    let tolerance = Tolerance::DEFAULT;
    for km in [500.0, 2_500.0, 5_500.0] {
        let circle = GeodesicCircle::new(&site, Radius::from_km(km, "r").unwrap());
        let (vertices, calls) = circle.boundary_counted(tolerance, 180.0);
        // A chord's error grows with the square of its length, so an edge whose worst error is
        // e × tolerance could have been √e edges' worth of the circle: Σ√e estimates the fewest
        // edges that meet the tolerance. The worst error is sampled at 15 interior points.
        let fewest: f64 = vertices
            .windows(2)
            .map(|e| {
                let (a, b) = (e[0].point, e[1].point);
                let worst = (1..16)
                    .map(|k| {
                        let f = k as f64 / 16.0;
                        let p = geo::Point::new(a.x() + (b.x() - a.x()) * f, a.y() + (b.y() - a.y()) * f);
                        (distance_m(site.point(), p) - km * 1000.0).abs()
                    })
                    .fold(0.0, f64::max);
                (worst / tolerance.meters()).sqrt()
            })
            .sum();
        eprintln!(
            "{km} km at 10 m: {} vertices (fewest possible ≈ {fewest:.0}), {calls} direct solutions",
            vertices.len() - 1
        );
    }

    let radius = Radius::from_km(5_500.0, "r").unwrap();
    let circle = GeodesicCircle::new(&site, radius);
    let (_, calls) = circle.boundary_counted(tolerance, 180.0);
    let mut group = c.benchmark_group("ring_5500km_10m");
    group.bench_function("boundary (sampler + geodesy)", |b| b.iter(|| black_box(circle.boundary(tolerance))));
    group.bench_function("region (boundary + cut + polygons)", |b| {
        b.iter(|| black_box(Reach::Within(radius).region(&site, tolerance)))
    });
    // For KML: every edge judged straight in lon/lat and as a great circle.
    let both = tolerance.with_great_circles();
    group.bench_function("region for KML (edges hold as great circles too)", |b| {
        b.iter(|| black_box(Reach::Within(radius).region(&site, both)))
    });
    group.bench_function(format!("bare direct solutions x{calls}"), |b| {
        b.iter(|| {
            for i in 0..calls {
                black_box(destination(site.point(), i as f64 * 360.0 / calls as f64, radius.meters()));
            }
        })
    });
    group.finish();

    // 1,000 rings: 250 sites across Europe and East Asia × 500, 1,000, 2,500 and 5,500 km.
    let sites: Vec<Site> = (0..250)
        .map(|i| {
            let lat = 10.0 + (i % 50) as f64;
            let lon = if i < 125 { -10.0 + (i % 25) as f64 * 2.0 } else { 100.0 + (i % 25) as f64 * 3.0 };
            Site::new("s", lat, lon).unwrap()
        })
        .collect();
    let radii: Vec<Reach> =
        [500.0, 1_000.0, 2_500.0, 5_500.0].iter().map(|&km| Reach::Within(Radius::from_km(km, "r").unwrap())).collect();
    let mut group = c.benchmark_group("batch");
    group.sample_size(10);
    group.bench_function("1000 rings, 10 m", |b| {
        b.iter(|| {
            for site in &sites {
                for reach in &radii {
                    black_box(reach.region(site, tolerance));
                }
            }
        })
    });
    group.finish();
}

criterion_group!(benches, rings);
criterion_main!(benches);
