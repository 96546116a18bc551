//! Composing a map: the base map, graticule, range rings and bands, sites, places, their labels,
//! a title, legend, scale bar and sources line, laid out as a [`Scene`] for a [`Frame`]. This
//! is the only place that turns geography into styled page items.

use geo::{BooleanOps, BoundingRect, Coord, LineString, MultiLineString, MultiPolygon, Rect, Simplify};

use crate::basemap::{self, Detail, Layer as BaseLayer};
use crate::error::Result;
use crate::export::geojson::reach_label;
use crate::frame::Frame;
use crate::mapgeom::{DEFAULT_TOLERANCE_PX, project_lines, project_polygons};
use crate::places::Place;
use crate::range::Reach;
use crate::scene::{Item, Layer, Scene, Style, Symbol};
use crate::site::Site;
use crate::units::Tolerance;

mod compare;
mod furniture;
mod graticule;
mod labels;
mod legend;
mod theme;

pub use compare::compare_figure;
use furniture::{scale_bar, title_block};
use graticule::{graticule_labels, graticule_lines, graticule_step};
use labels::{LabelStyle, place_label, ring_labels};
use legend::{legend_key, sources_strip};
pub use theme::{DARK, GRAYSCALE, LIGHT, OKABE_ITO, RangeStyle, THEMES, Theme};

/// Okabe–Ito colours, distinct for colour-blind readers, in the order ranges get them.
pub const PALETTE: [crate::scene::Color; 7] = OKABE_ITO;

/// Most ranges and bands one map draws (each is a colour, a pattern and a legend line).
pub const MAX_OVERLAYS: usize = 24;

/// A range or band drawn around some of the sites, with its legend entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Overlay {
    /// The legend's text, e.g. `9M729 (SSC-8): 480–2,350 km`.
    pub label: String,
    /// The range or band.
    pub reach: Reach,
    /// Indices into [`MapSpec::sites`] of the sites it is drawn around.
    pub sites: Vec<usize>,
}

/// What to draw.
#[derive(Debug)]
pub struct MapSpec {
    /// The frame: projection, extent, page size.
    pub frame: Frame,
    /// Dots per inch of the page (type and line sizes are given in points).
    pub dpi: f64,
    /// Colours and line styles.
    pub theme: Theme,
    /// A title printed on the map, if any.
    pub title: Option<String>,
    /// A line under the title.
    pub subtitle: Option<String>,
    /// The sites.
    pub sites: Vec<Site>,
    /// Ranges and bands, in legend order.
    pub overlays: Vec<Overlay>,
    /// Places to mark and label where there is room, highest priority first.
    pub places: Vec<Place>,
    /// Sources of the range figures, printed in the sources line.
    pub sources: Vec<String>,
    /// Further notes printed with the sources.
    pub notes: Vec<String>,
    /// The document's title in its metadata.
    pub document_title: String,
    /// A description for the metadata (the program and version, the scenario file).
    pub description: String,
    /// Draw the legend (a figure of several maps draws one for all instead).
    pub show_legend: bool,
}

impl MapSpec {
    /// A plain map: every reach around every site, legend entries from the ranges, the light
    /// theme, no title or places.
    pub fn plain(frame: Frame, dpi: f64, sites: Vec<Site>, reaches: Vec<Reach>) -> MapSpec {
        let all: Vec<usize> = (0..sites.len()).collect();
        let overlays =
            reaches.iter().map(|r| Overlay { label: reach_label(r), reach: *r, sites: all.clone() }).collect();
        let names: Vec<&str> = sites.iter().map(Site::name).collect();
        MapSpec {
            frame,
            dpi,
            theme: LIGHT,
            title: None,
            subtitle: None,
            document_title: format!("Range rings: {}", names.join(", ")),
            sites,
            overlays,
            places: Vec::new(),
            sources: Vec::new(),
            notes: Vec::new(),
            description: format!("Made with reachmap {}", env!("CARGO_PKG_VERSION")),
            show_legend: true,
        }
    }
}

/// Lays the map out as a scene.
pub fn compose(spec: &MapSpec) -> Result<Scene> {
    let frame = &spec.frame;
    let theme = &spec.theme;
    let pt = spec.dpi / 72.0;
    let detail = if frame.extent.width() > 15_000_000.0 { Detail::Coarse } else { Detail::Medium };
    let tolerance = DEFAULT_TOLERANCE_PX;
    let (w, h) = (f64::from(frame.width_px), f64::from(frame.height_px));
    let page = Rect::new((0.0, 0.0), (w, h)).to_polygon();

    // Base map outlines are thinned in lon/lat to a fifth of a pixel at the frame's nominal
    // scale before projecting: projection (an ellipsoidal geodesic solution per point for
    // azimuthal equidistant frames) is the cost, and detail finer than that cannot be seen.
    let thin_deg = 0.2 / frame.scale() / 111_320.0;
    // Only the polygons that may reach the page are projected at all.
    let window = frame.lonlat_window(2.0);
    let visible = |shape: &MultiPolygon| -> MultiPolygon {
        let kept = shape.0.iter().filter(|p| p.bounding_rect().is_some_and(|b| window.may_touch(&b)));
        MultiPolygon::new(kept.cloned().collect()).simplify(thin_deg)
    };
    let thinned_land: Vec<MultiPolygon> =
        basemap::features(BaseLayer::Land, detail)?.iter().map(|f| visible(&f.geometry)).collect();
    let land: Vec<MultiPolygon> =
        thinned_land.iter().map(|shape| project_polygons(shape, frame, tolerance, 2.0)).collect();
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
    let on_page = |lines: Vec<(f64, LineString)>| -> Vec<(f64, MultiLineString)> {
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

    let mut layers = vec![
        Layer { id: "ocean", items: vec![Item::Area { shape: ocean, style: Style::fill(theme.ocean, 1.0) }] },
        Layer {
            id: "land",
            items: land.into_iter().map(|shape| Item::Area { shape, style: Style::fill(theme.land, 1.0) }).collect(),
        },
        Layer {
            id: "lakes",
            items: lakes.into_iter().map(|shape| Item::Area { shape, style: Style::fill(theme.ocean, 1.0) }).collect(),
        },
        Layer {
            id: "graticule",
            items: vec![Item::Lines { lines: graticule, style: Style::stroke(theme.graticule, 0.3 * pt) }],
        },
        Layer {
            id: "borders",
            items: vec![Item::Lines { lines: borders, style: Style::stroke(theme.border, 0.3 * pt) }],
        },
        Layer {
            id: "coastline",
            items: vec![Item::Lines { lines: coast, style: Style::stroke(theme.coast, 0.35 * pt) }],
        },
    ];

    // Rings: ground tolerance so that half a pixel's error at the frame's nominal scale is
    // left for the page-space densification.
    let ground = Tolerance::from_m((0.5 * tolerance / frame.scale()).clamp(0.001, 100_000.0), "tolerance")
        .unwrap_or(Tolerance::DEFAULT);
    let mut fills = Vec::new();
    let mut outlines = Vec::new();
    // Each drawn outer circle: which overlay, the site on the page, and the circle on the page.
    let mut ring_paths: Vec<(usize, Option<Coord>, MultiLineString)> = Vec::new();
    for (i, overlay) in spec.overlays.iter().enumerate() {
        let look = theme.range_style(i);
        let band = matches!(overlay.reach, Reach::Band { .. });
        for site in overlay.sites.iter().filter_map(|&k| spec.sites.get(k)) {
            if band {
                let region = overlay.reach.region_centred(site, ground, lon_0);
                let shape = project_polygons(&region, frame, tolerance, 2.0);
                fills.extend(band_fill(shape, theme, &look, pt));
            }
            for (k, line) in overlay.reach.outlines(site, ground, lon_0).into_iter().enumerate() {
                let lines = project_lines(&[line], frame, tolerance, 2.0);
                // A band's inner limit is dashed; its outer limit and plain ranges are solid
                // (or, in the grayscale theme, in the range's own pattern).
                let inner = band && k > 0;
                let style = outline_style(&look, inner, pt);
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

    // Labels claim room in priority order: sites, the title, legend and scale bar, range
    // labels, graticule labels, then places; a label with no free room is dropped.
    let mut markers = Vec::new();
    let mut labels = Vec::new();
    let mut taken: Vec<Rect> = Vec::new();
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
        if let Some(label) = place_label(site.name(), *p, &style, (w, h), &mut taken) {
            labels.push(label);
        }
    }
    // The key goes inside the map, lower left, where it is small enough; below it otherwise.
    let (key_items, key_w, key_h) =
        if spec.show_legend { legend_key(spec, pt, w - 16.0 * pt) } else { (Vec::new(), 0.0, 0.0) };
    let key_inside = key_w <= 0.5 * w && key_h <= 0.35 * h;
    let mut key_layer = Layer { id: "legend", items: Vec::new() };
    if key_inside && !key_items.is_empty() {
        let (x, y) = (8.0 * pt, h - 8.0 * pt - key_h);
        taken.push(Rect::new((x, y), (x + key_w, y + key_h)));
        key_layer.items = shifted(key_items.clone(), x, y);
    }
    let scale = scale_bar(spec, pt, h, &mut taken);
    let ring_label_layer = ring_labels(spec, &ring_paths, pt, &mut taken);
    let graticule_label_layer = graticule_labels(frame, theme, &meridians, &parallels, pt, &mut taken);
    let place_layer = places(spec, pt, &mut taken);

    layers.push(place_layer);
    layers.push(Layer { id: "sites", items: markers });
    layers.push(Layer { id: "labels", items: labels });
    layers.push(ring_label_layer);
    layers.push(graticule_label_layer);
    layers.push(key_layer);
    layers.push(scale);
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
            style: Style::stroke(theme.ink, 1.0 * pt),
        }],
    });

    // The page: the title above the map, the key (if it did not fit inside) and the sources
    // strip below it, so that at any print size the map is never covered by them.
    let (title_items, title_h) = title_block(spec, pt, w);
    let (source_items, sources_h) = sources_strip(spec, pt, w);
    let below = if key_inside || key_items.is_empty() { 0.0 } else { key_h + 6.0 * pt };
    if below > 0.0 {
        // Under the map, in the map's coordinates (moved down with it below).
        let key_index = layers.iter().position(|l| l.id == "legend").unwrap_or(layers.len() - 1);
        layers[key_index].items = shifted(key_items, 8.0 * pt, h + 6.0 * pt);
    }
    let top = title_h.round();
    let page_h = (top + h + below + sources_h).round();
    for layer in &mut layers {
        layer.items = shifted(std::mem::take(&mut layer.items), 0.0, top);
    }
    let page = MultiPolygon::new(vec![Rect::new((0.0, 0.0), (w, page_h)).to_polygon()]);
    layers
        .insert(0, Layer { id: "page", items: vec![Item::Area { shape: page, style: Style::fill(theme.halo, 1.0) }] });
    layers.push(Layer { id: "title", items: title_items });
    layers.push(Layer { id: "sources", items: shifted(source_items, 0.0, top + h + below) });

    Ok(Scene {
        width_px: frame.width_px,
        height_px: page_h as u32,
        dpi: spec.dpi,
        layers,
        title: spec.document_title.clone(),
        description: spec.description.clone(),
    })
}

/// Items moved by (`dx`, `dy`) pixels.
pub(crate) fn shifted(items: Vec<Item>, dx: f64, dy: f64) -> Vec<Item> {
    use geo::Translate;
    if dx == 0.0 && dy == 0.0 {
        return items;
    }
    items
        .into_iter()
        .map(|item| match item {
            Item::Area { shape, style } => Item::Area { shape: shape.translate(dx, dy), style },
            Item::Lines { lines, style } => Item::Lines { lines: lines.translate(dx, dy), style },
            Item::Text { x, y, text, size_px, bold, anchor, color, halo } => {
                Item::Text { x: x + dx, y: y + dy, text, size_px, bold, anchor, color, halo }
            }
            Item::Marker { x, y, symbol, size_px, style } => {
                Item::Marker { x: x + dx, y: y + dy, symbol, size_px, style }
            }
        })
        .collect()
}

/// A square box of side `size` around `p`.
fn square(p: Coord, size: f64) -> Rect {
    Rect::new((p.x - size / 2.0, p.y - size / 2.0), (p.x + size / 2.0, p.y + size / 2.0))
}

/// The outline style of a range's outer limit or a band's inner limit.
fn outline_style(look: &RangeStyle, inner: bool, pt: f64) -> Style {
    let dash = if inner { &look.inner_dash_pt } else { &look.outer_dash_pt };
    let width = if inner && look.hatch_deg.is_some() { 0.8 } else { 1.1 };
    Style::stroke(look.color, width * pt).dashed(dash.iter().map(|d| d * pt).collect())
}

/// A band's interior: a tint, or in a monochrome theme hatching clipped to the band.
fn band_fill(shape: MultiPolygon, theme: &Theme, look: &RangeStyle, pt: f64) -> Vec<Item> {
    let Some(angle) = look.hatch_deg else {
        return vec![Item::Area { shape, style: Style::fill(look.color, theme.band_opacity) }];
    };
    let lines = hatch(&shape, angle, 4.5 * pt);
    vec![Item::Lines { lines, style: Style::stroke(theme.coast, 0.35 * pt) }]
}

/// Parallel lines `spacing` apart at `angle_deg` from the horizontal, clipped to `shape`.
fn hatch(shape: &MultiPolygon, angle_deg: f64, spacing: f64) -> MultiLineString {
    let Some(bounds) = shape.bounding_rect() else { return MultiLineString::new(Vec::new()) };
    let (sin, cos) = angle_deg.to_radians().sin_cos();
    // Lines along (cos, -sin) on the page (y down, so positive angles rise to the right),
    // offset along the normal (sin, cos); anchored to the page origin so neighbouring pieces
    // of one band line up.
    let corners = [
        bounds.min(),
        bounds.max(),
        Coord { x: bounds.min().x, y: bounds.max().y },
        Coord { x: bounds.max().x, y: bounds.min().y },
    ];
    let along = |c: &Coord| c.x * cos - c.y * sin;
    let across = |c: &Coord| c.x * sin + c.y * cos;
    let (a0, a1) = corners.iter().map(along).fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| (l.min(v), h.max(v)));
    let (n0, n1) =
        corners.iter().map(across).fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| (l.min(v), h.max(v)));
    let mut lines = Vec::new();
    let mut k = (n0 / spacing).floor();
    while k * spacing <= n1 {
        let n = k * spacing;
        let point = |a: f64| Coord { x: a * cos + n * sin, y: -a * sin + n * cos };
        lines.push(LineString::new(vec![point(a0 - 1.0), point(a1 + 1.0)]));
        k += 1.0;
    }
    shape.clip(&MultiLineString::new(lines), false)
}

/// The places with room for a marker and a label, in the order given.
fn places(spec: &MapSpec, pt: f64, taken: &mut Vec<Rect>) -> Layer {
    let (w, h) = (f64::from(spec.frame.width_px), f64::from(spec.frame.height_px));
    let size = 2.8 * pt;
    let mut items = Vec::new();
    for place in &spec.places {
        let Some(p) = spec.frame.lonlat_to_page(Coord { x: place.lon, y: place.lat }) else { continue };
        let marker = square(p, size + 1.0 * pt);
        if !(0.0..=w).contains(&p.x) || !(0.0..=h).contains(&p.y) || taken.iter().any(|t| labels::overlaps(t, &marker))
        {
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
