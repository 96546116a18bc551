//! The key and the sources strip. The key has one swatch per overlay, drawn exactly as the
//! overlay is; the strip lists the sources of the range figures, the notes and the base map's
//! attribution, wrapped to the page's width. Both are laid out from their own top-left corner;
//! `compose` puts them on the page.

use geo::{LineString, MultiLineString, MultiPolygon, Rect};

use super::MapSpec;
use super::ranges::{Tint, band_fill, outline_style};
use crate::range::Reach;
use crate::scene::{Anchor, Item, Style};

/// The attribution every map carries.
const BASE_CREDIT: &str = "Base map: Made with Natural Earth (public domain); boundaries are de facto.";

/// The sources strip's text: range sources, notes and `more` (what the page adds), then the
/// data credits.
pub(super) fn sources_text(spec: &MapSpec, more: &[String]) -> String {
    let mut parts = Vec::new();
    if !spec.sources.is_empty() {
        parts.push(format!("Ranges: {}.", spec.sources.join("; ").trim_end_matches('.')));
    }
    for set in &spec.isochrones {
        parts.push(format!("Flight times, {}: {}.", set.system, set.flight.sources_line()));
    }
    parts.extend(spec.notes.iter().cloned());
    let limits_said = spec.notes.iter().any(|n| n.contains(crate::rotation::LIMITS));
    if !limits_said && spec.overlays.iter().any(|o| crate::rotation::applies(o, spec.earth)) {
        parts.push(format!("{}.", crate::rotation::LIMITS));
    }
    parts.extend(more.iter().cloned());
    parts.push(BASE_CREDIT.to_string());
    if !spec.places.is_empty() {
        parts.push("Places: GeoNames (CC BY 4.0).".to_string());
    }
    parts.push(format!("Geodesic ranges on the WGS84 ellipsoid: reachmap {}.", env!("CARGO_PKG_VERSION")));
    parts.join(" ")
}

/// The sources strip, `width` wide, with `more` after the notes: its items and its height.
pub(super) fn sources_strip(spec: &MapSpec, pt: f64, width: f64, more: &[String]) -> (Vec<Item>, f64) {
    let left = 8.0 * pt;
    let size = 6.0 * pt;
    let leading = size * 1.25;
    let lines = crate::text::wrap(&sources_text(spec, more), size, false, width - 2.0 * left);
    let top_pad = 4.0 * pt;
    let items = lines
        .into_iter()
        .enumerate()
        .map(|(k, text)| Item::Text {
            x: left,
            y: top_pad + size * 0.8 + k as f64 * leading,
            text,
            size_px: size,
            bold: false,
            anchor: Anchor::Start,
            color: spec.theme.ink,
            halo: None,
        })
        .collect::<Vec<_>>();
    let height = top_pad + items.len() as f64 * leading + 3.0 * pt;
    (items, height)
}

/// How a row of the key shows what it stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Swatch {
    /// A range's outline.
    Line,
    /// A band's tint between its outlines.
    Band,
    /// An estimate's low figure: full tint under its dashed outline.
    WithinLow,
    /// An estimate's zone up to its high figure: light tint under its solid outline.
    LowToHigh,
    /// An estimate in one row (no text for each zone).
    Estimate,
    /// A system's time rings: a fine dotted line.
    TimeRing,
    /// A footprint: hatched between outlines, in its colour.
    Footprint,
    /// Launch areas: shaded as they are drawn (or a thick line, for areas along roads).
    Area,
    /// Launch areas along lines (roads): the thick line they are drawn with.
    AreaLine,
    /// The Earth's rotation: the quoted ranges' circles, dashed beside the regions.
    NonRotating,
}

/// The key on its panel, at most `max_width` wide (longer labels wrap): its items and its
/// width and height.
/// `notes[i]`, where given, is added to overlay i's last row in parentheses (e.g. "whole map
/// within range"), and `time_notes[k]` to the row of the time rings `spec.isochrones[k]`
/// (e.g. "outside the map").
pub(super) fn legend_key(
    spec: &MapSpec,
    pt: f64,
    max_width: f64,
    notes: &[Option<&str>],
    time_notes: &[Option<String>],
) -> (Vec<Item>, f64, f64) {
    let theme = &spec.theme;
    if spec.overlays.is_empty() && spec.isochrones.is_empty() && spec.footprints.is_empty() && spec.areas.is_empty() {
        return (Vec::new(), 0.0, 0.0);
    }
    let size = 8.0 * pt;
    let line = 11.0 * pt;
    let pad = 4.0 * pt;
    let swatch_w = 20.0 * pt;
    let room = (max_width - (pad + swatch_w + 5.0 * pt + pad)).max(40.0 * pt);
    // One row per overlay; an estimate takes two, the zone within its low figure and the zone
    // up to its high figure, each with its own swatch.
    let mut rows: Vec<(usize, Swatch, String)> = Vec::new();
    for (i, overlay) in spec.overlays.iter().enumerate() {
        match (&overlay.reach, &overlay.estimate_rows) {
            (Reach::Estimate { .. }, Some([sure, maybe])) => {
                rows.push((i, Swatch::WithinLow, sure.clone()));
                rows.push((i, Swatch::LowToHigh, maybe.clone()));
            }
            (Reach::Band { .. }, _) => rows.push((i, Swatch::Band, overlay.label.clone())),
            (Reach::Estimate { .. }, None) => rows.push((i, Swatch::Estimate, overlay.label.clone())),
            (Reach::Within(_), _) => rows.push((i, Swatch::Line, overlay.label.clone())),
        }
        if let (Some(Some(note)), Some(last)) = (notes.get(i), rows.last_mut()) {
            last.2 = format!("{} ({note})", last.2);
        }
    }
    let isochrone_texts: Vec<(usize, String)> = spec
        .isochrones
        .iter()
        .enumerate()
        .map(|(k, set)| {
            let text = match time_notes.get(k) {
                Some(Some(note)) => format!("{} ({note})", set.legend()),
                _ => set.legend(),
            };
            (super::isochrones::colour_index(spec, k, set), text)
        })
        .collect();
    for (i, text) in isochrone_texts {
        rows.push((i, Swatch::TimeRing, text));
    }
    for (k, print) in spec.footprints.iter().enumerate() {
        rows.push((k, Swatch::Footprint, print.label.clone()));
    }
    // The areas themselves, after what is drawn around them: one row for those given as
    // polygons, one for those along lines.
    for (lines, swatch) in [(false, Swatch::Area), (true, Swatch::AreaLine)] {
        let names: Vec<&str> =
            spec.areas.iter().filter(|a| a.area.polygons().is_none() == lines).map(|a| a.name.as_str()).collect();
        if !names.is_empty() {
            let what = if names.len() == 1 { "Launch area" } else { "Launch areas" };
            rows.push((0, swatch, format!("{what}: {}", names.join(", "))));
        }
    }
    if let Some(i) = spec.overlays.iter().position(|o| crate::rotation::applies(o, spec.earth)) {
        let text = format!("{}; fine dashes: the quoted range over a non-rotating Earth", crate::rotation::KEY_ROW);
        rows.push((i, Swatch::NonRotating, text));
    }
    let labels: Vec<Vec<String>> = rows.iter().map(|(.., text)| crate::text::wrap(text, size, false, room)).collect();
    let text_width = labels.iter().flatten().map(|l| crate::text::width_px(l, size, false)).fold(0.0, f64::max);
    let width = pad + swatch_w + 5.0 * pt + text_width + pad;
    let leading = size * 1.15;
    let extra_lines: usize = labels.iter().map(|l| l.len().saturating_sub(1)).sum();
    let height = pad + line * rows.len() as f64 + leading * extra_lines as f64 + pad * 0.5;
    let mut items = vec![Item::Area {
        shape: MultiPolygon::new(vec![Rect::new((0.0, 0.0), (width, height)).to_polygon()]),
        style: Style {
            fill: Some(theme.halo),
            fill_opacity: 0.9,
            stroke: Some(theme.graticule_text),
            stroke_width: 0.4 * pt,
            dash: Vec::new(),
        },
        tags: None,
    }];
    let left = pad;
    let mut row_top = pad;
    for ((i, swatch, _), lines) in rows.iter().zip(&labels) {
        let look = match swatch {
            Swatch::Footprint => super::footprints::look(spec, *i),
            _ => theme.range_style(*i),
        };
        let baseline = row_top + line - 3.0 * pt;
        row_top += line + leading * (lines.len() as f64 - 1.0);
        let mid = baseline - size * 0.35;
        let stroke = |style: Style, y0: f64| Item::Lines {
            lines: MultiLineString::new(vec![LineString::from(vec![(left, y0), (left + swatch_w, y0)])]),
            style,
            tags: None,
        };
        let (top, bottom) = (mid - 3.0 * pt, mid + 3.0 * pt);
        let tinted = |tint: Tint| {
            let rect = Rect::new((left, top), (left + swatch_w, bottom)).to_polygon();
            band_fill(MultiPolygon::new(vec![rect]), theme, &look, pt, tint)
        };
        match swatch {
            Swatch::Line => items.push(stroke(outline_style(&look, false, pt), mid)),
            Swatch::TimeRing => items.push(stroke(super::isochrones::ring_style(&look, pt), mid)),
            Swatch::NonRotating => items.push(stroke(super::ranges::non_rotating_style(&look, pt), mid)),
            Swatch::Footprint => {
                let rect = Rect::new((left, top), (left + swatch_w, bottom)).to_polygon();
                items.extend(super::footprints::hatching(MultiPolygon::new(vec![rect]), spec, &look, pt));
                items.push(stroke(outline_style(&look, false, pt), top));
                items.push(stroke(outline_style(&look, false, pt), bottom));
            }
            Swatch::Band => {
                items.extend(tinted(Tint::Full));
                items.push(stroke(outline_style(&look, false, pt), top));
                items.push(stroke(outline_style(&look, true, pt), bottom));
            }
            // Each zone of an estimate with its limit along the top: the low figure dashed,
            // the high one solid.
            Swatch::WithinLow => {
                items.extend(tinted(Tint::Full));
                items.push(stroke(outline_style(&look, true, pt), top));
            }
            Swatch::LowToHigh => {
                items.extend(tinted(Tint::Light));
                items.push(stroke(outline_style(&look, false, pt), top));
            }
            Swatch::Estimate => {
                items.extend(tinted(Tint::Light));
                items.push(stroke(outline_style(&look, false, pt), top));
                items.push(stroke(outline_style(&look, true, pt), bottom));
            }
            Swatch::Area => items.push(Item::Area {
                shape: MultiPolygon::new(vec![Rect::new((left, top), (left + swatch_w, bottom)).to_polygon()]),
                style: super::areas::area_style(theme, pt),
                tags: None,
            }),
            Swatch::AreaLine => items.push(stroke(super::areas::line_area_style(theme, pt), mid)),
        }
        for (k, text) in lines.iter().enumerate() {
            items.push(Item::Text {
                x: left + swatch_w + 5.0 * pt,
                y: baseline + leading * k as f64,
                text: text.clone(),
                size_px: size,
                bold: false,
                anchor: Anchor::Start,
                color: theme.ink,
                halo: None,
            });
        }
    }
    (items, width, height)
}
