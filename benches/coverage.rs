//! Exact classification at scale: all 34,000 gazetteer places against 1,000 sites × 2,500 km
//! (34 million site–place pairs), against brute force (Karney's inverse for every pair).
//! `cargo bench --bench reach`.

use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use rayon::prelude::*;
use reachmap::coverage::{PlaceIndex, distance_and_bearing};
use reachmap::places::gazetteer;
use reachmap::{Radius, Reach, Site};

/// 1,000 sites spread evenly over the globe (a Fibonacci lattice), deterministic.
fn sites() -> Vec<Site> {
    let n = 1_000;
    (0..n)
        .map(|i| {
            let z = 1.0 - 2.0 * (f64::from(i) + 0.5) / f64::from(n);
            let lon = (f64::from(i) * 137.507_764_050_037_85).rem_euclid(360.0) - 180.0;
            Site::new(&format!("s{i}"), z.asin().to_degrees(), lon).unwrap()
        })
        .collect()
}

fn classify(c: &mut Criterion) {
    let index = PlaceIndex::new(gazetteer().unwrap().to_vec());
    let sites = sites();
    let reach = Reach::Within(Radius::from_km(2_500.0, "r").unwrap());
    let pairs = sites.len() * index.places().len();

    // Brute force on 20 sites, extrapolated per pair; the indexed answer must be the same.
    let start = Instant::now();
    for site in &sites[..20] {
        let brute: Vec<usize> = (0..index.places().len())
            .filter(|&i| {
                let p = &index.places()[i];
                reach.contains_distance(distance_and_bearing(site, p).0)
            })
            .collect();
        assert_eq!(brute, index.within(site, &reach));
    }
    let per_pair = start.elapsed().as_secs_f64() / (20 * index.places().len()) as f64;
    eprintln!(
        "brute force: {:.2} µs per pair → {:.1} s for {pairs} pairs, one thread",
        per_pair * 1e6,
        per_pair * pairs as f64
    );
    let (mut screened, mut exact, mut inside) = (0u64, 0u64, 0usize);
    for site in &sites {
        let (found, effort) = index.within_counted(site, &reach);
        screened += effort.screened;
        exact += effort.exact;
        inside += found.len();
    }
    eprintln!(
        "indexed: {screened} pairs screened ({:.1} %), {exact} exact solutions ({:.3} % of pairs), {inside} inside",
        100.0 * screened as f64 / pairs as f64,
        100.0 * exact as f64 / pairs as f64
    );

    let mut group = c.benchmark_group("classify_34k_places_x_1000_sites");
    group.sample_size(10);
    group.bench_function("indexed, parallel", |b| {
        b.iter(|| black_box(sites.par_iter().map(|s| index.within(s, &reach).len()).sum::<usize>()))
    });
    group.bench_function("indexed, one thread", |b| {
        b.iter(|| black_box(sites.iter().map(|s| index.within(s, &reach).len()).sum::<usize>()))
    });
    group.finish();
}

criterion_group!(benches, classify);
criterion_main!(benches);
