//! `rectify dashboard -o FILE.html`: the page the leaders look at.

use super::Context;
use crate::cli::DashboardOpts;
use crate::model::MeasureStatus;
use crate::render::dashboard;
use crate::views::dashboard::{build, chart_days};
use crate::views::status::{self, Filter, evaluations};
use crate::write::atomic;
use anyhow::Result;
use std::process::ExitCode;

pub fn run(ctx: &Context, o: DashboardOpts) -> Result<ExitCode> {
    let ws = ctx.open()?;
    let plan = &ws.plan;
    atomic::guard(&ws.root, &o.output)?;
    let progress = ws.progress(o.as_of)?;
    let rows = status::build(plan, &progress, o.as_of, &Filter::default());
    let mut done_at = Vec::new();
    for day in chart_days(plan, o.as_of)
        .into_iter()
        .filter(|&d| d <= o.as_of)
    {
        let p = ws.progress(day)?;
        let done = evaluations(plan, &p, day)
            .filter(|(_, e)| matches!(e.status, MeasureStatus::Done | MeasureStatus::SignedOff))
            .count();
        done_at.push((day, done));
    }
    let due = plan
        .reporting
        .due_dates()
        .into_iter()
        .rev()
        .find(|&d| d <= o.as_of);
    let missing = due.map(|d| super::missing::report(&ws, d)).transpose()?;
    let page = build(plan, o.as_of, &rows, &done_at, missing.as_ref());
    atomic::write_new(&o.output, dashboard::page(&page).as_bytes(), o.force)?;
    eprintln!("已写入 {}", o.output.display());
    Ok(ExitCode::SUCCESS)
}
