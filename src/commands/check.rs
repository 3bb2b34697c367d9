//! `rectify check`: the audit, exiting 1 when any error is found.

use super::{Context, print};
use crate::check::{Audit, AuditLedger, audit};
use crate::cli::View;
use crate::diagnostic::Severity;
use crate::read::workspace::PLAN_FILE;
use crate::render::{Format, json};
use anyhow::Result;
use std::fmt::Write;
use std::process::ExitCode;

pub fn run(ctx: &Context, view: View) -> Result<ExitCode> {
    let ws = ctx.open_quietly()?;
    let mut ledgers = Vec::new();
    for (i, l) in ws.ledgers.iter().enumerate() {
        ledgers.push(AuditLedger {
            display: l.display.clone(),
            unit: l.unit,
            stem: l
                .display
                .trim_start_matches("reports/")
                .trim_end_matches(".toml")
                .to_string(),
            entries: ws.read_ledger(i)?,
        });
    }
    let a = Audit {
        plan: &ws.plan,
        plan_file: PLAN_FILE.to_string(),
        ledgers,
        as_of: view.as_of,
    };
    let findings = audit(&a);
    let errors = findings
        .iter()
        .filter(|f| f.diagnostic.severity == Severity::Error)
        .count();
    let warnings = findings.len() - errors;
    match view.format {
        Format::Json => print(&json::to_string(&findings)?)?,
        Format::Table | Format::Csv => {
            let mut s = String::new();
            for f in &findings {
                let d = &f.diagnostic;
                let _ = writeln!(s, "{}: {}: {}", d.location(), d.severity.label(), d.message);
                if let Some(h) = &d.help {
                    let _ = writeln!(s, "    提示: {h}");
                }
            }
            let entries: usize = a
                .ledgers
                .iter()
                .map(|l| l.entries.as_ref().map_or(0, Vec::len))
                .sum();
            let _ = writeln!(
                s,
                "检查了 {} 个台账、{} 条记录:{} 个错误、{} 个警告",
                a.ledgers.len(),
                entries,
                errors,
                warnings
            );
            print(&s)?;
        }
    }
    Ok(if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
