//! Reads a unit's ledger: an array of `[[entry]]` tables, streamed.
//!
//! A ledger can hold a million entries, so it is read block by block (one
//! `[[entry]]` table at a time) and never held whole. Blocks in the form the
//! tool writes take a fast path; any other block (hand-edited, multi-line
//! strings, inline comments the fast path does not know) is handed to the
//! `toml` parser, so the result is the same as parsing the file as TOML.

use crate::clock;
use crate::diagnostic::line_of;
use crate::model::{Entry, Status};
use chrono::{NaiveDate, NaiveDateTime};
use serde::Deserialize;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::io::BufRead;
use toml::Spanned;

/// What is wrong with a ledger, and on which line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for LedgerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "第{}行: {}", self.line, self.message)
    }
}

impl std::error::Error for LedgerError {}

fn err(line: usize, message: impl Into<String>) -> LedgerError {
    LedgerError {
        line,
        message: message.into(),
    }
}

/// A value as the fast path or the TOML parser saw it.
#[derive(Debug, Clone, PartialEq)]
enum Value<'a> {
    Str(Cow<'a, str>),
    Date(NaiveDate),
    DateTime(NaiveDateTime),
    Other(&'static str),
}

const FIELDS: [&str; 8] = [
    "date", "measure", "status", "progress", "problems", "next", "by", "recorded",
];
const DATE: usize = 0;
const MEASURE: usize = 1;
const STATUS: usize = 2;
const PROGRESS: usize = 3;
const PROBLEMS: usize = 4;
const NEXT: usize = 5;
const BY: usize = 6;
const RECORDED: usize = 7;

/// A block's fields by index into [`FIELDS`], each with its line.
type Fields<'a> = [Option<(usize, Value<'a>)>; 8];

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Str(_) => "字符串",
        Value::Date(_) => "日期",
        Value::DateTime(_) => "时间",
        Value::Other(k) => k,
    }
}

/// The facts of an entry the status rules need, read without decoding the
/// free text (which is still checked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    pub date: NaiveDate,
    pub measure: String,
    pub status: Status,
    pub recorded: NaiveDateTime,
}

impl Facts {
    pub fn of(e: &Entry) -> Facts {
        Facts {
            date: e.date,
            measure: e.measure.clone(),
            status: e.status,
            recorded: e.recorded,
        }
    }
}

/// Checks a block's fields and returns the facts; text fields are checked
/// for presence and type only.
fn facts_from(f: &Fields, header: usize) -> Result<Facts, LedgerError> {
    let text = |k: usize, required: bool| -> Result<Option<&Cow<str>>, LedgerError> {
        match &f[k] {
            None if required => Err(err(header, format!("此条目缺少字段 {}", FIELDS[k]))),
            None => Ok(None),
            Some((_, Value::Str(s))) => Ok(Some(s)),
            Some((line, v)) => Err(err(
                *line,
                format!("字段 {} 应为字符串,实为{}", FIELDS[k], kind(v)),
            )),
        }
    };
    let date = match &f[DATE] {
        None => return Err(err(header, "此条目缺少字段 date")),
        Some((_, Value::Date(d))) => *d,
        Some((line, Value::Str(s))) => {
            clock::parse_date(s).map_err(|e| err(*line, format!("date: {e}")))?
        }
        Some((line, v)) => {
            return Err(err(
                *line,
                format!("字段 date 应为日期 YYYY-MM-DD,实为{}", kind(v)),
            ));
        }
    };
    let recorded = match &f[RECORDED] {
        None => return Err(err(header, "此条目缺少字段 recorded")),
        Some((_, Value::DateTime(t))) => *t,
        Some((line, Value::Str(s))) => {
            clock::parse_datetime(s).map_err(|e| err(*line, format!("recorded: {e}")))?
        }
        Some((line, v)) => {
            return Err(err(
                *line,
                format!("字段 recorded 应为时间 YYYY-MM-DDTHH:MM:SS,实为{}", kind(v)),
            ));
        }
    };
    let status_text = text(STATUS, true)?.map(|s| s.as_ref()).unwrap_or_default();
    let status = Status::parse(status_text).ok_or_else(|| {
        let line = f[STATUS].as_ref().map_or(header, |(l, _)| *l);
        err(
            line,
            format!("status = “{status_text}”无效;可用 in_progress、phased、done(或 推进中、取得阶段性成效、已完成)"),
        )
    })?;
    let measure = text(MEASURE, true)?
        .map(|s| s.to_string())
        .unwrap_or_default();
    text(PROGRESS, true)?;
    for k in [PROBLEMS, NEXT, BY] {
        text(k, false)?;
    }
    Ok(Facts {
        date,
        measure,
        status,
        recorded,
    })
}

/// Builds a whole entry from a block's fields.
fn entry_from(mut f: Fields, header: usize) -> Result<Entry, LedgerError> {
    let facts = facts_from(&f, header)?;
    let mut take = |k: usize| -> Option<String> {
        match f[k].take() {
            Some((_, Value::Str(s))) => Some(s.into_owned()),
            _ => None,
        }
    };
    Ok(Entry {
        date: facts.date,
        measure: facts.measure,
        status: facts.status,
        progress: take(PROGRESS).unwrap_or_default(),
        problems: take(PROBLEMS),
        next: take(NEXT),
        by: take(BY),
        recorded: facts.recorded,
    })
}

/// `YYYY-MM-DD`, by hand: the hot path of every ledger line.
fn date_token(t: &[u8]) -> Option<NaiveDate> {
    if t.len() != 10 || t[4] != b'-' || t[7] != b'-' {
        return None;
    }
    let n = |r: std::ops::Range<usize>| -> Option<u32> {
        t[r].iter().try_fold(0u32, |acc, &b| {
            b.is_ascii_digit().then(|| acc * 10 + (b - b'0') as u32)
        })
    };
    NaiveDate::from_ymd_opt(n(0..4)? as i32, n(5..7)?, n(8..10)?)
}

/// `YYYY-MM-DDTHH:MM:SS` with optional fraction.
fn datetime_token(t: &str) -> Option<NaiveDateTime> {
    let b = t.as_bytes();
    if b.len() == 19 && b[10] == b'T' && b[13] == b':' && b[16] == b':' {
        let date = date_token(&b[..10])?;
        let n = |r: std::ops::Range<usize>| -> Option<u32> {
            b[r].iter().try_fold(0u32, |acc, &c| {
                c.is_ascii_digit().then(|| acc * 10 + (c - b'0') as u32)
            })
        };
        return date.and_hms_opt(n(11..13)?, n(14..16)?, n(17..19)?);
    }
    if b.len() > 19 && b.get(10) == Some(&b'T') {
        return NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S%.f").ok();
    }
    None
}

/// What the fast path found on a line: the field, and its value as a range
/// of the block's text (strings) or parsed (dates).
enum Raw {
    /// A basic string's body; `escaped` when it must be decoded.
    Basic {
        start: usize,
        end: usize,
        escaped: bool,
    },
    Literal {
        start: usize,
        end: usize,
    },
    Date(NaiveDate),
    DateTime(NaiveDateTime),
}

/// Scans a basic string body up to its closing quote, checking escapes and
/// control characters: (body length, escaped).
fn scan_basic(body: &str) -> Option<(usize, bool)> {
    let bytes = body.as_bytes();
    let mut i = 0;
    let mut escaped = false;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => return Some((i, escaped)),
            b'\\' => {
                escaped = true;
                let e = *bytes.get(i + 1)?;
                match e {
                    b'"' | b'\\' | b'n' | b't' | b'r' | b'b' | b'f' | b'e' => i += 2,
                    b'u' | b'U' => {
                        let n = if e == b'u' { 4 } else { 8 };
                        let hex = body.get(i + 2..i + 2 + n)?;
                        char::from_u32(u32::from_str_radix(hex, 16).ok()?)?;
                        i += 2 + n;
                    }
                    _ => return None,
                }
            }
            b if (b < 0x20 && b != b'\t') || b == 0x7f => return None,
            _ => i += 1,
        }
    }
    None
}

/// The fast path: one `key = value` line in the form the tool writes, at
/// byte `base` of the block's text. `None` hands the block to the TOML parser.
fn fast_line(line: &str, base: usize) -> Option<(usize, Raw)> {
    let (key, _) = line.split_once('=')?;
    let field = FIELDS.iter().position(|f| *f == key.trim())?;
    let after_eq = key.len() + 1;
    let rest = &line[after_eq..];
    let lead = rest.len() - rest.trim_start().len();
    let rest = rest.trim_start();
    let at = base + after_eq + lead;
    let (raw, used) = if let Some(body) = rest.strip_prefix('"') {
        let (len, escaped) = scan_basic(body)?;
        (
            Raw::Basic {
                start: at + 1,
                end: at + 1 + len,
                escaped,
            },
            len + 2,
        )
    } else if let Some(body) = rest.strip_prefix('\'') {
        let len = body.find('\'')?;
        if body[..len].chars().any(|c| c.is_control() && c != '\t') {
            return None;
        }
        (
            Raw::Literal {
                start: at + 1,
                end: at + 1 + len,
            },
            len + 2,
        )
    } else {
        let len = rest.find([' ', '\t', '#']).unwrap_or(rest.len());
        let token = &rest[..len];
        let raw = if token.len() == 10 {
            Raw::Date(date_token(token.as_bytes())?)
        } else {
            Raw::DateTime(datetime_token(token)?)
        };
        (raw, len)
    };
    let tail = rest[used..].trim_start();
    if tail.is_empty()
        || (tail.starts_with('#') && !tail.chars().any(|c| c.is_control() && c != '\t'))
    {
        Some((field, raw))
    } else {
        None
    }
}

/// `key = "…` with no closing quote on the line.
fn unterminated(line: &str) -> bool {
    let Some((_, rest)) = line.split_once('=') else {
        return false;
    };
    let rest = rest.trim_start();
    match rest.strip_prefix('"') {
        Some(body) if !body.starts_with("\"\"") => {
            let mut escaped = false;
            for c in body.chars() {
                match c {
                    _ if escaped => escaped = false,
                    '\\' => escaped = true,
                    '"' => return false,
                    _ => {}
                }
            }
            true
        }
        _ => false,
    }
}

/// Decodes a basic string body whose escapes [`scan_basic`] accepted.
fn decode_basic(body: &str) -> Option<String> {
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            '"' => out.push('"'),
            '\\' => out.push('\\'),
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            'e' => out.push('\u{1b}'),
            e @ ('u' | 'U') => {
                let n = if e == 'u' { 4 } else { 8 };
                let hex: String = chars.by_ref().take(n).collect();
                out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
            }
            _ => return None,
        }
    }
    Some(out)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SlowDoc {
    entry: Vec<BTreeMap<Spanned<String>, Spanned<toml::Value>>>,
}

/// The slow path: the block parsed as TOML. `first` is the header's line.
fn slow_block(block: &str, first: usize) -> Result<Entry, LedgerError> {
    let doc: SlowDoc = toml::from_str(block).map_err(|e| {
        let line = e
            .span()
            .map_or(first, |s| first - 1 + line_of(block, s.start));
        err(line, format!("不是有效的 TOML: {}", e.message().trim()))
    })?;
    let Some(table) = doc.entry.into_iter().next() else {
        return Err(err(first, "空的条目"));
    };
    let mut fields: Fields = Default::default();
    for (k, v) in table {
        let line = first - 1 + line_of(block, v.span().start);
        let value = match v.into_inner() {
            toml::Value::String(s) => Value::Str(Cow::Owned(s)),
            toml::Value::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
                (Some(d), None, None) => {
                    match NaiveDate::from_ymd_opt(d.year as i32, d.month as u32, d.day as u32) {
                        Some(d) => Value::Date(d),
                        None => return Err(err(line, "无效的日期")),
                    }
                }
                (Some(d), Some(t), None) => {
                    let date = NaiveDate::from_ymd_opt(d.year as i32, d.month as u32, d.day as u32);
                    let time = chrono::NaiveTime::from_hms_nano_opt(
                        t.hour as u32,
                        t.minute as u32,
                        t.second.unwrap_or(0) as u32,
                        t.nanosecond.unwrap_or(0),
                    );
                    match (date, time) {
                        (Some(d), Some(t)) => Value::DateTime(d.and_time(t)),
                        _ => return Err(err(line, "无效的时间")),
                    }
                }
                (_, _, Some(_)) => Value::Other("带时区的时间(请用本地时间,不带时区)"),
                _ => Value::Other("不完整的时间"),
            },
            toml::Value::Integer(_) => Value::Other("整数"),
            toml::Value::Float(_) => Value::Other("小数"),
            toml::Value::Boolean(_) => Value::Other("布尔值"),
            toml::Value::Array(_) => Value::Other("数组"),
            toml::Value::Table(_) => Value::Other("表"),
        };
        let key = k.into_inner();
        let Some(index) = FIELDS.iter().position(|f| *f == key) else {
            return Err(err(
                line,
                format!("未知字段 {key};可用字段: {}", FIELDS.join("、")),
            ));
        };
        fields[index] = Some((line, value));
    }
    entry_from(fields, first)
}

/// What a scan yields per entry.
trait FromBlock: Sized {
    fn from_fields(f: Fields, header: usize) -> Result<Self, LedgerError>;
    fn from_entry(e: Entry) -> Self;
}

impl FromBlock for Entry {
    fn from_fields(f: Fields, header: usize) -> Result<Self, LedgerError> {
        entry_from(f, header)
    }
    fn from_entry(e: Entry) -> Self {
        e
    }
}

impl FromBlock for Facts {
    fn from_fields(f: Fields, header: usize) -> Result<Self, LedgerError> {
        facts_from(&f, header)
    }
    fn from_entry(e: Entry) -> Self {
        Facts {
            date: e.date,
            measure: e.measure,
            status: e.status,
            recorded: e.recorded,
        }
    }
}

/// One block's lines, collected while scanning; reused from block to block.
struct Block {
    header: usize,
    text: String,
    slots: [Option<(usize, Raw)>; 8],
    slow: bool,
}

impl Block {
    fn start(&mut self, header: usize, line: &str) {
        self.header = header;
        self.text.clear();
        self.text.push_str(line);
        self.text.push('\n');
        self.slots = Default::default();
        self.slow = false;
    }

    fn finish<T: FromBlock>(&mut self) -> Result<T, LedgerError> {
        if self.slow {
            return slow_block(&self.text, self.header).map(T::from_entry);
        }
        let text = self.text.as_str();
        let mut fields: Fields = Default::default();
        for (k, slot) in self.slots.iter_mut().enumerate() {
            let Some((line, raw)) = slot.take() else {
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
            };
            fields[k] = Some((line, value));
        }
        T::from_fields(fields, self.header)
    }
}

fn is_entry_header(trimmed: &str) -> bool {
    let Some(rest) = trimmed.strip_prefix("[[") else {
        return false;
    };
    let Some((name, tail)) = rest.split_once("]]") else {
        return false;
    };
    name.trim() == "entry" && (tail.trim().is_empty() || tail.trim_start().starts_with('#'))
}

/// Whether a line ends inside a multi-line string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    Nothing,
    Basic,
    Literal,
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

/// Streams a ledger, calling `f(line, entry)` for each entry in file order.
/// Stops at the first error.
pub fn scan<R: BufRead>(reader: R, f: impl FnMut(usize, Entry)) -> Result<usize, LedgerError> {
    scan_as(reader, f)
}

/// Streams a ledger's [`Facts`] only: what the views fold.
pub fn scan_facts<R: BufRead>(
    reader: R,
    f: impl FnMut(usize, Facts),
) -> Result<usize, LedgerError> {
    scan_as(reader, f)
}

fn scan_as<R: BufRead, T: FromBlock>(
    mut reader: R,
    mut f: impl FnMut(usize, T),
) -> Result<usize, LedgerError> {
    let mut buf = Vec::with_capacity(1024);
    let mut line_no = 0usize;
    let mut block = Block {
        header: 0,
        text: String::with_capacity(1024),
        slots: Default::default(),
        slow: false,
    };
    let mut in_block = false;
    let mut open = Open::Nothing;
    let mut count = 0usize;
    loop {
        buf.clear();
        let n = reader
            .read_until(b'\n', &mut buf)
            .map_err(|e| err(line_no + 1, format!("读取失败: {e}")))?;
        if n == 0 {
            break;
        }
        line_no += 1;
        let line = std::str::from_utf8(&buf)
            .map_err(|_| err(line_no, "不是有效的 UTF-8 文本;台账必须以 UTF-8 保存"))?;
        let line = line.strip_suffix('\n').unwrap_or(line);
        let line = line.strip_suffix('\r').unwrap_or(line);
        let trimmed = line.trim();
        if open == Open::Nothing && is_entry_header(trimmed) {
            if in_block {
                f(block.header, block.finish()?);
                count += 1;
            }
            block.start(line_no, line);
            in_block = true;
            continue;
        }
        if !in_block {
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            return Err(err(
                line_no,
                "第一个 [[entry]] 之前只能有注释和空行;每条记录以 [[entry]] 开头",
            ));
        }
        let b = &mut block;
        let base = b.text.len() + (line.len() - line.trim_start().len());
        b.text.push_str(line);
        b.text.push('\n');
        if open != Open::Nothing {
            open = open_after(line, open);
            continue;
        }
        // Only a line with a triple quote can open a multi-line string.
        if line.contains("\"\"\"") || line.contains("'''") {
            open = open_after(line, open);
            if open != Open::Nothing {
                b.slow = true;
                continue;
            }
        }
        if trimmed.starts_with('[') {
            return Err(err(
                line_no,
                format!("台账中只能有 [[entry]] 表,不能有 {trimmed}"),
            ));
        }
        if trimmed.is_empty() || trimmed.starts_with('#') || b.slow {
            continue;
        }
        match fast_line(trimmed, base) {
            Some((k, raw)) => {
                if b.slots[k].is_some() {
                    return Err(err(
                        line_no,
                        format!("字段 {} 在同一条目中重复出现", FIELDS[k]),
                    ));
                }
                b.slots[k] = Some((line_no, raw));
            }
            None if unterminated(trimmed) => {
                return Err(err(line_no, "字符串缺少结束的引号(\")"));
            }
            None => b.slow = true,
        }
    }
    if open != Open::Nothing {
        return Err(err(line_no, "多行字符串没有结束(缺少 \"\"\" 或 ''')"));
    }
    if in_block {
        f(block.header, block.finish()?);
        count += 1;
    }
    Ok(count)
}

/// Parses a whole ledger held in memory (tests, small files).
pub fn parse(text: &str) -> Result<Vec<(usize, Entry)>, LedgerError> {
    let mut out = Vec::new();
    scan(text.as_bytes(), |line, e| out.push((line, e)))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const ONE: &str = "# 市水务局 整改台账\n\n[[entry]]\ndate = 2022-07-05\nmeasure = \"1.2\"\nstatus = \"phased\"\nprogress = \"完成排查 \\\"一轮\\\"\\n第二行\"\nby = '张三'\nrecorded = 2022-07-05T10:11:12\n";

    #[test]
    fn reads_the_written_form() {
        let got = parse(ONE).unwrap();
        assert_eq!(got.len(), 1);
        let (line, e) = &got[0];
        assert_eq!(*line, 3);
        assert_eq!(e.measure, "1.2");
        assert_eq!(e.status, Status::Phased);
        assert_eq!(e.progress, "完成排查 \"一轮\"\n第二行");
        assert_eq!(e.by.as_deref(), Some("张三"));
        assert_eq!(e.recorded.to_string(), "2022-07-05 10:11:12");
    }

    #[test]
    fn hand_edits_take_the_toml_path() {
        let text = "[[entry]]\ndate = 2022-07-05\nmeasure = \"1.2\"\nstatus = \"已完成\"\nprogress = \"\"\"\n多行\n[[entry]]\n文字\"\"\"\nrecorded = 2022-07-05 10:11:12\n";
        let got = parse(text).unwrap();
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].1.progress, "多行\n[[entry]]\n文字");
        assert_eq!(got[0].1.status, Status::Done);
    }

    #[test]
    fn errors_name_the_line() {
        let cases = [
            (
                ONE.replace("status = \"phased\"", "status = \"finished\""),
                6,
                "无效",
            ),
            (
                ONE.replace("date = 2022-07-05\n", "date = 2022-07-32\n"),
                4,
                "TOML",
            ),
            (ONE.replace("by = '张三'\n", ""), 3, "x"),
            (
                ONE.replace("measure = \"1.2\"\n", ""),
                3,
                "缺少字段 measure",
            ),
            (ONE.replace("by = ", "officer = "), 8, "未知字段 officer"),
            (
                ONE.replace("progress = \"完成", "progress = \"完成\nx"),
                7,
                "缺少结束的引号",
            ),
            (ONE.to_string() + "[section]\n", 10, "只能有 [[entry]]"),
            ("title = \"x\"\n".to_string() + ONE, 1, "之前只能有注释"),
            (ONE.replace("by = '张三'", "by = 3"), 8, "应为字符串"),
        ];
        for (text, line, message) in cases {
            match parse(&text) {
                Ok(_) if message == "x" => {}
                Ok(v) => panic!("expected an error for {text}, got {v:?}"),
                Err(e) => {
                    assert_eq!(e.line, line, "{e} in\n{text}");
                    assert!(e.message.contains(message), "{e}");
                }
            }
        }
    }

    #[test]
    fn rejects_non_utf8() {
        let mut bytes = ONE.as_bytes().to_vec();
        bytes.extend_from_slice(b"# \xff\xfe\n");
        let e = scan(&bytes[..], |_, _| {}).unwrap_err();
        assert_eq!(e.line, 10);
    }

    proptest! {
        /// The fast path and the TOML parser agree on any string value.
        #[test]
        fn fast_path_agrees_with_toml(s in "\\PC*", by in "[a-z张三\"\\\\']{0,8}") {
            let quoted = toml::Value::String(s.clone()).to_string();
            let by_quoted = toml::Value::String(by.clone()).to_string();
            let text = format!("[[entry]]\ndate = 2022-07-05\nmeasure = \"1.1\"\nstatus = \"done\"\nprogress = {quoted}\nby = {by_quoted}\nrecorded = 2022-07-05T10:11:12\n");
            let fast = parse(&text).unwrap();
            let slow = slow_block(&text, 1).unwrap();
            prop_assert_eq!(&fast[0].1, &slow);
            prop_assert_eq!(&fast[0].1.progress, &s);
            prop_assert_eq!(fast[0].1.by.as_deref(), Some(by.as_str()));
        }

        /// The facts-only scan agrees with the full one, errors included.
        #[test]
        fn facts_agree_with_entries(progress in "\\PC*", status in "(done|phased|x)", extra in "(\n|# c\n|by = 3\n|problems = \"\\\\q\"\n)") {
            let text = format!("[[entry]]\ndate = 2022-07-05\nmeasure = \"1.1\"\nstatus = \"{status}\"\nprogress = {}\n{extra}recorded = 2022-07-05T10:11:12\n", toml::Value::String(progress));
            let mut full = Vec::new();
            let full_result = scan(text.as_bytes(), |l, e| full.push((l, Facts::of(&e))));
            let mut facts = Vec::new();
            let facts_result = scan_facts(text.as_bytes(), |l, f| facts.push((l, f)));
            prop_assert_eq!(full_result, facts_result);
            prop_assert_eq!(full, facts);
        }

        /// Any bytes at all: an error or entries, never a panic.
        #[test]
        fn never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let _ = scan(&bytes[..], |_, _| {});
        }
    }
}
