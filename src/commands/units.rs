//! `rectify units`: each unit, what it leads and shares, its ledger's size.

use super::Context;
use crate::cli::UnitsArgs;
use crate::render::{Format, json, table};
use crate::views::units;
use anyhow::Result;
use std::process::ExitCode;

pub fn run(ctx: &Context, args: &UnitsArgs) -> Result<ExitCode> {
    let ws = ctx.open()?;
    let view = args.view.resolve(&ws.plan)?;
    let progress = ws.progress(view.as_of)?;
    let rows = units::build(&ws.plan, &progress);
    match view.format {
        Format::Json => ctx.print(&json::view(&ws.plan.title, view.as_of, "units", &rows)?)?,
        Format::Table => ctx.print(&table::units(&rows, ctx.style))?,
    }
    Ok(ExitCode::SUCCESS)
}
