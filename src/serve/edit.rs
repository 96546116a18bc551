//! The page's controls as edits of the scenario text. The page holds a scenario (TOML) and a
//! model of the parts it edits — title, subtitle, frame preset, theme, the INF band set, and the
//! sites with their systems; `POST /api/edit` with `{"scenario": TOML, "set": {…}}` answers the
//! changed scenario and its model. Whatever the page does not edit (notes, sources, bands,
//! places, systems, areas, time rings, footprints, page size) is kept as it was, so the
//! scenario the page downloads renders the figure it shows, on the command line too.

use serde_json::{Value, json};
use toml::{Table, Value as Toml};

use super::http::Response;
use crate::error::{Error, Result};
use crate::input::MAX_SITES;

/// The first line of a scenario the page writes.
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
    let mut table = parse(text)?;
    if let Some(set) = request.get("set") {
        apply(&mut table, set)?;
    }
    let scenario =
        format!("{HEADER}{}", toml::to_string(&table).map_err(|e| Error::invalid("edit", "", e.to_string()))?);
    Ok(Response::json(200, &json!({ "scenario": scenario, "model": model(&table) })))
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
    let sites: Vec<Value> = sites(table)
        .iter()
        .filter_map(Toml::as_table)
        .map(|site| {
            json!({
                "name": text(site, "name").unwrap_or_default(),
                "at": position(site),
                "systems": strings(site.get("systems")),
            })
        })
        .collect();
    json!({
        "title": text(table, "title"),
        "subtitle": text(table, "subtitle"),
        "preset": preset.unwrap_or_else(|| "europe".to_string()),
        "theme": map.and_then(|m| text(m, "theme")).unwrap_or_else(|| "light".to_string()),
        "inf": bands(table).iter().any(is_inf_everywhere),
        "sites": sites,
    })
}

/// Applies the page's changes.
fn apply(table: &mut Table, set: &Value) -> Result<()> {
    let Some(set) = set.as_object() else {
        return Err(Error::invalid("set", &set.to_string(), "expected an object of changes"));
    };
    for (key, value) in set {
        match key.as_str() {
            "title" | "subtitle" => match value.as_str().map(str::trim).filter(|t| !t.is_empty()) {
                Some(text) => {
                    table.insert(key.clone(), Toml::String(text.to_string()));
                }
                None => {
                    table.remove(key);
                }
            },
            "preset" => {
                let preset = string(value, "preset")?;
                edit_map(table, |map| {
                    for key in ["proj", "extent", "extent_lonlat"] {
                        map.remove(key);
                    }
                    map.insert("preset".to_string(), Toml::String(preset));
                });
            }
            "theme" => {
                let theme = string(value, "theme")?;
                edit_map(table, |map| {
                    map.insert("theme".to_string(), Toml::String(theme));
                });
            }
            "inf" => {
                let on = value
                    .as_bool()
                    .ok_or_else(|| Error::invalid("inf", &value.to_string(), "expected true or false"))?;
                let mut kept: Vec<Toml> = bands(table).into_iter().filter(|b| !is_inf_everywhere(b)).collect();
                if on {
                    kept.push(Toml::Table(Table::from_iter([("set".to_string(), Toml::String("inf".to_string()))])));
                }
                put_array(table, "bands", kept);
            }
            "sites" => set_sites(table, value)?,
            other => {
                return Err(Error::invalid(
                    "set",
                    other,
                    "the page edits title, subtitle, preset, theme, inf and sites; edit the rest in the file",
                ));
            }
        }
    }
    Ok(())
}

/// Replaces the sites. A site whose name and position are unchanged keeps its entry as written
/// (its degrees-minutes-seconds, say); others are written as `at = "LAT, LON"`.
fn set_sites(table: &mut Table, value: &Value) -> Result<()> {
    let Some(list) = value.as_array() else {
        return Err(Error::invalid("sites", &value.to_string(), "expected a list of {name, at, systems}"));
    };
    if list.len() > MAX_SITES {
        return Err(Error::invalid("sites", &format!("{} sites", list.len()), format!("at most {MAX_SITES} sites")));
    }
    let old = sites(table);
    let mut new = Vec::new();
    for entry in list {
        let name = entry.get("name").and_then(Value::as_str).unwrap_or_default().to_string();
        let at = entry.get("at").and_then(Value::as_str).unwrap_or_default().to_string();
        let systems: Vec<Toml> = match entry.get("systems") {
            Some(Value::Array(ids)) => {
                ids.iter().filter_map(Value::as_str).map(|s| Toml::String(s.to_string())).collect()
            }
            _ => Vec::new(),
        };
        let unchanged = old
            .iter()
            .filter_map(Toml::as_table)
            .find(|t| t.get("name").and_then(Toml::as_str) == Some(name.as_str()) && position(t) == at);
        let mut site = match unchanged {
            Some(t) => t.clone(),
            None => Table::from_iter([("name".to_string(), Toml::String(name)), ("at".to_string(), Toml::String(at))]),
        };
        site.remove("systems");
        if !systems.is_empty() {
            site.insert("systems".to_string(), Toml::Array(systems));
        }
        new.push(Toml::Table(site));
    }
    put_array(table, "sites", new);
    Ok(())
}

/// A site's position as one text: its `at`, or its `lat` and `lon` as written.
fn position(site: &Table) -> String {
    if let Some(at) = site.get("at").and_then(Toml::as_str) {
        return at.to_string();
    }
    let part = |key: &str| match site.get(key) {
        Some(Toml::String(s)) => s.clone(),
        Some(Toml::Float(v)) => v.to_string(),
        Some(Toml::Integer(v)) => v.to_string(),
        _ => String::new(),
    };
    format!("{}, {}", part("lat"), part("lon"))
}

/// Whether a band entry is the INF set around every site (what the page's toggle writes).
fn is_inf_everywhere(band: &Toml) -> bool {
    band.get("set").and_then(Toml::as_str) == Some("inf") && band.get("sites").is_none()
}

fn sites(table: &Table) -> Vec<Toml> {
    table.get("sites").and_then(Toml::as_array).cloned().unwrap_or_default()
}

fn bands(table: &Table) -> Vec<Toml> {
    table.get("bands").and_then(Toml::as_array).cloned().unwrap_or_default()
}

fn put_array(table: &mut Table, key: &str, values: Vec<Toml>) {
    if values.is_empty() {
        table.remove(key);
    } else {
        table.insert(key.to_string(), Toml::Array(values));
    }
}

/// Runs `change` on the `[map]` table, made if the scenario has none.
fn edit_map(table: &mut Table, change: impl FnOnce(&mut Table)) {
    if let Some(Toml::Table(map)) = table.get_mut("map") {
        change(map);
        return;
    }
    let mut map = Table::new();
    change(&mut map);
    table.insert("map".to_string(), Toml::Table(map));
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
