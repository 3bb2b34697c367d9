//! The reporting rhythm and the office reports go to.
//!
//! The rhythm is found in a sentence that asks for reports (报送, 上报, 报)
//! with 每月N日前, 每月底前 / 每月末 (the month's last day) or 每季度末
//! (quarterly, the quarter's last day); sentences outside the problem
//! section are tried first. The office is what follows 至 in that sentence,
//! or a name in 报送…, 向…报送 or 报…汇总 anywhere in the notice.

use super::unit_list::looks_like_unit;
use crate::model::ReportingRule;
use crate::punctuation;
use chrono::{Datelike, NaiveDate};

/// What was found, with the lines it came from.
#[derive(Debug, Clone, Default)]
pub struct Found {
    pub rule: Option<(ReportingRule, usize)>,
    /// (name, note in brackets, line).
    pub office: Option<(String, Option<String>, usize)>,
}

/// A sentence: its text and line.
#[derive(Debug, Clone, Copy)]
pub struct Sentence<'a> {
    pub text: &'a str,
    pub line: usize,
    /// Inside the problem section.
    pub inside: bool,
}

/// Splits numbered lines into sentences at 。 (kept) and ;.
pub fn sentences<'a>(lines: &[(usize, &'a str, bool)]) -> Vec<Sentence<'a>> {
    let mut out = Vec::new();
    for &(line, text, inside) in lines {
        let mut start = 0;
        for (i, c) in text.char_indices() {
            if c == '。' || punctuation::is_semicolon(c) {
                let end = i + c.len_utf8();
                out.push(Sentence {
                    text: &text[start..end],
                    line,
                    inside,
                });
                start = end;
            }
        }
        if start < text.len() {
            out.push(Sentence {
                text: &text[start..],
                line,
                inside,
            });
        }
    }
    out
}

/// The reporting day a phrase at the start of `s` names: (day, quarterly).
fn rhythm_at(s: &str) -> Option<(u32, bool)> {
    if let Some(rest) = s.strip_prefix("每月") {
        for end in ["底前", "底", "末", "月底"] {
            if rest.starts_with(end) {
                return Some((31, false));
            }
        }
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let after = &rest[digits.len()..];
        let dated = ["日前", "日之前", "号前", "日"]
            .iter()
            .any(|e| after.starts_with(e));
        let day: u32 = digits.parse().ok()?;
        return ((1..=31).contains(&day) && dated).then_some((day, false));
    }
    let rest = s.strip_prefix("每季度")?;
    ["末", "最后", "结束前", "底"]
        .iter()
        .any(|e| rest.starts_with(e))
        .then_some((31, true))
}

fn asks_for_reports(s: &str) -> bool {
    s.contains("报送") || s.contains("上报") || s.contains('报')
}

/// Finds the rhythm and the office.
pub fn find(sentences: &[Sentence], issued: NaiveDate, last_milestone: NaiveDate) -> Found {
    let mut found = Found::default();
    let ordered = sentences
        .iter()
        .filter(|s| !s.inside)
        .chain(sentences.iter().filter(|s| s.inside));
    for s in ordered {
        if !asks_for_reports(s.text) {
            continue;
        }
        let hit = s
            .text
            .char_indices()
            .find_map(|(i, _)| rhythm_at(&s.text[i..]).map(|r| (i, r)));
        if let Some((pos, (day, quarterly))) = hit {
            let rule = rule(s.text, pos, day, quarterly, issued, last_milestone);
            found.office = office_in(s.text).map(|(n, note)| (n, note, s.line));
            found.rule = Some((rule, s.line));
            break;
        }
    }
    if found.office.is_none() {
        let ordered = sentences
            .iter()
            .filter(|s| !s.inside)
            .chain(sentences.iter().filter(|s| s.inside));
        for s in ordered {
            if let Some((n, note)) = office_in(s.text) {
                found.office = Some((n, note, s.line));
                break;
            }
        }
    }
    found
}

/// The rule from the sentence whose rhythm phrase is at `pos`.
fn rule(
    sentence: &str,
    pos: usize,
    day: u32,
    quarterly: bool,
    issued: NaiveDate,
    last_milestone: NaiveDate,
) -> ReportingRule {
    let mut rule = ReportingRule {
        first_month: issued.with_day(1).unwrap_or(issued),
        last_month: last_milestone.with_day(1).unwrap_or(last_milestone),
        day,
        quarterly,
        ..ReportingRule::default()
    };
    // Keep only the clause that names the reporters and months.
    let mut text = sentence;
    let mut head_end = pos;
    if let Some(month_pos) = text.find("月至") {
        let clause_start = text[..month_pos]
            .rfind(punctuation::is_comma)
            .map_or(0, |p| {
                p + text[p..].chars().next().map_or(1, char::len_utf8)
            });
        text = &text[clause_start..];
        head_end = pos.saturating_sub(clause_start);
    }
    rule.text = text.to_string();
    if let Some(mp) = text.find("月至") {
        let head = &text[..mp];
        let digits = trailing_digits(head);
        let tail = &text[mp + "月至".len()..];
        let last: String = tail.chars().take_while(|c| c.is_ascii_digit()).collect();
        let year = issued.year();
        if let (Ok(a), Ok(b)) = (digits.parse::<u32>(), last.parse::<u32>())
            && let (Some(f), Some(l)) = (
                NaiveDate::from_ymd_opt(year, a, 1),
                NaiveDate::from_ymd_opt(year, b, 1),
            )
        {
            rule.first_month = f;
            rule.last_month = l;
        }
        rule.reporters = head[..head.len() - digits.len()].trim().to_string();
    } else if text.is_char_boundary(head_end) {
        let head = &text[..head_end];
        let start = head
            .rfind(|c: char| punctuation::is_comma(c) || c == '。')
            .map_or(0, |p| {
                p + head[p..].chars().next().map_or(1, char::len_utf8)
            });
        let subject = head[start..].trim().trim_end_matches(['于', '在']);
        let names_units = ["单位", "部门"].iter().any(|w| subject.contains(w))
            || subject.starts_with('各')
            || looks_like_unit(subject);
        if names_units {
            rule.reporters = subject.to_string();
        }
    }
    if rule.last_month < rule.first_month {
        rule.last_month = rule.first_month;
    }
    if let Some(cp) = text.find("内容包括") {
        let rest = &text[cp + "内容包括".len()..];
        let stop = rest.find(punctuation::is_right_paren).unwrap_or(rest.len());
        rule.contents = rest[..stop]
            .trim_end_matches('等')
            .split('、')
            .map(|s| s.trim().trim_end_matches('等').to_string())
            .filter(|s| !s.is_empty())
            .collect();
    }
    rule
}

fn trailing_digits(s: &str) -> String {
    let n = s.chars().rev().take_while(char::is_ascii_digit).count();
    s[s.len() - n..].to_string()
}

/// A unit's name with an optional bracketed note: `X(Y端口)`.
fn name_and_note(text: &str) -> Option<(String, Option<String>)> {
    let text = text.trim().trim_end_matches('。').trim();
    let (name, note) = match text.find(punctuation::is_left_paren) {
        Some(q) => (
            text[..q].trim(),
            Some(
                text[q..]
                    .trim_start_matches(punctuation::is_left_paren)
                    .trim_end_matches(punctuation::is_right_paren)
                    .to_string(),
            ),
        ),
        None => (text, None),
    };
    let bad = ["情况", "报告", "材料", "进展", "台账", "清单"];
    let ok = !name.is_empty()
        && name.chars().count() <= 30
        && looks_like_unit(name)
        && !bad.iter().any(|b| name.contains(b));
    ok.then(|| (name.to_string(), note))
}

/// The text up to the first clause punctuation.
fn up_to_clause_end(s: &str) -> &str {
    let end = s
        .find(|c: char| punctuation::is_clause_separator(c) || c == '、')
        .unwrap_or(s.len());
    &s[..end]
}

/// The office named in a sentence, by 至…, 报送…, 向…报送 or 报…汇总.
pub fn office_in(sentence: &str) -> Option<(String, Option<String>)> {
    if asks_for_reports(sentence)
        && let Some(p) = sentence.rfind('至')
        && let Some(found) = name_and_note(&sentence[p + '至'.len_utf8()..])
    {
        return Some(found);
    }
    for (p, _) in sentence.match_indices("报送") {
        let rest = &sentence[p + "报送".len()..];
        let rest = rest
            .strip_prefix('给')
            .or_else(|| rest.strip_prefix('到'))
            .unwrap_or(rest);
        if let Some(found) = name_and_note(up_to_clause_end(rest)) {
            return Some(found);
        }
    }
    for (p, _) in sentence.match_indices('向') {
        let rest = &sentence[p + '向'.len_utf8()..];
        let end = ["书面报送", "报送", "书面报告", "报告", "汇报"]
            .iter()
            .filter_map(|w| rest.find(w))
            .min();
        if let Some(e) = end
            && let Some(found) = name_and_note(&rest[..e])
        {
            return Some(found);
        }
    }
    for (p, _) in sentence.match_indices('报') {
        let rest = &sentence[p + '报'.len_utf8()..];
        if let Some(e) = rest.find("汇总")
            && let Some(found) = name_and_note(&rest[..e])
        {
            return Some(found);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offices_by_every_phrase() {
        let name = |s: &str| office_in(s).map(|(n, _)| n);
        assert_eq!(
            name("各单位每月5日前报送整改进展情况至县整改办。").as_deref(),
            Some("县整改办")
        );
        assert_eq!(
            name("请于每月25日前将整改进展报送县委巡察整改工作领导小组办公室。").as_deref(),
            Some("县委巡察整改工作领导小组办公室")
        );
        assert_eq!(
            name("每季度末向区主题教育领导小组办公室报送整改台账。").as_deref(),
            Some("区主题教育领导小组办公室")
        );
        assert_eq!(
            name("整改情况每月底前报市审计整改工作专班汇总。").as_deref(),
            Some("市审计整改工作专班")
        );
        assert_eq!(name("报送整改情况报告。"), None);
    }

    #[test]
    fn rhythms() {
        assert_eq!(rhythm_at("每月5日前报送"), Some((5, false)));
        assert_eq!(rhythm_at("每月25日前"), Some((25, false)));
        assert_eq!(rhythm_at("每月底前报送"), Some((31, false)));
        assert_eq!(rhythm_at("每季度末报送"), Some((31, true)));
        assert_eq!(rhythm_at("每月开展一次"), None);
    }
}
