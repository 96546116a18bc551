//! Composing a map: the base map, graticule, range rings and bands, sites, places, their labels,
//! a title, legend, scale bar and sources line, laid out as a [`Scene`] for a [`Frame`]. This
//! is the only place that turns geography into styled page items.

use geo::{Coord, LineString, MultiLineString, Rect};

use crate::basemap::Detail;
use crate::error::Result;
use crate::footprint::Footprint;
use crate::frame::Frame;
use crate::isochrones::Isochrones;
use crate::overlay::Overlay;
use crate::places::Place;
use crate::range::Reach;
use crate::scene::{Item, Layer, Scene, Style};
use crate::site::Site;
use crate::theme::{LIGHT, OKABE_ITO, Theme};

mod area_names;
mod areas;
mod base;
mod chart;
mod chart_labels;
mod compare;
mod footprints;
mod furniture;
mod graticule;
mod isochrones;
mod labels;
mod legend;
mod page;
mod ranges;
mod region_names;
mod ring_labels;
mod room;
mod scenario_spec;
mod sweep;
mod sweep_spec;
mod tags;
mod targets;

use base::base_layers;
pub use base::detail_for;
pub use compare::{compare_figure, compare_figure_report};
use furniture::scale_bar;
use graticule::graticule_labels;
pub use labels::{Priority, Unlabelled, place_priorities};
use labels::{overlaps, place_items, site_layers};
use legend::legend_key;
pub use page::body_top;
use ranges::range_layers;
pub use scenario_spec::{Overrides, comparison_map_spec, scenario_map_spec, scenario_sweep};
pub use sweep::{SweepMap, VIRIDIS, class_breaks};
pub use sweep_spec::{Look, sweep_map_spec};
pub use targets::Target;

/// Okabe–Ito colours, distinct for colour-blind readers, in the order ranges get them.
pub const PALETTE: [crate::scene::Color; 7] = OKABE_ITO;

/// What to draw.
#[derive(Debug)]
pub struct MapSpec {
    /// The frame: projection, extent, page size.
    pub frame: Frame,
    /// Dots per inch of the page (type and line sizes are given in points).
    pub dpi: f64,
    /// The printed width, millimetres, when the page was sized in them: the SVG states its size
    /// in millimetres then, in pixels otherwise.
    pub width_mm: Option<f64>,
    /// Colours and line styles.
    pub theme: Theme,
    /// A title printed on the map, if any.
    pub title: Option<String>,
    /// A line under the title.
    pub subtitle: Option<String>,
    /// The sites.
    pub sites: Vec<Site>,
    /// Ranges and bands, in legend order.
    pub overlays: Vec<Overlay>,
    /// Places to mark and label where there is room, highest priority first.
    pub places: Vec<Place>,
    /// How many of `places`, from the first, the user named: they are labelled before any
    /// capital (see [`place_priorities`]).
    pub named_places: usize,
    /// Targets: drawn with a marker of their own and always labelled.
    pub targets: Vec<Target>,
    /// Sources of the range figures, printed in the sources line.
    pub sources: Vec<String>,
    /// Further notes printed with the sources.
    pub notes: Vec<String>,
    /// The document's title in its metadata.
    pub document_title: String,
    /// A description for the metadata (the program and version, the scenario file).
    pub description: String,
    /// Draw the legend (a figure of several maps draws one for all instead).
    pub show_legend: bool,
    /// Time rings: how far a system flies in given times, around some of the sites.
    pub isochrones: Vec<Isochrones>,
    /// Footprints: from where targets can be reached.
    pub footprints: Vec<Footprint>,
    /// Launch areas, shaded and named (the overlays drawn around them name them among their
    /// origins).
    pub areas: Vec<std::sync::Arc<crate::areas::NamedArea>>,
    /// The base map's detail; `None` chooses it from the frame's width ([`detail_for`]).
    pub detail: Option<Detail>,
    /// A sweep's values over its region, with a colour bar in the key.
    pub sweep: Option<SweepMap>,
    /// The Earth ballistic systems' ranges are laid out over (see [`crate::rotation`]).
    pub earth: crate::rotation::Earth,
}

impl MapSpec {
    /// Its sites, then its launch areas, as origins of ranges.
    pub fn origins(&self) -> Vec<crate::origin::Origin> {
        crate::origin::origins(&self.sites, &self.areas)
    }

    /// A plain map: every reach around every site, legend entries from the ranges, the light
    /// theme, no title or places.
    pub fn plain(frame: Frame, dpi: f64, sites: Vec<Site>, reaches: Vec<Reach>) -> MapSpec {
        let overlays = Overlay::around_all(&reaches, &crate::origin::origins(&sites, &[]));
        let names: Vec<&str> = sites.iter().map(Site::name).collect();
        MapSpec {
            frame,
            dpi,
            width_mm: None,
            theme: LIGHT,
            title: None,
            subtitle: None,
            document_title: format!("Range rings: {}", names.join(", ")),
            sites,
            overlays,
            places: Vec::new(),
            named_places: 0,
            targets: Vec::new(),
            sources: Vec::new(),
            notes: Vec::new(),
            description: format!("Made with reachmap {}", env!("CARGO_PKG_VERSION")),
            show_legend: true,
            isochrones: Vec::new(),
            footprints: Vec::new(),
            areas: Vec::new(),
            detail: None,
            sweep: None,
            earth: crate::rotation::Earth::NonRotating,
        }
    }
}

/// Lays the map out as a scene.
pub fn compose(spec: &MapSpec) -> Result<Scene> {
    Ok(compose_report(spec)?.0)
}

/// Lays the map out as a scene, with every name the figure leaves out and why (a target off the
/// map, a place with no room for its label): `reachmap render` prints them, so that a user learns
/// what the figure does not show.
///
/// Labels claim room in one order of priority: the key and scale bar, the markers of sites and
/// targets, the sites' names, the targets' names (never dropped: a leader line or a numbered
/// callout where there is no room beside the marker), the places the user named, capitals within
/// the smallest range drawn and then within the innermost band drawn (nearest first) with the
/// range labels (one per range, anywhere on its circle, around those capitals; a capital yields
/// only to a range label that has no other spot on its circle), the launch areas' names,
/// graticule labels, the seats of dependencies (when asked for), other capitals, other places,
/// and last the names of countries and seas.
pub fn compose_report(spec: &MapSpec) -> Result<(Scene, Vec<Unlabelled>)> {
    let frame = &spec.frame;
    let theme = &spec.theme;
    let pt = spec.dpi / 72.0;
    let (w, h) = (f64::from(frame.width_px), f64::from(frame.height_px));
    let (mut layers, meridians, parallels) = base_layers(frame, theme, pt, detail_for(frame, spec.detail))?;
    let land = {
        let shapes: Vec<&geo::MultiPolygon> = layers
            .iter()
            .filter(|l| l.id == "land")
            .flat_map(|l| l.items.iter())
            .filter_map(|item| if let Item::Area { shape, .. } = item { Some(shape) } else { None })
            .collect();
        area_names::Land::of(&shapes)
    };
    if let Some(sweep) = &spec.sweep {
        // The field over the land, under lakes and borders; the region's outline over them.
        let (field, outline) = sweep::sweep_layers(spec, sweep, pt);
        let land = layers.iter().position(|l| l.id == "land").map_or(layers.len(), |k| k + 1);
        layers.insert(land, field);
        layers.push(outline);
    }
    let (bands, rings, mut ring_paths, on_page) = range_layers(spec, pt)?;
    layers.push(bands);
    layers.push(rings);
    if !spec.areas.is_empty() {
        layers.push(areas::area_layer(spec, pt));
    }
    let mut time_notes = Vec::new();
    if !spec.isochrones.is_empty() {
        let (isochrones, paths, notes) = isochrones::isochrone_layer(spec, pt);
        layers.push(isochrones);
        ring_paths.extend(paths);
        time_notes = notes;
    }
    if !spec.footprints.is_empty() {
        layers.push(footprints::footprint_layer(spec, pt)?);
    }

    let mut taken: Vec<Rect> = Vec::new();
    // The key goes inside the map, lower left, where it is small enough; below it otherwise.
    let (mut key_items, mut key_w, mut key_h) = if spec.show_legend {
        legend_key(spec, pt, w - 16.0 * pt, &off_page_notes(spec, &on_page), &time_notes)
    } else {
        (Vec::new(), 0.0, 0.0)
    };
    if let Some(sweep) = &spec.sweep {
        // The colour bar under the ranges' key, if there is one.
        let (items, bar_w, bar_h) = sweep::sweep_key(spec, sweep, pt, w - 16.0 * pt);
        let gap = if key_items.is_empty() { 0.0 } else { 4.0 * pt };
        key_items.extend(shifted(items, 0.0, key_h + gap));
        key_w = key_w.max(bar_w);
        key_h += gap + bar_h;
    }
    // The key and the scale bar are drawn over the map: they stand clear of the sites' stars
    // (a sweep's best sites among them) and the targets' markers, which nothing may hide.
    let markers_to_keep = site_and_target_boxes(spec, pt);
    let key_spot = Rect::new((8.0 * pt, h - 8.0 * pt - key_h), (8.0 * pt + key_w, h - 8.0 * pt));
    let key_inside =
        key_w <= 0.5 * w && key_h <= 0.35 * h && !markers_to_keep.iter().any(|m| labels::overlaps(m, &key_spot));
    let mut key_layer = Layer { id: "legend", items: Vec::new() };
    let mut key_box = None;
    if key_inside && !key_items.is_empty() {
        taken.push(key_spot);
        key_box = Some(key_spot);
        key_layer.items = shifted(key_items.clone(), key_spot.min().x, key_spot.min().y);
    }
    let scale = {
        let mut avoid = [taken.as_slice(), &markers_to_keep].concat();
        let layer = scale_bar(spec, pt, h, &mut avoid);
        taken.extend(avoid.into_iter().skip(taken.len() + markers_to_keep.len()));
        layer
    };

    // Markers, then names in order of priority; the markers of the places that come first
    // among places are kept clear of every name placed after the sites' and targets' (and of
    // the sites' names too, wherever a site's name has other room).
    let priorities = place_priorities(spec);
    let ranked = |wanted: &[Priority]| labels::label_order(spec, &priorities, wanted);
    let first = ranked(&[Priority::Named, Priority::CapitalInRange, Priority::CapitalInBand]);
    let first_markers = labels::marker_boxes(spec, &first, pt);
    let near = ranked(&[Priority::CapitalInRange, Priority::CapitalInBand]);
    let near_room = room::Room::of(spec, &near, pt);
    let named_markers = labels::marker_boxes(spec, &ranked(&[Priority::Named]), pt);
    // The seats of dependencies are there only when asked for: the sites' names leave them
    // room too where they can.
    let seat_room = room::Room::of(spec, &ranked(&[Priority::Seat]), pt);
    let harm = |taken: &[Rect], b: &Rect| {
        named_markers.iter().filter(|(_, m)| overlaps(m, b)).count()
            + near_room.harms(taken, b)
            + seat_room.harms(taken, b)
    };
    let (target_markers, target_positions) = targets::target_markers(spec, pt, &mut taken);
    let every_marker = labels::marker_boxes(spec, &(0..spec.places.len()).collect::<Vec<_>>(), pt);
    let (markers, mut labels, sites_left_out) = site_layers(spec, pt, &mut taken, &harm, &every_marker);
    let target_labels = targets::target_labels(spec, &target_positions, pt, &mut taken);
    labels.items.extend(target_labels.items);
    taken.extend(first_markers.iter().map(|(_, m)| *m));
    let (mut place_labels, mut dropped) = place_items(spec, &ranked(&[Priority::Named]), pt, &mut taken, None);
    // One label per range, anywhere on its circle, and the capitals near the sites, which have
    // only the sides of their markers: the capitals first, the range labels around them.
    let (ring_label_layer, near_labels, near_dropped) = ring_labels::ring_and_capital_labels(
        spec,
        &ring_paths,
        &near,
        &ranked(&[Priority::Seat, Priority::Capital, Priority::Other]),
        pt,
        &mut taken,
    );
    place_labels.extend(near_labels);
    dropped.extend(near_dropped);
    let (area_labels, mut unlabelled) = area_names::area_names(spec, &land, pt, &mut taken);
    unlabelled.splice(0..0, sites_left_out);
    labels.items.extend(area_labels);
    unlabelled.extend(target_labels.unlabelled);
    // A range label with no room on the part of its circle the map shows.
    for (_, text, _, lines) in &ring_paths {
        let placed = ring_label_layer.items.iter().any(|item| matches!(item, Item::Text { text: t, .. } if t == text));
        let reported = unlabelled.iter().any(|u| u.name == *text);
        if !placed && !reported && !lines.0.is_empty() {
            unlabelled.push(Unlabelled { name: text.clone(), reason: "no room on its circle".into() });
        }
    }
    let graticule_label_layer = graticule_labels(frame, theme, &meridians, &parallels, pt, &mut taken);
    let (more, more_dropped) =
        place_items(spec, &ranked(&[Priority::Seat, Priority::Capital, Priority::Other]), pt, &mut taken, None);
    place_labels.extend(more);
    dropped.extend(more_dropped);
    let region_layer = region_names::region_names(spec, &land, pt, &mut taken)?;

    layers.push(region_layer);
    layers.push(Layer { id: "places", items: place_labels });
    layers.push(markers);
    layers.push(target_markers);
    layers.push(labels);
    layers.push(ring_label_layer);
    layers.push(graticule_label_layer);
    layers.push(key_layer);
    layers.push(scale);
    layers.push(Layer {
        id: "frame",
        items: vec![Item::Lines {
            lines: MultiLineString::new(vec![LineString::from(vec![
                (0.0, 0.0),
                (w, 0.0),
                (w, h),
                (0.0, h),
                (0.0, 0.0),
            ])]),
            style: Style::stroke(theme.ink, 1.0 * pt),
            tags: None,
        }],
    });
    dropped.sort_by_key(|(k, _)| *k);
    unlabelled.extend(labels::reasons(spec, &dropped, spec.named_places, &layers, key_box));

    // The key goes under the map (in the map's coordinates) where it did not fit inside it.
    let key_below = if key_inside || key_items.is_empty() { 0.0 } else { key_h + 6.0 * pt };
    if key_below > 0.0 {
        let key_index = layers.iter().position(|l| l.id == "legend").unwrap_or(layers.len() - 1);
        layers[key_index].items = shifted(key_items, 8.0 * pt, h + 6.0 * pt);
    }
    // The numbered callouts' key under that.
    let (callouts, callouts_h) = targets::callout_key(&target_labels.key_rows, spec, pt, w - 16.0 * pt);
    let below = key_below + if callouts_h > 0.0 { callouts_h + 6.0 * pt } else { 0.0 };
    layers.push(Layer { id: "callouts", items: shifted(callouts, 8.0 * pt, h + key_below + 6.0 * pt) });
    Ok((page::assemble(spec, pt, layers, h + below, &[]), unlabelled))
}

/// The boxes of the sites' stars and the targets' markers on the page (as `site_layers` and
/// `target_markers` draw them), which the key and the scale bar must not cover.
fn site_and_target_boxes(spec: &MapSpec, pt: f64) -> Vec<Rect> {
    let (w, h) = (f64::from(spec.frame.width_px), f64::from(spec.frame.height_px));
    let on_page = |lon: f64, lat: f64| {
        spec.frame
            .lonlat_to_page(Coord { x: lon, y: lat })
            .filter(|p| (0.0..=w).contains(&p.x) && (0.0..=h).contains(&p.y))
    };
    let stars = spec
        .sites
        .iter()
        .filter_map(|s| on_page(s.lon_deg(), s.lat_deg()))
        .map(|p| labels::square(p, labels::SITE_MARKER_PT * pt));
    let targets =
        spec.targets.iter().filter_map(|t| on_page(t.lon, t.lat)).map(|p| labels::square(p, targets::MARKER_PT * pt));
    stars.chain(targets).collect()
}

/// For each overlay none of whose circles reaches the page, what the key must say so that an
/// empty map is not read as "out of range": the whole map is within range, or the range lies
/// outside the map. Judged at the page's centre by geodesic distance from the overlay's sites
/// and areas.
fn off_page_notes(spec: &MapSpec, on_page: &[bool]) -> Vec<Option<&'static str>> {
    let (w, h) = (f64::from(spec.frame.width_px), f64::from(spec.frame.height_px));
    let centre = spec.frame.page_to_lonlat(Coord { x: w / 2.0, y: h / 2.0 });
    spec.overlays
        .iter()
        .zip(on_page)
        .map(|(overlay, &drawn)| {
            if drawn || overlay.origins.is_empty() {
                return None;
            }
            let centre = geo::Point::from(centre?);
            let within =
                overlay.origins.iter().any(|origin| overlay.reach.contains_distance(origin.distance_m(centre)));
            Some(if within { "whole map within range" } else { "outside the map" })
        })
        .collect()
}

/// Items moved by (`dx`, `dy`) pixels.
pub(crate) fn shifted(items: Vec<Item>, dx: f64, dy: f64) -> Vec<Item> {
    use geo::Translate;
    if dx == 0.0 && dy == 0.0 {
        return items;
    }
    items
        .into_iter()
        .map(|item| match item {
            Item::Area { shape, style, tags } => Item::Area { shape: shape.translate(dx, dy), style, tags },
            Item::Lines { lines, style, tags } => Item::Lines { lines: lines.translate(dx, dy), style, tags },
            Item::Text { x, y, text, size_px, bold, anchor, color, halo } => {
                Item::Text { x: x + dx, y: y + dy, text, size_px, bold, anchor, color, halo }
            }
            Item::Marker { x, y, symbol, size_px, style } => {
                Item::Marker { x: x + dx, y: y + dy, symbol, size_px, style }
            }
        })
        .collect()
}
