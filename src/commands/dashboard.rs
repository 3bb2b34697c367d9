//! `rectify dashboard -o FILE.html`: the page the leaders look at.

use super::Context;
use crate::cli::{DashboardArgs, file_as_of};
use crate::model::MeasureStatus;
use crate::model::progress::Progress;
use crate::render::dashboard;
use crate::views::dashboard::{build, chart_days};
use crate::views::{missing, status};
use crate::write::atomic;
use anyhow::Result;
use std::process::ExitCode;

pub fn run(ctx: &Context, args: &DashboardArgs) -> Result<ExitCode> {
    let ws = ctx.open()?;
    let plan = &ws.plan;
    let as_of = file_as_of(args.as_of, plan)?;
    atomic::check_output(&args.file, Some(&ws.root), args.force)?;
    // Every ledger is read once; each day of the chart folds the facts.
    let mut facts = Vec::new();
    let faults = ws.facts(|_| true, None, |f| facts.push(f));
    let fold = |day| Progress::new(plan, day).folded(plan, &facts, &faults.broken);
    let progress = fold(as_of);
    let rows = status::build(plan, &progress, &Default::default());
    let done_at: Vec<_> = chart_days(plan, as_of)
        .into_iter()
        .filter(|&d| d <= as_of)
        .map(|day| {
            let done = fold(day)
                .evaluations(plan)
                .iter()
                .filter(|e| matches!(e.status, MeasureStatus::Done | MeasureStatus::SignedOff))
                .count();
            (day, done)
        })
        .collect();
    // Who has not reported is `missing`'s answer: the ledgers as corrected
    // by the end of the viewing day.
    let mut faults = faults;
    let report = missing::deadlines(plan)
        .into_iter()
        .rev()
        .find(|&d| d <= as_of)
        .map(|due| {
            let mut known = Vec::new();
            let cut = Some(missing::end_of_day(as_of));
            faults.extend(ws.facts(|_| true, cut, |f| known.push(f)));
            let statuses: Vec<_> = missing::seed(plan, due, as_of)
                .folded(plan, &known, &faults.broken)
                .evaluations(plan)
                .iter()
                .map(|e| e.status)
                .collect();
            missing::build(plan, due, as_of, &known, &statuses, &faults.broken)
        });
    let page = build(plan, as_of, &rows, &done_at, report.as_ref());
    atomic::write_output(
        &args.file,
        dashboard::page(&page).as_bytes(),
        Some(&ws.root),
        args.force,
    )?;
    eprintln!("已写入 {}", args.file.display());
    Ok(ctx.finish(&ws, &faults))
}
