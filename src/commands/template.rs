//! `rectify template --unit U -o FILE.xlsx` (or `--all -o DIR`): the
//! monthly report form a unit fills in Excel or WPS and sends back for
//! `rectify ingest`.

use super::{Context, resolve_unit};
use crate::cli::{TemplateArgs, file_as_of};
use crate::clock;
use crate::diagnostic::Diagnostic;
use crate::model::UnitId;
use crate::read::workspace::Corrections;
use crate::render::template_xlsx;
use crate::views::ledger::Latest;
use crate::views::template::{self, default_month};
use crate::write::atomic;
use anyhow::Result;
use chrono::NaiveDate;
use std::path::PathBuf;
use std::process::ExitCode;

/// The file name of a unit's form: `市水务局-2022-07.xlsx`.
pub fn file_name(unit: &str, month: NaiveDate) -> String {
    format!("{unit}-{}.xlsx", month.format("%Y-%m"))
}

pub fn run(ctx: &Context, args: &TemplateArgs) -> Result<ExitCode> {
    let ws = ctx.open()?;
    let plan = &ws.plan;
    let as_of = file_as_of(args.as_of, plan)?;
    let month = match args.month {
        Some(m) => crate::cli::plan_month(m, plan),
        None => default_month(plan, clock::today(plan.zone)?),
    };
    let (first, last) = (plan.reporting.first_month, plan.reporting.last_month);
    if month < first || month > last {
        return Err(Diagnostic::error(format!(
            "--month: {} 不在计划的报送月份内({} 至 {})",
            month.format("%Y-%m"),
            first.format("%Y-%m"),
            last.format("%Y-%m")
        ))
        .help("填报表按计划的报送月份制作;日期也须在这一月内")
        .into());
    }
    if args.unit.is_none()
        && args
            .output
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
    {
        return Err(Diagnostic::error(
            "--all 写出的是一个文件夹(每个单位一个文件),不是一个 .xlsx 文件",
        )
        .at(format!("-o {}", args.output.display()), None)
        .help("写成 -o 7月填报表 这样的文件夹名")
        .into());
    }
    let units: Vec<UnitId> = match &args.unit {
        Some(name) => {
            let unit = resolve_unit(plan, name)?;
            if !plan.measures.iter().any(|m| m.involves(unit)) {
                return Err(Diagnostic::error(format!(
                    "{} 没有牵头或配合的措施，无需填报",
                    plan.units.name(unit)
                ))
                .into());
            }
            let ext = args.output.extension().and_then(|e| e.to_str());
            if !ext.is_some_and(|e| e.eq_ignore_ascii_case("xlsx")) {
                return Err(Diagnostic::error("填报表应写成 .xlsx 文件")
                    .at(format!("-o {}", args.output.display()), None)
                    .help(format!("如 -o {}", file_name(plan.units.name(unit), month)))
                    .into());
            }
            vec![unit]
        }
        None => template::units_with_measures(plan),
    };
    let (progress, faults) = ws.progress(as_of);
    let mut latest = Latest::new(plan.measures.len());
    let more = ws.entries(
        |_| true,
        Corrections::AsOf(None),
        |l| {
            let Some(i) = plan.measure_index(&l.entry.measure) else {
                return;
            };
            if l.entry.date <= as_of && plan.counts(l.unit, &plan.measures[i], l.entry.status) {
                latest.observe(i, l);
            }
        },
    );
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    let created = clock::now_utc(plan.zone)?;
    for &unit in &units {
        let form = template::build(plan, unit, month, &progress, &latest);
        let path = if args.all {
            args.output.join(file_name(&form.unit, month))
        } else {
            args.output.clone()
        };
        files.push((path, template_xlsx::template(&form, created)?));
    }
    if args.all {
        atomic::write_outputs(&args.output, &files, Some(&ws.root), args.force)?;
        eprintln!(
            "已在 {} 写入 {} 个单位的{}填报表",
            args.output.display(),
            files.len(),
            crate::render::chinese::month(month)
        );
    } else {
        for (path, bytes) in &files {
            atomic::write_output(path, bytes, Some(&ws.root), args.force)?;
            eprintln!("已写入 {}", path.display());
        }
    }
    let mut faults = faults;
    faults.extend(more);
    Ok(ctx.finish(&ws, &faults))
}
