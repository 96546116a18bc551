"""reach: the command line's `reach --format json` results, distances GeographicLib confirms,
and tables pandas takes."""

import csv

import pytest
import reachmap as rm
from geographiclib.geodesic import Geodesic

SITES = [("Kaliningrad", 54.71, 20.51), ("Guam", 13.444, 144.794)]
SITE_FLAGS = ["--site", "Kaliningrad=54.71,20.51", "--site", "Guam=13.444,144.794"]


def test_reach_is_the_command_lines_results(cli_json):
    expected = cli_json("reach", *SITE_FLAGS, "--range-km", "2500", "--band", "500:1000",
                        "--places", "capitals", "--no-land", "--format", "json")
    assert rm.reach(SITES, [2500, (500, 1000)]) == expected["results"]


def test_reach_of_a_system_with_land_is_the_command_lines(cli_json):
    expected = cli_json("reach", "--site", "Kaliningrad", "--system", "9m729,iskander-m", "--places", "cities",
                        "--format", "json")
    got = rm.reach(["Kaliningrad"], system=["9m729", "iskander-m"], places="cities", land=True)
    assert got == expected["results"]
    assert got[0]["land"]["total_km2"] > 0
    assert got[0]["within_low"]["meaning"] == "in range under every figure"


def test_reach_of_places_given_as_a_list_is_the_command_lines_of_a_file(cli_json, tmp_path):
    places = [("Berlin", 52.52, 13.405), ("Paris", 48.857, 2.352), ('Quote "Town"', 50.0, 19.9)]
    path = tmp_path / "places.csv"
    with path.open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["name", "lat", "lon"])
        writer.writerows(places)
    expected = cli_json("reach", "--site", "Kaliningrad=54.71,20.51", "--range-km", "1000",
                        "--places", str(path), "--no-land", "--format", "json")
    got = rm.reach([("Kaliningrad", 54.71, 20.51)], 1000, places=places)
    assert got == expected["results"]
    assert [p["name"] for p in got[0]["places"]] == ['Quote "Town"', "Berlin"]


def test_reach_distances_are_geographiclibs():
    site = SITES[0]
    for result in rm.reach([site], 5500, places="cities"):
        assert result["places"], "places within 5,500 km of Kaliningrad"
        for place in result["places"]:
            exact = Geodesic.WGS84.Inverse(site[1], site[2], place["lat"], place["lon"])
            # Printed to the metre and the hundredth of a degree.
            assert abs(place["distance_km"] - exact["s12"] / 1000) <= 0.0005 + 1e-9
            assert place["distance_km"] < 5500
            if place["bearing_deg"] is not None:
                diff = (place["bearing_deg"] - exact["azi1"]) % 360
                assert min(diff, 360 - diff) <= 0.005 + 1e-9


def test_reach_goes_into_pandas():
    pandas = pytest.importorskip("pandas")
    results = rm.reach(SITES, 2500)
    table = pandas.json_normalize(results, "places", [["site", "name"], ["range", "label"]])
    assert len(table) == sum(len(r["places"]) for r in results)
    assert {"name", "distance_km", "site.name", "range.label"} <= set(table.columns)
    assert set(table["site.name"]) == {"Kaliningrad", "Guam"}


def test_reach_refuses_what_the_command_line_refuses():
    with pytest.raises(ValueError, match="nothing to compute"):
        rm.reach(SITES)
    with pytest.raises(ValueError, match="site names must be unique"):
        rm.reach([SITES[0], SITES[0]], 100)
    with pytest.raises(ValueError, match="system: invalid value \"nosuch\""):
        rm.reach(SITES, system="nosuch")
