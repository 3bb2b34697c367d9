//! A ledger entry: one dated record of progress by one unit.

use super::correction::{Correctable, CorrectionFacts, EntryId};
use super::status::Status;
use chrono::{NaiveDate, NaiveDateTime};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The day the progress was made.
    pub date: NaiveDate,
    /// The measure id as written (it may name no measure of the plan).
    pub measure: String,
    pub status: Status,
    /// 整改进展情况 (for sign-off and reopening: the office's note).
    pub progress: String,
    /// 发现的问题.
    pub problems: Option<String>,
    /// 下步工作措施.
    pub next: Option<String>,
    /// The officer who recorded it.
    pub by: Option<String>,
    /// Local time at which the tool appended it.
    pub recorded: NaiveDateTime,
    /// The earlier entry of the same ledger this one corrects (see
    /// [`super::correction`]).
    pub replaces: Option<EntryId>,
}

impl Entry {
    /// The entry's stable id.
    pub fn id(&self) -> EntryId {
        EntryId::of(&self.measure, self.date, self.status, self.recorded)
    }

    /// The optional text fields with their ledger keys, in written order.
    pub fn optional_texts(&self) -> [(&'static str, &Option<String>); 3] {
        [
            ("problems", &self.problems),
            ("next", &self.next),
            ("by", &self.by),
        ]
    }
}

/// Where an entry was found: the ledger (an index into the workspace's
/// ledger list) and the 1-based line of its `[[entry]]` header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Origin {
    pub ledger: usize,
    pub line: usize,
}

impl Origin {
    /// The tie-break among entries of the same date and recording time:
    /// ledger, then line.
    pub fn order(self) -> u64 {
        ((self.ledger as u64) << 32) | self.line as u64
    }
}

/// An entry with the unit whose ledger holds it and where it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub unit: super::UnitId,
    pub origin: Origin,
    pub entry: Entry,
}

impl Located {
    /// The order entries are listed in: date, recording time, then place.
    pub fn sort_key(&self) -> (NaiveDate, NaiveDateTime, Origin) {
        (self.entry.date, self.entry.recorded, self.origin)
    }
}

impl Correctable for Entry {
    fn facts(&self) -> CorrectionFacts {
        CorrectionFacts {
            replaces: self.replaces,
            status: self.status,
            recorded: self.recorded,
            date: self.date,
        }
    }
}

impl Correctable for Located {
    fn facts(&self) -> CorrectionFacts {
        self.entry.facts()
    }
}

impl Correctable for (usize, Entry) {
    fn facts(&self) -> CorrectionFacts {
        self.1.facts()
    }
}
