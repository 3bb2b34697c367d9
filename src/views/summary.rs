//! `summary`: a unit's monthly report (整改情况报告) and the office's roll-up.
//!
//! A month's report covers entries dated in the month and known (recorded)
//! by the viewing day, so a report regenerated later reads the same. It is
//! judged at the period's close: a milestone dated on or before the month's
//! last day and not met by then is overdue in that month's report, exactly
//! as `overdue --as-of <the first day after the month>` lists it. Viewed
//! before the month ends, it is judged on the viewing day.

use super::ledger::Latest;
use super::missing::MissingReport;
use super::status::{MeasureRow, row};
use crate::model::progress::{Evaluation, Light, MilestoneState};
use crate::model::{Located, MeasureStatus, Plan, Requirement, Status, UnitId};
use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct ReportEntry {
    pub date: NaiveDate,
    pub status: Status,
    pub progress: String,
    pub problems: Option<String>,
    pub next: Option<String>,
    pub by: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportItem {
    pub id: String,
    pub title: String,
    pub role: Role,
    pub status: MeasureStatus,
    /// This unit's entries dated in the month; empty means 本月未报送进展.
    pub entries: Vec<ReportEntry>,
}

/// A unit's part in a measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 牵头单位.
    Lead,
    /// 责任单位 that does not lead: 配合.
    Support,
}

impl Role {
    pub fn of(m: &crate::model::Measure, unit: UnitId) -> Role {
        if m.lead.contains(&unit) {
            Role::Lead
        } else {
            Role::Support
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Lead => "牵头",
            Role::Support => "配合",
        }
    }
}

/// The period a report covers and the days it is judged on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    /// The first day of the month.
    pub month: NaiveDate,
    /// The last day the report covers: the month's end, or the viewing day
    /// if earlier.
    pub close: NaiveDate,
    /// The day milestones are judged on: the day after the close when the
    /// month is over, else the viewing day.
    pub judged: NaiveDate,
    /// The viewing day: only what was recorded by its end is used.
    pub as_of: NaiveDate,
}

impl Period {
    /// `None` when the month has not begun by `as_of`.
    pub fn new(month: NaiveDate, as_of: NaiveDate) -> Option<Period> {
        if as_of < month {
            return None;
        }
        let end = month_end(month);
        let (close, judged) = if as_of > end {
            (end, end.succ_opt().unwrap_or(end))
        } else {
            (as_of, as_of)
        };
        Some(Period {
            month,
            close,
            judged,
            as_of,
        })
    }

    /// The end of the viewing day: entries recorded later are not known.
    pub fn known_by(&self) -> NaiveDateTime {
        super::missing::end_of_day(self.as_of)
    }

    /// Whether an entry is one the report covers.
    pub fn covers(&self, e: &crate::model::Entry) -> bool {
        self.covers_at(e.date, e.recorded)
    }

    /// Whether an entry of `date`, recorded at `recorded`, is one the
    /// report covers.
    pub fn covers_at(&self, date: NaiveDate, recorded: NaiveDateTime) -> bool {
        in_month(date, self.month) && date <= self.close && recorded <= self.known_by()
    }
}

/// Why a measure needs attention.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Attention {
    Overdue {
        id: String,
        title: String,
        since: NaiveDate,
        days: i64,
    },
    DueNextMonth {
        id: String,
        title: String,
        due: NaiveDate,
        require: Requirement,
    },
}

#[derive(Debug, Clone, Serialize)]
pub struct UnitReport {
    pub unit: String,
    pub month: NaiveDate,
    /// The day statuses are taken on.
    pub at: NaiveDate,
    /// The report's date.
    pub dated: NaiveDate,
    pub addressee: Option<String>,
    pub plan_title: String,
    pub items: Vec<ReportItem>,
    pub attention: Vec<Attention>,
}

/// The last day of `month`'s month.
pub fn month_end(month: NaiveDate) -> NaiveDate {
    month
        .checked_add_months(chrono::Months::new(1))
        .and_then(|n| n.pred_opt())
        .unwrap_or(month)
}

/// Whether `d` falls in `month`'s month.
pub fn in_month(d: NaiveDate, month: NaiveDate) -> bool {
    d >= month && d <= month_end(month)
}

/// What needs attention at `at`: overdue, or a milestone next month.
fn attention(
    plan: &Plan,
    evals: &[Evaluation],
    keep: impl Fn(usize) -> bool,
    month: NaiveDate,
) -> Vec<Attention> {
    let next_start = month_end(month).succ_opt().unwrap_or(month);
    let next_end = month_end(next_start);
    let mut out = Vec::new();
    for (i, (m, e)) in plan.measures.iter().zip(evals).enumerate() {
        if !keep(i) {
            continue;
        }
        if let Some(k) = e.overdue_milestone {
            out.push(Attention::Overdue {
                id: m.id.0.clone(),
                title: m.name(),
                since: m.deadline.milestones[k].date,
                days: e.days_overdue,
            });
        }
        for (ms, st) in m.deadline.milestones.iter().zip(&e.milestones) {
            if ms.date >= next_start
                && ms.date <= next_end
                && matches!(st, MilestoneState::Pending { .. })
            {
                out.push(Attention::DueNextMonth {
                    id: m.id.0.clone(),
                    title: m.name(),
                    due: ms.date,
                    require: ms.require,
                });
            }
        }
    }
    out
}

/// A unit's report. `entries` are the unit's progress entries the period
/// covers; `evals` every measure's evaluation on the judging day.
pub fn unit_report(
    plan: &Plan,
    unit: UnitId,
    period: Period,
    entries: &[Located],
    evals: &[Evaluation],
) -> UnitReport {
    let month = period.month;
    let items = plan
        .measures
        .iter()
        .zip(evals)
        .filter(|(m, _)| m.involves(unit))
        .map(|(m, e)| ReportItem {
            id: m.id.0.clone(),
            title: m.name(),
            role: Role::of(m, unit),
            status: e.status,
            entries: entries
                .iter()
                .filter(|l| l.unit == unit && l.entry.measure == m.id.0)
                .map(|l| ReportEntry {
                    date: l.entry.date,
                    status: l.entry.status,
                    progress: l.entry.progress.clone(),
                    problems: l.entry.problems.clone(),
                    next: l.entry.next.clone(),
                    by: l.entry.by.clone(),
                })
                .collect(),
        })
        .collect();
    UnitReport {
        unit: plan.units.name(unit).to_string(),
        month,
        at: period.close,
        dated: period.as_of,
        addressee: plan.office().map(|o| plan.units.name(o).to_string()),
        plan_title: plan.title.clone(),
        items,
        attention: attention(plan, evals, |i| plan.measures[i].involves(unit), month),
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ProblemProgress {
    pub number: u32,
    pub title: String,
    pub measures: usize,
    pub signed_off: usize,
    pub done: usize,
    pub phased: usize,
    pub in_progress: usize,
    pub not_started: usize,
    pub overdue: usize,
    /// The month's main progress: each measure's latest entry in the month.
    pub highlights: Vec<Highlight>,
}

/// One measure's latest progress in the month, for the roll-up's narrative.
#[derive(Debug, Clone, Serialize)]
pub struct Highlight {
    pub id: String,
    pub unit: String,
    pub date: NaiveDate,
    pub progress: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SignOff {
    pub id: String,
    pub title: String,
    pub date: NaiveDate,
    pub by: Option<String>,
    pub note: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Rollup {
    pub month: NaiveDate,
    pub at: NaiveDate,
    pub dated: NaiveDate,
    pub office: Option<String>,
    pub plan_title: String,
    pub total: usize,
    pub by_status: Vec<(MeasureStatus, usize)>,
    pub by_light: Vec<(Light, usize)>,
    pub problems: Vec<ProblemProgress>,
    pub overdue: Vec<MeasureRow>,
    /// Lead units that have not reported for the month, judged as `missing`
    /// judges the month's reporting deadline (none when the month has none).
    pub not_reported: Option<MissingReport>,
    pub signed_off: Vec<SignOff>,
}

/// The office's roll-up. `entries` are every counted entry the period
/// covers; `not_reported` is `missing` for the month's reporting deadline.
pub fn rollup(
    plan: &Plan,
    period: Period,
    entries: &[Located],
    evals: &[Evaluation],
    not_reported: Option<MissingReport>,
) -> Rollup {
    let count_status = |s: MeasureStatus| evals.iter().filter(|e| e.status == s).count();
    let count_light = |l: Light| evals.iter().filter(|e| e.light == l).count();
    // Each measure's latest progress entry in the month, found in one pass.
    let mut latest = Latest::new(plan.measures.len());
    for l in entries {
        if let Some(i) = plan.measure_index(&l.entry.measure) {
            latest.observe(i, l.clone());
        }
    }
    let problems = plan
        .problems
        .iter()
        .map(|p| problem_progress(plan, p, evals, &latest))
        .collect();
    let mut overdue: Vec<MeasureRow> = plan
        .measures
        .iter()
        .zip(evals)
        .filter(|(_, e)| e.overdue())
        .map(|(m, e)| row(plan, m, e))
        .collect();
    overdue.sort_by_key(|r| std::cmp::Reverse(r.days_overdue));
    let signed_off = entries
        .iter()
        .filter(|l| l.entry.status == Status::SignedOff && Some(l.unit) == plan.office())
        .map(|l| SignOff {
            id: l.entry.measure.clone(),
            title: plan
                .measure(&l.entry.measure)
                .map(|m| m.name())
                .unwrap_or_default(),
            date: l.entry.date,
            by: l.entry.by.clone(),
            note: l.entry.progress.clone(),
        })
        .collect();
    let mut statuses: Vec<(MeasureStatus, usize)> = MeasureStatus::ALL
        .iter()
        .map(|&s| (s, count_status(s)))
        .collect();
    let unknown = count_status(MeasureStatus::Unknown);
    if unknown > 0 {
        statuses.push((MeasureStatus::Unknown, unknown));
    }
    Rollup {
        month: period.month,
        at: period.close,
        dated: period.as_of,
        office: plan.office().map(|o| plan.units.name(o).to_string()),
        plan_title: plan.title.clone(),
        total: evals.len(),
        by_status: statuses,
        by_light: Light::ALL
            .iter()
            .filter(|&&l| l != Light::Unknown || unknown > 0)
            .map(|&l| (l, count_light(l)))
            .collect(),
        problems,
        overdue,
        not_reported,
        signed_off,
    }
}

fn problem_progress(
    plan: &Plan,
    p: &crate::model::Problem,
    evals: &[Evaluation],
    latest: &Latest,
) -> ProblemProgress {
    let highlights = plan
        .measures
        .iter()
        .enumerate()
        .filter(|(_, m)| m.problem == p.number)
        .filter_map(|(i, m)| {
            let l = latest.progress(i)?;
            Some(Highlight {
                id: m.id.0.clone(),
                unit: plan.units.name(l.unit).to_string(),
                date: l.entry.date,
                progress: l.entry.progress.clone(),
            })
        })
        .collect();
    let of: Vec<&Evaluation> = plan
        .measures
        .iter()
        .zip(evals)
        .filter(|(m, _)| m.problem == p.number)
        .map(|(_, e)| e)
        .collect();
    let n = |s: MeasureStatus| of.iter().filter(|e| e.status == s).count();
    ProblemProgress {
        number: p.number,
        title: p.title.clone(),
        measures: of.len(),
        signed_off: n(MeasureStatus::SignedOff),
        done: n(MeasureStatus::Done),
        phased: n(MeasureStatus::Phased),
        in_progress: n(MeasureStatus::InProgress),
        not_started: n(MeasureStatus::NotStarted),
        overdue: of.iter().filter(|e| e.overdue()).count(),
        highlights,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::progress::Progress;
    use crate::views::fixture::{day, fact, plan, time};

    #[test]
    fn a_finished_month_is_judged_the_day_after_it_closes() {
        let p = Period::new(day("2022-07-01"), day("2022-08-05")).expect("begun");
        assert_eq!((p.close, p.judged), (day("2022-07-31"), day("2022-08-01")));
        let p = Period::new(day("2022-07-01"), day("2022-07-20")).expect("begun");
        assert_eq!((p.close, p.judged), (day("2022-07-20"), day("2022-07-20")));
        assert_eq!(Period::new(day("2022-07-01"), day("2022-06-30")), None);
    }

    #[test]
    fn a_milestone_on_the_last_day_unmet_is_overdue_in_that_months_report() {
        let plan = plan();
        let period = Period::new(day("2022-07-01"), day("2022-08-05")).expect("begun");
        let evals = Progress::new(&plan, period.close).evaluations_on(&plan, period.judged);
        // 1.1's first milestone is 2022-07-31.
        assert!(evals[0].overdue());
        assert_eq!(evals[0].days_overdue, 1);
    }

    #[test]
    fn only_what_was_recorded_by_the_viewing_day_is_covered() {
        let plan = plan();
        let period = Period::new(day("2022-07-01"), day("2022-08-05")).expect("begun");
        let on_time = fact(
            &plan,
            "市水务局",
            "1.1",
            "2022-07-20",
            "2022-07-20T10:00",
            Status::Phased,
        );
        let late = fact(
            &plan,
            "市水务局",
            "1.1",
            "2022-07-21",
            "2022-09-01T10:00",
            Status::Done,
        );
        let mut p = Progress::new(&plan, period.close).known_by(period.known_by());
        p.observe(&plan, on_time);
        p.observe(&plan, late);
        let e = p.evaluate(&plan, 0, period.judged);
        assert_eq!(e.status, MeasureStatus::Phased);
        assert!(period.known_by() < time("2022-08-06T00:00"));
    }
}
