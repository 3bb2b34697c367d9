//! TOML text pieces written by hand so the output stays stable and readable.

use std::fmt::Write;

/// A one-line TOML basic string: `"…"` with every control character escaped.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `["a", "b"]`.
pub fn quote_list<S: AsRef<str>>(items: &[S]) -> String {
    let inner: Vec<String> = items.iter().map(|s| quote(s.as_ref())).collect();
    format!("[{}]", inner.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_parse_back() {
        for s in [
            "",
            "简单",
            "a\"b\\c",
            "多\n行\t\r",
            "\u{0}\u{1f}\u{7f}",
            "'单引号'",
        ] {
            let doc = format!("v = {}", quote(s));
            let t: toml::Table = toml::from_str(&doc).unwrap();
            assert_eq!(t["v"].as_str(), Some(s));
        }
    }
}
