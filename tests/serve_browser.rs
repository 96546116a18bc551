//! The local page in a real browser: headless Chromium (Debian's `chromium`) driven over the
//! DevTools protocol loads the page, adds a site by clicking on the map, sees the map and the
//! reach summary change, drags the site, and downloads the scenario, the SVG and the KML;
//! rendering the downloaded scenario with `reachmap render` gives the downloaded files' bytes.
//! The screenshot it takes is the README's picture of the page (`REACHMAP_BLESS=1` writes
//! docs/serve.png).
//!
//! Without a browser the test fails under CI (`CI=true`) and is skipped, saying so, elsewhere.

use crate::common;

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tungstenite::{Message, WebSocket, stream::MaybeTlsStream};

/// A browser process and one DevTools session on a page of it.
struct Browser {
    child: Child,
    socket: WebSocket<MaybeTlsStream<TcpStream>>,
    next_id: u64,
    session: Option<String>,
    _profile: tempfile::TempDir,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Browser {
    fn launch(executable: &Path) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let mut child = Command::new(executable)
            .args(common::browser::HEADLESS)
            .args([
                "--remote-debugging-port=0",
                "--window-size=1500,1300",
                &format!("--user-data-dir={}", profile.path().display()),
                "about:blank",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start the browser");
        // Chromium prints where its DevTools endpoint listens.
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let url = loop {
            let line = lines.next().expect("the browser printed its DevTools address").unwrap();
            if let Some(url) = line.strip_prefix("DevTools listening on ") {
                break url.trim().to_string();
            }
        };
        std::thread::spawn(move || for _ in lines {});
        let (socket, _) = tungstenite::connect(url.as_str()).expect("connect to DevTools");
        Browser { child, socket, next_id: 0, session: None, _profile: profile }
    }

    /// Calls a DevTools method (on the page's session once attached) and returns its result.
    fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({ "id": id, "method": method, "params": params });
        if let Some(session) = &self.session {
            message["sessionId"] = json!(session);
        }
        self.socket.send(Message::text(message.to_string())).expect("send to DevTools");
        loop {
            let Message::Text(text) = self.socket.read().expect("read from DevTools") else { continue };
            let answer: Value = serde_json::from_str(&text).unwrap();
            if answer["id"] == id {
                assert!(answer.get("error").is_none(), "{method}: {}", answer["error"]);
                return answer["result"].clone();
            }
        }
    }

    /// Opens `url` in a new page and attaches to it.
    fn open(&mut self, url: &str) {
        let target = self.call("Target.createTarget", json!({ "url": url }));
        let attached = self.call("Target.attachToTarget", json!({ "targetId": target["targetId"], "flatten": true }));
        self.session = Some(attached["sessionId"].as_str().unwrap().to_string());
    }

    /// The value of a JavaScript expression (promises awaited).
    fn eval(&mut self, expression: &str) -> Value {
        let result = self
            .call("Runtime.evaluate", json!({ "expression": expression, "awaitPromise": true, "returnByValue": true }));
        assert!(result.get("exceptionDetails").is_none(), "{expression}: {}", result["exceptionDetails"]);
        result["result"]["value"].clone()
    }

    /// Waits until `expression` is true, failing with `what` after 60 s.
    fn wait_for(&mut self, expression: &str, what: &str) {
        let start = Instant::now();
        let guarded = format!("(() => {{ try {{ return {expression}; }} catch (_) {{ return false; }} }})()");
        while self.eval(&guarded) != json!(true) {
            let error = self.eval(
                "[document.getElementById('error')?.textContent ?? 'the page has not loaded', \
                 document.getElementById('status')?.textContent, document.querySelectorAll('#sites > li').length, \
                 document.querySelectorAll('#reach article').length, document.querySelectorAll('#handles .handle').length, \
                 document.getElementById('map')?.complete].join(' | ')",
            );
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "timed out waiting for {what}; page (error | status | sites | reach | handles | map loaded): {error}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn mouse(&mut self, kind: &str, x: f64, y: f64, buttons: u32) {
        let button = if kind == "mouseMoved" && buttons == 0 { "none" } else { "left" };
        self.call(
            "Input.dispatchMouseEvent",
            json!({ "type": kind, "x": x, "y": y, "button": button, "buttons": buttons, "clickCount": 1 }),
        );
    }

    fn click(&mut self, x: f64, y: f64) {
        self.mouse("mousePressed", x, y, 1);
        self.mouse("mouseReleased", x, y, 0);
    }

    /// Clicks the element `selector` where a person would: at its centre.
    fn click_element(&mut self, selector: &str) {
        let centre = self.eval(&format!(
            "(() => {{ const r = document.querySelector('{selector}').getBoundingClientRect(); \
             return [r.left + r.width / 2, r.top + r.height / 2]; }})()"
        ));
        self.click(centre[0].as_f64().unwrap(), centre[1].as_f64().unwrap());
    }
}

/// Waits for a downloaded file to be complete in `dir`.
fn downloaded(dir: &Path, name: &str) -> Vec<u8> {
    let path = dir.join(name);
    let start = Instant::now();
    loop {
        let partial =
            std::fs::read_dir(dir).unwrap().flatten().any(|e| e.path().extension().is_some_and(|x| x == "crdownload"));
        if path.exists() && !partial {
            return std::fs::read(&path).unwrap();
        }
        assert!(start.elapsed() < Duration::from_secs(60), "{name} was not downloaded");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn explore_on_the_page_and_take_the_figure_home() {
    let Some(executable) = common::browser::chromium() else {
        assert!(std::env::var("CI").is_err(), "no chromium on the PATH: .ci/run installs Debian's chromium");
        eprintln!("skipped: no chromium on the PATH (apt-get install chromium)");
        return;
    };
    let address = common::http::start_app(reachmap::serve::EMPTY_SCENARIO, "scenario.toml");
    let downloads = tempfile::tempdir().unwrap();
    let mut browser = Browser::launch(&executable);
    browser.call(
        "Browser.setDownloadBehavior",
        json!({ "behavior": "allow", "downloadPath": downloads.path().display().to_string() }),
    );
    browser.open(&format!("http://127.0.0.1:{}/", address.port()));
    browser.call(
        "Emulation.setDeviceMetricsOverride",
        json!({ "width": 1500, "height": 1300, "deviceScaleFactor": 1, "mobile": false }),
    );
    browser.wait_for("document.body.dataset.ready === 'true' && document.getElementById('map').complete", "the page");
    let empty_map = browser.eval("document.getElementById('map').src");
    let empty_reach = browser.eval("document.getElementById('reach').textContent");

    // Click on the map, a little north-east of its centre (in Poland on the Europe frame).
    let spot = browser.eval(
        "(() => { const r = document.getElementById('map').getBoundingClientRect(); \
         return [r.left + r.width * 0.56, r.top + r.height * 0.42]; })()",
    );
    browser.click(spot[0].as_f64().unwrap(), spot[1].as_f64().unwrap());
    browser.wait_for(
        "document.querySelectorAll('#sites > li').length === 1 && document.querySelectorAll('#reach article').length > 0 \
         && document.querySelectorAll('#handles .handle').length === 1 && document.getElementById('map').complete",
        "the new site",
    );
    assert_ne!(browser.eval("document.getElementById('map').src"), empty_map, "the map was redrawn");
    let reach = browser.eval("document.getElementById('reach').textContent");
    assert_ne!(reach, empty_reach, "the reach summary changed");
    assert!(reach.as_str().unwrap().contains("Site 1"), "{reach}");
    let at_before = browser.eval("document.querySelector('#sites > li input[aria-label^=Position]').value");

    // Drag the site's marker 120 px east and 40 px south.
    let handle = browser.eval(
        "(() => { const r = document.querySelector('#handles .handle').getBoundingClientRect(); \
         return [r.left + r.width / 2, r.top + r.height / 2]; })()",
    );
    let (x, y) = (handle[0].as_f64().unwrap(), handle[1].as_f64().unwrap());
    browser.mouse("mousePressed", x, y, 1);
    for step in 1..=12 {
        let f = f64::from(step) / 12.0;
        browser.mouse("mouseMoved", x + 120.0 * f, y + 40.0 * f, 1);
        std::thread::sleep(Duration::from_millis(15));
    }
    browser.mouse("mouseReleased", x + 120.0, y + 40.0, 0);
    browser.wait_for(
        &format!(
            "document.querySelector('#sites > li input[aria-label^=Position]').value !== {at_before} \
             && document.getElementById('status').textContent === '' && document.getElementById('map').complete"
        ),
        "the moved site",
    );
    let at_after = browser.eval("document.querySelector('#sites > li input[aria-label^=Position]').value");
    let (lat0, lon0) = lat_lon(&at_before);
    let (lat1, lon1) = lat_lon(&at_after);
    assert!(lon1 > lon0 + 1.0 && lat1 < lat0, "dragged east and south: {at_before} → {at_after}");
    assert_eq!(browser.eval("document.querySelectorAll('#sites > li').length"), json!(1), "a drag adds no site");

    // A title typed in its field reaches the figure.
    browser.click_element("#title");
    browser.call("Input.insertText", json!({ "text": "A site explored on the page" }));
    browser.call(
        "Input.dispatchKeyEvent",
        json!({ "type": "keyDown", "key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13 }),
    );
    browser.click_element("#reach");
    browser.wait_for(
        "document.getElementById('map').dataset.title === 'A site explored on the page' \
         && document.getElementById('status').textContent === '' && document.getElementById('map').complete",
        "the titled map",
    );

    // The README's picture of the page.
    let height = browser.eval("document.documentElement.scrollHeight").as_f64().unwrap();
    let shot = browser.call(
        "Page.captureScreenshot",
        json!({ "format": "png", "captureBeyondViewport": true,
                "clip": { "x": 0, "y": 0, "width": 1500, "height": height, "scale": 1 } }),
    );
    let png = base64_decode(shot["data"].as_str().unwrap());
    let shot_path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("serve-page.png");
    std::fs::write(&shot_path, &png).unwrap();
    if common::golden::bless() {
        std::fs::write(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/serve.png"), &png).unwrap();
    }

    // Take the scenario and the figure home; the command line draws the same bytes.
    browser.click_element("#dl-toml");
    let scenario = downloaded(downloads.path(), "scenario.toml");
    browser.click_element("#dl-svg");
    let page_svg = downloaded(downloads.path(), "scenario.svg");
    browser.click_element("#dl-kml");
    let page_kml = downloaded(downloads.path(), "scenario.kml");
    let home = tempfile::tempdir().unwrap();
    std::fs::write(home.path().join("scenario.toml"), &scenario).unwrap();
    let out = common::cli::command()
        .current_dir(home.path())
        .args(["render", "scenario.toml", "-o", "map.svg", "-o", "map.kml"])
        .output()
        .unwrap();
    common::cli::assert_success(&out);
    assert!(page_kml == std::fs::read(home.path().join("map.kml")).unwrap(), "the page's KML differs from render's");
    let cli_svg = std::fs::read(home.path().join("map.svg")).unwrap();
    assert!(
        cli_svg == page_svg,
        "the page's SVG ({} bytes) differs from render's ({} bytes)",
        page_svg.len(),
        cli_svg.len()
    );
    let scenario = String::from_utf8_lossy(&scenario);
    assert!(
        scenario.contains("name = \"Site 1\"") && scenario.contains("title = \"A site explored on the page\""),
        "{scenario}"
    );
    assert!(String::from_utf8_lossy(&page_svg).contains(">A site explored on the page<"));
}

/// "52.1234, 21.5678" as numbers.
fn lat_lon(value: &Value) -> (f64, f64) {
    let text = value.as_str().unwrap();
    let (lat, lon) = text.split_once(',').unwrap();
    (lat.trim().parse().unwrap(), lon.trim().parse().unwrap())
}

fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let digits: Vec<u8> = text.bytes().filter(|&c| c != b'=').map(value).collect();
    digits
        .chunks(4)
        .flat_map(|chunk| {
            let n = chunk.iter().enumerate().fold(0u32, |n, (i, &d)| n | u32::from(d) << (18 - 6 * i));
            let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
            bytes[..chunk.len() - 1].to_vec()
        })
        .collect()
}
