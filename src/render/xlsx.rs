//! The 整改台账 as an Excel/WPS workbook: a title, the header frozen, one row
//! per measure with its problem merged down, lights filled, widths set for
//! Chinese text, printed on A3 landscape one page wide with the title rows
//! on every page and 第N页 共M页 in the footer.

use super::chinese::{date, numeral};
use super::labels;
use crate::model::progress::Light;
use crate::views::ledger::{Ledger, LedgerRow};
use crate::views::show::HistoryRow;
use anyhow::{Context, Result};
use chrono::{Datelike, NaiveDateTime, Timelike};
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};

/// The ledger's columns: header and width in Excel character units (a
/// Chinese character takes two).
const COLUMNS: [(&str, f64); 13] = [
    ("序号", 7.0),
    ("问题", 24.0),
    ("整改措施", 50.0),
    ("牵头单位", 16.0),
    ("责任单位", 22.0),
    ("整改时限", 16.0),
    ("整改进展", 40.0),
    ("存在问题", 24.0),
    ("下步措施", 24.0),
    ("状态", 10.0),
    ("预警", 14.0),
    ("最近报送", 12.0),
    ("销号", 12.0),
];

const HISTORY_COLUMNS: [(&str, f64); 10] = [
    ("措施", 8.0),
    ("日期", 12.0),
    ("单位", 18.0),
    ("状态", 14.0),
    ("整改进展情况", 50.0),
    ("发现的问题", 30.0),
    ("下步工作措施", 30.0),
    ("记录人", 10.0),
    ("记录时间", 18.0),
    // The id `amend` and `withdraw` name, for a clerk pointing a unit to
    // an entry.
    ("记录编号", 11.0),
];

/// The fill of each light (light red, amber, green, blue).
pub fn fill(light: Light) -> u32 {
    match light {
        Light::Red => 0xFFC7CE,
        Light::Yellow => 0xFFEB9C,
        Light::Green => 0xC6EFCE,
        Light::Done => 0xDDEBF7,
        Light::Unknown => 0xE4DFEC,
    }
}

/// A4 = 9, A3 = 8 in the paper codes of the file format.
const A3: u8 = 8;
const HEADER_ROWS: u32 = 3;

pub(super) fn base() -> Format {
    Format::new()
        .set_font_name("宋体")
        .set_font_charset(134)
        .set_font_size(11)
}

pub(super) fn cell() -> Format {
    base()
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin)
}

/// Display width in Excel character units: CJK and full-width forms count two.
pub fn text_width(s: &str) -> usize {
    s.chars().map(|c| if c >= '\u{2E80}' { 2 } else { 1 }).sum()
}

/// Lines a wrapped text takes in a column of `width` units.
pub(super) fn lines(s: &str, width: f64) -> usize {
    let per_line = (width - 1.0).max(1.0) as usize;
    s.lines()
        .map(|l| text_width(l).div_ceil(per_line).max(1))
        .sum::<usize>()
        .max(1)
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

fn day(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// The text of each column for one measure (问题 excepted: it is merged).
fn cells(r: &LedgerRow, as_of: chrono::NaiveDate) -> [String; 13] {
    let latest = r.latest.as_ref();
    [
        r.row.id.clone(),
        String::new(),
        r.text.clone(),
        r.row.lead.join("、"),
        r.row.responsible.join("、"),
        r.row.deadline.clone(),
        latest.map(|l| l.progress.clone()).unwrap_or_default(),
        latest.map(|l| opt(&l.problems)).unwrap_or_default(),
        latest.map(|l| opt(&l.next)).unwrap_or_default(),
        r.row.status.label().to_string(),
        labels::light_text(&r.row, as_of),
        day(r.row.last_entry),
        day(r.signed_off),
    ]
}

fn page_setup(ws: &mut Worksheet) -> Result<(), XlsxError> {
    ws.set_paper_size(A3);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
    ws.set_repeat_rows(0, HEADER_ROWS - 1)?;
    ws.set_freeze_panes(HEADER_ROWS, 0)?;
    ws.set_footer("&C第&P页 共&N页");
    Ok(())
}

fn titles(
    ws: &mut Worksheet,
    title: &str,
    subtitle: &str,
    headers: &[(&str, f64)],
) -> Result<(), XlsxError> {
    let last = headers.len() as u16 - 1;
    let title_format = base()
        .set_bold()
        .set_font_size(18)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    ws.merge_range(0, 0, 0, last, title, &title_format)?;
    ws.set_row_height(0, 32)?;
    ws.merge_range(
        1,
        0,
        1,
        last,
        subtitle,
        &base().set_align(FormatAlign::Right),
    )?;
    let header = cell()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_background_color(Color::RGB(0xD9D9D9));
    for (k, (name, width)) in headers.iter().enumerate() {
        ws.set_column_width(k as u16, *width)?;
        ws.write_string_with_format(2, k as u16, *name, &header)?;
    }
    ws.set_row_height(2, 22)?;
    Ok(())
}

fn ledger_sheet(ws: &mut Worksheet, l: &Ledger) -> Result<(), XlsxError> {
    ws.set_name("整改台账")?;
    let title = format!("{}整改台账", l.plan_title);
    let subtitle = match &l.scope {
        Some(s) => format!("{s}  截至{}", date(l.as_of)),
        None => format!("截至{}", date(l.as_of)),
    };
    titles(ws, &title, &subtitle, &COLUMNS)?;
    page_setup(ws)?;
    let plain = cell();
    let centred = cell().set_align(FormatAlign::Center);
    let mut row = HEADER_ROWS;
    let mut k = 0;
    while k < l.rows.len() {
        let problem = l.rows[k].row.problem;
        let span = l.rows[k..]
            .iter()
            .take_while(|r| r.row.problem == problem)
            .count();
        let heading = format!("{}、{}", numeral(problem as usize), l.rows[k].problem_title);
        let last = row + span as u32 - 1;
        if span > 1 {
            ws.merge_range(row, 1, last, 1, &heading, &plain)?;
        } else {
            ws.write_string_with_format(row, 1, &heading, &plain)?;
        }
        for r in &l.rows[k..k + span] {
            let texts = cells(r, l.as_of);
            let mut height = 1;
            for (c, text) in texts.iter().enumerate() {
                if c == 1 {
                    continue;
                }
                let format = match c {
                    10 => centred
                        .clone()
                        .set_background_color(Color::RGB(fill(r.row.light))),
                    0 | 9 | 11 | 12 => centred.clone(),
                    _ => plain.clone(),
                };
                ws.write_string_with_format(row, c as u16, text, &format)?;
                height = height.max(lines(text, COLUMNS[c].1));
            }
            ws.set_row_height(row, (height as f64) * 14.5 + 6.0)?;
            row += 1;
        }
        k += span;
    }
    Ok(())
}

fn history_sheet(ws: &mut Worksheet, l: &Ledger) -> Result<(), XlsxError> {
    ws.set_name("进展记录")?;
    let title = format!("{}进展记录", l.plan_title);
    titles(
        ws,
        &title,
        &format!("截至{}", date(l.as_of)),
        &HISTORY_COLUMNS,
    )?;
    page_setup(ws)?;
    let plain = cell();
    for (k, h) in l.history.iter().enumerate() {
        let row = HEADER_ROWS + k as u32;
        let texts = history_cells(h);
        let mut height = 1;
        for (c, text) in texts.iter().enumerate() {
            ws.write_string_with_format(row, c as u16, text, &plain)?;
            height = height.max(lines(text, HISTORY_COLUMNS[c].1));
        }
        ws.set_row_height(row, (height as f64) * 14.5 + 6.0)?;
    }
    Ok(())
}

fn history_cells(h: &HistoryRow) -> [String; 10] {
    [
        h.measure.clone(),
        h.date.to_string(),
        h.unit.clone(),
        h.status.label().to_string(),
        h.progress.clone(),
        opt(&h.problems),
        opt(&h.next),
        opt(&h.by),
        h.recorded.format("%Y-%m-%d %H:%M").to_string(),
        h.id.to_string(),
    ]
}

/// The document properties of a workbook made at `created` (UTC).
pub fn properties(created: NaiveDateTime) -> Result<DocProperties, XlsxError> {
    let year = u16::try_from(created.year()).unwrap_or(1900);
    let time = ExcelDateTime::from_ymd(year, created.month() as u8, created.day() as u8)?.and_hms(
        created.hour() as u16,
        created.minute() as u8,
        created.second(),
    )?;
    Ok(DocProperties::new().set_creation_datetime(&time))
}

/// The workbook's bytes; with `history`, a second sheet of every entry.
/// `created` (UTC) is the time the file says it was made, so the same
/// ledger on the same (pinned) clock gives the same bytes.
pub fn ledger(l: &Ledger, history: bool, created: NaiveDateTime) -> Result<Vec<u8>> {
    let build = || -> Result<Vec<u8>, XlsxError> {
        let mut wb = Workbook::new();
        wb.set_properties(&properties(created)?);
        ledger_sheet(wb.add_worksheet(), l)?;
        if history {
            history_sheet(wb.add_worksheet(), l)?;
        }
        wb.save_to_buffer()
    };
    build().context("无法生成工作簿")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_counts_double() {
        assert_eq!(text_width("水务局ab"), 8);
        assert_eq!(lines("一二三四五六", 7.0), 2);
        assert_eq!(lines("", 7.0), 1);
    }
}
