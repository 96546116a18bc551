//! What each drawn range, band, estimate, launch area, footprint and time ring is, as the SVG's
//! `id` and `data-*` attributes ([`Tags`]), so that a designer can pick "Guam 5,500 km" in
//! Inkscape's Objects panel and a script can select every band of a system.
//!
//! Ids read as what they show: `range-guam-5500km`, `band-kaliningrad-500-5500km` (its tint) with
//! `…-outer` and `…-inner` (its limits), `estimate-kaliningrad-9m729-480-2350km-within-low`,
//! `area-belarus`, `footprint-moscow-saint-petersburg-2776km`, `time-sanya-df-26-10min`. Names are
//! lowercased, with every run of other characters than letters and digits made one hyphen; the
//! system's catalog id (or its name up to a parenthesis) follows the site's where the range is a
//! system's. The SVG backend makes them
//! unique (a circle drawn in pieces, as the map's seam splits it, gives `x`, `x-2`, …).
//!
//! The data attributes carry the GeoJSON feature's property names, `_` written `-`: `data-site`
//! or `data-area`, `data-system`, then `data-range-km` (a range), `data-min-km` and `data-max-km`
//! (a band) or `data-low-km` and `data-high-km` (an estimate); `data-part` says which drawing of
//! it the path is (`fill`, `outline`), an outline's `data-limit-km` which circle it follows and
//! an estimate's fill its `data-zone` (`within-low`, `low-to-high`).

use crate::origin::Origin;
use crate::overlay::Overlay;
use crate::range::{Limit, Reach, Zone};
use crate::scene::Tags;

/// Which drawing of a reach a path is.
#[derive(Debug, Clone, Copy)]
pub(super) enum Part {
    /// The tint (or hatching) of a zone.
    Fill(Zone),
    /// The outline along one limit.
    Outline(Limit),
    /// The quoted range's circle over a non-rotating Earth, beside a region over the rotating one.
    NonRotating(Limit),
}

/// The tags of one drawing of `overlay`'s reach around `origin`.
pub(super) fn range_tags(origin: &Origin, overlay: &Overlay, part: Part) -> Tags {
    let reach = overlay.reach;
    let (kind, figures) = match reach {
        Reach::Within(r) => ("range", format!("{}km", figure(r.km()))),
        Reach::Band { min, max } => ("band", format!("{}-{}km", figure(min.km()), figure(max.km()))),
        Reach::Estimate { low, high } => ("estimate", format!("{}-{}km", figure(low.km()), figure(high.km()))),
    };
    let mut id = format!("{kind}-{}", slug(origin.name()));
    if let Some(system) = &overlay.system {
        id = format!("{id}-{}", system_slug(system));
    }
    id = format!("{id}-{figures}");
    let mut data = vec![match origin {
        Origin::Site(site) => ("site", site.name().to_string()),
        Origin::Area(area) => ("area", area.name.clone()),
    }];
    if let Some(system) = &overlay.system {
        data.push(("system", system.clone()));
    }
    match reach {
        Reach::Within(r) => data.push(("range-km", figure(r.km()))),
        Reach::Band { min, max } => data.extend([("min-km", figure(min.km())), ("max-km", figure(max.km()))]),
        Reach::Estimate { low, high } => data.extend([("low-km", figure(low.km())), ("high-km", figure(high.km()))]),
    }
    let limit_suffix = |limit: &Limit| match reach {
        Reach::Within(_) => None,
        Reach::Band { .. } => Some(if limit.inner { "inner" } else { "outer" }),
        Reach::Estimate { .. } => Some(if limit.inner { "low" } else { "high" }),
    };
    match part {
        Part::Fill(zone) => {
            data.push(("part", "fill".into()));
            if let Reach::Estimate { .. } = reach {
                let zone = zone.as_str().replace('_', "-");
                id = format!("{id}-{zone}");
                data.push(("zone", zone));
            }
        }
        Part::Outline(limit) | Part::NonRotating(limit) => {
            if let Some(suffix) = limit_suffix(&limit) {
                id = format!("{id}-{suffix}");
            }
            if let Part::NonRotating(_) = part {
                id.push_str("-non-rotating");
                data.push(("part", "non-rotating-outline".into()));
            } else {
                data.push(("part", "outline".into()));
            }
            data.push(("limit-km", figure(limit.radius.km())));
        }
    }
    Tags { id, data }
}

/// The tags of a launch area's own shape.
pub(super) fn area_tags(name: &str) -> Tags {
    Tags { id: format!("area-{}", slug(name)), data: vec![("area", name.to_string()), ("part", "area".into())] }
}

/// The tags of a footprint's hatching (`outline` false) or outline.
pub(super) fn footprint_tags(print: &crate::footprint::Footprint, outline: bool) -> Tags {
    let names: Vec<&str> = print.targets.iter().map(|t| t.name()).collect();
    let range = figure(print.radius.km());
    let id = format!("footprint-{}-{range}km{}", slug(&names.join(" ")), if outline { "-outline" } else { "" });
    let combine = match print.combine {
        crate::footprint::Combine::All => "every",
        crate::footprint::Combine::Any => "any",
    };
    let data = vec![
        ("targets", names.join("; ")),
        ("combine", combine.into()),
        ("range-km", range),
        ("part", if outline { "outline" } else { "fill" }.into()),
    ];
    Tags { id, data }
}

/// The tags of one time ring: `minutes` as the set lists it, `range_km` what the system covers.
pub(super) fn time_tags(site: &str, system: &str, minutes: f64, range_km: f64) -> Tags {
    Tags {
        id: format!("time-{}-{}-{}min", slug(site), system_slug(system), figure(minutes)),
        data: vec![
            ("site", site.to_string()),
            ("system", system.to_string()),
            ("minutes", figure(minutes)),
            ("range-km", figure(range_km)),
            ("part", "time-ring".into()),
        ],
    }
}

/// A system as ids name it: its id in the built-in catalog (`9m729`, `dark-eagle`), else its
/// name up to any parenthesis, as a [`slug`].
fn system_slug(name: &str) -> String {
    static BUILTIN: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    let systems = BUILTIN.get_or_init(|| {
        crate::catalog::Catalog::builtin()
            .map(|c| c.systems.into_iter().map(|s| (s.name, s.id)).collect())
            .unwrap_or_default()
    });
    match systems.iter().find(|(n, _)| n == name) {
        Some((_, id)) => slug(id),
        None => slug(name.split(" (").next().unwrap_or(name)),
    }
}

/// A number as ids and attributes write it: the shortest decimal that reads back the same,
/// within a millimetre (`5500`, `2776.5`).
fn figure(value: f64) -> String {
    let rounded = (value * 1e6).round() / 1e6;
    format!("{rounded}")
}

/// `text` lowercased, every run of characters other than letters and digits one hyphen, none at
/// either end; `x` when nothing is left.
pub(super) fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-');
    if trimmed.is_empty() { "x".to_string() } else { trimmed.to_string() }
}

/// `items` with `tags` (every shape among them; text and markers have none).
pub(super) fn tagged(items: Vec<crate::scene::Item>, tags: &Tags) -> Vec<crate::scene::Item> {
    use crate::scene::Item;
    items
        .into_iter()
        .map(|item| match item {
            Item::Area { shape, style, .. } => Item::Area { shape, style, tags: Some(tags.clone()) },
            Item::Lines { lines, style, .. } => Item::Lines { lines, style, tags: Some(tags.clone()) },
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_keep_letters_and_digits() {
        assert_eq!(slug("Grafenwöhr"), "grafenwöhr");
        assert_eq!(slug("Naha, JP"), "naha-jp");
        assert_eq!(slug("  DF-26 (Dong Feng) "), "df-26-dong-feng");
        assert_eq!(slug("—"), "x");
        assert_eq!(figure(5500.0), "5500");
        assert_eq!(figure(2776.5), "2776.5");
    }
}
