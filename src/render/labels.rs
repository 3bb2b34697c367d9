//! The light with its reason, as every format shows it: 红灯 逾期3天,
//! 黄灯 7天后到期, 绿灯, 完成, 台账有误.

use crate::model::progress::Light;
use crate::views::MeasureRow;
use chrono::NaiveDate;

/// The light with its reason.
pub fn light_text(r: &MeasureRow, as_of: NaiveDate) -> String {
    match r.light {
        Light::Red => format!("{} 逾期{}天", r.light.label(), r.days_overdue),
        Light::Yellow => match r.next_milestone {
            Some(d) if d == as_of => format!("{} 今天到期", r.light.label()),
            Some(d) => format!("{} {}天后到期", r.light.label(), (d - as_of).num_days()),
            None => r.light.label().to_string(),
        },
        Light::Green | Light::Done | Light::Unknown => r.light.label().to_string(),
    }
}
