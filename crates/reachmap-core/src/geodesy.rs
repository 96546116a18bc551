//! Geodesics on the WGS84 ellipsoid (Karney's algorithms, via geographiclib-rs and
//! `geo::Geodesic`): destinations, distances with azimuths, polygon areas, and the ellipsoid's
//! constants. This is the only module that calls GeographicLib and the only one that speaks in
//! (lat, lon) order to outside APIs; everything it takes and returns is x = lon, y = lat. It
//! knows nothing of regions, maps or pixels.

use std::sync::OnceLock;

use geo::{Destination, Distance, Geodesic, Point};
use geographiclib_rs::{DirectGeodesic, InverseGeodesic, PolygonArea, Winding};

/// WGS84 semi-major axis, metres.
pub const WGS84_A_M: f64 = 6_378_137.0;
/// WGS84 flattening.
pub const WGS84_F: f64 = 1.0 / 298.257_223_563;

/// WGS84's smallest radius of curvature, metres: meridional, at the equator, `a(1−e²)`.
pub const MIN_CURVATURE_RADIUS_M: f64 = WGS84_A_M * (1.0 - WGS84_F * (2.0 - WGS84_F));

/// WGS84's largest radius of curvature, metres: prime vertical, at the poles, `a/√(1−e²)`.
pub fn max_curvature_radius_m() -> f64 {
    WGS84_A_M / (1.0 - WGS84_F * (2.0 - WGS84_F)).sqrt()
}

/// The mean radius of WGS84 (2a + b)/3, metres: for estimates that may be spherical.
pub const MEAN_RADIUS_M: f64 = 6_371_008.771_4;

/// Half the length of a meridian on WGS84, metres: the largest geodesic distance between two
/// points (a point and its antipode), so the largest meaningful radius.
pub const ANTIPODAL_LIMIT_M: f64 = 20_003_931.458_625;

/// Below this distance every geodesic from any point on WGS84 is the shortest path to its
/// endpoint. It is π·b (19,970.33 km), where an equatorial geodesic meets its conjugate point;
/// for other latitudes the cut locus lies farther away (measured with GeographicLib:
/// 19,978.7 km at 30°, 19,995.5 km at 60°). A 10 km margin keeps this a safe lower bound.
pub const SHORTEST_BELOW_M: f64 = 19_960_000.0;

/// The point `distance_m` from `origin` along the geodesic leaving at `azimuth_deg` (clockwise
/// from north). Longitude of the result is in [-180, 180].
///
/// # Units
/// Degrees for angles and coordinates, metres for distance.
///
/// ```
/// use geo::Point;
/// use reachmap_core::geodesy::destination;
/// // 100 km due north of the equator at 0° E.
/// let p = destination(Point::new(0.0, 0.0), 0.0, 100_000.0);
/// assert!((p.y() - 0.904_369).abs() < 1e-6);
/// ```
pub fn destination(origin: Point, azimuth_deg: f64, distance_m: f64) -> Point {
    Geodesic.destination(origin, azimuth_deg, distance_m)
}

/// The geodesic (shortest) distance between two points, metres.
///
/// ```
/// use geo::Point;
/// use reachmap_core::geodesy::distance_m;
/// let kaliningrad = Point::new(20.51, 54.71);
/// let berlin = Point::new(13.405, 52.52);
/// assert!((distance_m(kaliningrad, berlin) / 1000.0 - 529.3).abs() < 0.1);
/// ```
pub fn distance_m(a: Point, b: Point) -> f64 {
    Geodesic.distance(a, b)
}

fn wgs84() -> &'static geographiclib_rs::Geodesic {
    static WGS84: OnceLock<geographiclib_rs::Geodesic> = OnceLock::new();
    WGS84.get_or_init(geographiclib_rs::Geodesic::wgs84)
}

/// The geodesic distance (metres) from `from` to `to` and the azimuth at `from` (degrees
/// clockwise from north, in (−180, 180]): Karney's inverse.
///
/// ```
/// use geo::Point;
/// use reachmap_core::geodesy::inverse;
/// let (distance_m, azimuth_deg) = inverse(Point::new(20.51, 54.71), Point::new(13.405, 52.52));
/// assert!((distance_m / 1000.0 - 529.3).abs() < 0.1);
/// assert!(azimuth_deg < -90.0); // Berlin lies west-south-west of Kaliningrad
/// ```
pub fn inverse(from: Point, to: Point) -> (f64, f64) {
    let (s12, azi1, _azi2, _a12): (f64, f64, f64, f64) = wgs84().inverse(from.y(), from.x(), to.y(), to.x());
    (s12, azi1)
}

/// Karney's inverse with both azimuths: the distance (metres) from `from` to `to`, the azimuth
/// at `from` and the forward azimuth at `to` (the direction the geodesic arrives in; moving
/// `to` that way lengthens it fastest), degrees clockwise from north.
///
/// ```
/// use geo::Point;
/// use reachmap_core::geodesy::inverse_azimuths;
/// // Along the equator, eastwards: it leaves and arrives heading east.
/// let (s, azi1, azi2) = inverse_azimuths(Point::new(0.0, 0.0), Point::new(1.0, 0.0));
/// assert!((s - 111_319.491).abs() < 1e-3 && (azi1 - 90.0).abs() < 1e-9 && (azi2 - 90.0).abs() < 1e-9);
/// ```
pub fn inverse_azimuths(from: Point, to: Point) -> (f64, f64, f64) {
    let (s12, azi1, azi2, _a12): (f64, f64, f64, f64) = wgs84().inverse(from.y(), from.x(), to.y(), to.x());
    (s12, azi1, azi2)
}

/// How a bundle of geodesics leaving a curve at right angles spreads at `distance_m` along the
/// one leaving `origin` at `azimuth_deg`, when the curve bends towards them with geodesic
/// curvature `curvature_per_m`: the Jacobi field J(s) = M12 − κ·m12 (1 at the curve, 0 where
/// neighbouring geodesics meet — a focal point, beyond which they no longer reach the curve's
/// nearest points).
///
/// ```
/// use geo::Point;
/// use reachmap_core::geodesy::normal_spread;
/// // Meridians leaving the 60th parallel northwards meet at the pole, 3,346 km away.
/// let kappa = 60f64.to_radians().tan() / 6_394_209.2; // tan φ / N at 60° N
/// assert!(normal_spread(Point::new(0.0, 60.0), 0.0, 3_346_000.0, kappa).abs() < 1e-3);
/// ```
pub fn normal_spread(origin: Point, azimuth_deg: f64, distance_m: f64, curvature_per_m: f64) -> f64 {
    let (_lat, _lon, _azi2, m12, big_m12, _big_m21): (f64, f64, f64, f64, f64, f64) =
        wgs84().direct(origin.y(), origin.x(), azimuth_deg, distance_m);
    big_m12 - curvature_per_m * m12
}

/// The local azimuth (degrees clockwise from north) of a segment that is straight in lon/lat,
/// from `a` to `b`, at the point of it with latitude `lat_deg`: its direction on the ground,
/// from the ellipsoid's radii of curvature there.
///
/// ```
/// use geo::Point;
/// use reachmap_core::geodesy::lon_lat_azimuth_deg;
/// // A lon/lat diagonal heads north-east at the equator, and nearer north at 60° N, where a
/// // degree of longitude is half as long.
/// let (a, b) = (Point::new(0.0, 0.0), Point::new(1.0, 1.0));
/// assert!((lon_lat_azimuth_deg(a, b, 0.0) - 45.19).abs() < 0.01);
/// assert!((lon_lat_azimuth_deg(a, b, 60.0) - 26.6).abs() < 0.1);
/// ```
pub fn lon_lat_azimuth_deg(a: Point, b: Point, lat_deg: f64) -> f64 {
    let (east, north) = meters_per_degree(lat_deg);
    ((b.x() - a.x()) * east).atan2((b.y() - a.y()) * north).to_degrees()
}

/// The geodesic curvature (1/m) of a segment straight in lon/lat, from `a` to `b`, at its point
/// with latitude `lat_deg`: positive where it bends to the right of its direction (clockwise),
/// as a geodesic leaving there along it would not. Clairaut's relation gives the geodesic's own
/// turning, dα/ds = sin α · tan φ / N; the segment's, from its azimuth a little either side.
///
/// ```
/// use geo::Point;
/// use reachmap_core::geodesy::lon_lat_curvature_per_m;
/// // The 60th parallel eastwards bends left (north), with curvature tan φ / N.
/// let k = lon_lat_curvature_per_m(Point::new(0.0, 60.0), Point::new(1.0, 60.0), 60.0);
/// assert!((k + 60f64.to_radians().tan() / 6_394_209.2).abs() < 1e-12);
/// ```
pub fn lon_lat_curvature_per_m(a: Point, b: Point, lat_deg: f64) -> f64 {
    let (dlon, dlat) = (b.x() - a.x(), b.y() - a.y());
    let length = dlon.hypot(dlat);
    if length == 0.0 {
        return 0.0;
    }
    let azimuth = lon_lat_azimuth_deg(a, b, lat_deg).to_radians();
    let (sin, cos) = lat_deg.to_radians().sin_cos();
    let e2 = WGS84_F * (2.0 - WGS84_F);
    let prime_vertical = WGS84_A_M / (1.0 - e2 * sin * sin).sqrt();
    let geodesic_turn = azimuth.sin() * sin / cos.max(1e-12) / prime_vertical;
    // The segment's azimuth a short step (in degrees of latitude, along it) either side.
    let h = 1e-4;
    let step_lat = h * dlat / length;
    let turn = wrap_lon(lon_lat_azimuth_deg(a, b, lat_deg + step_lat) - lon_lat_azimuth_deg(a, b, lat_deg - step_lat));
    let (east, north) = meters_per_degree(lat_deg);
    let step_m = 2.0 * h / length * ((dlon * east).powi(2) + (dlat * north).powi(2)).sqrt();
    turn.to_radians() / step_m - geodesic_turn
}

/// The area to the left of a closed ring of points joined by geodesics, traversed
/// counter-clockwise (`counter_clockwise`) or clockwise, m² (Karney's polygon area). The first
/// point is not repeated at the end.
pub fn ring_area_m2(points: impl IntoIterator<Item = Point>, counter_clockwise: bool) -> f64 {
    let winding = if counter_clockwise { Winding::CounterClockwise } else { Winding::Clockwise };
    let mut polygon = PolygonArea::new(wgs84(), winding);
    for p in points {
        polygon.add_point(p.y(), p.x());
    }
    polygon.compute(false).1
}

/// Metres per degree of longitude and of latitude at latitude `lat_deg` (the ellipsoid's prime
/// vertical and meridional radii of curvature). Good for distances small enough that the
/// latitude barely changes across them.
pub fn meters_per_degree(lat_deg: f64) -> (f64, f64) {
    let (sin, cos) = lat_deg.to_radians().sin_cos();
    meters_per_degree_at(sin, cos)
}

/// [`meters_per_degree`] from the latitude's sine and cosine, for callers that have them.
pub fn meters_per_degree_at(sin_lat: f64, cos_lat: f64) -> (f64, f64) {
    let e2 = WGS84_F * (2.0 - WGS84_F);
    let w2 = 1.0 - e2 * sin_lat * sin_lat;
    let w = w2.sqrt();
    let prime_vertical = WGS84_A_M / w;
    let meridional = WGS84_A_M * (1.0 - e2) / (w2 * w);
    let rad = std::f64::consts::PI / 180.0;
    (prime_vertical * cos_lat.abs() * rad, meridional * rad)
}

/// `lon_deg` brought into [-180, 180) by whole turns.
pub fn wrap_lon(lon_deg: f64) -> f64 {
    if (-180.0..180.0).contains(&lon_deg) {
        return lon_deg;
    }
    let wrapped = (lon_deg + 180.0).rem_euclid(360.0) - 180.0;
    // rem_euclid can round up to exactly 360 for tiny negative inputs.
    if wrapped >= 180.0 { wrapped - 360.0 } else { wrapped }
}

/// The unit vector at a geographic latitude and longitude (degrees) on the unit sphere: x
/// towards 0° E on the equator, z to the North Pole. The distance bounds of `coverage` and
/// `area` work on this sphere.
pub fn unit_vector(lat_deg: f64, lon_deg: f64) -> [f64; 3] {
    let (sin_lat, cos_lat) = lat_deg.to_radians().sin_cos();
    let (sin_lon, cos_lon) = lon_deg.to_radians().sin_cos();
    [cos_lat * cos_lon, cos_lat * sin_lon, sin_lat]
}

/// The straight-line distance between two points of 3-D space, such as unit vectors: a chord
/// of the unit sphere, which (unlike an angle computed from it) obeys the triangle inequality
/// exactly as computed, up to rounding.
pub fn chord(a: &[f64; 3], b: &[f64; 3]) -> f64 {
    let (dx, dy, dz) = (a[0] - b[0], a[1] - b[1], a[2] - b[2]);
    (dx * dx + dy * dy + dz * dz).sqrt()
}
