//! `missing` (催报): units that have not reported by a reporting deadline.
//!
//! For deadline D (the reporting day of a month in the plan's window) the
//! period runs from the previous deadline (exclusive) to D (inclusive). A
//! lead unit has reported on a measure when one of its entries for that
//! measure was *recorded* in the period, whatever day it is dated: an entry
//! back-dated into the period but recorded after D is late. Measures signed
//! off by D are not chased, except ongoing (长期坚持) ones, which are signed
//! off for their current phase and keep reporting. No deadline before the
//! plan was issued is chased. A unit that recorded after the deadline (by
//! the viewing day) is listed as having filed late (逾期补报).

use crate::diagnostic::Diagnostic;
use crate::model::progress::{Fact, Progress};
use crate::model::{MeasureStatus, Plan, UnitId};
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct MissingMeasure {
    pub id: String,
    pub title: String,
    /// When the unit first recorded on it after the deadline (逾期补报), up
    /// to the viewing day.
    pub filed_late: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct MissingUnit {
    pub unit: String,
    pub measures: Vec<MissingMeasure>,
    /// When the unit last recorded anything, up to the deadline.
    pub last_recorded: Option<NaiveDateTime>,
    /// When it first recorded on one of these measures after the deadline
    /// (逾期补报), up to the viewing day.
    pub filed_late: Option<NaiveDateTime>,
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
    /// Lead units whose ledger cannot be read: whether they reported is not
    /// known, so they are not chased.
    pub unknown: Vec<String>,
}

/// The reporting deadlines that are chased: the plan's, from its issue on.
pub fn deadlines(plan: &Plan) -> Vec<NaiveDate> {
    let mut dues = plan.reporting.due_dates();
    dues.retain(|&d| d >= plan.issued);
    dues
}

/// The deadline to judge: the one asked for, or the latest on or before
/// `as_of`.
pub fn deadline(
    plan: &Plan,
    due: Option<NaiveDate>,
    as_of: NaiveDate,
) -> Result<NaiveDate, Diagnostic> {
    let dues = deadlines(plan);
    let list = || {
        dues.iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join("、")
    };
    match due {
        Some(d) if dues.contains(&d) => Ok(d),
        Some(d) => Err(Diagnostic::error(format!(
            "--due: {d} 不是报送期限;计划的报送期限是: {}",
            list()
        ))),
        None => dues
            .iter()
            .rev()
            .find(|&&d| d <= as_of)
            .copied()
            .ok_or_else(|| {
                Diagnostic::error(format!("截至 {as_of} 还没有到报送期限"))
                    .help(format!("计划的报送期限是: {}", list()))
            }),
    }
}

/// The deadline of `month`'s report: the reporting day of the next month,
/// if the plan chases it.
pub fn for_month(plan: &Plan, month: NaiveDate) -> Option<NaiveDate> {
    let next = month.checked_add_months(chrono::Months::new(1))?;
    deadlines(plan)
        .into_iter()
        .find(|d| d.year() == next.year() && d.month() == next.month())
}

/// The period a deadline closes: (previous deadline, due].
pub fn period(plan: &Plan, due: NaiveDate) -> Option<NaiveDate> {
    let dues = deadlines(plan);
    let k = dues.iter().position(|&d| d == due)?;
    Some(match k {
        0 => due
            .checked_sub_months(chrono::Months::new(1))
            .unwrap_or(due),
        _ => dues[k - 1],
    })
}

/// The progress to take the measures' statuses from: on the deadline, as
/// known by the end of the viewing day. A sign-off back-dated to before the
/// deadline but recorded after `as_of` does not change what a report as of
/// `as_of` says.
pub fn seed(plan: &Plan, due: NaiveDate, as_of: NaiveDate) -> Progress {
    Progress::new(plan, due).known_by(end_of_day(as_of))
}

/// The last second of `day`: what was recorded by then is known that day.
pub fn end_of_day(day: NaiveDate) -> NaiveDateTime {
    day.and_hms_opt(23, 59, 59).unwrap_or_default()
}

/// `statuses` are the measures' statuses on the deadline, in plan order;
/// `facts` every entry's facts, of which the counted progress entries
/// recorded by `as_of` are used.
pub fn build(
    plan: &Plan,
    due: NaiveDate,
    as_of: NaiveDate,
    facts: &[Fact],
    statuses: &[MeasureStatus],
    broken: &[UnitId],
) -> MissingReport {
    let since = period(plan, due).unwrap_or(due);
    let in_period = |t: &NaiveDateTime| t.date() > since && t.date() <= due;
    let mut reported: HashSet<(UnitId, usize)> = HashSet::new();
    let mut last: HashMap<UnitId, NaiveDateTime> = HashMap::new();
    let mut late: HashMap<(UnitId, usize), NaiveDateTime> = HashMap::new();
    let counted = facts.iter().filter(|f| {
        f.status.is_progress()
            && f.recorded.date() <= as_of
            && plan.counts(f.unit, &plan.measures[f.measure], f.status)
    });
    for f in counted {
        if in_period(&f.filed) {
            reported.insert((f.unit, f.measure));
        }
        if f.filed.date() <= due {
            let e = last.entry(f.unit).or_insert(f.filed);
            *e = (*e).max(f.filed);
        } else {
            let e = late.entry((f.unit, f.measure)).or_insert(f.filed);
            *e = (*e).min(f.filed);
        }
    }
    let mut units = Vec::new();
    let mut unknown = Vec::new();
    for (unit, u) in plan.units.iter() {
        if broken.contains(&unit) {
            if plan.measures.iter().any(|m| m.lead.contains(&unit)) {
                unknown.push(u.name.clone());
            }
            continue;
        }
        let owed: Vec<usize> = (0..plan.measures.len())
            .filter(|&i| {
                plan.must_report(unit, &plan.measures[i], statuses[i])
                    && !reported.contains(&(unit, i))
            })
            .collect();
        if owed.is_empty() {
            continue;
        }
        units.push(MissingUnit {
            unit: u.name.clone(),
            measures: owed
                .iter()
                .map(|&i| MissingMeasure {
                    id: plan.measures[i].id.0.clone(),
                    title: plan.measures[i].name(),
                    filed_late: late.get(&(unit, i)).copied(),
                })
                .collect(),
            last_recorded: last.get(&unit).copied(),
            filed_late: owed
                .iter()
                .filter_map(|&i| late.get(&(unit, i)))
                .min()
                .copied(),
        });
    }
    MissingReport {
        plan_title: plan.title.clone(),
        office: plan.office().map(|o| plan.units.name(o).to_string()),
        due,
        since,
        units,
        unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;
    use crate::views::fixture::{day, fact, plan};

    #[test]
    fn the_first_deadline_chased_is_after_the_plan_was_issued() {
        let plan = plan();
        // Reporting runs June to December; the plan is of 2022-07-01.
        assert_eq!(deadlines(&plan).first(), Some(&day("2022-07-10")));
        assert_eq!(for_month(&plan, day("2022-07-01")), Some(day("2022-08-10")));
        assert_eq!(for_month(&plan, day("2022-12-01")), None);
        assert_eq!(
            deadline(&plan, None, day("2022-08-15")).ok(),
            Some(day("2022-08-10"))
        );
        assert!(deadline(&plan, Some(day("2022-08-11")), day("2022-09-01")).is_err());
    }

    #[test]
    fn reported_by_recorded_time_late_filing_said_as_such() {
        let plan = plan();
        let statuses = [MeasureStatus::InProgress, MeasureStatus::NotStarted];
        let facts = [
            // 市水务局 reports 1.1 in the period (07-10, 08-10].
            fact(
                &plan,
                "市水务局",
                "1.1",
                "2022-07-20",
                "2022-07-20T10:00",
                Status::Phased,
            ),
            // 市财政局 back-dates 1.2 into July but records it after 08-10.
            fact(
                &plan,
                "市财政局",
                "1.2",
                "2022-07-30",
                "2022-08-12T10:00",
                Status::InProgress,
            ),
        ];
        let r = build(
            &plan,
            day("2022-08-10"),
            day("2022-08-20"),
            &facts,
            &statuses,
            &[],
        );
        assert_eq!(r.since, day("2022-07-10"));
        assert_eq!(r.units.len(), 1);
        let finance = &r.units[0];
        assert_eq!(finance.unit, "市财政局");
        assert_eq!(finance.measures[0].id, "1.2");
        assert_eq!(finance.last_recorded, None);
        assert_eq!(
            finance.filed_late.map(|t| t.date()),
            Some(day("2022-08-12"))
        );
        // Viewed on the deadline, the late entry is not yet known.
        let r = build(
            &plan,
            day("2022-08-10"),
            day("2022-08-10"),
            &facts,
            &statuses,
            &[],
        );
        assert_eq!(r.units[0].filed_late, None);
    }
}
