//! The scene as SVG text: a `<g>` per layer (also an Inkscape layer), paths with two decimals,
//! text as real text with a halo drawn under it (`paint-order: stroke`).

use std::fmt::Write;

use geo::{LineString, MultiPolygon};

use crate::scene::{Anchor, Item, Scene, Style, Symbol};

/// The font family name the SVG asks for; the PNG and PDF backends supply it from assets/.
pub const FONT_FAMILY: &str = "DejaVu Sans";

/// Writes `scene` as an SVG document. The same scene always gives the same bytes.
pub fn render_svg(scene: &Scene) -> String {
    let mut out = String::with_capacity(1 << 20);
    let (w, h) = (scene.width_px, scene.height_px);
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{FONT_FAMILY}">"#
    );
    let _ = writeln!(out, "<title>{}</title>", escape(&scene.title));
    if !scene.description.is_empty() {
        let _ = writeln!(out, "<desc>{}</desc>", escape(&scene.description));
    }
    for layer in &scene.layers {
        let _ = writeln!(out, r#"<g id="{0}" inkscape:groupmode="layer" inkscape:label="{0}">"#, layer.id);
        for item in &layer.items {
            write_item(&mut out, item);
        }
        out.push_str("</g>\n");
    }
    out.push_str("</svg>\n");
    out
}

fn write_item(out: &mut String, item: &Item) {
    match item {
        Item::Area { shape, style } => {
            let d = polygons_path(shape);
            if !d.is_empty() {
                let _ = writeln!(out, r#"<path d="{d}" fill-rule="evenodd"{}/>"#, paint(style));
            }
        }
        Item::Lines { lines, style } => {
            let mut d = String::new();
            for line in &lines.0 {
                line_path(&mut d, line, false);
            }
            if !d.is_empty() {
                let style = Style { fill: None, ..style.clone() };
                let _ =
                    writeln!(out, r#"<path d="{d}" stroke-linejoin="round" stroke-linecap="round"{}/>"#, paint(&style));
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
