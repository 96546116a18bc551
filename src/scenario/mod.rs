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
use crate::error::{Error, Field, Result};
use crate::frame::{FrameSpec, PageSize, Preset};
use crate::input::{Locator, MAX_OVERLAYS, MAX_SCENARIO_BYTES, MAX_SITES};
use crate::map::{Footprint, Isochrones, LIGHT, MapSpec, Theme};
use crate::overlay::Overlay;
use crate::places::{Place, capitals};
use crate::site::Site;

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
    /// A sweep (`[sweep]`): the map draws its field, its best sites and the colour bar.
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
    /// The base map's detail.
    pub detail: Option<Detail>,
    /// Title.
    pub title: Option<String>,
    /// Subtitle.
    pub subtitle: Option<String>,
    /// Label no places.
    pub no_places: bool,
    /// Label the seats of dependencies too (Saint Helier, Douglas, Mariehamn, ...).
    pub dependencies: bool,
}

fn as_given(v: &Option<(f64, String)>) -> Option<(f64, &str)> {
    v.as_ref().map(|(x, f)| (*x, f.as_str()))
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

    /// The map to draw: the file's settings with `overrides` applied, the frame built at the
    /// resolved page width (default: the Europe preset, 2,400 px at 300 dpi).
    pub fn into_map_spec(self, overrides: Overrides) -> Result<MapSpec> {
        // Width in pixels or millimetres: the overriding choice replaces the file's as a pair.
        let (px, mm) = if overrides.width_px.is_some() || overrides.width_mm.is_some() {
            (overrides.width_px.clone(), overrides.width_mm.clone())
        } else {
            (self.width_px.clone(), self.width_mm.clone())
        };
        let dpi = overrides.dpi.clone().or_else(|| self.dpi.clone());
        let page = PageSize::resolve(as_given(&px), as_given(&mm), as_given(&dpi))?;
        if self.sweep.is_some() {
            return self.into_sweep_map_spec(overrides, page);
        }
        let largest_m = self.overlays.iter().map(|o| o.reach.outer().meters()).fold(0.0, f64::max);
        let frame_at = if overrides.frame.is_none() { self.frame_at } else { None };
        let frame_spec = overrides.frame.or(self.frame).unwrap_or_default();
        let frame = frame_spec.build(page.width_px, self.sites.first(), largest_m).map_err(|e| match &frame_at {
            Some(at) => e.naming(Field::PageHeight, format!("{at} (the page height it gives)")),
            None => e,
        })?;

        let names: Vec<&str> = self.sites.iter().map(Site::name).collect();
        let title = overrides.title.or(self.title);
        let document_title = title.clone().unwrap_or_else(|| format!("Range rings: {}", names.join(", ")));
        let version = env!("CARGO_PKG_VERSION");
        // The file's name only: a figure may be published, and the folders it was made in are
        // nobody else's business.
        let file_name = Path::new(&self.origin).file_name().map(|n| n.to_string_lossy().into_owned());
        let description = match file_name {
            Some(name) => format!("Made with reachmap {version} from {name}"),
            None => format!("Made with reachmap {version}"),
        };
        Ok(MapSpec {
            frame,
            dpi: page.dpi,
            width_mm: page.width_mm,
            theme: overrides.theme.or(self.theme).unwrap_or(LIGHT),
            title,
            subtitle: overrides.subtitle.or(self.subtitle),
            sites: self.sites,
            overlays: self.overlays,
            // Footprints' targets first, then the places the file named: labelled first.
            named_places: if overrides.no_places {
                0
            } else {
                self.footprints.iter().map(|f| f.targets.len()).sum::<usize>() + self.named_places
            },
            targets: self.targets.clone(),
            places: if overrides.no_places {
                Vec::new()
            } else {
                let mut places = self.places;
                if overrides.dependencies {
                    let seats = crate::places::dependency_seats()?;
                    places.extend(seats.into_iter().filter(|s| !places.contains(s)).collect::<Vec<_>>());
                }
                with_targets(places, &self.footprints)
            },
            sources: self.sources,
            notes: self.notes,
            document_title,
            description,
            show_legend: true,
            isochrones: self.isochrones,
            footprints: self.footprints,
            areas: self.areas,
            detail: overrides.detail.or(self.detail),
            sweep: None,
            earth: self.earth,
        })
    }
}

impl Scenario {
    /// The map of a scenario with a `[sweep]`: the sweep's map (its field, colour bar and best
    /// sites, in a frame fitted to its region unless the file or the options choose one), with
    /// the scenario's own sites, ranges, sources and notes drawn over it.
    fn into_sweep_map_spec(mut self, overrides: Overrides, page: PageSize) -> Result<MapSpec> {
        let Some(mut request) = self.sweep.take() else {
            return Err(Error::invalid(&self.origin, "", "the scenario has no [sweep]"));
        };
        // `[map] earth` lays the sweep's range out too (`render` has done so already, with
        // its `--ballistic` and a note on what stays as quoted).
        if request.earth != self.earth {
            request.over(self.earth, false);
        }
        let look = crate::map::Look {
            page: Some(page),
            theme: overrides.theme.or(self.theme),
            title: overrides.title.or(self.title),
            subtitle: overrides.subtitle.or(self.subtitle),
        };
        let grid_field = self.population_grid.as_ref().map_or("[places] population_grid", |(_, field)| field.as_str());
        let outcome = request.run().map_err(|e| {
            e.naming(Field::Range, "[sweep] range with [map] earth = \"rotating\"")
                .naming(Field::PopulationGrid, grid_field)
        })?;
        let mut spec = crate::map::sweep_map_spec(&outcome, look)?;
        if let Some(frame) = overrides.frame.or(self.frame) {
            let largest_m = self.overlays.iter().map(|o| o.reach.outer().meters()).fold(0.0, f64::max);
            let first = self.sites.first().or(spec.sites.first());
            spec.frame = frame.build(page.width_px, first, largest_m)?;
        }
        // The scenario's sites first, then the sweep's best.
        let best = std::mem::take(&mut spec.sites);
        spec.sites = self.sites.into_iter().chain(best).collect();
        spec.overlays = self.overlays;
        spec.areas = self.areas;
        spec.sources.extend(self.sources);
        spec.notes.extend(self.notes);
        spec.isochrones = self.isochrones;
        spec.footprints = self.footprints;
        spec.detail = overrides.detail.or(self.detail);
        spec.earth = self.earth;
        if overrides.no_places {
            spec.places.clear();
        }
        if let Some(name) = Path::new(&self.origin).file_name() {
            spec.description = format!("{} from {}", spec.description, name.to_string_lossy());
        }
        Ok(spec)
    }

    /// For a comparison of the sites: the map (as [`Scenario::into_map_spec`]) and the frame
    /// each site's panel is built from. Refuses a scenario without sites.
    pub fn into_comparison(self, overrides: Overrides) -> Result<(MapSpec, FrameSpec)> {
        if self.sites.is_empty() {
            return Err(Error::invalid(&self.origin, "", "the scenario has no [[sites]] to compare"));
        }
        let panel = overrides.frame.clone().or_else(|| self.frame.clone()).unwrap_or_default();
        Ok((self.into_map_spec(overrides)?, panel))
    }
}

/// The places to label with the footprints' targets first, so that every target is named.
fn with_targets(places: Vec<Place>, footprints: &[Footprint]) -> Vec<Place> {
    let mut all: Vec<Place> = Vec::new();
    for target in footprints.iter().flat_map(|f| &f.targets) {
        let known = places.iter().find(|p| p.name == target.name() && (p.lat - target.lat_deg()).abs() < 1e-6);
        let place = known.cloned().unwrap_or_else(|| Place {
            name: target.name().to_string(),
            country_code: String::new(),
            country: String::new(),
            lat: target.lat_deg(),
            lon: target.lon_deg(),
            population: 0,
            capital: false,
            extra: Vec::new(),
        });
        if !all.contains(&place) {
            all.push(place);
        }
    }
    let targets = all.len();
    for place in places {
        if !all[..targets].contains(&place) {
            all.push(place);
        }
    }
    all
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
