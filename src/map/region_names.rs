//! Country and sea names on regional maps (and sweep maps), so that a reader of a South China
//! Sea map knows which coast is whose: countries from Natural Earth, each name inside its
//! country's largest polygon; seas at the label points of `assets/strategic/seas.csv`, over
//! water. They come last in the labels' priority: only where nothing else stands.

use geo::{Area, BoundingRect, Contains, Coord, InteriorPoint, MultiPolygon, Rect, Simplify};

use super::MapSpec;
use super::area_names::{Land, points_inside, samples};
use super::labels::{overlaps, text_box};
use crate::basemap::{self, BaseLayer, Detail};
use crate::error::Result;
use crate::mapgeom::{DEFAULT_TOLERANCE_PX, project_polygons};
use crate::scene::{Anchor, Item, Layer};

/// The names of the countries and seas the frame shows, where there is room; none on a world
/// map (frames drawn at 1:110m).
pub(super) fn region_names(spec: &MapSpec, land: &Land, pt: f64, taken: &mut Vec<Rect>) -> Result<Layer> {
    let frame = &spec.frame;
    let theme = &spec.theme;
    let mut items = Vec::new();
    if super::detail_for(frame, spec.detail) == Detail::Coarse {
        return Ok(Layer { id: "region-names", items });
    }
    let (w, h) = (f64::from(frame.width_px), f64::from(frame.height_px));
    let size = 6.5 * pt;
    let fits = |r: &Rect| r.min().x >= 0.0 && r.min().y >= 0.0 && r.max().x <= w && r.max().y <= h;
    let window = frame.lonlat_window(2.0);
    let thin_deg = 0.2 / frame.scale() / 111_320.0;

    // Countries, largest first: each name within its largest polygon on the page.
    let mut countries: Vec<(f64, &str, geo::Polygon)> = Vec::new();
    for feature in basemap::features(BaseLayer::Countries, Detail::Medium)? {
        let Some(name) = feature.name.as_deref() else { continue };
        // A launch area of the same name is named already, in the areas' style.
        if spec.areas.iter().any(|a| a.name.eq_ignore_ascii_case(name)) {
            continue;
        }
        let Some(largest) = feature
            .geometry
            .0
            .iter()
            .filter(|p| p.bounding_rect().is_some_and(|b| window.may_touch(&b)))
            .max_by(|a, b| a.unsigned_area().total_cmp(&b.unsigned_area()))
        else {
            continue;
        };
        countries.push((largest.unsigned_area(), name, largest.clone()));
    }
    countries.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (_, name, polygon) in countries {
        let shape =
            project_polygons(&MultiPolygon::new(vec![polygon.simplify(thin_deg)]), frame, DEFAULT_TOLERANCE_PX, 2.0);
        let Some(at) = shape.interior_point() else { continue };
        // Its interior point first, then points of the country nearest it: the name centred on
        // its own land, its box over that land or water, never over a neighbour's.
        let candidates = points_inside(&shape, at.0, 1.2 * size);
        for c in candidates {
            let y = c.y + 0.26 * size;
            let bounds = text_box(name, c.x, y, Anchor::Middle, size, false);
            let fair = |p: &geo::Point| shape.contains(p) || !land.contains(*p);
            if fits(&bounds) && !taken.iter().any(|t| overlaps(t, &bounds)) && samples(&bounds).all(|p| fair(&p)) {
                taken.push(bounds);
                items.push(Item::Text {
                    x: c.x,
                    y,
                    text: name.to_string(),
                    size_px: size,
                    bold: false,
                    anchor: Anchor::Middle,
                    color: theme.graticule_text,
                    halo: Some((theme.halo, 1.0 * pt)),
                });
                break;
            }
        }
    }

    // Seas, over water.
    for sea in crate::strategic::seas()? {
        let Some(at) = frame.lonlat_to_page(Coord { x: sea.lon, y: sea.lat }) else { continue };
        let y = at.y + 0.26 * size;
        let bounds = text_box(&sea.name, at.x, y, Anchor::Middle, size, false);
        if fits(&bounds) && !taken.iter().any(|t| overlaps(t, &bounds)) && samples(&bounds).all(|p| !land.contains(p)) {
            taken.push(bounds);
            items.push(Item::Text {
                x: at.x,
                y,
                text: sea.name.clone(),
                size_px: size,
                bold: false,
                anchor: Anchor::Middle,
                color: theme.coast,
                halo: Some((theme.ocean, 1.2 * pt)),
            });
        }
    }
    Ok(Layer { id: "region-names", items })
}
