//! `rectify units`: each unit, what it leads and shares, its ledger's size.

use super::Context;
use crate::cli::UnitsArgs;
use crate::render::{Format, csv, json, table};
use crate::views::units;
use anyhow::Result;
use std::process::ExitCode;

pub fn run(ctx: &Context, args: &UnitsArgs) -> Result<ExitCode> {
    let ws = ctx.open()?;
    let view = args.view.resolve(&ws.plan)?;
    let (progress, faults) = ws.progress(view.as_of);
    let rows = units::build(&ws.plan, &progress);
    ctx.print(&match view.format {
        Format::Json => json::view(&ws.plan.title, view.as_of, "units", &rows)?,
        Format::Table => table::units(&rows, ctx.style),
        Format::Csv => csv::units(&rows),
    })?;
    Ok(ctx.finish(&ws, &faults))
}
