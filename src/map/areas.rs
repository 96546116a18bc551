//! Launch areas on the map: every overlay's region around each area (its geodesic buffer,
//! tinted and outlined as around a site), and the area itself, shaded (its name: `area_names`).

use geo::{BoundingRect, LineString};

use super::MapSpec;
use super::footprints::without_cut_edges;
use super::ranges::{RingPath, Tint, band_fill, outline_style};
use crate::error::Result;
use crate::mapgeom::{DEFAULT_TOLERANCE_PX, project_lines, project_polygons};
use crate::range::{Reach, Zone};
use crate::scene::{Item, Layer, Style};
use crate::units::Tolerance;

/// What the areas add: band tints, outlines, labelled outlines, and the areas themselves.
pub(super) struct AreaDrawing {
    pub fills: Vec<Item>,
    pub outlines: Vec<Item>,
    pub ring_paths: Vec<RingPath>,
    pub shapes: Layer,
}

/// Every overlay around every area, and the areas.
pub(super) fn area_layers(spec: &MapSpec, pt: f64) -> Result<AreaDrawing> {
    let frame = &spec.frame;
    let theme = &spec.theme;
    let ground = Tolerance::clamped_m(0.5 * DEFAULT_TOLERANCE_PX / frame.scale());
    let mut drawing = AreaDrawing {
        fills: Vec::new(),
        outlines: Vec::new(),
        ring_paths: Vec::new(),
        shapes: Layer { id: "areas", items: Vec::new() },
    };
    for (k, area) in spec.areas.iter().enumerate() {
        let bounds = area.area.outline().bounding_rect();
        let centre = bounds.and_then(|b| frame.lonlat_to_page(b.center()));
        for (i, overlay) in spec.overlays.iter().enumerate().filter(|(_, o)| o.areas.contains(&k)) {
            let look = theme.range_style(i);
            // Each limit's buffer once: for the tints and for the outlines.
            let buffers = area.limit_buffers(&overlay.reach, ground)?;
            // As around a site: a band is tinted, a plain range only outlined, an estimate
            // tinted within its low figure and lighter up to its high one.
            for (zone, region) in crate::areas::zones_of(&overlay.reach, &buffers) {
                let tint = match (zone, overlay.reach) {
                    (Zone::Whole, Reach::Band { .. }) | (Zone::WithinLow, _) => Tint::Full,
                    (Zone::LowToHigh, _) => Tint::Light,
                    (Zone::Whole, _) => continue,
                };
                let shape = project_polygons(&region, frame, DEFAULT_TOLERANCE_PX, 2.0);
                drawing.fills.extend(band_fill(shape, theme, &look, pt, tint));
            }
            for (limit, buffer) in &buffers {
                let label = match overlay.reach {
                    Reach::Estimate { .. } => Some(Reach::Within(limit.radius).label()),
                    _ if !limit.inner => Some(overlay.reach.label()),
                    _ => None,
                };
                let rings: Vec<LineString> = buffer
                    .0
                    .iter()
                    .flat_map(|p| std::iter::once(p.exterior().clone()).chain(p.interiors().iter().cloned()))
                    .collect();
                let lines = project_lines(&without_cut_edges(&rings), frame, DEFAULT_TOLERANCE_PX, 2.0);
                if let Some(label) = label {
                    drawing.ring_paths.push((i, label, centre, lines.clone()));
                }
                drawing.outlines.push(Item::Lines { lines, style: outline_style(&look, limit.inner, pt) });
            }
        }
        // The area itself: shaded, outlined, named.
        let ink = Style {
            fill: Some(theme.ink),
            fill_opacity: 0.35,
            stroke: Some(theme.ink),
            stroke_width: 0.8 * pt,
            dash: Vec::new(),
        };
        match area.area.polygons() {
            Some(polygons) => drawing
                .shapes
                .items
                .push(Item::Area { shape: project_polygons(polygons, frame, DEFAULT_TOLERANCE_PX, 2.0), style: ink }),
            None => drawing.shapes.items.push(Item::Lines {
                lines: project_lines(&area.area.outline().0, frame, DEFAULT_TOLERANCE_PX, 2.0),
                style: Style::stroke(theme.ink, 1.6 * pt),
            }),
        }
    }
    Ok(drawing)
}
