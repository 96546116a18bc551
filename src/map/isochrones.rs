//! Time rings: around each site, the circle a system reaches in each given time by its flight
//! profile, dotted in the system's colour and labelled with the time.

use geo::Coord;

use super::MapSpec;
use super::ranges::RingPath;
use crate::isochrones::Isochrones;
use crate::mapgeom::{DEFAULT_TOLERANCE_PX, project_lines};
use crate::range::Reach;
use crate::scene::{Item, Layer, Style};
use crate::theme::RangeStyle;
use crate::units::Tolerance;

/// The time rings as a layer, and each ring with its label for placing the labels.
pub(super) fn isochrone_layer(spec: &MapSpec, pt: f64) -> (Layer, Vec<RingPath>) {
    let frame = &spec.frame;
    let lon_0 = frame.projection.lon_0();
    let ground = Tolerance::clamped_m(0.5 * DEFAULT_TOLERANCE_PX / frame.scale());
    let mut items = Vec::new();
    let mut paths = Vec::new();
    // Around more than one site, each ring's label names its site ("Sanya: 10 min"), so that a
    // reader can tell whose time it is.
    let ringed: std::collections::BTreeSet<&str> =
        spec.isochrones.iter().flat_map(|set| set.sites.iter().map(|s| s.name())).collect();
    let named = ringed.len() > 1;
    for (k, set) in spec.isochrones.iter().enumerate() {
        let index = colour_index(spec, k, set);
        let style = ring_style(&spec.theme.range_style(index), pt);
        for site in &set.sites {
            let centre = frame.lonlat_to_page(Coord { x: site.lon_deg(), y: site.lat_deg() });
            for (radius, label, minutes) in set.timed_rings() {
                let tags = super::tags::time_tags(site.name(), &set.system, minutes, radius.km());
                let label = if named { format!("{}: {label}", site.name()) } else { label };
                for line in Reach::outline(site, radius, ground, lon_0) {
                    let lines = project_lines(&[line], frame, DEFAULT_TOLERANCE_PX, 2.0);
                    paths.push((index, label.clone(), centre, lines.clone()));
                    items.push(Item::Lines { lines, style: style.clone(), tags: Some(tags.clone()) });
                }
            }
        }
    }
    (Layer { id: "isochrones", items }, paths)
}

/// The colour a set of time rings takes: its system's range's where that is drawn, otherwise
/// the next one after the ranges'.
pub(super) fn colour_index(spec: &MapSpec, k: usize, set: &Isochrones) -> usize {
    set.colour_of.unwrap_or(spec.overlays.len() + k)
}

/// Time rings are thin and finely dotted, so that they never read as a range's limit.
pub(super) fn ring_style(look: &RangeStyle, pt: f64) -> Style {
    Style::stroke(look.color, 0.8 * pt).dashed(vec![0.8 * pt, 1.6 * pt])
}
