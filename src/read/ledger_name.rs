//! The ledger naming rule, in one place: unit U's ledger is
//! `reports/<U's canonical name>.toml`. Listing `reports/` classifies every
//! file against that rule, so a file saved under another name (Notepad's
//! `.toml.txt`, `.TOML`, an alias) is named with the rename that fixes it,
//! and anything that is not a regular file is never followed or read.

use super::workspace::REPORTS_DIR;
use crate::diagnostic::Diagnostic;
use crate::model::unit::Lookup;
use crate::model::{Plan, UnitId};
use std::path::{Path, PathBuf};

/// The suffixes of side files rectify itself writes next to a ledger.
pub const TORN_SUFFIX: &str = ".torn-";
pub const BACKUP_SUFFIX: &str = ".orig-";

/// A unit's ledger file name.
pub fn file_name(unit: &str) -> String {
    format!("{unit}.toml")
}

/// A unit's ledger as shown to people.
pub fn display(unit: &str) -> String {
    format!("{REPORTS_DIR}/{}", file_name(unit))
}

/// A unit's ledger path in the workspace at `root`.
pub fn path(root: &Path, unit: &str) -> PathBuf {
    root.join(REPORTS_DIR).join(file_name(unit))
}

/// One entry of `reports/`.
#[derive(Debug, Clone)]
pub enum Listing {
    Ledger {
        unit: UnitId,
        path: PathBuf,
    },
    /// Not a ledger: what is wrong and how to fix it.
    Stray(Diagnostic),
    /// A side file rectify wrote (a torn tail moved aside, a backup).
    Leftover(String),
}

/// Lists `reports/` (absent: empty), sorted by file name.
pub fn list(dir: &Path, plan: &Plan) -> Result<Vec<Listing>, Diagnostic> {
    match std::fs::symlink_metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => {
            return Err(Diagnostic::error(format!(
                "无法读取目录:{}",
                crate::io_error::describe(&e)
            ))
            .at(REPORTS_DIR, None));
        }
        Ok(m) if !m.is_dir() => {
            return Err(
                Diagnostic::error("不是普通目录(可能是符号链接),不会读取或写入")
                    .at(REPORTS_DIR, None)
                    .help("把 reports 换成工作区内的普通文件夹"),
            );
        }
        Ok(_) => {}
    }
    let entries = std::fs::read_dir(dir).map_err(|e| {
        Diagnostic::error(format!("无法读取目录:{}", crate::io_error::describe(&e)))
            .at(REPORTS_DIR, None)
    })?;
    let mut names: Vec<(String, PathBuf, bool)> = entries
        .filter_map(|e| e.ok())
        .map(|e| {
            let regular = e.file_type().is_ok_and(|t| t.is_file());
            (
                e.file_name().to_string_lossy().into_owned(),
                e.path(),
                regular,
            )
        })
        .collect();
    names.sort();
    Ok(names
        .into_iter()
        .filter(|(name, _, _)| !name.starts_with('.'))
        .map(|(name, path, regular)| classify(plan, &name, path, regular))
        .collect())
}

/// What one file of `reports/` is.
fn classify(plan: &Plan, name: &str, path: PathBuf, regular: bool) -> Listing {
    let shown = format!("{REPORTS_DIR}/{name}");
    // A unit's ledger name that is not a regular file (a link, a pipe) is
    // still that unit's ledger: reading it fails, so its measures show as
    // unknown rather than as never reported.
    if let Some(stem) = name.strip_suffix(".toml")
        && let Some(unit) = plan.units.exact(stem)
        && plan.units.name(unit) == stem
    {
        return Listing::Ledger { unit, path };
    }
    if !regular {
        return Listing::Stray(
            Diagnostic::error("不是普通文件(符号链接、目录或设备),已忽略;rectify 不跟随链接")
                .at(shown, None)
                .help("台账必须是 reports/ 中的普通文件;删除该项,或换成文件本身"),
        );
    }
    if name.contains(TORN_SUFFIX) || name.contains(BACKUP_SUFFIX) {
        return Listing::Leftover(shown);
    }
    Listing::Stray(stray(plan, name, shown))
}

/// A regular file whose name is not a unit's ledger name.
fn stray(plan: &Plan, name: &str, shown: String) -> Diagnostic {
    let stem = ledger_stem(name);
    let unit = match plan.units.lookup(stem) {
        Lookup::Found(u) => Some(u),
        _ => None,
    };
    match unit {
        Some(u) => {
            let target = display(plan.units.name(u));
            Diagnostic::error(format!(
                "文件名不是单位的规范台账名,其中的记录没有计入(应为 {target})"
            ))
            .at(shown, None)
            .help(format!("改名为 {target};若该文件已存在,把记录并入后删除此文件"))
        }
        None => Diagnostic::error("不是计划中任何单位的台账,其中的记录没有计入")
            .at(shown, None)
            .help("台账文件名应为“单位规范名称.toml”(rectify units 列出所有单位);无关文件请移出 reports/"),
    }
}

/// The unit part of a file name as people save it: `市水务局.toml.txt`,
/// `市水务局.TOML`, `市水务局.txt`.
fn ledger_stem(name: &str) -> &str {
    let mut stem = name;
    for suffix in [".txt", ".TXT", ".toml", ".TOML", ".Toml"] {
        if let Some(s) = stem.strip_suffix(suffix) {
            stem = s;
        }
    }
    stem.trim()
}
