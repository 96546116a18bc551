//! A scenario's map: the map spec made from a validated scenario, with the settings given
//! outside it (the command line's options, the page's width) applied over the file's. A
//! scenario with a `[sweep]` is drawn over its sweep's map: [`scenario_sweep`] runs it (the
//! command line and the page call it before making the spec), and the spec draws its outcome.

use std::path::Path;

use super::{Look, MapSpec, sweep_map_spec};
use crate::basemap::Detail;
use crate::error::{Error, Field, Result};
use crate::footprint::Footprint;
use crate::frame::{FrameSpec, PageSize};
use crate::places::Place;
use crate::scenario::Scenario;
use crate::site::Site;
use crate::sweep::Outcome;
use crate::theme::{LIGHT, Theme};

/// A scenario's `[sweep]`, taken out and run for its map (`render`, `compare`, the page); None
/// without one. A range refused over the rotating Earth is named by the scenario's keys.
pub fn scenario_sweep(scenario: &mut Scenario) -> Result<Option<Outcome>> {
    let Some(request) = scenario.take_sweep() else { return Ok(None) };
    let outcome = request.run().map_err(|e| e.naming(Field::Range, "[sweep] range with [map] earth = \"rotating\""))?;
    Ok(Some(outcome))
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

/// The map to draw of `scenario`: the file's settings with `overrides` applied, the frame built
/// at the resolved page width (default: the Europe preset, 2,400 px at 300 dpi). `swept` is the
/// outcome of the scenario's `[sweep]`, which the caller takes out
/// ([`Scenario::take_sweep`]) and runs: a scenario whose sweep is still in it is refused, so
/// that no sweep is silently left off its map.
///
/// ```
/// use reachmap::map::{Overrides, scenario_map_spec};
/// use reachmap::scenario::Scenario;
///
/// let text = "[[sites]]\nname = \"Kaliningrad\"\nat = \"54.71,20.51\"\nsystems = [\"dark-eagle\"]\n";
/// let mut scenario = Scenario::parse(text, "example.toml", std::path::Path::new("."))?;
/// let swept = scenario.take_sweep().map(|request| request.run()).transpose()?; // none here
/// let spec = scenario_map_spec(scenario, swept, Overrides::default())?;
/// assert_eq!((spec.frame.width_px, spec.description.ends_with("from example.toml")), (2_400, true));
/// # Ok::<(), reachmap::Error>(())
/// ```
pub fn scenario_map_spec(scenario: Scenario, swept: Option<Outcome>, overrides: Overrides) -> Result<MapSpec> {
    if scenario.sweep.is_some() {
        return Err(Error::Internal(format!(
            "{}: the scenario's [sweep] has to be taken out (Scenario::take_sweep) and run before its map is made",
            scenario.origin
        )));
    }
    // Width in pixels or millimetres: the overriding choice replaces the file's as a pair.
    let (px, mm) = if overrides.width_px.is_some() || overrides.width_mm.is_some() {
        (overrides.width_px.clone(), overrides.width_mm.clone())
    } else {
        (scenario.width_px.clone(), scenario.width_mm.clone())
    };
    let dpi = overrides.dpi.clone().or_else(|| scenario.dpi.clone());
    let page = PageSize::resolve(as_given(&px), as_given(&mm), as_given(&dpi))?;
    if let Some(outcome) = swept {
        return over_sweep(scenario, &outcome, overrides, page);
    }
    let largest_m = scenario.overlays.iter().map(|o| o.reach.outer().meters()).fold(0.0, f64::max);
    let frame_at = if overrides.frame.is_none() { scenario.frame_at } else { None };
    let frame_spec = overrides.frame.or(scenario.frame).unwrap_or_default();
    let frame = frame_spec.build(page.width_px, scenario.sites.first(), largest_m).map_err(|e| match &frame_at {
        Some(at) => e.naming(Field::PageHeight, format!("{at} (the page height it gives)")),
        None => e,
    })?;

    let names: Vec<&str> = scenario.sites.iter().map(Site::name).collect();
    let title = overrides.title.or(scenario.title);
    let document_title = title.clone().unwrap_or_else(|| format!("Range rings: {}", names.join(", ")));
    let version = env!("CARGO_PKG_VERSION");
    // The file's name only: a figure may be published, and the folders it was made in are
    // nobody else's business.
    let file_name = Path::new(&scenario.origin).file_name().map(|n| n.to_string_lossy().into_owned());
    let description = match file_name {
        Some(name) => format!("Made with reachmap {version} from {name}"),
        None => format!("Made with reachmap {version}"),
    };
    // Footprints' targets first, then the places the file named: labelled first. A target is
    // one place however many footprints share it (an estimate's two figures give two).
    let (places, named_places) = if overrides.no_places {
        (Vec::new(), 0)
    } else {
        let mut places = scenario.places;
        if overrides.dependencies {
            let seats = crate::places::dependency_seats()?;
            places.extend(seats.into_iter().filter(|s| !places.contains(s)).collect::<Vec<_>>());
        }
        with_targets(places, scenario.named_places, &scenario.footprints)
    };
    Ok(MapSpec {
        frame,
        dpi: page.dpi,
        width_mm: page.width_mm,
        theme: overrides.theme.or(scenario.theme).unwrap_or(LIGHT),
        title,
        subtitle: overrides.subtitle.or(scenario.subtitle),
        sites: scenario.sites,
        overlays: scenario.overlays,
        named_places,
        targets: scenario.targets.clone(),
        places,
        sources: scenario.sources,
        notes: scenario.notes,
        document_title,
        description,
        show_legend: true,
        isochrones: scenario.isochrones,
        footprints: scenario.footprints,
        areas: scenario.areas,
        detail: overrides.detail.or(scenario.detail),
        sweep: None,
        earth: scenario.earth,
    })
}

/// The map of a scenario with a `[sweep]`: the sweep's map (its field, colour bar and best
/// sites, in a frame fitted to its region unless the file or the options choose one), with the
/// scenario's own sites, ranges, sources and notes drawn over it.
fn over_sweep(scenario: Scenario, outcome: &Outcome, overrides: Overrides, page: PageSize) -> Result<MapSpec> {
    let look = Look {
        page: Some(page),
        theme: overrides.theme.or(scenario.theme),
        title: overrides.title.or(scenario.title),
        subtitle: overrides.subtitle.or(scenario.subtitle),
    };
    let mut spec = sweep_map_spec(outcome, look)?;
    if let Some(frame) = overrides.frame.or(scenario.frame) {
        let largest_m = scenario.overlays.iter().map(|o| o.reach.outer().meters()).fold(0.0, f64::max);
        let first = scenario.sites.first().or(spec.sites.first());
        spec.frame = frame.build(page.width_px, first, largest_m)?;
    }
    // The scenario's sites first, then the sweep's best.
    let best = std::mem::take(&mut spec.sites);
    spec.sites = scenario.sites.into_iter().chain(best).collect();
    spec.overlays = scenario.overlays;
    spec.areas = scenario.areas;
    spec.sources.extend(scenario.sources);
    spec.notes.extend(scenario.notes);
    spec.isochrones = scenario.isochrones;
    spec.footprints = scenario.footprints;
    spec.detail = overrides.detail.or(scenario.detail);
    spec.earth = scenario.earth;
    if overrides.no_places {
        spec.places.clear();
    }
    if let Some(name) = Path::new(&scenario.origin).file_name() {
        spec.description = format!("{} from {}", spec.description, name.to_string_lossy());
    }
    Ok(spec)
}

/// For a comparison of the scenario's sites: the map (as [`scenario_map_spec`]) and the frame
/// each site's panel is built from. Refuses a scenario without sites.
pub fn comparison_map_spec(
    scenario: Scenario,
    swept: Option<Outcome>,
    overrides: Overrides,
) -> Result<(MapSpec, FrameSpec)> {
    if scenario.sites.is_empty() {
        return Err(Error::invalid(&scenario.origin, "", "the scenario has no [[sites]] to compare"));
    }
    let panel = overrides.frame.clone().or_else(|| scenario.frame.clone()).unwrap_or_default();
    Ok((scenario_map_spec(scenario, swept, overrides)?, panel))
}

/// The places to label with the footprints' targets first, so that every target is named, and
/// how many come first as named: the targets, once each, then those of the first `named` places
/// (the ones the file named) that are not among them.
fn with_targets(places: Vec<Place>, named: usize, footprints: &[Footprint]) -> (Vec<Place>, usize) {
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
    let mut named_kept = 0;
    for (k, place) in places.into_iter().enumerate() {
        if !all[..targets].contains(&place) {
            named_kept += usize::from(k < named);
            all.push(place);
        }
    }
    (all, targets + named_kept)
}
