//! The library's one error type. Every variant that comes from user input names the field, the
//! value that was given and what is allowed, so the binary can print it as it is.

use std::path::PathBuf;

/// Everything that can go wrong in reachmap.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Text that should hold a coordinate pair could not be read.
    #[error(
        "{field}: cannot read coordinates from {input:?}: {reason}; expected e.g. \"54.71,20.51\", \"54.71N 20.51E\" or \"54°42′36″N 20°30′36″E\""
    )]
    Coordinates {
        /// Which input held the text (e.g. `--site Kaliningrad`).
        field: String,
        /// The text as given.
        input: String,
        /// What was wrong with it.
        reason: String,
    },

    /// A number is outside the range the field allows.
    #[error("{field}: {value} is out of range; allowed: {allowed}")]
    OutOfRange {
        /// Which input held the number.
        field: String,
        /// The value as given (formatted), e.g. `95` or `NaN`.
        value: String,
        /// The allowed range, e.g. `-90 to 90 degrees`.
        allowed: String,
    },

    /// An input that is malformed for reasons other than a number's range.
    #[error("{field}: invalid value {value:?}: {reason}")]
    Invalid {
        /// Which input held the value.
        field: String,
        /// The value as given.
        value: String,
        /// What is wrong and what is expected instead.
        reason: String,
    },

    /// Reading or writing a file failed. The system's message is part of this error's own
    /// text, not a separate cause, so that it is printed once.
    #[error("{path}: {error}")]
    Io {
        /// The file involved.
        path: PathBuf,
        /// The underlying error.
        error: std::io::Error,
    },

    /// An embedded asset could not be read (a build defect, not a user error).
    #[error("{0}")]
    Asset(String),

    /// Projecting or drawing failed.
    #[error("{0}")]
    Render(String),

    /// Serialising output failed.
    #[error("writing JSON: {0}")]
    Json(#[from] serde_json::Error),

    /// Writing CSV failed.
    #[error("writing CSV: {0}")]
    Csv(String),

    /// A failure inside reachmap or a library it uses (compressing, encoding), not caused by the
    /// input: exit code 1 and HTTP 500, never reported as bad input.
    #[error("{0}")]
    Internal(String),
}

impl Error {
    /// Whether the error was caused by the user's input (exit code 2) rather than by the
    /// environment at run time (exit code 1).
    pub fn is_usage(&self) -> bool {
        matches!(self, Error::Coordinates { .. } | Error::OutOfRange { .. } | Error::Invalid { .. })
    }

    /// The same error with its field called `to` where it is exactly `from`: the caller names
    /// an input the way its user gave it (a command-line flag, a key in a file).
    ///
    /// ```
    /// use reachmap_core::Error;
    /// let e = Error::invalid("preset", "site", "the site preset needs at least one site");
    /// assert!(e.naming("preset", "--preset").to_string().starts_with("--preset: "));
    /// ```
    pub fn naming(self, from: &str, to: &str) -> Error {
        match self {
            Error::Coordinates { field, input, reason } if field == from => {
                Error::Coordinates { field: to.to_string(), input, reason }
            }
            Error::OutOfRange { field, value, allowed } if field == from => {
                Error::OutOfRange { field: to.to_string(), value, allowed }
            }
            Error::Invalid { field, value, reason } if field == from => {
                Error::Invalid { field: to.to_string(), value, reason }
            }
            other => other,
        }
    }

    /// A number out of its allowed range.
    pub fn out_of_range(field: &str, value: f64, allowed: &str) -> Error {
        Error::OutOfRange { field: field.to_string(), value: format_value(value), allowed: allowed.to_string() }
    }

    /// A malformed value, with the reason and what is expected instead.
    pub fn invalid(field: &str, value: &str, reason: impl Into<String>) -> Error {
        Error::Invalid { field: field.to_string(), value: value.to_string(), reason: reason.into() }
    }
}

/// Formats a user-supplied number the way it was most likely typed (`95`, `NaN`, `-inf`).
fn format_value(value: f64) -> String {
    if value.is_nan() { "NaN".to_string() } else { format!("{value}") }
}

/// The library's result type.
pub type Result<T> = std::result::Result<T, Error>;

/// What an I/O error means, in words without the system's code: `no such file`, `permission
/// denied`.
pub fn io_words(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        std::io::ErrorKind::IsADirectory => "it is a folder, not a file".to_string(),
        _ => {
            let text = e.to_string();
            match text.split_once(" (os error") {
                Some((words, _)) => words.to_lowercase(),
                None => text,
            }
        }
    }
}
