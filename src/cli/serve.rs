//! `reachmap serve`: the local page, on 127.0.0.1 only, until Ctrl-C.

use std::path::Path;
use std::sync::Arc;

use anyhow::Result;
use reachmap::Error;
use reachmap::input::{MAX_SCENARIO_BYTES, read_text};
use reachmap::population::PopulationGrid;
use reachmap::serve::{App, DEFAULT_PORT, bind, serve};

#[derive(Debug, clap::Args)]
pub(super) struct ServeArgs {
    /// The scenario the page opens with (default: the Europe frame with no sites). It may not
    /// name files (a catalog, an area's GeoJSON): the page sends it back with every change.
    #[arg(value_name = "SCENARIO.toml")]
    scenario: Option<String>,

    /// The port on 127.0.0.1 (0: any free port).
    #[arg(long, value_name = "N", default_value_t = DEFAULT_PORT)]
    port: u16,

    /// Open the page in the desktop's browser (through $BROWSER or xdg-open).
    #[arg(long)]
    open: bool,

    /// Count people from this population grid too (a single-band GeoTIFF of people per cell in
    /// longitude/latitude, as `reach --population-grid` reads it): read once at start, the reach
    /// panel gives each site's and range's gridded population.
    #[arg(long = "population-grid", value_name = "FILE.tif")]
    population_grid: Option<String>,
}

pub(super) fn run(raw: ServeArgs) -> Result<()> {
    let (text, name) = match &raw.scenario {
        Some(path) => {
            let path = Path::new(path);
            let text = read_text(path, MAX_SCENARIO_BYTES, "a scenario file")?;
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            (text, name)
        }
        None => (reachmap::serve::EMPTY_SCENARIO.to_string(), "scenario.toml".to_string()),
    };
    // Errors in the file name it as given, with line and column.
    let origin = raw.scenario.as_deref().unwrap_or("scenario.toml");
    reachmap::scenario::Scenario::parse_sent(&text, origin)?;
    let mut app = App::new(&text, &name)?;
    if let Some(path) = &raw.population_grid {
        app = app.with_population_grid(PopulationGrid::from_file(Path::new(path), "--population-grid")?);
    }
    let listener = bind(raw.port, "--port")?;
    let address =
        listener.local_addr().map_err(|e| Error::Internal(format!("the listening socket has no address: {e}")))?;
    let url = format!("http://127.0.0.1:{}/", address.port());
    println!("reachmap serve: {url} (Ctrl-C stops it)");
    if raw.open {
        open_browser(&url);
    }
    let workers = std::thread::available_parallelism().map_or(4, |n| n.get().max(4));
    serve(listener, Arc::new(app), workers);
    Ok(())
}

/// Starts the desktop's browser on `url`, if one is configured; says so when none is.
fn open_browser(url: &str) {
    let browser = std::env::var("BROWSER").ok().filter(|b| !b.trim().is_empty()).unwrap_or_else(|| "xdg-open".into());
    let started = std::process::Command::new(&browser)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if started.is_err() {
        eprintln!("reachmap serve: could not start a browser ({browser}); open {url} yourself");
    }
}
