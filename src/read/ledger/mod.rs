//! Reads a unit's ledger: an array of `[[entry]]` tables.
//!
//! A ledger can hold a million entries, so it is decoded once (UTF-8 checked
//! once per file; a BOM, CRLF, CR-only lines and GBK as Notepad and WPS save
//! them are accepted) and split over the whole buffer, one `[[entry]]` block
//! at a time, never building a tree. Blocks in the form the tool writes take
//! the fast reader ([`fast_line`]); any other block (hand-edited, multi-line
//! strings, inline tables) is handed to the `toml` parser ([`fallback`]), so
//! the result is the same as parsing the file as TOML. Property tests hold
//! the two together.
//!
//! A last entry cut short (a crash or a full disk during `log`) is not an
//! error: the scan delivers every entry before it and reports it as
//! [`Torn`], so views can treat it as absent and a locked writer can move
//! it aside. See [`blocks`] for what counts as torn.

mod blocks;
mod fallback;
mod fast_line;
mod fields;

pub use crate::read::text_style::{Encoding, LineEnding, TextStyle};
use blocks::scan_text;
pub(crate) use blocks::{Outcome, Resume};
pub use fields::FIELDS;

use crate::model::{Entry, EntryId, Status, Zone};
use crate::read::text_style::{self, Decoded};
use chrono::{FixedOffset, NaiveDate, NaiveDateTime};
use fields::FromBlock;
use std::fmt;

/// What is wrong with a ledger, and on which line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for LedgerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "第{}行：{}", self.line, self.message)
    }
}

impl std::error::Error for LedgerError {}

fn err(line: usize, message: impl Into<String>) -> LedgerError {
    LedgerError {
        line,
        message: message.into(),
    }
}

/// The facts of an entry the status rules need, read without decoding the
/// free text (which is still checked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    pub date: NaiveDate,
    /// Shared: the facts cache hands out one copy per distinct id.
    pub measure: std::sync::Arc<str>,
    pub status: Status,
    pub recorded: NaiveDateTime,
    pub replaces: Option<EntryId>,
}

impl Facts {
    pub fn of(e: &Entry) -> Facts {
        Facts {
            date: e.date,
            measure: e.measure.as_str().into(),
            status: e.status,
            recorded: e.recorded,
            replaces: e.replaces,
        }
    }
}

/// An incomplete last entry: from `line` (1-based) and `byte_offset` in the
/// file to its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Torn {
    pub line: usize,
    pub byte_offset: u64,
}

/// What a scan of a whole ledger found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scanned {
    /// Entries delivered (the torn tail, if any, is not one).
    pub entries: usize,
    pub torn: Option<Torn>,
    /// Encoding, byte-order mark and line ending, for appending in kind.
    pub style: TextStyle,
}

/// How to read times: `recorded` with an offset (`Z`, `+08:00`) is
/// converted to the plan's local time in `zone`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScanOptions {
    pub zone: FixedOffset,
}

impl ScanOptions {
    /// Times read in the plan's zone.
    pub fn in_zone(zone: Zone) -> ScanOptions {
        ScanOptions {
            zone: zone.offset(),
        }
    }
}

impl Default for ScanOptions {
    /// Beijing time, UTC+8: the default zone of a plan.
    fn default() -> Self {
        ScanOptions::in_zone(Zone::default())
    }
}

/// Reads a ledger's bytes, calling `f(header_line, entry)` for each entry
/// in file order. Stops at the first error.
pub fn scan(
    bytes: &[u8],
    options: &ScanOptions,
    f: impl FnMut(usize, Entry),
) -> Result<Scanned, LedgerError> {
    scan_as(bytes, options, f)
}

/// Reads a ledger's [`Facts`] only: what the views fold.
pub fn scan_facts(
    bytes: &[u8],
    options: &ScanOptions,
    f: impl FnMut(usize, Facts),
) -> Result<Scanned, LedgerError> {
    scan_as(bytes, options, f)
}

/// Decodes a ledger's bytes; the error names the line and the fix.
pub(crate) fn decode(bytes: &[u8]) -> Result<Decoded<'_>, LedgerError> {
    text_style::decode(bytes).map_err(|d| {
        let message = match &d.help {
            Some(h) => format!("{}；{h}", d.message),
            None => d.message.clone(),
        };
        err(d.line.unwrap_or(1), message)
    })
}

/// The result of a scan of decoded text, offsets mapped back to the file.
pub(crate) fn scanned(decoded: &Decoded, outcome: &Outcome) -> Scanned {
    Scanned {
        entries: outcome.entries,
        torn: outcome.torn.map(|t| Torn {
            line: t.line,
            byte_offset: decoded.file_offset(t.offset),
        }),
        style: decoded.style,
    }
}

fn scan_as<T: FromBlock>(
    bytes: &[u8],
    options: &ScanOptions,
    f: impl FnMut(usize, T),
) -> Result<Scanned, LedgerError> {
    let decoded = decode(bytes)?;
    let outcome = scan_text(
        &decoded.text,
        Resume::default(),
        decoded.cut,
        options.zone,
        f,
    )?;
    Ok(scanned(&decoded, &outcome))
}

/// Scans decoded text from `from` for facts (the facts cache extends a
/// ledger this way from where it stopped).
pub(crate) fn scan_facts_text(
    text: &str,
    from: Resume,
    cut: bool,
    options: &ScanOptions,
    f: impl FnMut(usize, Facts),
) -> Result<Outcome, LedgerError> {
    scan_text(text, from, cut, options.zone, f)
}

/// Scans decoded text from `from` for whole entries (a reader that wants
/// some blocks only scans the slice that holds them).
pub(crate) fn scan_entries_text(
    text: &str,
    from: Resume,
    cut: bool,
    options: &ScanOptions,
    f: impl FnMut(usize, Entry),
) -> Result<Outcome, LedgerError> {
    scan_text(text, from, cut, options.zone, f)
}

/// Parses a whole ledger held in memory (tests, small files); a torn tail
/// is left out.
pub fn parse(text: &str) -> Result<Vec<(usize, Entry)>, LedgerError> {
    let mut out = Vec::new();
    scan(text.as_bytes(), &ScanOptions::default(), |line, e| {
        out.push((line, e))
    })?;
    Ok(out)
}

#[cfg(test)]
mod tests;
