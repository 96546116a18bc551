#!/usr/bin/env python3
"""Generates tests/fixtures/karney_circles.json with Karney's own implementation (the PyPI
`geographiclib` package, pinned in scripts/requirements.txt), the outside truth reachmap's
geodesy tests check against.

For each site and radius it records
  * `points`: the point at the radius along each of 24 azimuths (GeographicLib Direct), and
  * `probes`: points scattered around the site, many within a few km of the circle, each with
    its exact geodesic distance from the site (GeographicLib Inverse).

Run:  pip install -r scripts/requirements.txt && python3 scripts/make_fixtures.py
The output is deterministic (fixed random seed).
"""
import json
import random
from pathlib import Path

import geographiclib
from geographiclib.geodesic import Geodesic

WGS84 = Geodesic.WGS84

# High and low latitudes, the equator, both sides of ±180°, the southern hemisphere, the poles.
SITES = [
    ("Kaliningrad", 54.71, 20.51),
    ("Svalbard", 78.22, 15.65),
    ("North Pole", 90.0, 0.0),
    ("Equator", 0.0, 0.0),
    ("Singapore", 1.35, 103.82),
    ("Anadyr", 64.73, 177.51),
    ("Fiji", -17.71, 178.07),
    ("Dateline", 0.0, 180.0),
    ("Canberra", -35.28, 149.13),
    ("McMurdo", -77.85, 166.67),
    ("South Pole", -90.0, 0.0),
    ("Guam", 13.44, 144.79),
]
RADII_KM = [1, 100, 500, 1000, 2500, 5500, 10000, 15000, 19990, 20000]
AZIMUTHS = [i * 15.0 for i in range(24)]
PROBES_NEAR = 24  # within a few km of the circle
PROBES_FAR = 12  # anywhere from the site to the antipode


def main():
    rng = random.Random(7946)
    cases = []
    for name, lat, lon in SITES:
        for radius_km in RADII_KM:
            r = radius_km * 1000.0
            points = []
            for azi in AZIMUTHS:
                d = WGS84.Direct(lat, lon, azi, r)
                points.append([round(d["lon2"], 12), round(d["lat2"], 12)])
            probes = []
            for k in range(PROBES_NEAR + PROBES_FAR):
                azi = rng.uniform(0.0, 360.0)
                if k < PROBES_NEAR:
                    s = r + rng.uniform(-1.0, 1.0) * min(5000.0, 0.5 * r)
                else:
                    s = rng.uniform(0.0, 20_003_000.0)
                s = min(max(s, 0.0), 20_003_900.0)
                d = WGS84.Direct(lat, lon, azi, s)
                plat, plon = round(d["lat2"], 12), round(d["lon2"], 12)
                # The distance is recomputed by Inverse: past the cut locus a geodesic is no
                # longer the shortest path, so Direct's length is not the distance.
                dist = WGS84.Inverse(lat, lon, plat, plon)["s12"]
                probes.append([plon, plat, round(dist, 6)])
            cases.append(
                {
                    "site": name,
                    "lat": lat,
                    "lon": lon,
                    "radius_km": radius_km,
                    "azimuths_deg": AZIMUTHS,
                    "points": points,
                    "probes": probes,
                }
            )
    fixture = {
        "generator": "scripts/make_fixtures.py",
        "geographiclib_version": geographiclib.__version__,
        "ellipsoid": "WGS84",
        "units": "degrees (lon, lat) and metres",
        "cases": cases,
    }
    out = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "karney_circles.json"
    out.write_text(json.dumps(fixture, separators=(",", ":")) + "\n")
    print(f"wrote {out} ({len(cases)} cases)")


if __name__ == "__main__":
    main()
