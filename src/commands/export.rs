//! `rectify export -o FILE.xlsx`: the 整改台账 as a workbook.

use super::{Context, resolve_unit};
use crate::cli::{ExportArgs, file_as_of};
use crate::clock;
use crate::diagnostic::Diagnostic;
use crate::read::workspace::Corrections;
use crate::render::xlsx;
use crate::views::ledger::{self, Latest};
use crate::views::show::HistoryRow;
use crate::views::status::Filter;
use crate::write::atomic;
use anyhow::Result;
use std::process::ExitCode;

pub fn run(ctx: &Context, args: &ExportArgs) -> Result<ExitCode> {
    let ws = ctx.open()?;
    let plan = &ws.plan;
    let as_of = file_as_of(args.as_of, plan)?;
    if let Some(p) = args.problem
        && plan.problem(p).is_none()
    {
        let n = plan.problems.len();
        return Err(Diagnostic::error(format!("没有第{p}项问题;计划共有 {n} 项问题")).into());
    }
    let filter = Filter {
        unit: args
            .unit
            .as_deref()
            .map(|u| resolve_unit(plan, u))
            .transpose()?,
        problem: args.problem,
    };
    atomic::check_output(&args.file, Some(&ws.root), args.force)?;
    let (progress, mut faults) = ws.progress(as_of);
    // The latest entries per measure and, when asked, every counted entry
    // dated on or before the day: the ledgers streamed once.
    let mut latest = Latest::new(plan.measures.len());
    let mut history = Vec::new();
    let names = ws.ledger_names();
    faults.extend(ws.entries(
        |_| true,
        Corrections::AsOf(None),
        |l| {
            let Some(i) = plan.measure_index(&l.entry.measure) else {
                return;
            };
            if l.entry.date > as_of || !plan.counts(l.unit, &plan.measures[i], l.entry.status) {
                return;
            }
            if args.history {
                history.push(HistoryRow::of(plan, &l, &names));
            }
            latest.observe(i, l);
        },
    ));
    history.sort_by_key(|h| (h.date, h.recorded));
    let report = ledger::build(plan, &progress, &filter, (latest, &names), history);
    if report.rows.is_empty() {
        return Err(Diagnostic::error("没有符合条件的措施,未写出工作簿")
            .help("--unit 与 --problem 同时使用时,只导出该单位在该项问题中的措施;去掉其中一项再试")
            .into());
    }
    let bytes = xlsx::ledger(&report, args.history, clock::now_utc(plan.zone)?)?;
    atomic::write_output(&args.file, &bytes, Some(&ws.root), args.force)?;
    let extra = if args.history {
        format!(",进展记录{}条", report.history.len())
    } else {
        String::new()
    };
    eprintln!(
        "已写入 {}(措施{}条{extra})",
        args.file.display(),
        report.rows.len()
    );
    Ok(ctx.finish(&ws, &faults))
}
