//! `deadlines`: unmet milestones in the next days, grouped by date.

use super::status::{MeasureRow, row};
use crate::model::progress::{MilestoneState, Progress};
use crate::model::{Plan, Requirement};
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct DeadlineRow {
    /// The milestone's date.
    pub due: NaiveDate,
    /// What it asks for: phased or done.
    pub require: Requirement,
    pub days_left: i64,
    #[serde(flatten)]
    pub measure: MeasureRow,
}

/// Milestones dated from `as_of` to `as_of + within` days, unmet on `as_of`.
pub fn build(plan: &Plan, progress: &Progress, within: u32) -> Vec<DeadlineRow> {
    let as_of = progress.as_of;
    let end = as_of
        .checked_add_days(chrono::Days::new(within as u64))
        .unwrap_or(NaiveDate::MAX);
    let mut out = Vec::new();
    for (m, e) in plan.measures.iter().zip(progress.evaluations(plan)) {
        for (k, ms) in m.deadline.milestones.iter().enumerate() {
            if ms.date < as_of || ms.date > end {
                continue;
            }
            if let MilestoneState::Pending { days_left } = e.milestones[k] {
                out.push(DeadlineRow {
                    due: ms.date,
                    require: ms.require,
                    days_left,
                    measure: row(plan, m, &e),
                });
            }
        }
    }
    out.sort_by_key(|r| r.due);
    out
}
