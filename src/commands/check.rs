//! `rectify check`: the audit, exiting 1 when any error is found.

use super::Context;
use crate::check::{Audit, AuditLedger, Audited, Finding, audit, audit_each};
use crate::cli::CheckArgs;
use crate::diagnostic::{Diagnostic, Severity};
use crate::read::workspace::PLAN_FILE;
use crate::render::findings::Tally;
use crate::render::{Format, json};
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
    let entries: usize = a
        .ledgers
        .iter()
        .map(|l| l.entries.as_ref().map_or(0, Vec::len))
        .sum();
    let keep = |f: &Finding| !args.errors_only || f.is_error();
    let errors = match view.format {
        Format::Json => {
            let mut found = audit(&a);
            found.retain(keep);
            ctx.print(&json::view(&ws.plan.title, view.as_of, "findings", &found)?)?;
            found.iter().filter(|f| f.is_error()).count()
        }
        Format::Table | Format::Csv => {
            // Written as found: a million entries can make tens of
            // megabytes of findings, which are never all held at once.
            let mut tally = Tally::default();
            ctx.print_with(|out| {
                let mut written = Ok(());
                audit_each(&a, |f| match keep(&f) {
                    false => {}
                    // A closed pipe stops the writing, not the count.
                    true if written.is_err() => tally.count(&f),
                    true => written = tally.write(out, &f),
                });
                written?;
                tally.totals(out, a.ledgers.len(), entries)
            })?;
            tally.errors()
        }
    };
    Ok(if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
