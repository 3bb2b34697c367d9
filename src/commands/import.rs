//! `rectify import NOTICE`: a notice to a plan file.

use super::{Context, print};
use crate::cli::ImportOpts;
use crate::diagnostic::{Diagnostic, Severity};
use crate::import::{self, Import, ImportOptions, decode};
use crate::model::Units;
use crate::read::plan_file;
use crate::render::{Format, json};
use crate::write::plan_file as plan_writer;
use anyhow::{Context as _, Result, bail};
use serde::Serialize;
use std::path::Path;
use std::process::ExitCode;

/// Reads the units file named in the options, if any.
pub fn read_units(o: &ImportOpts) -> Result<Option<Units>> {
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
    o: &ImportOpts,
) -> Result<(String, Import)> {
    let found = analyse(notice, units, o)?;
    report(&found, notice);
    match &found.plan {
        Some(plan) => Ok((plan_text(plan, notice), found)),
        None => bail!("导入失败: {} 个错误,未写入任何文件", found.errors()),
    }
}

fn analyse(notice: &Path, units: Option<Units>, o: &ImportOpts) -> Result<Import> {
    let bytes =
        std::fs::read(notice).with_context(|| format!("无法读取通知 {}", notice.display()))?;
    let text = decode::decode(&bytes, o.encoding).with_context(|| notice.display().to_string())?;
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

#[derive(Serialize)]
struct Found<'a> {
    measures_found: usize,
    annotations_found: usize,
    problems: Vec<ProblemCount<'a>>,
    diagnostics: &'a [Diagnostic],
}

#[derive(Serialize)]
struct ProblemCount<'a> {
    number: u32,
    title: &'a str,
    measures: usize,
}

pub fn run(
    ctx: &Context,
    notice: &Path,
    output: Option<&Path>,
    check: bool,
    o: &ImportOpts,
    format: Format,
) -> Result<ExitCode> {
    let found = analyse(notice, read_units(o)?, o)?;
    match format {
        // The diagnostics are part of the JSON.
        Format::Json => print(&summary(&found, notice)?)?,
        Format::Table | Format::Csv => {
            report(&found, notice);
            if check {
                print(&counts_table(&found, ctx))?;
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
        bail!("导入失败: {} 个错误,未写入任何文件", found.errors());
    };
    let text = plan_text(plan, notice);
    match output {
        Some(path) => {
            write_atomically(path, &text)?;
            eprintln!(
                "已写入 {}: {} 个问题、{} 条措施",
                path.display(),
                found.per_problem.len(),
                found.measures_found
            );
        }
        None if format == Format::Table => print(&text)?,
        None => {}
    }
    Ok(ExitCode::SUCCESS)
}

/// What was found, for `--format json`.
fn summary(found: &Import, notice: &Path) -> Result<String> {
    let file = notice.display().to_string();
    let diagnostics: Vec<Diagnostic> = found
        .diagnostics
        .iter()
        .map(|d| d.clone().in_file(&file))
        .collect();
    let summary = Found {
        measures_found: found.measures_found,
        annotations_found: found.annotations_found,
        problems: found
            .per_problem
            .iter()
            .map(|(n, t, c)| ProblemCount {
                number: *n,
                title: t,
                measures: *c,
            })
            .collect(),
        diagnostics: &diagnostics,
    };
    json::to_string(&summary)
}

/// Measures per problem and the totals, for `--check`.
fn counts_table(found: &Import, ctx: &Context) -> String {
    let mut t = crate::render::table::new(&["问题", "标题", "措施数"], ctx.style);
    for (n, title, count) in &found.per_problem {
        t.add_row(vec![n.to_string(), title.clone(), count.to_string()]);
    }
    let warnings = found
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    format!(
        "{t}\n共 {} 个问题、{} 条措施;{} 个错误、{} 个警告\n",
        found.per_problem.len(),
        found.measures_found,
        found.errors(),
        warnings
    )
}

/// The plan file's text, naming the notice it came from.
fn plan_text(plan: &crate::model::Plan, notice: &Path) -> String {
    let name = notice.file_name().map(|n| n.to_string_lossy().to_string());
    plan_writer::to_toml(plan, name.as_deref())
}

/// Writes via a temporary file and a rename, so a reader never sees half.
fn write_atomically(path: &Path, text: &str) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("无法创建目录 {}", dir.display()))?;
    let tmp = dir.join(format!(
        ".{}.tmp",
        path.file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default()
    ));
    std::fs::write(&tmp, text).with_context(|| format!("无法写入 {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("无法写入 {}", path.display()))?;
    Ok(())
}
