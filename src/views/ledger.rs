//! The 整改台账 as a whole: every measure with its full text, its latest
//! progress, problems and next steps, and its sign-off; optionally every
//! entry (the history). What `export` writes.

use super::show::HistoryRow;
use super::status::{Filter, MeasureRow, row};
use crate::model::Entry;
use crate::model::progress::Progress;
use crate::model::{MeasureStatus, Plan, Status, UnitId};
use chrono::{NaiveDate, NaiveDateTime};

/// The latest progress entry of a measure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LatestEntry {
    pub date: NaiveDate,
    pub unit: String,
    pub status: Status,
    pub progress: String,
    pub problems: Option<String>,
    pub next: Option<String>,
}

#[derive(Debug, Clone)]
pub struct LedgerRow {
    pub row: MeasureRow,
    pub problem_title: String,
    /// The measure's full text (整改措施).
    pub text: String,
    pub latest: Option<LatestEntry>,
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
/// as ledgers are streamed. Later date wins, then later recording, then
/// ledger and line order.
#[derive(Debug, Clone, Default)]
pub struct Latest {
    progress: Vec<Option<(Key, UnitId, Entry)>>,
    signoff: Vec<Option<(Key, NaiveDate)>>,
}

type Key = (NaiveDate, NaiveDateTime, u64);

impl Latest {
    pub fn new(measures: usize) -> Latest {
        Latest {
            progress: vec![None; measures],
            signoff: vec![None; measures],
        }
    }

    /// The latest progress entry of measure `index` seen so far.
    pub fn progress(&self, index: usize) -> Option<&Entry> {
        self.progress
            .get(index)
            .and_then(|slot| slot.as_ref())
            .map(|(_, _, e)| e)
    }

    /// An entry that counts for measure `index` (see `Workspace::counts`).
    pub fn observe(&mut self, index: usize, unit: UnitId, order: u64, entry: Entry) {
        let key = (entry.date, entry.recorded, order);
        if entry.status.is_progress() {
            let slot = &mut self.progress[index];
            if slot.as_ref().is_none_or(|(k, _, _)| *k < key) {
                *slot = Some((key, unit, entry));
            }
        } else if entry.status == Status::SignedOff {
            let slot = &mut self.signoff[index];
            if slot.as_ref().is_none_or(|(k, _)| *k < key) {
                *slot = Some((key, entry.date));
            }
        }
    }
}

pub fn build(
    plan: &Plan,
    progress: &Progress,
    filter: &Filter,
    latest: Latest,
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
        let latest = latest_progress[i].take().map(|(_, unit, en)| LatestEntry {
            date: en.date,
            unit: plan.units.name(unit).to_string(),
            status: en.status,
            progress: en.progress,
            problems: en.problems,
            next: en.next,
        });
        rows.push(LedgerRow {
            row: row(plan, m, &e),
            problem_title: plan
                .problem(m.problem)
                .map(|p| p.title.clone())
                .unwrap_or_default(),
            text: m.text.clone(),
            latest,
            signed_off: signoff[i]
                .filter(|_| e.status == MeasureStatus::SignedOff)
                .map(|(_, d)| d),
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

    fn entry(date: (i32, u32, u32), status: Status, progress: &str) -> Entry {
        let d = NaiveDate::from_ymd_opt(date.0, date.1, date.2).unwrap();
        Entry {
            date: d,
            measure: "1.1".into(),
            status,
            progress: progress.into(),
            problems: None,
            next: None,
            by: None,
            recorded: d.and_hms_opt(12, 0, 0).unwrap(),
        }
    }

    #[test]
    fn the_latest_by_date_wins_whatever_the_order_read() {
        let mut l = Latest::new(1);
        l.observe(0, UnitId(0), 2, entry((2022, 7, 9), Status::Phased, "后"));
        l.observe(
            0,
            UnitId(0),
            1,
            entry((2022, 7, 1), Status::InProgress, "前"),
        );
        l.observe(
            0,
            UnitId(0),
            3,
            entry((2022, 7, 20), Status::SignedOff, "销号"),
        );
        let (_, _, e) = l.progress[0].as_ref().unwrap();
        assert_eq!(e.progress, "后");
        assert_eq!(
            l.signoff[0].unwrap().1,
            NaiveDate::from_ymd_opt(2022, 7, 20).unwrap()
        );
    }
}
