//! A sweep's map: the map spec drawn from a sweep's outcome — the field or the candidates as
//! dots, the best starred with their rank and value, titles, notes and sources.

use geo::Coord;

use super::{MapSpec, SweepMap};
use crate::error::Result;
use crate::frame::{Frame, PageSize};
use crate::range::Reach;
use crate::site::Site;
use crate::sweep::{Metric, Outcome, RankFigure, Region, Scored};
use crate::theme::LIGHT;

/// How a sweep's map looks: page, theme, titles.
#[derive(Debug, Clone, Default)]
pub struct Look {
    /// Page size.
    pub page: Option<PageSize>,
    /// Theme.
    pub theme: Option<crate::theme::Theme>,
    /// Title (default: what is swept, from where).
    pub title: Option<String>,
    /// Subtitle (default: the candidates and the stars).
    pub subtitle: Option<String>,
}

/// The colour bar's title: `Population within 2,776 km of a site`, `Capitals at 500–5,500 km
/// from a site`.
fn value_title(outcome: &Outcome) -> String {
    let metric = outcome.request.counting.metric;
    let noun = match metric {
        Metric::Population => "Population",
        Metric::Capitals => "Capitals",
        Metric::Places => "Places",
        Metric::Targets => "Targets",
    };
    let reach = outcome.request.sweeping.reach;
    match (reach, outcome.request.figure) {
        (Reach::Band { .. }, _) => format!("{noun} at {} from a site", reach.label()),
        (Reach::Estimate { low, .. }, RankFigure::Low) => {
            format!("{noun} within {} of a site (every figure)", Reach::Within(low).label())
        }
        (Reach::Estimate { high, .. }, RankFigure::High) => {
            format!("{noun} within {} of a site (if it holds)", Reach::Within(high).label())
        }
        (Reach::Within(_), _) => format!("{noun} within {} of a site", reach.label()),
    }
}

/// The map: the field over the region (or the listed candidates as dots), the best
/// starred and labelled with their rank and value, capitals named where there is room.
pub fn sweep_map_spec(outcome: &Outcome, look: Look) -> Result<MapSpec> {
    let page = look.page.unwrap_or(PageSize {
        width_px: crate::frame::DEFAULT_WIDTH_PX,
        dpi: crate::frame::DEFAULT_DPI,
        width_mm: None,
    });
    let metric = outcome.request.counting.metric;
    let (points, centre) = match &outcome.region {
        Some(region) => {
            let points: Vec<Coord> = region.shape.0.iter().flat_map(|p| p.exterior().0.iter().copied()).collect();
            (points, region_centre(region))
        }
        None => {
            let points: Vec<Coord> = outcome.ranked.iter().map(|s| Coord { x: s.lon_deg, y: s.lat_deg }).collect();
            let centre = lonlat_centre(&points);
            (points, centre)
        }
    };
    let frame = Frame::fitted(&points, centre, page.width_px)?;
    let figure = outcome.request.figure;
    let values = outcome.ranked.iter().map(|s| s.ranked_value(figure) as f64);
    let range = (values.clone().fold(f64::INFINITY, f64::min), values.fold(f64::NEG_INFINITY, f64::max));
    let sites = outcome
        .best
        .iter()
        .map(|s| {
            let value = metric.format(s.ranked_value(figure) as f64);
            let place = ordinal(rank_among(s, &outcome.best));
            let name = match &s.name {
                Some(name) => format!("{place} {name}: {value}"),
                None => format!("{place}: {value}"),
            };
            Site::new(&name, s.lat_deg, s.lon_deg)
        })
        .collect::<Result<Vec<_>>>()?;
    let best_note = match (outcome.best.len(), outcome.separation_km > 0.0) {
        (0, _) => String::new(),
        (1, _) => "The best site: rank and value".to_string(),
        (n, true) => format!(
            "The best {n} sites at least {} km apart: rank and value",
            crate::format::format_km(outcome.separation_km)
        ),
        (n, false) => format!("The best {n} candidates: rank and value"),
    };
    let count = outcome.ranked.len();
    let subtitle = match outcome.step_km {
        Some(step) => format!(
            "{} candidate sites every {} km across {}",
            crate::format::group_digits(count as u64),
            crate::format::format_km(step),
            outcome.origin()
        ),
        None => format!("{} candidate sites from {}", crate::format::group_digits(count as u64), outcome.origin()),
    };
    let title = match &outcome.request.sweeping.system {
        Some(system) => format!("Where to base the {system}: {}", value_title(outcome).to_lowercase_first()),
        None => format!("Where to base: {}", value_title(outcome).to_lowercase_first()),
    };
    let counted = match metric {
        Metric::Population => "the population of",
        Metric::Capitals => "the national capitals among",
        Metric::Places | Metric::Targets => "the number of",
    };
    // With a population grid the population is its cells', said as the grid's rule.
    let valued = match (&outcome.request.counting.grid, metric) {
        (Some(grid), Metric::Population) => grid.value.rule(),
        _ => format!("{counted} {} within range", outcome.request.counting.description),
    };
    let mut notes = vec![format!(
        "Value of a site: {valued}, by exact geodesic distance on WGS84{}{}.",
        if outcome.request.rotating() {
            " against the range in each place's direction over the rotating Earth"
        } else {
            ""
        },
        match outcome.request.sweeping.reach {
            Reach::Estimate { low, high } => match figure {
                RankFigure::Low => format!(
                    " (within the low figure, {}, in range under every source; the CSV gives the value within the high figure, {}, too)",
                    Reach::Within(low).label(),
                    Reach::Within(high).label()
                ),
                RankFigure::High => format!(
                    " (within the high figure, {}, if it holds; the CSV gives the value within the low figure, {}, too)",
                    Reach::Within(high).label(),
                    Reach::Within(low).label()
                ),
            },
            _ => String::new(),
        }
    )];
    if outcome.field.is_some() {
        notes.push("The field is interpolated between the candidates.".to_string());
    }
    if outcome.request.rotating() {
        notes.push(format!("{}.", crate::rotation::LIMITS));
    }
    let theme = look.theme.unwrap_or(LIGHT);
    let dots = match &outcome.field {
        Some(_) => Vec::new(),
        None => outcome
            .ranked
            .iter()
            .map(|s| (Coord { x: s.lon_deg, y: s.lat_deg }, s.ranked_value(figure) as f64))
            .collect(),
    };
    let places = if outcome.request.counting.gazetteer || metric != Metric::Targets {
        crate::places::capitals()?
    } else {
        Vec::new()
    };
    Ok(MapSpec {
        frame,
        dpi: page.dpi,
        width_mm: page.width_mm,
        theme,
        document_title: look.title.clone().unwrap_or_else(|| title.clone()),
        title: Some(look.title.unwrap_or(title)),
        subtitle: Some(look.subtitle.unwrap_or(subtitle)),
        sites,
        overlays: Vec::new(),
        places,
        named_places: 0,
        // The targets counted are drawn and named, so that a reader sees what the value counts.
        targets: match metric {
            Metric::Targets => outcome
                .request
                .counting
                .places
                .iter()
                .map(|p| crate::target::Target { name: p.name.clone(), lon: p.lon, lat: p.lat, group: None })
                .collect(),
            _ => Vec::new(),
        },
        sources: outcome.request.sweeping.sources.clone(),
        notes,
        description: format!("Made with reachmap {}", env!("CARGO_PKG_VERSION")),
        show_legend: true,
        isochrones: Vec::new(),
        footprints: Vec::new(),
        areas: Vec::new(),
        detail: None,
        earth: crate::rotation::Earth::NonRotating,
        sweep: Some(SweepMap {
            field: outcome.field.clone(),
            region: outcome.region.as_ref().map(|r| r.shape.clone()),
            dots,
            metric,
            title: value_title(outcome),
            range,
            best_note,
            key_notes: key_notes(outcome),
            count_ceiling: (metric == Metric::Targets).then_some(outcome.request.counting.places.len() as f64),
            high_field: outcome.high_field.clone(),
        }),
    })
}

/// What the key says beyond the colour bar: how many candidates share the best value (the
/// stars are the best of them by the range they have to spare), that no candidate is worth
/// anything or that all are worth the same, and which figure of an estimate the field shows.
fn key_notes(outcome: &Outcome) -> Vec<String> {
    let metric = outcome.request.counting.metric;
    let figure = outcome.request.figure;
    let count = outcome.ranked.len();
    let what = match metric {
        Metric::Population => "people",
        Metric::Capitals => "capital",
        Metric::Places => "place",
        Metric::Targets => "target",
    };
    let mut notes = Vec::new();
    if outcome.request.rotating() {
        notes.push(crate::rotation::KEY_ROW.to_string());
    }
    match outcome.top() {
        None => notes.push(match metric {
            Metric::Population => "No candidate site has anyone within range: nothing to rank".to_string(),
            _ => format!("No candidate site reaches any {what}: nothing to rank"),
        }),
        Some((_, ties)) if ties == count && count > 1 => {
            notes.push("Every candidate site has the same value: the stars have the most range to spare".to_string())
        }
        Some((best, ties)) if ties > outcome.request.best.max(1) => {
            let targets = outcome.request.counting.places.len() as u64;
            let reach = if metric == Metric::Targets && best == targets && targets == 1 {
                format!("reach {}", outcome.request.counting.places[0].name)
            } else if metric == Metric::Targets && best == targets {
                format!("reach all {} targets", crate::format::group_digits(targets))
            } else {
                format!("share the best value, {}", metric.format(best as f64))
            };
            notes.push(format!(
                "{} of {} sites {reach}; the stars are those with the most range to spare",
                crate::format::group_digits(ties as u64),
                crate::format::group_digits(count as u64)
            ));
        }
        Some(_) => {}
    }
    if let Reach::Estimate { low, high } = outcome.request.sweeping.reach {
        notes.push(match figure {
            RankFigure::Low => format!(
                "Colours: within {} (every figure); hatched: more within {} if it holds",
                Reach::Within(low).label(),
                Reach::Within(high).label()
            ),
            RankFigure::High => format!("Colours: within {}, if that figure holds", Reach::Within(high).label()),
        });
    }
    notes
}

/// `1st`, `2nd`, `3rd`, `4th`, ... `11th`, `21st`.
fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// The place of candidate `s` among `best` (1 for the first), or its overall rank.
fn rank_among(s: &Scored, best: &[Scored]) -> usize {
    best.iter().position(|b| b.rank == s.rank).map_or(s.rank, |k| k + 1)
}

trait LowerFirst {
    fn to_lowercase_first(&self) -> String;
}

impl LowerFirst for String {
    fn to_lowercase_first(&self) -> String {
        let mut chars = self.chars();
        match chars.next() {
            Some(c) => c.to_lowercase().chain(chars).collect(),
            None => String::new(),
        }
    }
}

/// The centre of a region's bounding box, across 180° where the region is.
fn region_centre(region: &Region) -> Coord {
    let points: Vec<Coord> = region.shape.0.iter().flat_map(|p| p.exterior().0.iter().copied()).collect();
    lonlat_centre(&points)
}

/// The centre of the smallest lon/lat box around `points`, across 180° where that is narrower.
fn lonlat_centre(points: &[Coord]) -> Coord {
    let span = |shift: bool| {
        let xs = points.iter().map(|c| if shift && c.x < 0.0 { c.x + 360.0 } else { c.x });
        xs.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), x| (lo.min(x), hi.max(x)))
    };
    let (plain, shifted) = (span(false), span(true));
    let (lo, hi) = if shifted.1 - shifted.0 < plain.1 - plain.0 { shifted } else { plain };
    let (south, north) =
        points.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), c| (lo.min(c.y), hi.max(c.y)));
    Coord { x: crate::geodesy::wrap_lon(0.5 * (lo + hi)), y: (0.5 * (south + north)).clamp(-90.0, 90.0) }
}
