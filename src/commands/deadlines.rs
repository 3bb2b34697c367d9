//! `rectify deadlines`: unmet milestones in the coming days.

use super::Context;
use crate::cli::DeadlinesArgs;
use crate::render::{Format, csv, json, table};
use crate::views::deadlines;
use anyhow::Result;
use std::process::ExitCode;

pub fn run(ctx: &Context, args: &DeadlinesArgs) -> Result<ExitCode> {
    let ws = ctx.open()?;
    let view = args.view.resolve(&ws.plan)?;
    let (progress, faults) = ws.progress(view.as_of);
    let rows = deadlines::build(&ws.plan, &progress, args.within);
    ctx.print(&match view.format {
        Format::Json => json::view(&ws.plan.title, view.as_of, "deadlines", &rows)?,
        Format::Table => table::deadlines_page(&rows, view.as_of, args.within, ctx.style),
        Format::Csv => csv::deadlines(&rows),
    })?;
    Ok(ctx.finish(&ws, &faults))
}
