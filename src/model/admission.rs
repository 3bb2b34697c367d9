//! The rules an entry must keep, stated once: `log` refuses an entry that
//! breaks one with the same words `check` reports it in. Anything `log`
//! accepts, `check` does not call an error.
//!
//! - On its own: not dated after today, nor before the plan's year; not
//!   dated after it was recorded; recorded no earlier than the plan's year;
//!   progress not empty.
//! - In its ledger: not the same as an earlier entry (measure, date, status
//!   and texts).
//! - In its measure's history, in date order ([`StatusWalk`]): nothing goes
//!   back from done without a reopen; sign-off only after done; nothing
//!   after a sign-off without a reopen, except on an ongoing (长期坚持)
//!   measure, which is signed off for its current phase and carries on.

use super::Entry;
use super::correction::{self, EntryId};
use super::entry::{Located, Origin};
use super::measure::Measure;
use super::plan::Plan;
use super::progress::Progress;
use super::status::{MeasureStatus, Status};
use super::unit::UnitId;
use crate::diagnostic::Diagnostic;
use chrono::{Datelike, NaiveDate, NaiveDateTime};

/// A broken rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Breach {
    FutureDate {
        date: NaiveDate,
        today: NaiveDate,
    },
    BeforePlanYear {
        date: NaiveDate,
        year: i32,
    },
    RecordedBeforePlanYear {
        recorded: NaiveDateTime,
        year: i32,
    },
    DateAfterRecorded {
        date: NaiveDate,
        recorded: NaiveDateTime,
    },
    EmptyProgress {
        office: bool,
    },
    /// The same as the entry at `first` (`file:line`).
    Duplicate {
        first: String,
    },
    AfterSignoff {
        measure: String,
    },
    /// Back from done (recorded at `done_at`) without a reopen.
    BackFromDone {
        measure: String,
        done_at: String,
        status: Status,
    },
    SignoffNotDone {
        measure: String,
    },
    /// A reopening with no sign-off standing before it.
    ReopenNotSignedOff {
        measure: String,
    },
}

impl Breach {
    pub fn message(&self) -> String {
        match self {
            Breach::FutureDate { date, today } => format!("日期 {date} 晚于今天({today})"),
            Breach::BeforePlanYear { date, year } => {
                format!("日期 {date} 早于方案年度({year}年)")
            }
            Breach::RecordedBeforePlanYear { recorded, year } => format!(
                "记录时间 {} 早于方案年度({year}年):这台电脑的时钟可能不对",
                recorded.format("%Y-%m-%d %H:%M:%S")
            ),
            Breach::DateAfterRecorded { date, recorded } => format!(
                "日期 {date} 晚于记录时间 {}:不能记录尚未发生的进展",
                recorded.format("%Y-%m-%d %H:%M:%S")
            ),
            Breach::EmptyProgress { office: false } => "整改进展情况(progress)为空".to_string(),
            Breach::EmptyProgress { office: true } => "说明(progress)为空".to_string(),
            Breach::Duplicate { first } => format!("与 {first} 的记录重复"),
            Breach::AfterSignoff { measure } => {
                format!("措施 {measure} 已销号,此后又有进展记录")
            }
            Breach::BackFromDone {
                measure,
                done_at,
                status,
            } => format!(
                "措施 {measure} 已记为已完成({done_at}),此后又记为“{}”,中间没有重新打开",
                status.label()
            ),
            Breach::SignoffNotDone { measure } => {
                format!("措施 {measure} 销号时最新状态不是已完成")
            }
            Breach::ReopenNotSignedOff { measure } => {
                format!("措施 {measure} 没有销号,却记录了重新打开")
            }
        }
    }

    pub fn help(&self) -> String {
        match self {
            Breach::AfterSignoff { measure } => {
                return format!(
                    "如需继续整改,请领导小组办公室先执行 rectify reopen {measure} --by 姓名 --note 原因"
                );
            }
            Breach::FutureDate { .. }
            | Breach::BeforePlanYear { .. }
            | Breach::DateAfterRecorded { .. } => "改正日期",
            Breach::RecordedBeforePlanYear { .. } => "校正电脑的日期和时间后再记录",
            Breach::EmptyProgress { .. } => "写明做了什么",
            Breach::Duplicate { .. } => "同一条进展只需记录一次",
            Breach::BackFromDone { .. } => {
                "若确未完成,由办公室 rectify reopen 后再记录;否则改正状态"
            }
            Breach::SignoffNotDone { .. } => "先记录完成情况再销号",
            Breach::ReopenNotSignedOff { .. } => {
                "重新打开只针对已销号的措施;删除或撤回这条重新打开的记录"
            }
        }
        .to_string()
    }

    pub fn diagnostic(&self) -> Diagnostic {
        Diagnostic::error(self.message()).help(self.help())
    }
}

/// The rules an entry keeps on its own; `today` is the checking day.
pub fn entry_breaches(plan: &Plan, e: &Entry, today: NaiveDate) -> Vec<Breach> {
    let year = plan.issued.year();
    let mut out = Vec::new();
    if e.date > today {
        out.push(Breach::FutureDate {
            date: e.date,
            today,
        });
    }
    if e.date.year() < year {
        out.push(Breach::BeforePlanYear { date: e.date, year });
    }
    if e.recorded.year() < year {
        out.push(Breach::RecordedBeforePlanYear {
            recorded: e.recorded,
            year,
        });
    }
    if e.date > e.recorded.date() {
        out.push(Breach::DateAfterRecorded {
            date: e.date,
            recorded: e.recorded,
        });
    }
    if e.progress.trim().is_empty() {
        out.push(Breach::EmptyProgress {
            office: !e.status.is_progress(),
        });
    }
    out
}

/// What makes two entries of one ledger the same entry: the measure, the
/// day, the status and the texts (not who recorded it or when), as a key
/// (a 64-bit hash of them, so the audit need not keep the texts).
pub fn entry_key(e: &Entry) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    (
        &e.measure,
        e.date,
        e.status,
        e.progress.trim(),
        &e.problems,
        &e.next,
    )
        .hash(&mut h);
    h.finish()
}

/// Whether two entries of one ledger are the same entry.
pub fn same_entry(a: &Entry, b: &Entry) -> bool {
    entry_key(a) == entry_key(b)
}

/// One measure's counted entries walked in date order.
#[derive(Debug, Clone)]
pub struct StatusWalk<'m> {
    measure: &'m Measure,
    done_at: Option<String>,
    signed: bool,
    latest: Option<Status>,
}

impl<'m> StatusWalk<'m> {
    pub fn new(measure: &'m Measure) -> StatusWalk<'m> {
        StatusWalk {
            measure,
            done_at: None,
            signed: false,
            latest: None,
        }
    }

    /// Takes the next entry (at `place`, `file:line`); the rule it breaks.
    pub fn step(&mut self, status: Status, place: &str) -> Option<Breach> {
        let measure = || self.measure.id.0.clone();
        let ongoing = self.measure.deadline.ongoing;
        let breach = match status {
            Status::Done | Status::InProgress | Status::Phased if self.signed && !ongoing => {
                Some(Breach::AfterSignoff { measure: measure() })
            }
            Status::InProgress | Status::Phased => {
                self.done_at.as_ref().map(|done_at| Breach::BackFromDone {
                    measure: measure(),
                    done_at: done_at.clone(),
                    status,
                })
            }
            Status::Done => None,
            Status::SignedOff => (self.latest != Some(Status::Done))
                .then(|| Breach::SignoffNotDone { measure: measure() }),
            Status::Reopened if !self.signed => {
                Some(Breach::ReopenNotSignedOff { measure: measure() })
            }
            Status::Reopened | Status::Withdrawn => None,
        };
        match status {
            Status::Done => self.done_at = Some(place.to_string()),
            Status::SignedOff => {
                self.signed = true;
                // An ongoing measure's next phase starts afresh.
                if ongoing {
                    self.done_at = None;
                }
            }
            Status::Reopened => {
                self.signed = false;
                self.done_at = None;
            }
            _ => {}
        }
        if status.is_progress() {
            self.latest = Some(status);
        }
        breach
    }
}

/// The ledger index [`entry`] gives the entries of the ledger appended to.
pub const OWN_LEDGER: usize = usize::MAX - 1;

/// Whether `entry` may be appended to `unit`'s ledger (shown as
/// `display`), whose entries are `own`; `others` are the measure's counted
/// entries in the other ledgers, `file_of` names the ledger one was found
/// in. The first rule it breaks, as `check` words it: the measure's history
/// is walked as `check` walks it (date, recorded time, ledger, line), with
/// and without the new entry, and any finding the entry would add, at
/// itself or at a later entry, refuses it. A correction (`replaces`) is
/// judged against the history without the entry it replaces.
#[allow(clippy::too_many_arguments)]
pub fn entry(
    plan: &Plan,
    unit: UnitId,
    display: &str,
    own: &[(usize, Entry)],
    others: &[Located],
    file_of: &dyn Fn(Origin) -> String,
    entry: &Entry,
    today: NaiveDate,
) -> Result<(), Diagnostic> {
    let mut live: Vec<(usize, Entry)> = own.to_vec();
    correction::apply(&mut live, None, |(_, e)| e.id(), |_| ());
    let target = match entry.replaces {
        Some(id) => Some(target_of(own, &live, entry, id)?),
        None => None,
    };
    let breaches = entry_breaches(plan, entry, today);
    let withdrawal = entry.status == Status::Withdrawn;
    // A withdrawal is judged by its reason alone: it may take back an
    // entry whose date was wrong.
    if let Some(b) = breaches
        .iter()
        .find(|b| !withdrawal || matches!(b, Breach::EmptyProgress { .. }))
    {
        return Err(b.diagnostic());
    }
    let after: Vec<&(usize, Entry)> = live.iter().filter(|(l, _)| Some(*l) != target).collect();
    if !withdrawal && let Some((line, _)) = after.iter().find(|(_, e)| same_entry(e, entry)) {
        let b = Breach::Duplicate {
            first: format!("{display}:{line}"),
        };
        return Err(b.diagnostic());
    }
    let Some(i) = plan.measure_index(&entry.measure) else {
        // Taking back an entry that names no measure of the plan touches
        // no measure's history.
        if withdrawal && target.is_some() {
            return Ok(());
        }
        return Err(Diagnostic::error(format!(
            "没有编号为“{}”的措施",
            entry.measure
        )));
    };
    let m = &plan.measures[i];
    // The measure's counted history, this ledger's included, in date order:
    // as it stands, and without the entry a correction replaces.
    let located = |(line, e): &(usize, Entry)| Located {
        unit,
        origin: Origin {
            ledger: OWN_LEDGER,
            line: *line,
        },
        entry: e.clone(),
    };
    let counted = |e: &Entry| e.measure == entry.measure && plan.counts(unit, m, e.status);
    let mut before: Vec<Located> = others.to_vec();
    before.extend(live.iter().filter(|(_, e)| counted(e)).map(located));
    before.sort_by_key(Located::sort_key);
    let history: Vec<Located> = before
        .iter()
        .filter(|l| l.origin.ledger != OWN_LEDGER || Some(l.origin.line) != target)
        .cloned()
        .collect();
    let state = |day: NaiveDate| {
        Progress::of_measure(plan, i, &history, &[], day)
            .evaluate(plan, i, day)
            .status
    };
    match entry.status {
        Status::SignedOff | Status::Reopened => office_act(m, entry, state(entry.date))?,
        _ if target.is_none()
            && !m.deadline.ongoing
            && state(today.max(entry.date)) == MeasureStatus::SignedOff =>
        {
            return Err(Breach::AfterSignoff {
                measure: m.id.0.clone(),
            }
            .diagnostic());
        }
        _ => {}
    }
    let file = |l: &Located| {
        if l.origin.ledger == OWN_LEDGER {
            display.to_string()
        } else {
            file_of(l.origin)
        }
    };
    let walked = |list: &[Located]| -> Vec<Walked> {
        list.iter()
            .map(|l| Walked {
                key: (l.entry.date, l.entry.recorded, file(l), l.origin.line),
                status: l.entry.status,
                new: false,
            })
            .collect()
    };
    let found_before = findings(m, &walked(&before));
    let mut walked_after = walked(&history);
    if counted(entry) {
        walked_after.push(Walked {
            key: (entry.date, entry.recorded, display.to_string(), usize::MAX),
            status: entry.status,
            new: true,
        });
    }
    walked_after.sort_by(|a, b| a.key.cmp(&b.key));
    let added = findings(m, &walked_after)
        .into_iter()
        .find(|f| !found_before.contains(f));
    match added {
        // A sign-off's own rule was decided above, in the office's words.
        Some((_, true, Breach::SignoffNotDone { .. })) => Ok(()),
        Some((_, true, b)) => Err(b.diagnostic()),
        Some((place, false, b)) => Err(at_later_entry(&place, entry, &b)),
        None => Ok(()),
    }
}

/// A rule the new entry would make an existing entry (at `place`,
/// `file:line`) break: said at that entry, naming the new one as the cause.
fn at_later_entry(place: &str, entry: &Entry, b: &Breach) -> Diagnostic {
    let kind = match (entry.status, entry.replaces) {
        (Status::Withdrawn, _) => "撤回",
        (_, Some(_)) => "更正",
        _ => "记录",
    };
    let (file, line) = match place.rsplit_once(':') {
        Some((file, line)) => (file.to_string(), line.parse().ok()),
        None => (place.to_string(), None),
    };
    let help = match kind {
        "记录" => "记录未写入;请核对日期与状态:按日期排列后,此处已有的记录会违反规则".to_string(),
        _ => format!(
            "{kind}未写入;如确需{kind},先处理此处的记录(如由办公室用 rectify reopen 重新打开,或撤回该记录)"
        ),
    };
    Diagnostic::error(format!(
        "这条{kind}会使此处已有的记录不再成立:{}",
        b.message()
    ))
    .at(file, line)
    .help(help)
}

/// The line of the entry a correction replaces: one entry of this ledger
/// as corrected (`live`; `own` as written), of the same measure.
fn target_of(
    own: &[(usize, Entry)],
    live: &[(usize, Entry)],
    entry: &Entry,
    id: EntryId,
) -> Result<usize, Diagnostic> {
    let found: Vec<&(usize, Entry)> = live.iter().filter(|(_, e)| e.id() == id).collect();
    match found.as_slice() {
        [(line, e)] if e.measure == entry.measure => Ok(*line),
        [(line, e)] => Err(Diagnostic::error(format!(
            "编号 {id} 的记录(第{line}行)属于措施 {},更正不能改变措施",
            e.measure
        ))
        .help("先用 rectify withdraw 撤回该记录,再用 rectify log 记入正确的措施")),
        [] if own.iter().any(|(_, e)| e.id() == id) => {
            Err(Diagnostic::error(format!("编号 {id} 的记录已被更正或撤回"))
                .help("rectify show 措施编号 列出现行记录及其编号,更正现行的那一条"))
        }
        [] => Err(Diagnostic::error(format!("本台账中没有编号为 {id} 的记录"))
            .help("rectify show 措施编号 列出各条记录的编号;只能更正本单位自己台账中的记录")),
        _ => Err(Diagnostic::error(format!(
            "编号 {id} 对应本台账中的多条记录(同一秒记录的相同事项)"
        ))
        .help("在台账中手工改正其中一条,或用 rectify check 查看重复记录")),
    }
}

/// `entry` with an id no entry of its ledger (`own`) has: an entry for the
/// same measure, day and status recorded in the same second as another is
/// recorded a second later, so `amend` and `withdraw` can always name it.
pub fn with_unique_id(own: &[(usize, Entry)], entry: Entry) -> Entry {
    unique_among(&own.iter().map(|(_, e)| e.id()).collect(), entry)
}

/// `entry` with an id not in `taken` (see [`with_unique_id`]).
pub fn unique_among(taken: &std::collections::HashSet<EntryId>, mut entry: Entry) -> Entry {
    while taken.contains(&entry.id()) {
        entry.recorded += chrono::TimeDelta::seconds(1);
    }
    entry
}

/// One entry of a measure's history as `check` walks it.
struct Walked {
    key: (NaiveDate, NaiveDateTime, String, usize),
    status: Status,
    /// The entry being admitted.
    new: bool,
}

/// What `check`'s walk finds in `walked` (in order): the place, whether it
/// is at the new entry, and the rule broken.
fn findings(m: &Measure, walked: &[Walked]) -> Vec<(String, bool, Breach)> {
    let mut walk = StatusWalk::new(m);
    walked
        .iter()
        .filter_map(|w| {
            let place = if w.new {
                format!("{}:新记录", w.key.2)
            } else {
                format!("{}:{}", w.key.2, w.key.3)
            };
            let b = walk.step(w.status, &place)?;
            Some((place, w.new, b))
        })
        .collect()
}

/// Whether the office may sign off or reopen a measure standing at `state`.
fn office_act(m: &Measure, entry: &Entry, state: MeasureStatus) -> Result<(), Diagnostic> {
    let id = &m.id;
    let date = entry.date;
    match (entry.status, state) {
        (Status::SignedOff, MeasureStatus::Done) | (Status::Reopened, MeasureStatus::SignedOff) => {
            Ok(())
        }
        (Status::SignedOff, MeasureStatus::SignedOff) => {
            Err(Diagnostic::error(format!("措施 {id} 已经销号")))
        }
        (Status::SignedOff, other) => Err(Diagnostic::error(format!(
            "措施 {id} 截至 {date} 的状态是“{}”;只有最新状态为已完成的措施才能销号",
            other.label()
        ))
        .help(format!(
            "责任单位先用 rectify log {id} --status done 记录完成情况"
        ))),
        (_, other) => Err(Diagnostic::error(format!(
            "措施 {id} 截至 {date} 的状态是“{}”,没有销号,无需重新打开",
            other.label()
        ))),
    }
}

/// A unit recording progress on a measure that is not its own.
pub fn not_involved(plan: &Plan, unit: UnitId, m: &Measure) -> Diagnostic {
    let names = |ids: &[UnitId]| {
        ids.iter()
            .map(|&u| plan.units.name(u))
            .collect::<Vec<_>>()
            .join("、")
    };
    let responsible = if m.responsible.is_empty() {
        "—".to_string()
    } else {
        names(&m.responsible)
    };
    Diagnostic::error(format!(
        "{} 既不是措施 {} 的牵头单位,也不是责任单位",
        plan.units.name(unit),
        m.id
    ))
    .help(format!(
        "牵头单位: {};责任单位: {responsible}",
        names(&m.lead)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::deadline::Deadline;
    use crate::model::measure::MeasureId;

    fn measure(ongoing: bool) -> Measure {
        Measure {
            id: MeasureId("2.2".into()),
            problem: 2,
            heading: None,
            text: String::new(),
            lead: Vec::new(),
            responsible: Vec::new(),
            people: Vec::new(),
            goal: None,
            deadline: Deadline {
                text: String::new(),
                milestones: Vec::new(),
                ongoing,
                ..Deadline::default()
            },
        }
    }

    fn walk(m: &Measure, statuses: &[Status]) -> Vec<Option<Breach>> {
        let mut w = StatusWalk::new(m);
        statuses
            .iter()
            .enumerate()
            .map(|(i, &s)| w.step(s, &format!("x:{i}")))
            .collect()
    }

    #[test]
    fn back_from_done_needs_a_reopen() {
        let m = measure(false);
        let got = walk(&m, &[Status::Done, Status::Phased]);
        assert_eq!(
            got[1],
            Some(Breach::BackFromDone {
                measure: "2.2".into(),
                done_at: "x:0".into(),
                status: Status::Phased
            })
        );
        let got = walk(&m, &[Status::Done, Status::Reopened, Status::Phased]);
        assert_eq!(got[2], None);
    }

    #[test]
    fn an_ongoing_measure_carries_on_after_signoff() {
        let s = [
            Status::Done,
            Status::SignedOff,
            Status::Phased,
            Status::Done,
        ];
        assert!(walk(&measure(true), &s).iter().all(Option::is_none));
        let got = walk(&measure(false), &s);
        assert_eq!(
            got[2],
            Some(Breach::AfterSignoff {
                measure: "2.2".into()
            })
        );
    }

    #[test]
    fn a_reopening_needs_a_sign_off_before_it() {
        let m = measure(false);
        let got = walk(&m, &[Status::Done, Status::Reopened]);
        assert_eq!(
            got[1],
            Some(Breach::ReopenNotSignedOff {
                measure: "2.2".into()
            })
        );
        let got = walk(&m, &[Status::Done, Status::SignedOff, Status::Reopened]);
        assert_eq!(got[2], None);
        let got = walk(
            &m,
            &[
                Status::Done,
                Status::SignedOff,
                Status::Reopened,
                Status::Reopened,
            ],
        );
        assert!(got[3].is_some());
    }

    #[test]
    fn signoff_only_after_done() {
        let got = walk(&measure(false), &[Status::Phased, Status::SignedOff]);
        assert_eq!(
            got[1],
            Some(Breach::SignoffNotDone {
                measure: "2.2".into()
            })
        );
    }
}
