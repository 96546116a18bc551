//! The page as a backend-neutral, fully resolved list of layers of styled primitives in page
//! pixels (y down). Backends draw it as it is: nothing after the scene computes geodesy or
//! projections, or places anything.

use geo::{MultiLineString, MultiPolygon};

/// A colour as `#rrggbb`.
pub type Color = &'static str;

/// How a shape is painted.
#[derive(Debug, Clone, PartialEq)]
pub struct Style {
    /// Fill colour, if filled.
    pub fill: Option<Color>,
    /// Opacity of the fill, 0–1.
    pub fill_opacity: f64,
    /// Outline colour, if stroked.
    pub stroke: Option<Color>,
    /// Outline width, pixels.
    pub stroke_width: f64,
    /// Dash pattern (on, off, ...) in pixels; empty for solid.
    pub dash: Vec<f64>,
}

impl Style {
    /// A filled shape without outline.
    pub fn fill(color: Color, opacity: f64) -> Style {
        Style { fill: Some(color), fill_opacity: opacity, stroke: None, stroke_width: 0.0, dash: Vec::new() }
    }

    /// An outline without fill.
    pub fn stroke(color: Color, width: f64) -> Style {
        Style { fill: None, fill_opacity: 1.0, stroke: Some(color), stroke_width: width, dash: Vec::new() }
    }

    /// The same outline, dashed.
    pub fn dashed(mut self, dash: Vec<f64>) -> Style {
        self.dash = dash;
        self
    }
}

/// Where a text's anchor point lies on it, horizontally.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// The text starts at the point.
    Start,
    /// The text is centred on the point.
    Middle,
    /// The text ends at the point.
    End,
}

/// A marker's shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Symbol {
    /// A filled circle.
    Circle,
    /// A filled five-pointed star.
    Star,
    /// A target: a ring (the style's stroke over its fill) with a dot of the stroke's colour at
    /// its centre — neither a site's star nor a place's dot.
    Target,
}

/// One drawn thing.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// Polygons (holes by the even-odd rule).
    Area {
        /// The shape, page pixels.
        shape: MultiPolygon,
        /// Its paint.
        style: Style,
        /// What it is, for readers of the SVG (none for the base map and furniture).
        tags: Option<Tags>,
    },
    /// Open lines.
    Lines {
        /// The lines, page pixels.
        lines: MultiLineString,
        /// Their paint (fill ignored).
        style: Style,
        /// What they are, for readers of the SVG.
        tags: Option<Tags>,
    },
    /// A line of text with a halo.
    Text {
        /// Anchor point, page pixels (the baseline).
        x: f64,
        /// Baseline, page pixels.
        y: f64,
        /// The text.
        text: String,
        /// Font size, pixels.
        size_px: f64,
        /// Bold face.
        bold: bool,
        /// How the text sits on its anchor point.
        anchor: Anchor,
        /// Text colour.
        color: Color,
        /// Halo colour and width in pixels, if any.
        halo: Option<(Color, f64)>,
    },
    /// A point symbol.
    Marker {
        /// Centre, page pixels.
        x: f64,
        /// Centre, page pixels.
        y: f64,
        /// Shape.
        symbol: Symbol,
        /// Diameter, pixels.
        size_px: f64,
        /// Paint.
        style: Style,
    },
}

/// What a drawn shape shows, for the people and programs that open the SVG (a designer picking
/// "Guam 5,500 km" in Inkscape, a script styling every band): the SVG backend writes them as
/// the path's `id` and `data-*` attributes; the PNG and PDF do not show them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tags {
    /// A readable identifier, e.g. `range-guam-5500km-outline`; the SVG backend makes it unique
    /// within the document (a second `x` becomes `x-2`).
    pub id: String,
    /// `data-*` attributes in order, names without the `data-` prefix, e.g. `("site", "Guam")`.
    pub data: Vec<(&'static str, String)>,
}

/// A named group of items, drawn in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Layer {
    /// Identifier (an SVG group id and Inkscape layer name).
    pub id: &'static str,
    /// The items.
    pub items: Vec<Item>,
}

/// A whole page.
#[derive(Debug, Clone, PartialEq)]
pub struct Scene {
    /// Width, pixels.
    pub width_px: u32,
    /// Height, pixels.
    pub height_px: u32,
    /// Dots per inch, for PNG metadata and PDF page size.
    pub dpi: f64,
    /// The printed width in millimetres, when the page was sized in them: the SVG then states
    /// its size in millimetres (its view box still in pixels).
    pub width_mm: Option<f64>,
    /// Layers, bottom first.
    pub layers: Vec<Layer>,
    /// A title for the document's metadata.
    pub title: String,
    /// A description for the document's metadata (program, version, input file).
    pub description: String,
}
