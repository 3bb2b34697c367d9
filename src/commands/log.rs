//! `rectify log`: append a progress entry to the unit's own ledger.

use super::{Context, find_measure, resolve_unit};
use crate::cli::LogArgs;
use crate::clock;
use crate::diagnostic::Diagnostic;
use crate::model::{Entry, MeasureStatus, UnitId};
use crate::read::Workspace;
use crate::read::workspace::REPORTS_DIR;
use crate::render::{Format, json};
use crate::views::status::evaluate;
use crate::write::ledger;
use anyhow::{Result, bail};
use std::process::ExitCode;

/// Appends `entry` to `unit`'s ledger; returns the ledger's name as shown.
pub fn append(ws: &Workspace, unit: UnitId, entry: &Entry) -> Result<String> {
    let name = ws.plan.units.name(unit);
    let display = format!("{REPORTS_DIR}/{name}.toml");
    ledger::append(&ws.ledger_path(unit), &display, &ledger_header(name), entry)?;
    Ok(display)
}

/// The first lines of a new ledger.
fn ledger_header(unit: &str) -> String {
    format!(
        "# {unit} 整改台账\n# 由 rectify log 追加写入;每条记录一个 [[entry]]。可以手工改正错字,但不要删除或改写已有记录。\n"
    )
}

pub fn run(ctx: &Context, args: &LogArgs) -> Result<ExitCode> {
    let ws = ctx.open()?;
    let plan = &ws.plan;
    let defaults = ctx.defaults(&ws)?;
    let date = args.date(plan)?;
    let Some(unit_name) = args.unit.clone().or(defaults.unit) else {
        return Err(Diagnostic::error("没有指明单位")
            .help("用 -u 单位 指明,或在工作区的 rectify.toml 中写 unit = \"单位名称\"")
            .into());
    };
    let m = find_measure(plan, &args.id.0)?;
    let unit = resolve_unit(plan, &unit_name)?;
    if !m.involves(unit) {
        let names = |ids: &[crate::model::UnitId]| {
            ids.iter()
                .map(|&u| plan.units.name(u))
                .collect::<Vec<_>>()
                .join("、")
        };
        let responsible = if m.responsible.is_empty() {
            "—".to_string()
        } else {
            names(&m.responsible)
        };
        bail!(
            "{} 既不是措施 {} 的牵头单位,也不是责任单位\n    提示: 牵头单位: {};责任单位: {}",
            plan.units.name(unit),
            m.id,
            names(&m.lead),
            responsible
        );
    }
    if !m.deadline.ongoing {
        let entries = ws.entries_for(&m.id.0)?;
        let today = clock::today()?.max(date);
        if evaluate(plan, m, &entries, today).status == MeasureStatus::SignedOff {
            bail!(
                "措施 {} 已销号,不再接受进展记录\n    提示: 如需继续整改,请领导小组办公室先执行 rectify reopen {} --by 姓名 --note 原因",
                m.id,
                m.id
            );
        }
    }
    let entry = Entry {
        date,
        measure: m.id.0.clone(),
        status: args.status,
        progress: args.progress.clone(),
        problems: args.problems.clone().filter(|t| !t.is_empty()),
        next: args.next.clone().filter(|t| !t.is_empty()),
        by: args.by.clone().filter(|t| !t.is_empty()).or(defaults.by),
        recorded: clock::now()?,
    };
    let display = append(&ws, unit, &entry)?;
    if args.format == Format::Json {
        ctx.print(&json::recorded(&display, plan.units.name(unit), &entry)?)?;
    }
    eprint!("{}", echo(&display, plan.units.name(unit), &entry));
    Ok(ExitCode::SUCCESS)
}

/// What was recorded, in canonical form, for the person who typed it.
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
