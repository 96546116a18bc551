//! The title block (upper left) and the scale bar (lower right, above the sources line).

use geo::{Coord, LineString, MultiLineString, MultiPolygon, Point, Rect};

use super::MapSpec;
use super::labels::overlaps;
use crate::format::format_km;
use crate::frame::Frame;
use crate::geodesy::distance_m;
use crate::scene::{Anchor, Item, Layer, Style};

/// The title and subtitle, set above the map across the page's `width`: their items (from the
/// page's top) and the height they take (0 without a title).
pub(super) fn title_block(spec: &MapSpec, pt: f64, width: f64) -> (Vec<Item>, f64) {
    let (margin, max_width) = (8.0 * pt, width - 16.0 * pt);
    let mut lines: Vec<(String, f64, bool)> = Vec::new();
    for (text, size, bold) in [(&spec.title, 12.0 * pt, true), (&spec.subtitle, 8.5 * pt, false)] {
        if let Some(text) = text.as_deref().filter(|t| !t.trim().is_empty()) {
            lines.extend(crate::text::wrap(text, size, bold, max_width).into_iter().map(|l| (l, size, bold)));
        }
    }
    if lines.is_empty() {
        return (Vec::new(), 0.0);
    }
    let mut items = Vec::new();
    let mut y = margin * 0.75;
    for (text, size, bold) in lines {
        y += size * 1.05;
        items.push(Item::Text {
            x: margin,
            y,
            text,
            size_px: size,
            bold,
            anchor: Anchor::Start,
            color: spec.theme.ink,
            halo: None,
        });
        y += size * 0.3;
    }
    (items, y + margin * 0.5)
}

/// Frames wider than this (metres of projected extent) get no scale bar: on a world map the
/// scale changes too much across the page for one bar to mean anything.
const NO_SCALE_BAR_ABOVE_M: f64 = 15_000_000.0;

/// A scale bar in the lower right whose ticks are placed by geodesic distance on the ground:
/// it is true along itself, wherever the projection's scale differs elsewhere.
pub(super) fn scale_bar(spec: &MapSpec, pt: f64, above_y: f64, taken: &mut Vec<Rect>) -> Layer {
    let mut items = Vec::new();
    let frame = &spec.frame;
    let theme = &spec.theme;
    let w = f64::from(frame.width_px);
    if frame.extent.width() > NO_SCALE_BAR_ABOVE_M {
        return Layer { id: "scale-bar", items };
    }
    let size = 6.5 * pt;
    let thickness = 3.0 * pt;
    // Room on the right for the last label's " km".
    let right = w - 26.0 * pt;
    // Try rows from just above the sources line upwards until the bar's box is free.
    for step in 0..8 {
        let y = above_y - 6.0 * pt - f64::from(step) * 10.0 * pt;
        let Some(bar) = BarGeometry::fit(frame, right, y, 0.2 * w) else { continue };
        let bounds = Rect::new(
            (bar.ticks[0] - 12.0 * pt, y - thickness - size * 1.6),
            (right + 2.0 * pt + crate::text::width_px(" km", size, false), y + 2.0 * pt),
        );
        if bounds.min().y < 0.0 || taken.iter().any(|t| overlaps(t, &bounds)) {
            continue;
        }
        taken.push(bounds);
        items.push(Item::Area {
            shape: MultiPolygon::new(vec![bounds.to_polygon()]),
            style: Style::fill(theme.halo, 0.75),
            tags: None,
        });
        for (k, pair) in bar.ticks.windows(2).enumerate() {
            let segment = Rect::new((pair[0], y - thickness), (pair[1], y)).to_polygon();
            let fill = if k % 2 == 0 { theme.ink } else { theme.halo };
            items.push(Item::Area {
                shape: MultiPolygon::new(vec![segment]),
                style: Style {
                    fill: Some(fill),
                    fill_opacity: 1.0,
                    stroke: Some(theme.ink),
                    stroke_width: 0.5 * pt,
                    dash: Vec::new(),
                },
                tags: None,
            });
        }
        let mut labels = vec![(0, "0".to_string()), (4, format!("{} km", format_km(bar.km)))];
        // The middle label only where it clears its neighbours.
        let half = format_km(bar.km / 2.0);
        let needed =
            (crate::text::width_px(&half, size, false) + crate::text::width_px(&format_km(bar.km), size, false)) / 2.0
                + 4.0 * pt;
        if bar.ticks[4] - bar.ticks[2] > needed {
            labels.insert(1, (2, half));
        }
        for (k, text) in labels {
            let x = bar.ticks[k];
            items.push(Item::Lines {
                lines: MultiLineString::new(vec![LineString::from(vec![
                    (x, y - thickness),
                    (x, y - thickness - 1.5 * pt),
                ])]),
                style: Style::stroke(theme.ink, 0.5 * pt),
                tags: None,
            });
            // The last label's number is centred on its tick and " km" runs on to the right.
            let (x, anchor) = if k == 4 {
                (x - crate::text::width_px(&format_km(bar.km), size, false) / 2.0, Anchor::Start)
            } else {
                (x, Anchor::Middle)
            };
            items.push(Item::Text {
                x,
                y: y - thickness - 2.5 * pt,
                text,
                size_px: size,
                bold: false,
                anchor,
                color: theme.ink,
                halo: None,
            });
        }
        break;
    }
    Layer { id: "scale-bar", items }
}

/// A bar ending at `right` on row `y`: its length in km, a round number, and the page x of its
/// five ticks (0, ¼, ½, ¾ and all of the length, measured on the ground from the left end).
struct BarGeometry {
    km: f64,
    ticks: [f64; 5],
}

impl BarGeometry {
    fn fit(frame: &Frame, right: f64, y: f64, about_px: f64) -> Option<BarGeometry> {
        let ground = |x: f64| frame.page_to_lonlat(Coord { x, y }).map(|c| Point::new(c.x, c.y));
        let end = ground(right)?;
        let from_end = |x: f64| ground(x).map(|p| distance_m(p, end) / 1000.0);
        let km = nice_below(from_end(right - about_px)?);
        // Page x at `d` km from the right end, by bisection (distance falls as x rises).
        let at = |d: f64| -> Option<f64> {
            let (mut lo, mut hi) = (right - 3.0 * about_px, right);
            if from_end(lo)? < d {
                return None;
            }
            for _ in 0..50 {
                let mid = 0.5 * (lo + hi);
                if from_end(mid)? > d { lo = mid } else { hi = mid }
            }
            Some(0.5 * (lo + hi))
        };
        let mut ticks = [0.0; 5];
        for (k, tick) in ticks.iter_mut().enumerate() {
            *tick = at(km * (1.0 - k as f64 / 4.0))?;
        }
        Some(BarGeometry { km, ticks })
    }
}

/// The largest of 1, 2 or 5 times a power of ten not above `km`.
fn nice_below(km: f64) -> f64 {
    let power = 10f64.powf(km.log10().floor());
    [5.0, 2.0, 1.0].into_iter().map(|m| m * power).find(|v| *v <= km).unwrap_or(power)
}
