//! Notes for the user that are not errors: which of several places a name was taken to mean, a
//! position far from the place it names, a range that may hold a misplaced thousands separator.
//! The library records them as it reads input; the command prints them on standard error.

use std::sync::{Mutex, PoisonError};

/// The notes recorded and not yet taken, each once.
static NOTES: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// How many notes are kept before more are dropped (a long-running server takes none).
const KEPT: usize = 100;

/// Records a note for the user, unless the same note is already waiting.
pub fn note(text: impl Into<String>) {
    let text = text.into();
    let mut notes = NOTES.lock().unwrap_or_else(PoisonError::into_inner);
    if notes.len() < KEPT && !notes.contains(&text) {
        notes.push(text);
    }
}

/// The notes recorded since the last call, in the order they were recorded.
pub fn take() -> Vec<String> {
    std::mem::take(&mut *NOTES.lock().unwrap_or_else(PoisonError::into_inner))
}

/// Notes a range written with three decimals under 10 km (`2.350`), as typed (`text`, a
/// number or a TOML array of numbers): it may be 2,350 km written with a decimal point as the
/// thousands separator. `field` names where it was written.
///
/// ```
/// reachmap_core::notes::decimal_km("2.350", "--range-km");
/// assert_eq!(reachmap_core::notes::take(), ["--range-km 2.350: 2.35 km; did you mean 2,350 km?"]);
/// ```
pub fn decimal_km(text: &str, field: &str) {
    for piece in text.trim().trim_start_matches('[').trim_end_matches(']').split(',') {
        let piece = piece.trim();
        let Ok(km) = piece.parse::<f64>() else { continue };
        if let Some((whole, decimals)) = piece.split_once('.')
            && decimals.len() == 3
            && decimals.bytes().all(|b| b.is_ascii_digit())
            && (1.0..10.0).contains(&km)
        {
            let meant = format!("{}{decimals}", whole.trim());
            let meant_km = meant.parse::<u64>().map(crate::format::group_digits).unwrap_or(meant);
            note(format!("{field} {piece}: {} km; did you mean {meant_km} km?", crate::format::format_km(km)));
        }
    }
}
