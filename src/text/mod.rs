//! Measuring text in the embedded font (DejaVu Sans), so that layout can keep labels apart and
//! inside the page without a renderer; and cutting the glyphs a figure uses out of it
//! (`subset`), so that an SVG carries its own font.

use std::sync::OnceLock;

mod subset;

pub use subset::subset;

/// DejaVu Sans 2.37, regular (`assets/fonts/`).
pub const DEJAVU_SANS: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
/// DejaVu Sans 2.37, bold.
pub const DEJAVU_SANS_BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// Advance widths of the regular and bold faces, in em, by character; with the fallback
/// width for characters the font lacks.
struct Metrics {
    regular: ttf_parser::Face<'static>,
    bold: ttf_parser::Face<'static>,
}

fn metrics() -> &'static Option<Metrics> {
    static METRICS: OnceLock<Option<Metrics>> = OnceLock::new();
    METRICS.get_or_init(|| {
        let regular = ttf_parser::Face::parse(DEJAVU_SANS, 0).ok()?;
        let bold = ttf_parser::Face::parse(DEJAVU_SANS_BOLD, 0).ok()?;
        Some(Metrics { regular, bold })
    })
}

/// The width of `text` set in DejaVu Sans at `size_px`, pixels (no kerning: DejaVu's is
/// small, and this errs wide).
pub fn width_px(text: &str, size_px: f64, bold: bool) -> f64 {
    let Some(m) = metrics() else {
        return text.chars().count() as f64 * size_px * 0.7;
    };
    let face = if bold { &m.bold } else { &m.regular };
    let em = f64::from(face.units_per_em());
    let advance = |c: char| face.glyph_index(c).and_then(|g| face.glyph_hor_advance(g)).map_or(0.6 * em, f64::from);
    text.chars().map(advance).sum::<f64>() / em * size_px
}

/// Splits `text` at spaces into lines no wider than `max_px`.
pub fn wrap(text: &str, size_px: f64, bold: bool, max_px: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split(' ') {
        let candidate = if current.is_empty() { word.to_string() } else { format!("{current} {word}") };
        if !current.is_empty() && width_px(&candidate, size_px, bold) > max_px {
            lines.push(std::mem::replace(&mut current, word.to_string()));
        } else {
            current = candidate;
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_follow_the_font() {
        // DejaVu Sans: "M" advances 1767/2048 em, "i" 569/2048.
        assert!((width_px("M", 2048.0, false) - 1767.0).abs() < 1e-9);
        assert!((width_px("i", 2048.0, false) - 569.0).abs() < 1e-9);
        assert!(width_px("Kaliningrad", 10.0, true) > width_px("Kaliningrad", 10.0, false));
    }

    #[test]
    fn wraps_at_spaces() {
        let lines = wrap("one two three four", 10.0, false, width_px("three four", 10.0, false) + 0.1);
        assert_eq!(lines, ["one two", "three four"]);
    }
}
