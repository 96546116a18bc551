//! Composing a map: the base map, graticule, range rings and bands, sites and their labels,
//! a legend and a sources line, laid out as a [`Scene`] for a [`Frame`]. This is the only
//! place that turns geography into styled page items.

use geo::{Coord, LineString, MultiLineString, MultiPolygon, Rect};

use crate::basemap::{self, Detail, Layer as BaseLayer};
use crate::error::Result;
use crate::export::geojson::reach_label;
use crate::frame::Frame;
use crate::mapgeom::{DEFAULT_TOLERANCE_PX, project_lines, project_polygons};
use crate::range::Reach;
use crate::scene::{Anchor, Color, Item, Layer, Scene, Style, Symbol};
use crate::site::Site;
use crate::units::Tolerance;

mod graticule;
mod labels;

use graticule::{graticule_labels, graticule_lines, graticule_step};
use labels::{place_label, ring_labels};

/// Okabe–Ito colours, distinct for colour-blind readers, in the order ranges get them.
pub const PALETTE: [Color; 7] = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"];

const OCEAN: Color = "#dbe7f0";
const LAND: Color = "#f1eee8";
const BORDER: Color = "#a9a9a9";
const COAST: Color = "#7f8c97";
const GRATICULE: Color = "#b9c6cf";
const GRATICULE_TEXT: Color = "#5b6a75";
const INK: Color = "#1a1a1a";
const HALO: Color = "#ffffff";

/// What to draw.
#[derive(Debug)]
pub struct MapSpec {
    /// The frame: projection, extent, page size.
    pub frame: Frame,
    /// Dots per inch of the page (sizes are given in points).
    pub dpi: f64,
    /// The sites.
    pub sites: Vec<Site>,
    /// Ranges and bands drawn around every site.
    pub reaches: Vec<Reach>,
    /// The map's title, for the document metadata.
    pub title: String,
}

/// Lays the map out as a scene.
pub fn compose(spec: &MapSpec) -> Result<Scene> {
    let frame = &spec.frame;
    let pt = spec.dpi / 72.0;
    let detail = if frame.extent.width() > 15_000_000.0 { Detail::Coarse } else { Detail::Medium };
    let tolerance = DEFAULT_TOLERANCE_PX;
    let (w, h) = (f64::from(frame.width_px), f64::from(frame.height_px));
    let page = Rect::new((0.0, 0.0), (w, h)).to_polygon();

    let land: Vec<MultiPolygon> = basemap::features(BaseLayer::Land, detail)?
        .iter()
        .map(|f| project_polygons(&f.geometry, frame, tolerance, 2.0))
        .collect();
    let lakes: Vec<MultiPolygon> = basemap::features(BaseLayer::Lakes, detail)?
        .iter()
        .map(|f| project_polygons(&f.geometry, frame, tolerance, 2.0))
        .collect();
    let rings_of = |features: &[basemap::Feature]| -> Vec<LineString> {
        features
            .iter()
            .flat_map(|f| f.geometry.0.iter())
            .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
            .flat_map(drawn_outline)
            .collect()
    };
    let borders = project_lines(&rings_of(basemap::features(BaseLayer::Countries, detail)?), frame, tolerance, 2.0);
    let coast = project_lines(&rings_of(basemap::features(BaseLayer::Land, detail)?), frame, tolerance, 2.0);
    let (meridians, parallels) = graticule_lines(graticule_step(frame));
    let graticule_all: Vec<LineString> = meridians.iter().chain(&parallels).map(|(_, l)| l.clone()).collect();
    let graticule = project_lines(&graticule_all, frame, tolerance, 2.0);

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

    let mut layers = vec![
        Layer { id: "ocean", items: vec![Item::Area { shape: ocean, style: Style::fill(OCEAN, 1.0) }] },
        Layer {
            id: "land",
            items: land.into_iter().map(|shape| Item::Area { shape, style: Style::fill(LAND, 1.0) }).collect(),
        },
        Layer {
            id: "lakes",
            items: lakes.into_iter().map(|shape| Item::Area { shape, style: Style::fill(OCEAN, 1.0) }).collect(),
        },
        Layer {
            id: "graticule",
            items: vec![Item::Lines { lines: graticule, style: Style::stroke(GRATICULE, 0.3 * pt) }],
        },
        Layer { id: "borders", items: vec![Item::Lines { lines: borders, style: Style::stroke(BORDER, 0.3 * pt) }] },
        Layer { id: "coastline", items: vec![Item::Lines { lines: coast, style: Style::stroke(COAST, 0.35 * pt) }] },
    ];

    // Rings: ground tolerance so that half a pixel's error at the frame's nominal scale is
    // left for the page-space densification.
    let ground = Tolerance::from_m((0.5 * tolerance / frame.scale()).clamp(0.001, 100_000.0), "tolerance")
        .unwrap_or(Tolerance::DEFAULT);
    let mut fills = Vec::new();
    let mut outlines = Vec::new();
    // Each drawn outer circle: which reach, the site on the page, and the circle on the page.
    let mut ring_paths: Vec<(usize, Option<Coord>, MultiLineString)> = Vec::new();
    for (i, reach) in spec.reaches.iter().enumerate() {
        let color = PALETTE[i % PALETTE.len()];
        for site in &spec.sites {
            if let Reach::Band { .. } = reach {
                let region = reach.region_centred(site, ground, lon_0);
                fills.push(Item::Area {
                    shape: project_polygons(&region, frame, tolerance, 2.0),
                    style: Style::fill(color, 0.14),
                });
            }
            for (k, line) in reach.outlines(site, ground, lon_0).into_iter().enumerate() {
                let lines = project_lines(&[line], frame, tolerance, 2.0);
                // A band's inner limit is dashed; its outer limit and plain ranges are solid.
                let inner = matches!(reach, Reach::Band { .. }) && k > 0;
                let style = Style::stroke(color, 1.1 * pt);
                let style = if inner { style.dashed(vec![4.0 * pt, 2.5 * pt]) } else { style };
                if !inner {
                    let centre = frame.lonlat_to_page(Coord { x: site.lon_deg(), y: site.lat_deg() });
                    ring_paths.push((i, centre, lines.clone()));
                }
                outlines.push(Item::Lines { lines, style });
            }
        }
    }
    layers.push(Layer { id: "bands", items: fills });
    layers.push(Layer { id: "rings", items: outlines });

    let mut markers = Vec::new();
    let mut labels = Vec::new();
    let mut taken: Vec<Rect> = Vec::new();
    let positions: Vec<Coord> = spec
        .sites
        .iter()
        .filter_map(|site| frame.lonlat_to_page(Coord { x: site.lon_deg(), y: site.lat_deg() }))
        .collect();
    let marker_size = 9.0 * pt;
    for p in &positions {
        taken.push(Rect::new(
            (p.x - marker_size / 2.0, p.y - marker_size / 2.0),
            (p.x + marker_size / 2.0, p.y + marker_size / 2.0),
        ));
    }
    for (site, p) in spec.sites.iter().zip(&positions) {
        if !(0.0..=w).contains(&p.x) || !(0.0..=h).contains(&p.y) {
            continue;
        }
        markers.push(Item::Marker {
            x: p.x,
            y: p.y,
            symbol: Symbol::Star,
            size_px: marker_size,
            style: Style {
                fill: Some(INK),
                fill_opacity: 1.0,
                stroke: Some(HALO),
                stroke_width: 0.8 * pt,
                dash: Vec::new(),
            },
        });
        if let Some(label) = place_label(site.name(), *p, 8.0 * pt, pt, (w, h), &mut taken) {
            labels.push(label);
        }
    }
    layers.push(Layer { id: "sites", items: markers });
    layers.push(Layer { id: "labels", items: labels });
    let (legend_layer, legend_box) = legend(spec, pt);
    taken.push(legend_box);
    layers.push(ring_labels(spec, &ring_paths, pt, &mut taken));
    layers.push(graticule_labels(frame, &meridians, &parallels, pt, &mut taken));
    layers.push(legend_layer);
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
            style: Style::stroke(INK, 1.0 * pt),
        }],
    });

    Ok(Scene { width_px: frame.width_px, height_px: frame.height_px, dpi: spec.dpi, layers, title: spec.title.clone() })
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

/// A key in the lower left: one swatch per range or band, and the sources line under it.
fn legend(spec: &MapSpec, pt: f64) -> (Layer, Rect) {
    let h = f64::from(spec.frame.height_px);
    let size = 8.0 * pt;
    let line = 11.0 * pt;
    let left = 8.0 * pt;
    let mut items = Vec::new();
    let sources = "Base map: Made with Natural Earth; boundaries are de facto. Geodesic ranges on the WGS84 ellipsoid (reachmap).";
    let source_size = 6.0 * pt;
    let w = f64::from(spec.frame.width_px);
    let mut y = h - 7.0 * pt;
    let source_lines = crate::text::wrap(sources, source_size, false, w - 2.0 * left);
    for (k, text) in source_lines.iter().enumerate() {
        let line_y = y - (source_lines.len() - 1 - k) as f64 * source_size * 1.25;
        items.push(Item::Text {
            x: left,
            y: line_y,
            text: text.clone(),
            size_px: source_size,
            bold: false,
            anchor: Anchor::Start,
            color: INK,
            halo: Some((HALO, 2.0 * pt)),
        });
    }
    y -= (source_lines.len() - 1) as f64 * source_size * 1.25;
    y -= line * 1.2;
    let width = spec.reaches.iter().map(|r| crate::text::width_px(&reach_label(r), size, false)).fold(0.0, f64::max)
        + 30.0 * pt;
    let top = y - line * (spec.reaches.len() as f64 - 0.4);
    let sources_width = source_lines.iter().map(|l| crate::text::width_px(l, source_size, false)).fold(0.0, f64::max);
    // Everything the key and the sources line cover, kept clear of other labels.
    let bounds = Rect::new((0.0, top - 6.0 * pt), ((left + width).max(left + sources_width + 2.0 * pt), h));
    items.push(Item::Area {
        shape: MultiPolygon::new(vec![
            Rect::new((left - 4.0 * pt, top - 6.0 * pt), (left + width, y + 5.0 * pt)).to_polygon(),
        ]),
        style: Style {
            fill: Some(HALO),
            fill_opacity: 0.9,
            stroke: Some("#8c8c8c"),
            stroke_width: 0.4 * pt,
            dash: Vec::new(),
        },
    });
    for (i, reach) in spec.reaches.iter().enumerate().rev() {
        let color = PALETTE[i % PALETTE.len()];
        let mid = y - size * 0.35;
        let swatch = |style: Style, y0: f64| Item::Lines {
            lines: MultiLineString::new(vec![LineString::from(vec![(left, y0), (left + 20.0 * pt, y0)])]),
            style,
        };
        match reach {
            Reach::Within(_) => items.push(swatch(Style::stroke(color, 1.1 * pt), mid)),
            Reach::Band { .. } => {
                items.push(Item::Area {
                    shape: MultiPolygon::new(vec![
                        Rect::new((left, mid - 3.0 * pt), (left + 20.0 * pt, mid + 3.0 * pt)).to_polygon(),
                    ]),
                    style: Style::fill(color, 0.14),
                });
                items.push(swatch(Style::stroke(color, 1.1 * pt), mid - 3.0 * pt));
                items.push(swatch(Style::stroke(color, 1.1 * pt).dashed(vec![4.0 * pt, 2.5 * pt]), mid + 3.0 * pt));
            }
        }
        items.push(Item::Text {
            x: left + 25.0 * pt,
            y,
            text: reach_label(reach),
            size_px: size,
            bold: false,
            anchor: Anchor::Start,
            color: INK,
            halo: None,
        });
        y -= line;
    }
    (Layer { id: "legend", items }, bounds)
}
