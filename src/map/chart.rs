//! The comparison figure's chart: population within range against range, one exact step
//! curve per site, with axes at round numbers; drawn with the scene's own primitives so that
//! it shares the fonts, themes and the SVG/PNG/PDF path.

use geo::{Coord, LineString, MultiLineString, Rect};

use super::MapSpec;
use crate::format::format_km;
use crate::scene::{Anchor, Item, Layer, Style};

/// Round steps for an axis covering `span`: 1, 2 or 5 times a power of ten, about 5 of them.
fn axis_step(span: f64) -> f64 {
    let raw = span / 5.0;
    let power = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0].into_iter().map(|m| m * power).find(|v| *v >= raw).unwrap_or(power)
}

/// Population within range (millions) against range (0 to `max_km`), one step curve per site
/// drawn from `steps` — for each site, each place's distance (km) and the population within
/// range once it is included ([`PlaceIndex::population_by_range`](crate::coverage::PlaceIndex::population_by_range)) — in `area`.
pub(super) fn population_chart(spec: &MapSpec, steps: &[Vec<(f64, u64)>], area: Rect, max_km: f64, pt: f64) -> Layer {
    let theme = &spec.theme;
    let size = 7.0 * pt;
    let curves: Vec<Vec<(f64, f64)>> = steps
        .iter()
        .map(|steps| {
            let mut total = 0.0;
            let mut points = vec![(0.0, 0.0)];
            for &(km, people) in steps {
                points.push((km, total));
                total = people as f64 / 1e6;
                points.push((km, total));
            }
            points.push((max_km, total));
            points
        })
        .collect();
    let top = curves.iter().flatten().map(|p| p.1).fold(0.0, f64::max).max(1.0);
    let y_step = axis_step(top);
    let y_max = (top / y_step).ceil() * y_step;
    let x_step = axis_step(max_km);

    // The plotting area inside the axes' labels.
    let left = area.min().x + crate::text::width_px(&format_km(y_max), size, false) + 10.0 * pt;
    let (right, top_y, bottom) =
        (area.max().x - 4.0 * pt, area.min().y + 14.0 * pt, area.max().y - 2.2 * size - 4.0 * pt);
    let to_page = |km: f64, millions: f64| Coord {
        x: left + (right - left) * km / max_km,
        y: bottom - (bottom - top_y) * millions / y_max,
    };
    let mut items = Vec::new();
    items.push(Item::Text {
        x: area.min().x,
        y: area.min().y + size,
        text: "Population within range (millions), by range from each site".into(),
        size_px: size * 1.1,
        bold: true,
        anchor: Anchor::Start,
        color: theme.ink,
        halo: None,
    });
    let mut grid = Vec::new();
    let mut v = 0.0;
    while v <= y_max + 1e-9 {
        let p = to_page(0.0, v);
        grid.push(LineString::from(vec![(left, p.y), (right, p.y)]));
        items.push(Item::Text {
            x: left - 4.0 * pt,
            y: p.y + size * 0.35,
            text: format_km(v),
            size_px: size,
            bold: false,
            anchor: Anchor::End,
            color: theme.graticule_text,
            halo: None,
        });
        v += y_step;
    }
    let mut km = 0.0;
    while km <= max_km + 1e-9 {
        let p = to_page(km, 0.0);
        grid.push(LineString::from(vec![(p.x, top_y), (p.x, bottom)]));
        items.push(Item::Text {
            x: p.x,
            y: bottom + size * 1.3,
            text: format_km(km),
            size_px: size,
            bold: false,
            anchor: Anchor::Middle,
            color: theme.graticule_text,
            halo: None,
        });
        km += x_step;
    }
    items.insert(0, Item::Lines { lines: MultiLineString::new(grid), style: Style::stroke(theme.graticule, 0.4 * pt) });
    items.push(Item::Text {
        x: right,
        y: bottom + size * 2.5,
        text: "range, km".into(),
        size_px: size,
        bold: false,
        anchor: Anchor::End,
        color: theme.graticule_text,
        halo: None,
    });
    // One line per site, named at its end, in the palette's colours after the ranges' (so a
    // site's line is never mistaken for a range) and, in grayscale, its own dash pattern.
    let mut label_boxes: Vec<Rect> = Vec::new();
    for (k, (site, curve)) in spec.sites.iter().zip(&curves).enumerate() {
        let look = theme.range_style(spec.overlays.len() + k);
        let line = LineString::new(curve.iter().map(|&(km, m)| to_page(km, m)).collect());
        let style = Style::stroke(look.color, 1.2 * pt).dashed(look.outer_dash_pt.iter().map(|d| d * pt).collect());
        items.push(Item::Lines { lines: MultiLineString::new(vec![line]), style });
        let end = to_page(max_km, curve.last().map_or(0.0, |p| p.1));
        let width = crate::text::width_px(site.name(), size, true);
        let mut y_label = end.y - 2.0 * pt;
        // Names of sites that end close together are stacked upwards.
        while label_boxes.iter().any(|b| b.min().y < y_label + 2.0 && b.max().y > y_label - size) {
            y_label -= size * 1.1;
        }
        label_boxes.push(Rect::new((right - width, y_label - size), (right, y_label)));
        items.push(Item::Text {
            x: right,
            y: y_label,
            text: site.name().to_string(),
            size_px: size,
            bold: true,
            anchor: Anchor::End,
            color: look.color,
            halo: Some((theme.halo, 2.0 * pt)),
        });
    }
    Layer { id: "chart", items }
}
