//! `rectify show ID`: a measure in full and its history.

use super::{Context, find_measure};
use crate::cli::ShowArgs;
use crate::render::{Format, detail_text, json};
use crate::views::show;
use anyhow::Result;
use std::process::ExitCode;

pub fn run(ctx: &Context, args: &ShowArgs) -> Result<ExitCode> {
    let ws = ctx.open()?;
    let view = args.view.resolve(&ws.plan)?;
    view.format.refuse_csv("show")?;
    let i = find_measure(&ws.plan, &args.id.0)?;
    let (entries, faults) = ws.history_of(i);
    let detail = show::build(
        &ws.plan,
        i,
        &entries,
        &faults.broken,
        &ws.ledger_names(),
        view.as_of,
    );
    ctx.print(&match view.format {
        Format::Json => json::report(&ws.plan.title, view.as_of, &detail)?,
        Format::Table | Format::Csv => detail_text::render(&detail, view.as_of, ctx.style),
    })?;
    Ok(ctx.finish(&ws, &faults))
}
