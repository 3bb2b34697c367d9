//! Where a command's document or table goes: a file (`-o`), a pager on a
//! terminal, or standard output.
//!
//! A file is written whole through a temporary file and a rename, so a
//! crash never leaves half a report; an existing file is replaced only with
//! `--force`, and the plan, the units file and the ledgers never.

use crate::cli::{OutputArgs, TerminalArgs};
use crate::write::atomic;
use anyhow::Result;
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

    /// Refuses, before anything is read or cached, an `-o` file that would
    /// replace a workspace file or an existing file without `--force`.
    pub fn check(&self, workspace: &Path) -> Result<()> {
        if let Some(path) = &self.file {
            atomic::check_output(path, Some(workspace), self.force)?;
        }
        Ok(())
    }

    pub fn emit(&self, text: &str, workspace: Option<&Path>) -> Result<()> {
        match &self.file {
            Some(path) => {
                let root = match workspace {
                    Some(w) => Some(w.to_path_buf()),
                    None => crate::read::workspace::locate(None).ok(),
                };
                atomic::write_output(path, text.as_bytes(), root.as_deref(), self.force)?;
                eprintln!("已写入 {}", path.display());
                Ok(())
            }
            None if self.pager && std::io::stdout().is_terminal() => page(text),
            None => print(text),
        }
    }

    /// [`Output::emit`] for a text written piece by piece: straight to
    /// standard output (through a buffer) when it goes there, otherwise
    /// built whole first.
    pub fn emit_with(
        &self,
        write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
        workspace: Option<&Path>,
    ) -> Result<()> {
        if self.file.is_some() || (self.pager && std::io::stdout().is_terminal()) {
            let mut text = Vec::new();
            write(&mut text)?;
            return self.emit(&String::from_utf8_lossy(&text), workspace);
        }
        let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
        match write(&mut out).and_then(|_| out.flush()) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            other => Ok(other?),
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
