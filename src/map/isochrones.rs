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

/// The time rings as a layer, each ring with its label for placing the labels, and for each set
/// of rings the key's note on the times none of whose rings crosses the map (`outside the map`,
/// `40 min outside the map`, `whole map within 60 min`), as the ranges' rows say it.
pub(super) fn isochrone_layer(spec: &MapSpec, pt: f64) -> (Layer, Vec<RingPath>, Vec<Option<String>>) {
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
    let (w, h) = (f64::from(frame.width_px), f64::from(frame.height_px));
    let map_centre = frame.page_to_lonlat(Coord { x: w / 2.0, y: h / 2.0 });
    let mut notes = Vec::new();
    for (k, set) in spec.isochrones.iter().enumerate() {
        // Per time: whether a ring of it crosses the map, and whether it holds the map's centre.
        let mut times: Vec<(f64, bool, bool)> = Vec::new();
        let index = colour_index(spec, k, set);
        let style = ring_style(&spec.theme.range_style(index), pt);
        for site in &set.sites {
            let centre = frame.lonlat_to_page(Coord { x: site.lon_deg(), y: site.lat_deg() });
            for (radius, label, minutes) in set.timed_rings() {
                let tags = super::tags::time_tags(site.name(), &set.system, minutes, radius.km());
                let label = if named { format!("{}: {label}", site.name()) } else { label };
                let holds_centre = map_centre.is_some_and(|c| {
                    crate::geodesy::distance_m(geo::Point::new(site.lon_deg(), site.lat_deg()), c.into())
                        <= radius.meters()
                });
                let time = match times.iter().position(|t| t.0 == minutes) {
                    Some(t) => t,
                    None => {
                        times.push((minutes, false, false));
                        times.len() - 1
                    }
                };
                times[time].2 |= holds_centre;
                for line in Reach::outline(site, radius, ground, lon_0) {
                    let lines = project_lines(&[line], frame, DEFAULT_TOLERANCE_PX, 2.0);
                    times[time].1 |= !lines.0.is_empty();
                    paths.push((index, label.clone(), centre, lines.clone()));
                    items.push(Item::Lines { lines, style: style.clone(), tags: Some(tags.clone()) });
                }
            }
        }
        notes.push(off_map_note(&times));
    }
    (Layer { id: "isochrones", items }, paths, notes)
}

/// The key's note on the times (minutes, a ring of it on the map, the map's centre within it)
/// that draw nothing on the map: those whose rings all lie beyond it, and the least that holds
/// the whole map; None where every time is drawn.
fn off_map_note(times: &[(f64, bool, bool)]) -> Option<String> {
    let minutes = |t: &(f64, bool, bool)| crate::format::format_km(t.0);
    let outside: Vec<String> = times.iter().filter(|t| !t.1 && !t.2).map(minutes).collect();
    let holding = times.iter().filter(|t| !t.1 && t.2).map(minutes).next();
    let mut parts = Vec::new();
    if outside.len() == times.len() {
        parts.push("outside the map".to_string());
    } else if !outside.is_empty() {
        parts.push(format!("{} min outside the map", outside.join(", ")));
    }
    if let Some(m) = holding {
        parts.push(format!("whole map within {m} min"));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
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
