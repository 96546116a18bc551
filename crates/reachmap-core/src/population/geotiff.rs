//! Reading a population raster: a single-band GeoTIFF in longitude/latitude degrees, as GPW v4,
//! GHS-POP (its WGS84 variant) and WorldPop publish people per cell. The `tiff` crate (pure
//! Rust; Deflate and LZW) decodes the cells strip by strip or tile by tile; the GeoTIFF tags
//! are read here: ModelPixelScale with ModelTiepoint, or ModelTransformation; the GeoKey
//! directory's model type (a projected raster is refused), raster type (PixelIsPoint shifts by
//! half a cell, as GDAL does) and angular unit; GDAL's nodata tag.

use std::io::{BufReader, Read, Seek};
use std::path::Path;

use tiff::decoder::{ChunkType, Decoder, DecodingResult, Limits};
use tiff::tags::Tag;

use crate::error::{Error, Field, Result};

/// The cells of a raster and where they lie.
#[derive(Debug, Clone)]
pub(super) struct Raster {
    pub width: usize,
    /// Longitude of the western edge of column 0, degrees.
    pub west_deg: f64,
    /// Latitude of the top edge of row 0, degrees.
    pub top_deg: f64,
    /// Cell width, degrees of longitude (positive: columns run east).
    pub dlon_deg: f64,
    /// Cell height, degrees of latitude (negative for the usual north-up raster).
    pub dlat_deg: f64,
    /// People per cell, row by row from row 0; no data (and NaN) as 0.
    pub values: Vec<f32>,
}

/// GeoKey ids (GeoTIFF 1.1, §7).
const GT_MODEL_TYPE: u16 = 1024;
const GT_RASTER_TYPE: u16 = 1025;
const GEOG_ANGULAR_UNITS: u16 = 2054;
const PROJECTED_CS_TYPE: u16 = 3072;
/// Model types, raster types and the degree unit.
const MODEL_PROJECTED: u16 = 1;
const MODEL_GEOCENTRIC: u16 = 3;
const RASTER_PIXEL_IS_POINT: u16 = 2;
const ANGULAR_DEGREE: u16 = 9102;

/// How to bring a raster into the form read here, said in errors.
const REPROJECT: &str = "reproject it to longitude/latitude, e.g. `gdalwarp -t_srs EPSG:4326 -r sum IN.tif OUT.tif` (sum keeps the people per cell)";

/// Reads the raster at `path`; errors name `field` and the file.
pub(super) fn read(path: &Path, field: impl Into<Field>) -> Result<Raster> {
    let field: &Field = &field.into();
    let shown = path.display().to_string();
    let bad = |reason: String| Error::invalid(field, &shown, reason);
    let file = std::fs::File::open(path).map_err(|e| bad(format!("cannot open it: {}", crate::error::io_words(&e))))?;
    if file.metadata().map(|m| m.is_dir()).unwrap_or(false) {
        return Err(bad("it is a folder; give a GeoTIFF file of people per cell".to_string()));
    }
    read_from(BufReader::new(file), &bad)
}

fn read_from<R: Read + Seek>(reader: R, bad: &dyn Fn(String) -> Error) -> Result<Raster> {
    let mut limits = Limits::default();
    // A strip may hold a whole global raster (GPW's 2.5′ grid is 150 MB in one strip or few).
    limits.decoding_buffer_size = 4 << 30;
    let mut decoder = Decoder::new(reader)
        .map_err(|e| bad(format!("not a TIFF file this reader can open ({e}); give a GeoTIFF of people per cell")))?
        .with_limits(limits);
    let tiff_error = |e: tiff::TiffError| bad(format!("cannot read it as a GeoTIFF: {e}"));
    let (width, height) = decoder.dimensions().map_err(tiff_error)?;
    let (width, height) = (width as usize, height as usize);
    match decoder.colortype().map_err(tiff_error)? {
        tiff::ColorType::Gray(_) => {}
        other => {
            return Err(bad(format!(
                "it holds {other:?} cells; a population raster has one band of people per cell (take the band with `gdal_translate -b 1`)"
            )));
        }
    }
    let keys = geo_keys(&mut decoder).map_err(tiff_error)?;
    let key = |id: u16| keys.iter().find(|(k, _)| *k == id).map(|(_, v)| *v);
    match key(GT_MODEL_TYPE) {
        Some(MODEL_PROJECTED) => {
            let crs = key(PROJECTED_CS_TYPE).map_or("a projected system".to_string(), |c| format!("EPSG:{c}"));
            return Err(bad(format!(
                "it is in a projected coordinate system ({crs}; GHS-POP's default is Mollweide, ESRI:54009), not longitude/latitude; take the WGS84 (EPSG:4326) variant, or {REPROJECT}"
            )));
        }
        Some(MODEL_GEOCENTRIC) => {
            return Err(bad(format!("it is in geocentric coordinates, not longitude/latitude; {REPROJECT}")));
        }
        _ => {}
    }
    if let Some(unit) = key(GEOG_ANGULAR_UNITS).filter(|&u| u != ANGULAR_DEGREE) {
        return Err(bad(format!("its angular unit is EPSG:{unit}, not degrees (EPSG:9102); {REPROJECT}")));
    }
    let (mut west, mut top, dlon, dlat) = placement(&mut decoder, bad)?;
    if key(GT_RASTER_TYPE) == Some(RASTER_PIXEL_IS_POINT) {
        // The tie point is a cell's centre, not its corner.
        west -= 0.5 * dlon;
        top -= 0.5 * dlat;
    }
    check_extent(width, height, west, top, dlon, dlat, bad)?;
    let nodata = match decoder.find_tag(Tag::GdalNodata).map_err(tiff_error)? {
        Some(value) => {
            let text = value.into_string().map_err(tiff_error)?;
            let text = text.trim_matches(|c: char| c == '\0' || c.is_whitespace());
            Some(
                text.parse::<f64>()
                    .map_err(|_| bad(format!("its nodata tag (GDAL_NODATA) holds {text:?}, not a number")))?,
            )
        }
        None => None,
    };
    let values = cells(&mut decoder, width, height, nodata, bad)?;
    Ok(Raster { width, west_deg: west, top_deg: top, dlon_deg: dlon, dlat_deg: dlat, values })
}

/// The GeoKey directory's keys with a value of their own (id, value); empty without one.
fn geo_keys<R: Read + Seek>(decoder: &mut Decoder<R>) -> tiff::TiffResult<Vec<(u16, u16)>> {
    let Some(value) = decoder.find_tag(Tag::GeoKeyDirectoryTag)? else {
        return Ok(Vec::new());
    };
    let entries = value.into_u16_vec()?;
    // A header of four, then four per key: id, where the value is (0: in the entry), count,
    // value.
    Ok(entries.get(4..).unwrap_or(&[]).chunks_exact(4).filter(|k| k[1] == 0).map(|k| (k[0], k[3])).collect())
}

/// The raster's placement from its tags: west edge, top edge, cell width and height (degrees).
fn placement<R: Read + Seek>(decoder: &mut Decoder<R>, bad: &dyn Fn(String) -> Error) -> Result<(f64, f64, f64, f64)> {
    let tag = |decoder: &mut Decoder<R>, tag: Tag| -> Result<Option<Vec<f64>>> {
        match decoder.find_tag(tag) {
            Ok(Some(value)) => Ok(Some(value.into_f64_vec().map_err(|e| bad(format!("its {tag:?} tag: {e}")))?)),
            Ok(None) => Ok(None),
            Err(e) => Err(bad(format!("its {tag:?} tag: {e}"))),
        }
    };
    let scale = tag(decoder, Tag::ModelPixelScaleTag)?;
    let tiepoint = tag(decoder, Tag::ModelTiepointTag)?;
    let transformation = tag(decoder, Tag::ModelTransformationTag)?;
    let (west, top, dlon, dlat) = match (scale, tiepoint, transformation) {
        (Some(scale), Some(tie), _) if scale.len() >= 2 && tie.len() >= 6 => {
            // Cell (i, j) of the tie point is at (x, y).
            let (i, j, x, y) = (tie[0], tie[1], tie[3], tie[4]);
            (x - i * scale[0], y + j * scale[1], scale[0], -scale[1])
        }
        (_, _, Some(m)) if m.len() >= 16 => {
            if m[1] != 0.0 || m[4] != 0.0 {
                return Err(bad(format!(
                    "its ModelTransformation rotates or shears the grid; rows must run along parallels and columns along meridians: {REPROJECT}"
                )));
            }
            (m[3], m[7], m[0], m[5])
        }
        _ => {
            return Err(bad(
                "it has no georeferencing (the GeoTIFF tags ModelPixelScale and ModelTiepoint, or ModelTransformation); a GeoTIFF in longitude/latitude is needed".to_string(),
            ));
        }
    };
    if !(dlon.is_finite() && dlon > 0.0) {
        return Err(bad(format!("its cells are {dlon}° wide; columns must run east, each a positive width")));
    }
    if !(dlat.is_finite() && dlat != 0.0 && west.is_finite() && top.is_finite()) {
        return Err(bad(format!("its placement (west {west}, top {top}, cell height {dlat}) is not usable")));
    }
    Ok((west, top, dlon, dlat))
}

/// Refuses a grid that is not in degrees of longitude and latitude as far as its numbers show:
/// cell centres beyond the poles, more than 360° of longitude.
fn check_extent(
    width: usize,
    height: usize,
    west: f64,
    top: f64,
    dlon: f64,
    dlat: f64,
    bad: &dyn Fn(String) -> Error,
) -> Result<()> {
    let first = top + 0.5 * dlat;
    let last = top + (height as f64 - 0.5) * dlat;
    // A millionth of a cell of slack for the rounding of published tie points.
    let slack = 1e-6 * dlat.abs();
    if first.abs() > 90.0 + slack || last.abs() > 90.0 + slack {
        return Err(bad(format!(
            "its cell centres run from latitude {first} to {last}, beyond ±90°: it is not in longitude/latitude degrees; {REPROJECT}"
        )));
    }
    if width as f64 * dlon > 360.0 * (1.0 + 1e-9) {
        return Err(bad(format!(
            "it is {} cells of {dlon}° wide: {}° of longitude, more than once round the Earth",
            width,
            width as f64 * dlon
        )));
    }
    if !(-540.0..=540.0).contains(&west) {
        return Err(bad(format!("its western edge is at {west}°, not a longitude; {REPROJECT}")));
    }
    Ok(())
}

/// Every cell's people (no data and NaN as 0), from the strips or tiles.
fn cells<R: Read + Seek>(
    decoder: &mut Decoder<R>,
    width: usize,
    height: usize,
    nodata: Option<f64>,
    bad: &dyn Fn(String) -> Error,
) -> Result<Vec<f32>> {
    let count = width.checked_mul(height).ok_or_else(|| bad("it has too many cells".to_string()))?;
    let mut values: Vec<f32> = Vec::new();
    values.try_reserve_exact(count).map_err(|_| {
        bad(format!("its {} cells need {} MB of memory, more than is free", count, count * 4 / 1_000_000))
    })?;
    values.resize(count, 0.0);
    let (chunk_w, chunk_h) = decoder.chunk_dimensions();
    let (chunk_w, chunk_h) = (chunk_w as usize, chunk_h as usize);
    let (chunks, across) = match decoder.get_chunk_type() {
        ChunkType::Strip => (decoder.strip_count().map_err(|e| bad(format!("its strips: {e}")))?, 1),
        ChunkType::Tile => (decoder.tile_count().map_err(|e| bad(format!("its tiles: {e}")))?, width.div_ceil(chunk_w)),
    };
    for index in 0..chunks {
        let (data_w, data_h) = decoder.chunk_data_dimensions(index);
        let (data_w, data_h) = (data_w as usize, data_h as usize);
        let (col0, row0) = ((index as usize % across) * chunk_w, (index as usize / across) * chunk_h);
        let chunk = decoder.read_chunk(index).map_err(|e| bad(format!("cannot decode its cells: {e}")))?;
        let mut place = |k: usize, v: f64| -> Result<()> {
            let (r, c) = (row0 + k / data_w, col0 + k % data_w);
            if r >= height || c >= width {
                return Ok(());
            }
            values[r * width + c] = people(v, nodata, r, c, bad)?;
            Ok(())
        };
        macro_rules! each {
            ($cells:expr) => {
                for (k, &v) in $cells.iter().enumerate().take(data_w * data_h) {
                    place(k, v as f64)?;
                }
            };
        }
        match chunk {
            DecodingResult::U8(v) => each!(v),
            DecodingResult::U16(v) => each!(v),
            DecodingResult::U32(v) => each!(v),
            DecodingResult::U64(v) => each!(v),
            DecodingResult::I8(v) => each!(v),
            DecodingResult::I16(v) => each!(v),
            DecodingResult::I32(v) => each!(v),
            DecodingResult::I64(v) => each!(v),
            DecodingResult::F32(v) => {
                // Nodata is compared in the band's own type, as GDAL does.
                let nodata = nodata.map(|n| n as f32 as f64);
                for (k, &x) in v.iter().enumerate().take(data_w * data_h) {
                    let (r, c) = (row0 + k / data_w, col0 + k % data_w);
                    if r < height && c < width {
                        values[r * width + c] = people(x as f64, nodata, r, c, bad)?;
                    }
                }
            }
            DecodingResult::F64(v) => each!(v),
            DecodingResult::F16(v) => {
                for (k, x) in v.iter().enumerate().take(data_w * data_h) {
                    place(k, x.to_f64())?;
                }
            }
        }
    }
    Ok(values)
}

/// A cell's people: 0 for no data (the nodata value, or NaN); a negative or infinite count is
/// an error.
fn people(v: f64, nodata: Option<f64>, row: usize, col: usize, bad: &dyn Fn(String) -> Error) -> Result<f32> {
    if v.is_nan() || nodata.is_some_and(|n| n == v) {
        return Ok(0.0);
    }
    if v < 0.0 || v.is_infinite() {
        return Err(bad(format!(
            "the cell at row {row}, column {col} holds {v} people; counts cannot be negative or infinite (if {v} marks cells without data, set it as the nodata value: `gdal_edit.py -a_nodata {v} FILE.tif`)"
        )));
    }
    Ok(v as f32)
}
