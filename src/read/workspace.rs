//! A workspace: a plan file and a folder of per-unit ledgers.
//!
//! ```text
//! plan/plan.toml            the plan
//! reports/<unit>.toml       one append-only ledger per unit
//! ```
//!
//! Opening reads the plan and lists `reports/`; ledgers are streamed when a
//! view asks, in parallel, one file per task, so memory stays proportional
//! to the plan. A ledger that cannot be read is a fault of that ledger
//! alone: the others are read in full, the measures the broken one could
//! count toward are marked unknown, and the fault is returned with its
//! file and line for the command to report.

use super::ledger::{self, Facts, LedgerError, ScanOptions, Scanned};
use super::ledger_name::{self, Listing};
use super::plan_cache;
use super::plan_file;
use super::{facts_cache, regular_file, text_style};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::correction::{self, Correctable, Unapplied};
use crate::model::progress::{Fact, Progress};
use crate::model::{Entry, EntryId, Located, Origin, Plan, Status, UnitId};
use anyhow::{Context, Result};
use chrono::{NaiveDate, NaiveDateTime};
use rayon::prelude::*;
use std::cell::Cell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub const PLAN_FILE: &str = "plan/plan.toml";
pub const UNITS_FILE: &str = "plan/units.toml";
pub const REPORTS_DIR: &str = "reports";

/// Where a ledger's text comes from.
#[derive(Debug, Clone)]
enum Source {
    File(PathBuf),
    Text(String),
}

/// A unit's ledger.
#[derive(Debug, Clone)]
pub struct LedgerFile {
    /// The path as shown to people (relative to the workspace).
    pub display: String,
    pub unit: UnitId,
    source: Source,
}

#[derive(Debug, Clone)]
pub struct Workspace {
    pub root: PathBuf,
    pub plan: Plan,
    pub ledgers: Vec<LedgerFile>,
    /// Files in `reports/` that are not a unit's ledger, each with what is
    /// wrong and the rename that fixes it.
    pub strays: Vec<Diagnostic>,
    /// Side files rectify left (torn tails, backups), for the audit.
    pub leftovers: Vec<String>,
}

/// What went wrong reading ledgers: every problem with its place, and the
/// units whose ledgers could not be read in full.
#[derive(Debug, Clone, Default)]
pub struct Faults {
    pub diagnostics: Vec<Diagnostic>,
    pub broken: Vec<UnitId>,
}

impl Faults {
    /// Takes the outcome of scanning `unit`'s ledger.
    pub(crate) fn record(&mut self, unit: UnitId, scanned: Result<Option<Diagnostic>, Diagnostic>) {
        match scanned {
            Ok(None) => {}
            Ok(Some(warning)) => self.diagnostics.push(warning),
            Err(d) => {
                self.diagnostics.push(d);
                if !self.broken.contains(&unit) {
                    self.broken.push(unit);
                }
            }
        }
    }

    /// Whether any fault is an error (a warning alone does not fail a view).
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == crate::diagnostic::Severity::Error)
    }

    pub fn extend(&mut self, other: Faults) {
        for d in other.diagnostics {
            if !self.diagnostics.contains(&d) {
                self.diagnostics.push(d);
            }
        }
        for u in other.broken {
            if !self.broken.contains(&u) {
                self.broken.push(u);
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.diagnostics.is_empty()
    }
}

impl Workspace {
    /// Opens the workspace at `root`: reads and validates the plan and lists
    /// the ledgers.
    pub fn open(root: &Path) -> Result<Workspace> {
        let plan_path = root.join(PLAN_FILE);
        let shown = display_path(root, PLAN_FILE);
        let bytes = regular_file::read(&plan_path, regular_file::PLAN_LIMIT).map_err(|d| {
            let d = d.in_file(&shown);
            match d.help {
                Some(_) => d,
                None => d.help("用 -C 指定工作区,或用 rectify init 新建一个"),
            }
        })?;
        let plan = plan_cache::read(root, &bytes, || {
            let text = text_style::decode(&bytes).map_err(|d| d.in_file(&shown))?;
            Ok(plan_file::parse(&text.text).map_err(|d| d.in_file(&shown))?)
        })?;
        let listing = ledger_name::list(&root.join(REPORTS_DIR), &plan)?;
        let mut ws = Workspace {
            root: root.to_path_buf(),
            plan,
            ledgers: Vec::new(),
            strays: Vec::new(),
            leftovers: Vec::new(),
        };
        for item in listing {
            match item {
                Listing::Ledger { unit, path } => ws.ledgers.push(LedgerFile {
                    display: ledger_name::display(ws.plan.units.name(unit)),
                    unit,
                    source: Source::File(path),
                }),
                Listing::Stray(d) => ws.strays.push(d),
                Listing::Leftover(name) => ws.leftovers.push(name),
            }
        }
        Ok(ws)
    }

    /// A workspace held in memory: a plan and ledgers by unit name.
    pub fn in_memory(plan: Plan, ledgers: &[(&str, &str)]) -> Workspace {
        let ledgers = ledgers
            .iter()
            .filter_map(|(name, text)| {
                let unit = plan.units.exact(name)?;
                Some(LedgerFile {
                    display: ledger_name::display(plan.units.name(unit)),
                    unit,
                    source: Source::Text(text.to_string()),
                })
            })
            .collect();
        Workspace {
            root: PathBuf::new(),
            plan,
            ledgers,
            strays: Vec::new(),
            leftovers: Vec::new(),
        }
    }

    /// The ledger file of a unit (whether or not it exists yet).
    pub fn ledger_path(&self, unit: UnitId) -> PathBuf {
        ledger_name::path(&self.root, self.plan.units.name(unit))
    }

    /// Reads one ledger with `scan` (the facts through the cache when
    /// `cached`). A parse error is a diagnostic with `file:line`; a torn
    /// tail (an append cut short) is left out with a warning, and so is
    /// everything else the scan reports about the file.
    pub(crate) fn scan_with(
        &self,
        index: usize,
        scan: impl FnOnce(&[u8]) -> Result<Scanned, LedgerError>,
    ) -> Result<Option<Diagnostic>, Diagnostic> {
        let ledger = &self.ledgers[index];
        let result = match &ledger.source {
            Source::Text(t) => scan(t.as_bytes()),
            Source::File(p) => scan(
                &regular_file::read(p, regular_file::LEDGER_LIMIT)
                    .map_err(|d| d.in_file(&ledger.display))?,
            ),
        };
        scanned(&ledger.display, result)
    }

    /// Streams one ledger's whole entries (for the audit); the warning
    /// about a torn tail left out, if any.
    pub fn scan_ledger(
        &self,
        index: usize,
        f: impl FnMut(usize, Entry),
    ) -> Result<Option<Diagnostic>, Diagnostic> {
        let options = self.scan_options();
        self.scan_with(index, |b| ledger::scan(b, &options, f))
    }

    /// Streams one ledger's corrected facts (see [`correction`]: what was
    /// corrected by `cut`, or by now); the count of entries read.
    pub(crate) fn facts_of(
        &self,
        index: usize,
        cut: Option<NaiveDateTime>,
        faults: &mut Faults,
        f: impl FnMut(Fact),
    ) -> usize {
        let unit = self.ledgers[index].unit;
        let plan = &self.plan;
        let mut count = 0;
        let options = self.scan_options();
        let ledger = &self.ledgers[index];
        // One buffer per thread, reused ledger after ledger: a fresh one per
        // ledger was a fresh mapping of memory to fault in each time.
        let mut facts = SCRATCH.with(Cell::take);
        facts.clear();
        // Entries naming no measure of the plan take part in corrections
        // (a withdrawal of a mistyped one) and are left out after.
        let mut unknown: HashMap<usize, String> = HashMap::new();
        let each = |line, e: Facts| {
            count += 1;
            let measure = plan.measure_index(&e.measure).unwrap_or_else(|| {
                unknown.insert(line, e.measure.to_string());
                usize::MAX
            });
            facts.push(Fact {
                unit,
                measure,
                date: e.date,
                recorded: e.recorded,
                filed: e.recorded,
                status: e.status,
                origin: Origin {
                    ledger: index,
                    line,
                },
                replaces: e.replaces,
            });
        };
        let result = match &ledger.source {
            Source::Text(t) => scanned(
                &ledger.display,
                ledger::scan_facts(t.as_bytes(), &options, each),
            ),
            Source::File(p) => match facts_cache::scan_facts(&self.root, p, &options, each) {
                Ok(result) => scanned(&ledger.display, result),
                Err(d) => Err(d.in_file(&ledger.display)),
            },
        };
        faults.record(unit, result);
        let retired = correct(
            &mut facts,
            cut,
            |f| {
                let measure = match plan.measures.get(f.measure) {
                    Some(m) => m.id.0.as_str(),
                    None => unknown.get(&f.origin.line).map_or("", String::as_str),
                };
                EntryId::of(measure, f.date, f.status, f.recorded)
            },
            |f| f.origin.line,
            &ledger.display,
            faults,
        );
        facts
            .drain(..)
            .filter(|x| x.measure != usize::MAX)
            .for_each(f);
        SCRATCH.with(|s| s.set(facts));
        count - retired
    }

    /// How ledgers' times are read: in the plan's zone.
    pub(crate) fn scan_options(&self) -> ScanOptions {
        ScanOptions::in_zone(self.plan.zone)
    }

    /// Folds every ledger as of `as_of`, in parallel. A broken ledger's
    /// measures are marked unknown.
    pub fn progress(&self, as_of: NaiveDate) -> (Progress, Faults) {
        self.fold(&Progress::new(&self.plan, as_of))
    }

    /// Folds every ledger into a copy of `seed` (its day, and what it
    /// ignores), in parallel.
    pub fn fold(&self, seed: &Progress) -> (Progress, Faults) {
        let plan = &self.plan;
        let empty = || (seed.clone(), Faults::default());
        (0..self.ledgers.len())
            .into_par_iter()
            .fold(empty, |(mut acc, mut faults), i| {
                let unit = self.ledgers[i].unit;
                let count = self.facts_of(i, acc.known_by, &mut faults, |f| acc.observe(plan, f));
                if faults.broken.contains(&unit) {
                    acc.mark_broken(plan, unit);
                }
                acc.entries_by_unit[unit.0] += count;
                (acc, faults)
            })
            .reduce(empty, |(mut a, mut fa), (b, fb)| {
                a.merge(b);
                fa.extend(fb);
                (a, fa)
            })
    }

    /// Streams the corrected facts (as corrected by `cut`, or by now) of
    /// every ledger whose unit `which` accepts, in ledger order.
    pub fn facts(
        &self,
        which: impl Fn(UnitId) -> bool,
        cut: Option<NaiveDateTime>,
        mut f: impl FnMut(Fact),
    ) -> Faults {
        let mut faults = Faults::default();
        for i in 0..self.ledgers.len() {
            let unit = self.ledgers[i].unit;
            if !which(unit) {
                continue;
            }
            self.facts_of(i, cut, &mut faults, &mut f);
        }
        faults
    }

    /// Streams the whole entries of the ledgers of the units `which`
    /// accepts, in ledger order: corrected as of `cut` (by now when
    /// `None`), or every entry as written with [`Corrections::Raw`].
    pub fn entries(
        &self,
        which: impl Fn(UnitId) -> bool,
        corrections: Corrections,
        mut f: impl FnMut(Located),
    ) -> Faults {
        let mut faults = Faults::default();
        let options = self.scan_options();
        for i in 0..self.ledgers.len() {
            let unit = self.ledgers[i].unit;
            if !which(unit) {
                continue;
            }
            let mut list = Vec::new();
            let scanned = self.scan_with(i, |b| {
                ledger::scan(b, &options, |line, entry| {
                    list.push(Located {
                        unit,
                        origin: Origin { ledger: i, line },
                        entry,
                    })
                })
            });
            faults.record(unit, scanned);
            if let Corrections::AsOf(cut) = corrections {
                let display = &self.ledgers[i].display;
                correct(
                    &mut list,
                    cut,
                    |l| l.entry.id(),
                    |l| l.origin.line,
                    display,
                    &mut faults,
                );
            }
            list.into_iter().for_each(&mut f);
        }
        faults
    }

    /// The entries of the ledgers of the units `which` accepts that `keep`
    /// accepts, in date order (then recording time, then place).
    pub fn collect(
        &self,
        which: impl Fn(UnitId) -> bool,
        corrections: Corrections,
        mut keep: impl FnMut(UnitId, &Entry) -> bool,
    ) -> (Vec<Located>, Faults) {
        let mut out = Vec::new();
        let faults = self.entries(which, corrections, |l| {
            if keep(l.unit, &l.entry) {
                out.push(l);
            }
        });
        out.sort_by_key(Located::sort_key);
        (out, faults)
    }

    /// Every entry that counts toward one measure, as corrected, reading
    /// only the ledgers that can hold one: the measure's own units' and the
    /// office's.
    pub fn entries_for(&self, measure: usize) -> (Vec<Located>, Faults) {
        let plan = &self.plan;
        let m = &plan.measures[measure];
        self.collect(
            |u| plan.could_count(u, m),
            Corrections::AsOf(None),
            |u, e| e.measure == m.id.0 && plan.counts(u, m, e.status),
        )
    }

    /// One measure's whole history as written, corrections and the entries
    /// they replace included, from the ledgers that can hold it.
    pub fn history_of(&self, measure: usize) -> (Vec<Located>, Faults) {
        let plan = &self.plan;
        let m = &plan.measures[measure];
        self.collect(
            |u| plan.could_count(u, m),
            Corrections::Raw,
            |u, e| {
                e.measure == m.id.0
                    && (e.status == Status::Withdrawn || plan.counts(u, m, e.status))
            },
        )
    }

    /// The ledger an entry was found in, as shown.
    pub fn ledger_file(&self, origin: Origin) -> String {
        self.ledgers
            .get(origin.ledger)
            .map(|l| l.display.clone())
            .unwrap_or_default()
    }

    /// `file:line` of an entry.
    pub fn source(&self, origin: Origin) -> String {
        format!("{}:{}", self.ledgers[origin.ledger].display, origin.line)
    }

    /// The ledgers' names as shown, indexed like [`Origin::ledger`].
    pub fn ledger_names(&self) -> Vec<&str> {
        self.ledgers.iter().map(|l| l.display.as_str()).collect()
    }
}

thread_local! {
    /// The facts of the ledger being read on this thread, before they are
    /// corrected and handed on.
    static SCRATCH: Cell<Vec<Fact>> = const { Cell::new(Vec::new()) };
}

/// Which entries a stream delivers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Corrections {
    /// The ledger as corrected by the given time (by now when `None`).
    AsOf(Option<NaiveDateTime>),
    /// Every entry as written.
    Raw,
}

/// Corrects one ledger's entries (in file order) as of `cut`; a correction
/// that names nothing current is a warning with its line. The number of
/// entries taken out.
fn correct<T: Correctable>(
    list: &mut Vec<T>,
    cut: Option<NaiveDateTime>,
    id_of: impl Fn(&T) -> EntryId,
    line_of: impl Fn(&T) -> usize,
    display: &str,
    faults: &mut Faults,
) -> usize {
    let (applied, unapplied) = correction::apply(list, cut, id_of, line_of);
    for u in unapplied {
        let warning = correction_fault(display, &u, Severity::Warning);
        if !faults.diagnostics.contains(&warning) {
            faults.diagnostics.push(warning);
        }
    }
    applied.retired
}

/// A correction (at `display:line`) that names no current entry of its
/// ledger: `id` is not there (or not before it), or was already replaced
/// or withdrawn (`stale`).
pub fn correction_fault(display: &str, u: &Unapplied<usize>, severity: Severity) -> Diagnostic {
    let id = u.id;
    let (kind, effect) = match u.withdrawal {
        true => ("撤回", "这条撤回不起作用"),
        false if u.stale => ("更正", "这条更正不起作用"),
        false => ("更正", "这条记录按普通记录计入"),
    };
    let message = match u.stale {
        false => {
            format!("{kind}记录所指的 replaces = \"{id}\" 在本台账此前的记录中找不到,{effect}")
        }
        true => format!("{kind}记录所指的 {id} 已被更正或撤回,{effect}"),
    };
    Diagnostic {
        severity,
        file: Some(display.to_string()),
        line: Some(u.at),
        message,
        help: None,
    }
    .help("更正只能针对本台账中在它之前、仍然有效的记录(rectify show 措施编号 列出编号与更正关系);被更正的记录若被手工改过日期、状态或记录时间,编号也会改变")
}

/// A scan's outcome as faults: an error, or a warning about a torn tail
/// left out.
fn scanned(
    display: &str,
    result: Result<Scanned, LedgerError>,
) -> Result<Option<Diagnostic>, Diagnostic> {
    match result {
        Err(e) => Err(ledger_fault(display, e)),
        Ok(s) => Ok(s.torn.map(|t| torn_warning(display, t.line))),
    }
}

/// The warning for a torn tail left out of a view.
fn torn_warning(display: &str, line: usize) -> Diagnostic {
    Diagnostic::warning("末尾有一条没有写完的记录(写入时中断、断电或磁盘已满,或手工补记时漏了字段),统计时已略过")
        .at(display.to_string(), Some(line))
        .help("若是手工补记,补全缺少的字段(如 recorded = 记录时间);否则下一次在此台账记录时,rectify 会把这段残缺内容移到旁边的 .torn- 文件并提示")
}

/// A ledger's parse error as a diagnostic.
pub fn ledger_fault(display: &str, e: LedgerError) -> Diagnostic {
    Diagnostic::error(format!("台账无法解析: {}", e.message))
        .at(display.to_string(), Some(e.line))
        .help("该台账无法解析,其涉及的措施显示为“台账有误”;按提示修正该行(rectify check 列出全部问题)")
}

/// A path inside the workspace as shown to people.
fn display_path(root: &Path, relative: &str) -> String {
    if root == Path::new(".") {
        relative.to_string()
    } else {
        root.join(relative).display().to_string()
    }
}

/// Finds the workspace: the given folder, or the nearest folder at or above
/// the current one that holds plan/plan.toml.
pub fn locate(explicit: Option<&Path>) -> Result<PathBuf> {
    if let Some(dir) = explicit {
        if !dir.is_dir() {
            return Err(
                Diagnostic::error(format!("工作区 {} 不存在或不是目录", dir.display())).into(),
            );
        }
        return Ok(dir.to_path_buf());
    }
    let cwd = std::env::current_dir().context("无法确定当前目录")?;
    let mut dir = cwd.as_path();
    // Relative paths keep messages short: ".", "..", "../.."….
    let mut relative = PathBuf::from(".");
    loop {
        // Anything at plan/plan.toml marks the workspace (a link or a pipe
        // there is then refused by name, not reported as missing).
        if std::fs::symlink_metadata(dir.join(PLAN_FILE)).is_ok() {
            return Ok(relative);
        }
        relative = if relative == Path::new(".") {
            PathBuf::from("..")
        } else {
            relative.join("..")
        };
        match dir.parent() {
            Some(p) => dir = p,
            None => {
                return Err(Diagnostic::error(format!(
                    "在 {} 及其上级目录中找不到 {PLAN_FILE}",
                    cwd.display()
                ))
                .help("在工作区中运行,或用 -C 目录 指定工作区,或用 rectify init 目录 新建一个")
                .into());
            }
        }
    }
}
