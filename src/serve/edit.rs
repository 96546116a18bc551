//! The page's controls as edits of the scenario text. The page holds a scenario (TOML) and a
//! model of the parts it edits — title, subtitle, frame (preset, or projection and extent),
//! theme, the Earth ballistic ranges are laid out over, the INF band set, the sites with their
//! systems, and the targets; `POST /api/edit` with
//! `{"scenario": TOML, "set": {…}}` answers the changed scenario and its model.
//!
//! The document is edited in place with `toml_edit` (as `cargo add` edits a manifest): the
//! user's comments, key order and layout survive every edit, and whatever the page does not
//! edit (notes, sources, bands, places, systems, areas, time rings, footprints, page size) is
//! kept as written, so the scenario the page downloads renders the figure it shows, on the
//! command line too.

use serde_json::{Value, json};
use toml::{Table, Value as Toml};
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table as EditTable};

use super::http::Response;
use crate::error::{Error, Field, Result};
use crate::input::MAX_SITES;
use crate::target::MAX_TARGETS;

/// The first lines of a scenario the page writes (once: an edited scenario keeps them).
const HEADER: &str = "# Scenario from reachmap's local page (reachmap serve); draw it with\n\
                      #   reachmap render THIS_FILE.toml -o map.png -o map.pdf\n";

/// Answers `POST /api/edit`.
pub(super) fn answer(body: &[u8]) -> Result<Response> {
    let request: Value = serde_json::from_slice(body).map_err(|e| {
        Error::invalid("edit", &e.to_string(), "expected JSON {\"scenario\": TOML text, \"set\": {...}}")
    })?;
    let Some(text) = request.get("scenario").and_then(Value::as_str) else {
        return Err(Error::invalid("edit", "", "expected a \"scenario\" string (TOML)"));
    };
    parse(text)?;
    let mut document: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
        Error::invalid("scenario", "", format!("not valid TOML: {}", e.message()))
    })?;
    if let Some(set) = request.get("set") {
        apply(&mut document, set)?;
    }
    let mut scenario = document.to_string();
    if !scenario.contains(HEADER) {
        scenario.insert_str(0, HEADER);
    }
    let model = model_of(&scenario)?;
    Ok(Response::json(200, &json!({ "scenario": scenario, "model": model })))
}

/// The model of a scenario's text.
pub(super) fn model_of(text: &str) -> Result<Value> {
    Ok(model(&parse(text)?))
}

fn parse(text: &str) -> Result<Table> {
    text.parse::<Table>().map_err(|e| Error::invalid("scenario", "", format!("not valid TOML: {}", e.message())))
}

/// What the page shows of a scenario.
fn model(table: &Table) -> Value {
    let text = |t: &Table, key: &str| t.get(key).and_then(Toml::as_str).map(str::to_string);
    let map = table.get("map").and_then(Toml::as_table);
    let preset = map.and_then(|m| if m.contains_key("proj") { Some("custom".to_string()) } else { text(m, "preset") });
    let sites: Vec<Value> = table
        .get("sites")
        .and_then(Toml::as_array)
        .map(|a| a.iter().filter_map(Toml::as_table).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .map(|site| {
            json!({
                "name": text(site, "name").unwrap_or_default(),
                "at": position(site.get("at"), site.get("lat"), site.get("lon")),
                "systems": strings(site.get("systems")),
            })
        })
        .collect();
    let targets: Vec<Value> = table
        .get("targets")
        .and_then(Toml::as_array)
        .map(|a| a.iter().filter_map(Toml::as_table).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .map(|target| {
            json!({
                "name": text(target, "name").unwrap_or_default(),
                "at": position(target.get("at"), target.get("lat"), target.get("lon")),
                "group": text(target, "group"),
            })
        })
        .collect();
    let inf = table.get("bands").and_then(Toml::as_array).is_some_and(|bands| {
        bands.iter().filter_map(Toml::as_table).any(|b| is_inf_everywhere(b.get("set"), b.get("sites")))
    });
    json!({
        "title": text(table, "title"),
        "subtitle": text(table, "subtitle"),
        "preset": preset.unwrap_or_else(|| "europe".to_string()),
        "theme": map.and_then(|m| text(m, "theme")).unwrap_or_else(|| "light".to_string()),
        "earth": map.and_then(|m| text(m, "earth")).unwrap_or_else(|| "non-rotating".to_string()),
        "inf": inf,
        "sites": sites,
        "targets": targets,
    })
}

/// Applies the page's changes to the document.
fn apply(document: &mut DocumentMut, set: &Value) -> Result<()> {
    let Some(set) = set.as_object() else {
        return Err(Error::invalid("set", &set.to_string(), "expected an object of changes"));
    };
    let root = document.as_table_mut();
    for (key, value) in set {
        match key.as_str() {
            "title" | "subtitle" => match value.as_str().map(str::trim).filter(|t| !t.is_empty()) {
                Some(text) => put_value(root, key, text.into()),
                None => {
                    root.remove(key);
                }
            },
            "preset" => {
                let preset = string(value, "preset")?;
                crate::frame::Preset::parse(&preset, "preset")?;
                let map = map_table(root);
                for key in ["proj", "extent", "extent_lonlat"] {
                    map.remove(key);
                }
                put_value(map, "preset", preset.into());
            }
            "frame" => set_frame(root, value)?,
            "theme" => {
                let theme = string(value, "theme")?;
                crate::theme::Theme::parse(&theme, "theme")?;
                put_value(map_table(root), "theme", theme.into());
            }
            "inf" => {
                let on = value
                    .as_bool()
                    .ok_or_else(|| Error::invalid("inf", &value.to_string(), "expected true or false"))?;
                let mut kept: Vec<EditTable> =
                    entries(root, "bands").into_iter().filter(|b| !is_inf_everywhere_edit(b)).collect();
                if on {
                    let mut band = EditTable::new();
                    band.insert("set", toml_edit::value("inf"));
                    kept.push(band);
                }
                put_entries(root, "bands", kept);
            }
            "earth" => {
                let earth = string(value, "earth")?;
                crate::rotation::Earth::parse(&earth, "earth")?;
                // The default needs no line, unless the file wrote one (its comments stay).
                let written = root.get("map").and_then(Item::as_table_like).is_some_and(|m| m.contains_key("earth"));
                if earth == "rotating" || written {
                    put_value(map_table(root), "earth", earth.into());
                }
            }
            "sites" => set_sites(root, value)?,
            "targets" => set_targets(root, value)?,
            other => {
                return Err(Error::invalid(
                    "set",
                    other,
                    "the page edits title, subtitle, preset, frame, theme, earth, inf, sites and targets; edit the rest in the file",
                ));
            }
        }
    }
    Ok(())
}

/// Sets a custom frame, `{"proj": PROJ, "extent": [XMIN, YMIN, XMAX, YMAX]}` (projected
/// metres), in place of a preset or another extent: what zooming and panning the page writes.
fn set_frame(root: &mut EditTable, value: &Value) -> Result<()> {
    let expected = "expected {\"proj\": PROJ string, \"extent\": [XMIN, YMIN, XMAX, YMAX]} in projected metres";
    let proj = value
        .get("proj")
        .and_then(Value::as_str)
        .ok_or_else(|| Error::invalid("frame", &value.to_string(), expected))?;
    let numbers: Vec<f64> = value
        .get("extent")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_f64).collect())
        .unwrap_or_default();
    let extent: [f64; 4] = numbers.try_into().map_err(|_| Error::invalid("frame", &value.to_string(), expected))?;
    // Whole metres: finer than any page shows, and short to read in the file.
    let extent = extent.map(f64::round);
    crate::frame::FrameSpec::projected(proj, "frame proj", extent, "frame extent")?;
    let map = map_table(root);
    // The preset's comments go with the projection that takes its place.
    let decor = map.key("preset").map(|k| k.leaf_decor().clone());
    let value_decor = map.get("preset").and_then(Item::as_value).map(|v| v.decor().clone());
    for key in ["preset", "extent_lonlat"] {
        map.remove(key);
    }
    let mut definition = toml_edit::Value::from(proj.trim());
    if let Some(value_decor) = value_decor {
        *definition.decor_mut() = value_decor;
    }
    put_value(map, "proj", definition);
    if let (Some(decor), Some(mut key)) = (decor, map.key_mut("proj")) {
        *key.leaf_decor_mut() = decor;
    }
    let array: toml_edit::Array = extent.iter().map(|v| toml_edit::Value::from(*v as i64)).collect();
    put_value(map, "extent", array.into());
    Ok(())
}

/// Replaces the sites. A site whose name and position are unchanged keeps its entry as written
/// (its degrees-minutes-seconds, its comments); others are written as `at = "LAT, LON"`. A
/// position that is not coordinates is read as a place's name, by the command line's rules
/// ([`crate::places::target`]), and written as the place's coordinates.
fn set_sites(root: &mut EditTable, value: &Value) -> Result<()> {
    let Some(list) = value.as_array() else {
        return Err(Error::invalid("sites", &value.to_string(), "expected a list of {name, at, systems}"));
    };
    if list.len() > MAX_SITES {
        return Err(Error::invalid("sites", &format!("{} sites", list.len()), format!("at most {MAX_SITES} sites")));
    }
    let old = entries(root, "sites");
    let mut new = Vec::new();
    for (i, entry) in list.iter().enumerate() {
        let mut site = placed(entry, &old, format!("site {} position", i + 1))?;
        let systems: Vec<&str> = match entry.get("systems") {
            Some(Value::Array(ids)) => ids.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        if systems.is_empty() {
            site.remove("systems");
        } else {
            let array: toml_edit::Array = systems.iter().copied().collect();
            put_value(&mut site, "systems", array.into());
        }
        new.push(site);
    }
    put_entries(root, "sites", new);
    Ok(())
}

/// Replaces the targets (`[[targets]]`), as [`set_sites`] the sites: an unchanged target keeps
/// its entry as written (a name alone, looked up when read, stays so); a target with no position
/// is looked up by its name. A `group` given is written; none keeps the entry's own.
fn set_targets(root: &mut EditTable, value: &Value) -> Result<()> {
    let Some(list) = value.as_array() else {
        return Err(Error::invalid("targets", &value.to_string(), "expected a list of {name, at, group}"));
    };
    if list.len() > MAX_TARGETS {
        return Err(Error::invalid(
            "targets",
            &format!("{} targets", list.len()),
            format!("at most {MAX_TARGETS} targets"),
        ));
    }
    let old = entries(root, "targets");
    let mut new = Vec::new();
    for (i, entry) in list.iter().enumerate() {
        let mut target = placed(entry, &old, format!("target {} position", i + 1))?;
        match entry.get("group") {
            // The same group as written stays as written (a literal string stays one).
            Some(Value::String(group)) if target.get("group").and_then(Item::as_str) == Some(group.trim()) => {}
            Some(Value::String(group)) if !group.trim().is_empty() => {
                put_value(&mut target, "group", group.trim().into());
            }
            Some(Value::String(_)) => {
                target.remove("group");
            }
            _ => {}
        }
        new.push(target);
    }
    put_entries(root, "targets", new);
    Ok(())
}

/// A site's or target's entry for the page's `{name, at}`: the old entry as written when its
/// name and position are unchanged, else a new one. A position that is not coordinates (or
/// none) is a place's name, by the command line's rules ([`crate::places::target`]; `field`
/// names it in the error), written as the place's coordinates; an empty name takes the place's.
fn placed(entry: &Value, old: &[EditTable], field: impl Into<Field>) -> Result<EditTable> {
    let mut name = entry.get("name").and_then(Value::as_str).unwrap_or_default().trim().to_string();
    let mut at = entry.get("at").and_then(Value::as_str).unwrap_or_default().trim().to_string();
    if let Some(t) =
        old.iter().find(|t| t.get("name").and_then(Item::as_str) == Some(name.as_str()) && edit_position(t) == at)
    {
        return Ok(t.clone());
    }
    if crate::coords::parse_lat_lon(&at, "at").is_err() {
        let query = if at.is_empty() { name.as_str() } else { at.as_str() };
        let place = crate::places::target(query, field)?;
        if name.is_empty() {
            name = place.name().to_string();
        }
        at = format!("{}, {}", place.lat_deg(), place.lon_deg());
    }
    let mut t = EditTable::new();
    t.insert("name", toml_edit::value(name));
    t.insert("at", toml_edit::value(at));
    Ok(t)
}

/// A site's position as one text: its `at`, or its `lat` and `lon` as written; empty for a
/// target given by its name alone.
fn position(at: Option<&Toml>, lat: Option<&Toml>, lon: Option<&Toml>) -> String {
    if let Some(at) = at.and_then(Toml::as_str) {
        return at.to_string();
    }
    if lat.is_none() && lon.is_none() {
        return String::new();
    }
    let part = |value: Option<&Toml>| match value {
        Some(Toml::String(s)) => s.clone(),
        Some(Toml::Float(v)) => v.to_string(),
        Some(Toml::Integer(v)) => v.to_string(),
        _ => String::new(),
    };
    format!("{}, {}", part(lat), part(lon))
}

/// [`position`] of an entry in the edited document.
fn edit_position(site: &EditTable) -> String {
    let plain = |key: &str| -> Option<Toml> {
        let value = site.get(key)?.as_value()?;
        match value {
            toml_edit::Value::String(s) => Some(Toml::String(s.value().clone())),
            toml_edit::Value::Float(v) => Some(Toml::Float(*v.value())),
            toml_edit::Value::Integer(v) => Some(Toml::Integer(*v.value())),
            _ => None,
        }
    };
    position(plain("at").as_ref(), plain("lat").as_ref(), plain("lon").as_ref())
}

/// Whether a band entry is the INF set around every site (what the page's toggle writes).
fn is_inf_everywhere(set: Option<&Toml>, sites: Option<&Toml>) -> bool {
    set.and_then(Toml::as_str) == Some("inf") && sites.is_none()
}

fn is_inf_everywhere_edit(band: &EditTable) -> bool {
    band.get("set").and_then(Item::as_str) == Some("inf") && band.get("sites").is_none()
}

/// The entries of an array of tables (`[[key]]`, or `key = [{…}, …]` inline), as tables.
fn entries(root: &EditTable, key: &str) -> Vec<EditTable> {
    match root.get(key) {
        Some(Item::ArrayOfTables(tables)) => tables.iter().cloned().collect(),
        Some(Item::Value(toml_edit::Value::Array(array))) => array
            .iter()
            .filter_map(toml_edit::Value::as_inline_table)
            .map(|inline| inline.clone().into_table())
            .collect(),
        _ => Vec::new(),
    }
}

/// Writes `tables` as `[[key]]` entries in place of the old ones (none: the key goes).
fn put_entries(root: &mut EditTable, key: &str, tables: Vec<EditTable>) {
    if tables.is_empty() {
        root.remove(key);
        return;
    }
    let mut array = ArrayOfTables::new();
    for table in tables {
        array.push(table);
    }
    match root.get_mut(key) {
        Some(item) => *item = Item::ArrayOfTables(array),
        None => {
            root.insert(key, Item::ArrayOfTables(array));
        }
    }
}

/// Sets `key` to `value`, keeping the comments and spacing around an old value (or those
/// `value` brings, where there is none).
fn put_value(table: &mut EditTable, key: &str, mut value: toml_edit::Value) {
    // Replacing the item, not the entry, keeps the key and the comments above it.
    match table.get_mut(key) {
        Some(item) => {
            if let Some(old) = item.as_value() {
                *value.decor_mut() = old.decor().clone();
            }
            *item = Item::Value(value);
        }
        None => {
            table.insert(key, Item::Value(value));
        }
    }
}

/// The `[map]` table, made if the scenario has none.
fn map_table(root: &mut EditTable) -> &mut EditTable {
    let item = root.entry("map").or_insert_with(toml_edit::table);
    let table = match std::mem::take(item) {
        Item::Table(table) => table,
        Item::Value(toml_edit::Value::InlineTable(inline)) => inline.into_table(),
        _ => EditTable::new(),
    };
    *item = Item::Table(table);
    match item {
        Item::Table(table) => table,
        _ => unreachable!("a table was put there just above"),
    }
}

fn string(value: &Value, key: &str) -> Result<String> {
    value.as_str().map(str::to_string).ok_or_else(|| Error::invalid(key, &value.to_string(), "expected a string"))
}

fn strings(value: Option<&Toml>) -> Vec<String> {
    value
        .and_then(Toml::as_array)
        .map(|a| a.iter().filter_map(Toml::as_str).map(str::to_string).collect())
        .unwrap_or_default()
}
