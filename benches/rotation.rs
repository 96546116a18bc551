//! Cost of a range over the rotating Earth: one site and range (the DF-26's 4,000 km from
//! Hainan), its region at the map's 100 m and at the default 10 m tolerance, and one direction's
//! longest trajectory (the unit the region is sampled from); and a population sweep of the
//! DF-26's 4,000 km over China against the gazetteer, counted over the rotating Earth and as
//! quoted. Prints vertex and candidate counts.

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

fn sweep(c: &mut Criterion) {
    use reachmap::coverage::PlaceIndex;
    use reachmap::rotation::sweep::RotatingCounter;
    use reachmap::sweep::{Grid, Metric, RankFigure, Region, sweep_grid_by};
    let index = PlaceIndex::new(reachmap::places::gazetteer().unwrap().to_vec());
    let china = Region::countries(&["China".to_string()], "country").unwrap();
    let grid = Grid::new(&china, 200.0, "step").unwrap();
    let reach = Reach::Within(Radius::from_km(4_000.0, "r").unwrap());
    let latitudes: Vec<f64> = grid.points().iter().map(|p| p.lat_deg).collect();
    let rows = {
        let mut l = latitudes.clone();
        l.dedup();
        l.len()
    };
    eprintln!("China at 200 km: {} grid points in {rows} rows", latitudes.len());
    let mut group = c.benchmark_group("sweep_4000km_china_200km");
    group.sample_size(10);
    group.bench_function("non-rotating", |b| {
        b.iter(|| black_box(sweep_grid_by(&index, &grid, &reach, Metric::Population, RankFigure::Low).unwrap()))
    });
    group.bench_function("rotating", |b| {
        b.iter(|| {
            let counter = RotatingCounter::new(&index, &reach, &latitudes).unwrap();
            black_box(sweep_grid_by(&counter, &grid, &reach, Metric::Population, RankFigure::Low).unwrap())
        })
    });
    group.finish();
}

criterion_group!(benches, rotation, sweep);
criterion_main!(benches);
