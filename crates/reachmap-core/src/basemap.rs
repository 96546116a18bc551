//! The base map: Natural Earth land, countries and lakes at 1:10m, 1:50m and 1:110m, embedded
//! in the binary (see `assets/README.md`) in a compact form and decoded on demand, each layer at
//! most once per run.
//!
//! The compact form (`assets/naturalearth/*.lonlat`, written by `scripts/make_assets.py` from
//! the same features as the GeoJSON beside it) is varints of coordinate differences in units of
//! 1e-5 degree: decoding the 1:50m layers takes about 3 ms where parsing the gzipped
//! GeoJSON took 23–35 ms of every map. The coordinates are exactly the GeoJSON's.

use std::io::Read;
use std::sync::OnceLock;

use geo::{Coord, LineString, MultiPolygon, Polygon};

use crate::error::{Error, Field, Result};

/// Detail of the base map: Natural Earth's three scales.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Natural Earth 1:10m, for regional frames (islands and reefs a few km across).
    Fine,
    /// Natural Earth 1:50m.
    Medium,
    /// Natural Earth 1:110m.
    Coarse,
}

impl Detail {
    /// The names users give: `10m`, `50m`, `110m` (Natural Earth's own).
    pub const NAMES: [&'static str; 3] = ["10m", "50m", "110m"];

    /// Reads `10m`, `50m` or `110m`; `field` names the option or key in the error.
    pub fn parse(text: &str, field: impl Into<Field>) -> Result<Detail> {
        match text.trim().to_ascii_lowercase().as_str() {
            "10m" => Ok(Detail::Fine),
            "50m" => Ok(Detail::Medium),
            "110m" => Ok(Detail::Coarse),
            _ => Err(Error::invalid(
                field,
                text,
                "unknown detail; allowed: 10m, 50m, 110m (Natural Earth 1:10m, 1:50m, 1:110m; by default chosen from the frame's width)",
            )),
        }
    }

    /// The scale as Natural Earth names it: `1:10m`, `1:50m`, `1:110m`.
    pub fn scale(self) -> &'static str {
        match self {
            Detail::Fine => "1:10m",
            Detail::Medium => "1:50m",
            Detail::Coarse => "1:110m",
        }
    }
}

/// One base map layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BaseLayer {
    /// All land as one feature.
    Land,
    /// Countries, with their names and ISO 3166 numeric ids.
    Countries,
    /// Lakes: 1:50m at every detail (no registry package ships Natural Earth's 1:10m lakes;
    /// `assets/README.md`).
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

/// How a layer is embedded: the compact form, or (1:10m, 2.1 MB instead of 3.8 MB in the
/// binary) the compact form gzipped.
enum Embedded {
    Plain(&'static [u8]),
    Gzipped(&'static [u8]),
}

/// The features of `layer` at `detail`, decoded on first use and then shared: a run that draws
/// no 1:10m map never inflates or decodes it.
pub fn features(layer: BaseLayer, detail: Detail) -> Result<&'static [Feature]> {
    static CACHE: [OnceLock<std::result::Result<Vec<Feature>, String>>; 7] = [
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
    ];
    let (slot, name, bytes) = match (layer, detail) {
        (BaseLayer::Land, Detail::Medium) => {
            (0, "land-50m", Embedded::Plain(include_bytes!("../../../assets/naturalearth/land-50m.lonlat")))
        }
        (BaseLayer::Land, Detail::Coarse) => {
            (1, "land-110m", Embedded::Plain(include_bytes!("../../../assets/naturalearth/land-110m.lonlat")))
        }
        (BaseLayer::Countries, Detail::Medium) => {
            (2, "countries-50m", Embedded::Plain(include_bytes!("../../../assets/naturalearth/countries-50m.lonlat")))
        }
        (BaseLayer::Countries, Detail::Coarse) => {
            (3, "countries-110m", Embedded::Plain(include_bytes!("../../../assets/naturalearth/countries-110m.lonlat")))
        }
        (BaseLayer::Lakes, _) => {
            (4, "lakes-50m", Embedded::Plain(include_bytes!("../../../assets/naturalearth/lakes-50m.lonlat")))
        }
        (BaseLayer::Land, Detail::Fine) => {
            (5, "land-10m", Embedded::Gzipped(include_bytes!("../../../assets/naturalearth/land-10m.lonlat.gz")))
        }
        (BaseLayer::Countries, Detail::Fine) => (
            6,
            "countries-10m",
            Embedded::Gzipped(include_bytes!("../../../assets/naturalearth/countries-10m.lonlat.gz")),
        ),
    };
    CACHE[slot]
        .get_or_init(|| {
            let corrupt = || format!("embedded asset {name}.lonlat is truncated or corrupt");
            match bytes {
                Embedded::Plain(bytes) => decode(bytes).ok_or_else(corrupt),
                Embedded::Gzipped(gzipped) => {
                    let mut bytes = Vec::new();
                    flate2::read::GzDecoder::new(gzipped).read_to_end(&mut bytes).map_err(|_| corrupt())?;
                    decode(&bytes).ok_or_else(corrupt)
                }
            }
        })
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
        let pairs: [(BaseLayer, Detail, &[u8]); 5] = [
            (BaseLayer::Land, Detail::Medium, include_bytes!("../../../assets/naturalearth/land-50m.geojson.gz")),
            (BaseLayer::Land, Detail::Coarse, include_bytes!("../../../assets/naturalearth/land-110m.geojson.gz")),
            (
                BaseLayer::Countries,
                Detail::Medium,
                include_bytes!("../../../assets/naturalearth/countries-50m.geojson.gz"),
            ),
            (
                BaseLayer::Countries,
                Detail::Coarse,
                include_bytes!("../../../assets/naturalearth/countries-110m.geojson.gz"),
            ),
            (BaseLayer::Lakes, Detail::Medium, include_bytes!("../../../assets/naturalearth/lakes-50m.geojson.gz")),
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

    /// The 1:10m layers (gzipped, no GeoJSON beside them) decode to what the script wrote: per
    /// feature the name, polygon, ring and vertex counts and the sums of the coordinates in
    /// 1e-5 degree, as `scripts/make_assets.py` summed them from the TopoJSON's decoding.
    #[test]
    fn fine_base_map_is_what_the_script_wrote() {
        let summaries: [(BaseLayer, &str); 2] = [
            (BaseLayer::Land, include_str!("../../../assets/naturalearth/land-10m.summary.json")),
            (BaseLayer::Countries, include_str!("../../../assets/naturalearth/countries-10m.summary.json")),
        ];
        for (layer, summary) in summaries {
            let expected: Vec<serde_json::Value> = serde_json::from_str(summary).unwrap();
            let decoded = features(layer, Detail::Fine).unwrap();
            assert_eq!(decoded.len(), expected.len(), "{layer:?}");
            for (feature, want) in decoded.iter().zip(&expected) {
                assert_eq!(feature.name.as_deref(), want["name"].as_str());
                let polygons = &feature.geometry.0;
                let rings: Vec<&LineString> =
                    polygons.iter().flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors())).collect();
                let points: Vec<&Coord> = rings.iter().flat_map(|r| r.0.iter()).collect();
                let units = |v: f64| (v * 1e5).round() as i64;
                let name = &feature.name;
                assert_eq!(polygons.len() as u64, want["polygons"].as_u64().unwrap(), "{name:?}");
                assert_eq!(rings.len() as u64, want["rings"].as_u64().unwrap(), "{name:?}");
                assert_eq!(points.len() as u64, want["vertices"].as_u64().unwrap(), "{name:?}");
                assert_eq!(points.iter().map(|c| units(c.x)).sum::<i64>(), want["sum_x"].as_i64().unwrap());
                assert_eq!(points.iter().map(|c| units(c.y)).sum::<i64>(), want["sum_y"].as_i64().unwrap());
                assert!(rings.iter().all(|r| r.is_closed()), "{name:?}");
            }
        }
    }

    /// Natural Earth's 1:10m data holds the South China Sea's disputed islands where published
    /// positions put them — Itu Aba (Taiping), the largest of the Spratlys, at 10.377° N
    /// 114.365° E; Scarborough Shoal at 15.15° N 117.76° E; Woody Island in the Paracels at
    /// 16.834° N 112.339° E — and the 1:50m data holds none of them.
    #[test]
    fn fine_base_map_has_the_spratlys_scarborough_and_the_paracels() {
        use geo::{BoundingRect, Contains, Point};
        let near = |detail: Detail, lon: f64, lat: f64, km: f64| -> Vec<String> {
            let box_deg = km / 111.0;
            let window = geo::Rect::new((lon - box_deg, lat - box_deg), (lon + box_deg, lat + box_deg));
            features(BaseLayer::Countries, detail)
                .unwrap()
                .iter()
                .filter(|f| {
                    f.geometry.0.iter().any(|p| {
                        p.bounding_rect().is_some_and(|b| window.contains(&b) || b.contains(&Point::new(lon, lat)))
                    })
                })
                .map(|f| f.name.clone().unwrap_or_default())
                .collect()
        };
        assert_eq!(near(Detail::Fine, 114.365, 10.377, 5.0), ["Spratly Is."]);
        assert_eq!(near(Detail::Fine, 117.76, 15.15, 15.0), ["Scarborough Reef"]);
        // Natural Earth draws the Paracels as Chinese, the de facto control.
        assert_eq!(near(Detail::Fine, 112.339, 16.834, 5.0), ["China"]);
        for (lon, lat, km) in [(114.365, 10.377, 5.0), (117.76, 15.15, 15.0), (112.339, 16.834, 5.0)] {
            assert!(near(Detail::Medium, lon, lat, km).is_empty(), "{lon} {lat} at 1:50m");
        }
    }

    #[test]
    fn detail_names_and_refusals() {
        assert_eq!(Detail::parse("10m", "--detail").unwrap(), Detail::Fine);
        assert_eq!(Detail::parse(" 50M ", "--detail").unwrap(), Detail::Medium);
        assert_eq!(Detail::parse("110m", "--detail").unwrap(), Detail::Coarse);
        for bad in ["", "10", "1:10m", "25m", "fine"] {
            let message = Detail::parse(bad, "--detail").unwrap_err().to_string();
            assert!(message.contains("--detail") && message.contains("allowed: 10m, 50m, 110m"), "{message}");
        }
    }

    #[test]
    fn truncated_compact_form_is_an_error_not_a_panic() {
        let bytes = include_bytes!("../../../assets/naturalearth/lakes-50m.lonlat");
        for cut in [0, 3, 5, 6, 100, bytes.len() / 2, bytes.len() - 1] {
            assert!(decode(&bytes[..cut]).is_none(), "cut at {cut}");
        }
        assert!(decode(bytes).is_some());
    }
}
