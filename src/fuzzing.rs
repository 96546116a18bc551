//! Entry points for the fuzz targets in `fuzz/` and for `tests/fuzz_corpus.rs`, which replays
//! their corpora on stable Rust. Each takes arbitrary bytes, runs one input path of the library,
//! and panics if an invariant breaks; errors for bad input are the expected outcome, not a
//! failure. Not part of the supported API.

use std::path::Path;

use geo::{Contains, Coord, Point};

use crate::coords::parse_lat_lon;
use crate::geodesy::{destination, distance_m};
use crate::places::{PlacesFormat, parse as parse_places};
use crate::scenario::Scenario;
use crate::{Radius, Reach, Site, Tolerance};

/// Coordinate text: whatever parses is a finite position in range.
pub fn coords(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(p) = parse_lat_lon(text, "fuzz") {
        assert!(p.y().is_finite() && (-90.0..=90.0).contains(&p.y()), "{text:?} → latitude {}", p.y());
        assert!(p.x().is_finite() && (-180.0..180.0).contains(&p.x()), "{text:?} → longitude {}", p.x());
    }
    if let Ok(site) = Site::parse_spec(text, "site") {
        assert!(!site.name().is_empty() && (-90.0..=90.0).contains(&site.lat_deg()));
    }
}

/// Scenario text: it parses to a validated scenario or is refused with a message; a scenario
/// that parses has sites in range and overlays that point at real sites.
pub fn scenario(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match Scenario::parse(text, "fuzz.toml", Path::new("/nonexistent-reachmap-fuzz")) {
        Ok(s) => {
            for site in &s.sites {
                assert!((-90.0..=90.0).contains(&site.lat_deg()) && (-180.0..180.0).contains(&site.lon_deg()));
            }
            for overlay in &s.overlays {
                assert!(overlay.sites().all(|site| s.sites.contains(site)));
            }
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
}

/// Places files, as CSV and as GeoJSON: what parses has names and positions in range.
pub fn places(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for format in [PlacesFormat::Csv, PlacesFormat::GeoJson] {
        if let Ok(places) = parse_places(text, "fuzz", format) {
            assert!(!places.is_empty());
            for p in places {
                assert!(!p.name.trim().is_empty());
                assert!((-90.0..=90.0).contains(&p.lat) && (-180.0..180.0).contains(&p.lon), "{p:?}");
            }
        }
    }
}

fn f64_at(data: &[u8], k: usize) -> f64 {
    let mut bytes = [0u8; 8];
    for (i, b) in bytes.iter_mut().enumerate() {
        *b = data.get(k * 8 + i).copied().unwrap_or(0);
    }
    f64::from_le_bytes(bytes)
}

/// The fraction (0–1) held in the `k`-th 8-byte word.
fn unit_at(data: &[u8], k: usize) -> f64 {
    let bits = f64_at(data, k).to_bits();
    (bits >> 11) as f64 / (1u64 << 53) as f64
}

/// Rings and bands: any site, radius and tolerance (1 m to 100 km, to keep a run short) give
/// valid lon/lat polygons whose containment agrees with Karney's distance for points clearly
/// inside or outside.
pub fn rings(data: &[u8]) {
    let lat = -90.0 + 180.0 * unit_at(data, 0);
    let lon = -180.0 + 360.0 * unit_at(data, 1);
    let r_km = 0.001 + 20_003.92 * unit_at(data, 2).powi(2);
    let tolerance_m = 10f64.powf(5.0 * unit_at(data, 3));
    let inner = unit_at(data, 4);
    let (Ok(site), Ok(radius), Ok(tolerance)) =
        (Site::new("fuzz", lat, lon), Radius::from_km(r_km, "r"), Tolerance::from_m(tolerance_m, "t"))
    else {
        return;
    };
    let reach = if inner > 0.5 {
        match Radius::from_km(r_km * (inner - 0.5) * 2.0, "min").and_then(|min| Reach::band(min, radius, "b")) {
            Ok(band) => band,
            Err(_) => return,
        }
    } else {
        Reach::Within(radius)
    };
    let region = reach.region(&site, tolerance);
    for polygon in &region.0 {
        for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
            assert!(ring.0.len() >= 4 && ring.0.first() == ring.0.last(), "unclosed ring");
            for c in &ring.0 {
                assert!((-180.0..=180.0).contains(&c.x) && (-90.0..=90.0).contains(&c.y), "vertex {c:?} out of range");
            }
        }
    }
    // Probes along eight azimuths at distances around each limit, judged by Karney's inverse
    // where they are clearly off the circle.
    let limits: Vec<f64> = reach.limits().iter().map(|l| l.radius.meters()).collect();
    let margin = 2.0 * tolerance.meters() + 1.0;
    for (k, limit) in limits.iter().enumerate() {
        for a in 0..8 {
            let azimuth = 45.0 * f64::from(a) + 360.0 * unit_at(data, 5 + k);
            for factor in [0.97, 0.999, 1.001, 1.03] {
                let p = destination(site.point(), azimuth, (limit * factor).min(crate::geodesy::ANTIPODAL_LIMIT_M));
                let d = distance_m(site.point(), p);
                // Points on the antimeridian or a pole are on the cut edge of the lon/lat
                // polygons (their boundary, which contains nothing), not inside or outside.
                let on_cut = p.x().abs() >= 180.0 - 1e-9 || p.y().abs() >= 90.0 - 1e-9;
                if on_cut || limits.iter().any(|l| (d - l).abs() < margin) {
                    continue;
                }
                let probe = Point::from(Coord { x: p.x(), y: p.y() });
                assert_eq!(
                    region.contains(&probe),
                    reach.contains_distance(d),
                    "{site:?} {reach:?} at {d} m, {probe:?}"
                );
            }
        }
    }
}
