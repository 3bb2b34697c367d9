//! Reads an annotation's labelled fields: 牵头单位, 责任单位, 整改时限….
//!
//! A label counts only when a colon follows it. Labels may come in any
//! order and any subset; a field runs to the next label, known or not, and
//! trailing separators (including the slip ':' for ';') are dropped. A
//! label the importer does not know (督办单位:…) is kept apart, to be
//! reported, and never merged into its neighbour.

use crate::punctuation;

/// The fields an annotation can carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// 牵头单位: leads.
    Lead,
    /// 责任单位 / 责任部门: responsible, or the lead when none is named.
    Responsible,
    /// 配合单位: shares the work.
    Cooperating,
    /// 牵头领导, 责任人…: a person, kept with the label.
    Person,
    Deadline,
    /// 整改目标.
    Goal,
    /// A label-like word the importer does not know.
    Unknown,
}

/// Labels, longest first so 整改时限 wins over 时限 and 整改责任人 over 责任人.
const LABELS: [(&str, Field); 26] = [
    ("牵头责任单位", Field::Lead),
    ("整改责任人", Field::Person),
    ("牵头单位", Field::Lead),
    ("牵头部门", Field::Lead),
    ("主办单位", Field::Lead),
    ("主责单位", Field::Lead),
    ("责任单位", Field::Responsible),
    ("责任部门", Field::Responsible),
    ("配合单位", Field::Cooperating),
    ("配合部门", Field::Cooperating),
    ("协办单位", Field::Cooperating),
    ("参与单位", Field::Cooperating),
    ("牵头领导", Field::Person),
    ("责任领导", Field::Person),
    ("分管领导", Field::Person),
    ("包保领导", Field::Person),
    ("责任人", Field::Person),
    ("联络人", Field::Person),
    ("联系人", Field::Person),
    ("整改时限", Field::Deadline),
    ("完成时限", Field::Deadline),
    ("整改时间", Field::Deadline),
    ("完成时间", Field::Deadline),
    ("整改期限", Field::Deadline),
    ("时限", Field::Deadline),
    ("整改目标", Field::Goal),
];

/// The longest label with its colon, in chars.
pub const LONGEST_LABEL: usize = 7;

/// The field a header or label word names, if the importer knows it.
pub fn field_of(word: &str) -> Option<Field> {
    LABELS.iter().find(|(l, _)| *l == word).map(|(_, f)| *f)
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Annotation {
    pub lead: Option<String>,
    pub responsible: Vec<String>,
    pub cooperating: Vec<String>,
    /// `label:name`, as the notice gives them.
    pub people: Vec<String>,
    pub deadline: Option<String>,
    pub goal: Option<String>,
    /// `label:value` for labels the importer does not know.
    pub unknown: Vec<String>,
    /// The same label given twice.
    pub repeated: Vec<&'static str>,
}

/// The length in chars of a known label and its colon at the start of
/// `chars`.
pub fn label_at(chars: &[char]) -> Option<usize> {
    let first = *chars.first()?;
    if !"牵整主责配协参分包联完时".contains(first) {
        return None;
    }
    LABELS.iter().find_map(|(l, _)| {
        let n = l.chars().count();
        let matches = chars.len() > n
            && l.chars().zip(chars).all(|(a, &b)| a == b)
            && punctuation::is_colon(chars[n]);
        matches.then_some(n + 1)
    })
}

/// Whether `text` carries at least one label.
pub fn has_label(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    (0..chars.len()).any(|i| label_at(&chars[i..]).is_some())
}

/// Whether `text` begins with a label (an annotation on its own line).
pub fn starts_with_label(text: &str) -> bool {
    let head: Vec<char> = text.trim_start().chars().take(LONGEST_LABEL).collect();
    label_at(&head).is_some()
}

fn trim_value(v: &str) -> &str {
    v.trim_matches(punctuation::is_trimmable)
}

/// A label-like word the importer does not know: 2 to 6 Chinese
/// characters right after a separator (or the start) and before a colon.
fn unknown_label_at(content: &str, i: usize) -> Option<usize> {
    let before = content[..i].chars().next_back();
    let at_field_start = before.is_none_or(|c| {
        punctuation::is_clause_separator(c) || c.is_whitespace() || c == '\u{3000}'
    });
    if !at_field_start {
        return None;
    }
    let word: String = content[i..]
        .chars()
        .take_while(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
        .take(7)
        .collect();
    let n = word.chars().count();
    let after = content[i + word.len()..].chars().next();
    ((2..=6).contains(&n) && after.is_some_and(punctuation::is_colon)).then_some(word.len())
}

/// Splits an annotation's content into its fields.
pub fn parse(content: &str) -> Annotation {
    // (start, value start, field, label)
    let mut found: Vec<(usize, usize, Field, String)> = Vec::new();
    let mut i = 0;
    while i < content.len() {
        let rest = &content[i..];
        let known = LABELS.iter().find(|(l, _)| {
            rest.starts_with(l)
                && rest[l.len()..]
                    .chars()
                    .next()
                    .is_some_and(punctuation::is_colon)
        });
        if let Some((label, field)) = known {
            found.push((i, i + label.len(), *field, label.to_string()));
            i += label.len();
        } else if let Some(len) = unknown_label_at(content, i) {
            found.push((i, i + len, Field::Unknown, rest[..len].to_string()));
            i += len;
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    let mut a = Annotation::default();
    for (k, (_, end, field, label)) in found.iter().enumerate() {
        let stop = found.get(k + 1).map_or(content.len(), |n| n.0);
        let value = trim_value(&content[*end..stop]).to_string();
        let known_label = LABELS.iter().find(|(l, _)| l == label).map(|(l, _)| *l);
        match field {
            Field::Lead => {
                if a.lead.is_some() {
                    a.repeated.extend(known_label);
                }
                a.lead = Some(value);
            }
            Field::Responsible => a.responsible.push(value),
            Field::Cooperating => a.cooperating.push(value),
            Field::Person => a.people.push(format!("{label}\u{FF1A}{value}")),
            Field::Deadline => {
                if a.deadline.is_some() {
                    a.repeated.extend(known_label);
                }
                a.deadline = Some(value);
            }
            Field::Goal => a.goal = Some(value),
            Field::Unknown => a.unknown.push(format!("{label}\u{FF1A}{value}")),
        }
    }
    a
}

impl Annotation {
    /// Whether `other` names nothing this one already names, so that the
    /// two are one annotation written over several lines.
    pub fn completes(&self, other: &Annotation) -> bool {
        !(self.lead.is_some() && other.lead.is_some()
            || self.deadline.is_some() && other.deadline.is_some()
            || !self.responsible.is_empty() && !other.responsible.is_empty()
            || self.goal.is_some() && other.goal.is_some())
    }

    /// Adds the fields of `other` (see [`Annotation::completes`]).
    pub fn merge(&mut self, other: Annotation) {
        self.lead = self.lead.take().or(other.lead);
        self.responsible.extend(other.responsible);
        self.cooperating.extend(other.cooperating);
        self.people.extend(other.people);
        self.deadline = self.deadline.take().or(other.deadline);
        self.goal = self.goal.take().or(other.goal);
        self.unknown.extend(other.unknown);
        self.repeated.extend(other.repeated);
    }
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
        assert!(a.unknown.is_empty());
    }

    #[test]
    fn any_order_and_subset() {
        let a = parse("完成时限:2023年3月底前 牵头领导:王某 牵头单位:县水务局 配合单位:各乡镇");
        assert_eq!(a.lead.as_deref(), Some("县水务局"));
        assert_eq!(a.cooperating, vec!["各乡镇"]);
        assert_eq!(a.people, vec!["牵头领导\u{FF1A}王某"]);
        assert_eq!(a.deadline.as_deref(), Some("2023年3月底前"));
        let a = parse("时限:立行立改");
        assert_eq!(a.deadline.as_deref(), Some("立行立改"));
        assert!(a.lead.is_none());
    }

    #[test]
    fn people_never_leak_into_units() {
        let a = parse("牵头单位:市审计局;责任单位:市财政局;整改责任人:市审计局副局长");
        assert_eq!(a.lead.as_deref(), Some("市审计局"));
        assert_eq!(a.responsible, vec!["市财政局"]);
        assert_eq!(a.people, vec!["整改责任人\u{FF1A}市审计局副局长"]);
    }

    #[test]
    fn unknown_labels_stand_apart() {
        let a = parse("牵头单位:县水务局;督办单位:县督查室;完成时限:2023年底前");
        assert_eq!(a.lead.as_deref(), Some("县水务局"));
        assert_eq!(a.unknown, vec!["督办单位\u{FF1A}县督查室"]);
        assert_eq!(a.deadline.as_deref(), Some("2023年底前"));
    }

    #[test]
    fn lines_of_their_own_complete_each_other() {
        let mut a = parse("牵头领导:张某");
        let b = parse("责任部门:县财政局");
        assert!(a.completes(&b));
        a.merge(b);
        let c = parse("完成时限:2023年6月底前");
        assert!(a.completes(&c));
        a.merge(c);
        assert!(!a.completes(&parse("完成时限:2023年底前")));
    }
}
