//! From the union in the chart back to exact lon/lat curves: every vertex put back at the
//! radius (a sampled vertex takes its exact position back; a crossing of two curves is solved
//! for), sampled vertices that a neighbouring curve covers dropped, longitudes unwrapped and an
//! exact vertex placed on every ±180° crossing, ready for [`crate::cut::assemble`].

use std::collections::HashMap;

use geo::{Coord, Line, MultiPolygon, Point};
use rstar::primitives::GeomWithData;
use rstar::{PointDistance, RTree};

use super::LaunchArea;
use super::chart::{Candidate, Chart};
use super::distance::Feature;
use crate::geodesy::{meters_per_degree, wrap_lon};
use crate::solve::{self, Crossing, NearestPoint, closing_lon, meridians_between, onto, unwrap_after};

/// The union works on an integer grid (about 1 cm across a continent-sized chart): a union
/// vertex within this many metres of a sampled vertex is that vertex.
const MATCH_M: f64 = 0.1;

/// How far inside the radius (metres) a vertex may be before it counts as covered, and how far
/// off it a solved crossing may be.
const COVERED_M: f64 = 1e-4;

/// A vertex of the outline and the features it lies at the radius from (one, or two where
/// curves cross).
#[derive(Debug, Clone)]
struct Vertex {
    point: Point,
    features: Vec<Feature>,
}

/// Sampled vertices, found by chart position.
struct Lookup<'a> {
    cells: HashMap<(i64, i64), Vec<usize>>,
    candidates: &'a [Candidate],
}

impl<'a> Lookup<'a> {
    fn new(candidates: &'a [Candidate]) -> Lookup<'a> {
        let mut cells: HashMap<(i64, i64), Vec<usize>> = HashMap::with_capacity(candidates.len());
        for (i, c) in candidates.iter().enumerate() {
            cells.entry(cell(c.xy)).or_default().push(i);
        }
        Lookup { cells, candidates }
    }

    fn find(&self, xy: Coord) -> Option<&'a Candidate> {
        let (cx, cy) = cell(xy);
        let mut best: Option<(f64, &Candidate)> = None;
        for dx in -1..=1 {
            for dy in -1..=1 {
                for &i in self.cells.get(&(cx + dx, cy + dy)).into_iter().flatten() {
                    let c = &self.candidates[i];
                    let d = (c.xy.x - xy.x).hypot(c.xy.y - xy.y);
                    if d <= MATCH_M && best.is_none_or(|(b, _)| d < b) {
                        best = Some((d, c));
                    }
                }
            }
        }
        best.map(|(_, c)| c)
    }
}

fn cell(xy: Coord) -> (i64, i64) {
    ((xy.x / MATCH_M).floor() as i64, (xy.y / MATCH_M).floor() as i64)
}

/// The chords between consecutive sampled vertices of every curve, found by chart position.
/// The union's edges run along them, so the chord under an edge tells whose curve it follows,
/// also where the vertices at its ends say nothing: a crossing, or a sampled vertex that
/// several curves share (where a band ends, the sector after it begins).
struct Chords {
    tree: RTree<GeomWithData<Line, Feature>>,
}

impl Chords {
    fn new(sampled: &[Vec<Candidate>]) -> Chords {
        let chords = sampled
            .iter()
            .flat_map(|curve| curve.windows(2).map(|w| GeomWithData::new(Line::new(w[0].xy, w[1].xy), w[0].feature)));
        Chords { tree: RTree::bulk_load(chords.collect()) }
    }

    /// The feature of a chord that both ends of the union's edge from `p` to `q` lie on.
    fn under(&self, p: Coord, q: Coord) -> Option<Feature> {
        let on = |chord: &Line, c: Coord| chord.distance_2(&Point::from(c)) <= MATCH_M * MATCH_M;
        let middle = Point::from((p + q) / 2.0);
        self.tree
            .locate_within_distance(middle, MATCH_M * MATCH_M)
            .find(|chord| on(chord.geom(), p) && on(chord.geom(), q))
            .map(|chord| chord.data)
    }
}

/// Every ring of `union` as a closed lon/lat curve with the region on its left (the union's
/// exteriors run counter-clockwise and holes clockwise, in the chart as on the ground), its
/// longitude unwrapped, the last vertex repeating the first a whole number of turns on.
///
/// `sampled` holds the sampled vertices of each curve (an arc or an offset curve) in order.
pub(super) fn curves(
    union: &MultiPolygon,
    sampled: &[Vec<Candidate>],
    chart: Chart,
    area: &LaunchArea,
    r: f64,
) -> Vec<Vec<Point>> {
    let candidates: Vec<Candidate> = sampled.iter().flatten().copied().collect();
    let lookup = Lookup::new(&candidates);
    let chords = Chords::new(sampled);
    let rings = union.0.iter().flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()));
    let mut curves = Vec::new();
    for ring in rings {
        let coords = &ring.0[..ring.0.len().saturating_sub(1)];
        if coords.len() < 3 {
            continue;
        }
        let vertices = exact_vertices(coords, &lookup, &chords, chart, area, r);
        if vertices.len() >= 3 {
            curves.push(unwrapped(&vertices, r));
        }
    }
    curves
}

/// The ring's vertices put back on the true boundary.
fn exact_vertices(
    coords: &[Coord],
    lookup: &Lookup,
    chords: &Chords,
    chart: Chart,
    area: &LaunchArea,
    r: f64,
) -> Vec<Vertex> {
    let n = coords.len();
    let mut matched: Vec<Option<&Candidate>> = coords.iter().map(|&c| lookup.find(c)).collect();
    // Where the boundary passes from one feature's curve to another's, a vertex taken for a
    // sampled one may be a crossing a few centimetres from it, or lie inside the other curve:
    // such vertices are checked, and solved for as crossings if covered.
    let feature = |m: Option<&Candidate>| m.map(|c| c.feature);
    let covered: Vec<usize> = (0..n)
        .filter(|&i| {
            let Some(c) = matched[i] else { return false };
            let changes =
                [n - 2, n - 1, 1, 2].iter().any(|&k| feature(matched[(i + k) % n]).is_none_or(|f| f != c.feature));
            changes && area.boundary.nearest(c.point).0.distance_m < r - COVERED_M
        })
        .collect();
    for i in covered {
        matched[i] = None;
    }
    let mut vertices: Vec<Option<Vertex>> = Vec::with_capacity(n);
    for (i, m) in matched.iter().enumerate() {
        vertices.push(Some(match m {
            Some(c) => Vertex { point: c.point, features: vec![c.feature] },
            None => {
                // The curves that meet here are those the ring's edges into and out of it run
                // along. Not those of the nearest sampled vertices before and after it: such a
                // vertex may be where one curve ends and the next begins, or the chord into a
                // crossing may come from another crossing. Only an edge along no chord (along a
                // normal, say) falls back on them.
                let (previous, next) = (coords[(i + n - 1) % n], coords[(i + 1) % n]);
                let before = chords
                    .under(previous, coords[i])
                    .or_else(|| (1..n).map(|k| matched[(i + n - k) % n]).find_map(|m| m.map(|c| c.feature)));
                let after = chords
                    .under(coords[i], next)
                    .or_else(|| (1..n).map(|k| matched[(i + k) % n]).find_map(|m| m.map(|c| c.feature)));
                let v = crossing(chart.lon_lat(coords[i]), before, after, area, r);
                // One that no pair of features explains is an artefact of the union's grid: it
                // lies inside, or off the radius where Newton's method found no crossing.
                if (area.boundary.nearest(v.point).0.distance_m - r).abs() > COVERED_M {
                    vertices.push(None);
                    continue;
                }
                v
            }
        }));
    }
    // A sampled vertex next to a crossing may lie inside the other curve, by less than the
    // tolerance (the union saw that curve's chord): it is not on the boundary.
    for i in 0..n {
        if matched[i].is_some() {
            continue;
        }
        for k in [n - 2, n - 1, 1, 2] {
            let j = (i + k) % n;
            let inside = matched[j].is_some()
                && vertices[j].as_ref().is_some_and(|v| area.boundary.nearest(v.point).0.distance_m < r - COVERED_M);
            if inside {
                vertices[j] = None;
            }
        }
    }
    let mut vertices: Vec<Vertex> = vertices.into_iter().flatten().collect();
    order_repeated_crossings(&mut vertices, chart);
    // Several union vertices around one crossing (the union's grid splits it) are solved to
    // the same point, a few nanometres apart: one is kept, lest they zig-zag.
    let mut kept: Vec<Vertex> = Vec::with_capacity(n);
    for v in vertices {
        if kept.last().is_some_and(|k| same_point(k.point, v.point)) {
            continue;
        }
        kept.push(v);
    }
    while kept.len() > 1 && same_point(kept[0].point, kept[kept.len() - 1].point) {
        kept.pop();
    }
    kept
}

/// How many vertices along a ring two copies of one crossing may be apart and still be taken
/// for the same corner of the boundary.
const REPEAT_WINDOW: usize = 16;

/// Puts in order the vertices around a crossing that the union saw more than once. Where two
/// curves cross at a small angle their chords may cross each other several times around the
/// one true crossing: the union passes from one chord to the other and back, each time at a
/// vertex that is solved to that same crossing, with sampled vertices of both curves between.
/// Those sampled vertices are on the boundary, one curve's before the crossing and the other's
/// after it, but the copies of the crossing between them would make the ring zig-zag. From the
/// first copy to the last, the vertices are sorted by their position along the boundary there
/// (along the chart's direction from the vertex before them to the one after), so that the
/// copies come together, to be merged as one.
fn order_repeated_crossings(vertices: &mut [Vertex], chart: Chart) {
    let n = vertices.len();
    let is_crossing = |v: &Vertex| v.features.len() >= 2;
    let mut j = 0;
    while j < n {
        let copy = (1..REPEAT_WINDOW.min(n.saturating_sub(1))).rev().find(|&d| {
            let (first, other) = (&vertices[j], &vertices[(j + d) % n]);
            is_crossing(first) && is_crossing(other) && same_point(first.point, other.point)
        });
        let Some(last) = copy else {
            j += 1;
            continue;
        };
        let slots: Vec<usize> = (j..=j + last).map(|k| k % n).collect();
        let before = chart.xy(vertices[(j + n - 1) % n].point);
        let after = chart.xy(vertices[(j + last + 1) % n].point);
        let (along, crossing) = (after - before, chart.xy(vertices[j].point));
        let mut cluster: Vec<(f64, Vertex)> = slots
            .iter()
            .map(|&k| {
                let offset = chart.xy(vertices[k].point) - crossing;
                (offset.x * along.x + offset.y * along.y, vertices[k].clone())
            })
            .collect();
        cluster.sort_by(|p, q| p.0.total_cmp(&q.0));
        for (&k, (_, v)) in slots.iter().zip(cluster) {
            vertices[k] = v;
        }
        j += last + 1;
    }
}

/// Whether two points are within about a millimetre of each other (1e-8° of latitude is
/// 1.1 mm; longitude is scaled by the cosine of latitude).
fn same_point(a: Point, b: Point) -> bool {
    let dlon = wrap_lon(a.x() - b.x()) * a.y().to_radians().cos();
    dlon.abs() < 1e-8 && (a.y() - b.y()).abs() < 1e-8
}

/// The exact vertex where the curves of `before` and `after` cross, near `x`; where they are
/// one feature (or unknown), the point at the radius from the nearest feature towards `x`. A
/// third feature found nearer than the radius replaces the farther of the two.
fn crossing(x: Point, before: Option<Feature>, after: Option<Feature>, area: &LaunchArea, r: f64) -> Vertex {
    let mut features: Vec<Feature> = before.into_iter().chain(after).collect();
    features.dedup();
    if features.is_empty() {
        features.push(area.boundary.nearest(x).1);
    }
    let mut point = x;
    for _ in 0..4 {
        point = match features[..] {
            [one] => onto(point, &one, r),
            [one, two, ..] => solve_two(point, one, two, r),
            [] => point,
        };
        let (near, nearest) = area.boundary.nearest(point);
        if near.distance_m >= r - COVERED_M || features.contains(&nearest) {
            break;
        }
        // Keep the nearer of the two, and the feature that covers the point.
        if features.len() == 2 && features[0].near(point).distance_m > features[1].near(point).distance_m {
            features.swap(0, 1);
        }
        features.truncate(1);
        features.push(nearest);
    }
    Vertex { point, features }
}

/// The point near `x` at the radius from both features ([`crossing`]); where their range lines
/// touch rather than cross, the nearer feature decides.
fn solve_two(x: Point, one: Feature, two: Feature, r: f64) -> Point {
    match solve::crossing(x, &one, &two, r) {
        Crossing::Found(point) | Crossing::Unconverged(point) => point,
        Crossing::Touching(point) => {
            let nearer = if one.near(point).distance_m <= two.near(point).distance_m { one } else { two };
            onto(point, &nearer, r)
        }
    }
}

/// The ring as a closed curve with continuous longitude and an exact vertex on every meridian
/// 180° + k·360° it crosses.
fn unwrapped(vertices: &[Vertex], r: f64) -> Vec<Point> {
    let n = vertices.len();
    let mut out: Vec<Point> = Vec::with_capacity(n + 4);
    let mut prev: Option<(Point, &Vertex)> = None;
    for k in 0..=n {
        let v = &vertices[k % n];
        let lon = match prev {
            Some((p, _)) => unwrap_after(p.x(), v.point.x()),
            None => v.point.x(),
        };
        let here = Point::new(lon, v.point.y());
        if let Some((p, pv)) = prev {
            for m in meridians_between(p.x(), lon, 180.0) {
                let f = (m - p.x()) / (lon - p.x());
                let lat = p.y() + f * (v.point.y() - p.y());
                let features: Vec<Feature> = pv.features.iter().chain(&v.features).copied().collect();
                out.push(Point::new(m, on_meridian(m, lat, &features, r)));
            }
        }
        out.push(here);
        prev = Some((here, v));
    }
    // The closing vertex repeats the first a whole number of turns on, to the last bit.
    let first = out[0];
    let last = out.len() - 1;
    out[last] = Point::new(closing_lon(first.x(), out[last].x()), first.y());
    out
}

/// The latitude near `lat` where meridian `lon` meets the boundary: where the least distance
/// to `features` is the radius (Newton's method; moving north changes the distance at the
/// rate cos α per metre, α the azimuth of the geodesic arriving from the nearest foot).
fn on_meridian(lon: f64, mut lat: f64, features: &[Feature], r: f64) -> f64 {
    let lon = wrap_lon(lon);
    for _ in 0..30 {
        let x = Point::new(lon, lat);
        let Some(near) = features.iter().map(|f| f.near(x)).min_by(|a, b| a.distance_m.total_cmp(&b.distance_m)) else {
            return lat;
        };
        let error = near.distance_m - r;
        if error.abs() < 1e-6 {
            break;
        }
        let slope = near.away_deg.to_radians().cos() * meters_per_degree(lat).1;
        let step = if slope.abs() > 1e-9 { (error / slope).clamp(-0.5, 0.5) } else { 0.0 };
        if step == 0.0 {
            break;
        }
        lat = (lat - step).clamp(-90.0, 90.0);
    }
    lat
}
