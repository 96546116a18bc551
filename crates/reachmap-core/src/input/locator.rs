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

    /// The text at `span`, as written (empty where the span is not within it).
    pub fn text_at(&self, span: Range<usize>) -> &str {
        self.text.get(span).unwrap_or("")
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
        Error::invalid(format!("{}: {key}", self.at(span.start)), value, reason)
    }

    /// A TOML syntax or type error, located, with the offending line quoted.
    pub fn toml_error(&self, e: &toml::de::Error) -> Error {
        let span = e.span().unwrap_or(0..0);
        let start = char_boundary(self.text, span.start);
        let line_start = self.text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = self.text[start..].find('\n').map_or(self.text.len(), |i| start + i);
        let line = self.text[line_start..line_end].trim_end_matches('\r').trim();
        let message = plain_words(e.message().trim_end_matches('\n').replace('\n', " ").as_str());
        // A value of the wrong type: name its key and quote the value alone.
        let value_at = &self.text[start..char_boundary(self.text, span.end.max(start))];
        let key = line.split_once('=').map(|(k, _)| k.trim()).filter(|k| !k.is_empty() && start > line_start + k.len());
        let field = match key {
            Some(key) if message.starts_with("expected") => format!("{}: {key}", self.at(span.start)),
            _ => self.at(span.start),
        };
        let value = if key.is_some() && message.starts_with("expected") && !value_at.trim().is_empty() {
            value_at.trim().trim_matches('"')
        } else {
            line
        };
        Error::Invalid { field: field.into(), value: value.chars().take(120).collect(), reason: message }
    }
}

/// A TOML reader's message in a user's words: `invalid type: string "300dpi", expected f64`
/// becomes `expected a number, such as 300, not text ("300dpi")`.
fn plain_words(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("invalid type: ")
        && let Some((found, wanted)) = rest.rsplit_once(", expected ")
    {
        return format!("expected {}, not {}", wanted_words(wanted), found_words(found));
    }
    if let Some(rest) = message.strip_prefix("invalid value: ")
        && let Some((found, wanted)) = rest.rsplit_once(", expected ")
    {
        return format!("expected {}, not {}", wanted_words(wanted), found_words(found));
    }
    message.replace("missing field", "missing key").replace("unknown field", "unknown key")
}

fn wanted_words(wanted: &str) -> String {
    let w = wanted.trim();
    match w {
        "f64" | "f32" | "a float" | "a number" => "a number, such as 300".to_string(),
        "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize" | "an integer" => {
            "a whole number, such as 3".to_string()
        }
        "a boolean" | "bool" => "true or false".to_string(),
        "a string" | "a borrowed string" | "string" => "text in quotes, such as \"Warsaw\"".to_string(),
        "a sequence" => "a list in brackets, such as [500, 1000]".to_string(),
        w if w.starts_with("struct ") || w == "a map" => "a table (a [section] or { key = value })".to_string(),
        other => other.to_string(),
    }
}

fn found_words(found: &str) -> String {
    let f = found.trim();
    let quoted = |prefix: &str| f.strip_prefix(prefix).map(|v| v.trim().trim_matches('`').to_string());
    if let Some(v) = quoted("string ") {
        return format!("text ({v})");
    }
    if let Some(v) = quoted("integer ").or_else(|| quoted("floating point ")) {
        return format!("the number {v}");
    }
    if let Some(v) = quoted("boolean ") {
        return v;
    }
    match f {
        "sequence" => "a list".to_string(),
        "map" => "a table".to_string(),
        other => other.to_string(),
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
