//! The comparison figure: one small map per candidate site — the same frame, scale and
//! colours, each showing only its own ranges — a common legend, a chart of the population
//! within range against range for every site, and the sources strip.

use geo::{BoundingRect, Coord, LineString, MultiLineString, MultiPolygon, Rect};

use super::furniture::title_block;
use super::legend::{legend_key, sources_strip};
use super::{MapSpec, Overlay, compose, shifted};
use crate::error::Result;
use crate::export::geojson::format_km;
use crate::frame::FrameSpec;
use crate::range::Reach;
use crate::reach::PlaceIndex;
use crate::scene::{Anchor, Item, Layer, Scene, Style};
use crate::units::Radius;

/// Everything the figure shows: `spec` is the scenario's map (its frame's width is the page's),
/// `frame` how to build each panel's frame, `index` the places counted in the chart.
pub fn compare_figure(spec: &MapSpec, frame: &FrameSpec, index: &PlaceIndex) -> Result<Scene> {
    let pt = spec.dpi / 72.0;
    let page_w = f64::from(spec.frame.width_px);
    let n = spec.sites.len().max(1);
    let cols = match n {
        1 => 1,
        2 | 4 => 2,
        _ => 3,
    };
    let gap = 6.0 * pt;
    let panel_w = ((page_w - gap * (cols as f64 + 1.0)) / cols as f64).floor().max(50.0);
    let largest_m = spec.overlays.iter().map(|o| o.reach.outer().meters()).fold(0.0, f64::max);

    let mut layers: Vec<Layer> = Vec::new();
    let (title_items, title_h) = title_block(spec, pt, page_w);
    let mut y = title_h.max(gap);
    let mut row_h: f64 = 0.0;
    for (k, site) in spec.sites.iter().enumerate() {
        let panel_frame = frame.build(panel_w as u32, Some(site), largest_m, "compare frame")?;
        // Every overlay keeps its place (and so its colour); each panel draws only its site's.
        let overlays = spec
            .overlays
            .iter()
            .map(|o| Overlay {
                label: o.label.clone(),
                reach: o.reach,
                sites: if o.sites.contains(&k) { vec![0] } else { Vec::new() },
            })
            .collect();
        let panel = MapSpec {
            frame: panel_frame,
            dpi: spec.dpi,
            theme: spec.theme,
            title: Some(site.name().to_string()),
            subtitle: None,
            sites: vec![site.clone()],
            overlays,
            places: spec.places.clone(),
            sources: Vec::new(),
            notes: Vec::new(),
            document_title: String::new(),
            description: String::new(),
            show_legend: false,
        };
        let scene = compose(&panel)?;
        // The panel without its page background and sources strip, cut to what it draws.
        let kept: Vec<Layer> =
            scene.layers.into_iter().filter(|l| !["sources", "page", "legend"].contains(&l.id)).collect();
        let bottom = kept
            .iter()
            .filter(|l| l.id == "frame")
            .flat_map(|l| l.items.iter())
            .filter_map(|item| match item {
                Item::Lines { lines, .. } => lines.bounding_rect().map(|b| b.max().y),
                _ => None,
            })
            .fold(0.0, f64::max);
        let (col, row_start) = (k % cols, k % cols == 0);
        if row_start && k > 0 {
            y += row_h + gap;
            row_h = 0.0;
        }
        row_h = row_h.max(bottom);
        let x = gap + col as f64 * (panel_w + gap);
        for layer in kept {
            let id = layer.id;
            layers.push(Layer { id, items: shifted(layer.items, x, y) });
        }
    }
    y += row_h + gap;

    // The common legend, then the chart, then the sources.
    let (key_items, _, key_h) = legend_key(spec, pt, page_w - 2.0 * gap);
    layers.push(Layer { id: "legend", items: shifted(key_items, gap, y) });
    y += key_h + gap;
    let chart_h = (page_w * 0.38).max(120.0 * pt);
    let max_km = (largest_m / 1000.0).max(1.0);
    layers.push(population_chart(spec, index, Rect::new((gap, y), (page_w - gap, y + chart_h)), max_km, pt)?);
    y += chart_h + gap;
    let (source_items, sources_h) = sources_strip(spec, pt, page_w);
    layers.push(Layer { id: "sources", items: shifted(source_items, 0.0, y) });
    let page_h = (y + sources_h).round();
    let page = MultiPolygon::new(vec![Rect::new((0.0, 0.0), (page_w, page_h)).to_polygon()]);
    layers.insert(
        0,
        Layer { id: "page", items: vec![Item::Area { shape: page, style: Style::fill(spec.theme.halo, 1.0) }] },
    );
    layers.push(Layer { id: "title", items: title_items });
    Ok(Scene {
        width_px: spec.frame.width_px,
        height_px: page_h as u32,
        dpi: spec.dpi,
        layers,
        title: spec.document_title.clone(),
        description: spec.description.clone(),
    })
}

/// Round steps for an axis covering `span`: 1, 2 or 5 times a power of ten, about 5 of them.
fn axis_step(span: f64) -> f64 {
    let raw = span / 5.0;
    let power = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0].into_iter().map(|m| m * power).find(|v| *v >= raw).unwrap_or(power)
}

/// Population within range (millions) against range (0 to `max_km`) for every site, exact:
/// each site's places within `max_km`, by distance, summed as a step curve.
fn population_chart(spec: &MapSpec, index: &PlaceIndex, area: Rect, max_km: f64, pt: f64) -> Result<Layer> {
    let theme = &spec.theme;
    let size = 7.0 * pt;
    let reach = Reach::Within(Radius::from_km(max_km, "chart range")?);
    let curves: Vec<Vec<(f64, f64)>> = spec
        .sites
        .iter()
        .map(|site| {
            let mut total = 0.0;
            let mut points = vec![(0.0, 0.0)];
            for hit in index.hits(site, &reach) {
                let km = hit.distance_m / 1000.0;
                points.push((km, total));
                total += index.places()[hit.place].population as f64 / 1e6;
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
    Ok(Layer { id: "chart", items })
}
