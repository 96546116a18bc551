//! What is drawn around origins: an [`Overlay`] — a range, band or estimate with its key entry —
//! around the sites and launch areas that carry it, paired with them in one place
//! ([`pairs`]), and the regions that make ([`features`]) ready to export.

use crate::error::{Error, Field, Result};
use crate::input::MAX_RING_VERTICES;
use crate::origin::Origin;
use crate::range::{Reach, Zone};
use crate::site::Site;
use crate::units::Tolerance;
use geo::MultiPolygon;

/// One site's or launch area's reach — or one zone of an estimate — with its geometry, ready
/// to export.
#[derive(Debug, Clone)]
pub struct RangeFeature {
    /// The site or area the ranges are measured from.
    pub origin: Origin,
    /// The position of its overlay in the list it came from (the overlay's colour and key row).
    pub overlay: usize,
    /// The range, band or estimate.
    pub reach: Reach,
    /// Which part of the reach `region` is.
    pub zone: Zone,
    /// The system whose range this is, if any (its name).
    pub system: Option<String>,
    /// The region, from [`Reach::region`] of the zone's part.
    pub region: MultiPolygon,
}

impl RangeFeature {
    /// A short human label: `Kaliningrad 500 km`, `Kaliningrad 500–5,500 km`, or for an
    /// estimate's zones `Kaliningrad within 480 km (every figure)` and `Kaliningrad 480 to
    /// 2,350 km (if the high figure holds)`.
    pub fn label(&self) -> String {
        let what = match (self.zone, self.reach.low()) {
            (Zone::WithinLow, Some(low)) => format!("within {} (every figure)", Reach::Within(low).label()),
            (Zone::LowToHigh, _) => format!("{} (if the high figure holds)", self.reach.label()),
            _ => self.reach.label(),
        };
        match &self.system {
            Some(system) => format!("{} {system} {what}", self.origin.name()),
            None => format!("{} {what}", self.origin.name()),
        }
    }
}

/// The regions of every overlay around each of its origins — an estimate as its two zones —
/// origin by origin in the order of `origins` (see [`pairs`]), computed in parallel. Refuses a run whose output would pass
/// [`MAX_RING_VERTICES`] (field `tolerance`, with what to change).
pub fn features(origins: &[Origin], overlays: &[Overlay], tolerance: Tolerance) -> Result<Vec<RangeFeature>> {
    features_with(origins, overlays, tolerance, &|overlay, origin| origin.zones(&overlay.reach, tolerance, 0.0))
}

/// The zones of an overlay around one origin, each with its region: [`Origin::zones`] (an
/// area's buffer at each limit computed once for all its zones), or another way of laying a
/// range out (`crate::rotation::features`).
pub type ZonesOf<'a> = dyn Fn(&Overlay, &Origin) -> Result<Vec<(Zone, MultiPolygon)>> + Sync + 'a;

/// [`features`] with each pair's zones made by `zones_of`.
pub fn features_with(
    origins: &[Origin],
    overlays: &[Overlay],
    tolerance: Tolerance,
    zones_of: &ZonesOf,
) -> Result<Vec<RangeFeature>> {
    use rayon::prelude::*;
    let pairs: Vec<(usize, &Overlay, &Origin)> = pairs(origins, overlays).collect();
    // A 5,500 km ring takes about 1,300 vertices at 10 m; vertices grow as 1/√tolerance.
    let circles: usize =
        pairs.iter().map(|(_, o, _)| o.reach.zones().iter().map(|(_, p)| p.limits().len()).sum::<usize>()).sum();
    let vertices = circles as f64 * 1_300.0 * (10.0 / tolerance.meters()).sqrt();
    if vertices > MAX_RING_VERTICES {
        return Err(Error::invalid(
            Field::Tolerance,
            &format!("{circles} circles at {} m ≈ {:.0} million vertices", tolerance.meters(), vertices / 1e6),
            format!(
                "at most {:.0} million vertices (about 2 GB of GeoJSON) per run; raise the tolerance or split the sites",
                MAX_RING_VERTICES / 1e6
            ),
        ));
    }
    let per_pair: Vec<Vec<RangeFeature>> = pairs
        .par_iter()
        .map(|&(k, overlay, origin)| {
            Ok(zones_of(overlay, origin)?
                .into_iter()
                .map(|(zone, region)| RangeFeature {
                    origin: origin.clone(),
                    overlay: k,
                    reach: overlay.reach,
                    zone,
                    system: overlay.system.clone(),
                    region,
                })
                .collect::<Vec<_>>())
        })
        .collect::<Result<_>>()?;
    Ok(per_pair.into_iter().flatten().collect())
}

/// Every overlay with every origin it is drawn around, origin by origin in the order of
/// `origins` (a scenario's or map's sites, then its areas), each origin's overlays in their
/// order: the one place where overlays meet their origins. An origin an overlay is drawn around
/// but `origins` lacks comes last.
pub fn pairs<'a>(
    origins: &'a [Origin],
    overlays: &'a [Overlay],
) -> impl Iterator<Item = (usize, &'a Overlay, &'a Origin)> {
    let listed = origins.iter().flat_map(move |origin| {
        overlays
            .iter()
            .enumerate()
            .filter_map(move |(k, o)| o.origins.iter().find(|x| x.same(origin)).map(|x| (k, o, x)))
    });
    let unlisted = overlays.iter().enumerate().flat_map(move |(k, o)| {
        o.origins.iter().filter(|x| !origins.iter().any(|y| y.same(x))).map(move |x| (k, o, x))
    });
    listed.chain(unlisted)
}

/// A range or band drawn around some of a scenario's sites, with its legend entry: what maps
/// draw and reports count.
#[derive(Debug, Clone, PartialEq)]
pub struct Overlay {
    /// The legend's text, e.g. `9M729 (SSC-8): 480–2,350 km`.
    pub label: String,
    /// The range or band.
    pub reach: Reach,
    /// The sites and launch areas it is drawn around.
    pub origins: Vec<Origin>,
    /// The system whose range it is (its name), if it is a system's.
    pub system: Option<String>,
    /// For an estimate, the key's two rows (see
    /// [`System::estimate_rows`](crate::catalog::System::estimate_rows)); None draws one row.
    pub estimate_rows: Option<[String; 2]>,
    /// The system's flight profile, where it has one: reports give flight times by it.
    pub flight: Option<crate::flight::FlightProfile>,
}

impl Overlay {
    /// Every reach around every one of `origins`, labelled by its range.
    pub fn around_all(reaches: &[Reach], origins: &[Origin]) -> Vec<Overlay> {
        reaches
            .iter()
            .map(|r| Overlay {
                label: r.label(),
                reach: *r,
                origins: origins.to_vec(),
                system: None,
                estimate_rows: None,
                flight: None,
            })
            .collect()
    }

    /// The sites it is drawn around.
    pub fn sites(&self) -> impl Iterator<Item = &Site> {
        self.origins.iter().filter_map(Origin::site)
    }

    /// Whether it is drawn around launch areas only (their key rows name the area).
    pub fn around_areas_only(&self) -> bool {
        !self.origins.is_empty() && self.origins.iter().all(|o| o.area().is_some())
    }
}
