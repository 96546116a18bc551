//! Between Python values and reachmap's: JSON values out as plain dicts and lists, sites,
//! ranges and positions in, and reachmap's errors as `ValueError` with the command line's
//! message.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use geojson::{Feature, FeatureCollection, Geometry, GeometryValue, Position};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyList, PyString, PyTuple};
use reachmap_core::{Error, Radius, Reach, Site};
use serde_json::Value;

/// A reachmap error as Python sees it: `ValueError` with the message the command line prints.
pub fn value_error(error: Error) -> PyErr {
    PyValueError::new_err(error.to_string())
}

/// A JSON value as plain Python data: dict, list, str, int, float, bool or None.
pub fn to_python<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => i.into_pyobject(py)?.into_any(),
            (None, Some(u)) => u.into_pyobject(py)?.into_any(),
            _ => n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any(),
        },
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(to_python(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (key, item) in map {
                dict.set_item(key, to_python(py, item)?)?;
            }
            dict.into_any()
        }
    })
}

/// A GeoJSON object's JSON value, or the `ValueError` of failing to make it.
macro_rules! json_value {
    ($object:expr) => {
        serde_json::to_value($object).map_err(|e| value_error(e.into()))?
    };
}

/// A GeoJSON FeatureCollection as plain Python data: the dict [`to_python`] makes of its JSON
/// value (keys in the same order), built straight from the features — a ring's thousand
/// vertices become lists of floats without a JSON value for each in between.
pub fn feature_collection<'py>(py: Python<'py>, collection: &FeatureCollection) -> PyResult<Bound<'py, PyAny>> {
    let _paused = GcPaused::new(py)?;
    if collection.bbox.is_some() || collection.foreign_members.is_some() {
        return to_python(py, &json_value!(collection));
    }
    let features = collection.features.iter().map(|f| feature(py, f)).collect::<PyResult<Vec<_>>>()?;
    let dict = PyDict::new(py);
    dict.set_item("features", PyList::new(py, features)?)?;
    dict.set_item("type", "FeatureCollection")?;
    Ok(dict.into_any())
}

/// Python's cyclic garbage collector paused while a result is built, and resumed (if it was
/// running) when this is dropped, on success or error. A ring's thousand new `[lon, lat]` lists
/// hold only floats and form no cycles, yet every 700 of them would start a collection walking
/// all young objects, and the older generations more often in turn: with 100 rings kept in a
/// list, a fifth of the time (`python/bench.py`).
struct GcPaused<'py>(Option<Bound<'py, PyModule>>);

impl<'py> GcPaused<'py> {
    fn new(py: Python<'py>) -> PyResult<GcPaused<'py>> {
        let gc = py.import("gc")?;
        if !gc.call_method0("isenabled")?.is_truthy()? {
            return Ok(GcPaused(None));
        }
        gc.call_method0("disable")?;
        Ok(GcPaused(Some(gc)))
    }
}

impl Drop for GcPaused<'_> {
    fn drop(&mut self) {
        if let Some(gc) = &self.0 {
            // Cannot fail: gc.enable takes no arguments and only sets a flag.
            let _ = gc.call_method0("enable");
        }
    }
}

/// One Feature, as [`feature_collection`] makes it.
fn feature<'py>(py: Python<'py>, feature: &Feature) -> PyResult<Bound<'py, PyAny>> {
    if feature.bbox.is_some() || feature.id.is_some() || feature.foreign_members.is_some() {
        return to_python(py, &json_value!(feature));
    }
    let dict = PyDict::new(py);
    match &feature.geometry {
        Some(geometry) => dict.set_item("geometry", self::geometry(py, geometry)?)?,
        None => dict.set_item("geometry", py.None())?,
    }
    match &feature.properties {
        Some(properties) => {
            let object = PyDict::new(py);
            for (key, value) in properties {
                object.set_item(key, to_python(py, value)?)?;
            }
            dict.set_item("properties", object)?;
        }
        None => dict.set_item("properties", py.None())?,
    }
    dict.set_item("type", "Feature")?;
    Ok(dict.into_any())
}

/// A Polygon or MultiPolygon's coordinates as nested lists of `[lon, lat]` lists; other
/// geometries through their JSON value.
fn geometry<'py>(py: Python<'py>, geometry: &Geometry) -> PyResult<Bound<'py, PyAny>> {
    let (kind, coordinates) = match &geometry.value {
        GeometryValue::Polygon { coordinates } if plain(geometry) => ("Polygon", polygon(py, coordinates)?),
        GeometryValue::MultiPolygon { coordinates } if plain(geometry) => {
            let polygons = coordinates.iter().map(|p| polygon(py, p)).collect::<PyResult<Vec<_>>>()?;
            ("MultiPolygon", PyList::new(py, polygons)?)
        }
        _ => return to_python(py, &json_value!(geometry)),
    };
    let dict = PyDict::new(py);
    dict.set_item("coordinates", coordinates)?;
    dict.set_item("type", kind)?;
    Ok(dict.into_any())
}

/// Whether a geometry is its type and coordinates alone.
fn plain(geometry: &Geometry) -> bool {
    geometry.bbox.is_none() && geometry.foreign_members.is_none()
}

/// A polygon's rings as lists of `[lon, lat]` lists.
fn polygon<'py>(py: Python<'py>, rings: &[Vec<Position>]) -> PyResult<Bound<'py, PyList>> {
    let ring = |positions: &Vec<Position>| -> PyResult<Bound<'py, PyList>> {
        let positions = positions.iter().map(|p| PyList::new(py, p.as_slice())).collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, positions)
    };
    PyList::new(py, rings.iter().map(ring).collect::<PyResult<Vec<_>>>()?)
}

/// The items of a list or tuple argument; a lone string (or tuple that is one site, when
/// `one_tuple` says a tuple is an item) stands for a list of one.
fn items<'py>(value: &Bound<'py, PyAny>, field: &str, one_tuple: bool) -> PyResult<Vec<Bound<'py, PyAny>>> {
    if value.is_instance_of::<PyString>() || (one_tuple && value.is_instance_of::<PyTuple>()) {
        return Ok(vec![value.clone()]);
    }
    match value.try_iter() {
        Ok(iter) => iter.collect(),
        Err(_) => Err(value_error(Error::invalid(field, &repr(value), "expected a list"))),
    }
}

/// How a value prints in an error.
fn repr(value: &Bound<'_, PyAny>) -> String {
    value.repr().map(|r| r.to_string()).unwrap_or_else(|_| "?".to_string())
}

/// A number argument, `field` naming it in errors. `True` and `False` are refused, though
/// Python counts them as 1 and 0: `rings(sites, True)` would otherwise draw a 1 km ring.
fn number(value: &Bound<'_, PyAny>, field: &str) -> PyResult<f64> {
    if value.is_instance_of::<PyString>() || value.is_instance_of::<PyBool>() {
        return Err(value_error(Error::invalid(field, &repr(value), "expected a number")));
    }
    value.extract::<f64>().map_err(|_| value_error(Error::invalid(field, &repr(value), "expected a number")))
}

/// A site or target: a name or position the command line's `--site` accepts (`"Kaliningrad"`,
/// `"Naha, JP"`, `"54.71N 20.51E"`, `"Kaliningrad=54.71,20.51"`), or `(name, lat, lon)` in
/// degrees, taken as given (the command line's check of a `NAME=LAT,LON` against the gazetteer's
/// place of that name scans the gazetteer, a few milliseconds per name: too slow for sites
/// given by the hundred).
pub fn site(value: &Bound<'_, PyAny>, field: &str) -> PyResult<Site> {
    if let Ok(text) = value.extract::<String>() {
        return looked_up(&text, field);
    }
    let parts: Vec<Bound<'_, PyAny>> = match value.try_iter() {
        Ok(iter) => iter.collect::<PyResult<_>>()?,
        Err(_) => Vec::new(),
    };
    let [name, lat, lon] = parts.as_slice() else {
        return Err(value_error(Error::invalid(field, &repr(value), "expected a name or (name, lat, lon)")));
    };
    let name: String = name.extract().map_err(|_| {
        value_error(Error::invalid(field, &repr(value), "the name in (name, lat, lon) must be a string"))
    })?;
    Site::new(&name, number(lat, field)?, number(lon, field)?).map_err(|e| value_error(in_argument(e, field, value)))
}

/// [`Site::new`]'s error naming the Python argument and the value given: `b (95, 0) latitude:
/// 95 is out of range` where the library names the site it was about to make (`site "95,0"
/// latitude`), which for a position is the position itself and names no argument.
fn in_argument(error: Error, field: &str, value: &Bound<'_, PyAny>) -> Error {
    let Some(inner) = error.field().cloned() else { return error };
    let inner_text = inner.to_string();
    let what = ["latitude", "longitude"].into_iter().find(|w| inner_text.ends_with(w));
    let named = match what {
        Some(what) => format!("{field} {} {what}", repr(value)),
        None => format!("{field} {} {inner_text}", repr(value)),
    };
    error.naming(inner, named)
}

/// How many names [`looked_up`] remembers before it starts afresh.
const REMEMBERED: usize = 10_000;

/// A name looked up as the command line does ([`reachmap_core::places::target`]), remembered
/// for the process with the notes it gave (replayed on every use): each lookup scans the
/// gazetteer's 34,000 names, milliseconds that a program asking for the same places again and
/// again need not pay each time. Errors are not remembered.
fn looked_up(text: &str, field: &str) -> PyResult<Site> {
    type Found = (Site, Vec<String>);
    static FOUND: Mutex<Option<HashMap<(String, String), Found>>> = Mutex::new(None);
    let key = (text.to_string(), field.to_string());
    let remembered = FOUND.lock().unwrap_or_else(PoisonError::into_inner).as_ref().and_then(|m| m.get(&key).cloned());
    if let Some((site, notes)) = remembered {
        notes.into_iter().for_each(reachmap_core::notes::note);
        return Ok(site);
    }
    let earlier = reachmap_core::notes::take();
    let site = reachmap_core::places::target(text, field);
    let notes = reachmap_core::notes::take();
    earlier.into_iter().chain(notes.iter().cloned()).for_each(reachmap_core::notes::note);
    let site = site.map_err(value_error)?;
    let mut found = FOUND.lock().unwrap_or_else(PoisonError::into_inner);
    let map = found.get_or_insert_with(HashMap::new);
    if map.len() >= REMEMBERED {
        map.clear();
    }
    map.insert(key, (site.clone(), notes));
    Ok(site)
}

/// Sites or targets: a list of what [`site`] takes, or one of them.
pub fn sites(value: &Bound<'_, PyAny>, field: &str) -> PyResult<Vec<Site>> {
    items(value, field, true)?.iter().map(|v| site(v, field)).collect()
}

/// A position as `(lat, lon)` in degrees or anything [`site`] takes, as a site.
pub fn position(value: &Bound<'_, PyAny>, field: &str) -> PyResult<Site> {
    if !value.is_instance_of::<PyString>()
        && let Ok(iter) = value.try_iter()
    {
        let parts: Vec<Bound<'_, PyAny>> = iter.collect::<PyResult<_>>()?;
        if let [lat, lon] = parts.as_slice() {
            let (lat, lon) = (number(lat, field)?, number(lon, field)?);
            return Site::new(&format!("{lat},{lon}"), lat, lon).map_err(|e| value_error(in_argument(e, field, value)));
        }
    }
    site(value, field)
}

/// One range: a number of km (everything closer), or `(min_km, max_km)`, a band.
pub fn reach(value: &Bound<'_, PyAny>, field: &str) -> PyResult<Reach> {
    if let Ok((min, max)) = value.extract::<(Bound<'_, PyAny>, Bound<'_, PyAny>)>() {
        let min = Radius::from_km(number(&min, field)?, format!("{field} minimum")).map_err(value_error)?;
        let max = Radius::from_km(number(&max, field)?, format!("{field} maximum")).map_err(value_error)?;
        return Reach::band(min, max, field).map_err(value_error);
    }
    Ok(Reach::Within(Radius::from_km(number(value, field)?, field).map_err(value_error)?))
}

/// Ranges: a list of what [`reach`] takes, or one of them.
pub fn reaches(value: &Bound<'_, PyAny>, field: &str) -> PyResult<Vec<Reach>> {
    let single = value.extract::<f64>().is_ok() || value.extract::<(f64, f64)>().is_ok();
    if single {
        return Ok(vec![reach(value, field)?]);
    }
    items(value, field, false)?.iter().map(|v| reach(v, field)).collect()
}

/// A GeoJSON geometry, Feature or FeatureCollection given as a dict or as any object with
/// `__geo_interface__` (shapely, geopandas), as GeoJSON text.
pub fn geojson_text(value: &Bound<'_, PyAny>) -> PyResult<String> {
    let py = value.py();
    let value = match value.getattr("__geo_interface__") {
        Ok(interface) => interface,
        Err(_) => value.clone(),
    };
    let json = py.import("json")?;
    json.call_method1("dumps", (value,))?.extract()
}

/// Places given as `[(name, lat, lon), ...]`, as the CSV text of a places file.
pub fn places_csv(value: &Bound<'_, PyAny>, field: &str) -> PyResult<String> {
    let mut csv = String::from("name,lat,lon\n");
    for item in items(value, field, false)? {
        let Ok((name, lat, lon)) = item.extract::<(String, Bound<'_, PyAny>, Bound<'_, PyAny>)>() else {
            return Err(value_error(Error::invalid(
                field,
                &repr(&item),
                "expected \"capitals\", \"cities\" or a list of (name, lat, lon)",
            )));
        };
        let (lat, lon) = (number(&lat, field)?, number(&lon, field)?);
        csv.push_str(&format!("\"{}\",{lat},{lon}\n", name.replace('"', "\"\"")));
    }
    Ok(csv)
}

/// The notes recorded by the last call (which place a name was taken to mean, a position far
/// from the place it names), issued as Python warnings.
pub fn warn_notes(py: Python<'_>) -> PyResult<()> {
    let notes = reachmap_core::notes::take();
    if notes.is_empty() {
        return Ok(());
    }
    let warnings = py.import("warnings")?;
    for note in notes {
        let options = PyDict::new(py);
        options.set_item("stacklevel", 2)?;
        warnings.call_method("warn", (format!("reachmap: {note}"),), Some(&options))?;
    }
    Ok(())
}

/// Issues the notes still waiting when dropped: those of a call that ended in an error, which
/// would otherwise come out with the next call. On success, [`warn_notes`] has taken them.
pub struct PendingNotes<'py>(pub Python<'py>);

impl Drop for PendingNotes<'_> {
    fn drop(&mut self) {
        // An error here (warnings turned into errors) cannot replace the error on its way out.
        let _ = warn_notes(self.0);
    }
}
