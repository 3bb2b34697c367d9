//! `rectify completions SHELL` and the hidden `rectify manpage`: generated
//! from the same command tree as the help.

use super::print;
use crate::cli::{self, CompletionsArgs};
use anyhow::{Context as _, Result};
use std::process::ExitCode;

pub fn run(args: &CompletionsArgs) -> Result<ExitCode> {
    let mut cmd = cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "rectify", &mut out);
    print(&String::from_utf8_lossy(&out))?;
    Ok(ExitCode::SUCCESS)
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
