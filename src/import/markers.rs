//! Numbering at the start of a line: section headings (一、), problem
//! headings ((一)), measure numbers ((1), 1., 1、, ①) and the date line.

use crate::punctuation;
use chrono::NaiveDate;

/// 一 … 九十九.
pub fn chinese_number(s: &str) -> Option<u32> {
    let digit = |c: char| {
        "零一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|p| p as u32)
    };
    let mut chars = s.chars();
    let a = chars.next()?;
    let b = chars.next();
    let c = chars.next();
    if chars.next().is_some() {
        return None;
    }
    match (a, b, c) {
        ('十', None, None) => Some(10),
        (a, None, None) => digit(a).filter(|&d| d > 0),
        ('十', Some(b), None) => digit(b).map(|d| 10 + d),
        (a, Some('十'), None) => digit(a).map(|d| d * 10),
        (a, Some('十'), Some(b)) => Some(digit(a)? * 10 + digit(b)?),
        _ => None,
    }
}

/// `一、标题` → (1, "标题").
pub fn section_heading(line: &str) -> Option<(u32, &str)> {
    let (num, rest) = line.split_at_checked(line.find('、')?)?;
    let n = chinese_number(num.trim())?;
    Some((n, &rest['、'.len_utf8()..]))
}

/// `(一)标题` / `(一)标题` → (1, "标题").
pub fn problem_heading(line: &str) -> Option<(u32, &str)> {
    let first = line
        .chars()
        .next()
        .filter(|&c| punctuation::is_left_paren(c))?;
    let rest = &line[first.len_utf8()..];
    let end = rest.find(punctuation::is_right_paren)?;
    let n = chinese_number(&rest[..end])?;
    let close_len = rest[end..].chars().next().map_or(1, char::len_utf8);
    Some((n, &rest[end + close_len..]))
}

/// A measure number at the start: `(1)`, `(1)`, `1.`, `1、`, `①`.
pub fn measure_marker(text: &str) -> Option<(u32, &str)> {
    let t = text.trim_start();
    if let Some(open) = t.chars().next().filter(|&c| punctuation::is_left_paren(c)) {
        let rest = &t[open.len_utf8()..];
        let end = rest.find(punctuation::is_right_paren)?;
        if end > 6 {
            return None;
        }
        let n: u32 = rest[..end].trim().parse().ok()?;
        let close_len = rest[end..].chars().next().map_or(1, char::len_utf8);
        return Some((n, &rest[end + close_len..]));
    }
    let first = t.chars().next()?;
    if ('①'..='⑳').contains(&first) {
        return Some((first as u32 - '①' as u32 + 1, &t[first.len_utf8()..]));
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let after = &t[digits..];
    let sep = after.chars().next()?;
    if matches!(sep, '.' | '、' | punctuation::FULL_STOP_DOT) {
        let rest = &after[sep.len_utf8()..];
        if rest.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            return None;
        }
        return Some((t[..digits].parse().ok()?, rest));
    }
    None
}

/// `整改措施:` at the start.
pub fn measures_label(text: &str) -> Option<&str> {
    let t = text.trim_start();
    for label in ["整改措施", "整改举措", "具体措施"] {
        if let Some(rest) = t.strip_prefix(label)
            && let Some(r) = punctuation::strip_colon(rest)
        {
            return Some(r);
        }
    }
    None
}

/// A line that is only a date: `2022年7月1日`.
pub fn date_line(line: &str) -> Option<NaiveDate> {
    let t = line.trim();
    if t.len() > 40 {
        return None;
    }
    let (y, rest) = t.split_once('年')?;
    let (m, rest) = rest.split_once('月')?;
    let d = rest.strip_suffix('日')?;
    NaiveDate::from_ymd_opt(
        y.trim().parse().ok()?,
        m.trim().parse().ok()?,
        d.trim().parse().ok()?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_markers() {
        assert_eq!(chinese_number("十二"), Some(12));
        assert_eq!(chinese_number("二十"), Some(20));
        assert_eq!(chinese_number("二十三"), Some(23));
        assert_eq!(chinese_number("二十三四"), None);
        assert_eq!(problem_heading("(十一)少数市县"), Some((11, "少数市县")));
        assert_eq!(problem_heading("(三)x"), Some((3, "x")));
        assert_eq!(section_heading("三、工作要求"), Some((3, "工作要求")));
        assert_eq!(measure_marker("(12)开展"), Some((12, "开展")));
        assert_eq!(measure_marker("3、开展"), Some((3, "开展")));
        assert_eq!(measure_marker("②开展"), Some((2, "开展")));
        assert_eq!(measure_marker("1.5万元"), None);
        assert_eq!(measure_marker("2022年"), None);
        assert_eq!(
            date_line("2023年3月1日"),
            NaiveDate::from_ymd_opt(2023, 3, 1)
        );
    }
}
