//! Maps composed from scenario files, as `render` would draw them, for tests that read the scene.

use std::path::{Path, PathBuf};

use reachmap::map::{MapSpec, Overrides, compose_report, scenario_map_spec};
use reachmap::scenario::Scenario;
use reachmap::scene::Scene;

/// The map of the scenario file at `path` (its sweep run, if it has one): its spec and its scene.
pub fn scenario_map(path: &Path) -> (MapSpec, Scene) {
    let mut scenario = Scenario::from_file(path).unwrap();
    let swept = scenario.take_sweep().map(|request| request.run()).transpose().unwrap();
    let spec = scenario_map_spec(scenario, swept, Overrides::default()).unwrap();
    let scene = compose_report(&spec).unwrap().0;
    (spec, scene)
}

/// Writes into `dir` a scenario that sweeps `country` for `system`, ranking its candidate sites by
/// the capitals within the system's high figure, on a page `page_px` wide; returns its path.
pub fn capitals_sweep(dir: &Path, country: &str, system: &str, page_px: u32) -> PathBuf {
    let path = dir.join(format!("{country}-{page_px}.toml"));
    std::fs::write(
        &path,
        format!(
            "[map]\nwidth_px = {page_px}\n[sweep]\ncountry = [\"{country}\"]\nsystem = \"{system}\"\nmetric = \"capitals\"\nfigure = \"high\"\n"
        ),
    )
    .unwrap();
    path
}
