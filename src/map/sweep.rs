//! A sweep on the map: the field of values as filled classes over the region, the region's
//! outline, and the key's colour bar. The best candidates are the map's sites (stars, named by
//! rank and value).
//!
//! The field is drawn in classes — equal steps of round numbers, about eight — rather than as a
//! continuous ramp, so that a value can be read off the colour bar, and the steps survive
//! printing and photocopying. The light and dark themes use viridis (perceptually uniform,
//! lightness rising with the value, readable by colour-blind readers and in grayscale); the
//! grayscale theme a ramp of greys, light to dark. Each class is the region where the value is
//! at least its lower limit: the field is interpolated between the grid's points at the corners
//! of a fine page raster (0.6 pt), and in each cell the limit runs straight between the points
//! where it crosses the cell's sides (marching squares), so class edges are smooth lines; whole
//! cells are merged into runs. Classes are stacked lowest first so that no seam shows between
//! them.

use geo::{Coord, LineString, MultiLineString, MultiPolygon, Polygon, Rect};

use super::MapSpec;
use crate::mapgeom::{DEFAULT_TOLERANCE_PX, project_lines, project_polygons};
use crate::scene::{Anchor, Color, Item, Layer, Style, Symbol};
use crate::sweep::{GridValues, Metric};

/// Viridis (matplotlib's, by van der Walt and Smith) at ten equal steps.
pub const VIRIDIS: [Color; 10] =
    ["#440154", "#482878", "#3e4989", "#31688e", "#26828e", "#1f9e89", "#35b779", "#6ece58", "#b5de2b", "#fde725"];

/// Greys from light to dark, for the grayscale theme.
const GREYS: [Color; 10] =
    ["#f2f2f2", "#dedede", "#c9c9c9", "#b4b4b4", "#9e9e9e", "#888888", "#717171", "#5a5a5a", "#434343", "#2c2c2c"];

/// A sweep to draw.
#[derive(Debug, Clone)]
pub struct SweepMap {
    /// The values over the region (a grid sweep), drawn as a field.
    pub field: Option<GridValues>,
    /// The region, outlined (and the field's extent).
    pub region: Option<MultiPolygon>,
    /// Candidates from a list, drawn as dots in their class's colour: lon/lat and value.
    pub dots: Vec<(Coord, f64)>,
    /// What the values are.
    pub metric: Metric,
    /// The colour bar's title, e.g. `Population within 2,776 km of a site (Dark Eagle)`.
    pub title: String,
    /// The smallest and largest value of any candidate.
    pub range: (f64, f64),
    /// The key's line for the stars, e.g. `Best 5 sites, at least 80 km apart`.
    pub best_note: String,
    /// Further lines of the key: how many candidates share the best value, what the field
    /// shows when it does not vary, which figure of an estimate it is drawn by.
    pub key_notes: Vec<String>,
    /// Counts only: the largest value the key must reach (the number of targets), beyond the
    /// largest any candidate has.
    pub count_ceiling: Option<f64>,
    /// For an estimate drawn by its low figure, the field under the high one: where it is
    /// higher is hatched.
    pub high_field: Option<GridValues>,
}

/// The field's classes: each one's lower limit, the value the field's class edges are drawn
/// at, and the key's labels.
#[derive(Debug, Clone, PartialEq)]
pub struct Classes {
    /// Lower limit of each class, ascending.
    pub limits: Vec<f64>,
    /// Where each class begins on the interpolated field (for counts, halfway from the class
    /// below, since only whole values occur at the candidates).
    pub edges: Vec<f64>,
    /// The key's labels: one per limit and one for the top (`at_limits`), or one per class.
    pub labels: Vec<String>,
    /// Whether the labels mark the limits between classes rather than the classes.
    pub at_limits: bool,
    /// Whether every candidate has the same value (one neutral class).
    pub flat: bool,
}

impl SweepMap {
    /// The classes the field is drawn in: for population, round steps from at or below the
    /// smallest value (the labels at their limits); for counts, whole numbers — one class per
    /// value where there are at most ten, from 0 or the smallest value up to the largest (or
    /// the number of targets), and nothing above; one neutral class where every candidate has
    /// the same value.
    pub fn classes(&self) -> Classes {
        let (min, max) = self.range;
        let whole = self.metric != Metric::Population;
        if min >= max {
            return Classes {
                limits: vec![min],
                edges: vec![f64::NEG_INFINITY],
                labels: vec![self.metric.format(min)],
                at_limits: false,
                flat: true,
            };
        }
        if !whole {
            let limits = class_breaks(min, max, false);
            let labels = limits.iter().map(|&b| self.metric.format(b)).collect();
            let top = limits.len() - 1;
            return Classes {
                edges: limits[..top].to_vec(),
                limits: limits[..top].to_vec(),
                labels,
                at_limits: true,
                flat: false,
            };
        }
        // Targets: from none to all of them.
        let (min, max) = match self.count_ceiling {
            Some(ceiling) => (0.0, ceiling.max(max)),
            None => (min, max),
        };
        let (min, max) = (min.floor(), max.ceil());
        let values = max - min + 1.0;
        let step = if values <= 10.0 { 1.0 } else { (values / 8.0).ceil() };
        let mut limits = Vec::new();
        let mut at = min;
        while at <= max {
            limits.push(at);
            at += step;
        }
        let labels = limits
            .iter()
            .map(|&a| {
                let b = (a + step - 1.0).min(max);
                if a == b {
                    self.metric.format(a)
                } else {
                    format!("{}–{}", self.metric.format(a), self.metric.format(b))
                }
            })
            .collect();
        let edges = limits.iter().map(|&a| a - 0.5).collect();
        Classes { limits, edges, labels, at_limits: false, flat: false }
    }
}

/// The class limits: round steps from at or below `min` to above `max`, about eight classes;
/// whole numbers for counts.
pub fn class_breaks(min: f64, max: f64, whole: bool) -> Vec<f64> {
    let span = (max - min).max(if whole { 1.0 } else { 1e-9 });
    let raw = span / 8.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let mut step = [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * magnitude).find(|s| *s >= raw).unwrap_or(raw);
    if whole {
        step = step.ceil().max(1.0);
    }
    let start = (min / step).floor() * step;
    let mut breaks = vec![start];
    while *breaks.last().unwrap_or(&start) <= max {
        let next = start + step * breaks.len() as f64;
        breaks.push(next);
    }
    breaks
}

/// The colour of class `k` of `n`; one neutral grey for a field that does not vary.
fn class_colour(spec: &MapSpec, k: usize, n: usize, flat: bool) -> Color {
    if flat {
        return spec.theme.graticule;
    }
    let ramp = if spec.theme.monochrome { &GREYS } else { &VIRIDIS };
    let at = if n <= 1 { ramp.len() - 1 } else { (k * (ramp.len() - 1) + (n - 1) / 2) / (n - 1) };
    ramp[at.min(ramp.len() - 1)]
}

/// The class of `value`: how many of the class limits after the first it reaches.
fn class_of(value: f64, limits: &[f64]) -> usize {
    limits[1..].iter().take_while(|&&b| value >= b).count()
}

/// The field's classes, the dots, and the region's outline, as two layers: what goes over the
/// land (under lakes and borders), and the outline over the borders.
pub(super) fn sweep_layers(spec: &MapSpec, sweep: &SweepMap, pt: f64) -> (Layer, Layer) {
    let frame = &spec.frame;
    let (w, h) = (f64::from(frame.width_px), f64::from(frame.height_px));
    let classes = sweep.classes();
    let n = classes.limits.len();
    let mut field_items = Vec::new();
    let region_page = sweep.region.as_ref().map(|r| project_polygons(r, frame, DEFAULT_TOLERANCE_PX, 2.0));
    if let (Some(field), Some(region)) = (&sweep.field, &region_page) {
        let raster = Raster::new(w, h, (0.6 * pt).round().max(1.0));
        let corners = raster.corners(region, |x, y| page_value(frame, field, x, y));
        for (k, &edge) in classes.edges.iter().enumerate() {
            let shape = raster.at_least(&corners, edge, k == 0);
            field_items.push(Item::Area {
                shape,
                style: Style::fill(class_colour(spec, k, n, classes.flat), 1.0),
                tags: None,
            });
        }
        // Where the high figure of an estimate reaches more than the low one: hatched.
        if let Some(high) = &sweep.high_field {
            let more =
                raster.corners(region, |x, y| Some(page_value(frame, high, x, y)? - page_value(frame, field, x, y)?));
            let shape = raster.at_least(&more, 0.5, false);
            field_items.push(Item::Lines {
                lines: super::ranges::hatch(&shape, 45.0, 3.5 * pt),
                style: Style::stroke(spec.theme.ink, 0.45 * pt),
                tags: None,
            });
        }
    }
    let mut over = Vec::new();
    if let Some(region) = &sweep.region {
        let rings: Vec<LineString> = region
            .0
            .iter()
            .flat_map(|p| std::iter::once(p.exterior().clone()).chain(p.interiors().iter().cloned()))
            .collect();
        let lines = project_lines(&rings, frame, DEFAULT_TOLERANCE_PX, 2.0);
        over.push(Item::Lines { lines: lines.clone(), style: Style::stroke(spec.theme.halo, 2.2 * pt), tags: None });
        over.push(Item::Lines { lines, style: Style::stroke(spec.theme.ink, 0.9 * pt), tags: None });
    }
    for (lonlat, value) in &sweep.dots {
        let Some(p) = frame.lonlat_to_page(*lonlat) else { continue };
        if !(0.0..=w).contains(&p.x) || !(0.0..=h).contains(&p.y) {
            continue;
        }
        over.push(Item::Marker {
            x: p.x,
            y: p.y,
            symbol: Symbol::Circle,
            size_px: 5.0 * pt,
            style: Style {
                fill: Some(class_colour(spec, class_of(*value, &classes.limits), n, classes.flat)),
                fill_opacity: 1.0,
                stroke: Some(spec.theme.ink),
                stroke_width: 0.4 * pt,
                dash: Vec::new(),
            },
        });
    }
    (Layer { id: "sweep-field", items: field_items }, Layer { id: "sweep-region", items: over })
}

/// The field's value at a point of the page.
fn page_value(frame: &crate::frame::Frame, field: &GridValues, x: f64, y: f64) -> Option<f64> {
    frame.page_to_lonlat(Coord { x, y }).and_then(|ll| field.at(ll.x, ll.y))
}

/// A fine raster over the page, whose cell corners carry the field's values.
struct Raster {
    cell: f64,
    nx: usize,
    ny: usize,
    h: f64,
}

impl Raster {
    fn new(w: f64, h: f64, cell: f64) -> Raster {
        Raster { cell, nx: (w / cell).ceil() as usize, ny: (h / cell).ceil() as usize, h }
    }

    /// `value` at every cell corner inside `region` (page pixels), NaN elsewhere.
    fn corners(&self, region: &MultiPolygon, value: impl Fn(f64, f64) -> Option<f64>) -> Vec<Vec<f64>> {
        let cell = self.cell;
        let mut corners = vec![vec![f64::NAN; self.nx + 1]; self.ny + 1];
        for (i, row) in corners.iter_mut().enumerate() {
            let y = i as f64 * cell;
            for (a, b) in crossings(region, y) {
                let from = (a / cell).ceil().max(0.0) as usize;
                let to = ((b / cell).floor() as usize).min(self.nx);
                for (j, slot) in row.iter_mut().enumerate().take(to + 1).skip(from) {
                    *slot = value(j as f64 * cell, y).unwrap_or(f64::NAN);
                }
            }
        }
        corners
    }

    /// Where the interpolated values are at least `limit` (every cell inside, for `lowest`):
    /// whole cells merged into runs, the others cut where the limit crosses their sides.
    fn at_least(&self, corners: &[Vec<f64>], limit: f64, lowest: bool) -> MultiPolygon {
        let (cell, nx) = (self.cell, self.nx);
        let mut polygons: Vec<Polygon> = Vec::new();
        for i in 0..self.ny {
            let (y0, y1) = (i as f64 * cell, ((i + 1) as f64 * cell).min(self.h));
            let mut run: Option<f64> = None;
            for j in 0..=nx {
                let x0 = j as f64 * cell;
                let piece = if j < nx { cell_piece(corners, i, j, limit, lowest) } else { Piece::Empty };
                if let (Some(start), false) = (run, piece == Piece::Full) {
                    polygons.push(Rect::new((start, y0), (x0, y1)).to_polygon());
                    run = None;
                }
                match piece {
                    Piece::Full => run = run.or(Some(x0)),
                    Piece::Part(corner_values) => {
                        let ring = clip_cell(x0, y0, cell, corner_values, limit);
                        if ring.len() >= 3 {
                            polygons.push(Polygon::new(LineString::from(ring), Vec::new()));
                        }
                    }
                    Piece::Empty => {}
                }
            }
        }
        MultiPolygon::new(polygons)
    }
}

/// What of a page cell lies at or above a class limit.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Piece {
    /// None of it (or the cell is outside the region).
    Empty,
    /// All of it.
    Full,
    /// Part: the values at its corners (top left, top right, bottom right, bottom left).
    Part([f64; 4]),
}

/// Cell (`i`, `j`) against `limit`. Corners outside the region take the mean of those inside,
/// so that the field reaches the region's edge (under its outline); a cell with no corner
/// inside is empty. For the lowest class (`lowest`) every cell inside is full.
fn cell_piece(corners: &[Vec<f64>], i: usize, j: usize, limit: f64, lowest: bool) -> Piece {
    let mut v = [corners[i][j], corners[i][j + 1], corners[i + 1][j + 1], corners[i + 1][j]];
    let known: Vec<f64> = v.iter().copied().filter(|x| !x.is_nan()).collect();
    if known.is_empty() {
        return Piece::Empty;
    }
    let mean = known.iter().sum::<f64>() / known.len() as f64;
    for x in &mut v {
        if x.is_nan() {
            *x = mean;
        }
    }
    let above = v.iter().filter(|&&x| x >= limit).count();
    match above {
        _ if lowest => Piece::Full,
        4 => Piece::Full,
        0 => Piece::Empty,
        _ => Piece::Part(v),
    }
}

/// The part of the square cell at (`x0`, `y0`) of side `cell` where the value — linear along
/// each side between the corner `values` — is at least `limit`: its corners at or above the
/// limit and the points on its sides where the value crosses it, in order around the cell.
fn clip_cell(x0: f64, y0: f64, cell: f64, values: [f64; 4], limit: f64) -> Vec<Coord> {
    let at = [
        Coord { x: x0, y: y0 },
        Coord { x: x0 + cell, y: y0 },
        Coord { x: x0 + cell, y: y0 + cell },
        Coord { x: x0, y: y0 + cell },
    ];
    let mut ring = Vec::with_capacity(8);
    for k in 0..4 {
        let (a, b) = (k, (k + 1) % 4);
        if values[a] >= limit {
            ring.push(at[a]);
        }
        if (values[a] >= limit) != (values[b] >= limit) {
            let t = (limit - values[a]) / (values[b] - values[a]);
            ring.push(Coord { x: at[a].x + t * (at[b].x - at[a].x), y: at[a].y + t * (at[b].y - at[a].y) });
        }
    }
    if let Some(&first) = ring.first() {
        ring.push(first);
    }
    ring
}

/// Where the horizontal line at `y` is inside `shape` (even–odd rule): x intervals, west to east.
fn crossings(shape: &MultiPolygon, y: f64) -> Vec<(f64, f64)> {
    let mut xs = Vec::new();
    for polygon in &shape.0 {
        for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
            for edge in ring.lines() {
                let (p, q) = (edge.start, edge.end);
                if (p.y <= y) != (q.y <= y) {
                    xs.push(p.x + (y - p.y) / (q.y - p.y) * (q.x - p.x));
                }
            }
        }
    }
    xs.sort_by(f64::total_cmp);
    xs.chunks_exact(2).map(|c| (c[0], c[1])).collect()
}

/// The key: the colour bar with its title and class limits, and the stars' line; laid out from
/// its own top-left corner, at most `max_width` wide: its items, width and height.
pub(super) fn sweep_key(spec: &MapSpec, sweep: &SweepMap, pt: f64, max_width: f64) -> (Vec<Item>, f64, f64) {
    let theme = &spec.theme;
    let scheme = sweep.classes();
    let classes = scheme.limits.len();
    let size = 8.0 * pt;
    let small = 7.0 * pt;
    let pad = 5.0 * pt;
    let swatch_w = 16.0 * pt;
    let bar_w = swatch_w * classes as f64;
    let room = (max_width - 2.0 * pad).max(bar_w);
    let labels = &scheme.labels;
    let label_w = labels.iter().map(|l| crate::text::width_px(l, small, false)).fold(0.0, f64::max);
    // The stars' line, wrapped to the room beside its star: on a narrow page it would run past
    // the key's edge and the page's.
    let star_lines = if sweep.best_note.is_empty() {
        Vec::new()
    } else {
        crate::text::wrap(&sweep.best_note, small, false, room - 14.0 * pt)
    };
    let star_w = 14.0 * pt + star_lines.iter().map(|l| crate::text::width_px(l, small, false)).fold(0.0, f64::max);
    let title_room = room.min((bar_w + label_w).max(star_w).max(160.0 * pt));
    let title = crate::text::wrap(&sweep.title, size, true, title_room);
    let leading = size * 1.2;
    let title_w = title.iter().map(|l| crate::text::width_px(l, size, true)).fold(0.0, f64::max);
    let notes: Vec<String> =
        sweep.key_notes.iter().flat_map(|n| crate::text::wrap(n, small, false, title_room.max(title_w))).collect();
    let notes_w = notes.iter().map(|n| crate::text::width_px(n, small, false)).fold(0.0, f64::max);
    let width = (bar_w + label_w).max(title_w).max(star_w).max(notes_w) + 2.0 * pad;
    let mut items = Vec::new();
    let mut y = pad + size * 0.85;
    for line in &title {
        items.push(text(line.clone(), pad, y, size, true, Anchor::Start, theme.ink));
        y += leading;
    }
    let bar_top = y - size * 0.4;
    let bar_h = 8.0 * pt;
    for k in 0..classes {
        let x0 = pad + label_w / 2.0 + k as f64 * swatch_w;
        let rect = Rect::new((x0, bar_top), (x0 + swatch_w, bar_top + bar_h)).to_polygon();
        items.push(Item::Area {
            shape: MultiPolygon::new(vec![rect]),
            style: Style::fill(class_colour(spec, k, classes, scheme.flat), 1.0),
            tags: None,
        });
    }
    let outline = Rect::new((pad + label_w / 2.0, bar_top), (pad + label_w / 2.0 + bar_w, bar_top + bar_h));
    items.push(Item::Lines {
        lines: MultiLineString::new(vec![outline.to_polygon().exterior().clone()]),
        style: Style::stroke(theme.ink, 0.4 * pt),
        tags: None,
    });
    // Every label where there is room, else every other one: at the limits between classes
    // (population), or under each class (counts).
    let every = if label_w + 3.0 * pt > swatch_w { 2 } else { 1 };
    for (k, label) in labels.iter().enumerate() {
        let x = pad + label_w / 2.0 + k as f64 * swatch_w + if scheme.at_limits { 0.0 } else { swatch_w / 2.0 };
        if scheme.at_limits {
            let tick = LineString::from(vec![(x, bar_top + bar_h), (x, bar_top + bar_h + 2.0 * pt)]);
            items.push(Item::Lines {
                lines: MultiLineString::new(vec![tick]),
                style: Style::stroke(theme.ink, 0.4 * pt),
                tags: None,
            });
        }
        if k % every == 0 || k + 1 == labels.len() && every == 1 {
            items.push(text(
                label.clone(),
                x,
                bar_top + bar_h + 2.5 * pt + small * 0.85,
                small,
                false,
                Anchor::Middle,
                theme.ink,
            ));
        }
    }
    let mut height = bar_top + bar_h + 2.5 * pt + small * 1.2;
    if !star_lines.is_empty() {
        let mid = height + 5.0 * pt;
        items.push(Item::Marker {
            x: pad + 4.5 * pt,
            y: mid,
            symbol: Symbol::Star,
            size_px: 9.0 * pt,
            style: Style {
                fill: Some(theme.ink),
                fill_opacity: 1.0,
                stroke: Some(theme.halo),
                stroke_width: 0.8 * pt,
                dash: Vec::new(),
            },
        });
        let mut baseline = mid + small * 0.35;
        for line in &star_lines {
            items.push(text(line.clone(), pad + 12.0 * pt, baseline, small, false, Anchor::Start, theme.ink));
            baseline += small * 1.3;
        }
        height = mid + 6.0 * pt + (star_lines.len() - 1) as f64 * small * 1.3;
    }
    for note in notes {
        height += small * 1.3;
        items.push(text(note, pad, height, small, false, Anchor::Start, theme.ink));
    }
    if !sweep.key_notes.is_empty() {
        height += small * 0.5;
    }
    height += pad * 0.5;
    let background = Item::Area {
        shape: MultiPolygon::new(vec![Rect::new((0.0, 0.0), (width, height)).to_polygon()]),
        style: Style {
            fill: Some(theme.halo),
            fill_opacity: 0.9,
            stroke: Some(theme.graticule_text),
            stroke_width: 0.4 * pt,
            dash: Vec::new(),
        },
        tags: None,
    };
    items.insert(0, background);
    (items, width, height)
}

fn text(text: String, x: f64, y: f64, size_px: f64, bold: bool, anchor: Anchor, color: Color) -> Item {
    Item::Text { x, y, text, size_px, bold, anchor, color, halo: None }
}
