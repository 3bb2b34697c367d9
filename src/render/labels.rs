//! Words shown to people for the keys some view rows still carry as strings,
//! and the light with its reason. The one place such lookups live.

use crate::model::Status;
use crate::model::deadline::Requirement;
use crate::model::progress::Light;
use crate::views::MeasureRow;
use chrono::NaiveDate;

/// A ledger entry's status key as a word (推进中…).
pub fn entry_status(key: &str) -> &str {
    Status::parse(key).map_or(key, |s| s.label())
}

/// A milestone's requirement key as a word (完成, 取得阶段性成效).
pub fn requirement(key: &str) -> &str {
    Requirement::parse(key).map_or(key, |r| r.label())
}

/// The light with its reason: 红灯 逾期3天, 黄灯 7天后到期, 绿灯, 完成.
pub fn light_text(r: &MeasureRow, as_of: NaiveDate) -> String {
    match r.light {
        Light::Red => format!("{} 逾期{}天", r.light.label(), r.days_overdue),
        Light::Yellow => match r.next_milestone {
            Some(d) if d == as_of => format!("{} 今天到期", r.light.label()),
            Some(d) => format!("{} {}天后到期", r.light.label(), (d - as_of).num_days()),
            None => r.light.label().to_string(),
        },
        Light::Green | Light::Done => r.light.label().to_string(),
    }
}
