//! `status`: a row per measure on a day.

use crate::model::progress::{Evaluation, Light, Progress};
use crate::model::{Measure, MeasureStatus, Plan, UnitId};
use chrono::NaiveDate;
use serde::Serialize;

/// One measure on a day; also the JSON object of `status`, `overdue` and
/// `deadlines`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct MeasureRow {
    pub id: String,
    pub problem: u32,
    pub title: String,
    /// The first clause in full, for prose.
    pub name: String,
    pub lead: Vec<String>,
    pub responsible: Vec<String>,
    pub deadline: String,
    pub milestones: Vec<NaiveDate>,
    pub ongoing: bool,
    pub status: MeasureStatus,
    pub last_entry: Option<NaiveDate>,
    pub next_milestone: Option<NaiveDate>,
    pub overdue: bool,
    pub days_overdue: i64,
    /// The milestone the measure is overdue for, if any.
    pub overdue_since: Option<NaiveDate>,
    pub light: Light,
    pub entries: usize,
}

/// Which measures to show.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub unit: Option<UnitId>,
    pub problem: Option<u32>,
}

impl Filter {
    pub fn keeps(&self, m: &Measure) -> bool {
        self.unit.is_none_or(|u| m.involves(u)) && self.problem.is_none_or(|p| m.problem == p)
    }
}

pub fn row(plan: &Plan, m: &Measure, e: &Evaluation) -> MeasureRow {
    let names = |ids: &[UnitId]| {
        ids.iter()
            .map(|&u| plan.units.name(u).to_string())
            .collect()
    };
    let date_of = |k: Option<usize>| k.map(|k| m.deadline.milestones[k].date);
    MeasureRow {
        id: m.id.0.clone(),
        problem: m.problem,
        title: m.title(),
        name: m.name(),
        lead: names(&m.lead),
        responsible: names(&m.responsible),
        deadline: m.deadline.text.clone(),
        milestones: m.deadline.milestones.iter().map(|x| x.date).collect(),
        ongoing: m.deadline.ongoing,
        status: e.status,
        last_entry: e.last_entry,
        next_milestone: date_of(e.next_milestone),
        overdue: e.overdue(),
        days_overdue: e.days_overdue,
        overdue_since: date_of(e.overdue_milestone),
        light: e.light,
        entries: e.entries,
    }
}

pub fn build(plan: &Plan, progress: &Progress, filter: &Filter) -> Vec<MeasureRow> {
    plan.measures
        .iter()
        .zip(progress.evaluations(plan))
        .filter(|(m, _)| filter.keeps(m))
        .map(|(m, e)| row(plan, m, &e))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;
    use crate::views::fixture::{day, fact, plan, progress, unit};

    #[test]
    fn rows_carry_the_state_and_the_filter_keeps_a_units_measures() {
        let plan = plan();
        let facts = [fact(
            &plan,
            "市水务局",
            "1.1",
            "2022-07-20",
            "2022-07-20T10:00",
            Status::Phased,
        )];
        let p = progress(&plan, "2022-08-01", &facts);
        let rows = build(&plan, &p, &Filter::default());
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].status, MeasureStatus::Phased);
        assert_eq!(rows[0].light, Light::Green);
        assert_eq!(rows[0].next_milestone, Some(day("2022-12-31")));
        assert_eq!(rows[1].status, MeasureStatus::NotStarted);
        let water = Filter {
            unit: Some(unit(&plan, "市水务局")),
            problem: None,
        };
        let ids: Vec<_> = build(&plan, &p, &water).into_iter().map(|r| r.id).collect();
        assert_eq!(ids, ["1.1"]);
    }

    #[test]
    fn a_broken_ledger_makes_its_measures_unknown_not_unstarted() {
        let plan = plan();
        let mut p = progress(&plan, "2022-09-05", &[]);
        p.mark_broken(&plan, unit(&plan, "市财政局"));
        let rows = build(&plan, &p, &Filter::default());
        // 市财政局 shares 1.1 and leads 1.2: both unknown, never overdue.
        assert!(rows.iter().all(|r| r.status == MeasureStatus::Unknown));
        assert!(rows.iter().all(|r| r.light == Light::Unknown && !r.overdue));
    }
}
