//! Corrections without breaking append-only: an entry may name an earlier
//! entry of the same ledger it `replaces` (by its [`EntryId`]). An
//! amendment stands in the replaced entry's place; a withdrawal (status
//! `withdrawn`) takes it out and counts for nothing itself. The history
//! keeps both; every view, report and `check` sees the corrected ledger,
//! computed here, once, per ledger.
//!
//! A correction applies from the moment it was recorded: a view that uses
//! only what was known by some time (a month's report, read again later)
//! keeps the replaced entry when the correction came after that time.
//!
//! An amendment keeps the filing time of the entry it replaces: correcting
//! a typo in July's report in August does not make July's report late.

use super::status::Status;
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use std::collections::HashMap;
use std::fmt;

/// An entry's stable id: a hash of its measure, day, status and recording
/// time, shown as eight hexadecimal digits. It does not depend on where the
/// entry stands in its file, so hand edits elsewhere never change it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntryId(pub u32);

impl EntryId {
    /// The id of the entry with these facts (`measure` as written).
    pub fn of(measure: &str, date: NaiveDate, status: Status, recorded: NaiveDateTime) -> EntryId {
        let text = format!(
            "{measure}\u{1f}{date}\u{1f}{}\u{1f}{}",
            status.key(),
            recorded.format("%Y-%m-%dT%H:%M:%S")
        );
        EntryId(xxhash_rust::xxh3::xxh3_64(text.as_bytes()) as u32)
    }

    /// Reads an id as shown (eight hexadecimal digits, either case,
    /// full-width digits and letters folded by the caller).
    pub fn parse(text: &str) -> Option<EntryId> {
        let t = text.trim();
        if t.len() != 8 || !t.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        u32::from_str_radix(t, 16).ok().map(EntryId)
    }
}

impl serde::Serialize for EntryId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl fmt::Display for EntryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:08x}", self.0)
    }
}

/// What the correction rules need of an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CorrectionFacts {
    pub replaces: Option<EntryId>,
    pub status: Status,
    pub recorded: NaiveDateTime,
    /// The day the entry is for.
    pub date: NaiveDate,
}

/// An entry in whatever form it is read in, as the correction rules see it.
pub trait Correctable {
    fn facts(&self) -> CorrectionFacts;
    fn replaces(&self) -> Option<EntryId> {
        self.facts().replaces
    }
    fn status(&self) -> Status {
        self.facts().status
    }
    fn recorded(&self) -> NaiveDateTime {
        self.facts().recorded
    }
    /// Takes the filing time of the entry an amendment replaces.
    fn inherit_filed(&mut self, _filed: NaiveDateTime) {}
    fn filed(&self) -> NaiveDateTime {
        self.recorded()
    }
}

/// A correction that names no earlier entry of its ledger (by its index in
/// the list given to [`apply`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dangling {
    pub index: usize,
    pub id: EntryId,
}

/// What a ledger's corrections did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Applied {
    /// Corrections whose target is not an earlier entry of the ledger.
    pub dangling: Vec<Dangling>,
    /// Corrections whose target was already replaced or is itself a
    /// withdrawal: they do not apply (an amendment then counts as it is).
    pub stale: Vec<Dangling>,
    /// Entries taken out: replaced ones and withdrawals.
    pub retired: usize,
    /// (correction, entry it replaced), by index, for every correction
    /// applied.
    pub links: Vec<(usize, usize)>,
}

/// A correction that does not apply, where the caller says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Unapplied<L> {
    /// The correction's place, as `apply`'s `locate` gave it.
    pub at: L,
    /// The id it names.
    pub id: EntryId,
    /// Its target was already replaced or withdrawn (else: not there).
    pub stale: bool,
    pub withdrawal: bool,
}

/// Corrects one ledger's entries, in file order, in place: entries replaced
/// by a correction recorded by `cut` (all, when `None`) are taken out, and
/// so are withdrawals; amendments inherit their target's filing time.
/// `id_of` gives an entry's [`EntryId`]. A correction recorded after `cut`
/// stays in the list untouched (the caller leaves out what was recorded
/// after its cut). The corrections that do not apply are returned in file
/// order, each placed by `locate`.
pub fn apply<T: Correctable, L>(
    items: &mut Vec<T>,
    cut: Option<NaiveDateTime>,
    id_of: impl Fn(&T) -> EntryId,
    locate: impl Fn(&T) -> L,
) -> (Applied, Vec<Unapplied<L>>) {
    let (retired, applied) = retire(items, cut, id_of);
    let flagged = |d: &Dangling, stale: bool| (d.index, d.id, stale);
    let mut found: Vec<_> = applied
        .dangling
        .iter()
        .map(|d| flagged(d, false))
        .chain(applied.stale.iter().map(|d| flagged(d, true)))
        .collect();
    found.sort_unstable_by_key(|f| f.0);
    let unapplied = found
        .into_iter()
        .map(|(index, id, stale)| Unapplied {
            at: locate(&items[index]),
            id,
            stale,
            withdrawal: items[index].status() == Status::Withdrawn,
        })
        .collect();
    if applied.retired > 0 {
        let mut k = 0;
        items.retain(|_| {
            k += 1;
            !retired[k - 1]
        });
    }
    (applied, unapplied)
}

/// [`apply`] without taking anything out: which entries it would take out
/// (by index), and what it found. Dangling corrections are named by their
/// index in `items`.
pub fn retire<T: Correctable>(
    items: &mut [T],
    cut: Option<NaiveDateTime>,
    id_of: impl Fn(&T) -> EntryId,
) -> (Vec<bool>, Applied) {
    let mut applied = Applied::default();
    if items
        .iter()
        .all(|e| e.replaces().is_none() && e.status() != Status::Withdrawn)
    {
        return (Vec::new(), applied);
    }
    let known = |e: &T| cut.is_none_or(|t| e.recorded() <= t);
    // Earlier entries by id: a correction can only name what precedes it.
    let mut seen: HashMap<EntryId, Vec<usize>> = HashMap::new();
    let mut retired = vec![false; items.len()];
    for k in 0..items.len() {
        if let Some(target) = items[k].replaces() {
            let found = seen.get(&target);
            let current: Vec<usize> = found
                .into_iter()
                .flatten()
                .copied()
                .filter(|&j| !retired[j])
                .collect();
            let here = Dangling {
                index: k,
                id: target,
            };
            match found {
                None => applied.dangling.push(here),
                Some(_) if !known(&items[k]) => {}
                Some(_) if current.is_empty() => applied.stale.push(here),
                Some(_) => {
                    // An amendment is filed when the entry it corrects
                    // was, if it reports on the same month; moved to
                    // another month, it is that month's report, filed now.
                    let month = |d: NaiveDate| (d.year(), d.month());
                    let day = month(items[k].facts().date);
                    let filed = current
                        .iter()
                        .filter(|&&j| month(items[j].facts().date) == day)
                        .map(|&j| items[j].filed())
                        .min();
                    for &j in &current {
                        retired[j] = true;
                        applied.links.push((k, j));
                    }
                    if let Some(filed) = filed {
                        items[k].inherit_filed(filed);
                    }
                }
            }
        }
        if items[k].status() == Status::Withdrawn {
            retired[k] = true;
        }
        seen.entry(id_of(&items[k])).or_default().push(k);
    }
    applied.retired = retired.iter().filter(|&&r| r).count();
    (retired, applied)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, PartialEq)]
    struct E {
        name: &'static str,
        date: NaiveDate,
        status: Status,
        recorded: NaiveDateTime,
        replaces: Option<EntryId>,
        filed: NaiveDateTime,
    }

    impl Correctable for E {
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

    fn t(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    fn id(name: &str) -> EntryId {
        EntryId(name.bytes().map(u32::from).sum())
    }

    fn e(name: &'static str, status: Status, at: &str, replaces: Option<&str>) -> E {
        E {
            name,
            date: t(at).date(),
            status,
            recorded: t(at),
            replaces: replaces.map(id),
            filed: t(at),
        }
    }

    /// `e` reporting on `day` (by default, the day it was recorded).
    fn on(mut e: E, day: &str) -> E {
        e.date = NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap();
        e
    }

    fn names(v: &[E]) -> Vec<&str> {
        v.iter().map(|e| e.name).collect()
    }

    fn run(v: &mut Vec<E>, cut: Option<&str>) -> Applied {
        apply(v, cut.map(t), |e| id(e.name), |_| ()).0
    }

    #[test]
    fn an_amendment_replaces_and_keeps_the_filing_time() {
        let mut v = vec![
            e("a", Status::InProgress, "2022-07-05 09:00", None),
            e("b", Status::Phased, "2022-07-06 09:00", None),
            on(
                e("c", Status::Done, "2022-08-20 10:00", Some("a")),
                "2022-07-05",
            ),
        ];
        let applied = run(&mut v, None);
        assert_eq!(names(&v), ["b", "c"]);
        assert_eq!(v[1].filed, t("2022-07-05 09:00"));
        assert_eq!(v[1].recorded, t("2022-08-20 10:00"));
        assert_eq!(applied.retired, 1);
    }

    #[test]
    fn an_amendment_moved_to_another_month_is_filed_when_recorded() {
        let mut v = vec![
            e("a", Status::InProgress, "2022-07-05 09:00", None),
            on(
                e("c", Status::Done, "2022-08-20 10:00", Some("a")),
                "2022-08-02",
            ),
        ];
        run(&mut v, None);
        assert_eq!(names(&v), ["c"]);
        assert_eq!(v[0].filed, t("2022-08-20 10:00"));
    }

    #[test]
    fn a_withdrawal_takes_out_its_target_and_itself() {
        let mut v = vec![
            e("a", Status::Done, "2022-07-05 09:00", None),
            e("w", Status::Withdrawn, "2022-07-06 09:00", Some("a")),
        ];
        run(&mut v, None);
        assert!(v.is_empty());
    }

    #[test]
    fn a_chain_of_amendments_leaves_the_last() {
        let mut v = vec![
            e("a", Status::InProgress, "2022-07-05 09:00", None),
            e("b", Status::InProgress, "2022-07-07 09:00", Some("a")),
            on(
                e("c", Status::Phased, "2022-08-12 09:00", Some("b")),
                "2022-07-05",
            ),
        ];
        run(&mut v, None);
        assert_eq!(names(&v), ["c"]);
        assert_eq!(v[0].filed, t("2022-07-05 09:00"));
    }

    #[test]
    fn a_correction_after_the_cut_is_not_applied() {
        let mut v = vec![
            e("a", Status::InProgress, "2022-07-05 09:00", None),
            e("c", Status::Done, "2022-08-20 10:00", Some("a")),
        ];
        run(&mut v, Some("2022-08-05 23:59"));
        // The caller leaves out "c" (recorded after its cut); "a" stands.
        assert_eq!(names(&v), ["a", "c"]);
    }

    #[test]
    fn a_correction_naming_nothing_earlier_dangles() {
        let mut v = vec![
            e("c", Status::Done, "2022-08-20 10:00", Some("a")),
            e("a", Status::InProgress, "2022-07-05 09:00", None),
        ];
        let applied = run(&mut v, None);
        assert_eq!(
            applied.dangling,
            [Dangling {
                index: 0,
                id: id("a")
            }]
        );
        assert_eq!(names(&v), ["c", "a"]);
    }

    #[test]
    fn a_correction_of_an_entry_no_longer_current_does_not_apply() {
        let mut v = vec![
            e("a", Status::InProgress, "2022-07-05 09:00", None),
            e("b", Status::Phased, "2022-08-01 09:00", Some("a")),
            e("w", Status::Withdrawn, "2022-08-02 09:00", Some("a")),
            e("c", Status::Done, "2022-08-03 09:00", Some("w")),
        ];
        let applied = run(&mut v, None);
        // "a" stays replaced by "b"; withdrawing it again, or amending the
        // withdrawal, changes nothing: "c" counts as it is.
        assert_eq!(names(&v), ["b", "c"]);
        assert_eq!(
            applied.stale,
            [
                Dangling {
                    index: 2,
                    id: id("a")
                },
                Dangling {
                    index: 3,
                    id: id("w")
                }
            ]
        );
        assert_eq!(applied.links, [(1, 0)]);
    }

    #[test]
    fn ids_are_stable_and_read_back() {
        let d = NaiveDate::from_ymd_opt(2022, 7, 5).unwrap();
        let a = EntryId::of("1.2", d, Status::Done, t("2022-07-05 09:00"));
        assert_eq!(
            a,
            EntryId::of("1.2", d, Status::Done, t("2022-07-05 09:00"))
        );
        assert_ne!(
            a,
            EntryId::of("1.3", d, Status::Done, t("2022-07-05 09:00"))
        );
        assert_eq!(EntryId::parse(&a.to_string()), Some(a));
        assert_eq!(EntryId::parse(&a.to_string().to_uppercase()), Some(a));
        assert_eq!(EntryId::parse("12345"), None);
        assert_eq!(EntryId::parse("1234567g"), None);
    }
}
