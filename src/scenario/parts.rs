//! Turning the raw scenario into validated values: the frame, systems (catalog entries or the
//! file's own), sites, bands and places, each error located in the file.

use std::collections::HashSet;
use std::ops::Range;

use toml::Spanned;

use super::Locator;
use super::raw::{Coordinate, RawBand, RawMap, RawPlaces, RawSite, RawSystem};
use crate::catalog::{Basis, Catalog, Figure, RangeKm, System};
use crate::coords::parse_lat_lon;
use crate::error::{Error, Result};
use crate::export::geojson::{format_km, reach_label};
use crate::frame::{FrameSpec, Preset, Projection};
use crate::map::Overlay;
use crate::places::{Place, find, gazetteer};
use crate::range::Reach;
use crate::site::Site;
use crate::units::Radius;

pub(super) fn frame_spec(map: &RawMap, at: &Locator) -> Result<Option<FrameSpec>> {
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
pub(super) fn define_system(
    raw: &RawSystem,
    known: Option<&System>,
    at: &Locator,
    span: Range<usize>,
) -> Result<System> {
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

pub(super) fn parse_site(raw: &Spanned<RawSite>, at: &Locator) -> Result<Site> {
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
pub(super) fn system_label(system: &System) -> String {
    let range = match system.range_km {
        RangeKm::Single(km) => format!("{} km", format_km(km)),
        RangeKm::LowHigh([low, high]) => format!("{}–{} km", format_km(low), format_km(high)),
    };
    format!("{}: {range}", system.name)
}

/// A system's figures for the sources line: `9M729: 480 km (claim), Russian MoD, 2019-01-23; ...`.
pub(super) fn system_sources(system: &System) -> String {
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

pub(super) fn band_overlays(
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

pub(super) fn choose_places(raw: &RawPlaces, at: &Locator) -> Result<Vec<Place>> {
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
