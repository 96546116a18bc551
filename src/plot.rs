//! plotters drawing into the scene: a [`DrawingBackend`] whose output is scene items, so that
//! charts laid out by plotters (axes, ticks at round numbers, series) share the figures' font,
//! themes, SVG/PNG/PDF path and byte-identical output.
//!
//! plotters works in whole backend pixels; [`SceneBackend`] runs at [`SUBPIXEL`] of its units
//! per page pixel, so that lines are placed to a sixteenth of a pixel, not snapped to whole
//! ones. Text is measured with the embedded font's widths ([`crate::text::width_px`]), never
//! with system fonts. The backend paints only in the colours it is given (a theme's), since a
//! scene's colours are the theme's own strings; strokes are opaque and text horizontal, and
//! anything else is refused with an error rather than drawn differently.

use std::fmt;

use geo::{Coord, LineString, MultiLineString, MultiPolygon, Polygon};
use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, RGBColor};
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind, FontStyle,
    FontTransform,
};

use crate::error::Error;
use crate::scene::{Anchor, Color, Item, Style, Symbol};

/// Backend units per page pixel.
pub const SUBPIXEL: f64 = 16.0;

/// Where a text's baseline lies below the top of its box, and above its bottom, in ems: the
/// box plotters lays out is one em tall (DejaVu's capitals are 0.73 em high, its descenders
/// 0.24 em deep).
const ASCENT_EM: f64 = 0.78;
const CENTRE_EM: f64 = 0.36;
const DESCENT_EM: f64 = 0.22;

/// A plotters colour for one of the scene's `#rrggbb` colours.
pub fn rgb(color: Color) -> RGBColor {
    let (r, g, b) = parse_rgb(color);
    RGBColor(r, g, b)
}

fn parse_rgb(color: Color) -> (u8, u8, u8) {
    let channel = |k: usize| color.get(1 + 2 * k..3 + 2 * k).and_then(|h| u8::from_str_radix(h, 16).ok()).unwrap_or(0);
    (channel(0), channel(1), channel(2))
}

/// What the backend cannot draw as the scene would: a colour it was not given, a translucent
/// stroke, rotated text.
#[derive(Debug)]
pub struct Unsupported(String);

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "chart: {}", self.0)
    }
}

impl std::error::Error for Unsupported {}

type DrawResult = Result<(), DrawingErrorKind<Unsupported>>;

fn unsupported(what: String) -> DrawingErrorKind<Unsupported> {
    DrawingErrorKind::DrawingError(Unsupported(what))
}

/// A plotters backend that appends scene items to `items`, its own area being the rectangle
/// at `origin` (page pixels) of `size` page pixels.
pub struct SceneBackend<'a> {
    items: &'a mut Vec<Item>,
    origin: Coord,
    size: (u32, u32),
    palette: Vec<((u8, u8, u8), Color)>,
    halo: Option<(Color, f64)>,
}

impl<'a> SceneBackend<'a> {
    /// A backend over the rectangle at `origin` of `size` (page pixels), painting in `colors`.
    pub fn new(items: &'a mut Vec<Item>, origin: (f64, f64), size: (f64, f64), colors: &[Color]) -> SceneBackend<'a> {
        let units = |v: f64| (v.max(0.0) * SUBPIXEL).round() as u32;
        SceneBackend {
            items,
            origin: Coord { x: origin.0, y: origin.1 },
            size: (units(size.0), units(size.1)),
            palette: colors.iter().map(|&c| (parse_rgb(c), c)).collect(),
            halo: None,
        }
    }

    /// The same backend, setting text on a halo of `color`, `width_px` wide.
    pub fn with_halo(mut self, color: Color, width_px: f64) -> SceneBackend<'a> {
        self.halo = Some((color, width_px));
        self
    }

    /// The backend as a plotters drawing area.
    pub fn into_drawing_area(self) -> DrawingArea<SceneBackend<'a>, Shift> {
        plotters::drawing::IntoDrawingArea::into_drawing_area(self)
    }

    /// Appends an item drawn outside plotters' own elements (see [`ScenePath`]).
    pub fn push(&mut self, item: Item) {
        self.items.push(item);
    }

    /// A backend point in page pixels.
    pub fn page(&self, point: BackendCoord) -> Coord {
        page(self.origin, point)
    }

    fn color(&self, color: BackendColor) -> Result<Color, DrawingErrorKind<Unsupported>> {
        self.palette.iter().find(|(c, _)| *c == color.rgb).map(|(_, name)| *name).ok_or_else(|| {
            let (r, g, b) = color.rgb;
            unsupported(format!("colour #{r:02x}{g:02x}{b:02x} is not one of the figure's"))
        })
    }

    /// The stroke of `style`, or None for an invisible one.
    fn stroke<S: BackendStyle>(&self, style: &S) -> Result<Option<Style>, DrawingErrorKind<Unsupported>> {
        let color = style.color();
        if color.alpha == 0.0 || style.stroke_width() == 0 {
            return Ok(None);
        }
        if color.alpha < 1.0 {
            return Err(unsupported(format!("translucent stroke (alpha {})", color.alpha)));
        }
        Ok(Some(Style::stroke(self.color(color)?, f64::from(style.stroke_width()) / SUBPIXEL)))
    }

    fn fill<S: BackendStyle>(&self, style: &S) -> Result<Option<Style>, DrawingErrorKind<Unsupported>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(None);
        }
        Ok(Some(Style::fill(self.color(color)?, color.alpha)))
    }

    fn line(&self, points: impl IntoIterator<Item = BackendCoord>) -> LineString {
        LineString::new(points.into_iter().map(|p| self.page(p)).collect())
    }
}

fn page(origin: Coord, (x, y): BackendCoord) -> Coord {
    Coord { x: origin.x + f64::from(x) / SUBPIXEL, y: origin.y + f64::from(y) / SUBPIXEL }
}

impl DrawingBackend for SceneBackend<'_> {
    type ErrorType = Unsupported;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> DrawResult {
        Ok(())
    }

    fn present(&mut self) -> DrawResult {
        Ok(())
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> DrawResult {
        let Some(style) = self.fill(&color)? else { return Ok(()) };
        let (x, y) = point;
        let square = self.line([(x, y), (x + 1, y), (x + 1, y + 1), (x, y + 1), (x, y)]);
        self.items.push(Item::Area {
            shape: MultiPolygon::new(vec![Polygon::new(square, Vec::new())]),
            style,
            tags: None,
        });
        Ok(())
    }

    fn draw_line<S: BackendStyle>(&mut self, from: BackendCoord, to: BackendCoord, style: &S) -> DrawResult {
        self.draw_path([from, to], style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> DrawResult {
        let ((x0, y0), (x1, y1)) = (upper_left, bottom_right);
        let corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)];
        if fill { self.fill_polygon(corners, style) } else { self.draw_path(corners, style) }
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(&mut self, path: I, style: &S) -> DrawResult {
        let Some(style) = self.stroke(style)? else { return Ok(()) };
        let line = self.line(path);
        self.items.push(Item::Lines { lines: MultiLineString::new(vec![line]), style, tags: None });
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(&mut self, center: BackendCoord, radius: u32, style: &S, fill: bool) -> DrawResult {
        let style = if fill { self.fill(style)? } else { self.stroke(style)? };
        let Some(style) = style else { return Ok(()) };
        let centre = self.page(center);
        let size_px = 2.0 * f64::from(radius) / SUBPIXEL;
        self.items.push(Item::Marker { x: centre.x, y: centre.y, symbol: Symbol::Circle, size_px, style });
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> DrawResult {
        let Some(style) = self.fill(style)? else { return Ok(()) };
        let mut ring = self.line(vert);
        ring.close();
        self.items.push(Item::Area {
            shape: MultiPolygon::new(vec![Polygon::new(ring, Vec::new())]),
            style,
            tags: None,
        });
        Ok(())
    }

    fn draw_text<T: BackendTextStyle>(&mut self, text: &str, style: &T, pos: BackendCoord) -> DrawResult {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        if !matches!(style.transform(), FontTransform::None) {
            return Err(unsupported(format!("rotated text {text:?}")));
        }
        let color = self.color(style.color())?;
        let size_px = style.size() / SUBPIXEL;
        let at = self.page(pos);
        let anchor = style.anchor();
        let y = at.y
            + size_px
                * match anchor.v_pos {
                    VPos::Top => ASCENT_EM,
                    VPos::Center => CENTRE_EM,
                    VPos::Bottom => -DESCENT_EM,
                };
        let anchor = match anchor.h_pos {
            HPos::Left => Anchor::Start,
            HPos::Center => Anchor::Middle,
            HPos::Right => Anchor::End,
        };
        self.items.push(Item::Text {
            x: at.x,
            y,
            text: text.to_string(),
            size_px,
            bold: matches!(style.style(), FontStyle::Bold),
            anchor,
            color,
            halo: self.halo,
        });
        Ok(())
    }

    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        style: &T,
    ) -> Result<(u32, u32), DrawingErrorKind<Unsupported>> {
        let bold = matches!(style.style(), FontStyle::Bold);
        let width = crate::text::width_px(text, style.size(), bold);
        Ok((width.ceil() as u32, style.size().ceil() as u32))
    }
}

/// A line in the scene's own style — its dash pattern too, which plotters' styles lack — for
/// `ChartContext::draw_series` on a [`SceneBackend`].
pub struct ScenePath<C = (f64, f64)> {
    /// The points, in the chart's coordinates (or the drawing area's, `(i32, i32)`).
    pub points: Vec<C>,
    /// Its paint, widths and dashes in page pixels.
    pub style: Style,
}

impl<'b, C: 'b> plotters::element::PointCollection<'b, C> for &'b ScenePath<C> {
    type Point = &'b C;
    type IntoIter = &'b [C];

    fn point_iter(self) -> &'b [C] {
        &self.points
    }
}

impl<C> plotters::element::Drawable<SceneBackend<'_>> for ScenePath<C> {
    fn draw<I: Iterator<Item = BackendCoord>>(
        &self,
        points: I,
        backend: &mut SceneBackend<'_>,
        _parent: (u32, u32),
    ) -> DrawResult {
        let line = backend.line(points);
        backend.push(Item::Lines { lines: MultiLineString::new(vec![line]), style: self.style.clone(), tags: None });
        Ok(())
    }
}

/// A plotters error as the library's.
pub fn error<E: std::error::Error + Send + Sync>(e: plotters::drawing::DrawingAreaErrorKind<E>) -> Error {
    Error::Render(e.to_string())
}

#[cfg(test)]
mod tests {
    use plotters::prelude::{Circle, Color as _, IntoFont, PathElement, RED, Rectangle, Text, TextStyle};
    use plotters_backend::text_anchor::Pos;

    use super::*;

    #[test]
    fn text_is_measured_with_the_embedded_font() {
        let mut items = Vec::new();
        let backend = SceneBackend::new(&mut items, (0.0, 0.0), (100.0, 100.0), &["#000000"]);
        let style = TextStyle::from(("sans-serif", 12.0 * SUBPIXEL).into_font());
        let (w, h) = backend.estimate_text_size("2,350 km", &style).unwrap();
        let expected = crate::text::width_px("2,350 km", 12.0, false) * SUBPIXEL;
        assert_eq!(w, expected.ceil() as u32);
        assert_eq!(h, (12.0 * SUBPIXEL) as u32);
    }

    #[test]
    fn shapes_become_scene_items_in_page_pixels() {
        let mut items = Vec::new();
        {
            let root =
                SceneBackend::new(&mut items, (100.0, 50.0), (40.0, 30.0), &["#0072B2", "#ffffff"]).into_drawing_area();
            root.draw(&Rectangle::new([(0, 0), (160, 80)], rgb("#ffffff").mix(0.5).filled())).unwrap();
            root.draw(&Circle::new((320, 320), 24, rgb("#0072B2").filled())).unwrap();
            let text =
                ("sans-serif", 8.0 * SUBPIXEL).into_font().color(&rgb("#0072B2")).pos(Pos::new(HPos::Right, VPos::Top));
            root.draw(&Text::new("Kaliningrad", (16, 16), text)).unwrap();
        }
        match &items[0] {
            Item::Area { shape, style, .. } => {
                let c: Vec<Coord> = shape.0[0].exterior().0.clone();
                assert_eq!((c[0].x, c[0].y, c[2].x, c[2].y), (100.0, 50.0, 110.0, 55.0));
                assert_eq!((style.fill, style.fill_opacity), (Some("#ffffff"), 0.5));
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(items[1], Item::Marker { x: 120.0, y: 70.0, size_px: 3.0, .. }), "{:?}", items[1]);
        match &items[2] {
            Item::Text { x, y, anchor, color, size_px, .. } => {
                assert_eq!((*x, *anchor, *color, *size_px), (101.0, Anchor::End, "#0072B2", 8.0));
                // Hung from its top: the baseline an ascent below.
                assert!((y - (51.0 + 8.0 * ASCENT_EM)).abs() < 1e-9, "{y}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn what_the_scene_cannot_draw_is_refused() {
        let mut items = Vec::new();
        let root = SceneBackend::new(&mut items, (0.0, 0.0), (40.0, 30.0), &["#0072B2"]).into_drawing_area();
        let foreign = root.draw(&PathElement::new(vec![(0, 0), (10, 10)], RED));
        assert!(error(foreign.unwrap_err()).to_string().contains("colour #ff0000 is not one of the figure's"));
        let translucent = root.draw(&PathElement::new(vec![(0, 0), (10, 10)], rgb("#0072B2").mix(0.3)));
        assert!(error(translucent.unwrap_err()).to_string().contains("translucent stroke"));
        let rotated = ("sans-serif", 80.0).into_font().transform(FontTransform::Rotate90).color(&rgb("#0072B2"));
        let drawn = root.draw(&Text::new("range", (0, 0), rotated));
        assert!(error(drawn.unwrap_err()).to_string().contains("rotated text"));
    }
}

#[cfg(test)]
mod example {
    use plotters::prelude::{ChartBuilder, PathElement};

    #[test]
    fn a_line_lands_on_the_page_at_a_sixteenth_of_a_pixel() {
        use super::{SceneBackend, rgb};
        use crate::scene::Item;

        let mut items = Vec::new();
        {
            let root = SceneBackend::new(&mut items, (10.0, 20.0), (200.0, 100.0), &["#0072B2"]).into_drawing_area();
            let mut chart = ChartBuilder::on(&root).build_cartesian_2d(0.0..1_000.0, 0.0..10.0).unwrap();
            chart
                .draw_series(std::iter::once(PathElement::new(vec![(0.0, 0.0), (1_000.0, 10.0)], rgb("#0072B2"))))
                .unwrap();
        }
        // The line runs from the area's bottom-left corner to its top-right one, in page pixels.
        let Item::Lines { lines, .. } = &items[0] else { panic!() };
        let (a, b) = (lines.0[0].0[0], lines.0[0].0[1]);
        assert_eq!((a.x, a.y, b.x, b.y), (10.0, 119.9375, 209.9375, 20.0));
    }
}
