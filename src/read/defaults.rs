//! An officer's defaults: `rectify.toml` at the workspace root and a
//! per-user `config.toml`, so `log` need not be told the unit every time.
//!
//! ```toml
//! unit = "市水务局"   # 默认单位
//! by = "张三"         # 默认记录人
//! ```
//!
//! The command line (and `RECTIFY_UNIT`/`RECTIFY_BY`) wins over the
//! workspace file, which wins over the user's.

use crate::diagnostic::{Diagnostic, line_of};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// The workspace's settings file, at its root.
pub const WORKSPACE_FILE: &str = "rectify.toml";

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Defaults {
    pub unit: Option<String>,
    pub by: Option<String>,
    /// The file `unit` was taken from, as shown.
    #[serde(skip)]
    pub unit_from: Option<String>,
}

impl Defaults {
    /// The workspace's file over the user's; a missing file is no error.
    pub fn load(root: &Path) -> Result<Defaults, Diagnostic> {
        let workspace = read(&root.join(WORKSPACE_FILE), WORKSPACE_FILE)?;
        let user = match user_file() {
            Some(p) => {
                let shown = p.display().to_string();
                read(&p, &shown)?
            }
            None => Defaults::default(),
        };
        let unit_from = match (&workspace.unit, &user.unit) {
            (Some(_), _) => Some(WORKSPACE_FILE.to_string()),
            (None, Some(_)) => user_file().map(|p| p.display().to_string()),
            (None, None) => None,
        };
        Ok(Defaults {
            unit: workspace.unit.or(user.unit),
            by: workspace.by.or(user.by),
            unit_from,
        })
    }
}

/// `~/.config/rectify/config.toml` (Linux), `%APPDATA%\rectify\config.toml`
/// (Windows).
pub fn user_file() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("rectify").join("config.toml"))
}

fn read(path: &Path, shown: &str) -> Result<Defaults, Diagnostic> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Defaults::default()),
        Err(e) => {
            return Err(Diagnostic::error(format!(
                "无法读取设置文件: {}",
                crate::io_error::describe(&e)
            ))
            .in_file(shown));
        }
    };
    // Notepad's "ANSI" (GBK) and a BOM are read as they are saved.
    let text = super::text_style::decode(&bytes).map_err(|d| d.in_file(shown))?;
    parse(&text.text).map_err(|d| d.in_file(shown))
}

/// The settings in `text`.
pub fn parse(text: &str) -> Result<Defaults, Diagnostic> {
    let d: Defaults = toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| line_of(text, s.start));
        let mut d = Diagnostic::error("设置文件写法有误")
            .help("只能写 unit = \"单位名称\" 与 by = \"姓名\" 两项,文字用英文半角双引号括起来");
        d.line = line;
        d
    })?;
    let clean = |v: Option<String>| v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    Ok(Defaults {
        unit: clean(d.unit),
        by: clean(d.by),
        unit_from: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_unit_and_by() {
        let d = parse("unit = \"水务局\"\nby = \" 张三 \"\n").unwrap();
        assert_eq!(d.unit.as_deref(), Some("水务局"));
        assert_eq!(d.by.as_deref(), Some("张三"));
        assert_eq!(parse("").unwrap(), Defaults::default());
    }

    #[test]
    fn a_mistake_is_located_in_chinese() {
        let d = parse("unit = \"水务局\"\nname = \"x\"\n").unwrap_err();
        assert_eq!(d.line, Some(2));
        assert_eq!(d.message, "设置文件写法有误");
        let d = parse("unit = 水务局\n").unwrap_err();
        assert_eq!(d.line, Some(1));
    }
}
