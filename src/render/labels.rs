//! The light with its reason, as every format shows it: 红灯 逾期3天,
//! 黄灯 7天后到期, 绿灯, 完成, 台账有误.

use crate::model::progress::Light;
use crate::views::MeasureRow;
use crate::views::show::CorrectionMark;
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

/// An entry's part in a correction, as a history shows it.
pub fn correction_text(mark: CorrectionMark) -> String {
    match mark {
        CorrectionMark::Corrects(id) => format!("更正 {id}"),
        CorrectionMark::Withdraws(id) => format!("撤回 {id}"),
        CorrectionMark::CorrectedBy(id) => format!("已被 {id} 更正"),
        CorrectionMark::WithdrawnBy(id) => format!("已被 {id} 撤回"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::fixture::{day, plan, progress};
    use crate::views::status::{Filter, build};

    #[test]
    fn each_light_says_why() {
        let plan = plan();
        let rows = |on: &str| build(&plan, &progress(&plan, on, &[]), &Filter::default());
        let today = day("2022-07-31");
        assert_eq!(light_text(&rows("2022-07-31")[0], today), "黄灯 今天到期");
        assert_eq!(
            light_text(&rows("2022-07-25")[0], day("2022-07-25")),
            "黄灯 6天后到期"
        );
        assert_eq!(
            light_text(&rows("2022-08-03")[0], day("2022-08-03")),
            "红灯 逾期3天"
        );
        assert_eq!(
            light_text(&rows("2022-07-01")[1], day("2022-07-01")),
            "绿灯"
        );
    }
}
