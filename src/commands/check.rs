//! `rectify check`: the audit, exiting 1 when any error is found.

use super::Context;
use crate::check::{Audit, AuditLedger, Audited, audit};
use crate::cli::CheckArgs;
use crate::diagnostic::{Diagnostic, Severity};
use crate::read::workspace::PLAN_FILE;
use crate::render::{Format, findings, json};
use anyhow::Result;
use rayon::prelude::*;
use std::process::ExitCode;

pub fn run(ctx: &Context, args: &CheckArgs) -> Result<ExitCode> {
    let ws = ctx.open()?;
    let view = args.view.resolve(&ws.plan)?;
    view.format.refuse_csv("check")?;
    // Every ledger is read once, in parallel, into the audit's compact
    // records (the texts are checked on the way and not kept).
    let ledgers: Vec<AuditLedger> = (0..ws.ledgers.len())
        .into_par_iter()
        .map(|i| {
            let mut entries = Vec::new();
            let read = ws.scan_ledger(i, |line, e| {
                entries.push(Audited::of(&ws.plan, line, &e, view.as_of));
            });
            // The audit holds a torn tail as an error: it must be
            // completed or set aside before the ledger is committed.
            let torn = read.as_ref().ok().cloned().flatten().map(|d| Diagnostic {
                severity: Severity::Error,
                ..d
            });
            AuditLedger::corrected(
                &ws.plan,
                ws.ledgers[i].display.clone(),
                ws.ledgers[i].unit,
                read.map(|_| entries),
                torn,
            )
        })
        .collect();
    let a = Audit {
        plan: &ws.plan,
        plan_file: PLAN_FILE.to_string(),
        ledgers,
        strays: ws.strays.clone(),
        leftovers: ws.leftovers.clone(),
        as_of: view.as_of,
    };
    let mut found = audit(&a);
    if args.errors_only {
        found.retain(|f| f.is_error());
    }
    let entries: usize = a
        .ledgers
        .iter()
        .map(|l| l.entries.as_ref().map_or(0, Vec::len))
        .sum();
    ctx.print(&match view.format {
        Format::Json => json::view(&ws.plan.title, view.as_of, "findings", &found)?,
        Format::Table | Format::Csv => findings::render(&found, a.ledgers.len(), entries),
    })?;
    Ok(if found.iter().any(|f| f.is_error()) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
