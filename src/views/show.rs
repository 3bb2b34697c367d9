//! `show`: one measure in full, with its history from every ledger.

use super::status::{MeasureRow, row};
use crate::model::correction;
use crate::model::progress::{MilestoneState, Progress};
use crate::model::{EntryId, Located, Plan, Requirement, Status, UnitId};
use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct MilestoneRow {
    pub date: NaiveDate,
    pub require: Requirement,
    #[serde(flatten)]
    pub state: MilestoneState,
}

/// How an entry of a history takes part in a correction.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case", tag = "kind", content = "entry")]
pub enum CorrectionMark {
    /// An amendment of the entry named.
    Corrects(EntryId),
    /// A withdrawal of the entry named.
    Withdraws(EntryId),
    /// Replaced by the amendment named.
    CorrectedBy(EntryId),
    /// Taken back by the withdrawal named.
    WithdrawnBy(EntryId),
}

/// One entry as a row of a measure's history (`show`, the workbook's
/// history sheet).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct HistoryRow {
    /// The entry's stable id, which `amend` and `withdraw` name.
    pub id: EntryId,
    /// Its part in a correction, if any (`show` lists every entry).
    pub correction: Option<CorrectionMark>,
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
            id: l.entry.id(),
            correction: None,
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

/// Each entry's part in a correction, and whether the corrected history
/// leaves it out: the corrections applied per ledger, in file order.
fn corrections(written: &[Located]) -> (Vec<Option<CorrectionMark>>, Vec<bool>) {
    let mut marks = vec![None; written.len()];
    let mut retired = vec![false; written.len()];
    let mut ledgers: Vec<usize> = written.iter().map(|l| l.origin.ledger).collect();
    ledgers.sort_unstable();
    ledgers.dedup();
    for ledger in ledgers {
        let mut at: Vec<usize> = (0..written.len())
            .filter(|&k| written[k].origin.ledger == ledger)
            .collect();
        at.sort_by_key(|&k| written[k].origin.line);
        let mut list: Vec<Located> = at.iter().map(|&k| written[k].clone()).collect();
        let (gone, applied) = correction::retire(&mut list, None, |l| l.entry.id());
        for (k, &g) in gone.iter().enumerate() {
            retired[at[k]] = g;
        }
        for (c, t) in applied.links {
            let (corrector, target) = (&list[c].entry, &list[t].entry);
            let (mine, theirs) = match corrector.status {
                Status::Withdrawn => (
                    CorrectionMark::Withdraws(target.id()),
                    CorrectionMark::WithdrawnBy(corrector.id()),
                ),
                _ => (
                    CorrectionMark::Corrects(target.id()),
                    CorrectionMark::CorrectedBy(corrector.id()),
                ),
            };
            marks[at[c]] = Some(mine);
            marks[at[t]] = Some(theirs);
        }
    }
    (marks, retired)
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

/// Measure `i` on `as_of` from its history as written (in order:
/// corrections, the entries they replace, and every entry that counts),
/// the units whose ledgers are broken, and the ledgers' names (indexed like
/// the entries' origins). The state is judged on the corrected history;
/// the rows show every entry with its part in a correction.
pub fn build(
    plan: &Plan,
    i: usize,
    written: &[Located],
    broken: &[UnitId],
    ledgers: &[&str],
    as_of: NaiveDate,
) -> Detail {
    let m = &plan.measures[i];
    let (marks, retired) = corrections(written);
    let entries: Vec<Located> = written
        .iter()
        .zip(&retired)
        .filter(|(_, r)| !**r)
        .map(|(l, _)| l.clone())
        .collect();
    let e = Progress::of_measure(plan, i, &entries, broken, as_of).evaluate(plan, i, as_of);
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
    let history = written
        .iter()
        .zip(marks)
        .filter(|(l, _)| l.entry.date <= as_of)
        .map(|(l, mark)| HistoryRow {
            correction: mark,
            ..HistoryRow::of(plan, l, ledgers)
        })
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
