//! Gridded population: the people within range counted from a raster of people per cell (GPW
//! v4, GHS-POP, WorldPop) rather than from the gazetteer's places.
//!
//! # The rule
//! A cell counts, whole, when its centre is within range: closer to the site (to a launch
//! area's nearest point, 0 inside it; see `area.rs`) than the radius by the Karney geodesic
//! distance on WGS84 (for a band, at least its inner radius and closer
//! than its outer one), the rule every place follows. The alternative, a share of each cell by
//! the part of its area within range, would assume people spread evenly across a cell, which
//! they are not (a 2.5′ cell, 4.6 km across at the equator, holds a town or fields); it would
//! add digits the data do not have. Counting by centres is what GIS zonal statistics do by
//! default (GDAL rasterizes by cell centre), and its error is bounded by the people in the
//! cells the range's edge crosses: those within about half a cell of it, a thin ring at ranges
//! of hundreds of kilometres.
//!
//! # How it is fast
//! For each row of cells (one latitude), the rigorous bound of [`crate::coverage`] — the WGS84
//! distance lies between `M_min·σ` and `N_max·σ` for σ the great-circle angle on the unit
//! sphere — gives two longitude half-widths around the site: within the smaller every cell
//! centre is surely within range, beyond the larger none is. The cells surely within are summed
//! at once (per-row sums over blocks of cells); each cell between (the ±0.5 % shell) is
//! settled by the first-order (Andoyer–Lambert) distance where it is more than 5·10⁻⁵ of the
//! radius from the edge, else by Karney's inverse. Every cell is classified exactly as Karney's
//! distance classifies its centre.
//!
//! ```no_run
//! use reachmap_core::population::PopulationGrid;
//! use reachmap_core::{Radius, Reach, Site};
//!
//! let grid = PopulationGrid::from_file(std::path::Path::new("gpw_v4_population_count_rev11_2020_2pt5_min.tif"), "--population-grid")?;
//! let kaliningrad = Site::new("Kaliningrad", 54.71, 20.51)?;
//! let people = grid.people_within(&kaliningrad, &Reach::Within(Radius::from_km(1_000.0, "range")?));
//! println!("{people:.0} {}", grid.rule());
//! # Ok::<(), reachmap_core::Error>(())
//! ```

use std::ops::RangeInclusive;

use geo::Point;

use crate::coverage::{GridPeople, LAMBERT_MARGIN, lambert_distance_m, reduced_unit};
use crate::error::{Error, Field, Result};
use crate::geodesy::{MIN_CURVATURE_RADIUS_M, max_curvature_radius_m};
use crate::range::Reach;
use crate::site::Site;

mod area;
mod geotiff;

/// Cells per block of the per-row sums: a row's run of cells is summed from the block sums and
/// at most two partial blocks.
const BLOCK: usize = 64;

/// Relative slack on the bound's angles, far above the rounding of the spherical trigonometry
/// and far below the bound's own ±0.5 % (it only sends a few more cells to the exact test).
const ANGLE_SLACK: f64 = 1e-9;

/// Slack (radians of longitude) on each half-width: above the error of `acos` near 0, where a
/// rounding of 10⁻¹⁵ in its argument moves it by up to 5·10⁻⁸.
const LON_SLACK_RAD: f64 = 1e-7;

/// A raster of people per cell in longitude/latitude, ready to count.
#[derive(Debug, Clone)]
pub struct PopulationGrid {
    /// The file as given, for the rule's sentence.
    name: String,
    width: usize,
    height: usize,
    west_deg: f64,
    dlon_deg: f64,
    dlat_deg: f64,
    /// Each row's centre latitude, degrees.
    row_lat_deg: Vec<f64>,
    /// Each row's centre on the auxiliary sphere: the sine and cosine of its reduced latitude.
    row_reduced: Vec<(f64, f64)>,
    /// Each column's centre longitude: its cosine and sine.
    col_lon: Vec<(f64, f64)>,
    values: Vec<f32>,
    /// Per row, the sums of its cells before each block boundary (`width / BLOCK + 1` each).
    block_sums: Vec<f64>,
    blocks_per_row: usize,
    /// Every cell's people.
    total: f64,
}

impl PopulationGrid {
    /// Reads a single-band GeoTIFF of people per cell in longitude/latitude (see the module
    /// docs for what is read); errors name `field` and the file.
    pub fn from_file(path: &std::path::Path, field: impl Into<Field>) -> Result<PopulationGrid> {
        let raster = geotiff::read(path, field)?;
        let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        PopulationGrid::from_cells(
            &name,
            raster.west_deg,
            raster.top_deg,
            raster.dlon_deg,
            raster.dlat_deg,
            raster.width,
            raster.values,
        )
    }

    /// A grid of `values` (people per cell, row by row, `width` a row) whose row 0 has its top
    /// edge at `top_deg` and column 0 its western edge at `west_deg`, cells `dlon_deg` wide and
    /// `dlat_deg` high (negative: rows run south); `name` is said in the rule.
    pub fn from_cells(
        name: &str,
        west_deg: f64,
        top_deg: f64,
        dlon_deg: f64,
        dlat_deg: f64,
        width: usize,
        values: Vec<f32>,
    ) -> Result<PopulationGrid> {
        if width == 0 || values.is_empty() || !values.len().is_multiple_of(width) {
            return Err(Error::invalid(name, &values.len().to_string(), "a grid needs whole rows of cells"));
        }
        if let Some((k, v)) = values.iter().enumerate().find(|(_, v)| !(v.is_finite() && **v >= 0.0)) {
            return Err(Error::invalid(name, &v.to_string(), format!("cell {k}: people per cell must be 0 or more")));
        }
        let height = values.len() / width;
        let row_lat_deg: Vec<f64> =
            (0..height).map(|r| (top_deg + (r as f64 + 0.5) * dlat_deg).clamp(-90.0, 90.0)).collect();
        // As `reduced_unit` places a point, once per row and per column instead of per cell.
        let row_reduced = row_lat_deg
            .iter()
            .map(|&lat| {
                let [x, _, z] = reduced_unit(lat, 0.0);
                (z, x)
            })
            .collect();
        let col_lon = (0..width)
            .map(|c| {
                let (sin, cos) = (west_deg + (c as f64 + 0.5) * dlon_deg).to_radians().sin_cos();
                (cos, sin)
            })
            .collect();
        let blocks_per_row = width / BLOCK + 1;
        let mut block_sums = Vec::with_capacity(height * blocks_per_row);
        let mut total = 0.0;
        for row in values.chunks_exact(width) {
            let mut sum = 0.0;
            block_sums.push(0.0);
            for block in row.chunks_exact(BLOCK) {
                sum += block.iter().map(|&v| v as f64).sum::<f64>();
                block_sums.push(sum);
            }
            total += sum + row[(blocks_per_row - 1) * BLOCK..].iter().map(|&v| v as f64).sum::<f64>();
        }
        Ok(PopulationGrid {
            name: name.to_string(),
            width,
            height,
            west_deg,
            dlon_deg,
            dlat_deg,
            row_lat_deg,
            row_reduced,
            col_lon,
            values,
            block_sums,
            blocks_per_row,
            total,
        })
    }

    /// Columns and rows.
    pub fn dimensions(&self) -> (usize, usize) {
        (self.width, self.height)
    }

    /// Every cell's people.
    pub fn total(&self) -> f64 {
        self.total
    }

    /// The cell size as printed: `2.5′`, `30″`, `0.25°`, or `2.5′ × 5′` for cells that are
    /// not square in degrees.
    pub fn cell_size(&self) -> String {
        let (w, h) = (angle(self.dlon_deg), angle(self.dlat_deg.abs()));
        if w == h { w } else { format!("{w} × {h}") }
    }

    /// What a total from this grid counts, said wherever it is printed: `people in cells of the
    /// 2.5′ grid gpw.tif whose centre is within range`.
    pub fn rule(&self) -> String {
        format!("people in cells of the {} grid {} whose centre is within range", self.cell_size(), self.name)
    }

    /// The people in cells whose centre is within `reach` of `site` (an estimate: its high
    /// figure), with the low figure's for an estimate.
    pub fn people_in(&self, site: &Site, reach: &Reach) -> GridPeople {
        GridPeople {
            people: self.people_within(site, reach),
            people_within_low: reach.low().map(|low| self.people_within_m(site, low.meters())),
        }
    }

    /// The people in cells whose centre is within `reach` of `site`: closer than its radius (an
    /// estimate: its high figure); for a band, at least its inner radius and closer than its
    /// outer one.
    pub fn people_within(&self, site: &Site, reach: &Reach) -> f64 {
        match *reach {
            Reach::Within(r) | Reach::Estimate { high: r, .. } => self.people_within_m(site, r.meters()),
            Reach::Band { min, max } => {
                (self.people_within_m(site, max.meters()) - self.people_within_m(site, min.meters())).max(0.0)
            }
        }
    }

    /// The people in cells whose centre is closer than `radius_m` to `site` (Karney's distance
    /// on WGS84).
    pub fn people_within_m(&self, site: &Site, radius_m: f64) -> f64 {
        let sigma_in = radius_m / max_curvature_radius_m() * (1.0 - ANGLE_SLACK);
        let sigma_out = radius_m / MIN_CURVATURE_RADIUS_M * (1.0 + ANGLE_SLACK);
        let (lat_s, lon_s) = (site.lat_deg(), site.lon_deg());
        let (sin_s, cos_s) = lat_s.to_radians().sin_cos();
        let site_reduced = reduced_unit(lat_s, lon_s);
        // The site's column, unwrapped: cell j's centre is at j.
        let period = 360.0 / self.dlon_deg;
        let u_site = ((lon_s - self.west_deg) / self.dlon_deg - 0.5).rem_euclid(period);
        let mut sum = 0.0;
        for (row, &lat) in self.row_lat_deg.iter().enumerate() {
            if (lat - lat_s).abs().to_radians() > sigma_out * (1.0 + ANGLE_SLACK) + LON_SLACK_RAD {
                continue;
            }
            let (sin_r, cos_r) = lat.to_radians().sin_cos();
            let inside = half_width(sigma_in, sin_s * sin_r, cos_s * cos_r, Side::Inside);
            let maybe = half_width(sigma_out, sin_s * sin_r, cos_s * cos_r, Side::Maybe);
            let Some(maybe) = maybe else { continue };
            let inside_runs = inside.map(|h| self.runs(u_site, period, h)).unwrap_or_default();
            for run in &inside_runs {
                sum += self.row_sum(row, run);
            }
            let in_run = |c: usize| inside_runs.iter().any(|r| r.contains(&c));
            let mut settle = |c: usize| {
                let v = self.values[row * self.width + c];
                if v > 0.0 && self.closer(site, &site_reduced, row, c, radius_m) {
                    sum += v as f64;
                }
            };
            let inner = inside.unwrap_or(-1.0);
            if 2.0 * maybe >= 360.0 || 2.0 * inner.max(0.0) >= 360.0 {
                // Every column may be within: settle each one not surely within.
                (0..self.width).filter(|&c| !in_run(c)).for_each(&mut settle);
                continue;
            }
            // The strips between the two half-widths, on each side of the site, for each turn
            // of longitude that meets the grid.
            let (a, b) = (inner / self.dlon_deg, maybe / self.dlon_deg);
            for turn in [-1.0, 0.0, 1.0] {
                let centre = u_site + turn * period;
                let first_in = if inner >= 0.0 { (centre - a).ceil() } else { centre.floor() + 1.0 };
                let last_in = if inner >= 0.0 { (centre + a).floor() } else { centre.floor() };
                for (from, to) in [((centre - b).ceil(), first_in - 1.0), (last_in + 1.0, (centre + b).floor())] {
                    let (from, to) = (from.max(0.0), to.min(self.width as f64 - 1.0));
                    if from <= to {
                        (from as usize..=to as usize).filter(|&c| !in_run(c)).for_each(&mut settle);
                    }
                }
            }
        }
        sum
    }

    /// The runs of columns whose centres lie within `half_deg` of longitude of the unwrapped
    /// column `u_site` (for each turn of longitude), merged.
    fn runs(&self, u_site: f64, period: f64, half_deg: f64) -> Vec<RangeInclusive<usize>> {
        if 2.0 * half_deg >= 360.0 {
            return vec![0..=self.width - 1];
        }
        let h = half_deg / self.dlon_deg;
        let mut runs: Vec<RangeInclusive<usize>> = Vec::new();
        for turn in [-1.0, 0.0, 1.0] {
            let centre = u_site + turn * period;
            let (from, to) = ((centre - h).ceil().max(0.0), (centre + h).floor().min(self.width as f64 - 1.0));
            if from <= to {
                runs.push(from as usize..=to as usize);
            }
        }
        runs.sort_by_key(|r| *r.start());
        let mut merged: Vec<RangeInclusive<usize>> = Vec::new();
        for run in runs {
            match merged.last_mut() {
                Some(last) if *run.start() <= last.end() + 1 => {
                    *last = *last.start()..=(*last.end()).max(*run.end());
                }
                _ => merged.push(run),
            }
        }
        merged
    }

    /// The people of the columns `run` of `row`.
    fn row_sum(&self, row: usize, run: &RangeInclusive<usize>) -> f64 {
        self.before(row, run.end() + 1) - self.before(row, *run.start())
    }

    /// The people of the columns before `col` in `row`.
    fn before(&self, row: usize, col: usize) -> f64 {
        let block = col / BLOCK;
        let cells = &self.values[row * self.width + block * BLOCK..row * self.width + col];
        self.block_sums[row * self.blocks_per_row + block] + cells.iter().map(|&v| v as f64).sum::<f64>()
    }

    /// Whether the centre of column `col` of row `row` is closer than `radius_m` to
    /// the site, exactly: by the first-order distance where it is clear of the edge, else by
    /// Karney's inverse.
    fn closer(&self, site: &Site, site_reduced: &[f64; 3], row: usize, col: usize, radius_m: f64) -> bool {
        let (lat_deg, lon) = (self.row_lat_deg[row], self.west_deg + (col as f64 + 0.5) * self.dlon_deg);
        let ((sin_b, cos_b), (cos_l, sin_l)) = (self.row_reduced[row], self.col_lon[col]);
        if let Some(d) = lambert_distance_m(site_reduced, &[cos_b * cos_l, cos_b * sin_l, sin_b]) {
            let margin = LAMBERT_MARGIN * radius_m;
            if d < radius_m - margin {
                return true;
            }
            if d >= radius_m + margin {
                return false;
            }
        }
        crate::geodesy::distance_m(site.point(), Point::new(lon, lat_deg)) < radius_m
    }
}

/// Counts each result's people from `grid`, from a site or a launch area, results in parallel.
pub fn count_into(grid: &PopulationGrid, results: &mut [crate::coverage::Coverage]) -> Result<()> {
    use rayon::prelude::*;
    results.par_iter_mut().try_for_each(|r| {
        r.grid = Some(match &r.origin {
            crate::origin::Origin::Site(site) => grid.people_in(site, &r.reach),
            crate::origin::Origin::Area(area) => grid.people_near(&area.area, &r.reach)?,
        });
        Ok(())
    })
}

/// Which half-width: the cells surely within, or the cells that may be.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Inside,
    Maybe,
}

/// The half-width in longitude (degrees; 180 or more: the whole row) within which a point of a
/// row lies less than the angle `sigma` from the site on the unit sphere, given the products of
/// the sines and of the cosines of their latitudes; None where no point of the row does. The
/// spherical law of cosines: cos σ = sin φ₁ sin φ₂ + cos φ₁ cos φ₂ cos Δλ. For [`Side::Inside`]
/// the half-width is shrunk, for [`Side::Maybe`] widened, by more than its rounding.
fn half_width(sigma: f64, sines: f64, cosines: f64, side: Side) -> Option<f64> {
    if sigma >= std::f64::consts::PI {
        return Some(360.0);
    }
    let x = (sigma.cos() - sines) / cosines;
    let x = match side {
        Side::Inside => x + 1e-12,
        Side::Maybe => x - 1e-12,
    };
    if x.is_nan() {
        // A pole: every longitude is the same point.
        return match side {
            Side::Inside => None,
            Side::Maybe => Some(360.0),
        };
    }
    if x >= 1.0 {
        return None;
    }
    if x <= -1.0 {
        return Some(360.0);
    }
    let half = x.acos();
    match side {
        Side::Inside => {
            let h = half - LON_SLACK_RAD;
            (h >= 0.0).then(|| h.to_degrees())
        }
        Side::Maybe => Some((half + LON_SLACK_RAD).to_degrees()),
    }
}

/// An angle as printed: whole or decimal seconds below a minute, minutes below a degree,
/// else degrees (`30″`, `2.5′`, `0.25°`).
fn angle(deg: f64) -> String {
    let trim = |v: f64| {
        let text = format!("{v:.4}");
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    let (seconds, minutes) = (deg * 3600.0, deg * 60.0);
    if seconds < 59.99 {
        format!("{}″", trim(seconds))
    } else if minutes < 59.99 && ((minutes * 10.0).round() - minutes * 10.0).abs() < 1e-6 {
        format!("{}′", trim(minutes))
    } else {
        format!("{}°", trim(deg))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_sizes_as_printed() {
        assert_eq!(angle(2.5 / 60.0), "2.5′");
        assert_eq!(angle(30.0 / 3600.0), "30″");
        assert_eq!(angle(0.25), "15′");
        assert_eq!(angle(1.0), "1°");
        assert_eq!(angle(1.0 / 120.0), "30″");
    }
}
