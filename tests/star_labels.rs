//! A star's name reads as its own: on sweep maps, whose best sites stand close together, the
//! name "3rd: 43" stood between its star and the 4th (19 and 21 px from their centres at 600 px
//! across Estonia) and read as the 4th's. Every name set without a leader is nearer its own star
//! than any other by a quarter of a star at least (measured from the name's box to the stars'
//! centres); a name at the end of a leader has the leader start at its own star's edge,
//! running straight out from its centre.

use geo::{Coord, Rect};
use reachmap::scene::{Anchor, Item, Symbol};
use reachmap::text::width_px;

use crate::common;

fn distance(b: &Rect, p: Coord) -> f64 {
    let dx = (b.min().x - p.x).max(p.x - b.max().x).max(0.0);
    let dy = (b.min().y - p.y).max(p.y - b.max().y).max(0.0);
    dx.hypot(dy)
}

#[test]
fn every_star_name_is_nearest_its_own_star() {
    let dir = tempfile::tempdir().unwrap();
    let sweeps = [
        ("Estonia", "9m729", 400),
        ("Estonia", "9m729", 600),
        ("Estonia", "9m729", 900),
        ("Latvia", "9m729", 500),
        ("Taiwan", "df-26", 600),
    ];
    let mut checked = 0;
    for (country, system, page_px) in sweeps {
        let (spec, scene) =
            common::maps::scenario_map(&common::maps::capitals_sweep(dir.path(), country, system, page_px));
        let what = format!("{country} at {page_px} px");
        let (stars, star_px): (Vec<Coord>, Vec<f64>) = scene
            .layers
            .iter()
            .filter(|l| l.id == "sites")
            .flat_map(|l| &l.items)
            .filter_map(|item| match item {
                Item::Marker { x, y, symbol: Symbol::Star, size_px, .. } => Some((Coord { x: *x, y: *y }, *size_px)),
                _ => None,
            })
            .unzip();
        assert_eq!(stars.len(), spec.sites.len(), "{what}: every best site is on the map");
        let labels: Vec<&Item> = scene.layers.iter().filter(|l| l.id == "labels").flat_map(|l| &l.items).collect();
        // A leader is drawn just before its name.
        let leader_of = |k: usize| match k.checked_sub(1).map(|j| labels[j]) {
            Some(Item::Lines { lines, .. }) => {
                let points = &lines.0.first()?.0;
                Some((*points.first()?, *points.last()?))
            }
            _ => None,
        };
        for (k, item) in labels.iter().enumerate() {
            let Item::Text { x, y, text, size_px, bold, anchor, .. } = item else { continue };
            let Some(own) = spec.sites.iter().position(|s| s.name() == text) else { continue };
            let w = width_px(text, *size_px, *bold);
            let left = match anchor {
                Anchor::Start => *x,
                Anchor::Middle => x - w / 2.0,
                Anchor::End => x - w,
            };
            let b = Rect::new((left, y - size_px * 0.76), (left + w, y + size_px * 0.24));
            let d_own = distance(&b, stars[own]);
            if let Some((from, to)) = leader_of(k) {
                // It starts at its own star's edge and runs straight out from its centre.
                let star = stars[own];
                let (ax, ay) = (from.x - star.x, from.y - star.y);
                let (bx, by) = (to.x - from.x, to.y - from.y);
                let off_line = (ax * by - ay * bx).abs() / bx.hypot(by);
                assert!(
                    ax.hypot(ay) <= 0.75 * star_px[own] && ax * bx + ay * by > 0.0 && off_line < 0.5,
                    "{what}: the leader of {text:?} from {from:?} to {to:?} does not start at its star {star:?}"
                );
            } else {
                for (other, star) in stars.iter().enumerate().filter(|(other, _)| *other != own) {
                    let d = distance(&b, *star);
                    assert!(
                        d >= d_own + star_px[own] / 4.0,
                        "{what}: {text:?} is {d_own:.1} px from its star and {d:.1} px from {:?}'s",
                        spec.sites[other].name()
                    );
                }
            }
            checked += 1;
        }
    }
    assert!(checked >= 15, "{checked} star names checked");
}

/// Seoul, a capital within the DF-26's smallest range from Pyongyang, went unlabelled on the
/// East Asia frame at 90 and 120 mm "for no room beside Pyongyang", as though the site's name
/// had taken its room. It had not: Seoul's dot stands within a star's half-width and a dot's of
/// the star on Pyongyang (12.7 and 18.6 px off at 90 mm, 16.9 and 24.8 px at 120 mm, against
/// 18.75 + 7.9 px), so no spot of any name leaves it room; the reason now says so. At 180 mm
/// it stands clear and is named.
#[test]
fn a_capital_against_a_star_is_reported_as_such() {
    use reachmap::frame::{Frame, Preset};
    let pt = 300.0 / 72.0;
    for (mm, against) in [(90, true), (120, true), (180, false)] {
        let px = (f64::from(mm) / 25.4 * 300.0).round() as u32;
        let frame = Frame::preset(Preset::EastAsia, px, None, 1.0).unwrap();
        let star = frame.lonlat_to_page(Coord { x: 125.7543, y: 39.0339 }).unwrap();
        let seoul = frame.lonlat_to_page(Coord { x: 126.978, y: 37.5665 }).unwrap();
        let reach = (9.0 / 2.0 + (2.8 + 1.0) / 2.0) * pt;
        let touches = (seoul.x - star.x).abs() < reach && (seoul.y - star.y).abs() < reach;
        assert_eq!(touches, against, "{mm} mm: Seoul at {seoul:?}, the star at {star:?}");
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("map.svg");
        let run = common::cli::reachmap(&[
            "render",
            "--preset",
            "east-asia",
            "--site",
            "Pyongyang",
            "--system",
            "df-26",
            "--width-mm",
            &mm.to_string(),
            "-o",
            out.to_str().unwrap(),
        ]);
        common::cli::assert_success(&run);
        let stderr = common::cli::stderr(&run);
        let svg = std::fs::read_to_string(&out).unwrap();
        let named = svg.contains(">Seoul</text>");
        assert_eq!(named, !against, "{mm} mm: {stderr}");
        assert_eq!(
            stderr.contains("not labelled: Seoul (its dot against the star of Pyongyang)"),
            against,
            "{mm} mm: {stderr}"
        );
    }
}
