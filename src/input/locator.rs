//! Positions in a TOML text: byte spans turned into `file:line:column`, and TOML's own errors
//! located and quoted.

use std::ops::Range;

use crate::error::Error;

/// Turns byte spans of a TOML text into `file:line:column` locations.
pub struct Locator<'a> {
    origin: &'a str,
    text: &'a str,
}

impl<'a> Locator<'a> {
    /// A locator for `text`, read from the file named `origin`.
    pub fn new(origin: &'a str, text: &'a str) -> Locator<'a> {
        Locator { origin, text }
    }

    /// The file's name, as given.
    pub fn origin(&self) -> &str {
        self.origin
    }

    /// `file:line:column` of a byte offset (columns count characters, from 1).
    pub fn at(&self, offset: usize) -> String {
        let offset = offset.min(self.text.len());
        let before = &self.text[..char_boundary(self.text, offset)];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        format!("{}:{line}:{column}", self.origin)
    }

    /// The error for a value at `span`: `file:line:column: key`.
    pub fn error(&self, span: Range<usize>, key: &str, value: &str, reason: impl Into<String>) -> Error {
        Error::invalid(&format!("{}: {key}", self.at(span.start)), value, reason)
    }

    /// A TOML syntax or type error, located, with the offending line quoted.
    pub fn toml_error(&self, e: &toml::de::Error) -> Error {
        let span = e.span().unwrap_or(0..0);
        let start = char_boundary(self.text, span.start);
        let line_start = self.text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = self.text[start..].find('\n').map_or(self.text.len(), |i| start + i);
        let line = self.text[line_start..line_end].trim_end_matches('\r').trim();
        let message = e.message().trim_end_matches('\n').replace('\n', " ");
        Error::Invalid { field: self.at(span.start), value: line.chars().take(120).collect(), reason: message }
    }
}

/// The largest character boundary at or before `offset`.
fn char_boundary(text: &str, offset: usize) -> usize {
    let mut i = offset.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}
