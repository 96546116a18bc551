//! Population grids for the tests: small GeoTIFF rasters of people per cell written with the
//! `tiff` crate's encoder, and the brute-force count they are checked against (every cell
//! centre's Karney distance, by GeographicLib's Rust port, against the radius).

use std::path::Path;

use geographiclib_rs::{Geodesic, InverseGeodesic};
use tiff::encoder::{Compression, TiffEncoder, colortype};
use tiff::tags::Tag;

/// GeoKeys: model type (1 projected, 2 geographic), raster type 1 (PixelIsArea), and the CRS
/// key with its EPSG code.
pub fn geokeys(model: u16, crs_key: u16, epsg: u16) -> Vec<u16> {
    vec![1, 1, 0, 3, 1024, 0, 1, model, 1025, 0, 1, 1, crs_key, 0, 1, epsg]
}

/// A raster to write: its cells and how it is placed.
pub struct Raster {
    pub width: u32,
    pub height: u32,
    pub west: f64,
    pub top: f64,
    pub cell: f64,
    pub values: Vec<f32>,
    pub nodata: Option<&'static str>,
    pub keys: Option<Vec<u16>>,
    pub georeferenced: bool,
}

impl Raster {
    /// Whole numbers of people (so that every sum is exact) on `cell`-degree cells.
    pub fn random(width: u32, height: u32, west: f64, top: f64, cell: f64, seed: u64) -> Raster {
        let mut state = seed;
        let values = (0..width * height)
            .map(|_| {
                // A 64-bit LCG (Knuth's MMIX constants): reproducible, no dependency.
                state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                let r = (state >> 33) % 1000;
                if r < 30 { -99999.0 } else { r as f32 }
            })
            .collect();
        Raster {
            width,
            height,
            west,
            top,
            cell,
            values,
            nodata: Some("-99999"),
            keys: Some(geokeys(2, 2048, 4326)),
            georeferenced: true,
        }
    }

    pub fn write_f32(&self, path: &Path, compression: Compression) {
        let file = std::fs::File::create(path).unwrap();
        let mut tiff = TiffEncoder::new(file).unwrap().with_compression(compression);
        let mut image = tiff.new_image::<colortype::Gray32Float>(self.width, self.height).unwrap();
        self.tags(image.encoder());
        // Several strips, so that the reader puts them together.
        image.rows_per_strip(7).unwrap();
        image.write_data(&self.values).unwrap();
    }

    pub fn write_f64(&self, path: &Path) {
        let file = std::fs::File::create(path).unwrap();
        let mut tiff = TiffEncoder::new(file).unwrap().with_compression(Compression::Deflate(Default::default()));
        let mut image = tiff.new_image::<colortype::Gray64Float>(self.width, self.height).unwrap();
        self.tags(image.encoder());
        let values: Vec<f64> = self.values.iter().map(|&v| v as f64).collect();
        image.write_data(&values).unwrap();
    }

    pub fn write_u16(&self, path: &Path) {
        let file = std::fs::File::create(path).unwrap();
        let mut tiff = TiffEncoder::new(file).unwrap().with_compression(Compression::Lzw);
        let mut image = tiff.new_image::<colortype::Gray16>(self.width, self.height).unwrap();
        self.tags(image.encoder());
        let values: Vec<u16> = self.values.iter().map(|&v| v.max(0.0) as u16).collect();
        image.write_data(&values).unwrap();
    }

    fn tags<W: std::io::Write + std::io::Seek, K: tiff::encoder::TiffKind>(
        &self,
        dir: &mut tiff::encoder::DirectoryEncoder<'_, W, K>,
    ) {
        if self.georeferenced {
            dir.write_tag(Tag::ModelPixelScaleTag, &[self.cell, self.cell, 0.0][..]).unwrap();
            dir.write_tag(Tag::ModelTiepointTag, &[0.0, 0.0, 0.0, self.west, self.top, 0.0][..]).unwrap();
        }
        if let Some(keys) = &self.keys {
            dir.write_tag(Tag::GeoKeyDirectoryTag, &keys[..]).unwrap();
        }
        if let Some(nodata) = self.nodata {
            dir.write_tag(Tag::GdalNodata, nodata).unwrap();
        }
    }

    /// The people in cells whose centre is closer than `radius_km` to the site, by Karney's
    /// distance for every cell.
    pub fn brute_force(&self, lat: f64, lon: f64, radius_km: f64) -> f64 {
        let geodesic = Geodesic::wgs84();
        let mut total = 0.0;
        for r in 0..self.height as usize {
            let cell_lat = self.top - (r as f64 + 0.5) * self.cell;
            for c in 0..self.width as usize {
                let v = self.values[r * self.width as usize + c];
                if v <= 0.0 {
                    continue;
                }
                let cell_lon = self.west + (c as f64 + 0.5) * self.cell;
                let s: f64 = geodesic.inverse(lat, lon, cell_lat, cell_lon);
                if s < radius_km * 1000.0 {
                    total += v as f64;
                }
            }
        }
        total
    }
}
