//! `reachmap serve`: the scenario model behind a local page. A fixed pool of worker threads
//! answers on 127.0.0.1 only; each request is read with deadlines and caps, checked for a
//! loopback `Host` (against DNS rebinding) and, for a POST, for being the page's own (its
//! `Origin`, `Sec-Fetch-Site` and content type: against other sites' pages), and handed to the
//! [`App`]. A handler that fails —
//! even by panicking — costs its request a 500, never the server.
//!
//! The API (the page uses it; scripts may too) is listed in the README and in [`App::handle`].

use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc::{Receiver, SyncSender, TrySendError, sync_channel};
use std::sync::{Arc, Mutex};

mod app;
mod edit;
pub mod http;
mod rotating;

pub use app::{App, EMPTY_SCENARIO, MAX_SERVED_SIDE_PX};
pub use http::{Request, Response};

use crate::error::{Error, Field, Result};
use crate::input::MAX_SCENARIO_BYTES;

/// The port `reachmap serve` listens on unless told otherwise.
pub const DEFAULT_PORT: u16 = 8750;

/// Connections accepted but not yet taken by a worker; beyond this the server answers 503.
const QUEUE: usize = 64;

/// What answers a request: the [`App`], or in tests an app wrapped with failing routes.
pub trait Handler: Send + Sync {
    /// The response to a request that passed the server's checks.
    fn handle(&self, request: &Request) -> Response;
}

impl Handler for App {
    fn handle(&self, request: &Request) -> Response {
        App::handle(self, request)
    }
}

/// A listener on 127.0.0.1 at `port` (0: any free port), its error naming the port.
pub fn bind(port: u16, field: impl Into<Field>) -> Result<TcpListener> {
    TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port))).map_err(|e| {
        Error::invalid(field, &port.to_string(), format!("cannot listen on 127.0.0.1:{port}: {e}; choose another port"))
    })
}

/// Serves `listener` with `workers` threads until the process ends. Every connection gets one
/// answer; a panic inside `handler` is caught and answered with 500.
pub fn serve(listener: TcpListener, handler: Arc<dyn Handler>, workers: usize) {
    let (queue, taken): (SyncSender<TcpStream>, Receiver<TcpStream>) = sync_channel(QUEUE);
    let taken = Arc::new(Mutex::new(taken));
    for _ in 0..workers.max(1) {
        let taken = Arc::clone(&taken);
        let handler = Arc::clone(&handler);
        std::thread::spawn(move || {
            loop {
                // The lock is held only while waiting for the next connection, so a worker
                // that panicked (it cannot: handlers run under catch_unwind) would not poison it.
                let next = match taken.lock() {
                    Ok(receiver) => receiver.recv(),
                    Err(poisoned) => poisoned.into_inner().recv(),
                };
                let Ok(stream) = next else { return };
                answer(&stream, handler.as_ref());
            }
        });
    }
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        if let Err(TrySendError::Full(stream)) = queue.try_send(stream) {
            let _ = stream.set_write_timeout(Some(http::IO_TIMEOUT));
            let _ = http::write_response(&stream, &Response::error(503, "the server is busy; try again"));
        }
    }
}

/// Reads one request from `stream`, checks it, and writes the handler's answer.
fn answer(stream: &TcpStream, handler: &dyn Handler) {
    let _ = stream.set_read_timeout(Some(http::IO_TIMEOUT));
    let _ = stream.set_write_timeout(Some(http::IO_TIMEOUT));
    let (response, refused) = match http::read_request(stream, MAX_SCENARIO_BYTES as usize) {
        Err(refusal) => (refusal, true),
        Ok(request) => match request.header("host") {
            Some(host) if http::loopback_host(host) => match http::cross_site_refusal(&request) {
                Some(refusal) => (refusal, false),
                None => {
                    let answered = catch_unwind(AssertUnwindSafe(|| handler.handle(&request)));
                    (
                        answered.unwrap_or_else(|_| {
                            Response::error(500, "the request failed inside the server; it keeps serving")
                        }),
                        false,
                    )
                }
            },
            _ => (Response::error(403, "the Host header must be localhost, 127.0.0.1 or [::1]"), false),
        },
    };
    let _ = http::write_response(stream, &response);
    let _ = stream.shutdown(std::net::Shutdown::Write);
    if refused {
        // A refused request may still be arriving (an oversized body): read a bounded amount of
        // it, briefly, so that closing does not reset the connection before the peer has read
        // the answer.
        let _ = stream.set_read_timeout(Some(std::time::Duration::from_millis(500)));
        let _ = std::io::copy(&mut std::io::Read::take(stream, 2 * MAX_SCENARIO_BYTES), &mut std::io::sink());
    }
}
