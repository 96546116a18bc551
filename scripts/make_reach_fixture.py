#!/usr/bin/env python3
"""Generates tests/fixtures/reach.json with Karney's own GeographicLib (PyPI geographiclib 2.1):

  * distances (m) and azimuths (deg) from five sites to every 199th place of the gazetteer
    (assets/places/places.csv.gz), for the reach classification and its reported figures;
  * areas (m²) of geodesic circles, as geodesic polygons of 36,000 vertices on the circle,
    for the area-within-range computation.

Run from the repository root:  python3 scripts/make_reach_fixture.py
"""
import csv
import gzip
import io
import json
from pathlib import Path

from geographiclib.geodesic import Geodesic

ROOT = Path(__file__).resolve().parent.parent
G = Geodesic.WGS84

SITES = [
    ("Kaliningrad", 54.71, 20.51),
    ("Guam", 13.44, 144.79),
    ("Anadyr", 64.73, 177.51),
    ("Deveselu", 44.08, 24.41),
    ("McMurdo", -77.85, 166.67),
]
CIRCLES = [
    ("Kaliningrad", 54.71, 20.51, 500.0),
    ("Kaliningrad", 54.71, 20.51, 2500.0),
    ("Kaliningrad", 54.71, 20.51, 5500.0),
    ("Guam", 13.44, 144.79, 2500.0),
    ("North Pole", 90.0, 0.0, 1000.0),
]


def main():
    with gzip.open(ROOT / "assets/places/places.csv.gz", "rt", encoding="utf-8", newline="") as f:
        places = list(csv.DictReader(f))
    sample = places[::199]
    distances = []
    for name, lat, lon in SITES:
        for k, p in enumerate(sample):
            g = G.Inverse(lat, lon, float(p["lat"]), float(p["lon"]))
            distances.append({
                "site": name, "site_lat": lat, "site_lon": lon,
                "place": p["name"], "country_code": p["country_code"],
                "lat": float(p["lat"]), "lon": float(p["lon"]),
                "distance_m": round(g["s12"], 4), "azimuth_deg": round(g["azi1"], 9),
            })
    areas = []
    for name, lat, lon, km in CIRCLES:
        poly = G.Polygon()
        n = 36000
        for i in range(n):
            d = G.Direct(lat, lon, 360.0 * i / n, km * 1000.0)
            poly.AddPoint(d["lat2"], d["lon2"])
        _, _, area = poly.Compute(False, True)
        areas.append({"site": name, "lat": lat, "lon": lon, "radius_km": km, "area_m2": abs(area)})
    out = ROOT / "tests/fixtures/reach.json"
    out.write_text(json.dumps({"generator": "geographiclib 2.1", "distances": distances, "circle_areas": areas},
                              separators=(",", ":"), ensure_ascii=False) + "\n")
    print(f"{out}: {len(distances)} distances, {len(areas)} circle areas")


if __name__ == "__main__":
    main()
