//! A spreadsheet as a grid of cells, whatever saved it: .xlsx (Excel, WPS),
//! .xls, .ods (LibreOffice) through calamine, or CSV (UTF-8 or GBK, as
//! Excel and WPS save it). Positions are absolute, so `E7` in a message is
//! the cell a person sees; a cell merged down a column carries its value
//! into every row it covers.

use super::regular_file;
use crate::diagnostic::Diagnostic;
use calamine::{Data, DataType, Dimensions, Reader, Sheets, open_workbook_auto_from_rs};
use chrono::NaiveDate;
use std::io::Cursor;
use std::path::Path;

/// The most read from one workbook.
pub const LIMIT: u64 = 64 << 20;

/// One cell's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

impl Cell {
    /// The cell as text, trimmed; a whole number without its `.0`.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.replace("\r\n", "\n").trim().to_string(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Date(d) => d.to_string(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.text().is_empty()
    }
}

/// A sheet's cells by absolute (row, column), from 0.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Grid {
    pub rows: Vec<Vec<Cell>>,
}

const EMPTY: Cell = Cell::Empty;

impl Grid {
    pub fn get(&self, row: usize, col: usize) -> &Cell {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&EMPTY)
    }

    fn set(&mut self, row: usize, col: usize, cell: Cell) {
        if self.rows.len() <= row {
            self.rows.resize(row + 1, Vec::new());
        }
        let r = &mut self.rows[row];
        if r.len() <= col {
            r.resize(col + 1, Cell::Empty);
        }
        r[col] = cell;
    }

    /// Copies the first cell of each region merged down a column into the
    /// rows below it (a region across columns keeps its value in the first).
    fn spread_merges(&mut self, merges: &[Dimensions]) {
        for m in merges {
            let (r0, c0) = (m.start.0 as usize, m.start.1 as usize);
            let value = self.get(r0, c0).clone();
            for r in r0 + 1..=m.end.0 as usize {
                if self.get(r, c0).is_empty() {
                    self.set(r, c0, value.clone());
                }
            }
        }
    }
}

/// A cell's address as a person reads it: `E7`.
pub fn address(row: usize, col: usize) -> String {
    let mut letters = String::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.insert(0, (b'A' + rem as u8) as char);
        n = (n - 1) / 26;
    }
    format!("{letters}{}", row + 1)
}

/// A workbook's sheets by name, in order; hidden ones included.
pub type Book = Vec<(String, Grid)>;

/// Reads the spreadsheet at `path` (`display` names it in messages).
pub fn read(path: &Path, display: &str) -> Result<Book, Diagnostic> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let known = ["xlsx", "xlsm", "xls", "ods", "csv"];
    if !known.contains(&ext.as_str()) {
        return Err(
            Diagnostic::error("不是可以导入的填报表（应为 .xlsx、.xls、.ods 或 .csv）")
                .at(display.to_string(), None)
                .help("在 Excel 或 WPS 中“另存为” .xlsx 后再导入"),
        );
    }
    let bytes = regular_file::read(path, LIMIT).map_err(|d| d.in_file(display))?;
    if ext == "csv" {
        let text = crate::import::decode::decode(&bytes, None).map_err(|e| {
            // The decoder's own hint names the importer's options: not here.
            let what = e
                .downcast_ref::<Diagnostic>()
                .map_or_else(|| format!("{e:#}"), |d| d.message.clone());
            Diagnostic::error(what)
                .at(display.to_string(), None)
                .help("用 Excel 或 WPS 另存为 .xlsx(或 UTF-8 编码的 CSV)后再导入")
        })?;
        return Ok(vec![(String::new(), csv_grid(&text))]);
    }
    let unreadable = |e: calamine::Error| {
        Diagnostic::error(format!("无法读取工作簿：{e}"))
            .at(display.to_string(), None)
            .help("文件可能已损坏或不是表格文件；用 Excel 或 WPS 打开后另存为 .xlsx 再导入")
    };
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(unreadable)?;
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).map_err(unreadable)?;
        let mut grid = Grid::default();
        if let Some((r0, c0)) = range.start() {
            for (r, row) in range.rows().enumerate() {
                for (c, data) in row.iter().enumerate() {
                    let cell = cell(data);
                    if cell != Cell::Empty {
                        grid.set(r0 as usize + r, c0 as usize + c, cell);
                    }
                }
            }
        }
        grid.spread_merges(&merges(&mut book, &name));
        out.push((name, grid));
    }
    Ok(out)
}

/// The merged regions of a sheet, where the format tells them.
fn merges(book: &mut Sheets<Cursor<Vec<u8>>>, name: &str) -> Vec<Dimensions> {
    match book {
        Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
        _ => Vec::new(),
    }
}

fn cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) if s.trim().is_empty() => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(n) => Cell::Number(*n as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Text(b.to_string()),
        Data::DateTime(dt) if dt.is_datetime() => {
            data.as_date().map_or(Cell::Number(dt.as_f64()), Cell::Date)
        }
        Data::DateTime(dt) => Cell::Number(dt.as_f64()),
        Data::DateTimeIso(s) => data.as_date().map_or(Cell::Text(s.clone()), Cell::Date),
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Text(format!("#{e}")),
    }
}

/// A CSV text (RFC 4180: quoted fields, doubled quotes, newlines inside
/// quotes; a comma, or a tab when the first line has no comma).
fn csv_grid(text: &str) -> Grid {
    let first = text.lines().next().unwrap_or_default();
    let sep = if !first.contains(',') && first.contains('\t') {
        '\t'
    } else {
        ','
    };
    let mut grid = Grid::default();
    let (mut row, mut col) = (0, 0);
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    let put = |grid: &mut Grid, row: usize, col: usize, field: &mut String| {
        let f = std::mem::take(field);
        if !f.trim().is_empty() {
            grid.set(row, col, Cell::Text(f));
        }
    };
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            '"' if quoted => quoted = false,
            '"' if field.is_empty() => quoted = true,
            c if c == sep && !quoted => {
                put(&mut grid, row, col, &mut field);
                col += 1;
            }
            '\n' if !quoted => {
                put(&mut grid, row, col, &mut field);
                row += 1;
                col = 0;
            }
            c => field.push(c),
        }
    }
    put(&mut grid, row, col, &mut field);
    grid
}

/// An Excel day number (1900 system, as Excel and WPS count) as a date.
pub fn serial_date(serial: f64) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64;
    // Excel counts a 29 February 1900 that never was (day 60); the days
    // before it start a day later.
    let base = match days {
        60 => return None,
        ..60 => NaiveDate::from_ymd_opt(1899, 12, 31)?,
        _ => NaiveDate::from_ymd_opt(1899, 12, 30)?,
    };
    base.checked_add_signed(chrono::Duration::days(days))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses() {
        assert_eq!(address(0, 0), "A1");
        assert_eq!(address(6, 4), "E7");
        assert_eq!(address(9, 26), "AA10");
    }

    #[test]
    fn serials_are_excel_days() {
        assert_eq!(serial_date(44773.0), NaiveDate::from_ymd_opt(2022, 7, 31));
        assert_eq!(serial_date(44773.75), NaiveDate::from_ymd_opt(2022, 7, 31));
        assert_eq!(serial_date(1.0), NaiveDate::from_ymd_opt(1900, 1, 1));
        assert_eq!(serial_date(0.0), None);
    }

    #[test]
    fn csv_quotes_commas_and_newlines() {
        let g = csv_grid("a,\"b,c\",\"d\"\"e\"\n\"x\ny\",,z \n");
        assert_eq!(g.get(0, 1).text(), "b,c");
        assert_eq!(g.get(0, 2).text(), "d\"e");
        assert_eq!(g.get(1, 0).text(), "x\ny");
        assert_eq!(g.get(1, 1), &Cell::Empty);
        assert_eq!(g.get(1, 2).text(), "z");
    }

    #[test]
    fn merged_down_a_column_fills_every_row() {
        let mut g = Grid::default();
        g.set(2, 1, Cell::Text("无".into()));
        g.spread_merges(&[Dimensions {
            start: (2, 1),
            end: (4, 1),
        }]);
        assert_eq!(g.get(4, 1).text(), "无");
        assert_eq!(g.get(4, 2), &Cell::Empty);
    }
}
