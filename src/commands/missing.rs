//! `rectify missing [--due D]` (催报): who has not reported by a deadline.

use super::Context;
use crate::cli::MissingArgs;
use crate::read::Workspace;
use crate::render::{Format, csv, docx, json, report_text, table};
use crate::views::missing;
use crate::views::missing::MissingReport;
use crate::write::atomic;
use anyhow::Result;
use chrono::NaiveDate;
use std::path::Path;
use std::process::ExitCode;

pub fn run(ctx: &Context, args: &MissingArgs) -> Result<ExitCode> {
    let ws = ctx.open()?;
    let plan = &ws.plan;
    let view = args.view.resolve(plan)?;
    let due = missing::deadline(plan, args.due(plan)?, view.as_of)?;
    let mut facts = Vec::new();
    let cut = Some(missing::end_of_day(view.as_of));
    let faults = ws.facts(|_| true, cut, |f| facts.push(f));
    // The facts are read once; the statuses on the deadline fold them.
    let progress = missing::seed(plan, due, view.as_of).folded(plan, &facts, &faults.broken);
    let statuses: Vec<_> = progress
        .evaluations(plan)
        .iter()
        .map(|e| e.status)
        .collect();
    let report = missing::build(plan, due, view.as_of, &facts, &statuses, &faults.broken);
    if let Some(dir) = &args.docx {
        notices(&ws, &report, dir, view.as_of, args.view.output.force)?;
        return Ok(ctx.finish_with(&ws, &faults, args.exit_code, !report.units.is_empty()));
    }
    ctx.print(&match view.format {
        Format::Json => json::report(&plan.title, view.as_of, &report)?,
        Format::Table if report.units.is_empty() => report_text::missing(&report),
        Format::Table => report_text::missing(&report) + &table::missing(&report, ctx.style),
        Format::Csv => csv::missing(&report),
    })?;
    Ok(ctx.finish_with(&ws, &faults, args.exit_code, !report.units.is_empty()))
}

/// One 催报通知 per late unit: DIR/催报通知-<unit>.docx, dated `dated`.
fn notices(
    ws: &Workspace,
    report: &MissingReport,
    dir: &Path,
    dated: NaiveDate,
    force: bool,
) -> Result<()> {
    if report.units.is_empty() {
        eprint!("{}", report_text::missing(report));
        return Ok(());
    }
    let mut files = Vec::new();
    for u in &report.units {
        let bytes = docx::write(&[report_text::reminder(report, u, dated)])?;
        files.push((
            dir.join(docx::file_name(&format!("催报通知-{}", u.unit))),
            bytes,
        ));
    }
    atomic::write_outputs(dir, &files, Some(&ws.root), force)?;
    eprintln!("已写入 {} 份催报通知到 {}", files.len(), dir.display());
    Ok(())
}
