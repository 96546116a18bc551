//! The page around a map or a figure: the title above it, the sources strip below it, and the
//! page's background, so that at any print size neither covers the map.

use geo::{MultiPolygon, Rect};

use super::MapSpec;
use super::furniture::title_block;
use super::legend::sources_strip;
use super::shifted;
use crate::scene::{Item, Layer, Scene, Style};

/// The scene of a page `spec.frame.width_px` wide whose body — `layers`, laid out from the
/// body's own top-left corner — is `body_h` pixels tall: the body moved below the title, the
/// sources strip under it (with `more_sources` after the scenario's notes), the background
/// beneath everything.
pub(super) fn assemble(spec: &MapSpec, pt: f64, mut layers: Vec<Layer>, body_h: f64, more_sources: &[String]) -> Scene {
    let w = f64::from(spec.frame.width_px);
    let (title_items, title_h) = title_block(spec, pt, w);
    let (source_items, sources_h) = sources_strip(spec, pt, w, more_sources);
    let top = title_h.round();
    let page_h = (top + body_h + sources_h).round();
    for layer in &mut layers {
        layer.items = shifted(std::mem::take(&mut layer.items), 0.0, top);
    }
    let page = MultiPolygon::new(vec![Rect::new((0.0, 0.0), (w, page_h)).to_polygon()]);
    layers.insert(
        0,
        Layer {
            id: "page",
            items: vec![Item::Area { shape: page, style: Style::fill(spec.theme.halo, 1.0), tags: None }],
        },
    );
    layers.push(Layer { id: "title", items: title_items });
    layers.push(Layer { id: "sources", items: shifted(source_items, 0.0, top + body_h) });
    Scene {
        width_px: spec.frame.width_px,
        height_px: page_h as u32,
        dpi: spec.dpi,
        width_mm: spec.width_mm,
        layers,
        title: spec.document_title.clone(),
        description: spec.description.clone(),
    }
}

/// How far below the page's top edge the map's body starts, in pixels: the title block's
/// height. A page point (x, y) is the frame's point (x, y − this).
pub fn body_top(spec: &MapSpec) -> f64 {
    title_block(spec, spec.dpi / 72.0, f64::from(spec.frame.width_px)).1.round()
}
