//! `rectify amend ID`: corrects an entry without rewriting it. A new entry
//! naming the old one (`replaces`) is appended to the same ledger, under
//! its lock and by the same admission rules as `log`; every view then sees
//! the correction, and `show` keeps both.

use super::{Context, chosen_unit};
use crate::cli::{AmendArgs, TextFormat};
use crate::clock;
use crate::diagnostic::Diagnostic;
use crate::model::correction;
use crate::model::{Entry, EntryId, Located, Status, UnitId};
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
    refuse_unamendable(&ws, &old, args)?;
    let new = amended(&old.entry, args, date, defaults.by, clock::now(plan.zone)?);
    let unchanged = Entry {
        recorded: old.entry.recorded,
        replaces: old.entry.replaces,
        ..new.clone()
    } == old.entry;
    if unchanged {
        return Err(
            Diagnostic::error(format!("没有改动:所填内容与编号 {} 的记录相同", args.id))
                .help("写明要改正的内容,如 -p 新的文字、-s 状态或 --date 日期")
                .into(),
        );
    }
    let (display, new) = record(&ws, old.unit, new)?;
    if args.format == TextFormat::Json {
        ctx.print(&json::recorded(&display, plan.units.name(old.unit), &new)?)?;
    }
    eprint!("{}", terminal::escape(&echo(&display, args.id, &new)));
    Ok(ExitCode::SUCCESS)
}

/// An entry no amendment can correct: one naming no measure of the plan
/// (the measure cannot change), or an office act given another status.
fn refuse_unamendable(ws: &Workspace, old: &Located, args: &AmendArgs) -> Result<()> {
    if ws.plan.measure_index(&old.entry.measure).is_none() {
        return Err(Diagnostic::error(format!(
            "编号 {} 的记录所填的措施编号“{}”不在计划中,更正不能改变措施",
            args.id, old.entry.measure
        ))
        .at(ws.ledger_file(old.origin), Some(old.origin.line))
        .help(format!(
            "用 rectify withdraw {} 撤回它,再用 rectify log 记入正确的措施",
            args.id
        ))
        .into());
    }
    if args.status.is_some() && !old.entry.status.is_progress() {
        return Err(Diagnostic::error(format!(
            "编号 {} 的记录是办公室的“{}”,不能改成其他状态",
            args.id,
            old.entry.status.label()
        ))
        .help("用 rectify withdraw 撤回它,或用 rectify reopen 重新打开措施")
        .into());
    }
    Ok(())
}

/// The amendment of `old`: what `args` give, the rest as it was (an empty
/// text removes one); recorded at `now`, naming `old`.
fn amended(
    old: &Entry,
    args: &AmendArgs,
    date: Option<chrono::NaiveDate>,
    default_by: Option<String>,
    now: chrono::NaiveDateTime,
) -> Entry {
    let text = |given: &Option<String>, was: &Option<String>| match given {
        Some(t) if t.is_empty() => None,
        Some(t) => Some(t.clone()),
        None => was.clone(),
    };
    Entry {
        date: date.unwrap_or(old.date),
        measure: old.measure.clone(),
        status: args.status.unwrap_or(old.status),
        progress: args
            .progress
            .clone()
            .unwrap_or_else(|| old.progress.clone()),
        problems: text(&args.problems, &old.problems),
        next: text(&args.next, &old.next),
        by: text(&args.by, &default_by.or(old.by.clone())),
        recorded: now,
        replaces: Some(old.id()),
    }
}

/// What was recorded, said back.
fn echo(display: &str, replaced: EntryId, new: &Entry) -> String {
    let text = if new.status.is_progress() {
        "整改进展情况"
    } else {
        "依据或理由"
    };
    format!(
        "已更正 {display} 中的记录 {replaced}: 措施 {} {} {}\n  {text}: {}\n  新记录编号: {}(原记录保留在历史中,不再计入统计)\n",
        new.measure,
        new.date,
        new.status.label(),
        new.progress,
        new.id()
    )
}

/// Appends a correction to `unit`'s ledger, judged with the measure's
/// entries in the other ledgers as `log` judges an entry. An entry naming
/// no measure of the plan (a withdrawal of a mistyped one) is judged on
/// the ledger alone.
pub fn record(ws: &Workspace, unit: UnitId, entry: Entry) -> Result<(String, Entry), Diagnostic> {
    let others = match ws.plan.measure_index(&entry.measure) {
        Some(i) => super::log::others(ws, i, unit)?,
        None => Vec::new(),
    };
    super::log::append(ws, unit, &others, entry)
}

/// The entry a correction names, as the ledgers stand (corrected): in the
/// given unit's ledger, or the one entry with that id in any ledger. A
/// refusal says where the id is, if anywhere: another unit's ledger, or an
/// entry already corrected (and by which).
pub fn find(ws: &Workspace, id: EntryId, unit: Option<UnitId>) -> Result<Located> {
    let plan = &ws.plan;
    let mine = |u: UnitId| unit.is_none_or(|x| x == u);
    let found = with_id(ws, id, &mine, Corrections::AsOf(None));
    let units = |list: &[Located]| {
        let mut names: Vec<&str> = list.iter().map(|l| plan.units.name(l.unit)).collect();
        names.dedup();
        names
    };
    let d = match (found.as_slice(), unit) {
        ([one], _) => return Ok(one.clone()),
        ([], _) => not_current(ws, id, unit),
        (many, None) if units(many).len() > 1 => Diagnostic::error(format!(
            "编号 {id} 对应多条记录,在 {} 的台账中",
            units(many).join("、")
        ))
        .help("用 -u 单位 指明是哪个单位的记录"),
        (many, _) => Diagnostic::error(format!(
            "{} 的台账中有 {} 条记录的编号都是 {id}(同一秒记录的同一措施、日期和状态)",
            units(many).join("、"),
            many.len()
        ))
        .at(ws.ledger_file(many[0].origin), Some(many[0].origin.line))
        .help("在台账中把其中一条的 recorded 时间手工改动一秒,使编号不同,再更正"),
    };
    Err(d.into())
}

/// Every entry with `id` in the ledgers of the units `which` accepts.
fn with_id(
    ws: &Workspace,
    id: EntryId,
    which: &dyn Fn(UnitId) -> bool,
    corrections: Corrections,
) -> Vec<Located> {
    let mut found = Vec::new();
    let _ = ws.entries(which, corrections, |l| {
        if l.entry.id() == id {
            found.push(l);
        }
    });
    found
}

/// Why no current entry of `unit`'s ledger (any, when `None`) has `id`.
fn not_current(ws: &Workspace, id: EntryId, unit: Option<UnitId>) -> Diagnostic {
    let plan = &ws.plan;
    let show = "rectify show 措施编号 列出各条记录的编号与更正关系";
    let place = match unit {
        Some(u) => format!("{} 的台账中", plan.units.name(u)),
        None => "各台账中".to_string(),
    };
    if let Some((by, status)) = replaced_by(ws, id, unit) {
        let how = if status == Status::Withdrawn {
            "撤回"
        } else {
            "更正"
        };
        return Diagnostic::error(format!("编号 {id} 的记录已被 {by} {how},不再是现行记录")).help(
            match how {
                "更正" => format!("要再改,请更正取代它的记录:rectify amend {by} …"),
                _ => "撤回的记录不能再更正;需要时用 rectify log 重新记录".to_string(),
            },
        );
    }
    if let Some(u) = unit
        && let Some(elsewhere) = with_id(ws, id, &|x| x != u, Corrections::AsOf(None)).first()
    {
        let owner = plan.units.name(elsewhere.unit);
        return Diagnostic::error(format!(
            "编号 {id} 的记录在 {owner} 的台账中,不在 {} 的台账中",
            plan.units.name(u)
        ))
        .help(format!(
            "只能更正本单位自己的记录;若确由 {owner} 更正,用 -u {owner}"
        ));
    }
    Diagnostic::error(format!("{place}没有编号为 {id} 的记录")).help(show)
}

/// The correction that took the entry with `id` out, and its status.
fn replaced_by(ws: &Workspace, id: EntryId, unit: Option<UnitId>) -> Option<(EntryId, Status)> {
    let mut out = None;
    for (i, ledger) in ws.ledgers.iter().enumerate() {
        if unit.is_some_and(|u| u != ledger.unit) || out.is_some() {
            continue;
        }
        let mut list = Vec::new();
        let _ = ws.entries(
            |u| u == ledger.unit,
            Corrections::Raw,
            |l| {
                if l.origin.ledger == i {
                    list.push(l);
                }
            },
        );
        let (_, applied) = correction::retire(&mut list, None, |l| l.entry.id());
        out = applied
            .links
            .iter()
            .find(|&&(_, t)| list[t].entry.id() == id)
            .map(|&(c, _)| (list[c].entry.id(), list[c].entry.status));
    }
    out
}
