//! Terminal tables that align Chinese text, coloured only when asked.

use super::Style;
use super::terminal::escape;
use crate::model::progress::Light;
use crate::views::MeasureRow;
use crate::views::deadlines::DeadlineRow;
use crate::views::missing::MissingReport;
use crate::views::units::UnitRow;
use chrono::NaiveDate;
use comfy_table::{Cell, Color, ColumnConstraint, ContentArrangement, Table, presets};

/// Columns sized by their content: a wrapped id or date is misread.
const UNSPLIT: [&str; 14] = [
    "编号",
    "日期",
    "时限",
    "最近报送",
    "下一时限",
    "逾期时限",
    "剩余天数",
    "逾期天数",
    "状态",
    "预警",
    "问题",
    "措施数",
    "牵头",
    "参与",
];

pub fn new(headers: &[&str], style: Style) -> Table {
    let mut t = Table::new();
    t.load_style(if style.ascii {
        presets::ASCII_FULL_CONDENSED
    } else {
        presets::UTF8_FULL_CONDENSED
    });
    if style.colour && !style.wide {
        // Fit a real terminal; with no known width, do not squeeze.
        let fits = t.width().is_some_and(|w| w >= 60);
        t.set_content_arrangement(if fits {
            ContentArrangement::Dynamic
        } else {
            ContentArrangement::Disabled
        });
    } else {
        t.set_content_arrangement(ContentArrangement::Disabled);
    }
    if style.colour {
        t.enforce_styling();
    } else {
        t.force_no_tty();
    }
    t.set_header(headers.to_vec());
    // Ids, dates, counts and short labels are never split across lines.
    for (i, h) in headers.iter().enumerate() {
        if UNSPLIT.contains(h)
            && let Some(c) = t.column_mut(i)
        {
            c.set_constraint(ColumnConstraint::ContentWidth);
        }
    }
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
        // Dark yellow stays readable on a light background.
        Light::Yellow => cell.fg(Color::DarkYellow),
        Light::Green => cell.fg(Color::Green),
        Light::Done => cell.fg(Color::Blue),
        Light::Unknown => cell.fg(Color::Magenta),
    }
}

/// A cell of text that came from a file, made safe for a terminal.
pub fn text_cell(s: &str) -> Cell {
    Cell::new(escape(s))
}

/// `status`: the title line, the table and the count by light.
pub fn status_page(title: &str, rows: &[MeasureRow], as_of: NaiveDate, style: Style) -> String {
    let count = |l: Light| rows.iter().filter(|r| r.light == l).count();
    let mut counts: Vec<String> = [Light::Red, Light::Yellow, Light::Green, Light::Done]
        .iter()
        .map(|&l| format!("{}{}", l.label(), count(l)))
        .collect();
    if count(Light::Unknown) > 0 {
        counts.push(format!(
            "{}{}",
            Light::Unknown.label(),
            count(Light::Unknown)
        ));
    }
    format!(
        "{} 截至 {as_of}\n{}共{}条: {}\n",
        escape(title),
        status(rows, as_of, style),
        rows.len(),
        counts.join("、")
    )
}

/// `overdue`: a line saying how many, and the table.
pub fn overdue_page(rows: &[MeasureRow], as_of: NaiveDate, style: Style) -> String {
    if rows.is_empty() {
        return format!("截至 {as_of} 没有逾期的措施。\n");
    }
    format!(
        "截至 {as_of} 逾期措施 {} 条\n{}",
        rows.len(),
        overdue(rows, style)
    )
}

/// `deadlines`: a line saying how many in the window, and the table.
pub fn deadlines_page(rows: &[DeadlineRow], as_of: NaiveDate, within: u32, style: Style) -> String {
    let end = as_of
        .checked_add_days(chrono::Days::new(within as u64))
        .unwrap_or(NaiveDate::MAX);
    if rows.is_empty() {
        return format!("{as_of} 至 {end} 没有未完成的时限节点。\n");
    }
    format!(
        "{as_of} 至 {end} 到期的时限节点 {} 个\n{}",
        rows.len(),
        deadlines(rows, style)
    )
}

/// `missing`'s table: each late unit, its measures and when it last recorded.
pub fn missing(r: &MissingReport, style: Style) -> String {
    let mut t = new(&["单位", "未报送的措施", "最近一次记录"], style);
    for u in &r.units {
        let ids: Vec<&str> = u.measures.iter().map(|m| m.id.as_str()).collect();
        let last = match (u.filed_late, u.last_recorded) {
            (Some(t), _) => format!("逾期补报 {}", t.format("%Y-%m-%d %H:%M")),
            (None, Some(t)) => t.format("%Y-%m-%d %H:%M").to_string(),
            (None, None) => "从未记录".to_string(),
        };
        t.add_row(vec![
            Cell::new(&u.unit),
            Cell::new(ids.join("、")),
            Cell::new(last),
        ]);
    }
    format!("{t}\n")
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
            text_cell(&r.title),
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
            text_cell(&r.title),
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
            text_cell(&r.measure.title),
            Cell::new(r.measure.lead.join("、")),
            Cell::new(r.require.label()),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::fixture::{day, plan, progress};
    use crate::views::status::{Filter, build};

    fn plain() -> Style {
        Style {
            colour: false,
            ascii: false,
            wide: false,
        }
    }

    #[test]
    fn the_status_page_counts_lights_and_escapes_file_text() {
        let mut plan = plan();
        plan.measures[1].text = "加强\u{1b}[2J资金保障。".into();
        let mut p = progress(&plan, "2022-08-03", &[]);
        let rows = build(&plan, &p, &Filter::default());
        let page = status_page("测试整改方案", &rows, day("2022-08-03"), plain());
        assert!(page.starts_with("测试整改方案 截至 2022-08-03\n"), "{page}");
        assert!(
            page.ends_with("共2条: 红灯1、黄灯0、绿灯1、完成0\n"),
            "{page}"
        );
        assert!(!page.contains('\u{1b}'), "{page}");
        assert!(page.contains("\\u{1b}"), "{page}");
        p.mark_broken(&plan, plan.units.exact("市财政局").expect("unit"));
        let rows = build(&plan, &p, &Filter::default());
        let page = status_page("测试整改方案", &rows, day("2022-08-03"), plain());
        assert!(
            page.ends_with("共2条: 红灯0、黄灯0、绿灯0、完成0、台账有误2\n"),
            "{page}"
        );
    }

    #[test]
    fn empty_views_say_so_in_a_sentence() {
        let d = day("2022-07-01");
        assert_eq!(
            overdue_page(&[], d, plain()),
            "截至 2022-07-01 没有逾期的措施。\n"
        );
        assert_eq!(
            deadlines_page(&[], d, 30, plain()),
            "2022-07-01 至 2022-07-31 没有未完成的时限节点。\n"
        );
    }
}
