//! Ranges and bands on the page: each overlay's region around each of its sites, tinted (or
//! hatched) and outlined in its own colour and pattern; a band's inner limit dashed.

use geo::{BooleanOps, BoundingRect, Coord, LineString, MultiLineString, MultiPolygon};

use super::{MapSpec, RangeStyle, Theme};
use crate::mapgeom::{DEFAULT_TOLERANCE_PX, project_lines, project_polygons};
use crate::range::Reach;
use crate::scene::{Item, Layer, Style};
use crate::units::Tolerance;

/// An overlay's outer circle as drawn around one site: which overlay, the site on the page,
/// and the circle on the page (where its label may go).
pub(super) type RingPath = (usize, Option<Coord>, MultiLineString);

/// The band tints and the outlines, as two layers, and every outer circle drawn.
pub(super) fn range_layers(spec: &MapSpec, pt: f64) -> (Layer, Layer, Vec<RingPath>) {
    let frame = &spec.frame;
    let theme = &spec.theme;
    let tolerance = DEFAULT_TOLERANCE_PX;
    let lon_0 = frame.projection.lon_0();
    // Rings: ground tolerance so that half a pixel's error at the frame's nominal scale is
    // left for the page-space densification.
    let ground = Tolerance::clamped_m(0.5 * tolerance / frame.scale());
    let mut fills = Vec::new();
    let mut outlines = Vec::new();
    // Each drawn outer circle: which overlay, the site on the page, and the circle on the page.
    let mut ring_paths: Vec<RingPath> = Vec::new();
    for (i, overlay) in spec.overlays.iter().enumerate() {
        let look = theme.range_style(i);
        let band = matches!(overlay.reach, Reach::Band { .. });
        for site in overlay.sites.iter().filter_map(|&k| spec.sites.get(k)) {
            if band {
                let region = overlay.reach.region_centred(site, ground, lon_0);
                let shape = project_polygons(&region, frame, tolerance, 2.0);
                fills.extend(band_fill(shape, theme, &look, pt));
            }
            for (k, line) in overlay.reach.outlines(site, ground, lon_0).into_iter().enumerate() {
                let lines = project_lines(&[line], frame, tolerance, 2.0);
                // A band's inner limit is dashed; its outer limit and plain ranges are solid
                // (or, in the grayscale theme, in the range's own pattern).
                let inner = band && k > 0;
                let style = outline_style(&look, inner, pt);
                if !inner {
                    let centre = frame.lonlat_to_page(Coord { x: site.lon_deg(), y: site.lat_deg() });
                    ring_paths.push((i, centre, lines.clone()));
                }
                outlines.push(Item::Lines { lines, style });
            }
        }
    }
    (Layer { id: "bands", items: fills }, Layer { id: "rings", items: outlines }, ring_paths)
}

/// The outline style of a range's outer limit or a band's inner limit.
pub(super) fn outline_style(look: &RangeStyle, inner: bool, pt: f64) -> Style {
    let dash = if inner { &look.inner_dash_pt } else { &look.outer_dash_pt };
    let width = if inner && look.hatch_deg.is_some() { 0.8 } else { 1.1 };
    Style::stroke(look.color, width * pt).dashed(dash.iter().map(|d| d * pt).collect())
}

/// A band's interior: a tint, or in a monochrome theme hatching clipped to the band.
pub(super) fn band_fill(shape: MultiPolygon, theme: &Theme, look: &RangeStyle, pt: f64) -> Vec<Item> {
    let Some(angle) = look.hatch_deg else {
        return vec![Item::Area { shape, style: Style::fill(look.color, theme.band_opacity) }];
    };
    let lines = hatch(&shape, angle, 4.5 * pt);
    vec![Item::Lines { lines, style: Style::stroke(theme.coast, 0.35 * pt) }]
}

/// Parallel lines `spacing` apart at `angle_deg` from the horizontal, clipped to `shape`.
fn hatch(shape: &MultiPolygon, angle_deg: f64, spacing: f64) -> MultiLineString {
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
