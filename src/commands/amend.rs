//! `rectify amend ID`: corrects an entry without rewriting it. A new entry
//! naming the old one (`replaces`) is appended to the same ledger, under
//! its lock and by the same admission rules as `log`; every view then sees
//! the correction, and `show` keeps both.

use super::{Context, chosen_unit};
use crate::cli::{AmendArgs, TextFormat};
use crate::clock;
use crate::diagnostic::Diagnostic;
use crate::model::{Entry, EntryId, Located, UnitId};
use crate::read::Workspace;
use crate::read::workspace::Corrections;
use crate::render::{json, terminal};
use anyhow::Result;
use std::process::ExitCode;

pub fn run(ctx: &Context, args: &AmendArgs) -> Result<ExitCode> {
    let ws = ctx.open()?;
    let plan = &ws.plan;
    let defaults = ctx.defaults(&ws)?;
    let date = args.date(plan)?;
    let unit = chosen_unit(plan, args.unit.as_deref(), &defaults)?;
    let old = find(&ws, args.id, unit)?;
    if args.status.is_some() && !old.entry.status.is_progress() {
        return Err(Diagnostic::error(format!(
            "编号 {} 的记录是办公室的“{}”,不能改成其他状态",
            args.id,
            old.entry.status.label()
        ))
        .help("用 rectify withdraw 撤回它,或用 rectify reopen 重新打开措施")
        .into());
    }
    let text = |given: &Option<String>, was: &Option<String>| match given {
        Some(t) if t.is_empty() => None,
        Some(t) => Some(t.clone()),
        None => was.clone(),
    };
    let new = Entry {
        date: date.unwrap_or(old.entry.date),
        measure: old.entry.measure.clone(),
        status: args.status.unwrap_or(old.entry.status),
        progress: args
            .progress
            .clone()
            .unwrap_or_else(|| old.entry.progress.clone()),
        problems: text(&args.problems, &old.entry.problems),
        next: text(&args.next, &old.entry.next),
        by: text(&args.by, &defaults.by.or(old.entry.by.clone())),
        recorded: clock::now(plan.zone)?,
        replaces: Some(args.id),
    };
    let display = record(&ws, old.unit, new.clone())?;
    if args.format == TextFormat::Json {
        ctx.print(&json::recorded(&display, plan.units.name(old.unit), &new)?)?;
    }
    eprint!(
        "{}",
        terminal::escape(&format!(
            "已更正 {display} 中的记录 {}: 措施 {} {} {}\n  整改进展情况: {}\n  新记录编号: {}(原记录保留在历史中,不再计入统计)\n",
            args.id,
            new.measure,
            new.date,
            new.status.label(),
            new.progress,
            new.id()
        ))
    );
    Ok(ExitCode::SUCCESS)
}

/// Appends a correction to `unit`'s ledger, judged with the measure's
/// entries in the other ledgers as `log` judges an entry. An entry naming
/// no measure of the plan (a withdrawal of a mistyped one) is judged on
/// the ledger alone.
pub fn record(ws: &Workspace, unit: UnitId, entry: Entry) -> Result<String, Diagnostic> {
    let others = match ws.plan.measure_index(&entry.measure) {
        Some(i) => super::log::others(ws, i, unit)?,
        None => Vec::new(),
    };
    super::log::append(ws, unit, &others, entry)
}

/// The entry a correction names, as the ledgers stand (corrected): in the
/// given unit's ledger, or the one entry with that id in any ledger.
pub fn find(ws: &Workspace, id: EntryId, unit: Option<UnitId>) -> Result<Located> {
    let mut found = Vec::new();
    let faults = ws.entries(
        |u| unit.is_none_or(|x| x == u),
        Corrections::AsOf(None),
        |l| {
            if l.entry.id() == id {
                found.push(l);
            }
        },
    );
    if found.len() == 1 {
        return Ok(found.remove(0));
    }
    let mut d = match (found.len(), unit) {
        (0, Some(u)) => Diagnostic::error(format!(
            "{} 的台账中没有编号为 {id} 的现行记录",
            ws.plan.units.name(u)
        ))
        .help("rectify show 措施编号 列出各条记录的编号;已被更正或撤回的记录不能再更正,请更正取代它的那一条"),
        (0, None) => Diagnostic::error(format!("各台账中都没有编号为 {id} 的现行记录"))
            .help("rectify show 措施编号 列出各条记录的编号;已被更正或撤回的记录不能再更正,请更正取代它的那一条"),
        _ => {
            let names: Vec<&str> = found.iter().map(|l| ws.plan.units.name(l.unit)).collect();
            Diagnostic::error(format!(
                "编号 {id} 对应多条记录,在 {} 的台账中",
                names.join("、")
            ))
            .help("用 -u 单位 指明是哪个单位的记录")
        }
    };
    if let Some(fault) = faults
        .diagnostics
        .iter()
        .find(|d| d.severity == crate::diagnostic::Severity::Error)
    {
        d = d.help(format!(
            "另有台账无法读取({}),其中的记录无法查找;先修正它",
            fault.file.as_deref().unwrap_or_default()
        ));
    }
    Err(d.into())
}
