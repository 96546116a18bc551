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

// Input: reading what users give, validated once into the model.
pub mod catalog;
pub mod coords;
mod error;
pub mod input;
pub mod notes;
pub mod places;
pub mod scenario;
mod site;
pub mod strategic;
pub mod target;
mod units;

// Geodesy on WGS84 and the lon/lat geometry built on it; analyses of what lies within range.
pub mod area;
pub mod areas;
pub mod buffer;
mod circle;
pub mod clip_lat;
pub mod coverage;
mod cut;
pub mod flight;
pub mod footprint;
pub mod geodesy;
pub mod origin;
pub mod overlay;
pub mod range;
pub mod rotation;
pub mod sampler;
pub mod sweep;

// Maps: frames and projection, the base map, the scene composed from them, its backends.
pub mod basemap;
pub mod frame;
pub mod map;
pub mod mapgeom;
pub mod plot;
pub mod render;
pub mod scene;
pub mod text;

// Output: exporters, report writers, number formatting and all-or-nothing file writing.
pub mod export;
pub mod format;
pub mod output;

// The local page: an HTTP server on loopback over the same scenario model.
pub mod serve;

#[doc(hidden)]
pub mod fuzzing;

pub use circle::{CircleVertex, GeodesicCircle};
pub use error::{Error, Result};
pub use overlay::{Overlay, RangeFeature};
pub use range::Reach;
pub use site::Site;
pub use units::{MAX_RADIUS_KM, Radius, Tolerance};
