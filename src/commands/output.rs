//! Where a command's document or table goes: a file (`-o`), a pager on a
//! terminal, or standard output.
//!
//! A file is written whole through a temporary file and a rename, so a
//! crash never leaves half a report; an existing file is replaced only with
//! `--force`, and the plan, the units file and the ledgers never.

use crate::cli::{OutputArgs, TerminalArgs};
use crate::read::workspace::{PLAN_FILE, REPORTS_DIR};
use anyhow::{Context as _, Result, bail};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub struct Output {
    file: Option<PathBuf>,
    force: bool,
    pager: bool,
}

impl Output {
    pub fn new(args: Option<&OutputArgs>, terminal: &TerminalArgs) -> Output {
        // Only documents and tables are paged; not a line said back by `log`.
        let pageable = args.is_some();
        let args = args.cloned().unwrap_or_default();
        Output {
            pager: pageable && args.file.is_none() && !terminal.no_pager && !cfg!(windows),
            file: args.file,
            force: args.force,
        }
    }

    pub fn emit(&self, text: &str, workspace: Option<&Path>) -> Result<()> {
        match &self.file {
            Some(path) => {
                write_file(path, text, self.force, workspace)?;
                eprintln!("已写入 {}", path.display());
                Ok(())
            }
            None if self.pager && std::io::stdout().is_terminal() => page(text),
            None => print(text),
        }
    }
}

/// Writes to standard output; a closed pipe is not an error.
pub fn print(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

/// Through `$PAGER` or `less -FRX` (which exits at once when the text fits
/// one screen); straight out when no pager starts.
fn page(text: &str) -> Result<()> {
    let pager = std::env::var("PAGER").ok().filter(|p| !p.trim().is_empty());
    let words: Vec<String> = match &pager {
        Some(p) => p.split_whitespace().map(str::to_string).collect(),
        None => vec!["less".to_string(), "-FRX".to_string()],
    };
    let Some((program, rest)) = words.split_first() else {
        return print(text);
    };
    let child = Command::new(program)
        .args(rest)
        .stdin(Stdio::piped())
        .spawn();
    let Ok(mut child) = child else {
        return print(text);
    };
    if let Some(mut stdin) = child.stdin.take() {
        // The reader may quit early (q); that is not an error.
        let _ = stdin.write_all(text.as_bytes());
    }
    let _ = child.wait();
    Ok(())
}

/// The files `-o` must never replace: the plan, the units file and the
/// ledgers of the workspace the file is in.
fn protected(path: &Path, workspace: Option<&Path>) -> bool {
    let Some(full) = absolute(path) else {
        return false;
    };
    let root = match workspace {
        Some(w) => w.canonicalize().ok(),
        None => crate::read::workspace::locate(None)
            .ok()
            .and_then(|r| r.canonicalize().ok()),
    };
    let Some(root) = root else {
        return false;
    };
    let in_reports = full.parent() == Some(root.join(REPORTS_DIR).as_path())
        && full
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    in_reports || full == root.join(PLAN_FILE) || full == root.join("plan").join("units.toml")
}

/// The path made absolute with its folder resolved (the file itself may not
/// exist yet).
fn absolute(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?;
    let dir = match path.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(d) => d.to_path_buf(),
        None => PathBuf::from("."),
    };
    Some(dir.canonicalize().ok()?.join(name))
}

fn write_file(path: &Path, text: &str, force: bool, workspace: Option<&Path>) -> Result<()> {
    if protected(path, workspace) {
        bail!(
            "-o {}: 这是计划、单位文件或台账,不能用报告覆盖\n    提示: 换一个文件名",
            path.display()
        );
    }
    if path.is_dir() {
        bail!("-o {}: 是目录而不是文件", path.display());
    }
    if path.exists() && !force {
        bail!(
            "-o {}: 文件已存在,未覆盖\n    提示: 确需覆盖请加 --force,或换一个文件名",
            path.display()
        );
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = std::fs::File::create(&tmp)
        .and_then(|mut f| f.write_all(text.as_bytes()).and_then(|_| f.sync_all()));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(e).with_context(|| format!("无法写入 {}", path.display()));
    }
    if let Err(e) = std::fs::rename(&tmp, path) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e).with_context(|| format!("无法写入 {}", path.display()));
    }
    Ok(())
}
