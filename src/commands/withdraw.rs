//! `rectify withdraw ID`: takes an entry back without deleting it. A
//! withdrawal naming it is appended to the same ledger; from then on the
//! entry counts for nothing, and `show` keeps both with the reason.

use super::Context;
use crate::cli::{TextFormat, WithdrawArgs};
use crate::clock;
use crate::diagnostic::Diagnostic;
use crate::model::{Entry, Status};
use crate::render::{json, terminal};
use anyhow::Result;
use std::process::ExitCode;

pub fn run(ctx: &Context, args: &WithdrawArgs) -> Result<ExitCode> {
    let ws = ctx.open()?;
    let plan = &ws.plan;
    let defaults = ctx.defaults(&ws)?;
    let unit = super::chosen_unit(plan, args.unit.as_deref(), &defaults)?;
    let old = super::amend::find(&ws, args.id, unit)?;
    let by = args.by.clone().filter(|b| !b.is_empty()).or(defaults.by);
    let Some(by) = by else {
        return Err(Diagnostic::error("--by: 请写明由谁撤回")
            .help("用 -b 姓名 指明,或在工作区的 rectify.toml 中写 by = \"姓名\"")
            .into());
    };
    let entry = Entry {
        date: old.entry.date,
        measure: old.entry.measure.clone(),
        status: Status::Withdrawn,
        progress: args.reason.clone(),
        problems: None,
        next: None,
        by: Some(by),
        recorded: clock::now(plan.zone)?,
        replaces: Some(args.id),
    };
    let (display, entry) = super::amend::record(&ws, old.unit, entry)?;
    if args.format == TextFormat::Json {
        ctx.print(&json::recorded(
            &display,
            plan.units.name(old.unit),
            &entry,
        )?)?;
    }
    eprint!(
        "{}",
        terminal::escape(&format!(
            "已撤回 {display} 中的记录 {}: 措施 {} {} {}\n  原因: {}\n  原记录保留在历史中,不再计入统计\n",
            args.id,
            old.entry.measure,
            old.entry.date,
            old.entry.status.label(),
            entry.progress
        ))
    );
    Ok(ExitCode::SUCCESS)
}
