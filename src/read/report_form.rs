//! A filled report form read back from a workbook or CSV: which plan, unit
//! and month it is for, where its columns are (found by their headers, so
//! a moved column is still read), and its measure rows with their cells.
//! Nothing is judged here but the form's shape; `views::intake` checks
//! the contents.

use super::sheet::{Book, Cell, Grid, address};
use crate::cli::value;
use crate::diagnostic::Diagnostic;
use crate::model::report_form::{
    Column, IDENTITY_SHEET, MARK, MONTH_KEY, PLAN_KEY, ROWS_KEY, UNIT_KEY,
};
use std::collections::HashMap;

/// What the form says it is for.
#[derive(Debug, Clone, PartialEq)]
pub struct Stamp {
    /// The plan's identity from the hidden sheet (none in a CSV).
    pub plan: Option<String>,
    /// The plan's title from the visible heading.
    pub plan_title: Option<String>,
    pub unit: String,
    pub month: String,
}

/// One measure's row (a row whose 编号 is a measure id).
#[derive(Debug, Clone, PartialEq)]
pub struct FormRow {
    /// 0-based row of the sheet.
    pub row: usize,
    pub id: String,
    pub cells: HashMap<Column, Cell>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FilledForm {
    /// `file!` before a cell's address.
    pub display: String,
    pub stamp: Stamp,
    /// The unit and month cells of the visible heading, with their places.
    pub shown_unit: Option<(String, String)>,
    pub shown_month: Option<(String, String)>,
    pub columns: HashMap<Column, usize>,
    pub rows: Vec<FormRow>,
    /// Each measure's locked cells as rectify wrote them (hidden sheet).
    pub copies: Option<Vec<(String, Vec<String>)>>,
}

impl FilledForm {
    /// `file!E7` for a row's cell in `column`.
    pub fn place(&self, row: usize, column: Column) -> String {
        let col = self.columns.get(&column).copied().unwrap_or(0);
        format!("{}!{}", self.display, address(row, col))
    }
}

/// The columns the form cannot be read without.
const REQUIRED: [Column; 4] = [Column::Id, Column::Progress, Column::Status, Column::Date];

/// Reads the form out of `book`; every problem with its shape at once.
pub fn read(book: &Book, display: &str) -> Result<FilledForm, Vec<Diagnostic>> {
    let not_form = || {
        vec![
            Diagnostic::error("不是 rectify 生成的填报表（没有找到“编号”“本月进展”等表头）")
                .at(display.to_string(), None)
                .help("用 rectify template 生成填报表，填好后再导入"),
        ]
    };
    let identity = book
        .iter()
        .find(|(name, g)| name == IDENTITY_SHEET && g.get(0, 0).text() == MARK)
        .map(|(_, g)| g);
    let Some((_, grid)) = book.iter().find(|(name, _)| name != IDENTITY_SHEET) else {
        return Err(not_form());
    };
    let Some((header, columns)) = header(grid) else {
        return Err(not_form());
    };
    let missing: Vec<Diagnostic> = REQUIRED
        .iter()
        .filter(|c| !columns.contains_key(c))
        .map(|c| {
            Diagnostic::error(format!("表头缺少“{}”列", c.label()))
                .at(format!("{display}!{}", address(header, 0)), None)
                .help("不要删除或改动表头；可重新生成填报表")
        })
        .collect();
    if !missing.is_empty() {
        return Err(missing);
    }
    let shown = |label: &str| shown_value(grid, header, label, display);
    let shown_unit = shown("单位");
    let shown_month = shown("月份");
    let stamp = match identity {
        Some(g) => Stamp {
            plan: Some(keyed(g, PLAN_KEY)),
            plan_title: shown("方案").map(|(v, _)| v),
            unit: keyed(g, UNIT_KEY),
            month: keyed(g, MONTH_KEY),
        },
        None => match (&shown_unit, &shown_month) {
            (Some((unit, _)), Some((month, _))) => Stamp {
                plan: None,
                plan_title: shown("方案").map(|(v, _)| v),
                unit: unit.clone(),
                month: month.clone(),
            },
            _ => return Err(not_form()),
        },
    };
    let rows = (header + 1..grid.rows.len())
        .filter_map(|r| form_row(grid, r, &columns))
        .collect();
    Ok(FilledForm {
        display: display.to_string(),
        stamp,
        shown_unit,
        shown_month,
        columns,
        rows,
        copies: identity.map(copies),
    })
}

/// The header row (within the first 30) and where each column is.
fn header(grid: &Grid) -> Option<(usize, HashMap<Column, usize>)> {
    (0..grid.rows.len().min(30)).find_map(|r| {
        let columns: HashMap<Column, usize> = (0..grid.rows[r].len())
            .filter_map(|c| Column::from_header(&grid.get(r, c).text()).map(|col| (col, c)))
            .collect();
        (columns.contains_key(&Column::Id) && columns.contains_key(&Column::Progress))
            .then_some((r, columns))
    })
}

/// The value after a label (单位, 月份, 方案) above the header, with its place.
fn shown_value(grid: &Grid, header: usize, label: &str, display: &str) -> Option<(String, String)> {
    (0..header).find_map(|r| {
        let row = grid.rows.get(r)?;
        let c = (0..row.len()).find(|&c| grid.get(r, c).text() == label)?;
        Some((
            grid.get(r, c + 1).text(),
            format!("{display}!{}", address(r, c + 1)),
        ))
    })
}

/// The value for `key` in the identity sheet.
fn keyed(g: &Grid, key: &str) -> String {
    (0..g.rows.len())
        .find(|&r| g.get(r, 0).text() == key)
        .map(|r| g.get(r, 1).text())
        .unwrap_or_default()
}

/// The locked cells of each measure, as written.
fn copies(g: &Grid) -> Vec<(String, Vec<String>)> {
    let Some(start) = (0..g.rows.len()).find(|&r| g.get(r, 0).text() == ROWS_KEY) else {
        return Vec::new();
    };
    let n = Column::locked_columns().count();
    (start + 1..g.rows.len())
        .filter(|&r| !g.get(r, 0).is_empty())
        .map(|r| {
            let texts = (0..n).map(|c| g.get(r, c).text()).collect::<Vec<_>>();
            (texts[0].clone(), texts)
        })
        .collect()
}

/// A row whose 编号 is a measure id; other rows (blank, notes) are not
/// measure rows.
fn form_row(grid: &Grid, r: usize, columns: &HashMap<Column, usize>) -> Option<FormRow> {
    let id_text = grid.get(r, *columns.get(&Column::Id)?).text();
    let id = value::measure_id(&id_text).ok()?;
    let cells = columns
        .iter()
        .map(|(&col, &c)| (col, grid.get(r, c).clone()))
        .collect();
    Some(FormRow {
        row: r,
        id: id.0,
        cells,
    })
}
