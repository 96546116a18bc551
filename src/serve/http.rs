//! Just enough HTTP/1.1 for a page and its API on loopback: one request per connection, a
//! `Content-Length` body of bounded size, headers of bounded size, read and write deadlines, and
//! a status for every way a request can be malformed. Nothing here trusts the peer.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// Longest request line plus headers, bytes.
const MAX_HEAD_BYTES: usize = 16 << 10;

/// How long a peer may take to send its whole request, or to take the answer.
pub const IO_TIMEOUT: Duration = Duration::from_secs(10);

/// A connection read against one deadline for the whole request, however slowly the peer
/// trickles it in.
struct Timed<'a> {
    stream: &'a TcpStream,
    deadline: Instant,
}

impl Read for Timed<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = self.deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(std::io::ErrorKind::TimedOut.into());
        }
        self.stream.set_read_timeout(Some(left))?;
        (&mut &*self.stream).read(buf)
    }
}

/// The refusal for a read that failed: too slow (408) or broken (400).
fn read_failure(error: &std::io::Error, what: &str) -> Response {
    match error.kind() {
        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut => {
            Response::error(408, &format!("the request took over {} s to arrive", IO_TIMEOUT.as_secs()))
        }
        _ => Response::error(400, what),
    }
}

/// A request as read off the connection.
#[derive(Debug)]
pub struct Request {
    /// `GET`, `POST`, …
    pub method: String,
    /// The path, without the query.
    pub path: String,
    /// The query's `key=value` pairs, percent-decoded, in order.
    pub query: Vec<(String, String)>,
    /// Headers, names in lower case.
    pub headers: Vec<(String, String)>,
    /// The body (empty without `Content-Length`).
    pub body: Vec<u8>,
}

impl Request {
    /// The first header of this (lower-case) name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// The first query value of this key.
    pub fn param(&self, key: &str) -> Option<&str> {
        self.query.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
}

/// An answer: status, content type and body; `allow` lists the methods for a 405.
#[derive(Debug)]
pub struct Response {
    /// HTTP status code.
    pub status: u16,
    /// `Content-Type`.
    pub content_type: &'static str,
    /// The body.
    pub body: Vec<u8>,
    /// For 405: the methods the path takes.
    pub allow: Option<&'static str>,
}

impl Response {
    /// A 200 with this body.
    pub fn ok(content_type: &'static str, body: Vec<u8>) -> Response {
        Response { status: 200, content_type, body, allow: None }
    }

    /// A JSON body with this status.
    pub fn json(status: u16, value: &serde_json::Value) -> Response {
        let mut body = serde_json::to_vec_pretty(value).unwrap_or_default();
        body.push(b'\n');
        Response { status, content_type: "application/json", body, allow: None }
    }

    /// `{"error": message}` with this status.
    pub fn error(status: u16, message: &str) -> Response {
        Response::json(status, &serde_json::json!({ "error": message }))
    }

    /// 405, naming the methods the path takes.
    pub fn method_not_allowed(allow: &'static str) -> Response {
        Response { allow: Some(allow), ..Response::error(405, &format!("this path takes {allow}")) }
    }
}

/// Reads one request, or the response that refuses it (400, 408, 411, 413, 431, 501). A body
/// longer than `max_body` is refused without being read.
pub fn read_request(stream: &TcpStream, max_body: usize) -> Result<Request, Response> {
    let mut reader = BufReader::new(Timed { stream, deadline: Instant::now() + IO_TIMEOUT });
    let mut head = Vec::new();
    loop {
        let before = head.len();
        let read =
            (&mut reader).take((MAX_HEAD_BYTES + 1 - head.len()) as u64).read_until(b'\n', &mut head).map_err(|e| {
                match e.kind() {
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut => {
                        Response::error(408, "the request took too long to arrive")
                    }
                    _ => Response::error(400, "the request could not be read"),
                }
            })?;
        if head.len() > MAX_HEAD_BYTES {
            return Err(Response::error(
                431,
                &format!("request line and headers may hold at most {MAX_HEAD_BYTES} bytes"),
            ));
        }
        if read == 0 {
            return Err(Response::error(400, "the request ended before its headers did"));
        }
        let line = &head[before..];
        if line == b"\r\n" || line == b"\n" {
            break;
        }
    }
    let head = String::from_utf8(head).map_err(|_| Response::error(400, "request headers must be UTF-8"))?;
    let mut lines = head.lines();
    let request_line = lines.next().unwrap_or_default();
    let mut parts = request_line.split(' ');
    let (Some(method), Some(target), Some(version), None) = (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(Response::error(400, "malformed request line"));
    };
    if !version.starts_with("HTTP/1.") {
        return Err(Response::error(505, "only HTTP/1.x is spoken here"));
    }
    let mut headers = Vec::new();
    for line in lines.filter(|l| !l.is_empty()) {
        let Some((name, value)) = line.split_once(':') else {
            return Err(Response::error(400, "malformed header line"));
        };
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
    }
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let query = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            Ok((percent_decode(k)?, percent_decode(v)?))
        })
        .collect::<Result<Vec<_>, Response>>()?;
    let mut request =
        Request { method: method.to_string(), path: percent_decode(path)?, query, headers, body: Vec::new() };
    if request.header("transfer-encoding").is_some() {
        return Err(Response::error(411, "send the body with a Content-Length, not chunked"));
    }
    let length = match request.header("content-length") {
        Some(text) => {
            text.parse::<usize>().map_err(|_| Response::error(400, "Content-Length must be a whole number"))?
        }
        None => 0,
    };
    if length > max_body {
        return Err(Response::error(413, &format!("the body may hold at most {max_body} bytes; it has {length}")));
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).map_err(|e| read_failure(&e, "the body is shorter than its Content-Length"))?;
    request.body = body;
    Ok(request)
}

/// Writes `response` and closes the exchange (`Connection: close`). Headers forbid the answer
/// being sniffed, framed or cached; there are no CORS headers, so other origins cannot read it.
pub fn write_response(mut stream: &TcpStream, response: &Response) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n\
         X-Content-Type-Options: nosniff\r\nX-Frame-Options: DENY\r\nCache-Control: no-store\r\n\
         Content-Security-Policy: default-src 'self'; img-src 'self' blob: data:; style-src 'self' 'unsafe-inline'; font-src data:\r\n",
        response.status,
        reason(response.status),
        response.content_type,
        response.body.len()
    );
    if let Some(allow) = response.allow {
        head.push_str(&format!("Allow: {allow}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(&response.body)?;
    stream.flush()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        411 => "Length Required",
        413 => "Content Too Large",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        503 => "Service Unavailable",
        505 => "HTTP Version Not Supported",
        _ => "",
    }
}

/// `%41` → `A` and `+` → space, as in a query string; bad escapes or non-UTF-8 are a 400.
fn percent_decode(text: &str) -> Result<String, Response> {
    let bad = || Response::error(400, "malformed percent-escape in the request target");
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                let hex = text.get(i + 1..i + 3).ok_or_else(bad)?;
                out.push(u8::from_str_radix(hex, 16).map_err(|_| bad())?);
                i += 3;
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_err(|_| bad())
}

/// Whether a `Host` header names this machine by a loopback name — `localhost`, `127.0.0.1` or
/// `[::1]`, with or without a port. Anything else may be a DNS-rebinding page's request.
pub fn loopback_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(rest) => match rest.split_once(']') {
            Some((inside, after)) if after.is_empty() || valid_port(after) => return inside == "::1",
            _ => return false,
        },
        None => match host.split_once(':') {
            Some((name, port)) if valid_port(&format!(":{port}")) => name,
            Some(_) => return false,
            None => host,
        },
    };
    name.eq_ignore_ascii_case("localhost") || name == "127.0.0.1"
}

fn valid_port(text: &str) -> bool {
    text.strip_prefix(':').is_some_and(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()))
}

/// The content types the page sends with a POST: a scenario (`application/toml`) or an edit
/// (`application/json`). Neither is one a cross-site form or a `no-cors` fetch may send
/// without a preflight (those are limited to `text/plain`, `application/x-www-form-urlencoded`
/// and `multipart/form-data`), and the server answers no preflight.
pub const PAGE_CONTENT_TYPES: [&str; 2] = ["application/toml", "application/json"];

/// Why a POST is not the page's own, if it is not: its `Origin` is another site's (the page's
/// origin is `http://` and the `Host` it was served from), the browser marks it as sent from
/// another site (`Sec-Fetch-Site: cross-site` or `same-site`, e.g. another port on this
/// machine), or its content type is not one of [`PAGE_CONTENT_TYPES`]. Scripts that send no
/// `Origin` and `Sec-Fetch-Site` pass with the right content type.
pub fn cross_site_refusal(request: &Request) -> Option<Response> {
    if request.method != "POST" {
        return None;
    }
    let host = request.header("host").unwrap_or_default();
    if let Some(origin) = request.header("origin") {
        let own = origin.strip_prefix("http://").is_some_and(|rest| rest.eq_ignore_ascii_case(host));
        if !own {
            return Some(Response::error(
                403,
                &format!("Origin {origin} is not this page's (http://{host}): requests from other sites are refused"),
            ));
        }
    }
    if let Some(site) = request.header("sec-fetch-site")
        && (site.eq_ignore_ascii_case("cross-site") || site.eq_ignore_ascii_case("same-site"))
    {
        return Some(Response::error(
            403,
            &format!("Sec-Fetch-Site: {site}: only the page itself (same-origin) may send requests"),
        ));
    }
    let media = request.header("content-type").unwrap_or_default().split(';').next().unwrap_or_default().trim();
    if !PAGE_CONTENT_TYPES.iter().any(|t| media.eq_ignore_ascii_case(t)) {
        let given = if media.is_empty() { "none".to_string() } else { media.to_string() };
        return Some(Response::error(
            403,
            &format!(
                "Content-Type {given}: POST with {} (a scenario) or {} (an edit)",
                PAGE_CONTENT_TYPES[0], PAGE_CONTENT_TYPES[1]
            ),
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_names_only() {
        for host in ["localhost", "localhost:8750", "127.0.0.1:80", "[::1]", "[::1]:8750", "LOCALHOST:1"] {
            assert!(loopback_host(host), "{host}");
        }
        for host in [
            "evil.example",
            "evil.example:8750",
            "127.0.0.1.evil",
            "localhost.",
            "[::2]:1",
            "127.0.0.1:x",
            "",
            "[::1]x",
        ] {
            assert!(!loopback_host(host), "{host}");
        }
    }

    #[test]
    fn query_decoding() {
        assert_eq!(percent_decode("a%20b+c").unwrap(), "a b c");
        assert!(percent_decode("%zz").is_err());
        assert!(percent_decode("%ff").is_err());
        assert!(percent_decode("%4").is_err());
    }
}
