//! `rectify overdue`: overdue measures, most days overdue first.

use super::{Context, print};
use crate::cli::View;
use crate::render::{Format, csv, json, table};
use crate::views::{overdue, status};
use anyhow::Result;
use std::process::ExitCode;

pub fn run(ctx: &Context, view: View) -> Result<ExitCode> {
    let ws = ctx.open()?;
    let progress = ws.progress(view.as_of)?;
    let rows = overdue::build(status::build(
        &ws.plan,
        &progress,
        view.as_of,
        &status::Filter::default(),
    ));
    match view.format {
        Format::Json => print(&json::to_string(&rows)?)?,
        Format::Csv => print(&csv::overdue(&rows))?,
        Format::Table if rows.is_empty() => {
            print(&format!("截至 {} 没有逾期的措施。\n", view.as_of))?
        }
        Format::Table => {
            let mut out = format!("截至 {} 逾期措施 {} 条\n", view.as_of, rows.len());
            out.push_str(&table::overdue(&rows, ctx.style));
            print(&out)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
