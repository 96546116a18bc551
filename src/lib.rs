//! reachmap: missile range rings and bands, exact on the WGS84 ellipsoid, drawn for a report.
//!
//! The pipeline runs one way, and each stage is usable on its own. Everything up to the
//! analyses lives in [`reachmap_core`] (no PROJ, no renderer) and is re-exported here under the
//! same paths.
//!
//! **1. Input**: positions, names and ranges, validated once ([`Site`], [`Radius`], [`Reach`],
//! [`places`], [`catalog`]).
//!
//! ```
//! use reachmap::{Radius, Reach, Site, catalog::Catalog, places::resolve};
//!
//! let kaliningrad = Site::parse_spec("Kaliningrad=54°42′36″N 20°30′36″E", "--site")?;
//! let kyiv = resolve("Kiev", "--site")?.place; // alternate names resolve too
//! assert_eq!((kyiv.name.as_str(), kyiv.country_code.as_str()), ("Kyiv", "UA"));
//! let ssc8 = Catalog::builtin()?.system("ssc-8").expect("designations and case are aliases").id.clone();
//! assert_eq!(ssc8, "9m729"); // the catalog id of the 9M729 (SSC-8)
//! let inf = Reach::band(Radius::from_km(500.0, "min")?, Radius::from_km(5_500.0, "max")?, "band")?;
//! assert!(Radius::from_km(20_100.0, "range").is_err()); // past the antipodal limit
//! # let _ = (kaliningrad, inf);
//! # Ok::<(), reachmap::Error>(())
//! ```
//!
//! **2. Geodesy**: the geodesic circle by Karney's algorithms ([`GeodesicCircle`]), as lon/lat
//! geometry valid under RFC 7946: cut at the antimeridian, closed through the poles.
//!
//! ```
//! use geo::{Contains, Point};
//! use reachmap::{GeodesicCircle, Radius, Reach, Site, Tolerance, geodesy::distance_m};
//!
//! let kaliningrad = Site::parse_spec("Kaliningrad=54.71,20.51", "site")?;
//! let circle = GeodesicCircle::new(&kaliningrad, Radius::from_km(5_500.0, "range")?);
//! for v in circle.boundary(Tolerance::DEFAULT) {
//!     assert!((distance_m(kaliningrad.point(), v.point) - 5_500_000.0).abs() < 1e-3);
//! }
//! let region = Reach::Within(Radius::from_km(5_500.0, "range")?).region(&kaliningrad, Tolerance::DEFAULT);
//! assert!(region.contains(&Point::new(0.0, 89.999))); // every 5,500 km ring from here holds the pole
//! # Ok::<(), reachmap::Error>(())
//! ```
//!
//! **3. Analyses**: which places lie within range, exactly ([`coverage`]); also land by country
//! ([`area`]), launch areas ([`buffer`]), footprints ([`footprint`]), sweeps ([`sweep`]).
//!
//! ```
//! use reachmap::{Radius, Reach, Site, coverage::PlaceIndex, places::capitals};
//!
//! let kaliningrad = Site::parse_spec("Kaliningrad=54.71,20.51", "site")?;
//! let index = PlaceIndex::new(capitals()?);
//! let hits = index.hits(&kaliningrad, &Reach::Within(Radius::from_km(1_000.0, "range")?));
//! let names: Vec<&str> = hits.iter().map(|h| index.places()[h.place].name.as_str()).collect();
//! assert_eq!(names[..3], ["Warsaw", "Vilnius", "Riga"]); // nearest first: 278, 307, 336 km
//! assert!(names.contains(&"Berlin") && !names.contains(&"Paris"));
//! # Ok::<(), reachmap::Error>(())
//! ```
//!
//! **4. Maps**: a scenario ([`scenario`], the validated model) becomes a map spec in the map
//! module ([`map::scenario_map_spec`]), composed into a scene of styled primitives ([`map`],
//! [`scene`]) and drawn as SVG, PNG or PDF ([`render`]).
//!
//! ```
//! use reachmap::{map::{Overrides, compose, scenario_map_spec}, render::{Format, render}, scenario::Scenario};
//!
//! let text = "[map]\npreset = \"europe\"\n[[sites]]\nname = \"Kaliningrad\"\nat = \"54.71,20.51\"\nsystems = [\"dark-eagle\"]\n";
//! let scenario = Scenario::parse(text, "example.toml", std::path::Path::new("."))?;
//! let spec = scenario_map_spec(scenario, None, Overrides::default())?; // no [sweep] to run
//! let svg = render(&compose(&spec)?, &[Format::Svg])?.remove(0);
//! assert!(String::from_utf8(svg).unwrap().contains("2,776 km"));
//! # Ok::<(), reachmap::Error>(())
//! ```
//!
//! **5. Export**: GeoJSON ([`export::geojson`]), KML and KMZ, reach reports as tables, CSV and
//! JSON ([`export::report`]), all written all-or-nothing ([`output`]).
//!
//! ```
//! use reachmap::export::geojson::{RangeFeature, feature_collection};
//! use reachmap::{Radius, Reach, Site, Tolerance, range::Zone};
//!
//! let guam = Site::parse_spec("Guam=13.44,144.79", "site")?;
//! let reach = Reach::Within(Radius::from_km(3_000.0, "range")?);
//! let region = reach.region(&guam, Tolerance::DEFAULT);
//! let feature = RangeFeature { origin: guam.into(), overlay: 0, reach, zone: Zone::Whole, system: None, region };
//! let collection = feature_collection(&[feature], 6);
//! assert!(collection.to_string().contains(r#""type":"Polygon""#));
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
    area, areas, basemap, buffer, catalog, clip_lat, coords, coverage, flight, footprint, format, geodesy, input,
    isochrones, notes, origin, overlay, places, population, range, rotation, strategic, sweep, target,
};
use reachmap_core::{cut, error, sampler, site, units};

// Maps: frames and projection, themes, the base map, the scene composed from them, its backends.
pub mod frame;
pub mod map;
#[doc(hidden)]
pub mod mapgeom;
mod plot;
pub mod render;
pub mod scene;
#[doc(hidden)]
pub mod text;
pub mod theme;

// Input as a whole: a scenario file, validated into the model that maps are drawn from.
pub mod scenario;

// Output: exporters, report writers and all-or-nothing file writing.
pub mod export;
pub mod output;

// The local page: an HTTP server on loopback over the same scenario model. It is the binary's
// (`reachmap serve`) and its tests', not part of the library's API, as are the hidden modules
// above (lon/lat geometry in pixels, text widths), which tests and benchmarks reach into.
#[doc(hidden)]
pub mod serve;

#[doc(hidden)]
pub mod fuzzing;

pub use reachmap_core::{
    CircleVertex, Error, Field, GeodesicCircle, MAX_RADIUS_KM, Overlay, Radius, RangeFeature, Reach, Result, Site,
    Tolerance,
};
