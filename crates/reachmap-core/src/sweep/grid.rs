//! The region a sweep covers and its grid of candidate sites.
//!
//! The grid is equal-area on the ellipsoid to first order: rows are parallels `step` apart
//! along the meridian (each row is Karney's direct solution `step` due north of the one
//! before), and along each row the candidates are `step` apart along the parallel (the
//! longitude step is the step over the parallel's radius, N(φ)·cos φ). Every candidate so
//! stands for about step² of ground wherever it lies, and a field drawn from the grid has the
//! same resolution across the region. A row's candidates are the centres of its cells inside
//! the region (even–odd rule on the region's polygons, holes excluded).

use geo::{BoundingRect, MultiPolygon, Point, Polygon};

use crate::error::{Error, Field, Result};
use crate::geodesy::{destination, meters_per_degree, wrap_lon};
use crate::site::Site;

/// Most candidates a sweep takes.
pub const MAX_CANDIDATES: usize = 1_000_000;

/// Candidates the default step aims at.
pub const DEFAULT_CANDIDATES: f64 = 10_000.0;

/// A region to sweep: polygons in lon/lat (RFC 7946), with a name for titles.
#[derive(Debug, Clone)]
pub struct Region {
    /// What the region is called (`Poland`, a file's name, a box).
    pub name: String,
    /// Its polygons.
    pub shape: MultiPolygon,
}

impl Region {
    /// A region from polygons; refuses one without area. `field` names it in errors.
    pub fn new(name: &str, shape: MultiPolygon, field: impl Into<Field>) -> Result<Region> {
        let region = Region { name: name.to_string(), shape };
        if region.area_km2().is_nan() || region.area_km2() <= 0.0 {
            return Err(Error::invalid(field, name, "the region is empty: it has no area to place candidates in"));
        }
        Ok(region)
    }

    /// Several countries' land (Natural Earth 1:50m) by name, as one region named after them;
    /// an unknown name is refused with the nearest names (see [`crate::areas::country`]).
    pub fn countries(names: &[String], field: impl Into<Field>) -> Result<Region> {
        let field: &Field = &field.into();
        let mut polygons = Vec::new();
        for name in names {
            match crate::areas::country(name, field)? {
                crate::areas::Shape::Polygons(p) => polygons.extend(p.0),
                crate::areas::Shape::Lines(_) => {
                    return Err(Error::invalid(field, name, "a country's land is polygons"));
                }
            }
        }
        let trimmed: Vec<&str> = names.iter().map(|n| n.trim()).collect();
        Region::new(&join_names(&trimmed), MultiPolygon::new(polygons), field)
    }

    /// The polygons of a GeoJSON file (Polygon or MultiPolygon, as a geometry, Feature or
    /// FeatureCollection); lines are refused.
    pub fn from_geojson_file(path: &std::path::Path, field: impl Into<Field>) -> Result<Region> {
        let field: &Field = &field.into();
        let name = path.file_stem().map_or_else(|| path.display().to_string(), |s| s.to_string_lossy().into_owned());
        match crate::areas::from_geojson_file(path, field)? {
            crate::areas::Shape::Polygons(p) => Region::new(&name, p, format!("{field} {}", path.display())),
            crate::areas::Shape::Lines(_) => Err(Error::invalid(
                field,
                &path.display().to_string(),
                "a sweep region is a Polygon or MultiPolygon; the file holds lines",
            )),
        }
    }

    /// The lon/lat box `west, south, east, north` (degrees; `east` below `west` for a box across
    /// 180°).
    pub fn lonlat_box(bounds: [f64; 4], field: impl Into<Field>) -> Result<Region> {
        let field: &Field = &field.into();
        let [west, south, east, north] = bounds;
        let text = format!("{west},{south},{east},{north}");
        let valid = bounds.iter().all(|v| v.is_finite())
            && (-90.0..=90.0).contains(&south)
            && (-90.0..=90.0).contains(&north)
            && south < north
            && (-180.0..=180.0).contains(&west)
            && (-180.0..=180.0).contains(&east)
            && west != east;
        if !valid {
            return Err(Error::invalid(
                field,
                &text,
                "expected WEST,SOUTH,EAST,NORTH in degrees: longitudes within ±180 (EAST below WEST for a box across 180°), SOUTH below NORTH within ±90",
            ));
        }
        let boxes = if east > west {
            vec![rect(west, south, east, north)]
        } else {
            vec![rect(west, south, 180.0, north), rect(-180.0, south, east, north)]
        };
        Region::new(&format!("{west}° to {east}° E, {south}° to {north}° N"), MultiPolygon::new(boxes), field)
    }

    /// The region's area on WGS84, km².
    pub fn area_km2(&self) -> f64 {
        crate::area::geodesic_area_m2(&self.shape) / 1e6
    }

    /// The step giving about [`DEFAULT_CANDIDATES`] candidates in the region, km, to two
    /// significant figures.
    pub fn default_step_km(&self) -> f64 {
        round_2_significant((self.area_km2() / DEFAULT_CANDIDATES).sqrt())
    }

    /// Whether longitudes are better counted from 0° to 360° (a region across 180°): they are
    /// when that makes the region narrower.
    fn across_antimeridian(&self) -> bool {
        let Some(bounds) = self.shape.bounding_rect() else { return false };
        let shifted = self.shape.0.iter().flat_map(|p| &p.exterior().0).map(|c| shift(c.x, true));
        let (lo, hi) = shifted.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| (lo.min(x), hi.max(x)));
        // A band round the whole globe has all its vertices on ±180°, which would collapse.
        hi - lo < bounds.width() - 1e-9 && hi - lo > 1e-9
    }

    /// The bounding box in the region's own longitudes: west, south, east, north.
    fn bounds(&self, shifted: bool) -> [f64; 4] {
        let mut b = [f64::INFINITY, f64::INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY];
        for c in self.shape.0.iter().flat_map(|p| &p.exterior().0) {
            let x = shift(c.x, shifted);
            b = [b[0].min(x), b[1].min(c.y), b[2].max(x), b[3].max(c.y)];
        }
        b
    }

    /// The intervals of longitude (the region's own) inside the region along the parallel at
    /// `lat_deg`, west to east (even–odd rule).
    fn row_intervals(&self, lat_deg: f64, shifted: bool) -> Vec<(f64, f64)> {
        let mut xs = Vec::new();
        for polygon in &self.shape.0 {
            for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
                for edge in ring.lines() {
                    let (p, q) = (edge.start, edge.end);
                    if (p.y <= lat_deg) == (q.y <= lat_deg) {
                        continue;
                    }
                    let (px, qx) = (shift(p.x, shifted), shift(q.x, shifted));
                    // An edge along the cut between −180° and 180° crosses nothing.
                    if (qx - px).abs() > 180.0 {
                        continue;
                    }
                    xs.push(px + (lat_deg - p.y) / (q.y - p.y) * (qx - px));
                }
            }
        }
        xs.sort_by(f64::total_cmp);
        xs.chunks_exact(2).map(|c| (c[0], c[1])).collect()
    }
}

fn shift(lon: f64, shifted: bool) -> f64 {
    if shifted && lon < 0.0 { lon + 360.0 } else { lon }
}

fn rect(west: f64, south: f64, east: f64, north: f64) -> Polygon {
    geo::Rect::new((west, south), (east, north)).to_polygon()
}

fn join_names(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn round_2_significant(x: f64) -> f64 {
    if x.is_nan() || x <= 0.0 {
        return x;
    }
    let scale = 10f64.powf(x.log10().floor() - 1.0);
    (x / scale).round() * scale
}

/// One row of the grid.
#[derive(Debug, Clone)]
pub struct Row {
    /// Latitude, degrees.
    pub lat_deg: f64,
    /// The western edge of column 0, degrees in the region's own longitudes.
    west_deg: f64,
    /// Longitude step, degrees.
    pub dlon_deg: f64,
    /// The first column kept.
    first: i64,
    /// For each column kept: 2 inside the region (a candidate), 1 next to one (valued for the
    /// field only), 0 neither.
    kind: Vec<u8>,
}

impl Row {
    /// The longitude of column `j`'s centre, degrees in the region's own longitudes.
    fn lon(&self, j: i64) -> f64 {
        self.west_deg + (j as f64 + 0.5) * self.dlon_deg
    }

    /// The columns whose centres lie within `[a, b)`.
    fn columns(&self, a: f64, b: f64) -> std::ops::Range<i64> {
        let from = ((a - self.west_deg) / self.dlon_deg - 0.5).ceil() as i64;
        let to = ((b - self.west_deg) / self.dlon_deg - 0.5).ceil() as i64;
        from..to.max(from)
    }
}

/// The candidate grid over a region, with a ring of points around it that the field drawn on
/// maps is interpolated from.
#[derive(Debug, Clone)]
pub struct Grid {
    /// Spacing, km.
    pub step_km: f64,
    /// Rows south to north, the first and last outside the region (field only).
    pub rows: Vec<Row>,
    /// Whether longitudes run 0°–360° (a region across 180°).
    shifted: bool,
}

/// A point of the grid: its row, column and position.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GridPoint {
    /// Row index.
    pub row: usize,
    /// Column index within the row.
    pub col: i64,
    /// Longitude in [-180, 180), degrees.
    pub lon_deg: f64,
    /// Latitude, degrees.
    pub lat_deg: f64,
    /// Whether it lies inside the region (a candidate) or only next to it.
    pub candidate: bool,
}

impl Grid {
    /// The grid over `region` with candidates `step_km` apart (`field` names the step in
    /// errors). Refuses a step that gives more than [`MAX_CANDIDATES`] candidates, saying which
    /// step would do, and one that leaves no candidate inside the region.
    pub fn new(region: &Region, step_km: f64, field: impl Into<Field>) -> Result<Grid> {
        let field: &Field = &field.into();
        if !step_km.is_finite() || !(0.01..=5_000.0).contains(&step_km) {
            return Err(Error::out_of_range(field, step_km, "0.01 to 5,000 km"));
        }
        let area = region.area_km2();
        let too_many = |count: f64| {
            let coarser = round_up_2_significant(step_km * (count / MAX_CANDIDATES as f64).sqrt());
            Error::invalid(
                field,
                &crate::format::format_km(step_km),
                format!(
                    "gives about {} candidates in {} ({} km²); at most {}: give --step-km {} or more, or a smaller region",
                    crate::format::group_digits(count.round() as u64),
                    region.name,
                    crate::format::group_digits(area.round() as u64),
                    crate::format::group_digits(MAX_CANDIDATES as u64),
                    crate::format::format_km(coarser)
                ),
            )
        };
        // The area over the cell size tells the count before any row is laid out.
        let estimate = area / (step_km * step_km);
        if estimate > 2.0 * MAX_CANDIDATES as f64 {
            return Err(too_many(estimate));
        }
        let shifted = region.across_antimeridian();
        let [west, south, _, north] = region.bounds(shifted);
        let step_m = step_km * 1000.0;
        let mut lats = Vec::new();
        let mut lat = destination(Point::new(0.0, south), 180.0, 0.5 * step_m).y();
        // One row south of the region, every row within it, one north of it.
        lat = if south <= -90.0 { -90.0 } else { lat.min(south) };
        loop {
            lats.push(lat);
            if lat > north || lat >= 90.0 {
                break;
            }
            let next = destination(Point::new(0.0, lat), 0.0, step_m).y();
            // Past the pole the meridian comes back south: stop there.
            lat = if next < lat { 90.0 } else { next };
        }
        let mut rows: Vec<Row> = lats
            .iter()
            .map(|&lat_deg| {
                let per_deg = meters_per_degree(lat_deg).0;
                let dlon_deg = if per_deg > 0.0 { (step_m / per_deg).min(360.0) } else { 360.0 };
                Row { lat_deg, west_deg: west, dlon_deg, first: 0, kind: Vec::new() }
            })
            .collect();
        let intervals: Vec<Vec<(f64, f64)>> = rows.iter().map(|r| region.row_intervals(r.lat_deg, shifted)).collect();
        let count: i64 = rows
            .iter()
            .zip(&intervals)
            .map(|(row, ints)| ints.iter().map(|&(a, b)| row.columns(a, b).end - row.columns(a, b).start).sum::<i64>())
            .sum();
        if count as f64 > MAX_CANDIDATES as f64 {
            return Err(too_many(count as f64));
        }
        if count == 0 {
            return Err(Error::invalid(
                field,
                &crate::format::format_km(step_km),
                format!("no grid point falls inside {}; give a smaller --step-km", region.name),
            ));
        }
        for r in 0..rows.len() {
            let row = &rows[r];
            let mut kinds: Vec<(i64, u8)> = Vec::new();
            for &(a, b) in &intervals[r] {
                kinds.extend(row.columns(a, b).map(|j| (j, 2)));
            }
            // Points next to the region, in this row or the rows either side, for the field.
            let reach = 1.5 * row.dlon_deg;
            for near in &intervals[r.saturating_sub(1)..(r + 2).min(rows.len())] {
                for &(a, b) in near {
                    kinds.extend(row.columns(a - reach, b + reach).map(|j| (j, 1)));
                }
            }
            let (Some(first), Some(last)) = (kinds.iter().map(|k| k.0).min(), kinds.iter().map(|k| k.0).max()) else {
                continue;
            };
            let mut kind = vec![0u8; (last - first + 1) as usize];
            for (j, k) in kinds {
                let slot = &mut kind[(j - first) as usize];
                *slot = (*slot).max(k);
            }
            rows[r].first = first;
            rows[r].kind = kind;
        }
        Ok(Grid { step_km, rows, shifted })
    }

    /// Every point of the grid, row by row: the candidates inside the region and the points
    /// next to it.
    pub fn points(&self) -> Vec<GridPoint> {
        let mut points = Vec::new();
        for (r, row) in self.rows.iter().enumerate() {
            for (k, &kind) in row.kind.iter().enumerate() {
                if kind == 0 {
                    continue;
                }
                let col = row.first + k as i64;
                points.push(GridPoint {
                    row: r,
                    col,
                    lon_deg: wrap_lon(row.lon(col)),
                    lat_deg: row.lat_deg,
                    candidate: kind == 2,
                });
            }
        }
        points
    }

    /// The candidates as sites (each named `grid`).
    pub fn candidates(&self) -> Result<Vec<Site>> {
        self.points().iter().filter(|p| p.candidate).map(|p| Site::new("grid", p.lat_deg, p.lon_deg)).collect()
    }

    /// A field over the grid: `values` for each of [`Grid::points`] in order.
    pub fn field(&self, values: &[f64]) -> GridValues {
        let mut rows = Vec::with_capacity(self.rows.len());
        let mut next = values.iter();
        for row in &self.rows {
            let row_values =
                row.kind.iter().map(|&k| if k == 0 { f64::NAN } else { *next.next().unwrap_or(&f64::NAN) }).collect();
            rows.push(FieldRow {
                lat_deg: row.lat_deg,
                west_deg: row.west_deg,
                dlon_deg: row.dlon_deg,
                first: row.first,
                values: row_values,
            });
        }
        GridValues { rows, shifted: self.shifted }
    }
}

fn round_up_2_significant(x: f64) -> f64 {
    if x.is_nan() || x <= 0.0 {
        return x;
    }
    let scale = 10f64.powf(x.log10().floor() - 1.0);
    (x / scale).ceil() * scale
}

#[derive(Debug, Clone)]
struct FieldRow {
    lat_deg: f64,
    west_deg: f64,
    dlon_deg: f64,
    first: i64,
    values: Vec<f64>,
}

impl FieldRow {
    /// The value along the row at `lon` (the region's own longitudes), linear between the two
    /// nearest columns; with one of them unknown the other; NaN if both are.
    fn at(&self, lon: f64) -> f64 {
        let pos = (lon - self.west_deg) / self.dlon_deg - 0.5;
        let j = pos.floor();
        let t = pos - j;
        let get = |j: f64| {
            let k = j as i64 - self.first;
            if k < 0 { f64::NAN } else { self.values.get(k as usize).copied().unwrap_or(f64::NAN) }
        };
        blend(get(j), get(j + 1.0), t)
    }
}

/// `a` and `b` mixed by `t`, or whichever is known.
fn blend(a: f64, b: f64, t: f64) -> f64 {
    match (a.is_nan(), b.is_nan()) {
        (false, false) => a + (b - a) * t,
        (false, true) => a,
        (true, false) => b,
        (true, true) => f64::NAN,
    }
}

/// Values over the grid, interpolated between its points: linearly along each row and between
/// the two rows around a latitude.
#[derive(Debug, Clone)]
pub struct GridValues {
    rows: Vec<FieldRow>,
    shifted: bool,
}

impl GridValues {
    /// The value at a lon/lat position, or None outside the grid.
    pub fn at(&self, lon_deg: f64, lat_deg: f64) -> Option<f64> {
        let lon = shift(wrap_lon(lon_deg), self.shifted);
        let above = self.rows.partition_point(|r| r.lat_deg <= lat_deg);
        if above == 0 || above == self.rows.len() {
            return None;
        }
        let (south, north) = (&self.rows[above - 1], &self.rows[above]);
        let t = (lat_deg - south.lat_deg) / (north.lat_deg - south.lat_deg);
        let v = blend(south.at(lon), north.at(lon), t);
        (!v.is_nan()).then_some(v)
    }
}
