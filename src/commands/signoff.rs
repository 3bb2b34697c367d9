//! `rectify signoff ID` (销号): the office closes a measure that is done.

use super::{Context, find_measure};
use crate::cli::OfficeArgs;
use crate::cli::TextFormat;
use crate::clock;
use crate::diagnostic::Diagnostic;
use crate::model::{Entry, Status};
use crate::render::json;
use anyhow::Result;
use std::process::ExitCode;

pub fn run(ctx: &Context, args: &OfficeArgs) -> Result<ExitCode> {
    record(ctx, args, Status::SignedOff)
}

/// Appends a sign-off or a reopening to the office's ledger. Whether the
/// measure stands where that makes sense is decided under the office
/// ledger's lock, so parallel sign-offs cannot both succeed.
pub fn record(ctx: &Context, args: &OfficeArgs, status: Status) -> Result<ExitCode> {
    let ws = ctx.open()?;
    let plan = &ws.plan;
    let date = args.date(plan)?;
    let Some(by) = args
        .by
        .clone()
        .filter(|b| !b.is_empty())
        .or(ctx.defaults(&ws)?.by)
    else {
        return Err(Diagnostic::error("--by: 请写明由谁决定")
            .help("用 -b 姓名 指明,或在工作区的 rectify.toml 中写 by = \"姓名\"")
            .into());
    };
    let i = find_measure(plan, &args.id.0)?;
    let m = &plan.measures[i];
    let Some(office) = plan.office() else {
        return Err(Diagnostic::error(
            "计划中没有领导小组办公室(office = true 的单位),无法销号或重新打开",
        )
        .help("在 plan/units.toml 中登记办公室后重新导入,或直接在计划文件中标注")
        .into());
    };
    let entry = Entry {
        date,
        measure: m.id.0.clone(),
        status,
        progress: args.note.clone(),
        problems: None,
        next: None,
        by: Some(by),
        recorded: clock::now(plan.zone)?,
        replaces: None,
    };
    let others = super::log::others(&ws, i, office)?;
    let (display, entry) = super::log::append(&ws, office, &others, entry)?;
    if args.format == TextFormat::Json {
        ctx.print(&json::recorded(&display, plan.units.name(office), &entry)?)?;
    }
    let what = if status == Status::SignedOff {
        "已销号"
    } else {
        "已重新打开"
    };
    eprintln!("{what}: 措施 {} {date}(记入 {display})", m.id);
    Ok(ExitCode::SUCCESS)
}
