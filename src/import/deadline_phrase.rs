//! Dates a deadline phrase (整改时限) without guessing.
//!
//! Understood: `YYYY年M月D日前`, month-days that take their year from earlier
//! in the phrase (`2022年6月30日、12月31日前`), `YYYY年M月底前`,
//! `YYYY年底前`, `YYYY年上半年/下半年`; `取得阶段性成效` (phased) or completion
//! otherwise; `立行立改`; `长期坚持`, `持续推进`, `常态化推进` (ongoing);
//! `每月`, `每季度` (recurring). A clause it cannot date is kept in
//! `undated`, to be fixed by hand.

use crate::model::deadline::{Inference, Inferred, Recurrence};
use crate::model::plan::days_in_month;
use crate::model::{Deadline, Milestone, Requirement};
use crate::punctuation;
use chrono::{Datelike, NaiveDate};

const ONGOING: [&str; 6] = [
    "长期坚持",
    "持续推进",
    "常态化推进",
    "长期推进",
    "持续开展",
    "常态化开展",
];

/// Reads a number of ASCII or full-width digits at the start of `s`.
fn number(s: &str) -> Option<(u32, usize)> {
    let mut value: u32 = 0;
    let mut used = 0;
    for c in s.chars() {
        let Some(d) = punctuation::digit(c) else {
            break;
        };
        value = value.checked_mul(10)?.checked_add(d)?;
        used += c.len_utf8();
        if used > 12 {
            return None;
        }
    }
    (used > 0).then_some((value, used))
}

/// A date found in a clause, and how it was inferred when the wording
/// names no day.
type Found = (NaiveDate, Option<Inference>);

/// The year a date falls in: the one in the phrase, or else the issue year
/// (the next one when the date would fall before the issue).
struct Years {
    stated: Option<i32>,
    issued: Option<NaiveDate>,
}

impl Years {
    /// Builds the date with `make(year)`, marking an issue-year guess.
    fn date(
        &self,
        how: Option<Inference>,
        make: impl Fn(i32) -> Option<NaiveDate>,
    ) -> Option<Found> {
        if let Some(y) = self.stated {
            return make(y).map(|d| (d, how));
        }
        let issued = self.issued?;
        let d = make(issued.year())?;
        let d = if d < issued {
            make(issued.year() + 1)?
        } else {
            d
        };
        Some((d, Some(Inference::IssueYear)))
    }
}

fn month_end(y: i32, m: u32) -> Option<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(y, m, 1)?;
    first.with_day0(days_in_month(first) - 1)
}

/// 第三季度 / 三季度 / 第3季度 at the start of `s`: (quarter, bytes used).
fn quarter(s: &str) -> Option<(u32, usize)> {
    let body = s.strip_prefix('第').unwrap_or(s);
    let c = body.chars().next()?;
    let q = match c {
        '一' | '1' => 1,
        '二' | '2' => 2,
        '三' | '3' => 3,
        '四' | '4' => 4,
        _ => return None,
    };
    let rest = body[c.len_utf8()..].strip_prefix("季度")?;
    Some((q, s.len() - rest.len()))
}

/// 末 / 底 at the start of `s`: the bytes used.
fn end_word(s: &str) -> usize {
    ["末", "底"]
        .iter()
        .find(|w| s.starts_with(*w))
        .map_or(0, |w| w.len())
}

/// A period named without a number before it (年内, 年底, 上半年, 第三季度):
/// its last day, and the bytes used.
fn period_at(rest: &str, years: &Years) -> Option<(Option<Found>, usize)> {
    if let Some((q, used)) = quarter(rest) {
        let tail = end_word(&rest[used..]);
        let how = (tail == 0).then_some(Inference::QuarterEnd);
        return Some((years.date(how, |y| month_end(y, q * 3)), used + tail));
    }
    for (word, month, how) in [
        ("上半年", 6, Some(Inference::HalfYearEnd)),
        ("下半年", 12, Some(Inference::HalfYearEnd)),
        ("年内", 12, Some(Inference::YearEnd)),
        ("年底", 12, None),
        ("年末", 12, None),
    ] {
        if rest.starts_with(word) {
            return Some((years.date(how, |y| month_end(y, month)), word.len()));
        }
    }
    None
}

/// Dates found in a clause, with the year carried along.
fn dates_in(clause: &str, years: &mut Years) -> (Vec<Found>, bool) {
    let mut out: Vec<Found> = Vec::new();
    let mut undatable = false;
    let mut i = 0;
    while i < clause.len() {
        let rest = &clause[i..];
        if let Some((found, used)) = period_at(rest, years) {
            match found {
                Some(f) => out.push(f),
                None => undatable = true,
            }
            i += used;
            continue;
        }
        let Some((n, used)) = number(rest) else {
            i += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        };
        let after = &rest[used..];
        if let Some(tail) = after.strip_prefix('年') {
            let y = n as i32;
            years.stated = Some(y);
            let skip = used + '年'.len_utf8();
            let stated = Years {
                stated: Some(y),
                issued: None,
            };
            if let Some((found, pused)) = period_at(tail, &stated) {
                match found {
                    Some(f) => out.push(f),
                    None => undatable = true,
                }
                i += skip + pused;
                continue;
            }
            if let Some(t) = tail.strip_prefix('内') {
                out.extend(month_end(y, 12).map(|d| (d, Some(Inference::YearEnd))));
                i += skip + (tail.len() - t.len());
                continue;
            }
            if let Some(t) = tail.strip_prefix('底').or_else(|| tail.strip_prefix('末')) {
                out.extend(month_end(y, 12).map(|d| (d, None)));
                i += skip + (tail.len() - t.len());
                continue;
            }
            if number(tail).is_none() {
                // "2025年" alone: a year with no day in it.
                undatable = true;
            }
            i += skip;
            continue;
        }
        if let Some(tail) = after.strip_prefix('月') {
            let month = n;
            let skip = used + '月'.len_utf8();
            let end = end_word(tail);
            if end > 0 {
                match years.date(None, |y| month_end(y, month)) {
                    Some(f) => out.push(f),
                    None => undatable = true,
                }
                i += skip + end;
                continue;
            }
            if let Some((day, dused)) = number(tail) {
                let t = &tail[dused..];
                let t = t
                    .strip_prefix('日')
                    .or_else(|| t.strip_prefix('号'))
                    .unwrap_or(t);
                match years.date(None, |y| NaiveDate::from_ymd_opt(y, month, day)) {
                    Some(f) => out.push(f),
                    None => undatable = true,
                }
                i += skip + (tail.len() - t.len());
                continue;
            }
            let vague = ["上旬", "中旬", "下旬", "初", "中"]
                .iter()
                .any(|w| tail.starts_with(w));
            match years.date(Some(Inference::MonthEnd), |y| month_end(y, month)) {
                Some(f) if !vague => out.push(f),
                _ => undatable = true,
            }
            i += skip;
            continue;
        }
        i += used;
    }
    (out, undatable)
}

/// Parses a deadline phrase, never guessing a year it does not state.
pub fn parse(text: &str) -> Deadline {
    parse_in(text, None)
}

/// Parses a deadline phrase of a notice issued on `issued`: a date without
/// a year takes the issue year, marked as inferred.
pub fn parse_in(text: &str, issued: Option<NaiveDate>) -> Deadline {
    let mut d = Deadline {
        text: text.trim().to_string(),
        ..Deadline::default()
    };
    let mut years = Years {
        stated: None,
        issued,
    };
    let mut milestones: Vec<Milestone> = Vec::new();
    let mut inferred: Vec<Inferred> = Vec::new();
    let mut previous_clause_start = 0;
    for clause in d.text.split(punctuation::is_clause_separator) {
        let clause = clause.trim();
        if clause.is_empty() {
            continue;
        }
        let mut understood = false;
        if ONGOING.iter().any(|k| clause.contains(k)) {
            d.ongoing = true;
            understood = true;
        }
        if clause.contains("立行立改") {
            d.immediate = true;
            understood = true;
        }
        if clause.contains("每月") {
            d.recurring = Some(Recurrence::Monthly);
            understood = true;
        } else if clause.contains("每季度") || clause.contains("每季") {
            d.recurring = Some(Recurrence::Quarterly);
            understood = true;
        }
        let (dates, undatable) = dates_in(clause, &mut years);
        let require = if clause.contains("阶段性") {
            Requirement::Phased
        } else {
            Requirement::Done
        };
        if dates.is_empty() && !undatable && clause.contains("阶段性") {
            // "…前,取得阶段性成效": the requirement of the clause before.
            for m in &mut milestones[previous_clause_start..] {
                m.require = Requirement::Phased;
            }
            understood = true;
        } else if dates.is_empty() && ["完成", "整改到位", "完成整改"].contains(&clause) {
            understood = true;
        }
        if !dates.is_empty() {
            previous_clause_start = milestones.len();
        }
        for &(date, how) in &dates {
            milestones.push(Milestone { date, require });
            if let Some(how) = how
                && !inferred.iter().any(|x| x.date == date)
            {
                inferred.push(Inferred { date, how });
            }
        }
        if undatable || (!understood && dates.is_empty()) {
            d.undated.push(clause.to_string());
        }
    }
    // The same date twice: keep the weaker requirement once.
    milestones.sort_by_key(|m| (m.date, m.require == Requirement::Done));
    milestones.dedup_by_key(|m| m.date);
    inferred.retain(|x| milestones.iter().any(|m| m.date == x.date));
    d.milestones = milestones;
    d.inferred = inferred;
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(d: &Deadline) -> Vec<(String, &'static str)> {
        d.milestones
            .iter()
            .map(|m| (m.date.to_string(), m.require.key()))
            .collect()
    }

    fn v(items: &[(&str, &'static str)]) -> Vec<(String, &'static str)> {
        items.iter().map(|(a, b)| (a.to_string(), *b)).collect()
    }

    #[test]
    fn the_shipped_forms() {
        let d = parse("2022年12月31日前取得阶段性成效,长期坚持");
        assert_eq!(ms(&d), v(&[("2022-12-31", "phased")]));
        assert!(d.ongoing && d.undated.is_empty());
        let d = parse("2022年7月31日前");
        assert_eq!(ms(&d), v(&[("2022-07-31", "done")]));
        assert!(!d.ongoing);
        let d = parse("2022年6月30日、9月30日、11月30日前取得阶段性成效");
        assert_eq!(
            ms(&d),
            v(&[
                ("2022-06-30", "phased"),
                ("2022-09-30", "phased"),
                ("2022-11-30", "phased")
            ])
        );
    }

    #[test]
    fn genre_forms() {
        assert_eq!(ms(&parse("2023年3月底前")), v(&[("2023-03-31", "done")]));
        assert_eq!(
            ms(&parse("2022年2月底前完成")),
            v(&[("2022-02-28", "done")])
        );
        assert_eq!(ms(&parse("2022年底前")), v(&[("2022-12-31", "done")]));
        assert_eq!(ms(&parse("2023年上半年")), v(&[("2023-06-30", "done")]));
        assert_eq!(
            ms(&parse("2023年下半年取得阶段性成效")),
            v(&[("2023-12-31", "phased")])
        );
        let d = parse("立行立改,长期坚持");
        assert!(d.immediate && d.ongoing && d.milestones.is_empty() && d.undated.is_empty());
        let d = parse("每季度报送一次");
        assert_eq!(d.recurring, Some(Recurrence::Quarterly));
        let d = parse("2022年9月30日前完成,2022年12月31日前取得阶段性成效;持续推进");
        assert_eq!(
            ms(&d),
            v(&[("2022-09-30", "done"), ("2022-12-31", "phased")])
        );
        assert!(d.ongoing);
        let d = parse("2022年6月30日前,取得阶段性成效");
        assert_eq!(ms(&d), v(&[("2022-06-30", "phased")]));
        assert!(d.undated.is_empty());
    }

    #[test]
    fn never_guesses() {
        let d = parse("12月31日前");
        assert!(d.milestones.is_empty());
        assert_eq!(d.undated, vec!["12月31日前"]);
        let d = parse("2022年2月30日前");
        assert!(d.milestones.is_empty());
        assert_eq!(d.undated.len(), 1);
        let d = parse("按上级要求");
        assert_eq!(d.undated, vec!["按上级要求"]);
        let d = parse("2025年");
        assert_eq!(d.undated, vec!["2025年"]);
    }
}
