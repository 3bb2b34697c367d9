//! `rectify missing [--due D]` (催报): who has not reported by a deadline.

use super::{Context, print};
use crate::cli::View;
use crate::render::{Format, json, report_text, table};
use crate::views::missing;
use anyhow::Result;
use chrono::NaiveDate;
use std::process::ExitCode;

pub fn run(ctx: &Context, due: Option<NaiveDate>, view: View) -> Result<ExitCode> {
    let ws = ctx.open()?;
    let due = missing::deadline(&ws.plan, due, view.as_of)?;
    let mut facts = Vec::new();
    let mut faults = ws.facts(|_| true, |f| facts.push(f));
    let (progress, more) = ws.fold(&missing::seed(&ws.plan, due, view.as_of));
    faults.extend(more);
    let statuses: Vec<_> = progress
        .evaluations(&ws.plan)
        .iter()
        .map(|e| e.status)
        .collect();
    let report = missing::build(&ws.plan, due, view.as_of, &facts, &statuses);
    print(&match view.format {
        Format::Json => json::to_string(&report)?,
        Format::Table if report.units.is_empty() => report_text::missing(&report),
        Format::Table => report_text::missing(&report) + &table::missing(&report, ctx.style),
    })?;
    Ok(ctx.finish(&ws, &faults))
}
