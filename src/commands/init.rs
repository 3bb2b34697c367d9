//! `rectify init DIR`: a new workspace with a copy of a plan.

use super::Context;
use super::import::{import_file, read_units};
use crate::cli::InitArgs;
use crate::diagnostic::Diagnostic;
use crate::read::plan_file;
use crate::read::workspace::{PLAN_FILE, REPORTS_DIR};
use crate::write::atomic;
use anyhow::{Context as _, Result};
use std::process::ExitCode;

/// The shipped plan: Anning's 2021 rectification plan.
pub const SHIPPED_PLAN: &str = include_str!("../../plan/plan.toml");

pub fn run(_ctx: &Context, args: &InitArgs) -> Result<ExitCode> {
    let (dir, plan, from) = (&args.dir, args.plan.as_deref(), args.from.as_deref());
    let import = &args.notice;
    let plan_path = dir.join(PLAN_FILE);
    if plan_path.exists() {
        return Err(Diagnostic::error(format!(
            "{} 已存在;不会覆盖已有的工作区",
            plan_path.display()
        ))
        .into());
    }
    // Everything is read and checked before anything is created.
    let mut units_text = None;
    let text = match (plan, from) {
        (Some(p), _) => {
            let text = std::fs::read_to_string(p)
                .with_context(|| format!("无法读取计划文件 {}", p.display()))?;
            plan_file::parse(&text).map_err(|d| d.in_file(&p.display().to_string()))?;
            text
        }
        (None, Some(notice)) => {
            let units = read_units(import)?;
            if let Some(u) = &import.units {
                units_text = Some(
                    std::fs::read_to_string(u)
                        .with_context(|| format!("无法读取 {}", u.display()))?,
                );
            }
            let (text, _) = import_file(notice, units, import)?;
            text
        }
        (None, None) => SHIPPED_PLAN.to_string(),
    };
    let plan_dir = dir.join("plan");
    std::fs::create_dir_all(&plan_dir)
        .with_context(|| format!("无法创建目录 {}", plan_dir.display()))?;
    std::fs::create_dir_all(dir.join(REPORTS_DIR))
        .with_context(|| format!("无法创建目录 {}", dir.join(REPORTS_DIR).display()))?;
    // Whole files go through a temporary file and a rename: a full disk
    // never leaves a truncated plan.
    if let Some(u) = units_text {
        atomic::write(&plan_dir.join("units.toml"), u.as_bytes())?;
    }
    atomic::write(&plan_path, text.as_bytes())?;
    let parsed =
        plan_file::parse(&text).map_err(|d| d.in_file(&plan_path.display().to_string()))?;
    eprintln!(
        "已建立工作区 {}: {} 个问题、{} 条措施、{} 个单位。下一步: rectify -C {} status",
        dir.display(),
        parsed.problems.len(),
        parsed.measures.len(),
        parsed.units.len(),
        dir.display()
    );
    Ok(ExitCode::SUCCESS)
}
