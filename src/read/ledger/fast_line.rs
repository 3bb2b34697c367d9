//! The fast reader: one `key = value` line in the form the tool writes (and
//! the common hand-written variants), read without a TOML parser. Anything
//! it does not know for certain hands the block to the TOML fallback, so the
//! two can only agree.
//!
//! TOML's whitespace is the space and the tab only: a key indented with
//! another blank (a no-break space pasted from Word) is not TOML, so the
//! fast reader hands it to the fallback, which refuses it with its line.

use super::fields::field_index;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};

/// What the fast reader found as a value: a range of the ledger's text
/// (strings) or the parsed value (dates and times).
#[derive(Debug, Clone, Copy)]
pub(super) enum Raw {
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
    Offset(DateTime<FixedOffset>),
}

/// What a line is to the fast reader.
pub(super) enum Line {
    Field(usize, Raw),
    /// The value opens a multi-line string: the block goes to the fallback.
    OpensString,
    /// Not a form the fast reader knows.
    Other,
}

fn is_blank(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

fn skip_blanks(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && is_blank(b[i]) {
        i += 1;
    }
    i
}

/// Control characters TOML forbids in strings and comments (tab is allowed).
fn has_control(b: &[u8]) -> bool {
    b.iter().any(|&c| (c < 0x20 && c != b'\t') || c == 0x7f)
}

/// Reads one line (without its line break) that starts at byte `base` of
/// the ledger's text.
pub(super) fn fast_line(line: &str, base: usize) -> Line {
    let b = line.as_bytes();
    let key_start = skip_blanks(b, 0);
    let mut i = key_start;
    while i < b.len() && b[i].is_ascii_lowercase() {
        i += 1;
    }
    let Some(field) = field_index(&line[key_start..i]) else {
        return Line::Other;
    };
    i = skip_blanks(b, i);
    if b.get(i) != Some(&b'=') {
        return Line::Other;
    }
    i = skip_blanks(b, i + 1);
    let at = base + i;
    let rest = &b[i..];
    let (raw, used) = match rest.first() {
        Some(&q @ (b'"' | b'\'')) if rest.get(1..3) == Some(&[q, q][..]) => {
            return Line::OpensString;
        }
        Some(b'"') => {
            let Some((len, escaped)) = scan_basic(&rest[1..]) else {
                return Line::Other;
            };
            let (start, end) = (at + 1, at + 1 + len);
            (
                Raw::Basic {
                    start,
                    end,
                    escaped,
                },
                len + 2,
            )
        }
        Some(b'\'') => {
            let Some(len) = memchr::memchr(b'\'', &rest[1..]) else {
                return Line::Other;
            };
            if has_control(&rest[1..1 + len]) {
                return Line::Other;
            }
            let (start, end) = (at + 1, at + 1 + len);
            (Raw::Literal { start, end }, len + 2)
        }
        _ => {
            let len = rest
                .iter()
                .position(|&c| is_blank(c) || c == b'#')
                .unwrap_or(rest.len());
            match stamp(&rest[..len]) {
                Some(raw) => (raw, len),
                None => return Line::Other,
            }
        }
    };
    let tail = skip_blanks(rest, used);
    match rest.get(tail) {
        None => Line::Field(field, raw),
        Some(b'#') if !has_control(&rest[tail..]) => Line::Field(field, raw),
        _ => Line::Other,
    }
}

/// Scans a basic string body up to its closing quote, checking escapes and
/// control characters: (body length, escaped).
fn scan_basic(body: &[u8]) -> Option<(usize, bool)> {
    let mut i = 0;
    let mut escaped = false;
    loop {
        let j = i + memchr::memchr2(b'"', b'\\', &body[i..])?;
        if has_control(&body[i..j]) {
            return None;
        }
        if body[j] == b'"' {
            return Some((j, escaped));
        }
        escaped = true;
        i = match *body.get(j + 1)? {
            b'"' | b'\\' | b'n' | b't' | b'r' | b'b' | b'f' | b'e' => j + 2,
            e @ (b'u' | b'U') => {
                let n = if e == b'u' { 4 } else { 8 };
                let hex = body.get(j + 2..j + 2 + n)?;
                hex_char(hex)?;
                j + 2 + n
            }
            _ => return None,
        };
    }
}

/// A `\u`/`\U` escape's hex digits as a character (digits only: no sign).
fn hex_char(hex: &[u8]) -> Option<char> {
    let n = hex.iter().try_fold(0u32, |acc, &c| {
        let d = (c as char).to_digit(16)?;
        acc.checked_mul(16)?.checked_add(d)
    })?;
    char::from_u32(n)
}

/// `key = "…` with no closing quote on the line.
pub(super) fn unterminated(line: &str) -> bool {
    let Some((_, rest)) = line.split_once('=') else {
        return false;
    };
    let rest = rest.trim_start_matches([' ', '\t']);
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
pub(super) fn decode_basic(body: &str) -> Option<String> {
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
                out.push(hex_char(hex.as_bytes())?);
            }
            _ => return None,
        }
    }
    Some(out)
}

fn digits(t: &[u8]) -> Option<u32> {
    t.iter().try_fold(0u32, |acc, &b| {
        b.is_ascii_digit().then(|| acc * 10 + (b - b'0') as u32)
    })
}

/// `YYYY-MM-DD`, by hand: the hot path of every ledger line.
pub(super) fn date_token(t: &[u8]) -> Option<NaiveDate> {
    if t.len() != 10 || t[4] != b'-' || t[7] != b'-' {
        return None;
    }
    NaiveDate::from_ymd_opt(
        digits(&t[0..4])? as i32,
        digits(&t[5..7])?,
        digits(&t[8..10])?,
    )
}

/// A date, a local time `YYYY-MM-DDTHH:MM:SS[.fraction]`, or a time with
/// an offset (`Z`, `+08:00`). Fractions beyond nanoseconds are truncated,
/// as TOML readers do. Anything else is `None`.
pub(super) fn stamp(t: &[u8]) -> Option<Raw> {
    if t.len() == 10 {
        return date_token(t).map(Raw::Date);
    }
    if t.len() < 19 || !matches!(t[10], b'T' | b't') || t[13] != b':' || t[16] != b':' {
        return None;
    }
    let date = date_token(&t[..10])?;
    let mut nano = 0u32;
    let mut i = 19;
    if t.get(i) == Some(&b'.') {
        let n = t[i + 1..].iter().take_while(|b| b.is_ascii_digit()).count();
        if n == 0 {
            return None;
        }
        for (k, &d) in t[i + 1..i + 1 + n.min(9)].iter().enumerate() {
            nano += (d - b'0') as u32 * 10u32.pow(8 - k as u32);
        }
        i += 1 + n;
    }
    let local = date.and_hms_nano_opt(
        digits(&t[11..13])?,
        digits(&t[14..16])?,
        digits(&t[17..19])?,
        nano,
    )?;
    let offset = match &t[i..] {
        [] => return Some(Raw::DateTime(local)),
        [b'Z' | b'z'] => FixedOffset::east_opt(0)?,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let (h, m) = (digits(&[*h1, *h2])?, digits(&[*m1, *m2])?);
            if h > 23 || m > 59 {
                return None;
            }
            let secs = (h * 3600 + m * 60) as i32;
            FixedOffset::east_opt(if *sign == b'-' { -secs } else { secs })?
        }
        _ => return None,
    };
    local.and_local_timezone(offset).single().map(Raw::Offset)
}
