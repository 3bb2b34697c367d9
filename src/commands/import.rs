//! `rectify import NOTICE`: a notice to a plan file.

use super::print;
use crate::cli::{ImportArgs, NoticeArgs};
use crate::diagnostic::Diagnostic;
use crate::import::{self, Import, ImportOptions, decode};
use crate::model::Units;
use crate::read::plan_file;
use crate::render::{Format, import_check, json};
use crate::write::plan_file as plan_writer;
use anyhow::{Context as _, Result};
use std::path::Path;
use std::process::ExitCode;

/// Reads the units file named in the options, if any.
pub fn read_units(o: &NoticeArgs) -> Result<Option<Units>> {
    let Some(path) = &o.units else {
        return Ok(None);
    };
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("无法读取单位文件 {}", path.display()))?;
    let units =
        plan_file::parse_units(&text).map_err(|d| d.in_file(&path.display().to_string()))?;
    Ok(Some(units))
}

/// Imports a notice file: the plan file's text and what was found.
/// Diagnostics go to standard error; any error refuses.
pub fn import_file(
    notice: &Path,
    units: Option<Units>,
    o: &NoticeArgs,
) -> Result<(String, Import)> {
    let found = analyse(notice, units, o)?;
    report(&found, notice);
    match &found.plan {
        Some(plan) => Ok((plan_text(plan, notice), found)),
        None => Err(Diagnostic::error(format!(
            "导入失败: {} 个错误,未写入任何文件",
            found.errors()
        ))
        .into()),
    }
}

fn analyse(notice: &Path, units: Option<Units>, o: &NoticeArgs) -> Result<Import> {
    let bytes =
        std::fs::read(notice).with_context(|| format!("无法读取通知 {}", notice.display()))?;
    let extension = notice.extension().and_then(|e| e.to_str());
    let text = decode::notice_text(&bytes, extension, o.encoding)
        .with_context(|| notice.display().to_string())?;
    Ok(import::import(
        &text,
        &ImportOptions {
            units,
            force: o.force,
        },
    ))
}

fn report(found: &Import, notice: &Path) {
    let file = notice.display().to_string();
    for d in &found.diagnostics {
        eprintln!("{}: {}", d.severity.label(), located(d, &file));
    }
}

fn located(d: &Diagnostic, file: &str) -> String {
    let d = d.clone().in_file(file);
    d.to_string()
}

pub fn run(args: &ImportArgs) -> Result<ExitCode> {
    let (notice, output, check) = (&args.notice, args.output.as_deref(), args.check);
    let (o, format) = (&args.notice_args, Format::from(args.format));
    let found = analyse(notice, read_units(o)?, o)?;
    match format {
        // The diagnostics are part of the JSON.
        Format::Json => print(&summary(&found, notice)?)?,
        Format::Table | Format::Csv => {
            report(&found, notice);
            if check {
                print(&import_check::render(&found))?;
            }
        }
    }
    if check {
        return Ok(if found.errors() > 0 {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        });
    }
    let Some(plan) = &found.plan else {
        return Err(Diagnostic::error(format!(
            "导入失败: {} 个错误,未写入任何文件",
            found.errors()
        ))
        .into());
    };
    let text = plan_text(plan, notice);
    match output {
        Some(path) => {
            crate::write::atomic::write(path, text.as_bytes())?;
            eprintln!(
                "已写入 {}: {} 个问题、{} 条措施",
                path.display(),
                found.problems.len(),
                found.measures_found
            );
        }
        None if format == Format::Table => print(&text)?,
        None => {}
    }
    Ok(ExitCode::SUCCESS)
}

/// What was found, for `--format json`, the diagnostics naming the file.
fn summary(found: &Import, notice: &Path) -> Result<String> {
    let file = notice.display().to_string();
    let mut found = found.clone();
    found.diagnostics = found
        .diagnostics
        .into_iter()
        .map(|d| d.in_file(&file))
        .collect();
    json::to_string(&found)
}

/// The plan file's text, naming the notice it came from.
fn plan_text(plan: &crate::model::Plan, notice: &Path) -> String {
    let name = notice.file_name().map(|n| n.to_string_lossy().to_string());
    plan_writer::to_toml(plan, name.as_deref())
}
