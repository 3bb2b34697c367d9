//! Reads an annotation's labelled fields: 牵头单位, 责任单位, 整改时限….
//!
//! Labels may come in any order and any subset; a field runs to the next
//! label, and trailing separators (including the slip ':' for ';') are
//! dropped.

use crate::punctuation;

/// The fields an annotation can carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Lead,
    Responsible,
    Cooperating,
    Leader,
    Deadline,
}

/// Labels, longest first so 整改时限 wins over 时限.
const LABELS: [(&str, Field); 10] = [
    ("牵头单位", Field::Lead),
    ("责任单位", Field::Responsible),
    ("配合单位", Field::Cooperating),
    ("协办单位", Field::Cooperating),
    ("牵头领导", Field::Leader),
    ("责任领导", Field::Leader),
    ("整改时限", Field::Deadline),
    ("完成时限", Field::Deadline),
    ("整改时间", Field::Deadline),
    ("时限", Field::Deadline),
];

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Annotation {
    pub lead: Option<String>,
    pub responsible: Vec<String>,
    pub leaders: Vec<String>,
    pub deadline: Option<String>,
    /// The same label given twice.
    pub repeated: Vec<&'static str>,
}

/// Whether `text` carries at least one label.
pub fn has_label(text: &str) -> bool {
    LABELS.iter().any(|(l, _)| text.contains(l))
}

/// Whether `text` begins with a label (an annotation on its own line).
pub fn starts_with_label(text: &str) -> bool {
    LABELS.iter().any(|(l, _)| text.trim_start().starts_with(l))
}

fn trim_value(v: &str) -> &str {
    v.trim_matches(punctuation::is_trimmable)
}

/// Splits an annotation's content into its fields.
pub fn parse(content: &str) -> Annotation {
    let mut found: Vec<(usize, usize, Field, &'static str)> = Vec::new();
    let mut i = 0;
    while i < content.len() {
        let rest = &content[i..];
        if let Some((label, field)) = LABELS.iter().find(|(l, _)| rest.starts_with(l)) {
            found.push((i, i + label.len(), *field, label));
            i += label.len();
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    let mut a = Annotation::default();
    for (k, &(_, end, field, label)) in found.iter().enumerate() {
        let stop = found.get(k + 1).map_or(content.len(), |n| n.0);
        let value = trim_value(&content[end..stop]).to_string();
        match field {
            Field::Lead => {
                if a.lead.is_some() {
                    a.repeated.push(label);
                }
                a.lead = Some(value);
            }
            Field::Responsible | Field::Cooperating => a.responsible.push(value),
            Field::Leader => a.leaders.push(value),
            Field::Deadline => {
                if a.deadline.is_some() {
                    a.repeated.push(label);
                }
                a.deadline = Some(value);
            }
        }
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_form_with_its_slip() {
        let a = parse(
            "牵头单位:市乡村振兴局:责任单位:各街道党工委和办事处、市级行业主责部门;整改时限:2022年6月30日前取得阶段性成效,长期坚持",
        );
        assert_eq!(a.lead.as_deref(), Some("市乡村振兴局"));
        assert_eq!(
            a.responsible,
            vec!["各街道党工委和办事处、市级行业主责部门"]
        );
        assert_eq!(
            a.deadline.as_deref(),
            Some("2022年6月30日前取得阶段性成效,长期坚持")
        );
    }

    #[test]
    fn any_order_and_subset() {
        let a = parse("完成时限:2023年3月底前 牵头领导:王某 牵头单位:县水务局 配合单位:各乡镇");
        assert_eq!(a.lead.as_deref(), Some("县水务局"));
        assert_eq!(a.responsible, vec!["各乡镇"]);
        assert_eq!(a.leaders, vec!["王某"]);
        assert_eq!(a.deadline.as_deref(), Some("2023年3月底前"));
        let a = parse("时限:立行立改");
        assert_eq!(a.deadline.as_deref(), Some("立行立改"));
        assert!(a.lead.is_none());
    }
}
