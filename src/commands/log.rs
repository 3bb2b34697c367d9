//! `rectify log`: append a progress entry to the unit's own ledger.

use super::{Context, find_measure, resolve_unit};
use crate::cli::LogOpts;
use crate::clock;
use crate::model::{Entry, MeasureStatus, UnitId};
use crate::read::Workspace;
use crate::read::workspace::REPORTS_DIR;
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

pub fn run(ctx: &Context, o: LogOpts) -> Result<ExitCode> {
    let ws = ctx.open()?;
    let plan = &ws.plan;
    let m = find_measure(plan, &o.id)?;
    let unit = resolve_unit(plan, &o.unit)?;
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
        let today = clock::today()?.max(o.date);
        if evaluate(plan, m, &entries, today).status == MeasureStatus::SignedOff {
            bail!(
                "措施 {} 已销号,不再接受进展记录\n    提示: 如需继续整改,请领导小组办公室先执行 rectify reopen {} --by 姓名 --note 原因",
                m.id,
                m.id
            );
        }
    }
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
    let display = append(&ws, unit, &entry)?;
    eprintln!(
        "已记入 {display}: 措施 {} {} {}",
        entry.measure,
        entry.date,
        entry.status.label()
    );
    Ok(ExitCode::SUCCESS)
}
