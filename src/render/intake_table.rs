//! `ingest --dry-run`: the entries a form would append, as a table.

use super::Style;
use super::table::{new, text_cell};
use crate::model::Entry;
use comfy_table::Cell;

pub fn entries(entries: &[Entry], style: Style) -> String {
    let mut t = new(
        &[
            "编号",
            "日期",
            "状态",
            "本月进展",
            "存在问题",
            "下步措施",
            "填报人",
        ],
        style,
    );
    let opt = |s: &Option<String>| text_cell(s.as_deref().unwrap_or("—"));
    for e in entries {
        t.add_row(vec![
            Cell::new(&e.measure),
            Cell::new(e.date.format("%Y-%m-%d")),
            Cell::new(e.status.label()),
            text_cell(&e.progress),
            opt(&e.problems),
            opt(&e.next),
            opt(&e.by),
        ]);
    }
    format!("{t}\n")
}
