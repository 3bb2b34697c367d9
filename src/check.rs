//! The audit (`rectify check`): named pure checks over the plan and every
//! ledger, run in the order of [`Check::ALL`], each returning findings with
//! file:line, severity, what is wrong and how to fix it.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Entry, Plan, Status, UnitId};
use crate::read::ledger::LedgerError;
use crate::views::missing;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::collections::HashMap;

/// One ledger as the audit sees it.
pub struct AuditLedger {
    pub display: String,
    pub unit: Option<UnitId>,
    /// The file's stem, to suggest a canonical name.
    pub stem: String,
    pub entries: Result<Vec<(usize, Entry)>, LedgerError>,
}

/// Everything the checks look at.
pub struct Audit<'a> {
    pub plan: &'a Plan,
    pub plan_file: String,
    pub ledgers: Vec<AuditLedger>,
    pub as_of: NaiveDate,
}

/// An entry with the ledger it is in.
struct At<'a> {
    ledger: &'a AuditLedger,
    line: usize,
    entry: &'a Entry,
}

impl Audit<'_> {
    fn entries(&self) -> impl Iterator<Item = At<'_>> {
        self.ledgers.iter().flat_map(|l| {
            l.entries
                .as_ref()
                .map(|v| v.as_slice())
                .unwrap_or(&[])
                .iter()
                .map(move |(line, entry)| At {
                    ledger: l,
                    line: *line,
                    entry,
                })
        })
    }

    fn is_office(&self, l: &AuditLedger) -> bool {
        l.unit.is_some() && l.unit == self.plan.office()
    }

    /// Whether an entry counts toward its measure (as the views count it):
    /// progress by one of the measure's units, or the office's sign-offs.
    fn counts(&self, e: &At) -> bool {
        let Some(m) = self.plan.measure(&e.entry.measure) else {
            return false;
        };
        if e.entry.status.is_progress() {
            e.ledger.unit.is_some_and(|u| m.involves(u))
        } else {
            self.is_office(e.ledger)
        }
    }
}

fn at(a: &At, severity: Severity, message: String, help: &str) -> Diagnostic {
    let d = Diagnostic {
        severity,
        file: Some(a.ledger.display.clone()),
        line: Some(a.line),
        message,
        help: None,
    };
    if help.is_empty() { d } else { d.help(help) }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Check {
    LedgerSyntax,
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

impl Check {
    pub const ALL: [Check; 13] = [
        Check::LedgerSyntax,
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
}

/// Runs every check in order.
pub fn audit(a: &Audit) -> Vec<Finding> {
    Check::ALL
        .iter()
        .flat_map(|&check| {
            check
                .run(a)
                .into_iter()
                .map(move |diagnostic| Finding { check, diagnostic })
        })
        .collect()
}

fn ledger_syntax(a: &Audit) -> Vec<Diagnostic> {
    a.ledgers
        .iter()
        .filter_map(|l| {
            let e = l.entries.as_ref().err()?;
            Some(
                Diagnostic::error(format!("台账无法解析: {}", e.message))
                    .at(&l.display, Some(e.line))
                    .help("改正这一行;改好之前此台账的其余记录不参与检查和统计"),
            )
        })
        .collect()
}

fn stray_ledger(a: &Audit) -> Vec<Diagnostic> {
    a.ledgers
        .iter()
        .filter(|l| l.unit.is_none())
        .map(|l| {
            let help = match a.plan.units.exact(&l.stem) {
                Some(u) => format!(
                    "“{}”是“{}”的别名;把文件改名为 reports/{}.toml",
                    l.stem,
                    a.plan.units.name(u),
                    a.plan.units.name(u)
                ),
                None => "台账文件名必须是计划中某个单位的规范名称(rectify units 列出所有单位)"
                    .to_string(),
            };
            Diagnostic::error("文件名不是计划中任何单位的规范名称,其中的记录不会被统计")
                .at(&l.display, None)
                .help(help)
        })
        .collect()
}

fn unknown_measure(a: &Audit) -> Vec<Diagnostic> {
    a.entries()
        .filter(|e| a.plan.measure(&e.entry.measure).is_none())
        .map(|e| {
            let near: Vec<String> = a
                .plan
                .nearest_ids(&e.entry.measure, 3)
                .iter()
                .map(|i| i.0.clone())
                .collect();
            at(
                &e,
                Severity::Error,
                format!("措施编号“{}”不在计划中", e.entry.measure),
                &format!("相近的有: {}", near.join("、")),
            )
        })
        .collect()
}

fn unassigned_unit(a: &Audit) -> Vec<Diagnostic> {
    a.entries()
        .filter(|e| e.entry.status.is_progress())
        .filter_map(|e| {
            let unit = e.ledger.unit?;
            let m = a.plan.measure(&e.entry.measure)?;
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

fn future_date(a: &Audit) -> Vec<Diagnostic> {
    a.entries()
        .filter(|e| e.entry.date > a.as_of)
        .map(|e| {
            at(
                &e,
                Severity::Error,
                format!("日期 {} 晚于今天({})", e.entry.date, a.as_of),
                "改正 date",
            )
        })
        .collect()
}

fn before_plan_year(a: &Audit) -> Vec<Diagnostic> {
    let year = a.plan.issued.year();
    a.entries()
        .filter(|e| e.entry.date.year() < year)
        .map(|e| {
            at(
                &e,
                Severity::Error,
                format!("日期 {} 早于方案年度({year}年)", e.entry.date),
                "改正 date",
            )
        })
        .collect()
}

fn date_after_recorded(a: &Audit) -> Vec<Diagnostic> {
    a.entries()
        .filter(|e| e.entry.date > e.entry.recorded.date())
        .map(|e| {
            at(
                &e,
                Severity::Error,
                format!(
                    "日期 {} 晚于记录时间 {}:不能记录尚未发生的进展",
                    e.entry.date,
                    e.entry.recorded.format("%Y-%m-%d %H:%M:%S")
                ),
                "改正 date",
            )
        })
        .collect()
}

fn empty_text(a: &Audit) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for e in a.entries() {
        if e.entry.progress.trim().is_empty() {
            let what = if e.entry.status.is_progress() {
                "整改进展情况(progress)"
            } else {
                "说明(progress)"
            };
            out.push(at(
                &e,
                Severity::Error,
                format!("{what}为空"),
                "写明做了什么",
            ));
        }
        for (key, value) in [
            ("problems", &e.entry.problems),
            ("next", &e.entry.next),
            ("by", &e.entry.by),
        ] {
            if value.as_ref().is_some_and(|v| v.trim().is_empty()) {
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

/// What makes two entries the same entry.
type EntryKey<'a> = (
    &'a str,
    NaiveDate,
    Status,
    &'a str,
    Option<&'a str>,
    Option<&'a str>,
);

fn duplicate(a: &Audit) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for l in &a.ledgers {
        let Ok(entries) = &l.entries else { continue };
        let mut seen: HashMap<EntryKey, usize> = HashMap::new();
        for (line, e) in entries {
            let key = (
                e.measure.as_str(),
                e.date,
                e.status,
                e.progress.trim(),
                e.problems.as_deref(),
                e.next.as_deref(),
            );
            if let Some(first) = seen.insert(key, *line) {
                out.push(
                    Diagnostic::error(format!("与第{first}行的记录重复"))
                        .at(&l.display, Some(*line))
                        .help("删除重复的一条"),
                );
            }
        }
    }
    out
}

/// Per measure, in date order: nothing goes back from done without a
/// reopen; sign-off only after done; nothing after sign-off (for measures
/// that are not ongoing) without a reopen.
fn status_order(a: &Audit) -> Vec<Diagnostic> {
    let mut by_measure: HashMap<&str, Vec<At>> = HashMap::new();
    for e in a.entries() {
        if !a.counts(&e) {
            continue;
        }
        by_measure
            .entry(e.entry.measure.as_str())
            .or_default()
            .push(e);
    }
    let mut out = Vec::new();
    for m in &a.plan.measures {
        let Some(list) = by_measure.get_mut(m.id.0.as_str()) else {
            continue;
        };
        list.sort_by(|x, y| {
            (x.entry.date, x.entry.recorded, &x.ledger.display, x.line).cmp(&(
                y.entry.date,
                y.entry.recorded,
                &y.ledger.display,
                y.line,
            ))
        });
        let mut done_at: Option<(String, usize)> = None;
        let mut signed = false;
        let mut latest = None;
        for e in list.iter() {
            let where_ = |e: &At| (e.ledger.display.clone(), e.line);
            match e.entry.status {
                Status::Done => {
                    if signed && !m.deadline.ongoing {
                        out.push(at(
                            e,
                            Severity::Error,
                            format!("措施 {} 已销号,此后又有进展记录", m.id),
                            "先由办公室 rectify reopen,或删除这条记录",
                        ));
                    }
                    done_at = Some(where_(e));
                }
                Status::InProgress | Status::Phased => {
                    if signed && !m.deadline.ongoing {
                        out.push(at(
                            e,
                            Severity::Error,
                            format!("措施 {} 已销号,此后又有进展记录", m.id),
                            "先由办公室 rectify reopen,或删除这条记录",
                        ));
                    } else if let Some((file, line)) = &done_at {
                        out.push(at(
                            e,
                            Severity::Error,
                            format!("措施 {} 已记为已完成({file}:{line}),此后又记为“{}”,中间没有重新打开", m.id, e.entry.status.label()),
                            "若确未完成,由办公室 rectify reopen 后再记录;否则改正状态",
                        ));
                    }
                }
                Status::SignedOff => {
                    if latest != Some(Status::Done) {
                        out.push(at(
                            e,
                            Severity::Error,
                            format!("措施 {} 销号时最新状态不是已完成", m.id),
                            "先记录完成情况再销号",
                        ));
                    }
                    signed = true;
                }
                Status::Reopened => {
                    signed = false;
                    done_at = None;
                }
            }
            if e.entry.status.is_progress() {
                latest = Some(e.entry.status);
            }
        }
    }
    out
}

fn no_entries(a: &Audit) -> Vec<Diagnostic> {
    let mut has: HashMap<&str, bool> = HashMap::new();
    for e in a
        .entries()
        .filter(|e| e.entry.status.is_progress() && e.entry.date <= a.as_of)
    {
        has.insert(e.entry.measure.as_str(), true);
    }
    a.plan
        .measures
        .iter()
        .filter(|m| !has.contains_key(m.id.0.as_str()))
        .map(|m| {
            let leads: Vec<&str> = m.lead.iter().map(|&u| a.plan.units.name(u)).collect();
            Diagnostic::warning(format!("措施 {} 还没有任何进展记录", m.id))
                .at(&a.plan_file, None)
                .help(format!("请牵头单位 {} 报送", leads.join("、")))
        })
        .collect()
}

fn skipped_month(a: &Audit) -> Vec<Diagnostic> {
    let mut recorded: HashMap<UnitId, Vec<NaiveDate>> = HashMap::new();
    for e in a
        .entries()
        .filter(|e| e.entry.status.is_progress() && a.counts(e))
    {
        if let Some(u) = e.ledger.unit {
            recorded.entry(u).or_default().push(e.entry.recorded.date());
        }
    }
    let mut out = Vec::new();
    let dues: Vec<NaiveDate> = a
        .plan
        .reporting
        .due_dates()
        .into_iter()
        .filter(|&d| d >= a.plan.issued && d <= a.as_of)
        .collect();
    for (unit, u) in a.plan.units.iter() {
        if !a.plan.measures.iter().any(|m| m.lead.contains(&unit)) {
            continue;
        }
        let times = recorded.get(&unit).map(Vec::as_slice).unwrap_or(&[]);
        for &due in &dues {
            let Some(since) = missing::period(a.plan, due) else {
                continue;
            };
            if !times.iter().any(|&t| t > since && t <= due) {
                out.push(
                    Diagnostic::warning(format!(
                        "{} 在 {due} 报送期限前({since} 之后)没有报送任何进展",
                        u.name
                    ))
                    .at(format!("reports/{}.toml", u.name), None)
                    .help(format!(
                        "补报时如实记录;rectify missing --due {due} 列出应报的措施"
                    )),
                );
            }
        }
    }
    out
}
