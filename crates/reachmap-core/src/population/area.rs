//! Gridded population within range of a launch area: a cell counts, whole, when its centre is
//! closer than the radius to the area's nearest point (0 inside it), the rule a site's cells and
//! every place follow.
//!
//! The area's buffers at the radius less and more [`MARGIN_M`] (its lon/lat polygons, edges
//! within about [`TOLERANCE_M`] of the true boundary) settle most cells by a scan of each row:
//! a centre inside the inner buffer is surely within range, one outside the outer buffer surely
//! not. The centres between the two, a strip about 200 m wide along the boundary, are settled
//! by the area's own distance ([`LaunchArea::distance_m`], Karney's inverse), so every cell is
//! classified as that distance classifies its centre.

use std::ops::RangeInclusive;

use geo::{BoundingRect, Coord, LineString, MultiPolygon, Point};

use super::PopulationGrid;
use crate::buffer::LaunchArea;
use crate::coverage::GridPeople;
use crate::error::{Field, Result};
use crate::range::Reach;
use crate::units::{Radius, Tolerance};

/// How far inside and outside the range the two buffers lie, metres: ten times their
/// tolerance, so that a centre the scan settles is surely on its side.
const MARGIN_M: f64 = 100.0;

/// The buffers' tolerance.
const TOLERANCE: Tolerance = Tolerance::const_m(10.0);

impl PopulationGrid {
    /// The people in cells whose centre is within `reach` of the launch area (an estimate: its
    /// high figure), with the low figure's for an estimate.
    pub fn people_near(&self, area: &LaunchArea, reach: &Reach) -> Result<GridPeople> {
        let people = match *reach {
            Reach::Within(r) | Reach::Estimate { high: r, .. } => self.people_near_m(area, r.meters())?,
            Reach::Band { min, max } => {
                (self.people_near_m(area, max.meters())? - self.people_near_m(area, min.meters())?).max(0.0)
            }
        };
        let people_within_low = reach.low().map(|low| self.people_near_m(area, low.meters())).transpose()?;
        Ok(GridPeople { people, people_within_low })
    }

    /// The people in cells whose centre is closer than `radius_m` to the area (its nearest
    /// point; 0 inside it). Refused as the area's buffer is: within 1,000 km of the antipode of
    /// the area's centre.
    pub fn people_near_m(&self, area: &LaunchArea, radius_m: f64) -> Result<f64> {
        let outer = area.buffer(Radius::from_m(radius_m + MARGIN_M, Field::Radius)?, TOLERANCE)?;
        let inner = if radius_m > 2.0 * MARGIN_M {
            area.buffer(Radius::from_m(radius_m - MARGIN_M, Field::Radius)?, TOLERANCE)?
        } else {
            MultiPolygon::new(Vec::new())
        };
        let Some(bounds) = outer.bounding_rect() else { return Ok(0.0) };
        let (outer_rings, inner_rings) = (rings(&outer), rings(&inner));
        let mut sum = 0.0;
        for (row, &lat) in self.row_lat_deg.iter().enumerate() {
            if lat < bounds.min().y || lat > bounds.max().y {
                continue;
            }
            let surely = self.columns(&crossings(&inner_rings, lat));
            for run in &surely {
                sum += self.row_sum(row, run);
            }
            for run in self.columns(&crossings(&outer_rings, lat)) {
                for col in run.filter(|c| !surely.iter().any(|r| r.contains(c))) {
                    let people = self.values[row * self.width + col];
                    let lon = self.west_deg + (col as f64 + 0.5) * self.dlon_deg;
                    if people > 0.0 && area.distance_m(Point::new(wrap(lon), lat)) < radius_m {
                        sum += f64::from(people);
                    }
                }
            }
        }
        Ok(sum)
    }

    /// The runs of columns whose centres lie in the longitude intervals `[west, east]` (each
    /// interval taken in every turn of longitude that meets the grid).
    fn columns(&self, intervals: &[(f64, f64)]) -> Vec<RangeInclusive<usize>> {
        let mut runs = Vec::new();
        for &(west, east) in intervals {
            for turn in [-360.0, 0.0, 360.0] {
                let from = ((west + turn - self.west_deg) / self.dlon_deg - 0.5).ceil().max(0.0);
                let to = ((east + turn - self.west_deg) / self.dlon_deg - 0.5).floor().min(self.width as f64 - 1.0);
                if from <= to {
                    runs.push(from as usize..=to as usize);
                }
            }
        }
        runs
    }
}

/// Every ring of every polygon: exteriors and holes alike, for the even-odd scan.
fn rings(region: &MultiPolygon) -> Vec<&LineString> {
    region.0.iter().flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors())).collect()
}

/// The longitude intervals of a row at `lat` inside the rings (even-odd: the region's polygons
/// are disjoint, holes inside their exteriors): where the row crosses their edges, in order,
/// paired.
fn crossings(rings: &[&LineString], lat: f64) -> Vec<(f64, f64)> {
    let mut xs: Vec<f64> = Vec::new();
    for ring in rings {
        for edge in ring.lines() {
            let (Coord { x: x0, y: y0 }, Coord { x: x1, y: y1 }) = (edge.start, edge.end);
            // Half-open in latitude, so that a vertex on the row is counted once.
            if (y0 <= lat) != (y1 <= lat) {
                xs.push(x0 + (lat - y0) / (y1 - y0) * (x1 - x0));
            }
        }
    }
    xs.sort_by(f64::total_cmp);
    xs.chunks_exact(2).map(|pair| (pair[0], pair[1])).collect()
}

/// A longitude in [-180, 180).
fn wrap(lon: f64) -> f64 {
    (lon + 180.0).rem_euclid(360.0) - 180.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::polygon;

    #[test]
    fn a_row_is_inside_between_pairs_of_crossings() {
        let square = polygon![(x: 0.0, y: 0.0), (x: 10.0, y: 0.0), (x: 10.0, y: 10.0), (x: 0.0, y: 10.0)];
        let hole = LineString::from(vec![(4.0, 4.0), (6.0, 4.0), (6.0, 6.0), (4.0, 6.0), (4.0, 4.0)]);
        let with_hole = geo::Polygon::new(square.exterior().clone(), vec![hole]);
        let region = MultiPolygon::new(vec![with_hole]);
        assert_eq!(crossings(&rings(&region), 5.0), [(0.0, 4.0), (6.0, 10.0)]);
        assert_eq!(crossings(&rings(&region), 2.0), [(0.0, 10.0)]);
        assert!(crossings(&rings(&region), 11.0).is_empty());
        // On a vertex's latitude the row is counted once.
        assert_eq!(crossings(&rings(&region), 0.0), [(0.0, 10.0)]);
    }
}
