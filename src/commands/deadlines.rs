//! `rectify deadlines`: unmet milestones in the coming days.

use super::{Context, print};
use crate::cli::View;
use crate::render::{Format, json, table};
use crate::views::deadlines;
use anyhow::Result;
use std::process::ExitCode;

pub fn run(ctx: &Context, view: View, within: u32) -> Result<ExitCode> {
    let ws = ctx.open()?;
    let (progress, faults) = ws.progress(view.as_of);
    let rows = deadlines::build(&ws.plan, &progress, within);
    print(&match view.format {
        Format::Json => json::to_string(&rows)?,
        Format::Table => table::deadlines_page(&rows, view.as_of, within, ctx.style),
    })?;
    Ok(ctx.finish(&ws, &faults))
}
