//! Commands: one file per subcommand, each `run(ctx, options)`: load once,
//! build a report, render it.

mod check;
mod dashboard;
mod deadlines;
mod export;
mod import;
mod init;
mod log;
pub(crate) mod missing;
mod overdue;
mod reopen;
mod show;
mod signoff;
mod status;
mod summary;
mod units;

use crate::cli::{Arguments, Config};
use crate::model::unit::Lookup;
use crate::model::{Measure, Plan, UnitId};
use crate::read::Workspace;
use crate::read::workspace;
use crate::render::Style;
use anyhow::{Result, bail};
use clap::Parser;
use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// What every command gets.
pub struct Context {
    workspace: Option<PathBuf>,
    pub style: Style,
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
}

/// Parses the command line and runs the command.
pub fn run<I, T>(args: I) -> Result<ExitCode>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args = match Arguments::try_parse_from(args) {
        Ok(a) => a,
        Err(e) => {
            let _ = e.print();
            return Ok(ExitCode::from(if e.use_stderr() { 2 } else { 0 }));
        }
    };
    let ctx = Context {
        workspace: args.workspace,
        style: Style::detect(),
    };
    match args.command.validate()? {
        Config::Init {
            dir,
            plan,
            from,
            import,
        } => init::run(&ctx, &dir, plan.as_deref(), from.as_deref(), &import),
        Config::Import {
            notice,
            output,
            check,
            import,
            format,
        } => import::run(&ctx, &notice, output.as_deref(), check, &import, format),
        Config::Log(opts) => log::run(&ctx, opts),
        Config::Status {
            view,
            unit,
            problem,
        } => status::run(&ctx, view, unit.as_deref(), problem),
        Config::Overdue { view } => overdue::run(&ctx, view),
        Config::Deadlines { view, within } => deadlines::run(&ctx, view, within),
        Config::Show { id, view } => show::run(&ctx, &id, view),
        Config::Units { view } => units::run(&ctx, view),
        Config::Summary {
            month,
            unit,
            out,
            view,
            docx,
            all_units,
            force,
        } => summary::run(
            &ctx,
            summary::Options {
                month,
                unit: unit.as_deref(),
                out: out.as_deref(),
                view,
                docx: docx.as_deref(),
                all_units,
                force,
            },
        ),
        Config::Missing {
            due,
            view,
            docx,
            force,
        } => missing::run(&ctx, due, view, docx.as_deref(), force),
        Config::Signoff(o) => signoff::run(&ctx, o),
        Config::Reopen(o) => reopen::run(&ctx, o),
        Config::Check { view } => check::run(&ctx, view),
        Config::Export(o) => export::run(&ctx, o),
        Config::Dashboard(o) => dashboard::run(&ctx, o),
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

/// A unit named on the command line.
pub fn resolve_unit(plan: &Plan, name: &str) -> Result<UnitId> {
    let names = |ids: &[UnitId]| -> String {
        ids.iter()
            .map(|&u| plan.units.name(u))
            .collect::<Vec<_>>()
            .join("、")
    };
    match plan.units.lookup(name) {
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
