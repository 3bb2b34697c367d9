//! A measure: one bracketed item of the plan.

use super::deadline::Deadline;
use super::unit::UnitId;
use serde::Serialize;
use std::cmp::Ordering;
use std::fmt;

/// `P.M` or `P.M.S`: problem ordinal, measure number, sub-item.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
pub struct MeasureId(pub String);

impl MeasureId {
    /// The numeric parts, for ordering 2.10 after 2.9.
    pub fn parts(&self) -> Vec<u32> {
        self.0
            .split('.')
            .map(|p| p.parse().unwrap_or(u32::MAX))
            .collect()
    }

    /// Whether `text` has the shape of an id (numbers joined by dots).
    pub fn is_well_formed(text: &str) -> bool {
        let parts: Vec<&str> = text.split('.').collect();
        (2..=3).contains(&parts.len())
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.len() < 6 && p.bytes().all(|b| b.is_ascii_digit()))
    }
}

impl Ord for MeasureId {
    fn cmp(&self, other: &Self) -> Ordering {
        self.parts()
            .cmp(&other.parts())
            .then_with(|| self.0.cmp(&other.0))
    }
}

impl PartialOrd for MeasureId {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for MeasureId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measure {
    pub id: MeasureId,
    /// The problem's ordinal (1-based).
    pub problem: u32,
    /// For a sub-item (一是/二是…), the lead-in of the measure it belongs to.
    pub heading: Option<String>,
    pub text: String,
    pub lead: Vec<UnitId>,
    pub responsible: Vec<UnitId>,
    pub deadline: Deadline,
    /// People the notice names for the measure, with their label
    /// (牵头领导：张某). Never units.
    pub people: Vec<String>,
    /// The target (整改目标) when the notice states it apart from the text.
    pub goal: Option<String>,
}

impl Measure {
    /// Whether `unit` leads or shares this measure.
    pub fn involves(&self, unit: UnitId) -> bool {
        self.lead.contains(&unit) || self.responsible.contains(&unit)
    }

    /// A short title for tables: the first clause, without 一是/二是….
    pub fn title(&self) -> String {
        short_title(&self.text, 18)
    }

    /// The first clause in full, for prose (which never truncates).
    pub fn name(&self) -> String {
        short_title(&self.text, usize::MAX)
    }
}

/// The first clause of `text`, at most `max` characters.
pub fn short_title(text: &str, max: usize) -> String {
    let mut t = text.trim();
    for ordinal in ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"] {
        let prefix = format!("{ordinal}是");
        if let Some(rest) = t.strip_prefix(prefix.as_str()) {
            t = rest;
            break;
        }
    }
    let clause: String = t
        .chars()
        .take_while(|&c| {
            !(crate::punctuation::is_clause_separator(c) || crate::punctuation::is_colon(c))
        })
        .collect();
    let chars: Vec<char> = clause.chars().collect();
    if chars.len() > max {
        let mut s: String = chars[..max - 1].iter().collect();
        s.push('…');
        s
    } else {
        clause
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_order_numerically() {
        let mut ids: Vec<MeasureId> = ["2.10", "2.9", "10.1", "3.5.2", "3.5.1", "3.4"]
            .iter()
            .map(|s| MeasureId(s.to_string()))
            .collect();
        ids.sort();
        let got: Vec<&str> = ids.iter().map(|i| i.0.as_str()).collect();
        assert_eq!(got, ["2.9", "2.10", "3.4", "3.5.1", "3.5.2", "10.1"]);
    }

    #[test]
    fn id_shape() {
        assert!(MeasureId::is_well_formed("7.1.5"));
        assert!(MeasureId::is_well_formed("10.1"));
        assert!(!MeasureId::is_well_formed("7"));
        assert!(!MeasureId::is_well_formed("7.a"));
        assert!(!MeasureId::is_well_formed("1.2.3.4"));
    }

    #[test]
    fn titles() {
        assert_eq!(short_title("深化扶志教育。以社会主义", 18), "深化扶志教育");
        assert_eq!(
            short_title("二是抓好存量农民培训,结合", 18),
            "抓好存量农民培训"
        );
        assert_eq!(short_title("一二三四五六七八九十", 5), "一二三四…");
    }
}
