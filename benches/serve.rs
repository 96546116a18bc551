//! `reachmap serve` latencies over real HTTP on loopback, in-process server with its worker
//! pool: the page's map (SVG, 1,400 px) and reach report (20 places, land included) for the
//! Europe example, one client at a time, then eight clients at once. `cargo bench --bench serve`.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use reachmap::serve::{App, EMPTY_SCENARIO, bind, serve};

fn post(address: SocketAddr, target: &str, body: &[u8]) -> Vec<u8> {
    let mut stream = TcpStream::connect(address).unwrap();
    let head = format!(
        "POST {target} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/toml\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body).unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).unwrap();
    assert!(answer.starts_with(b"HTTP/1.1 200"), "{}", String::from_utf8_lossy(&answer[..answer.len().min(300)]));
    answer
}

fn serve_bench(c: &mut Criterion) {
    let listener = bind(0, "port").unwrap();
    let address = listener.local_addr().unwrap();
    let app = App::new(EMPTY_SCENARIO, "scenario.toml").unwrap();
    let workers = std::thread::available_parallelism().map_or(4, |n| n.get().max(4));
    std::thread::spawn(move || serve(listener, Arc::new(app), workers));
    let body = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/inf-europe.toml")).unwrap();

    let mut group = c.benchmark_group("serve_inf_europe");
    group.sample_size(20);
    group.bench_function("POST /api/map?format=svg&width_px=1400", |b| {
        b.iter(|| post(address, "/api/map?format=svg&width_px=1400", &body))
    });
    group.bench_function("POST /api/reach?limit=20 (land included)", |b| {
        b.iter(|| post(address, "/api/reach?limit=20", &body))
    });
    group.bench_function("POST /api/frame?width_px=1400&x=700&y=500 (a drag's readout)", |b| {
        b.iter(|| post(address, "/api/frame?width_px=1400&x=700&y=500", &body))
    });
    group.finish();

    // Eight clients at once, each sending 5 maps and 5 reports: every answer a 200, and the
    // wall time and slowest request reported.
    let body = Arc::new(body);
    let start = Instant::now();
    let clients: Vec<_> = (0..8)
        .map(|_| {
            let body = Arc::clone(&body);
            std::thread::spawn(move || {
                let mut slowest = Duration::ZERO;
                for i in 0..10 {
                    let target = if i % 2 == 0 { "/api/map?format=svg&width_px=1400" } else { "/api/reach?limit=20" };
                    let t = Instant::now();
                    post(address, target, &body);
                    slowest = slowest.max(t.elapsed());
                }
                slowest
            })
        })
        .collect();
    let slowest = clients.into_iter().map(|c| c.join().unwrap()).max().unwrap();
    eprintln!(
        "8 clients × 10 requests (maps and reports alternating): {:?} in all, slowest request {:?}, no errors",
        start.elapsed(),
        slowest
    );
}

criterion_group!(benches, serve_bench);
criterion_main!(benches);
