//! `rectify summary --month M [--unit U]`: a unit's monthly report, or the
//! office's roll-up; as text, JSON, or a .docx in official layout, and every
//! unit's report at once into a folder.

use super::{Context, print, resolve_unit};
use crate::cli::View;
use crate::model::UnitId;
use crate::model::progress::Evaluation;
use crate::read::Workspace;
use crate::render::{Format, docx, json, report_text};
use crate::views::status::evaluations;
use crate::views::summary::{self, UnitReport, in_month, month_end};
use crate::write::atomic;
use anyhow::{Result, bail};
use chrono::NaiveDate;
use std::path::Path;
use std::process::ExitCode;

pub struct Options<'a> {
    pub month: NaiveDate,
    pub unit: Option<&'a str>,
    pub out: Option<&'a Path>,
    pub view: View,
    pub docx: Option<&'a Path>,
    pub all_units: bool,
    pub force: bool,
}

/// What a month's reports are built from.
struct Month<'w> {
    ws: &'w Workspace,
    month: NaiveDate,
    at: NaiveDate,
    dated: NaiveDate,
    evals: Vec<Evaluation>,
}

impl Month<'_> {
    fn in_period(&self, d: NaiveDate) -> bool {
        in_month(d, self.month) && d <= self.at
    }

    fn unit_report(&self, unit: UnitId) -> Result<UnitReport> {
        let entries = self
            .ws
            .collect(|u, e| u == unit && e.status.is_progress() && self.in_period(e.date))?;
        Ok(summary::unit_report(
            &self.ws.plan,
            unit,
            self.month,
            self.at,
            self.dated,
            &entries,
            &self.evals,
        ))
    }
}

pub fn run(ctx: &Context, o: Options) -> Result<ExitCode> {
    let ws = ctx.open()?;
    let view = o.view;
    if view.as_of < o.month {
        bail!(
            "--month: {} 还没有开始(--as-of 为 {})",
            o.month.format("%Y-%m"),
            view.as_of
        );
    }
    let at = month_end(o.month).min(view.as_of);
    let progress = ws.progress(at)?;
    let evals = evaluations(&ws.plan, &progress, at)
        .map(|(_, e)| e)
        .collect();
    let m = Month {
        ws: &ws,
        month: o.month,
        at,
        dated: view.as_of,
        evals,
    };
    if o.all_units {
        return all_units(&m, o.docx.unwrap_or(Path::new(".")), o.force);
    }
    let (text, doc) = match o.unit {
        Some(name) => {
            let report = m.unit_report(resolve_unit(&ws.plan, name)?)?;
            let text = match view.format {
                Format::Json => json::to_string(&report)?,
                Format::Table | Format::Csv => report_text::unit_report(&report),
            };
            (text, report_text::unit_report_doc(&report))
        }
        None => {
            let entries = ws.collect(|u, e| ws.counts(u, e) && m.in_period(e.date))?;
            let report = summary::rollup(&ws, o.month, at, view.as_of, &entries, &m.evals);
            let text = match view.format {
                Format::Json => json::to_string(&report)?,
                Format::Table | Format::Csv => report_text::rollup(&report),
            };
            (text, report_text::rollup_doc(&report))
        }
    };
    if let Some(path) = o.docx {
        return write(&ws, path, &docx::write(&[doc])?, o.force);
    }
    match o.out {
        Some(path) => write(&ws, path, text.as_bytes(), o.force),
        None => {
            print(&text)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn write(ws: &Workspace, path: &Path, bytes: &[u8], force: bool) -> Result<ExitCode> {
    atomic::guard(&ws.root, path)?;
    atomic::write_new(path, bytes, force)?;
    eprintln!("已写入 {}", path.display());
    Ok(ExitCode::SUCCESS)
}

/// Every unit that leads or shares a measure: its report as DIR/<unit>.docx.
fn all_units(m: &Month, dir: &Path, force: bool) -> Result<ExitCode> {
    let plan = &m.ws.plan;
    let mut files = Vec::new();
    for (unit, _) in plan.units.iter() {
        if !plan.measures.iter().any(|x| x.involves(unit)) {
            continue;
        }
        let report = m.unit_report(unit)?;
        let bytes = docx::write(&[report_text::unit_report_doc(&report)])?;
        let name = format!("{}{}整改情况报告", report.unit, m.month.format("%Y年%-m月"));
        let path = dir.join(docx::file_name(&name));
        atomic::guard(&m.ws.root, &path)?;
        files.push((path, bytes));
    }
    atomic::write_all_new(dir, &files, force)?;
    eprintln!("已写入 {} 份报告到 {}", files.len(), dir.display());
    Ok(ExitCode::SUCCESS)
}
