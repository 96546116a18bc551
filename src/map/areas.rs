//! Launch areas on the map: each area itself, shaded and outlined (its name is placed by
//! `area_names`). The ranges around it are drawn as around a site ([`super::ranges`]).

use super::MapSpec;
use crate::mapgeom::{DEFAULT_TOLERANCE_PX, project_lines, project_polygons};
use crate::scene::{Item, Layer, Style};

/// The areas, shaded and outlined.
pub(super) fn area_layer(spec: &MapSpec, pt: f64) -> Layer {
    let frame = &spec.frame;
    let theme = &spec.theme;
    let mut shapes = Layer { id: "areas", items: Vec::new() };
    for area in &spec.areas {
        match area.area.polygons() {
            Some(polygons) => shapes.items.push(Item::Area {
                shape: project_polygons(polygons, frame, DEFAULT_TOLERANCE_PX, 2.0),
                style: area_style(theme, pt),
                tags: Some(super::tags::area_tags(&area.name)),
            }),
            None => shapes.items.push(Item::Lines {
                lines: project_lines(&area.area.outline().0, frame, DEFAULT_TOLERANCE_PX, 2.0),
                style: line_area_style(theme, pt),
                tags: Some(super::tags::area_tags(&area.name)),
            }),
        }
    }
    shapes
}

/// How an area given as polygons is drawn (and its key swatch): shaded in ink, outlined.
pub(super) fn area_style(theme: &crate::theme::Theme, pt: f64) -> Style {
    Style {
        fill: Some(theme.ink),
        fill_opacity: 0.35,
        stroke: Some(theme.ink),
        stroke_width: 0.8 * pt,
        dash: Vec::new(),
    }
}

/// How an area along lines (roads) is drawn: a thick ink line.
pub(super) fn line_area_style(theme: &crate::theme::Theme, pt: f64) -> Style {
    Style::stroke(theme.ink, 1.6 * pt)
}
