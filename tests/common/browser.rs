//! Debian's Chromium for the tests that draw in a real browser: where it is, and the flags
//! that run it headless on this machine's closed network (without the background-networking
//! ones its connections are refused many at a time).

use std::path::PathBuf;

/// Chromium on the `PATH` (`chromium`, or `chromium-browser` elsewhere), if installed.
pub fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| ["chromium", "chromium-browser"].map(|name| dir.join(name)))
        .find(|candidate| candidate.is_file())
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
