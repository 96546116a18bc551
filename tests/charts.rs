//! The comparison figure's charts, drawn by plotters through the scene: ticks at round numbers
//! that read true against the gridlines, each range figure a vertical line at its distance with
//! a label that no line crosses, each system's flight time where its model puts it, no text
//! over other text, the models' assumptions in the sources strip, and the same bytes each run.

use std::path::Path;

use geo::{Coord, LineString};
use reachmap::coverage::PlaceIndex;
use reachmap::map::{Overrides, compare_figure, comparison_map_spec};
use reachmap::scenario::Scenario;
use reachmap::scene::{Anchor, Item, Scene};

fn figure(example: &str) -> Scene {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples").join(example);
    let overrides = Overrides {
        width_px: Some((1400.0, "width".into())),
        dpi: Some((150.0, "dpi".into())),
        ..Overrides::default()
    };
    let (spec, frame) = comparison_map_spec(Scenario::from_file(&path).unwrap(), None, overrides).unwrap();
    let index = PlaceIndex::new(reachmap::places::capitals().unwrap());
    compare_figure(&spec, &frame, &index).unwrap()
}

fn layer<'a>(scene: &'a Scene, id: &str) -> &'a [Item] {
    &scene.layers.iter().find(|l| l.id == id).unwrap_or_else(|| panic!("no layer {id}")).items
}

/// A text item's content, box (x from, x to, baseline) and colour.
struct Label {
    text: String,
    from: f64,
    to: f64,
    baseline: f64,
    size: f64,
    anchor: Anchor,
    color: &'static str,
}

fn labels(items: &[Item]) -> Vec<Label> {
    items
        .iter()
        .filter_map(|item| match item {
            Item::Text { x, y, text, size_px, bold, anchor, color, .. } => {
                let w = reachmap::text::width_px(text, *size_px, *bold);
                let from = match anchor {
                    Anchor::Start => *x,
                    Anchor::Middle => x - w / 2.0,
                    Anchor::End => x - w,
                };
                Some(Label {
                    text: text.clone(),
                    from,
                    to: from + w,
                    baseline: *y,
                    size: *size_px,
                    anchor: *anchor,
                    color,
                })
            }
            _ => None,
        })
        .collect()
}

/// Straight two-point lines of `color`: (x0, y0, x1, y1).
fn segments(items: &[Item], color: &str) -> Vec<(f64, f64, f64, f64)> {
    items
        .iter()
        .filter_map(|item| match item {
            Item::Lines { lines, style, .. } if style.stroke == Some(color) => Some(lines.0.iter()),
            _ => None,
        })
        .flatten()
        .filter(|l| l.0.len() == 2)
        .map(|l: &LineString| (l.0[0].x, l.0[0].y, l.0[1].x, l.0[1].y))
        .collect()
}

fn number(text: &str) -> Option<f64> {
    text.replace(',', "").parse().ok()
}

/// Whether `step` is 1, 2 or 5 times a power of ten.
fn round_step(step: f64) -> bool {
    let power = 10f64.powf(step.log10().floor());
    [1.0, 2.0, 5.0, 10.0].iter().any(|m| (step / power - m).abs() < 1e-9)
}

/// A chart's axes, read off its tick labels and gridlines: page x of a value on the x axis and
/// page y of a value on the y axis. Checks on the way that the ticks are evenly spaced round
/// numbers from 0, each at a gridline.
struct Axes {
    x: (f64, f64),
    y: (f64, f64),
}

impl Axes {
    fn read(items: &[Item], gridline: &str) -> Axes {
        let labels = labels(items);
        let ticks = |anchor: Anchor| -> Vec<(f64, &Label)> {
            let mut ticks: Vec<(f64, &Label)> =
                labels.iter().filter(|l| l.anchor == anchor).filter_map(|l| number(&l.text).map(|v| (v, l))).collect();
            ticks.sort_by(|a, b| a.0.total_cmp(&b.0));
            ticks
        };
        let (xs, ys) = (ticks(Anchor::Middle), ticks(Anchor::End));
        for ticks in [&xs, &ys] {
            assert!(ticks.len() >= 3, "too few ticks");
            assert_eq!(ticks[0].0, 0.0, "axes start at 0");
            let step = ticks[1].0 - ticks[0].0;
            assert!(round_step(step), "tick step {step} is not 1, 2 or 5 × 10^k");
            for pair in ticks.windows(2) {
                assert!((pair[1].0 - pair[0].0 - step).abs() < 1e-9, "uneven ticks");
            }
        }
        let grid = segments(items, gridline);
        let vertical: Vec<f64> = grid.iter().filter(|s| s.0 == s.2).map(|s| s.0).collect();
        let horizontal: Vec<f64> = grid.iter().filter(|s| s.1 == s.3).map(|s| s.1).collect();
        // Each x tick's label is centred on a vertical gridline, each y tick's level with a
        // horizontal one (its baseline a third of an em below).
        let at_x: Vec<(f64, f64)> = xs
            .iter()
            .map(|(v, l)| {
                let centre = (l.from + l.to) / 2.0;
                let line = vertical.iter().copied().min_by(|a, b| (a - centre).abs().total_cmp(&(b - centre).abs()));
                let line = line.expect("vertical gridlines");
                assert!((line - centre).abs() < 0.2, "x tick {v} at {centre}, gridline at {line}");
                (*v, line)
            })
            .collect();
        let at_y: Vec<(f64, f64)> = ys
            .iter()
            .map(|(v, l)| {
                let middle = l.baseline - 0.36 * l.size;
                let line = horizontal.iter().copied().min_by(|a, b| (a - middle).abs().total_cmp(&(b - middle).abs()));
                let line = line.expect("horizontal gridlines");
                assert!((line - middle).abs() < 0.2 * l.size, "y tick {v} at {middle}, gridline at {line}");
                (*v, line)
            })
            .collect();
        let fit = |points: &[(f64, f64)]| {
            let (v0, p0) = points[0];
            let (v1, p1) = points[points.len() - 1];
            let scale = (p1 - p0) / (v1 - v0);
            for &(v, p) in points {
                assert!((p0 + scale * (v - v0) - p).abs() < 0.1, "tick {v} off the axis' scale");
            }
            (p0 - scale * v0, scale)
        };
        Axes { x: fit(&at_x), y: fit(&at_y) }
    }

    fn page_x(&self, v: f64) -> f64 {
        self.x.0 + self.x.1 * v
    }

    fn value_y(&self, page_y: f64) -> f64 {
        (page_y - self.y.0) / self.y.1
    }
}

/// Asserts that no two texts of `items` overlap.
fn assert_no_text_overlaps(items: &[Item], what: &str) {
    let labels = labels(items);
    for (i, a) in labels.iter().enumerate() {
        for b in &labels[i + 1..] {
            let (a_top, b_top) = (a.baseline - 0.76 * a.size, b.baseline - 0.76 * b.size);
            let apart = a.to <= b.from || b.to <= a.from || a.baseline <= b_top || b.baseline <= a_top;
            assert!(apart, "{what}: {:?} overlaps {:?}", a.text, b.text);
        }
    }
}

#[test]
fn range_figures_are_vertical_lines_at_their_distance_with_labels_no_line_crosses() {
    // East Asia: Tomahawk 1,609 and 2,500 km, Dark Eagle 2,776 km, DF-26 3,000 and 4,000 km
    // (the catalog's figures).
    let scene = figure("east-asia.toml");
    let chart = layer(&scene, "chart");
    let theme = reachmap::theme::LIGHT;
    let axes = Axes::read(chart, theme.graticule);
    assert_no_text_overlaps(chart, "population chart");
    let labels = labels(chart);
    for (name, km, color) in [
        ("DF-26 4,000 km (high figure)", 4_000.0, theme.palette[0]),
        ("DF-26 3,000 km (low figure)", 3_000.0, theme.palette[0]),
        ("Dark Eagle 2,776 km", 2_776.0, theme.palette[1]),
        ("Tomahawk 2,500 km (high figure)", 2_500.0, theme.palette[2]),
        ("Tomahawk 1,609 km (low figure)", 1_609.0, theme.palette[2]),
    ] {
        let x = axes.page_x(km);
        let line = segments(chart, color).into_iter().find(|s| s.0 == s.2 && (s.0 - x).abs() < 0.1);
        let (_, bottom, _, top) = line.unwrap_or_else(|| panic!("no line at {km} km (page x {x})"));
        assert!((axes.value_y(bottom)).abs() < 1e-6, "{name}: the line starts on the x axis");
        let label = labels.iter().find(|l| l.text == name).unwrap_or_else(|| panic!("no label {name:?}"));
        assert_eq!(label.color, color);
        let beside = (label.from - x).abs().min((label.to - x).abs());
        assert!(beside < 8.0, "{name}: the label is {beside} px from its line");
        assert!(
            (label.baseline - top) > 0.0 && label.baseline - top < label.size,
            "{name}: the line ends at its label"
        );
        // The line stops below any other range's label it would pass through.
        for other in labels.iter().filter(|l| l.text != name && l.text.contains(" km")) {
            let crossed = (other.from..other.to).contains(&x) && top < other.baseline;
            assert!(!crossed, "the {name} line crosses {:?}", other.text);
        }
    }
}

/// In every example's figure, no chart text overlaps other text, and no range line passes
/// through a label (the Europe example has five figures between 480 and 1,000 km, two of them
/// at 500 km).
#[test]
fn chart_labels_are_clear_in_every_example() {
    let theme = reachmap::theme::LIGHT;
    for example in ["inf-europe.toml", "east-asia.toml", "compare-europe.toml", "pershing-1983.toml"] {
        let scene = figure(example);
        for id in ["chart", "flight-chart"] {
            let Some(layer) = scene.layers.iter().find(|l| l.id == id) else { continue };
            assert_no_text_overlaps(&layer.items, &format!("{example} {id}"));
            let labels = labels(&layer.items);
            let lines = theme.palette.iter().flat_map(|c| segments(&layer.items, c)).filter(|s| s.0 == s.2);
            for (x, bottom, _, top) in lines {
                for label in &labels {
                    let text_top = label.baseline - 0.76 * label.size;
                    let crossed = label.from < x && x < label.to && top < label.baseline && bottom > text_top;
                    assert!(!crossed, "{example} {id}: the line at x {x:.1} crosses {:?}", label.text);
                }
            }
        }
    }
}

#[test]
fn flight_times_are_where_each_model_puts_them() {
    let scene = figure("east-asia.toml");
    let chart = layer(&scene, "flight-chart");
    let theme = reachmap::theme::LIGHT;
    let axes = Axes::read(chart, theme.graticule);
    assert_no_text_overlaps(chart, "flight chart");
    // Each system's line ends at its outer range, at its flight time there: Dark Eagle at an
    // average 6,000 km/h (the catalog's sourced speed), Tomahawk at 880 km/h, the DF-26 on the
    // minimum-energy trajectory without a boost phase (no sourced boost).
    let dark_eagle = 2_776.0 / 6_000.0 * 60.0;
    let tomahawk = 2_500.0 / 880.0 * 60.0;
    let df26 = reachmap::flight::ballistic_free_flight_s(4_000_000.0) / 60.0;
    for (km, minutes, color) in [
        (2_776.0, dark_eagle, theme.palette[1]),
        (2_500.0, tomahawk, theme.palette[2]),
        (4_000.0, df26, theme.palette[0]),
    ] {
        let ends: Vec<Coord> = chart
            .iter()
            .filter_map(|item| match item {
                Item::Lines { lines, style, .. } if style.stroke == Some(color) => {
                    lines.0.last().and_then(|l| l.0.last()).copied()
                }
                _ => None,
            })
            .collect();
        let end = ends.iter().copied().max_by(|a, b| a.x.total_cmp(&b.x)).expect("a line");
        assert!((end.x - axes.page_x(km)).abs() < 0.1, "{km} km: ends at page x {}", end.x);
        // plotters places points to 1/16 px: the time reads true to that.
        let read = axes.value_y(end.y);
        assert!((read - minutes).abs() < 0.1 / axes.y.1.abs(), "{km} km: {read:.3} min, model {minutes:.3} min");
    }
    let names: Vec<String> = labels(chart).into_iter().map(|l| l.text).collect();
    for name in ["Dark Eagle", "Tomahawk", "DF-26 (without boost)"] {
        assert!(names.iter().any(|n| n == name), "{name} in {names:?}");
    }
}

#[test]
fn the_flight_chart_says_which_systems_have_no_model_and_the_strip_gives_each_model() {
    let scene = figure("compare-europe.toml");
    let notes: Vec<String> = labels(layer(&scene, "flight-chart")).into_iter().map(|l| l.text).collect();
    assert!(notes.iter().any(|n| n == "No flight profile is sourced for 9M729 (SSC-8 Screwdriver)."), "{notes:?}");
    let strip: String = labels(layer(&scene, "sources")).into_iter().map(|l| l.text + " ").collect();
    assert_eq!(strip.matches("Flight times, Dark Eagle").count(), 1, "{strip}");
    assert!(strip.contains("boost-glide: distance at an average 6,000 km/h"), "{strip}");
    // The Pershing II figure lists its model once, though its time rings list it too.
    let scene = figure("pershing-1983.toml");
    let strip: String = labels(layer(&scene, "sources")).into_iter().map(|l| l.text + " ").collect();
    assert_eq!(strip.matches("Flight times, Pershing II").count(), 1, "{strip}");
}

#[test]
fn no_flight_chart_without_a_flight_profile() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cruise.toml");
    let scenario = "[[sites]]\nname = \"Kaliningrad\"\nlat = 54.71\nlon = 20.51\nsystems = [\"9m729\"]\n";
    std::fs::write(&path, scenario).unwrap();
    let (spec, frame) = comparison_map_spec(Scenario::from_file(&path).unwrap(), None, Overrides::default()).unwrap();
    let scene = compare_figure(&spec, &frame, &PlaceIndex::new(Vec::new())).unwrap();
    assert!(scene.layers.iter().any(|l| l.id == "chart"));
    assert!(!scene.layers.iter().any(|l| l.id == "flight-chart"));
}

#[test]
fn the_figure_is_the_same_bytes_each_run() {
    let svg = || reachmap::render::render_svg(&figure("east-asia.toml"));
    assert_eq!(svg(), svg());
}
