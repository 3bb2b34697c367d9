//! `rectify summary --month M [--unit U]`: a unit's monthly report, or the
//! office's roll-up.

use super::{Context, print, resolve_unit};
use crate::cli::View;
use crate::render::{Format, json, report_text};
use crate::views::status::evaluations;
use crate::views::summary::{self, in_month, month_end};
use anyhow::{Context as _, Result, bail};
use chrono::NaiveDate;
use std::path::Path;
use std::process::ExitCode;

pub fn run(
    ctx: &Context,
    month: NaiveDate,
    unit: Option<&str>,
    out: Option<&Path>,
    view: View,
) -> Result<ExitCode> {
    let ws = ctx.open()?;
    if view.as_of < month {
        bail!(
            "--month: {} 还没有开始(--as-of 为 {})",
            month.format("%Y-%m"),
            view.as_of
        );
    }
    let at = month_end(month).min(view.as_of);
    let progress = ws.progress(at)?;
    let evals: Vec<_> = evaluations(&ws.plan, &progress, at)
        .map(|(_, e)| e)
        .collect();
    let in_period = |d: NaiveDate| in_month(d, month) && d <= at;
    let text = match unit {
        Some(name) => {
            let unit = resolve_unit(&ws.plan, name)?;
            let entries =
                ws.collect(|u, e| u == unit && e.status.is_progress() && in_period(e.date))?;
            let report =
                summary::unit_report(&ws.plan, unit, month, at, view.as_of, &entries, &evals);
            match view.format {
                Format::Json => json::to_string(&report)?,
                Format::Table | Format::Csv => report_text::unit_report(&report),
            }
        }
        None => {
            let entries = ws.collect(|u, e| ws.counts(u, e) && in_period(e.date))?;
            let report = summary::rollup(&ws, month, at, view.as_of, &entries, &evals);
            match view.format {
                Format::Json => json::to_string(&report)?,
                Format::Table | Format::Csv => report_text::rollup(&report),
            }
        }
    };
    match out {
        Some(path) => {
            std::fs::write(path, &text).with_context(|| format!("无法写入 {}", path.display()))?;
            eprintln!("已写入 {}", path.display());
        }
        None => print(&text)?,
    }
    Ok(ExitCode::SUCCESS)
}
