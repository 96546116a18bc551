//! The ballistic flight-time model against an outside truth: the two-body trajectory itself,
//! integrated numerically (RK4) from the burnout state the model prescribes, over ground ranges
//! from 100 to 10,000 km. The closed form and the integration must agree on the flight time to
//! 0.1 s and on the range reached to 10 m.

use reachmap::flight::{EARTH_RADIUS_M, GM_M3_S2, ballistic_free_flight_s, minimum_energy};

/// Acceleration of a point at `r` (metres, Earth-centred plane) under the Earth's gravity.
fn gravity(r: [f64; 2]) -> [f64; 2] {
    let d = (r[0] * r[0] + r[1] * r[1]).sqrt();
    let k = -GM_M3_S2 / (d * d * d);
    [k * r[0], k * r[1]]
}

/// Integrates from burnout at the ground (range angle 0) with `speed` at `angle` above the
/// horizontal until the trajectory meets the ground again: the time (s) and the range angle
/// (radians) at impact.
fn integrate(speed: f64, angle: f64) -> (f64, f64) {
    let dt = 0.005;
    let mut r = [0.0, EARTH_RADIUS_M];
    let mut v = [speed * angle.cos(), speed * angle.sin()];
    let mut t = 0.0;
    let height = |r: [f64; 2]| (r[0] * r[0] + r[1] * r[1]).sqrt() - EARTH_RADIUS_M;
    loop {
        // One RK4 step of (r, v).
        let f = |r: [f64; 2], v: [f64; 2]| (v, gravity(r));
        let add = |a: [f64; 2], b: [f64; 2], k: f64| [a[0] + k * b[0], a[1] + k * b[1]];
        let (k1r, k1v) = f(r, v);
        let (k2r, k2v) = f(add(r, k1r, dt / 2.0), add(v, k1v, dt / 2.0));
        let (k3r, k3v) = f(add(r, k2r, dt / 2.0), add(v, k2v, dt / 2.0));
        let (k4r, k4v) = f(add(r, k3r, dt), add(v, k3v, dt));
        let step = |x: [f64; 2], a: [f64; 2], b: [f64; 2], c: [f64; 2], d: [f64; 2]| {
            [
                x[0] + dt / 6.0 * (a[0] + 2.0 * b[0] + 2.0 * c[0] + d[0]),
                x[1] + dt / 6.0 * (a[1] + 2.0 * b[1] + 2.0 * c[1] + d[1]),
            ]
        };
        let next_r = step(r, k1r, k2r, k3r, k4r);
        let next_v = step(v, k1v, k2v, k3v, k4v);
        if t > 1.0 && height(next_r) < 0.0 {
            // Impact between the two states: interpolate on height.
            let (h0, h1) = (height(r), height(next_r));
            let f = h0 / (h0 - h1);
            let at = add(r, [next_r[0] - r[0], next_r[1] - r[1]], f);
            return (t + f * dt, at[0].atan2(at[1]));
        }
        r = next_r;
        v = next_v;
        t += dt;
    }
}

#[test]
fn the_closed_form_matches_the_integrated_trajectory() {
    for km in [100.0, 300.0, 500.0, 1_000.0, 1_800.0, 3_000.0, 5_500.0, 8_000.0, 10_000.0] {
        let psi = km * 1000.0 / EARTH_RADIUS_M;
        let (angle, speed) = minimum_energy(psi);
        let (t, reached) = integrate(speed, angle);
        let model = ballistic_free_flight_s(km * 1000.0);
        assert!((t - model).abs() < 0.1, "{km} km: integrated {t:.3} s, model {model:.3} s");
        let miss_m = (reached - psi).abs() * EARTH_RADIUS_M;
        assert!(miss_m < 10.0, "{km} km: the trajectory lands {miss_m:.1} m from the target");
    }
}

/// The burnout angle and speed are those of the minimum-energy trajectory: no other angle at
/// the same speed reaches farther (checked by integrating two degrees either side).
#[test]
fn the_prescribed_angle_reaches_farthest_at_its_speed() {
    for km in [500.0, 3_000.0, 10_000.0] {
        let psi = km * 1000.0 / EARTH_RADIUS_M;
        let (angle, speed) = minimum_energy(psi);
        let reach = |a: f64| integrate(speed, a).1;
        let best = reach(angle);
        for delta in [-2.0_f64, 2.0] {
            assert!(reach(angle + delta.to_radians()) < best, "{km} km: {delta}° reaches farther");
        }
    }
}

/// Published flight times of real ballistic flights on ordinary (not lofted) trajectories, each
/// counted from launch, so including the boost the model leaves out: the model's free flight
/// must fall short of them by no more than a boost phase (4 minutes), and not exceed them by
/// more than the figure's own rounding.
#[test]
fn published_flight_times_bracket_the_model() {
    struct Published {
        what: &'static str,
        range_km: f64,
        minutes: f64,
        /// How far above the figure the model may come, minutes: its rounding.
        rounding_min: f64,
    }
    let published = [
        // "the missile flew for 19 minutes, traveling 3,700 km, reaching an altitude of 770 km";
        // CSIS Missile Threat, "North Korea Fires Another Missile Over Japan", 2017-09-15, with
        // the launch and splash-down times from the Japanese government (Jiji).
        Published { what: "Hwasong-12, 2017-09-15", range_km: 3_700.0, minutes: 19.0, rounding_min: 0.5 },
        // "landed 2,700 kilometers ... splashing down after 14 to 15 minutes"; UCS All Things
        // Nuclear, David Wright, 2017-08-29.
        Published { what: "Hwasong-12, 2017-08-29", range_km: 2_700.0, minutes: 14.5, rounding_min: 0.5 },
        // "hitting targets 1,100 miles away about 11 minutes after its solid-fuel main engine
        // ignites"; Orlando Sentinel, "Pershings Score 2 More Successes", 1986-06-27.
        Published { what: "Pershing II tests, 1986", range_km: 1_100.0 * 1.609_344, minutes: 11.0, rounding_min: 0.5 },
    ];
    for p in published {
        let model = ballistic_free_flight_s(p.range_km * 1000.0) / 60.0;
        let short = p.minutes - model;
        assert!(
            short > -p.rounding_min && short < 4.0,
            "{}: {:.0} km in {} min published, model free flight {model:.2} min",
            p.what,
            p.range_km,
            p.minutes
        );
    }
}
