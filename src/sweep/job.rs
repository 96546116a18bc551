//! A whole sweep as a command or a scenario asks for it: where the candidates come from, the
//! range, what to count; run into ranked candidates, and drawn as a map.

use geo::{BoundingRect, Coord};

use super::{Candidate, Field, Grid, GridSweep, Metric, Region, Scored, best_separated, sweep, sweep_grid};
use crate::catalog::Catalog;
use crate::coverage::PlaceIndex;
use crate::error::{Error, Result};
use crate::frame::{Frame, PageSize};
use crate::map::{LIGHT, MapSpec, SweepMap, Theme};
use crate::places::Place;
use crate::range::Reach;
use crate::site::Site;

/// Where the candidates come from.
#[derive(Debug, Clone)]
pub enum Source {
    /// A grid over a region, `step_km` apart (None: the step giving about 10,000 candidates).
    Region {
        /// The region.
        region: Region,
        /// The step, km.
        step_km: Option<f64>,
    },
    /// A list (e.g. a CSV file of `name,lat,lon`), with what it is called.
    List {
        /// The candidates.
        candidates: Vec<Candidate>,
        /// The list's name (its file's name).
        name: String,
    },
}

/// The range swept, with what it is and where its figure comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct Sweeping {
    /// The range, band or estimate.
    pub reach: Reach,
    /// The system's name, if a system's.
    pub system: Option<String>,
    /// The system's sources line.
    pub sources: Vec<String>,
}

impl Sweeping {
    /// A range or band as given.
    pub fn reach(reach: Reach) -> Sweeping {
        Sweeping { reach, system: None, sources: Vec::new() }
    }

    /// A catalog system's range (`catalog`'s entry `id`); `field` names the id in errors.
    pub fn system(catalog: &Catalog, id: &str, field: &str) -> Result<Sweeping> {
        let Some(system) = catalog.system(id.trim()) else {
            let known: Vec<&str> = catalog.systems.iter().map(|s| s.id.as_str()).collect();
            return Err(Error::invalid(
                field,
                id,
                format!("unknown system id; `reachmap catalog` lists them: {}", known.join(", ")),
            ));
        };
        Sweeping::of(system)
    }

    /// A system's range, with its name and sources.
    pub fn of(system: &crate::catalog::System) -> Result<Sweeping> {
        let reach = system.range_km.reach(&format!("system {:?} range_km", system.id))?;
        Ok(Sweeping { reach, system: Some(system.name.clone()), sources: vec![system.sources_line()] })
    }

    /// `Dark Eagle (LRHW) 2,776 km`, `2,500 km`, `9M729 (SSC-8) 480 to 2,350 km`.
    pub fn label(&self) -> String {
        match &self.system {
            Some(name) => format!("{name} {}", self.reach.label()),
            None => self.reach.label(),
        }
    }
}

/// What to count, and in which places.
#[derive(Debug, Clone)]
pub struct Counting {
    /// The metric.
    pub metric: Metric,
    /// The places counted: for [`Metric::Targets`] the targets, else the places chosen.
    pub places: Vec<Place>,
    /// Whether the places are the gazetteer's (credited on maps).
    pub gazetteer: bool,
    /// What the places are, for the map's notes: `GeoNames places of 15,000 or more people`.
    pub description: String,
}

impl Counting {
    /// Counting `metric` in `places` (or, for [`Metric::Targets`], in `targets`, which must then
    /// be given: `--targets` in `targets_field`); targets without that metric are refused too.
    pub fn new(
        metric: Metric,
        places: (Vec<Place>, bool, String),
        targets: Option<(Vec<Place>, String)>,
        metric_field: &str,
        targets_field: &str,
    ) -> Result<Counting> {
        match (metric, targets) {
            (Metric::Targets, Some((targets, name))) => {
                if targets.is_empty() {
                    return Err(Error::invalid(targets_field, &name, "the targets file holds no places"));
                }
                Ok(Counting {
                    metric,
                    places: targets,
                    gazetteer: false,
                    description: format!("the targets in {name}"),
                })
            }
            (Metric::Targets, None) => Err(Error::invalid(
                metric_field,
                "targets",
                format!(
                    "the targets metric counts the places of a targets file: give {targets_field} FILE (CSV name,lat,lon or GeoJSON points)"
                ),
            )),
            (_, Some((_, name))) => Err(Error::invalid(
                targets_field,
                &name,
                format!("targets are counted only with {metric_field} targets"),
            )),
            (_, None) => {
                let (places, gazetteer, description) = places;
                Ok(Counting { metric, places, gazetteer, description })
            }
        }
    }
}

/// A sweep, asked for.
#[derive(Debug, Clone)]
pub struct Request {
    /// The candidates' source.
    pub source: Source,
    /// The range.
    pub sweeping: Sweeping,
    /// What to count.
    pub counting: Counting,
    /// How many of the best to star on the map.
    pub best: usize,
}

/// A sweep, done.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Every candidate, best first.
    pub ranked: Vec<Scored>,
    /// The field over the region (a grid sweep).
    pub field: Option<Field>,
    /// The region (a grid sweep).
    pub region: Option<Region>,
    /// The grid's step, km (a grid sweep).
    pub step_km: Option<f64>,
    /// The best candidates to star, at least `separation_km` apart.
    pub best: Vec<Scored>,
    /// How far apart the starred candidates are at least, km.
    pub separation_km: f64,
    /// The request.
    pub request: Request,
}

/// Longest any starred candidates may have to be apart, as a share of the region's size.
const SEPARATION_SHARE: f64 = 1.0 / 15.0;

impl Request {
    /// Runs the sweep: every candidate valued and ranked; for a grid the field too.
    pub fn run(self) -> Result<Outcome> {
        let index = PlaceIndex::new(self.counting.places.clone());
        let metric = self.counting.metric;
        let reach = self.sweeping.reach;
        let (ranked, field, region, step_km) = match &self.source {
            Source::Region { region, step_km } => {
                let step = step_km.unwrap_or_else(|| region.default_step_km());
                let grid = Grid::new(region, step, "--step-km")?;
                let GridSweep { ranked, field } = sweep_grid(&index, &grid, &reach, metric)?;
                (ranked, Some(field), Some(region.clone()), Some(step))
            }
            Source::List { candidates, .. } => (sweep(&index, candidates, &reach, metric), None, None, None),
        };
        // Stars mark distinct places: on a grid, at least a fifteenth of the region's size (and
        // three steps) apart.
        let separation_km = match (&region, step_km) {
            (Some(region), Some(step)) => {
                let size_km = region
                    .shape
                    .bounding_rect()
                    .map_or(0.0, |b| crate::geodesy::distance_m(b.min().into(), b.max().into()) / 1000.0);
                (3.0 * step).max(round_km(size_km * SEPARATION_SHARE))
            }
            _ => 0.0,
        };
        let best = best_separated(&ranked, self.best, separation_km * 1000.0).into_iter().cloned().collect();
        Ok(Outcome { ranked, field, region, step_km, best, separation_km, request: self })
    }
}

fn round_km(km: f64) -> f64 {
    if km >= 100.0 { (km / 10.0).round() * 10.0 } else { km.round() }
}

/// How a sweep's map looks: page, theme, titles.
#[derive(Debug, Clone, Default)]
pub struct Look {
    /// Page size.
    pub page: Option<PageSize>,
    /// Theme.
    pub theme: Option<Theme>,
    /// Title (default: what is swept, from where).
    pub title: Option<String>,
    /// Subtitle (default: the candidates and the stars).
    pub subtitle: Option<String>,
}

impl Outcome {
    /// Whether the range is an estimate (a low figure's value alongside).
    pub fn estimate(&self) -> bool {
        self.request.sweeping.reach.low().is_some()
    }

    /// Where the candidates stand: the region's name or the list's.
    pub fn origin(&self) -> String {
        match &self.request.source {
            Source::Region { region, .. } => region.name.clone(),
            Source::List { name, .. } => name.clone(),
        }
    }

    /// The colour bar's title: `Population within 2,776 km`, `Capitals at 500–5,500 km`.
    fn value_title(&self) -> String {
        let metric = self.request.counting.metric;
        let noun = match metric {
            Metric::Population => "Population",
            Metric::Capitals => "Capitals",
            Metric::Places => "Places",
            Metric::Targets => "Targets",
        };
        match self.request.sweeping.reach {
            Reach::Band { .. } => format!("{noun} at {} from a site", self.request.sweeping.reach.label()),
            Reach::Estimate { high, .. } => format!("{noun} within {} of a site", Reach::Within(high).label()),
            Reach::Within(_) => format!("{noun} within {} of a site", self.request.sweeping.reach.label()),
        }
    }

    /// The map: the field over the region (or the listed candidates as dots), the best
    /// starred and labelled with their rank and value, capitals named where there is room.
    pub fn map_spec(&self, look: Look) -> Result<MapSpec> {
        let page =
            look.page.unwrap_or(PageSize { width_px: crate::frame::DEFAULT_WIDTH_PX, dpi: crate::frame::DEFAULT_DPI });
        let metric = self.request.counting.metric;
        let (points, centre) = match &self.region {
            Some(region) => {
                let points: Vec<Coord> = region.shape.0.iter().flat_map(|p| p.exterior().0.iter().copied()).collect();
                (points, region_centre(region))
            }
            None => {
                let points: Vec<Coord> = self.ranked.iter().map(|s| Coord { x: s.lon_deg, y: s.lat_deg }).collect();
                let centre = lonlat_centre(&points);
                (points, centre)
            }
        };
        let frame = Frame::fitted(&points, centre, page.width_px)?;
        let values = self.ranked.iter().map(|s| s.value as f64);
        let range = (values.clone().fold(f64::INFINITY, f64::min), values.fold(f64::NEG_INFINITY, f64::max));
        let sites = self
            .best
            .iter()
            .map(|s| {
                let value = metric.format(s.value as f64);
                let place = ordinal(s.rank_among(&self.best));
                let name = match &s.name {
                    Some(name) => format!("{place} {name}: {value}"),
                    None => format!("{place}: {value}"),
                };
                Site::new(&name, s.lat_deg, s.lon_deg)
            })
            .collect::<Result<Vec<_>>>()?;
        let best_note = match (self.best.len(), self.separation_km > 0.0) {
            (0, _) => String::new(),
            (n, true) => format!(
                "The best {n} sites at least {} km apart: rank and value",
                crate::format::format_km(self.separation_km)
            ),
            (n, false) => format!("The best {n} candidates: rank and value"),
        };
        let count = self.ranked.len();
        let subtitle = match self.step_km {
            Some(step) => format!(
                "{} candidate sites every {} km across {}",
                crate::format::group_digits(count as u64),
                crate::format::format_km(step),
                self.origin()
            ),
            None => format!("{} candidate sites from {}", crate::format::group_digits(count as u64), self.origin()),
        };
        let title = match &self.request.sweeping.system {
            Some(system) => format!("Where to base the {system}: {}", self.value_title().to_lowercase_first()),
            None => format!("Where to base: {}", self.value_title().to_lowercase_first()),
        };
        let mut notes = vec![format!(
            "Value of a site: {} of {} within range by exact geodesic distance on WGS84{}.",
            metric.noun(),
            self.request.counting.description,
            match self.request.sweeping.reach {
                Reach::Estimate { low, .. } => format!(
                    " (at the high figure; the CSV gives the value within the low figure, {}, too)",
                    Reach::Within(low).label()
                ),
                _ => String::new(),
            }
        )];
        if self.field.is_some() {
            notes.push("The field is interpolated between the candidates.".to_string());
        }
        let theme = look.theme.unwrap_or(LIGHT);
        let dots = match &self.field {
            Some(_) => Vec::new(),
            None => self.ranked.iter().map(|s| (Coord { x: s.lon_deg, y: s.lat_deg }, s.value as f64)).collect(),
        };
        let places = if self.request.counting.gazetteer || metric != Metric::Targets {
            crate::places::capitals()?
        } else {
            Vec::new()
        };
        Ok(MapSpec {
            frame,
            dpi: page.dpi,
            theme,
            document_title: look.title.clone().unwrap_or_else(|| title.clone()),
            title: Some(look.title.unwrap_or(title)),
            subtitle: Some(look.subtitle.unwrap_or(subtitle)),
            sites,
            overlays: Vec::new(),
            places,
            sources: self.request.sweeping.sources.clone(),
            notes,
            description: format!("Made with reachmap {}", env!("CARGO_PKG_VERSION")),
            show_legend: true,
            isochrones: Vec::new(),
            footprints: Vec::new(),
            areas: Vec::new(),
            sweep: Some(SweepMap {
                field: self.field.clone(),
                region: self.region.as_ref().map(|r| r.shape.clone()),
                dots,
                metric,
                title: self.value_title(),
                range,
                best_note,
            }),
        })
    }
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

impl Scored {
    /// The place of this candidate among `best` (1 for the first), or its overall rank.
    fn rank_among(&self, best: &[Scored]) -> usize {
        best.iter().position(|b| b.rank == self.rank).map_or(self.rank, |k| k + 1)
    }
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
