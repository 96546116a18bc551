//! A star's name reads as its own: on sweep maps, whose best sites stand close together, the
//! name "3rd: 43" stood between its star and the 4th (19 and 21 px from their centres at 600 px
//! across Estonia) and read as the 4th's. Every name set without a leader is nearer its own star
//! than any other by a quarter of a star at least (measured from the name's box to the stars'
//! centres); a name at the end of a leader has the leader start at its own star's edge,
//! running straight out from its centre.

use geo::{Coord, Rect};
use reachmap::map::{Overrides, compose_report, scenario_map_spec};
use reachmap::scenario::Scenario;
use reachmap::scene::{Anchor, Item, Symbol};
use reachmap::text::width_px;

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
        let path = dir.path().join(format!("{country}-{page_px}.toml"));
        std::fs::write(
            &path,
            format!(
                "[map]\nwidth_px = {page_px}\n[sweep]\ncountry = [\"{country}\"]\nsystem = \"{system}\"\nmetric = \"capitals\"\nfigure = \"high\"\n"
            ),
        )
        .unwrap();
        let mut scenario = Scenario::from_file(&path).unwrap();
        let swept = scenario.take_sweep().map(|request| request.run()).transpose().unwrap();
        let spec = scenario_map_spec(scenario, swept, Overrides::default()).unwrap();
        let what = format!("{country} at {page_px} px");
        let scene = compose_report(&spec).unwrap().0;
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
