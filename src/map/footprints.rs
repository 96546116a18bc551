//! Footprints on the map: the region from which the targets can be reached, hatched and
//! outlined in its own colour, after the ranges' and the time rings' colours.

use super::MapSpec;
use super::ranges::{hatch, outline_style};
use crate::error::Result;
use crate::footprint::footprint;
use crate::mapgeom::{DEFAULT_TOLERANCE_PX, project_lines, project_polygons};
use crate::scene::{Item, Layer, Style};
use crate::theme::RangeStyle;
use crate::units::Tolerance;

/// The footprints' hatching and outlines as one layer.
pub(super) fn footprint_layer(spec: &MapSpec, pt: f64) -> Result<Layer> {
    let frame = &spec.frame;
    let ground = Tolerance::clamped_m(0.5 * DEFAULT_TOLERANCE_PX / frame.scale());
    let mut items = Vec::new();
    for (k, print) in spec.footprints.iter().enumerate() {
        let look = look(spec, k);
        let region = footprint(&print.targets, print.radius, print.combine, ground)?;
        let shape = project_polygons(&region, frame, DEFAULT_TOLERANCE_PX, 2.0);
        items.extend(super::tags::tagged(hatching(shape, spec, &look, pt), &super::tags::footprint_tags(print, false)));
        let outline: Vec<geo::LineString> = region
            .0
            .iter()
            .flat_map(|p| std::iter::once(p.exterior().clone()).chain(p.interiors().iter().cloned()))
            .collect();
        let lines = project_lines(&crate::cut::without_cut_edges(&outline), frame, DEFAULT_TOLERANCE_PX, 2.0);
        let tags = Some(super::tags::footprint_tags(print, true));
        items.push(Item::Lines { lines, style: outline_style(&look, false, pt), tags });
    }
    Ok(Layer { id: "footprints", items })
}

/// The look of the `k`-th footprint: the palette's next colour after the ranges and the time
/// rings that have no range of their own; always hatched, so it reads apart from ranges'
/// tints. Footprints overlap (an estimate's low figure's lies within its high figure's): each
/// is hatched at an angle of its own, so that where they overlap both read, and the one
/// beneath is not hidden by the same lines in another colour.
pub(super) fn look(spec: &MapSpec, k: usize) -> RangeStyle {
    const ANGLES_DEG: [f64; 4] = [-45.0, 45.0, 0.0, 90.0];
    let own_colours = spec.isochrones.iter().filter(|i| i.colour_of.is_none()).count();
    let mut look = spec.theme.range_style(spec.overlays.len() + own_colours + k);
    look.hatch_deg = Some(look.hatch_deg.unwrap_or(ANGLES_DEG[k % ANGLES_DEG.len()]));
    look
}

/// A footprint's interior, hatched in its colour (in every theme, so that it never reads as a
/// range's tint).
pub(super) fn hatching(shape: geo::MultiPolygon, _spec: &MapSpec, look: &RangeStyle, pt: f64) -> Vec<Item> {
    let lines = hatch(&shape, look.hatch_deg.unwrap_or(-45.0), 4.0 * pt);
    vec![Item::Lines { lines, style: Style::stroke(look.color, 0.6 * pt), tags: None }]
}
