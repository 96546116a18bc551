#!/usr/bin/env python3
"""Generates tests/fixtures/rotation.json: ballistic ranges over a rotating Earth, by numerical
integration of the two-body trajectory in the Earth-fixed (rotating) frame.

The model (the one crates/reachmap-core/src/rotation/ solves in closed form in the inertial frame):
  * a spherical Earth of radius R = 6,371,008.7714 m (WGS84's mean radius), GM = 3.986004418e14
    m^3/s^2, turning at omega = 7.292115e-5 rad/s (WGS84) about its polar axis; no drag;
  * burnout at the ground, at the site, with the speed v relative to the ground that gives the
    quoted range D on the minimum-energy trajectory over a non-rotating Earth
    (v^2 = Q GM / R, Q = 2 sin(D/2R) / (1 + sin(D/2R)));
  * in each direction theta from the site (the bearing of the impact point, degrees clockwise
    from north, on the sphere), the longest great-circle distance to an impact point over every
    launch azimuth and flight-path angle whose impact lies on that bearing.

In the rotating frame the acceleration is -GM r/|r|^3 - 2 w x v - w x (w x r); the launch
velocity is v (cos g (sin a east + cos a north) + sin g up) relative to the ground. scipy's
DOP853 (rtol 1e-11) integrates until |r| falls back to R. For each bearing the launch azimuth a
is solved by the secant method so that the impact lies on the bearing (to 1e-11 rad), and the
flight-path angle g by bounded Brent maximisation of the distance (to 1e-7 rad).

Sites run from the equator to 70 N, quoted ranges from 500 to 10,000 km, 24 bearings each.
Run from the repository root:  python3 scripts/make_rotation_fixture.py  (needs numpy, scipy).
"""
import json
import math
import multiprocessing
import sys
from pathlib import Path

import numpy as np
import scipy
from scipy.integrate import solve_ivp
from scipy.optimize import minimize_scalar

ROOT = Path(__file__).resolve().parent.parent
R = 6_371_008.7714
GM = 3.986004418e14
OMEGA = 7.292115e-5
W = np.array([0.0, 0.0, OMEGA])

SITES = [
    ("equator", 0.0, 0.0),
    ("Hainan", 18.25, 109.5),
    ("45N", 45.0, -100.0),
    ("60N", 60.0, 160.0),
    ("70N", 70.0, 30.0),
]
RANGES_KM = [500.0, 2_500.0, 5_500.0, 10_000.0]
BEARINGS = [15.0 * k for k in range(24)]


def burnout_speed(range_m):
    half = math.sin(range_m / R / 2.0)
    q = 2.0 * half / (1.0 + half)
    return math.sqrt(q * GM / R)


def frame(lat, lon):
    la, lo = math.radians(lat), math.radians(lon)
    up = np.array([math.cos(la) * math.cos(lo), math.cos(la) * math.sin(lo), math.sin(la)])
    east = np.array([-math.sin(lo), math.cos(lo), 0.0])
    north = np.cross(up, east)
    return up, east, north


def rhs(_t, y):
    r, v = y[:3], y[3:]
    a = -GM * r / np.dot(r, r) ** 1.5 - 2.0 * np.cross(W, v) - np.cross(W, np.cross(W, r))
    return np.concatenate([v, a])


def ground(_t, y):
    return math.sqrt(y[0] ** 2 + y[1] ** 2 + y[2] ** 2) - R


ground.terminal = True
ground.direction = -1


def fly(site, speed, azimuth, gamma):
    """Impact (great-circle distance m, bearing rad, time s) of one trajectory."""
    up, east, north = site
    v0 = speed * (math.cos(gamma) * (math.sin(azimuth) * east + math.cos(azimuth) * north) + math.sin(gamma) * up)
    y0 = np.concatenate([R * up, v0])
    sol = solve_ivp(rhs, (0.0, 1e5), y0, method="DOP853", rtol=1e-11, atol=1e-5, events=ground)
    if sol.t_events[0].size == 0:
        raise RuntimeError("no impact")
    t = float(sol.t_events[0][0])
    p = sol.y_events[0][0][:3]
    p = p / np.linalg.norm(p)
    distance = math.atan2(np.linalg.norm(np.cross(up, p)), np.dot(up, p)) * R
    bearing = math.atan2(np.dot(p, east), np.dot(p, north))
    return distance, bearing, t


def wrap(x):
    return (x + math.pi) % (2.0 * math.pi) - math.pi


def on_bearing(site, speed, bearing, gamma, guess):
    """The launch azimuth whose impact lies on `bearing` at flight-path angle `gamma`, and that
    impact."""
    a0 = guess
    d0, b0, t0 = fly(site, speed, a0, gamma)
    f0 = wrap(b0 - bearing)
    a1 = a0 - f0
    for _ in range(30):
        d1, b1, t1 = fly(site, speed, a1, gamma)
        f1 = wrap(b1 - bearing)
        if abs(f1) < 1e-11:
            return a1, d1, t1
        step = f1 * (a1 - a0) / (f1 - f0) if f1 != f0 else f1
        a0, f0 = a1, f1
        a1 = a1 - step
    raise RuntimeError("azimuth did not converge")


def longest(site, speed, bearing_deg, gamma_guess):
    bearing = math.radians(bearing_deg)
    state = {"azimuth": bearing}
    best = {}

    def minus_distance(gamma):
        azimuth, d, t = on_bearing(site, speed, bearing, gamma, state["azimuth"])
        state["azimuth"] = azimuth
        if not best or d > best["d"]:
            best.update(d=d, t=t, azimuth=azimuth, gamma=gamma)
        return -d

    low, high = gamma_guess - 0.25, gamma_guess + 0.25
    minimize_scalar(minus_distance, bounds=(low, high), method="bounded", options={"xatol": 1e-7})
    if min(best["gamma"] - low, high - best["gamma"]) < 1e-3:
        raise RuntimeError("the best flight-path angle lies on the search bound")
    return best


def solve(case):
    name, lat, lon, km = case
    site = frame(lat, lon)
    speed = burnout_speed(km * 1000.0)
    gamma0 = (math.pi - km * 1000.0 / R) / 4.0
    directions = []
    for bearing in BEARINGS:
        b = longest(site, speed, bearing, gamma0)
        directions.append({
            "bearing_deg": bearing,
            "range_m": round(b["d"], 3),
            "time_s": round(b["t"], 4),
            "launch_azimuth_deg": round(math.degrees(b["azimuth"]) % 360.0, 6),
            "flight_path_angle_deg": round(math.degrees(b["gamma"]), 6),
        })
    east, west = directions[6]["range_m"], directions[18]["range_m"]
    print(f"{name:12} {km:7.0f} km: east {east / 1000:8.1f}  west {west / 1000:8.1f}  "
          f"north {directions[0]['range_m'] / 1000:8.1f}", file=sys.stderr, flush=True)
    return {"site": name, "lat": lat, "lon": lon, "quoted_km": km, "burnout_speed_m_s": speed,
            "directions": directions}


def main():
    jobs = [(name, lat, lon, km) for name, lat, lon in SITES for km in RANGES_KM]
    with multiprocessing.Pool(2) as pool:
        cases = pool.map(solve, jobs, chunksize=1)
    out = {
        "generator": f"scripts/make_rotation_fixture.py (scipy {scipy.__version__} DOP853, rtol 1e-11)",
        "earth_radius_m": R, "gm_m3_s2": GM, "omega_rad_s": OMEGA,
        "cases": cases,
    }
    path = ROOT / "tests/fixtures/rotation.json"
    path.write_text(json.dumps(out, separators=(",", ":")) + "\n")
    print(f"wrote {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
