//! `rectify deadlines`: unmet milestones in the coming days.

use super::{Context, print};
use crate::cli::View;
use crate::render::{Format, csv, json, table};
use crate::views::deadlines;
use anyhow::Result;
use std::process::ExitCode;

pub fn run(ctx: &Context, view: View, within: u32) -> Result<ExitCode> {
    let ws = ctx.open()?;
    let progress = ws.progress(view.as_of)?;
    let rows = deadlines::build(&ws.plan, &progress, view.as_of, within);
    let end = view
        .as_of
        .checked_add_days(chrono::Days::new(within as u64))
        .unwrap_or(chrono::NaiveDate::MAX);
    match view.format {
        Format::Json => print(&json::to_string(&rows)?)?,
        Format::Csv => print(&csv::deadlines(&rows))?,
        Format::Table if rows.is_empty() => print(&format!(
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
            print(&out)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
