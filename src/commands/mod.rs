//! Commands: one file per subcommand, each `run(ctx, options)`: load once,
//! build a report, render it.

mod amend;
mod check;
mod completions;
mod convert_ledger;
mod dashboard;
mod deadlines;
mod export;
mod import;
mod ingest;
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
mod template;
mod units;
mod withdraw;

use crate::cli::{self, Arguments, Command, Parsed};
use crate::diagnostic::Diagnostic;
use crate::model::unit::Lookup;
use crate::model::{Plan, UnitId};
use crate::read::Workspace;
use crate::read::defaults::Defaults;
use crate::read::workspace::{self, Faults};
use crate::render::Style;
use anyhow::Result;
use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

pub use completions::answer_if_asked;
pub use output::print;

/// What every command gets.
pub struct Context {
    workspace: Option<PathBuf>,
    pub style: Style,
    output: output::Output,
}

impl Context {
    /// Opens the workspace: the plan read and checked, `reports/` listed.
    pub fn open(&self) -> Result<Workspace> {
        let root = workspace::locate(self.workspace.as_deref())?;
        self.output.check(&root)?;
        Workspace::open(&root)
    }

    /// Ends a view: every fault (a broken ledger, a misnamed file in
    /// `reports/`, a torn tail left out) is printed on standard error with
    /// its place and hint, and the exit status is 1 when any is an error,
    /// so scripts notice.
    pub fn finish(&self, ws: &Workspace, faults: &Faults) -> ExitCode {
        for d in ws.strays.iter().chain(&faults.diagnostics) {
            eprintln!("{}", d.finding());
        }
        if ws.strays.is_empty() && !faults.has_errors() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        }
    }

    /// [`Context::finish`], then 1 also when `found` and `--exit-code`.
    pub fn finish_with(
        &self,
        ws: &Workspace,
        faults: &Faults,
        exit_code: bool,
        found: bool,
    ) -> ExitCode {
        let code = self.finish(ws, faults);
        if exit_code && found {
            ExitCode::from(1)
        } else {
            code
        }
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

    /// [`Context::print`] for a long text written piece by piece: streamed
    /// when it goes to standard output.
    pub fn print_with(
        &self,
        write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<()> {
        self.output.emit_with(write, self.workspace.as_deref())
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
    let result = match &command {
        Command::Init(a) => init::run(&ctx, a),
        Command::Import(a) => import::run(a),
        Command::Log(a) => log::run(&ctx, a),
        Command::Status(a) => status::run(&ctx, a),
        Command::Overdue(a) => overdue::run(&ctx, a),
        Command::Deadlines(a) => deadlines::run(&ctx, a),
        Command::Show(a) => show::run(&ctx, a),
        Command::Units(a) => units::run(&ctx, a),
        Command::Summary(a) => summary::run(&ctx, a),
        Command::Missing(a) => missing::run(&ctx, a),
        Command::Amend(a) => amend::run(&ctx, a),
        Command::Withdraw(a) => withdraw::run(&ctx, a),
        Command::Signoff(a) => signoff::run(&ctx, a),
        Command::Reopen(a) => reopen::run(&ctx, a),
        Command::Check(a) => check::run(&ctx, a),
        Command::ConvertLedger(a) => convert_ledger::run(&ctx, a),
        Command::Export(a) => export::run(&ctx, a),
        Command::Dashboard(a) => dashboard::run(&ctx, a),
        Command::Template(a) => template::run(&ctx, a),
        Command::Ingest(a) => ingest::run(&ctx, a),
        Command::Completions(a) => completions::run(a),
        Command::Manpage => completions::manpage(),
    };
    // The parsed-plan cache is stored only by a command that succeeded.
    match &result {
        Ok(_) => crate::read::plan_cache::flush(),
        Err(_) => crate::read::plan_cache::discard(),
    }
    result
}

/// A unit named on the command line (the plan's place name may lead it).
pub fn resolve_unit(plan: &Plan, name: &str) -> Result<UnitId> {
    let names = |ids: &[UnitId]| -> String {
        ids.iter()
            .map(|&u| plan.units.name(u))
            .collect::<Vec<_>>()
            .join("、")
    };
    let d = match plan.units.lookup_in(plan.place(), name) {
        Lookup::Found(id) => return Ok(id),
        Lookup::Ambiguous(ids) => {
            Diagnostic::error(format!("单位“{name}”不明确,可能是: {}", names(&ids)))
                .help("写得更完整一些")
        }
        Lookup::Unknown(ids) if ids.is_empty() => {
            Diagnostic::error(format!("没有名为“{name}”的单位")).help("rectify units 列出所有单位")
        }
        Lookup::Unknown(ids) => {
            Diagnostic::error(format!("没有名为“{name}”的单位;相近的有: {}", names(&ids)))
                .help("rectify units 列出所有单位")
        }
    };
    Err(d.into())
}

/// The unit a command acts for: the one given (`-u` or `RECTIFY_UNIT`),
/// else the officer's default; one that names no unit of the plan is
/// refused naming the settings file it came from.
pub fn chosen_unit(
    plan: &Plan,
    given: Option<&str>,
    defaults: &Defaults,
) -> Result<Option<UnitId>> {
    if let Some(name) = given {
        return resolve_unit(plan, name).map(Some);
    }
    let Some(name) = defaults.unit.as_deref() else {
        return Ok(None);
    };
    resolve_unit(plan, name).map(Some).map_err(|e| {
        match (e.downcast::<Diagnostic>(), &defaults.unit_from) {
            (Ok(d), Some(file)) => d
                .in_file(file)
                .help(format!(
                    "单位取自设置文件 {file} 中的 unit = \"{name}\";改正该文件,或用 -u 单位 指明"
                ))
                .into(),
            (Ok(d), None) => d.into(),
            (Err(e), _) => e,
        }
    })
}

/// A measure named on the command line: its index in the plan.
pub fn find_measure(plan: &Plan, id: &str) -> Result<usize> {
    plan.measure_index(id).ok_or_else(|| {
        let near: Vec<String> = plan
            .nearest_ids(id, 3)
            .iter()
            .map(|i| i.0.clone())
            .collect();
        Diagnostic::error(format!(
            "没有编号为“{id}”的措施;相近的有: {}",
            near.join("、")
        ))
        .help("rectify status 列出所有措施")
        .into()
    })
}
