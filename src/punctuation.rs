//! Chinese and Western punctuation treated alike.
//!
//! Notices mix full-width (,;:()) and ASCII punctuation, often in one
//! sentence. The full-width forms are written as escapes here so that no
//! editor or tool can silently turn them into their ASCII twins.

pub const FULL_COMMA: char = '\u{FF0C}';
pub const FULL_SEMICOLON: char = '\u{FF1B}';
pub const FULL_COLON: char = '\u{FF1A}';
pub const FULL_LEFT_PAREN: char = '\u{FF08}';
pub const FULL_RIGHT_PAREN: char = '\u{FF09}';
pub const FULL_STOP_DOT: char = '\u{FF0E}';

pub fn is_comma(c: char) -> bool {
    c == ',' || c == FULL_COMMA
}

pub fn is_semicolon(c: char) -> bool {
    c == ';' || c == FULL_SEMICOLON
}

pub fn is_colon(c: char) -> bool {
    c == ':' || c == FULL_COLON
}

pub fn is_left_paren(c: char) -> bool {
    c == '(' || c == FULL_LEFT_PAREN
}

pub fn is_right_paren(c: char) -> bool {
    c == ')' || c == FULL_RIGHT_PAREN
}

/// Separators between the items of a unit list.
pub fn is_list_separator(c: char) -> bool {
    c == '、' || is_comma(c) || is_semicolon(c)
}

/// Separators between the clauses of a phrase.
pub fn is_clause_separator(c: char) -> bool {
    c == '。' || is_comma(c) || is_semicolon(c)
}

/// Punctuation to trim from the ends of a field.
pub fn is_trimmable(c: char) -> bool {
    c.is_whitespace()
        || c == '\u{3000}'
        || is_clause_separator(c)
        || is_colon(c)
        || matches!(c, '、' | '.' | FULL_STOP_DOT)
}

/// The value of an ASCII or full-width digit.
pub fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{FF10}'..='\u{FF19}' => Some(c as u32 - 0xFF10),
        _ => None,
    }
}

/// Strips a leading colon of either width.
pub fn strip_colon(s: &str) -> Option<&str> {
    let c = s.chars().next()?;
    is_colon(c).then(|| &s[c.len_utf8()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_widths() {
        assert!(is_comma('\u{FF0C}') && is_comma(','));
        assert!(is_semicolon('\u{FF1B}') && is_colon('\u{FF1A}'));
        assert_eq!(digit('\u{FF17}'), Some(7));
        assert_eq!(strip_colon("\u{FF1A}x"), Some("x"));
    }
}
