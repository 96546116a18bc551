//! Where a range is measured from: a site, or a launch area (from its nearest point). Ranges,
//! coverage, exports and maps take an [`Origin`] and ask it the same questions — its name, its
//! region within a reach, its distance (and, where one is defined, its bearing) to a point —
//! so that a launch area is never a site in disguise.

use std::sync::Arc;

use geo::{BoundingRect, LineString, MultiPolygon, Point};

use crate::areas::NamedArea;
use crate::error::Result;
use crate::range::{Limit, Reach, Zone};
use crate::site::Site;
use crate::units::Tolerance;

/// A site or a launch area, as ranges are measured from it.
///
/// ```
/// use geo::Point;
/// use reachmap_core::origin::Origin;
/// use reachmap_core::Site;
///
/// let kaliningrad = Origin::from(Site::new("Kaliningrad", 54.71, 20.51)?);
/// let (distance_m, bearing_deg) = kaliningrad.measure(Point::new(13.405, 52.52)); // Berlin
/// assert!((distance_m / 1000.0 - 529.3).abs() < 0.1);
/// assert!(bearing_deg.is_some_and(|b| (b - 245.5).abs() < 0.1));
/// # Ok::<(), reachmap_core::Error>(())
/// ```
#[derive(Debug, Clone)]
pub enum Origin {
    /// A point: distances and bearings from it.
    Site(Site),
    /// An area: distances from its nearest point (0 inside it), no bearing. Shared, since one
    /// area may carry several systems.
    Area(Arc<NamedArea>),
}

/// Origins are equal when they are the same origin ([`Origin::same`]).
impl PartialEq for Origin {
    fn eq(&self, other: &Origin) -> bool {
        self.same(other)
    }
}

impl From<Site> for Origin {
    fn from(site: Site) -> Origin {
        Origin::Site(site)
    }
}

impl From<NamedArea> for Origin {
    fn from(area: NamedArea) -> Origin {
        Origin::Area(Arc::new(area))
    }
}

/// The origins of a scenario or a map: its sites, then its launch areas.
pub fn origins(sites: &[Site], areas: &[Arc<NamedArea>]) -> Vec<Origin> {
    sites.iter().cloned().map(Origin::Site).chain(areas.iter().cloned().map(Origin::Area)).collect()
}

impl Origin {
    /// Its name, as outputs carry it.
    pub fn name(&self) -> &str {
        match self {
            Origin::Site(site) => site.name(),
            Origin::Area(area) => &area.name,
        }
    }

    /// Whether `other` is the same origin: a site of the same name and position, or the same
    /// launch area.
    pub fn same(&self, other: &Origin) -> bool {
        match (self, other) {
            (Origin::Site(a), Origin::Site(b)) => a == b,
            (Origin::Area(a), Origin::Area(b)) => Arc::ptr_eq(a, b) || a.name == b.name,
            _ => false,
        }
    }

    /// The site, if it is one.
    pub fn site(&self) -> Option<&Site> {
        match self {
            Origin::Site(site) => Some(site),
            Origin::Area(_) => None,
        }
    }

    /// The launch area, if it is one.
    pub fn area(&self) -> Option<&NamedArea> {
        match self {
            Origin::Site(_) => None,
            Origin::Area(area) => Some(area),
        }
    }

    /// The point that stands for it on a map and in a table: the site itself, or the centre of
    /// the area's lon/lat bounding box (x = lon, y = lat), the box taken the short way round:
    /// across 180° for an area that lies on both sides of it (Chukotka's centre is near 172° W,
    /// not at 0°).
    pub fn anchor(&self) -> Point {
        match self {
            Origin::Site(site) => site.point(),
            Origin::Area(area) => {
                let outline = area.area.outline();
                let lat = outline.bounding_rect().map(|b| b.center().y).unwrap_or_default();
                let lons: Vec<f64> = outline.0.iter().flat_map(|l| l.0.iter().map(|c| c.x)).collect();
                Point::new(shortest_lon_centre(lons), lat)
            }
        }
    }

    /// The geodesic distance (metres) to `point` (x = lon, y = lat), and the azimuth at the site
    /// (degrees clockwise from north, in [0, 360)) where it is defined: not from an area, nor to
    /// the site's own position.
    pub fn measure(&self, point: Point) -> (f64, Option<f64>) {
        match self {
            Origin::Site(site) => {
                let (distance_m, azimuth_deg) = crate::geodesy::inverse(site.point(), point);
                let bearing = (distance_m > 0.0).then(|| azimuth_deg.rem_euclid(360.0));
                (distance_m, bearing)
            }
            Origin::Area(area) => (area.area.distance_m(point), None),
        }
    }

    /// The geodesic distance (metres) to `point`: from the site, or from the area's nearest
    /// point (0 inside it).
    pub fn distance_m(&self, point: Point) -> f64 {
        match self {
            Origin::Site(site) => crate::geodesy::distance_m(site.point(), point),
            Origin::Area(area) => area.area.distance_m(point),
        }
    }

    /// The whole region of `reach` around it (see [`Reach::region`] and
    /// [`NamedArea::region`]), cut at ±180°.
    pub fn region(&self, reach: &Reach, tolerance: Tolerance) -> Result<MultiPolygon> {
        match self {
            Origin::Site(site) => Ok(reach.region(site, tolerance)),
            Origin::Area(area) => area.region(reach, tolerance),
        }
    }

    /// The parts of `reach` around it ([`Reach::zones`]), each as a region, for a map whose
    /// central meridian is `central_lon_deg` (0 for exports).
    pub fn zones(
        &self,
        reach: &Reach,
        tolerance: Tolerance,
        central_lon_deg: f64,
    ) -> Result<Vec<(Zone, MultiPolygon)>> {
        match self {
            Origin::Site(site) => Ok(reach
                .zones()
                .into_iter()
                .map(|(zone, part)| (zone, part.region_centred(site, tolerance, central_lon_deg)))
                .collect()),
            Origin::Area(area) => area.regions(reach, tolerance),
        }
    }

    /// Both the zones ([`Origin::zones`]) and the outline of every limit of `reach` (outer
    /// first) as lon/lat lines, for drawing: a site's circles split at the meridian opposite
    /// `central_lon_deg`; an area's buffers as their rings, without the edges that only close
    /// them along a cut. Each of an area's buffers is computed once for both.
    #[allow(clippy::type_complexity)]
    pub fn drawing(
        &self,
        reach: &Reach,
        tolerance: Tolerance,
        central_lon_deg: f64,
    ) -> Result<(Vec<(Zone, MultiPolygon)>, Vec<(Limit, Vec<LineString>)>)> {
        match self {
            Origin::Site(site) => {
                let outlines = reach
                    .limits()
                    .into_iter()
                    .map(|limit| (limit, Reach::outline(site, limit.radius, tolerance, central_lon_deg)))
                    .collect();
                Ok((self.zones(reach, tolerance, central_lon_deg)?, outlines))
            }
            Origin::Area(area) => {
                let buffers = area.limit_buffers(reach, tolerance)?;
                let zones = crate::areas::zones_of(reach, &buffers);
                let outlines = buffers
                    .iter()
                    .map(|(limit, buffer)| {
                        let rings: Vec<LineString> = buffer
                            .0
                            .iter()
                            .flat_map(|p| std::iter::once(p.exterior().clone()).chain(p.interiors().iter().cloned()))
                            .collect();
                        (*limit, crate::cut::without_cut_edges(&rings))
                    })
                    .collect();
                Ok((zones, outlines))
            }
        }
    }
}

/// The centre (degrees in [-180, 180]) of the shortest interval of longitude that holds every
/// longitude of `lons`: the complement of the widest gap between them round the circle.
///
/// ```
/// # use reachmap_core::origin::shortest_lon_centre;
/// assert_eq!(shortest_lon_centre(vec![170.0, 179.0, -175.0, -160.0]), -175.0);
/// assert_eq!(shortest_lon_centre(vec![23.0, 33.0]), 28.0); // Belarus, roughly
/// ```
pub fn shortest_lon_centre(mut lons: Vec<f64>) -> f64 {
    lons.retain(|l| l.is_finite());
    lons.iter_mut().for_each(|l| *l = crate::geodesy::wrap_lon(*l));
    lons.sort_by(f64::total_cmp);
    let (Some(&first), Some(&last)) = (lons.first(), lons.last()) else {
        return 0.0;
    };
    // The gap round the back (from the last eastward to the first) against each gap between.
    let (mut gap, mut east_end, mut west_end) = (first + 360.0 - last, last, first);
    for pair in lons.windows(2) {
        if pair[1] - pair[0] > gap {
            (gap, east_end, west_end) = (pair[1] - pair[0], pair[0], pair[1]);
        }
    }
    // The interval runs east from `west_end` to `east_end`.
    let east = if east_end < west_end { east_end + 360.0 } else { east_end };
    crate::geodesy::wrap_lon(0.5 * (west_end + east))
}
