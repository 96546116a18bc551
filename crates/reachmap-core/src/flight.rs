//! Flight time over a ground distance, by a system's flight profile: the standard first-order
//! models of arms-control analyses, each with its assumptions stated wherever a time is shown.
//!
//! - **Ballistic**: the powered flight (`boost_s`, where a source gives it; otherwise left out
//!   and said to be) plus free flight on the minimum-energy
//!   trajectory between two points on a spherical, non-rotating Earth in vacuum, burnout at
//!   the ground (Bate, Mueller & White, *Fundamentals of Astrodynamics*, 1971, ch. 6).
//!   Depressed and lofted trajectories, drag and the Earth's rotation make real times differ.
//! - **Cruise** and **glide**: the distance at a sourced average speed.
//!
//! ```
//! use reachmap_core::flight::ballistic_free_flight_s;
//! // 1,800 km of free flight on the minimum-energy trajectory: about 11 minutes.
//! assert!((ballistic_free_flight_s(1_800_000.0) / 60.0 - 11.0).abs() < 0.01);
//! ```

use std::f64::consts::PI;

use serde::Deserialize;

use crate::error::{Error, Field, Result};
use crate::format::format_km;

/// The Earth's radius in the ballistic model: WGS84's mean radius, metres.
pub const EARTH_RADIUS_M: f64 = crate::geodesy::MEAN_RADIUS_M;

/// The Earth's gravitational parameter GM (WGS84), m³/s².
pub const GM_M3_S2: f64 = 3.986_004_418e14;

/// The free-flight time, seconds, of a minimum-energy ballistic trajectory over a ground range
/// of `ground_range_m` (measured along the sphere of [`EARTH_RADIUS_M`]), burnout and impact at
/// the ground. Defined for ranges up to half the Earth's circumference.
pub fn ballistic_free_flight_s(ground_range_m: f64) -> f64 {
    let r = EARTH_RADIUS_M;
    let psi = (ground_range_m / r).clamp(0.0, PI);
    if psi == 0.0 {
        return 0.0;
    }
    let (trajectory, _) = minimum_energy(psi);
    let half = (psi / 2.0).sin();
    let q = 2.0 * half / (1.0 + half);
    let a = r / (2.0 - q);
    let cos2 = trajectory.cos().powi(2);
    let e = (1.0 + q * (q - 2.0) * cos2).max(0.0).sqrt();
    if e < 1e-9 {
        // To the antipode the trajectory is a circular orbit at the ground: half its period.
        return PI * (r.powi(3) / GM_M3_S2).sqrt();
    }
    let cos_nu = ((q * cos2 - 1.0) / e).clamp(-1.0, 1.0);
    let cos_e = ((e + cos_nu) / (1.0 + e * cos_nu)).clamp(-1.0, 1.0);
    let ecc_anomaly = cos_e.acos();
    2.0 * (a.powi(3) / GM_M3_S2).sqrt() * (PI - (ecc_anomaly - e * ecc_anomaly.sin()))
}

/// The minimum-energy trajectory over a range angle `psi` (radians): its flight-path angle at
/// burnout (radians above the horizontal) and its burnout speed (m/s).
pub fn minimum_energy(psi: f64) -> (f64, f64) {
    let half = (psi / 2.0).sin();
    let q = 2.0 * half / (1.0 + half);
    ((PI - psi) / 4.0, (q * GM_M3_S2 / EARTH_RADIUS_M).sqrt())
}

/// How a system flies, as far as its flight time goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A ballistic missile: boost, then free flight on the minimum-energy trajectory.
    Ballistic,
    /// A cruise missile: its average speed.
    Cruise,
    /// A boost-glide vehicle: its average speed over the whole flight.
    Glide,
}

/// A system's flight profile with its source, as the catalog and scenarios give it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlightProfile {
    /// Ballistic, cruise or glide.
    pub profile: Kind,
    /// Ballistic: the powered flight, seconds, added to the free flight. Without a sourced
    /// figure it is left out, and every time printed says so.
    pub boost_s: Option<f64>,
    /// Cruise and glide: the average speed over the flight, km/h.
    pub speed_kmh: Option<f64>,
    /// Who says so, where.
    pub source: String,
    /// When.
    pub date: Option<String>,
    /// Anything a reader should know.
    pub note: Option<String>,
}

impl FlightProfile {
    /// Checks the profile: a source; for a ballistic one no speed and, if given, a finite boost
    /// of 0 to 1,000 s; for the others a finite speed above 0 and at most 50,000 km/h and no
    /// boost. `field` names the profile in errors.
    pub fn validate(&self, field: impl Into<Field>) -> Result<()> {
        let field: &Field = &field.into();
        if self.source.trim().is_empty() {
            return Err(Error::invalid(field, "", "a flight profile needs its source = \"...\" (who says so, where)"));
        }
        match self.profile {
            Kind::Ballistic => {
                if let Some(boost) = self.boost_s
                    && (!boost.is_finite() || !(0.0..=1_000.0).contains(&boost))
                {
                    return Err(Error::out_of_range(format!("{field} boost_s"), boost, "0 to 1000 seconds"));
                }
                if self.speed_kmh.is_some() {
                    return Err(Error::invalid(field, "speed_kmh", "a ballistic profile takes boost_s, not speed_kmh"));
                }
            }
            Kind::Cruise | Kind::Glide => {
                let Some(speed) = self.speed_kmh else {
                    return Err(Error::invalid(
                        field,
                        self.kind_name(),
                        "this profile needs speed_kmh (its average speed)",
                    ));
                };
                if !speed.is_finite() || speed <= 0.0 || speed > 50_000.0 {
                    return Err(Error::out_of_range(
                        format!("{field} speed_kmh"),
                        speed,
                        "greater than 0 and at most 50000 km/h",
                    ));
                }
                if self.boost_s.is_some() {
                    return Err(Error::invalid(
                        field,
                        "boost_s",
                        "boost_s is for ballistic profiles; give the average speed only",
                    ));
                }
            }
        }
        Ok(())
    }

    /// `ballistic`, `cruise` or `glide`.
    pub fn kind_name(&self) -> &'static str {
        match self.profile {
            Kind::Ballistic => "ballistic",
            Kind::Cruise => "cruise",
            Kind::Glide => "glide",
        }
    }

    /// The flight time, seconds, over a ground distance of `distance_m`.
    pub fn time_s(&self, distance_m: f64) -> f64 {
        match self.profile {
            Kind::Ballistic => self.boost_s.unwrap_or(0.0) + ballistic_free_flight_s(distance_m),
            Kind::Cruise | Kind::Glide => distance_m / (self.speed_kmh.unwrap_or(f64::INFINITY) / 3.6),
        }
    }

    /// The ground distance, metres, flown in `time_s` seconds, if the model reaches that far
    /// (None within a ballistic missile's boost, or beyond half the Earth's circumference).
    pub fn distance_m(&self, time_s: f64) -> Option<f64> {
        let farthest = PI * EARTH_RADIUS_M;
        if time_s.is_nan() || time_s <= 0.0 || time_s > self.time_s(farthest) {
            return None;
        }
        match self.profile {
            Kind::Cruise | Kind::Glide => Some(time_s * self.speed_kmh? / 3.6),
            Kind::Ballistic => {
                // Free-flight time grows with range: bisect to a millimetre.
                let (mut lo, mut hi) = (0.0, farthest);
                if time_s <= self.time_s(0.0) {
                    return None;
                }
                while hi - lo > 1e-3 {
                    let mid = 0.5 * (lo + hi);
                    if self.time_s(mid) < time_s { lo = mid } else { hi = mid }
                }
                Some(0.5 * (lo + hi))
            }
        }
    }

    /// The model and its assumptions in a sentence, for every table, map and file that shows
    /// a time: `ballistic: 60 s boost plus free flight on the minimum-energy trajectory;
    /// spherical, non-rotating Earth, no drag, burnout at the ground; …`.
    pub fn assumptions(&self) -> String {
        match self.profile {
            Kind::Ballistic => {
                let conditions = "spherical, non-rotating Earth, no drag, burnout at the ground; depressed or lofted trajectories differ";
                match self.boost_s {
                    Some(boost) => format!(
                        "ballistic: {} s boost plus free flight on the minimum-energy trajectory; {conditions}",
                        format_km(boost)
                    ),
                    None => format!(
                        "ballistic: free flight on the minimum-energy trajectory without the boost phase, for which no figure is sourced (it adds a minute or more); {conditions}"
                    ),
                }
            }
            Kind::Cruise => format!("cruise: distance at an average {} km/h", format_km(self.speed_kmh.unwrap_or(0.0))),
            Kind::Glide => format!(
                "boost-glide: distance at an average {} km/h over the whole flight",
                format_km(self.speed_kmh.unwrap_or(0.0))
            ),
        }
    }

    /// The profile for a sources line: its assumptions, source and date.
    pub fn sources_line(&self) -> String {
        match &self.date {
            Some(date) => format!("{}; source: {} ({date})", self.assumptions(), self.source),
            None => format!("{}; source: {}", self.assumptions(), self.source),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_minimum_energy_free_flight_times_of_the_design_notes() {
        // Minutes of free flight, from the design notes' worked values.
        for (km, minutes) in
            [(500.0, 5.5), (1_000.0, 7.9), (1_800.0, 11.0), (3_000.0, 14.9), (5_500.0, 21.9), (10_000.0, 32.2)]
        {
            let got = ballistic_free_flight_s(km * 1000.0) / 60.0;
            assert!((got - minutes).abs() < 0.05, "{km} km: {got:.2} min");
        }
    }

    #[test]
    fn distance_inverts_time() {
        let ballistic = FlightProfile {
            profile: Kind::Ballistic,
            boost_s: Some(60.0),
            speed_kmh: None,
            source: "s".into(),
            date: None,
            note: None,
        };
        for km in [50.0, 500.0, 1_800.0, 5_500.0, 12_000.0] {
            let t = ballistic.time_s(km * 1000.0);
            let back = ballistic.distance_m(t).unwrap();
            assert!((back - km * 1000.0).abs() < 0.01, "{km} km → {t} s → {back} m");
        }
        assert_eq!(ballistic.distance_m(30.0), None, "within the boost");
        assert_eq!(ballistic.distance_m(10_000.0), None, "beyond half the Earth");
        let cruise = FlightProfile { profile: Kind::Cruise, boost_s: None, speed_kmh: Some(880.0), ..ballistic };
        assert!((cruise.distance_m(3600.0).unwrap() - 880_000.0).abs() < 1e-6);
        assert!((cruise.time_s(2_350_000.0) / 60.0 - 160.227).abs() < 0.001);
    }
}
