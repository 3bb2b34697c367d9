//! `rectify status`: every measure on a day.

use super::{Context, print, resolve_unit};
use crate::cli::View;
use crate::render::{Format, csv, json, table};
use crate::views::status::{self, Filter};
use anyhow::{Result, bail};
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
        bail!("没有第{p}项问题;计划共有 {} 项问题", ws.plan.problems.len());
    }
    let progress = ws.progress(view.as_of)?;
    let rows = status::build(&ws.plan, &progress, view.as_of, &filter);
    match view.format {
        Format::Json => print(&json::to_string(&rows)?)?,
        Format::Csv => print(&csv::status(&rows, view.as_of))?,
        Format::Table => {
            let mut out = format!("{} 截至 {}\n", ws.plan.title, view.as_of);
            out.push_str(&table::status(&rows, view.as_of, ctx.style));
            out.push_str(&summary_line(&rows));
            print(&out)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// 共52条: 红灯11、黄灯0、绿灯41、完成0.
fn summary_line(rows: &[status::MeasureRow]) -> String {
    use crate::model::progress::Light;
    let count = |l: Light| rows.iter().filter(|r| r.light == l).count();
    format!(
        "共{}条: 红灯{}、黄灯{}、绿灯{}、完成{}\n",
        rows.len(),
        count(Light::Red),
        count(Light::Yellow),
        count(Light::Green),
        count(Light::Done)
    )
}
