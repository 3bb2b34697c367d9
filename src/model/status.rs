//! Statuses: what a ledger entry records, and what a measure stands at.

use serde::Serialize;
use std::fmt;

/// The status a ledger entry records.
///
/// Units write `InProgress`, `Phased` and `Done`; only the leading group
/// office writes `SignedOff` (销号) and `Reopened`, through `signoff` and
/// `reopen`. `Withdrawn` marks a withdrawal (`withdraw`): an entry that
/// takes back the one it replaces and counts for nothing itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    InProgress,
    Phased,
    Done,
    SignedOff,
    Reopened,
    Withdrawn,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::InProgress,
        Status::Phased,
        Status::Done,
        Status::SignedOff,
        Status::Reopened,
        Status::Withdrawn,
    ];

    /// The key written in ledgers.
    pub fn key(self) -> &'static str {
        match self {
            Status::InProgress => "in_progress",
            Status::Phased => "phased",
            Status::Done => "done",
            Status::SignedOff => "signed_off",
            Status::Reopened => "reopened",
            Status::Withdrawn => "withdrawn",
        }
    }

    /// The Chinese word shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Status::InProgress => "推进中",
            Status::Phased => "取得阶段性成效",
            Status::Done => "已完成",
            Status::SignedOff => "已销号",
            Status::Reopened => "重新打开",
            Status::Withdrawn => "撤回",
        }
    }

    /// Parses a ledger key or one of the Chinese words a person may type.
    pub fn parse(text: &str) -> Option<Status> {
        let t = text.trim();
        match t {
            "in_progress" | "推进中" | "正在推进" | "整改中" => Some(Status::InProgress),
            "phased" | "取得阶段性成效" | "阶段性成效" => Some(Status::Phased),
            "done" | "已完成" | "完成" | "已整改" => Some(Status::Done),
            "signed_off" | "已销号" | "销号" => Some(Status::SignedOff),
            "reopened" | "重新打开" => Some(Status::Reopened),
            "withdrawn" | "撤回" | "已撤回" => Some(Status::Withdrawn),
            _ => None,
        }
    }

    /// Whether a unit may record this status with `log`.
    pub fn is_progress(self) -> bool {
        matches!(self, Status::InProgress | Status::Phased | Status::Done)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// Where a measure stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MeasureStatus {
    NotStarted,
    InProgress,
    Phased,
    Done,
    SignedOff,
    /// A ledger that could count toward the measure cannot be read, so its
    /// state is not known (台账有误); never shown as not started.
    Unknown,
}

impl MeasureStatus {
    pub const ALL: [MeasureStatus; 5] = [
        MeasureStatus::NotStarted,
        MeasureStatus::InProgress,
        MeasureStatus::Phased,
        MeasureStatus::Done,
        MeasureStatus::SignedOff,
    ];

    pub fn key(self) -> &'static str {
        match self {
            MeasureStatus::NotStarted => "not_started",
            MeasureStatus::InProgress => "in_progress",
            MeasureStatus::Phased => "phased",
            MeasureStatus::Done => "done",
            MeasureStatus::SignedOff => "signed_off",
            MeasureStatus::Unknown => "unknown",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            MeasureStatus::NotStarted => "未启动",
            MeasureStatus::InProgress => "推进中",
            MeasureStatus::Phased => "取得阶段性成效",
            MeasureStatus::Done => "已完成",
            MeasureStatus::SignedOff => "已销号",
            MeasureStatus::Unknown => "台账有误",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_keys_and_chinese_words() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.key()), Some(s));
            assert_eq!(Status::parse(s.label()), Some(s));
        }
        assert_eq!(Status::parse("完成"), Some(Status::Done));
        assert_eq!(Status::parse("finished"), None);
    }

    #[test]
    fn only_units_statuses_are_progress() {
        assert!(Status::Done.is_progress());
        assert!(!Status::SignedOff.is_progress());
        assert!(!Status::Reopened.is_progress());
    }
}
