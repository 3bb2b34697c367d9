//! A workspace: a plan file and a folder of per-unit ledgers.
//!
//! ```text
//! plan/plan.toml            the plan
//! reports/<unit>.toml       one append-only ledger per unit
//! ```
//!
//! Loading reads the plan only; ledgers are streamed when a view asks, in
//! parallel, one file per task, so memory stays proportional to the plan.

use super::ledger::{self, Facts, LedgerError};
use super::plan_file;
use crate::model::progress::{Fold, Record};
use crate::model::{Entry, Plan, UnitId};
use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use rayon::prelude::*;
use std::io::BufReader;
use std::path::{Path, PathBuf};

pub const PLAN_FILE: &str = "plan/plan.toml";
pub const REPORTS_DIR: &str = "reports";

/// Where a ledger's text comes from.
#[derive(Debug, Clone)]
enum Source {
    File(PathBuf),
    Text(String),
}

#[derive(Debug, Clone)]
pub struct LedgerFile {
    /// The path as shown to people (relative to the workspace).
    pub display: String,
    /// The unit whose ledger this is, when the file name is a unit's name.
    pub unit: Option<UnitId>,
    source: Source,
}

#[derive(Debug, Clone)]
pub struct Workspace {
    pub root: PathBuf,
    pub plan: Plan,
    pub ledgers: Vec<LedgerFile>,
}

/// An entry with where it was found.
#[derive(Debug, Clone)]
pub struct Located {
    pub ledger: usize,
    pub line: usize,
    pub entry: Entry,
}

/// All measures folded as of a day, plus per-unit counts.
#[derive(Debug, Clone)]
pub struct Progress {
    /// Indexed like `plan.measures`.
    pub folds: Vec<Fold>,
    /// Entries per unit (all dates), indexed like `plan.units`.
    pub entries_by_unit: Vec<usize>,
}

impl Workspace {
    /// Opens the workspace at `root`: reads and validates the plan and lists
    /// the ledgers.
    pub fn open(root: &Path) -> Result<Workspace> {
        let plan_path = if root == Path::new(".") {
            PathBuf::from(PLAN_FILE)
        } else {
            root.join(PLAN_FILE)
        };
        let text = std::fs::read_to_string(&plan_path).with_context(|| {
            format!(
                "无法读取计划文件 {}(用 -C 指定工作区,或用 rectify init 新建一个)",
                plan_path.display()
            )
        })?;
        let plan =
            plan_file::parse(&text).map_err(|d| d.in_file(&plan_path.display().to_string()))?;
        let mut ledgers = Vec::new();
        let dir = root.join(REPORTS_DIR);
        if dir.is_dir() {
            let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
                .with_context(|| format!("无法读取目录 {}", dir.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
                .collect();
            paths.sort();
            for path in paths {
                let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
                let unit = plan
                    .units
                    .iter()
                    .find(|(_, u)| u.name == stem)
                    .map(|(id, _)| id);
                let display = format!(
                    "{REPORTS_DIR}/{}",
                    path.file_name()
                        .map(|n| n.to_string_lossy())
                        .unwrap_or_default()
                );
                ledgers.push(LedgerFile {
                    display,
                    unit,
                    source: Source::File(path),
                });
            }
        }
        Ok(Workspace {
            root: root.to_path_buf(),
            plan,
            ledgers,
        })
    }

    /// A workspace held in memory: a plan and ledgers by unit name.
    pub fn in_memory(plan: Plan, ledgers: &[(&str, &str)]) -> Workspace {
        let ledgers = ledgers
            .iter()
            .map(|(name, text)| LedgerFile {
                display: format!("{REPORTS_DIR}/{name}.toml"),
                unit: plan
                    .units
                    .exact(name)
                    .filter(|&u| plan.units.name(u) == *name),
                source: Source::Text(text.to_string()),
            })
            .collect();
        Workspace {
            root: PathBuf::new(),
            plan,
            ledgers,
        }
    }

    /// The ledger file of a unit.
    pub fn ledger_path(&self, unit: UnitId) -> PathBuf {
        self.root
            .join(REPORTS_DIR)
            .join(format!("{}.toml", self.plan.units.name(unit)))
    }

    pub fn ledger_of(&self, unit: UnitId) -> Option<usize> {
        self.ledgers.iter().position(|l| l.unit == Some(unit))
    }

    /// Ledger files whose name is no unit of the plan.
    pub fn stray_ledgers(&self) -> impl Iterator<Item = &LedgerFile> {
        self.ledgers.iter().filter(|l| l.unit.is_none())
    }

    /// Reads one whole ledger, keeping a parse error as data (for the audit);
    /// the outer error is an I/O failure.
    pub fn read_ledger(&self, index: usize) -> Result<Result<Vec<(usize, Entry)>, LedgerError>> {
        let ledger = &self.ledgers[index];
        Ok(match &ledger.source {
            Source::Text(t) => ledger::parse(t),
            Source::File(p) => {
                let mut bytes = Vec::new();
                let mut file = std::fs::File::open(p)
                    .with_context(|| format!("无法读取 {}", ledger.display))?;
                super::shared_lock::wait_shared(&file, &ledger.display)?;
                std::io::Read::read_to_end(&mut file, &mut bytes)
                    .with_context(|| format!("无法读取 {}", ledger.display))?;
                let mut out = Vec::new();
                ledger::scan(&bytes[..], |line, e| out.push((line, e))).map(|_| out)
            }
        })
    }

    /// Streams one ledger; errors carry `file:line`.
    pub fn scan(&self, index: usize, f: impl FnMut(usize, Entry)) -> Result<usize> {
        self.scan_with(index, |r| ledger::scan(r, f))
    }

    /// Streams one ledger's facts only (what the status rules need).
    pub fn scan_facts(&self, index: usize, f: impl FnMut(usize, Facts)) -> Result<usize> {
        self.scan_with(index, |r| ledger::scan_facts(r, f))
    }

    fn scan_with(
        &self,
        index: usize,
        scan: impl FnOnce(&mut dyn std::io::BufRead) -> Result<usize, LedgerError>,
    ) -> Result<usize> {
        let ledger = &self.ledgers[index];
        let result = match &ledger.source {
            Source::Text(t) => scan(&mut t.as_bytes()),
            Source::File(p) => {
                let file = std::fs::File::open(p)
                    .with_context(|| format!("无法打开 {}", ledger.display))?;
                super::shared_lock::wait_shared(&file, &ledger.display)?;
                scan(&mut BufReader::with_capacity(1 << 16, file))
            }
        };
        result.map_err(|e: LedgerError| {
            anyhow::anyhow!(
                "{}:{}: {}\n    提示: 台账无法解析;按提示修正该行后再试(rectify check 会列出所有问题)",
                ledger.display,
                e.line,
                e.message
            )
        })
    }

    /// Folds every ledger of a known unit as of `as_of`, in parallel.
    pub fn progress(&self, as_of: NaiveDate) -> Result<Progress> {
        let n_measures = self.plan.measures.len();
        let n_units = self.plan.units.len();
        let empty = || Progress {
            folds: self
                .plan
                .measures
                .iter()
                .map(|m| Fold::new(&m.deadline))
                .collect(),
            entries_by_unit: vec![0; n_units],
        };
        let plan = &self.plan;
        let result = (0..self.ledgers.len())
            .into_par_iter()
            .filter(|&i| self.ledgers[i].unit.is_some())
            .try_fold(empty, |mut acc, i| -> Result<Progress> {
                let unit = self.ledgers[i].unit.map_or(0, |u| u.0);
                let unit_id = UnitId(unit);
                let is_office = plan.office() == Some(unit_id);
                let count = self.scan_facts(i, |line, e| {
                    if let Some(mi) = plan.measure_index(&e.measure) {
                        let m = &plan.measures[mi];
                        // The same rule as `counts`, with the measure at hand.
                        let counts = if e.status.is_progress() {
                            m.involves(unit_id)
                        } else {
                            is_office
                        };
                        if !counts {
                            return;
                        }
                        let record = Record {
                            date: e.date,
                            recorded: e.recorded,
                            status: e.status,
                            order: ((i as u64) << 32) | line as u64,
                        };
                        acc.folds[mi].observe(&m.deadline, record, as_of);
                    }
                })?;
                acc.entries_by_unit[unit] += count;
                Ok(acc)
            })
            .try_reduce(empty, |mut a, b| {
                for (x, y) in a.folds.iter_mut().zip(b.folds) {
                    x.merge(y);
                }
                for (x, y) in a.entries_by_unit.iter_mut().zip(b.entries_by_unit) {
                    *x += y;
                }
                Ok(a)
            })?;
        debug_assert_eq!(result.folds.len(), n_measures);
        Ok(result)
    }

    /// The entries of known units' ledgers that `keep` accepts, in date
    /// order (then recording time, then ledger and line).
    pub fn collect(&self, mut keep: impl FnMut(UnitId, &Entry) -> bool) -> Result<Vec<Located>> {
        let mut out = Vec::new();
        for i in 0..self.ledgers.len() {
            let Some(unit) = self.ledgers[i].unit else {
                continue;
            };
            self.scan(i, |line, entry| {
                if keep(unit, &entry) {
                    out.push(Located {
                        ledger: i,
                        line,
                        entry,
                    });
                }
            })?;
        }
        out.sort_by(|a, b| {
            (a.entry.date, a.entry.recorded, a.ledger, a.line).cmp(&(
                b.entry.date,
                b.entry.recorded,
                b.ledger,
                b.line,
            ))
        });
        Ok(out)
    }

    /// Every entry for one measure that counts for it (see [`Workspace::counts`]).
    pub fn entries_for(&self, measure: &str) -> Result<Vec<Located>> {
        self.collect(|unit, e| e.measure == measure && self.counts(unit, e))
    }

    /// Whether an entry counts toward a measure's state: progress from the
    /// measure's own units; sign-off and reopening only from the office.
    pub fn counts(&self, unit: UnitId, e: &Entry) -> bool {
        self.counts_status(unit, &e.measure, e.status)
    }

    /// [`Workspace::counts`] for an entry's facts.
    pub fn counts_status(&self, unit: UnitId, measure: &str, status: crate::model::Status) -> bool {
        if status.is_progress() {
            self.plan.measure(measure).is_some_and(|m| m.involves(unit))
        } else {
            self.plan.office() == Some(unit)
        }
    }

    /// The unit whose ledger an entry came from.
    pub fn unit_of(&self, l: &Located) -> Option<UnitId> {
        self.ledgers[l.ledger].unit
    }
}

/// Finds the workspace: the given folder, or the nearest folder at or above
/// the current one that holds plan/plan.toml.
pub fn locate(explicit: Option<&Path>) -> Result<PathBuf> {
    if let Some(dir) = explicit {
        if !dir.is_dir() {
            bail!("工作区 {} 不存在或不是目录", dir.display());
        }
        return Ok(dir.to_path_buf());
    }
    let cwd = std::env::current_dir().context("无法确定当前目录")?;
    let mut dir = cwd.as_path();
    // Relative paths keep messages short: ".", "..", "../.."….
    let mut relative = PathBuf::from(".");
    loop {
        if dir.join(PLAN_FILE).is_file() {
            return Ok(relative);
        }
        relative = if relative == Path::new(".") {
            PathBuf::from("..")
        } else {
            relative.join("..")
        };
        match dir.parent() {
            Some(p) => dir = p,
            None => bail!(
                "在 {} 及其上级目录中找不到 {PLAN_FILE}\n    提示: 在工作区中运行,或用 -C 目录 指定工作区,或用 rectify init 目录 新建一个",
                cwd.display()
            ),
        }
    }
}
