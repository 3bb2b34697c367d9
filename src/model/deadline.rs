//! A measure's deadline: the wording as issued and the milestones read from it.

use chrono::NaiveDate;
use serde::Serialize;

/// What a milestone asks for by its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Requirement {
    /// 取得阶段性成效: met by a `phased` or `done` entry.
    Phased,
    /// Completion (…前 with no qualifier, 完成): met only by `done`.
    Done,
}

impl Requirement {
    pub fn key(self) -> &'static str {
        match self {
            Requirement::Phased => "phased",
            Requirement::Done => "done",
        }
    }

    pub fn parse(text: &str) -> Option<Requirement> {
        match text {
            "phased" => Some(Requirement::Phased),
            "done" => Some(Requirement::Done),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Requirement::Phased => "取得阶段性成效",
            Requirement::Done => "完成",
        }
    }
}

/// One dated milestone of a deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Milestone {
    pub date: NaiveDate,
    pub require: Requirement,
}

/// How often a recurring deadline (每月/每季度) falls due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Recurrence {
    Monthly,
    Quarterly,
}

impl Recurrence {
    pub fn key(self) -> &'static str {
        match self {
            Recurrence::Monthly => "monthly",
            Recurrence::Quarterly => "quarterly",
        }
    }

    pub fn parse(text: &str) -> Option<Recurrence> {
        match text {
            "monthly" => Some(Recurrence::Monthly),
            "quarterly" => Some(Recurrence::Quarterly),
            _ => None,
        }
    }
}

/// A deadline: the wording verbatim and what it means.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Deadline {
    /// The wording exactly as the notice gives it.
    pub text: String,
    /// Milestones in ascending date order.
    pub milestones: Vec<Milestone>,
    /// 长期坚持 / 持续推进 / 常态化推进: work goes on after the last milestone.
    pub ongoing: bool,
    /// 立行立改: to be rectified at once.
    pub immediate: bool,
    /// 每月 / 每季度.
    pub recurring: Option<Recurrence>,
    /// Wording that could not be dated; kept so a person can fix it by hand.
    pub undated: Vec<String>,
}

impl Deadline {
    /// The window of milestone `k`: entries dated after the previous
    /// milestone and on or before this one meet it on time.
    pub fn window_start(&self, k: usize) -> Option<NaiveDate> {
        if k == 0 {
            None
        } else {
            self.milestones.get(k - 1).map(|m| m.date)
        }
    }
}
