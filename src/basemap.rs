//! The base map: Natural Earth land, countries and lakes, embedded in the binary (see
//! `assets/README.md`) and decoded on demand, each layer at most once per run.

use std::io::Read;
use std::sync::OnceLock;

use geo::{Coord, LineString, MultiPolygon, Polygon};
use serde::Deserialize;

use crate::error::{Error, Result};

/// Detail of the base map: 1:50m for regional frames, 1:110m for the world.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Natural Earth 1:50m.
    Medium,
    /// Natural Earth 1:110m.
    Coarse,
}

/// One base map layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layer {
    /// All land as one feature.
    Land,
    /// Countries, with their names and ISO 3166 numeric ids.
    Countries,
    /// Lakes (1:50m only; the coarse detail uses the same lakes).
    Lakes,
}

/// A base map feature: its name (countries only) and its outline in lon/lat.
#[derive(Debug, Clone)]
pub struct Feature {
    /// The country's short name, where the layer has names.
    pub name: Option<String>,
    /// The outline, RFC 7946 wound, no edge across ±180°.
    pub geometry: MultiPolygon,
}

/// The features of `layer` at `detail`, decoded on first use and then shared.
pub fn features(layer: Layer, detail: Detail) -> Result<&'static [Feature]> {
    static CACHE: [OnceLock<std::result::Result<Vec<Feature>, String>>; 5] =
        [OnceLock::new(), OnceLock::new(), OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let (slot, name, bytes): (usize, &str, &[u8]) = match (layer, detail) {
        (Layer::Land, Detail::Medium) => (0, "land-50m", include_bytes!("../assets/naturalearth/land-50m.geojson.gz")),
        (Layer::Land, Detail::Coarse) => {
            (1, "land-110m", include_bytes!("../assets/naturalearth/land-110m.geojson.gz"))
        }
        (Layer::Countries, Detail::Medium) => {
            (2, "countries-50m", include_bytes!("../assets/naturalearth/countries-50m.geojson.gz"))
        }
        (Layer::Countries, Detail::Coarse) => {
            (3, "countries-110m", include_bytes!("../assets/naturalearth/countries-110m.geojson.gz"))
        }
        (Layer::Lakes, _) => (4, "lakes-50m", include_bytes!("../assets/naturalearth/lakes-50m.geojson.gz")),
    };
    CACHE[slot]
        .get_or_init(|| decode(bytes).map_err(|e| format!("embedded asset {name}: {e}")))
        .as_deref()
        .map_err(|e| Error::Asset(e.clone()))
}

#[derive(Deserialize)]
struct Collection {
    features: Vec<RawFeature>,
}

#[derive(Deserialize)]
struct RawFeature {
    properties: Properties,
    geometry: RawGeometry,
}

#[derive(Deserialize)]
struct Properties {
    name: Option<String>,
}

#[derive(Deserialize)]
struct RawGeometry {
    coordinates: Vec<Vec<Vec<[f64; 2]>>>,
}

fn decode(gzipped: &[u8]) -> std::result::Result<Vec<Feature>, String> {
    let mut text = Vec::with_capacity(gzipped.len() * 3);
    flate2::read::GzDecoder::new(gzipped).read_to_end(&mut text).map_err(|e| e.to_string())?;
    let collection: Collection = serde_json::from_slice(&text).map_err(|e| e.to_string())?;
    let ring = |points: &Vec<[f64; 2]>| LineString::new(points.iter().map(|&[x, y]| Coord { x, y }).collect());
    Ok(collection
        .features
        .into_iter()
        .map(|f| Feature {
            name: f.properties.name,
            geometry: MultiPolygon::new(
                f.geometry
                    .coordinates
                    .iter()
                    .map(|rings| Polygon::new(ring(&rings[0]), rings[1..].iter().map(ring).collect()))
                    .collect(),
            ),
        })
        .collect())
}
