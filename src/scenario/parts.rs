//! Turning the raw scenario into validated values: the frame, systems (catalog entries or the
//! file's own), sites, bands and places, each error located in the file.

use std::collections::HashSet;
use std::ops::Range;

use toml::Spanned;

use super::raw::{Coordinate, RawBand, RawMap, RawPlaces, RawSite};
use crate::catalog::Catalog;
use crate::coords::parse_lat_lon;
use crate::error::{Error, Field, Result};
use crate::frame::{FrameSpec, Preset};
use crate::input::Locator;
use crate::origin::Origin;
use crate::overlay::Overlay;
use crate::places::{Place, capitals, gazetteer, resolve_name};
use crate::range::Reach;
use crate::site::Site;
use crate::units::Radius;

/// The frame `[map]` chooses, if any: a preset, or `proj` with `extent` or `extent_lonlat`.
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
            Ok(Some(FrameSpec::Preset(Preset::parse(preset.get_ref(), key_at(preset.span(), "preset"))?)))
        }
        (None, Some(proj)) => {
            let proj_field = key_at(proj.span(), "proj");
            let four = |v: &Spanned<Vec<f64>>, key: &str, what: &str| -> Result<[f64; 4]> {
                v.get_ref().clone().try_into().map_err(|_| {
                    at.error(v.span(), &format!("[map] {key}"), &format!("{:?}", v.get_ref()), what.to_string())
                })
            };
            match (&map.extent, &map.extent_lonlat) {
                (Some(e), None) => {
                    let extent = four(e, "extent", "expected [XMIN, YMIN, XMAX, YMAX] in projected metres")?;
                    FrameSpec::projected(proj.get_ref(), &proj_field, extent, key_at(e.span(), "extent")).map(Some)
                }
                (None, Some(b)) => {
                    let bounds = four(b, "extent_lonlat", "expected [WEST, SOUTH, EAST, NORTH] in degrees")?;
                    FrameSpec::lonlat_box(proj.get_ref(), &proj_field, bounds, key_at(b.span(), "extent_lonlat"))
                        .map(Some)
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

pub(super) fn parse_site(raw: &Spanned<RawSite>, at: &Locator) -> Result<Site> {
    parse_site_in(raw, at, "[[sites]]")
}

/// A `[[targets]]` entry: placed as a site is (a name alone is looked up), with its group.
pub(super) fn parse_target(raw: &Spanned<super::raw::RawTarget>, at: &Locator) -> Result<crate::target::Target> {
    let t = raw.get_ref();
    let as_site = Spanned::new(
        raw.span(),
        RawSite { name: t.name.clone(), lat: t.lat.clone(), lon: t.lon.clone(), at: t.at.clone(), systems: Vec::new() },
    );
    let site = parse_site_in(&as_site, at, "[[targets]]")?;
    let group = t.group.as_ref().map(|g| g.trim().to_string()).filter(|g| !g.is_empty());
    Ok(crate::target::Target::at(&site, group))
}

/// A site's position given as `lat` and `lon` (numbers, or texts such as `54.71N`), checked.
fn placed(
    site: &RawSite,
    lat: &Spanned<Coordinate>,
    lon: &Spanned<Coordinate>,
    at: &Locator,
    key: &dyn Fn(&str) -> String,
) -> Result<Site> {
    let name = site.name.get_ref().trim();
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

/// The site, with a note where its name is a gazetteer place more than
/// [`crate::places::NAMED_POSITION_KM`] from its position (as `--site NAME=POSITION` gets).
fn far_from_name(site: Site, field: impl Into<Field>) -> Result<Site> {
    if let Some(note) = crate::places::far_from_named(&site, field)? {
        crate::notes::note(note);
    }
    Ok(site)
}

/// A site or target entry of table `table` (`[[sites]]`, `[[targets]]`), placed: errors name
/// the table.
fn parse_site_in(raw: &Spanned<RawSite>, at: &Locator, table: &str) -> Result<Site> {
    let site = raw.get_ref();
    let name = site.name.get_ref().trim();
    let key = |k: &str| format!("{table} {name:?} {k}");
    let name_field = format!("{table} name");
    let name_error = |reason: &str| at.error(site.name.span(), &name_field, site.name.get_ref(), reason.to_string());
    if name.is_empty() {
        return Err(name_error("a site needs a non-empty name"));
    }
    if name.chars().any(char::is_control) {
        return Err(name_error("control characters are not allowed"));
    }
    match (&site.lat, &site.lon, &site.at) {
        (Some(lat), Some(lon), None) => {
            let field = format!("{}: {}", at.at(lat.span().start), key("lat/lon"));
            far_from_name(placed(site, lat, lon, at, &key)?, &field)
        }
        (None, None, Some(position)) => {
            let field = format!("{}: {}", at.at(position.span().start), key("at"));
            let point = parse_lat_lon(position.get_ref(), &field)?;
            far_from_name(Site::new(name, point.y(), point.x())?, &field)
        }
        // A name alone: the gazetteer's place of that name.
        (None, None, None) => {
            let field = format!("{}: {table} name", at.at(site.name.span().start));
            let place = crate::places::resolve_name(name, &field).map_err(|e| match e {
                Error::Invalid { field, value, reason } => Error::Invalid {
                    field,
                    value,
                    reason: format!("{reason}; or give its position: lat and lon, or at = \"54.71N 20.51E\""),
                },
                other => other,
            })?;
            Site::new(name, place.lat, place.lon)
        }
        _ => Err(at.error(
            raw.span(),
            &key("position"),
            name,
            "give lat and lon (numbers or forms like \"54°42′36″N\"), or at = \"54.71N 20.51E\"",
        )),
    }
}

/// The indices of the sites named in a `sites = [...]` list; `key` names the list in errors.
pub(super) fn site_indices(names: &[Spanned<String>], sites: &[Site], at: &Locator, key: &str) -> Result<Vec<usize>> {
    let mut which = Vec::new();
    for name in names {
        let Some(i) = sites.iter().position(|s| s.name() == name.get_ref().trim()) else {
            let known: Vec<&str> = sites.iter().map(Site::name).collect();
            return Err(at.error(
                name.span(),
                key,
                name.get_ref(),
                format!("no site has this name; sites: {}", known.join(", ")),
            ));
        };
        which.push(i);
    }
    Ok(which)
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
    let which: Vec<Origin> = match &raw.sites {
        None => sites.iter().cloned().map(Origin::Site).collect(),
        Some(names) => site_indices(names, sites, at, "[[bands]] sites")?
            .into_iter()
            .map(|k| Origin::Site(sites[k].clone()))
            .collect(),
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
                let label = format!("{} {}: {}", found.id.to_uppercase(), b.name, reach.label());
                overlays.push(Overlay {
                    label,
                    reach,
                    origins: which.clone(),
                    system: None,
                    estimate_rows: None,
                    flight: None,
                });
            }
            sources.push(format!("{}: {}", found.name, found.source));
            Ok(())
        }
        (None, Some(max)) => {
            let max_field = format!("{}: [[bands]] max_km", at.at(max.span().start));
            crate::notes::decimal_km(at.text_at(max.span()), &max_field);
            let outer = Radius::from_km(*max.get_ref(), &max_field)?;
            let reach = match &raw.min_km {
                Some(min) => {
                    let min_field = format!("{}: [[bands]] min_km", at.at(min.span().start));
                    crate::notes::decimal_km(at.text_at(min.span()), &min_field);
                    Reach::band(Radius::from_km(*min.get_ref(), &min_field)?, outer, &min_field)?
                }
                None => Reach::Within(outer),
            };
            let label = match &raw.name {
                Some(name) => format!("{name}: {}", reach.label()),
                None => reach.label(),
            };
            overlays.push(Overlay { label, reach, origins: which, system: None, estimate_rows: None, flight: None });
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

pub(super) fn choose_places(raw: &RawPlaces, at: &Locator) -> Result<Vec<Place>> {
    let mut chosen: Vec<Place> = Vec::new();
    // Named places first: the file asked for them by name, resolved as a site's name is: a name
    // several places share is taken only where one clearly dominates (and said), a strategic
    // place (a base, an island) by its name.
    for name in &raw.names {
        let field = format!("{}: [places] names", at.at(name.span().start));
        chosen.push(resolve_name(name.get_ref(), field)?.clone());
    }
    if raw.capitals.unwrap_or(true) {
        chosen.extend(capitals()?);
    }
    if raw.dependencies.unwrap_or(false) {
        chosen.extend(crate::places::dependency_seats()?);
    }
    if let Some(min) = &raw.min_population {
        let value = *min.get_ref();
        if !value.is_finite() || value < 100_000.0 {
            return Err(Error::out_of_range(
                format!("{}: [places] min_population", at.at(min.span().start)),
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
