//! Placing labels: site and place names around their markers (range labels on their circles
//! are in `ring_labels`), each at the first free position against the boxes already taken; a
//! label with no room is dropped, never overprinted.

use geo::{BoundingRect, Coord, Rect};

use super::MapSpec;
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
    /// The marker's width, pixels: a name set diagonally from it starts clear of it.
    pub marker_px: f64,
}

impl LabelStyle {
    /// The label's text item at (`x`, `y`) in type of `size_px` (the style's own, or smaller
    /// where room is short), with the style's face, colour and halo.
    pub(super) fn text(&self, x: f64, y: f64, text: &str, size_px: f64, anchor: Anchor) -> Item {
        Item::Text {
            x,
            y,
            text: text.to_string(),
            size_px,
            bold: self.bold,
            anchor,
            color: self.color,
            halo: Some(self.halo),
        }
    }
}

/// The boxes a point's label may take around `at`, in order of preference (right, above-right,
/// below-right, left, ..., above, below): where the text is set, its anchor and its box.
pub(super) fn label_positions(text: &str, at: Coord, style: &LabelStyle) -> [(f64, f64, Anchor, Rect); 8] {
    let size = style.size_px;
    let width = crate::text::width_px(text, size, style.bold);
    let (ascent, descent) = (size * 0.76, size * 0.24);
    let gap = style.gap_px;
    let aside = (gap * 0.7).max(style.marker_px / 2.0);
    [
        (at.x + gap, at.y + size * 0.3, Anchor::Start),
        (at.x + aside, at.y - gap * 0.6, Anchor::Start),
        (at.x + aside, at.y + gap * 0.6 + ascent, Anchor::Start),
        (at.x - gap, at.y + size * 0.3, Anchor::End),
        (at.x - aside, at.y - gap * 0.6, Anchor::End),
        (at.x - aside, at.y + gap * 0.6 + ascent, Anchor::End),
        (at.x, at.y - gap * 1.2, Anchor::Middle),
        (at.x, at.y + gap * 1.2 + ascent, Anchor::Middle),
    ]
    .map(|(x, y, anchor)| {
        let left = match anchor {
            Anchor::Start => x,
            Anchor::Middle => x - width / 2.0,
            Anchor::End => x - width,
        };
        (x, y, anchor, Rect::new((left, y - ascent), (left + width, y + descent)))
    })
}

/// Whether `bounds` lies on a page of `page` pixels.
pub(super) fn on_page(bounds: &Rect, page: (f64, f64)) -> bool {
    bounds.min().x >= 0.0 && bounds.min().y >= 0.0 && bounds.max().x <= page.0 && bounds.max().y <= page.1
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
    place_label_keeping(text, at, style, page, taken, &|_, _| true)
}

/// As [`place_label`], at the first free position that `keeps` accepts (given the boxes taken
/// before it): one that leaves others the room they need.
pub(super) fn place_label_keeping(
    text: &str,
    at: Coord,
    style: &LabelStyle,
    page: (f64, f64),
    taken: &mut Vec<Rect>,
    keeps: &dyn Fn(&[Rect], &Rect) -> bool,
) -> Option<Item> {
    place_label_cheapest(text, at, style, page, taken, &|taken, bounds| keeps(taken, bounds).then_some(0))
}

/// As [`place_label`], at the free position of least `cost` (given the boxes taken before it;
/// None: not there), the first of them where several cost the same.
pub(super) fn place_label_cheapest(
    text: &str,
    at: Coord,
    style: &LabelStyle,
    page: (f64, f64),
    taken: &mut Vec<Rect>,
    cost: &dyn Fn(&[Rect], &Rect) -> Option<usize>,
) -> Option<Item> {
    let (x, y, anchor, bounds) = label_positions(text, at, style)
        .into_iter()
        .filter(|(.., bounds)| on_page(bounds, page) && !taken.iter().any(|t| overlaps(t, bounds)))
        .filter_map(|position| Some((cost(taken, &position.3)?, position)))
        .min_by_key(|(cost, _)| *cost)?
        .1;
    taken.push(bounds);
    Some(style.text(x, y, text, style.size_px, anchor))
}

pub(super) fn overlaps(a: &Rect, b: &Rect) -> bool {
    a.min().x < b.max().x && b.min().x < a.max().x && a.min().y < b.max().y && b.min().y < a.max().y
}

/// The size of a site's star, points.
pub(super) const SITE_MARKER_PT: f64 = 9.0;

/// The sites' star markers and their names (bold, with a halo), each name at the first free
/// position around its star; every star on the page claims its room first. `harm` counts the
/// places that come first (named places, capitals near the sites) a name's box would leave
/// without room for their markers and names. A name takes a harmless position where it can:
/// beside its star, covering the least important of the other places' markers (`place_markers`:
/// each place's index in `spec.places`, most important first, and its marker's box) if any,
/// else a little farther out; where there is none, the position beside its star that harms
/// fewest, then one at the end of a leader. A name without a leader stands nearer its own star
/// than any other, by at least a quarter of a star (measured from its box to the stars' centres).
pub(super) fn site_layers(
    spec: &MapSpec,
    pt: f64,
    taken: &mut Vec<Rect>,
    harm: &dyn Fn(&[Rect], &Rect) -> usize,
    place_markers: &[(usize, Rect)],
) -> (Layer, Layer, Vec<Unlabelled>) {
    let frame = &spec.frame;
    let theme = &spec.theme;
    let (w, h) = (f64::from(frame.width_px), f64::from(frame.height_px));
    let mut markers = Vec::new();
    let mut labels = Vec::new();
    let mut unlabelled = Vec::new();
    let on_page = |p: &Coord| (0.0..=w).contains(&p.x) && (0.0..=h).contains(&p.y);
    let positions: Vec<Option<Coord>> = spec
        .sites
        .iter()
        .map(|site| frame.lonlat_to_page(Coord { x: site.lon_deg(), y: site.lat_deg() }).filter(on_page))
        .collect();
    let marker_size = SITE_MARKER_PT * pt;
    for p in positions.iter().flatten() {
        taken.push(square(*p, marker_size));
    }
    for (site, p) in spec.sites.iter().zip(&positions) {
        let Some(p) = p else {
            // Its ranges may still cross the map: the reader must learn where they come from.
            unlabelled.push(Unlabelled { name: site.name().to_string(), reason: "site outside the map".into() });
            continue;
        };
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
            marker_px: marker_size,
        };
        // A site's name matters more than a town's: where sites stand so close together that
        // every position beside the star is taken, the name may stand farther out.
        let farther = LabelStyle { gap_px: 2.5 * style.gap_px, ..style };
        // Covering no marker costs nothing; covering the most important place's, the most.
        let covering = |taken: &[Rect], b: &Rect| {
            let covered = place_markers.iter().filter(|(_, m)| overlaps(m, b)).map(|(k, _)| *k).min();
            (harm(taken, b) == 0).then(|| covered.map_or(0, |k| usize::MAX - k))
        };
        // A name about as near another star as its own reads as that star's (a sweep's `3rd: 43`
        // set between its star and the 4th, 19 and 21 px from their centres): it stands only
        // where every other star is farther than its own by a quarter of a star.
        let own = |b: &Rect| {
            let d = box_distance(b, *p) + marker_size / 4.0;
            positions.iter().flatten().filter(|q| *q != p).all(|q| box_distance(b, *q) >= d)
        };
        let cost = |taken: &[Rect], b: &Rect| covering(taken, b).filter(|_| own(b));
        let harmless = |taken: &[Rect], b: &Rect| harm(taken, b) == 0 && own(b);
        let least_harm = |taken: &[Rect], b: &Rect| own(b).then(|| harm(taken, b));
        let anywhere = |_: &[Rect], b: &Rect| own(b).then_some(0);
        if let Some(label) = place_label_cheapest(site.name(), *p, &style, (w, h), taken, &cost)
            .or_else(|| place_label_keeping(site.name(), *p, &farther, (w, h), taken, &harmless))
        {
            labels.push(label);
        } else if let Some(label) = place_label_cheapest(site.name(), *p, &style, (w, h), taken, &least_harm)
            .or_else(|| place_label_cheapest(site.name(), *p, &farther, (w, h), taken, &anywhere))
        {
            labels.push(label);
        } else if let Some((label, leader)) = leader_label(
            site.name(),
            *p,
            marker_size / 2.0 + pt,
            80.0 * pt,
            &style,
            (w, h),
            taken,
            true,
            &own,
        )
        .or_else(|| {
            // Among close stars no spot is clearly one's own: the leader says whose it is.
            leader_label(site.name(), *p, marker_size / 2.0 + pt, 80.0 * pt, &style, (w, h), taken, true, &|_| true)
        }) {
            // Crowded by targets' markers and other stars: the name at the end of a leader.
            labels.push(leader);
            labels.push(label);
        } else {
            unlabelled.push(Unlabelled { name: site.name().to_string(), reason: "no room beside its star".into() });
        }
    }
    (Layer { id: "sites", items: markers }, Layer { id: "labels", items: labels }, unlabelled)
}

/// The distance from `p` to the nearest point of `b` (0 inside it), pixels.
pub(super) fn box_distance(b: &Rect, p: Coord) -> f64 {
    let dx = (b.min().x - p.x).max(p.x - b.max().x).max(0.0);
    let dy = (b.min().y - p.y).max(p.y - b.max().y).max(0.0);
    dx.hypot(dy)
}

/// A square box of side `size` around `p`.
pub(super) fn square(p: Coord, size: f64) -> Rect {
    Rect::new((p.x - size / 2.0, p.y - size / 2.0), (p.x + size / 2.0, p.y + size / 2.0))
}

/// A name the figure leaves out, and why: `not labelled: Vilnius (no room beside Belarus)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Unlabelled {
    /// The name.
    pub name: String,
    /// Why it is not on the figure: `outside the map`, `no room beside Belarus`, ...
    pub reason: String,
}

/// How much a place's label matters, most first: every figure labels in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Priority {
    /// A place the user named (and a footprint's target).
    Named,
    /// A capital within the smallest range drawn around a site or launch area.
    CapitalInRange,
    /// A capital beyond that range but within the innermost band drawn around a site or launch
    /// area (the INF Treaty's 500–1,000 km around Kaliningrad): the neighbours a reader of the
    /// band looks for.
    CapitalInBand,
    /// The seat of a dependency ([`crate::places::dependency_seats`]): among the places when
    /// asked for (`--dependencies`), and then what the reader asked to see.
    Seat,
    /// Any other capital.
    Capital,
    /// Any other place.
    Other,
}

/// Each of `spec.places`' priority, in their order: the first [`MapSpec::named_places`] were
/// named; capitals within the smallest range drawn (the low figure of an estimate, the outer
/// limit of a band) of one of that range's sites or areas come next, then capitals within the
/// innermost band drawn (within its outer limit, from its own sites or areas), then the seats of
/// dependencies, then other capitals, then every other place.
pub fn place_priorities(spec: &MapSpec) -> Vec<Priority> {
    let within = in_smallest_range(spec);
    let in_band = in_innermost_band(spec);
    spec.places
        .iter()
        .enumerate()
        .map(|(k, place)| {
            if k < spec.named_places {
                Priority::Named
            } else if place.capital && within(place).is_some() {
                Priority::CapitalInRange
            } else if place.capital && in_band(place).is_some() {
                Priority::CapitalInBand
            } else if crate::places::is_dependency_seat(place) {
                Priority::Seat
            } else if place.capital {
                Priority::Capital
            } else {
                Priority::Other
            }
        })
        .collect()
}

/// The places of the `wanted` priorities (indices into `spec.places`) in the order their labels
/// claim room: by priority; within the capitals in range or in the band, nearest the sites or
/// areas first (the capitals a range map is about); otherwise in the order given.
pub(super) fn label_order(spec: &MapSpec, priorities: &[Priority], wanted: &[Priority]) -> Vec<usize> {
    let within = in_smallest_range(spec);
    let in_band = in_innermost_band(spec);
    let mut order: Vec<(Priority, f64, usize)> = (0..spec.places.len())
        .filter(|&k| wanted.contains(&priorities[k]))
        .map(|k| {
            let near = match priorities[k] {
                Priority::CapitalInRange => within(&spec.places[k]),
                Priority::CapitalInBand => in_band(&spec.places[k]),
                _ => None,
            };
            (priorities[k], near.unwrap_or(0.0), k)
        })
        .collect();
    order.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)).then(a.2.cmp(&b.2)));
    order.into_iter().map(|(_, _, k)| k).collect()
}

/// For a place within the smallest range drawn around a site or launch area, its distance from
/// the nearest of them, metres; None for a place beyond it. The smallest range is the one whose
/// surely-in-range limit is shortest (a range's radius, an estimate's low figure, a band's outer
/// limit), measured from that range's own sites and areas.
fn in_smallest_range(spec: &MapSpec) -> impl Fn(&crate::places::Place) -> Option<f64> + '_ {
    use crate::range::Reach;
    let sure_m = |reach: &Reach| match *reach {
        Reach::Within(r) | Reach::Estimate { low: r, .. } | Reach::Band { max: r, .. } => r.meters(),
    };
    let smallest = spec
        .overlays
        .iter()
        .filter(|o| !o.origins.is_empty())
        .min_by(|a, b| sure_m(&a.reach).total_cmp(&sure_m(&b.reach)));
    move |place| {
        let overlay = smallest?;
        let point = geo::Point::new(place.lon, place.lat);
        overlay
            .origins
            .iter()
            .map(|origin| origin.distance_m(point))
            .filter(|&d| d < sure_m(&overlay.reach))
            .min_by(f64::total_cmp)
    }
}

/// For a place within the innermost band drawn around a site or launch area (the band whose
/// outer limit is shortest), its distance from the nearest of the band's sites or areas, metres;
/// None for a place beyond the band's outer limit, or where no band is drawn.
fn in_innermost_band(spec: &MapSpec) -> impl Fn(&crate::places::Place) -> Option<f64> + '_ {
    use crate::range::Reach;
    let outer_m = |reach: &Reach| match *reach {
        Reach::Band { max, .. } => Some(max.meters()),
        Reach::Within(_) | Reach::Estimate { .. } => None,
    };
    let innermost = spec
        .overlays
        .iter()
        .filter(|o| !o.origins.is_empty())
        .filter_map(|o| Some((o, outer_m(&o.reach)?)))
        .min_by(|a, b| a.1.total_cmp(&b.1));
    move |place| {
        let (overlay, outer_m) = innermost?;
        let point = geo::Point::new(place.lon, place.lat);
        overlay.origins.iter().map(|origin| origin.distance_m(point)).filter(|&d| d < outer_m).min_by(f64::total_cmp)
    }
}

/// A place's marker's diameter, points.
pub(super) const PLACE_MARKER_PT: f64 = 2.8;

/// A place left without a label: its index in `spec.places` and where it stands on the page
/// (None: off the page).
pub(super) type Dropped = (usize, Option<Coord>);

/// How a place's name is set.
pub(super) fn place_style(spec: &MapSpec, pt: f64) -> LabelStyle {
    let theme = &spec.theme;
    LabelStyle {
        size_px: 6.5 * pt,
        bold: false,
        color: theme.place,
        halo: (theme.halo, 1.8 * pt),
        gap_px: 3.2 * pt,
        marker_px: PLACE_MARKER_PT * pt,
    }
}

/// The cost of a place's name at a box: the place's position in the list being labelled, the
/// boxes taken before it and the box; None where it may not stand (see [`place_items`]).
pub(super) type PlaceCost<'a> = &'a dyn Fn(usize, &[Rect], &Rect) -> Option<usize>;

/// The places of `which` (indices into `spec.places`, in the order to try them) with room for a
/// marker and a label, each claiming its room; and those left out. With `cost`, each name takes
/// the free position of least cost where one is allowed, else the first free one.
pub(super) fn place_items(
    spec: &MapSpec,
    which: &[usize],
    pt: f64,
    taken: &mut Vec<Rect>,
    cost: Option<PlaceCost>,
) -> (Vec<Item>, Vec<Dropped>) {
    let (w, h) = (f64::from(spec.frame.width_px), f64::from(spec.frame.height_px));
    let size = PLACE_MARKER_PT * pt;
    let mut items = Vec::new();
    let mut dropped = Vec::new();
    let style = place_style(spec, pt);
    for (n, &k) in which.iter().enumerate() {
        let place = &spec.places[k];
        let Some(p) = spec.frame.lonlat_to_page(Coord { x: place.lon, y: place.lat }) else {
            dropped.push((k, None));
            continue;
        };
        if !(0.0..=w).contains(&p.x) || !(0.0..=h).contains(&p.y) {
            dropped.push((k, None));
            continue;
        }
        // A target of the same name there is drawn and labelled as a target already.
        if spec.targets.iter().any(|t| t.name == place.name && (t.lat - place.lat).abs() < 1e-4) {
            continue;
        }
        let marker = square(p, size + 1.0 * pt);
        // (Its own marker's box may have been reserved: see `marker_boxes`.)
        if taken.iter().any(|t| overlaps(t, &marker) && *t != marker) {
            dropped.push((k, Some(p)));
            continue;
        }
        let mut trial = taken.clone();
        trial.push(marker);
        let theme = &spec.theme;
        let label = match cost {
            Some(cost) => place_label_cheapest(&place.name, p, &style, (w, h), &mut trial, &|t, b| cost(n, t, b)),
            None => None,
        }
        .or_else(|| place_label(&place.name, p, &style, (w, h), &mut trial));
        let Some(label) = label else {
            dropped.push((k, Some(p)));
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
    (items, dropped)
}

/// The marker boxes of the places of `which` that stand on the page: reserved in `taken`, they
/// keep labels placed before theirs (sites', targets', other places') off their markers.
/// With each box, the place's index in `spec.places`. Of two markers whose boxes overlap, the
/// less important place's (the later in `spec.places`) is left out: it cannot be drawn beside
/// the other, and reserved it would keep the other off the map too.
pub(super) fn marker_boxes(spec: &MapSpec, which: &[usize], pt: f64) -> Vec<(usize, Rect)> {
    let (w, h) = (f64::from(spec.frame.width_px), f64::from(spec.frame.height_px));
    let mut by_importance = which.to_vec();
    by_importance.sort_unstable();
    let mut boxes: Vec<(usize, Rect)> = Vec::new();
    for k in by_importance {
        let place = &spec.places[k];
        let Some(p) = spec.frame.lonlat_to_page(Coord { x: place.lon, y: place.lat }) else { continue };
        let marker = square(p, PLACE_MARKER_PT * pt + 1.0 * pt);
        let on_page = (0.0..=w).contains(&p.x) && (0.0..=h).contains(&p.y);
        if on_page && !boxes.iter().any(|(_, b)| overlaps(b, &marker)) {
            boxes.push((k, marker));
        }
    }
    boxes
}

/// The box a line of text covers, set at (`x`, `y`) with `anchor`.
pub(super) fn text_box(text: &str, x: f64, y: f64, anchor: Anchor, size_px: f64, bold: bool) -> Rect {
    let width = crate::text::width_px(text, size_px, bold);
    let left = match anchor {
        Anchor::Start => x,
        Anchor::Middle => x - width / 2.0,
        Anchor::End => x - width,
    };
    Rect::new((left, y - size_px * 0.76), (left + width, y + size_px * 0.24))
}

/// A label joined to `at` by a leader line, for a point whose every spot beside it is taken:
/// the first free spot, nearest first and upper right first at each distance, from `clear_px`
/// out to `max_px` from `at`, whose box `allowed` accepts, and (with `clear_leader`) whose
/// leader runs through no other name or marker. The text and the leader.
#[allow(clippy::too_many_arguments)]
pub(super) fn leader_label(
    text: &str,
    at: Coord,
    clear_px: f64,
    max_px: f64,
    style: &LabelStyle,
    page: (f64, f64),
    taken: &mut Vec<Rect>,
    clear_leader: bool,
    allowed: &dyn Fn(&Rect) -> bool,
) -> Option<(Item, Item)> {
    let size = style.size_px;
    let (ascent, descent) = (size * 0.76, size * 0.24);
    let step = size * 0.9;
    let mut r = clear_px + step;
    while r <= max_px {
        for k in 0..16 {
            // Upper right first, then round both ways.
            let turn = [0, 1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6, 7, -7, 8][k];
            let angle = -std::f64::consts::FRAC_PI_4 + f64::from(turn) * std::f64::consts::PI / 8.0;
            let (dx, dy) = (angle.cos(), angle.sin());
            let c = Coord { x: at.x + r * dx, y: at.y + r * dy };
            let anchor = if dx > 0.35 {
                Anchor::Start
            } else if dx < -0.35 {
                Anchor::End
            } else {
                Anchor::Middle
            };
            let y = if dy < -0.35 && anchor == Anchor::Middle {
                c.y - descent
            } else if dy > 0.35 && anchor == Anchor::Middle {
                c.y + ascent
            } else {
                c.y + (ascent - descent) / 2.0
            };
            let bounds = text_box(text, c.x, y, anchor, size, style.bold);
            let on_page =
                bounds.min().x >= 0.0 && bounds.min().y >= 0.0 && bounds.max().x <= page.0 && bounds.max().y <= page.1;
            let from = Coord { x: at.x + clear_px * dx, y: at.y + clear_px * dy };
            let to = Coord { x: c.x - 0.25 * size * dx, y: c.y - 0.25 * size * dy };
            if on_page
                && !taken.iter().any(|t| overlaps(t, &bounds))
                && !(clear_leader && crosses_any(from, to, taken))
                && allowed(&bounds)
            {
                taken.push(bounds);
                let text_item = style.text(c.x, y, text, size, anchor);
                let leader = Item::Lines {
                    lines: geo::MultiLineString::new(vec![geo::LineString::from(vec![from, to])]),
                    style: Style::stroke(style.color, 0.1 * size),
                    tags: None,
                };
                return Some((text_item, leader));
            }
        }
        r += step;
    }
    None
}

/// Whether the segment from `a` to `b` passes through any of `boxes` (sampled every pixel): a
/// leader line must not run through another name or marker, or it reads as pointing there.
fn crosses_any(a: Coord, b: Coord, boxes: &[Rect]) -> bool {
    let steps = (b.x - a.x).hypot(b.y - a.y).ceil().max(1.0) as usize;
    (0..=steps).any(|k| {
        let f = k as f64 / steps as f64;
        let (x, y) = (a.x + f * (b.x - a.x), a.y + f * (b.y - a.y));
        boxes.iter().any(|r| r.min().x < x && x < r.max().x && r.min().y < y && y < r.max().y)
    })
}

/// Why each dropped place has no label: outside the map, or no room beside the label or key
/// nearest to where it stands. Named places are listed wherever they are; others only where they
/// stand on the page.
pub(super) fn reasons(
    spec: &MapSpec,
    dropped: &[Dropped],
    named: usize,
    layers: &[Layer],
    key: Option<Rect>,
) -> Vec<Unlabelled> {
    let mut texts: Vec<(Rect, &str)> = Vec::new();
    // The scale bar's figures ("1,000 km") would read as a range's label: it is named as itself.
    let mut scale_bar: Option<Rect> = None;
    for layer in layers {
        if matches!(layer.id, "legend" | "frame" | "title") {
            continue;
        }
        for item in &layer.items {
            let bounds = match item {
                Item::Text { x, y, text, size_px, bold, anchor, .. } => {
                    let bounds = text_box(text, *x, *y, *anchor, *size_px, *bold);
                    texts.push((bounds, if layer.id == "scale-bar" { "the scale bar" } else { text.as_str() }));
                    Some(bounds)
                }
                Item::Area { shape, .. } => shape.bounding_rect(),
                Item::Lines { lines, .. } => lines.bounding_rect(),
                Item::Marker { .. } => None,
            };
            if let (Some(b), "scale-bar") = (bounds, layer.id) {
                scale_bar = Some(scale_bar.map_or(b, |s| {
                    Rect::new(
                        (s.min().x.min(b.min().x), s.min().y.min(b.min().y)),
                        (s.max().x.max(b.max().x), s.max().y.max(b.max().y)),
                    )
                }));
            }
        }
    }
    let inside = |r: &Rect, p: Coord| r.min().x <= p.x && p.x <= r.max().x && r.min().y <= p.y && p.y <= r.max().y;
    // A place whose dot would touch a site's star (Seoul beside a star on Pyongyang at 90 mm)
    // has no spot at all, whatever the names around it do: it is said so.
    let page = (f64::from(spec.frame.width_px), f64::from(spec.frame.height_px));
    let stars: Vec<(Rect, f64, &str)> = spec
        .sites
        .iter()
        .filter_map(|site| {
            let at = spec.frame.lonlat_to_page(Coord { x: site.lon_deg(), y: site.lat_deg() })?;
            let size =
                layers.iter().filter(|l| l.id == "sites").flat_map(|l| &l.items).find_map(|item| match item {
                    Item::Marker { x, y, size_px, .. } if (x - at.x).abs() < 0.01 && (y - at.y).abs() < 0.01 => {
                        Some(*size_px)
                    }
                    _ => None,
                })?;
            let star = square(at, size);
            on_page(&star, page).then_some((star, size / SITE_MARKER_PT, site.name()))
        })
        .collect();
    let mut out = Vec::new();
    for &(k, at) in dropped {
        let name = spec.places[k].name.clone();
        let reason = match at {
            None if k < named => "outside the map".to_string(),
            None => continue,
            Some(p) if key.is_some_and(|r| inside(&r, p)) => "under the key".to_string(),
            Some(p) if scale_bar.is_some_and(|r| inside(&r, p)) => "under the scale bar".to_string(),
            Some(p)
                if let Some((.., site)) =
                    stars.iter().find(|(star, pt, _)| overlaps(star, &square(p, (PLACE_MARKER_PT + 1.0) * pt))) =>
            {
                format!("its dot against the star of {site}")
            }
            Some(p) => match texts.iter().min_by(|a, b| box_distance(&a.0, p).total_cmp(&box_distance(&b.0, p))) {
                Some((_, text)) => format!("no room beside {text}"),
                None => "no room".to_string(),
            },
        };
        if !out.iter().any(|u: &Unlabelled| u.name == name) {
            out.push(Unlabelled { name, reason });
        }
    }
    out
}
