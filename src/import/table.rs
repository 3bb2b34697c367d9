//! Measures laid out as a table: pasted from Word as tab-separated rows,
//! or one cell per line under a header of one word per line.
//!
//! A header row names at least three known columns, among them the
//! measures and a unit column. Rows of tab-separated cells may wrap: a line
//! continues the cell it breaks. Rows of one cell per line are delimited by
//! the serial number when there is one; a row with more lines than columns
//! has wrapped cells, and the lines are laid out over the columns so that
//! each fits (a unit list, a deadline, a number), the extra lines going to
//! the text columns.

use super::annotation::{self, Field};
use super::deadline_phrase;
use super::unit_list;

/// What a column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Column {
    Serial,
    Problem,
    Measures,
    /// A labelled annotation field (牵头单位, 责任领导, 整改时限…).
    Field(Field, String),
    Other(String),
}

impl Column {
    fn of(word: &str) -> Column {
        let w: String = word.chars().filter(|c| !c.is_whitespace()).collect();
        match w.as_str() {
            "序号" | "编号" => Column::Serial,
            "反馈问题" | "存在问题" | "问题" | "问题清单" | "检视问题" | "问题表现"
            | "具体问题" | "问题描述" => Column::Problem,
            "整改措施" | "具体措施" | "整改举措" | "整改任务" => Column::Measures,
            _ => match annotation::field_of(&w) {
                Some(f) => Column::Field(f, w),
                None => Column::Other(w),
            },
        }
    }

    fn is_text(&self) -> bool {
        matches!(
            self,
            Column::Problem | Column::Measures | Column::Other(_) | Column::Field(Field::Goal, _)
        )
    }

    /// How well `cell` fits this column: higher is better.
    fn fit(&self, cell: &str) -> i32 {
        let cell = cell.trim();
        match self {
            Column::Serial => {
                if cell.chars().all(|c| c.is_ascii_digit()) && !cell.is_empty() {
                    3
                } else {
                    -3
                }
            }
            Column::Field(Field::Deadline, _) => {
                let d = deadline_phrase::parse(cell);
                if !d.milestones.is_empty() || d.ongoing || d.immediate || d.recurring.is_some() {
                    2
                } else {
                    -1
                }
            }
            Column::Field(Field::Lead | Field::Responsible | Field::Cooperating, _) => {
                if cell.is_empty() {
                    0
                } else if unit_list::split(cell, &[]).doubtful.is_empty() {
                    2
                } else {
                    -2
                }
            }
            Column::Field(Field::Person, _) => {
                if cell.chars().count() <= 16 && !cell.ends_with('。') {
                    1
                } else {
                    -2
                }
            }
            _ => 0,
        }
    }
}

/// A table's header: its columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub columns: Vec<Column>,
}

impl Header {
    /// A header from its cells, if they name a table of measures.
    pub fn of(cells: &[&str]) -> Option<Header> {
        let columns: Vec<Column> = cells.iter().map(|c| Column::of(c)).collect();
        let known = columns
            .iter()
            .filter(|c| !matches!(c, Column::Other(_)))
            .count();
        let has_measures = columns.contains(&Column::Measures);
        let has_units = columns.iter().any(|c| {
            matches!(
                c,
                Column::Field(Field::Lead | Field::Responsible | Field::Cooperating, _)
            )
        });
        (known >= 3 && has_measures && has_units).then_some(Header { columns })
    }
}

/// One row: its first line and its cells, one per column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub line: usize,
    pub cells: Vec<String>,
}

/// A table found at a line: its header, rows, and the index of the first
/// line after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub header: Header,
    pub rows: Vec<Row>,
    pub end: usize,
    /// Rows with fewer cells than columns: (line, cells found).
    pub short_rows: Vec<(usize, usize)>,
}

/// A table whose header is at `lines[start]` (tab-separated) or begins
/// there (one word per line). `stop` tells a line that ends the table.
pub fn at(lines: &[(usize, &str)], start: usize, stop: &dyn Fn(&str) -> bool) -> Option<Table> {
    let (_, first) = lines.get(start)?;
    let maybe_header = first.contains('\t')
        || (first.chars().count() <= 8 && !matches!(Column::of(first), Column::Other(_)));
    if !maybe_header {
        return None;
    }
    if first.contains('\t') {
        let cells: Vec<&str> = first.split('\t').collect();
        let header = Header::of(&cells)?;
        return Some(tab_rows(lines, start + 1, header, stop));
    }
    let words: Vec<&str> = lines[start..]
        .iter()
        .take(16)
        .map(|(_, l)| *l)
        .take_while(|l| {
            !l.is_empty() && !matches!(Column::of(l), Column::Other(_)) && l.chars().count() <= 8
        })
        .collect();
    let header = Header::of(&words)?;
    Some(cell_rows(lines, start + words.len(), header, stop))
}

fn tab_rows(
    lines: &[(usize, &str)],
    from: usize,
    header: Header,
    stop: &dyn Fn(&str) -> bool,
) -> Table {
    let n = header.columns.len();
    let mut rows: Vec<Row> = Vec::new();
    let mut current: Option<Row> = None;
    let mut k = from;
    while k < lines.len() {
        let (line_no, text) = lines[k];
        if stop(text) {
            break;
        }
        let complete = current.as_ref().is_some_and(|r| r.cells.len() >= n);
        if text.trim().is_empty() {
            if complete {
                break;
            }
            k += 1;
            continue;
        }
        let pieces: Vec<&str> = text.split('\t').collect();
        let starts_row = pieces.len() > 1 && (complete || current.is_none());
        match (&mut current, starts_row) {
            (Some(row), false) => {
                // A wrapped cell: the first piece continues the last cell.
                if let Some(last) = row.cells.last_mut() {
                    last.push_str(pieces[0].trim());
                }
                row.cells
                    .extend(pieces[1..].iter().map(|p| p.trim().to_string()));
            }
            (_, true) | (None, false) => {
                rows.extend(current.take());
                current = Some(Row {
                    line: line_no,
                    cells: pieces.iter().map(|p| p.trim().to_string()).collect(),
                });
            }
        }
        k += 1;
    }
    rows.extend(current);
    finish(header, rows, k)
}

fn finish(header: Header, mut rows: Vec<Row>, end: usize) -> Table {
    let n = header.columns.len();
    let mut short_rows = Vec::new();
    for row in &mut rows {
        if row.cells.len() < n {
            short_rows.push((row.line, row.cells.len()));
            row.cells.resize(n, String::new());
        }
        if row.cells.len() > n {
            let extra = row.cells.split_off(n);
            if let Some(last) = row.cells.last_mut() {
                last.push_str(&extra.concat());
            }
        }
    }
    Table {
        header,
        rows,
        end,
        short_rows,
    }
}

fn cell_rows(
    lines: &[(usize, &str)],
    from: usize,
    header: Header,
    stop: &dyn Fn(&str) -> bool,
) -> Table {
    let end = lines[from..]
        .iter()
        .position(|(_, l)| stop(l))
        .map_or(lines.len(), |p| from + p);
    let mut body: Vec<(usize, &str)> = lines[from..end].to_vec();
    while body.last().is_some_and(|(_, l)| l.is_empty()) {
        body.pop();
    }
    let serial = header.columns.first() == Some(&Column::Serial);
    let mut groups: Vec<Vec<(usize, &str)>> = Vec::new();
    if serial {
        let mut next = 1u32;
        for &(no, l) in &body {
            if l.trim().parse::<u32>().ok() == Some(next) {
                groups.push(Vec::new());
                next += 1;
            }
            match groups.last_mut() {
                Some(g) => g.push((no, l)),
                None => groups.push(vec![(no, l)]),
            }
        }
    } else {
        groups = body
            .chunks(header.columns.len())
            .map(<[(usize, &str)]>::to_vec)
            .collect();
    }
    let rows = groups
        .into_iter()
        .map(|g| Row {
            line: g.first().map_or(0, |x| x.0),
            cells: lay_out(&header.columns, &g.iter().map(|x| x.1).collect::<Vec<_>>()),
        })
        .collect();
    finish(header, rows, end)
}

/// Lays `lines` out over `columns`: each line starts the next cell or
/// continues a text cell; the layout where the cells fit best wins.
fn lay_out(columns: &[Column], lines: &[&str]) -> Vec<String> {
    let (n, k) = (lines.len(), columns.len());
    if n <= k {
        return lines.iter().map(|l| l.to_string()).collect();
    }
    // best[i][j]: best score with lines[..i] laid out, line i-1 in column j-1.
    const NONE: i32 = i32::MIN / 2;
    let mut best = vec![vec![NONE; k + 1]; n + 1];
    let mut starts = vec![vec![false; k + 1]; n + 1];
    best[0][0] = 0;
    for i in 1..=n {
        let line = lines[i - 1];
        for j in 1..=k.min(i) {
            let start = best[i - 1][j - 1].saturating_add(columns[j - 1].fit(line));
            let cont = if columns[j - 1].is_text() && !line.is_empty() && i > 1 {
                best[i - 1][j]
            } else {
                NONE
            };
            if start >= cont {
                best[i][j] = start;
                starts[i][j] = true;
            } else {
                best[i][j] = cont;
            }
        }
    }
    let mut cells = vec![String::new(); k];
    let (mut i, mut j) = (n, k);
    while i > 0 && j > 0 {
        let line = lines[i - 1];
        cells[j - 1].insert_str(0, line);
        if starts[i][j] {
            j -= 1;
        }
        i -= 1;
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbered(text: &str) -> Vec<(usize, &str)> {
        text.lines().enumerate().map(|(i, l)| (i + 1, l)).collect()
    }

    #[test]
    fn tab_separated_with_a_wrapped_cell_and_an_empty_one() {
        let text = "序号\t反馈问题\t牵头单位\t责任单位\t整改时限\t整改措施\n1\t问题甲\t县水务局\t\t2023年6月底前\t开展排查，\n建立台账。\n2\t\t县财政局\t县审计局\t立行立改\t清理资金。\n";
        let lines = numbered(text);
        let t = at(&lines, 0, &|_| false).expect("table");
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].cells[5], "开展排查，建立台账。");
        assert_eq!(t.rows[0].cells[3], "");
        assert_eq!(t.rows[1].line, 4);
        assert!(t.short_rows.is_empty());
    }

    #[test]
    fn one_cell_per_line_with_a_wrapped_measure() {
        let text = "序号\n问题\n牵头单位\n整改时限\n整改措施\n1\n问题甲\n县水务局\n2023年6月底前\n开展排查，\n建立台账。\n2\n问题乙\n县财政局\n长期坚持\n清理资金。";
        let lines = numbered(text);
        let t = at(&lines, 0, &|_| false).expect("table");
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].cells[4], "开展排查，建立台账。");
        assert_eq!(t.rows[1].cells[2], "县财政局");
    }

    #[test]
    fn a_wrapped_problem_cell_goes_to_the_text_column() {
        let cols = vec![
            Column::Serial,
            Column::Problem,
            Column::Field(Field::Lead, "牵头单位".into()),
            Column::Field(Field::Deadline, "整改时限".into()),
            Column::Measures,
        ];
        let cells = lay_out(
            &cols,
            &[
                "3",
                "问题的前半句",
                "后半句。",
                "县水务局",
                "2023年底前",
                "措施。",
            ],
        );
        assert_eq!(cells[1], "问题的前半句后半句。");
        assert_eq!(cells[2], "县水务局");
    }
}
