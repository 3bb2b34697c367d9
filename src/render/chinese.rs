//! Numbers and dates as official documents write them.

use chrono::{Datelike, NaiveDate};

/// 1 → 一, 12 → 十二, 25 → 二十五 (up to 99; larger numbers in digits).
pub fn numeral(n: usize) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", D[n - 10]),
        20..=99 if n.is_multiple_of(10) => format!("{}十", D[n / 10]),
        20..=99 => format!("{}十{}", D[n / 10], D[n % 10]),
        _ => n.to_string(),
    }
}

/// （一）, （二）….
pub fn ordinal(n: usize) -> String {
    format!("（{}）", numeral(n))
}

/// 2022年7月5日.
pub fn date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// 2022年7月.
pub fn month(d: NaiveDate) -> String {
    format!("{}年{}月", d.year(), d.month())
}

/// 7月5日.
pub fn day(d: NaiveDate) -> String {
    format!("{}月{}日", d.month(), d.day())
}

fn is_cjk(c: char) -> bool {
    c >= '\u{2E80}'
}

/// Text a person typed, with ASCII punctuation next to Chinese turned
/// full-width (，；：！？（）), as prose in a document needs; punctuation
/// between Latin letters or digits (1,000) is left alone.
pub fn fullwidth(text: &str) -> String {
    // Text from a file: one paragraph in prose (line breaks become ；) and
    // nothing that could drive a terminal.
    let flat = text.trim().replace("\r\n", "\n").replace('\n', "；");
    let safe = super::terminal::escape(&flat);
    let chars: Vec<char> = safe.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (k, &c) in chars.iter().enumerate() {
        let before = k.checked_sub(1).and_then(|i| chars.get(i)).copied();
        let after = chars.get(k + 1).copied();
        let beside_cjk = before.is_some_and(is_cjk) || after.is_some_and(is_cjk);
        let wide = match c {
            ',' => '\u{FF0C}',
            ';' => '\u{FF1B}',
            ':' => '\u{FF1A}',
            '!' => '\u{FF01}',
            '?' => '\u{FF1F}',
            '(' => '\u{FF08}',
            ')' => '\u{FF09}',
            _ => c,
        };
        let paren_with_cjk = matches!(c, '(' | ')') && chars.iter().any(|&x| is_cjk(x));
        out.push(if beside_cjk || paren_with_cjk {
            wide
        } else {
            c
        });
    }
    out
}

/// A sentence of `text` ending in 。 (or the stop it already has).
pub fn sentence(text: &str) -> String {
    let t = fullwidth(text);
    let t = t.trim_end_matches(['\u{FF0C}', '\u{FF1B}', '\u{FF1A}', '、', '.']);
    if t.ends_with(['。', '\u{FF01}', '\u{FF1F}']) {
        t.to_string()
    } else {
        format!("{t}。")
    }
}

/// Counts worth saying, joined with 、: 已销号1条、推进中2条; zeros left out.
pub fn counts(parts: &[(&str, usize)]) -> Option<String> {
    let said: Vec<String> = parts
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(w, n)| format!("{w}{n}条"))
        .collect();
    (!said.is_empty()).then(|| said.join("、"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_beside_chinese_goes_full_width() {
        assert_eq!(
            fullwidth("完成排查,召开会议1次"),
            "完成排查\u{FF0C}召开会议1次"
        );
        assert_eq!(
            fullwidth("共1,000户(含监测户)"),
            "共1,000户\u{FF08}含监测户\u{FF09}"
        );
        assert_eq!(sentence("已完成;"), "已完成。");
        assert_eq!(sentence("已完成!"), "已完成\u{FF01}");
        assert_eq!(
            counts(&[("已销号", 0), ("推进中", 2)]).as_deref(),
            Some("推进中2条")
        );
        assert_eq!(counts(&[("已销号", 0)]), None);
    }

    #[test]
    fn numerals() {
        assert_eq!(numeral(1), "一");
        assert_eq!(numeral(10), "十");
        assert_eq!(numeral(12), "十二");
        assert_eq!(numeral(20), "二十");
        assert_eq!(numeral(52), "五十二");
        assert_eq!(numeral(120), "120");
        assert_eq!(ordinal(3), "（三）");
    }

    #[test]
    fn dates() {
        let d = NaiveDate::from_ymd_opt(2022, 7, 5).unwrap();
        assert_eq!(date(d), "2022年7月5日");
        assert_eq!(month(d), "2022年7月");
        assert_eq!(day(d), "7月5日");
    }
}
