//! `reachmap serve` as a server: every endpoint, answers byte-identical to the command line,
//! the error codes, the `Host` check against DNS rebinding, caps, a failing handler that leaves
//! the server serving, and many clients at once.

use crate::common;

use std::path::Path;
use std::sync::{Arc, OnceLock};

use common::cli::{reachmap, stderr, stdout};
use common::http::{Answer, exchange, get, post, request, start, start_app};
use reachmap::serve::{App, EMPTY_SCENARIO, Handler, Request, Response};

fn example(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples").join(name)).unwrap()
}

/// One server for the tests that only read, opening on the empty scenario.
fn server() -> std::net::SocketAddr {
    static ADDRESS: OnceLock<std::net::SocketAddr> = OnceLock::new();
    *ADDRESS.get_or_init(|| start_app(EMPTY_SCENARIO, "scenario.toml"))
}

fn assert_error(answer: &Answer, status: u16, needle: &str) {
    assert_eq!(answer.status, status, "{}", String::from_utf8_lossy(&answer.body));
    assert_eq!(answer.header("content-type"), Some("application/json"));
    let message = answer.json()["error"].as_str().expect("an error message").to_string();
    assert!(message.contains(needle), "{needle:?} not in {message:?}");
}

#[test]
fn the_page_and_its_parts() {
    let address = server();
    let page = get(address, "/");
    assert_eq!(page.status, 200);
    assert_eq!(page.header("content-type"), Some("text/html; charset=utf-8"));
    assert!(page.text().contains("<script src=\"/app.js\""));
    for (path, kind) in [("/app.js", "text/javascript; charset=utf-8"), ("/app.css", "text/css; charset=utf-8")] {
        let answer = get(address, path);
        assert_eq!((answer.status, answer.header("content-type")), (200, Some(kind)), "{path}");
        assert!(!answer.body.is_empty());
    }
    // No CORS: another origin's page may send, but cannot read.
    assert!(page.header("access-control-allow-origin").is_none());
    assert_eq!(page.header("x-content-type-options"), Some("nosniff"));
}

#[test]
fn catalog_lists_every_system_with_its_sources() {
    let catalog = get(server(), "/api/catalog").json();
    let systems = catalog["systems"].as_array().unwrap();
    let builtin = reachmap::catalog::Catalog::builtin().unwrap();
    assert_eq!(systems.len(), builtin.systems.len());
    for (json, system) in systems.iter().zip(&builtin.systems) {
        assert_eq!(json["id"], system.id.as_str());
        assert_eq!(json["sources"], system.sources_line().as_str());
        assert_eq!(json["label"], system.label().as_str());
    }
    let m729 = systems.iter().find(|s| s["id"] == "9m729").unwrap();
    assert_eq!((m729["range"]["low_km"].as_f64(), m729["range"]["high_km"].as_f64()), (Some(480.0), Some(2350.0)));
    assert_eq!(catalog["band_sets"][0]["id"], "inf");
}

#[test]
fn start_gives_the_scenario_and_its_model() {
    let text = example("inf-europe.toml");
    let address = start_app(&text, "inf-europe.toml");
    let start = get(address, "/api/start").json();
    assert_eq!(start["scenario"], text.as_str());
    assert_eq!(start["name"], "inf-europe.toml");
    let model = &start["model"];
    assert_eq!(model["preset"], "europe");
    assert_eq!(model["sites"][0]["name"], "Kaliningrad");
    assert_eq!(model["sites"][0]["at"], "54°42′36″N, 20°30′36″E");
    assert_eq!(model["sites"][0]["systems"], serde_json::json!(["9m729", "iskander-m"]));
    assert_eq!(model["sites"][1]["at"], "54.48, 17.1");
    assert_eq!(model["inf"], false);
}

/// The figure equals `reachmap render` of the same scenario at the same size, in every format.
#[test]
fn map_is_byte_identical_to_render() {
    let dir = tempfile::tempdir().unwrap();
    let body = example("inf-europe.toml");
    std::fs::write(dir.path().join("inf-europe.toml"), &body).unwrap();
    let outputs: Vec<String> =
        ["svg", "png", "pdf"].iter().map(|f| dir.path().join(format!("out.{f}")).display().to_string()).collect();
    let scenario = dir.path().join("inf-europe.toml").display().to_string();
    let mut args = vec!["render", scenario.as_str(), "--width-px", "1400"];
    for o in &outputs {
        args.extend(["-o", o.as_str()]);
    }
    stdout(&reachmap(&args));
    for (format, kind) in [("svg", "image/svg+xml"), ("png", "image/png"), ("pdf", "application/pdf")] {
        let answer =
            post(server(), &format!("/api/map?format={format}&width_px=1400&name=inf-europe.toml"), body.as_bytes());
        assert_eq!(answer.status, 200, "{format}: {}", String::from_utf8_lossy(&answer.body));
        assert_eq!(answer.header("content-type"), Some(kind));
        let cli = std::fs::read(dir.path().join(format!("out.{format}"))).unwrap();
        assert!(
            answer.body == cli,
            "{format}: the server's figure differs from render's ({} vs {} bytes)",
            answer.body.len(),
            cli.len()
        );
    }
}

/// The KML and KMZ equal `reachmap render -o F.kml` / `-o F.kmz` of the same scenario.
#[test]
fn kml_is_byte_identical_to_render() {
    let dir = tempfile::tempdir().unwrap();
    let body = example("inf-europe.toml");
    let scenario = dir.path().join("inf-europe.toml");
    std::fs::write(&scenario, &body).unwrap();
    let (kml, kmz) = (dir.path().join("out.kml"), dir.path().join("out.kmz"));
    let paths = [scenario.to_str().unwrap(), kml.to_str().unwrap(), kmz.to_str().unwrap()];
    stdout(&reachmap(&["render", paths[0], "-o", paths[1], "-o", paths[2]]));
    for (format, kind, file) in
        [("kml", "application/vnd.google-earth.kml+xml", &kml), ("kmz", "application/vnd.google-earth.kmz", &kmz)]
    {
        let answer = post(server(), &format!("/api/kml?format={format}&name=inf-europe.toml"), body.as_bytes());
        assert_eq!(answer.status, 200, "{format}: {}", String::from_utf8_lossy(&answer.body));
        assert_eq!(answer.header("content-type"), Some(kind));
        assert!(answer.body == std::fs::read(file).unwrap(), "{format}: differs from render's");
    }
    assert_error(&post(server(), "/api/kml?format=kmx", b""), 400, "format: ");
}

/// The reach report equals `reachmap reach --format json`, land areas included.
#[test]
fn reach_is_the_command_lines_json() {
    let dir = tempfile::tempdir().unwrap();
    let body = example("inf-europe.toml");
    let path = dir.path().join("inf-europe.toml");
    std::fs::write(&path, &body).unwrap();
    let path = path.display().to_string();
    let cases: [(&str, Vec<&str>); 3] = [
        ("/api/reach?limit=20", vec!["--limit", "20"]),
        ("/api/reach", vec![]),
        ("/api/reach?places=capitals&land=false&limit=5", vec!["--places", "capitals", "--no-land", "--limit", "5"]),
    ];
    for (target, flags) in cases {
        let mut args = vec!["reach", path.as_str(), "--format", "json"];
        args.extend(flags);
        let cli = stdout(&reachmap(&args));
        let answer = post(server(), target, body.as_bytes());
        assert_eq!(answer.status, 200);
        assert_eq!(answer.header("content-type"), Some("application/json"));
        assert!(answer.text() == cli, "{target}: differs from `reachmap {}`", args.join(" "));
    }
}

#[test]
fn geojson_holds_every_range_around_every_site() {
    let answer = post(server(), "/api/geojson", example("inf-europe.toml").as_bytes());
    assert_eq!(answer.status, 200);
    assert_eq!(answer.header("content-type"), Some("application/geo+json"));
    let collection = answer.json();
    let features = collection["features"].as_array().unwrap();
    // Kaliningrad: the 9M729's estimate as two zones (under every figure, and if the high one
    // holds), the Iskander-M and the file's band; three US sites one system each.
    assert_eq!(features.len(), 2 + 1 + 1 + 3);
    let zones: Vec<&str> = features.iter().filter_map(|f| f["properties"]["zone"].as_str()).collect();
    assert_eq!(zones, ["within_low", "low_to_high"]);
    let geojson: geojson::GeoJson = answer.text().parse().expect("valid GeoJSON");
    let geojson::GeoJson::FeatureCollection(fc) = geojson else { panic!("not a FeatureCollection") };
    for feature in fc.features {
        let geometry: geo::Geometry = feature.geometry.unwrap().try_into().unwrap();
        let region = match geometry {
            geo::Geometry::MultiPolygon(region) => region,
            geo::Geometry::Polygon(polygon) => geo::MultiPolygon::new(vec![polygon]),
            other => panic!("not a polygon: {other:?}"),
        };
        common::assert_rfc7946(&region, "served ranges");
    }
}

/// Page pixels and lon/lat: each site's page position maps back to the site.
#[test]
fn frame_places_sites_and_locates_points() {
    let body = example("inf-europe.toml");
    let frame = post(server(), "/api/frame?width_px=1400", body.as_bytes()).json();
    assert_eq!(frame["width_px"], 1400);
    let top = frame["map"]["top"].as_f64().unwrap();
    assert!(top > 0.0, "the title is above the map");
    for site in frame["sites"].as_array().unwrap() {
        let (x, y) = (site["x"].as_f64().unwrap(), site["y"].as_f64().unwrap());
        let back = post(server(), &format!("/api/frame?width_px=1400&x={x}&y={y}"), body.as_bytes()).json();
        let point = &back["point"];
        let d = reachmap::geodesy::distance_m(
            geo::Point::new(site["lon"].as_f64().unwrap(), site["lat"].as_f64().unwrap()),
            geo::Point::new(point["lon"].as_f64().unwrap(), point["lat"].as_f64().unwrap()),
        );
        assert!(d < 1.0, "{}: {d} m from where it was placed", site["name"]);
    }
    let outside = post(server(), "/api/frame?width_px=1400&x=-5&y=10", body.as_bytes()).json();
    assert!(outside["point"].is_null());
    assert_error(&post(server(), "/api/frame?x=abc&y=1", body.as_bytes()), 400, "x: ");
}

/// The page's edits: sites replaced, unchanged ones kept as written, the INF toggle, the rest
/// of the file untouched — and the result a valid scenario.
#[test]
fn edit_changes_what_the_page_edits_and_keeps_the_rest() {
    let text = example("inf-europe.toml");
    let set = serde_json::json!({
        "scenario": text,
        "set": {
            "title": "Moved",
            "inf": true,
            "theme": "dark",
            "sites": [
                {"name": "Kaliningrad", "at": "54°42′36″N, 20°30′36″E", "systems": ["9m729"]},
                {"name": "Redzikowo (PL)", "at": "54.5000, 18.0000", "systems": ["dark-eagle"]},
                {"name": "Site 3", "at": "50.0, 30.0", "systems": []}
            ]
        }
    });
    let answer = post(server(), "/api/edit", set.to_string().as_bytes());
    assert_eq!(answer.status, 200, "{}", answer.text());
    let edited = answer.json();
    let scenario = edited["scenario"].as_str().unwrap();
    let parsed = reachmap::scenario::Scenario::parse_sent(scenario, "edited.toml").expect("a valid scenario");
    assert_eq!(parsed.title.as_deref(), Some("Moved"));
    assert_eq!(parsed.sites.len(), 3);
    assert!((parsed.sites[1].lon_deg() - 18.0).abs() < 1e-12);
    assert!(scenario.contains("lat = \"54°42′36″N\""), "an unchanged site keeps its form:\n{scenario}");
    assert!(scenario.contains("min_km = 500"), "the file's own band is kept:\n{scenario}");
    assert!(scenario.contains("set = \"inf\""));
    assert!(scenario.contains("US sites are illustrative"), "notes are kept");
    assert_eq!(edited["model"]["theme"], "dark");
    assert_eq!(edited["model"]["inf"], true);
    // The INF set around all three sites: 2 bands each, beside the systems and the file's band.
    let labels: Vec<&str> = parsed.overlays.iter().map(|o| o.label.as_str()).collect();
    assert!(labels.iter().any(|l| l.contains("1,000–5,500 km")), "{labels:?}");
    // Turning it off removes only what the toggle wrote.
    let off = post(
        server(),
        "/api/edit",
        serde_json::json!({"scenario": scenario, "set": {"inf": false}}).to_string().as_bytes(),
    )
    .json();
    let off = off["scenario"].as_str().unwrap();
    assert!(!off.contains("set = \"inf\"") && off.contains("min_km = 500"), "{off}");
    assert_error(&post(server(), "/api/edit", br#"{"scenario": "x = ", "set": {}}"#), 400, "not valid TOML");
    assert_error(
        &post(server(), "/api/edit", serde_json::json!({"scenario": "", "set": {"proj": "x"}}).to_string().as_bytes()),
        400,
        "the page edits",
    );
}

/// `/api/edit` edits the document in place: every comment of a commented scenario, and its
/// layout, survive a change of every kind the page makes.
#[test]
fn edit_keeps_every_comment() {
    let text = "# Our scenario: comments everywhere.\n\
                title = \"Old\" # the title's comment\n\
                \n\
                # The map.\n\
                [map]\n\
                preset = \"europe\" # the preset's comment\n\
                theme = \"light\"\n\
                \n\
                # The first site, as written.\n\
                [[sites]]\n\
                name = \"Kaliningrad\" # the site's comment\n\
                lat = \"54°42′36″N\"\n\
                lon = \"20°30′36″E\"\n\
                systems = [\"9m729\"] # the systems' comment\n\
                \n\
                # A band of our own.\n\
                [[bands]]\n\
                name = \"Shorter range\" # the band's comment\n\
                min_km = 500\n\
                max_km = 1000\n";
    let comments: Vec<&str> = text.lines().filter_map(|l| l.find('#').map(|i| &l[i..])).collect();
    assert_eq!(comments.len(), 9);
    let edits = [
        serde_json::json!({ "title": "New", "subtitle": "Sub" }),
        serde_json::json!({ "theme": "dark", "inf": true }),
        serde_json::json!({ "sites": [
            { "name": "Kaliningrad", "at": "54°42′36″N, 20°30′36″E", "systems": ["9m729", "iskander-m"] },
            { "name": "Added", "at": "50, 30", "systems": [] }
        ] }),
        serde_json::json!({ "frame": { "proj": "+proj=laea +lat_0=52 +lon_0=10", "extent": [-1e6, -1e6, 1e6, 1e6] } }),
    ];
    let mut scenario = text.to_string();
    for set in edits {
        let answer =
            post(server(), "/api/edit", serde_json::json!({ "scenario": scenario, "set": set }).to_string().as_bytes());
        assert_eq!(answer.status, 200, "{}", answer.text());
        scenario = answer.json()["scenario"].as_str().unwrap().to_string();
        for comment in &comments {
            assert!(scenario.contains(comment), "{comment:?} lost after {set}:\n{scenario}");
        }
    }
    // The changes themselves, read as the command line reads them.
    let parsed = reachmap::scenario::Scenario::parse_sent(&scenario, "edited.toml").expect("a valid scenario");
    assert_eq!((parsed.title.as_deref(), parsed.subtitle.as_deref()), (Some("New"), Some("Sub")));
    assert_eq!(parsed.sites.len(), 2);
    assert!(scenario.contains("lat = \"54°42′36″N\""), "the unchanged site keeps its form:\n{scenario}");
    assert!(scenario.contains("extent = [-1000000, -1000000, 1000000, 1000000]"), "{scenario}");
    assert!(!scenario.contains("preset = "), "a custom frame replaces the preset:\n{scenario}");
    let model = post(server(), "/api/edit", serde_json::json!({ "scenario": scenario }).to_string().as_bytes()).json();
    assert_eq!(model["model"]["preset"], "custom");
    assert_eq!(model["scenario"], scenario.as_str(), "an edit with no changes changes nothing");
    // A bad frame is refused with the field named.
    let bad =
        serde_json::json!({ "scenario": "", "set": { "frame": { "proj": "+proj=laea", "extent": [1, 0, 0, 1] } } });
    assert_error(&post(server(), "/api/edit", bad.to_string().as_bytes()), 400, "frame extent");
}

/// A position field takes a place's name as `--site` does: written as the place's coordinates
/// (GeoNames: Sanya 18.24° N, 109.50° E), or refused with the candidates.
#[test]
fn positions_and_searches_take_names_as_the_command_line_does() {
    let set = serde_json::json!({ "scenario": "", "set": { "sites": [{ "name": "", "at": "Sanya", "systems": [] }] } });
    let answer = post(server(), "/api/edit", set.to_string().as_bytes());
    assert_eq!(answer.status, 200, "{}", answer.text());
    let site = &answer.json()["model"]["sites"][0];
    assert_eq!(site["name"], "Sanya");
    let (lat, lon) = site["at"].as_str().unwrap().split_once(", ").unwrap();
    let (lat, lon): (f64, f64) = (lat.parse().unwrap(), lon.parse().unwrap());
    assert!((lat - 18.24).abs() < 0.03 && (lon - 109.50).abs() < 0.03, "{lat}, {lon}");
    let refused = serde_json::json!({ "scenario": "", "set": { "sites": [{ "name": "X", "at": "Springfield", "systems": [] }] } });
    assert_error(&post(server(), "/api/edit", refused.to_string().as_bytes()), 400, "Springfield, US");
    // The search field: Warsaw (GeoNames 52.23° N, 21.01° E).
    let warsaw = get(server(), "/api/search?q=warsaw").json();
    assert_eq!(warsaw["name"], "Warsaw");
    assert!(
        (warsaw["lat"].as_f64().unwrap() - 52.23).abs() < 0.02
            && (warsaw["lon"].as_f64().unwrap() - 21.01).abs() < 0.02
    );
    assert_eq!(get(server(), "/api/search?q=Naha%2C+JP").json()["name"], "Naha");
    assert_error(&get(server(), "/api/search?q=Moskwx"), 400, "did you mean Moscow");
    assert_error(&get(server(), "/api/search?q="), 400, "q: ");
    // The nearest place names a clicked point: Kaliningrad's own position is Kaliningrad.
    let body = example("inf-europe.toml");
    let frame = post(server(), "/api/frame", body.as_bytes()).json();
    let k = &frame["sites"][0];
    let at = format!("/api/frame?x={}&y={}&near=true", k["x"], k["y"]);
    assert_eq!(post(server(), &at, body.as_bytes()).json()["point"]["near"], "Kaliningrad");
}

/// Fitting the frame to the sites shows every one of them, Kaliningrad to Guam across Asia.
#[test]
fn fit_shows_every_site() {
    let body = "[[sites]]\nname = \"Kaliningrad\"\nat = \"54.71, 20.51\"\n[[sites]]\nname = \"Guam\"\nat = \"13.44, 144.79\"\n";
    let fit = post(server(), "/api/fit", body.as_bytes()).json();
    let extent: Vec<f64> = fit["extent"].as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
    let set = serde_json::json!({ "scenario": body, "set": { "frame": { "proj": fit["proj"], "extent": extent } } });
    let fitted = post(server(), "/api/edit", set.to_string().as_bytes()).json();
    let frame = post(server(), "/api/frame", fitted["scenario"].as_str().unwrap().as_bytes()).json();
    for site in frame["sites"].as_array().unwrap() {
        let (x, y) = (site["x"].as_f64().unwrap(), site["y"].as_f64().unwrap() - frame["map"]["top"].as_f64().unwrap());
        assert!(x > 0.0 && x < frame["map"]["width"].as_f64().unwrap(), "{site}");
        assert!(y > 0.0 && y < frame["map"]["height"].as_f64().unwrap(), "{site}");
    }
    assert_error(&post(server(), "/api/fit", b""), 400, "add a site or a target first");
}

/// The web figure equals `reachmap render -o F.html` of the same scenario.
#[test]
fn html_is_byte_identical_to_render() {
    let dir = tempfile::tempdir().unwrap();
    let body = example("inf-europe.toml");
    let scenario = dir.path().join("inf-europe.toml");
    std::fs::write(&scenario, &body).unwrap();
    let out = dir.path().join("out.html");
    stdout(&reachmap(&["render", scenario.to_str().unwrap(), "-o", out.to_str().unwrap()]));
    let answer = post(server(), "/api/html?name=inf-europe.toml", body.as_bytes());
    assert_eq!(answer.status, 200, "{}", answer.text());
    assert_eq!(answer.header("content-type"), Some("text/html; charset=utf-8"));
    assert!(answer.body == std::fs::read(&out).unwrap(), "the served HTML differs from render's");
}

/// A bad scenario answers 400 with the command line's message, line and column included.
#[test]
fn bad_scenarios_answer_400_with_the_command_lines_message() {
    let dir = tempfile::tempdir().unwrap();
    let bad = "[map]\npreset = \"europe\"\n[[sites]]\nname = \"X\"\nlat = 95\nlon = 10\n";
    std::fs::write(dir.path().join("scenario.toml"), bad).unwrap();
    let out = common::cli::command()
        .current_dir(dir.path())
        .args(["render", "scenario.toml", "-o", "x.svg"])
        .output()
        .unwrap();
    let cli = stderr(&out);
    let cli = cli.trim().strip_prefix("reachmap: error: ").unwrap();
    for target in ["/api/map?format=svg", "/api/reach", "/api/frame", "/api/geojson", "/api/kml"] {
        let answer = post(server(), target, bad.as_bytes());
        assert_error(&answer, 400, "scenario.toml:5:7");
        assert_eq!(answer.json()["error"], cli, "{target}");
    }
    assert_error(&post(server(), "/api/map?format=gif", b""), 400, "format: ");
    assert_error(&post(server(), "/api/map?width_px=-3", b""), 400, "width_px");
    assert_error(&post(server(), "/api/map?name=../../etc/passwd", b""), 400, "plain file name");
    assert_error(&post(server(), "/api/reach?limit=x", b""), 400, "limit: ");
    assert_error(&post(server(), "/api/map", &[0xff, 0xfe]), 400, "UTF-8");
}

/// A sent scenario may not make the server read files.
#[test]
fn scenarios_naming_files_are_refused() {
    let catalog = "catalog = \"/etc/passwd\"\n";
    assert_error(&post(server(), "/api/map", catalog.as_bytes()), 400, "may not name files");
    let area = "[[areas]]\nname = \"A\"\ngeojson = \"../examples/kaliningrad-oblast.geojson\"\n";
    let answer = post(server(), "/api/reach", area.as_bytes());
    assert_error(&answer, 400, "scenario.toml:3:11: [[areas]] geojson");
    // The command line refuses to start on such a scenario, exit 2.
    let out = reachmap(&["serve", &format!("{}/examples/launch-area.toml", env!("CARGO_MANIFEST_DIR")), "--port", "0"]);
    common::cli::assert_refusal(&out, 2, &["may not name files"], &"serve launch-area.toml");
}

#[test]
fn status_codes_for_paths_methods_and_sizes() {
    let address = server();
    assert_error(&get(address, "/nowhere"), 404, "no such path");
    assert_error(&get(address, "/../../etc/passwd"), 404, "no such path");
    let wrong = get(address, "/api/map");
    assert_error(&wrong, 405, "POST");
    assert_eq!(wrong.header("allow"), Some("POST"));
    assert_eq!(request(address, "DELETE", "/", b"").status, 405);
    assert_eq!(post(address, "/api/catalog", b"").status, 405);
    // Over the scenario cap: refused from the header, before the body is read.
    let cap = reachmap::input::MAX_SCENARIO_BYTES;
    let head = format!("POST /api/map HTTP/1.1\r\nHost: localhost\r\nContent-Length: {}\r\n\r\n", cap + 1);
    assert_error(&exchange(address, head.as_bytes()), 413, "at most");
    // At the cap, the body is read (and refused as TOML, not for its size).
    let body = vec![b'#'; cap as usize];
    assert_eq!(post(address, "/api/map", &body).status, 200, "a comment-only scenario at the cap draws");
    assert_error(&exchange(address, b"GARBAGE\r\n\r\n"), 400, "malformed request line");
    assert_error(&exchange(address, b"GET / HTTP/2.0\r\nHost: localhost\r\n\r\n"), 505, "HTTP/1");
    let chunked = b"POST /api/map HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n";
    assert_error(&exchange(address, chunked), 411, "Content-Length");
    let huge_header = format!("GET / HTTP/1.1\r\nHost: localhost\r\nX: {}\r\n\r\n", "a".repeat(20_000));
    assert_error(&exchange(address, huge_header.as_bytes()), 431, "at most");
    assert_error(&exchange(address, b"GET /%zz HTTP/1.1\r\nHost: localhost\r\n\r\n"), 400, "percent-escape");
}

/// DNS rebinding: a page on another name that resolves to 127.0.0.1 sends its own Host.
#[test]
fn host_must_be_a_loopback_name() {
    let address = server();
    for host in ["evil.example", "evil.example:8750", "127.0.0.1.nip.io", "localhost.evil", "192.168.1.2"] {
        let raw = format!("GET /api/catalog HTTP/1.1\r\nHost: {host}\r\n\r\n");
        assert_error(&exchange(address, raw.as_bytes()), 403, "Host");
    }
    assert_error(&exchange(address, b"GET / HTTP/1.1\r\n\r\n"), 403, "Host");
    for host in ["localhost", &format!("localhost:{}", address.port()), "127.0.0.1", "[::1]:8750"] {
        let raw = format!("GET /api/catalog HTTP/1.1\r\nHost: {host}\r\n\r\n");
        assert_eq!(exchange(address, raw.as_bytes()).status, 200, "{host}");
    }
}

/// Another site's page may make the browser send a POST here (a form, or `fetch` in `no-cors`
/// mode, with `text/plain`, a form's or a multipart body). Whatever marks it as not the page's
/// own — a foreign `Origin`, `Sec-Fetch-Site: cross-site` (or `same-site`: another port on
/// this machine), a content type the page never sends — gets 403 before any work is done.
#[test]
fn posts_that_are_not_the_pages_own_are_refused() {
    use common::http::request_with;
    let address = server();
    let own = format!("http://127.0.0.1:{}", address.port());
    let body = b"[map]\npreset = \"europe\"\n";
    let toml = ("Content-Type", "application/toml");
    for origin in ["http://evil.example", "null", "https://127.0.0.1:8750", "http://localhost:1"] {
        let answer = request_with(address, "POST", "/api/map?format=png", &[("Origin", origin), toml], body);
        assert_error(&answer, 403, "Origin");
    }
    for site in ["cross-site", "same-site"] {
        let answer = request_with(address, "POST", "/api/reach", &[("Sec-Fetch-Site", site), toml], body);
        assert_error(&answer, 403, "Sec-Fetch-Site");
    }
    // What a cross-site form or no-cors fetch can send without asking first, and nothing.
    for kind in ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/html"] {
        let answer =
            request_with(address, "POST", "/api/map?format=png&width_px=20000", &[("Content-Type", kind)], body);
        assert_error(&answer, 403, "Content-Type");
    }
    assert_error(&request_with(address, "POST", "/api/map", &[], body), 403, "Content-Type none");
    // The page itself: its own origin, same-origin, its content types.
    let page = [("Origin", own.as_str()), ("Sec-Fetch-Site", "same-origin"), toml];
    assert_eq!(request_with(address, "POST", "/api/reach?limit=1", &page, body).status, 200);
    let edit = serde_json::json!({ "scenario": "", "set": { "title": "T" } }).to_string();
    let json = [("Origin", own.as_str()), ("Sec-Fetch-Site", "same-origin"), ("Content-Type", "application/json")];
    assert_eq!(request_with(address, "POST", "/api/edit", &json, edit.as_bytes()).status, 200);
    // A script (curl) sends neither header: the content type suffices.
    assert_eq!(request_with(address, "POST", "/api/reach?limit=1", &[toml], body).status, 200);
    // GETs read nothing another site could not see anyway (there are no CORS headers).
    assert_eq!(request_with(address, "GET", "/api/catalog", &[("Sec-Fetch-Site", "cross-site")], b"").status, 200);
}

/// Page sizes the server draws are capped (the command line's 20,000 px would let one request
/// hold a worker and a gigabyte): 400, naming the limit, for the request's width and for the
/// scenario's own page size.
#[test]
fn page_sizes_have_a_cap_that_says_so() {
    let cap = reachmap::serve::MAX_SERVED_SIDE_PX;
    let body = b"[map]\npreset = \"europe\"\n";
    let at = post(server(), &format!("/api/map?format=svg&width_px={cap}"), body);
    assert_eq!(at.status, 200, "{}", at.text());
    for target in ["/api/map?format=png&width_px=", "/api/frame?width_px=", "/api/html?width_px="] {
        let over = post(server(), &format!("{target}{}", cap + 1), body);
        assert_error(&over, 400, &format!("at most {cap} pixels"));
    }
    for scenario in [
        "[map]\nwidth_px = 9000\n",
        "[map]\nwidth_mm = 600\ndpi = 300\n",
        "[map]\npreset = \"world\"\nwidth_px = 20000\n",
    ] {
        assert_error(
            &post(server(), "/api/map?format=png", scenario.as_bytes()),
            400,
            &format!("at most {cap} pixels"),
        );
    }
}

/// The server listens on loopback only.
#[test]
fn listens_on_loopback_only() {
    assert!(server().ip().is_loopback());
}

/// A handler that fails answers 500, and the server goes on serving.
#[test]
fn a_failing_handler_leaves_the_server_serving() {
    struct Failing(App);
    impl Handler for Failing {
        fn handle(&self, request: &Request) -> Response {
            match request.path.as_str() {
                "/fail" => panic!("a handler failed on purpose"),
                _ => self.0.handle(request),
            }
        }
    }
    let address = start(Arc::new(Failing(App::new(EMPTY_SCENARIO, "scenario.toml").unwrap())));
    for _ in 0..6 {
        assert_error(&get(address, "/fail"), 500, "keeps serving");
    }
    assert_eq!(get(address, "/api/catalog").status, 200);
    assert_eq!(post(address, "/api/map?format=svg&width_px=400", EMPTY_SCENARIO.as_bytes()).status, 200);
}

/// 50 requests at once, maps and reports mixed, each answered in full and right.
#[test]
fn fifty_concurrent_requests() {
    let address = server();
    let body = Arc::new(example("kaliningrad-site.toml"));
    let reference_svg = post(address, "/api/map?format=svg&width_px=500", body.as_bytes()).body;
    let reference_reach = post(address, "/api/reach?limit=3", body.as_bytes()).body;
    let reference = Arc::new((reference_svg, reference_reach));
    let threads: Vec<_> = (0..50)
        .map(|i| {
            let (body, reference) = (Arc::clone(&body), Arc::clone(&reference));
            std::thread::spawn(move || match i % 3 {
                0 => assert!(post(address, "/api/map?format=svg&width_px=500", body.as_bytes()).body == reference.0),
                1 => assert!(post(address, "/api/reach?limit=3", body.as_bytes()).body == reference.1),
                _ => assert_eq!(get(address, "/api/catalog").status, 200),
            })
        })
        .collect();
    for thread in threads {
        thread.join().expect("every request answered right");
    }
}

/// The command: prints its loopback URL and serves the page there.
#[test]
fn serve_command_prints_its_url_and_serves() {
    use std::io::BufRead;
    let mut child = common::cli::command()
        .args(["serve", "--port", "0"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let url = line.split_whitespace().find(|w| w.starts_with("http://127.0.0.1:")).expect("a URL").to_string();
    let address: std::net::SocketAddr = url.trim_start_matches("http://").trim_end_matches('/').parse().unwrap();
    let page = get(address, "/");
    assert_eq!(page.status, 200);
    // Ctrl-C stops it: exit 130, as for any interrupted command, and the port is free again.
    let interrupt = std::process::Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(interrupt.success());
    assert_eq!(child.wait().unwrap().code(), Some(130));
    std::net::TcpListener::bind(address).expect("the port is free after Ctrl-C");
    let out = reachmap(&["serve", "--port", "99999"]);
    common::cli::assert_refusal(&out, 2, &["--port", "99999"], &"serve --port 99999");
}

/// A peer that trickles its request in, a header every second, is cut off when the request
/// has taken 10 s in all (408), and the server answers others meanwhile.
#[test]
fn a_trickled_request_is_cut_off() {
    use std::io::{Read, Write};
    // A server of its own, so that no other test's requests hold its workers.
    let address = start_app(EMPTY_SCENARIO, "scenario.toml");
    let mut slow = std::net::TcpStream::connect(address).unwrap();
    slow.write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\n").unwrap();
    let start = std::time::Instant::now();
    let mut answer = Vec::new();
    slow.set_read_timeout(Some(std::time::Duration::from_millis(1000))).unwrap();
    while start.elapsed() < std::time::Duration::from_secs(30) {
        if slow.write_all(b"X-Slow: 1\r\n").is_err() {
            let _ = slow.read_to_end(&mut answer);
            break;
        }
        match slow.read_to_end(&mut answer) {
            Ok(_) => break,
            Err(_) if answer.is_empty() => assert_eq!(get(address, "/api/catalog").status, 200),
            Err(_) => break,
        }
    }
    let text = String::from_utf8_lossy(&answer);
    assert!(text.starts_with("HTTP/1.1 408"), "{text}");
    assert!(start.elapsed() < std::time::Duration::from_secs(15), "cut off after {:?}", start.elapsed());
}

/// `--open` hands the page's URL to the desktop's browser ($BROWSER).
#[test]
fn open_starts_the_browser_on_the_url() {
    use std::io::BufRead;
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let opened = dir.path().join("opened");
    let browser = dir.path().join("browser.sh");
    std::fs::write(&browser, format!("#!/bin/sh\necho \"$1\" > '{}'\n", opened.display())).unwrap();
    std::fs::set_permissions(&browser, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut child = common::cli::command()
        .args(["serve", "--port", "0", "--open"])
        .env("BROWSER", &browser)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let url = line.split_whitespace().find(|w| w.starts_with("http://")).unwrap().to_string();
    let start = std::time::Instant::now();
    let written = || std::fs::read_to_string(&opened).is_ok_and(|t| t.ends_with('\n'));
    while !written() && start.elapsed() < std::time::Duration::from_secs(20) {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(std::fs::read_to_string(&opened).unwrap().trim(), url);
}
