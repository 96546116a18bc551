//! The reach panel over the rotating Earth: with `[map] earth = "rotating"`, `/api/reach` says,
//! beside each target's standing under the quoted figures, where it stands when the Earth's
//! rotation is included — for ballistic systems around sites, as the map draws them — and which
//! ranges are left as quoted and why (the notes `reachmap render` prints).

use serde_json::{Value, json};

use crate::coverage::Coverage;
use crate::flight::Kind;
use crate::geodesy::inverse;
use crate::overlay::Overlay;
use crate::range::Reach;
use crate::rotation::{Earth, LIMITS, RotatingRange};

/// Adds to `report` (the JSON of `reachmap reach` for `results`, one entry per result, in
/// order) each target's `rotating` standing where the rotation applies, and an `earth` object:
/// the model, its limits and the notes for the ranges it leaves as quoted. Nothing changes on a
/// non-rotating Earth.
pub(super) fn add(report: &mut Value, results: &[Coverage], overlays: &mut [Overlay], earth: Earth) {
    if earth != Earth::Rotating {
        return;
    }
    let notes = match crate::rotation::prepare(overlays, earth, false) {
        Ok(notes) => notes,
        // The map draws such a range as quoted; the panel says why.
        Err(e) => vec![format!("{e}; drawn as quoted")],
    };
    report["earth"] = json!({ "model": earth.as_str(), "limits": LIMITS, "notes": notes });
    let Some(entries) = report["results"].as_array_mut() else { return };
    for (entry, result) in entries.iter_mut().zip(results) {
        let ballistic = result.flight.as_ref().is_some_and(|f| f.profile == Kind::Ballistic);
        let (true, Some(site)) = (ballistic, result.origin.site()) else { continue };
        let Ok(ranges) = result
            .reach
            .limits()
            .iter()
            .map(|l| RotatingRange::new(site, l.radius))
            .collect::<crate::error::Result<Vec<_>>>()
        else {
            continue;
        };
        let boost_s = result.flight.as_ref().and_then(|f| f.boost_s).unwrap_or(0.0);
        entry["rotating"] = json!(true);
        let Some(targets) = entry["targets"].as_array_mut() else { continue };
        for (shown, hit) in targets.iter_mut().zip(&result.targets) {
            let point = hit.target.point();
            let (distance_m, azimuth_deg) = inverse(site.point(), point);
            // `limits` gives the outer limit first, then a band's inner one or an estimate's low.
            let this_way: Vec<f64> = ranges.iter().map(|r| r.range_m(azimuth_deg)).collect();
            let within = match result.reach {
                Reach::Band { .. } => distance_m < this_way[0] && distance_m >= this_way[1],
                _ => distance_m < this_way[0],
            };
            let within_low = matches!(result.reach, Reach::Estimate { .. }).then(|| distance_m < this_way[1]);
            let flight_min = within
                .then(|| ranges[0].flight_to(point))
                .flatten()
                .map(|f| ((boost_s + f.time_s) / 60.0 * 100.0).round() / 100.0);
            shown["rotating"] = json!({
                "within": within,
                "within_low": within_low,
                "range_km": (this_way[0] / 100.0).round() / 10.0,
                "flight_min": flight_min,
            });
        }
    }
}
