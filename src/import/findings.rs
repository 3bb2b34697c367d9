//! Findings in a problem's paragraph: the text after a lead-in such as
//! “省对市考核评估指出:” or “市考核发现:”, kept with its level.

use crate::model::{Finding, Level};
use crate::punctuation;

/// The level of a finding from its lead-in (省对市…指出).
pub fn level_of(lead_in: &str) -> Level {
    if lead_in.contains("中央") || lead_in.contains("国家") {
        Level::Central
    } else if lead_in.starts_with('省') || lead_in.contains("省对") {
        Level::Provincial
    } else if lead_in.contains("市对") || lead_in.contains("州对") || lead_in.contains("州(市)对")
    {
        Level::Municipal
    } else {
        Level::Unspecified
    }
}

/// Where each lead-in ends (…指出: / …发现: / …反馈:), in text order:
/// (keyword start, body start).
fn lead_in_ends(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for kw in ["指出", "发现", "反馈"] {
        for (pos, _) in text.match_indices(kw) {
            let after = &text[pos + kw.len()..];
            if let Some(colon) = after.chars().next().filter(|&c| punctuation::is_colon(c)) {
                out.push((pos, pos + kw.len() + colon.len_utf8()));
            }
        }
    }
    out.sort();
    out
}

/// Whether a lead-in starts after `c`: the end of a sentence or clause.
fn ends_clause(c: char) -> bool {
    c == '。' || punctuation::is_semicolon(c)
}

/// Splits a paragraph at finding lead-ins. A lead-in starts after the last
/// sentence or clause end before it, and never before the previous
/// finding's text, so two lead-ins in one sentence are two findings.
pub fn split_findings(text: &str) -> (String, Vec<Finding>) {
    let mut cuts: Vec<(usize, usize)> = Vec::new(); // (lead-in start, body start)
    let mut boundary = 0;
    let mut scanned = 0;
    for (kw, body) in lead_in_ends(text) {
        let floor = cuts.last().map_or(0, |c| c.1);
        if kw < floor {
            continue;
        }
        for (i, c) in text[scanned..kw].char_indices() {
            if ends_clause(c) {
                boundary = scanned + i + c.len_utf8();
            }
        }
        scanned = kw;
        cuts.push((boundary.max(floor), body));
    }
    let before = text[..cuts.first().map_or(text.len(), |c| c.0)]
        .trim()
        .to_string();
    let mut findings = Vec::new();
    for (k, &(start, body)) in cuts.iter().enumerate() {
        let end = cuts.get(k + 1).map_or(text.len(), |n| n.0);
        let lead_in = text[start..body]
            .trim_end_matches(punctuation::is_colon)
            .trim();
        findings.push(Finding {
            level: level_of(lead_in),
            source: Some(lead_in.to_string()),
            text: text[body..end].trim().to_string(),
        });
    }
    (before, findings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings_by_level() {
        let (before, f) =
            split_findings("省对市考核评估指出:签到率低。昆明市对安宁市考核发现:学习不够。");
        assert!(before.is_empty());
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].level, Level::Provincial);
        assert_eq!(f[0].text, "签到率低。");
        assert_eq!(f[1].level, Level::Municipal);
        assert_eq!(f[1].source.as_deref(), Some("昆明市对安宁市考核发现"));
    }

    #[test]
    fn two_lead_ins_in_one_sentence() {
        let (_, f) = split_findings("省考核指出:甲;市考核发现:乙");
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].source.as_deref(), Some("省考核指出"));
        assert_eq!(f[0].text, "甲;");
        assert_eq!(f[1].source.as_deref(), Some("市考核发现"));
        assert_eq!(f[1].text, "乙");
        // Without a clause end between them, the second lead-in takes what
        // lies between: nothing is lost and nothing overlaps.
        let (_, f) = split_findings("省考核指出:甲市考核发现:乙");
        assert_eq!(f.len(), 2);
        assert_eq!(f[1].source.as_deref(), Some("甲市考核发现"));
    }

    #[test]
    fn many_lead_ins_are_linear() {
        let text = "考核指出:".repeat(50_000);
        let start = std::time::Instant::now();
        let (_, f) = split_findings(&text);
        assert_eq!(f.len(), 50_000);
        assert!(start.elapsed().as_secs() < 2);
    }
}
