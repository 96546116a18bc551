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
//! let kaliningrad = Site::parse_spec("Kaliningrad=54.71,20.51")?;
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

pub mod area;
pub mod basemap;
pub mod catalog;
mod circle;
pub mod coords;
mod cut;
mod error;
pub mod export;
pub mod frame;
#[doc(hidden)]
pub mod fuzzing;
pub mod geodesy;
pub mod input;
pub mod map;
pub mod mapgeom;
pub mod output;
pub mod places;
mod range;
pub mod reach;
pub mod render;
pub mod sampler;
pub mod scenario;
pub mod scene;
mod site;
pub mod text;
mod units;

pub use circle::{CircleVertex, GeodesicCircle};
pub use error::{Error, Result};
pub use range::Reach;
pub use site::Site;
pub use units::{MAX_RADIUS_KM, Radius, Tolerance};
