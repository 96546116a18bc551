//! The page's size: a width in pixels, or in millimetres at a resolution.

use crate::error::{Error, Result};

use super::MAX_SIDE_PX;

/// Largest printed width, millimetres.
pub const MAX_WIDTH_MM: f64 = 2_000.0;

/// Default page width when neither pixels nor millimetres are given.
pub const DEFAULT_WIDTH_PX: u32 = 2400;

/// Default resolution, dots per inch.
pub const DEFAULT_DPI: f64 = 300.0;

/// The page's width in pixels and its resolution.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageSize {
    /// Width, pixels.
    pub width_px: u32,
    /// Dots per inch.
    pub dpi: f64,
    /// The printed width, millimetres, when the page was sized in them (an SVG then states its
    /// size in millimetres).
    pub width_mm: Option<f64>,
}

/// A number with the name of the input it came from, for error messages.
pub type NamedValue<'a> = (f64, &'a str);

impl PageSize {
    /// Resolves a width in pixels, or in millimetres at a resolution, into pixels. Each value
    /// carries its field name; defaults are [`DEFAULT_WIDTH_PX`] and [`DEFAULT_DPI`].
    ///
    /// ```
    /// use reachmap::frame::PageSize;
    /// let a4_portrait_text_width = PageSize::resolve(None, Some((160.0, "width_mm")), Some((300.0, "dpi"))).unwrap();
    /// assert_eq!(a4_portrait_text_width.width_px, 1890);
    /// ```
    pub fn resolve(
        width_px: Option<NamedValue>,
        width_mm: Option<NamedValue>,
        dpi: Option<NamedValue>,
    ) -> Result<PageSize> {
        let dpi_value = match dpi {
            Some((value, field)) => {
                if !(50.0..=1200.0).contains(&value) {
                    return Err(Error::out_of_range(field, value, "50 to 1200 dots per inch"));
                }
                value
            }
            None => DEFAULT_DPI,
        };
        let printed_mm = if width_px.is_none() { width_mm.map(|(mm, _)| mm) } else { None };
        let width_px = match (width_px, width_mm) {
            (Some((value, field)), _) => {
                if value.fract() != 0.0 || !(1.0..=f64::from(MAX_SIDE_PX)).contains(&value) {
                    return Err(Error::out_of_range(field, value, &format!("a whole number from 1 to {MAX_SIDE_PX}")));
                }
                value as u32
            }
            (None, Some((value, field))) => {
                if !(10.0..=MAX_WIDTH_MM).contains(&value) {
                    return Err(Error::out_of_range(field, value, &format!("10 to {MAX_WIDTH_MM} mm")));
                }
                let px = (value / 25.4 * dpi_value).round();
                if px > f64::from(MAX_SIDE_PX) {
                    return Err(Error::Invalid {
                        field: field.into(),
                        value: format!("{value} mm at {dpi_value} dpi = {px} px"),
                        reason: format!("at most {MAX_SIDE_PX} px wide; lower the dpi or the width"),
                    });
                }
                px as u32
            }
            (None, None) => DEFAULT_WIDTH_PX,
        };
        Ok(PageSize { width_px, dpi: dpi_value, width_mm: printed_mm })
    }
}
