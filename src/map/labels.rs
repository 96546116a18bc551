//! Placing labels: site and place names around their markers and range labels on their
//! circles, each at the first free position against the boxes already taken; a label with no
//! room is dropped, never overprinted.

use geo::{Coord, Rect};

use super::MapSpec;
use super::ranges::RingPath;
use crate::scene::{Anchor, Color, Item, Layer, Style, Symbol};

/// How a point's label is set.
#[derive(Debug, Clone, Copy)]
pub(super) struct LabelStyle {
    /// Font size, pixels.
    pub size_px: f64,
    /// Bold face.
    pub bold: bool,
    /// Text colour.
    pub color: Color,
    /// Halo colour and width, pixels.
    pub halo: (Color, f64),
    /// Distance from the point to the text, pixels.
    pub gap_px: f64,
}

/// A label for a point marker at the first free position around it (right, above-right,
/// below-right, left, ...), or None where every position overlaps a taken box or leaves the page.
pub(super) fn place_label(
    text: &str,
    at: Coord,
    style: &LabelStyle,
    page: (f64, f64),
    taken: &mut Vec<Rect>,
) -> Option<Item> {
    let size = style.size_px;
    let width = crate::text::width_px(text, size, style.bold);
    let (ascent, descent) = (size * 0.76, size * 0.24);
    let gap = style.gap_px;
    let candidates = [
        (at.x + gap, at.y + size * 0.3, Anchor::Start),
        (at.x + gap * 0.7, at.y - gap * 0.6, Anchor::Start),
        (at.x + gap * 0.7, at.y + gap * 0.6 + ascent, Anchor::Start),
        (at.x - gap, at.y + size * 0.3, Anchor::End),
        (at.x - gap * 0.7, at.y - gap * 0.6, Anchor::End),
        (at.x - gap * 0.7, at.y + gap * 0.6 + ascent, Anchor::End),
        (at.x, at.y - gap * 1.2, Anchor::Middle),
        (at.x, at.y + gap * 1.2 + ascent, Anchor::Middle),
    ];
    for (x, y, anchor) in candidates {
        let left = match anchor {
            Anchor::Start => x,
            Anchor::Middle => x - width / 2.0,
            Anchor::End => x - width,
        };
        let bounds = Rect::new((left, y - ascent), (left + width, y + descent));
        let on_page =
            bounds.min().x >= 0.0 && bounds.min().y >= 0.0 && bounds.max().x <= page.0 && bounds.max().y <= page.1;
        if on_page && !taken.iter().any(|t| overlaps(t, &bounds)) {
            taken.push(bounds);
            return Some(Item::Text {
                x,
                y,
                text: text.to_string(),
                size_px: size,
                bold: style.bold,
                anchor,
                color: style.color,
                halo: Some(style.halo),
            });
        }
    }
    None
}

pub(super) fn overlaps(a: &Rect, b: &Rect) -> bool {
    a.min().x < b.max().x && b.min().x < a.max().x && a.min().y < b.max().y && b.min().y < a.max().y
}

/// One label per overlay and text ("2,500 km"; an estimate's two figures each on its own
/// circle), on one of its circles inside the page, in the circle's colour with a halo: at the
/// free spot nearest the upper right of its site (the reader's eye goes there first), trying
/// each site's circle in turn.
pub(super) fn ring_labels(spec: &MapSpec, rings: &[RingPath], pt: f64, taken: &mut Vec<Rect>) -> Layer {
    let (w, h) = (f64::from(spec.frame.width_px), f64::from(spec.frame.height_px));
    let size = 7.0 * pt;
    let (ascent, descent) = (size * 0.76, size * 0.24);
    let mut items = Vec::new();
    let mut labels: Vec<(usize, &str)> = Vec::new();
    for (i, text, ..) in rings {
        if !labels.contains(&(*i, text.as_str())) {
            labels.push((*i, text.as_str()));
        }
    }
    // Overlays in legend order, each one's labels in the order its circles were drawn.
    labels.sort_by_key(|(i, _)| *i);
    for (i, text) in labels {
        let text = text.to_string();
        let width = crate::text::width_px(&text, size, true);
        // Points every ~20 pt along each of this label's circles, best first.
        let mut candidates: Vec<(f64, Coord)> = Vec::new();
        for (_, _, centre, lines) in rings.iter().filter(|(k, t, ..)| *k == i && *t == text) {
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
        for (_, p) in candidates {
            let y = p.y + (ascent - descent) / 2.0;
            let bounds = Rect::new(
                (p.x - width / 2.0 - 1.5 * pt, y - ascent - 1.0 * pt),
                (p.x + width / 2.0 + 1.5 * pt, y + descent + 1.0 * pt),
            );
            let inside = bounds.min().x >= 0.0 && bounds.min().y >= 0.0 && bounds.max().x <= w && bounds.max().y <= h;
            if inside && !taken.iter().any(|t| overlaps(t, &bounds)) {
                taken.push(bounds);
                items.push(Item::Text {
                    x: p.x,
                    y,
                    text,
                    size_px: size,
                    bold: true,
                    anchor: Anchor::Middle,
                    color: spec.theme.range_style(i).color,
                    halo: Some((spec.theme.halo, 2.4 * pt)),
                });
                break;
            }
        }
    }
    Layer { id: "ring-labels", items }
}

/// The sites' star markers and their names (bold, with a halo), each name at the first free
/// position around its star; every star on the page claims its room first.
pub(super) fn site_layers(spec: &MapSpec, pt: f64, taken: &mut Vec<Rect>) -> (Layer, Layer) {
    let frame = &spec.frame;
    let theme = &spec.theme;
    let (w, h) = (f64::from(frame.width_px), f64::from(frame.height_px));
    let mut markers = Vec::new();
    let mut labels = Vec::new();
    let on_page = |p: &Coord| (0.0..=w).contains(&p.x) && (0.0..=h).contains(&p.y);
    let positions: Vec<Option<Coord>> = spec
        .sites
        .iter()
        .map(|site| frame.lonlat_to_page(Coord { x: site.lon_deg(), y: site.lat_deg() }).filter(on_page))
        .collect();
    let marker_size = 9.0 * pt;
    for p in positions.iter().flatten() {
        taken.push(square(*p, marker_size));
    }
    for (site, p) in spec.sites.iter().zip(&positions) {
        let Some(p) = p else { continue };
        markers.push(Item::Marker {
            x: p.x,
            y: p.y,
            symbol: Symbol::Star,
            size_px: marker_size,
            style: Style {
                fill: Some(theme.ink),
                fill_opacity: 1.0,
                stroke: Some(theme.halo),
                stroke_width: 0.8 * pt,
                dash: Vec::new(),
            },
        });
        let style = LabelStyle {
            size_px: 8.0 * pt,
            bold: true,
            color: theme.ink,
            halo: (theme.halo, 2.4 * pt),
            gap_px: 5.5 * pt,
        };
        // A site's name matters more than a town's: where sites stand so close together that
        // every position beside the star is taken, the name may stand farther out.
        let farther = LabelStyle { gap_px: 2.5 * style.gap_px, ..style };
        if let Some(label) = place_label(site.name(), *p, &style, (w, h), taken)
            .or_else(|| place_label(site.name(), *p, &farther, (w, h), taken))
        {
            labels.push(label);
        }
    }
    (Layer { id: "sites", items: markers }, Layer { id: "labels", items: labels })
}

/// A square box of side `size` around `p`.
fn square(p: Coord, size: f64) -> Rect {
    Rect::new((p.x - size / 2.0, p.y - size / 2.0), (p.x + size / 2.0, p.y + size / 2.0))
}

/// The places with room for a marker and a label, in the order given.
pub(super) fn place_layer(spec: &MapSpec, pt: f64, taken: &mut Vec<Rect>) -> Layer {
    let (w, h) = (f64::from(spec.frame.width_px), f64::from(spec.frame.height_px));
    let size = 2.8 * pt;
    let mut items = Vec::new();
    for place in &spec.places {
        let Some(p) = spec.frame.lonlat_to_page(Coord { x: place.lon, y: place.lat }) else { continue };
        let marker = square(p, size + 1.0 * pt);
        if !(0.0..=w).contains(&p.x) || !(0.0..=h).contains(&p.y) || taken.iter().any(|t| overlaps(t, &marker)) {
            continue;
        }
        let mut trial = taken.clone();
        trial.push(marker);
        let theme = &spec.theme;
        let style = LabelStyle {
            size_px: 6.5 * pt,
            bold: false,
            color: theme.place,
            halo: (theme.halo, 1.8 * pt),
            gap_px: 3.2 * pt,
        };
        let Some(label) = place_label(&place.name, p, &style, (w, h), &mut trial) else {
            continue;
        };
        *taken = trial;
        items.push(Item::Marker {
            x: p.x,
            y: p.y,
            symbol: Symbol::Circle,
            size_px: size,
            style: Style {
                fill: Some(theme.place),
                fill_opacity: 1.0,
                stroke: Some(theme.halo),
                stroke_width: 0.5 * pt,
                dash: Vec::new(),
            },
        });
        items.push(label);
    }
    Layer { id: "places", items }
}
