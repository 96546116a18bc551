//! Map frames: a projection, the part of the projected plane shown, and the page size. Presets
//! cover Europe, East Asia, the world and a site-centred azimuthal equidistant frame. This
//! module owns projection; it knows nothing of styling.

use std::cell::RefCell;
use std::collections::HashMap;

use geo::{Coord, LineString, MultiPolygon, Polygon, Rect};

use crate::error::{Error, Field, Result};
use crate::site::Site;

mod page;
mod projection;

pub use page::{DEFAULT_DPI, DEFAULT_WIDTH_PX, MAX_WIDTH_MM, NamedValue, PageSize};
pub use projection::Projection;

/// A named preset frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    /// Lambert azimuthal equal-area centred at 52° N 10° E: Iceland to the Urals, North Africa
    /// to the Barents Sea.
    Europe,
    /// Lambert azimuthal equal-area centred at 30° N 125° E: the Indian subcontinent to Guam
    /// and Kamchatka, Indonesia to Lake Baikal.
    EastAsia,
    /// Equal Earth, the whole world.
    World,
    /// Azimuthal equidistant centred on a site: distances from the site are true and rings are
    /// circles. The extent is fitted to the largest ring.
    Site,
}

impl Preset {
    /// Reads a preset name as given on the command line.
    pub fn parse(text: &str, field: impl Into<Field>) -> Result<Preset> {
        match text {
            "europe" => Ok(Preset::Europe),
            "east-asia" => Ok(Preset::EastAsia),
            "world" => Ok(Preset::World),
            "site" => Ok(Preset::Site),
            _ => Err(Error::invalid(field, text, "unknown preset; allowed: europe, east-asia, world, site")),
        }
    }
}

/// Largest page side, pixels.
pub const MAX_SIDE_PX: u32 = 20_000;

/// A frame: projection, the projected rectangle shown, and the page size in pixels.
#[derive(Debug)]
pub struct Frame {
    /// The projection.
    pub projection: Projection,
    /// The part of the projected plane shown, metres.
    pub extent: Rect,
    /// Page width in pixels.
    pub width_px: u32,
    /// Page height in pixels (from the extent's aspect ratio).
    pub height_px: u32,
    /// Page positions of lon/lat vertices already projected: base map layers share most of
    /// their vertices (coasts are both land outlines and country outlines).
    vertices: RefCell<HashMap<[u64; 2], Option<Coord>>>,
}

impl Frame {
    /// A preset frame `width_px` wide; `site` and `largest_radius_m` fit the `site` preset.
    pub fn preset(preset: Preset, width_px: u32, site: Option<&Site>, largest_radius_m: f64) -> Result<Frame> {
        let (definition, extent) = match preset {
            Preset::Europe => (
                "+proj=laea +lat_0=52 +lon_0=10".to_string(),
                Rect::new((-3_100_000.0, -2_500_000.0), (4_000_000.0, 2_900_000.0)),
            ),
            Preset::EastAsia => (
                "+proj=laea +lat_0=30 +lon_0=125".to_string(),
                Rect::new((-5_400_000.0, -4_300_000.0), (3_800_000.0, 5_000_000.0)),
            ),
            Preset::World => (
                "+proj=eqearth +lon_0=0".to_string(),
                Rect::new((-17_243_959.1, -8_392_927.6), (17_243_959.1, 8_392_927.6)),
            ),
            Preset::Site => {
                let site = site
                    .ok_or_else(|| Error::invalid(Field::Preset, "site", "the site preset needs at least one site"))?;
                let half = largest_radius_m.max(100_000.0) * 1.08;
                (
                    format!("+proj=aeqd +lat_0={} +lon_0={}", site.lat_deg(), site.lon_deg()),
                    Rect::new((-half, -half), (half, half)),
                )
            }
        };
        Frame::new(Projection::new(&definition, Field::Preset)?, extent, width_px)
    }

    /// A frame showing the lon/lat box `west, south, east, north` (degrees; `east` may be less
    /// than `west` for a box across 180°): the extent is the projected box's bounding rectangle.
    pub fn from_lonlat_box(projection: Projection, bounds: [f64; 4], width_px: u32) -> Result<Frame> {
        let extent = lonlat_box_extent(&projection, bounds, "extent_lonlat")?;
        Frame::new(projection, extent, width_px)
    }

    /// A frame fitted to `points` (lon/lat): Lambert azimuthal equal-area centred on their
    /// bounding box (`centre`, lon/lat), showing all of them with a margin of 6 % (at least 30
    /// km) on every side, and no taller than 5:4.
    pub fn fitted(points: &[Coord], centre: Coord, width_px: u32) -> Result<Frame> {
        let definition = format!("+proj=laea +lat_0={} +lon_0={}", centre.y, centre.x);
        let projection = Projection::new(&definition, "frame")?;
        let projected: Vec<Coord> = points.iter().filter_map(|&p| projection.forward(p)).collect();
        let min = projected
            .iter()
            .fold(Coord { x: f64::INFINITY, y: f64::INFINITY }, |m, c| Coord { x: m.x.min(c.x), y: m.y.min(c.y) });
        let max = projected.iter().fold(Coord { x: f64::NEG_INFINITY, y: f64::NEG_INFINITY }, |m, c| Coord {
            x: m.x.max(c.x),
            y: m.y.max(c.y),
        });
        if projected.is_empty() {
            return Err(Error::invalid(Field::Frame, &definition, "nothing to fit the frame to"));
        }
        let margin = (0.06 * (max.x - min.x).max(max.y - min.y)).max(30_000.0);
        // No taller than 5:4 (a page, not a strip): a tall region gets room either side.
        let widen = (0.5 * ((max.y - min.y) / 1.25 - (max.x - min.x))).max(0.0);
        let extent = Rect::new((min.x - margin - widen, min.y - margin), (max.x + margin + widen, max.y + margin));
        Frame::new(projection, extent, width_px)
    }

    /// A frame from a projection and an extent in projected metres.
    pub fn new(projection: Projection, extent: Rect, width_px: u32) -> Result<Frame> {
        if !(extent.width() > 0.0 && extent.height() > 0.0) {
            return Err(Error::invalid(Field::Extent, &format!("{extent:?}"), "the extent is empty"));
        }
        if !(1..=MAX_SIDE_PX).contains(&width_px) {
            return Err(Error::out_of_range(
                Field::PageWidth,
                f64::from(width_px),
                &format!("1 to {MAX_SIDE_PX} pixels"),
            ));
        }
        let height = (f64::from(width_px) * extent.height() / extent.width()).round();
        if !(1.0..=f64::from(MAX_SIDE_PX)).contains(&height) {
            return Err(Error::out_of_range(Field::PageHeight, height, &format!("1 to {MAX_SIDE_PX} pixels")));
        }
        Ok(Frame { projection, extent, width_px, height_px: height as u32, vertices: RefCell::default() })
    }

    /// Pixels per projected metre.
    pub fn scale(&self) -> f64 {
        f64::from(self.width_px) / self.extent.width()
    }

    /// Projected metres to page pixels (y down).
    pub fn to_page(&self, c: Coord) -> Coord {
        let s = self.scale();
        Coord { x: (c.x - self.extent.min().x) * s, y: (self.extent.max().y - c.y) * s }
    }

    /// Lon/lat degrees to page pixels; None where the projection is undefined.
    pub fn lonlat_to_page(&self, lonlat: Coord) -> Option<Coord> {
        self.projection.forward(lonlat).map(|c| self.to_page(c))
    }

    /// [`Frame::lonlat_to_page`] for a vertex of a geometry, remembered for the frame's life:
    /// the same vertex met again (in another layer) is not projected twice.
    pub fn vertex_to_page(&self, lonlat: Coord) -> Option<Coord> {
        let key = [lonlat.x.to_bits(), lonlat.y.to_bits()];
        if let Some(known) = self.vertices.borrow().get(&key) {
            return *known;
        }
        let page = self.lonlat_to_page(lonlat);
        self.vertices.borrow_mut().insert(key, page);
        page
    }

    /// Page pixels to lon/lat degrees; None off the globe.
    pub fn page_to_lonlat(&self, page: Coord) -> Option<Coord> {
        let s = self.scale();
        let xy = Coord { x: self.extent.min().x + page.x / s, y: self.extent.max().y - page.y / s };
        self.projection.inverse(xy)
    }
}

/// The projected bounding rectangle of a lon/lat box; `field` names the box in errors.
fn lonlat_box_extent(projection: &Projection, bounds: [f64; 4], field: impl Into<Field>) -> Result<Rect> {
    let field: &Field = &field.into();
    let [west, south, east, north] = bounds;
    let text = format!("{west}, {south}, {east}, {north}");
    let valid_lat = (-90.0..=90.0).contains(&south) && (-90.0..=90.0).contains(&north) && south < north;
    let valid_lon = (-180.0..=180.0).contains(&west) && (-180.0..=180.0).contains(&east) && west != east;
    if !valid_lat || !valid_lon {
        return Err(Error::invalid(
            field,
            &text,
            "expected WEST, SOUTH, EAST, NORTH in degrees, longitudes within ±180 (EAST may be below WEST across 180°), SOUTH below NORTH within ±90",
        ));
    }
    let east = if east < west { east + 360.0 } else { east };
    let mut points = Vec::new();
    for i in 0..=100 {
        let f = f64::from(i) / 100.0;
        let lon = west + (east - west) * f;
        let lat = south + (north - south) * f;
        points.extend([
            Coord { x: lon, y: south },
            Coord { x: lon, y: north },
            Coord { x: west, y: lat },
            Coord { x: east, y: lat },
        ]);
    }
    let projected: Vec<Coord> = points.into_iter().filter_map(|c| projection.forward(c)).collect();
    let (Some(min_x), Some(max_x)) =
        (projected.iter().map(|c| c.x).reduce(f64::min), projected.iter().map(|c| c.x).reduce(f64::max))
    else {
        return Err(Error::invalid(field, &text, "the projection cannot place this box"));
    };
    let min_y = projected.iter().map(|c| c.y).fold(f64::INFINITY, f64::min);
    let max_y = projected.iter().map(|c| c.y).fold(f64::NEG_INFINITY, f64::max);
    Ok(Rect::new((min_x, min_y), (max_x, max_y)))
}

/// Which frame to draw, before the page width is known: a preset, or a PROJ string with an
/// extent in projected metres or as a lon/lat box.
#[derive(Debug, Clone, PartialEq)]
pub enum FrameSpec {
    /// A preset.
    Preset(Preset),
    /// A PROJ string and the projected rectangle shown, metres.
    Projected {
        /// The PROJ definition.
        definition: String,
        /// XMIN, YMIN, XMAX, YMAX.
        extent: Rect,
    },
    /// A PROJ string and a lon/lat box WEST, SOUTH, EAST, NORTH (degrees).
    LonLatBox {
        /// The PROJ definition.
        definition: String,
        /// WEST, SOUTH, EAST, NORTH.
        bounds: [f64; 4],
    },
}

impl Default for FrameSpec {
    /// The Europe preset.
    fn default() -> FrameSpec {
        FrameSpec::Preset(Preset::Europe)
    }
}

impl FrameSpec {
    /// A PROJ string and the rectangle shown, `[XMIN, YMIN, XMAX, YMAX]` in projected metres,
    /// both checked; `proj_field` and `extent_field` name them in errors.
    pub fn projected(
        definition: &str,
        proj_field: impl Into<Field>,
        extent: [f64; 4],
        extent_field: impl Into<Field>,
    ) -> Result<FrameSpec> {
        let extent_field: &Field = &extent_field.into();
        Projection::new(definition, proj_field)?;
        let [x0, y0, x1, y1] = extent;
        let text = format!("{x0}, {y0}, {x1}, {y1}");
        if extent.iter().any(|v| !v.is_finite()) {
            return Err(Error::invalid(extent_field, &text, "expected four finite numbers XMIN, YMIN, XMAX, YMAX"));
        }
        if !(x0 < x1 && y0 < y1) {
            return Err(Error::invalid(
                extent_field,
                &text,
                "empty or inverted: XMIN must be below XMAX and YMIN below YMAX",
            ));
        }
        Ok(FrameSpec::Projected { definition: definition.trim().to_string(), extent: Rect::new((x0, y0), (x1, y1)) })
    }

    /// A PROJ string and the lon/lat box shown, `[WEST, SOUTH, EAST, NORTH]` in degrees, both
    /// checked (the projection must place the box); `proj_field` and `bounds_field` name them
    /// in errors.
    pub fn lonlat_box(
        definition: &str,
        proj_field: impl Into<Field>,
        bounds: [f64; 4],
        bounds_field: impl Into<Field>,
    ) -> Result<FrameSpec> {
        let bounds_field: &Field = &bounds_field.into();
        let projection = Projection::new(definition, proj_field)?;
        if bounds.iter().any(|v| !v.is_finite()) {
            let text = format!("{}, {}, {}, {}", bounds[0], bounds[1], bounds[2], bounds[3]);
            return Err(Error::invalid(bounds_field, &text, "expected four finite numbers WEST, SOUTH, EAST, NORTH"));
        }
        lonlat_box_extent(&projection, bounds, bounds_field)?;
        Ok(FrameSpec::LonLatBox { definition: definition.trim().to_string(), bounds })
    }

    /// The frame at `width_px`; `site` and `largest_radius_m` fit the `site` preset.
    pub fn build(&self, width_px: u32, site: Option<&Site>, largest_radius_m: f64) -> Result<Frame> {
        match self {
            FrameSpec::Preset(preset) => Frame::preset(*preset, width_px, site, largest_radius_m),
            FrameSpec::Projected { definition, extent } => {
                Frame::new(Projection::new(definition, "proj")?, *extent, width_px)
            }
            FrameSpec::LonLatBox { definition, bounds } => {
                Frame::from_lonlat_box(Projection::new(definition, "proj")?, *bounds, width_px)
            }
        }
    }
}

/// The part of the globe a frame can show, as a latitude range and longitude intervals (with
/// a margin): geometry whose lon/lat bounding box misses it cannot reach the page and need not
/// be projected. Found from the page's edge, unprojected, and from whether a pole is on the page.
#[derive(Debug, Clone, PartialEq)]
pub struct LonLatWindow {
    south: f64,
    north: f64,
    /// Intervals of longitude in [-180, 180].
    lons: Vec<(f64, f64)>,
}

impl LonLatWindow {
    /// The whole globe: nothing is culled.
    pub fn everything() -> LonLatWindow {
        LonLatWindow { south: -90.0, north: 90.0, lons: vec![(-180.0, 180.0)] }
    }

    /// Whether geometry with this lon/lat bounding box may reach the page.
    pub fn may_touch(&self, bounds: &Rect) -> bool {
        bounds.max().y >= self.south
            && bounds.min().y <= self.north
            && self.lons.iter().any(|&(w, e)| bounds.max().x >= w && bounds.min().x <= e)
    }

    /// The sides of the window a lon/lat point lies beyond, as bits: south, north, and each
    /// stretch of longitude between the window's intervals. Each side is convex in lon/lat, so
    /// a straight edge between two points beyond one side stays beyond it.
    fn beyond(&self, c: Coord) -> u32 {
        let mut sides = u32::from(c.y < self.south) | u32::from(c.y > self.north) << 1;
        if !self.lons.iter().any(|&(w, e)| (w..=e).contains(&c.x)) {
            let stretch = self.lons.iter().filter(|&&(_, e)| e < c.x).count();
            sides |= 1 << (2 + stretch);
        }
        sides
    }

    /// `ring` (or a line) without the vertices that lie, with both their neighbours, beyond
    /// the same side of the window: the edge left between the neighbours stays beyond that side,
    /// so nothing that reaches the page changes, and the far-off stretches of a continent's
    /// outline are not projected. The ends are kept; a ring that would fall below four points
    /// is kept whole.
    pub fn cull(&self, ring: &LineString) -> LineString {
        let mut kept: Vec<(Coord, u32)> = Vec::with_capacity(ring.0.len());
        for &c in &ring.0 {
            kept.push((c, self.beyond(c)));
            while let [.., a, b, c] = kept.as_slice()
                && a.1 & b.1 & c.1 != 0
            {
                kept.remove(kept.len() - 2);
            }
        }
        if kept.len() < 4 && ring.is_closed() {
            return ring.clone();
        }
        LineString::new(kept.into_iter().map(|(c, _)| c).collect())
    }

    /// [`LonLatWindow::cull`] for every ring of `shape`.
    pub fn cull_polygons(&self, shape: &MultiPolygon) -> MultiPolygon {
        MultiPolygon::new(
            shape
                .0
                .iter()
                .map(|p| Polygon::new(self.cull(p.exterior()), p.interiors().iter().map(|r| self.cull(r)).collect()))
                .collect(),
        )
    }
}

impl Frame {
    /// The window of the globe this frame shows, padded by `margin_deg`.
    pub fn lonlat_window(&self, margin_deg: f64) -> LonLatWindow {
        let (w, h) = (f64::from(self.width_px), f64::from(self.height_px));
        let n = 256;
        let mut border = Vec::with_capacity(4 * n);
        for i in 0..n {
            let f = i as f64 / n as f64;
            border.extend([
                Coord { x: f * w, y: 0.0 },
                Coord { x: w, y: f * h },
                Coord { x: w - f * w, y: h },
                Coord { x: 0.0, y: h - f * h },
            ]);
        }
        let mut points = Vec::with_capacity(border.len());
        for p in border {
            // An edge that leaves the globe (a world frame's corners): no safe window.
            let Some(lonlat) = self.page_to_lonlat(p) else { return LonLatWindow::everything() };
            points.push(lonlat);
        }
        let on_page = |lat: f64| {
            self.lonlat_to_page(Coord { x: self.projection.lon_0(), y: lat })
                .is_some_and(|p| (0.0..=w).contains(&p.x) && (0.0..=h).contains(&p.y))
        };
        let mut south = points.iter().map(|c| c.y).fold(f64::INFINITY, f64::min) - margin_deg;
        let mut north = points.iter().map(|c| c.y).fold(f64::NEG_INFINITY, f64::max) + margin_deg;
        let (pole_north, pole_south) = (on_page(90.0), on_page(-90.0));
        if pole_north {
            north = 90.0;
        }
        if pole_south {
            south = -90.0;
        }
        if pole_north || pole_south {
            return LonLatWindow { south: south.max(-90.0), north: north.min(90.0), lons: vec![(-180.0, 180.0)] };
        }
        // Longitudes measured from the central meridian, where the frame does not wrap.
        let lon_0 = self.projection.lon_0();
        let relative: Vec<f64> = points.iter().map(|c| crate::geodesy::wrap_lon(c.x - lon_0)).collect();
        let west = relative.iter().copied().fold(f64::INFINITY, f64::min) - margin_deg;
        let east = relative.iter().copied().fold(f64::NEG_INFINITY, f64::max) + margin_deg;
        if east - west >= 360.0 {
            return LonLatWindow { south, north, lons: vec![(-180.0, 180.0)] };
        }
        // Back to absolute longitude, split where the interval crosses ±180°.
        let (a, b) = (west + lon_0, east + lon_0);
        let shift = if a < -180.0 {
            360.0
        } else if a >= 180.0 {
            -360.0
        } else {
            0.0
        };
        let (a, b) = (a + shift, b + shift);
        let lons = if b > 180.0 { vec![(a, 180.0), (-180.0, b - 360.0)] } else { vec![(a, b)] };
        LonLatWindow { south: south.max(-90.0), north: north.min(90.0), lons }
    }
}

#[cfg(test)]
mod tests {
    use geo::{Area, BooleanOps, CoordsIter};

    use super::*;

    /// A jagged ring of `n` vertices around (lon, lat), radii between 5° and 60° (xorshift).
    fn jagged(lon: f64, lat: f64, n: usize, seed: u64) -> Polygon {
        let mut state = seed;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 11) as f64 / (1u64 << 53) as f64
        };
        let ring: Vec<Coord> = (0..n)
            .map(|k| {
                let a = std::f64::consts::TAU * k as f64 / n as f64;
                let r = 5.0 + 55.0 * next();
                Coord { x: (lon + r * a.cos()).clamp(-180.0, 180.0), y: (lat + 0.6 * r * a.sin()).clamp(-90.0, 90.0) }
            })
            .collect();
        Polygon::new(LineString::new(ring), Vec::new())
    }

    #[test]
    fn culling_keeps_what_lies_within_the_window_and_drops_the_rest() {
        let windows = [
            (LonLatWindow { south: 30.0, north: 60.0, lons: vec![(-10.0, 40.0)] }, vec![(-10.0, 40.0)]),
            // Across ±180°: two intervals, the stretch between them one side.
            (
                LonLatWindow { south: -20.0, north: 10.0, lons: vec![(160.0, 180.0), (-180.0, -170.0)] },
                vec![(160.0, 180.0), (-180.0, -170.0)],
            ),
        ];
        for (k, (window, boxes)) in windows.iter().enumerate() {
            let centre = if k == 0 { (15.0, 45.0) } else { (170.0, -5.0) };
            for seed in 1..40u64 {
                let shape = MultiPolygon::new(vec![jagged(centre.0, centre.1, 400, seed)]);
                let culled = window.cull_polygons(&shape);
                assert!(culled.coords_count() < shape.coords_count(), "nothing culled");
                for &(w, e) in boxes {
                    let rect = MultiPolygon::new(vec![Rect::new((w, window.south), (e, window.north)).to_polygon()]);
                    let (before, after) =
                        (shape.intersection(&rect).unsigned_area(), culled.intersection(&rect).unsigned_area());
                    // The boolean operation snaps to a grid scaled to each input's bounds (about
                    // 10⁻⁷° here): areas agree to that, not to the last bit.
                    assert!((before - after).abs() <= 1e-6 * before.max(1.0), "seed {seed}: {before} vs {after}");
                }
            }
        }
    }
}
