//! Scenario files: a whole map described once in TOML — title, frame, page, theme, systems,
//! sites, bands, places — read into validated values. Every error names the file, the line and
//! column, the key, the value and what is allowed; unknown keys are errors.
//!
//! A scenario is the validated model only: it knows nothing of how it is drawn (the map module
//! makes its map spec) and runs nothing (its `[sweep]` is run by the command line or the page).
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

mod parts;
mod ranges;
mod raw;
mod sweep;
mod systems;

use parts::{band_overlays, choose_places, frame_spec, parse_site};
pub use ranges::{Ranges, check_minutes};
use raw::RawScenario;
use systems::{Carried, Systems};

use crate::basemap::Detail;
use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::footprint::Footprint;
use crate::frame::{FrameSpec, Preset};
use crate::input::{Locator, MAX_OVERLAYS, MAX_SCENARIO_BYTES, MAX_SITES};
use crate::isochrones::Isochrones;
use crate::overlay::Overlay;
use crate::places::{Place, capitals};
use crate::site::Site;
use crate::theme::Theme;

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
    /// Where the file gives its extent (`file:line:column: [map] extent`), for errors that only
    /// the page size brings out.
    pub frame_at: Option<String>,
    /// `[map] width_px`, with its location for error messages.
    pub width_px: Option<(f64, String)>,
    /// `[map] width_mm`.
    pub width_mm: Option<(f64, String)>,
    /// `[map] dpi`.
    pub dpi: Option<(f64, String)>,
    /// `[map] theme`.
    pub theme: Option<Theme>,
    /// `[map] detail`: the base map's scale, if the file forces one.
    pub detail: Option<Detail>,
    /// `[map] earth`: the Earth ballistic ranges are laid out over.
    pub earth: crate::rotation::Earth,
    /// The sites.
    pub sites: Vec<Site>,
    /// What is drawn around which site: systems first, then bands.
    pub overlays: Vec<Overlay>,
    /// Places to label, highest priority first.
    pub places: Vec<Place>,
    /// How many of `places`, from the first, the file named (`[places] names`).
    pub named_places: usize,
    /// Sources of every range drawn, one entry per system or band set, plus the file's own.
    pub sources: Vec<String>,
    /// Time rings to draw.
    pub isochrones: Vec<Isochrones>,
    /// Footprints to draw.
    pub footprints: Vec<Footprint>,
    /// Launch areas (the overlays drawn around them name them among their origins).
    pub areas: Vec<std::sync::Arc<crate::areas::NamedArea>>,
    /// A sweep (`[sweep]`), checked but not run: the caller takes it ([`Scenario::take_sweep`]),
    /// runs it, and the map draws its field, its best sites and the colour bar.
    pub sweep: Option<crate::sweep::SweepRequest>,
    /// Targets (`[[targets]]`): drawn and always labelled; `reach` reports each, in range or
    /// not.
    pub targets: Vec<crate::target::Target>,
    /// `[places] population_grid`: a raster of people per cell that `reach`, `compare` and
    /// `sweep` count people within range from, with the key's location for errors.
    pub population_grid: Option<(PathBuf, String)>,
}

impl Scenario {
    /// Its sites, then its launch areas, as origins of ranges.
    pub fn origins(&self) -> Vec<crate::origin::Origin> {
        crate::origin::origins(&self.sites, &self.areas)
    }

    /// Reads and validates a scenario file. Relative paths inside it (a `catalog` file) are
    /// relative to the file's directory.
    pub fn from_file(path: &Path) -> Result<Scenario> {
        let text = crate::input::read_text(path, MAX_SCENARIO_BYTES, "a scenario file")?;
        let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
        Scenario::parse(&text, &path.display().to_string(), &base)
    }

    /// Reads and validates scenario text; `origin` names it in errors and `base` is the
    /// directory relative paths start from. The stages: TOML, the catalog, the frame and page,
    /// systems, sites, what is drawn around them, places.
    pub fn parse(text: &str, origin: &str, base: &Path) -> Result<Scenario> {
        Scenario::parse_with(text, origin, Files::Under(base))
    }

    /// Reads and validates scenario text that came from elsewhere than a file the user named —
    /// a request to `reachmap serve` — so that it may not make reachmap read files: a
    /// `catalog` file or an `[[areas]]` GeoJSON file is refused with its line and column.
    pub fn parse_sent(text: &str, origin: &str) -> Result<Scenario> {
        Scenario::parse_with(text, origin, Files::Refused)
    }

    fn parse_with(text: &str, origin: &str, files: Files) -> Result<Scenario> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let at = Locator::new(origin, text);
        let raw: RawScenario = toml::from_str(text).map_err(|e| at.toml_error(&e))?;
        let catalog = catalog(&raw, files, &at)?;
        let frame = frame_spec(&raw.map, &at)?;
        let theme = match &raw.map.theme {
            Some(t) => Some(Theme::parse(t.get_ref(), format!("{}: [map] theme", at.at(t.span().start)))?),
            None => None,
        };
        let detail = match &raw.map.detail {
            Some(d) => Some(Detail::parse(d.get_ref(), format!("{}: [map] detail", at.at(d.span().start)))?),
            None => None,
        };
        let systems = Systems::define(&raw.systems, &catalog, &at)?;
        let (sites, mut carried) = sites(&raw, &systems, &at)?;
        let areas = areas(&raw, &systems, &mut carried, files, &at)?;
        systems.check_all_carried(&carried)?;
        if let (Some(FrameSpec::Preset(Preset::Site)), Some(preset), true) = (&frame, &raw.map.preset, sites.is_empty())
        {
            return Err(at.error(
                preset.span(),
                "[map] preset",
                "site",
                "the site preset needs at least one [[sites]]",
            ));
        }

        if raw.targets.len() > crate::target::MAX_TARGETS {
            return Err(Error::invalid(
                origin,
                &format!("{} targets", raw.targets.len()),
                format!("a scenario may name at most {} targets", crate::target::MAX_TARGETS),
            ));
        }
        let targets = raw.targets.iter().map(|t| parts::parse_target(t, &at)).collect::<Result<Vec<_>>>()?;
        let (mut overlays, mut sources) = systems.overlays(&carried, &sites, &areas)?;
        let isochrones = raw
            .isochrones
            .iter()
            .map(|i| systems.isochrones(i, &sites, &carried, &overlays))
            .collect::<Result<Vec<_>>>()?;
        let mut footprints = Vec::new();
        for entry in &raw.footprints {
            let (prints, source) = systems.footprint(entry)?;
            footprints.extend(prints);
            sources.extend(source.filter(|s| !sources.contains(s)));
        }
        for band in &raw.bands {
            band_overlays(band, &sites, &catalog, &at, &mut overlays, &mut sources)?;
        }
        if overlays.len() > MAX_OVERLAYS {
            return Err(Error::invalid(
                origin,
                &format!("{} ranges and bands", overlays.len()),
                format!("a map may draw at most {MAX_OVERLAYS} ranges and bands"),
            ));
        }
        sources.extend(raw.sources.iter().cloned());
        let places = match &raw.places {
            Some(p) => choose_places(p, &at)?,
            None => capitals()?,
        };
        let population_grid = match raw.places.as_ref().and_then(|p| p.population_grid.as_ref()) {
            Some(file) => Some((
                files.resolve(file, "[places] population_grid", &at)?,
                format!("{}: [places] population_grid", at.at(file.span().start)),
            )),
            None => None,
        };
        let sweep = raw
            .sweep
            .as_ref()
            .map(|s| sweep::request(s, &systems, files, &at, population_grid.as_ref()))
            .transpose()?;
        let located = |v: &Option<Spanned<f64>>, key: &str| {
            v.as_ref().map(|s| (*s.get_ref(), format!("{}: [map] {key}", at.at(s.span().start))))
        };
        Ok(Scenario {
            origin: origin.to_string(),
            title: raw.title,
            subtitle: raw.subtitle,
            notes: raw.notes,
            frame_at: match (&raw.map.extent, &raw.map.extent_lonlat) {
                (Some(e), _) => Some(format!("{}: [map] extent", at.at(e.span().start))),
                (None, Some(b)) => Some(format!("{}: [map] extent_lonlat", at.at(b.span().start))),
                (None, None) => None,
            },
            frame,
            width_px: located(&raw.map.width_px, "width_px"),
            width_mm: located(&raw.map.width_mm, "width_mm"),
            dpi: located(&raw.map.dpi, "dpi"),
            theme,
            detail,
            earth: match &raw.map.earth {
                Some(e) => {
                    crate::rotation::Earth::parse(e.get_ref(), format!("{}: [map] earth", at.at(e.span().start)))?
                }
                None => crate::rotation::Earth::NonRotating,
            },
            sites,
            overlays,
            named_places: raw.places.as_ref().map_or(0, |p| p.names.len()),
            places,
            sources,
            isochrones,
            footprints,
            areas,
            sweep,
            targets,
            population_grid,
        })
    }
}

/// The built-in catalog, with the scenario's own `catalog` file merged over it.
fn catalog(raw: &RawScenario, files: Files, at: &Locator) -> Result<Catalog> {
    let mut catalog = Catalog::builtin()?;
    if let Some(file) = &raw.catalog {
        let path = files.resolve(file, "catalog", at)?;
        let user = Catalog::from_file(&path).map_err(|e| match e {
            Error::Io { error, .. } => {
                at.error(file.span(), "catalog", file.get_ref(), format!("cannot read {}: {error}", path.display()))
            }
            other => other,
        })?;
        catalog.merge(user);
    }
    Ok(catalog)
}

/// The sites, each with the systems it carries (as ids), names unique and every system known.
fn sites(raw: &RawScenario, systems: &Systems, at: &Locator) -> Result<(Vec<Site>, Carried)> {
    if raw.sites.len() > MAX_SITES {
        return Err(Error::invalid(
            at.origin(),
            &format!("{} sites", raw.sites.len()),
            format!("a scenario may place at most {MAX_SITES} sites"),
        ));
    }
    let mut sites = Vec::new();
    let mut names = HashSet::new();
    let mut carried = Carried::default();
    for (index, raw_site) in raw.sites.iter().enumerate() {
        let site = parse_site(raw_site, at)?;
        if !names.insert(site.name().to_string()) {
            return Err(at.error(
                raw_site.get_ref().name.span(),
                "[[sites]] name",
                site.name(),
                "site names must be unique",
            ));
        }
        for id in &raw_site.get_ref().systems {
            let system = systems.named(id, &format!("[[sites]] {:?} systems", site.name()))?;
            carried.add(&system.id, index);
        }
        sites.push(site);
    }
    Ok((sites, carried))
}

/// The launch areas, each from a GeoJSON file (relative to the scenario), a ring of positions
/// or a country, with the systems it carries.
fn areas(
    raw: &RawScenario,
    systems: &Systems,
    carried: &mut Carried,
    files: Files,
    at: &Locator,
) -> Result<Vec<std::sync::Arc<crate::areas::NamedArea>>> {
    use crate::areas::{NamedArea, country, from_geojson_file, from_positions};
    let mut areas: Vec<NamedArea> = Vec::new();
    for (index, entry) in raw.areas.iter().enumerate() {
        let area = entry.get_ref();
        let name = area.name.get_ref().trim();
        let key = format!("{}: [[areas]] {name:?}", at.at(entry.span().start));
        let shape = match (&area.geojson, &area.polygon, &area.country) {
            (Some(file), None, None) => {
                let field = format!("{}: [[areas]] geojson", at.at(file.span().start));
                from_geojson_file(&files.resolve(file, "[[areas]] geojson", at)?, &field)?
            }
            (None, Some(points), None) => {
                from_positions(points.get_ref(), format!("{}: [[areas]] polygon", at.at(points.span().start)))?
            }
            (None, None, Some(c)) => country(c.get_ref(), format!("{}: [[areas]] country", at.at(c.span().start)))?,
            _ => {
                return Err(at.error(
                    entry.span(),
                    "[[areas]]",
                    name,
                    "give exactly one of geojson = \"file.geojson\", polygon = [\"54.9N 19.6E\", ...] or country = \"Belarus\"",
                ));
            }
        };
        let named = NamedArea::new(name, shape, &key)?;
        if areas.iter().any(|a| a.name == named.name) {
            return Err(at.error(area.name.span(), "[[areas]] name", name, "area names must be unique"));
        }
        for id in &area.systems {
            let system = systems.named(id, &format!("[[areas]] {name:?} systems"))?;
            carried.add_area(&system.id, index);
        }
        areas.push(named);
    }
    Ok(areas.into_iter().map(std::sync::Arc::new).collect())
}

impl Scenario {
    /// A scenario without a file: the ranges and systems around every site, capitals labelled.
    pub fn from_ranges(ranges: Ranges) -> Result<Scenario> {
        Ok(Scenario {
            origin: String::new(),
            title: None,
            subtitle: None,
            notes: Vec::new(),
            frame: None,
            frame_at: None,
            width_px: None,
            width_mm: None,
            dpi: None,
            theme: None,
            detail: None,
            earth: crate::rotation::Earth::NonRotating,
            overlays: ranges.overlays,
            sites: ranges.sites,
            places: capitals()?,
            named_places: 0,
            sources: ranges.sources,
            isochrones: ranges.isochrones,
            footprints: Vec::new(),
            areas: ranges.areas,
            sweep: None,
            targets: Vec::new(),
            population_grid: None,
        })
    }

    /// Its `[sweep]`, taken out for the caller to run, laid out over the scenario's Earth as its
    /// ranges are (`[map] earth`, or what the command line made of it). A scenario holds the
    /// request only: the command line and the page run it and draw its outcome on the map.
    pub fn take_sweep(&mut self) -> Option<crate::sweep::SweepRequest> {
        let mut request = self.sweep.take()?;
        // `[map] earth` lays the sweep's range out too (`render` has done so already, with
        // its `--ballistic` and a note on what stays as quoted).
        if request.earth != self.earth {
            request.over(self.earth, false);
        }
        Some(request)
    }
}

/// Where a scenario's file references lead: relative to the scenario's directory, or nowhere.
#[derive(Debug, Clone, Copy)]
pub(super) enum Files<'a> {
    /// Relative paths start from this directory.
    Under(&'a Path),
    /// The scenario was sent, not named by the user: it may not name files.
    Refused,
}

impl Files<'_> {
    /// The path a `key = "file"` entry names, or its located refusal.
    pub(super) fn resolve(self, file: &Spanned<String>, key: &str, at: &Locator) -> Result<PathBuf> {
        match self {
            Files::Under(base) => {
                let path = Path::new(file.get_ref());
                let path = if path.is_absolute() { path.to_path_buf() } else { base.join(path) };
                // A file that is missing or unreadable is the scenario's error, at its key.
                match std::fs::File::open(&path) {
                    Ok(_) => Ok(path),
                    Err(e) => Err(at.error(
                        file.span(),
                        key,
                        file.get_ref(),
                        format!(
                            "cannot read {}: {}; a relative path is read from the scenario file's folder",
                            path.display(),
                            crate::error::io_words(&e)
                        ),
                    )),
                }
            }
            Files::Refused => Err(at.error(
                file.span(),
                key,
                file.get_ref(),
                "a scenario served by `reachmap serve` may not name files (the page sends it back with every change): define systems under [[systems]], and areas with polygon = [...] or country = \"...\"",
            )),
        }
    }
}
