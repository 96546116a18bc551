//! The base map: Natural Earth land, countries and lakes, embedded in the binary (see
//! `assets/README.md`) in a compact form and decoded on demand, each layer at most once per run.
//!
//! The compact form (`assets/naturalearth/*.lonlat`, written by `scripts/make_assets.py` from
//! the same features as the GeoJSON beside it) is varints of coordinate differences in units of
//! 1e-5 degree: decoding the 1:50m layers takes about 3 ms where parsing the gzipped
//! GeoJSON took 23–35 ms of every map. The coordinates are exactly the GeoJSON's.

use std::sync::OnceLock;

use geo::{Coord, LineString, MultiPolygon, Polygon};

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
        (Layer::Land, Detail::Medium) => (0, "land-50m", include_bytes!("../assets/naturalearth/land-50m.lonlat")),
        (Layer::Land, Detail::Coarse) => (1, "land-110m", include_bytes!("../assets/naturalearth/land-110m.lonlat")),
        (Layer::Countries, Detail::Medium) => {
            (2, "countries-50m", include_bytes!("../assets/naturalearth/countries-50m.lonlat"))
        }
        (Layer::Countries, Detail::Coarse) => {
            (3, "countries-110m", include_bytes!("../assets/naturalearth/countries-110m.lonlat"))
        }
        (Layer::Lakes, _) => (4, "lakes-50m", include_bytes!("../assets/naturalearth/lakes-50m.lonlat")),
    };
    CACHE[slot]
        .get_or_init(|| decode(bytes).ok_or_else(|| format!("embedded asset {name}.lonlat is truncated or corrupt")))
        .as_deref()
        .map_err(|e| Error::Asset(e.clone()))
}

/// Reads the compact form described in `scripts/make_assets.py` (`write_lonlat`).
fn decode(bytes: &[u8]) -> Option<Vec<Feature>> {
    let mut input = Reader { bytes: bytes.strip_prefix(b"RMLL1")?, last: [0, 0] };
    let count = input.count()?;
    let mut features = Vec::with_capacity(count);
    for _ in 0..count {
        let name = match input.count()? {
            0 => None,
            n => Some(String::from_utf8(input.take(n - 1)?.to_vec()).ok()?),
        };
        let polygons = (0..input.count()?)
            .map(|_| {
                let rings = input.count()?;
                let exterior = input.ring()?;
                let holes = (1..rings).map(|_| input.ring()).collect::<Option<Vec<_>>>()?;
                Some(Polygon::new(exterior, holes))
            })
            .collect::<Option<Vec<_>>>()?;
        features.push(Feature { name, geometry: MultiPolygon::new(polygons) });
    }
    input.bytes.is_empty().then_some(features)
}

struct Reader<'a> {
    bytes: &'a [u8],
    /// The last x and y read, in 1e-5 degree: each coordinate is stored as the difference.
    last: [i64; 2],
}

impl Reader<'_> {
    fn varint(&mut self) -> Option<u64> {
        let mut value = 0u64;
        for (i, &byte) in self.bytes.iter().enumerate().take(10) {
            value |= u64::from(byte & 0x7F) << (7 * i);
            if byte & 0x80 == 0 {
                self.bytes = &self.bytes[i + 1..];
                return Some(value);
            }
        }
        None
    }

    fn count(&mut self) -> Option<usize> {
        usize::try_from(self.varint()?).ok()
    }

    fn take(&mut self, n: usize) -> Option<&[u8]> {
        let (taken, rest) = self.bytes.split_at_checked(n)?;
        self.bytes = rest;
        Some(taken)
    }

    fn ring(&mut self) -> Option<LineString> {
        let n = self.count()?;
        // Every vertex takes at least two bytes: a corrupt count cannot allocate much.
        let mut points = Vec::with_capacity(n.min(self.bytes.len() / 2));
        for _ in 0..n {
            let mut xy = [0.0; 2];
            for (k, value) in xy.iter_mut().enumerate() {
                let zigzag = self.varint()?;
                let delta = (zigzag >> 1) as i64 ^ -((zigzag & 1) as i64);
                self.last[k] += delta;
                // Dividing the exact integer gives the float nearest the decimal, as the
                // GeoJSON's text parses (checked in the tests).
                *value = self.last[k] as f64 / 1e5;
            }
            points.push(Coord { x: xy[0], y: xy[1] });
        }
        Some(LineString::new(points))
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    /// A MultiPolygon's coordinates as GeoJSON nests them: polygons, rings, points.
    type Coordinates = Vec<Vec<Vec<[f64; 2]>>>;

    /// The GeoJSON beside each compact file, read as the base map was before the compact form.
    fn geojson(gzipped: &[u8]) -> Vec<(Option<String>, Coordinates)> {
        let mut text = Vec::new();
        flate2::read::GzDecoder::new(gzipped).read_to_end(&mut text).unwrap();
        let collection: serde_json::Value = serde_json::from_slice(&text).unwrap();
        collection["features"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                let name = f["properties"]["name"].as_str().map(str::to_owned);
                (name, serde_json::from_value(f["geometry"]["coordinates"].clone()).unwrap())
            })
            .collect()
    }

    /// The compact files hold exactly the GeoJSON's features, names and coordinates, bit for bit.
    #[test]
    fn compact_base_map_is_the_geojson_exactly() {
        let pairs: [(Layer, Detail, &[u8]); 5] = [
            (Layer::Land, Detail::Medium, include_bytes!("../assets/naturalearth/land-50m.geojson.gz")),
            (Layer::Land, Detail::Coarse, include_bytes!("../assets/naturalearth/land-110m.geojson.gz")),
            (Layer::Countries, Detail::Medium, include_bytes!("../assets/naturalearth/countries-50m.geojson.gz")),
            (Layer::Countries, Detail::Coarse, include_bytes!("../assets/naturalearth/countries-110m.geojson.gz")),
            (Layer::Lakes, Detail::Medium, include_bytes!("../assets/naturalearth/lakes-50m.geojson.gz")),
        ];
        for (layer, detail, gzipped) in pairs {
            let expected = geojson(gzipped);
            let decoded = features(layer, detail).unwrap();
            assert_eq!(decoded.len(), expected.len(), "{layer:?} {detail:?}");
            for (feature, (name, polygons)) in decoded.iter().zip(&expected) {
                assert_eq!(&feature.name, name);
                let rings: Coordinates = feature
                    .geometry
                    .0
                    .iter()
                    .map(|p| {
                        std::iter::once(p.exterior())
                            .chain(p.interiors())
                            .map(|r| r.0.iter().map(|c| [c.x, c.y]).collect())
                            .collect()
                    })
                    .collect();
                let bits = |v: &Coordinates| -> Vec<u64> {
                    v.iter().flatten().flatten().flat_map(|[x, y]| [x.to_bits(), y.to_bits()]).collect()
                };
                assert_eq!(bits(&rings), bits(polygons), "{name:?}");
                assert_eq!(
                    rings.iter().map(Vec::len).collect::<Vec<_>>(),
                    polygons.iter().map(Vec::len).collect::<Vec<_>>()
                );
            }
        }
    }

    #[test]
    fn truncated_compact_form_is_an_error_not_a_panic() {
        let bytes = include_bytes!("../assets/naturalearth/lakes-50m.lonlat");
        for cut in [0, 3, 5, 6, 100, bytes.len() / 2, bytes.len() - 1] {
            assert!(decode(&bytes[..cut]).is_none(), "cut at {cut}");
        }
        assert!(decode(bytes).is_some());
    }
}
