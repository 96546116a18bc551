//! One ballistic trajectory over a rotating spherical Earth, solved in closed form: the burnout
//! velocity relative to the ground plus the ground's own eastward velocity gives a conic in the
//! inertial frame; Kepler's equation gives the time of flight to the ground again; the impact
//! point is turned back by the angle the Earth turned meanwhile. Two-body motion, no drag,
//! burnout at the ground (the assumptions of [`crate::flight`], with the rotation added).
//!
//! Everything here is on the sphere of [`EARTH_RADIUS_M`]; angles are radians.

use std::f64::consts::PI;

use crate::flight::{EARTH_RADIUS_M, GM_M3_S2};

/// The Earth's rotation rate (WGS84), rad/s.
pub const EARTH_ROTATION_RAD_S: f64 = 7.292_115e-5;

/// A launch site on the sphere: its local vertical, east and north unit vectors in the
/// Earth-fixed frame (z along the polar axis), which coincides with the inertial frame at launch.
#[derive(Debug, Clone, Copy)]
pub struct Launch {
    up: [f64; 3],
    east: [f64; 3],
    north: [f64; 3],
    /// The ground's eastward speed, m/s.
    ground_speed_m_s: f64,
}

/// Where and when one trajectory comes down, seen from the launch site on the turning Earth.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Impact {
    /// The great-circle angle from the site to the impact point, radians.
    pub range_rad: f64,
    /// The bearing of the impact point from the site, radians clockwise from north, (−π, π].
    pub bearing_rad: f64,
    /// The time of free flight, seconds.
    pub time_s: f64,
}

impl Launch {
    /// The site at latitude `lat_deg`, longitude `lon_deg` (taken as spherical coordinates).
    pub fn new(lat_deg: f64, lon_deg: f64) -> Launch {
        let (sin_lat, cos_lat) = lat_deg.to_radians().sin_cos();
        let (sin_lon, cos_lon) = lon_deg.to_radians().sin_cos();
        let up = [cos_lat * cos_lon, cos_lat * sin_lon, sin_lat];
        let east = [-sin_lon, cos_lon, 0.0];
        let north = cross(up, east);
        Launch { up, east, north, ground_speed_m_s: EARTH_ROTATION_RAD_S * EARTH_RADIUS_M * cos_lat }
    }

    /// The ground's eastward speed at the site, m/s (0.465 km/s at the equator).
    pub fn ground_speed_m_s(&self) -> f64 {
        self.ground_speed_m_s
    }

    /// The trajectory launched at `speed_m_s` relative to the ground, towards `azimuth_rad`
    /// (clockwise from north) at `flight_path_rad` above the horizontal. None when it never
    /// comes down (escape speed) or never leaves the ground.
    pub fn fly(&self, speed_m_s: f64, azimuth_rad: f64, flight_path_rad: f64) -> Option<Impact> {
        let (range_inertial, time_s, (he, hn)) = self.conic(speed_m_s, azimuth_rad, flight_path_rad)?;
        // The impact point in the inertial frame, then turned back by the Earth's rotation.
        let h = [
            he * self.east[0] + hn * self.north[0],
            he * self.east[1] + hn * self.north[1],
            he * self.east[2] + hn * self.north[2],
        ];
        let (sin_r, cos_r) = range_inertial.sin_cos();
        let p = [0, 1, 2].map(|i| cos_r * self.up[i] + sin_r * h[i]);
        let (sin_t, cos_t) = (EARTH_ROTATION_RAD_S * time_s).sin_cos();
        let p = [p[0] * cos_t + p[1] * sin_t, -p[0] * sin_t + p[1] * cos_t, p[2]];

        let c = cross(self.up, p);
        let range_rad = dot(c, c).sqrt().atan2(dot(self.up, p));
        let bearing_rad = dot(p, self.east).atan2(dot(p, self.north));
        Some(Impact { range_rad, bearing_rad, time_s })
    }

    /// The inertial range angle (radians) and time of flight (seconds) of a trajectory, see
    /// [`fly`](Self::fly).
    fn fly_inertial(&self, speed_m_s: f64, azimuth_rad: f64, flight_path_rad: f64) -> Option<(f64, f64)> {
        self.conic(speed_m_s, azimuth_rad, flight_path_rad).map(|(psi, t, _)| (psi, t))
    }

    /// The conic in the inertial frame: its range angle (radians), time of flight (seconds)
    /// and the direction of flight at burnout as (east, north) components of a unit vector.
    fn conic(&self, speed_m_s: f64, azimuth_rad: f64, flight_path_rad: f64) -> Option<(f64, f64, (f64, f64))> {
        let (sin_g, cos_g) = flight_path_rad.sin_cos();
        let (sin_a, cos_a) = azimuth_rad.sin_cos();
        let horizontal = speed_m_s * cos_g;
        // Inertial velocity in the local (east, north, up) frame: the ground's motion is east.
        let v_east = horizontal * sin_a + self.ground_speed_m_s;
        let v_north = horizontal * cos_a;
        let v_up = speed_m_s * sin_g;
        let v_horizontal = v_east.hypot(v_north);
        if v_up <= 0.0 || v_horizontal <= 0.0 {
            return None;
        }
        let v2 = v_horizontal * v_horizontal + v_up * v_up;
        let q = v2 * EARTH_RADIUS_M / GM_M3_S2;
        if q >= 2.0 {
            return None;
        }
        let cos2 = v_horizontal * v_horizontal / v2;
        let e = (1.0 + q * (q - 2.0) * cos2).max(0.0).sqrt();
        if e < 1e-12 {
            return None;
        }
        // Burnout lies before apogee at true anomaly ν (0 < ν < π); the arc is symmetric about
        // apogee, so the range angle is 2(π − ν) and the time twice that from ν to apogee.
        let cos_nu = ((q * cos2 - 1.0) / e).clamp(-1.0, 1.0);
        let nu = cos_nu.acos();
        let range_inertial = 2.0 * (PI - nu);
        let ecc_anomaly = 2.0 * (((1.0 - e) / (1.0 + e)).sqrt() * (nu / 2.0).tan()).atan();
        let a = EARTH_RADIUS_M / (2.0 - q);
        let time_s = 2.0 * (a.powi(3) / GM_M3_S2).sqrt() * (PI - (ecc_anomaly - e * ecc_anomaly.sin()));
        Some((range_inertial, time_s, (v_east / v_horizontal, v_north / v_horizontal)))
    }

    /// The longest range angle, radians, in the inertial frame (before the Earth's turning is
    /// taken off) of any trajectory fired due east at `speed_m_s` — where the ground's speed adds
    /// most — over flight-path angles from 0.5° to 89.5°; π or more when one goes round the globe.
    pub fn farthest_inertial_rad(&self, speed_m_s: f64) -> f64 {
        (1..180)
            .map(|k| {
                let gamma = (k as f64 * 0.5).to_radians();
                self.fly_inertial(speed_m_s, PI / 2.0, gamma).map_or(2.0 * PI, |(psi, _)| psi)
            })
            .fold(0.0, f64::max)
    }

    /// The longest trajectory at `speed_m_s` whose impact lies on `bearing_rad` from the site:
    /// the launch azimuth is solved so the impact stays on the bearing, and the flight-path
    /// angle chosen for the greatest range. Returns the impact, the launch azimuth and the
    /// flight-path angle (radians); None if the speed does not allow a trajectory that comes
    /// down (see [`fly`](Self::fly)).
    pub fn longest(&self, speed_m_s: f64, bearing_rad: f64) -> Option<(Impact, f64, f64)> {
        let psi = speed_to_range_rad(speed_m_s);
        self.longest_from(speed_m_s, bearing_rad, (PI - psi) / 4.0, bearing_rad)
    }

    /// [`longest`](Self::longest), starting the search from flight-path angle `gamma` and
    /// launch azimuth `azimuth` (a neighbouring direction's solution saves most of the work).
    pub fn longest_from(
        &self,
        speed_m_s: f64,
        bearing_rad: f64,
        mut gamma: f64,
        mut azimuth: f64,
    ) -> Option<(Impact, f64, f64)> {
        // Newton on the flight-path angle with central differences; each evaluation keeps the
        // impact on the bearing. The range is smooth and concave in the angle near its peak.
        let h = 1e-3;
        for _ in 0..40 {
            let (lo, a_lo) = self.on_bearing(speed_m_s, bearing_rad, gamma - h, azimuth)?;
            let (mid, a_mid) = self.on_bearing(speed_m_s, bearing_rad, gamma, a_lo)?;
            let (hi, _) = self.on_bearing(speed_m_s, bearing_rad, gamma + h, a_mid)?;
            azimuth = a_mid;
            let slope = (hi.range_rad - lo.range_rad) / (2.0 * h);
            let bend = (hi.range_rad - 2.0 * mid.range_rad + lo.range_rad) / (h * h);
            let step = if bend < 0.0 { (-slope / bend).clamp(-0.1, 0.1) } else { 0.1 * slope.signum() };
            gamma = (gamma + step).clamp(0.01, PI / 2.0 - 0.01);
            // 1e-8 rad off the peak costs the range under a micrometre (it is flat there).
            if step.abs() < 1e-8 {
                break;
            }
        }
        let (impact, azimuth) = self.on_bearing(speed_m_s, bearing_rad, gamma, azimuth)?;
        Some((impact, azimuth, gamma))
    }

    /// The impact of the trajectory at flight-path angle `gamma` whose launch azimuth is chosen
    /// (by the secant method from `guess`) so that it comes down on `bearing_rad`; and that
    /// azimuth.
    fn on_bearing(&self, speed_m_s: f64, bearing_rad: f64, gamma: f64, guess: f64) -> Option<(Impact, f64)> {
        let miss = |impact: &Impact| wrap_pi(impact.bearing_rad - bearing_rad);
        let mut a0 = guess;
        let mut i0 = self.fly(speed_m_s, a0, gamma)?;
        let mut f0 = miss(&i0);
        if f0.abs() < 1e-13 {
            return Some((i0, a0));
        }
        let mut a1 = a0 - f0;
        for _ in 0..50 {
            let i1 = self.fly(speed_m_s, a1, gamma)?;
            let f1 = miss(&i1);
            if f1.abs() < 1e-13 || a1 == a0 {
                return Some((i1, a1));
            }
            let step = if f1 != f0 { f1 * (a1 - a0) / (f1 - f0) } else { f1 };
            (a0, f0, i0) = (a1, f1, i1);
            a1 -= step;
        }
        Some((i0, a0))
    }
}

/// The burnout speed, m/s, of the minimum-energy trajectory over `range_m` on the non-rotating
/// sphere ([`crate::flight::minimum_energy`]).
pub fn burnout_speed_m_s(range_m: f64) -> f64 {
    crate::flight::minimum_energy(range_m / EARTH_RADIUS_M).1
}

/// The inverse of [`burnout_speed_m_s`]: the non-rotating range angle, radians, whose
/// minimum-energy trajectory needs `speed_m_s` (Q = 2s/(1+s), s = sin(ψ/2)).
fn speed_to_range_rad(speed_m_s: f64) -> f64 {
    let q = (speed_m_s * speed_m_s * EARTH_RADIUS_M / GM_M3_S2).min(1.0);
    let s = q / (2.0 - q);
    2.0 * s.clamp(0.0, 1.0).asin()
}

fn wrap_pi(x: f64) -> f64 {
    let y = (x + PI).rem_euclid(2.0 * PI) - PI;
    if y == -PI { PI } else { y }
}

fn cross(a: [f64; 3], b: [f64; 3]) -> [f64; 3] {
    [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]]
}

fn dot(a: [f64; 3], b: [f64; 3]) -> f64 {
    a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flight::ballistic_free_flight_s;

    #[test]
    fn without_the_ground_speed_it_is_the_minimum_energy_trajectory() {
        // At the pole the ground does not move: the inertial conic is the non-rotating one,
        // its range and time those of the flight model, only turned in longitude.
        let pole = Launch::new(90.0, 0.0);
        for km in [500.0, 5_500.0, 10_000.0] {
            let speed = burnout_speed_m_s(km * 1000.0);
            let (impact, _, gamma) = pole.longest(speed, 1.0).unwrap();
            assert!((impact.range_rad * EARTH_RADIUS_M - km * 1000.0).abs() < 0.01, "{km}: {impact:?}");
            assert!((impact.time_s - ballistic_free_flight_s(km * 1000.0)).abs() < 0.01, "{km}: {}", impact.time_s);
            assert!((gamma - (PI - km * 1000.0 / EARTH_RADIUS_M) / 4.0).abs() < 1e-5);
        }
    }

    #[test]
    fn the_speed_inverse_round_trips() {
        for km in [1.0, 500.0, 5_500.0, 15_000.0] {
            let psi = speed_to_range_rad(burnout_speed_m_s(km * 1000.0));
            assert!((psi * EARTH_RADIUS_M - km * 1000.0).abs() < 1e-3);
        }
    }
}
