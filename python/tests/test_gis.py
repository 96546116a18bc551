"""What a GIS workflow asks of the package beyond the worked examples: rings clipped for Web
Mercator (`clip_lat`, the command line's `--clip-lat`) and areas that agree with GeographicLib's
area of the geodesic circle."""

import math
import random

import pytest
import reachmap as rm
from geographiclib.geodesic import Geodesic
from shapely.geometry import Point, shape

KALININGRAD = ("Kaliningrad", 54.71, 20.51)
ANADYR = ("Anadyr", 64.73, 177.5)
GUAM = ("Guam", 13.444, 144.794)
THULE = ("Thule", 76.53, -68.70)
MCMURDO = ("McMurdo", -77.85, 166.67)
# Where Web Mercator ends: atan(sinh(pi)), degrees.
WEB_MERCATOR_LAT = math.degrees(math.atan(math.sinh(math.pi)))


def spec(site):
    name, lat, lon = site
    return f"{name}={lat},{lon}"


def vertices(geometry):
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [p for polygon in polygons for ring in polygon for p in ring]


def test_clip_lat_is_the_command_lines(cli_json):
    expected = cli_json(
        "rings", "--site", spec(KALININGRAD), "--site", spec(ANADYR), "--range-km", "5500", "--clip-lat", "85.05",
        "--multipolygon",
    )
    assert rm.rings([KALININGRAD, ANADYR], 5500, clip_lat=85.05, multipolygon=True) == expected


@pytest.mark.parametrize("site, range_km", [(KALININGRAD, 5500), (ANADYR, 5500), (MCMURDO, 3000), (THULE, 12000)])
def test_clip_lat_keeps_exactly_the_points_within_range_and_latitude(site, range_km):
    """Every vertex within ±85.05°; random points inside exactly where GeographicLib's distance is
    below the range and the latitude within the bound (20 m from the circle left out)."""
    name, lat, lon = site
    collection = rm.rings([site], range_km, clip_lat=85.05)
    geometry = collection["features"][0]["geometry"]
    assert max(abs(y) for _, y in vertices(geometry)) <= 85.05
    region = shape(geometry)
    assert region.is_valid
    rng = random.Random(17)
    for _ in range(1500):
        plat, plon = math.degrees(math.asin(rng.uniform(-1, 1))), rng.uniform(-180, 180)
        d = Geodesic.WGS84.Inverse(lat, lon, plat, plon)["s12"] / 1000
        if abs(d - range_km) < 0.02 or abs(abs(plat) - 85.05) < 1e-6:
            continue
        assert region.covers(Point(plon, plat)) == (d < range_km and abs(plat) <= 85.05), (plat, plon, d)


def test_clip_lat_makes_rings_over_a_pole_drawable_in_web_mercator():
    pyproj = pytest.importorskip("pyproj")
    import shapely

    # The edge of Web Mercator's square world: pi times the WGS84 semi-major axis.
    edge_m = math.pi * 6378137.0
    to_3857 = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:3857", always_xy=True).transform
    for clip, within in ((None, False), (WEB_MERCATOR_LAT, True)):
        collection = rm.rings([KALININGRAD, ANADYR], 5500, clip_lat=clip)
        for feature in collection["features"]:
            projected = shapely.transform(shape(feature["geometry"]), to_3857, interleaved=False)
            top = max(abs(projected.bounds[1]), abs(projected.bounds[3]))
            assert (top <= edge_m * (1 + 1e-9)) == within, (clip, feature["properties"]["label"], top)


def test_clip_lat_leaves_out_a_region_wholly_beyond_it_with_a_warning():
    # A 300 km ring around a point 10 m from the North Pole lies north of 87° N.
    near_pole = ("Pole", 89.9999, 0.0)
    with pytest.warns(UserWarning, match="wholly beyond"):
        collection = rm.rings([near_pole, KALININGRAD], 300, clip_lat=85.05)
    assert [f["properties"]["site"] for f in collection["features"]] == ["Kaliningrad"]


def test_buffer_takes_clip_lat_and_multipolygon():
    road = {"type": "LineString", "coordinates": [[19.9, 54.3], [21.5, 55.1], [22.8, 54.9]]}
    collection = rm.buffer(road, 5000, clip_lat=80.0, multipolygon=True)
    geometry = collection["features"][0]["geometry"]
    assert geometry["type"] == "MultiPolygon"
    assert max(abs(y) for _, y in vertices(geometry)) <= 80.0


@pytest.mark.parametrize("bad", [0, 90, -10, float("nan")])
def test_clip_lat_out_of_range_is_refused_by_name(bad):
    with pytest.raises(ValueError, match=r"^clip_lat: .* is out of range; allowed: more than 0 and less than 90"):
        rm.rings([KALININGRAD], 500, clip_lat=bad)


def geographiclib_cap_km2(lat, lon, radius_km, n=3600):
    """The area of the geodesic circle: a polygon of n points Karney's direct solution puts on
    it, counter-clockwise, its edges geodesics (GeographicLib's PolygonArea)."""
    polygon = Geodesic.WGS84.Polygon()
    for k in range(n):
        g = Geodesic.WGS84.Direct(lat, lon, -360.0 * k / n, radius_km * 1000)
        polygon.AddPoint(g["lat2"], g["lon2"])
    return polygon.Compute(False, False)[2] / 1e6


def geodesic_area_km2(geometry):
    """A GeoJSON polygon's area read with geodesic edges (GeographicLib), modulo the Earth's
    surface: a ring closed through a pole along its 'line' gives the area of the other side
    with the other sign."""
    earth_km2 = 4 * math.pi * Geodesic.WGS84._c2 / 1e6
    total = 0.0
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    for polygon in polygons:
        for k, ring in enumerate(polygon):
            area = Geodesic.WGS84.Polygon()
            for x, y in ring[:-1]:
                area.AddPoint(y, x)
            signed = area.Compute(False, True)[2] / 1e6
            total += signed if k == 0 else -abs(signed)
    return total % earth_km2


@pytest.mark.parametrize("site", [ANADYR, GUAM, THULE, MCMURDO, KALININGRAD])
@pytest.mark.parametrize("range_km", [5500, 12000])
def test_ring_areas_are_geographiclibs_geodesic_circles(site, range_km):
    # Across 180°, around a pole, past a hemisphere: the exported region's geodesic area within
    # 2e-5 of the circle's (measured at most 1.3e-5 for 5,500 km from Svalbard: its edges are
    # straight in lon/lat, which a geodesic reading of them bends poleward by metres).
    name, lat, lon = site
    geometry = rm.rings([site], range_km)["features"][0]["geometry"]
    exact = geographiclib_cap_km2(lat, lon, range_km)
    assert geodesic_area_km2(geometry) == pytest.approx(exact, rel=2e-5)


def test_an_area_edge_across_180_unsplit_warns_that_it_runs_the_long_way_round():
    # RFC 7946 draws an edge from 179.9° E to 175° W straight in lon/lat: 354.9° westward, so the
    # road's buffer circles the globe. Split at 180°, it holds only what is within range.
    road = {"type": "LineString", "coordinates": [[170, 60], [179.9, 62], [-175, 63]]}
    with pytest.warns(UserWarning, match=r"354\.9° of longitude and is taken the long way round"):
        rm.buffer(road, 1000)
    lat = 62 + 0.1 / 5.1
    split = {"type": "MultiLineString", "coordinates": [[[170, 60], [179.9, 62], [180, lat]], [[-180, lat], [-175, 63]]]}
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        region = shape(rm.buffer(split, 1000)["features"][0]["geometry"])
    vertices_of_road = [(60, 170), (62, 179.9), (lat, 180), (63, -175)]
    for plon, plat in [(0, 62), (-178, 62.5), (-175, 66), (90, 70)]:
        d = min(Geodesic.WGS84.Inverse(plat, plon, a, b)["s12"] for a, b in vertices_of_road) / 1000
        # Far from the road or close to a vertex: the nearest vertex's distance decides.
        assert d > 1100 or d < 900
        assert region.covers(Point(plon, plat)) == (d < 1000), (plon, plat, d)
