//! Value parsers: what a person types, IME and all, to typed values.
//!
//! Every parser first folds full-width characters to their ASCII twins, so
//! `２０２２-０７-０５` and `１．２` read as typed on an English keyboard.
//! Errors are Chinese sentences; clap wraps them with the option's name.

use crate::import::decode::Encoding;
use crate::model::{EntryId, MeasureId, Status};
use chrono::{Datelike, NaiveDate};
use std::fmt;

/// Full-width forms (U+FF01..U+FF5E, the ideographic space) to ASCII,
/// trimmed.
pub fn fold_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            '。' => '.',
            _ => c,
        })
        .collect::<String>()
        .trim()
        .to_string()
}

/// A day as typed: complete, or month and day awaiting the plan's year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Day {
    Date(NaiveDate),
    /// `7月5日`: the command takes the year from the plan and says so.
    NeedsYear {
        month: u32,
        day: u32,
    },
}

impl Day {
    /// The date, with `year` filling a missing year; `None` when that
    /// year has no such day (2月29日).
    pub fn in_year(self, year: i32) -> Option<NaiveDate> {
        match self {
            Day::Date(d) => Some(d),
            Day::NeedsYear { month, day } => NaiveDate::from_ymd_opt(year, month, day),
        }
    }
}

/// Runs of digits in `text`, and whether anything else but separators
/// appears.
fn numbers(text: &str, separators: &[char]) -> Option<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() {
            current.push(c);
        } else if separators.contains(&c) || c.is_whitespace() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else {
            return None;
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    Some(out)
}

const DATE_FORMS: &str =
    "应写作 YYYY-MM-DD(如 2022-07-05),也可写 2022.7.5、2022/7/5、20220705、2022年7月5日或 7月5日";

fn ymd(y: &str, m: &str, d: &str) -> Result<NaiveDate, String> {
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return Err(format!("不是有效的日期,{DATE_FORMS}"));
    };
    if !(1..=12).contains(&m) {
        return Err(format!("不是有效的日期:没有{m}月"));
    }
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| format!("不是有效的日期:{y}年{m}月没有{d}日"))
}

/// `2022-07-05`, `2022.7.5`, `2022/7/5`, `20220705`, `2022年7月5日`, and
/// `7月5日` (no year).
pub fn day(text: &str) -> Result<Day, String> {
    let t = fold_width(text);
    let parts = numbers(&t, &['-', '/', '.', '年', '月', '日', '号'])
        .ok_or_else(|| format!("不是有效的日期,{DATE_FORMS}"))?;
    match parts.as_slice() {
        [all] if all.len() == 8 => ymd(&all[..4], &all[4..6], &all[6..]).map(Day::Date),
        [y, m, d] if y.len() == 4 => ymd(y, m, d).map(Day::Date),
        [m, d] if t.contains('月') && !t.contains('年') => {
            let (Ok(month), Ok(day)) = (m.parse::<u32>(), d.parse::<u32>()) else {
                return Err(format!("不是有效的日期,{DATE_FORMS}"));
            };
            // 2月29日 is checked against the plan's year later.
            if NaiveDate::from_ymd_opt(2024, month, day).is_none() {
                return Err(format!("不是有效的日期:没有{month}月{day}日"));
            }
            Ok(Day::NeedsYear { month, day })
        }
        _ => Err(format!("不是有效的日期,{DATE_FORMS}")),
    }
}

/// A month, as its first day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Month(pub NaiveDate);

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.format("%Y-%m"))
    }
}

/// `2022-07`, `2022-7`, `2022.07`, `2022/7`, `202207`, `2022年7月`.
pub fn month(text: &str) -> Result<Month, String> {
    let t = fold_width(text);
    let wrong = || {
        "不是有效的月份,应写作 YYYY-MM(如 2022-07),也可写 2022-7、2022.07、2022年7月".to_string()
    };
    let parts = numbers(&t, &['-', '/', '.', '年', '月']).ok_or_else(wrong)?;
    let (y, m) = match parts.as_slice() {
        [all] if all.len() == 6 => (all[..4].to_string(), all[4..].to_string()),
        [y, m] if y.len() == 4 => (y.clone(), m.clone()),
        _ => return Err(wrong()),
    };
    let (Ok(y), Ok(m)) = (y.parse::<i32>(), m.parse::<u32>()) else {
        return Err(wrong());
    };
    NaiveDate::from_ymd_opt(y, m, 1)
        .map(Month)
        .ok_or_else(|| format!("不是有效的月份:没有{m}月"))
}

/// A month as typed on the command line: with its year, or `7月` alone
/// (the command takes the plan's year and says so).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MonthArg {
    Full(NaiveDate),
    NeedsYear(u32),
}

/// [`month`], and also `7月` / `７月`.
pub fn month_arg(text: &str) -> Result<MonthArg, String> {
    let full = match month(text) {
        Ok(Month(d)) => return Ok(MonthArg::Full(d)),
        Err(e) => e,
    };
    fold_width(text)
        .trim()
        .strip_suffix('月')
        .and_then(|m| m.trim().parse::<u32>().ok())
        .filter(|m| (1..=12).contains(m))
        .map(MonthArg::NeedsYear)
        .ok_or(full)
}

/// A status a unit records: a key or its Chinese words.
pub fn progress_status(text: &str) -> Result<Status, String> {
    Status::parse(&fold_width(text))
        .filter(|s| s.is_progress())
        .ok_or_else(|| {
            "不是单位可以记录的状态;可选值: 推进中(in_progress)、取得阶段性成效(phased)、已完成(done)".to_string()
        })
}

/// A notice's text encoding.
pub fn encoding(text: &str) -> Result<Encoding, String> {
    Encoding::parse(&fold_width(text))
        .ok_or_else(|| "不是认识的编码;可选值: utf-8、gbk、gb18030".to_string())
}

/// A measure id: `1.2`, `１．２`, `措施1.2`, `第1.2条`.
pub fn measure_id(text: &str) -> Result<MeasureId, String> {
    let t = fold_width(text);
    let t = t.trim_start_matches("措施").trim_start_matches('第');
    let t = t.trim_end_matches(['条', '项']).trim();
    let t = t.replace(['、', ','], ".");
    let parts: Vec<&str> = t.split('.').collect();
    let ok = parts.len() >= 2
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    if !ok {
        return Err("不是措施编号;应写作 1.2 或 3.5.2(问题序号.措施序号)".to_string());
    }
    let canonical: Vec<String> = parts
        .iter()
        .map(|p| p.trim_start_matches('0'))
        .map(|p| if p.is_empty() { "0" } else { p }.to_string())
        .collect();
    Ok(MeasureId(canonical.join(".")))
}

/// An entry's id as `show` lists it: eight hexadecimal digits (full-width
/// ones folded, either case, `#` or `编号` before it).
pub fn entry_id(text: &str) -> Result<EntryId, String> {
    let t = fold_width(text);
    let t = t.trim().trim_start_matches("编号").trim_start_matches('#');
    EntryId::parse(t).ok_or_else(|| {
        "不是记录编号;应为 rectify show 措施编号 列出的 8 位编号,如 3f9a1c2e".to_string()
    })
}

/// A number of days: `30`, `３０`.
pub fn days(text: &str) -> Result<u32, String> {
    let t = fold_width(text);
    let t = t.trim_end_matches(['天', '日']).trim();
    match t.parse::<u32>() {
        Ok(n) if t.chars().all(|c| c.is_ascii_digit()) => Ok(n),
        _ => Err("不是天数,应写作整数,如 30".to_string()),
    }
}

/// A Chinese numeral below a hundred: 一, 十二, 二十一.
fn chinese_number(text: &str) -> Option<u32> {
    let digit = |c: char| "零一二三四五六七八九".chars().position(|d| d == c);
    let chars: Vec<char> = text.chars().collect();
    match chars.as_slice() {
        ['十'] => Some(10),
        [d] => digit(*d).map(|d| d as u32),
        ['十', d] => digit(*d).map(|d| 10 + d as u32),
        [t, '十'] => digit(*t).map(|t| 10 * t as u32),
        [t, '十', d] => Some(10 * digit(*t)? as u32 + digit(*d)? as u32),
        _ => None,
    }
}

/// A problem number: `1`, `一`, `（一）`, `第一项`, `问题1`.
pub fn problem_number(text: &str) -> Result<u32, String> {
    let t = fold_width(text);
    let t = t
        .trim_start_matches("问题")
        .trim_start_matches('第')
        .trim_end_matches(['项', '个'])
        .trim_start_matches('(')
        .trim_end_matches(')')
        .trim();
    let n = if t.chars().all(|c| c.is_ascii_digit()) {
        t.parse::<u32>().ok()
    } else {
        chinese_number(t)
    };
    match n {
        Some(n) if n > 0 => Ok(n),
        _ => Err("不是问题序号;应写作 1、一 或 (一)".to_string()),
    }
}

/// Curly and corner quotes a person may type around a text.
const QUOTES: [(char, char); 4] = [('“', '”'), ('‘', '’'), ('「', '」'), ('『', '』')];

/// A path for a workbook: it must end in `.xlsx`.
pub fn xlsx_path(text: &str) -> Result<std::path::PathBuf, String> {
    let path = std::path::PathBuf::from(text);
    match path.extension() {
        Some(e) if e.eq_ignore_ascii_case("xlsx") => Ok(path),
        _ => Err("不是 .xlsx 文件;写成 台账.xlsx 这样的文件名".to_string()),
    }
}

/// Free text: trimmed, with a pair of curly quotes around it removed.
pub fn text(raw: &str) -> Result<String, String> {
    let t = raw.trim();
    for (open, close) in QUOTES {
        if let Some(inner) = t.strip_prefix(open).and_then(|s| s.strip_suffix(close)) {
            return Ok(inner.trim().to_string());
        }
        if t.starts_with(open) && !t.contains(close) {
            return Err(quoting_hint(t));
        }
    }
    Ok(t.to_string())
}

/// What a required text says when it is empty.
pub const EMPTY: &str = "不能为空";

/// Text that must not be empty.
pub fn required_text(raw: &str) -> Result<String, String> {
    let t = text(raw)?;
    if t.is_empty() {
        return Err(EMPTY.to_string());
    }
    Ok(t)
}

/// How to quote a text with spaces, for a person who typed curly quotes.
pub const QUOTING: &str = "命令行不把中文引号“”当作引号,含空格的文字会被拆开;请改用英文半角引号 \"…\" 把文字括起来,或去掉文字中的空格";

/// Why a text with an opening curly quote was cut short.
pub fn quoting_hint(seen: &str) -> String {
    format!("“{seen}”只有前半个引号。{QUOTING}")
}

/// Whether a stray argument looks like the tail of a curly-quoted text.
pub fn looks_like_quoted_tail(arg: &str) -> bool {
    QUOTES
        .iter()
        .any(|&(open, close)| arg.contains(close) || arg.contains(open))
}

/// The year a [`Day`] was completed with, said back to the person.
pub fn year_note(typed: Day, date: NaiveDate) -> Option<String> {
    matches!(typed, Day::NeedsYear { .. })
        .then(|| format!("日期按计划年度 {} 年记为 {date}", date.year()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_without_its_year_is_taken_as_such() {
        assert_eq!(month_arg("7月"), Ok(MonthArg::NeedsYear(7)));
        assert_eq!(month_arg("１２月"), Ok(MonthArg::NeedsYear(12)));
        assert!(month_arg("13月").is_err());
        assert_eq!(
            month_arg("2022年7月"),
            Ok(MonthArg::Full(NaiveDate::from_ymd_opt(2022, 7, 1).unwrap()))
        );
    }

    fn d(y: i32, m: u32, day: u32) -> Day {
        Day::Date(NaiveDate::from_ymd_opt(y, m, day).unwrap())
    }

    #[test]
    fn days_in_every_form() {
        let cases: &[(&str, Day)] = &[
            ("2022-07-05", d(2022, 7, 5)),
            ("2022-7-5", d(2022, 7, 5)),
            ("２０２２-０７-０５", d(2022, 7, 5)),
            ("２０２２－０７－０５", d(2022, 7, 5)),
            ("2022.7.5", d(2022, 7, 5)),
            ("2022/7/5", d(2022, 7, 5)),
            ("20220705", d(2022, 7, 5)),
            ("2022年7月5日", d(2022, 7, 5)),
            ("2022年07月05日", d(2022, 7, 5)),
            ("２０２２年７月５日", d(2022, 7, 5)),
            (" 2022-07-05 ", d(2022, 7, 5)),
            ("7月5日", Day::NeedsYear { month: 7, day: 5 }),
            ("7月5号", Day::NeedsYear { month: 7, day: 5 }),
            ("２月２９日", Day::NeedsYear { month: 2, day: 29 }),
        ];
        for (text, want) in cases {
            assert_eq!(day(text).as_ref(), Ok(want), "{text}");
        }
    }

    #[test]
    fn days_refused() {
        for text in [
            "2022-02-30",
            "明天",
            "7-5",
            "22-7-5",
            "2022-7",
            "2022705",
            "2月30日",
            "",
        ] {
            assert!(day(text).is_err(), "{text}");
        }
        assert_eq!(
            day("2022-02-30"),
            Err("不是有效的日期:2022年2月没有30日".to_string())
        );
        assert_eq!(
            day("2022-13-01"),
            Err("不是有效的日期:没有13月".to_string())
        );
    }

    #[test]
    fn needs_year_is_filled_and_said() {
        let typed = day("7月5日").unwrap();
        let date = typed.in_year(2022).unwrap();
        assert_eq!(date, NaiveDate::from_ymd_opt(2022, 7, 5).unwrap());
        assert_eq!(
            year_note(typed, date).as_deref(),
            Some("日期按计划年度 2022 年记为 2022-07-05")
        );
        assert_eq!(day("2月29日").unwrap().in_year(2022), None);
    }

    #[test]
    fn months_in_every_form() {
        for text in [
            "2022-07",
            "2022-7",
            "2022.07",
            "2022/7",
            "202207",
            "2022年7月",
            "２０２２年７月",
        ] {
            assert_eq!(month(text).unwrap().to_string(), "2022-07", "{text}");
        }
        for text in ["2022-13", "7月", "2022", "二〇二二年七月", "22-07"] {
            assert!(month(text).is_err(), "{text}");
        }
    }

    #[test]
    fn statuses_as_keys_and_words() {
        let cases = [
            ("in_progress", Status::InProgress),
            ("推进中", Status::InProgress),
            ("phased", Status::Phased),
            ("取得阶段性成效", Status::Phased),
            ("done", Status::Done),
            ("已完成", Status::Done),
            (" 已完成 ", Status::Done),
        ];
        for (text, want) in cases {
            assert_eq!(progress_status(text), Ok(want), "{text}");
        }
        for text in ["finished", "signed_off", "已销号", ""] {
            assert!(progress_status(text).is_err(), "{text}");
        }
    }

    #[test]
    fn measure_ids_as_typed() {
        for (text, want) in [
            ("1.2", "1.2"),
            ("１．２", "1.2"),
            ("1。2", "1.2"),
            ("措施1.2", "1.2"),
            ("第1.2条", "1.2"),
            ("3.5.2", "3.5.2"),
            ("01.02", "1.2"),
        ] {
            assert_eq!(
                measure_id(text).map(|m| m.0),
                Ok(want.to_string()),
                "{text}"
            );
        }
        for text in ["1", "a.b", "1..2", "措施", ""] {
            assert!(measure_id(text).is_err(), "{text}");
        }
    }

    #[test]
    fn problem_numbers_as_typed() {
        for (text, want) in [
            ("1", 1),
            ("１２", 12),
            ("一", 1),
            ("十", 10),
            ("十二", 12),
            ("二十一", 21),
            ("（一）", 1),
            ("(三)", 3),
            ("第五项", 5),
            ("问题7", 7),
        ] {
            assert_eq!(problem_number(text), Ok(want), "{text}");
        }
        for text in ["0", "零", "x", "一百", ""] {
            assert!(problem_number(text).is_err(), "{text}");
        }
    }

    #[test]
    fn day_counts() {
        assert_eq!(days("30"), Ok(30));
        assert_eq!(days("３０天"), Ok(30));
        for text in ["-1", "三十", "1.5", "", "99999999999"] {
            assert!(days(text).is_err(), "{text}");
        }
    }

    #[test]
    fn encodings() {
        assert_eq!(encoding("GBK"), Ok(Encoding::Gb18030));
        assert_eq!(encoding("ｕｔｆ-８"), Ok(Encoding::Utf8));
        assert!(encoding("latin1").is_err());
    }

    #[test]
    fn texts_lose_curly_quotes() {
        assert_eq!(
            text("“完成排查 召开调度会”"),
            Ok("完成排查 召开调度会".into())
        );
        assert_eq!(text(" 完成排查 "), Ok("完成排查".into()));
        assert_eq!(text("「完成」"), Ok("完成".into()));
        assert_eq!(text("召开“三会一课”"), Ok("召开“三会一课”".into()));
        let err = text("“完成排查").unwrap_err();
        assert!(err.contains("英文半角引号"), "{err}");
        assert!(required_text("“ ”").is_err());
        assert!(looks_like_quoted_tail("召开调度会”"));
        assert!(!looks_like_quoted_tail("召开调度会"));
    }
}
