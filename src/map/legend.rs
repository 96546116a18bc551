//! The key and the sources line, in the lower left: one swatch per overlay, drawn exactly as
//! the overlay is, and under it the sources of the range figures, the notes and the base
//! map's attribution, wrapped to the page's width.

use geo::{LineString, MultiLineString, MultiPolygon, Rect};

use super::{MapSpec, band_fill, outline_style};
use crate::range::Reach;
use crate::scene::{Anchor, Item, Layer, Style};

/// The attribution every map carries.
const BASE_CREDIT: &str = "Base map: Made with Natural Earth (public domain); boundaries are de facto.";

/// The sources line's text: range sources, notes, then the data credits.
pub(super) fn sources_text(spec: &MapSpec) -> String {
    let mut parts = Vec::new();
    if !spec.sources.is_empty() {
        parts.push(format!("Ranges: {}.", spec.sources.join("; ").trim_end_matches('.')));
    }
    parts.extend(spec.notes.iter().cloned());
    parts.push(BASE_CREDIT.to_string());
    if !spec.places.is_empty() {
        parts.push("Places: GeoNames (CC BY 4.0).".to_string());
    }
    parts.push(format!("Geodesic ranges on the WGS84 ellipsoid: reachmap {}.", env!("CARGO_PKG_VERSION")));
    parts.join(" ")
}

/// The key and the sources line as a layer; their boxes join `taken`. Returns the layer and
/// the top of the sources line (the scale bar sits above it).
pub(super) fn legend(spec: &MapSpec, pt: f64, taken: &mut Vec<Rect>) -> (Layer, f64) {
    let theme = &spec.theme;
    let (w, h) = (f64::from(spec.frame.width_px), f64::from(spec.frame.height_px));
    let size = 8.0 * pt;
    let line = 11.0 * pt;
    let left = 8.0 * pt;
    let mut items = Vec::new();

    let source_size = 6.0 * pt;
    let leading = source_size * 1.25;
    let source_lines = crate::text::wrap(&sources_text(spec), source_size, false, w - 2.0 * left);
    let last_baseline = h - 6.0 * pt;
    let first_baseline = last_baseline - (source_lines.len() as f64 - 1.0) * leading;
    let sources_top = first_baseline - source_size * 1.1;
    // A strip across the foot of the map, so the small type is read against a quiet ground.
    items.push(Item::Area {
        shape: MultiPolygon::new(vec![Rect::new((0.0, sources_top), (w, h)).to_polygon()]),
        style: Style::fill(theme.halo, 0.85),
    });
    for (k, text) in source_lines.iter().enumerate() {
        items.push(Item::Text {
            x: left,
            y: first_baseline + k as f64 * leading,
            text: text.clone(),
            size_px: source_size,
            bold: false,
            anchor: Anchor::Start,
            color: theme.ink,
            halo: None,
        });
    }
    taken.push(Rect::new((0.0, sources_top), (w, h)));
    if spec.overlays.is_empty() {
        return (Layer { id: "legend", items }, sources_top);
    }

    let swatch_w = 20.0 * pt;
    let width = spec.overlays.iter().map(|o| crate::text::width_px(&o.label, size, false)).fold(0.0, f64::max)
        + swatch_w
        + 9.0 * pt;
    let bottom = sources_top - 4.0 * pt;
    let top = bottom - line * spec.overlays.len() as f64 - 4.0 * pt;
    let panel = Rect::new((left - 4.0 * pt, top), (left + width, bottom));
    taken.push(panel);
    items.push(Item::Area {
        shape: MultiPolygon::new(vec![panel.to_polygon()]),
        style: Style {
            fill: Some(theme.halo),
            fill_opacity: 0.9,
            stroke: Some(theme.graticule_text),
            stroke_width: 0.4 * pt,
            dash: Vec::new(),
        },
    });
    for (i, overlay) in spec.overlays.iter().enumerate() {
        let look = theme.range_style(i);
        let baseline = top + 4.0 * pt + line * (i as f64 + 1.0) - 3.0 * pt;
        let mid = baseline - size * 0.35;
        let stroke = |style: Style, y0: f64| Item::Lines {
            lines: MultiLineString::new(vec![LineString::from(vec![(left, y0), (left + swatch_w, y0)])]),
            style,
        };
        match overlay.reach {
            Reach::Within(_) => items.push(stroke(outline_style(&look, false, pt), mid)),
            Reach::Band { .. } => {
                let swatch = Rect::new((left, mid - 3.0 * pt), (left + swatch_w, mid + 3.0 * pt)).to_polygon();
                items.extend(band_fill(MultiPolygon::new(vec![swatch]), theme, &look, pt));
                items.push(stroke(outline_style(&look, false, pt), mid - 3.0 * pt));
                items.push(stroke(outline_style(&look, true, pt), mid + 3.0 * pt));
            }
        }
        items.push(Item::Text {
            x: left + swatch_w + 5.0 * pt,
            y: baseline,
            text: overlay.label.clone(),
            size_px: size,
            bold: false,
            anchor: Anchor::Start,
            color: theme.ink,
            halo: None,
        });
    }
    (Layer { id: "legend", items }, sources_top)
}
