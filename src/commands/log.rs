//! `rectify log`: append a progress entry to the unit's own ledger.
//!
//! Reads only what the decision needs (the ledgers of the measure's own
//! units and the office's), and decides under the unit's ledger lock by the
//! admission rules `check` applies.

use super::{Context, chosen_unit, find_measure};
use crate::cli::LogArgs;
use crate::cli::TextFormat;
use crate::clock;
use crate::diagnostic::Diagnostic;
use crate::model::admission as admit;
use crate::model::{Entry, Located, UnitId};
use crate::read::Workspace;
use crate::read::ledger_name;
use crate::render::json;
use crate::write::ledger;
use anyhow::Result;
use std::process::ExitCode;

/// The first lines of a new ledger.
pub(super) fn ledger_header(unit: &str) -> String {
    format!(
        "# {unit} 整改台账\n# 由 rectify log 追加写入;每条记录一个 [[entry]]。可以手工改正错字,但不要删除或改写已有记录。\n"
    )
}

/// Appends `entry` to `unit`'s ledger if the admission rules allow it,
/// judged under the ledger's lock against its entries and `others` (the
/// measure's counted entries in the other ledgers). The ledger as shown
/// and the entry as appended (its id unique in the ledger).
pub fn append(
    ws: &Workspace,
    unit: UnitId,
    others: &[Located],
    entry: Entry,
) -> Result<(String, Entry), Diagnostic> {
    let name = ws.plan.units.name(unit);
    let display = ledger_name::display(name);
    let today = clock::today(ws.plan.zone)?;
    let appended = ledger::append_with(
        &ws.ledger_path(unit),
        &display,
        &ledger_header(name),
        ws.plan.zone,
        |own| {
            let entry = admit::with_unique_id(own, entry.clone());
            admit::entry(
                &ws.plan,
                unit,
                &display,
                own,
                others,
                &|o| ws.ledger_file(o),
                &entry,
                today,
            )?;
            Ok(entry)
        },
    )?;
    Ok((display, appended))
}

/// The measure's counted entries outside `unit`'s ledger; a fault in a
/// ledger the decision needs refuses the command (the unit's own ledger is
/// read again under its lock, which reports its faults itself).
pub fn others(ws: &Workspace, measure: usize, unit: UnitId) -> Result<Vec<Located>, Diagnostic> {
    let (entries, faults) = ws.entries_for(measure);
    let own = ledger_name::display(ws.plan.units.name(unit));
    let other_fault = faults.diagnostics.into_iter().find(|d| {
        d.severity == crate::diagnostic::Severity::Error && d.file.as_deref() != Some(&own)
    });
    if let Some(d) = other_fault {
        return Err(d.help(
            "记录前需要读取该措施各单位和办公室的台账;先修正该行(rectify check 列出全部问题)",
        ));
    }
    Ok(entries.into_iter().filter(|l| l.unit != unit).collect())
}

pub fn run(ctx: &Context, args: &LogArgs) -> Result<ExitCode> {
    let ws = ctx.open()?;
    let plan = &ws.plan;
    let defaults = ctx.defaults(&ws)?;
    let date = args.date(plan)?;
    let Some(unit) = chosen_unit(plan, args.unit.as_deref(), &defaults)? else {
        return Err(Diagnostic::error("没有指明单位")
            .help("用 -u 单位 指明,或在工作区的 rectify.toml 中写 unit = \"单位名称\"")
            .into());
    };
    let i = find_measure(plan, &args.id.0)?;
    let m = &plan.measures[i];
    if !m.involves(unit) {
        return Err(admit::not_involved(plan, unit, m).into());
    }
    let entry = Entry {
        date,
        measure: m.id.0.clone(),
        status: args.status,
        progress: args.progress.clone(),
        problems: args.problems.clone().filter(|t| !t.is_empty()),
        next: args.next.clone().filter(|t| !t.is_empty()),
        by: args.by.clone().filter(|t| !t.is_empty()).or(defaults.by),
        recorded: clock::now(plan.zone)?,
        replaces: None,
    };
    let (display, entry) = append(&ws, unit, &others(&ws, i, unit)?, entry)?;
    if args.format == TextFormat::Json {
        ctx.print(&json::recorded(&display, plan.units.name(unit), &entry)?)?;
    }
    eprint!(
        "{}",
        crate::render::terminal::escape(&echo(&display, plan.units.name(unit), &entry))
    );
    Ok(ExitCode::SUCCESS)
}

/// What was recorded, said back in full.
fn echo(display: &str, unit: &str, e: &Entry) -> String {
    let mut s = format!(
        "已记入 {display}: 措施 {} {} {}\n  单位: {unit}\n  整改进展情况: {}\n",
        e.measure,
        e.date,
        e.status.label(),
        e.progress
    );
    for (label, text) in [
        ("发现的问题", &e.problems),
        ("下步工作措施", &e.next),
        ("记录人", &e.by),
    ] {
        if let Some(t) = text {
            s.push_str(&format!("  {label}: {t}\n"));
        }
    }
    s
}
