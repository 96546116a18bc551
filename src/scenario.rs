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
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::catalog::{Basis, Catalog, Figure, RangeKm, System};
use crate::coords::parse_lat_lon;
use crate::error::{Error, Result};
use crate::export::geojson::{format_km, reach_label};
use crate::frame::{FrameSpec, PageSize, Preset, Projection};
use crate::map::{LIGHT, MapSpec, Overlay, Theme};
use crate::places::{Place, find, gazetteer};
use crate::range::Reach;
use crate::site::Site;
use crate::units::Radius;

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

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScenario {
    title: Option<String>,
    subtitle: Option<String>,
    #[serde(default)]
    notes: Vec<String>,
    #[serde(default)]
    sources: Vec<String>,
    catalog: Option<Spanned<String>>,
    #[serde(default)]
    map: RawMap,
    #[serde(default)]
    systems: Vec<Spanned<RawSystem>>,
    #[serde(default)]
    sites: Vec<Spanned<RawSite>>,
    #[serde(default)]
    bands: Vec<Spanned<RawBand>>,
    places: Option<RawPlaces>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMap {
    preset: Option<Spanned<String>>,
    proj: Option<Spanned<String>>,
    extent: Option<Spanned<Vec<f64>>>,
    extent_lonlat: Option<Spanned<Vec<f64>>>,
    width_px: Option<Spanned<f64>>,
    width_mm: Option<Spanned<f64>>,
    dpi: Option<Spanned<f64>>,
    theme: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSystem {
    id: Spanned<String>,
    name: Option<String>,
    range_km: Option<Spanned<RangeKm>>,
    basis: Option<Basis>,
    source: Option<String>,
    date: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Coordinate {
    Number(f64),
    Text(String),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSite {
    name: Spanned<String>,
    lat: Option<Spanned<Coordinate>>,
    lon: Option<Spanned<Coordinate>>,
    at: Option<Spanned<String>>,
    #[serde(default)]
    systems: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBand {
    name: Option<String>,
    set: Option<Spanned<String>>,
    min_km: Option<Spanned<f64>>,
    max_km: Option<Spanned<f64>>,
    sites: Option<Vec<Spanned<String>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlaces {
    capitals: Option<bool>,
    min_population: Option<Spanned<f64>>,
    #[serde(default)]
    names: Vec<Spanned<String>>,
}

/// Turns byte spans of a TOML text into `file:line:column` locations.
pub(crate) struct Locator<'a> {
    origin: &'a str,
    text: &'a str,
}

impl<'a> Locator<'a> {
    pub(crate) fn new(origin: &'a str, text: &'a str) -> Locator<'a> {
        Locator { origin, text }
    }

    /// `file:line:column` of a byte offset (columns count characters, from 1).
    pub(crate) fn at(&self, offset: usize) -> String {
        let offset = offset.min(self.text.len());
        let before = &self.text[..char_boundary(self.text, offset)];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        format!("{}:{line}:{column}", self.origin)
    }

    /// The error for a value at `span`: `file:line:column: key`.
    pub(crate) fn error(&self, span: Range<usize>, key: &str, value: &str, reason: impl Into<String>) -> Error {
        Error::invalid(&format!("{}: {key}", self.at(span.start)), value, reason)
    }

    /// A TOML syntax or type error, located, with the offending line quoted.
    pub(crate) fn toml_error(&self, e: &toml::de::Error) -> Error {
        let span = e.span().unwrap_or(0..0);
        let start = char_boundary(self.text, span.start);
        let line_start = self.text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = self.text[start..].find('\n').map_or(self.text.len(), |i| start + i);
        let line = self.text[line_start..line_end].trim_end_matches('\r').trim();
        let message = e.message().trim_end_matches('\n').replace('\n', " ");
        Error::Invalid { field: self.at(span.start), value: line.chars().take(120).collect(), reason: message }
    }
}

/// The largest character boundary at or before `offset`.
fn char_boundary(text: &str, offset: usize) -> usize {
    let mut i = offset.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
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

fn frame_spec(map: &RawMap, at: &Locator) -> Result<Option<FrameSpec>> {
    let key_at = |span: Range<usize>, key: &str| format!("{}: [map] {key}", at.at(span.start));
    match (&map.preset, &map.proj) {
        (Some(preset), Some(proj)) => Err(at.error(
            proj.span(),
            "[map] proj",
            proj.get_ref(),
            format!("give either preset (here {:?}) or proj with an extent, not both", preset.get_ref()),
        )),
        (Some(preset), None) => {
            if let Some(extent) = map.extent.as_ref().or(map.extent_lonlat.as_ref()) {
                return Err(at.error(extent.span(), "[map] extent", "", "an extent needs proj; presets fix their own"));
            }
            Ok(Some(FrameSpec::Preset(Preset::parse(preset.get_ref(), &key_at(preset.span(), "preset"))?)))
        }
        (None, Some(proj)) => {
            let field = key_at(proj.span(), "proj");
            Projection::new(proj.get_ref(), &field)?;
            let definition = proj.get_ref().clone();
            let four = |v: &Spanned<Vec<f64>>, key: &str, what: &str| -> Result<[f64; 4]> {
                let values: [f64; 4] = v.get_ref().clone().try_into().map_err(|_| {
                    at.error(v.span(), &format!("[map] {key}"), &format!("{:?}", v.get_ref()), what.to_string())
                })?;
                if values.iter().any(|x| !x.is_finite()) {
                    return Err(at.error(v.span(), &format!("[map] {key}"), &format!("{values:?}"), what.to_string()));
                }
                Ok(values)
            };
            match (&map.extent, &map.extent_lonlat) {
                (Some(e), None) => {
                    let [x0, y0, x1, y1] = four(e, "extent", "expected [XMIN, YMIN, XMAX, YMAX] in projected metres")?;
                    if !(x0 < x1 && y0 < y1) {
                        return Err(at.error(
                            e.span(),
                            "[map] extent",
                            &format!("{:?}", e.get_ref()),
                            "empty or inverted: XMIN must be below XMAX and YMIN below YMAX",
                        ));
                    }
                    Ok(Some(FrameSpec::Projected { definition, extent: geo::Rect::new((x0, y0), (x1, y1)) }))
                }
                (None, Some(b)) => {
                    let bounds = four(b, "extent_lonlat", "expected [WEST, SOUTH, EAST, NORTH] in degrees")?;
                    Ok(Some(FrameSpec::LonLatBox { definition, bounds }))
                }
                (Some(e), Some(_)) => {
                    Err(at.error(e.span(), "[map] extent", "", "give extent or extent_lonlat, not both"))
                }
                (None, None) => Err(at.error(
                    proj.span(),
                    "[map] proj",
                    proj.get_ref(),
                    "give the area to show: extent = [XMIN, YMIN, XMAX, YMAX] or extent_lonlat = [W, S, E, N]",
                )),
            }
        }
        (None, None) => {
            if let Some(extent) = map.extent.as_ref().or(map.extent_lonlat.as_ref()) {
                return Err(at.error(extent.span(), "[map] extent", "", "an extent needs proj"));
            }
            Ok(None)
        }
    }
}

/// A system from `[[systems]]`: the catalog's entry, adjusted, or a new one with its source.
fn define_system(raw: &RawSystem, known: Option<&System>, at: &Locator, span: Range<usize>) -> Result<System> {
    let id = raw.id.get_ref().trim().to_string();
    let key = format!("[[systems]] {id:?}");
    let range = match (&raw.range_km, known) {
        (Some(r), _) => {
            r.get_ref().reach(&format!("{}: {key} range_km", at.at(r.span().start)))?;
            Some(*r.get_ref())
        }
        (None, _) => None,
    };
    match (known, range) {
        (Some(system), None) => {
            if raw.source.is_some() || raw.basis.is_some() || raw.date.is_some() {
                return Err(at.error(
                    span,
                    &key,
                    &id,
                    "source, basis and date describe a range_km given here; without one, the catalog's figures are used",
                ));
            }
            let mut system = system.clone();
            if let Some(name) = &raw.name {
                system.name = name.clone();
            }
            Ok(system)
        }
        (_, Some(range_km)) => {
            let Some(source) = raw.source.as_ref().filter(|s| !s.trim().is_empty()) else {
                return Err(at.error(
                    span,
                    &key,
                    &id,
                    "a range_km given in the scenario needs its source = \"...\" (who says so, where)",
                ));
            };
            let name = raw.name.clone().or_else(|| known.map(|s| s.name.clone())).ok_or_else(|| {
                at.error(span.clone(), &key, &id, "a system not in the catalog needs a name = \"...\"")
            })?;
            Ok(System {
                id: id.clone(),
                name,
                country: known.map(|s| s.country.clone()).unwrap_or_default(),
                kind: known.map(|s| s.kind.clone()).unwrap_or_default(),
                range_km,
                figures: vec![Figure {
                    range_km,
                    basis: raw.basis.unwrap_or(Basis::Reported),
                    source: source.clone(),
                    date: raw.date.clone().unwrap_or_else(|| "undated".into()),
                    note: None,
                }],
            })
        }
        (None, None) => Err(at.error(
            raw.id.span(),
            &key,
            &id,
            "not in the catalog (see `reachmap catalog`); to define it give name, range_km and source",
        )),
    }
}

fn parse_site(raw: &Spanned<RawSite>, at: &Locator) -> Result<Site> {
    let site = raw.get_ref();
    let name = site.name.get_ref().trim();
    let key = |k: &str| format!("[[sites]] {name:?} {k}");
    let name_error =
        |reason: &str| at.error(site.name.span(), "[[sites]] name", site.name.get_ref(), reason.to_string());
    if name.is_empty() {
        return Err(name_error("a site needs a non-empty name"));
    }
    if name.chars().any(char::is_control) {
        return Err(name_error("control characters are not allowed"));
    }
    match (&site.lat, &site.lon, &site.at) {
        (Some(lat), Some(lon), None) => {
            let text = |c: &Coordinate| match c {
                Coordinate::Number(v) => format!("{v}"),
                Coordinate::Text(t) => t.clone(),
            };
            if let (Coordinate::Number(y), Coordinate::Number(x)) = (lat.get_ref(), lon.get_ref()) {
                let lat_field = format!("{}: {}", at.at(lat.span().start), key("lat"));
                if !y.is_finite() || !(-90.0..=90.0).contains(y) {
                    return Err(Error::out_of_range(&lat_field, *y, "-90 to 90 degrees"));
                }
                if !x.is_finite() || !(-360.0..=360.0).contains(x) {
                    let lon_field = format!("{}: {}", at.at(lon.span().start), key("lon"));
                    return Err(Error::out_of_range(&lon_field, *x, "-360 to 360 degrees"));
                }
                return Site::new(name, *y, *x);
            }
            let (lat_text, lon_text) = (text(lat.get_ref()), text(lon.get_ref()));
            let has = |t: &str, letters: &[char]| t.to_uppercase().trim().chars().any(|c| letters.contains(&c));
            if has(&lat_text, &['E', 'W']) {
                return Err(at.error(lat.span(), &key("lat"), &lat_text, "a latitude takes N or S, not E or W"));
            }
            if has(&lon_text, &['N', 'S']) {
                return Err(at.error(lon.span(), &key("lon"), &lon_text, "a longitude takes E or W, not N or S"));
            }
            let field = format!("{}: {}", at.at(lat.span().start), key("lat/lon"));
            let point = parse_lat_lon(&format!("{lat_text}, {lon_text}"), &field)?;
            Site::new(name, point.y(), point.x())
        }
        (None, None, Some(position)) => {
            let field = format!("{}: {}", at.at(position.span().start), key("at"));
            let point = parse_lat_lon(position.get_ref(), &field)?;
            Site::new(name, point.y(), point.x())
        }
        _ => Err(at.error(
            raw.span(),
            &key("position"),
            name,
            "give lat and lon (numbers or forms like \"54°42′36″N\"), or at = \"54.71N 20.51E\"",
        )),
    }
}

/// The legend's text for a system: its name and range.
fn system_label(system: &System) -> String {
    let range = match system.range_km {
        RangeKm::Single(km) => format!("{} km", format_km(km)),
        RangeKm::LowHigh([low, high]) => format!("{}–{} km", format_km(low), format_km(high)),
    };
    format!("{}: {range}", system.name)
}

/// A system's figures for the sources line: `9M729: 480 km (claim), Russian MoD, 2019-01-23; ...`.
fn system_sources(system: &System) -> String {
    let short = system.name.split(" (").next().unwrap_or(&system.name);
    let figures: Vec<String> = system
        .figures
        .iter()
        .map(|f| {
            let range = match f.range_km {
                RangeKm::Single(km) => format!("{} km", format_km(km)),
                RangeKm::LowHigh([low, high]) => format!("{}–{} km", format_km(low), format_km(high)),
            };
            let basis = match f.basis {
                Basis::Claim => "claim",
                Basis::Assessment => "assessment",
                Basis::Reported => "reported",
                Basis::Requirement => "requirement",
            };
            format!("{range} ({basis}), {}, {}", f.source, f.date)
        })
        .collect();
    format!("{short}: {}", figures.join("; "))
}

fn band_overlays(
    band: &Spanned<RawBand>,
    sites: &[Site],
    catalog: &Catalog,
    at: &Locator,
    overlays: &mut Vec<Overlay>,
    sources: &mut Vec<String>,
) -> Result<()> {
    let raw = band.get_ref();
    let which: Vec<usize> = match &raw.sites {
        None => (0..sites.len()).collect(),
        Some(names) => {
            let mut which = Vec::new();
            for name in names {
                let Some(i) = sites.iter().position(|s| s.name() == name.get_ref().trim()) else {
                    let known: Vec<&str> = sites.iter().map(Site::name).collect();
                    return Err(at.error(
                        name.span(),
                        "[[bands]] sites",
                        name.get_ref(),
                        format!("no site has this name; sites: {}", known.join(", ")),
                    ));
                };
                which.push(i);
            }
            which
        }
    };
    match (&raw.set, &raw.max_km) {
        (Some(set), None) => {
            if raw.min_km.is_some() || raw.name.is_some() {
                return Err(at.error(band.span(), "[[bands]]", set.get_ref(), "a band set takes no name or min_km"));
            }
            let Some(found) = catalog.band_set(set.get_ref().trim()) else {
                let known: Vec<&str> = catalog.band_sets.iter().map(|s| s.id.as_str()).collect();
                return Err(at.error(
                    set.span(),
                    "[[bands]] set",
                    set.get_ref(),
                    format!("unknown band set; allowed: {}", known.join(", ")),
                ));
            };
            for b in &found.bands {
                let field = format!("band set {:?}", found.id);
                let reach =
                    Reach::band(Radius::from_km(b.min_km, &field)?, Radius::from_km(b.max_km, &field)?, &field)?;
                let label = format!("{} {}: {}", found.id.to_uppercase(), b.name, reach_label(&reach));
                overlays.push(Overlay { label, reach, sites: which.clone() });
            }
            sources.push(format!("{}: {}", found.name, found.source));
            Ok(())
        }
        (None, Some(max)) => {
            let max_field = format!("{}: [[bands]] max_km", at.at(max.span().start));
            let outer = Radius::from_km(*max.get_ref(), &max_field)?;
            let reach = match &raw.min_km {
                Some(min) => {
                    let min_field = format!("{}: [[bands]] min_km", at.at(min.span().start));
                    Reach::band(Radius::from_km(*min.get_ref(), &min_field)?, outer, &min_field)?
                }
                None => Reach::Within(outer),
            };
            let label = match &raw.name {
                Some(name) => format!("{name}: {}", reach_label(&reach)),
                None => reach_label(&reach),
            };
            overlays.push(Overlay { label, reach, sites: which });
            Ok(())
        }
        (Some(set), Some(_)) => {
            Err(at.error(set.span(), "[[bands]] set", set.get_ref(), "give either set or min_km/max_km, not both"))
        }
        (None, None) => Err(at.error(
            band.span(),
            "[[bands]]",
            raw.name.as_deref().unwrap_or(""),
            "a band needs max_km (and min_km for a band rather than a range) or set = \"inf\"",
        )),
    }
}

/// National capitals, most populous first: the places labelled unless a scenario says otherwise.
pub fn capitals() -> Result<Vec<Place>> {
    Ok(gazetteer()?.iter().filter(|p| p.capital).cloned().collect())
}

fn choose_places(raw: &RawPlaces, at: &Locator) -> Result<Vec<Place>> {
    let mut chosen: Vec<Place> = Vec::new();
    // Named places first: the file asked for them by name.
    for name in &raw.names {
        let found = find(name.get_ref())?;
        let Some(place) = found.first() else {
            return Err(at.error(
                name.span(),
                "[places] names",
                name.get_ref(),
                "not in the gazetteer (GeoNames places of 15,000 or more people and all capitals); add \", CC\" with a country code to pick among places of the same name",
            ));
        };
        chosen.push((*place).clone());
    }
    if raw.capitals.unwrap_or(true) {
        chosen.extend(capitals()?);
    }
    if let Some(min) = &raw.min_population {
        let value = *min.get_ref();
        if !value.is_finite() || value < 100_000.0 {
            return Err(Error::out_of_range(
                &format!("{}: [places] min_population", at.at(min.span().start)),
                value,
                "100,000 or more (smaller towns crowd a regional map)",
            ));
        }
        chosen.extend(gazetteer()?.iter().filter(|p| p.population as f64 >= value).cloned());
    }
    let mut seen = HashSet::new();
    chosen.retain(|p| seen.insert((p.name.clone(), p.country_code.clone(), p.lat.to_bits(), p.lon.to_bits())));
    Ok(chosen)
}
