//! The audit (`rectify check`): named pure checks over the plan and every
//! ledger, run in the order of [`Check::ALL`], each returning findings with
//! file:line, severity, what is wrong and how to fix it.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::admission::{Breach, StatusWalk, entry_breaches, entry_key};
use crate::model::correction::{self, Correctable, CorrectionFacts, Unapplied};
use crate::model::{Entry, EntryId, Plan, Status, UnitId};
use crate::read::ledger_name;
use crate::read::workspace::correction_fault;
use crate::views::missing;
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::Serialize;
use std::collections::HashMap;

/// One entry as the audit keeps it: its facts, the rules it breaks on its
/// own, which optional texts are empty, and its key for duplicates. The
/// texts themselves are not kept, so a million entries fit in memory.
#[derive(Debug, Clone)]
pub struct Audited {
    pub line: usize,
    pub date: NaiveDate,
    pub recorded: NaiveDateTime,
    pub status: Status,
    /// The measure's index in the plan, or the id as written when it names
    /// no measure.
    pub measure: Result<u32, Box<str>>,
    /// The admission rules the entry breaks on its own (none: no allocation).
    pub breaches: Box<[Breach]>,
    /// Bit k: the k-th of [`Entry::optional_texts`] is present but empty.
    pub empty_texts: u8,
    /// [`entry_key`]: equal for the same entry written twice.
    pub key: u64,
    /// The entry this one corrects.
    pub replaces: Option<EntryId>,
    /// The day first filed (an amendment: when the entry it corrects was);
    /// a day, not a time, to keep the record small.
    pub filed: NaiveDate,
}

impl Audited {
    /// The audit's record of an entry at `line`, checked on `today`.
    pub fn of(plan: &Plan, line: usize, e: &Entry, today: NaiveDate) -> Audited {
        let mut empty_texts = 0;
        for (k, (_, value)) in e.optional_texts().iter().enumerate() {
            if value.as_ref().is_some_and(|v| v.trim().is_empty()) {
                empty_texts |= 1 << k;
            }
        }
        Audited {
            line,
            date: e.date,
            recorded: e.recorded,
            status: e.status,
            measure: plan
                .measure_index(&e.measure)
                .map(|i| i as u32)
                .ok_or_else(|| e.measure.as_str().into()),
            breaches: entry_breaches(plan, e, today).into_boxed_slice(),
            empty_texts,
            key: entry_key(e),
            replaces: e.replaces,
            filed: e.recorded.date(),
        }
    }

    /// The entry's stable id.
    pub fn id(&self, plan: &Plan) -> EntryId {
        let measure = match &self.measure {
            Ok(i) => plan.measures[*i as usize].id.0.as_str(),
            Err(written) => written,
        };
        EntryId::of(measure, self.date, self.status, self.recorded)
    }
}

impl Correctable for Audited {
    fn facts(&self) -> CorrectionFacts {
        CorrectionFacts {
            replaces: self.replaces,
            status: self.status,
            recorded: self.recorded,
            date: self.date,
        }
    }
    fn inherit_filed(&mut self, filed: NaiveDateTime) {
        self.filed = self.filed.min(filed.date());
    }
    fn filed(&self) -> NaiveDateTime {
        self.filed.and_time(chrono::NaiveTime::MIN)
    }
}

/// One ledger as the audit sees it.
pub struct AuditLedger {
    pub display: String,
    pub unit: UnitId,
    pub entries: Result<Vec<Audited>, Diagnostic>,
    /// A torn tail (an append cut short) left out of `entries`.
    pub torn: Option<Diagnostic>,
    /// Corrections (placed by line) that name no current earlier entry of
    /// the ledger; `entries` is the ledger as corrected.
    pub dangling: Vec<Unapplied<usize>>,
}

impl AuditLedger {
    /// The audit's view of one ledger read as `entries` (in file order):
    /// corrected, with the corrections that name nothing kept aside.
    pub fn corrected(
        plan: &Plan,
        display: String,
        unit: UnitId,
        entries: Result<Vec<Audited>, Diagnostic>,
        torn: Option<Diagnostic>,
    ) -> AuditLedger {
        let mut dangling = Vec::new();
        let entries = entries.map(|mut v| {
            dangling = correction::apply(&mut v, None, |e| e.id(plan), |e| e.line).1;
            v.shrink_to_fit();
            v
        });
        AuditLedger {
            display,
            unit,
            entries,
            torn,
            dangling,
        }
    }
}

/// Everything the checks look at.
pub struct Audit<'a> {
    pub plan: &'a Plan,
    pub plan_file: String,
    pub ledgers: Vec<AuditLedger>,
    /// Files in `reports/` that are not a unit's ledger.
    pub strays: Vec<Diagnostic>,
    /// Side files rectify left (torn tails moved aside, backups).
    pub leftovers: Vec<String>,
    pub as_of: NaiveDate,
}

/// An entry with the ledger it is in.
struct At<'a> {
    ledger: &'a AuditLedger,
    entry: &'a Audited,
}

impl At<'_> {
    fn place(&self) -> String {
        format!("{}:{}", self.ledger.display, self.entry.line)
    }
}

impl Audit<'_> {
    fn entries(&self) -> impl Iterator<Item = At<'_>> {
        self.ledgers.iter().flat_map(|l| {
            l.entries
                .as_ref()
                .map(|v| v.as_slice())
                .unwrap_or(&[])
                .iter()
                .map(move |entry| At { ledger: l, entry })
        })
    }

    fn is_office(&self, l: &AuditLedger) -> bool {
        self.plan.office() == Some(l.unit)
    }

    /// The entry's measure, if it names one of the plan.
    fn measure(&self, e: &At) -> Option<usize> {
        e.entry.measure.as_ref().ok().map(|&i| i as usize)
    }

    /// Whether an entry counts toward its measure (the plan's one rule).
    fn counts(&self, e: &At) -> bool {
        self.measure(e).is_some_and(|i| {
            self.plan
                .counts(e.ledger.unit, &self.plan.measures[i], e.entry.status)
        })
    }

    /// The ledger of `unit`, if it exists.
    fn ledger_of(&self, unit: UnitId) -> Option<&AuditLedger> {
        self.ledgers.iter().find(|l| l.unit == unit)
    }
}

fn at(a: &At, severity: Severity, message: String, help: &str) -> Diagnostic {
    let d = Diagnostic {
        severity,
        file: Some(a.ledger.display.clone()),
        line: Some(a.entry.line),
        message,
        help: None,
    };
    if help.is_empty() { d } else { d.help(help) }
}

/// A broken admission rule as a finding at the entry.
fn breach_at(a: &At, b: &Breach) -> Diagnostic {
    at(a, Severity::Error, b.message(), &b.help())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Check {
    LedgerSyntax,
    Correction,
    StrayLedger,
    UnknownMeasure,
    UnassignedUnit,
    SignoffNotByOffice,
    FutureDate,
    BeforePlanYear,
    DateAfterRecorded,
    EmptyText,
    Duplicate,
    StatusOrder,
    NoEntries,
    SkippedMonth,
}

#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub check: Check,
    #[serde(flatten)]
    pub diagnostic: Diagnostic,
}

impl Finding {
    pub fn is_error(&self) -> bool {
        self.diagnostic.severity == Severity::Error
    }
}

impl Check {
    pub const ALL: [Check; 14] = [
        Check::LedgerSyntax,
        Check::Correction,
        Check::StrayLedger,
        Check::UnknownMeasure,
        Check::UnassignedUnit,
        Check::SignoffNotByOffice,
        Check::FutureDate,
        Check::BeforePlanYear,
        Check::DateAfterRecorded,
        Check::EmptyText,
        Check::Duplicate,
        Check::StatusOrder,
        Check::NoEntries,
        Check::SkippedMonth,
    ];

    pub fn run(self, a: &Audit) -> Vec<Diagnostic> {
        match self {
            Check::LedgerSyntax => ledger_syntax(a),
            Check::Correction => correction_target(a),
            Check::StrayLedger => stray_ledger(a),
            Check::UnknownMeasure => unknown_measure(a),
            Check::UnassignedUnit => unassigned_unit(a),
            Check::SignoffNotByOffice => signoff_not_by_office(a),
            Check::FutureDate => future_date(a),
            Check::BeforePlanYear => before_plan_year(a),
            Check::DateAfterRecorded => date_after_recorded(a),
            Check::EmptyText => empty_text(a),
            Check::Duplicate => duplicate(a),
            Check::StatusOrder => status_order(a),
            Check::NoEntries => no_entries(a),
            Check::SkippedMonth => skipped_month(a),
        }
    }

    /// [`Check::run`], each finding handed to `f` as it is made (the
    /// history check can make one per entry).
    pub fn run_each(self, a: &Audit, f: &mut dyn FnMut(Diagnostic)) {
        match self {
            Check::StatusOrder => status_order_each(a, f),
            _ => self.run(a).into_iter().for_each(f),
        }
    }
}

/// Runs every check in order.
pub fn audit(a: &Audit) -> Vec<Finding> {
    let mut out = Vec::new();
    audit_each(a, |f| out.push(f));
    out
}

/// [`audit`], each finding handed to `f` in the same order as its check
/// makes it, so a caller that writes them out need not hold them all.
pub fn audit_each(a: &Audit, mut f: impl FnMut(Finding)) {
    for check in Check::ALL {
        check.run_each(a, &mut |diagnostic| f(Finding { check, diagnostic }));
    }
}

fn ledger_syntax(a: &Audit) -> Vec<Diagnostic> {
    a.ledgers
        .iter()
        .filter_map(|l| l.entries.as_ref().err().or(l.torn.as_ref()).cloned())
        .collect()
}

/// Corrections that name no current earlier entry of their own ledger.
fn correction_target(a: &Audit) -> Vec<Diagnostic> {
    a.ledgers
        .iter()
        .flat_map(|l| {
            l.dangling
                .iter()
                .map(|u| correction_fault(&l.display, u, Severity::Error))
        })
        .collect()
}

fn stray_ledger(a: &Audit) -> Vec<Diagnostic> {
    let leftovers = a.leftovers.iter().map(|name| {
        Diagnostic::warning("rectify 移到一旁的残缺记录或备份,未计入台账")
            .at(name.clone(), None)
            .help("核对其中的内容;需要的记录用 rectify log 重新记录,然后删除此文件")
    });
    a.strays.iter().cloned().chain(leftovers).collect()
}

fn unknown_measure(a: &Audit) -> Vec<Diagnostic> {
    a.entries()
        .filter_map(|e| {
            let id = e.entry.measure.as_ref().err()?;
            let near: Vec<String> = a
                .plan
                .nearest_ids(id, 3)
                .iter()
                .map(|i| i.0.clone())
                .collect();
            Some(at(
                &e,
                Severity::Error,
                format!("措施编号“{id}”不在计划中"),
                &format!(
                    "相近的有: {};若是记错了措施,用 rectify withdraw {} 撤回这条记录,再记入正确的措施",
                    near.join("、"),
                    e.entry.id(a.plan)
                ),
            ))
        })
        .collect()
}

fn unassigned_unit(a: &Audit) -> Vec<Diagnostic> {
    a.entries()
        .filter(|e| e.entry.status.is_progress())
        .filter_map(|e| {
            let unit = e.ledger.unit;
            let m = &a.plan.measures[a.measure(&e)?];
            (!m.involves(unit)).then(|| {
                at(
                    &e,
                    Severity::Error,
                    format!(
                        "{} 不是措施 {} 的牵头或责任单位,却记录了它的进展",
                        a.plan.units.name(unit),
                        m.id
                    ),
                    "把这条记录移到负责该措施的单位台账中,或改正措施编号",
                )
            })
        })
        .collect()
}

fn signoff_not_by_office(a: &Audit) -> Vec<Diagnostic> {
    a.entries()
        .filter(|e| !e.entry.status.is_progress() && !a.is_office(e.ledger))
        .map(|e| {
            at(
                &e,
                Severity::Error,
                format!(
                    "“{}”只能由领导小组办公室记录,这里是其他单位的台账",
                    e.entry.status.label()
                ),
                "删除这条记录,由办公室用 rectify signoff / reopen 重新办理",
            )
        })
        .collect()
}

/// The admission rules an entry keeps on its own, as `log` applies them.
fn own_breaches(a: &Audit, keep: impl Fn(&Breach) -> bool) -> Vec<Diagnostic> {
    a.entries()
        .flat_map(|e| {
            e.entry
                .breaches
                .iter()
                .filter(|b| keep(b))
                .map(|b| breach_at(&e, b))
                .collect::<Vec<_>>()
        })
        .collect()
}

fn future_date(a: &Audit) -> Vec<Diagnostic> {
    own_breaches(a, |b| matches!(b, Breach::FutureDate { .. }))
}

fn before_plan_year(a: &Audit) -> Vec<Diagnostic> {
    own_breaches(a, |b| {
        matches!(
            b,
            Breach::BeforePlanYear { .. } | Breach::RecordedBeforePlanYear { .. }
        )
    })
}

fn date_after_recorded(a: &Audit) -> Vec<Diagnostic> {
    own_breaches(a, |b| matches!(b, Breach::DateAfterRecorded { .. }))
}

fn empty_text(a: &Audit) -> Vec<Diagnostic> {
    let mut out = own_breaches(a, |b| matches!(b, Breach::EmptyProgress { .. }));
    for e in a.entries().filter(|e| e.entry.empty_texts != 0) {
        for (k, key) in ["problems", "next", "by"].iter().enumerate() {
            if e.entry.empty_texts & (1 << k) != 0 {
                out.push(at(
                    &e,
                    Severity::Warning,
                    format!("字段 {key} 为空"),
                    "填写内容,或删除这一行",
                ));
            }
        }
    }
    out
}

fn duplicate(a: &Audit) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for l in &a.ledgers {
        let Ok(entries) = &l.entries else { continue };
        let mut first: HashMap<u64, usize> = HashMap::new();
        for e in entries {
            match first.get(&e.key) {
                Some(line) => {
                    let b = Breach::Duplicate {
                        first: format!("{}:{line}", l.display),
                    };
                    out.push(breach_at(
                        &At {
                            ledger: l,
                            entry: e,
                        },
                        &b,
                    ));
                }
                None => {
                    first.insert(e.key, e.line);
                }
            }
        }
    }
    out
}

/// Per measure, in date order, the history rules `log` applies.
fn status_order(a: &Audit) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    status_order_each(a, &mut |d| out.push(d));
    out
}

fn status_order_each(a: &Audit, out: &mut dyn FnMut(Diagnostic)) {
    let mut by_measure: Vec<Vec<At>> = (0..a.plan.measures.len()).map(|_| Vec::new()).collect();
    for e in a.entries() {
        if a.counts(&e)
            && let Some(i) = a.measure(&e)
        {
            by_measure[i].push(e);
        }
    }
    for (m, list) in a.plan.measures.iter().zip(&mut by_measure) {
        list.sort_by(|x, y| {
            (
                x.entry.date,
                x.entry.recorded,
                &x.ledger.display,
                x.entry.line,
            )
                .cmp(&(
                    y.entry.date,
                    y.entry.recorded,
                    &y.ledger.display,
                    y.entry.line,
                ))
        });
        let mut walk = StatusWalk::new(m);
        for e in list.iter() {
            if let Some(b) = walk.step(e.entry.status, &e.place()) {
                out(breach_at(e, &b));
            }
        }
    }
}

fn no_entries(a: &Audit) -> Vec<Diagnostic> {
    let mut has = vec![false; a.plan.measures.len()];
    for e in a
        .entries()
        .filter(|e| e.entry.status.is_progress() && e.entry.date <= a.as_of)
    {
        if let Some(i) = a.measure(&e) {
            has[i] = true;
        }
    }
    a.plan
        .measures
        .iter()
        .zip(&has)
        .filter(|(_, has)| !**has)
        .map(|(m, _)| m)
        .map(|m| {
            let leads: Vec<&str> = m.lead.iter().map(|&u| a.plan.units.name(u)).collect();
            Diagnostic::warning(format!("措施 {} 还没有任何进展记录", m.id))
                .at(&a.plan_file, None)
                .help(format!("请牵头单位 {} 报送", leads.join("、")))
        })
        .collect()
}

/// Per lead unit, the reporting deadlines by which it recorded nothing:
/// one line per unit, naming its ledger only if it exists.
fn skipped_month(a: &Audit) -> Vec<Diagnostic> {
    let mut recorded: HashMap<UnitId, Vec<NaiveDate>> = HashMap::new();
    for e in a
        .entries()
        .filter(|e| e.entry.status.is_progress() && a.counts(e))
    {
        recorded
            .entry(e.ledger.unit)
            .or_default()
            .push(e.entry.filed);
    }
    let dues: Vec<NaiveDate> = missing::deadlines(a.plan)
        .into_iter()
        .filter(|&d| d <= a.as_of)
        .collect();
    let mut out = Vec::new();
    for (unit, u) in a.plan.units.iter() {
        if !a.plan.measures.iter().any(|m| m.lead.contains(&unit)) {
            continue;
        }
        let times = recorded.get(&unit).map(Vec::as_slice).unwrap_or(&[]);
        let skipped: Vec<String> = dues
            .iter()
            .filter(|&&due| {
                let since = missing::period(a.plan, due).unwrap_or(due);
                !times.iter().any(|&t| t > since && t <= due)
            })
            .map(|d| format!("{}月{}日", d.month(), d.day()))
            .collect();
        let Some(last) = skipped.last() else {
            continue;
        };
        let d = Diagnostic::warning(format!(
            "{} 在 {} 个报送期限前没有报送进展:{}",
            u.name,
            skipped.len(),
            skipped.join("、")
        ));
        let hint =
            format!("补报时如实记录;rectify missing --due 列出各期应报的措施(最近一期:{last})");
        out.push(match a.ledger_of(unit) {
            Some(l) => d.at(l.display.clone(), None).help(hint),
            None => d.help(format!(
                "尚无台账文件 {};{hint}",
                ledger_name::display(&u.name)
            )),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::Audited;

    #[test]
    fn an_audited_entry_stays_small() {
        // A million entries must fit next to the plan (see README: Scale).
        assert!(
            std::mem::size_of::<Audited>() <= 80,
            "{}",
            std::mem::size_of::<Audited>()
        );
    }
}
