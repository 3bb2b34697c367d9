//! `rectify deadlines`: unmet milestones in the coming days.

use super::Context;
use crate::cli::DeadlinesArgs;
use crate::render::{Format, json, table};
use crate::views::deadlines;
use anyhow::Result;
use std::process::ExitCode;

pub fn run(ctx: &Context, args: &DeadlinesArgs) -> Result<ExitCode> {
    let ws = ctx.open()?;
    let view = args.view.resolve(&ws.plan)?;
    let within = args.within;
    let progress = ws.progress(view.as_of)?;
    let rows = deadlines::build(&ws.plan, &progress, view.as_of, within);
    let end = view
        .as_of
        .checked_add_days(chrono::Days::new(within as u64))
        .unwrap_or(chrono::NaiveDate::MAX);
    match view.format {
        Format::Json => ctx.print(&json::view(&ws.plan.title, view.as_of, "deadlines", &rows)?)?,
        Format::Table if rows.is_empty() => ctx.print(&format!(
            "{} 至 {} 没有未完成的时限节点。\n",
            view.as_of, end
        ))?,
        Format::Table => {
            let mut out = format!(
                "{} 至 {} 到期的时限节点 {} 个\n",
                view.as_of,
                end,
                rows.len()
            );
            out.push_str(&table::deadlines(&rows, ctx.style));
            ctx.print(&out)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
