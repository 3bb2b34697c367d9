//! `rectify completions SHELL` and the hidden `rectify manpage`: generated
//! from the same command tree as the help.
//!
//! The completion script calls rectify back while a person types (with
//! [`COMPLETE_VAR`] set), so subcommands, options, unit names and measure
//! ids are offered from the current workspace's plan
//! ([`crate::cli::candidates`]).

use super::print;
use crate::cli::{self, CompletionsArgs};
use crate::diagnostic::Diagnostic;
use anyhow::{Context as _, Result};
use clap_complete::env::Shells;
use std::path::PathBuf;
use std::process::ExitCode;

/// The environment variable that turns a run into a completion request.
pub const COMPLETE_VAR: &str = "RECTIFY_COMPLETE";

pub fn run(args: &CompletionsArgs) -> Result<ExitCode> {
    let name = args.shell.to_string();
    let shells = Shells::builtins();
    let Some(shell) = shells.completer(&name) else {
        return Err(Diagnostic::error(format!("不支持为 {name} 生成补全脚本")).into());
    };
    let mut out = Vec::new();
    shell
        .write_registration(COMPLETE_VAR, "rectify", "rectify", &callback(), &mut out)
        .context("无法生成补全脚本")?;
    print(&String::from_utf8_lossy(&out))?;
    Ok(ExitCode::SUCCESS)
}

/// How the script calls rectify back: as it was called now, `rectify`
/// when found on `PATH`, else by its absolute path.
fn callback() -> String {
    let called = std::env::args_os().next().map(PathBuf::from);
    match called {
        Some(p) if p.components().count() == 1 => p.to_string_lossy().into_owned(),
        Some(p) => std::path::absolute(&p)
            .unwrap_or(p)
            .to_string_lossy()
            .into_owned(),
        None => "rectify".to_string(),
    }
}

/// Answers a completion request from the shell script, if this run is one
/// (exiting when it is).
pub fn answer_if_asked() {
    clap_complete::CompleteEnv::with_factory(cli::command)
        .var(COMPLETE_VAR)
        .bin("rectify")
        .complete();
}

/// The man page, for the release archives.
pub fn manpage() -> Result<ExitCode> {
    let mut out = Vec::new();
    clap_mangen::Man::new(cli::command())
        .render(&mut out)
        .context("无法生成手册页")?;
    print(&String::from_utf8_lossy(&out))?;
    Ok(ExitCode::SUCCESS)
}
