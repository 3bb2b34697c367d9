//! The monthly report form (填报表) a unit fills in: its columns, which of
//! them rectify fills and locks and which the unit fills, and what the
//! hidden identity sheet holds. `template` writes the form and `ingest`
//! reads it by these names, so the two cannot drift apart.

use super::Plan;
use xxhash_rust::xxh3::xxh3_64;

/// One column of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Id,
    Text,
    Role,
    Deadline,
    CurrentStatus,
    Light,
    LastProgress,
    Progress,
    Problems,
    Next,
    Status,
    Date,
    By,
}

impl Column {
    /// The columns in the order the form shows them.
    pub const ALL: [Column; 13] = [
        Column::Id,
        Column::Text,
        Column::Role,
        Column::Deadline,
        Column::CurrentStatus,
        Column::Light,
        Column::LastProgress,
        Column::Progress,
        Column::Problems,
        Column::Next,
        Column::Status,
        Column::Date,
        Column::By,
    ];

    /// The header the form shows, and reads the column by.
    pub fn label(self) -> &'static str {
        match self {
            Column::Id => "编号",
            Column::Text => "整改措施",
            Column::Role => "本单位职责",
            Column::Deadline => "整改时限",
            Column::CurrentStatus => "当前状态",
            Column::Light => "预警",
            Column::LastProgress => "上次报送进展",
            Column::Progress => "本月进展",
            Column::Problems => "存在问题",
            Column::Next => "下步措施",
            Column::Status => "状态",
            Column::Date => "日期",
            Column::By => "填报人",
        }
    }

    /// The column a header names (spaces and a trailing * ignored).
    pub fn from_header(text: &str) -> Option<Column> {
        let t: String = text
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '＊'))
            .collect();
        Column::ALL.into_iter().find(|c| c.label() == t)
    }

    /// Filled and locked by rectify; the unit fills the others.
    pub fn locked(self) -> bool {
        !matches!(
            self,
            Column::Progress
                | Column::Problems
                | Column::Next
                | Column::Status
                | Column::Date
                | Column::By
        )
    }

    /// The locked columns, in order.
    pub fn locked_columns() -> impl Iterator<Item = Column> {
        Column::ALL.into_iter().filter(|c| c.locked())
    }
}

/// A unit's part in a measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Lead,
    Shares,
}

impl Role {
    pub fn label(self) -> &'static str {
        match self {
            Role::Lead => "牵头",
            Role::Shares => "配合",
        }
    }
}

/// The hidden sheet that says which plan, unit and month a form is for,
/// and holds a copy of every locked cell, so edits to them are seen.
pub const IDENTITY_SHEET: &str = "rectify";
/// The first cell of the identity sheet, marking a form rectify wrote.
pub const MARK: &str = "rectify-template";
/// The identity sheet's keys (column A), rows 2 to 4.
pub const PLAN_KEY: &str = "plan";
pub const UNIT_KEY: &str = "unit";
pub const MONTH_KEY: &str = "month";
/// The row of the identity sheet after which the measure rows follow.
pub const ROWS_KEY: &str = "rows";

/// The plan's identity: a hash of its title, its date of issue and its
/// measure ids, so a form made for another plan (or for this plan before
/// its measures changed) is not taken for this one.
pub fn identity(plan: &Plan) -> String {
    let mut text = format!("{}\n{}\n", plan.title, plan.issued);
    for m in &plan.measures {
        text.push_str(&m.id.0);
        text.push('\n');
    }
    format!("{:016x}", xxh3_64(text.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_read_back_with_spaces_and_stars() {
        for c in Column::ALL {
            assert_eq!(Column::from_header(c.label()), Some(c));
        }
        assert_eq!(Column::from_header(" 本月进展* "), Some(Column::Progress));
        assert_eq!(Column::from_header("本月 进展"), Some(Column::Progress));
        assert_eq!(Column::from_header("进展"), None);
    }

    #[test]
    fn the_unit_fills_six_columns() {
        assert_eq!(Column::ALL.iter().filter(|c| !c.locked()).count(), 6);
    }
}
