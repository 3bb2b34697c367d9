//! `rectify signoff ID` (销号): the office closes a measure that is done.

use super::{Context, find_measure};
use crate::cli::OfficeOpts;
use crate::clock;
use crate::diagnostic::Diagnostic;
use crate::model::{Entry, Located, Status};
use anyhow::Result;
use std::process::ExitCode;

pub fn run(ctx: &Context, o: OfficeOpts) -> Result<ExitCode> {
    record(ctx, o, Status::SignedOff)
}

/// Appends a sign-off or a reopening to the office's ledger. Whether the
/// measure stands where that makes sense is decided under the office
/// ledger's lock, so parallel sign-offs cannot both succeed.
pub fn record(ctx: &Context, o: OfficeOpts, status: Status) -> Result<ExitCode> {
    let ws = ctx.open()?;
    let plan = &ws.plan;
    let i = find_measure(plan, &o.id)?;
    let m = &plan.measures[i];
    let Some(office) = plan.office() else {
        return Err(Diagnostic::error(
            "计划中没有领导小组办公室(office = true 的单位),无法销号或重新打开",
        )
        .help("在 plan/units.toml 中登记办公室后重新导入,或直接在计划文件中标注")
        .into());
    };
    let (entries, faults) = ws.entries_for(i);
    if let Some(d) = faults.diagnostics.into_iter().next() {
        return Err(d.into());
    }
    let others: Vec<Located> = entries.into_iter().filter(|l| l.unit != office).collect();
    let entry = Entry {
        date: o.date,
        measure: m.id.0.clone(),
        status,
        progress: o.note,
        problems: None,
        next: None,
        by: Some(o.by),
        recorded: clock::now()?,
    };
    let display = super::log::append(&ws, office, &others, entry)?;
    let what = if status == Status::SignedOff {
        "已销号"
    } else {
        "已重新打开"
    };
    eprintln!("{what}: 措施 {} {}(记入 {display})", m.id, o.date);
    Ok(ExitCode::SUCCESS)
}
