//! The dashboard: counts per light, the completion rate, each problem and
//! each lead unit, the overdue measures, and measures done against the
//! milestones falling due over time.

use super::missing::MissingReport;
use super::status::MeasureRow;
use super::summary::month_end;
use crate::model::progress::Light;
use crate::model::{MeasureStatus, Plan, Requirement};
use chrono::{Datelike, NaiveDate};
use std::collections::HashSet;

#[derive(Debug, Clone, PartialEq)]
pub struct ProblemLine {
    pub number: u32,
    pub title: String,
    pub measures: usize,
    pub done: usize,
    pub overdue: usize,
    pub not_reported: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct UnitLine {
    pub unit: String,
    pub led: usize,
    pub overdue: usize,
    pub not_reported: usize,
}

/// One point of the chart, at the end of a month (or the viewing day).
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub date: NaiveDate,
    /// Measures done or signed off by then; None after the viewing day.
    pub done: Option<usize>,
    /// The expected pace: measures whose completion milestone has passed.
    pub expected: usize,
    /// Milestones (of any requirement) dated on or before then.
    pub milestones_due: usize,
}

#[derive(Debug, Clone)]
pub struct Dashboard {
    pub plan_title: String,
    pub as_of: NaiveDate,
    pub total: usize,
    pub by_light: Vec<(Light, usize)>,
    /// Done or signed off.
    pub done: usize,
    /// The reporting deadline `not_reported` counts against, if any.
    pub reporting_due: Option<NaiveDate>,
    pub problems: Vec<ProblemLine>,
    pub units: Vec<UnitLine>,
    /// Most days overdue first.
    pub overdue: Vec<MeasureRow>,
    pub chart: Vec<Point>,
}

impl Dashboard {
    /// Done as a share of all measures, in per cent to one decimal.
    pub fn completion_rate(&self) -> f64 {
        if self.total == 0 {
            return 0.0;
        }
        (self.done as f64 * 1000.0 / self.total as f64).round() / 10.0
    }
}

fn is_done(s: MeasureStatus) -> bool {
    matches!(s, MeasureStatus::Done | MeasureStatus::SignedOff)
}

/// The chart's days: each month's end from the first milestone's month to
/// the last's, and the viewing day; at most five years of months.
pub fn chart_days(plan: &Plan, as_of: NaiveDate) -> Vec<NaiveDate> {
    let dates = plan
        .measures
        .iter()
        .flat_map(|m| m.deadline.milestones.iter().map(|x| x.date));
    let (Some(first), Some(last)) = (dates.clone().min(), dates.max()) else {
        return vec![as_of];
    };
    let mut month = first.min(as_of).with_day0(0).unwrap_or(first);
    let mut out = vec![];
    while month <= last.max(as_of) && out.len() < 60 {
        out.push(month_end(month));
        match month.checked_add_months(chrono::Months::new(1)) {
            Some(n) => month = n,
            None => break,
        }
    }
    out.push(as_of);
    out.sort();
    out.dedup();
    out
}

/// `rows`: every measure on `as_of`; `done_at`: measures done by each of
/// [`chart_days`] up to `as_of`; `missing`: the latest reporting deadline's.
pub fn build(
    plan: &Plan,
    as_of: NaiveDate,
    rows: &[MeasureRow],
    done_at: &[(NaiveDate, usize)],
    missing: Option<&MissingReport>,
) -> Dashboard {
    let silent: HashSet<(&str, &str)> = missing
        .map(|r| {
            r.units
                .iter()
                .flat_map(|u| {
                    u.measures
                        .iter()
                        .map(move |m| (u.unit.as_str(), m.id.as_str()))
                })
                .collect()
        })
        .unwrap_or_default();
    let silent_measures: HashSet<&str> = silent.iter().map(|(_, m)| *m).collect();
    let problems = plan
        .problems
        .iter()
        .map(|p| {
            let of: Vec<&MeasureRow> = rows.iter().filter(|r| r.problem == p.number).collect();
            ProblemLine {
                number: p.number,
                title: p.title.clone(),
                measures: of.len(),
                done: of.iter().filter(|r| is_done(r.status)).count(),
                overdue: of.iter().filter(|r| r.overdue).count(),
                not_reported: of
                    .iter()
                    .filter(|r| silent_measures.contains(r.id.as_str()))
                    .count(),
            }
        })
        .collect();
    let units = plan
        .units
        .iter()
        .filter_map(|(_, u)| {
            let led: Vec<&MeasureRow> = rows.iter().filter(|r| r.lead.contains(&u.name)).collect();
            (!led.is_empty()).then(|| UnitLine {
                unit: u.name.clone(),
                led: led.len(),
                overdue: led.iter().filter(|r| r.overdue).count(),
                not_reported: led
                    .iter()
                    .filter(|r| silent.contains(&(u.name.as_str(), r.id.as_str())))
                    .count(),
            })
        })
        .collect();
    let mut overdue: Vec<MeasureRow> = rows.iter().filter(|r| r.overdue).cloned().collect();
    overdue.sort_by_key(|r| std::cmp::Reverse(r.days_overdue));
    let chart = chart_days(plan, as_of)
        .into_iter()
        .map(|d| Point {
            date: d,
            done: done_at.iter().find(|(x, _)| *x == d).map(|(_, n)| *n),
            expected: plan
                .measures
                .iter()
                .filter(|m| {
                    m.deadline
                        .milestones
                        .iter()
                        .any(|x| x.require == Requirement::Done && x.date <= d)
                })
                .count(),
            milestones_due: plan
                .measures
                .iter()
                .flat_map(|m| &m.deadline.milestones)
                .filter(|x| x.date <= d)
                .count(),
        })
        .collect();
    Dashboard {
        plan_title: plan.title.clone(),
        as_of,
        total: rows.len(),
        by_light: [Light::Red, Light::Yellow, Light::Green, Light::Done]
            .iter()
            .map(|&l| (l, rows.iter().filter(|r| r.light == l).count()))
            .collect(),
        done: rows.iter().filter(|r| is_done(r.status)).count(),
        reporting_due: missing.map(|m| m.due),
        problems,
        units,
        overdue,
        chart,
    }
}
