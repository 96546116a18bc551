//! Range labels on their circles, and how they share room with the capitals near the sites: a
//! range label can stand anywhere on its circle, a capital's name only beside its marker, so the
//! capitals claim their room first and each range label takes a free spot on its circle; only a
//! label with no free spot anywhere on its circle displaces capitals (as few as it can), and a
//! capital left without room is reported like any other.

use geo::{Coord, Rect};

use super::MapSpec;
use super::labels::{Dropped, overlaps, place_items, text_box};
use super::ranges::RingPath;
use super::room::Room;
use crate::scene::{Anchor, Item, Layer};

/// A range label set on its circle: which overlay and text it labels, the text item, its box.
pub(super) struct RingLabel {
    overlay: usize,
    text: String,
    item: Item,
}

/// One label per overlay and text ("2,500 km"; an estimate's two figures each on its own
/// circle), on one of its circles inside the page, in the circle's colour with a halo, each
/// claiming its room in `taken`: at the free spot of least `cost` (given the boxes taken before
/// it), and among those the one nearest the upper right of its site (the reader's eye goes
/// there first), trying each site's circle in turn.
pub(super) fn ring_labels(
    spec: &MapSpec,
    rings: &[RingPath],
    pt: f64,
    taken: &mut Vec<Rect>,
    cost: &dyn Fn(&[Rect], &Rect) -> usize,
) -> Vec<RingLabel> {
    let (w, h) = (f64::from(spec.frame.width_px), f64::from(spec.frame.height_px));
    let size = 7.0 * pt;
    let (ascent, descent) = (size * 0.76, size * 0.24);
    let mut placed = Vec::new();
    let mut labels: Vec<(usize, &str)> = Vec::new();
    for (i, text, ..) in rings {
        if !labels.contains(&(*i, text.as_str())) {
            labels.push((*i, text.as_str()));
        }
    }
    // Overlays in legend order, each one's labels in the order its circles were drawn.
    labels.sort_by_key(|(i, _)| *i);
    for (i, text) in labels {
        let width = crate::text::width_px(text, size, true);
        // Points every ~20 pt along each of this label's circles, best first.
        let mut candidates: Vec<(f64, Coord)> = Vec::new();
        for (_, _, centre, lines) in rings.iter().filter(|(k, t, ..)| *k == i && t == text) {
            for line in &lines.0 {
                let mut travelled = f64::INFINITY;
                for pair in line.0.windows(2) {
                    let (a, b) = (pair[0], pair[1]);
                    travelled += (b.x - a.x).hypot(b.y - a.y);
                    if travelled < 20.0 * pt {
                        continue;
                    }
                    travelled = 0.0;
                    // Preference: the direction up and to the right of the site.
                    let score = centre.map_or(0.0, |c| {
                        let angle = (c.y - b.y).atan2(b.x - c.x);
                        (angle - std::f64::consts::FRAC_PI_4).abs()
                    });
                    candidates.push((score, b));
                }
            }
        }
        candidates.sort_by(|a, b| a.0.total_cmp(&b.0));
        let free = candidates.iter().filter_map(|&(_, p)| {
            let y = p.y + (ascent - descent) / 2.0;
            let bounds = Rect::new(
                (p.x - width / 2.0 - 1.5 * pt, y - ascent - 1.0 * pt),
                (p.x + width / 2.0 + 1.5 * pt, y + descent + 1.0 * pt),
            );
            let inside = bounds.min().x >= 0.0 && bounds.min().y >= 0.0 && bounds.max().x <= w && bounds.max().y <= h;
            (inside && !taken.iter().any(|t| overlaps(t, &bounds))).then_some((p.x, y, bounds))
        });
        // The first of the cheapest spots (min_by_key keeps the first).
        let best = free.min_by_key(|(.., bounds)| cost(taken, bounds));
        if let Some((x, y, bounds)) = best {
            taken.push(bounds);
            let item = Item::Text {
                x,
                y,
                text: text.to_string(),
                size_px: size,
                bold: true,
                anchor: Anchor::Middle,
                color: spec.theme.range_style(i).color,
                halo: Some((spec.theme.halo, 2.4 * pt)),
            };
            placed.push(RingLabel { overlay: i, text: text.to_string(), item });
        }
    }
    placed
}

/// The range labels (as a layer) and the labels of the capitals `near` the sites (indices into
/// `spec.places`, in the order they claim room), both claiming their room in `taken`; with the
/// capitals left out. The capitals are placed first and the range labels around them, each on
/// the spot that leaves the most of the places `after` them (labelled later) their room; a range
/// label with no free spot on its circle then takes the spot that displaces the fewest capitals'
/// names, before the capitals, which are placed again around it (each may find another side of
/// its marker). A range label with no spot even so is left out (the caller reports it).
pub(super) fn ring_and_capital_labels(
    spec: &MapSpec,
    rings: &[RingPath],
    near: &[usize],
    after: &[usize],
    pt: f64,
    taken: &mut Vec<Rect>,
) -> (Layer, Vec<Item>, Vec<Dropped>) {
    // The room before the capitals: what was taken, and the range labels that go first.
    let mut before = taken.clone();
    let mut first: Vec<RingLabel> = Vec::new();
    let need = Room::of(spec, near, pt);
    let later = Room::of(spec, after, pt);
    loop {
        let mut room = before.clone();
        // Each capital leaves those after it their room, and then as many later places as it can.
        let cost = |n: usize, taken: &[Rect], b: &Rect| need.keeps(n + 1, taken, b).then(|| later.harms(taken, b));
        let (capitals, dropped) = place_items(spec, near, pt, &mut room, Some(&cost));
        let rest: Vec<RingPath> = rings
            .iter()
            .filter(|(i, text, ..)| !first.iter().any(|l| l.overlay == *i && l.text == *text))
            .cloned()
            .collect();
        let placed = ring_labels(spec, &rest, pt, &mut room, &|taken, b| later.harms(taken, b));
        let missing: Vec<RingPath> = rest
            .into_iter()
            .filter(|(i, text, ..)| !placed.iter().any(|l| l.overlay == *i && l.text == *text))
            .collect();
        let capital_names: Vec<Rect> = capitals
            .iter()
            .filter_map(|item| match item {
                Item::Text { x, y, text, size_px, bold, anchor, .. } => {
                    Some(text_box(text, *x, *y, *anchor, *size_px, *bold))
                }
                _ => None,
            })
            .collect();
        let forced = if missing.is_empty() {
            Vec::new()
        } else {
            let covered = |_: &[Rect], b: &Rect| capital_names.iter().filter(|n| overlaps(n, b)).count();
            ring_labels(spec, &missing, pt, &mut before, &covered)
        };
        if forced.is_empty() {
            *taken = room;
            let items = first.into_iter().chain(placed).map(|l| l.item).collect();
            return (Layer { id: "ring-labels", items }, capitals, dropped);
        }
        first.extend(forced);
    }
}
