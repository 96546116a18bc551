//! Places checked against ballistic ranges with and without the Earth's rotation: in or out
//! under each figure, the range in the place's direction, and the flight time under rotation.
//! `reachmap reach --earth rotating` prints it after its report.

use super::{Earth, RotatingRange, applies};
use crate::error::Result;
use crate::flight::ballistic_free_flight_s;
use crate::format::format_km;
use crate::geodesy::inverse;
use crate::overlay::Overlay;
use crate::places::Place;

/// One place against one limit of a ballistic overlay around one site.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    /// The site's name.
    pub site: String,
    /// The overlay's label (the system and its figures).
    pub overlay: String,
    /// The place, `name, CC`.
    pub place: String,
    /// Geodesic distance from the site, km.
    pub distance_km: f64,
    /// Azimuth from the site, degrees clockwise from north.
    pub azimuth_deg: f64,
    /// The quoted range, km.
    pub quoted_km: f64,
    /// The range in the place's direction with the rotation, km.
    pub rotating_km: f64,
    /// Free-flight minutes over a non-rotating Earth, if within the quoted range.
    pub quoted_minutes: Option<f64>,
    /// Free-flight minutes with the rotation (least burnout speed), if within range.
    pub rotating_minutes: Option<f64>,
}

/// Checks `places` against every limit of every overlay laid out over the rotating Earth
/// ([`applies`]) around its sites. With `every_place`, each place is listed against every
/// limit; otherwise only the places and limits whose answer the rotation changes (an estimate's
/// other figure, unchanged, is left out), nearest first, at most `limit` places per site and
/// overlay.
pub fn checks(
    overlays: &[Overlay],
    earth: Earth,
    places: &[Place],
    every_place: bool,
    limit: Option<usize>,
) -> Result<Vec<Check>> {
    let mut out = Vec::new();
    for overlay in overlays.iter().filter(|o| applies(o, earth)) {
        for site in overlay.sites() {
            let ranges: Vec<RotatingRange> =
                overlay.reach.limits().iter().map(|l| RotatingRange::new(site, l.radius)).collect::<Result<_>>()?;
            // No direction reaches more than half as far again as quoted (12,615 km for 10,000
            // from the equator): a bound for skipping far places cheaply.
            let farthest_m = ranges.iter().map(|r| r.quoted_m() * 1.5).fold(0.0, f64::max);
            let mut rows: Vec<(f64, Vec<Check>)> = Vec::new();
            for place in places {
                let target = geo::Point::new(place.lon, place.lat);
                let (distance_m, azimuth_deg) = inverse(site.point(), target);
                if !every_place && distance_m > farthest_m {
                    continue;
                }
                let mut changed = false;
                let mut group = Vec::new();
                for range in &ranges {
                    let rotating_m = range.range_m(azimuth_deg);
                    let (quoted_in, rotating_in) = (distance_m < range.quoted_m(), distance_m < rotating_m);
                    changed |= quoted_in != rotating_in;
                    if !every_place && quoted_in == rotating_in {
                        continue;
                    }
                    group.push(Check {
                        site: site.name().to_string(),
                        overlay: overlay.label.clone(),
                        place: format!("{}, {}", place.name, place.country_code),
                        distance_km: distance_m / 1000.0,
                        azimuth_deg: azimuth_deg.rem_euclid(360.0),
                        quoted_km: range.quoted_m() / 1000.0,
                        rotating_km: rotating_m / 1000.0,
                        quoted_minutes: quoted_in.then(|| ballistic_free_flight_s(distance_m) / 60.0),
                        rotating_minutes: range.flight_to(target).map(|f| f.time_s / 60.0),
                    });
                }
                if every_place || changed {
                    rows.push((distance_m, group));
                }
            }
            rows.sort_by(|a, b| a.0.total_cmp(&b.0));
            let keep = if every_place { rows.len() } else { limit.unwrap_or(usize::MAX) };
            out.extend(rows.into_iter().take(keep).flat_map(|(_, g)| g));
        }
    }
    Ok(out)
}

/// The checks as a Markdown table, with a heading and the model's limits.
pub fn markdown(checks: &[Check], every_place: bool) -> String {
    let mut text = String::from("\n## With the Earth's rotation (ballistic systems)\n\n");
    if !every_place {
        text.push_str("Places whose answer the rotation changes, nearest first.\n\n");
    }
    text.push_str(
        "| Site | System | Place | Distance | Azimuth | Figure | Non-rotating | With rotation: range this way | With rotation | Minutes (non-rotating / rotating) |\n",
    );
    text.push_str("|---|---|---|--:|--:|--:|---|--:|---|--:|\n");
    let in_out = |inside: bool| if inside { "in" } else { "out" };
    let minutes = |m: Option<f64>| m.map_or("–".to_string(), |m| format!("{m:.1}"));
    for c in checks {
        text.push_str(&format!(
            "| {} | {} | {} | {} km | {:.0}° | {} km | {} | {} km | {} | {} / {} |\n",
            c.site,
            c.overlay,
            c.place,
            format_km(c.distance_km.round()),
            c.azimuth_deg,
            format_km(c.quoted_km),
            in_out(c.quoted_minutes.is_some()),
            format_km(c.rotating_km.round()),
            in_out(c.rotating_minutes.is_some()),
            minutes(c.quoted_minutes),
            minutes(c.rotating_minutes),
        ));
    }
    if checks.is_empty() {
        text.push_str("| – | – | no place changes | | | | | | | |\n");
    }
    text.push_str(&format!(
        "\n{}. Minutes are free flight (no boost phase) on the least-energy trajectory.\n",
        super::LIMITS
    ));
    text
}
