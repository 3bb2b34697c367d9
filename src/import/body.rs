//! The body parser: walks the problem section line by line and owns what
//! it has found so far — the problems, the annotated items, the measure
//! text waiting for its annotation — and the diagnostics.
//!
//! An annotation closes the measure text before it; text after it without
//! a new number is the next sub-item (二是…) of the same measure. An
//! annotation written over several lines of their own (牵头领导:… /
//! 责任部门:… / 完成时限:…) is one annotation. A table of measures is read
//! row by row.

use super::annotation::{self, Annotation, Field};
use super::findings::split_findings;
use super::markers::{measure_marker, measures_label, problem_heading, section_heading};
use super::segments::{Seg, segments};
use super::table::{self, Column, Table};
use crate::diagnostic::Diagnostic;
use crate::model::{Finding, Level};
use crate::punctuation;

/// One annotated item found in a problem.
#[derive(Debug, Clone)]
pub struct Item {
    pub problem: u32,
    pub number: Option<u32>,
    pub text: String,
    pub annotation: Annotation,
    /// The line of the measure text.
    pub line: usize,
    /// The line of the annotation.
    pub annotation_line: usize,
}

/// A problem as found: its heading and findings.
#[derive(Debug, Clone)]
pub struct ProblemDraft {
    pub number: u32,
    pub title: String,
    pub findings: Vec<Finding>,
    pub line: usize,
}

#[derive(PartialEq, Clone, Copy)]
enum Mode {
    Findings,
    Measures,
}

/// The parser's state over the problem section.
pub struct BodyParser {
    pub problems: Vec<ProblemDraft>,
    pub items: Vec<Item>,
    pub annotations_found: usize,
    pub diagnostics: Vec<Diagnostic>,
    heading_level: Level,
    mode: Mode,
    number: Option<u32>,
    pending: String,
    pending_line: usize,
    /// The last thing seen was an annotation (no text since).
    after_annotation: bool,
}

/// The longest an annotation bracket may run over lines.
const MAX_JOINED: usize = 6;

impl BodyParser {
    pub fn new(heading_level: Level) -> BodyParser {
        BodyParser {
            problems: Vec::new(),
            items: Vec::new(),
            annotations_found: 0,
            diagnostics: Vec::new(),
            heading_level,
            mode: Mode::Findings,
            number: None,
            pending: String::new(),
            pending_line: 0,
            after_annotation: false,
        }
    }

    /// Parses `lines` (line number, text), the problem section.
    pub fn run(mut self, lines: &[(usize, &str)]) -> BodyParser {
        let mut k = 0;
        while k < lines.len() {
            let stop = |l: &str| problem_heading(l).is_some() || section_heading(l).is_some();
            if let Some(t) = table::at(lines, k, &stop) {
                self.table(&t);
                k = t.end.max(k + 1);
                continue;
            }
            let (line_no, first) = lines[k];
            let mut logical = first.to_string();
            let mut segs = segments(&logical);
            let mut joined = 0;
            // An annotation bracket may run over several lines.
            while segs.is_err() && k + 1 < lines.len() && joined < MAX_JOINED {
                k += 1;
                joined += 1;
                logical.push_str(lines[k].1);
                segs = segments(&logical);
            }
            k += 1;
            match segs {
                Ok(segs) => segs.into_iter().for_each(|s| self.segment(s, line_no)),
                Err(_) => self.diagnostics.push(
                    Diagnostic::error("标注的括号没有闭合")
                        .line(line_no)
                        .help("补上对应的右括号(〕】］)"),
                ),
            }
        }
        self.flush_pending();
        self
    }

    fn segment(&mut self, seg: Seg, line_no: usize) {
        match seg {
            Seg::Annot(content) => self.annotation(&content, line_no),
            Seg::Text(t) => self.text(t.trim(), line_no),
        }
    }

    fn annotation(&mut self, content: &str, line_no: usize) {
        self.annotations_found += 1;
        let parsed = annotation::parse(content);
        let Some(problem) = self.problems.last().map(|p| p.number) else {
            self.diagnostics.push(
                Diagnostic::error(format!("标注出现在第一个问题之前: 〔{}〕", clip(content)))
                    .line(line_no),
            );
            return;
        };
        let t = self.pending.trim().to_string();
        if t.is_empty() {
            // The rest of an annotation written over lines of their own.
            if self.after_annotation
                && let Some(last) = self.items.last_mut()
                && last.annotation.completes(&parsed)
            {
                last.annotation.merge(parsed);
                self.annotations_found -= 1;
                return;
            }
            self.diagnostics.push(
                Diagnostic::error(format!("标注前没有措施文字: 〔{}〕", clip(content)))
                    .line(line_no)
                    .help("每个标注应紧跟在它所属的措施之后"),
            );
            return;
        }
        self.items.push(Item {
            problem,
            number: self.number,
            text: t,
            annotation: parsed,
            line: self.pending_line,
            annotation_line: line_no,
        });
        self.pending.clear();
        self.mode = Mode::Measures;
        self.after_annotation = true;
    }

    fn text(&mut self, t: &str, line_no: usize) {
        if t.trim_matches(punctuation::is_trimmable).is_empty() {
            return;
        }
        self.after_annotation = false;
        if let Some((n, rest)) = problem_heading(t) {
            self.problem(n, rest, line_no);
            return;
        }
        if self.problems.is_empty() {
            return; // preamble
        }
        let mut t = t;
        if let Some(rest) = measures_label(t) {
            self.flush_pending();
            self.mode = Mode::Measures;
            t = rest.trim();
            if t.is_empty() {
                return;
            }
        }
        if let Some((n, rest)) = measure_marker(t) {
            self.flush_pending();
            self.mode = Mode::Measures;
            self.number = Some(n);
            self.pending = rest.trim().to_string();
            self.pending_line = line_no;
            return;
        }
        match self.mode {
            Mode::Findings => {
                let (before, mut found) = split_findings(t);
                if let Some(p) = self.problems.last_mut() {
                    if !before.is_empty()
                        && let Some(last) = p.findings.last_mut()
                    {
                        last.text.push_str(&before);
                    }
                    p.findings.append(&mut found);
                }
            }
            Mode::Measures => {
                if self.pending.is_empty() {
                    self.pending_line = line_no;
                }
                self.pending.push_str(t);
            }
        }
    }

    fn problem(&mut self, n: u32, rest: &str, line_no: usize) {
        self.flush_pending();
        if let Some(prev) = self.problems.last()
            && n != prev.number + 1
        {
            self.diagnostics.push(
                Diagnostic::warning(format!("问题序号不连续: ({}) 之后是第{n}项", prev.number))
                    .line(line_no),
            );
        }
        let (before, mut findings) = split_findings(rest);
        let title = before.split('。').next().unwrap_or("").trim().to_string();
        let mut all = vec![Finding {
            level: self.heading_level,
            source: None,
            text: before,
        }];
        all.append(&mut findings);
        self.problems.push(ProblemDraft {
            number: n,
            title,
            findings: all,
            line: line_no,
        });
        self.mode = Mode::Findings;
        self.number = None;
    }

    /// Measure text that no annotation followed.
    fn flush_pending(&mut self) {
        let t = self.pending.trim_matches(punctuation::is_trimmable);
        if !t.is_empty() {
            self.diagnostics.push(
                Diagnostic::error(format!(
                    "措施文字后没有标注(牵头单位、整改时限等): “{}”",
                    clip(t)
                ))
                .line(self.pending_line)
                .help("补上〔牵头单位:…;责任单位:…;整改时限:…〕,或确认这段文字不是措施"),
            );
        }
        self.pending.clear();
    }

    /// A table's rows: a problem cell opens a problem; each row is one
    /// measure whose annotation is the row's labelled cells.
    fn table(&mut self, t: &Table) {
        self.flush_pending();
        self.after_annotation = false;
        for &(line, found) in &t.short_rows {
            self.diagnostics.push(
                Diagnostic::warning(format!(
                    "表格这一行只有 {found} 个单元格,表头有 {} 列;缺的按空白处理",
                    t.header.columns.len()
                ))
                .line(line)
                .help("对照原表检查这一行的单元格是否错位"),
            );
        }
        for row in &t.rows {
            let mut a = Annotation::default();
            let mut text = String::new();
            let mut problem_text = String::new();
            for (col, cell) in t.header.columns.iter().zip(&row.cells) {
                let cell = cell.trim();
                match col {
                    Column::Problem => problem_text = cell.to_string(),
                    Column::Measures => text = cell.to_string(),
                    Column::Field(field, label) if !cell.is_empty() => {
                        fill(&mut a, *field, label, cell)
                    }
                    Column::Other(label) if !cell.is_empty() && !label.is_empty() => {
                        a.unknown.push(format!("{label}\u{FF1A}{cell}"))
                    }
                    _ => {}
                }
            }
            if !problem_text.is_empty() {
                let n = self.problems.last().map_or(1, |p| p.number + 1);
                self.problem(n, &problem_text, row.line);
            }
            self.annotations_found += 1;
            let Some(problem) = self.problems.last().map(|p| p.number) else {
                self.diagnostics.push(
                    Diagnostic::error(
                        "表格的这一行不属于任何问题(既没有问题列,前面也没有问题标题)",
                    )
                    .line(row.line),
                );
                continue;
            };
            if text.is_empty() {
                self.diagnostics.push(
                    Diagnostic::error("表格这一行的整改措施是空的")
                        .line(row.line)
                        .help("补上措施,或删去这一行"),
                );
                continue;
            }
            self.items.push(Item {
                problem,
                number: None,
                text,
                annotation: a,
                line: row.line,
                annotation_line: row.line,
            });
        }
        self.mode = Mode::Measures;
    }
}

/// Puts a table cell into the annotation field its column names.
fn fill(a: &mut Annotation, field: Field, label: &str, cell: &str) {
    let cell = cell.to_string();
    match field {
        Field::Lead => a.lead = Some(cell),
        Field::Responsible => a.responsible.push(cell),
        Field::Cooperating => a.cooperating.push(cell),
        Field::Person => a.people.push(format!("{label}\u{FF1A}{cell}")),
        Field::Deadline => a.deadline = Some(cell),
        Field::Goal => a.goal = Some(cell),
        Field::Unknown => a.unknown.push(format!("{label}\u{FF1A}{cell}")),
    }
}

/// The first 29 characters of `s`, with … when cut.
pub fn clip(s: &str) -> String {
    let mut chars = s.chars();
    let head: String = chars.by_ref().take(29).collect();
    if chars.nth(1).is_some() {
        format!("{head}…")
    } else {
        s.to_string()
    }
}
