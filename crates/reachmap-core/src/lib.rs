//! reachmap-core: missile range rings and bands, exact on the WGS84 ellipsoid, and what lies
//! within them — everything of reachmap that needs no map. No PROJ, no rendering, no C or C++
//! dependency; the `reachmap` crate (maps, command line, local page) builds on it.
//!
//! The pipeline runs one way: validated input ([`Site`], [`Radius`], [`Reach`]) → geodesy
//! ([`GeodesicCircle`], Karney's algorithms) → lon/lat geometry that is valid under RFC 7946
//! (cut at the antimeridian, closed through the poles) → analyses of what lies within range
//! ([`coverage`], [`footprint`], [`sweep`]).
//!
//! ```
//! use geo::{Contains, Point};
//! use reachmap_core::{Radius, Reach, Site, Tolerance};
//!
//! let kaliningrad = Site::parse_spec("Kaliningrad=54.71,20.51", "site")?;
//! let region = Reach::Within(Radius::from_km(1_000.0, "range")?).region(&kaliningrad, Tolerance::DEFAULT);
//! let berlin = Point::new(13.405, 52.52); // 529.3 km from Kaliningrad
//! let paris = Point::new(2.352, 48.857); // 1,420 km
//! assert!(region.contains(&berlin) && !region.contains(&paris));
//! # Ok::<(), reachmap_core::Error>(())
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

// Input: reading what users give, validated once into the model.
pub mod catalog;
pub mod coords;
pub mod error;
pub mod input;
pub mod notes;
pub mod places;
pub mod site;
pub mod strategic;
pub mod target;
pub mod units;

// Geodesy on WGS84 and the lon/lat geometry built on it; analyses of what lies within range.
pub mod area;
pub mod areas;
pub mod basemap;
pub mod buffer;
pub mod circle;
pub mod clip_lat;
pub mod coverage;
pub mod cut;
pub mod flight;
pub mod footprint;
pub mod geodesy;
pub mod isochrones;
pub mod origin;
pub mod overlay;
pub mod population;
pub mod range;
pub mod rotation;
// Adaptive sampling to a tolerance: the maps of the `reachmap` crate sample with it too.
#[doc(hidden)]
pub mod sampler;
pub mod solve;
pub mod sweep;

// Number formatting shared by every report.
pub mod format;

// Writers of what the analyses give, as the command line and the Python package return it.
pub mod geojson;
/// Reach reports: tables, Markdown, CSV and JSON.
pub mod report;

pub use circle::{CircleVertex, GeodesicCircle};
pub use error::{Error, Field, Result};
pub use overlay::{Overlay, RangeFeature};
pub use range::Reach;
pub use site::Site;
pub use units::{MAX_RADIUS_KM, Radius, Tolerance};
