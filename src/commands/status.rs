//! `rectify status`: every measure on a day.

use super::{Context, resolve_unit};
use crate::cli::StatusArgs;
use crate::diagnostic::Diagnostic;
use crate::render::{Format, csv, json, table};
use crate::views::status::{self, Filter};
use anyhow::Result;
use std::process::ExitCode;

pub fn run(ctx: &Context, args: &StatusArgs) -> Result<ExitCode> {
    let ws = ctx.open()?;
    let view = args.view.resolve(&ws.plan)?;
    let filter = Filter {
        unit: args
            .unit
            .as_deref()
            .map(|u| resolve_unit(&ws.plan, u))
            .transpose()?,
        problem: args.problem,
    };
    if let Some(p) = args.problem
        && ws.plan.problem(p).is_none()
    {
        let n = ws.plan.problems.len();
        return Err(Diagnostic::error(format!("没有第{p}项问题;计划共有 {n} 项问题")).into());
    }
    let (progress, faults) = ws.progress(view.as_of);
    let rows = status::build(&ws.plan, &progress, &filter);
    ctx.print(&match view.format {
        Format::Json => json::view(&ws.plan.title, view.as_of, "measures", &rows)?,
        Format::Table => table::status_page(&ws.plan.title, &rows, view.as_of, ctx.style),
        Format::Csv => csv::status(&rows, view.as_of),
    })?;
    Ok(ctx.finish(&ws, &faults))
}
