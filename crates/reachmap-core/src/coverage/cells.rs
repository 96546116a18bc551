//! Places grouped into cells about a degree across, each with its centre, its radius and its
//! totals, so that a tally settles a whole cell that lies surely within (or surely beyond) a
//! range with one chord, and looks at places one by one only in the cells near the range's
//! edge: a sweep's work follows the circle's perimeter instead of its area.
//!
//! The chord between unit vectors is a distance (the Euclidean one), so for every place `p` of
//! a cell with centre `c` and radius `ρ` (the largest chord from `c` to a member), the chord
//! from a site `s` lies within `|s − c| ± ρ`. A cell is settled when that whole interval is on
//! one side of the rigorous spherical bound ([`Bound`]) that would settle each of its places:
//! exactly the classification the places would get one by one.

use std::ops::Range;

use super::Bound;
use super::tally::Tally;
use crate::area::{Cap, Side};
use crate::geodesy::chord;
use crate::places::Place;

/// Cells per degree of latitude (and about as many per degree of longitude on the ground).
const PER_DEGREE: f64 = 1.0;

/// Slack on a cell's radius for rounding in the chords (far below a millimetre).
const RADIUS_SLACK: f64 = 1e-12;

/// One cell: its cap on the unit sphere, its latitude span, its members and their totals.
#[derive(Debug, Clone)]
pub(super) struct Cell {
    /// The cap around its members, its radius rounded up.
    cap: Cap,
    /// Lowest and highest latitude of its members, radians.
    lats: (f64, f64),
    /// Its members' positions in latitude order: a range of [`Cells::members`].
    members: Range<usize>,
    /// Their totals.
    pub totals: Tally,
}

impl Cell {
    /// Where the cell lies against `bound`, for a site `chord` (Euclidean, unit sphere) from
    /// its centre.
    pub fn side(&self, bound: &Bound, chord: f64) -> Side {
        bound.side_of(chord, self.cap.chord)
    }

    /// The largest chord (unit sphere) any member can be from a site `chord` from its centre.
    pub fn farthest_chord(&self, chord: f64) -> f64 {
        chord + self.cap.chord
    }
}

/// The cells of a place index, in latitude bands from south to north.
#[derive(Debug, Clone, Default)]
pub(super) struct Cells {
    cells: Vec<Cell>,
    /// Positions in latitude order, grouped by cell.
    members: Vec<u32>,
    /// Each cell's latitude band (whole degrees times [`PER_DEGREE`]), ascending.
    bands: Vec<i32>,
}

impl Cells {
    /// Cells over the places at `units` (unit vectors) and `lats` (radians), both in latitude
    /// order, `order[k]` being the place at position `k`.
    pub fn new(places: &[Place], order: &[u32], lats: &[f64], units: &[[f64; 3]]) -> Cells {
        let key = |k: usize| {
            let lat = lats[k].to_degrees();
            let band = (lat * PER_DEGREE).floor();
            // Narrower in longitude toward the poles, about square on the ground.
            let shrink = ((band + 0.5) / PER_DEGREE).to_radians().cos().max(0.05);
            let lon = places[order[k] as usize].lon;
            (band as i32, (lon * PER_DEGREE * shrink).floor() as i32)
        };
        let mut positions: Vec<u32> = (0..lats.len() as u32).collect();
        positions.sort_by_key(|&k| (key(k as usize), k));
        let mut cells = Vec::new();
        let mut bands = Vec::new();
        let mut start = 0;
        while start < positions.len() {
            let cell_key = key(positions[start] as usize);
            let end = start + positions[start..].partition_point(|&k| key(k as usize) == cell_key);
            let group = &positions[start..end];
            let mut totals = Tally::default();
            let mut lats_span = (f64::INFINITY, f64::NEG_INFINITY);
            for &k in group {
                totals.add(&places[order[k as usize] as usize]);
                lats_span = (lats_span.0.min(lats[k as usize]), lats_span.1.max(lats[k as usize]));
            }
            let cap = Cap::around(&group.iter().map(|&k| units[k as usize]).collect::<Vec<_>>());
            cells.push(Cell {
                cap: Cap { chord: cap.chord * (1.0 + RADIUS_SLACK) + RADIUS_SLACK, ..cap },
                lats: lats_span,
                members: start..end,
                totals,
            });
            bands.push(cell_key.0);
            start = end;
        }
        Cells { cells, members: positions, bands }
    }

    /// The cells with a member between latitudes `from` and `to` (radians), each with its
    /// chord to the unit vector `site`.
    pub fn near<'a>(&'a self, site: &'a [f64; 3], from: f64, to: f64) -> impl Iterator<Item = (&'a Cell, f64)> + 'a {
        // A band holds latitudes [band, band + 1) degrees (times PER_DEGREE).
        let first = self.bands.partition_point(|&b| f64::from(b + 1) / PER_DEGREE <= from.to_degrees());
        let last = self.bands.partition_point(|&b| f64::from(b) / PER_DEGREE <= to.to_degrees());
        self.cells[first..last.max(first)]
            .iter()
            .filter(move |c| c.lats.1 >= from && c.lats.0 <= to)
            .map(move |c| (c, chord(site, &c.cap.centre)))
    }

    /// A cell's members, as positions in latitude order.
    pub fn members(&self, cell: &Cell) -> &[u32] {
        &self.members[cell.members.clone()]
    }
}
