//! `rectify overdue`: overdue measures, most days overdue first.

use super::{Context, print};
use crate::cli::View;
use crate::render::{Format, json, table};
use crate::views::{overdue, status};
use anyhow::Result;
use std::process::ExitCode;

pub fn run(ctx: &Context, view: View) -> Result<ExitCode> {
    let ws = ctx.open()?;
    let (progress, faults) = ws.progress(view.as_of);
    let rows = overdue::build(status::build(&ws.plan, &progress, &Default::default()));
    print(&match view.format {
        Format::Json => json::to_string(&rows)?,
        Format::Table => table::overdue_page(&rows, view.as_of, ctx.style),
    })?;
    Ok(ctx.finish(&ws, &faults))
}
