"""rings, buffer and footprint: the command line's features, geometry shapely reads, and regions
that hold exactly the points GeographicLib puts within range."""

import json
import math
import random

import pytest
import reachmap as rm
from geographiclib.geodesic import Geodesic
from shapely.geometry import Point, shape

KALININGRAD = ("Kaliningrad", 54.71, 20.51)
GUAM = ("Guam", 13.444, 144.794)


def spec(site):
    name, lat, lon = site
    return f"{name}={lat},{lon}"


def all_valid(collection):
    """Every geometry read by shapely, valid (OGC rules), and returned."""
    assert collection["type"] == "FeatureCollection"
    shapes = []
    for feature in collection["features"]:
        geometry = shape(feature["geometry"])
        assert geometry.is_valid, feature["properties"]
        assert not geometry.is_empty
        shapes.append(geometry)
    return shapes


@pytest.mark.parametrize(
    "sites, ranges, flags",
    [
        # Contains the North Pole.
        ([KALININGRAD], [5500], ["--range-km", "5500"]),
        # Crosses 180°.
        ([GUAM], [5500], ["--range-km", "5500"]),
        # Two sites, a range and a band; a gazetteer name.
        ([KALININGRAD, "Naha, JP"], [2500, (500, 1000)], ["--range-km", "2500", "--band", "500:1000"]),
    ],
)
def test_rings_are_the_command_lines(cli_json, sites, ranges, flags):
    args = ["rings"]
    for site in sites:
        args += ["--site", site if isinstance(site, str) else spec(site)]
    expected = cli_json(*args, *flags)
    got = rm.rings(sites, ranges)
    assert got == expected
    all_valid(got)


def test_multipolygon_gives_every_range_one_geometry_type(cli_json):
    expected = cli_json("rings", "--site", spec(GUAM), "--site", spec(KALININGRAD), "--range-km", "1000,5500")
    got = rm.rings([GUAM, KALININGRAD], [1000, 5500], multipolygon=True)
    assert {f["geometry"]["type"] for f in got["features"]} == {"MultiPolygon"}
    for mine, theirs in zip(got["features"], expected["features"]):
        assert mine["properties"] == theirs["properties"]
        coordinates = theirs["geometry"]["coordinates"]
        if theirs["geometry"]["type"] == "Polygon":
            coordinates = [coordinates]
        assert mine["geometry"]["coordinates"] == coordinates
    all_valid(got)


def geodesic_km(lat1, lon1, lat2, lon2):
    return Geodesic.WGS84.Inverse(lat1, lon1, lat2, lon2)["s12"] / 1000.0


@pytest.mark.parametrize("site, range_km", [(KALININGRAD, 5500), (GUAM, 5500), (("Anadyr", 64.73, 177.5), 2500)])
def test_rings_hold_the_points_geographiclib_puts_within_range(site, range_km):
    """Random points: inside the polygon exactly when GeographicLib's distance is below the range
    (points within 20 m of the edge, twice the tolerance, are left out)."""
    name, lat, lon = site
    region = all_valid(rm.rings([site], [range_km]))[0]
    rng = random.Random(7)
    checked = 0
    for _ in range(3000):
        plat = math.degrees(math.asin(rng.uniform(-1, 1)))
        plon = rng.uniform(-180, 180)
        d = geodesic_km(lat, lon, plat, plon)
        if abs(d - range_km) < 0.02:
            continue
        assert region.covers(Point(plon, plat)) == (d < range_km), (plat, plon, d)
        checked += 1
    assert checked > 2900


def test_rings_leave_the_garbage_collector_as_they_found_it():
    # The collector is paused while a collection's lists are built, and resumed only if it ran.
    import gc

    assert gc.isenabled()
    rm.rings([KALININGRAD], [500])
    assert gc.isenabled()
    gc.disable()
    try:
        rm.rings([KALININGRAD], [500])
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_buffer_is_the_command_lines_launch_area(cli_json, tmp_path):
    road = {"type": "LineString", "coordinates": [[19.9, 54.3], [21.5, 55.1], [22.8, 54.9]]}
    path = tmp_path / "road.geojson"
    path.write_text(json.dumps(road))
    expected = cli_json("rings", "--area", f"road={path}", "--range-km", "1000", "--band", "1500:2500")
    got = rm.buffer(road, [1000, (1500, 2500)], name="road")
    assert got == expected
    all_valid(got)


def test_buffer_takes_shapely_geometry_and_holds_every_point_within_range():
    from shapely.geometry import Polygon

    oblast = Polygon([(19.6, 54.4), (22.8, 54.35), (22.7, 55.3), (21.2, 55.3), (19.9, 54.95)])
    collection = rm.buffer(oblast, 800, name="oblast")
    assert collection == rm.buffer(oblast.__geo_interface__, 800, name="oblast")
    assert collection["features"][0]["properties"]["area"] == "oblast"
    region = all_valid(collection)[0]
    # The buffer's outer edge: 800 km from the nearest vertex or edge point of the outline.
    outline = [oblast.exterior.interpolate(k / 200, normalized=True) for k in range(200)]
    rng = random.Random(3)
    for _ in range(120):
        plat, plon = rng.uniform(40, 70), rng.uniform(0, 45)
        inside = oblast.covers(Point(plon, plat))
        d = 0.0 if inside else min(geodesic_km(p.y, p.x, plat, plon) for p in outline)
        # The sampled outline overstates the distance by up to a few km: only clear cases count.
        if d < 790:
            assert region.covers(Point(plon, plat)), (plat, plon, d)
        elif d > 805:
            assert not region.covers(Point(plon, plat)), (plat, plon, d)


@pytest.mark.parametrize("any_", [False, True])
def test_footprint_is_the_command_lines(cli_json, any_):
    targets = ["Moscow", ("Minsk", 53.9, 27.567)]
    flags = ["--any"] if any_ else []
    expected = cli_json("footprint", "--target", "Moscow", "--target", "Minsk=53.9,27.567", "--range-km", "1500", *flags)
    got = rm.footprint(targets, 1500, any=any_)
    assert got == expected
    region = all_valid(got)[0]
    # Each probe: within range of every target (or one) exactly as GeographicLib says.
    moscow = rm.resolve("Moscow")
    places = [(moscow["lat"], moscow["lon"]), (53.9, 27.567)]
    rng = random.Random(11)
    for _ in range(500):
        plat, plon = rng.uniform(35, 75), rng.uniform(0, 70)
        distances = [geodesic_km(lat, lon, plat, plon) for lat, lon in places]
        if any(abs(d - 1500) < 0.02 for d in distances):
            continue
        within = [d < 1500 for d in distances]
        assert region.covers(Point(plon, plat)) == (any(within) if any_ else all(within))


def test_geopandas_reads_every_collection():
    geopandas = pytest.importorskip("geopandas")
    for collection in (
        rm.rings([KALININGRAD, GUAM], [1000, (1000, 5500)]),
        rm.rings([GUAM], [5500], multipolygon=True),
        rm.buffer({"type": "LineString", "coordinates": [[20, 54], [21, 55]]}, 500),
        rm.footprint(["Moscow", "Berlin"], 2000),
    ):
        frame = geopandas.GeoDataFrame.from_features(collection, crs="EPSG:4326")
        assert len(frame) == len(collection["features"])
        assert frame.geometry.is_valid.all()
