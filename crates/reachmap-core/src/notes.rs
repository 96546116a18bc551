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
