//! Regression tests, each named for what it guards; every one reproduces a failure that the
//! property tests once found.

use crate::common;

use reachmap::{Radius, Reach, Site, Tolerance};

fn ring(lat: f64, lon: f64, km: f64, tolerance_m: f64) -> geo::MultiPolygon {
    let site = Site::new("site", lat, lon).unwrap();
    let reach = Reach::Within(Radius::from_km(km, "r").unwrap());
    reach.region(&site, Tolerance::from_m(tolerance_m, "t").unwrap())
}

/// Unwrapping longitudes around the circle left the closing vertex 6e-18° from the first, and
/// the closed ring had a hair-thin spike that geo's validation calls a self-intersection.
#[test]
fn ring_closes_to_the_last_bit() {
    for tolerance_m in [10.0, 100.0, 1000.0] {
        let region = ring(0.0, -0.003_872_461_621_127_233, 4_959.518_328_201_193, tolerance_m);
        common::assert_rfc7946(&region, "equatorial site just west of Greenwich");
        let exterior = &region.0[0].exterior().0;
        assert_eq!(exterior.first(), exterior.last());
    }
}

/// A site exactly on the antimeridian puts the circle's north and south vertices exactly on
/// it, a few ulps to either side; arcs must still end on the correct edge of the map.
#[test]
fn site_on_the_antimeridian_splits_cleanly() {
    for lon in [180.0, -180.0] {
        let region = ring(70.852_283_384_264_03, lon, 5_807.775_664_212_091, 10.0);
        common::assert_rfc7946(&region, "site at 180°");
    }
}

/// A winding of 360.00000000000006° (not exactly 360) once made the closing vertex look like
/// an antimeridian crossing and split Anadyr's 5,500 km ring into two overlapping polygons.
#[test]
fn pole_ring_from_anadyr_is_one_polygon() {
    let region = ring(64.73, 177.51, 5_500.0, 10.0);
    common::assert_rfc7946(&region, "Anadyr 5,500 km");
    assert_eq!(region.0.len(), 1);
}

/// Past the cut locus the two families of geodesics meet at a corner of the circle; their ends,
/// a fraction of a millimetre apart, crossed and made the ring self-intersect.
#[test]
fn antipodal_ring_meets_cleanly_on_the_cut_locus() {
    let region = ring(54.71, 20.51, 20_000.0, 10.0);
    common::assert_rfc7946(&region, "Kaliningrad 20,000 km");
}

/// Found by the `rings` fuzz target: a band 4 nm wide near the antipodal limit, at a 100 m
/// tolerance. Its two sampled circles crossed, the hole was not found inside the exterior, and
/// the band came out as the whole globe (containing a point 600 km inside its minimum). A band
/// narrower than twice the tolerance is now empty; a wider one nests as before.
#[test]
fn a_band_thinner_than_the_tolerance_is_not_the_whole_globe() {
    use geo::{Contains, Point};
    use reachmap::{Radius, Reach, Site, Tolerance};
    let site = Site::new("fuzz", 13.35937504094069, -179.66586110880598).unwrap();
    let m = |v: f64| Radius::from_m(v, "r").unwrap();
    let probe = Point::new(0.24176361563201, -7.679135940338769); // 19,375.6 km away
    for tolerance_m in [10.0, 100.0, 1_000.0, 99_999.0] {
        let tolerance = Tolerance::from_m(tolerance_m, "t").unwrap();
        let thin = Reach::band(m(19_974_798.300508752), m(19_974_798.300508756), "b").unwrap();
        assert!(!thin.region(&site, tolerance).contains(&probe), "at {tolerance_m} m");
        let wide = Reach::band(m(19_960_000.0 - 3.0 * tolerance_m), m(19_960_000.0), "b").unwrap();
        let region = wide.region(&site, tolerance);
        assert!(!region.contains(&probe), "wide band at {tolerance_m} m");
        common::assert_rfc7946(&region, "a band near the antipode");
    }
}

/// Found by the band property test: near the ends of the cut locus its two geodesics meet
/// almost tangentially, so geodesics that had passed it by decimetres were short of the radius
/// by under the 0.1 mm a distance test could see; kept, they drew a loop a few millimetres wide
/// at each corner, and the ring crossed itself. The corners are now found on the cut locus
/// itself. Across latitudes and radii up to the antipodal limit, every ring near the antipode
/// is valid, every vertex lies on the circle, and points near the antipode are inside exactly
/// when nearer than the radius.
#[test]
fn circles_near_the_antipode_turn_their_corners_on_the_cut_locus() {
    use geo::{Contains, Point};
    use reachmap::MAX_RADIUS_KM;
    use reachmap::geodesy::{destination, distance_m};
    let (site, km) = ((76.444_184_871_586_98, 180.0), 20_002.076_184_165_544);
    let region = ring(site.0, site.1, km, 10.0);
    common::assert_rfc7946(&region, "a ring just short of the antipode");
    for lat in [-80.0, -45.0, -10.0, 0.0, 10.0, 45.0, 76.444_184_871_586_98, 89.9] {
        for lon in [180.0, 0.0, 37.3] {
            for km in [19_965.0, 19_980.0, 19_995.0, 20_000.0, 20_002.076, 20_003.5, MAX_RADIUS_KM] {
                let what = format!("{km} km around ({lat}, {lon})");
                let region = ring(lat, lon, km, 10.0);
                common::assert_rfc7946(&region, &what);
                let center = Point::new(lon, lat);
                let radius_m = km * 1000.0;
                let error = common::max_vertex_error_m(&region, center, &[radius_m]);
                assert!(error < 1e-3, "{what}: a vertex {error} m off the circle");
                let antipode = Point::new(if lon > 0.0 { lon - 180.0 } else { lon + 180.0 }, -lat);
                for step in 0..240 {
                    let probe = destination(antipode, step as f64 * 1.5, 50.0 + 250.0 * (step % 40) as f64);
                    let d = distance_m(center, probe);
                    if (d - radius_m).abs() > 10.0 && probe.y().abs() < 90.0 && probe.x().abs() < 180.0 {
                        assert_eq!(region.contains(&probe), d < radius_m, "{what}: {probe:?} at {d} m");
                    }
                }
            }
        }
    }
}
