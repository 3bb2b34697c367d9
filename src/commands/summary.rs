//! `rectify summary --month M [--unit U]`: a unit's monthly report, or the
//! office's roll-up.

use super::{Context, resolve_unit};
use crate::cli::SummaryArgs;
use crate::diagnostic::Diagnostic;
use crate::model::UnitId;
use crate::model::progress::Progress;
use crate::read::workspace::{Corrections, Faults};
use crate::render::{Format, docx, json, report_text};
use crate::views::missing;
use crate::views::summary::{self, Period};
use crate::write::atomic;
use anyhow::Result;
use std::path::Path;
use std::process::ExitCode;

pub fn run(ctx: &Context, args: &SummaryArgs) -> Result<ExitCode> {
    let ws = ctx.open()?;
    let plan = &ws.plan;
    let view = args.view.resolve(plan)?;
    let month = crate::cli::plan_month(args.month, plan);
    let Some(period) = Period::new(month, view.as_of) else {
        return Err(Diagnostic::error(format!(
            "--month: {} 还没有开始(--as-of 为 {})",
            month.format("%Y-%m"),
            view.as_of
        ))
        .into());
    };
    let seed = Progress::new(plan, period.close).known_by(period.known_by());
    // The roll-up reads whole only the month's counted entries, chosen in
    // the same pass over the facts as the fold.
    let rollup = args.unit.is_none() && !args.all_units;
    let (progress, month_entries, mut faults) = ws.fold_select(Some(&seed), |f| {
        rollup
            && period.covers_at(f.date, f.recorded)
            && plan.counts(f.unit, &plan.measures[f.measure], f.status)
    });
    let progress = progress.unwrap_or(seed);
    let evals = progress.evaluations_on(plan, period.judged);
    view.format.refuse_csv("summary")?;
    let unit_report = |unit: UnitId, faults: &mut Faults| {
        let (entries, more) = ws.collect(
            |u| u == unit,
            Corrections::AsOf(Some(period.known_by())),
            |_, e| e.status.is_progress() && period.covers(e),
        );
        faults.extend(more);
        summary::unit_report(plan, unit, period, &entries, &evals)
    };
    if args.all_units {
        let dir = args.docx.as_deref().unwrap_or(Path::new("."));
        let mut files = Vec::new();
        for (unit, _) in plan.units.iter() {
            if plan.measures.iter().any(|m| m.involves(unit)) {
                let report = unit_report(unit, &mut faults);
                let name = format!("{}{}整改情况报告", report.unit, month.format("%Y年%-m月"));
                let bytes = docx::write(&[report_text::unit_report_doc(&report)])?;
                files.push((dir.join(docx::file_name(&name)), bytes));
            }
        }
        atomic::write_outputs(dir, &files, Some(&ws.root), args.view.output.force)?;
        eprintln!("已写入 {} 份报告到 {}", files.len(), dir.display());
        return Ok(ctx.finish(&ws, &faults));
    }
    let (text, doc) = match args.unit.as_deref() {
        Some(name) => {
            let report = unit_report(resolve_unit(plan, name)?, &mut faults);
            let text = match view.format {
                Format::Json => json::report(&plan.title, view.as_of, &report)?,
                Format::Table | Format::Csv => report_text::unit_report(&report),
            };
            (text, report_text::unit_report_doc(&report))
        }
        None => {
            let entries = month_entries;
            // 未报送 means what `missing --due` says for the month's deadline.
            let not_reported = missing::for_month(plan, month).map(|due| {
                let mut facts = Vec::new();
                let cut = Some(missing::end_of_day(view.as_of));
                let more = ws.facts(|_| true, cut, |f| facts.push(f));
                let at_due =
                    missing::seed(plan, due, view.as_of).folded(plan, &facts, &more.broken);
                let statuses: Vec<_> = at_due.evaluations(plan).iter().map(|e| e.status).collect();
                let report = missing::build(plan, due, view.as_of, &facts, &statuses, &more.broken);
                faults.extend(more);
                report
            });
            let report = summary::rollup(plan, period, &entries, &evals, not_reported);
            let text = match view.format {
                Format::Json => json::report(&plan.title, view.as_of, &report)?,
                Format::Table | Format::Csv => report_text::rollup(&report),
            };
            (text, report_text::rollup_doc(&report))
        }
    };
    match &args.docx {
        Some(path)
            if !path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("docx")) =>
        {
            return Err(Diagnostic::error("公文格式的报告应写成 .docx 文件")
                .at(format!("--docx {}", path.display()), None)
                .help("写成 7月汇总报告.docx 这样的文件名;--all-units 时为文件夹")
                .into());
        }
        Some(path) => {
            let bytes = docx::write(&[doc])?;
            atomic::write_output(path, &bytes, Some(&ws.root), args.view.output.force)?;
            eprintln!("已写入 {}", path.display());
        }
        None => ctx.print(&text)?,
    }
    Ok(ctx.finish(&ws, &faults))
}
