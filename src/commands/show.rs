//! `rectify show ID`: a measure in full and its history.

use super::{Context, find_measure, print};
use crate::cli::View;
use crate::render::{Format, detail_text, json};
use crate::views::show;
use anyhow::Result;
use std::process::ExitCode;

pub fn run(ctx: &Context, id: &str, view: View) -> Result<ExitCode> {
    let ws = ctx.open()?;
    let i = find_measure(&ws.plan, id)?;
    let (entries, faults) = ws.entries_for(i);
    let detail = show::build(
        &ws.plan,
        i,
        &entries,
        &faults.broken,
        &ws.ledger_names(),
        view.as_of,
    );
    print(&match view.format {
        Format::Json => json::to_string(&detail)?,
        Format::Table => detail_text::render(&detail, view.as_of, ctx.style),
    })?;
    Ok(ctx.finish(&ws, &faults))
}
