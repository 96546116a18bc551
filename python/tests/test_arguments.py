"""Arguments a GIS script gets wrong: coordinates out of range name the Python argument and the
value given, a position out of range is not looked up as a place's name, and booleans are not
taken for numbers."""

import pytest
import reachmap as rm

KALININGRAD = ("Kaliningrad", 54.71, 20.51)


def test_coordinates_out_of_range_name_the_argument():
    with pytest.raises(ValueError, match=r"^b \(95, 0\) latitude: 95 is out of range; allowed: -90 to 90"):
        rm.distance_km((0, 0), (95, 0))
    with pytest.raises(ValueError, match=r"^a \(nan, 0\) latitude: NaN is out of range"):
        rm.distance_km((float("nan"), 0), (0, 0))
    with pytest.raises(ValueError, match=r"^sites \('A', 0, 400\) longitude: 400 is out of range"):
        rm.rings([("A", 0, 400)], 500)
    with pytest.raises(ValueError, match=r"^targets \('T', -91, 0\) latitude"):
        rm.footprint([("T", -91, 0)], 500)


def test_a_position_out_of_range_is_not_looked_up_as_a_name(cli):
    with pytest.raises(ValueError) as raised:
        rm.resolve("95,0")
    assert "latitude: 95 is out of range" in str(raised.value)
    assert "did you mean" not in str(raised.value)
    stderr = cli("rings", "--site", "95,0", "--range-km", "500", check=False).stderr
    assert "latitude: 95 is out of range" in stderr and "did you mean" not in stderr


@pytest.mark.parametrize(
    "call",
    [
        lambda: rm.rings([KALININGRAD], True),
        lambda: rm.rings([KALININGRAD], [(False, 500)]),
        lambda: rm.rings([("A", True, 20)], 500),
        lambda: rm.distance_km((True, 0), (0, 0)),
    ],
)
def test_booleans_are_not_numbers(call):
    # Python counts True as 1: a ring of 1 km, or a site at 1° N, is not what was meant.
    with pytest.raises(ValueError, match="expected a number"):
        call()
