//! The 整改台账 as a whole: every measure with its full text, its latest
//! progress, problems and next steps, and its sign-off; optionally every
//! entry (the history). What `export` writes.

use super::show::HistoryRow;
use super::status::{Filter, MeasureRow, row};
use crate::model::Located;
use crate::model::progress::Progress;
use crate::model::{MeasureStatus, Plan, Status};
use chrono::NaiveDate;

#[derive(Debug, Clone)]
pub struct LedgerRow {
    pub row: MeasureRow,
    pub problem_title: String,
    /// The measure's full text (整改措施).
    pub text: String,
    /// The latest progress entry.
    pub latest: Option<HistoryRow>,
    /// The day of the sign-off the measure stands at, if signed off.
    pub signed_off: Option<NaiveDate>,
}

#[derive(Debug, Clone)]
pub struct Ledger {
    pub plan_title: String,
    pub as_of: NaiveDate,
    /// What the ledger is limited to (a unit, a problem), in words.
    pub scope: Option<String>,
    pub rows: Vec<LedgerRow>,
    /// Every counted entry dated on or before `as_of`, in date order; empty
    /// unless asked for.
    pub history: Vec<HistoryRow>,
}

/// Keeps, per measure, the latest progress entry and the latest sign-off,
/// as ledgers are streamed: later date wins, then later recording, then
/// place ([`Located::sort_key`]).
#[derive(Debug, Clone, Default)]
pub struct Latest {
    progress: Vec<Option<Located>>,
    signoff: Vec<Option<Located>>,
}

impl Latest {
    pub fn new(measures: usize) -> Latest {
        Latest {
            progress: vec![None; measures],
            signoff: vec![None; measures],
        }
    }

    /// The latest progress entry of measure `index` seen so far.
    pub fn progress(&self, index: usize) -> Option<&Located> {
        self.progress.get(index).and_then(Option::as_ref)
    }

    /// An entry that counts for measure `index` (see `Plan::counts`).
    pub fn observe(&mut self, index: usize, l: Located) {
        let slot = if l.entry.status.is_progress() {
            &mut self.progress[index]
        } else if l.entry.status == Status::SignedOff {
            &mut self.signoff[index]
        } else {
            return;
        };
        if slot.as_ref().is_none_or(|s| s.sort_key() < l.sort_key()) {
            *slot = Some(l);
        }
    }
}

/// The ledger on `progress`'s day; `ledgers` are the ledgers' names,
/// indexed like the entries' origins.
pub fn build(
    plan: &Plan,
    progress: &Progress,
    filter: &Filter,
    (latest, ledgers): (Latest, &[&str]),
    history: Vec<HistoryRow>,
) -> Ledger {
    let Latest {
        progress: mut latest_progress,
        signoff,
    } = latest;
    let mut rows = Vec::new();
    let as_of = progress.as_of;
    for (i, (m, e)) in plan
        .measures
        .iter()
        .zip(progress.evaluations(plan))
        .enumerate()
    {
        if !filter.keeps(m) {
            continue;
        }
        let latest = latest_progress[i]
            .take()
            .map(|l| HistoryRow::of(plan, &l, ledgers));
        rows.push(LedgerRow {
            row: row(plan, m, &e),
            problem_title: plan
                .problem(m.problem)
                .map(|p| p.title.clone())
                .unwrap_or_default(),
            text: m.text.clone(),
            latest,
            signed_off: signoff[i]
                .as_ref()
                .filter(|_| e.status == MeasureStatus::SignedOff)
                .map(|l| l.entry.date),
        });
    }
    let scope = match (filter.unit, filter.problem) {
        (Some(u), Some(p)) => Some(format!("{}(第{p}项问题)", plan.units.name(u))),
        (Some(u), None) => Some(plan.units.name(u).to_string()),
        (None, Some(p)) => Some(format!("第{p}项问题")),
        (None, None) => None,
    };
    let kept: std::collections::HashSet<&str> = rows.iter().map(|r| r.row.id.as_str()).collect();
    let history = history
        .into_iter()
        .filter(|h| kept.contains(h.measure.as_str()))
        .collect();
    Ledger {
        plan_title: plan.title.clone(),
        as_of,
        scope,
        rows,
        history,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entry, Origin, UnitId};

    fn at(line: usize, date: (i32, u32, u32), status: Status, progress: &str) -> Located {
        let d = NaiveDate::from_ymd_opt(date.0, date.1, date.2).unwrap();
        Located {
            unit: UnitId(0),
            origin: Origin { ledger: 0, line },
            entry: Entry {
                date: d,
                measure: "1.1".into(),
                status,
                progress: progress.into(),
                problems: None,
                next: None,
                by: None,
                recorded: d.and_hms_opt(12, 0, 0).unwrap(),
                replaces: None,
            },
        }
    }

    #[test]
    fn the_latest_by_date_wins_whatever_the_order_read() {
        let mut l = Latest::new(1);
        l.observe(0, at(2, (2022, 7, 9), Status::Phased, "后"));
        l.observe(0, at(1, (2022, 7, 1), Status::InProgress, "前"));
        l.observe(0, at(3, (2022, 7, 20), Status::SignedOff, "销号"));
        assert_eq!(l.progress(0).map(|l| l.entry.progress.as_str()), Some("后"));
        assert_eq!(
            l.signoff[0].as_ref().map(|l| l.entry.date),
            NaiveDate::from_ymd_opt(2022, 7, 20)
        );
    }
}
