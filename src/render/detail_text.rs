//! `show` as text: a measure in full, its milestones and its history.

use super::Style;
use super::labels::correction_text;
use super::table::{self, text_cell};
use super::terminal::escape;
use crate::model::Status;
use crate::model::progress::{Light, MilestoneState};
use crate::views::show::{CorrectionMark, Detail};
use chrono::NaiveDate;
use comfy_table::Cell;
use std::fmt::Write;

pub fn render(d: &Detail, as_of: NaiveDate, style: Style) -> String {
    let r = &d.row;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "措施 {}(问题{}: {})",
        r.id,
        r.problem,
        escape(&d.problem_title)
    );
    if let Some(h) = &d.heading {
        let _ = writeln!(s, "所属措施: {}", escape(h));
    }
    let _ = writeln!(s, "内容: {}", escape(&d.text));
    let _ = writeln!(s, "牵头单位: {}", r.lead.join("、"));
    let responsible = if r.responsible.is_empty() {
        "—".to_string()
    } else {
        r.responsible.join("、")
    };
    let _ = writeln!(s, "责任单位: {responsible}");
    let _ = writeln!(s, "整改时限: {}", escape(&r.deadline));
    if !d.milestone_states.is_empty() {
        let _ = writeln!(s, "时限节点:");
        for m in &d.milestone_states {
            let state = match m.state {
                MilestoneState::Met => "已按时达到".to_string(),
                MilestoneState::MetLate { on } => format!("{on} 逾期达到"),
                MilestoneState::Overdue { days } => format!("逾期{days}天"),
                MilestoneState::Pending { days_left } => format!("还有{days_left}天"),
            };
            let _ = writeln!(s, "  {} {}: {state}", m.date, m.require.label());
        }
    }
    if r.ongoing {
        let _ = writeln!(s, "长期坚持: 时限节点之后仍须持续推进");
    }
    // A done measure's light says 完成 again: only the status is given.
    if r.light == Light::Done {
        let _ = writeln!(s, "截至 {as_of}: {}", r.status.label());
    } else {
        let light = table::light_cell(r, as_of, style).content();
        let _ = writeln!(s, "截至 {as_of}: {},{light}", r.status.label());
    }
    if d.history.is_empty() {
        let _ = writeln!(s, "进展记录: 暂无");
        return s;
    }
    let corrected = d
        .history
        .iter()
        .filter(|h| {
            matches!(
                h.correction,
                Some(CorrectionMark::CorrectedBy(_) | CorrectionMark::WithdrawnBy(_))
            ) || h.status == Status::Withdrawn
        })
        .count();
    if corrected == 0 {
        let _ = writeln!(s, "进展记录 {} 条:", d.history.len());
    } else {
        let _ = writeln!(
            s,
            "进展记录 {} 条(其中 {corrected} 条已被更正、撤回或为撤回说明,不计入统计):",
            d.history.len()
        );
    }
    let mut t = table::new(
        &[
            "编号",
            "日期",
            "单位",
            "状态",
            "整改进展情况",
            "发现的问题",
            "下步工作措施",
            "记录人",
        ],
        style,
    );
    for h in &d.history {
        let opt = |o: &Option<String>| text_cell(o.as_deref().unwrap_or("—"));
        let status = match h.correction {
            Some(mark) => format!("{}\n({})", h.status.label(), correction_text(mark)),
            None => h.status.label().to_string(),
        };
        t.add_row(vec![
            Cell::new(h.id),
            Cell::new(h.date),
            Cell::new(&h.unit),
            Cell::new(status),
            text_cell(&h.progress),
            opt(&h.problems),
            opt(&h.next),
            opt(&h.by),
        ]);
    }
    let _ = writeln!(s, "{t}");
    s
}
