//! The library's modules depend on each other one way, as the pipeline runs: this test reads
//! every `crate::…` path in `src/` (outside comments) and fails on a cycle between top-level
//! modules, on a backend (`render/`, and `plot`, plotters' backend) that uses anything but the
//! scene, text measurement and the error type, and on GeographicLib or PROJ called outside the one module that owns each.
//! The map-free modules live in the `reachmap-core` crate (`crates/reachmap-core/src`), read here
//! as part of the same graph; the core's dependencies, read from `Cargo.lock`, hold no PROJ, no
//! renderer and nothing that compiles C or C++. Files import one way too: no circle of `use`s
//! runs between files (a module's `mod.rs` declaring its children is not an import). The
//! scenario is the validated model only: it uses nothing of the map, which makes its map spec.
//! Library errors name their field by its type (`Field`), not by a string the library invents.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const SRC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
const CORE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/crates/reachmap-core/src");

/// Every `.rs` file of both crates' libraries.
fn all_sources() -> Vec<PathBuf> {
    let mut files = sources(Path::new(SRC));
    files.extend(sources(Path::new(CORE)));
    files
}

/// Every `.rs` file under `dir`.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// The top-level module a file belongs to (`src/map/labels.rs` → `map`), or None for the
/// crate root and the binary (`main.rs`, `cli/`), which may use everything.
fn module_of(path: &Path) -> Option<String> {
    let relative = path.strip_prefix(SRC).or_else(|_| path.strip_prefix(CORE)).unwrap();
    let first = relative.components().next()?.as_os_str().to_str()?.to_string();
    let name = first.strip_suffix(".rs").unwrap_or(&first).to_string();
    (!["lib", "main", "cli"].contains(&name.as_str())).then_some(name)
}

/// The code of a file without comments (line comments and doc comments; string contents that
/// look like comments, such as URLs, are kept only up to `//`, which is harmless here).
fn code(text: &str) -> String {
    text.lines()
        .map(|line| match line.find("//") {
            Some(i) if !line[..i].contains('"') => &line[..i],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The names the crate root re-exports, with the module each comes from (`Reach` → `range`).
fn root_exports() -> BTreeMap<String, String> {
    let lib = std::fs::read_to_string(Path::new(CORE).join("lib.rs")).unwrap();
    let mut names = BTreeMap::new();
    for line in code(&lib).lines() {
        let Some(rest) = line.trim().strip_prefix("pub use ") else { continue };
        let Some((module, items)) = rest.split_once("::") else { continue };
        for item in items.trim_end_matches(';').trim_matches(|c| c == '{' || c == '}').split(',') {
            names.insert(item.trim().to_string(), module.to_string());
        }
    }
    names
}

/// The top-level modules each module uses, from `crate::x` paths and `use crate::{…}` groups.
fn dependencies() -> BTreeMap<String, BTreeSet<String>> {
    let exports = root_exports();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in all_sources() {
        let Some(module) = module_of(&file) else { continue };
        let text = code(&std::fs::read_to_string(&file).unwrap());
        let uses = graph.entry(module.clone()).or_default();
        for (i, _) in text.match_indices("crate::") {
            let rest = &text[i + "crate::".len()..];
            let names: Vec<&str> = match rest.strip_prefix('{') {
                Some(group) => group.split('}').next().unwrap_or("").split(',').map(str::trim).collect(),
                None => vec![rest.split(|c: char| !(c.is_alphanumeric() || c == '_')).next().unwrap_or("")],
            };
            for name in names.into_iter().filter(|n| !n.is_empty()) {
                let target = exports.get(name).cloned().unwrap_or_else(|| name.to_string());
                if target != module {
                    uses.insert(target);
                }
            }
        }
    }
    graph
}

/// A cycle through `start`, as the list of modules on it, if there is one.
fn cycle_from(graph: &BTreeMap<String, BTreeSet<String>>, start: &str) -> Option<Vec<String>> {
    let mut stack = vec![(start.to_string(), vec![start.to_string()])];
    let mut seen = BTreeSet::new();
    while let Some((node, path)) = stack.pop() {
        for next in graph.get(&node).into_iter().flatten() {
            if next == start {
                let mut cycle = path.clone();
                cycle.push(start.to_string());
                return Some(cycle);
            }
            if seen.insert(next.clone()) {
                let mut longer = path.clone();
                longer.push(next.clone());
                stack.push((next.clone(), longer));
            }
        }
    }
    None
}

#[test]
fn no_module_depends_on_itself_through_others() {
    let graph = dependencies();
    assert!(graph.len() > 15, "modules found: {:?}", graph.keys());
    let cycles: Vec<String> = graph.keys().filter_map(|m| cycle_from(&graph, m)).map(|c| c.join(" → ")).collect();
    assert!(cycles.is_empty(), "module cycles:\n{}", cycles.join("\n"));
}

#[test]
fn backends_use_only_the_scene_text_and_errors() {
    let graph = dependencies();
    let allowed: BTreeSet<String> = ["scene", "text", "error"].iter().map(|s| s.to_string()).collect();
    // The renderers draw the scene; plotters' backend (`plot`) only makes scene items.
    for module in ["render", "plot"] {
        let extra: Vec<&String> = graph[module].difference(&allowed).collect();
        assert!(extra.is_empty(), "{module} uses {extra:?}; backends work with the scene and nothing else");
    }
}

#[test]
fn geographiclib_and_proj_are_each_called_from_one_module() {
    for file in all_sources() {
        let text = code(&std::fs::read_to_string(&file).unwrap());
        let module = module_of(&file);
        if text.contains("geographiclib_rs") {
            assert_eq!(module.as_deref(), Some("geodesy"), "{} calls GeographicLib", file.display());
        }
        if text.contains("proj::") {
            assert_eq!(module.as_deref(), Some("frame"), "{} calls PROJ", file.display());
        }
    }
}

/// The checker itself finds a cycle where there is one.
#[test]
fn the_cycle_check_finds_cycles() {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    graph.entry("a".into()).or_default().insert("b".into());
    graph.entry("b".into()).or_default().insert("c".into());
    assert_eq!(cycle_from(&graph, "a"), None);
    graph.entry("c".into()).or_default().insert("a".into());
    assert_eq!(cycle_from(&graph, "a").unwrap(), ["a", "b", "c", "a"]);
}

/// The packages `package` depends on, directly or not, as `Cargo.lock` records them.
fn locked_dependencies(package: &str) -> BTreeSet<String> {
    let lock: toml::Table =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.lock")).unwrap().parse().unwrap();
    let mut deps_of: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for entry in lock["package"].as_array().unwrap() {
        let name = entry["name"].as_str().unwrap().to_string();
        let deps = entry.get("dependencies").and_then(|d| d.as_array()).into_iter().flatten();
        // An entry is "name" or "name version" when two versions are locked.
        let names = deps.map(|d| d.as_str().unwrap().split(' ').next().unwrap().to_string());
        deps_of.entry(name).or_default().extend(names);
    }
    let mut seen = BTreeSet::new();
    let mut stack = vec![package.to_string()];
    while let Some(name) = stack.pop() {
        for dep in deps_of.get(&name).into_iter().flatten() {
            if seen.insert(dep.clone()) {
                stack.push(dep.clone());
            }
        }
    }
    seen
}

#[test]
fn the_core_has_no_proj_renderer_or_c_build() {
    let deps = locked_dependencies("reachmap-core");
    assert!(deps.contains("geographiclib-rs") && deps.contains("geo"), "core dependencies read: {deps:?}");
    let forbidden =
        ["proj", "proj-sys", "resvg", "usvg", "svg2pdf", "tiny-skia", "cc", "cmake", "pkg-config", "bindgen"];
    let found: Vec<&str> = forbidden.into_iter().filter(|f| deps.contains(*f)).collect();
    assert!(found.is_empty(), "reachmap-core depends on {found:?}; it must build without C, C++ or a renderer");
    // The check reads the lock file right: the map crate does pull these in.
    assert!(locked_dependencies("reachmap").contains("proj-sys"));
}

#[test]
fn the_core_uses_nothing_of_the_map_crate() {
    let core_modules: BTreeSet<String> = sources(Path::new(CORE)).iter().filter_map(|f| module_of(f)).collect();
    let graph = dependencies();
    for module in &core_modules {
        let outside: Vec<&String> = graph[module].iter().filter(|m| !core_modules.contains(*m)).collect();
        assert!(outside.is_empty(), "core module {module} uses {outside:?} of the map crate");
    }
}

#[test]
fn the_scenario_uses_nothing_of_the_map() {
    // The map is made from the scenario (`map::scenario_map_spec`), never the other way round:
    // the model knows nothing of how it is drawn, nor runs the analyses drawn from it.
    let graph = dependencies();
    assert!(graph["map"].contains("scenario"), "the map makes its spec from the scenario: {:?}", graph["map"]);
    assert!(!graph["scenario"].contains("map"), "scenario uses the map: {:?}", graph["scenario"]);
    let files: Vec<PathBuf> =
        all_sources().into_iter().filter(|f| module_of(f).as_deref() == Some("scenario")).collect();
    assert!(files.len() > 3, "scenario files found: {files:?}");
    for file in files {
        let text = code(&std::fs::read_to_string(&file).unwrap());
        assert!(!text.contains("crate::map"), "{} uses crate::map", file.display());
        assert!(!text.contains(".run()"), "{} runs a sweep: its caller does", file.display());
    }
}

#[test]
fn each_solver_has_one_owner() {
    // Newton's method on two geodesic distances (a 2×2 determinant) and the closing of an
    // unwrapped ring live in `solve`; the unit vector of a position in `geodesy`.
    let owners = [("det.abs()", "solve.rs"), ("fn unit_vector", "geodesy.rs"), ("fn meridians_between", "solve.rs")];
    for file in all_sources() {
        let text = code(&std::fs::read_to_string(&file).unwrap());
        for (pattern, owner) in owners {
            if text.contains(pattern) {
                assert!(file.ends_with(owner), "{} has `{pattern}`, which belongs in {owner} alone", file.display());
            }
        }
    }
}

/// A file's module path within its crate (`buffer/outline.rs` → `["buffer", "outline"]`,
/// `buffer/mod.rs` → `["buffer"]`, `lib.rs` → `[]`).
fn module_path(file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(SRC).or_else(|_| file.strip_prefix(CORE)).unwrap();
    let mut parts: Vec<String> =
        relative.iter().map(|p| p.to_str().unwrap().trim_end_matches(".rs").to_string()).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib" | "main")) {
        parts.pop();
    }
    parts
}

/// Which files each file imports from (`crate::a::b::…`, `super::b::…`, in groups too), as
/// files other than `mod.rs` and `lib.rs`: those declare their children and re-export them,
/// which is the module tree, not an import.
fn file_dependencies() -> BTreeMap<String, BTreeSet<String>> {
    let files = all_sources();
    let leaf = |f: &PathBuf| !f.ends_with("mod.rs") && !f.ends_with("lib.rs") && !f.ends_with("main.rs");
    let by_path: BTreeMap<Vec<String>, String> =
        files.iter().filter(|f| leaf(f)).map(|f| (module_path(f), f.display().to_string())).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let me = module_path(file);
        let is_mod = !leaf(file);
        // `super` of a leaf file is its directory's module; of a `mod.rs`, the module above.
        let parent: Vec<String> =
            if is_mod { me[..me.len().saturating_sub(1)].to_vec() } else { me[..me.len() - 1].to_vec() };
        let text = code(&std::fs::read_to_string(file).unwrap());
        let uses = graph.entry(file.display().to_string()).or_default();
        for (keyword, base) in [("crate::", Vec::new()), ("super::", parent)] {
            for (i, _) in text.match_indices(keyword) {
                if i > 0 && text[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':') {
                    continue;
                }
                let rest = &text[i + keyword.len()..];
                let word =
                    |s: &str| s.split(|c: char| !(c.is_alphanumeric() || c == '_')).next().unwrap_or("").to_string();
                let paths: Vec<Vec<String>> = match rest.strip_prefix('{') {
                    Some(group) => {
                        group.split('}').next().unwrap_or("").split(',').map(|p| vec![word(p.trim())]).collect()
                    }
                    None => {
                        let path: String =
                            rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':').collect();
                        vec![path.split("::").filter(|s| !s.is_empty()).map(str::to_string).collect()]
                    }
                };
                for path in paths {
                    // The longest prefix of the path that is a leaf file.
                    let full: Vec<String> = base.iter().cloned().chain(path).collect();
                    let target = (1..=full.len()).rev().find_map(|n| by_path.get(&full[..n]));
                    if let Some(target) = target.filter(|t| **t != file.display().to_string()) {
                        uses.insert(target.clone());
                    }
                }
            }
        }
    }
    graph
}

#[test]
fn no_file_imports_itself_through_others() {
    let graph = file_dependencies();
    assert!(graph.values().map(BTreeSet::len).sum::<usize>() > 50, "file imports found: {graph:?}");
    let cycles: Vec<String> = graph.keys().filter_map(|f| cycle_from(&graph, f)).map(|c| c.join(" → ")).collect();
    assert!(cycles.is_empty(), "file import circles:\n{}", cycles.join("\n"));
}

#[test]
fn library_errors_name_their_field_by_its_type() {
    // A check the library makes on its own account names the input by a `Field` variant (the
    // command line and scenarios rename it to a flag or a file's line and column); the callers
    // that translate — the command line and the page's request — name inputs as their users gave
    // them, and those files are left out here.
    let callers = [Path::new(SRC).join("cli"), Path::new(SRC).join("serve")];
    for file in all_sources() {
        if callers.iter().any(|c| file.starts_with(c)) {
            continue;
        }
        let text = code(&std::fs::read_to_string(&file).unwrap());
        let library = text.split("#[cfg(test)]").next().unwrap();
        let joined: String = library.split_whitespace().collect::<Vec<_>>().join(" ");
        for call in ["Error::invalid(\"", "Error::out_of_range(\"", "Error::invalid( \"", "Error::out_of_range( \""] {
            assert!(!joined.contains(call), "{} names an error's field by a string: `{call}…`", file.display());
        }
    }
}
