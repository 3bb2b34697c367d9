//! The block scanner: splits a ledger's text into `[[entry]]` blocks, reads
//! each with the fast reader or the TOML fallback, and tells a torn tail (an
//! incomplete last entry, as a write cut short leaves it) from an error.
//!
//! The last block is torn when, at the end of the file, it lacks a required
//! field, leaves a multi-line string open, or fails on a last line that has
//! no line break (cut mid-line). Any other fault is an error with its line.

use super::fallback::slow_block;
use super::fast_line::{Line, Raw, decode_basic, fast_line, unterminated};
use super::fields::{FIELDS, Fields, FromBlock, Value, missing};
use super::{LedgerError, err};
use chrono::FixedOffset;
use std::borrow::Cow;
use std::marker::PhantomData;

/// Where a scan starts: a line start at byte `offset`, after `line` lines.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Resume {
    pub offset: usize,
    pub line: usize,
}

/// What a scan of a text found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Outcome {
    pub entries: usize,
    /// The torn tail's first line and byte offset in the text.
    pub torn: Option<Resume>,
    /// Where the last block seen starts (its header line and offset).
    pub last_block: Option<Resume>,
}

/// Whether a line ends inside a multi-line string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    Nothing,
    Basic,
    Literal,
}

/// One block while it is read.
struct Block {
    header: usize,
    start: usize,
    slots: [Option<(usize, Raw)>; FIELDS.len()],
    slow: bool,
}

struct Scanner<'t, T, F> {
    item: PhantomData<fn(T)>,
    text: &'t str,
    zone: FixedOffset,
    f: F,
    block: Option<Block>,
    open: Open,
    entries: usize,
    last_block: Option<Resume>,
}

/// Scans `text` from `from`, calling `f(header_line, item)` per entry.
pub(super) fn scan_text<T: FromBlock>(
    text: &str,
    from: Resume,
    cut: bool,
    zone: FixedOffset,
    f: impl FnMut(usize, T),
) -> Result<Outcome, LedgerError> {
    let mut s = Scanner {
        item: PhantomData,
        text,
        zone,
        f,
        block: None,
        open: Open::Nothing,
        entries: 0,
        last_block: None,
    };
    let bytes = text.as_bytes();
    let mut pos = from.offset;
    let mut line_no = from.line;
    let mut cut_line = None;
    while pos < bytes.len() {
        let nl = memchr::memchr(b'\n', &bytes[pos..]);
        let end = nl.map_or(bytes.len(), |i| pos + i);
        let line = &text[pos..end];
        let line = line.strip_suffix('\r').unwrap_or(line);
        line_no += 1;
        if nl.is_none() {
            cut_line = Some(line_no);
        }
        match s.line(line, pos, line_no) {
            Ok(()) => {}
            Err(e) if cut_line == Some(e.line) => return Ok(s.torn_here(line_no, pos)),
            Err(e) => return Err(e),
        }
        pos = nl.map_or(bytes.len(), |i| pos + i + 1);
    }
    if s.open != Open::Nothing {
        return Ok(s.torn_here(line_no, pos));
    }
    match s.finish(bytes.len(), true) {
        Ok(true) => Ok(s.torn_here(line_no, pos)),
        Err(e) if cut_line == Some(e.line) => Ok(s.torn_here(line_no, pos)),
        Err(e) => Err(e),
        Ok(false) if cut && cut_line.is_none() => Ok(s.torn_here(line_no + 1, bytes.len())),
        Ok(false) => Ok(s.outcome(None)),
    }
}

impl<T: FromBlock, F: FnMut(usize, T)> Scanner<'_, T, F> {
    fn line(&mut self, line: &str, pos: usize, line_no: usize) -> Result<(), LedgerError> {
        if self.open != Open::Nothing {
            self.open = open_after(line, self.open);
            return Ok(());
        }
        let trimmed = line.trim_matches([' ', '\t']);
        if trimmed.starts_with('[') {
            self.finish(pos, false)?;
            // A bad bracket line starts the next (possibly torn) block.
            self.block = Some(Block {
                header: line_no,
                start: pos,
                slots: Default::default(),
                slow: false,
            });
            if is_entry_header(trimmed) {
                return Ok(());
            }
            return Err(err(
                line_no,
                format!("台账中只能有 [[entry]] 表，不能有 {trimmed}"),
            ));
        }
        let Some(b) = self.block.as_mut() else {
            if trimmed.is_empty() || trimmed.starts_with('#') {
                return Ok(());
            }
            return Err(err(
                line_no,
                "第一个 [[entry]] 之前只能有注释和空行；每条记录以 [[entry]] 开头",
            ));
        };
        if b.slow {
            self.open = open_after(line, Open::Nothing);
            return Ok(());
        }
        if trimmed.is_empty() {
            return Ok(());
        }
        if trimmed.starts_with('#') {
            b.slow = trimmed
                .bytes()
                .any(|c| (c < 0x20 && c != b'\t') || c == 0x7f);
            return Ok(());
        }
        match fast_line(line, pos) {
            Line::Field(k, raw) => {
                if b.slots[k].is_some() {
                    return Err(err(
                        line_no,
                        format!("字段 {} 在同一条目中重复出现", FIELDS[k]),
                    ));
                }
                b.slots[k] = Some((line_no, raw));
            }
            Line::Other if unterminated(trimmed) => {
                return Err(err(line_no, "字符串缺少结束的引号（\"）"));
            }
            Line::OpensString | Line::Other => {
                b.slow = true;
                self.open = open_after(line, Open::Nothing);
            }
        }
        Ok(())
    }

    /// Ends the current block at byte `end`; `Ok(true)` when it is the last
    /// block and lacks a required field (a torn tail).
    fn finish(&mut self, end: usize, at_eof: bool) -> Result<bool, LedgerError> {
        let Some(b) = &self.block else {
            return Ok(false);
        };
        let (header, start) = (b.header, b.start);
        self.last_block = Some(Resume {
            offset: start,
            line: header,
        });
        let fields = if b.slow {
            slow_block(&self.text[start..end], header)?
        } else {
            b.fields(self.text)?
        };
        if at_eof && missing(&fields).is_some() {
            return Ok(true);
        }
        let item = T::from_fields(fields, header, self.zone)?;
        self.block = None;
        (self.f)(header, item);
        self.entries += 1;
        Ok(false)
    }

    /// The outcome when the tail from the current block (or from `line` at
    /// `pos` outside any block) is torn.
    fn torn_here(&mut self, line: usize, pos: usize) -> Outcome {
        let at = match &self.block {
            Some(b) => Resume {
                offset: b.start,
                line: b.header,
            },
            None => Resume { offset: pos, line },
        };
        self.outcome(Some(at))
    }

    fn outcome(&self, torn: Option<Resume>) -> Outcome {
        Outcome {
            entries: self.entries,
            torn,
            last_block: self.last_block.or(torn),
        }
    }
}

impl Block {
    fn fields<'t>(&self, text: &'t str) -> Result<Fields<'t>, LedgerError> {
        let mut fields: Fields = Default::default();
        for (k, slot) in self.slots.iter().enumerate() {
            let Some((line, raw)) = *slot else {
                continue;
            };
            let value = match raw {
                Raw::Basic {
                    start,
                    end,
                    escaped: false,
                }
                | Raw::Literal { start, end } => Value::Str(Cow::Borrowed(&text[start..end])),
                Raw::Basic {
                    start,
                    end,
                    escaped: true,
                } => match decode_basic(&text[start..end]) {
                    Some(s) => Value::Str(Cow::Owned(s)),
                    None => return Err(err(line, "字符串中有无效的转义")),
                },
                Raw::Date(d) => Value::Date(d),
                Raw::DateTime(t) => Value::DateTime(t),
                Raw::Offset(t) => Value::Offset(t),
            };
            fields[k] = Some((line, value));
        }
        Ok(fields)
    }
}

fn is_entry_header(trimmed: &str) -> bool {
    let Some(rest) = trimmed.strip_prefix("[[") else {
        return false;
    };
    let Some((name, tail)) = rest.split_once("]]") else {
        return false;
    };
    let tail = tail.trim_start_matches([' ', '\t']);
    name.trim_matches([' ', '\t']) == "entry" && (tail.is_empty() || tail.starts_with('#'))
}

/// Scans one line's strings and comments to know whether it leaves a
/// multi-line string open, so that `[[entry]]` inside one is not a header.
fn open_after(line: &str, mut state: Open) -> Open {
    let b = line.as_bytes();
    let mut i = 0;
    let run = |i: usize, q: u8| b[i..].iter().take_while(|&&c| c == q).count();
    while i < b.len() {
        match state {
            Open::Nothing => match b[i] {
                b'#' => return Open::Nothing,
                q @ (b'"' | b'\'') => {
                    if run(i, q) >= 3 {
                        state = if q == b'"' {
                            Open::Basic
                        } else {
                            Open::Literal
                        };
                        i += 3;
                        continue;
                    }
                    // A one-line string: skip to its close.
                    i += 1;
                    while i < b.len() && b[i] != q {
                        if q == b'"' && b[i] == b'\\' {
                            i += 1;
                        }
                        i += 1;
                    }
                    i += 1;
                }
                _ => i += 1,
            },
            Open::Basic | Open::Literal => {
                let q = if state == Open::Basic { b'"' } else { b'\'' };
                if q == b'"' && b[i] == b'\\' {
                    i += 2;
                    continue;
                }
                if b[i] == q && run(i, q) >= 3 {
                    i += run(i, q).min(5);
                    state = Open::Nothing;
                    continue;
                }
                i += 1;
            }
        }
    }
    state
}
