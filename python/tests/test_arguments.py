"""Arguments a GIS script gets wrong: coordinates out of range name the Python argument and the
value given, a position out of range is not looked up as a place's name, and booleans are not
taken for numbers."""

import pytest
import reachmap as rm

KALININGRAD = ("Kaliningrad", 54.71, 20.51)


def test_a_position_out_of_range_is_not_looked_up_as_a_name(cli):
    with pytest.raises(ValueError) as raised:
        rm.resolve("95,0")
    assert "latitude: 95 is out of range" in str(raised.value)
    assert "did you mean" not in str(raised.value)
    stderr = cli("rings", "--site", "95,0", "--range-km", "500", check=False).stderr
    assert "latitude: 95 is out of range" in stderr and "did you mean" not in stderr
