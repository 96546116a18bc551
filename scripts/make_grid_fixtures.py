#!/usr/bin/env python3
"""Small population rasters for tests/population_grid.rs, in the layouts the Rust tests cannot
write with the `tiff` crate's encoder (which writes strips only): a tiled, Deflate-compressed
float64 GeoTIFF placed by ModelTransformation, crossing 180°, with GDAL's nodata tag; and a
PixelIsPoint int32 one. Beside each, the people within range of a few sites counted by brute
force with GeographicLib (every cell centre, Karney's inverse): the outside truth the tests
check against.

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install tifffile==2026.3.3 numpy==2.4.6 geographiclib==2.1
    /tmp/venv/bin/python scripts/make_grid_fixtures.py

Deterministic: a fixed seed; the files are rewritten byte for byte.
"""

import json
from pathlib import Path

import numpy as np
import tifffile
from geographiclib.geodesic import Geodesic

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "grid"

# GeoKey directory: version 1.1.0, 3 keys: model type geographic, raster type (area or point),
# geographic type WGS84.
def geokeys(raster_type):
    return [1, 1, 0, 3, 1024, 0, 1, 2, 1025, 0, 1, raster_type, 2048, 0, 1, 4326]


def brute(values, west, top, dlon, dlat, nodata, cases):
    """People in cells whose centre is closer than each case's radius (Karney, WGS84)."""
    rows, cols = values.shape
    out = []
    for site_lat, site_lon, radius_km in cases:
        total = 0
        for r in range(rows):
            lat = top + (r + 0.5) * dlat
            for c in range(cols):
                v = values[r, c]
                if v == nodata or v <= 0:
                    continue
                lon = west + (c + 0.5) * dlon
                lon = (lon + 180.0) % 360.0 - 180.0
                s = Geodesic.WGS84.Inverse(site_lat, site_lon, lat, lon)["s12"]
                if s < radius_km * 1000.0:
                    total += int(v)
        out.append({"lat": site_lat, "lon": site_lon, "radius_km": radius_km, "people": total})
    return out


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(20)

    # Tiled, Deflate, float64, ModelTransformation: 0.25° cells from 170° E to 190° (170° W),
    # 60° N to 70° N; nodata -99999 in a few cells.
    rows, cols, d = 40, 80, 0.25
    west, top = 170.0, 70.0
    values = rng.integers(0, 1000, size=(rows, cols)).astype(np.float64)
    values[rng.random((rows, cols)) < 0.05] = -99999.0
    transform = [d, 0, 0, west, 0, -d, 0, top, 0, 0, 0, 0, 0, 0, 0, 1]
    tifffile.imwrite(
        OUT / "tiled_deflate_f64.tif",
        values,
        tile=(16, 16),
        compression="zlib",
        extratags=[
            (34264, "d", 16, transform, True),
            (34735, "H", 16, geokeys(1), True),
            (42113, "s", 0, "-99999", True),
        ],
    )
    cases = [(64.73, 177.5, 300.0), (65.0, -175.0, 500.0), (62.0, 179.9, 1200.0)]
    expected = {"tiled_deflate_f64.tif": brute(values, west, top, d, -d, -99999.0, cases)}

    # PixelIsPoint, int32, strips, ModelPixelScale + ModelTiepoint: the tie point is the centre
    # of cell (0, 0) at 10.5° E, 55.5° N; 1° cells.
    rows, cols, d = 12, 20, 1.0
    values = rng.integers(0, 50000, size=(rows, cols)).astype(np.int32)
    tifffile.imwrite(
        OUT / "point_int32.tif",
        values,
        extratags=[
            (33550, "d", 3, [d, d, 0.0], True),
            (33922, "d", 6, [0.0, 0.0, 0.0, 10.5, 55.5, 0.0], True),
            (34735, "H", 16, geokeys(2), True),
        ],
    )
    # As GDAL reads PixelIsPoint: cell (0, 0) spans 10°–11° E, 55°–56° N.
    cases = [(52.0, 20.0, 400.0), (50.0, 15.0, 1000.0)]
    expected["point_int32.tif"] = brute(values, 10.0, 56.0, d, -d, None, cases)

    (OUT / "expected.json").write_text(json.dumps(expected, indent=1) + "\n")


if __name__ == "__main__":
    main()
