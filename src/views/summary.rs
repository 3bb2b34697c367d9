//! `summary`: a unit's monthly report (整改情况报告) and the office's roll-up.
//!
//! A month's report covers entries dated in the month; statuses are those
//! at the end of the month (or on the viewing day, if earlier).

use super::status::{MeasureRow, row};
use crate::model::progress::{Evaluation, Light, MilestoneState};
use crate::model::{MeasureStatus, Plan, Status, UnitId};
use crate::read::workspace::{Located, Workspace};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone, Serialize)]
pub struct ReportEntry {
    pub date: NaiveDate,
    pub status: &'static str,
    pub progress: String,
    pub problems: Option<String>,
    pub next: Option<String>,
    pub by: Option<String>,
}

/// A unit's part in a measure, in the notice's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 牵头单位.
    Lead,
    /// 责任单位 that does not lead: 配合.
    Support,
}

impl Role {
    pub fn label(self) -> &'static str {
        match self {
            Role::Lead => "牵头",
            Role::Support => "配合",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportItem {
    pub id: String,
    /// The measure's first clause in full.
    pub title: String,
    pub role: Role,
    pub status: MeasureStatus,
    /// This unit's entries dated in the month; empty: no progress this month.
    pub entries: Vec<ReportEntry>,
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
        require: &'static str,
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
                    require: ms.require.key(),
                });
            }
        }
    }
    out
}

/// A unit's report. `entries` are the unit's progress entries dated in the
/// month; `evals` every measure's evaluation at `at`.
pub fn unit_report(
    plan: &Plan,
    unit: UnitId,
    month: NaiveDate,
    at: NaiveDate,
    dated: NaiveDate,
    entries: &[Located],
    evals: &[Evaluation],
) -> UnitReport {
    let items = plan
        .measures
        .iter()
        .zip(evals)
        .filter(|(m, _)| m.involves(unit))
        .map(|(m, e)| ReportItem {
            id: m.id.0.clone(),
            title: m.name(),
            role: if m.lead.contains(&unit) {
                Role::Lead
            } else {
                Role::Support
            },
            status: e.status,
            entries: entries
                .iter()
                .filter(|l| l.entry.measure == m.id.0 && in_month(l.entry.date, month))
                .map(|l| ReportEntry {
                    date: l.entry.date,
                    status: l.entry.status.key(),
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
        at,
        dated,
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
pub struct Silent {
    pub unit: String,
    pub measures: Vec<String>,
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
    /// Lead units with no entry dated in the month for some measure they lead.
    pub not_reported: Vec<Silent>,
    pub signed_off: Vec<SignOff>,
}

/// The office's roll-up. `entries` are every entry dated in the month.
pub fn rollup(
    ws: &Workspace,
    month: NaiveDate,
    at: NaiveDate,
    dated: NaiveDate,
    entries: &[Located],
    evals: &[Evaluation],
) -> Rollup {
    let plan = &ws.plan;
    let count_status = |s: MeasureStatus| evals.iter().filter(|e| e.status == s).count();
    let count_light = |l: Light| evals.iter().filter(|e| e.light == l).count();
    // Each measure's latest progress entry in the month, found in one pass.
    let mut latest: HashMap<&str, &Located> = HashMap::new();
    for l in entries.iter().filter(|l| l.entry.status.is_progress()) {
        let slot = latest.entry(l.entry.measure.as_str()).or_insert(l);
        if (l.entry.date, l.entry.recorded) >= (slot.entry.date, slot.entry.recorded) {
            *slot = l;
        }
    }
    let problems = plan
        .problems
        .iter()
        .map(|p| {
            let of: Vec<&Evaluation> = plan
                .measures
                .iter()
                .zip(evals)
                .filter(|(m, _)| m.problem == p.number)
                .map(|(_, e)| e)
                .collect();
            let n = |s: MeasureStatus| of.iter().filter(|e| e.status == s).count();
            let highlights = plan
                .measures
                .iter()
                .filter(|m| m.problem == p.number)
                .filter_map(|m| {
                    let l = latest.get(m.id.0.as_str())?;
                    Some(Highlight {
                        id: m.id.0.clone(),
                        unit: ws
                            .unit_of(l)
                            .map(|u| plan.units.name(u).to_string())
                            .unwrap_or_default(),
                        date: l.entry.date,
                        progress: l.entry.progress.clone(),
                    })
                })
                .collect();
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
        })
        .collect();
    let mut overdue: Vec<MeasureRow> = plan
        .measures
        .iter()
        .zip(evals)
        .filter(|(_, e)| e.overdue())
        .map(|(m, e)| row(plan, m, e))
        .collect();
    overdue.sort_by_key(|r| std::cmp::Reverse(r.days_overdue));
    // Who reported on what this month, looked up once per (unit, measure).
    let reported: HashSet<(UnitId, &str)> = entries
        .iter()
        .filter(|l| l.entry.status.is_progress())
        .filter_map(|l| Some((ws.unit_of(l)?, l.entry.measure.as_str())))
        .collect();
    let mut not_reported = Vec::new();
    for (unit, u) in plan.units.iter() {
        let measures: Vec<String> = plan
            .measures
            .iter()
            .zip(evals)
            .filter(|(m, e)| {
                m.lead.contains(&unit)
                    && (e.status != MeasureStatus::SignedOff || m.deadline.ongoing)
            })
            .filter(|(m, _)| !reported.contains(&(unit, m.id.0.as_str())))
            .map(|(m, _)| m.id.0.clone())
            .collect();
        if !measures.is_empty() {
            not_reported.push(Silent {
                unit: u.name.clone(),
                measures,
            });
        }
    }
    let signed_off = entries
        .iter()
        .filter(|l| l.entry.status == Status::SignedOff && ws.unit_of(l) == plan.office())
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
    Rollup {
        month,
        at,
        dated,
        office: plan.office().map(|o| plan.units.name(o).to_string()),
        plan_title: plan.title.clone(),
        total: evals.len(),
        by_status: MeasureStatus::ALL
            .iter()
            .map(|&s| (s, count_status(s)))
            .collect(),
        by_light: [Light::Red, Light::Yellow, Light::Green, Light::Done]
            .iter()
            .map(|&l| (l, count_light(l)))
            .collect(),
        problems,
        overdue,
        not_reported,
        signed_off,
    }
}
