//! `rectify log`: append a progress entry to the unit's own ledger.
//!
//! Reads only what the decision needs (the ledgers of the measure's own
//! units and the office's), and decides under the unit's ledger lock by the
//! admission rules `check` applies.

use super::{Context, find_measure, resolve_unit};
use crate::cli::LogOpts;
use crate::clock;
use crate::diagnostic::Diagnostic;
use crate::model::admission as admit;
use crate::model::{Entry, Located, UnitId};
use crate::read::Workspace;
use crate::read::ledger_name;
use crate::write::ledger;
use anyhow::Result;
use std::process::ExitCode;

/// The first lines of a new ledger.
fn ledger_header(unit: &str) -> String {
    format!(
        "# {unit} 整改台账\n# 由 rectify log 追加写入;每条记录一个 [[entry]]。可以手工改正错字,但不要删除或改写已有记录。\n"
    )
}

/// Appends to `unit`'s ledger the entry `decide` makes from the ledger's
/// entries (read under its lock) and the measure's entries in the others.
pub fn append(
    ws: &Workspace,
    unit: UnitId,
    others: &[Located],
    entry: Entry,
) -> Result<String, Diagnostic> {
    let name = ws.plan.units.name(unit);
    let display = ledger_name::display(name);
    let today = clock::today().map_err(|e| Diagnostic::error(format!("{e:#}")))?;
    ledger::append_with(
        &ws.ledger_path(unit),
        &display,
        &ledger_header(name),
        |own| {
            admit::entry(
                &ws.plan,
                unit,
                &display,
                own,
                others,
                &|o| ws.source(o),
                &entry,
                today,
            )?;
            Ok(entry.clone())
        },
    )?;
    Ok(display)
}

pub fn run(ctx: &Context, o: LogOpts) -> Result<ExitCode> {
    let ws = ctx.open()?;
    let plan = &ws.plan;
    let i = find_measure(plan, &o.id)?;
    let m = &plan.measures[i];
    let unit = resolve_unit(plan, &o.unit)?;
    if !m.involves(unit) {
        return Err(admit::not_involved(plan, unit, m).into());
    }
    let (entries, faults) = ws.entries_for(i);
    // The unit's own ledger is read again under its lock, which refuses it
    // if it is damaged; another ledger the decision needs must be readable.
    let own = ledger_name::display(plan.units.name(unit));
    if let Some(d) = faults
        .diagnostics
        .into_iter()
        .find(|d| d.file.as_deref() != Some(&own))
    {
        return Err(d
            .help("记录前需要读取该措施各单位和办公室的台账;先修正该行(rectify check 列出全部问题)")
            .into());
    }
    let others: Vec<Located> = entries.into_iter().filter(|l| l.unit != unit).collect();
    let entry = Entry {
        date: o.date,
        measure: m.id.0.clone(),
        status: o.status,
        progress: o.progress,
        problems: o.problems,
        next: o.next,
        by: o.by,
        recorded: clock::now()?,
    };
    let (date, status) = (entry.date, entry.status);
    let display = append(&ws, unit, &others, entry)?;
    eprintln!("已记入 {display}: 措施 {} {date} {}", m.id, status.label());
    Ok(ExitCode::SUCCESS)
}
