//! The backends against committed references: SVG text compared exactly, PNG compared pixel by
//! pixel, PDF checked for a vector page of the right size with the font embedded. Regenerate
//! the references with `REACHMAP_BLESS=1 cargo test --test render_golden`, and look at them.

use crate::common;

use common::golden::{assert_png_matches, assert_text_matches, decode_rgb};
use geo::{LineString, MultiLineString, MultiPolygon, Polygon, Rect};
use reachmap::render::{render_pdf, render_png, render_svg, svg_tree};
use reachmap::scene::{Anchor, Item, Layer, Scene, Style, Symbol};

/// A small page with one of everything a map draws.
fn small_scene() -> Scene {
    let square = |x0: f64, y0: f64, x1: f64, y1: f64| Rect::new((x0, y0), (x1, y1)).to_polygon();
    let with_hole = Polygon::new(
        square(20.0, 20.0, 120.0, 110.0).exterior().clone(),
        vec![square(50.0, 45.0, 90.0, 85.0).exterior().clone()],
    );
    Scene {
        width_px: 200,
        height_px: 150,
        dpi: 96.0,
        width_mm: None,
        title: "small scene".into(),
        description: String::new(),
        layers: vec![
            Layer {
                id: "ocean",
                items: vec![Item::Area {
                    shape: MultiPolygon::new(vec![square(0.0, 0.0, 200.0, 150.0)]),
                    style: Style::fill("#dbe7f0", 1.0),
                    tags: None,
                }],
            },
            Layer {
                id: "bands",
                items: vec![Item::Area {
                    shape: MultiPolygon::new(vec![with_hole]),
                    style: Style::fill("#0072B2", 0.3),
                    tags: None,
                }],
            },
            Layer {
                id: "rings",
                items: vec![
                    Item::Lines {
                        lines: MultiLineString::new(vec![LineString::from(vec![
                            (10.0, 130.0),
                            (100.0, 20.0),
                            (190.0, 130.0),
                        ])]),
                        style: Style::stroke("#D55E00", 3.0),
                        tags: None,
                    },
                    Item::Lines {
                        lines: MultiLineString::new(vec![LineString::from(vec![(10.0, 140.0), (190.0, 140.0)])]),
                        style: Style::stroke("#009E73", 2.0).dashed(vec![8.0, 4.0]),
                        tags: None,
                    },
                ],
            },
            Layer {
                id: "sites",
                items: vec![
                    Item::Marker {
                        x: 150.0,
                        y: 40.0,
                        symbol: Symbol::Star,
                        size_px: 16.0,
                        style: Style::fill("#1a1a1a", 1.0),
                    },
                    Item::Marker {
                        x: 170.0,
                        y: 70.0,
                        symbol: Symbol::Circle,
                        size_px: 8.0,
                        style: Style::fill("#1a1a1a", 1.0),
                    },
                ],
            },
            Layer {
                id: "labels",
                items: vec![Item::Text {
                    x: 100.0,
                    y: 75.0,
                    text: "Kaliningrad & <Co>".into(),
                    size_px: 14.0,
                    bold: true,
                    anchor: Anchor::Middle,
                    color: "#1a1a1a",
                    halo: Some(("#ffffff", 3.0)),
                }],
            },
        ],
    }
}

#[test]
fn svg_matches_the_reference_text() {
    assert_text_matches("small_scene.svg", &render_svg(&small_scene()));
}

#[test]
fn png_matches_the_reference_pixels() {
    let scene = small_scene();
    let bytes = render_png(&scene, &svg_tree(&render_svg(&scene)).unwrap()).unwrap();
    let (info, pixels, dims) = decode_rgb(&bytes);
    assert_eq!((info.width, info.height), (200, 150));
    // 96 dpi recorded as pixels per metre.
    let dims = dims.expect("pHYs chunk");
    assert_eq!((dims.xppu, dims.unit), (3780, png::Unit::Meter));
    // At most 30 of the 30,000 pixels clearly different.
    assert_png_matches("small_scene.png", &bytes);
    // Anti-aliasing: edges have intermediate shades, not just the flat colours.
    let distinct: std::collections::HashSet<&[u8]> = pixels.chunks(3).collect();
    assert!(distinct.len() > 50, "only {} colours: not anti-aliased?", distinct.len());
}

#[test]
fn pdf_is_one_vector_page_with_the_font_embedded() {
    let scene = small_scene();
    let pdf = render_pdf(&scene, &svg_tree(&render_svg(&scene)).unwrap()).unwrap();
    let text = String::from_utf8_lossy(&pdf);
    assert!(text.starts_with("%PDF-"));
    // 200 × 150 px at 96 dpi is 150 × 112.5 pt.
    assert!(text.contains("/MediaBox [0 0 150 112.5]"), "page size: {}", &text[..text.len().min(2000)]);
    assert!(text.contains("/FontFile2"), "no embedded TrueType font");
    assert!(text.contains("DejaVuSans"), "font is not DejaVu Sans");
    assert!(!text.contains("/Subtype /Image"), "the map was rasterised");
}

#[test]
fn the_same_scene_gives_the_same_pdf_bytes() {
    // Two faces (regular and bold) and several resources: the case where hash-ordered output
    // used to differ from run to run.
    let mut scene = small_scene();
    scene.layers[4].items.push(Item::Text {
        x: 20.0,
        y: 140.0,
        text: "Sources: regular face".into(),
        size_px: 9.0,
        bold: false,
        anchor: Anchor::Start,
        color: "#1a1a1a",
        halo: None,
    });
    let svg = render_svg(&scene);
    let first = render_pdf(&scene, &svg_tree(&svg).unwrap()).unwrap();
    for _ in 0..6 {
        assert_eq!(render_svg(&scene), svg);
        assert!(render_pdf(&scene, &svg_tree(&svg).unwrap()).unwrap() == first, "PDF bytes differ between runs");
    }
}
