//! reachmap: missile range rings and bands, exact on the WGS84 ellipsoid.
//!
//! The pipeline runs one way: validated input ([`Site`], [`Radius`], [`Reach`]) → geodesy
//! ([`GeodesicCircle`], Karney's algorithms) → lon/lat geometry that is valid under RFC 7946
//! (cut at the antimeridian, closed through the poles) → export ([`export::geojson`]).
//!
//! ```
//! use geo::{Contains, Point};
//! use reachmap::{Radius, Reach, Site, Tolerance};
//!
//! let kaliningrad = Site::parse_spec("Kaliningrad=54.71,20.51", "site")?;
//! let region = Reach::Within(Radius::from_km(1_000.0, "range")?).region(&kaliningrad, Tolerance::DEFAULT);
//! let berlin = Point::new(13.405, 52.52); // 529.3 km from Kaliningrad
//! let paris = Point::new(2.352, 48.857); // 1,420 km
//! assert!(region.contains(&berlin) && !region.contains(&paris));
//! # Ok::<(), reachmap::Error>(())
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

/// The README's examples, run as doc tests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

// Everything that needs no map lives in `reachmap-core`, under the same paths.
pub use reachmap_core::{
    area, areas, basemap, buffer, catalog, coords, coverage, flight, footprint, format, geodesy, input, notes, origin,
    overlay, places, population, range, rotation, sampler, strategic, sweep, target,
};
use reachmap_core::{cut, error, site, units};

// Maps: frames and projection, the base map, the scene composed from them, its backends.
pub mod frame;
pub mod map;
pub mod mapgeom;
pub mod plot;
pub mod render;
pub mod scene;
pub mod text;

// Input as a whole: a scenario file, validated into the model that maps are drawn from.
pub mod scenario;

// Output: exporters, report writers and all-or-nothing file writing.
pub mod export;
pub mod output;

// The local page: an HTTP server on loopback over the same scenario model.
pub mod serve;

#[doc(hidden)]
pub mod fuzzing;

pub use reachmap_core::{
    CircleVertex, Error, GeodesicCircle, MAX_RADIUS_KM, Overlay, Radius, RangeFeature, Reach, Result, Site, Tolerance,
};
