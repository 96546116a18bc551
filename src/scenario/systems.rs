//! The scenario's systems: catalog entries, adjusted or defined in the file under
//! `[[systems]]`, which sites carry each, and the overlays and source lines they give.

use std::ops::Range;

use toml::Spanned;

use super::check_minutes;
use super::parts::site_indices;
use super::raw::{RawFootprint, RawIsochrones, RawSystem};
use crate::catalog::{Basis, Catalog, Figure, System};
use crate::error::Result;
use crate::footprint::{Combine, Footprint, label};
use crate::input::Locator;
use crate::isochrones::Isochrones;
use crate::origin::Origin;
use crate::overlay::Overlay;
use crate::site::Site;
use crate::units::Radius;

/// The systems a scenario can name: those defined in the file, over the catalog's.
pub(super) struct Systems<'a> {
    defined: Vec<System>,
    catalog: &'a Catalog,
    /// Where each defined system's id stands in the file.
    spans: Vec<Range<usize>>,
    at: &'a Locator<'a>,
}

/// Which sites and launch areas (by index) carry each system, in the order they first name
/// them (sites before areas).
#[derive(Debug, Default)]
pub(super) struct Carried(Vec<(String, Vec<usize>, Vec<usize>)>);

impl Carried {
    fn entry(&mut self, id: &str) -> &mut (String, Vec<usize>, Vec<usize>) {
        let k = match self.0.iter().position(|(s, ..)| s == id) {
            Some(k) => k,
            None => {
                self.0.push((id.to_string(), Vec::new(), Vec::new()));
                self.0.len() - 1
            }
        };
        &mut self.0[k]
    }

    pub(super) fn add(&mut self, id: &str, site: usize) {
        self.entry(id).1.push(site);
    }

    pub(super) fn add_area(&mut self, id: &str, area: usize) {
        self.entry(id).2.push(area);
    }

    fn carries(&self, id: &str) -> bool {
        self.0.iter().any(|(s, ..)| s == id)
    }

    /// The sites that carry the system `id`.
    fn sites_of(&self, id: &str) -> &[usize] {
        self.0.iter().find(|(s, ..)| s == id).map_or(&[], |(_, sites, _)| sites.as_slice())
    }
}

impl<'a> Systems<'a> {
    /// The file's `[[systems]]`, each checked: ids unique, a new range with its source.
    pub(super) fn define(raw: &[Spanned<RawSystem>], catalog: &'a Catalog, at: &'a Locator<'a>) -> Result<Systems<'a>> {
        let mut defined: Vec<System> = Vec::new();
        let mut spans = Vec::new();
        for system in raw {
            let span = system.span();
            let system = system.get_ref();
            let id = system.id.get_ref().trim().to_string();
            if id.is_empty() || defined.iter().any(|s| s.id == id) {
                return Err(at.error(system.id.span(), "[[systems]] id", &id, "ids must be non-empty and unique"));
            }
            defined.push(define_system(system, catalog.system(&id), at, span)?);
            spans.push(system.id.span());
        }
        Ok(Systems { defined, catalog, spans, at })
    }

    /// The system with this id: the file's own, or the catalog's.
    pub(super) fn get(&self, id: &str) -> Option<&System> {
        self.defined.iter().find(|s| s.id == id).or_else(|| self.catalog.system(id))
    }

    /// The system a `systems = [...]` entry names (`key` locates the list in errors), or an
    /// error listing the ids it could name.
    pub(super) fn named(&self, id: &Spanned<String>, key: &str) -> Result<&System> {
        let wanted = id.get_ref().trim();
        self.get(wanted).ok_or_else(|| {
            self.at.error(
                id.span(),
                key,
                wanted,
                format!(
                    "unknown system id; {}define it under [[systems]] or use one of: {}",
                    match self.catalog.suggest(wanted).as_slice() {
                        [] => String::new(),
                        near => format!("did you mean {}? ", near.join(", ")),
                    },
                    self.known().join(", ")
                ),
            )
        })
    }

    /// Every id a site may name.
    pub(super) fn known(&self) -> Vec<&str> {
        self.defined.iter().chain(&self.catalog.systems).map(|s| s.id.as_str()).collect()
    }

    /// Refuses a system defined in the file that no site carries: a sign of a typo.
    pub(super) fn check_all_carried(&self, carried: &Carried) -> Result<()> {
        for (system, span) in self.defined.iter().zip(&self.spans) {
            if !carried.carries(&system.id) {
                return Err(self.at.error(
                    span.clone(),
                    "[[systems]] id",
                    &system.id,
                    "no site carries this system; list it in a site's systems = [...] or remove it",
                ));
            }
        }
        Ok(())
    }

    /// An overlay per carried system — those defined in the file first, in their order, then
    /// the others in the order sites first name them — around the sites that carry it, and one
    /// more around each launch area that carries it (so that each area has its own colour and
    /// key rows); and each system's source line.
    pub(super) fn overlays(
        &self,
        carried: &Carried,
        sites: &[Site],
        areas: &[std::sync::Arc<crate::areas::NamedArea>],
    ) -> Result<(Vec<Overlay>, Vec<String>)> {
        let mut order: Vec<&(String, Vec<usize>, Vec<usize>)> = carried.0.iter().collect();
        order.sort_by_key(|(id, ..)| self.defined.iter().position(|s| s.id == *id).unwrap_or(usize::MAX));
        let mut overlays = Vec::new();
        let mut sources = Vec::new();
        for (id, site_indices, area_indices) in order {
            let Some(system) = self.get(id) else { continue };
            let reach = system.range_km.reach(format!("system {id:?} range_km"))?;
            if !site_indices.is_empty() {
                let origins = site_indices.iter().filter_map(|&k| sites.get(k)).cloned().map(Origin::Site).collect();
                overlays.push(Overlay::of_system(system, reach, origins));
            }
            for area in area_indices.iter().filter_map(|&k| areas.get(k)) {
                overlays.push(Overlay::of_system_from_area(system, reach, Origin::Area(area.clone())));
            }
            sources.push(system.sources_line());
        }
        Ok((overlays, sources))
    }
}

impl Systems<'_> {
    /// A `[[footprints]]` entry, checked: targets (gazetteer names or positions), and a range
    /// in km or a system's (an estimate's high figure, said so in the label).
    /// With it, the source line of the system whose range it takes, if any.
    pub(super) fn footprint(&self, raw: &Spanned<RawFootprint>) -> Result<(Vec<Footprint>, Option<String>)> {
        let entry = raw.get_ref();
        let at = self.at;
        let mut targets = Vec::new();
        for target in entry.targets.get_ref() {
            let field = format!("{}: [[footprints]] targets", at.at(target.span().start));
            targets.push(crate::places::target(target.get_ref(), &field)?);
        }
        if targets.is_empty() {
            return Err(at.error(entry.targets.span(), "[[footprints]] targets", "", "give at least one target"));
        }
        // Each radius drawn with its note: an estimate's system gives two footprints, from
        // where the targets are in range under every figure, and only if the high one holds.
        let (radii, source): (Vec<(Radius, Option<String>)>, Option<String>) = match (&entry.range_km, &entry.system) {
            (Some(km), None) => (
                vec![(
                    {
                        let field = format!("{}: [[footprints]] range_km", at.at(km.span().start));
                        crate::notes::decimal_km(at.text_at(km.span()), &field);
                        Radius::from_km(*km.get_ref(), &field)?
                    },
                    None,
                )],
                None,
            ),
            (None, Some(id)) => {
                let Some(system) = self.get(id.get_ref().trim()) else {
                    return Err(at.error(
                        id.span(),
                        "[[footprints]] system",
                        id.get_ref(),
                        format!("unknown system id; use one of: {}", self.known().join(", ")),
                    ));
                };
                let reach = system.range_km.reach(format!("system {:?} range_km", system.id))?;
                let short = system.name.split(" (").next().unwrap_or(&system.name).to_string();
                let radii = match reach.low() {
                    Some(low) => vec![
                        (low, Some(format!("{short}, under every figure"))),
                        (reach.outer(), Some(format!("{short}, if its high figure holds"))),
                    ],
                    None => vec![(reach.outer(), Some(short))],
                };
                (radii, Some(system.sources_line()))
            }
            _ => {
                return Err(at.error(
                    raw.span(),
                    "[[footprints]]",
                    entry.name.as_deref().unwrap_or(""),
                    "give the range: range_km = N or system = \"id\" (not both)",
                ));
            }
        };
        let combine = if entry.any { Combine::Any } else { Combine::All };
        let names: Vec<String> = targets.iter().map(|t| t.name().to_string()).collect();
        let footprints = radii
            .into_iter()
            .map(|(radius, note)| {
                let mut label = label(&names, radius, combine);
                if let Some(note) = note {
                    label = format!("{label} ({note})");
                }
                if let Some(name) = &entry.name {
                    label = format!("{name}: {label}");
                }
                Footprint { label, targets: targets.clone(), radius, combine }
            })
            .collect();
        Ok((footprints, source))
    }

    /// An `[[isochrones]]` entry, checked: a known system with a flight profile, times above
    /// 0, sites that exist (by default every site carrying the system).
    pub(super) fn isochrones(
        &self,
        raw: &Spanned<RawIsochrones>,
        sites: &[Site],
        carried: &Carried,
        overlays: &[Overlay],
    ) -> Result<Isochrones> {
        let entry = raw.get_ref();
        let id = entry.system.get_ref().trim();
        let at = self.at;
        let Some(system) = self.get(id) else {
            return Err(at.error(
                entry.system.span(),
                "[[isochrones]] system",
                id,
                format!("unknown system id; use one of: {}", self.known().join(", ")),
            ));
        };
        let Some(flight) = &system.flight else {
            let with: Vec<&str> = self
                .defined
                .iter()
                .chain(&self.catalog.systems)
                .filter(|s| s.flight.is_some())
                .map(|s| s.id.as_str())
                .collect();
            return Err(at.error(
                entry.system.span(),
                "[[isochrones]] system",
                id,
                format!(
                    "this system has no flight profile; give it one under [[systems]] (flight = {{ profile = ..., source = ... }}) or use one that has: {}",
                    with.join(", ")
                ),
            ));
        };
        let minutes = check_minutes(
            entry.minutes.get_ref(),
            format!("{}: [[isochrones]] minutes", at.at(entry.minutes.span().start)),
        )?;
        let which: Vec<Site> = match &entry.sites {
            Some(names) => site_indices(names, sites, at, "[[isochrones]] sites")?,
            None => carried.sites_of(&system.id).to_vec(),
        }
        .into_iter()
        .filter_map(|k| sites.get(k).cloned())
        .collect();
        if which.is_empty() {
            return Err(at.error(
                raw.span(),
                "[[isochrones]]",
                id,
                "no site carries this system; list the sites to draw time rings around: sites = [...]",
            ));
        }
        Ok(Isochrones {
            system: system.name.clone(),
            flight: flight.clone(),
            minutes,
            range: system.range_km.reach(format!("system {id:?} range_km"))?.outer(),
            sites: which,
            colour_of: overlays.iter().position(|o| o.system.as_deref() == Some(system.name.as_str())),
        })
    }
}

/// A system from `[[systems]]`: the catalog's entry, adjusted, or a new one with its source.
fn define_system(raw: &RawSystem, known: Option<&System>, at: &Locator, span: Range<usize>) -> Result<System> {
    let id = raw.id.get_ref().trim().to_string();
    let key = format!("[[systems]] {id:?}");
    let range = match (&raw.range_km, known) {
        (Some(r), _) => {
            let field = format!("{}: {key} range_km", at.at(r.span().start));
            crate::notes::decimal_km(at.text_at(r.span()), &field);
            r.get_ref().reach(&field)?;
            Some(*r.get_ref())
        }
        (None, _) => None,
    };
    // A flight profile given here replaces the catalog's.
    let flight = match &raw.flight {
        Some(f) => {
            f.get_ref().validate(format!("{}: {key} flight", at.at(f.span().start)))?;
            Some(f.get_ref().clone())
        }
        None => known.and_then(|s| s.flight.clone()),
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
            system.flight = flight;
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
                flight,
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
