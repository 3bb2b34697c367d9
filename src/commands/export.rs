//! `rectify export -o FILE.xlsx`: the 整改台账 as a workbook.

use super::{Context, resolve_unit};
use crate::cli::ExportOpts;
use crate::model::{Plan, UnitId};
use crate::read::Workspace;
use crate::render::xlsx;
use crate::views::ledger::{self, HistoryEntry, Latest};
use crate::views::status::Filter;
use crate::write::atomic;
use anyhow::{Result, bail};
use chrono::NaiveDate;
use std::process::ExitCode;

pub fn run(ctx: &Context, o: ExportOpts) -> Result<ExitCode> {
    let ws = ctx.open()?;
    let plan = &ws.plan;
    if let Some(p) = o.problem
        && plan.problem(p).is_none()
    {
        bail!("没有第{p}项问题;计划共有 {} 项问题", plan.problems.len());
    }
    let filter = Filter {
        unit: o
            .unit
            .as_deref()
            .map(|u| resolve_unit(plan, u))
            .transpose()?,
        problem: o.problem,
    };
    atomic::guard(&ws.root, &o.output)?;
    let progress = ws.progress(o.as_of)?;
    let (latest, history) = stream(&ws, o.as_of, o.history)?;
    let report = ledger::build(plan, &progress, o.as_of, &filter, latest, history);
    let bytes = xlsx::ledger(&report, o.history)?;
    atomic::write_new(&o.output, &bytes, o.force)?;
    eprintln!(
        "已写入 {}(措施{}条{})",
        o.output.display(),
        report.rows.len(),
        if o.history {
            format!(",进展记录{}条", report.history.len())
        } else {
            String::new()
        }
    );
    Ok(ExitCode::SUCCESS)
}

/// Streams every ledger once: the latest entries per measure and, when
/// asked, every counted entry dated on or before `as_of`.
fn stream(ws: &Workspace, as_of: NaiveDate, keep_all: bool) -> Result<(Latest, Vec<HistoryEntry>)> {
    let plan: &Plan = &ws.plan;
    let mut latest = Latest::new(plan.measures.len());
    let mut history = Vec::new();
    for i in 0..ws.ledgers.len() {
        let Some(unit) = ws.ledgers[i].unit else {
            continue;
        };
        ws.scan(i, |line, entry| {
            let Some(index) = plan.measure_index(&entry.measure) else {
                return;
            };
            if entry.date > as_of || !ws.counts(unit, &entry) {
                return;
            }
            if keep_all {
                history.push(history_entry(plan, unit, &entry));
            }
            latest.observe(index, unit, ((i as u64) << 32) | line as u64, entry);
        })?;
    }
    history.sort_by_key(|h| (h.date, h.recorded));
    Ok((latest, history))
}

fn history_entry(plan: &Plan, unit: UnitId, e: &crate::model::Entry) -> HistoryEntry {
    HistoryEntry {
        measure: e.measure.clone(),
        date: e.date,
        unit: plan.units.name(unit).to_string(),
        status: e.status,
        progress: e.progress.clone(),
        problems: e.problems.clone(),
        next: e.next.clone(),
        by: e.by.clone(),
        recorded: e.recorded,
    }
}
