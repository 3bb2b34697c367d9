//! Commands: one file per subcommand, each `run(ctx, options)`: load once,
//! build a report, render it.

mod check;
mod completions;
mod deadlines;
mod import;
mod init;
mod log;
mod missing;
mod output;
mod overdue;
mod reopen;
mod show;
mod signoff;
mod status;
mod summary;
mod units;

use crate::cli::{self, Arguments, Command, Parsed};
use crate::model::unit::Lookup;
use crate::model::{Measure, Plan, UnitId};
use crate::read::Workspace;
use crate::read::defaults::Defaults;
use crate::read::workspace;
use crate::render::Style;
use anyhow::{Result, bail};
use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

pub use output::print;

/// What every command gets.
pub struct Context {
    workspace: Option<PathBuf>,
    pub style: Style,
    output: output::Output,
}

impl Context {
    /// Opens the workspace, leaving stray ledgers for the caller to report.
    pub fn open_quietly(&self) -> Result<Workspace> {
        let root = workspace::locate(self.workspace.as_deref())?;
        Workspace::open(&root)
    }

    /// Opens the workspace, warning about ledgers that belong to no unit.
    pub fn open(&self) -> Result<Workspace> {
        let ws = self.open_quietly()?;
        for stray in ws.stray_ledgers() {
            eprintln!(
                "警告: {} 不是计划中任何单位的台账(文件名应为单位的规范名称),已忽略",
                stray.display
            );
        }
        Ok(ws)
    }

    /// The officer's defaults for the workspace (rectify.toml, the user's file).
    pub fn defaults(&self, ws: &Workspace) -> Result<Defaults> {
        Ok(Defaults::load(&ws.root)?)
    }

    /// Prints a document or table: to `-o FILE`, through a pager, or to
    /// standard output.
    pub fn print(&self, text: &str) -> Result<()> {
        self.output.emit(text, self.workspace.as_deref())
    }
}

/// Parses the command line and runs the command: exit 0 success, 1 data
/// problems or findings, 2 a mistake on the command line.
pub fn run<I, T>(args: I) -> Result<ExitCode>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let argv: Vec<OsString> = args.into_iter().map(Into::into).collect();
    let args = match cli::parse(argv) {
        Parsed::Run(a) => *a,
        Parsed::Shown(text) => {
            print(&text)?;
            return Ok(ExitCode::SUCCESS);
        }
        Parsed::Refused(text) => {
            eprint!("{text}");
            return Ok(ExitCode::from(2));
        }
    };
    let Arguments {
        workspace,
        terminal,
        command,
    } = args;
    let ctx = Context {
        workspace,
        style: Style::detect(&terminal),
        output: output::Output::new(command.output(), &terminal),
    };
    match &command {
        Command::Init(a) => init::run(&ctx, a),
        Command::Import(a) => import::run(&ctx, a),
        Command::Log(a) => log::run(&ctx, a),
        Command::Status(a) => status::run(&ctx, a),
        Command::Overdue(a) => overdue::run(&ctx, a),
        Command::Deadlines(a) => deadlines::run(&ctx, a),
        Command::Show(a) => show::run(&ctx, a),
        Command::Units(a) => units::run(&ctx, a),
        Command::Summary(a) => summary::run(&ctx, a),
        Command::Missing(a) => missing::run(&ctx, a),
        Command::Signoff(a) => signoff::run(&ctx, a),
        Command::Reopen(a) => reopen::run(&ctx, a),
        Command::Check(a) => check::run(&ctx, a),
        Command::Completions(a) => completions::run(a),
        Command::Manpage => completions::manpage(),
    }
}

/// Exit 1 when `found` and `--exit-code` was given.
pub fn findings_exit(exit_code: bool, found: bool) -> ExitCode {
    if exit_code && found {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// A unit named on the command line.
pub fn resolve_unit(plan: &Plan, name: &str) -> Result<UnitId> {
    let names = |ids: &[UnitId]| -> String {
        ids.iter()
            .map(|&u| plan.units.name(u))
            .collect::<Vec<_>>()
            .join("、")
    };
    match plan.units.lookup_in(plan.place(), name) {
        Lookup::Found(id) => Ok(id),
        Lookup::Ambiguous(ids) => bail!(
            "单位“{name}”不明确,可能是: {}\n    提示: 写得更完整一些",
            names(&ids)
        ),
        Lookup::Unknown(ids) if ids.is_empty() => {
            bail!("没有名为“{name}”的单位\n    提示: rectify units 列出所有单位")
        }
        Lookup::Unknown(ids) => bail!(
            "没有名为“{name}”的单位;相近的有: {}\n    提示: rectify units 列出所有单位",
            names(&ids)
        ),
    }
}

/// A measure named on the command line.
pub fn find_measure<'p>(plan: &'p Plan, id: &str) -> Result<&'p Measure> {
    match plan.measure(id) {
        Some(m) => Ok(m),
        None => {
            let near: Vec<String> = plan
                .nearest_ids(id, 3)
                .iter()
                .map(|i| i.0.clone())
                .collect();
            bail!(
                "没有编号为“{id}”的措施;相近的有: {}\n    提示: rectify status 列出所有措施",
                near.join("、")
            )
        }
    }
}
