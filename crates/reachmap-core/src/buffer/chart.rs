//! The azimuthal equidistant chart in which a buffer's pieces are united, and the sampled
//! points at the radius that the union's vertices come from: shared by the pieces
//! ([`super::build`]) and the exact outline ([`super::outline`]).

use geo::{Coord, Point};

use super::distance::Feature;
use crate::geodesy::{destination, inverse};

/// An azimuthal equidistant chart: x = s·sin α, y = s·cos α for the geodesic distance s and
/// azimuth α from the centre (Karney's inverse), metres.
#[derive(Debug, Clone, Copy)]
pub(super) struct Chart {
    /// The chart's centre, where x = y = 0.
    pub centre: Point,
}

impl Chart {
    /// A point's chart coordinates.
    pub fn xy(&self, p: Point) -> Coord {
        let (s, azimuth) = inverse(self.centre, p);
        let (sin, cos) = azimuth.to_radians().sin_cos();
        Coord { x: s * sin, y: s * cos }
    }

    /// The point at chart coordinates `c` (Karney's direct).
    pub fn lon_lat(&self, c: Coord) -> Point {
        destination(self.centre, c.x.atan2(c.y).to_degrees(), c.x.hypot(c.y))
    }
}

/// A sampled vertex that lies at the radius from one feature: where the union's vertices may
/// come from.
#[derive(Debug, Clone, Copy)]
pub(super) struct Candidate {
    /// Its chart coordinates.
    pub xy: Coord,
    /// Its exact position.
    pub point: Point,
    /// The feature it is at the radius from.
    pub feature: Feature,
}
