"""catalog, flight_minutes, resolve and distance_km against the command line, GeographicLib and
the published model figures; errors as the command line words them; the GIL released."""

import math
import random
import threading

import pytest
import reachmap as rm
from geographiclib.geodesic import Geodesic


def test_distance_km_is_geographiclibs():
    rng = random.Random(5)
    pairs = [((54.71, 20.51), (52.52, 13.405)), ((0.0, 0.0), (0.5, 179.7)), ((89.9, 0.0), (-89.9, 180.0))]
    for _ in range(500):
        pairs.append(tuple((math.degrees(math.asin(rng.uniform(-1, 1))), rng.uniform(-180, 180)) for _ in "ab"))
    for a, b in pairs:
        exact = Geodesic.WGS84.Inverse(a[0], a[1], b[0], b[1])["s12"] / 1000
        assert abs(rm.distance_km(a, b) - exact) < 1e-6, (a, b)
    # The STYLE guide's figure: Kaliningrad to Berlin is 529.3 km.
    assert round(rm.distance_km((54.71, 20.51), (52.52, 13.405)), 1) == 529.3


def test_distance_km_takes_names_as_resolve_does():
    kyiv, moscow = rm.resolve("Kiev"), rm.resolve("Moskva")
    exact = Geodesic.WGS84.Inverse(kyiv["lat"], kyiv["lon"], moscow["lat"], moscow["lon"])["s12"] / 1000
    assert rm.distance_km("Kiev", "Moskva") == pytest.approx(exact, abs=1e-6)


@pytest.mark.parametrize("name", ["Naha, JP", "Kiev", "St. Petersburg", "Andersen Air Force Base", "54.71N 20.51E"])
def test_resolve_is_the_command_lines_lookup(cli_json, name):
    feature = cli_json("rings", "--site", name, "--range-km", "100")["features"][0]["properties"]
    place = rm.resolve(name)
    assert (place["name"], place["lat"], place["lon"]) == (feature["site"], feature["lat"], feature["lon"])


def test_resolve_gives_the_country_and_notes_the_choice():
    assert rm.resolve("Kiev")["country_code"] == "UA"
    with pytest.warns(UserWarning, match="St. Petersburg, US"):
        assert rm.resolve("St. Petersburg")["country"] == "Russia"


def test_errors_are_the_command_lines(cli):
    cases = [
        (lambda: rm.rings(["Moscw"], [100]), ["rings", "--site", "Moscw", "--range-km", "100"], "--site", "sites"),
        (lambda: rm.rings(["Moscow"], [-5]), ["rings", "--site", "Moscow", "--range-km", "-5"], "--range-km", "ranges_km"),
        (lambda: rm.footprint(["Moscow"], 30000), ["footprint", "--target", "Moscow", "--range-km", "30000"], "--range-km", "range_km"),
    ]
    for call, args, flag, field in cases:
        stderr = cli(*args, check=False).stderr.strip().splitlines()[-1]
        assert stderr.startswith(f"reachmap: error: {flag}: "), stderr
        with pytest.raises(ValueError) as raised:
            call()
        assert str(raised.value) == f"{field}: " + stderr.removeprefix(f"reachmap: error: {flag}: ")


def test_catalog_lists_what_the_command_line_lists(cli):
    listing = cli("catalog").stdout
    systems = rm.catalog()
    assert systems and len({s["id"] for s in systems}) == len(systems)
    for system in systems:
        assert f"\n{system['id']} " in listing and system["name"] in listing
        for figure in system["figures"]:
            assert figure["basis"] in ("claim", "assessment", "reported", "requirement")
            assert figure["source"] in listing
        if system["flight"]:
            assert system["flight"]["source"] in listing


def test_flight_minutes_are_the_models_published_figures():
    # DESIGN.md's minimum-energy free flight (no boost): 500 km ≈ 5.5 min, 1,000 km ≈ 7.9 min.
    no_boost = [s["id"] for s in rm.catalog() if s["flight"] and s["flight"]["profile"] == "ballistic"
                and s["flight"]["boost_s"] is None]
    assert no_boost
    assert rm.flight_minutes(no_boost[0], 500) == pytest.approx(5.5, abs=0.05)
    assert rm.flight_minutes(no_boost[0], 1000) == pytest.approx(7.9, abs=0.05)
    without = [s["id"] for s in rm.catalog() if not s["flight"]]
    if without:
        assert rm.flight_minutes(without[0], 500) is None
    with pytest.raises(ValueError, match="system"):
        rm.flight_minutes("nosuch", 100)


def test_flight_minutes_are_the_command_lines(cli_json):
    result = cli_json("reach", "--site", "Kaliningrad", "--system", "iskander-m", "--places", "capitals",
                      "--no-land", "--format", "json")["results"][0]
    assert result["places"]
    for place in result["places"]:
        assert round(rm.flight_minutes("iskander-m", place["distance_km"]), 2) == pytest.approx(
            place["flight_min"], abs=0.011)


def test_long_computations_release_the_gil():
    """While one thread computes many rings, another keeps running Python."""
    sites = [(f"s{k}", -60 + k, -180 + k * 3.0) for k in range(120)]
    done = threading.Event()
    failed = []

    def work():
        try:
            rm.rings(sites, [5500, 2500], tolerance_m=2)
        except Exception as error:  # reported below, after the loop ends
            failed.append(error)
        finally:
            done.set()

    thread = threading.Thread(target=work)
    counted = 0
    thread.start()
    while not done.is_set():
        counted += 1
    thread.join()
    assert not failed
    # Holding the GIL for the whole call would leave this loop a handful of turns at most.
    assert counted > 10_000
