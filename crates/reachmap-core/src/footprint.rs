//! From where targets can be reached: the region of launch points within a range of every
//! target (or of at least one), as RFC 7946 lon/lat polygons.
//!
//! Geodesic distance is symmetric, so the points from which a target lies within R are the disc
//! of radius R around the target, and a footprint is the intersection (all targets) or the union
//! (any target) of those discs. The discs are exact rings ([`Reach::region`]); where two of
//! them cross, the boolean operation's vertex lies where their sampled edges cross, within the
//! tolerance of the true crossing, and is then moved onto the crossing of the two geodesic
//! circles themselves (Newton's method on both distances, Karney's inverse), so every vertex of
//! a footprint lies at the range from a target, as a ring's vertices do.
//!
//! ```
//! use reachmap_core::footprint::{Combine, footprint};
//! use reachmap_core::{Radius, Site, Tolerance};
//! let moscow = Site::new("Moscow", 55.7558, 37.6173)?;
//! let st_petersburg = Site::new("Saint Petersburg", 59.9386, 30.3141)?;
//! let region = footprint(&[moscow, st_petersburg], Radius::from_km(2_776.0, "range")?, Combine::All, Tolerance::DEFAULT)?;
//! // Warsaw (1,150 and 1,030 km away) can reach both; Lisbon cannot.
//! use geo::{Contains, Point};
//! assert!(region.contains(&Point::new(21.01, 52.23)) && !region.contains(&Point::new(-9.14, 38.72)));
//! # Ok::<(), reachmap_core::Error>(())
//! ```

use geo::{BooleanOps, Coord, MultiPolygon, Point};

use crate::error::{Error, Field, Result};
use crate::format::format_km;
use crate::geodesy::distance_m;
use crate::range::Reach;
use crate::site::Site;
use crate::solve::{Crossing, crossing, onto, unwrap_after};
use crate::units::{Radius, Tolerance};

/// Whether a launch point must reach every target or one of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Combine {
    /// Every target within range.
    All,
    /// At least one target within range.
    Any,
}

/// A footprint asked for (a scenario's `[[footprints]]`): the launch points within `radius` of
/// every target (or of one), with the key's text; [`footprint`] makes its region.
#[derive(Debug, Clone, PartialEq)]
pub struct Footprint {
    /// The key's text, e.g. `within 2,776 km of Moscow and Saint Petersburg`.
    pub label: String,
    /// The targets.
    pub targets: Vec<Site>,
    /// The range.
    pub radius: Radius,
    /// Every target or any.
    pub combine: Combine,
}

/// The launch points within `radius` of every target (`All`) or of at least one (`Any`). Refuses
/// no targets (field `target`) and, for `All`, targets too far apart for any point to reach
/// them all (naming the farthest pair and their distance).
pub fn footprint(targets: &[Site], radius: Radius, combine: Combine, tolerance: Tolerance) -> Result<MultiPolygon> {
    if targets.is_empty() {
        return Err(Error::invalid(Field::Target, "", "give at least one target"));
    }
    let discs: Vec<MultiPolygon> = targets.iter().map(|t| Reach::Within(radius).region(t, tolerance)).collect();
    let mut region = discs[0].clone();
    for disc in &discs[1..] {
        region = match combine {
            Combine::All => region.intersection(disc),
            Combine::Any => region.union(disc),
        };
    }
    if region.0.is_empty() {
        return Err(too_far_apart(targets, radius));
    }
    snap_crossings(&mut region, targets, radius, tolerance);
    Ok(region)
}

/// The error for targets with no common footprint: the farthest pair, more than twice the range
/// apart (or, for three or more, no point common to all discs).
fn too_far_apart(targets: &[Site], radius: Radius) -> Error {
    let mut farthest = (0.0, 0, 0);
    for i in 0..targets.len() {
        for j in i + 1..targets.len() {
            let d = distance_m(targets[i].point(), targets[j].point());
            if d > farthest.0 {
                farthest = (d, i, j);
            }
        }
    }
    let (d, i, j) = farthest;
    let reason = if d >= 2.0 * radius.meters() {
        format!(
            "no point lies within {} km of all of them: {} and {} are {} km apart, more than twice the range",
            format_km(radius.km()),
            targets[i].name(),
            targets[j].name(),
            format_km((d / 1000.0).round())
        )
    } else {
        format!(
            "no point lies within {} km of all of them (the farthest two, {} and {}, are {} km apart); try --any or a longer range",
            format_km(radius.km()),
            targets[i].name(),
            targets[j].name(),
            format_km((d / 1000.0).round())
        )
    };
    let names: Vec<&str> = targets.iter().map(Site::name).collect();
    Error::invalid(Field::Target, &names.join(", "), reason)
}

/// Puts every vertex back where it belongs after the boolean operation, which rounds its
/// vertices to a fixed grid (2⁻²²°, 2.7 cm, on a whole-globe extent): a vertex of one ring
/// back onto its circle, a crossing of two sampled edges onto the crossing of the two circles,
/// and the cut lines' vertices back onto ±180° and ±90°.
fn snap_crossings(region: &mut MultiPolygon, targets: &[Site], radius: Radius, tolerance: Tolerance) {
    let r = radius.meters();
    // A crossing lies within a few tolerances of both circles; a ring's own vertex within the
    // grid's rounding of its circle.
    let near = 4.0 * tolerance.meters() + 0.01;
    let rounding = 0.05;
    // The grid's step is 2⁻²²° where the larger half-extent is 180° (i_overlay scales it to
    // under 2²⁹), so a vertex on the seam or a pole line comes back up to half that, 1.2e-7°, off it.
    let off_line = 2.5e-7;
    let snap = |c: &mut Coord| {
        // The seam and pole lines close polygons; their vertices are not on circles.
        let on_seam = (c.x.abs() - 180.0).abs() < off_line;
        let on_pole_line = (c.y.abs() - 90.0).abs() < off_line;
        if on_seam {
            c.x = 180f64.copysign(c.x);
        }
        if on_pole_line {
            c.y = 90f64.copysign(c.y);
        }
        if on_seam || on_pole_line {
            return;
        }
        let p = Point::from(*c);
        let mut close: Vec<(f64, usize)> = targets
            .iter()
            .enumerate()
            .map(|(k, t)| ((distance_m(t.point(), p) - r).abs(), k))
            .filter(|(gap, _)| *gap < near)
            .collect();
        close.sort_by(|a, b| a.0.total_cmp(&b.0));
        let moved = match close.as_slice() {
            [] => None,
            [(_, k)] => Some(onto_circle(p, targets[*k].point(), r)),
            [(first, k), (second, _), ..] if *first < rounding && *second >= rounding => {
                Some(onto_circle(p, targets[*k].point(), r))
            }
            [(_, a), (_, b), ..] => circle_crossing(p, targets[*a].point(), targets[*b].point(), r),
        };
        if let Some(q) = moved {
            *c = q.0;
        }
    };
    for polygon in &mut region.0 {
        polygon.exterior_mut(|ring| {
            ring.0.iter_mut().for_each(snap);
            crate::cut::restore_pole_line_vertices(ring);
        });
        polygon.interiors_mut(|rings| {
            for ring in rings {
                ring.0.iter_mut().for_each(snap);
                crate::cut::restore_pole_line_vertices(ring);
            }
        });
        // Rings stay closed: the first and last vertex were snapped alike.
    }
}

/// `p` moved along the geodesic from `centre` to exactly `r` from it, its longitude in the same
/// 360° window as the vertex it replaces.
fn onto_circle(p: Point, centre: Point, r: f64) -> Point {
    let q = onto(p, &centre, r);
    Point::new(unwrap_after(p.x(), q.x()), q.y())
}

/// The point near `start` at geodesic distance `r` from both `a` and `b` ([`crossing`]), in
/// `start`'s longitude window; None where the circles touch rather than cross, or Newton's
/// method does not come within a millimetre of both.
fn circle_crossing(start: Point, a: Point, b: Point, r: f64) -> Option<Point> {
    let p = match crossing(start, &a, &b, r) {
        Crossing::Found(p) => p,
        Crossing::Unconverged(p) if (distance_m(a, p) - r).abs() < 1e-3 && (distance_m(b, p) - r).abs() < 1e-3 => p,
        Crossing::Unconverged(_) | Crossing::Touching(_) => return None,
    };
    Some(Point::new(unwrap_after(start.x(), p.x()), p.y()))
}

/// The legend's text for a footprint: `within 2,776 km of Moscow and Saint Petersburg`, or of
/// `Moscow or Saint Petersburg` for [`Combine::Any`].
pub fn label(targets: &[String], radius: Radius, combine: Combine) -> String {
    let joined = match targets {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => {
            let word = if combine == Combine::All { "and" } else { "or" };
            format!("{} {word} {last}", init.join(", "))
        }
    };
    format!("within {} km of {joined}", format_km(radius.km()))
}
