//! The comparison figure's charts, laid out by plotters and drawn into the scene through
//! [`SceneBackend`]: population within range by range from each site, and flight time by range
//! for each system with a flight profile. Both have their ticks at round numbers, their series
//! named at their ends, and each range figure as a labelled vertical line.

use std::ops::Range;

use geo::Rect;
use plotters::chart::ChartBuilder;
use plotters::prelude::{FontStyle, IntoFont, Text, TextStyle};
use plotters::style::{Color as _, TRANSPARENT};
use plotters_backend::BackendCoord;
use plotters_backend::text_anchor::{HPos, Pos, VPos};

use super::MapSpec;
use super::chart_labels::mark_rows;
use crate::error::Result;
use crate::flight::{FlightProfile, Kind};
use crate::format::format_km;
use crate::plot::{SUBPIXEL, SceneBackend, ScenePath, error, rgb};
use crate::range::Reach;
use crate::scene::{Color, Layer, Style};

/// One named line of a chart: its points (x ascending) and how it is drawn. A line may come in
/// parts (an estimate's stretch beyond its low figure is dashed); the name sits at the last
/// part's end.
struct Series {
    name: String,
    color: Color,
    parts: Vec<(Vec<(f64, f64)>, Style)>,
}

/// A range figure drawn across a chart: a vertical line at `x` with its label at the top.
struct Mark {
    x: f64,
    label: String,
    color: Color,
    style: Style,
}

/// What a chart shows: its title, an optional line under it, its axes' extents and names, its
/// series and marks.
pub(super) struct Chart {
    title: String,
    note: Option<String>,
    x_max: f64,
    x_desc: &'static str,
    y_max: f64,
    series: Vec<Series>,
    marks: Vec<Mark>,
}

/// Round steps for an axis covering `span`: 1, 2 or 5 times a power of ten, about 5 of them.
fn axis_step(span: f64) -> f64 {
    let raw = span / 5.0;
    let power = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0].into_iter().map(|m| m * power).find(|v| *v >= raw).unwrap_or(power)
}

/// `top` rounded up to the next round step, so that the axis ends on a tick.
fn round_up(top: f64) -> f64 {
    let step = axis_step(top.max(f64::MIN_POSITIVE));
    (top / step).ceil() * step
}

/// The colours a chart paints in: the theme's.
fn colors(spec: &MapSpec) -> Vec<Color> {
    let t = &spec.theme;
    let mut colors = vec![t.ink, t.halo, t.graticule, t.graticule_text, t.place, t.ocean, t.land, t.border, t.coast];
    colors.extend_from_slice(t.palette);
    colors
}

/// A system's name for a chart, without its explanation: `9M729` for `9M729 (SSC-8 Screwdriver)`.
/// A long one goes by its first word: `Tomahawk` for `Tomahawk land-attack cruise missile
/// (TLAM)`.
fn short_name(system: &str) -> &str {
    let name = system.split(" (").next().unwrap_or(system).trim();
    if name.chars().count() > 20 { name.split(' ').next().unwrap_or(name) } else { name }
}

/// Population within range (millions) against range (0 to `max_km`), one step curve per site
/// drawn from `steps` — for each site, each place's distance (km) and the population within
/// range once it is included ([`PlaceIndex::population_by_range`](crate::coverage::PlaceIndex::population_by_range)) —
/// with each overlay's range figures as vertical lines.
pub(super) fn population_chart(spec: &MapSpec, steps: &[Vec<(f64, u64)>], max_km: f64, pt: f64) -> Chart {
    let theme = &spec.theme;
    let series: Vec<Series> = spec
        .sites
        .iter()
        .zip(steps)
        .enumerate()
        .map(|(k, (site, steps))| {
            let mut total = 0.0;
            let mut points = vec![(0.0, 0.0)];
            for &(km, people) in steps {
                points.push((km, total));
                total = people as f64 / 1e6;
                points.push((km, total));
            }
            points.push((max_km, total));
            // In the palette's colours after the ranges' (a site's line is never mistaken for
            // a range) and, in grayscale, its own dash pattern.
            let look = theme.range_style(spec.overlays.len() + k);
            let style = Style::stroke(look.color, 1.2 * pt).dashed(look.outer_dash_pt.iter().map(|d| d * pt).collect());
            Series { name: site.name().to_string(), color: look.color, parts: vec![(points, style)] }
        })
        .collect();
    let top = series.iter().flat_map(|s| &s.parts).flat_map(|p| &p.0).map(|p| p.1).fold(0.0, f64::max).max(1.0);
    let mut marks = Vec::new();
    for (i, overlay) in spec.overlays.iter().enumerate() {
        let look = theme.range_style(i);
        // A system by its short name; a named band (`INF shorter-range: 500–1,000 km`) by its
        // name; a bare range by its figures alone.
        let name = overlay.system.as_deref().map(short_name).or_else(|| overlay.label.split_once(": ").map(|n| n.0));
        for limit in overlay.reach.limits() {
            let km = limit.radius.km();
            let which = match (overlay.reach, limit.inner) {
                (Reach::Estimate { .. }, true) => " (low figure)",
                (Reach::Estimate { .. }, false) => " (high figure)",
                (Reach::Band { .. }, true) => " (minimum)",
                _ => "",
            };
            let label = match name {
                Some(name) => format!("{name} {} km{which}", format_km(km)),
                None => format!("{} km{which}", format_km(km)),
            };
            let dash = if limit.inner { &look.inner_dash_pt } else { &look.outer_dash_pt };
            let style = Style::stroke(look.color, 0.8 * pt).dashed(dash.iter().map(|d| d * pt).collect());
            marks.push(Mark { x: km, label, color: look.color, style });
        }
    }
    Chart {
        title: "Population within range (millions), by range from each site".into(),
        note: None,
        x_max: max_km,
        x_desc: "range from the site, km",
        y_max: round_up(top),
        series,
        marks,
    }
}

/// Flight time (minutes) against range for each system of `spec`'s overlays that has a flight
/// profile, each out to its range (an estimate's stretch past its low figure dashed); None
/// when no system has one. The title points to the models' assumptions, which
/// the sources strip gives ([`flight_notes`]).
pub(super) fn flight_chart(spec: &MapSpec, pt: f64) -> Option<Chart> {
    let profiled = profiled_systems(spec);
    if profiled.is_empty() {
        return None;
    }
    let mut series = Vec::new();
    let mut x_max: f64 = 0.0;
    let mut y_top: f64 = 0.0;
    for &(i, system, flight) in &profiled {
        let overlay = &spec.overlays[i];
        let look = spec.theme.range_style(i);
        let solid = Style::stroke(look.color, 1.2 * pt).dashed(look.outer_dash_pt.iter().map(|d| d * pt).collect());
        let dashed = Style::stroke(look.color, 1.2 * pt).dashed(look.inner_dash_pt.iter().map(|d| d * pt).collect());
        let curve = |from_km: f64, to_km: f64| -> Vec<(f64, f64)> {
            let n = 200;
            (0..=n)
                .map(|k| from_km + (to_km - from_km) * f64::from(k) / f64::from(n))
                .map(|km| (km, flight.time_s(km * 1000.0) / 60.0))
                .collect()
        };
        let parts = match overlay.reach {
            Reach::Within(r) => vec![(curve(0.0, r.km()), solid)],
            Reach::Band { min, max } => vec![(curve(min.km(), max.km()), solid)],
            Reach::Estimate { low, high } => {
                vec![(curve(0.0, low.km()), solid), (curve(low.km(), high.km()), dashed)]
            }
        };
        x_max = x_max.max(overlay.reach.outer().km());
        y_top = y_top.max(flight.time_s(overlay.reach.outer().meters()) / 60.0);
        let name = match (flight.profile, flight.boost_s) {
            (Kind::Ballistic, None) => format!("{} (without boost)", short_name(system)),
            _ => short_name(system).to_string(),
        };
        series.push(Series { name, color: look.color, parts });
    }
    let mut unprofiled: Vec<&str> = Vec::new();
    for system in spec.overlays.iter().filter(|o| o.flight.is_none()).filter_map(|o| o.system.as_deref()) {
        if !unprofiled.contains(&system) {
            unprofiled.push(system);
        }
    }
    let note = (!unprofiled.is_empty()).then(|| format!("No flight profile is sourced for {}.", unprofiled.join(", ")));
    Some(Chart {
        title: "Flight time (minutes) by range: first-order models, assumptions and sources below".into(),
        note,
        x_max,
        x_desc: "range, km",
        y_max: round_up(y_top),
        series,
        marks: Vec::new(),
    })
}

/// The systems of `spec`'s overlays with a flight profile, each once: the overlay's index, the
/// system's name and its profile.
fn profiled_systems(spec: &MapSpec) -> Vec<(usize, &str, &FlightProfile)> {
    let mut seen: Vec<(usize, &str, &FlightProfile)> = Vec::new();
    for (i, overlay) in spec.overlays.iter().enumerate() {
        if let (Some(system), Some(flight)) = (overlay.system.as_deref(), overlay.flight.as_ref())
            && !seen.iter().any(|s| s.1 == system)
        {
            seen.push((i, system, flight));
        }
    }
    seen
}

/// The sources strip's lines for the flight chart: each charted system's model, assumptions
/// and source, except those the map's time rings already list.
pub(super) fn flight_notes(spec: &MapSpec) -> Vec<String> {
    profiled_systems(spec)
        .into_iter()
        .filter(|(_, system, _)| !spec.isochrones.iter().any(|set| set.system == *system))
        .map(|(_, system, flight)| format!("Flight times, {system}: {}.", flight.sources_line()))
        .collect()
}

/// Draws each chart in its area as its layer, their plots aligned: the same room on the left
/// for the widest tick labels and on the right for the longest series name.
pub(super) fn draw_charts(spec: &MapSpec, charts: &[(&'static str, &Chart, Rect)], pt: f64) -> Result<Vec<Layer>> {
    let size = 7.0 * pt;
    let names_w =
        charts.iter().flat_map(|c| &c.1.series).map(|s| crate::text::width_px(&s.name, size, true)).fold(0.0, f64::max);
    let y_labels_w =
        charts.iter().map(|c| crate::text::width_px(&format_km(c.1.y_max), size, false)).fold(0.0, f64::max);
    charts.iter().map(|&(id, chart, area)| draw(id, spec, chart, area, pt, (y_labels_w, names_w))).collect()
}

/// Draws `chart` in `area` as layer `id` through plotters: the title (and note) at the top,
/// the axes with `margins.0` for the tick labels, the marks, the series, and the series' names
/// right of their ends (`margins.1` for those in the column beside the plot).
fn draw(id: &'static str, spec: &MapSpec, chart: &Chart, area: Rect, pt: f64, margins: (f64, f64)) -> Result<Layer> {
    let theme = &spec.theme;
    let size = 7.0 * pt;
    let (y_labels_w, names_w) = margins;
    let sub = |v: f64| (v * SUBPIXEL).round() as i32;
    let font = |bold: bool, color: Color, size_px: f64| -> TextStyle<'static> {
        let style = if bold { FontStyle::Bold } else { FontStyle::Normal };
        ("DejaVu Sans", size_px * SUBPIXEL).into_font().style(style).color(&rgb(color))
    };
    let mut items = Vec::new();
    {
        let root =
            SceneBackend::new(&mut items, (area.min().x, area.min().y), (area.width(), area.height()), &colors(spec))
                .with_halo(theme.halo, 2.0 * pt)
                .into_drawing_area();
        let text = |what: &str, at: BackendCoord, style: TextStyle| root.draw(&Text::new(what.to_string(), at, style));
        text(&chart.title, (0, 0), font(true, theme.ink, size * 1.1).pos(Pos::new(HPos::Left, VPos::Top)))
            .map_err(error)?;
        let mut head = size * 1.1 * 1.4;
        if let Some(note) = &chart.note {
            text(note, (0, sub(head)), font(false, theme.graticule_text, size).pos(Pos::new(HPos::Left, VPos::Top)))
                .map_err(error)?;
            head += size * 1.35;
        }
        let right = sub(names_w + 8.0 * pt);
        let build = |area| {
            ChartBuilder::on(area)
                .x_label_area_size(sub(2.8 * size))
                .y_label_area_size(sub(y_labels_w + 6.0 * pt))
                .margin_right(sub(2.0 * pt))
                .build_cartesian_2d(0.0..chart.x_max, 0.0..chart.y_max)
                .map_err(error)
        };
        // The marks' labels go in rows above the plot ([`mark_rows`]); the chart's horizontal
        // scale does not depend on its height, so a first build places them.
        let unplaced = root.margin(sub(head), 0, 0, right);
        let probe = build(&unplaced)?;
        let x_span = probe.plotting_area().get_pixel_range().0;
        let gap = sub(2.5 * pt);
        let widths: Vec<(i32, i32)> = chart
            .marks
            .iter()
            .map(|m| (probe.backend_coord(&(m.x, 0.0)).0, sub(crate::text::width_px(&m.label, size, true))))
            .collect();
        let labels = mark_rows(&widths, x_span, gap);
        let placed: Vec<(&Mark, usize, HPos)> = chart
            .marks
            .iter()
            .zip(&labels)
            .map(|(mark, label)| (mark, label.row, if label.right { HPos::Left } else { HPos::Right }))
            .collect();
        let rows = labels.iter().map(|l| l.row + 1).max().unwrap_or(0);
        let row_h = size * 1.25;
        let marks_h = rows as f64 * row_h;

        let body = root.margin(sub(head + marks_h + 4.0 * pt), 0, 0, right);
        let mut plot = build(&body)?;
        let ticks = font(false, theme.graticule_text, size);
        let formatter = |v: &f64| format_km(*v);
        plot.configure_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(rgb(theme.graticule).stroke_width(sub(0.4 * pt) as u32))
            .axis_style(rgb(theme.graticule_text).stroke_width(sub(0.6 * pt) as u32))
            .set_all_tick_mark_size(sub(2.0 * pt))
            .x_labels(8)
            .y_labels(6)
            .x_label_formatter(&formatter)
            .y_label_formatter(&formatter)
            .label_style(ticks.clone())
            .axis_desc_style(ticks)
            .x_desc(chart.x_desc)
            .draw()
            .map_err(error)?;
        let (xs, ys): (Range<i32>, Range<i32>) = plot.plotting_area().get_pixel_range();
        // Each mark's line runs from the axis up to its label's row (rows counted upwards
        // from the plot's top, the first row nearest it).
        for &(mark, row, h_pos) in &placed {
            let top = ys.start - sub(4.0 * pt + row as f64 * row_h);
            // Chart points map to the root area's coordinates, which the labels take.
            let (x, bottom) = plot.backend_coord(&(mark.x, 0.0));
            let line = ScenePath { points: vec![(x, bottom), (x, top - sub(0.75 * size))], style: mark.style.clone() };
            root.draw(&line).map_err(error)?;
            let anchor_x = if matches!(h_pos, HPos::Left) { x + gap } else { x - gap };
            text(&mark.label, (anchor_x, top), font(true, mark.color, size).pos(Pos::new(h_pos, VPos::Bottom)))
                .map_err(error)?;
        }

        for series in &chart.series {
            let parts =
                series.parts.iter().map(|(points, style)| ScenePath { points: points.clone(), style: style.clone() });
            plot.draw_series(parts).map_err(error)?;
        }
        // Each name just right of its line's end: for lines that reach the plot's right edge
        // in a column beside it, spread apart where ends lie close together (and kept inside
        // the plot's height); for shorter lines at the end itself.
        let mut ends: Vec<(BackendCoord, &Series)> = chart
            .series
            .iter()
            .filter_map(|s| s.parts.last().and_then(|p| p.0.last()).map(|&(x, y)| (plot.backend_coord(&(x, y)), s)))
            .collect();
        ends.sort_by_key(|e| (e.0.1, e.0.0));
        let (mut column, inside): (Vec<_>, Vec<_>) = ends.into_iter().partition(|e| e.0.0 >= xs.end - 1);
        let step = sub(size * 1.2);
        for k in 1..column.len() {
            column[k].0.1 = column[k].0.1.max(column[k - 1].0.1 + step);
        }
        if let Some(overflow) = column.last().map(|e| e.0.1 - ys.end).filter(|&o| o > 0) {
            for end in &mut column {
                end.0.1 -= overflow;
            }
            for k in (0..column.len().saturating_sub(1)).rev() {
                column[k].0.1 = column[k].0.1.min(column[k + 1].0.1 - step);
            }
        }
        for ((x, y), series) in column.into_iter().chain(inside) {
            let at = (x.max(xs.start) + sub(4.0 * pt), y);
            text(&series.name, at, font(true, series.color, size).pos(Pos::new(HPos::Left, VPos::Center)))
                .map_err(error)?;
        }
    }
    Ok(Layer { id, items })
}
