#!/usr/bin/env python3
"""Generates tests/fixtures/projections.json: where known places land in each preset frame,
computed by PROJ through pyproj (pinned in scripts/requirements.txt), the outside truth for
reachmap's frames. Run: python3 scripts/make_projection_fixture.py
"""
import json
from pathlib import Path

import pyproj

PRESETS = {
    "europe": "+proj=laea +lat_0=52 +lon_0=10 +ellps=WGS84",
    "east-asia": "+proj=laea +lat_0=30 +lon_0=125 +ellps=WGS84",
    "world": "+proj=eqearth +lon_0=0 +ellps=WGS84",
    "site:Kaliningrad": "+proj=aeqd +lat_0=54.71 +lon_0=20.51 +ellps=WGS84",
}
PLACES = [
    ("Kaliningrad", 20.51, 54.71),
    ("Berlin", 13.405, 52.52),
    ("Reykjavik", -21.94, 64.147),
    ("Moscow", 37.618, 55.756),
    ("Tokyo", 139.692, 35.69),
    ("Guam", 144.79, 13.44),
    ("Anadyr", 177.51, 64.73),
    ("Delhi", 77.209, 28.614),
    ("Cape Town", 18.424, -33.925),
]


def main():
    fixture = {"generator": "scripts/make_projection_fixture.py", "pyproj": pyproj.__version__, "proj": pyproj.proj_version_str, "frames": []}
    for name, definition in PRESETS.items():
        transformer = pyproj.Proj(definition)
        points = []
        for place, lon, lat in PLACES:
            x, y = transformer(lon, lat)
            points.append({"place": place, "lon": lon, "lat": lat, "x": round(x, 4), "y": round(y, 4)})
        fixture["frames"].append({"frame": name, "proj": definition, "points": points})
    out = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "projections.json"
    out.write_text(json.dumps(fixture, indent=1) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
