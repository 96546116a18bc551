//! Ranges and bands on the page: each overlay's region around each of its sites and launch
//! areas, tinted (or hatched) and outlined in its own colour and pattern; a band's inner limit
//! dashed.

use geo::{BooleanOps, BoundingRect, Coord, LineString, MultiLineString, MultiPolygon};

use super::MapSpec;
use super::tags::{Part, range_tags, tagged};
use crate::error::Result;
use crate::mapgeom::{DEFAULT_TOLERANCE_PX, project_lines, project_polygons};
use crate::range::{Reach, Zone};
use crate::scene::{Item, Layer, Style};
use crate::theme::{LIGHT_TINT, RangeStyle, Theme};
use crate::units::Tolerance;

/// A labelled circle as drawn around one site: which overlay, the label, the site on the page,
/// and the circle on the page (where its label may go).
pub(super) type RingPath = (usize, String, Option<Coord>, MultiLineString);

/// The band tints and the outlines, as two layers, every labelled circle drawn, and for each
/// overlay whether any of its circles reaches the page. Around a site and around a launch area
/// alike: a band is tinted, a plain range only outlined, an estimate tinted within its low
/// figure and lighter between its figures; lower limits and low figures dashed.
pub(super) fn range_layers(spec: &MapSpec, pt: f64) -> Result<(Layer, Layer, Vec<RingPath>, Vec<bool>)> {
    let frame = &spec.frame;
    let theme = &spec.theme;
    let tolerance = DEFAULT_TOLERANCE_PX;
    let lon_0 = frame.projection.lon_0();
    // Rings: ground tolerance so that half a pixel's error at the frame's nominal scale is
    // left for the page-space densification.
    let ground = Tolerance::clamped_m(0.5 * tolerance / frame.scale());
    let mut fills = Vec::new();
    let mut outlines = Vec::new();
    // Each labelled circle: which overlay, its label, the origin on the page, the circle on the page.
    let mut ring_paths: Vec<RingPath> = Vec::new();
    let mut on_page = vec![false; spec.overlays.len()];
    for (i, overlay) in spec.overlays.iter().enumerate() {
        let look = theme.range_style(i);
        let rotating = crate::rotation::applies(overlay, spec.earth);
        for origin in &overlay.origins {
            // Over the rotating Earth, a ballistic system's regions around a site are traced by
            // the rotation model (falling back to the quoted circle where it refuses).
            let (zones, limits) = match (rotating, origin.site()) {
                (true, Some(site)) => rotating_drawing(&overlay.reach, site, ground, lon_0),
                _ => origin.drawing(&overlay.reach, ground, lon_0)?,
            };
            for (zone, region) in zones {
                let tint = match (zone, overlay.reach) {
                    (Zone::Whole, Reach::Band { .. }) | (Zone::WithinLow, _) => Tint::Full,
                    (Zone::LowToHigh, _) => Tint::Light,
                    (Zone::Whole, _) => continue,
                };
                let shape = project_polygons(&region, frame, tolerance, 2.0);
                let tags = range_tags(origin, overlay, Part::Fill(zone));
                fills.extend(tagged(band_fill(shape, theme, &look, pt, tint), &tags));
            }
            let centre = frame.lonlat_to_page(origin.anchor().into());
            for (limit, lines) in limits {
                // An estimate's circles are labelled with their own figures; a range or band
                // is labelled once, on its outer circle.
                let label = match overlay.reach {
                    Reach::Estimate { .. } => Some(Reach::Within(limit.radius).label()),
                    _ if !limit.inner => Some(overlay.reach.label()),
                    _ => None,
                };
                // Lower limits and low figures are dashed; outer limits solid (or, in the
                // grayscale theme, in the range's own pattern).
                let style = outline_style(&look, limit.inner, pt);
                if let (true, Some(site)) = (rotating, origin.site()) {
                    // The quoted range over a non-rotating Earth, dashed beside the region.
                    for line in Reach::outline(site, limit.radius, ground, lon_0) {
                        let lines = project_lines(&[line], frame, tolerance, 2.0);
                        let tags = Some(range_tags(origin, overlay, Part::NonRotating(limit)));
                        outlines.push(Item::Lines { lines, style: non_rotating_style(&look, pt), tags });
                    }
                }
                // A site's circle is drawn piece by piece as its seam splits it; an area's
                // buffer outline in one go.
                let pieces: Vec<Vec<LineString>> =
                    if origin.site().is_some() { lines.into_iter().map(|l| vec![l]).collect() } else { vec![lines] };
                for piece in pieces {
                    let lines = project_lines(&piece, frame, tolerance, 2.0);
                    on_page[i] |= !lines.0.is_empty();
                    if let Some(label) = &label {
                        ring_paths.push((i, label.clone(), centre, lines.clone()));
                    }
                    let tags = Some(range_tags(origin, overlay, Part::Outline(limit)));
                    outlines.push(Item::Lines { lines, style: style.clone(), tags });
                }
            }
        }
    }
    Ok((Layer { id: "bands", items: fills }, Layer { id: "rings", items: outlines }, ring_paths, on_page))
}

/// A ballistic reach around `site` over the rotating Earth, as [`crate::origin::Origin::drawing`]
/// gives a circle's: each zone's region and each limit's outline, traced by the rotation model
/// (the quoted circle where the model refuses the range).
#[allow(clippy::type_complexity)]
fn rotating_drawing(
    reach: &Reach,
    site: &crate::site::Site,
    ground: Tolerance,
    lon_0: f64,
) -> (Vec<(Zone, MultiPolygon)>, Vec<(crate::range::Limit, Vec<LineString>)>) {
    let zones = reach
        .zones()
        .into_iter()
        .map(|(zone, part)| {
            let region = crate::rotation::region(&part, site, ground, lon_0)
                .unwrap_or_else(|_| part.region_centred(site, ground, lon_0));
            (zone, region)
        })
        .collect();
    let limits = reach
        .limits()
        .into_iter()
        .map(|limit| {
            let lines = crate::rotation::outline(site, limit.radius, ground, lon_0)
                .unwrap_or_else(|_| Reach::outline(site, limit.radius, ground, lon_0));
            (limit, lines)
        })
        .collect();
    (zones, limits)
}

/// How strongly a region is tinted: fully (a band, or what lies within an estimate's low
/// figure), or lightly (what lies between an estimate's figures).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tint {
    /// The theme's band tint, or its hatching.
    Full,
    /// Under half the tint, or hatching at twice the spacing.
    Light,
}

/// The outline style of a range's outer limit or a band's inner limit.
pub(super) fn outline_style(look: &RangeStyle, inner: bool, pt: f64) -> Style {
    let dash = if inner { &look.inner_dash_pt } else { &look.outer_dash_pt };
    let width = if inner && look.hatch_deg.is_some() { 0.8 } else { 1.1 };
    Style::stroke(look.color, width * pt).dashed(dash.iter().map(|d| d * pt).collect())
}

/// The quoted range's circle drawn beside a range over the rotating Earth: thin, finely dashed.
pub(super) fn non_rotating_style(look: &RangeStyle, pt: f64) -> Style {
    Style::stroke(look.color, 0.5 * pt).dashed(vec![1.2 * pt, 1.4 * pt])
}

/// A band's interior: a tint, or in a monochrome theme hatching clipped to the band.
pub(super) fn band_fill(shape: MultiPolygon, theme: &Theme, look: &RangeStyle, pt: f64, tint: Tint) -> Vec<Item> {
    let (opacity, spacing) = match tint {
        Tint::Full => (theme.band_opacity, 4.5 * pt),
        Tint::Light => (theme.band_opacity * LIGHT_TINT, 9.0 * pt),
    };
    let Some(angle) = look.hatch_deg else {
        return vec![Item::Area { shape, style: Style::fill(look.color, opacity), tags: None }];
    };
    let lines = hatch(&shape, angle, spacing);
    vec![Item::Lines { lines, style: Style::stroke(theme.coast, 0.35 * pt), tags: None }]
}

/// Parallel lines `spacing` apart at `angle_deg` from the horizontal, clipped to `shape`.
pub(super) fn hatch(shape: &MultiPolygon, angle_deg: f64, spacing: f64) -> MultiLineString {
    let Some(bounds) = shape.bounding_rect() else { return MultiLineString::new(Vec::new()) };
    let (sin, cos) = angle_deg.to_radians().sin_cos();
    // Lines along (cos, -sin) on the page (y down, so positive angles rise to the right),
    // offset along the normal (sin, cos); anchored to the page origin so neighbouring pieces
    // of one band line up.
    let corners = [
        bounds.min(),
        bounds.max(),
        Coord { x: bounds.min().x, y: bounds.max().y },
        Coord { x: bounds.max().x, y: bounds.min().y },
    ];
    let along = |c: &Coord| c.x * cos - c.y * sin;
    let across = |c: &Coord| c.x * sin + c.y * cos;
    let (a0, a1) = corners.iter().map(along).fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| (l.min(v), h.max(v)));
    let (n0, n1) =
        corners.iter().map(across).fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| (l.min(v), h.max(v)));
    let mut lines = Vec::new();
    let mut k = (n0 / spacing).floor();
    while k * spacing <= n1 {
        let n = k * spacing;
        let point = |a: f64| Coord { x: a * cos + n * sin, y: -a * sin + n * cos };
        lines.push(LineString::new(vec![point(a0 - 1.0), point(a1 + 1.0)]));
        k += 1.0;
    }
    shape.clip(&MultiLineString::new(lines), false)
}
