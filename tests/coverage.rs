//! What lies within range, against outside truths: Karney's GeographicLib distances and
//! azimuths (`tests/fixtures/reach.json`, from `scripts/make_reach_fixture.py`), brute-force
//! classification of the whole gazetteer by Karney's inverse for random sites and ranges
//! (including ranges within a millimetre of a place's distance), the capitals within 1,000 km of
//! Kaliningrad, and geodesic areas of circles and countries.

use geo::MultiPolygon;
use proptest::prelude::*;
use reachmap::area::{country_areas, geodesic_area_m2};
use reachmap::coverage::{PlaceIndex, distance_and_bearing};
use reachmap::places::gazetteer;
use reachmap::{Radius, Reach, Site, Tolerance};
use serde_json::Value;

fn fixture() -> Value {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/reach.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn index() -> &'static PlaceIndex {
    static INDEX: std::sync::OnceLock<PlaceIndex> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| PlaceIndex::new(gazetteer().unwrap().to_vec()))
}

fn km(v: f64) -> Radius {
    Radius::from_km(v, "r").unwrap()
}

#[test]
fn distances_and_bearings_match_geographiclib() {
    let fixture = fixture();
    let rows = fixture["distances"].as_array().unwrap();
    assert!(rows.len() > 800);
    for row in rows {
        let site = Site::new("s", row["site_lat"].as_f64().unwrap(), row["site_lon"].as_f64().unwrap()).unwrap();
        let place = geo::Point::new(row["lon"].as_f64().unwrap(), row["lat"].as_f64().unwrap());
        let (d, azi) = reachmap::geodesy::inverse(site.point(), place);
        let (want_d, want_azi) = (row["distance_m"].as_f64().unwrap(), row["azimuth_deg"].as_f64().unwrap());
        assert!((d - want_d).abs() < 0.001, "{row}: {d} m");
        // Azimuths are only meaningful away from the site.
        if want_d > 1.0 {
            let diff = (azi - want_azi + 540.0).rem_euclid(360.0) - 180.0;
            assert!(diff.abs() < 1e-8, "{row}: azimuth {azi}");
        }
    }
}

/// Every place of the gazetteer classified by Karney's inverse, one by one.
fn brute_force(site: &Site, reach: &Reach) -> Vec<usize> {
    let places = index().places();
    (0..places.len()).filter(|&i| reach.contains_distance(distance_and_bearing(site, &places[i]).0)).collect()
}

#[test]
fn the_capitals_within_1000_km_of_kaliningrad() {
    // GeographicLib distances, checked by hand against published figures (Warsaw ~279 km,
    // Berlin ~529 km); Moscow, at 1,090 km, is out.
    let expected = [
        ("Warsaw", 278.0),
        ("Vilnius", 307.5),
        ("Riga", 335.7),
        ("Minsk", 467.9),
        ("Copenhagen", 516.9),
        ("Berlin", 528.7),
        ("Stockholm", 535.3),
        ("Tallinn", 585.7),
        ("Prague", 660.0),
        ("Helsinki", 663.2),
        ("Bratislava", 767.2),
        ("Vienna", 778.1),
        ("Budapest", 808.8),
        ("Oslo", 824.2),
        ("Kyiv", 826.4),
    ];
    let site = Site::new("Kaliningrad", 54.71, 20.51).unwrap();
    let hits = index().hits(&site, &Reach::Within(km(1_000.0)));
    let capitals: Vec<(&str, f64)> = hits
        .iter()
        .filter(|h| index().places()[h.place].capital)
        .map(|h| (index().places()[h.place].name.as_str(), (h.distance_m / 100.0).round() / 10.0))
        .collect();
    assert_eq!(capitals, expected);
    let totals = index().totals(hits.iter().filter(|h| index().places()[h.place].capital).map(|h| h.place));
    assert_eq!((totals.places, totals.capitals, totals.population), (15, 15, 20_933_778));
    assert_eq!(totals.countries.len(), 15);
    // Mariehamn, 601 km away, is the seat of Åland, a dependency of Finland: not a capital.
    let mariehamn = index().places().iter().position(|p| p.name == "Mariehamn").unwrap();
    assert!(hits.iter().any(|h| h.place == mariehamn) && !index().places()[mariehamn].capital);
    // Nearest first, bearings in [0, 360).
    assert!(hits.windows(2).all(|w| w[0].distance_m <= w[1].distance_m));
    assert!(hits.iter().all(|h| h.bearing_deg.is_some_and(|b| (0.0..360.0).contains(&b))));
}

#[test]
fn ranges_a_millimetre_either_side_of_a_place() {
    let places = index().places();
    let site = Site::new("Kaliningrad", 54.71, 20.51).unwrap();
    for name in ["Berlin", "Moscow", "Paris", "Tokyo", "Canberra"] {
        let i = places.iter().position(|p| p.name == name && p.capital).unwrap();
        let d = distance_and_bearing(&site, &places[i]).0;
        for (r, inside) in [(d + 0.001, true), (d, false), (d - 0.001, false)] {
            let found = index().within(&site, &Reach::Within(Radius::from_m(r, "r").unwrap()));
            assert_eq!(found.contains(&i), inside, "{name} at {d} m, range {r} m");
        }
        // The band [d, d + 1 mm) holds it; [d + 1 mm, …) does not.
        let band = Reach::band(Radius::from_m(d, "r").unwrap(), Radius::from_m(d + 1.0, "r").unwrap(), "b").unwrap();
        assert!(index().within(&site, &band).contains(&i));
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: if std::env::var_os("CI").is_some() { 12 } else { 24 },
        ..ProptestConfig::default()
    })]

    #[test]
    fn the_index_agrees_with_brute_force(
        lat in prop_oneof![Just(90.0), Just(-90.0), -90.0..90.0f64],
        lon in prop_oneof![Just(180.0), Just(-180.0), -180.0..180.0f64],
        r_km in prop_oneof![1.0..100.0f64, 100.0..5_500.0f64, 5_500.0..20_003.9f64],
        inner in 0.0..1.0f64,
    ) {
        let site = Site::new("s", lat, lon).unwrap();
        let ring = Reach::Within(km(r_km));
        prop_assert_eq!(index().within(&site, &ring), brute_force(&site, &ring));
        let band = Reach::band(km((r_km * inner).max(0.5)), km(r_km.max(1.0)), "b");
        if let Ok(band) = band {
            prop_assert_eq!(index().within(&site, &band), brute_force(&site, &band));
        }
    }
}

#[test]
fn ring_areas_match_geographiclib() {
    let fixture = fixture();
    for row in fixture["circle_areas"].as_array().unwrap() {
        let site = Site::new("s", row["lat"].as_f64().unwrap(), row["lon"].as_f64().unwrap()).unwrap();
        let region = Reach::Within(km(row["radius_km"].as_f64().unwrap())).region(&site, Tolerance::DEFAULT);
        let area = geodesic_area_m2(&region);
        let want = row["area_m2"].as_f64().unwrap();
        eprintln!("{} {} km: {:+.5} %", row["site"], row["radius_km"], (area / want - 1.0) * 100.0);
        assert!(((area - want) / want).abs() < 1e-4, "{row}: {area} m², {:.5} %", (area / want - 1.0) * 100.0);
    }
}

#[test]
fn a_country_inside_a_ring_has_its_whole_area() {
    // Poland lies wholly within 1,000 km of Warsaw.
    let poland =
        reachmap::basemap::features(reachmap::basemap::BaseLayer::Countries, reachmap::basemap::Detail::Medium)
            .unwrap()
            .iter()
            .find(|f| f.name.as_deref() == Some("Poland"))
            .unwrap();
    let whole = geodesic_area_m2(&poland.geometry) / 1e6;
    // Poland is about 312,700 km² (Natural Earth's 1:50m outline is a little coarser).
    assert!((whole - 312_700.0).abs() / 312_700.0 < 0.01, "Poland: {whole} km²");
    let warsaw = Site::new("Warsaw", 52.23, 21.01).unwrap();
    let region = Reach::Within(km(1_000.0)).region(&warsaw, Tolerance::DEFAULT);
    let areas = country_areas(&region).unwrap();
    let within = areas.iter().find(|a| a.country == "Poland").unwrap().km2;
    assert!((within - whole).abs() / whole < 0.005, "{within} vs {whole}");
    // The land within the ring never exceeds the ring.
    let total: f64 = areas.iter().map(|a| a.km2).sum();
    assert!(total < geodesic_area_m2(&region) / 1e6);
    let empty = MultiPolygon::new(Vec::new());
    assert!(country_areas(&empty).unwrap().is_empty());
}

/// Totals without measuring each place are the totals of the places measured, under both
/// figures of an estimate, for sites all over the globe — and equal brute force.
/// A report settles countries wholly inside or outside a range from a cap around each, without
/// intersecting them: the land it gives must be the intersected land, country by country, for
/// ranges, bands and estimates, near and far.
#[test]
fn land_settled_from_caps_equals_the_intersected_land() {
    use reachmap::coverage::{Listing, report};
    let cases = [
        (Site::new("Kaliningrad", 54.71, 20.51).unwrap(), Reach::Estimate { low: km(480.0), high: km(2_350.0) }),
        (Site::new("Warsaw", 52.23, 21.01).unwrap(), Reach::Within(km(5_500.0))),
        (Site::new("Luxembourg", 49.61, 6.13).unwrap(), Reach::Within(km(300.0))),
        (Site::new("Grafenwöhr", 49.70, 11.94).unwrap(), Reach::band(km(500.0), km(2_776.0), "band").unwrap()),
        (Site::new("Guam", 13.44, 144.79).unwrap(), Reach::Within(km(4_000.0))),
        (Site::new("Anadyr", 64.73, 177.51).unwrap(), Reach::Within(km(1_500.0))),
    ];
    for (site, reach) in cases {
        let origins = [reachmap::origin::Origin::from(site.clone())];
        let overlays = reachmap::Overlay::around_all(&[reach], &origins);
        let got = report(index(), &origins, &overlays, Listing::Totals, true).unwrap();
        let mut checks = vec![(reach, got[0].land.clone().unwrap())];
        if let (Some(low), Some(within_low)) = (reach.low(), &got[0].within_low) {
            checks.push((Reach::Within(low), within_low.land.clone().unwrap()));
        }
        for (reach, land) in checks {
            let truth = country_areas(&reach.region(&site, Tolerance::const_m(100.0))).unwrap();
            let names = |areas: &[reachmap::area::CountryArea]| {
                let mut names: Vec<String> = areas.iter().map(|a| a.country.clone()).collect();
                names.sort();
                names
            };
            assert_eq!(names(&land), names(&truth), "{} {reach:?}", site.name());
            for a in &land {
                let t = truth.iter().find(|t| t.country == a.country).unwrap();
                // Intersecting a country wholly inside returns it up to the boolean operation's
                // rounding of coordinates.
                assert!((a.km2 - t.km2).abs() <= 1e-6 * t.km2 + 1e-3, "{}: {} vs {} km²", a.country, a.km2, t.km2);
            }
        }
    }
}

#[test]
fn totals_alone_equal_the_totals_of_the_measured_places() {
    use reachmap::Overlay;
    use reachmap::coverage::{Listing, report};
    let sites: Vec<Site> = (0..40)
        .map(|i| {
            let z = 1.0 - 2.0 * (f64::from(i) + 0.5) / 40.0;
            Site::new(&format!("S{i}"), z.asin().to_degrees(), (f64::from(i) * 137.507_764) % 360.0 - 180.0).unwrap()
        })
        .collect();
    let reaches = [
        Reach::Within(km(2_500.0)),
        Reach::band(km(500.0), km(5_500.0), "b").unwrap(),
        Reach::estimate(km(480.0), km(2_350.0), "e").unwrap(),
    ];
    let origins = reachmap::origin::origins(&sites, &[]);
    let overlays = Overlay::around_all(&reaches, &origins);
    let measured = report(index(), &origins, &overlays, Listing::Places, false).unwrap();
    let counted = report(index(), &origins, &overlays, Listing::Totals, false).unwrap();
    assert_eq!(measured.len(), counted.len());
    for (m, c) in measured.iter().zip(&counted) {
        assert_eq!(m.totals, c.totals, "{} {}", m.origin.name(), m.label);
        assert_eq!(m.within_low.as_ref().map(|l| &l.totals), c.within_low.as_ref().map(|l| &l.totals));
        assert!(c.hits.is_empty());
        assert_eq!(
            c.totals.places,
            brute_force(c.origin.site().unwrap(), &c.reach).len(),
            "{} {}",
            c.origin.name(),
            c.label
        );
    }
}
