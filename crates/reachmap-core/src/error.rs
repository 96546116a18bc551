//! The library's one error type. Every variant that comes from user input names the field, the
//! value that was given and what is allowed, so the binary can print it as it is.
//!
//! A field is a [`Field`]: either the input as its user gave it (a flag, a key in a file at its
//! line and column, supplied by the caller), or, for a check the library makes on its own
//! account, what the input is ([`Field::Range`], [`Field::Target`], …), which the command line
//! and scenarios turn into a flag or a position with [`Error::naming`].

use std::fmt;
use std::path::PathBuf;

/// Which input an error is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Field {
    /// The input as its user gave it, named by the caller: a flag (`--site Kaliningrad`), a key
    /// in a file at its position (`s.toml:4:9: [sweep] step_km`), a file (`places.csv`).
    Given(String),
    /// A site's position or name, where the library checks sites together.
    Site,
    /// A site's name on its own (empty, control characters).
    SiteName,
    /// A range: a radius, a band or an estimate, from a number or a system's figure.
    Range,
    /// A launch area.
    Area,
    /// A launch area's buffer radius.
    Radius,
    /// The tolerance of a drawn ring against the true circle.
    Tolerance,
    /// A footprint's targets.
    Target,
    /// A system of the catalog.
    System,
    /// Flight-time isochrones' minutes.
    Minutes,
    /// A map preset.
    Preset,
    /// A map's frame: its projection and what it is fitted to.
    Frame,
    /// A map's extent.
    Extent,
    /// The page width in pixels.
    PageWidth,
    /// The page height a map's width and its extent's shape give: a caller may name the extent
    /// instead.
    PageHeight,
    /// The output format of a report.
    Format,
    /// An output file.
    Output,
}

impl Field {
    /// The word the library uses for a field it names itself (`range`, `site name`); the text as
    /// given for [`Field::Given`].
    pub fn as_str(&self) -> &str {
        match self {
            Field::Given(text) => text,
            Field::Site => "site",
            Field::SiteName => "site name",
            Field::Range => "range",
            Field::Area => "area",
            Field::Radius => "radius",
            Field::Tolerance => "tolerance",
            Field::Target => "target",
            Field::System => "system",
            Field::Minutes => "minutes",
            Field::Preset => "preset",
            Field::Frame => "frame",
            Field::Extent => "extent",
            Field::PageWidth => "page width",
            Field::PageHeight => "page height (from the extent's shape)",
            Field::Format => "format",
            Field::Output => "output",
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<&str> for Field {
    fn from(text: &str) -> Field {
        Field::Given(text.to_string())
    }
}

impl From<String> for Field {
    fn from(text: String) -> Field {
        Field::Given(text)
    }
}

impl From<&String> for Field {
    fn from(text: &String) -> Field {
        Field::Given(text.clone())
    }
}

impl From<&Field> for Field {
    fn from(field: &Field) -> Field {
        field.clone()
    }
}

/// Everything that can go wrong in reachmap.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Text that should hold a coordinate pair could not be read.
    #[error(
        "{field}: cannot read coordinates from {input:?}: {reason}; expected e.g. \"54.71,20.51\", \"54.71N 20.51E\" or \"54°42′36″N 20°30′36″E\""
    )]
    Coordinates {
        /// Which input held the text (e.g. `--site Kaliningrad`).
        field: Field,
        /// The text as given.
        input: String,
        /// What was wrong with it.
        reason: String,
    },

    /// A number is outside the range the field allows.
    #[error("{field}: {value} is out of range; allowed: {allowed}")]
    OutOfRange {
        /// Which input held the number.
        field: Field,
        /// The value as given (formatted), e.g. `95` or `NaN`.
        value: String,
        /// The allowed range, e.g. `-90 to 90 degrees`.
        allowed: String,
    },

    /// An input that is malformed for reasons other than a number's range.
    #[error("{field}: invalid value {value:?}: {reason}")]
    Invalid {
        /// Which input held the value.
        field: Field,
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

    /// The same error with its field called `to` where the library named it `from`: the
    /// caller says where its user gave the input (a command-line flag, a key in a file).
    ///
    /// ```
    /// use reachmap_core::{Error, Field};
    /// let e = Error::invalid(Field::Preset, "site", "the site preset needs at least one site");
    /// assert!(e.naming(Field::Preset, "--preset").to_string().starts_with("--preset: "));
    /// ```
    pub fn naming(self, from: Field, to: impl Into<Field>) -> Error {
        match self {
            Error::Coordinates { field, input, reason } if field == from => {
                Error::Coordinates { field: to.into(), input, reason }
            }
            Error::OutOfRange { field, value, allowed } if field == from => {
                Error::OutOfRange { field: to.into(), value, allowed }
            }
            Error::Invalid { field, value, reason } if field == from => {
                Error::Invalid { field: to.into(), value, reason }
            }
            other => other,
        }
    }

    /// The field a usage error is about; `None` for the others.
    pub fn field(&self) -> Option<&Field> {
        match self {
            Error::Coordinates { field, .. } | Error::OutOfRange { field, .. } | Error::Invalid { field, .. } => {
                Some(field)
            }
            _ => None,
        }
    }

    /// A number out of its allowed range.
    pub fn out_of_range(field: impl Into<Field>, value: f64, allowed: &str) -> Error {
        Error::OutOfRange { field: field.into(), value: format_value(value), allowed: allowed.to_string() }
    }

    /// A malformed value, with the reason and what is expected instead.
    pub fn invalid(field: impl Into<Field>, value: &str, reason: impl Into<String>) -> Error {
        Error::Invalid { field: field.into(), value: value.to_string(), reason: reason.into() }
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
