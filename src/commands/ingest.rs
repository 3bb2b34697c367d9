//! `rectify ingest FILE…`: filled report forms into the units' ledgers.
//!
//! Each file on its own, all or nothing: it is read and checked row by row
//! (every problem listed with its cell), then its entries are decided
//! under the unit's ledger lock by the admission rules `log` uses and
//! appended in one write. Rows already in the ledger are not appended
//! again; a row that differs from an entry of the same measure and date
//! (a corrected form re-sent) is refused.

use super::{Context, log, resolve_unit};
use crate::cli::IngestArgs;
use crate::clock;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::admission as admit;
use crate::model::correction;
use crate::model::{Entry, Located, UnitId};
use crate::read::ledger_name;
use crate::read::{Workspace, report_form, sheet};
use crate::render::intake_table;
use crate::views::intake::{self, Candidate, Intake};
use crate::write::ledger::{self, Mode};
use anyhow::Result;
use chrono::NaiveDate;
use std::cell::Cell;
use std::path::Path;
use std::process::ExitCode;

pub fn run(ctx: &Context, args: &IngestArgs) -> Result<ExitCode> {
    let ws = ctx.open()?;
    let sender = args
        .unit
        .as_deref()
        .map(|u| resolve_unit(&ws.plan, u))
        .transpose()?;
    let mut refused = 0;
    for path in &args.files {
        let display = path.display().to_string();
        match one_file(ctx, &ws, path, &display, sender, args.dry_run) {
            Ok(()) => {}
            Err(Diagnostics(errors)) => {
                refused += 1;
                for d in &errors {
                    eprintln!("{}", d.clone().in_file(&display).finding());
                }
                eprintln!(
                    "未记入：{display} 有 {} 处错误，台账没有改动；改正后重新导入",
                    errors.len()
                );
            }
        }
    }
    Ok(if refused == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Reads, checks and appends one file.
fn one_file(
    ctx: &Context,
    ws: &Workspace,
    path: &Path,
    display: &str,
    sender: Option<UnitId>,
    dry_run: bool,
) -> Result<(), Diagnostics> {
    let book = sheet::read(path, display)?;
    let form = report_form::read(&book, display).map_err(Diagnostics)?;
    let zone = ws.plan.zone;
    let today = clock::today(zone)?;
    let now = clock::now(zone)?;
    let intake = intake::check(&ws.plan, &form, sender, today, now).map_err(Diagnostics)?;
    if intake.rows.is_empty() {
        eprintln!("提示：{display} 没有填写任何措施的进展，台账没有改动");
        return Ok(());
    }
    let mut others = Vec::new();
    for c in &intake.rows {
        let i = ws.plan.measure_index(&c.entry.measure).unwrap_or(0);
        others.push(log::others(ws, i, intake.unit)?);
    }
    let ledger_display = ledger_name::display(ws.plan.units.name(intake.unit));
    let skipped = Cell::new(0);
    let mode = if dry_run { Mode::DryRun } else { Mode::Write };
    let appended = ledger::append_all_with(
        &ws.ledger_path(intake.unit),
        &ledger_display,
        &log::ledger_header(ws.plan.units.name(intake.unit)),
        zone,
        mode,
        |own| decide(ws, &intake, &others, &ledger_display, own, today, &skipped),
    )?;
    report(
        ctx,
        display,
        &ledger_display,
        &appended,
        skipped.get(),
        intake.month,
        dry_run,
    )
    .map_err(|e| Diagnostics(vec![Diagnostic::error(format!("{e:#}"))]))
}

/// Under the ledger's lock: the rows not already there, each admitted by
/// the rules `log` uses; every refusal with its cell.
fn decide(
    ws: &Workspace,
    intake: &Intake,
    others: &[Vec<Located>],
    display: &str,
    own: &[(usize, Entry)],
    today: NaiveDate,
    skipped: &Cell<usize>,
) -> Result<Vec<Entry>, Diagnostics> {
    skipped.set(0);
    let mut errors = Vec::new();
    let mut out = Vec::new();
    // A row the same as any entry ever recorded (replaced or withdrawn
    // ones included) was recorded already: sending a form again never
    // brings back what was corrected. A changed row is judged against the
    // ledger as it stands, where a withdrawn entry no longer is.
    let mut current = own.to_vec();
    correction::apply(&mut current, None, |(_, e)| e.id(), |_| ());
    let mut taken: std::collections::HashSet<_> = own.iter().map(|(_, e)| e.id()).collect();
    for (c, others) in intake.rows.iter().zip(others) {
        if own.iter().any(|(_, e)| admit::same_entry(e, &c.entry)) {
            skipped.set(skipped.get() + 1);
            continue;
        }
        if let Some(d) = correction(c, &current, display) {
            errors.push(d);
            continue;
        }
        // Unique among the ledger's ids and the rows taken before it.
        let entry = admit::unique_among(&taken, c.entry.clone());
        taken.insert(entry.id());
        let admitted = admit::entry(
            &ws.plan,
            intake.unit,
            display,
            own,
            others,
            &|o| ws.ledger_file(o),
            &entry,
            today,
        );
        match admitted {
            Ok(()) => out.push(entry),
            Err(d) => errors.push(d.at(c.status_at.clone(), None)),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(Diagnostics(errors))
    }
}

/// A row that differs from an entry already recorded for the same measure
/// and day: a corrected form sent again. The ledger is append-only, so it
/// is refused rather than recorded twice.
fn correction(c: &Candidate, own: &[(usize, Entry)], display: &str) -> Option<Diagnostic> {
    let e = &c.entry;
    let (line, old) = own
        .iter()
        .find(|(_, o)| o.measure == e.measure && o.date == e.date && o.status.is_progress())?;
    let id = old.id();
    Some(
        Diagnostic::error(format!(
            "措施 {} 在 {} 已有一条记录（{display}:{line}，编号 {id}），与本表所填不同；台账只追加、不改写，更正的填报表不会重复记入",
            e.measure, e.date
        ))
        .at(c.progress_at.clone(), None)
        .help(format!("删去这一行后重新导入；要改正已记入的内容，用 rectify amend {id} 更正，或用 rectify withdraw {id} 撤回后重新导入")),
    )
}

/// Says what was appended (or would be, with `--dry-run`).
fn report(
    ctx: &Context,
    file: &str,
    ledger: &str,
    appended: &[Entry],
    skipped: usize,
    month: NaiveDate,
    dry_run: bool,
) -> Result<()> {
    if dry_run {
        if !appended.is_empty() {
            ctx.print(&intake_table::entries(appended, ctx.style))?;
        }
        eprintln!(
            "{file}：检查通过，将记入 {ledger} {} 条（--dry-run，未写入）",
            appended.len()
        );
    } else if !appended.is_empty() {
        let ids: Vec<&str> = appended.iter().map(|e| e.measure.as_str()).collect();
        eprintln!(
            "已记入 {ledger}：{file} 中{}的进展 {} 条（措施 {}）",
            crate::render::chinese::month(month),
            appended.len(),
            ids.join("、")
        );
    }
    if skipped > 0 {
        let all = if appended.is_empty() {
            "本次没有新增"
        } else {
            "未重复记入"
        };
        eprintln!("{file}：{skipped} 条已在 {ledger} 中，{all}");
    }
    Ok(())
}
