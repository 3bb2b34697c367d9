//! `show`: one measure in full, with its history from every ledger.

use super::status::{MeasureRow, row};
use crate::model::progress::MilestoneState;
use crate::model::{Measure, Plan};
use crate::read::workspace::{Located, Workspace};
use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct MilestoneRow {
    pub date: NaiveDate,
    pub require: &'static str,
    #[serde(flatten)]
    pub state: MilestoneState,
}

#[derive(Debug, Clone, Serialize)]
pub struct HistoryRow {
    pub date: NaiveDate,
    pub unit: String,
    pub status: &'static str,
    pub progress: String,
    pub problems: Option<String>,
    pub next: Option<String>,
    pub by: Option<String>,
    pub recorded: NaiveDateTime,
    /// `reports/<unit>.toml:line`.
    pub source: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Detail {
    #[serde(flatten)]
    pub row: MeasureRow,
    pub problem_title: String,
    pub heading: Option<String>,
    pub text: String,
    pub milestone_states: Vec<MilestoneRow>,
    pub history: Vec<HistoryRow>,
}

pub fn build(ws: &Workspace, m: &Measure, entries: &[Located], as_of: NaiveDate) -> Detail {
    let plan: &Plan = &ws.plan;
    let e = super::status::evaluate(plan, m, entries, as_of);
    let milestone_states = m
        .deadline
        .milestones
        .iter()
        .zip(&e.milestones)
        .map(|(ms, st)| MilestoneRow {
            date: ms.date,
            require: ms.require.key(),
            state: *st,
        })
        .collect();
    let history = entries
        .iter()
        .filter(|l| l.entry.date <= as_of)
        .map(|l| {
            let ledger = &ws.ledgers[l.ledger];
            HistoryRow {
                date: l.entry.date,
                unit: ledger
                    .unit
                    .map(|u| plan.units.name(u).to_string())
                    .unwrap_or_default(),
                status: l.entry.status.key(),
                progress: l.entry.progress.clone(),
                problems: l.entry.problems.clone(),
                next: l.entry.next.clone(),
                by: l.entry.by.clone(),
                recorded: l.entry.recorded,
                source: format!("{}:{}", ledger.display, l.line),
            }
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
