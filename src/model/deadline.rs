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
    /// Milestone dates the wording does not state outright, and how each
    /// was read (2024年1月 → the month's last day).
    pub inferred: Vec<Inferred>,
}

/// A milestone date read from wording that names no day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Inferred {
    pub date: NaiveDate,
    pub how: Inference,
}

/// How a date was read from wording that names no day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Inference {
    /// 2024年1月: the last day of the month.
    MonthEnd,
    /// 第三季度: the last day of the quarter.
    QuarterEnd,
    /// 上半年 / 下半年: 30 June or 31 December.
    HalfYearEnd,
    /// 年内: 31 December.
    YearEnd,
    /// No year given: the year the notice was issued (the next one when
    /// the date would fall before the issue date).
    IssueYear,
}

impl Inference {
    pub const ALL: [Inference; 5] = [
        Inference::MonthEnd,
        Inference::QuarterEnd,
        Inference::HalfYearEnd,
        Inference::YearEnd,
        Inference::IssueYear,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Inference::MonthEnd => "month_end",
            Inference::QuarterEnd => "quarter_end",
            Inference::HalfYearEnd => "half_year_end",
            Inference::YearEnd => "year_end",
            Inference::IssueYear => "issue_year",
        }
    }

    pub fn parse(text: &str) -> Option<Inference> {
        Inference::ALL.into_iter().find(|i| i.key() == text)
    }

    pub fn label(self) -> &'static str {
        match self {
            Inference::MonthEnd => "只写到月份，取该月最后一天",
            Inference::QuarterEnd => "只写到季度，取该季度最后一天",
            Inference::HalfYearEnd => "只写上半年或下半年，取6月30日或12月31日",
            Inference::YearEnd => "只写年内，取12月31日",
            Inference::IssueYear => "没有写年份，取印发之年（早于印发日期的取次年）",
        }
    }
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

    /// How the date of a milestone was inferred, if it was.
    pub fn inference(&self, date: NaiveDate) -> Option<Inference> {
        self.inferred.iter().find(|i| i.date == date).map(|i| i.how)
    }
}
