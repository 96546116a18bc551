//! Sites and ranges given without a file (on the command line), checked and gathered like a
//! scenario's: every range, band and catalog system around every site and launch area, and time
//! rings for the systems with a flight profile.

use std::sync::Arc;

use crate::areas::NamedArea;
use crate::catalog::Catalog;
use crate::error::{Error, Field, Result};
use crate::input::MAX_CLI_SITES;
use crate::isochrones::Isochrones;
use crate::origin::Origin;
use crate::overlay::Overlay;
use crate::range::Reach;
use crate::site::Site;

/// Sites and what to draw around them, given without a file (on the command line): every
/// range, band and catalog system around every site.
#[derive(Debug)]
pub struct Ranges {
    /// The sites.
    pub sites: Vec<Site>,
    /// The systems (first, in the order given) and the ranges and bands, each around every site.
    pub overlays: Vec<Overlay>,
    /// The systems' source lines.
    pub sources: Vec<String>,
    /// Time rings for the systems with a flight profile, if times were given.
    pub isochrones: Vec<Isochrones>,
    /// Launch areas, around which every range is drawn too.
    pub areas: Vec<Arc<NamedArea>>,
}

impl Ranges {
    /// Checks and gathers them: refuses no sites, more than [`MAX_CLI_SITES`], names given
    /// twice (field `site`), an unknown system id (field `system`), nothing to draw (field
    /// `range`), and times (`minutes`) that are not positive or that no given system has a
    /// flight profile for (field `minutes`). Each system with a flight profile gets time rings
    /// at `minutes` around every site.
    /// Launch areas (`areas`) may stand in for sites; their names must be unique too.
    pub fn new(
        sites: Vec<Site>,
        areas: Vec<NamedArea>,
        reaches: &[Reach],
        systems: &[String],
        minutes: &[f64],
    ) -> Result<Ranges> {
        if sites.is_empty() && areas.is_empty() {
            return Err(Error::invalid(Field::Site, "", "give at least one site"));
        }
        for (k, area) in areas.iter().enumerate() {
            if areas[..k].iter().any(|other| other.name == area.name) {
                return Err(Error::invalid(
                    Field::Area,
                    &area.name,
                    "area names must be unique: outputs are keyed by them",
                ));
            }
        }
        if sites.len() > MAX_CLI_SITES {
            return Err(Error::invalid(
                Field::Site,
                &format!("{} sites", sites.len()),
                format!("at most {MAX_CLI_SITES} sites per run; split them over several runs"),
            ));
        }
        for (k, site) in sites.iter().enumerate() {
            if sites[..k].iter().any(|other| other.name() == site.name()) {
                return Err(Error::invalid(
                    Field::Site,
                    site.name(),
                    "site names must be unique: outputs are keyed by them",
                ));
            }
        }
        if reaches.is_empty() && systems.is_empty() {
            return Err(Error::invalid(
                Field::Range,
                "",
                "nothing to compute: give at least one range, band or system",
            ));
        }
        let catalog = Catalog::builtin()?;
        let areas: Vec<Arc<NamedArea>> = areas.into_iter().map(Arc::new).collect();
        // From the command line, everything is drawn around every site and every area.
        let all = crate::origin::origins(&sites, &areas);
        let mut overlays = Vec::new();
        let mut sources = Vec::new();
        for id in systems {
            let Some(system) = catalog.system(id.trim()) else {
                return Err(Error::invalid(Field::System, id, catalog.unknown_system(id)));
            };
            if overlays.iter().any(|o: &Overlay| o.system.as_deref() == Some(system.name.as_str())) {
                return Err(Error::invalid(Field::System, id, "the same system is given twice"));
            }
            let reach = system.range_km.reach(format!("system {id:?} range_km"))?;
            // Around the sites together; around each launch area apart, in a colour and key
            // rows of its own.
            if !sites.is_empty() {
                overlays.push(Overlay::of_system(system, reach, sites.iter().cloned().map(Origin::Site).collect()));
            }
            for area in &areas {
                overlays.push(Overlay::of_system_from_area(system, reach, Origin::Area(area.clone())));
            }
            sources.push(system.sources_line());
        }
        let mut isochrones = Vec::new();
        if !minutes.is_empty() {
            let minutes = check_minutes(minutes, Field::Minutes)?;
            for (k, overlay) in overlays.iter().enumerate() {
                let (Some(system), Some(flight)) = (&overlay.system, &overlay.flight) else { continue };
                // Time rings are drawn around sites.
                if overlay.around_areas_only() {
                    continue;
                }
                isochrones.push(Isochrones {
                    system: system.clone(),
                    flight: flight.clone(),
                    minutes: minutes.clone(),
                    range: overlay.reach.outer(),
                    sites: sites.clone(),
                    colour_of: Some(k),
                });
            }
            if isochrones.is_empty() {
                let value = minutes.iter().map(|m| m.to_string()).collect::<Vec<_>>().join(",");
                // A system with a profile but only launch areas to fly from has no centre for
                // its rings: say so, rather than that it has no profile.
                let flying = overlays.iter().any(|o| o.system.is_some() && o.flight.is_some());
                let reason = if flying {
                    "time rings are drawn around sites, not launch areas: give a --site for them"
                } else {
                    "time rings need a system with a flight profile (`reachmap catalog` shows which have one)"
                };
                return Err(Error::invalid(Field::Minutes, &value, reason));
            }
        }
        overlays.extend(Overlay::around_all(reaches, &all));
        Ok(Ranges { sites, overlays, sources, isochrones, areas })
    }
}

/// Times for time rings, checked: each finite, above 0 and at most 24 hours; sorted, repeats
/// dropped. `field` names them in errors.
pub fn check_minutes(minutes: &[f64], field: impl Into<Field>) -> Result<Vec<f64>> {
    let field: &Field = &field.into();
    if minutes.is_empty() {
        return Err(Error::invalid(field, "", "give at least one time, in minutes"));
    }
    for &m in minutes {
        if !m.is_finite() || m <= 0.0 || m > 1_440.0 {
            return Err(Error::out_of_range(field, m, "greater than 0 and at most 1440 minutes"));
        }
    }
    let mut sorted = minutes.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted.dedup();
    Ok(sorted)
}
