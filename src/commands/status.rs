//! `rectify status`: every measure on a day.

use super::{Context, print, resolve_unit};
use crate::cli::View;
use crate::diagnostic::Diagnostic;
use crate::render::{Format, json, table};
use crate::views::status::{self, Filter};
use anyhow::Result;
use std::process::ExitCode;

pub fn run(
    ctx: &Context,
    view: View,
    unit: Option<&str>,
    problem: Option<u32>,
) -> Result<ExitCode> {
    let ws = ctx.open()?;
    let filter = Filter {
        unit: unit.map(|u| resolve_unit(&ws.plan, u)).transpose()?,
        problem,
    };
    if let Some(p) = problem
        && ws.plan.problem(p).is_none()
    {
        let n = ws.plan.problems.len();
        return Err(Diagnostic::error(format!("没有第{p}项问题;计划共有 {n} 项问题")).into());
    }
    let (progress, faults) = ws.progress(view.as_of);
    let rows = status::build(&ws.plan, &progress, &filter);
    print(&match view.format {
        Format::Json => json::to_string(&rows)?,
        Format::Table => table::status_page(&ws.plan.title, &rows, view.as_of, ctx.style),
    })?;
    Ok(ctx.finish(&ws, &faults))
}
