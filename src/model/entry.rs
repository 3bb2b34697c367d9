//! A ledger entry: one dated record of progress by one unit.

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
}
