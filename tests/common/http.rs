//! A `reachmap serve` app on a free loopback port, in the test's own process, and a plain HTTP
//! client that sends exactly the bytes a test gives it.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;

use reachmap::serve::{App, Handler, bind, serve};

/// Serves `handler` on 127.0.0.1 at a free port with four workers; the server lives as long
/// as the test process.
pub fn start(handler: Arc<dyn Handler>) -> SocketAddr {
    let listener = bind(0, "port").expect("bind a free port");
    let address = listener.local_addr().unwrap();
    std::thread::spawn(move || serve(listener, handler, 4));
    address
}

/// Serves the app opening on `scenario`, named `name`.
pub fn start_app(scenario: &str, name: &str) -> SocketAddr {
    start(Arc::new(App::new(scenario, name).expect("a valid start scenario")))
}

/// An answer: status, headers (names in lower case) and body.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("a UTF-8 body")
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&self.body)))
    }
}

/// Sends `raw` as it is and reads the whole answer (the server closes after one).
pub fn exchange(address: SocketAddr, raw: &[u8]) -> Answer {
    let mut stream = TcpStream::connect(address).expect("connect");
    stream.set_read_timeout(Some(std::time::Duration::from_secs(60))).unwrap();
    stream.write_all(raw).expect("send");
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).expect("read the answer");
    parse(&bytes)
}

/// A well-formed request with a loopback `Host`; a POST carries the page's content type
/// (JSON for an edit, TOML for the rest).
pub fn request(address: SocketAddr, method: &str, target: &str, body: &[u8]) -> Answer {
    let kind = if target.starts_with("/api/edit") { "application/json" } else { "application/toml" };
    let headers = if method == "POST" { vec![("Content-Type", kind)] } else { Vec::new() };
    request_with(address, method, target, &headers, body)
}

/// A request with a loopback `Host` and these further headers.
pub fn request_with(address: SocketAddr, method: &str, target: &str, headers: &[(&str, &str)], body: &[u8]) -> Answer {
    let mut raw = format!(
        "{method} {target} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Length: {}\r\nConnection: close\r\n",
        address.port(),
        body.len()
    );
    for (name, value) in headers {
        raw.push_str(&format!("{name}: {value}\r\n"));
    }
    raw.push_str("\r\n");
    let mut raw = raw.into_bytes();
    raw.extend_from_slice(body);
    exchange(address, &raw)
}

pub fn get(address: SocketAddr, target: &str) -> Answer {
    request(address, "GET", target, b"")
}

pub fn post(address: SocketAddr, target: &str, body: &[u8]) -> Answer {
    request(address, "POST", target, body)
}

fn parse(bytes: &[u8]) -> Answer {
    let end = bytes.windows(4).position(|w| w == b"\r\n\r\n").expect("an answer with headers");
    let head = std::str::from_utf8(&bytes[..end]).expect("UTF-8 headers");
    let mut lines = head.split("\r\n");
    let status = lines.next().unwrap().split(' ').nth(1).unwrap().parse().unwrap();
    let headers: Vec<(String, String)> = lines
        .map(|l| {
            let (n, v) = l.split_once(':').unwrap();
            (n.trim().to_ascii_lowercase(), v.trim().to_string())
        })
        .collect();
    let body = bytes[end + 4..].to_vec();
    let length: usize =
        headers.iter().find(|(n, _)| n == "content-length").map(|(_, v)| v.parse().unwrap()).expect("Content-Length");
    assert_eq!(body.len(), length, "body length differs from Content-Length");
    Answer { status, headers, body }
}
