//! Scenario files: a whole map described once in TOML — title, frame, page, theme, systems,
//! sites, bands, places — read into validated values. Every error names the file, the line and
//! column, the key, the value and what is allowed; unknown keys are errors.
//!
//! ```toml
//! title = "Kaliningrad"
//! [map]
//! preset = "europe"
//! [[sites]]
//! name = "Kaliningrad"
//! lat = 54.71
//! lon = "20°30′36″E"
//! systems = ["9m729"]
//! ```

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use toml::Spanned;

mod locator;
mod parts;
mod raw;

pub(crate) use locator::Locator;
pub use parts::capitals;
use parts::{band_overlays, choose_places, define_system, frame_spec, parse_site, system_label, system_sources};
use raw::RawScenario;

use crate::catalog::{Catalog, System};
use crate::error::{Error, Result};
use crate::export::geojson::reach_label;
use crate::frame::{FrameSpec, PageSize, Preset};
use crate::map::{LIGHT, MapSpec, Overlay, Theme};
use crate::places::Place;
use crate::range::Reach;
use crate::site::Site;

/// Largest scenario file read, bytes.
pub const MAX_SCENARIO_BYTES: u64 = 4 << 20;

/// Most sites a scenario may place.
pub const MAX_SITES: usize = 1_000;

/// A scenario, validated.
#[derive(Debug)]
pub struct Scenario {
    /// The file it was read from, as given.
    pub origin: String,
    /// Title printed on the map.
    pub title: Option<String>,
    /// Subtitle.
    pub subtitle: Option<String>,
    /// Notes printed with the sources.
    pub notes: Vec<String>,
    /// The frame, if the file chooses one.
    pub frame: Option<FrameSpec>,
    /// `[map] width_px`, with its location for error messages.
    pub width_px: Option<(f64, String)>,
    /// `[map] width_mm`.
    pub width_mm: Option<(f64, String)>,
    /// `[map] dpi`.
    pub dpi: Option<(f64, String)>,
    /// `[map] theme`.
    pub theme: Option<Theme>,
    /// The sites.
    pub sites: Vec<Site>,
    /// What is drawn around which site: systems first, then bands.
    pub overlays: Vec<Overlay>,
    /// Places to label, highest priority first.
    pub places: Vec<Place>,
    /// Sources of every range drawn, one entry per system or band set, plus the file's own.
    pub sources: Vec<String>,
}

impl Scenario {
    /// Reads and validates a scenario file. Relative paths inside it (a `catalog` file) are
    /// relative to the file's directory.
    pub fn from_file(path: &Path) -> Result<Scenario> {
        let text = crate::input::read_text(path, MAX_SCENARIO_BYTES, "a scenario file")?;
        let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
        Scenario::parse(&text, &path.display().to_string(), &base)
    }

    /// Reads and validates scenario text; `origin` names it in errors and `base` is the
    /// directory relative paths start from.
    pub fn parse(text: &str, origin: &str, base: &Path) -> Result<Scenario> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let at = Locator::new(origin, text);
        let raw: RawScenario = toml::from_str(text).map_err(|e| at.toml_error(&e))?;

        let mut catalog = Catalog::builtin()?;
        if let Some(file) = &raw.catalog {
            let path = resolve(base, file.get_ref());
            let user = Catalog::from_file(&path).map_err(|e| match e {
                Error::Io { source, .. } => at.error(
                    file.span(),
                    "catalog",
                    file.get_ref(),
                    format!("cannot read {}: {source}", path.display()),
                ),
                other => other,
            })?;
            catalog.merge(user);
        }

        let frame = frame_spec(&raw.map, &at)?;
        let located = |v: &Option<Spanned<f64>>, key: &str| {
            v.as_ref().map(|s| (*s.get_ref(), format!("{}: [map] {key}", at.at(s.span().start))))
        };
        let theme = match &raw.map.theme {
            Some(t) => Some(Theme::parse(t.get_ref(), &format!("{}: [map] theme", at.at(t.span().start)))?),
            None => None,
        };

        // Systems defined or adjusted in the file, over the catalog.
        let mut defined: Vec<System> = Vec::new();
        for system in &raw.systems {
            let span = system.span();
            let system = system.get_ref();
            let id = system.id.get_ref().trim().to_string();
            if id.is_empty() || defined.iter().any(|s| s.id == id) {
                return Err(at.error(system.id.span(), "[[systems]] id", &id, "ids must be non-empty and unique"));
            }
            defined.push(define_system(system, catalog.system(&id), &at, span)?);
        }
        let system_of = |id: &str| defined.iter().find(|s| s.id == id).or_else(|| catalog.system(id));

        // Sites, and which systems each carries.
        if raw.sites.len() > MAX_SITES {
            return Err(Error::invalid(
                origin,
                &format!("{} sites", raw.sites.len()),
                format!("a scenario may place at most {MAX_SITES} sites"),
            ));
        }
        let mut sites = Vec::new();
        let mut names = HashSet::new();
        let mut used_systems: Vec<(String, Vec<usize>)> = Vec::new();
        for (index, raw_site) in raw.sites.iter().enumerate() {
            let site = parse_site(raw_site, &at)?;
            if !names.insert(site.name().to_string()) {
                return Err(at.error(
                    raw_site.get_ref().name.span(),
                    "[[sites]] name",
                    site.name(),
                    "site names must be unique",
                ));
            }
            for id in &raw_site.get_ref().systems {
                let wanted = id.get_ref().trim();
                let Some(system) = system_of(wanted) else {
                    let known: Vec<&str> = defined
                        .iter()
                        .map(|s| s.id.as_str())
                        .chain(catalog.systems.iter().map(|s| s.id.as_str()))
                        .collect();
                    return Err(at.error(
                        id.span(),
                        &format!("[[sites]] {:?} systems", site.name()),
                        wanted,
                        format!("unknown system id; define it under [[systems]] or use one of: {}", known.join(", ")),
                    ));
                };
                match used_systems.iter_mut().find(|(s, _)| *s == system.id) {
                    Some((_, list)) => list.push(index),
                    None => used_systems.push((system.id.clone(), vec![index])),
                }
            }
            sites.push(site);
        }
        for system in &raw.systems {
            let id = system.get_ref().id.get_ref().trim();
            if !used_systems.iter().any(|(s, _)| s == id) {
                return Err(at.error(
                    system.get_ref().id.span(),
                    "[[systems]] id",
                    id,
                    "no site carries this system; list it in a site's systems = [...] or remove it",
                ));
            }
        }

        let mut overlays = Vec::new();
        let mut sources = Vec::new();
        // Systems in the order they are defined, then in the order sites first name them.
        let mut order: Vec<&(String, Vec<usize>)> = used_systems.iter().collect();
        order.sort_by_key(|(id, _)| defined.iter().position(|s| s.id == *id).unwrap_or(usize::MAX));
        for (id, site_indices) in order {
            let Some(system) = system_of(id) else { continue };
            let reach = system.range_km.reach(&format!("system {id:?} range_km"))?;
            overlays.push(Overlay { label: system_label(system), reach, sites: site_indices.clone() });
            sources.push(system_sources(system));
        }

        for band in &raw.bands {
            band_overlays(band, &sites, &catalog, &at, &mut overlays, &mut sources)?;
        }
        if overlays.len() > crate::map::MAX_OVERLAYS {
            return Err(Error::invalid(
                origin,
                &format!("{} ranges and bands", overlays.len()),
                format!("a map may draw at most {} ranges and bands", crate::map::MAX_OVERLAYS),
            ));
        }
        sources.extend(raw.sources.iter().cloned());

        let places = match &raw.places {
            Some(p) => choose_places(p, &at)?,
            None => capitals()?,
        };

        Ok(Scenario {
            origin: origin.to_string(),
            title: raw.title,
            subtitle: raw.subtitle,
            notes: raw.notes,
            frame,
            width_px: located(&raw.map.width_px, "width_px"),
            width_mm: located(&raw.map.width_mm, "width_mm"),
            dpi: located(&raw.map.dpi, "dpi"),
            theme,
            sites,
            overlays,
            places,
            sources,
        })
    }
}

/// Map settings given outside the scenario (the command line's options); each replaces the
/// file's value when present.
#[derive(Debug, Default)]
pub struct Overrides {
    /// The frame.
    pub frame: Option<FrameSpec>,
    /// Width in pixels, with the option's name.
    pub width_px: Option<(f64, String)>,
    /// Width in millimetres, with the option's name.
    pub width_mm: Option<(f64, String)>,
    /// Resolution, with the option's name.
    pub dpi: Option<(f64, String)>,
    /// Theme.
    pub theme: Option<Theme>,
    /// Title.
    pub title: Option<String>,
    /// Subtitle.
    pub subtitle: Option<String>,
    /// Label no places.
    pub no_places: bool,
}

fn as_given(v: &Option<(f64, String)>) -> Option<(f64, &str)> {
    v.as_ref().map(|(x, f)| (*x, f.as_str()))
}

impl Scenario {
    /// A scenario without a file: every reach around every site, capitals labelled.
    pub fn from_ranges(sites: Vec<Site>, reaches: Vec<Reach>) -> Result<Scenario> {
        let all: Vec<usize> = (0..sites.len()).collect();
        Ok(Scenario {
            origin: String::new(),
            title: None,
            subtitle: None,
            notes: Vec::new(),
            frame: None,
            width_px: None,
            width_mm: None,
            dpi: None,
            theme: None,
            overlays: reaches
                .iter()
                .map(|r| Overlay { label: reach_label(r), reach: *r, sites: all.clone() })
                .collect(),
            sites,
            places: capitals()?,
            sources: Vec::new(),
        })
    }

    /// The map to draw: the file's settings with `overrides` applied, the frame built at the
    /// resolved page width (default: the Europe preset, 2,400 px at 300 dpi).
    pub fn into_map_spec(self, overrides: Overrides) -> Result<MapSpec> {
        // Width in pixels or millimetres: the overriding choice replaces the file's as a pair.
        let (px, mm) = if overrides.width_px.is_some() || overrides.width_mm.is_some() {
            (overrides.width_px, overrides.width_mm)
        } else {
            (self.width_px, self.width_mm)
        };
        let dpi = overrides.dpi.or(self.dpi);
        let page = PageSize::resolve(as_given(&px), as_given(&mm), as_given(&dpi))?;
        let largest_m = self.overlays.iter().map(|o| o.reach.outer().meters()).fold(0.0, f64::max);
        let from_file = overrides.frame.is_none() && self.frame.is_some();
        let frame_field = if from_file { format!("{}: [map]", self.origin) } else { "--preset".to_string() };
        let frame_spec = overrides.frame.or(self.frame).unwrap_or(FrameSpec::Preset(Preset::Europe));
        let frame = frame_spec.build(page.width_px, self.sites.first(), largest_m, &frame_field)?;

        let names: Vec<&str> = self.sites.iter().map(Site::name).collect();
        let title = overrides.title.or(self.title);
        let document_title = title.clone().unwrap_or_else(|| format!("Range rings: {}", names.join(", ")));
        let version = env!("CARGO_PKG_VERSION");
        let description = if self.origin.is_empty() {
            format!("Made with reachmap {version}")
        } else {
            format!("Made with reachmap {version} from {}", self.origin)
        };
        Ok(MapSpec {
            frame,
            dpi: page.dpi,
            theme: overrides.theme.or(self.theme).unwrap_or(LIGHT),
            title,
            subtitle: overrides.subtitle.or(self.subtitle),
            sites: self.sites,
            overlays: self.overlays,
            places: if overrides.no_places { Vec::new() } else { self.places },
            sources: self.sources,
            notes: self.notes,
            document_title,
            description,
            show_legend: true,
        })
    }
}

fn resolve(base: &Path, file: &str) -> PathBuf {
    let path = Path::new(file);
    if path.is_absolute() { path.to_path_buf() } else { base.join(path) }
}
