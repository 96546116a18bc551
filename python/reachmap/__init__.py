"""reachmap: exact geodesic missile range rings, launch-area buffers, footprints and reach on
the WGS84 ellipsoid (Karney's algorithms), as plain Python data.

Every geometry is returned as a GeoJSON FeatureCollection dict (RFC 7946: cut at the
antimeridian, closed through the poles) that ``shapely.geometry.shape`` and
``geopandas.GeoDataFrame.from_features`` read as they are; reports are lists of dicts. The same
library calls as the ``reachmap`` command line give the same features; errors raise
``ValueError`` with the command line's message.

>>> import reachmap as rm
>>> round(rm.distance_km((54.71, 20.51), (52.52, 13.405)), 1)  # Kaliningrad to Berlin
529.3
"""

from ._reachmap import (
    __version__,
    buffer,
    catalog,
    distance_km,
    flight_minutes,
    footprint,
    reach,
    resolve,
    rings,
)

__all__ = [
    "buffer",
    "catalog",
    "distance_km",
    "flight_minutes",
    "footprint",
    "reach",
    "resolve",
    "rings",
]
