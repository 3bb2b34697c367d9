//! The status rules: folding a measure's entries into its state on a day.
//!
//! - A measure's status on day D is that of its latest entry dated on or
//!   before D (ties: the later `recorded`, then the later line), from any of
//!   its units; with none it is `not_started`. A sign-off makes it
//!   `signed_off` until a later reopen.
//! - Milestone k on date m_k is met on time by a qualifying entry dated after
//!   m_(k-1) and on or before m_k (phased results: `phased` or `done`;
//!   completion: `done` only); a `done` also meets every later milestone,
//!   unless the office reopened the measure before that milestone. Met the
//!   same way after m_k, it was met late.
//! - On day D a milestone is overdue when D is after m_k and no entry dated
//!   on or before D met it; the measure's days overdue count from its
//!   earliest overdue milestone.
//!
//! The fold is incremental ([`Fold::observe`] one entry at a time, in any
//! order), so views can stream ledgers without holding their entries.

use super::correction::{Correctable, CorrectionFacts, EntryId};
use super::deadline::{Deadline, Requirement};
use super::entry::{Located, Origin};
use super::plan::Plan;
use super::status::{MeasureStatus, Status};
use super::unit::UnitId;
use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

/// The facts of one entry that the rules need.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Record {
    pub date: NaiveDate,
    pub recorded: NaiveDateTime,
    pub status: Status,
    /// Tie-break among entries of the same date and time: file, then line.
    pub order: u64,
}

impl Record {
    fn key(&self) -> (NaiveDate, NaiveDateTime, u64) {
        (self.date, self.recorded, self.order)
    }
}

/// A traffic light.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Light {
    Red,
    Yellow,
    Green,
    Done,
    /// The measure's state is not known: a ledger it depends on is broken.
    Unknown,
}

impl Light {
    /// Every light, in the order reports list them.
    pub const ALL: [Light; 5] = [
        Light::Red,
        Light::Yellow,
        Light::Green,
        Light::Done,
        Light::Unknown,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Light::Red => "red",
            Light::Yellow => "yellow",
            Light::Green => "green",
            Light::Done => "done",
            Light::Unknown => "unknown",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Light::Red => "红灯",
            Light::Yellow => "黄灯",
            Light::Green => "绿灯",
            Light::Done => "完成",
            Light::Unknown => "台账有误",
        }
    }
}

/// Where one milestone stands on the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "state")]
pub enum MilestoneState {
    /// Met on or before its date.
    Met,
    /// Met after its date, first on this day.
    MetLate { on: NaiveDate },
    /// Past and unmet.
    Overdue { days: i64 },
    /// Still ahead and unmet.
    Pending { days_left: i64 },
}

/// A measure's state on a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    pub status: MeasureStatus,
    /// Date of the latest progress entry on or before the day.
    pub last_entry: Option<NaiveDate>,
    pub milestones: Vec<MilestoneState>,
    /// The first unmet milestone on or after the day.
    pub next_milestone: Option<usize>,
    /// The earliest overdue milestone.
    pub overdue_milestone: Option<usize>,
    pub days_overdue: i64,
    pub light: Light,
    /// Entries on or before the day.
    pub entries: usize,
}

impl Evaluation {
    pub fn overdue(&self) -> bool {
        self.overdue_milestone.is_some()
    }

    /// The same evaluation with its status and light unknown: what a broken
    /// ledger may have said is not known, so neither is the state.
    pub fn unknown(self) -> Evaluation {
        Evaluation {
            status: MeasureStatus::Unknown,
            light: Light::Unknown,
            overdue_milestone: None,
            days_overdue: 0,
            ..self
        }
    }
}

/// Incremental state of one measure.
#[derive(Debug, Clone, Default)]
pub struct Fold {
    latest: Option<Record>,
    seal: Option<Record>,
    on_time: Vec<bool>,
    late: Vec<Option<NaiveDate>>,
    dones: Vec<NaiveDate>,
    reopens: Vec<NaiveDate>,
    entries: usize,
}

fn qualifies(status: Status, require: Requirement) -> bool {
    match require {
        Requirement::Phased => matches!(status, Status::Phased | Status::Done),
        Requirement::Done => status == Status::Done,
    }
}

impl Fold {
    pub fn new(deadline: &Deadline) -> Fold {
        let n = deadline.milestones.len();
        Fold {
            on_time: vec![false; n],
            late: vec![None; n],
            ..Fold::default()
        }
    }

    /// Takes one entry into account; entries after `as_of` are ignored.
    pub fn observe(&mut self, deadline: &Deadline, r: Record, as_of: NaiveDate) {
        if r.date > as_of {
            return;
        }
        if r.status == Status::Withdrawn {
            return;
        }
        self.entries += 1;
        match r.status {
            Status::SignedOff | Status::Reopened => {
                if r.status == Status::Reopened {
                    self.reopens.push(r.date);
                }
                if self.seal.is_none_or(|s| r.key() > s.key()) {
                    self.seal = Some(r);
                }
                return;
            }
            _ => {}
        }
        if self.latest.is_none_or(|l| r.key() > l.key()) {
            self.latest = Some(r);
        }
        if r.status == Status::Done {
            self.dones.push(r.date);
        }
        for (k, m) in deadline.milestones.iter().enumerate() {
            if !qualifies(r.status, m.require) {
                continue;
            }
            let after_start = deadline.window_start(k).is_none_or(|s| r.date > s);
            if r.date <= m.date {
                if after_start {
                    self.on_time[k] = true;
                }
            } else if self.late[k].is_none_or(|l| r.date < l) {
                self.late[k] = Some(r.date);
            }
        }
    }

    /// Combines the folds of two disjoint sets of entries.
    pub fn merge(&mut self, other: Fold) {
        if let Some(r) = other.latest
            && self.latest.is_none_or(|l| r.key() > l.key())
        {
            self.latest = Some(r);
        }
        if let Some(r) = other.seal
            && self.seal.is_none_or(|s| r.key() > s.key())
        {
            self.seal = Some(r);
        }
        for (a, b) in self.on_time.iter_mut().zip(other.on_time) {
            *a |= b;
        }
        for (a, b) in self.late.iter_mut().zip(other.late) {
            *a = match (*a, b) {
                (Some(x), Some(y)) => Some(x.min(y)),
                (x, y) => x.or(y),
            };
        }
        self.dones.extend(other.dones);
        self.reopens.extend(other.reopens);
        self.entries += other.entries;
    }

    /// A done dated before milestone `k`'s window that still counts for it.
    fn carried_done(&self, deadline: &Deadline, k: usize) -> bool {
        let Some(start) = deadline.window_start(k) else {
            return false;
        };
        let m = deadline.milestones[k].date;
        self.dones
            .iter()
            .any(|&d| d <= start && !self.reopens.iter().any(|&r| r >= d && r <= m))
    }

    pub fn evaluate(&self, deadline: &Deadline, as_of: NaiveDate, warning_days: u32) -> Evaluation {
        let mut states = Vec::with_capacity(deadline.milestones.len());
        let mut next = None;
        let mut overdue = None;
        for (k, m) in deadline.milestones.iter().enumerate() {
            let state = if self.on_time[k] || self.carried_done(deadline, k) {
                MilestoneState::Met
            } else if let Some(on) = self.late[k] {
                MilestoneState::MetLate { on }
            } else if as_of > m.date {
                if overdue.is_none() {
                    overdue = Some(k);
                }
                MilestoneState::Overdue {
                    days: (as_of - m.date).num_days(),
                }
            } else {
                if next.is_none() {
                    next = Some(k);
                }
                MilestoneState::Pending {
                    days_left: (m.date - as_of).num_days(),
                }
            };
            states.push(state);
        }
        let reopened_after_latest = match (self.seal, self.latest) {
            (Some(s), Some(l)) => s.status == Status::Reopened && s.key() > l.key(),
            (Some(s), None) => s.status == Status::Reopened,
            _ => false,
        };
        let status = if self.seal.is_some_and(|s| s.status == Status::SignedOff) {
            MeasureStatus::SignedOff
        } else if reopened_after_latest {
            MeasureStatus::InProgress
        } else {
            match self.latest.map(|l| l.status) {
                None => MeasureStatus::NotStarted,
                Some(Status::Phased) => MeasureStatus::Phased,
                Some(Status::Done) => MeasureStatus::Done,
                Some(_) => MeasureStatus::InProgress,
            }
        };
        let days_overdue = match overdue {
            Some(k) => (as_of - deadline.milestones[k].date).num_days(),
            None => 0,
        };
        let light = if matches!(status, MeasureStatus::Done | MeasureStatus::SignedOff) {
            Light::Done
        } else if overdue.is_some() {
            Light::Red
        } else if next.is_some_and(|k| {
            (deadline.milestones[k].date - as_of).num_days() <= warning_days as i64
        }) {
            Light::Yellow
        } else {
            Light::Green
        };
        Evaluation {
            status,
            last_entry: self.latest.map(|l| l.date),
            milestones: states,
            next_milestone: next,
            overdue_milestone: overdue,
            days_overdue,
            light,
            entries: self.entries,
        }
    }
}

/// The facts of one ledger entry, as the workspace streams them.
#[derive(Debug, Clone, Copy)]
pub struct Fact {
    pub unit: UnitId,
    /// Index into `plan.measures`.
    pub measure: usize,
    pub date: NaiveDate,
    pub recorded: NaiveDateTime,
    /// When the report was first filed: `recorded`, or for an amendment the
    /// filing time of the entry it replaces (see [`super::correction`]).
    pub filed: NaiveDateTime,
    pub status: Status,
    pub origin: Origin,
    pub replaces: Option<EntryId>,
}

impl Fact {
    /// The facts of a located entry of measure `i`.
    pub fn of_located(l: &Located, i: usize) -> Fact {
        Fact {
            unit: l.unit,
            measure: i,
            date: l.entry.date,
            recorded: l.entry.recorded,
            filed: l.entry.recorded,
            status: l.entry.status,
            origin: l.origin,
            replaces: l.entry.replaces,
        }
    }
}

impl Correctable for Fact {
    fn facts(&self) -> CorrectionFacts {
        CorrectionFacts {
            replaces: self.replaces,
            status: self.status,
            recorded: self.recorded,
            date: self.date,
        }
    }
    fn inherit_filed(&mut self, filed: NaiveDateTime) {
        self.filed = self.filed.min(filed);
    }
    fn filed(&self) -> NaiveDateTime {
        self.filed
    }
}

/// Every measure of a plan folded as of a day, with entries per unit and
/// the measures whose state is unknown because a ledger they depend on is
/// broken.
#[derive(Debug, Clone)]
pub struct Progress {
    /// Indexed like `plan.measures`.
    pub folds: Vec<Fold>,
    /// Indexed like `plan.measures`: a broken ledger could count toward it.
    pub unknown: Vec<bool>,
    /// Entries per unit (all dates), indexed like `plan.units`.
    pub entries_by_unit: Vec<usize>,
    /// Entries dated after this day are not counted.
    pub as_of: NaiveDate,
    /// Entries recorded after this time are not known (a period report
    /// uses only what was recorded by its viewing day).
    pub known_by: Option<NaiveDateTime>,
}

impl Progress {
    pub fn new(plan: &Plan, as_of: NaiveDate) -> Progress {
        Progress {
            folds: plan
                .measures
                .iter()
                .map(|m| Fold::new(&m.deadline))
                .collect(),
            unknown: vec![false; plan.measures.len()],
            entries_by_unit: vec![0; plan.units.len()],
            as_of,
            known_by: None,
        }
    }

    /// The same, ignoring entries recorded after `t`.
    pub fn known_by(self, t: NaiveDateTime) -> Progress {
        Progress {
            known_by: Some(t),
            ..self
        }
    }

    /// Takes one entry into account, if it counts for its measure.
    pub fn observe(&mut self, plan: &Plan, f: Fact) {
        let m = &plan.measures[f.measure];
        if !plan.counts(f.unit, m, f.status) || self.known_by.is_some_and(|t| f.recorded > t) {
            return;
        }
        let record = Record {
            date: f.date,
            recorded: f.recorded,
            status: f.status,
            order: f.origin.order(),
        };
        self.folds[f.measure].observe(&m.deadline, record, self.as_of);
    }

    /// This (empty) progress with `facts` folded in, the measures of the
    /// `broken` units' ledgers unknown: for views that read the facts once
    /// and fold them for several days.
    pub fn folded(mut self, plan: &Plan, facts: &[Fact], broken: &[UnitId]) -> Progress {
        for f in facts {
            self.observe(plan, *f);
        }
        for &u in broken {
            self.mark_broken(plan, u);
        }
        self
    }

    /// Marks every measure that `unit`'s broken ledger could count toward.
    pub fn mark_broken(&mut self, plan: &Plan, unit: UnitId) {
        for (flag, m) in self.unknown.iter_mut().zip(&plan.measures) {
            *flag |= plan.could_count(unit, m);
        }
    }

    /// Combines the progress of two disjoint sets of ledgers.
    pub fn merge(&mut self, other: Progress) {
        for (x, y) in self.folds.iter_mut().zip(other.folds) {
            x.merge(y);
        }
        for (x, y) in self.unknown.iter_mut().zip(other.unknown) {
            *x |= y;
        }
        for (x, y) in self.entries_by_unit.iter_mut().zip(other.entries_by_unit) {
            *x += y;
        }
    }

    /// Measure `i` evaluated on `day` (normally `as_of`; a period report
    /// judges on the day after the period's close).
    pub fn evaluate(&self, plan: &Plan, i: usize, day: NaiveDate) -> Evaluation {
        let m = &plan.measures[i];
        let e = self.folds[i].evaluate(&m.deadline, day, plan.reporting.warning_days);
        if self.unknown[i] { e.unknown() } else { e }
    }

    /// One measure's progress from its entries (those that do not count
    /// for it are skipped), with the units whose ledgers are broken.
    pub fn of_measure(
        plan: &Plan,
        i: usize,
        entries: &[Located],
        broken: &[UnitId],
        as_of: NaiveDate,
    ) -> Progress {
        let mut p = Progress::new(plan, as_of);
        for l in entries {
            p.observe(plan, Fact::of_located(l, i));
        }
        for &u in broken {
            if plan.could_count(u, &plan.measures[i]) {
                p.unknown[i] = true;
            }
        }
        p
    }

    /// Every measure's evaluation on `as_of`, in plan order.
    pub fn evaluations(&self, plan: &Plan) -> Vec<Evaluation> {
        self.evaluations_on(plan, self.as_of)
    }

    /// Every measure's evaluation on `day`, in plan order.
    pub fn evaluations_on(&self, plan: &Plan, day: NaiveDate) -> Vec<Evaluation> {
        (0..plan.measures.len())
            .map(|i| self.evaluate(plan, i, day))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::deadline::Milestone;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn deadline(ms: &[(&str, Requirement)], ongoing: bool) -> Deadline {
        Deadline {
            text: String::new(),
            milestones: ms
                .iter()
                .map(|(date, require)| Milestone {
                    date: d(date),
                    require: *require,
                })
                .collect(),
            ongoing,
            ..Deadline::default()
        }
    }

    fn rec(date: &str, status: Status, order: u64) -> Record {
        Record {
            date: d(date),
            recorded: d(date).and_hms_opt(12, 0, 0).unwrap(),
            status,
            order,
        }
    }

    fn eval(dl: &Deadline, records: &[Record], as_of: &str) -> Evaluation {
        let mut f = Fold::new(dl);
        for r in records {
            f.observe(dl, *r, d(as_of));
        }
        f.evaluate(dl, d(as_of), 15)
    }

    use Requirement::{Done as Complete, Phased};

    #[test]
    fn no_entries_is_not_started_and_overdue_the_day_after() {
        let dl = deadline(&[("2022-06-30", Phased)], true);
        let on_day = eval(&dl, &[], "2022-06-30");
        assert_eq!(on_day.status, MeasureStatus::NotStarted);
        assert!(!on_day.overdue());
        assert_eq!(on_day.light, Light::Yellow);
        let next_day = eval(&dl, &[], "2022-07-01");
        assert!(next_day.overdue());
        assert_eq!(next_day.days_overdue, 1);
        assert_eq!(next_day.light, Light::Red);
        assert_eq!(next_day.next_milestone, None);
    }

    #[test]
    fn status_is_latest_entry_on_or_before_the_day() {
        let dl = deadline(&[("2022-12-31", Phased)], true);
        let rs = [
            rec("2022-07-05", Status::InProgress, 1),
            rec("2022-08-05", Status::Phased, 2),
            rec("2022-09-05", Status::InProgress, 3),
        ];
        assert_eq!(
            eval(&dl, &rs, "2022-07-04").status,
            MeasureStatus::NotStarted
        );
        assert_eq!(
            eval(&dl, &rs, "2022-07-05").status,
            MeasureStatus::InProgress
        );
        assert_eq!(eval(&dl, &rs, "2022-08-31").status, MeasureStatus::Phased);
        let sept = eval(&dl, &rs, "2022-09-30");
        assert_eq!(sept.status, MeasureStatus::InProgress);
        assert_eq!(sept.last_entry, Some(d("2022-09-05")));
        // Order of observation does not matter.
        let reversed: Vec<Record> = rs.iter().rev().copied().collect();
        assert_eq!(eval(&dl, &reversed, "2022-09-30"), sept);
    }

    #[test]
    fn same_day_ties_go_to_the_later_recording() {
        let dl = deadline(&[("2022-12-31", Phased)], false);
        let mut a = rec("2022-07-05", Status::Done, 1);
        let mut b = rec("2022-07-05", Status::InProgress, 2);
        a.recorded = d("2022-07-06").and_hms_opt(9, 0, 0).unwrap();
        b.recorded = d("2022-07-05").and_hms_opt(9, 0, 0).unwrap();
        assert_eq!(eval(&dl, &[b, a], "2022-07-31").status, MeasureStatus::Done);
    }

    #[test]
    fn phased_milestone_met_in_its_window_only() {
        let dl = deadline(&[("2022-06-30", Phased), ("2022-12-31", Phased)], false);
        // A phased entry before the first milestone meets only the first.
        let e = eval(&dl, &[rec("2022-06-20", Status::Phased, 1)], "2023-01-01");
        assert_eq!(e.milestones[0], MilestoneState::Met);
        assert_eq!(e.milestones[1], MilestoneState::Overdue { days: 1 });
        assert_eq!(e.days_overdue, 1);
        // In progress meets nothing.
        let e = eval(
            &dl,
            &[rec("2022-06-20", Status::InProgress, 1)],
            "2022-07-10",
        );
        assert_eq!(e.milestones[0], MilestoneState::Overdue { days: 10 });
        assert_eq!(e.next_milestone, Some(1));
    }

    #[test]
    fn met_late_is_not_overdue() {
        let dl = deadline(&[("2022-06-30", Phased), ("2022-12-31", Phased)], false);
        let rs = [rec("2022-07-15", Status::Phased, 1)];
        let before = eval(&dl, &rs, "2022-07-14");
        assert_eq!(before.days_overdue, 14);
        let after = eval(&dl, &rs, "2022-07-15");
        assert_eq!(
            after.milestones[0],
            MilestoneState::MetLate {
                on: d("2022-07-15")
            }
        );
        assert!(!after.overdue());
        // The same entry also falls in the second window, so it meets it.
        assert_eq!(after.milestones[1], MilestoneState::Met);
    }

    #[test]
    fn completion_needs_done() {
        let dl = deadline(&[("2022-07-31", Complete)], false);
        let e = eval(&dl, &[rec("2022-07-20", Status::Phased, 1)], "2022-08-01");
        assert!(e.overdue());
        let e = eval(&dl, &[rec("2022-07-20", Status::Done, 1)], "2022-08-01");
        assert!(!e.overdue());
        assert_eq!(e.status, MeasureStatus::Done);
        assert_eq!(e.light, Light::Done);
    }

    #[test]
    fn done_meets_every_later_milestone() {
        let dl = deadline(
            &[
                ("2022-06-30", Phased),
                ("2022-09-30", Phased),
                ("2022-11-30", Phased),
            ],
            false,
        );
        let e = eval(&dl, &[rec("2022-06-01", Status::Done, 1)], "2022-12-15");
        assert!(e.milestones.iter().all(|m| *m == MilestoneState::Met));
        // Unless the office reopened it in between.
        let rs = [
            rec("2022-06-01", Status::Done, 1),
            rec("2022-08-01", Status::Reopened, 2),
        ];
        let e = eval(&dl, &rs, "2022-12-15");
        assert_eq!(e.milestones[0], MilestoneState::Met);
        assert_eq!(e.milestones[1], MilestoneState::Overdue { days: 76 });
        assert_eq!(e.status, MeasureStatus::InProgress);
    }

    #[test]
    fn merging_equals_observing_together() {
        let dl = deadline(&[("2022-06-30", Phased), ("2022-12-31", Complete)], true);
        let a = [
            rec("2022-06-20", Status::Phased, 1),
            rec("2023-01-05", Status::Done, 2),
        ];
        let b = [
            rec("2022-08-01", Status::InProgress, 3),
            rec("2022-08-02", Status::Reopened, 4),
        ];
        let mut fa = Fold::new(&dl);
        let mut fb = Fold::new(&dl);
        let mut all = Fold::new(&dl);
        let as_of = d("2023-02-01");
        for r in a {
            fa.observe(&dl, r, as_of);
            all.observe(&dl, r, as_of);
        }
        for r in b {
            fb.observe(&dl, r, as_of);
            all.observe(&dl, r, as_of);
        }
        fa.merge(fb);
        assert_eq!(fa.evaluate(&dl, as_of, 15), all.evaluate(&dl, as_of, 15));
        assert_eq!(
            all.evaluate(&dl, as_of, 15).milestones[1],
            MilestoneState::MetLate {
                on: d("2023-01-05")
            }
        );
    }

    #[test]
    fn light_turns_yellow_within_the_warning_window() {
        let dl = deadline(&[("2022-07-31", Phased)], true);
        assert_eq!(eval(&dl, &[], "2022-07-15").light, Light::Green);
        assert_eq!(eval(&dl, &[], "2022-07-16").light, Light::Yellow);
        assert_eq!(eval(&dl, &[], "2022-07-31").light, Light::Yellow);
        assert_eq!(eval(&dl, &[], "2022-08-01").light, Light::Red);
    }

    #[test]
    fn sign_off_holds_until_reopened() {
        let dl = deadline(&[("2022-07-31", Complete)], false);
        let rs = [
            rec("2022-07-20", Status::Done, 1),
            rec("2022-07-25", Status::SignedOff, 2),
        ];
        let e = eval(&dl, &rs, "2022-08-01");
        assert_eq!(e.status, MeasureStatus::SignedOff);
        assert_eq!(e.light, Light::Done);
        assert_eq!(e.last_entry, Some(d("2022-07-20")));
        let mut rs = rs.to_vec();
        rs.push(rec("2022-07-28", Status::Reopened, 3));
        let e = eval(&dl, &rs, "2022-08-01");
        assert_eq!(e.status, MeasureStatus::InProgress);
        assert_eq!(e.light, Light::Green);
    }
}
