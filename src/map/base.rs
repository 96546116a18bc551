//! The base map: ocean, land, lakes, graticule, borders and coastlines, projected onto the
//! frame's page and clipped to it, in the theme's quiet colours.

use geo::{BoundingRect, Coord, LineString, MultiLineString, MultiPolygon, Rect, Simplify};

use super::graticule::{GraticuleLine, graticule_lines, graticule_step};
use crate::basemap::{self, BaseLayer, Detail};
use crate::error::Result;
use crate::frame::Frame;
use crate::mapgeom::{DEFAULT_TOLERANCE_PX, project_lines, project_polygons};
use crate::scene::{Item, Layer, Style, Symbol};
use crate::theme::Theme;

/// Frames wider than this (projected metres) use the 1:110m base map.
const COARSE_ABOVE_M: f64 = 15_000_000.0;
/// Frames narrower than this use the 1:10m base map: at 1:50m a 180 mm figure of a frame this
/// narrow shows the Philippines as blobs and loses the South China Sea's islands and reefs.
const FINE_BELOW_M: f64 = 3_000_000.0;

/// The base map's detail for `frame`: `forced` where the user chose one, else 1:10m for frames
/// narrower than 3,000 km, 1:110m for frames wider than 15,000 km, 1:50m between.
pub fn detail_for(frame: &Frame, forced: Option<Detail>) -> Detail {
    let width_m = frame.extent.width();
    forced.unwrap_or(if width_m > COARSE_ABOVE_M {
        Detail::Coarse
    } else if width_m < FINE_BELOW_M {
        Detail::Fine
    } else {
        Detail::Medium
    })
}

/// Each meridian or parallel on the page, by its value, for the graticule's labels.
pub(super) type PageGraticule = Vec<(f64, MultiLineString)>;

/// The base map's layers, bottom first, and the meridians and parallels on the page.
pub(super) fn base_layers(
    frame: &Frame,
    theme: &Theme,
    pt: f64,
    detail: Detail,
) -> Result<(Vec<Layer>, PageGraticule, PageGraticule)> {
    let tolerance = DEFAULT_TOLERANCE_PX;
    let (w, h) = (f64::from(frame.width_px), f64::from(frame.height_px));
    let page = Rect::new((0.0, 0.0), (w, h)).to_polygon();

    // Base map outlines are thinned in lon/lat to a fifth of a pixel at the frame's nominal
    // scale before projecting: projection (an ellipsoidal geodesic solution per point for
    // azimuthal equidistant frames) is the cost, and detail finer than that cannot be seen.
    let thin_deg = 0.2 / frame.scale() / 111_320.0;
    // Only the polygons that may reach the page are projected at all, and of those not the
    // stretches of outline far beyond the page (a continent's, on a regional frame).
    let window = frame.lonlat_window(2.0);
    let visible = |shape: &MultiPolygon| -> MultiPolygon {
        let kept = shape.0.iter().filter(|p| p.bounding_rect().is_some_and(|b| window.may_touch(&b)));
        window.cull_polygons(&MultiPolygon::new(kept.cloned().collect()).simplify(thin_deg))
    };
    let thinned_land: Vec<MultiPolygon> =
        basemap::features(BaseLayer::Land, detail)?.iter().map(|f| visible(&f.geometry)).collect();
    let land: Vec<MultiPolygon> =
        thinned_land.iter().map(|shape| project_polygons(shape, frame, tolerance, 2.0)).collect();
    let islands = if detail == Detail::Fine { small_islands(&land, ISLAND_DOT_PT * pt) } else { Vec::new() };
    let lakes: Vec<MultiPolygon> = basemap::features(BaseLayer::Lakes, detail)?
        .iter()
        .map(|f| project_polygons(&visible(&f.geometry), frame, tolerance, 2.0))
        .collect();
    let rings_of = |shapes: &mut dyn Iterator<Item = MultiPolygon>| -> Vec<LineString> {
        shapes
            .flat_map(|shape| shape.0.into_iter())
            .flat_map(|p| {
                std::iter::once(p.exterior().clone()).chain(p.interiors().iter().cloned()).collect::<Vec<_>>()
            })
            .flat_map(|ring| drawn_outline(&ring))
            .collect()
    };
    let countries = basemap::features(BaseLayer::Countries, detail)?;
    let borders = project_lines(&rings_of(&mut countries.iter().map(|f| visible(&f.geometry))), frame, tolerance, 2.0);
    let coast = project_lines(&rings_of(&mut thinned_land.into_iter()), frame, tolerance, 2.0);
    // Each meridian and parallel on the page, kept apart for their labels; clipped exactly at
    // the page edge, where the labels go.
    let (meridians, parallels) = graticule_lines(graticule_step(frame));
    let on_page = |lines: Vec<GraticuleLine>| -> PageGraticule {
        lines
            .into_iter()
            .filter(|(_, line)| line.bounding_rect().is_some_and(|b| window.may_touch(&b)))
            .map(|(value, line)| (value, project_lines(&[line], frame, tolerance, 0.0)))
            .collect()
    };
    let (meridians, parallels) = (on_page(meridians), on_page(parallels));
    let graticule = MultiLineString::new(
        meridians.iter().chain(&parallels).flat_map(|(_, lines)| lines.0.iter().cloned()).collect(),
    );

    // The ocean is the whole globe as projected: the page itself on regional frames, the
    // globe's outline on a world frame.
    let lon_0 = frame.projection.lon_0();
    // (An azimuthal frame's outline is the circle around its antipode, far off any page.)
    let ocean = if frame.projection.singular_antipode().is_some() {
        MultiPolygon::new(vec![page])
    } else {
        let globe = Rect::new((lon_0 - 180.0, -90.0), (lon_0 + 180.0, 90.0)).to_polygon();
        let outline = project_polygons(&MultiPolygon::new(vec![globe]), frame, tolerance, 2.0);
        if outline.0.is_empty() { MultiPolygon::new(vec![page]) } else { outline }
    };

    let layers = vec![
        Layer {
            id: "ocean",
            items: vec![Item::Area { shape: ocean, style: Style::fill(theme.ocean, 1.0), tags: None }],
        },
        Layer {
            id: "land",
            items: land
                .into_iter()
                .map(|shape| Item::Area { shape, style: Style::fill(theme.land, 1.0), tags: None })
                .collect(),
        },
        Layer {
            id: "lakes",
            items: lakes
                .into_iter()
                .map(|shape| Item::Area { shape, style: Style::fill(theme.ocean, 1.0), tags: None })
                .collect(),
        },
        Layer {
            id: "graticule",
            items: vec![Item::Lines { lines: graticule, style: Style::stroke(theme.graticule, 0.3 * pt), tags: None }],
        },
        Layer {
            id: "borders",
            items: vec![Item::Lines { lines: borders, style: Style::stroke(theme.border, 0.3 * pt), tags: None }],
        },
        Layer {
            id: "coastline",
            items: std::iter::once(Item::Lines {
                lines: coast,
                style: Style::stroke(theme.coast, 0.35 * pt),
                tags: None,
            })
            .chain(islands.into_iter().map(|c| Item::Marker {
                x: c.x,
                y: c.y,
                symbol: Symbol::Circle,
                size_px: ISLAND_DOT_PT * pt,
                style: Style { fill: Some(theme.land), ..Style::stroke(theme.coast, 0.35 * pt) },
            }))
            .collect(),
        },
    ];

    Ok((layers, meridians, parallels))
}

/// Islands smaller than this across (points) are drawn as dots of this size on 1:10m maps: the
/// reefs and islets of the Spratlys, Paracels and Scarborough Shoal are 0.2–2 km across, a pixel
/// or two on a 2,600 km frame, and would otherwise read as specks of dust.
const ISLAND_DOT_PT: f64 = 1.6;

/// The centres of the land polygons on the page smaller than `size_px` across.
fn small_islands(land: &[MultiPolygon], size_px: f64) -> Vec<Coord> {
    land.iter()
        .flat_map(|shape| &shape.0)
        .filter_map(|p| p.bounding_rect())
        .filter(|b| b.width().max(b.height()) < size_px)
        .map(|b| b.center())
        .collect()
}

/// The parts of a base map ring that are real coast or border: the edges that only close a
/// polygon along the antimeridian or a pole line (where the data is cut) are left out.
fn drawn_outline(ring: &LineString) -> Vec<LineString> {
    let artificial =
        |a: &Coord, b: &Coord| (a.x.abs() == 180.0 && a.x == b.x) || (a.y.abs() >= 90.0 && b.y.abs() >= 90.0);
    let mut lines = Vec::new();
    let mut current: Vec<Coord> = Vec::new();
    for pair in ring.0.windows(2) {
        if artificial(&pair[0], &pair[1]) {
            if current.len() >= 2 {
                lines.push(LineString::new(std::mem::take(&mut current)));
            }
            current.clear();
            continue;
        }
        if current.is_empty() {
            current.push(pair[0]);
        }
        current.push(pair[1]);
    }
    if current.len() >= 2 {
        lines.push(LineString::new(current));
    }
    lines
}
