//! `rectify overdue`: overdue measures, most days overdue first.

use super::{Context, findings_exit};
use crate::cli::OverdueArgs;
use crate::render::{Format, json, table};
use crate::views::{overdue, status};
use anyhow::Result;
use std::process::ExitCode;

pub fn run(ctx: &Context, args: &OverdueArgs) -> Result<ExitCode> {
    let ws = ctx.open()?;
    let view = args.view.resolve(&ws.plan)?;
    let progress = ws.progress(view.as_of)?;
    let rows = overdue::build(status::build(
        &ws.plan,
        &progress,
        view.as_of,
        &status::Filter::default(),
    ));
    match view.format {
        Format::Json => ctx.print(&json::view(&ws.plan.title, view.as_of, "measures", &rows)?)?,
        Format::Table if rows.is_empty() => {
            ctx.print(&format!("截至 {} 没有逾期的措施。\n", view.as_of))?
        }
        Format::Table => {
            let mut out = format!("截至 {} 逾期措施 {} 条\n", view.as_of, rows.len());
            out.push_str(&table::overdue(&rows, ctx.style));
            ctx.print(&out)?;
        }
    }
    Ok(findings_exit(args.exit_code, !rows.is_empty()))
}
