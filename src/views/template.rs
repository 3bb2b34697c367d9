//! The monthly report form of one unit (`rectify template`): a row per
//! measure the unit leads or shares, with what rectify knows of it (its
//! text, the unit's role, the deadline, where it stands and what was last
//! reported) and the cells the unit fills in.

use super::ledger::Latest;
use crate::model::plan::days_in_month;
use crate::model::progress::{Light, Progress};
use crate::model::report_form::{Role, identity};
use crate::model::{MeasureStatus, Plan, UnitId};
use chrono::{Datelike, NaiveDate};

/// What the unit last reported on a measure (any of its units).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastProgress {
    pub date: NaiveDate,
    pub progress: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateRow {
    pub id: String,
    pub text: String,
    pub role: Role,
    pub deadline: String,
    pub status: MeasureStatus,
    pub light: Light,
    pub last: Option<LastProgress>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub plan_title: String,
    /// The plan's identity ([`identity`]), recorded in the hidden sheet.
    pub identity: String,
    pub unit: String,
    /// The month reported on, as its first day.
    pub month: NaiveDate,
    /// The date a row takes when its 日期 is left empty: the month's last day.
    pub default_date: NaiveDate,
    /// The day the current status and light are as of.
    pub as_of: NaiveDate,
    pub rows: Vec<TemplateRow>,
}

/// The last day of the month that starts on `month`.
pub fn month_end(month: NaiveDate) -> NaiveDate {
    month.with_day(days_in_month(month)).unwrap_or(month)
}

/// The form for `unit` and `month`, with statuses from `progress` and the
/// latest reported progress from `latest`.
pub fn build(
    plan: &Plan,
    unit: UnitId,
    month: NaiveDate,
    progress: &Progress,
    latest: &Latest,
) -> Template {
    let rows = plan
        .measures
        .iter()
        .zip(progress.evaluations(plan))
        .enumerate()
        .filter(|(_, (m, _))| m.involves(unit))
        .map(|(i, (m, e))| TemplateRow {
            id: m.id.0.clone(),
            text: m.text.clone(),
            role: if m.lead.contains(&unit) {
                Role::Lead
            } else {
                Role::Shares
            },
            deadline: m.deadline.text.clone(),
            status: e.status,
            light: e.light,
            last: latest.progress(i).map(|l| LastProgress {
                date: l.entry.date,
                progress: l.entry.progress.clone(),
            }),
        })
        .collect();
    Template {
        plan_title: plan.title.clone(),
        identity: identity(plan),
        unit: plan.units.name(unit).to_string(),
        month,
        default_date: month_end(month),
        as_of: progress.as_of,
        rows,
    }
}

/// The units a form is made for by `template --all`: every unit that
/// leads or shares a measure.
pub fn units_with_measures(plan: &Plan) -> Vec<UnitId> {
    plan.units
        .iter()
        .map(|(id, _)| id)
        .filter(|&u| plan.measures.iter().any(|m| m.involves(u)))
        .collect()
}

/// The month a form is for when none is named: the month just ended while
/// its report is still due (on or before the reporting day), else the
/// current month.
pub fn default_month(plan: &Plan, today: NaiveDate) -> NaiveDate {
    let this = today.with_day(1).unwrap_or(today);
    if today.day() <= plan.reporting.day {
        this.checked_sub_months(chrono::Months::new(1))
            .unwrap_or(this)
    } else {
        this
    }
}
