//! The edge where user input comes in: reading the text files users give (scenarios, catalogs,
//! places) with the same guarantees — only regular files (a device or a pipe could never end),
//! at most a stated size, read no further than that even if the file grows, UTF-8 with the
//! first bad byte's line named, and a leading byte-order mark dropped — the positions of TOML
//! values for located errors, and every cap on what one run accepts.

use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result};

mod locator;

pub use locator::Locator;

/// Largest scenario or catalog file read, bytes.
pub const MAX_SCENARIO_BYTES: u64 = 4 << 20;

/// Largest places file read, bytes.
pub const MAX_PLACES_FILE_BYTES: u64 = 64 << 20;

/// Most sites a scenario may place.
pub const MAX_SITES: usize = 1_000;

/// Most sites one command line may give.
pub const MAX_CLI_SITES: usize = 10_000;

/// Most ranges and bands one map draws (each is a colour, a pattern and a legend line).
pub const MAX_OVERLAYS: usize = 24;

/// Most vertices one `rings` run writes (an estimate from the sites, ranges and tolerance):
/// about 2 GB of GeoJSON.
pub const MAX_RING_VERTICES: f64 = 50e6;

/// The path that stands for standard input where an option reads a file (`--area NAME=-`,
/// `--places -`).
pub const STDIN: &str = "-";

/// The text of the file at `path`, at most `max_bytes` long; `what` names the kind of file in
/// errors ("a scenario file").
pub fn read_text(path: &Path, max_bytes: u64, what: &str) -> Result<String> {
    let origin = path.display().to_string();
    let io = |error| Error::Io { path: path.to_path_buf(), error };
    let metadata = std::fs::metadata(path).map_err(io)?;
    if !metadata.is_file() {
        return Err(Error::invalid(
            &origin,
            "",
            format!(
                "{what} must be a regular file, not a directory, device or pipe (give - to read standard input where the option allows it)"
            ),
        ));
    }
    let too_big = |size: u64| {
        Error::invalid(
            &origin,
            &format!("{size} bytes"),
            format!("{what} may hold at most {max_bytes} bytes; split it"),
        )
    };
    if metadata.len() > max_bytes {
        return Err(too_big(metadata.len()));
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    std::fs::File::open(path).map_err(io)?.take(max_bytes + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_big(bytes.len() as u64));
    }
    utf8_text(bytes, &origin)
}

/// Standard input's text, read to its end but no further than `max_bytes`, with the checks of
/// [`read_text`]; `what` names what it should hold in errors ("a launch-area file"). Empty input
/// (nothing piped in) is refused.
pub fn read_stdin(max_bytes: u64, what: &str) -> Result<String> {
    use std::io::IsTerminal;
    let origin = "standard input";
    if std::io::stdin().is_terminal() {
        return Err(Error::invalid(origin, "a terminal", format!("pipe {what} in, e.g. `< file`")));
    }
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| Error::Io { path: origin.into(), error })?;
    if bytes.len() as u64 > max_bytes {
        return Err(Error::invalid(
            origin,
            "more bytes",
            format!("{what} may hold at most {max_bytes} bytes; split it"),
        ));
    }
    let text = utf8_text(bytes, origin)?;
    if text.trim().is_empty() {
        return Err(Error::invalid(origin, "", format!("nothing was read: pipe {what} in, e.g. `< file`")));
    }
    Ok(text)
}

/// `bytes` as UTF-8 text without a leading byte-order mark; `origin` names them in errors.
fn utf8_text(bytes: Vec<u8>, origin: &str) -> Result<String> {
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        Error::invalid(format!("{origin}:{line}"), &format!("byte {at}"), "not UTF-8 text; save the file as UTF-8")
    })?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}
