//! `rectify missing [--due D]` (催报): who has not reported by a deadline.

use super::{Context, print};
use crate::cli::View;
use crate::read::Workspace;
use crate::render::{Format, csv, docx, json, report_text, table};
use crate::views::missing::MissingReport;
use crate::views::missing::{self, Filed};
use crate::views::status::evaluations;
use crate::write::atomic;
use anyhow::{Result, bail};
use chrono::NaiveDate;
use comfy_table::Cell;
use std::path::Path;
use std::process::ExitCode;

pub fn run(
    ctx: &Context,
    due: Option<NaiveDate>,
    view: View,
    docx: Option<&Path>,
    force: bool,
) -> Result<ExitCode> {
    let ws = ctx.open()?;
    let plan = &ws.plan;
    let dues = plan.reporting.due_dates();
    let list = || {
        dues.iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join("、")
    };
    let due = match due {
        Some(d) if dues.contains(&d) => d,
        Some(d) => bail!("--due: {d} 不是报送期限;计划的报送期限是: {}", list()),
        None => match dues.iter().rev().find(|&&d| d <= view.as_of) {
            Some(&d) => d,
            None => bail!(
                "截至 {} 还没有到报送期限;计划的报送期限是: {}",
                view.as_of,
                list()
            ),
        },
    };
    let report = report(&ws, due)?;
    if let Some(dir) = docx {
        return notices(&ws, &report, dir, view.as_of, force);
    }
    match view.format {
        Format::Json => print(&json::to_string(&report)?)?,
        Format::Csv => print(&csv::missing(&report))?,
        Format::Table => {
            let mut out = report_text::missing(&report);
            if !report.units.is_empty() {
                let mut t = table::new(&["单位", "未报送的措施", "最近一次记录"], ctx.style);
                for u in &report.units {
                    let ids: Vec<&str> = u.measures.iter().map(|m| m.id.as_str()).collect();
                    let last = u.last_recorded.map_or_else(
                        || "从未记录".to_string(),
                        |t| t.format("%Y-%m-%d %H:%M").to_string(),
                    );
                    t.add_row(vec![
                        Cell::new(&u.unit),
                        Cell::new(ids.join("、")),
                        Cell::new(last),
                    ]);
                }
                out.push_str(&format!("{t}\n"));
            }
            print(&out)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// One 催报通知 per late unit: DIR/催报通知-<unit>.docx, dated `dated`.
fn notices(
    ws: &Workspace,
    report: &MissingReport,
    dir: &Path,
    dated: NaiveDate,
    force: bool,
) -> Result<ExitCode> {
    if report.units.is_empty() {
        eprint!("{}", report_text::missing(report));
        return Ok(ExitCode::SUCCESS);
    }
    let mut files = Vec::new();
    for u in &report.units {
        let bytes = docx::write(&[report_text::reminder(report, u, dated)])?;
        let path = dir.join(docx::file_name(&format!("催报通知-{}", u.unit)));
        atomic::guard(&ws.root, &path)?;
        files.push((path, bytes));
    }
    atomic::write_all_new(dir, &files, force)?;
    eprintln!(
        "已写入 {} 份催报通知到 {}",
        report.units.len(),
        dir.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// The 催报 report for reporting deadline `due`.
pub fn report(ws: &Workspace, due: NaiveDate) -> Result<MissingReport> {
    let plan = &ws.plan;
    let Some(since) = missing::period(plan, due) else {
        bail!("--due: {due} 不是报送期限");
    };
    // Only who, which measure and when recorded: streamed, not the texts.
    let mut filed: Vec<Filed> = Vec::new();
    for i in 0..ws.ledgers.len() {
        let Some(unit) = ws.ledgers[i].unit else {
            continue;
        };
        ws.scan_facts(i, |_, f| {
            if !f.status.is_progress() || !ws.counts_status(unit, &f.measure, f.status) {
                return;
            }
            if let Some(measure) = plan.measure_index(&f.measure) {
                filed.push(Filed {
                    unit,
                    measure,
                    recorded: f.recorded,
                });
            }
        })?;
    }
    let progress = ws.progress(due)?;
    let statuses: Vec<_> = evaluations(plan, &progress, due)
        .map(|(_, e)| e.status)
        .collect();
    Ok(missing::build(plan, due, since, &filed, &statuses))
}
