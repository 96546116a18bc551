//! The graticule: meridians and parallels at an interval that suits the frame, and their degree
//! labels just inside the frame's edge.

use geo::{Coord, LineString, MultiLineString, Rect};

use super::labels::overlaps;
use crate::frame::Frame;
use crate::scene::{Anchor, Item, Layer};
use crate::theme::Theme;

/// A meridian or parallel: its longitude or latitude, and the line.
pub(super) type GraticuleLine = (f64, LineString);

/// Meridians and parallels every `step_deg` (as (value, line) pairs), densely sampled in
/// lon/lat; meridians stop at ±80° so they do not crowd at the poles.
pub(super) fn graticule_lines(step_deg: f64) -> (Vec<GraticuleLine>, Vec<GraticuleLine>) {
    let n = (360.0 / step_deg).round() as i32;
    let meridians = (0..n)
        .map(|i| {
            let lon = -180.0 + f64::from(i) * step_deg;
            (lon, LineString::new((0..=160).map(|k| Coord { x: lon, y: -80.0 + f64::from(k) }).collect()))
        })
        .collect();
    let m = (80.0 / step_deg).floor() as i32;
    let parallels = (-m..=m)
        .map(|j| {
            let lat = f64::from(j) * step_deg;
            (lat, LineString::new((0..=360).map(|k| Coord { x: -180.0 + f64::from(k), y: lat }).collect()))
        })
        .collect();
    (meridians, parallels)
}

/// A graticule interval that gives a handful of lines across the frame.
pub(super) fn graticule_step(frame: &Frame) -> f64 {
    match frame.extent.width() {
        w if w > 20_000_000.0 => 30.0,
        w if w > 6_000_000.0 => 10.0,
        w if w > 2_000_000.0 => 5.0,
        _ => 2.0,
    }
}

/// A degree value as a label: `20°E`, `35°S`, `0°`, `180°`.
fn degree_label(value: f64, positive: char, negative: char) -> String {
    let v = crate::geodesy::wrap_lon(value);
    let v = if (value - 180.0).abs() < 1e-9 || (v + 180.0).abs() < 1e-9 { 180.0 } else { v };
    if v == 0.0 || v == 180.0 {
        format!("{}°", v.abs())
    } else {
        format!("{}°{}", v.abs(), if v > 0.0 { positive } else { negative })
    }
}

/// Degree labels where meridians (projected, with their longitude) meet the top and bottom of the frame and parallels its sides,
/// just inside the frame; a label that would overlap another label, the legend or the page
/// edge is dropped.
pub(super) fn graticule_labels(
    frame: &Frame,
    theme: &Theme,
    meridians: &[(f64, MultiLineString)],
    parallels: &[(f64, MultiLineString)],
    pt: f64,
    taken: &mut Vec<Rect>,
) -> Layer {
    let (w, h) = (f64::from(frame.width_px), f64::from(frame.height_px));
    let size = 6.5 * pt;
    let inset = 3.5 * pt;
    let (ascent, descent) = (size * 0.76, size * 0.24);
    let mut items = Vec::new();
    let mut place = |text: String, x: f64, y: f64, anchor: Anchor, taken: &mut Vec<Rect>| {
        let width = crate::text::width_px(&text, size, false);
        let left = match anchor {
            Anchor::Start => x,
            Anchor::Middle => x - width / 2.0,
            Anchor::End => x - width,
        };
        let bounds =
            Rect::new((left - 1.5 * pt, y - ascent - 1.0 * pt), (left + width + 1.5 * pt, y + descent + 1.0 * pt));
        let inside = bounds.min().x >= 0.0 && bounds.max().x <= w && bounds.min().y >= 0.0 && bounds.max().y <= h;
        if inside && !taken.iter().any(|t| overlaps(t, &bounds)) {
            taken.push(bounds);
            items.push(Item::Text {
                x,
                y,
                text,
                size_px: size,
                bold: false,
                anchor,
                color: theme.graticule_text,
                halo: Some((theme.halo, 2.0 * pt)),
            });
        }
    };
    let near = |a: f64, b: f64| (a - b).abs() < 0.5;
    for (lon, lines) in meridians {
        let text = degree_label(*lon, 'E', 'W');
        for piece in &lines.0 {
            for end in [piece.0[0], piece.0[piece.0.len() - 1]] {
                if near(end.y, h) {
                    place(text.clone(), end.x, h - inset - descent, Anchor::Middle, taken);
                } else if near(end.y, 0.0) {
                    place(text.clone(), end.x, inset + ascent, Anchor::Middle, taken);
                }
            }
        }
    }
    for (lat, lines) in parallels {
        let text = degree_label(*lat, 'N', 'S');
        for piece in &lines.0 {
            for end in [piece.0[0], piece.0[piece.0.len() - 1]] {
                let baseline = end.y + (ascent - descent) / 2.0;
                if near(end.x, 0.0) {
                    place(text.clone(), inset, baseline, Anchor::Start, taken);
                } else if near(end.x, w) {
                    place(text.clone(), w - inset, baseline, Anchor::End, taken);
                }
            }
        }
    }
    Layer { id: "graticule-labels", items }
}
