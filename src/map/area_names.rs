//! Launch areas' names: inside the area where the name fits, else joined to it by a leader line
//! from a spot over the area itself or over water — never over another country's land (the
//! name "Kaliningrad Oblast" must not be read as naming Lithuania).

use geo::{BoundingRect, Contains, Coord, InteriorPoint, MultiPolygon, Point, Polygon, Rect};

use super::MapSpec;
use super::labels::{LabelStyle, Unlabelled, leader_label, overlaps, text_box};
use crate::mapgeom::{DEFAULT_TOLERANCE_PX, project_polygons};
use crate::scene::{Anchor, Item};

/// The areas' names, claiming room in `taken`; `land` is the base map's land on the page. Names
/// with no such spot are reported.
pub(super) fn area_names(spec: &MapSpec, land: &Land, pt: f64, taken: &mut Vec<Rect>) -> (Vec<Item>, Vec<Unlabelled>) {
    let frame = &spec.frame;
    let page = (f64::from(frame.width_px), f64::from(frame.height_px));
    let style = LabelStyle {
        size_px: 8.0 * pt,
        bold: true,
        color: spec.theme.ink,
        halo: (spec.theme.halo, 2.4 * pt),
        gap_px: 8.0 * pt,
        marker_px: 0.0,
    };
    let mut items = Vec::new();
    let mut unlabelled = Vec::new();
    for area in &spec.areas {
        let (shape, anchor_at) = match area.area.polygons() {
            Some(polygons) => {
                let shape = project_polygons(polygons, frame, DEFAULT_TOLERANCE_PX, 2.0);
                let inside = shape.interior_point().map(|p| p.0);
                (shape, inside)
            }
            None => {
                let centre = area.area.outline().bounding_rect().and_then(|b| frame.lonlat_to_page(b.center()));
                (MultiPolygon::new(Vec::new()), centre)
            }
        };
        let Some(at) = anchor_at else {
            unlabelled.push(Unlabelled { name: area.name.clone(), reason: "outside the map".into() });
            continue;
        };
        // Every point of a box, sampled: on the area itself, or off land (water).
        let fair = |bounds: &Rect| samples(bounds).all(|p| shape.contains(&p) || !land.contains(p));
        // Inside: centred on the area's interior point or a point of the area near it, wholly
        // within the area; smaller type before a leader.
        let mut placed = false;
        'sizes: for scale in [1.0, 0.875, 0.75] {
            let size = style.size_px * scale;
            for c in points_inside(&shape, at, 1.2 * size) {
                let y = c.y + 0.26 * size;
                let inside = text_box(&area.name, c.x, y, Anchor::Middle, size, style.bold);
                let on_page = inside.min().x >= 0.0
                    && inside.min().y >= 0.0
                    && inside.max().x <= page.0
                    && inside.max().y <= page.1;
                if on_page
                    && samples(&inside).all(|p| shape.contains(&p))
                    && !taken.iter().any(|t| overlaps(t, &inside))
                {
                    taken.push(inside);
                    items.push(style.text(c.x, y, &area.name, size, Anchor::Middle));
                    placed = true;
                    break 'sizes;
                }
            }
        }
        if placed {
            continue;
        }
        // Else beside it, over the area or water, with a leader from its interior point: one
        // that runs through no other name where there is such a spot (a leader through
        // "Pyongyang" reads as pointing there), else the nearest spot.
        let beside = leader_label(&area.name, at, 2.0 * pt, 120.0 * pt, &style, page, taken, true, &fair)
            .or_else(|| leader_label(&area.name, at, 2.0 * pt, 120.0 * pt, &style, page, taken, false, &fair));
        match beside {
            Some((label, leader)) => {
                items.push(leader);
                items.push(label);
            }
            None => unlabelled.push(Unlabelled {
                name: area.name.clone(),
                reason: format!("no room inside {} or over water beside it", area.name),
            }),
        }
    }
    (items, unlabelled)
}

/// `at`, then the points of a grid of `step` over `shape` that lie in it, nearest `at` first:
/// where a name may be centred within a shape.
pub(super) fn points_inside(shape: &MultiPolygon, at: Coord, step: f64) -> Vec<Coord> {
    let mut points = vec![at];
    let Some(bounds) = shape.bounding_rect() else { return points };
    let (nx, ny) = (((bounds.width() / step) as usize).min(80), ((bounds.height() / step) as usize).min(80));
    for i in 0..=nx {
        for j in 0..=ny {
            let c = Coord { x: bounds.min().x + i as f64 * step, y: bounds.min().y + j as f64 * step };
            if shape.contains(&Point::from(c)) {
                points.push(c);
            }
        }
    }
    let d = |c: &Coord| (c.x - at.x).hypot(c.y - at.y);
    points[1..].sort_by(|a, b| d(a).total_cmp(&d(b)));
    points
}

/// The base map's land on the page, for asking whether a point is on land.
pub(super) struct Land {
    polygons: Vec<(Rect, Polygon)>,
}

impl Land {
    /// The land of the base map's `land` layer items.
    pub(super) fn of(shapes: &[&MultiPolygon]) -> Land {
        let polygons =
            shapes.iter().flat_map(|m| m.0.iter()).filter_map(|p| p.bounding_rect().map(|b| (b, p.clone()))).collect();
        Land { polygons }
    }

    /// Whether `p` is on land.
    pub(super) fn contains(&self, p: Point) -> bool {
        self.polygons.iter().any(|(b, poly)| {
            b.min().x <= p.x() && p.x() <= b.max().x && b.min().y <= p.y() && p.y() <= b.max().y && poly.contains(&p)
        })
    }
}

/// Points spread over a box: seven across (its ends among them) on its top, middle and bottom.
pub(super) fn samples(r: &Rect) -> impl Iterator<Item = Point> + '_ {
    let (x0, y0, x1, y1) = (r.min().x, r.min().y, r.max().x, r.max().y);
    (0..7).flat_map(move |i| {
        let fx = f64::from(i) / 6.0;
        [0.0, 0.5, 1.0].into_iter().map(move |fy| Point::from(Coord { x: x0 + fx * (x1 - x0), y: y0 + fy * (y1 - y0) }))
    })
}
