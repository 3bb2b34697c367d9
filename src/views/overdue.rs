//! `overdue`: the overdue measures, most days overdue first.

use super::status::MeasureRow;

pub fn build(rows: Vec<MeasureRow>) -> Vec<MeasureRow> {
    let mut out: Vec<MeasureRow> = rows.into_iter().filter(|r| r.overdue).collect();
    // Stable sort keeps plan order among equals.
    out.sort_by_key(|r| std::cmp::Reverse(r.days_overdue));
    out
}
