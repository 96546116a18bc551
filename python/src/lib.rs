//! reachmap for Python: the module `reachmap._reachmap`, which `reachmap/__init__.py`
//! re-exports. Each function builds what the command line builds from the same library calls
//! (`reachmap_core`), and returns it as plain Python data: GeoJSON FeatureCollections as dicts,
//! reports as lists of dicts. Errors are `ValueError` with the command line's message; the
//! geometry and the counting run with the GIL released.
//!
//! (`#![forbid(unsafe_code)]` is left out: PyO3's module and function macros expand to unsafe
//! FFI glue.)

use std::sync::{Arc, OnceLock};

use geojson::FeatureCollection;
use pyo3::prelude::*;
use reachmap_core::areas::NamedArea;
use reachmap_core::catalog::Catalog;
use reachmap_core::coverage::{Listing, PlaceIndex};
use reachmap_core::footprint::Combine;
use reachmap_core::origin::Origin;
use reachmap_core::report::Counted;
use reachmap_core::rotation::Earth;
use reachmap_core::{Error, Field, Overlay, Radius, Reach, Site, Tolerance};
use serde_json::Value;

mod convert;
mod systems;

use convert::{PendingNotes, feature_collection, to_python, value_error, warn_notes};

/// Range rings and bands around sites, as the GeoJSON FeatureCollection `reachmap rings` writes:
/// one Feature per site and range (an estimate gives two), properties `site`, `lat`, `lon`,
/// `range_km` (or `min_km`, `max_km`), `label`; coordinates to 6 decimal places.
///
/// sites: a list of names (`"Kaliningrad"`, `"Naha, JP"`), positions (`"54.71N 20.51E"`) or
/// `(name, lat, lon)` tuples; ranges_km: a number or a list of numbers (km) and `(min_km,
/// max_km)` band tuples; tolerance_m: the largest distance between an edge and the true circle;
/// multipolygon: every range as a MultiPolygon (one geometry type for a GeoPackage layer);
/// clip_lat: clip every region to latitudes within ±clip_lat degrees (`85.05` for Web Mercator,
/// where a ring containing a pole would reach infinity), as `--clip-lat` does; a region wholly
/// beyond it is left out with a warning.
#[pyfunction]
#[pyo3(signature = (sites, ranges_km, *, tolerance_m = 10.0, multipolygon = false, clip_lat = None))]
fn rings<'py>(
    py: Python<'py>,
    sites: &Bound<'py, PyAny>,
    ranges_km: &Bound<'py, PyAny>,
    tolerance_m: f64,
    multipolygon: bool,
    clip_lat: Option<f64>,
) -> PyResult<Bound<'py, PyAny>> {
    let _pending = PendingNotes(py);
    let sites = convert::sites(sites, "sites")?;
    let reaches = convert::reaches(ranges_km, "ranges_km")?;
    let tolerance = Tolerance::from_m(tolerance_m, "tolerance_m").map_err(value_error)?;
    check_sites(&sites, "sites")?;
    let clip_lat = clip_latitude(clip_lat)?;
    let origins = reachmap_core::origin::origins(&sites, &[]);
    let written = Written { multipolygon, clip_lat };
    let collection = py.detach(|| ranges_collection(&origins, &reaches, tolerance, written));
    warn_notes(py)?;
    feature_collection(py, &collection.map_err(|e| value_error(e.naming(Field::Radius, "ranges_km")))?)
}

/// The ranges around a launch area — every point within range of some point of it, the area
/// included — as `reachmap rings --area NAME=FILE` writes them: properties `area`, `range_km`
/// (or `min_km`, `max_km`), `label`.
///
/// geometry: a Polygon, MultiPolygon, LineString or MultiLineString (a geometry, Feature or
/// FeatureCollection) as a GeoJSON dict or any object with `__geo_interface__` (shapely);
/// range_km: a number, a `(min_km, max_km)` band, or a list of them; multipolygon and clip_lat
/// as for `rings`.
#[pyfunction]
#[pyo3(signature = (geometry, range_km, *, name = "area", tolerance_m = 10.0, multipolygon = false, clip_lat = None))]
fn buffer<'py>(
    py: Python<'py>,
    geometry: &Bound<'py, PyAny>,
    range_km: &Bound<'py, PyAny>,
    name: &str,
    tolerance_m: f64,
    multipolygon: bool,
    clip_lat: Option<f64>,
) -> PyResult<Bound<'py, PyAny>> {
    let _pending = PendingNotes(py);
    let text = convert::geojson_text(geometry)?;
    let reaches = convert::reaches(range_km, "range_km")?;
    let tolerance = Tolerance::from_m(tolerance_m, "tolerance_m").map_err(value_error)?;
    let written = Written { multipolygon, clip_lat: clip_latitude(clip_lat)? };
    let collection = py.detach(|| -> Result<FeatureCollection, Error> {
        let shape = reachmap_core::areas::from_geojson(&text, "geometry")?;
        let area = Arc::new(NamedArea::new(name, shape, "geometry")?);
        let origins = reachmap_core::origin::origins(&[], &[area]);
        ranges_collection(&origins, &reaches, tolerance, written)
    });
    warn_notes(py)?;
    feature_collection(py, &collection.map_err(|e| value_error(e.naming(Field::Radius, "range_km")))?)
}

/// Where a launcher would have to stand: the region from which every target (with `any=True`,
/// at least one) lies within `range_km`, as the FeatureCollection `reachmap footprint` writes
/// (one Feature; properties `targets`, `combine`, `range_km`, `label`).
///
/// targets: a list of names, positions or `(name, lat, lon)` tuples.
#[pyfunction]
#[pyo3(signature = (targets, range_km, *, any = false, tolerance_m = 10.0))]
fn footprint<'py>(
    py: Python<'py>,
    targets: &Bound<'py, PyAny>,
    range_km: f64,
    any: bool,
    tolerance_m: f64,
) -> PyResult<Bound<'py, PyAny>> {
    let _pending = PendingNotes(py);
    let targets = convert::sites(targets, "targets")?;
    let radius = Radius::from_km(range_km, "range_km").map_err(value_error)?;
    let tolerance = Tolerance::from_m(tolerance_m, "tolerance_m").map_err(value_error)?;
    let combine = if any { Combine::Any } else { Combine::All };
    let names: Vec<String> = targets.iter().map(|t| t.name().to_string()).collect();
    let region = py.detach(|| reachmap_core::footprint::footprint(&targets, radius, combine, tolerance));
    let region = region.map_err(|e| value_error(e.naming(Field::Target, "targets")))?;
    let feature = reachmap_core::geojson::footprint_feature(&region, &names, combine, radius, None, None, false);
    let collection = FeatureCollection::from_iter([feature]);
    warn_notes(py)?;
    feature_collection(py, &collection)
}

/// What lies within range of each site: per site and range, the entries of `results` in
/// `reachmap reach --format json` — `site`, `range`, `totals`, `land` (with `land=True`: each
/// country's land within range, km²), `places` (every place within range, nearest first, with
/// `distance_km`, `bearing_deg`, `flight_min` …) and `places_listed`.
///
/// sites: as for `rings`; range_km: a number, a `(min_km, max_km)` band or a list of them;
/// system: a catalog id or a list of ids (`rm.catalog()`), its range and flight profile;
/// places: `"capitals"`, `"cities"` (the whole gazetteer), a places file's path, or a list of
/// `(name, lat, lon)`.
#[pyfunction]
#[pyo3(
    signature = (sites, range_km = None, *, system = None, places = None, land = false),
    text_signature = "(sites, range_km=None, *, system=None, places='capitals', land=False)"
)]
fn reach<'py>(
    py: Python<'py>,
    sites: &Bound<'py, PyAny>,
    range_km: Option<&Bound<'py, PyAny>>,
    system: Option<&Bound<'py, PyAny>>,
    places: Option<&Bound<'py, PyAny>>,
    land: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let _pending = PendingNotes(py);
    let sites = convert::sites(sites, "sites")?;
    check_sites(&sites, "sites")?;
    let reaches = match range_km {
        Some(value) => convert::reaches(value, "range_km")?,
        None => Vec::new(),
    };
    let systems: Vec<String> = match system {
        None => Vec::new(),
        Some(value) => match value.extract::<String>() {
            Ok(id) => vec![id],
            Err(_) => value.extract::<Vec<String>>().map_err(|_| {
                value_error(Error::invalid("system", &value.to_string(), "expected a catalog id or a list of ids"))
            })?,
        },
    };
    let chosen = Places::chosen(places)?;
    let origins = reachmap_core::origin::origins(&sites, &[]);
    let overlays = overlays(&sites, &origins, &reaches, &systems).map_err(value_error)?;
    let report = py.detach(|| -> Result<Value, Error> {
        let (index, gazetteer, counted) = chosen.index()?;
        let results = reachmap_core::coverage::report(index.as_ref(), &origins, &overlays, Listing::Places, land)?;
        let counted = Counted { gazetteer, people: &counted, grid: None };
        let mut json = reachmap_core::report::json(&results, index.places(), None, counted);
        Ok(json["results"].take())
    });
    warn_notes(py)?;
    to_python(py, &report.map_err(value_error)?)
}

/// The places `reach` counts.
enum Places {
    /// The gazetteer's: `capitals` or `cities`, indexed once per process.
    Builtin(&'static str),
    /// A places file's path.
    File(String),
    /// A list of `(name, lat, lon)`, as the CSV text of a places file.
    Listed(String),
}

impl Places {
    fn chosen(value: Option<&Bound<'_, PyAny>>) -> PyResult<Places> {
        let Some(value) = value else { return Ok(Places::Builtin("capitals")) };
        if let Ok(text) = value.extract::<String>() {
            return Ok(match text.as_str() {
                "capitals" => Places::Builtin("capitals"),
                "cities" => Places::Builtin("cities"),
                _ => Places::File(text),
            });
        }
        Ok(Places::Listed(convert::places_csv(value, "places")?))
    }

    /// The places indexed, whether they are the gazetteer's, and what their population totals
    /// count.
    fn index(&self) -> Result<(Indexed, bool, String), Error> {
        static CAPITALS: OnceLock<PlaceIndex> = OnceLock::new();
        static CITIES: OnceLock<PlaceIndex> = OnceLock::new();
        match self {
            Places::Builtin(which) => {
                let cell = if *which == "capitals" { &CAPITALS } else { &CITIES };
                let index = match cell.get() {
                    Some(index) => index,
                    None => {
                        let (places, _) = reachmap_core::places::select(which, None)?;
                        cell.get_or_init(|| PlaceIndex::new(places))
                    }
                };
                Ok((Indexed::Shared(index), true, reachmap_core::places::counted(which, None)))
            }
            Places::File(path) => {
                let (places, gazetteer) = reachmap_core::places::select(path, None)?;
                Ok((Indexed::Own(PlaceIndex::new(places)), gazetteer, reachmap_core::places::counted(path, None)))
            }
            Places::Listed(csv) => {
                let places = reachmap_core::places::parse(csv, "places", reachmap_core::places::PlacesFormat::Csv)?;
                Ok((Indexed::Own(PlaceIndex::new(places)), false, "people in the places given".to_string()))
            }
        }
    }
}

/// A place index kept for the process, or one built for a call.
enum Indexed {
    Shared(&'static PlaceIndex),
    Own(PlaceIndex),
}

impl Indexed {
    fn as_ref(&self) -> &PlaceIndex {
        match self {
            Indexed::Shared(index) => index,
            Indexed::Own(index) => index,
        }
    }

    fn places(&self) -> &[reachmap_core::places::Place] {
        self.as_ref().places()
    }
}

/// The catalog's systems: per system its `id`, `name`, `aliases`, `country`, `kind`, the range
/// drawn (`range_km`: a number, or `[low, high]` where sources disagree) and its `label`, the
/// sourced `figures` (`range_km`, `basis`, `source`, `date`, `note`) and its `flight` profile
/// (or None), as `reachmap catalog` lists them.
#[pyfunction]
fn catalog(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    let catalog = Catalog::builtin().map_err(value_error)?;
    to_python(py, &systems::systems(&catalog))
}

/// Minutes of flight over `distance_km` by the catalog system's flight profile (ballistic: free
/// flight on the minimum-energy trajectory plus any sourced boost; cruise and glide: at the
/// sourced average speed), or None for a system without one.
#[pyfunction]
fn flight_minutes(system: &str, distance_km: f64) -> PyResult<Option<f64>> {
    let catalog = Catalog::builtin().map_err(value_error)?;
    let found = catalog
        .system(system)
        .ok_or_else(|| value_error(Error::invalid("system", system, catalog.unknown_system(system))))?;
    if !distance_km.is_finite() || !(0.0..=reachmap_core::MAX_RADIUS_KM).contains(&distance_km) {
        let allowed = format!("0 to {} km (the antipodal limit)", reachmap_core::MAX_RADIUS_KM);
        return Err(value_error(Error::out_of_range("distance_km", distance_km, &allowed)));
    }
    Ok(found.flight.as_ref().map(|f| f.time_s(distance_km * 1000.0) / 60.0))
}

/// A name as the command line reads `--site` and `--target`: the gazetteer's place (the most
/// populous of several of that name only when it has ten times the people of the next; else a
/// ValueError listing them), a strategic place (base, island), or a position; as a dict of
/// `name`, `country` and `country_code` (None for a position), `lat`, `lon`.
#[pyfunction]
fn resolve<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    let _pending = PendingNotes(py);
    // A position out of range ("95,0") is refused as such by `target`, not looked up as a name.
    let by_position = name.contains('=')
        || matches!(reachmap_core::coords::parse_lat_lon(name, "name"), Ok(_) | Err(Error::OutOfRange { .. }));
    let value = if by_position {
        let site = reachmap_core::places::target(name, "name").map_err(value_error)?;
        serde_json::json!({"name": site.name(), "country": null, "country_code": null, "lat": site.lat_deg(), "lon": site.lon_deg()})
    } else {
        let place = reachmap_core::places::resolve_name(name, "name").map_err(value_error)?;
        serde_json::json!({"name": place.name, "country": place.country, "country_code": place.country_code, "lat": place.lat, "lon": place.lon})
    };
    warn_notes(py)?;
    to_python(py, &value)
}

/// The geodesic distance in km between two points on WGS84 (Karney's algorithm, as every
/// distance reachmap reports); a, b: `(lat, lon)` in degrees or names as `resolve` takes them.
#[pyfunction]
fn distance_km(py: Python<'_>, a: &Bound<'_, PyAny>, b: &Bound<'_, PyAny>) -> PyResult<f64> {
    let _pending = PendingNotes(py);
    let a = convert::position(a, "a")?;
    let b = convert::position(b, "b")?;
    warn_notes(py)?;
    Ok(reachmap_core::geodesy::distance_m(a.point(), b.point()) / 1000.0)
}

/// Refuses what the command line refuses of its sites: none, and a name given twice.
fn check_sites(sites: &[Site], field: &str) -> PyResult<()> {
    if sites.is_empty() {
        return Err(value_error(Error::invalid(field, "", "give at least one site")));
    }
    for (k, site) in sites.iter().enumerate() {
        if sites[..k].iter().any(|other| other.name() == site.name()) {
            return Err(value_error(Error::invalid(
                field,
                site.name(),
                "site names must be unique: outputs are keyed by them",
            )));
        }
    }
    Ok(())
}

/// What the command line draws and counts around the sites: each catalog system's range first,
/// in the order given, then every range and band.
fn overlays(sites: &[Site], origins: &[Origin], reaches: &[Reach], systems: &[String]) -> Result<Vec<Overlay>, Error> {
    if reaches.is_empty() && systems.is_empty() {
        return Err(Error::invalid("range_km", "", "nothing to compute: give a range_km or a system"));
    }
    let catalog = Catalog::builtin()?;
    let mut overlays: Vec<Overlay> = Vec::new();
    for id in systems {
        let Some(system) = catalog.system(id.trim()) else {
            return Err(Error::invalid("system", id, catalog.unknown_system(id)));
        };
        if overlays.iter().any(|o| o.system.as_deref() == Some(system.name.as_str())) {
            return Err(Error::invalid("system", id, "the same system is given twice"));
        }
        let reach = system.range_km.reach(format!("system {id:?} range_km"))?;
        overlays.push(Overlay::of_system(system, reach, sites.iter().cloned().map(Origin::Site).collect()));
    }
    overlays.extend(Overlay::around_all(reaches, origins));
    Ok(overlays)
}

/// Decimal places of the coordinates written, as the command line's default `--precision`.
const DECIMALS: u8 = 6;

/// How the regions are written: `--multipolygon` and `--clip-lat`.
#[derive(Clone, Copy)]
struct Written {
    /// Every region a MultiPolygon.
    multipolygon: bool,
    /// Every region clipped to latitudes within ± this, degrees.
    clip_lat: Option<f64>,
}

/// `clip_lat` checked as the command line checks `--clip-lat`.
fn clip_latitude(clip_lat: Option<f64>) -> PyResult<Option<f64>> {
    match clip_lat {
        Some(deg) if !(deg > 0.0 && deg < 90.0) => {
            Err(value_error(Error::out_of_range("clip_lat", deg, "more than 0 and less than 90 degrees, e.g. 85.05")))
        }
        _ => Ok(clip_lat),
    }
}

/// Every reach around every origin as the GeoJSON FeatureCollection `reachmap rings` writes,
/// optionally clipped in latitude and with every geometry a MultiPolygon.
fn ranges_collection(
    origins: &[Origin],
    reaches: &[Reach],
    tolerance: Tolerance,
    written: Written,
) -> Result<FeatureCollection, Error> {
    if reaches.is_empty() {
        return Err(Error::invalid("ranges_km", "", "nothing to compute: give at least one range or band"));
    }
    let overlays = Overlay::around_all(reaches, origins);
    let mut features = reachmap_core::rotation::features(origins, &overlays, tolerance, Earth::NonRotating)
        .map_err(|e| e.naming(Field::Tolerance, "sites × ranges_km × tolerance_m"))?;
    if let Some(max_lat) = written.clip_lat {
        for feature in &mut features {
            let bound = reachmap_core::clip_lat::bound_at_decimals(max_lat, DECIMALS);
            feature.region = reachmap_core::clip_lat::clip_lat(&feature.region, bound);
        }
        for feature in features.iter().filter(|f| f.region.0.is_empty()) {
            reachmap_core::notes::note(format!("{} lies wholly beyond ±{max_lat}° and is left out", feature.label()));
        }
        features.retain(|f| !f.region.0.is_empty());
    }
    Ok(if written.multipolygon {
        reachmap_core::geojson::multipolygon_collection(&features, DECIMALS)
    } else {
        reachmap_core::geojson::feature_collection(&features, DECIMALS)
    })
}

/// reachmap's functions, re-exported by the `reachmap` package.
#[pymodule]
fn _reachmap(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(rings, m)?)?;
    m.add_function(wrap_pyfunction!(buffer, m)?)?;
    m.add_function(wrap_pyfunction!(footprint, m)?)?;
    m.add_function(wrap_pyfunction!(reach, m)?)?;
    m.add_function(wrap_pyfunction!(catalog, m)?)?;
    m.add_function(wrap_pyfunction!(flight_minutes, m)?)?;
    m.add_function(wrap_pyfunction!(resolve, m)?)?;
    m.add_function(wrap_pyfunction!(distance_km, m)?)?;
    Ok(())
}
