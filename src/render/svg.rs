//! The scene as SVG text: a `<g>` per layer (also an Inkscape layer), paths with two decimals,
//! text as real text with a halo drawn under it (`paint-order: stroke`), set in the glyphs of
//! DejaVu Sans the figure uses, embedded as `@font-face` rules: labels were placed with
//! DejaVu's widths, and a reader without the font would otherwise set them at other widths.

use std::collections::BTreeSet;
use std::fmt::Write;

use geo::{LineString, MultiPolygon};

use crate::scene::{Anchor, Item, Scene, Style, Symbol, Tags};

/// The font family name the SVG asks for; the PNG and PDF backends supply it from assets/.
pub const FONT_FAMILY: &str = "DejaVu Sans";

/// Writes `scene` as an SVG document. The same scene always gives the same bytes.
///
/// Its size is the scene's in pixels, or in millimetres where the page was sized in them
/// (`width="180mm" height="132.08mm"`, the view box still in pixels), so that Inkscape and
/// Illustrator open a 180 mm figure at 180 mm. Each layer is a group (an Inkscape layer); a
/// layer with nothing in it is left out. Shapes with [`crate::scene::Tags`] carry them as an
/// `id` (made unique: a second `x` is `x-2`) and `data-*` attributes.
pub fn render_svg(scene: &Scene) -> String {
    let mut out = String::with_capacity(1 << 20);
    out.push_str(&root_element(scene.width_px, scene.height_px, scene.width_mm));
    let _ = writeln!(out, "<title>{}</title>", escape(&scene.title));
    if !scene.description.is_empty() {
        let _ = writeln!(out, "<desc>{}</desc>", escape(&scene.description));
    }
    write_font_faces(&mut out, scene);
    let mut ids = Ids::default();
    let mut items = String::new();
    for layer in &scene.layers {
        items.clear();
        for item in &layer.items {
            write_item(&mut items, item, &mut ids);
        }
        // A layer that draws nothing (no items, or shapes all off the page) is left out.
        if !items.is_empty() {
            let _ = writeln!(out, r#"<g id="{0}" inkscape:groupmode="layer" inkscape:label="{0}">"#, layer.id);
            out.push_str(&items);
            out.push_str("</g>\n");
        }
    }
    out.push_str("</svg>\n");
    out
}

/// The root element's opening tag and its line break: `width` × `height` pixels, or the same
/// view box printed `width_mm` wide.
fn root_element(width_px: u32, height_px: u32, width_mm: Option<f64>) -> String {
    let size = match width_mm {
        Some(mm) => {
            let height_mm = mm * f64::from(height_px) / f64::from(width_px);
            format!(r#"width="{}mm" height="{}mm""#, num(mm), num(height_mm))
        }
        None => format!(r#"width="{width_px}" height="{height_px}""#),
    };
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" {size} viewBox="0 0 {width_px} {height_px}" font-family="{FONT_FAMILY}">"#
    ) + "\n"
}

/// `svg` (as [`render_svg`] wrote it) sized in the pixels of its view box, as the PNG and PDF
/// backends draw it: a root sized in millimetres would be read at 96 dpi.
pub(super) fn in_pixels(svg: &str) -> std::borrow::Cow<'_, str> {
    let Some((root, rest)) = svg.split_once('\n') else { return svg.into() };
    let view_box = root.split(r#"viewBox="0 0 "#).nth(1).and_then(|r| r.split('"').next());
    let size = view_box.and_then(|v| v.split_once(' ')).and_then(|(w, h)| Some((w.parse().ok()?, h.parse().ok()?)));
    match size {
        Some((w, h)) if root.contains(r#"mm" height=""#) => (root_element(w, h, None) + rest).into(),
        _ => svg.into(),
    }
}

/// The ids written so far, to make each new one unique.
#[derive(Default)]
struct Ids(std::collections::HashSet<String>);

impl Ids {
    /// `id`, or if it is taken, the first of `id-2`, `id-3`, … that is not.
    fn unique(&mut self, id: &str) -> String {
        let mut candidate = id.to_string();
        let mut n = 1;
        while self.0.contains(&candidate) {
            n += 1;
            candidate = format!("{id}-{n}");
        }
        self.0.insert(candidate.clone());
        candidate
    }
}

/// ` id="…" data-…="…"` for a shape's tags, or nothing.
fn tag_attributes(tags: Option<&Tags>, ids: &mut Ids) -> String {
    let Some(tags) = tags else { return String::new() };
    let mut s = format!(r#" id="{}""#, escape(&ids.unique(&tags.id)));
    for (name, value) in &tags.data {
        let _ = write!(s, r#" data-{name}="{}""#, escape(value));
    }
    s
}

/// A `<style>` of `@font-face` rules, one per face the figure's text uses, each a data URL of
/// DejaVu Sans cut down to the characters set in it. It takes the family name the text asks
/// for, so a browser uses it even where DejaVu Sans is installed. (resvg and svg2pdf skip
/// `@font-face` and use the same font from their own font database.)
fn write_font_faces(out: &mut String, scene: &Scene) {
    let mut used = [BTreeSet::new(), BTreeSet::new()];
    for item in scene.layers.iter().flat_map(|l| &l.items) {
        if let Item::Text { text, bold, .. } = item {
            used[usize::from(*bold)].extend(text.chars());
        }
    }
    if used.iter().all(BTreeSet::is_empty) {
        return;
    }
    out.push_str("<defs><style>\n");
    for (chars, (font, weight)) in
        used.iter().zip([(crate::text::DEJAVU_SANS, "normal"), (crate::text::DEJAVU_SANS_BOLD, "bold")])
    {
        if chars.is_empty() {
            continue;
        }
        // The embedded fonts are fixed: a failure here is a defect the unit tests catch, and
        // text then falls back to the reader's own DejaVu Sans, as before.
        let Ok(subset) = crate::text::subset(font, chars) else { continue };
        let _ = writeln!(
            out,
            r#"@font-face {{ font-family: "{FONT_FAMILY}"; font-weight: {weight}; src: url(data:font/ttf;base64,{}) format("truetype"); }}"#,
            base64(&subset)
        );
    }
    out.push_str("</style></defs>\n");
}

/// Standard base64 (RFC 4648, with padding).
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut text = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let word = chunk.iter().enumerate().fold(0u32, |w, (i, &b)| w | u32::from(b) << (16 - 8 * i));
        for k in 0..4 {
            if k <= chunk.len() {
                text.push(char::from(ALPHABET[(word >> (18 - 6 * k) & 63) as usize]));
            } else {
                text.push('=');
            }
        }
    }
    text
}

fn write_item(out: &mut String, item: &Item, ids: &mut Ids) {
    match item {
        Item::Area { shape, style, tags } => {
            let d = polygons_path(shape);
            if !d.is_empty() {
                let tags = tag_attributes(tags.as_ref(), ids);
                let _ = writeln!(out, r#"<path{tags} d="{d}" fill-rule="evenodd"{}/>"#, paint(style));
            }
        }
        Item::Lines { lines, style, tags } => {
            let mut d = String::new();
            for line in &lines.0 {
                line_path(&mut d, line, false);
            }
            if !d.is_empty() {
                let style = Style { fill: None, ..style.clone() };
                let tags = tag_attributes(tags.as_ref(), ids);
                let _ = writeln!(
                    out,
                    r#"<path{tags} d="{d}" stroke-linejoin="round" stroke-linecap="round"{}/>"#,
                    paint(&style)
                );
            }
        }
        Item::Text { x, y, text, size_px, bold, anchor, color, halo } => {
            let anchor = match anchor {
                Anchor::Start => "start",
                Anchor::Middle => "middle",
                Anchor::End => "end",
            };
            let weight = if *bold { r#" font-weight="bold""# } else { "" };
            let halo = halo.map_or(String::new(), |(c, width)| {
                format!(r#" stroke="{c}" stroke-width="{}" stroke-linejoin="round" paint-order="stroke""#, num(width))
            });
            let _ = writeln!(
                out,
                r#"<text x="{}" y="{}" font-size="{}"{weight} text-anchor="{anchor}" fill="{color}"{halo}>{}</text>"#,
                num(*x),
                num(*y),
                num(*size_px),
                escape(text)
            );
        }
        Item::Marker { x, y, symbol, size_px, style } => match symbol {
            Symbol::Circle => {
                let _ = writeln!(
                    out,
                    r#"<circle cx="{}" cy="{}" r="{}"{}/>"#,
                    num(*x),
                    num(*y),
                    num(size_px / 2.0),
                    paint(style)
                );
            }
            Symbol::Star => {
                let mut d = String::new();
                for i in 0..10 {
                    let r = if i % 2 == 0 { size_px / 2.0 } else { size_px / 5.0 };
                    let a = std::f64::consts::PI * (i as f64) / 5.0;
                    let _ = write!(
                        d,
                        "{}{} {}",
                        if i == 0 { "M" } else { "L" },
                        num(x + r * a.sin()),
                        num(y - r * a.cos())
                    );
                }
                d.push('Z');
                let _ = writeln!(out, r#"<path d="{d}" stroke-linejoin="round"{}/>"#, paint(style));
            }
            Symbol::Target => {
                let r = size_px / 2.0 - style.stroke_width / 2.0;
                let _ = writeln!(out, r#"<circle cx="{}" cy="{}" r="{}"{}/>"#, num(*x), num(*y), num(r), paint(style));
                let dot = style.stroke.or(style.fill).unwrap_or("#000000");
                let _ = writeln!(
                    out,
                    r#"<circle cx="{}" cy="{}" r="{}" fill="{dot}"/>"#,
                    num(*x),
                    num(*y),
                    num(size_px / 6.0)
                );
            }
        },
    }
}

fn paint(style: &Style) -> String {
    let mut s = String::new();
    match style.fill {
        Some(c) => {
            let _ = write!(s, r#" fill="{c}""#);
            if style.fill_opacity < 1.0 {
                let _ = write!(s, r#" fill-opacity="{}""#, num(style.fill_opacity));
            }
        }
        None => s.push_str(r#" fill="none""#),
    }
    if let Some(c) = style.stroke {
        let _ = write!(s, r#" stroke="{c}" stroke-width="{}""#, num(style.stroke_width));
        if !style.dash.is_empty() {
            let dash: Vec<String> = style.dash.iter().map(|d| num(*d)).collect();
            let _ = write!(s, r#" stroke-dasharray="{}""#, dash.join(" "));
        }
    }
    s
}

fn polygons_path(shape: &MultiPolygon) -> String {
    let mut d = String::new();
    for polygon in &shape.0 {
        for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
            line_path(&mut d, ring, true);
        }
    }
    d
}

fn line_path(d: &mut String, line: &LineString, closed: bool) {
    let points = if closed && line.0.len() > 1 && line.0.first() == line.0.last() {
        &line.0[..line.0.len() - 1]
    } else {
        &line.0[..]
    };
    // A point that prints as the one before is left out. Written straight into `d`: a map's
    // paths are some 100,000 points, and a string per number was half the SVG's time.
    let mut last = None;
    for (i, c) in points.iter().enumerate() {
        let p = (rounded(c.x), rounded(c.y));
        let bits = (p.0.to_bits(), p.1.to_bits());
        if i > 0 && last == Some(bits) {
            continue;
        }
        d.push(if i == 0 { 'M' } else { 'L' });
        let _ = write!(d, "{} {}", p.0, p.1);
        last = Some(bits);
    }
    if closed && !points.is_empty() {
        d.push('Z');
    }
}

/// `v` rounded to two decimals, without a negative zero: the value [`num`] prints.
fn rounded(v: f64) -> f64 {
    let rounded = (v * 100.0).round() / 100.0;
    if rounded == 0.0 { 0.0 } else { rounded }
}

/// A number with at most two decimals and no trailing zeros.
fn num(v: f64) -> String {
    format!("{}", rounded(v))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 4648 §10's test vectors.
    #[test]
    fn base64_as_rfc_4648() {
        let cases =
            [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("foobar", "Zm9vYmFy")];
        for (input, expected) in cases {
            assert_eq!(base64(input.as_bytes()), expected);
        }
    }
}
