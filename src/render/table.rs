//! Terminal tables that align Chinese text, coloured only when asked.

use super::Style;
use crate::model::progress::Light;
use crate::views::MeasureRow;
use crate::views::deadlines::DeadlineRow;
use crate::views::units::UnitRow;
use chrono::NaiveDate;
use comfy_table::{Cell, Color, ContentArrangement, Table, presets};

pub fn new(headers: &[&str], style: Style) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED);
    if style.colour {
        // Fit a real terminal; with no known width, do not squeeze.
        let fits = t.width().is_some_and(|w| w >= 60);
        t.set_content_arrangement(if fits {
            ContentArrangement::Dynamic
        } else {
            ContentArrangement::Disabled
        });
        t.enforce_styling();
    } else {
        t.force_no_tty();
        t.set_content_arrangement(ContentArrangement::Disabled);
    }
    t.set_header(headers.to_vec());
    t
}

pub fn date(d: Option<NaiveDate>) -> String {
    d.map_or_else(|| "—".to_string(), |d| d.format("%Y-%m-%d").to_string())
}

/// The light with its reason: 红灯 逾期3天, 黄灯 7天后到期….
pub fn light_cell(r: &MeasureRow, as_of: NaiveDate, style: Style) -> Cell {
    let text = super::labels::light_text(r, as_of);
    let cell = Cell::new(text);
    if !style.colour {
        return cell;
    }
    match r.light {
        Light::Red => cell.fg(Color::Red),
        Light::Yellow => cell.fg(Color::Yellow),
        Light::Green => cell.fg(Color::Green),
        Light::Done => cell.fg(Color::Blue),
    }
}

pub fn status(rows: &[MeasureRow], as_of: NaiveDate, style: Style) -> String {
    let mut t = new(
        &[
            "编号",
            "整改措施",
            "牵头单位",
            "状态",
            "最近报送",
            "下一时限",
            "预警",
        ],
        style,
    );
    for r in rows {
        t.add_row(vec![
            Cell::new(&r.id),
            Cell::new(&r.title),
            Cell::new(r.lead.join("、")),
            Cell::new(r.status.label()),
            Cell::new(date(r.last_entry)),
            Cell::new(date(r.next_milestone)),
            light_cell(r, as_of, style),
        ]);
    }
    format!("{t}\n")
}

pub fn overdue(rows: &[MeasureRow], style: Style) -> String {
    let mut t = new(
        &[
            "编号",
            "整改措施",
            "牵头单位",
            "逾期时限",
            "逾期天数",
            "状态",
            "最近报送",
        ],
        style,
    );
    for r in rows {
        let days = Cell::new(r.days_overdue);
        t.add_row(vec![
            Cell::new(&r.id),
            Cell::new(&r.title),
            Cell::new(r.lead.join("、")),
            Cell::new(date(r.overdue_since)),
            if style.colour {
                days.fg(Color::Red)
            } else {
                days
            },
            Cell::new(r.status.label()),
            Cell::new(date(r.last_entry)),
        ]);
    }
    format!("{t}\n")
}

pub fn deadlines(rows: &[DeadlineRow], style: Style) -> String {
    let mut t = new(
        &[
            "时限",
            "剩余天数",
            "编号",
            "整改措施",
            "牵头单位",
            "要求",
            "状态",
        ],
        style,
    );
    let mut previous = None;
    for r in rows {
        let first = previous != Some(r.due);
        previous = Some(r.due);
        let require = super::labels::requirement(r.require);
        t.add_row(vec![
            Cell::new(if first {
                date(Some(r.due))
            } else {
                String::new()
            }),
            Cell::new(if first {
                r.days_left.to_string()
            } else {
                String::new()
            }),
            Cell::new(&r.measure.id),
            Cell::new(&r.measure.title),
            Cell::new(r.measure.lead.join("、")),
            Cell::new(require),
            Cell::new(r.measure.status.label()),
        ]);
    }
    format!("{t}\n")
}

pub fn units(rows: &[UnitRow], style: Style) -> String {
    let mut t = new(&["单位", "其他写法", "牵头", "参与", "台账条目"], style);
    for r in rows {
        let mut name = r.name.clone();
        if r.office {
            name.push_str("(办公室)");
        }
        t.add_row(vec![
            Cell::new(name),
            Cell::new(r.aliases.join("、")),
            Cell::new(r.leads),
            Cell::new(r.shares),
            Cell::new(r.entries),
        ]);
    }
    format!("{t}\n")
}
