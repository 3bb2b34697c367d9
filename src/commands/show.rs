//! `rectify show ID`: a measure in full and its history.

use super::{Context, find_measure, print};
use crate::cli::View;
use crate::model::Status;
use crate::model::progress::MilestoneState;
use crate::render::{Format, json, table};
use crate::views::show::{self, Detail};
use anyhow::Result;
use comfy_table::Cell;
use std::fmt::Write;
use std::process::ExitCode;

pub fn run(ctx: &Context, id: &str, view: View) -> Result<ExitCode> {
    let ws = ctx.open()?;
    let m = find_measure(&ws.plan, id)?;
    let entries = ws.entries_for(&m.id.0)?;
    let detail = show::build(&ws, m, &entries, view.as_of);
    match view.format {
        Format::Json => print(&json::to_string(&detail)?)?,
        Format::Table | Format::Csv => print(&text(&detail, view, ctx))?,
    }
    Ok(ExitCode::SUCCESS)
}

fn text(d: &Detail, view: View, ctx: &Context) -> String {
    let r = &d.row;
    let mut s = String::new();
    let _ = writeln!(s, "措施 {}(问题{}: {})", r.id, r.problem, d.problem_title);
    if let Some(h) = &d.heading {
        let _ = writeln!(s, "所属措施: {h}");
    }
    let _ = writeln!(s, "内容: {}", d.text);
    let _ = writeln!(s, "牵头单位: {}", r.lead.join("、"));
    let responsible = if r.responsible.is_empty() {
        "—".to_string()
    } else {
        r.responsible.join("、")
    };
    let _ = writeln!(s, "责任单位: {responsible}");
    let _ = writeln!(s, "整改时限: {}", r.deadline);
    if !d.milestone_states.is_empty() {
        let _ = writeln!(s, "时限节点:");
        for m in &d.milestone_states {
            let require = if m.require == "done" {
                "完成"
            } else {
                "取得阶段性成效"
            };
            let state = match m.state {
                MilestoneState::Met => "已按时达到".to_string(),
                MilestoneState::MetLate { on } => format!("{on} 逾期达到"),
                MilestoneState::Overdue { days } => format!("逾期{days}天"),
                MilestoneState::Pending { days_left } => format!("还有{days_left}天"),
            };
            let _ = writeln!(s, "  {} {require}: {state}", m.date);
        }
    }
    if r.ongoing {
        let _ = writeln!(s, "长期坚持: 时限节点之后仍须持续推进");
    }
    // A done measure's light says 完成 too: say it once.
    if r.light == crate::model::progress::Light::Done {
        let _ = writeln!(s, "截至 {}: {}", view.as_of, r.status.label());
    } else {
        let light = table::light_cell(r, view.as_of, ctx.style).content();
        let _ = writeln!(s, "截至 {}: {},{}", view.as_of, r.status.label(), light);
    }
    if d.history.is_empty() {
        let _ = writeln!(s, "进展记录: 暂无");
        return s;
    }
    let _ = writeln!(s, "进展记录 {} 条:", d.history.len());
    let mut t = table::new(
        &[
            "日期",
            "单位",
            "状态",
            "整改进展情况",
            "发现的问题",
            "下步工作措施",
            "记录人",
        ],
        ctx.style,
    );
    for h in &d.history {
        let status = Status::parse(h.status).map_or(h.status, |s| s.label());
        let opt = |o: &Option<String>| o.clone().unwrap_or_else(|| "—".to_string());
        t.add_row(vec![
            Cell::new(h.date),
            Cell::new(&h.unit),
            Cell::new(status),
            Cell::new(&h.progress),
            Cell::new(opt(&h.problems)),
            Cell::new(opt(&h.next)),
            Cell::new(opt(&h.by)),
        ]);
    }
    let _ = writeln!(s, "{t}");
    s
}
