//! Debian's Chromium for the tests that draw in a real browser: where it is, and the flags
//! that run it headless on this machine's closed network (without the background-networking
//! ones its connections are refused many at a time).

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tungstenite::{Message, WebSocket, stream::MaybeTlsStream};

/// Chromium on the `PATH` (`chromium`, or `chromium-browser` elsewhere), if installed.
pub fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| ["chromium", "chromium-browser"].map(|name| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// Chromium for a test that draws in it: None where it is not installed, after saying that the
/// test is skipped; under CI (`CI` set) its absence fails the test, as `.ci/run` installs it.
pub fn chromium_for_test() -> Option<PathBuf> {
    let found = chromium();
    if found.is_none() {
        assert!(std::env::var("CI").is_err(), "no chromium on the PATH: .ci/run installs Debian's chromium");
        eprintln!("skipped: no chromium on the PATH (apt-get install chromium)");
    }
    found
}

/// The page at rest: no status message, the map image loaded and not being moved.
pub const IDLE: &str = "document.getElementById('status').textContent === '' && document.getElementById('map').complete \
                        && !document.getElementById('map').style.transform";

/// "52.1234, 21.5678", as the page shows a position, as numbers.
pub fn lat_lon(value: &Value) -> (f64, f64) {
    let text = value.as_str().unwrap();
    let (lat, lon) = text.split_once(',').unwrap();
    (lat.trim().parse().unwrap(), lon.trim().parse().unwrap())
}

/// Headless, as root, with no network of its own; a fresh `--user-data-dir` goes with them.
pub const HEADLESS: [&str; 8] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

/// A browser process and one DevTools session on a page of it.
pub struct Browser {
    /// DevTools events received while waiting for answers, oldest first.
    pub events: Vec<Value>,
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
    pub fn launch(executable: &Path) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let mut child = Command::new(executable)
            .args(HEADLESS)
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
        Browser { events: Vec::new(), child, socket, next_id: 0, session: None, _profile: profile }
    }

    /// Calls a DevTools method (on the page's session once attached) and returns its result.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
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
            if answer.get("method").is_some() {
                self.events.push(answer);
            }
        }
    }

    /// Opens `url` in a new page and attaches to it.
    /// The page's viewport in CSS pixels, at one device pixel per CSS pixel; `mobile` as a phone.
    pub fn viewport(&mut self, width: u32, height: u32, mobile: bool) {
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile }),
        );
    }

    /// A key press with modifiers (2: Ctrl, 8: Shift), as a person types it: a letter or Enter.
    pub fn key(&mut self, key: &str, modifiers: u32) {
        let (code, vk) = match key {
            "Enter" => ("Enter".to_string(), 13),
            k => (format!("Key{}", k.to_uppercase()), u32::from(k.to_uppercase().as_bytes()[0])),
        };
        for kind in ["keyDown", "keyUp"] {
            let mut event =
                json!({ "type": kind, "key": key, "code": code, "windowsVirtualKeyCode": vk, "modifiers": modifiers });
            if kind == "keyDown" && key == "Enter" {
                // The character an Enter types is what submits a form.
                event["text"] = json!("\r");
            }
            self.call("Input.dispatchKeyEvent", event);
        }
    }

    /// The local page served at `address`, in a 1,500 × 1,300 window, once it is ready and at
    /// rest ([`IDLE`]).
    pub fn open_page(&mut self, address: std::net::SocketAddr) {
        self.open(&format!("http://127.0.0.1:{}/", address.port()));
        self.viewport(1500, 1300, false);
        self.wait_for(&format!("document.body.dataset.ready === 'true' && {IDLE}"), "the page");
    }

    pub fn open(&mut self, url: &str) {
        let target = self.call("Target.createTarget", json!({ "url": url }));
        let attached = self.call("Target.attachToTarget", json!({ "targetId": target["targetId"], "flatten": true }));
        self.session = Some(attached["sessionId"].as_str().unwrap().to_string());
    }

    /// The value of a JavaScript expression (promises awaited).
    pub fn eval(&mut self, expression: &str) -> Value {
        let result = self
            .call("Runtime.evaluate", json!({ "expression": expression, "awaitPromise": true, "returnByValue": true }));
        assert!(result.get("exceptionDetails").is_none(), "{expression}: {}", result["exceptionDetails"]);
        result["result"]["value"].clone()
    }

    /// Waits until `expression` is true, failing with `what` after 60 s.
    pub fn wait_for(&mut self, expression: &str, what: &str) {
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

    pub fn mouse(&mut self, kind: &str, x: f64, y: f64, buttons: u32) {
        let button = if kind == "mouseMoved" && buttons == 0 { "none" } else { "left" };
        self.call(
            "Input.dispatchMouseEvent",
            json!({ "type": kind, "x": x, "y": y, "button": button, "buttons": buttons, "clickCount": 1 }),
        );
    }

    /// Drags with the left button from `from` to `to` as a hand would: pressed, moved in `steps`
    /// even steps 15 ms apart, released.
    pub fn drag(&mut self, from: (f64, f64), to: (f64, f64), steps: u32) {
        self.mouse("mousePressed", from.0, from.1, 1);
        for step in 1..=steps {
            let f = f64::from(step) / f64::from(steps);
            self.mouse("mouseMoved", from.0 + (to.0 - from.0) * f, from.1 + (to.1 - from.1) * f, 1);
            std::thread::sleep(Duration::from_millis(15));
        }
        self.mouse("mouseReleased", to.0, to.1, 0);
    }

    pub fn click(&mut self, x: f64, y: f64) {
        self.mouse("mousePressed", x, y, 1);
        self.mouse("mouseReleased", x, y, 0);
    }

    /// Clicks the element `selector` where a person would: at its centre.
    pub fn click_element(&mut self, selector: &str) {
        let centre = self.eval(&format!(
            "(() => {{ const r = document.querySelector('{selector}').getBoundingClientRect(); \
             return [r.left + r.width / 2, r.top + r.height / 2]; }})()"
        ));
        self.click(centre[0].as_f64().unwrap(), centre[1].as_f64().unwrap());
    }
}

/// Waits for a downloaded file to be complete in `dir`.
pub fn downloaded(dir: &Path, name: &str) -> Vec<u8> {
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

/// Standard base64 (RFC 4648), as DevTools sends screenshots.
pub fn base64_decode(text: &str) -> Vec<u8> {
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
