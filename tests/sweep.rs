//! Sweeps against brute force: every candidate's totals equal a classification of every place
//! by Karney's inverse (a whole small grid; random candidates of a large one; a box across 180°
//! and one at the pole), for ranges, bands and low/high estimates; the screen's first-order
//! distance within its stated error of Karney's; the grid's spacing on the ellipsoid; ranking.

use geo::{Contains, Point};
use reachmap::coverage::{PlaceIndex, Tally, first_order_distance_m};
use reachmap::geodesy::distance_m;
use reachmap::places::{Place, gazetteer};
use reachmap::sweep::{Candidate, Grid, Metric, Region, best_separated, rank, sweep, sweep_grid};
use reachmap::{Radius, Reach, Site};

/// A small deterministic generator (SplitMix64), so failures can be replayed.
struct Random(u64);

impl Random {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// The tallies by brute force: Karney's inverse to every place.
fn brute(places: &[Place], site: &Site, reach: &Reach) -> (Tally, Option<Tally>) {
    let mut within = Tally::default();
    let mut low = reach.low().map(|_| Tally::default());
    for p in places {
        let d = distance_m(site.point(), Point::new(p.lon, p.lat));
        if !reach.contains_distance(d) {
            continue;
        }
        within.places += 1;
        within.capitals += u64::from(p.capital);
        within.population += p.population;
        if let (Some(r), Some(t)) = (reach.low(), &mut low)
            && d < r.meters()
        {
            t.places += 1;
            t.capitals += u64::from(p.capital);
            t.population += p.population;
        }
    }
    (within, low)
}

fn reaches() -> Vec<Reach> {
    let km = |v: f64| Radius::from_km(v, "r").unwrap();
    vec![
        Reach::Within(km(2_776.0)),
        Reach::Within(km(500.0)),
        Reach::band(km(500.0), km(5_500.0), "band").unwrap(),
        Reach::Estimate { low: km(480.0), high: km(2_350.0) },
    ]
}

fn assert_matches_brute(index: &PlaceIndex, sites: &[Site], reach: &Reach, what: &str) {
    for site in sites {
        let (tallies, _) = index.tally(site, reach);
        let (within, low) = brute(index.places(), site, reach);
        assert_eq!(tallies.reach, within, "{what}: {reach:?} at {:?}", site.point());
        assert_eq!(tallies.low, low, "{what}: low figure of {reach:?} at {:?}", site.point());
    }
}

#[test]
fn a_whole_small_grid_equals_brute_force() {
    let index = PlaceIndex::new(gazetteer().unwrap().to_vec());
    let belgium = Region::countries(&["Belgium".to_string()], "country").unwrap();
    let grid = Grid::new(&belgium, 30.0, "step").unwrap();
    let sites = grid.candidates().unwrap();
    assert!((25..=60).contains(&sites.len()), "{} candidates", sites.len());
    for reach in reaches() {
        assert_matches_brute(&index, &sites, &reach, "Belgium every 30 km");
    }
}

#[test]
fn random_candidates_of_a_large_grid_equal_brute_force() {
    let index = PlaceIndex::new(gazetteer().unwrap().to_vec());
    let names = ["Poland", "Germany", "Romania"].map(String::from);
    let region = Region::countries(&names, "country").unwrap();
    let grid = Grid::new(&region, region.default_step_km(), "step").unwrap();
    let sites = grid.candidates().unwrap();
    // The default step aims at about 10,000 candidates.
    assert!((9_000..=11_000).contains(&sites.len()), "{} candidates", sites.len());
    let mut random = Random(13);
    let picked: Vec<Site> = (0..12).map(|_| sites[(random.next() * sites.len() as f64) as usize].clone()).collect();
    for reach in reaches() {
        assert_matches_brute(&index, &picked, &reach, "Poland, Germany and Romania");
    }
}

#[test]
fn grids_across_the_antimeridian_and_at_the_pole_equal_brute_force() {
    let index = PlaceIndex::new(gazetteer().unwrap().to_vec());
    let across = Region::lonlat_box([170.0, 50.0, -170.0, 66.0], "box").unwrap();
    let grid = Grid::new(&across, 150.0, "step").unwrap();
    let sites = grid.candidates().unwrap();
    assert!(sites.iter().any(|s| s.lon_deg() > 170.0) && sites.iter().any(|s| s.lon_deg() < -170.0));
    assert!(sites.iter().all(|s| s.lon_deg() >= 170.0 || s.lon_deg() <= -170.0), "a candidate outside the box");
    let polar = Region::lonlat_box([-180.0, 80.0, 180.0, 90.0], "box").unwrap();
    let polar_sites = Grid::new(&polar, 300.0, "step").unwrap().candidates().unwrap();
    assert!(polar_sites.iter().any(|s| s.lat_deg() > 88.0), "no candidate near the pole");
    let km = |v: f64| Radius::from_km(v, "r").unwrap();
    for reach in [Reach::Within(km(3_000.0)), Reach::Within(km(19_990.0))] {
        assert_matches_brute(&index, &sites[..sites.len().min(15)], &reach, "across 180°");
        assert_matches_brute(&index, &polar_sites[..polar_sites.len().min(10)], &reach, "at the pole");
    }
}

/// Sites anywhere and radii from 20 km to nearly the antipode: whole cells of places settled at
/// once must count exactly what Karney's inverse to every place counts.
#[test]
fn random_sites_and_radii_anywhere_equal_brute_force() {
    let index = PlaceIndex::new(gazetteer().unwrap().to_vec());
    let mut random = Random(29);
    let km = |v: f64| Radius::from_km(v, "r").unwrap();
    for k in 0..24 {
        let lat = (2.0 * random.next() - 1.0).asin().to_degrees();
        let lon = 360.0 * random.next() - 180.0;
        // Every sixth site on a place itself, where a cell's centre may lie.
        let site = if k % 6 == 0 {
            let p = &index.places()[(random.next() * index.places().len() as f64) as usize];
            Site::new("on a place", p.lat, p.lon).unwrap()
        } else {
            Site::new("anywhere", lat, lon).unwrap()
        };
        let r = 20.0 * (1_000.0f64).powf(random.next());
        let reach = match k % 3 {
            0 => Reach::Within(km(r)),
            1 => Reach::band(km(r * 0.4), km(r), "band").unwrap(),
            _ => Reach::Estimate { low: km(r * 0.6), high: km(r) },
        };
        assert_matches_brute(&index, &[site], &reach, "random");
    }
}

#[test]
fn the_farthest_place_within_range_is_brute_forces() {
    // The margin's distance: the farthest of the whole gazetteer closer than the range, against
    // Karney's inverse to every place, for random sites (some on a place) and ranges from 20 to
    // 20,000 km, and candidates of a sweep across Europe.
    let places = gazetteer().unwrap().to_vec();
    let index = PlaceIndex::new(places.clone());
    let mut random = Random(31);
    let mut sites: Vec<(Site, f64)> = Vec::new();
    for k in 0..30 {
        let site = if k % 5 == 0 {
            let p = &places[(random.next() * places.len() as f64) as usize];
            Site::new("on a place", p.lat, p.lon).unwrap()
        } else {
            let lat = (2.0 * random.next() - 1.0).asin().to_degrees();
            Site::new("anywhere", lat, 360.0 * random.next() - 180.0).unwrap()
        };
        sites.push((site, 20_000.0 * (1_000.0f64).powf(random.next())));
    }
    for k in 0..20 {
        let site = Site::new("Europe", 45.0 + 10.0 * random.next(), 5.0 + 20.0 * random.next()).unwrap();
        sites.push((site, 2_776_000.0 + 1_000.0 * k as f64));
    }
    for (site, radius_m) in sites {
        let brute = places
            .iter()
            .map(|p| distance_m(site.point(), Point::new(p.lon, p.lat)))
            .filter(|&d| d < radius_m)
            .reduce(f64::max);
        assert_eq!(index.farthest_within_m(&site, radius_m), brute, "{site:?}, {radius_m} m");
    }
}

#[test]
fn the_first_order_distance_is_within_its_stated_error_of_karneys() {
    // The screen trusts it to 5e-5 of the distance; its error must stay well inside that.
    let mut random = Random(7);
    let mut worst: f64 = 0.0;
    for k in 0..100_000 {
        let lat1 = (2.0 * random.next() - 1.0).asin().to_degrees();
        let lon1 = 360.0 * random.next() - 180.0;
        let (lat2, lon2) = if k % 2 == 0 {
            ((2.0 * random.next() - 1.0).asin().to_degrees(), 360.0 * random.next() - 180.0)
        } else {
            // Nearby pairs, the common case of a sweep.
            ((lat1 + 40.0 * (random.next() - 0.5)).clamp(-90.0, 90.0), lon1 + 60.0 * (random.next() - 0.5))
        };
        let Some(d) = first_order_distance_m(lat1, lon1, lat2, lon2) else { continue };
        let s = distance_m(Point::new(lon1, lat1), Point::new(reachmap::geodesy::wrap_lon(lon2), lat2));
        worst = worst.max((d - s).abs() / s);
    }
    // Measured with GeographicLib (Python, 200,000 pairs): 6.63e-6.
    assert!(worst < 1e-5, "worst relative error {worst:e}");
    assert!(worst > 1e-7, "the comparison measured nothing: {worst:e}");
}

#[test]
fn the_grid_is_step_apart_on_the_ellipsoid() {
    let poland = Region::countries(&["Poland".to_string()], "country").unwrap();
    let step_km = 20.0;
    let grid = Grid::new(&poland, step_km, "step").unwrap();
    // Rows are the step apart along the meridian (Karney's direct solution), to a millimetre.
    for pair in grid.rows.windows(2) {
        let d = distance_m(Point::new(19.0, pair[0].lat_deg), Point::new(19.0, pair[1].lat_deg));
        assert!((d - step_km * 1000.0).abs() < 1e-3, "rows {d} m apart");
    }
    let points = grid.points();
    // Neighbours along a row: the step along the parallel, which the geodesic between them
    // cuts short by far less than a metre at this spacing.
    for pair in points.windows(2).filter(|p| p[0].row == p[1].row && p[1].col == p[0].col + 1) {
        let d = distance_m(Point::new(pair[0].lon_deg, pair[0].lat_deg), Point::new(pair[1].lon_deg, pair[1].lat_deg));
        assert!((d - step_km * 1000.0).abs() < 1.0, "neighbours {d} m apart");
    }
    // Every candidate is inside Poland, and there are about area / step² of them.
    let candidates: Vec<_> = points.iter().filter(|p| p.candidate).collect();
    for p in &candidates {
        assert!(poland.shape.contains(&Point::new(p.lon_deg, p.lat_deg)), "{p:?} outside Poland");
    }
    let expected = poland.area_km2() / (step_km * step_km);
    let ratio = candidates.len() as f64 / expected;
    assert!((0.97..1.03).contains(&ratio), "{} candidates for {expected:.0} expected", candidates.len());
    // Points next to the region are valued for the field but are not candidates.
    assert!(points.iter().any(|p| !p.candidate && !poland.shape.contains(&Point::new(p.lon_deg, p.lat_deg))));
}

#[test]
fn a_grid_sweep_ranks_its_candidates_by_value() {
    let index = PlaceIndex::new(gazetteer().unwrap().to_vec());
    let belgium = Region::countries(&["Belgium".to_string()], "country").unwrap();
    let grid = Grid::new(&belgium, 20.0, "step").unwrap();
    let reach = Reach::Within(Radius::from_km(300.0, "r").unwrap());
    let result = sweep_grid(&index, &grid, &reach, Metric::Population).unwrap();
    assert_eq!(result.ranked.len(), grid.candidates().unwrap().len());
    assert!(result.ranked.windows(2).all(|w| w[0].value >= w[1].value));
    assert!(result.ranked.iter().enumerate().all(|(k, s)| s.rank == k + 1));
    let best = &result.ranked[0];
    let site = Site::new("best", best.lat_deg, best.lon_deg).unwrap();
    assert_eq!(best.value, brute(index.places(), &site, &reach).0.population);
    // The field at a candidate is its value.
    let at = result.field.at(best.lon_deg, best.lat_deg).unwrap();
    assert!((at - best.value as f64).abs() < 1e-6 * best.value as f64, "{at} against {}", best.value);
    // The starred sites are the given distance apart.
    let starred = best_separated(&result.ranked, 3, 60_000.0);
    for (i, a) in starred.iter().enumerate() {
        for b in &starred[i + 1..] {
            assert!(distance_m(Point::new(a.lon_deg, a.lat_deg), Point::new(b.lon_deg, b.lat_deg)) >= 60_000.0);
        }
    }
}

/// Of candidates reaching the same number of targets, the one with the most range to spare
/// ranks first (its margin: the range less the distance to the farthest target it reaches,
/// by Karney's inverse); equal margins are broken by the population within range, then by the
/// order given. `rank` alone (no margins) breaks ties by population.
#[test]
fn ties_on_a_count_are_broken_by_the_margin_then_the_population_within_range() {
    let target = |name: &str, lat: f64, lon: f64, population: u64| Place {
        name: name.into(),
        country_code: String::new(),
        country: String::new(),
        lat,
        lon,
        population,
        capital: false,
        extra: Vec::new(),
    };
    // Two targets 100 km either side of the equator at 0° E, the larger to the north.
    let index = PlaceIndex::new(vec![target("north", 0.9, 0.0, 500), target("south", -0.9, 0.0, 100)]);
    let candidate =
        |name: &str, lat: f64| Candidate { name: Some(name.into()), site: Site::new(name, lat, 0.0).unwrap() };
    let candidates = vec![candidate("far south", -1.5), candidate("south", -0.8), candidate("north", 0.8)];
    let reach = Reach::Within(Radius::from_km(120.0, "r").unwrap());
    let ranked = sweep(&index, &candidates, &reach, Metric::Targets);
    let names: Vec<&str> = ranked.iter().map(|s| s.name.as_deref().unwrap()).collect();
    // Each candidate reaches one target. "north" and "south" stand 0.1° from theirs, with the
    // same range to spare (mirror images across the equator), and the one reaching the larger
    // ranks first; "far south", 0.6° from its target, has the least to spare and ranks last.
    assert_eq!(names, ["north", "south", "far south"]);
    assert_eq!(ranked.iter().map(|s| s.value).collect::<Vec<_>>(), [1, 1, 1]);
    for s in &ranked {
        let site = Site::new("c", s.lat_deg, s.lon_deg).unwrap();
        let farthest = index
            .places()
            .iter()
            .map(|p| distance_m(site.point(), Point::new(p.lon, p.lat)))
            .filter(|&d| d < 120_000.0)
            .fold(0.0, f64::max);
        let margin = s.margin_km.unwrap();
        assert!((margin - (120.0 - farthest / 1000.0)).abs() < 1e-9, "{margin} against {farthest}");
    }
    // Without margins, ties are broken by the population, then by the order given.
    let tallies: Vec<_> = candidates.iter().map(|c| index.tally(&c.site, &reach).0).collect();
    let by_places = rank(&candidates, &tallies, Metric::Places);
    assert_eq!(
        by_places.iter().map(|s| s.name.as_deref().unwrap()).collect::<Vec<_>>(),
        ["north", "far south", "south"]
    );
}

/// The tied sweep of issue 19: Dark Eagle sites in Poland, Germany and Romania against five
/// targets. Thousands of candidates reach all five; the stars are the candidates with the most
/// range to spare, each margin exact (Karney's distance to the farthest target), and no
/// candidate worth 0 is ever starred.
#[test]
fn tied_sweep_stars_the_largest_margins_and_never_a_site_worth_nothing() {
    use reachmap::sweep::{RankFigure, best_separated_by};
    let target = |name: &str, lat: f64, lon: f64| Place {
        name: name.into(),
        country_code: String::new(),
        country: String::new(),
        lat,
        lon,
        population: 0,
        capital: false,
        extra: Vec::new(),
    };
    let targets = vec![
        target("Moscow", 55.7558, 37.6173),
        target("Saint Petersburg", 59.9386, 30.3141),
        target("Minsk", 53.9, 27.5667),
        target("Kaliningrad", 54.71, 20.51),
        target("Murmansk", 68.9792, 33.0925),
    ];
    let index = PlaceIndex::new(targets.clone());
    let region = Region::countries(&["Poland".into(), "Germany".into(), "Romania".into()], "country").unwrap();
    let grid = Grid::new(&region, 40.0, "step").unwrap();
    let reach = Reach::Within(Radius::from_km(2_776.0, "r").unwrap());
    let result = sweep_grid(&index, &grid, &reach, Metric::Targets).unwrap();
    let all = result.ranked.iter().filter(|s| s.value == 5).count();
    assert!(all > 100, "{all} candidates reach all five");
    // Within the tie, margins never grow down the ranking, and each is exact.
    let tied = &result.ranked[..all];
    assert!(tied.windows(2).all(|w| w[0].margin_km >= w[1].margin_km));
    for s in tied.iter().step_by(97).chain(tied.last()) {
        let site = Site::new("c", s.lat_deg, s.lon_deg).unwrap();
        let farthest = targets.iter().map(|t| distance_m(site.point(), Point::new(t.lon, t.lat))).fold(0.0, f64::max);
        assert!((s.margin_km.unwrap() - (2_776.0 - farthest / 1000.0)).abs() < 1e-6);
    }
    // The first star has the largest margin of all the tied candidates: more than a site on
    // Romania's southern edge, which reaches Murmansk with little to spare.
    let stars = best_separated_by(&result.ranked, 5, 100_000.0, RankFigure::Low);
    let largest = tied.iter().map(|s| s.margin_km.unwrap()).fold(0.0, f64::max);
    assert_eq!(stars[0].margin_km.unwrap(), largest);
    assert!(stars.iter().all(|s| s.lat_deg > 46.0), "a star on Romania's southern edge");
    // Against targets out of reach, every candidate is worth 0 and none is starred.
    let far = PlaceIndex::new(vec![target("Fiery Cross Reef", 9.549, 112.889)]);
    let candidates: Vec<Candidate> = tied
        .iter()
        .take(50)
        .map(|s| Candidate { name: None, site: Site::new("c", s.lat_deg, s.lon_deg).unwrap() })
        .collect();
    let nothing = sweep(&far, &candidates, &reach, Metric::Targets);
    assert!(nothing.iter().all(|s| s.value == 0 && s.margin_km.is_none()));
    assert!(best_separated_by(&nothing, 5, 0.0, RankFigure::Low).is_empty());
}

/// Counts are drawn in whole-number classes: five targets give a key of 0 to 5 and nothing
/// above, whatever values the candidates have; a field that does not vary is one neutral class.
#[test]
fn counts_have_whole_number_classes_and_a_flat_field_one() {
    use reachmap::map::SweepMap;
    let map = |range: (f64, f64), metric: Metric, ceiling: Option<f64>| SweepMap {
        field: None,
        region: None,
        dots: Vec::new(),
        metric,
        title: String::new(),
        range,
        best_note: String::new(),
        key_notes: Vec::new(),
        count_ceiling: ceiling,
        high_field: None,
    };
    let five = map((4.0, 5.0), Metric::Targets, Some(5.0)).classes();
    assert_eq!(five.limits, [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]);
    assert_eq!(five.labels, ["0", "1", "2", "3", "4", "5"]);
    assert!(!five.at_limits && !five.flat);
    // Capitals from 3 to 40: whole-number classes of equal width, the last ending at 40.
    let capitals = map((3.0, 40.0), Metric::Capitals, None).classes();
    assert!(capitals.limits.windows(2).all(|w| w[1] - w[0] == capitals.limits[1] - capitals.limits[0]));
    assert!(capitals.labels.last().unwrap().ends_with("40"), "{:?}", capitals.labels);
    assert!(capitals.limits.iter().all(|l| l.fract() == 0.0 && *l <= 40.0));
    // Every candidate worth the same: one neutral class.
    let flat = map((0.0, 0.0), Metric::Targets, Some(3.0)).classes();
    assert!(flat.flat && flat.limits == [0.0]);
}
