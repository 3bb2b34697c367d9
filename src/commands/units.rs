//! `rectify units`: each unit, what it leads and shares, its ledger's size.

use super::{Context, print};
use crate::cli::View;
use crate::render::{Format, csv, json, table};
use crate::views::units;
use anyhow::Result;
use std::process::ExitCode;

pub fn run(ctx: &Context, view: View) -> Result<ExitCode> {
    let ws = ctx.open()?;
    let progress = ws.progress(view.as_of)?;
    let rows = units::build(&ws.plan, &progress);
    match view.format {
        Format::Json => print(&json::to_string(&rows)?)?,
        Format::Csv => print(&csv::units(&rows))?,
        Format::Table => print(&table::units(&rows, ctx.style))?,
    }
    Ok(ExitCode::SUCCESS)
}
