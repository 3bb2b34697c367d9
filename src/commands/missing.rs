//! `rectify missing [--due D]` (催报): who has not reported by a deadline.

use super::Context;
use crate::cli::MissingArgs;
use crate::render::{Format, json, report_text, table};
use crate::views::missing;
use anyhow::Result;
use std::process::ExitCode;

pub fn run(ctx: &Context, args: &MissingArgs) -> Result<ExitCode> {
    let ws = ctx.open()?;
    let plan = &ws.plan;
    let view = args.view.resolve(plan)?;
    let due = missing::deadline(plan, args.due(plan)?, view.as_of)?;
    let mut facts = Vec::new();
    let mut faults = ws.facts(|_| true, |f| facts.push(f));
    let (progress, more) = ws.fold(&missing::seed(&ws.plan, due, view.as_of));
    faults.extend(more);
    let statuses: Vec<_> = progress
        .evaluations(plan)
        .iter()
        .map(|e| e.status)
        .collect();
    let report = missing::build(plan, due, view.as_of, &facts, &statuses);
    ctx.print(&match view.format {
        Format::Json => json::report(&plan.title, view.as_of, &report)?,
        Format::Table if report.units.is_empty() => report_text::missing(&report),
        Format::Table => report_text::missing(&report) + &table::missing(&report, ctx.style),
    })?;
    Ok(ctx.finish_with(&ws, &faults, args.exit_code, !report.units.is_empty()))
}
