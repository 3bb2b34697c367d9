//! `show`: one measure in full, with its history from every ledger.

use super::status::{MeasureRow, row};
use crate::model::progress::{MilestoneState, Progress};
use crate::model::{Located, Plan, Requirement, Status, UnitId};
use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct MilestoneRow {
    pub date: NaiveDate,
    pub require: Requirement,
    #[serde(flatten)]
    pub state: MilestoneState,
}

/// One entry as a row of a measure's history (`show`, the workbook's
/// history sheet).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct HistoryRow {
    pub measure: String,
    pub date: NaiveDate,
    pub unit: String,
    pub status: Status,
    pub progress: String,
    pub problems: Option<String>,
    pub next: Option<String>,
    pub by: Option<String>,
    pub recorded: NaiveDateTime,
    /// `reports/<unit>.toml:line`.
    pub source: String,
}

impl HistoryRow {
    /// The row of an entry; `ledgers` are the ledgers' names, indexed like
    /// the entries' origins.
    pub fn of(plan: &Plan, l: &Located, ledgers: &[&str]) -> HistoryRow {
        HistoryRow {
            measure: l.entry.measure.clone(),
            date: l.entry.date,
            unit: plan.units.name(l.unit).to_string(),
            status: l.entry.status,
            progress: l.entry.progress.clone(),
            problems: l.entry.problems.clone(),
            next: l.entry.next.clone(),
            by: l.entry.by.clone(),
            recorded: l.entry.recorded,
            source: format!(
                "{}:{}",
                ledgers.get(l.origin.ledger).copied().unwrap_or_default(),
                l.origin.line
            ),
        }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Detail {
    #[serde(flatten)]
    pub row: MeasureRow,
    pub problem_title: String,
    pub heading: Option<String>,
    pub text: String,
    pub milestone_states: Vec<MilestoneRow>,
    pub history: Vec<HistoryRow>,
}

/// Measure `i` on `as_of` from the entries that count for it (in order),
/// the units whose ledgers are broken, and the ledgers' names (indexed like
/// the entries' origins).
pub fn build(
    plan: &Plan,
    i: usize,
    entries: &[Located],
    broken: &[UnitId],
    ledgers: &[&str],
    as_of: NaiveDate,
) -> Detail {
    let m = &plan.measures[i];
    let e = Progress::of_measure(plan, i, entries, broken, as_of).evaluate(plan, i, as_of);
    let milestone_states = m
        .deadline
        .milestones
        .iter()
        .zip(&e.milestones)
        .map(|(ms, st)| MilestoneRow {
            date: ms.date,
            require: ms.require,
            state: *st,
        })
        .collect();
    let history = entries
        .iter()
        .filter(|l| l.entry.date <= as_of)
        .map(|l| HistoryRow::of(plan, l, ledgers))
        .collect();
    Detail {
        row: row(plan, m, &e),
        problem_title: plan
            .problem(m.problem)
            .map(|p| p.title.clone())
            .unwrap_or_default(),
        heading: m.heading.clone(),
        text: m.text.clone(),
        milestone_states,
        history,
    }
}
