//! `rectify units`: each unit, what it leads and shares, its ledger's size.

use super::{Context, print};
use crate::cli::View;
use crate::render::{Format, json, table};
use crate::views::units;
use anyhow::Result;
use std::process::ExitCode;

pub fn run(ctx: &Context, view: View) -> Result<ExitCode> {
    let ws = ctx.open()?;
    let (progress, faults) = ws.progress(view.as_of);
    let rows = units::build(&ws.plan, &progress);
    print(&match view.format {
        Format::Json => json::to_string(&rows)?,
        Format::Table => table::units(&rows, ctx.style),
    })?;
    Ok(ctx.finish(&ws, &faults))
}
