//! The comparison figure: one small map per candidate site — the same frame, scale and
//! colours, each showing only its own ranges — a common legend, a chart of the population
//! within range against range for every site, one of flight time against range for the
//! systems with flight profiles, and the sources strip.

use geo::{BoundingRect, Rect};

use super::chart::{draw_charts, flight_chart, flight_notes, population_chart};
use super::furniture::title_block;
use super::labels::Unlabelled;
use super::legend::legend_key;
use super::{MapSpec, compose_report, page, shifted};
use crate::coverage::PlaceIndex;
use crate::error::Result;
use crate::frame::FrameSpec;
use crate::overlay::Overlay;
use crate::scene::{Item, Layer, Scene};
use crate::units::Radius;

/// Everything the figure shows: `spec` is the scenario's map (its frame's width is the page's),
/// `frame` how to build each panel's frame, `index` the places counted in the chart.
pub fn compare_figure(spec: &MapSpec, frame: &FrameSpec, index: &PlaceIndex) -> Result<Scene> {
    Ok(compare_figure_report(spec, frame, index)?.0)
}

/// The figure, with every name a panel leaves out and why, as [`super::compose_report`] gives
/// them for one map: each reason ends with the panel it is on (`no room on its circle, on
/// Kadena's map`), since a name may be on one site's map and not on the next. `reachmap
/// compare` prints them.
pub fn compare_figure_report(
    spec: &MapSpec,
    frame: &FrameSpec,
    index: &PlaceIndex,
) -> Result<(Scene, Vec<Unlabelled>)> {
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
    let mut unlabelled = Vec::new();
    // The panels start a gap below the title, or below the page's top edge without one.
    let (_, title_h) = title_block(spec, pt, page_w);
    let mut y = (gap - title_h.round()).max(0.0);
    let mut row_h: f64 = 0.0;
    for (k, site) in spec.sites.iter().enumerate() {
        let panel_frame = frame.build(panel_w as u32, Some(site), largest_m)?;
        // Every overlay keeps its place (and so its colour); each panel draws only its site's.
        let overlays = spec
            .overlays
            .iter()
            .map(|o| Overlay {
                origins: o.origins.iter().filter(|x| x.site() == Some(site)).cloned().collect(),
                ..o.clone()
            })
            .collect();
        let panel = MapSpec {
            frame: panel_frame,
            dpi: spec.dpi,
            width_mm: None,
            theme: spec.theme,
            title: Some(site.name().to_string()),
            subtitle: None,
            sites: vec![site.clone()],
            overlays,
            places: spec.places.clone(),
            named_places: spec.named_places,
            targets: spec.targets.clone(),
            sources: Vec::new(),
            notes: Vec::new(),
            document_title: String::new(),
            description: String::new(),
            show_legend: false,
            isochrones: Vec::new(),
            footprints: Vec::new(),
            areas: Vec::new(),
            detail: spec.detail,
            sweep: None,
            earth: spec.earth,
        };
        let (scene, left_out) = compose_report(&panel)?;
        unlabelled.extend(
            left_out.into_iter().map(|u| Unlabelled { reason: format!("{}, on {}'s map", u.reason, site.name()), ..u }),
        );
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
    let (key_items, _, key_h) = legend_key(spec, pt, page_w - 2.0 * gap, &[], &[]);
    layers.push(Layer { id: "legend", items: shifted(key_items, gap, y) });
    y += key_h + gap;
    let chart_h = (page_w * 0.38).max(120.0 * pt);
    let max_km = (largest_m / 1000.0).max(1.0);
    let radius = Radius::from_km(max_km.min(crate::units::MAX_RADIUS_KM), "chart range")?;
    let curves: Vec<Vec<(f64, u64)>> = spec.sites.iter().map(|site| index.population_by_range(site, radius)).collect();
    let population = population_chart(spec, &curves, max_km, pt);
    let mut charts = vec![("chart", &population, Rect::new((gap, y), (page_w - gap, y + chart_h)))];
    y += chart_h + gap;
    // Flight times where the systems have flight profiles, their models in the sources strip.
    let flight = flight_chart(spec, pt);
    let mut models = Vec::new();
    if let Some(flight) = &flight {
        let flight_h = (page_w * 0.3).max(100.0 * pt);
        charts.push(("flight-chart", flight, Rect::new((gap, y), (page_w - gap, y + flight_h))));
        y += flight_h + gap;
        models = flight_notes(spec);
    }
    layers.extend(draw_charts(spec, &charts, pt)?);
    Ok((page::assemble(spec, pt, layers, y, &models), unlabelled))
}
