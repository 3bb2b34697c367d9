//! `missing` (催报): units that have not reported by a reporting deadline.
//!
//! For deadline D (the reporting day of a month in the plan's window) the
//! period runs from the previous deadline (exclusive) to D (inclusive). A
//! lead unit has reported on a measure when one of its entries for that
//! measure was *recorded* in the period, whatever day it is dated: an entry
//! back-dated into the period but recorded after D is late. Measures signed
//! off by D are not chased, except ongoing (长期坚持) ones, which are signed
//! off for their current phase and keep reporting.

use crate::model::{MeasureStatus, Plan, UnitId};
use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct MissingMeasure {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct MissingUnit {
    pub unit: String,
    pub measures: Vec<MissingMeasure>,
    /// When the unit last recorded anything, up to the deadline.
    pub last_recorded: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct MissingReport {
    pub plan_title: String,
    /// The leading group office, which sends the 催报通知.
    pub office: Option<String>,
    pub due: NaiveDate,
    /// The previous deadline: entries recorded after it count.
    pub since: NaiveDate,
    pub units: Vec<MissingUnit>,
}

/// The period a deadline closes: (previous deadline, due].
pub fn period(plan: &Plan, due: NaiveDate) -> Option<NaiveDate> {
    let dues = plan.reporting.due_dates();
    let k = dues.iter().position(|&d| d == due)?;
    Some(match k {
        0 => due
            .checked_sub_months(chrono::Months::new(1))
            .unwrap_or(due),
        _ => dues[k - 1],
    })
}

/// What the view needs of each entry: who, which measure, when recorded.
pub struct Filed {
    pub unit: UnitId,
    pub measure: usize,
    pub recorded: NaiveDateTime,
}

/// `statuses` are the measures' statuses on the deadline, in plan order.
pub fn build(
    plan: &Plan,
    due: NaiveDate,
    since: NaiveDate,
    filed: &[Filed],
    statuses: &[MeasureStatus],
) -> MissingReport {
    let in_period = |t: &NaiveDateTime| t.date() > since && t.date() <= due;
    let mut reported: HashSet<(UnitId, usize)> = HashSet::new();
    let mut last: HashMap<UnitId, NaiveDateTime> = HashMap::new();
    for f in filed.iter().filter(|f| f.recorded.date() <= due) {
        if in_period(&f.recorded) {
            reported.insert((f.unit, f.measure));
        }
        let e = last.entry(f.unit).or_insert(f.recorded);
        *e = (*e).max(f.recorded);
    }
    let mut units = Vec::new();
    for (unit, u) in plan.units.iter() {
        let measures: Vec<MissingMeasure> = plan
            .measures
            .iter()
            .enumerate()
            .filter(|(i, m)| {
                m.lead.contains(&unit)
                    && (statuses[*i] != MeasureStatus::SignedOff || m.deadline.ongoing)
                    && !reported.contains(&(unit, *i))
            })
            .map(|(_, m)| MissingMeasure {
                id: m.id.0.clone(),
                title: m.name(),
            })
            .collect();
        if !measures.is_empty() {
            units.push(MissingUnit {
                unit: u.name.clone(),
                measures,
                last_recorded: last.get(&unit).copied(),
            });
        }
    }
    MissingReport {
        plan_title: plan.title.clone(),
        office: plan.office().map(|o| plan.units.name(o).to_string()),
        due,
        since,
        units,
    }
}
