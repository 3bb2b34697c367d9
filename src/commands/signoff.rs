//! `rectify signoff ID` (销号): the office closes a measure that is done.

use super::{Context, find_measure};
use crate::cli::OfficeArgs;
use crate::clock;
use crate::diagnostic::Diagnostic;
use crate::model::{Entry, MeasureStatus, Status};
use crate::render::{Format, json};
use crate::views::status::evaluate;
use anyhow::{Result, bail};
use std::process::ExitCode;

pub fn run(ctx: &Context, args: &OfficeArgs) -> Result<ExitCode> {
    record(ctx, args, Status::SignedOff)
}

/// Appends a sign-off or a reopening to the office's ledger, after checking
/// that the measure stands where that makes sense.
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
    let m = find_measure(plan, &args.id.0)?;
    let Some(office) = plan.office() else {
        bail!(
            "计划中没有领导小组办公室(office = true 的单位),无法销号或重新打开\n    提示: 在 plan/units.toml 中登记办公室后重新导入,或直接在计划文件中标注"
        );
    };
    let entries = ws.entries_for(&m.id.0)?;
    let state = evaluate(plan, m, &entries, date).status;
    match (status, state) {
        (Status::SignedOff, MeasureStatus::Done) | (Status::Reopened, MeasureStatus::SignedOff) => {
        }
        (Status::SignedOff, MeasureStatus::SignedOff) => {
            bail!("措施 {} 已经销号", m.id)
        }
        (Status::SignedOff, other) => bail!(
            "措施 {} 截至 {} 的状态是“{}”;只有最新状态为已完成的措施才能销号\n    提示: 责任单位先用 rectify log {} --status done 记录完成情况",
            m.id,
            date,
            other.label(),
            m.id
        ),
        (_, other) => bail!(
            "措施 {} 截至 {} 的状态是“{}”,没有销号,无需重新打开",
            m.id,
            date,
            other.label()
        ),
    }
    let entry = Entry {
        date,
        measure: m.id.0.clone(),
        status,
        progress: args.note.clone(),
        problems: None,
        next: None,
        by: Some(by),
        recorded: clock::now()?,
    };
    let display = super::log::append(&ws, office, &entry)?;
    let what = if status == Status::SignedOff {
        "已销号"
    } else {
        "已重新打开"
    };
    if args.format == Format::Json {
        let office = plan.units.name(office);
        ctx.print(&json::recorded(&display, office, &entry)?)?;
    }
    eprintln!("{what}: 措施 {} {date}(记入 {display})", m.id);
    Ok(ExitCode::SUCCESS)
}
