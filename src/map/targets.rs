//! Targets on the map: the places a figure is about, drawn with a marker of their own (a ring
//! with a centre dot, neither a site's star nor a place's dot) and always labelled — beside the
//! marker where there is room, else joined to it by a leader line, else by a number with a row in
//! a key under the map. A target's name is never dropped; a target off the map is reported.

use geo::{Coord, Rect};

use super::MapSpec;
use super::labels::{LabelStyle, Unlabelled, leader_label, place_label, square, text_box};
use crate::scene::{Anchor, Item, Layer, Style, Symbol};

pub use crate::target::Target;

/// The markers' diameter, points.
pub(super) const MARKER_PT: f64 = 8.0;

/// The targets' markers, each claiming its room in `taken`; with each target's place on the page
/// (None: off the page).
pub(super) fn target_markers(spec: &MapSpec, pt: f64, taken: &mut Vec<Rect>) -> (Layer, Vec<Option<Coord>>) {
    let (w, h) = (f64::from(spec.frame.width_px), f64::from(spec.frame.height_px));
    let size = MARKER_PT * pt;
    let theme = &spec.theme;
    let mut items = Vec::new();
    let mut positions = Vec::new();
    for target in &spec.targets {
        let p = spec
            .frame
            .lonlat_to_page(Coord { x: target.lon, y: target.lat })
            .filter(|p| (0.0..=w).contains(&p.x) && (0.0..=h).contains(&p.y));
        if let Some(p) = p {
            taken.push(square(p, size));
            items.push(Item::Marker {
                x: p.x,
                y: p.y,
                symbol: Symbol::Target,
                size_px: size,
                style: Style {
                    fill: Some(theme.halo),
                    fill_opacity: 1.0,
                    stroke: Some(theme.ink),
                    stroke_width: 1.3 * pt,
                    dash: Vec::new(),
                },
            });
        }
        positions.push(p);
    }
    (Layer { id: "targets", items }, positions)
}

/// What the targets' names add: the labels (with leader lines), the key rows of numbered
/// callouts (`1  Fiery Cross Reef`), and the targets not on the map.
pub(super) struct TargetLabels {
    pub items: Vec<Item>,
    pub key_rows: Vec<String>,
    pub unlabelled: Vec<Unlabelled>,
}

/// Every target's name, claiming room in `taken`: beside its marker, else at the end of a leader
/// line, else as a number beside the marker with the name in the key.
pub(super) fn target_labels(
    spec: &MapSpec,
    positions: &[Option<Coord>],
    pt: f64,
    taken: &mut Vec<Rect>,
) -> TargetLabels {
    let page = (f64::from(spec.frame.width_px), f64::from(spec.frame.height_px));
    let theme = &spec.theme;
    let style = LabelStyle {
        size_px: 7.5 * pt,
        bold: true,
        color: theme.ink,
        halo: (theme.halo, 2.2 * pt),
        gap_px: 6.0 * pt,
        marker_px: MARKER_PT * pt,
    };
    let mut out = TargetLabels { items: Vec::new(), key_rows: Vec::new(), unlabelled: Vec::new() };
    for (target, p) in spec.targets.iter().zip(positions) {
        let Some(p) = *p else {
            out.unlabelled.push(Unlabelled { name: target.name.clone(), reason: "outside the map".into() });
            continue;
        };
        if let Some(label) = place_label(&target.name, p, &style, page, taken) {
            out.items.push(label);
            continue;
        }
        let clear = 0.5 * MARKER_PT * pt + 1.0 * pt;
        if let Some((label, leader)) =
            leader_label(&target.name, p, clear, 70.0 * pt, &style, page, taken, true, &|_| true)
        {
            out.items.push(leader);
            out.items.push(label);
            continue;
        }
        // No spot for the name within reach: a number beside the marker, the name in the key.
        let number = (out.key_rows.len() + 1).to_string();
        let small = LabelStyle { gap_px: 5.0 * pt, ..style };
        if let Some((label, leader)) = place_label(&number, p, &small, page, taken).map(|l| (l, None)).or_else(|| {
            [true, false].into_iter().find_map(|clear_leader| {
                leader_label(&number, p, clear, 40.0 * pt, &small, page, taken, clear_leader, &|_| true)
                    .map(|(l, leader)| (l, Some(leader)))
            })
        }) {
            out.items.extend(leader);
            out.items.push(label);
            out.key_rows.push(format!("{number}  {}", target.name));
            continue;
        }
        let label = {
            // Even a number has no free spot: it goes to the marker's right regardless (a
            // target's name is never dropped), over whatever is there, with its halo.
            let (x, y) = (p.x + small.gap_px, p.y + 0.3 * small.size_px);
            taken.push(text_box(&number, x, y, Anchor::Start, small.size_px, true));
            Item::Text {
                x,
                y,
                text: number.clone(),
                size_px: small.size_px,
                bold: true,
                anchor: Anchor::Start,
                color: small.color,
                halo: Some(small.halo),
            }
        };
        out.items.push(label);
        out.key_rows.push(format!("{number}  {}", target.name));
    }
    out
}

/// The callouts' key under the map: `Targets: 1  Fiery Cross Reef · 2  Subi Reef`, wrapped to
/// `width`; its items (from y = 0) and height.
pub(super) fn callout_key(rows: &[String], spec: &MapSpec, pt: f64, width: f64) -> (Vec<Item>, f64) {
    if rows.is_empty() {
        return (Vec::new(), 0.0);
    }
    let size = 7.0 * pt;
    let text = format!("Targets: {}", rows.join(" · "));
    let lines = crate::text::wrap(&text, size, false, width);
    let line_h = 1.3 * size;
    let items = lines
        .into_iter()
        .enumerate()
        .map(|(k, line)| Item::Text {
            x: 0.0,
            y: size + line_h * k as f64,
            text: line,
            size_px: size,
            bold: false,
            anchor: Anchor::Start,
            color: spec.theme.ink,
            halo: None,
        })
        .collect::<Vec<_>>();
    let height = line_h * items.len() as f64;
    (items, height)
}
