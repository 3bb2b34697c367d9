//! The monthly report form (填报表) as a workbook: a title, the unit, month
//! and plan, the instructions, and a row per measure. What rectify knows
//! is locked (the sheet is protected without a password); the cells the
//! unit fills are unlocked and tinted, 状态 is a drop-down, 日期 holds the
//! month's last day. A hidden sheet records the plan's identity, the unit,
//! the month and a copy of every locked cell, for `ingest`.

use super::chinese::{date, month};
use super::xlsx::{base, cell, fill, lines, properties};
use crate::model::Status;
use crate::model::report_form::{
    Column, IDENTITY_SHEET, MARK, MONTH_KEY, PLAN_KEY, ROWS_KEY, UNIT_KEY,
};
use crate::views::template::{Template, TemplateRow};
use anyhow::{Context, Result};
use chrono::{Datelike, NaiveDateTime};
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, ExcelDateTime, Format, FormatAlign, Workbook,
    Worksheet, XlsxError,
};

/// The row of the column headers; the measures follow it.
pub const HEADER_ROW: u32 = 3;
/// The tint of the cells the unit fills (light yellow).
const TO_FILL: u32 = 0xFFF2CC;

fn width(c: Column) -> f64 {
    match c {
        Column::Id => 7.0,
        Column::Text => 46.0,
        Column::Role => 11.0,
        Column::Deadline => 16.0,
        Column::CurrentStatus => 15.0,
        Column::Light => 8.0,
        Column::LastProgress => 30.0,
        Column::Progress => 40.0,
        Column::Problems => 24.0,
        Column::Next => 24.0,
        Column::Status => 16.0,
        Column::Date => 12.0,
        Column::By => 10.0,
    }
}

/// The instructions shown above the table.
fn instructions(t: &Template) -> String {
    [
        "填报说明：".to_string(),
        "1．只填写浅黄色单元格（本月进展、存在问题、下步措施、状态、日期、填报人），其余单元格已锁定，请勿改动；不要增删行、列，不要改动工作表名称。".to_string(),
        "2．本月有进展的措施，“本月进展”必须填写，“状态”从下拉列表中选择（推进中、取得阶段性成效、已完成）；本月没有进展的措施，整行留空。".to_string(),
        format!(
            "3．“日期”为取得进展的日期，须在{}内，已预填为{}，可以改为当月其他日期。",
            month(t.month),
            date(t.default_date)
        ),
        "4．已记为“已完成”的措施不能再改为推进中或取得阶段性成效；确需继续整改的，请联系领导小组办公室重新打开。".to_string(),
        "5．填好后直接保存（.xlsx，也可另存为 .xls 或 .ods），报送领导小组办公室；同一张表重复报送不会重复登记。".to_string(),
    ]
    .join("\n")
}

/// The text of a locked cell; the same text goes into the identity sheet.
fn locked_text(r: &TemplateRow, c: Column) -> String {
    match c {
        Column::Id => r.id.clone(),
        Column::Text => r.text.clone(),
        Column::Role => r.role.label().to_string(),
        Column::Deadline => r.deadline.clone(),
        Column::CurrentStatus => r.status.label().to_string(),
        Column::Light => r.light.label().to_string(),
        Column::LastProgress => r
            .last
            .as_ref()
            .map(|l| format!("{}：{}", l.date, l.progress))
            .unwrap_or_default(),
        _ => String::new(),
    }
}

fn heading(ws: &mut Worksheet, t: &Template) -> Result<(), XlsxError> {
    let last = Column::ALL.len() as u16 - 1;
    let title = base()
        .set_bold()
        .set_font_size(18)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let heading = format!("{}{}整改进展填报表", t.unit, month(t.month));
    ws.merge_range(0, 0, 0, last, &heading, &title)?;
    ws.set_row_height(0, 32)?;
    let label = base().set_bold().set_align(FormatAlign::Center);
    let plain = base();
    ws.write_string_with_format(1, 0, "单位", &label)?;
    ws.write_string_with_format(1, 1, &t.unit, &plain)?;
    ws.write_string_with_format(1, 2, "月份", &label)?;
    ws.write_string_with_format(1, 3, month(t.month), &plain)?;
    ws.write_string_with_format(1, 4, "方案", &label)?;
    ws.merge_range(1, 5, 1, last, &t.plan_title, &plain)?;
    let note = base()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_font_color(Color::RGB(0x833C0B));
    let text = instructions(t);
    ws.merge_range(2, 0, 2, last, &text, &note)?;
    ws.set_row_height(2, (text.lines().count() as f64) * 15.0 + 6.0)?;
    let header = cell()
        .set_bold()
        .set_align(FormatAlign::Center)
        .set_background_color(Color::RGB(0xD9D9D9));
    for (k, c) in Column::ALL.into_iter().enumerate() {
        ws.set_column_width(k as u16, width(c))?;
        ws.write_string_with_format(HEADER_ROW, k as u16, c.label(), &header)?;
    }
    ws.set_row_height(HEADER_ROW, 22)?;
    Ok(())
}

fn rows(ws: &mut Worksheet, t: &Template) -> Result<(), XlsxError> {
    let plain = cell();
    let centred = cell().set_align(FormatAlign::Center);
    let to_fill = cell()
        .set_unlocked()
        .set_background_color(Color::RGB(TO_FILL));
    let day = to_fill
        .clone()
        .set_align(FormatAlign::Center)
        .set_num_format("yyyy-mm-dd");
    let d = t.default_date;
    let default_date = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
    for (k, r) in t.rows.iter().enumerate() {
        let row = HEADER_ROW + 1 + k as u32;
        let mut height = 1;
        for (c, col) in Column::ALL.into_iter().enumerate() {
            let c = c as u16;
            match col {
                Column::Date => {
                    ws.write_datetime_with_format(row, c, &default_date, &day)?;
                }
                Column::Light => {
                    let lit = centred
                        .clone()
                        .set_background_color(Color::RGB(fill(r.light)));
                    ws.write_string_with_format(row, c, r.light.label(), &lit)?;
                }
                _ if !col.locked() => {
                    ws.write_blank(row, c, &to_fill)?;
                }
                _ => {
                    let text = locked_text(r, col);
                    let format = match col {
                        Column::Id | Column::Role | Column::CurrentStatus => &centred,
                        _ => &plain,
                    };
                    ws.write_string_with_format(row, c, &text, format)?;
                    height = height.max(lines(&text, width(col)));
                }
            }
        }
        ws.set_row_height(row, (height.min(12) as f64) * 14.5 + 6.0)?;
    }
    Ok(())
}

/// The drop-down of statuses on the 状态 column.
fn status_list(ws: &mut Worksheet, n: usize) -> Result<(), XlsxError> {
    if n == 0 {
        return Ok(());
    }
    let words: Vec<&str> = [Status::InProgress, Status::Phased, Status::Done]
        .iter()
        .map(|s| s.label())
        .collect();
    let v = DataValidation::new()
        .allow_list_strings(&words)?
        .set_error_title("状态无效")?
        .set_error_message("请从下拉列表中选择：推进中、取得阶段性成效、已完成")?
        .set_error_style(DataValidationErrorStyle::Stop);
    let col = Column::ALL
        .iter()
        .position(|&c| c == Column::Status)
        .unwrap_or(0) as u16;
    let first = HEADER_ROW + 1;
    ws.add_data_validation(first, col, first + n as u32 - 1, col, &v)?;
    Ok(())
}

/// The hidden sheet: identity, unit, month, then each measure's locked
/// cells as written on the form.
fn identity_sheet(ws: &mut Worksheet, t: &Template) -> Result<(), XlsxError> {
    ws.set_name(IDENTITY_SHEET)?;
    let text = Format::new().set_num_format("@");
    let pairs = [
        (MARK, "1".to_string()),
        (PLAN_KEY, t.identity.clone()),
        (UNIT_KEY, t.unit.clone()),
        (MONTH_KEY, t.month.format("%Y-%m").to_string()),
        (ROWS_KEY, String::new()),
    ];
    for (r, (key, value)) in pairs.iter().enumerate() {
        ws.write_string_with_format(r as u32, 0, *key, &text)?;
        ws.write_string_with_format(r as u32, 1, value, &text)?;
    }
    for (k, r) in t.rows.iter().enumerate() {
        let row = pairs.len() as u32 + k as u32;
        for (c, col) in Column::locked_columns().enumerate() {
            ws.write_string_with_format(row, c as u16, locked_text(r, col), &text)?;
        }
    }
    ws.protect();
    ws.set_hidden(true);
    Ok(())
}

/// The form's bytes; `created` (UTC) is the time the file says it was
/// made.
pub fn template(t: &Template, created: NaiveDateTime) -> Result<Vec<u8>> {
    let build = || -> Result<Vec<u8>, XlsxError> {
        let mut wb = Workbook::new();
        wb.set_properties(&properties(created)?);
        let ws = wb.add_worksheet();
        ws.set_name("填报表")?;
        heading(ws, t)?;
        rows(ws, t)?;
        status_list(ws, t.rows.len())?;
        ws.set_freeze_panes(HEADER_ROW + 1, 2)?;
        ws.set_paper_size(8);
        ws.set_landscape();
        ws.set_print_fit_to_pages(1, 0);
        ws.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
        ws.set_footer("&C第&P页 共&N页");
        ws.protect();
        identity_sheet(wb.add_worksheet(), t)?;
        wb.save_to_buffer()
    };
    build().context("无法生成填报表")
}
