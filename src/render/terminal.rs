//! Text from files, made safe to print: control characters (ESC, BEL, …)
//! and bidirectional overrides (U+202E …) are shown as escapes, as git
//! does, so a progress text can never retitle, clear or reorder the
//! clerk's terminal. Line breaks and tabs are kept.

use std::borrow::Cow;

fn unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `s` with every unsafe character written as `\u{…}`.
pub fn escape(s: &str) -> Cow<'_, str> {
    if !s.chars().any(unsafe_char) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if unsafe_char(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_terminal_controls_and_bidi_overrides() {
        assert_eq!(escape("完成\u{1b}]0;标题\u{7}"), "完成\\u{1b}]0;标题\\u{7}");
        assert_eq!(escape("abc\u{202e}def"), "abc\\u{202e}def");
        assert_eq!(escape("甲\n乙\t丙"), "甲\n乙\t丙");
        assert!(matches!(escape("普通文字"), std::borrow::Cow::Borrowed(_)));
    }
}
