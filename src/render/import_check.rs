//! `import --check`: per problem, what was found, and every inference and
//! doubt with its line, so a clerk can confirm a new notice in one read.

use crate::import::{Import, MeasureReport, Note};
use std::fmt::Write;

fn note_line(note: &Note) -> String {
    match note.line {
        Some(l) => format!("{}（第{l}行）：{}", note.kind.label(), note.text),
        None => format!("{}：{}", note.kind.label(), note.text),
    }
}

fn measure(s: &mut String, m: &MeasureReport) {
    let _ = writeln!(s, "  {} 第{}行 {}", m.id, m.line, m.title);
    let mut units = format!("牵头：{}", m.lead.join("、"));
    if !m.responsible.is_empty() {
        let _ = write!(units, "；责任：{}", m.responsible.join("、"));
    }
    let _ = writeln!(s, "      {units}");
    if !m.people.is_empty() {
        let _ = writeln!(s, "      人员：{}", m.people.join("；"));
    }
    if !m.deadline.is_empty() {
        let _ = writeln!(s, "      时限：{}", m.deadline);
    }
    for n in &m.notes {
        let _ = writeln!(s, "      {}", note_line(n));
    }
}

/// The check report's text.
pub fn render(found: &Import) -> String {
    let mut s = String::new();
    for n in &found.notes {
        let _ = writeln!(s, "{}", note_line(n));
    }
    for p in &found.problems {
        if !s.is_empty() {
            s.push('\n');
        }
        let _ = writeln!(
            s,
            "（{}）{} 第{}行，{} 条措施",
            crate::render::chinese::numeral(p.number as usize),
            p.title,
            p.line,
            p.measures.len()
        );
        for m in &p.measures {
            measure(&mut s, m);
        }
    }
    if !s.is_empty() {
        s.push('\n');
    }
    let _ = writeln!(
        s,
        "共 {} 个问题、{} 条措施；{} 个错误、{} 个警告",
        found.problems.len(),
        found.measures_found,
        found.errors(),
        found.warnings()
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{ImportOptions, import};

    #[test]
    fn lists_measures_with_their_inferences() {
        let notice = "某县整改方案\n2023年3月1日\n(一)问题一。\n(1)开展排查。\n牵头领导:张某\n责任部门:县水务局\n完成时限:2023年9月\n";
        let found = import(notice, &ImportOptions::default());
        let text = render(&found);
        assert!(
            text.starts_with(
                "（一）问题一 第3行，1 条措施\n  1.1 第4行 开展排查\n      牵头：县水务局\n      人员：牵头领导：张某\n      时限：2023年9月\n"
            ),
            "{text}"
        );
        assert!(
            text.contains(
                "推定（第5行）：时限“2023年9月”：只写到月份，取该月最后一天，取 2023-09-30"
            ),
            "{text}"
        );
        assert!(
            text.ends_with("共 1 个问题、1 条措施；0 个错误、2 个警告\n"),
            "{text}"
        );
    }
}
