//! Lon/lat geometry into a frame's page: cut at the projection's seam, projected point by
//! point, densified so every edge — straight in lon/lat — is drawn within a pixel tolerance,
//! and clipped to the page. Nothing here computes geodesics.

use geo::{BooleanOps, BoundingRect, Coord, Intersects, LineString, MultiLineString, MultiPolygon, Polygon, Rect};

use crate::frame::Frame;
use crate::sampler::{Curve, SamplerOptions, sample};

/// How far, in pixels, drawn edges may stray from the projected lon/lat edge.
pub const DEFAULT_TOLERANCE_PX: f64 = 0.1;

/// Polygons in lon/lat into page pixels, clipped to the page (with `margin_px` to spare).
pub fn project_polygons(region: &MultiPolygon, frame: &Frame, tolerance_px: f64, margin_px: f64) -> MultiPolygon {
    let page = page_rect(frame, margin_px);
    let page_polygon = page.to_polygon();
    let mut out = Vec::new();
    // Pieces that touch the seam, kept apart to be merged again (below).
    let mut seam_pieces: Vec<Polygon> = Vec::new();
    let region = without_antipode(region, frame);
    let (west, east) = window(frame.projection.lon_0());
    for polygon in cut_polygons_at_seam(&region, frame.projection.lon_0(), frame.projection.latitudes()) {
        let on_seam = polygon.exterior().0.iter().any(|c| c.x == west || c.x == east);
        let out = if on_seam { &mut seam_pieces } else { &mut out };
        // Edges along a pole line or the seam can fold onto each other when projected (a pole
        // is a point in azimuthal frames); the clip's boolean operation removes such spikes.
        let folded = std::iter::once(polygon.exterior())
            .chain(polygon.interiors())
            .flat_map(|r| r.0.iter())
            .any(|c| c.y.abs() == 90.0 || c.x == west || c.x == east);
        let rings: Vec<LineString> = std::iter::once(polygon.exterior())
            .chain(polygon.interiors())
            .map(|ring| densify(ring, frame, tolerance_px))
            .collect();
        let Some((exterior, holes)) = rings.split_first() else {
            continue;
        };
        if exterior.0.len() < 4 {
            continue;
        }
        let projected = Polygon::new(exterior.clone(), holes.iter().filter(|h| h.0.len() >= 4).cloned().collect());
        let Some(bounds) = projected.bounding_rect() else {
            continue;
        };
        if contains_rect(&page, &bounds) && !folded {
            out.push(projected);
        } else if bounds.intersects(&page) {
            // Clamping to the page first keeps every winding number inside it (each point moves
            // straight onto the page's edge, never across its inside), and leaves the boolean
            // operation a few vertices along the edge instead of the whole far-off outline.
            let clamped = Polygon::new(
                clamp_ring(projected.exterior(), &page),
                projected.interiors().iter().map(|r| clamp_ring(r, &page)).collect(),
            );
            out.extend(clamped.intersection(&page_polygon).0);
        }
    }
    // Pieces cut at the seam meet again where the projection is continuous there (every
    // azimuthal frame): merge them, or a faint line would show along the seam.
    match seam_pieces.len() {
        0 => {}
        1 => out.append(&mut seam_pieces),
        _ => out.extend(MultiPolygon::new(seam_pieces).union(&MultiPolygon::new(Vec::new())).0),
    }
    MultiPolygon::new(out)
}

/// Lines in lon/lat into page pixels, clipped to the page (with `margin_px` to spare).
pub fn project_lines(lines: &[LineString], frame: &Frame, tolerance_px: f64, margin_px: f64) -> MultiLineString {
    let page = page_rect(frame, margin_px);
    let page_polygon = page.to_polygon();
    let mut out = Vec::new();
    let lines = split_where_undrawable(lines, frame);
    for line in cut_lines_at_seam(&lines, frame.projection.lon_0()) {
        let projected = densify(&line, frame, tolerance_px);
        if projected.0.len() < 2 {
            continue;
        }
        let Some(bounds) = projected.bounding_rect() else {
            continue;
        };
        if contains_rect(&page, &bounds) {
            out.push(projected);
        } else if bounds.intersects(&page) {
            out.extend(page_polygon.clip(&MultiLineString::new(vec![projected]), false).0);
        }
    }
    MultiLineString::new(out)
}

/// The region with the projection's small cap around its singular antipode cut out, where the
/// region contains the antipode. Projected, the cap's edge becomes the outer edge of the
/// region's image and the region's own outline its hole; the even-odd rule draws that correctly.
fn without_antipode<'a>(region: &'a MultiPolygon, frame: &Frame) -> std::borrow::Cow<'a, MultiPolygon> {
    use geo::Contains;
    let (Some(antipode), Some(cap)) = (frame.projection.singular_antipode(), frame.projection.antipode_cap()) else {
        return std::borrow::Cow::Borrowed(region);
    };
    let probe = geo::Point::from(antipode);
    let shifted_probe = geo::Point::new(antipode.x + 360.0, antipode.y);
    if !region.0.iter().any(|p| p.contains(&probe) || p.contains(&shifted_probe)) {
        return std::borrow::Cow::Borrowed(region);
    }
    std::borrow::Cow::Owned(region.difference(cap))
}

/// A ring with every point moved onto `rect` (clamped), and the runs of points that then lie
/// along one side of it reduced to their ends.
fn clamp_ring(ring: &LineString, rect: &Rect) -> LineString {
    let (min, max) = (rect.min(), rect.max());
    let mut out: Vec<Coord> = Vec::with_capacity(ring.0.len() / 4 + 8);
    let on_same_side = |a: &Coord, b: &Coord, c: &Coord| {
        (a.x == b.x && b.x == c.x && (a.x == min.x || a.x == max.x))
            || (a.y == b.y && b.y == c.y && (a.y == min.y || a.y == max.y))
    };
    for c in &ring.0 {
        let p = Coord { x: c.x.clamp(min.x, max.x), y: c.y.clamp(min.y, max.y) };
        if out.last() == Some(&p) {
            continue;
        }
        if out.len() >= 2 && on_same_side(&out[out.len() - 2], &out[out.len() - 1], &p) {
            out.pop();
        }
        out.push(p);
    }
    LineString::new(out)
}

/// Lines broken where the projection cannot draw them: within a few degrees of an azimuthal
/// frame's antipode (spread over a whole circle, an edge across it would cut straight through
/// the map), and beyond the latitudes it can place (a conic's far pole).
fn split_where_undrawable(lines: &[LineString], frame: &Frame) -> Vec<LineString> {
    let (south, north) = frame.projection.latitudes();
    let antipode = frame.projection.singular_antipode();
    // Spherical angle is plenty for "within a few degrees".
    let near_antipode = |c: &Coord| {
        antipode.is_some_and(|a| {
            let (lat0, lon0, lat, lon) = (a.y.to_radians(), a.x.to_radians(), c.y.to_radians(), c.x.to_radians());
            let cos = lat0.sin() * lat.sin() + lat0.cos() * lat.cos() * (lon - lon0).cos();
            cos > ANTIPODE_CLEARANCE_DEG.to_radians().cos()
        })
    };
    let mut out = Vec::new();
    for line in lines {
        let mut current: Vec<Coord> = Vec::new();
        for c in &line.0 {
            if c.y < south || c.y > north || near_antipode(c) {
                flush(&mut current, &mut out);
            } else {
                current.push(*c);
            }
        }
        flush(&mut current, &mut out);
    }
    out
}

/// How close to an azimuthal frame's antipode lines are drawn, degrees.
const ANTIPODE_CLEARANCE_DEG: f64 = 3.0;

fn page_rect(frame: &Frame, margin_px: f64) -> Rect {
    Rect::new((-margin_px, -margin_px), (f64::from(frame.width_px) + margin_px, f64::from(frame.height_px) + margin_px))
}

fn contains_rect(outer: &Rect, inner: &Rect) -> bool {
    outer.min().x <= inner.min().x
        && outer.min().y <= inner.min().y
        && outer.max().x >= inner.max().x
        && outer.max().y >= inner.max().y
}

/// The longitude window [λ₀ − 180, λ₀ + 180] of a projection with central meridian λ₀: geometry
/// is moved into it whole, or cut at its edges (the seam) first.
fn window(lon_0: f64) -> (f64, f64) {
    (lon_0 - 180.0, lon_0 + 180.0)
}

/// Polygons moved into the projection's longitude window, cut at the seam where they straddle
/// it. Input polygons lie within [-180, 180] (RFC 7946) or already within the window.
fn cut_polygons_at_seam(region: &MultiPolygon, lon_0: f64, latitudes: (f64, f64)) -> Vec<Polygon> {
    let (west, east) = window(lon_0);
    let (south, north) = latitudes;
    let mut out = Vec::new();
    for polygon in &region.0 {
        let Some(bounds) = polygon.bounding_rect() else {
            continue;
        };
        for shift in [-360.0, 0.0, 360.0] {
            let (lo, hi) = (bounds.min().x + shift, bounds.max().x + shift);
            if hi <= west || lo >= east {
                continue;
            }
            let moved = shifted(polygon, shift);
            let within = lo >= west && hi <= east && bounds.min().y >= south && bounds.max().y <= north;
            if within {
                out.push(moved);
            } else {
                // Cut at the seam, and short of a pole the projection cannot place.
                let strip = Rect::new((west, south), (east, north)).to_polygon();
                out.extend(moved.intersection(&strip).0);
            }
        }
    }
    out
}

fn shifted(polygon: &Polygon, dx: f64) -> Polygon {
    if dx == 0.0 {
        return polygon.clone();
    }
    let shift = |ring: &LineString| LineString::new(ring.0.iter().map(|c| Coord { x: c.x + dx, y: c.y }).collect());
    Polygon::new(shift(polygon.exterior()), polygon.interiors().iter().map(shift).collect())
}

/// Lines moved into the projection's longitude window, split where they cross the seam.
fn cut_lines_at_seam(lines: &[LineString], lon_0: f64) -> Vec<LineString> {
    let (west, _) = window(lon_0);
    let mut out = Vec::new();
    for line in lines {
        let mut current: Vec<Coord> = Vec::new();
        let mut current_window = f64::NAN;
        for pair in line.0.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let wa = ((a.x - west) / 360.0).floor();
            let wb = ((b.x - west) / 360.0).floor();
            if wa == wb {
                if wa != current_window {
                    flush(&mut current, &mut out);
                    current_window = wa;
                    current.push(Coord { x: a.x - 360.0 * wa, y: a.y });
                }
                current.push(Coord { x: b.x - 360.0 * wa, y: b.y });
            } else {
                // Crossing the seam: end at it on one side, start again on the other.
                let seam = west + 360.0 * wa.max(wb);
                let f = (seam - a.x) / (b.x - a.x);
                let y = a.y + (b.y - a.y) * f;
                if wa != current_window {
                    flush(&mut current, &mut out);
                    current.push(Coord { x: a.x - 360.0 * wa, y: a.y });
                }
                current.push(Coord { x: seam - 360.0 * wa, y });
                flush(&mut current, &mut out);
                current_window = wb;
                current.push(Coord { x: seam - 360.0 * wb, y });
                current.push(Coord { x: b.x - 360.0 * wb, y: b.y });
            }
        }
        flush(&mut current, &mut out);
    }
    out
}

fn flush(current: &mut Vec<Coord>, out: &mut Vec<LineString>) {
    if current.len() >= 2 {
        out.push(LineString::new(std::mem::take(current)));
    } else {
        current.clear();
    }
}

/// A lon/lat edge as the map draws it: the straight lon/lat segment, projected.
struct ProjectedEdge<'a> {
    frame: &'a Frame,
    from: Coord,
    to: Coord,
    tolerance_px: f64,
}

impl Curve for ProjectedEdge<'_> {
    type Point = Option<Coord>;

    fn point(&self, t: f64) -> Option<Coord> {
        // The ends exactly, so that rings stay closed to the last bit.
        if t == 0.0 {
            return self.frame.lonlat_to_page(self.from);
        }
        if t == 1.0 {
            return self.frame.lonlat_to_page(self.to);
        }
        let lonlat =
            Coord { x: self.from.x + (self.to.x - self.from.x) * t, y: self.from.y + (self.to.y - self.from.y) * t };
        self.frame.lonlat_to_page(lonlat)
    }

    fn edge_error(&self, a: &Option<Coord>, b: &Option<Coord>, probes: &[Option<Coord>]) -> f64 {
        let (Some(a), Some(b)) = (a, b) else {
            return 0.0;
        };
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        let length = (dx * dx + dy * dy).sqrt();
        probes
            .iter()
            .flatten()
            .map(|p| {
                let offset = if length > 0.0 {
                    ((p.x - a.x) * dy - (p.y - a.y) * dx).abs() / length
                } else {
                    ((p.x - a.x).powi(2) + (p.y - a.y).powi(2)).sqrt()
                };
                offset / self.tolerance_px
            })
            .fold(0.0, f64::max)
    }
}

/// Page edges shorter than this are drawn straight without a check: a projected lon/lat
/// segment this short strays from its chord by L²/(8ρ), under 0.1 px wherever the projection
/// bends it with a radius ρ above 45 px. On the frames drawn, ρ is of the order of the Earth's
/// radius on the page (thousands of pixels); it falls below 45 px only next to an azimuthal
/// frame's antipode, which is cut away before this.
const UNCHECKED_EDGE_PX: f64 = 6.0;

/// A lon/lat ring or line projected to page pixels, each edge densified until its drawing is
/// within `tolerance_px` of the projected lon/lat segment. Unprojectable points are dropped.
fn densify(line: &LineString, frame: &Frame, tolerance_px: f64) -> LineString {
    let options = SamplerOptions {
        survey_segments: 1,
        min_segments: 1,
        min_step: 1.0 / 4096.0,
        quarter_checks_above: f64::INFINITY,
        max_step: f64::INFINITY,
    };
    // Every vertex is projected once; only edges long on the page are sampled.
    let projected: Vec<Option<Coord>> = line.0.iter().map(|c| frame.vertex_to_page(*c)).collect();
    let mut out: Vec<Coord> = Vec::with_capacity(line.0.len());
    for (pair, ends) in line.0.windows(2).zip(projected.windows(2)) {
        if let [Some(a), Some(b)] = ends
            && (b.x - a.x).hypot(b.y - a.y) < UNCHECKED_EDGE_PX
        {
            if out.is_empty() {
                out.push(*a);
            }
            out.push(*b);
            continue;
        }
        let edge = ProjectedEdge { frame, from: pair[0], to: pair[1], tolerance_px };
        let samples = sample(&edge, 0.0, 1.0, options);
        let skip = usize::from(!out.is_empty());
        out.extend(samples.iter().skip(skip).filter_map(|s| s.point));
    }
    if line.0.len() == 1 {
        out.extend(frame.lonlat_to_page(line.0[0]));
    }
    LineString::new(out)
}
