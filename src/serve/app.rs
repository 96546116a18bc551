//! The routes of `reachmap serve`: the page, and an API over the same scenario model as the
//! command line, so that every answer equals what `reachmap render` or `reachmap reach` gives
//! for the same scenario.

use geo::Coord;
use serde_json::{Value, json};

use super::edit;
use super::http::{Request, Response};
use crate::catalog::{Catalog, RangeKm};
use crate::coverage::{Listing, PlaceIndex, report};
use crate::error::{Error, Result};
use crate::export::figure::{self, FigureFormat};
use crate::export::kml::{KmlFormat, KmlRanges};
use crate::export::report::{ReportFormat, places_report};
use crate::map::{MapSpec, Overrides, body_top, compose, scenario_map_spec, scenario_sweep};
use crate::population::PopulationGrid;
use crate::render::Format;
use crate::scenario::Scenario;

/// The page: markup, script and style, embedded so that it works offline.
const INDEX_HTML: &str = include_str!("page/index.html");
const APP_JS: &str = include_str!("page/app.js");
const APP_CSS: &str = include_str!("page/app.css");

/// The scenario the page opens with when `reachmap serve` is given none.
pub const EMPTY_SCENARIO: &str = "# Made on reachmap's local page (reachmap serve).\n[map]\npreset = \"europe\"\n";

/// What the server answers with: the starting scenario and the gazetteer, indexed once; the
/// population grid given at start, read once, with the rule its totals are counted by.
pub struct App {
    start: String,
    start_name: String,
    cities: PlaceIndex,
    capitals: PlaceIndex,
    catalog: Value,
    grid: Option<(PopulationGrid, String)>,
}

impl App {
    /// An app opening on `scenario` (TOML, named `name` — a file name, no folders), which must
    /// be valid as sent (it may not name files).
    pub fn new(scenario: &str, name: &str) -> Result<App> {
        Scenario::parse_sent(scenario, name)?;
        Ok(App {
            start: scenario.to_string(),
            start_name: name.to_string(),
            cities: PlaceIndex::new(crate::places::select("cities", None)?.0),
            capitals: PlaceIndex::new(crate::places::select("capitals", None)?.0),
            catalog: catalog_json(&Catalog::builtin()?),
            grid: None,
        })
    }

    /// The same app counting people from `grid` too (`reachmap serve --population-grid`): the
    /// reach report gives each site's and range's gridded population, as `reachmap reach
    /// --population-grid` does.
    pub fn with_population_grid(mut self, grid: PopulationGrid) -> App {
        let rule = grid.rule();
        self.grid = Some((grid, rule));
        self
    }

    /// Answers a request that passed the server's checks:
    ///
    /// - `GET /`, `/app.js`, `/app.css`: the page;
    /// - `GET /api/catalog`: systems with their figures and sources, and band sets;
    /// - `GET /api/start`: the scenario the page opens with, its name and its model;
    /// - `POST /api/map?format=svg|png|pdf[&width_px=N][&name=F.toml]`: the figure, as
    ///   `reachmap render F.toml [--width-px N]` draws it;
    /// - `POST /api/reach[?limit=N][&places=capitals][&land=false][&grid=false]`: `reachmap
    ///   reach F.toml --format json [--limit N] [--places capitals] [--no-land]`, with
    ///   `--population-grid` when the app has a grid (unless `grid=false`); over the rotating
    ///   Earth with each target's standing under rotation besides (see [`super::rotating`]);
    /// - `POST /api/geojson`: the scenario's ranges and bands as GeoJSON (RFC 7946), as
    ///   `reachmap rings` writes them (10 m tolerance, 6 decimals; over the scenario's Earth);
    /// - `POST /api/kml[?format=kml|kmz][&name=F.toml]`: the ranges for Google Earth, as
    ///   `reachmap render F.toml -o F.kml` (or `.kmz`) writes them;
    /// - `POST /api/frame[?width_px=N][&x=X&y=Y]`: the page's size, where the map starts on
    ///   it, each site's and target's position on it, and the place under page point (X, Y);
    /// - `POST /api/edit`: a scenario changed by the page's controls (see `serve::edit`);
    /// - `POST /api/fit`: a frame (projection and extent) fitted to the scenario's sites and
    ///   targets;
    /// - `POST /api/html[&name=F.toml]`: the figure for the web, as `reachmap render F.toml
    ///   -o F.html` writes it;
    /// - `GET /api/search?q=NAME`: the place a name means, by the command line's rules.
    ///
    /// Scenario bodies are TOML; a bad one answers 400 with the command line's message. Pages
    /// are at most [`MAX_SERVED_SIDE_PX`] pixels a side.
    pub fn handle(&self, request: &Request) -> Response {
        let method = request.method.as_str();
        let route = |allow: &'static str| -> Option<Response> {
            if method == allow { None } else { Some(Response::method_not_allowed(allow)) }
        };
        let path = request.path.as_str();
        let get = matches!(
            path,
            "/" | "/index.html" | "/app.js" | "/app.css" | "/api/catalog" | "/api/start" | "/api/search"
        );
        let post = matches!(
            path,
            "/api/map"
                | "/api/reach"
                | "/api/geojson"
                | "/api/kml"
                | "/api/frame"
                | "/api/edit"
                | "/api/fit"
                | "/api/html"
        );
        if let Some(refusal) = if get {
            route("GET")
        } else if post {
            route("POST")
        } else {
            None
        } {
            return refusal;
        }
        let answered = match path {
            "/" | "/index.html" => Ok(Response::ok("text/html; charset=utf-8", INDEX_HTML.into())),
            "/app.js" => Ok(Response::ok("text/javascript; charset=utf-8", APP_JS.into())),
            "/app.css" => Ok(Response::ok("text/css; charset=utf-8", APP_CSS.into())),
            "/api/catalog" => Ok(Response::json(200, &self.catalog)),
            "/api/start" => self.start(),
            "/api/map" => self.map(request),
            "/api/reach" => self.reach(request),
            "/api/geojson" => geojson(request),
            "/api/kml" => kml(request),
            "/api/frame" => self.frame(request),
            "/api/edit" => edit::answer(&request.body),
            "/api/fit" => fit(request),
            "/api/html" => html(request),
            "/api/search" => search(request),
            _ => return Response::error(404, &format!("no such path: {path}")),
        };
        answered.unwrap_or_else(|e| Response::error(if e.is_usage() { 400 } else { 500 }, &e.to_string()))
    }

    fn start(&self) -> Result<Response> {
        Ok(Response::json(
            200,
            &json!({ "scenario": self.start, "name": self.start_name, "model": edit::model_of(&self.start)? }),
        ))
    }

    fn map(&self, request: &Request) -> Result<Response> {
        let (format, content_type) = match request.param("format").unwrap_or("svg") {
            "svg" => (Format::Svg, "image/svg+xml"),
            "png" => (Format::Png, "image/png"),
            "pdf" => (Format::Pdf, "application/pdf"),
            other => return Err(Error::invalid("format", other, "expected svg, png or pdf")),
        };
        let spec = served_spec(request)?;
        let mut bytes = figure::outputs(&spec, &[FigureFormat::Map(format)], || compose(&spec))?;
        Ok(Response::ok(content_type, bytes.pop().unwrap_or_default()))
    }

    fn reach(&self, request: &Request) -> Result<Response> {
        let limit = match request.param("limit") {
            Some(text) => Some(
                text.parse::<usize>()
                    .map_err(|_| Error::invalid("limit", text, "expected a whole number of places, 0 or more"))?,
            ),
            None => None,
        };
        let index = match request.param("places").unwrap_or("cities") {
            "cities" => &self.cities,
            "capitals" => &self.capitals,
            other => return Err(Error::invalid("places", other, "expected cities or capitals")),
        };
        let yes = |key: &str| match request.param(key).unwrap_or("true") {
            "true" => Ok(true),
            "false" => Ok(false),
            other => Err(Error::invalid(key, other, "expected true or false")),
        };
        let land = yes("land")?;
        let grid = if yes("grid")? { self.grid.as_ref() } else { None };
        let mut scenario = scenario(request)?;
        let mut results = report(index, &scenario.origins(), &scenario.overlays, Listing::Places, land)?;
        crate::coverage::measure_targets(&mut results, &scenario.targets);
        if let Some((grid, _)) = grid {
            crate::population::count_into(grid, &mut results)?;
        }
        let counted = crate::places::counted(request.param("places").unwrap_or("cities"), None);
        let rule = grid.map(|(_, rule)| rule.as_str());
        let counted = crate::export::report::Counted { gazetteer: true, people: &counted, grid: rule };
        if scenario.earth == crate::rotation::Earth::NonRotating {
            let text = places_report(ReportFormat::Json, &results, index.places(), limit, counted, false)?;
            return Ok(Response::ok("application/json", text.into_bytes()));
        }
        // Over the rotating Earth: `reach`'s JSON, with each target's standing under rotation.
        let mut answer = crate::export::report::json(&results, index.places(), limit, counted);
        super::rotating::add(&mut answer, &results, &mut scenario.overlays, scenario.earth);
        let mut body = serde_json::to_vec_pretty(&answer)?;
        body.push(b'\n');
        Ok(Response::ok("application/json", body))
    }

    fn frame(&self, request: &Request) -> Result<Response> {
        let spec = served_spec(request)?;
        let top = body_top(&spec);
        let frame = &spec.frame;
        // Sites' and targets' markers where the page draws them (null off the projection).
        let marker = |name: &str, lon: f64, lat: f64| {
            let on_page = frame.lonlat_to_page(Coord { x: lon, y: lat });
            json!({
                "name": name,
                "lat": lat,
                "lon": lon,
                "x": on_page.map(|c| c.x),
                "y": on_page.map(|c| c.y + top),
            })
        };
        let sites: Vec<Value> = spec.sites.iter().map(|s| marker(s.name(), s.lon_deg(), s.lat_deg())).collect();
        let targets: Vec<Value> = spec.targets.iter().map(|t| marker(&t.name, t.lon, t.lat)).collect();
        let point = match (request.param("x"), request.param("y")) {
            (Some(x), Some(y)) => {
                let number = |text: &str, key: &str| {
                    text.parse::<f64>()
                        .ok()
                        .filter(|v| v.is_finite())
                        .ok_or_else(|| Error::invalid(key, text, "expected a number of pixels"))
                };
                let page = Coord { x: number(x, "x")?, y: number(y, "y")? - top };
                let inside = (0.0..=f64::from(frame.width_px)).contains(&page.x)
                    && (0.0..=f64::from(frame.height_px)).contains(&page.y);
                let near = request.param("near") == Some("true");
                inside.then(|| frame.page_to_lonlat(page)).flatten().map(|c| {
                    let mut point = json!({ "lat": c.y, "lon": c.x });
                    if near {
                        point["near"] = json!(nearest_place(c).map(|p| p.name.as_str()));
                    }
                    point
                })
            }
            _ => None,
        };
        let extent = [frame.extent.min().x, frame.extent.min().y, frame.extent.max().x, frame.extent.max().y];
        Ok(Response::json(
            200,
            &json!({
                "width_px": frame.width_px,
                "map": { "top": top, "width": frame.width_px, "height": frame.height_px },
                "proj": frame.projection.definition(),
                "extent": extent,
                "sites": sites,
                "targets": targets,
                "point": point,
            }),
        ))
    }
}

/// The scenario's ranges and bands around its sites and areas, as `reachmap rings` writes them:
/// over the Earth its `[map] earth` names (ballistic systems' regions over the rotating Earth, as
/// `rings --earth rotating` writes them).
fn geojson(request: &Request) -> Result<Response> {
    let scenario = scenario(request)?;
    let tolerance = crate::units::Tolerance::DEFAULT;
    let features = crate::rotation::features(&scenario.origins(), &scenario.overlays, tolerance, scenario.earth)?;
    let collection = crate::export::geojson::feature_collection(&features, 6);
    let mut body = serde_json::to_vec(&collection)?;
    body.push(b'\n');
    Ok(Response::ok("application/geo+json", body))
}

/// The scenario's ranges, sites and launch areas for Google Earth, as `reachmap render -o
/// F.kml` (or `.kmz`) writes them: the same bytes.
fn kml(request: &Request) -> Result<Response> {
    let (format, content_type) = match request.param("format").unwrap_or("kml") {
        "kml" => (KmlFormat::Kml, "application/vnd.google-earth.kml+xml"),
        "kmz" => (KmlFormat::Kmz, "application/vnd.google-earth.kmz"),
        other => return Err(Error::invalid("format", other, "expected kml or kmz")),
    };
    let spec = map_spec(scenario(request)?, Overrides::default())?;
    let bytes = KmlRanges::of_map(&spec).bytes(format, crate::units::Tolerance::DEFAULT, 6)?;
    Ok(Response::ok(content_type, bytes))
}

/// The request's scenario: its body, named by `?name=` (a file name) or `scenario.toml`.
fn scenario(request: &Request) -> Result<Scenario> {
    let text = std::str::from_utf8(&request.body)
        .map_err(|e| Error::invalid("scenario", &format!("byte {}", e.valid_up_to()), "the body must be UTF-8 TOML"))?;
    Scenario::parse_sent(text, &file_name(request.param("name"))?)
}

/// A scenario's map as `reachmap render` makes it: its `[sweep]`, if any, run here and drawn.
fn map_spec(mut scenario: Scenario, overrides: Overrides) -> Result<MapSpec> {
    let swept = scenario_sweep(&mut scenario)?;
    scenario_map_spec(scenario, swept, overrides)
}

/// A scenario's name as a figure records it: a plain file name.
fn file_name(name: Option<&str>) -> Result<String> {
    let Some(name) = name else { return Ok("scenario.toml".to_string()) };
    let plain = !name.is_empty()
        && name.len() <= 120
        && !name.contains(['/', '\\'])
        && !name.starts_with('.')
        && !name.chars().any(char::is_control);
    if plain {
        Ok(name.to_string())
    } else {
        Err(Error::invalid("name", name, "expected a plain file name, e.g. scenario.toml"))
    }
}

/// The page width a request asks for, as `--width-px` would give it, within
/// [`MAX_SERVED_SIDE_PX`].
fn overrides(request: &Request) -> Result<Overrides> {
    let width_px = match request.param("width_px") {
        Some(text) => {
            let px =
                text.parse::<f64>().map_err(|_| Error::invalid("width_px", text, "expected a number of pixels"))?;
            if px > f64::from(MAX_SERVED_SIDE_PX) {
                return Err(Error::invalid(
                    "width_px",
                    text,
                    format!(
                        "the local server draws at most {MAX_SERVED_SIDE_PX} pixels a side; `reachmap render` draws larger"
                    ),
                ));
            }
            Some((px, "width_px".to_string()))
        }
        None => None,
    };
    Ok(Overrides { width_px, ..Overrides::default() })
}

/// Largest page side the server draws, pixels: a page at most 6,000 × 6,000 (a 500 mm figure
/// at 300 dpi) renders as PNG in a few seconds; the command line's own cap (20,000) would let
/// any request hold a worker and a gigabyte for a minute.
pub const MAX_SERVED_SIDE_PX: u32 = 6_000;

/// The request's map, its page within [`MAX_SERVED_SIDE_PX`] (a scenario's own `width_px`,
/// `width_mm` and `dpi` included).
fn served_spec(request: &Request) -> Result<MapSpec> {
    let spec = map_spec(scenario(request)?, overrides(request)?)?;
    let (width, height) = (spec.frame.width_px, spec.frame.height_px);
    if width.max(height) > MAX_SERVED_SIDE_PX {
        return Err(Error::invalid(
            "page size",
            &format!("{width} × {height} px"),
            format!(
                "the local server draws at most {MAX_SERVED_SIDE_PX} pixels a side; lower [map] width_px (or width_mm, dpi), or use `reachmap render`"
            ),
        ));
    }
    Ok(spec)
}

/// The gazetteer place nearest to a lon/lat point (by chord, which orders places as the
/// geodesic distance does to well under a kilometre at the distances that name a site).
fn nearest_place(point: Coord) -> Option<&'static crate::places::Place> {
    let here = crate::geodesy::unit_vector(point.y, point.x);
    crate::places::gazetteer().ok()?.iter().min_by(|a, b| {
        let d = |p: &crate::places::Place| crate::geodesy::chord(&here, &crate::geodesy::unit_vector(p.lat, p.lon));
        d(a).total_cmp(&d(b))
    })
}

/// `GET /api/search?q=NAME`: the place a site's position names, as `--site NAME` reads it
/// (coordinates, `NAME=LAT,LON`, or a gazetteer name; a refusal lists the candidates).
fn search(request: &Request) -> Result<Response> {
    let query = request.param("q").unwrap_or_default().trim();
    if query.is_empty() || query.chars().count() > 200 {
        return Err(Error::invalid("q", query, "expected a place's name or a position, at most 200 characters"));
    }
    let site = crate::places::target(query, "search")?;
    Ok(Response::json(200, &json!({ "name": site.name(), "lat": site.lat_deg(), "lon": site.lon_deg() })))
}

/// `POST /api/fit`: Lambert azimuthal equal-area fitted to the scenario's sites and targets, each
/// with 400 km of surroundings, so that one site, or sites close together, still show their
/// region.
fn fit(request: &Request) -> Result<Response> {
    let scenario = scenario(request)?;
    let shown: Vec<geo::Point> =
        scenario.sites.iter().map(|s| s.point()).chain(scenario.targets.iter().map(|t| t.point())).collect();
    let mut points = Vec::new();
    for at in &shown {
        points.push(Coord { x: at.x(), y: at.y() });
        for bearing in [0.0, 90.0, 180.0, 270.0] {
            let p = crate::geodesy::destination(*at, bearing, 400_000.0);
            points.push(Coord { x: p.x(), y: p.y() });
        }
    }
    if shown.is_empty() {
        return Err(Error::invalid(
            "fit",
            "no sites or targets",
            "add a site or a target first: the frame is fitted to them",
        ));
    }
    let (min_lon, max_lon) = (
        shown.iter().map(|p| p.x()).fold(f64::INFINITY, f64::min),
        shown.iter().map(|p| p.x()).fold(f64::NEG_INFINITY, f64::max),
    );
    let (min_lat, max_lat) = (
        shown.iter().map(|p| p.y()).fold(f64::INFINITY, f64::min),
        shown.iter().map(|p| p.y()).fold(f64::NEG_INFINITY, f64::max),
    );
    // Sites either side of 180° are centred across it, not across Greenwich.
    let centre_lon = if max_lon - min_lon > 180.0 {
        crate::geodesy::wrap_lon(0.5 * (min_lon + max_lon) + 180.0)
    } else {
        0.5 * (min_lon + max_lon)
    };
    let centre = Coord { x: (centre_lon * 1e4).round() / 1e4, y: (0.5 * (min_lat + max_lat) * 1e4).round() / 1e4 };
    let frame = crate::frame::Frame::fitted(&points, centre, 1000)?;
    let e = frame.extent;
    Ok(Response::json(
        200,
        &json!({ "proj": frame.projection.definition(), "extent": [e.min().x, e.min().y, e.max().x, e.max().y] }),
    ))
}

/// `POST /api/html`: the figure for the web, as `reachmap render F.toml -o F.html` writes it.
fn html(request: &Request) -> Result<Response> {
    let spec = served_spec(request)?;
    let mut bytes = figure::outputs(&spec, &[FigureFormat::Html], || compose(&spec))?;
    Ok(Response::ok("text/html; charset=utf-8", bytes.pop().unwrap_or_default()))
}

/// The catalog as the page lists it: each system's range, figures and sources.
fn catalog_json(catalog: &Catalog) -> Value {
    let systems: Vec<Value> = catalog
        .systems
        .iter()
        .map(|s| {
            let range = match s.range_km {
                RangeKm::Single(km) => json!({ "km": km }),
                RangeKm::LowHigh([low, high]) => json!({ "low_km": low, "high_km": high }),
            };
            let figures: Vec<Value> = s
                .figures
                .iter()
                .map(|f| {
                    json!({
                        "range": f.range_km.label(),
                        "basis": f.basis.as_str(),
                        "source": f.source,
                        "date": f.date,
                        "note": f.note,
                    })
                })
                .collect();
            json!({
                "id": s.id,
                "name": s.name,
                "country": s.country,
                "kind": s.kind,
                "label": s.label(),
                "range": range,
                "figures": figures,
                "sources": s.sources_line(),
                "flight_profile": s.flight.is_some(),
            })
        })
        .collect();
    let band_sets: Vec<Value> = catalog
        .band_sets
        .iter()
        .map(|b| {
            let bands: Vec<Value> =
                b.bands.iter().map(|x| json!({ "name": x.name, "min_km": x.min_km, "max_km": x.max_km })).collect();
            json!({ "id": b.id, "name": b.name, "source": b.source, "bands": bands })
        })
        .collect();
    json!({ "systems": systems, "band_sets": band_sets })
}
