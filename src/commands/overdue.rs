//! `rectify overdue`: overdue measures, most days overdue first.

use super::Context;
use crate::cli::OverdueArgs;
use crate::render::{Format, csv, json, table};
use crate::views::{overdue, status};
use anyhow::Result;
use std::process::ExitCode;

pub fn run(ctx: &Context, args: &OverdueArgs) -> Result<ExitCode> {
    let ws = ctx.open()?;
    let view = args.view.resolve(&ws.plan)?;
    let (progress, faults) = ws.progress(view.as_of);
    let rows = overdue::build(status::build(&ws.plan, &progress, &Default::default()));
    ctx.print(&match view.format {
        Format::Json => json::view(&ws.plan.title, view.as_of, "measures", &rows)?,
        Format::Table => table::overdue_page(&rows, view.as_of, ctx.style),
        Format::Csv => csv::overdue(&rows),
    })?;
    Ok(ctx.finish_with(&ws, &faults, args.exit_code, !rows.is_empty()))
}
