//! Sweeps over the rotating Earth against brute force: for every candidate and every place, the
//! place's Karney distance against the rotating range solved towards its Karney azimuth
//! ([`RotatingRange::range_m`], itself checked against the integrated fixture in
//! `tests/rotation.rs`). The places are laid out around each candidate between 80 % and 120 %
//! of the quoted range, where the rotation moves the boundary, so that the answer differs from
//! the non-rotating one and the exact branches are taken.

use crate::common;

use reachmap::coverage::{PlaceIndex, Tallies, Tally};
use reachmap::geodesy::{destination, inverse};
use reachmap::places::Place;
use reachmap::rotation::RotatingRange;
use reachmap::rotation::sweep::{Directions, RotatingCounter};
use reachmap::sweep::{Candidate, Counter, Metric, RankFigure, sweep_by};
use reachmap::{Radius, Reach, Site};

/// A small deterministic generator (SplitMix64), so the places are the same on every run.
struct Random(u64);

impl Random {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn candidates() -> Vec<Candidate> {
    [
        ("Sanya", 18.25, 109.5),
        ("Taizhou", 28.66, 121.42),
        ("Equator", 0.0, 0.0),
        ("Kaliningrad", 54.71, 20.51),
        ("Petropavlovsk-Kamchatsky", 53.02, 158.65),
        ("60N", 60.0, -150.0),
    ]
    .iter()
    .map(|&(name, lat, lon)| Candidate { name: Some(name.into()), site: Site::new(name, lat, lon).expect("site") })
    .collect()
}

/// Places around every candidate, at 80–120 % of `quoted_km` in random directions (across ±180°
/// from Kamchatka, over the pole from 60° N).
fn places(candidates: &[Candidate], quoted_km: f64, per_candidate: usize) -> Vec<Place> {
    let mut random = Random(24);
    let mut out = Vec::new();
    for c in candidates {
        for k in 0..per_candidate {
            let azimuth = 360.0 * random.next();
            let d_m = quoted_km * 1000.0 * (0.8 + 0.4 * random.next());
            let p = destination(c.site.point(), azimuth, d_m);
            out.push(Place {
                name: format!("{} {k}", c.site.name()),
                country_code: "XX".into(),
                country: "Test".into(),
                lat: p.y(),
                lon: p.x(),
                population: 1 + (1000.0 * random.next()) as u64,
                capital: k % 7 == 0,
                extra: Vec::new(),
            });
        }
    }
    out
}

fn add(tally: &mut Tally, place: &Place) {
    tally.places += 1;
    tally.capitals += u64::from(place.capital);
    tally.population += place.population;
}

/// The brute force: every place against the rotating range of every limit towards it.
fn brute(site: &Site, reach: &Reach, places: &[Place]) -> (Tallies, Option<f64>) {
    let within = |radius: Radius, d: f64, az: f64| d < RotatingRange::new(site, radius).expect("domain").range_m(az);
    let mut tallies = Tallies { reach: Tally::default(), low: reach.low().map(|_| Tally::default()) };
    let mut spare: Option<f64> = None;
    for place in places {
        let (d, az) = inverse(site.point(), geo::Point::new(place.lon, place.lat));
        // The spare range is measured over every place within the figure ranked by (a band's
        // outer limit: the places inside its inner one too), as the non-rotating sweep does.
        let figure = RankFigure::Low.radius(reach);
        if within(figure, d, az) {
            let s = RotatingRange::new(site, figure).expect("domain").range_m(az) - d;
            spare = Some(spare.map_or(s, |m: f64| m.min(s)));
        }
        let counted = match *reach {
            Reach::Within(r) | Reach::Estimate { high: r, .. } => within(r, d, az),
            Reach::Band { min, max } => within(max, d, az) && !within(min, d, az),
        };
        if !counted {
            continue;
        }
        add(&mut tallies.reach, place);
        if let (Some(low), Some(tally)) = (reach.low(), &mut tallies.low)
            && within(low, d, az)
        {
            add(tally, place);
        }
    }
    (tallies, spare)
}

fn km(value: f64) -> Radius {
    Radius::from_km(value, "range").expect("radius")
}

#[test]
fn rotating_sweep_counts_as_brute_force_for_ranges_bands_and_estimates() {
    let candidates = candidates();
    let places = places(&candidates, 4_000.0, 250);
    let index = PlaceIndex::new(places.clone());
    let latitudes: Vec<f64> = candidates.iter().map(|c| c.site.lat_deg()).collect();
    for reach in [
        Reach::Within(km(4_000.0)),
        Reach::Band { min: km(3_600.0), max: km(4_400.0) },
        Reach::Estimate { low: km(3_800.0), high: km(4_200.0) },
    ] {
        let counter = RotatingCounter::new(&index, &reach, &latitudes).expect("counter");
        let mut differs = false;
        for c in &candidates {
            let (expected, spare) = brute(&c.site, &reach, &places);
            let got = counter.count(&c.site, &reach);
            assert_eq!(got, expected, "{} {reach:?}", c.site.name());
            differs |= got != index.tally(&c.site, &reach).0;
            let got_spare = counter.spare_m(&c.site, RankFigure::Low.radius(&reach));
            match (got_spare, spare) {
                (Some(a), Some(b)) => assert!((a - b).abs() < 1e-3, "{} spare {a} m, brute force {b} m", c.site.name()),
                (a, b) => assert_eq!(a, b),
            }
        }
        assert!(differs, "{reach:?}: the rotation changes no count; the test proves nothing");
    }
}

#[test]
fn rotating_sweep_ranks_by_the_rotating_values() {
    let candidates = candidates();
    let places = places(&candidates, 3_000.0, 150);
    let index = PlaceIndex::new(places.clone());
    let reach = Reach::Within(km(3_000.0));
    let latitudes: Vec<f64> = candidates.iter().map(|c| c.site.lat_deg()).collect();
    let counter = RotatingCounter::new(&index, &reach, &latitudes).expect("counter");
    let ranked = sweep_by(&counter, &candidates, &reach, Metric::Population, RankFigure::Low);
    assert_eq!(ranked.len(), candidates.len());
    for s in &ranked {
        let site = Site::new("candidate", s.lat_deg, s.lon_deg).expect("site");
        assert_eq!(s.value, brute(&site, &reach, &places).0.reach.population, "{:?}", s.name);
    }
    assert!(ranked.windows(2).all(|w| w[0].value >= w[1].value));
}

#[test]
fn tabulated_directions_bound_the_range_in_every_direction() {
    // The table's interpolation error, least and greatest range hold between its samples: at
    // every tenth of a degree the solved range lies within them.
    for (lat, quoted_km) in [(0.0, 5_500.0), (18.25, 4_000.0), (60.0, 500.0), (70.0, 10_000.0)] {
        let table = Directions::new(lat, km(quoted_km)).expect("table");
        let range = RotatingRange::new(&Site::new("s", lat, 0.0).expect("site"), km(quoted_km)).expect("range");
        for k in 0..3600 {
            let az = k as f64 / 10.0;
            let exact = range.range_m(az);
            let d = exact - 0.5;
            assert!(table.within(d, az) && !table.within(exact + 0.5, az), "{lat} {quoted_km} {az}");
        }
    }
}

/// `candidates.csv` and `targets.csv` in `dir`, for `sweep --candidates … --targets …` and a
/// scenario's `[sweep]`.
fn write_candidates_and_targets(dir: &std::path::Path, candidates: &[Candidate], places: &[Place]) {
    let mut text = String::from("name,lat,lon\n");
    for c in candidates {
        text.push_str(&format!("{},{},{}\n", c.site.name(), c.site.lat_deg(), c.site.lon_deg()));
    }
    std::fs::write(dir.join("candidates.csv"), text).expect("write");
    let mut targets = String::from("name,lat,lon\n");
    for p in places {
        targets.push_str(&format!("{},{:.9},{:.9}\n", p.name, p.lat, p.lon));
    }
    std::fs::write(dir.join("targets.csv"), targets).expect("write");
}

#[test]
fn sweep_earth_rotating_counts_targets_by_the_rotating_range() {
    // `reachmap sweep --earth rotating` over listed candidates, the DF-26 (ballistic, 3,000 to
    // 4,000 km) counting targets at 80-120 % of 4,000 km: every candidate's CSV value equals
    // the brute force, and differs from the non-rotating sweep's somewhere.
    let dir = tempfile::tempdir().expect("tempdir");
    let candidates = candidates();
    let places = places(&candidates, 4_000.0, 40);
    write_candidates_and_targets(dir.path(), &candidates, &places);
    let run = |earth: &str, out: &str| {
        let earth_args: &[&str] = if earth.is_empty() { &[] } else { &["--earth", earth] };
        let output = common::cli::command()
            .current_dir(dir.path())
            .args(["sweep", "--candidates", "candidates.csv", "--system", "df-26", "--metric", "targets"])
            .args(["--targets", "targets.csv", "-o", out])
            .args(earth_args)
            .output()
            .expect("run");
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        (
            std::fs::read_to_string(dir.path().join(out)).expect("csv"),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };
    let (rotating, stderr) = run("rotating", "rotating.csv");
    let (quoted, _) = run("non-rotating", "quoted.csv");
    // The default is the non-rotating sweep, byte for byte.
    assert_eq!(run("", "default.csv").0, quoted);
    assert!(stderr.contains("rotation"), "{stderr}");
    let targets: Vec<Place> = reachmap::places::from_file(&dir.path().join("targets.csv")).expect("targets");
    let reach = Reach::Estimate { low: km(3_000.0), high: km(4_000.0) };
    let mut reader = csv::Reader::from_reader(rotating.as_bytes());
    let headers = reader.headers().expect("headers").clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap_or_else(|| panic!("{name} in {headers:?}"));
    let (name, value, value_low) = (column("name"), column("value"), column("value_low"));
    let mut rows = 0;
    for row in reader.records() {
        let row = row.expect("row");
        let site = &candidates.iter().find(|c| c.name.as_deref() == Some(&row[name])).expect("candidate").site;
        let expected = brute(site, &reach, &targets).0;
        assert_eq!(row[value].parse::<u64>().expect("value"), expected.reach.places, "{row:?}");
        assert_eq!(row[value_low].parse::<u64>().expect("value_low"), expected.low.expect("low").places, "{row:?}");
        rows += 1;
    }
    assert_eq!(rows, candidates.len());
    assert_ne!(rotating, quoted, "the rotation changes nothing: the test proves nothing");
}

#[test]
fn auxiliary_sphere_azimuths_stay_within_their_bound() {
    // The sweep settles a place by its azimuth on the auxiliary sphere when the range over
    // every direction within azimuth_bound_rad of it leaves no doubt. Against Karney's azimuth
    // on 100,000 random pairs up to the 2.6 rad the sweep uses it for, the difference stays
    // within half the bound (f·σ/sin σ, its first-order size).
    let mut random = Random(7);
    let mut worst: f64 = 0.0;
    for _ in 0..100_000 {
        let lat1 = (2.0 * random.next() - 1.0).asin().to_degrees();
        let lat2 = (2.0 * random.next() - 1.0).asin().to_degrees();
        let (lon1, lon2) = (360.0 * random.next() - 180.0, 360.0 * random.next() - 180.0);
        let (azimuth, arc) = reachmap::rotation::sweep::first_order_azimuth(lat1, lon1, lat2, lon2);
        if !(1e-6..=2.6).contains(&arc) {
            continue;
        }
        let (_, karney) = inverse(geo::Point::new(lon1, lat1), geo::Point::new(lon2, lat2));
        let gap = ((azimuth - karney + 540.0).rem_euclid(360.0) - 180.0).abs().to_radians();
        let first_order = 0.5 * (reachmap::rotation::sweep::azimuth_bound_rad(arc) - 1e-9);
        worst = worst.max(gap / first_order);
    }
    assert!(worst < 1.0, "the azimuth strays {worst:.3} times f·σ/sin σ");
    eprintln!("auxiliary-sphere azimuth: at most {worst:.3} of f·σ/sin σ");
}

#[test]
fn a_scenario_sweep_under_map_earth_rotating_counts_by_the_rotating_range() {
    // `[map] earth = "rotating"` lays the `[sweep]` out too: the map's dots carry each listed
    // candidate's value by the brute force, its key and sources say the model.
    use reachmap::map::{Overrides, scenario_map_spec};
    use reachmap::scenario::Scenario;
    let dir = tempfile::tempdir().expect("tempdir");
    let candidates = candidates();
    let places = places(&candidates, 4_000.0, 30);
    write_candidates_and_targets(dir.path(), &candidates, &places);
    let scenario = |earth: &str| {
        format!(
            "[map]\nearth = \"{earth}\"\n\n[sweep]\ncandidates = \"candidates.csv\"\nsystem = \"df-26\"\nmetric = \"targets\"\ntargets = \"targets.csv\"\nfigure = \"high\"\n"
        )
    };
    let spec = |earth: &str| {
        let mut scenario = Scenario::parse(&scenario(earth), "sweep.toml", dir.path()).expect("scenario");
        let swept = scenario.take_sweep().map(|request| request.run().expect("sweep"));
        let overrides = Overrides { width_px: Some((600.0, "width".into())), ..Overrides::default() };
        scenario_map_spec(scenario, swept, overrides).expect("map")
    };
    let targets: Vec<Place> = reachmap::places::from_file(&dir.path().join("targets.csv")).expect("targets");
    let reach = Reach::Estimate { low: km(3_000.0), high: km(4_000.0) };
    let rotating = spec("rotating");
    let dots = &rotating.sweep.as_ref().expect("sweep").dots;
    assert_eq!(dots.len(), candidates.len());
    for (at, value) in dots {
        let site = Site::new("c", at.y, at.x).expect("site");
        assert_eq!(*value as u64, brute(&site, &reach, &targets).0.reach.places, "{at:?}");
    }
    let quoted = spec("non-rotating");
    assert_ne!(dots, &quoted.sweep.as_ref().expect("sweep").dots, "the rotation changes nothing");
    let svg = reachmap::render::render_svg(&reachmap::map::compose(&rotating).expect("scene"));
    // The text drawn, its wrapped lines joined again.
    let texts: Vec<&str> =
        svg.split('>').filter_map(|t| t.split('<').next()).filter(|t| !t.trim().is_empty()).collect();
    let text = texts.join(" ").replace("&apos;", "'").replace("&#39;", "'");
    assert!(text.contains(reachmap::rotation::KEY_ROW), "the key row: {text}");
    assert!(text.contains(reachmap::rotation::LIMITS), "the limits in the sources: {text}");
}

#[test]
fn cruise_systems_and_plain_ranges_are_swept_as_quoted_and_said_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("c.csv"), "name,lat,lon\nSanya,18.25,109.5\nKaliningrad,54.71,20.51\n")
        .expect("write");
    let run = |range: &[&str], earth: &[&str], out: &str| {
        let output = common::cli::command()
            .current_dir(dir.path())
            .args(["sweep", "--candidates", "c.csv", "--places", "capitals", "-o", out])
            .args(range)
            .args(earth)
            .output()
            .expect("run");
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        (std::fs::read(dir.path().join(out)).expect("csv"), String::from_utf8_lossy(&output.stderr).into_owned())
    };
    for (range, why) in
        [(&["--system", "tomahawk"][..], "not a ballistic system"), (&["--range-km", "4000"][..], "--ballistic")]
    {
        let (rotating, note) = run(range, &["--earth", "rotating"], "rotating.csv");
        let (quoted, _) = run(range, &[], "quoted.csv");
        assert_eq!(rotating, quoted, "{range:?}");
        assert!(note.contains("counted as quoted") && note.contains(why), "{note}");
    }
    // Read as ballistic, the plain range is counted over the rotating Earth.
    let (ballistic, _) = run(&["--range-km", "4000", "--ballistic"], &["--earth", "rotating"], "ballistic.csv");
    assert_ne!(ballistic, run(&["--range-km", "4000"], &[], "quoted.csv").0);
}
