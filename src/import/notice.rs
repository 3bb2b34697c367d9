//! The pipeline: a notice's text to a plan, stage by stage.
//!
//! [`sections`] chooses the problem section; [`header`] reads the title and
//! date; [`body`] finds problems, findings and annotated items (tables
//! included); [`measures`] turns items into measures with their units and
//! deadlines; [`office`] finds the reporting rhythm and the office;
//! [`counts`] checks the totals the notice states. Every stage reports
//! what it inferred or doubted with its line.
//!
//! [`sections`]: super::sections
//! [`header`]: super::header
//! [`body`]: super::body
//! [`measures`]: super::measures
//! [`office`]: super::office
//! [`counts`]: super::counts

use super::body::{BodyParser, ProblemDraft, clip};
use super::counts::{self, Stated};
use super::measures::Builder;
use super::office;
use super::report::{Import, Note, ProblemReport};
use super::units::UnitTable;
use super::{header, sections};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Level, Measure, Plan, Problem, Units};
use std::collections::HashMap;

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Facts the notice cannot tell: aliases, the office, group units, names
    /// that contain 、.
    pub units: Option<Units>,
    /// Write the plan even when the stated counts do not match.
    pub force: bool,
}

/// Imports a notice's text.
pub fn import(text: &str, opts: &ImportOptions) -> Import {
    let lines: Vec<&str> = text
        .lines()
        .map(|l| l.trim_matches(|c: char| (c.is_whitespace() && c != '\t') || c == '\u{3000}'))
        .collect();
    if text.trim().is_empty() {
        return Import::failed(vec![
            Diagnostic::error("通知是空的").help("检查文件是否选对"),
        ]);
    }
    let mut diags = Vec::new();
    let mut notes = Vec::new();
    let sections = sections::find(&lines);
    if let Some(k) = sections.chosen
        && sections.headings.len() > 1
    {
        let (i, title) = &sections.headings[k];
        notes.push(Note::inference(
            i + 1,
            format!("问题清单取自“{}”一节（其中的措施带有标注）", clip(title)),
        ));
    }
    let first_heading = sections.headings.first().map(|h| h.0);
    let Some(head) = header::read(&lines, first_heading, &mut diags) else {
        return Import::failed(diags);
    };
    let body_lines: Vec<(usize, &str)> =
        sections.range.clone().map(|i| (i + 1, lines[i])).collect();
    let preamble: String = body_lines
        .iter()
        .take_while(|(_, l)| super::markers::problem_heading(l).is_none())
        .map(|(_, l)| *l)
        .collect();
    let heading_level = if preamble.contains("中央") || text.contains("中央农村工作领导小组反馈")
    {
        Level::Central
    } else {
        Level::Unspecified
    };
    let body = BodyParser::new(heading_level).run(&body_lines);
    outside_annotations(&lines, &sections.range, &mut diags);
    let annotations_found = body.annotations_found + outside_count(&lines, &sections.range);
    diags.extend(body.diagnostics);
    if body.problems.is_empty() {
        diags.push(
            Diagnostic::error("找不到任何问题标题(如“(一)……”)")
                .help("问题应以(一)(二)……开头,各占一段;表格应有“反馈问题”一列"),
        );
        return Import {
            annotations_found,
            ..Import::failed(diags)
        };
    }

    let mut units = UnitTable::new(opts.units.clone().unwrap_or_default());
    let built = Builder::new(&mut units, head.issued).run(&body.items);
    let (measures, reports) = (built.measures, built.reports);
    diags.extend(built.diagnostics);
    let mut per_problem: HashMap<u32, Vec<_>> = HashMap::new();
    for r in reports {
        let p =
            r.id.split('.')
                .next()
                .and_then(|p| p.parse().ok())
                .unwrap_or(0);
        per_problem.entry(p).or_default().push(r);
    }
    let problem_reports: Vec<ProblemReport> = body
        .problems
        .iter()
        .map(|p| ProblemReport {
            number: p.number,
            title: p.title.clone(),
            line: p.line,
            measures: per_problem.remove(&p.number).unwrap_or_default(),
        })
        .collect();
    for p in &problem_reports {
        if p.measures.is_empty() {
            diags.push(
                Diagnostic::error(format!("问题({})没有找到任何带标注的措施", p.number))
                    .line(p.line)
                    .help("每项措施后应有〔牵头单位…;整改时限…〕"),
            );
        }
    }

    let numbered: Vec<(usize, &str, bool)> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| (i + 1, *l, sections.range.contains(&i)))
        .collect();
    let sentences = office::sentences(&numbered);
    let last_milestone = measures
        .iter()
        .flat_map(|m| m.deadline.milestones.iter().map(|x| x.date))
        .max()
        .unwrap_or(head.issued);
    let rhythm = office::find(&sentences, head.issued, last_milestone);
    let reporting = match rhythm.rule {
        Some((rule, line)) => {
            let day = match (rule.quarterly, rule.day) {
                (true, _) => "每季度最后一天".to_string(),
                (false, 31) => "每月最后一天".to_string(),
                (false, d) => format!("每月{d}日"),
            };
            notes.push(Note::inference(line, format!("报送时间：{day}前")));
            rule
        }
        None => {
            diags.push(
                Diagnostic::warning("找不到报送要求(每月某日前报送),按每月10日、自印发当月起计")
                    .help("在计划文件的 [reporting] 中手工改正"),
            );
            crate::model::ReportingRule {
                first_month: head.issued.with_day0(0).unwrap_or(head.issued),
                last_month: last_milestone.with_day0(0).unwrap_or(last_milestone),
                ..Default::default()
            }
        }
    };
    if let Some((name, _, line)) = &rhythm.office {
        notes.push(Note::inference(
            *line,
            format!("报送对象（领导小组办公室）：{name}"),
        ));
    }
    match units.add_office(rhythm.office.map(|(n, note, _)| (n, note))) {
        None => diags.push(
            Diagnostic::warning("找不到领导小组办公室(报送对象)")
                .help("在单位文件中登记一个 office = true 的单位"),
        ),
        Some((id, true)) => diags.push(Diagnostic::warning(format!(
            "领导小组办公室“{}”也出现在措施的单位中",
            units.units[id.0].name
        ))),
        Some(_) => {}
    }
    let (units, pairs) = units.finish();
    for (a, b) in pairs {
        diags.push(
            Diagnostic::warning(format!("“{a}”和“{b}”可能是同一个单位的两种写法"))
                .help("若是,在单位文件中把其中一个登记为另一个的别名(aliases)"),
        );
    }
    for u in &units {
        if let Some(p) = crate::model::unit::name_problem(&u.name) {
            diags.push(Diagnostic::error(format!(
                "单位名称“{}”不可用: {p}",
                u.name
            )));
        }
    }

    let stated = counts::find(&sentences);
    check_counts(
        stated.as_ref(),
        &measures,
        &body.problems,
        opts.force,
        &mut diags,
        &mut notes,
    );

    let measures_found = measures.len();
    let has_errors = diags.iter().any(|d| d.severity == Severity::Error);
    let plan = (!has_errors).then(|| {
        Plan::new(
            head.title,
            head.notice_title,
            head.issuer.unwrap_or_default(),
            head.issued,
            head.addressees,
            stated.as_ref().and_then(|s| s.measures),
            reporting,
            Units::new(units),
            body.problems
                .into_iter()
                .map(|p| Problem {
                    number: p.number,
                    title: p.title,
                    findings: p.findings,
                })
                .collect(),
            measures,
        )
    });
    Import {
        plan,
        diagnostics: diags,
        problems: problem_reports,
        notes,
        measures_found,
        annotations_found,
    }
}

use chrono::Datelike;

/// Annotations outside the problem section belong to no measure.
fn outside_annotations(
    lines: &[&str],
    range: &std::ops::Range<usize>,
    diags: &mut Vec<Diagnostic>,
) {
    for (i, l) in lines.iter().enumerate() {
        if range.contains(&i) {
            continue;
        }
        if let Ok(segs) = super::segments::segments(l) {
            for s in segs {
                if let super::segments::Seg::Annot(a) = s {
                    diags.push(
                        Diagnostic::error(format!(
                            "标注不在任何问题之下,无法归属: 〔{}〕",
                            clip(&a)
                        ))
                        .line(i + 1)
                        .help("标注应紧跟在“存在问题及整改措施”部分某项措施之后"),
                    );
                }
            }
        }
    }
}

fn outside_count(lines: &[&str], range: &std::ops::Range<usize>) -> usize {
    lines
        .iter()
        .enumerate()
        .filter(|(i, _)| !range.contains(i))
        .filter_map(|(_, l)| super::segments::segments(l).ok())
        .flatten()
        .filter(|s| matches!(s, super::segments::Seg::Annot(_)))
        .count()
}

/// Holds the found measures and problems against the stated counts.
fn check_counts(
    stated: Option<&Stated>,
    measures: &[Measure],
    problems: &[ProblemDraft],
    force: bool,
    diags: &mut Vec<Diagnostic>,
    notes: &mut Vec<Note>,
) {
    let Some(s) = stated else {
        return;
    };
    notes.push(Note::inference(
        s.line,
        format!("应有数目取自“{}”", clip(&s.sentence)),
    ));
    let force_note = if force { "(已按 --force 继续)" } else { "" };
    let severity = |d: Diagnostic| {
        if force {
            Diagnostic {
                severity: Severity::Warning,
                ..d
            }
        } else {
            d
        }
    };
    if let Some(n) = s.measures
        && n as usize != measures.len()
    {
        diags.push(severity(
            Diagnostic::error(format!(
                "通知说共有 {n} 条措施,实际找到 {} 条{force_note}",
                measures.len()
            ))
            .line(s.line)
            .help("对照各问题的措施数(--check 可列出)找出漏掉或多出的标注;确认无误可加 --force"),
        ));
    }
    if let Some(n) = s.problems
        && n as usize != problems.len()
    {
        diags.push(severity(
            Diagnostic::error(format!(
                "通知说共有 {n} 个方面的问题,实际找到 {} 个{force_note}",
                problems.len()
            ))
            .line(s.line)
            .help("检查问题标题(一)(二)……是否各占一段;确认无误可加 --force"),
        ));
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    const ANNOTATION: &str = "〔牵头单位:市水务局;整改时限:2022年7月31日前〕";

    #[derive(Debug, Clone)]
    enum Piece {
        Heading,
        Measure { text: bool, same_line: bool },
        SubItem,
        Noise(String),
    }

    fn piece() -> impl Strategy<Value = Piece> {
        prop_oneof![
            Just(Piece::Heading),
            (any::<bool>(), any::<bool>())
                .prop_map(|(text, same_line)| Piece::Measure { text, same_line }),
            Just(Piece::SubItem),
            "[a-z一二是。,:、]{0,12}".prop_map(Piece::Noise),
        ]
    }

    fn render(pieces: &[Piece]) -> (String, usize) {
        let numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
        let mut text = String::from("某方案\n2022年1月1日\n");
        let (mut problem, mut measure, mut annotations) = (0, 0, 0);
        for p in pieces {
            match p {
                Piece::Heading => {
                    problem += 1;
                    measure = 0;
                    let n = numerals.get(problem - 1).copied().unwrap_or("十");
                    text.push_str(&format!("({n})问题。\n"));
                }
                Piece::Measure {
                    text: has_text,
                    same_line,
                } => {
                    measure += 1;
                    annotations += 1;
                    let body = if *has_text { "开展工作。" } else { "" };
                    let sep = if *same_line { "" } else { "\n" };
                    text.push_str(&format!("({measure}){body}{sep}{ANNOTATION}\n"));
                }
                Piece::SubItem => {
                    annotations += 1;
                    text.push_str(&format!("二是继续推进。{ANNOTATION}\n"));
                }
                Piece::Noise(n) => {
                    text.push_str(n);
                    text.push('\n');
                }
            }
        }
        (text, annotations)
    }

    proptest! {
        /// Every annotation becomes a measure or is reported; nothing panics.
        #[test]
        fn never_loses_an_annotation(pieces in proptest::collection::vec(piece(), 0..30)) {
            let (text, annotations) = render(&pieces);
            let found = import(&text, &ImportOptions::default());
            let reported = found
                .diagnostics
                .iter()
                .filter(|d| d.message.starts_with("标注"))
                .count();
            prop_assert_eq!(found.annotations_found, annotations, "{}", text);
            prop_assert_eq!(found.measures_found + reported, annotations, "{}", text);
        }

        #[test]
        fn never_panics(text in "\\PC{0,300}") {
            let _ = import(&text, &ImportOptions::default());
        }

        #[test]
        fn never_panics_on_genre_like_text(text in "([(（)）〔〕【】:;：；,、。\\t一二是0-9年月日前季度底牵头单位责任部门领导人整改时限措施指出发现序号问题\\n]){0,200}") {
            let _ = import(&text, &ImportOptions::default());
        }
    }
}
