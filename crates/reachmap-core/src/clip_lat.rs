//! Regions clipped to a band of latitude, for maps that cannot show the poles: Web Mercator
//! (web maps, `EPSG:3857`) ends at ±85.051129°, and a ring closed through a pole — every
//! 5,500 km ring from Europe — would be sent to infinity there. Clipping in lon/lat keeps the
//! geometry RFC 7946-valid: edges stay straight in lon/lat, as GeoJSON reads them, so the clip
//! is exact for that reading; a region containing a pole comes out bounded by the clip parallel.
//!
//! This module owns only the clip; the regions come from [`crate::range`] and [`crate::buffer`]
//! and are written by the exporters.

use geo::{BoundingRect, Coord, LineString, MultiPolygon, Polygon, Rect};

/// The latitude where Web Mercator ends, degrees: `atan(sinh(π))`.
pub const WEB_MERCATOR_MAX_LAT_DEG: f64 = 85.051_128_779_806_59;

/// `region` (lon/lat, RFC 7946) within |latitude| ≤ `max_lat_deg`, valid under RFC 7946:
/// exterior rings counter-clockwise, holes clockwise, no edge spanning more than 180° of
/// longitude (the clip parallel is split every 90°). Empty where nothing of the region lies
/// within the band. A region already within it is returned unchanged.
///
/// # Units
/// `max_lat_deg` in degrees, from 0 (exclusive) to 90 (inclusive: nothing is clipped).
///
/// ```
/// use reachmap_core::clip_lat::clip_lat;
/// use reachmap_core::{Radius, Reach, Site, Tolerance};
///
/// // Kaliningrad's 5,500 km ring contains the North Pole.
/// let site = Site::new("Kaliningrad", 54.71, 20.51)?;
/// let ring = Reach::Within(Radius::from_km(5_500.0, "range")?).region(&site, Tolerance::DEFAULT);
/// let clipped = clip_lat(&ring, 85.05);
/// let top = clipped.0.iter().flat_map(|p| &p.exterior().0).map(|c| c.y).fold(f64::MIN, f64::max);
/// assert_eq!(top, 85.05);
/// # Ok::<(), reachmap_core::Error>(())
/// ```
pub fn clip_lat(region: &MultiPolygon, max_lat_deg: f64) -> MultiPolygon {
    use geo::BooleanOps;
    use geo::orient::{Direction, Orient};
    let within = region.bounding_rect().is_none_or(|b| b.min().y >= -max_lat_deg && b.max().y <= max_lat_deg);
    if within || max_lat_deg >= 90.0 {
        return region.clone();
    }
    let band = Rect::new(Coord { x: -180.0, y: -max_lat_deg }, Coord { x: 180.0, y: max_lat_deg }).to_polygon();
    let mut clipped = region.intersection(&MultiPolygon::new(vec![band])).orient(Direction::Default);
    // The boolean operation rounds vertices to a grid (millimetres to centimetres): the ones
    // it put on the clip parallel go back exactly onto it (within 1e-6°, 0.1 m), so that no
    // vertex lies beyond it.
    let on_band = |c: &mut Coord| {
        if c.y.abs() > max_lat_deg - 1e-6 {
            c.y = max_lat_deg.copysign(c.y);
        }
    };
    let fix = |ring: &mut LineString| {
        ring.0.iter_mut().for_each(on_band);
        split_long_parallels(ring);
    };
    for polygon in &mut clipped.0 {
        polygon.exterior_mut(fix);
        polygon.interiors_mut(|rings| rings.iter_mut().for_each(fix));
    }
    clipped.0.retain(|p: &Polygon| p.exterior().0.len() >= 4);
    clipped
}

/// The bound to clip at for output written with `decimals` decimal places: `max_lat_deg`
/// rounded toward the equator at that precision, so that rounding the vertices put on the clip
/// parallel cannot carry them beyond it — Web Mercator's 85.0511287798° written to 6 places would
/// be 85.051129°, past its edge, where the bound 85.051128° stays 85.051128°. `max_lat_deg`
/// itself where that rounding leaves nothing (a bound under one unit of the last place).
///
/// ```
/// use reachmap_core::clip_lat::{WEB_MERCATOR_MAX_LAT_DEG, bound_at_decimals};
/// assert_eq!(bound_at_decimals(WEB_MERCATOR_MAX_LAT_DEG, 6), 85.051128);
/// assert_eq!(bound_at_decimals(85.05, 6), 85.05);
/// ```
pub fn bound_at_decimals(max_lat_deg: f64, decimals: u8) -> f64 {
    let scale = 10f64.powi(i32::from(decimals));
    let units = max_lat_deg * scale;
    // A bound already at that precision (85.05 is 85049999.99999999 units) stays as given.
    let whole = if (units - units.round()).abs() < 1e-6 { units.round() } else { units.floor() };
    if whole <= 0.0 { max_lat_deg } else { whole / scale }
}

/// Puts a vertex every 90° (at most) along each edge that runs along a parallel for more than
/// 90° of longitude: RFC 7946 readers take an edge spanning more than 180° the other way round.
fn split_long_parallels(ring: &mut LineString) {
    let mut out: Vec<Coord> = Vec::with_capacity(ring.0.len() + 4);
    for pair in ring.0.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        out.push(a);
        if a.y == b.y && (b.x - a.x).abs() > 90.0 {
            let steps = ((b.x - a.x).abs() / 90.0).ceil() as usize;
            for k in 1..steps {
                out.push(Coord { x: a.x + (b.x - a.x) * k as f64 / steps as f64, y: a.y });
            }
        }
    }
    out.extend(ring.0.last());
    ring.0 = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vertices_written_to_the_bounds_precision_stay_within_web_mercator() {
        // Every vertex on or below the clip parallel, rounded to 6 decimals as the GeoJSON
        // writer rounds it, stays where Web Mercator's y is at most π (the square's edge).
        let bound = bound_at_decimals(WEB_MERCATOR_MAX_LAT_DEG, 6);
        let y = |lat: f64| (std::f64::consts::FRAC_PI_4 + lat.to_radians() / 2.0).tan().ln();
        for k in 0..1000 {
            let lat = bound - f64::from(k) * 1e-9;
            let written = (lat * 1e6).round() / 1e6;
            assert!(written <= WEB_MERCATOR_MAX_LAT_DEG && y(written) <= std::f64::consts::PI, "{lat}");
        }
        // Unclipped at 6 decimals, the bound itself would not be.
        assert!((WEB_MERCATOR_MAX_LAT_DEG * 1e6).round() / 1e6 > WEB_MERCATOR_MAX_LAT_DEG);
        assert_eq!(bound_at_decimals(0.4, 0), 0.4);
        assert_eq!(bound_at_decimals(60.0, 0), 60.0);
    }

    #[test]
    fn web_mercator_ends_where_its_y_equals_pi() {
        // y = ln(tan(π/4 + φ/2)) = π at the edge of the square world.
        let phi = WEB_MERCATOR_MAX_LAT_DEG.to_radians();
        assert!(((std::f64::consts::FRAC_PI_4 + phi / 2.0).tan().ln() - std::f64::consts::PI).abs() < 1e-12);
    }
}
