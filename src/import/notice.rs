//! Finds a notice's structure: header, sections, problems with their
//! findings, measures with their annotations, and the reporting rule.
//!
//! The parser works line by line. A bracket (〔〕【】［］()()) whose content
//! carries a label (牵头单位, 整改时限…) is an annotation, and so is a line
//! that begins with a label. An annotation closes the measure text before
//! it; text after it without a new number is the next sub-item (二是…) of the
//! same measure. A numbered measure with several annotations gets ids
//! `P.M.1`, `P.M.2`…; a problem's unnumbered measure is `P.1`.

use super::annotation::{self, Annotation};
use super::deadline_phrase;
use super::unit_list;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{
    Finding, Level, Measure, MeasureId, Plan, Problem, ReportingRule, Unit, UnitId, Units,
};
use crate::punctuation;
use chrono::{Datelike, NaiveDate};

#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Facts the notice cannot tell: aliases, the office, group units, names
    /// that contain 、.
    pub units: Option<Units>,
    /// Write the plan even when the stated counts do not match.
    pub force: bool,
}

/// What an import found.
#[derive(Debug, Clone)]
pub struct Import {
    /// The plan, when there is no error.
    pub plan: Option<Plan>,
    pub diagnostics: Vec<Diagnostic>,
    /// (problem number, title, measures found).
    pub per_problem: Vec<(u32, String, usize)>,
    pub measures_found: usize,
    pub annotations_found: usize,
}

impl Import {
    pub fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }
}

/// A piece of a line: text, or an annotation's content.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Seg {
    Text(String),
    Annot(String),
}

const OPEN: [(char, char); 6] = [
    ('〔', '〕'),
    ('【', '】'),
    ('［', '］'),
    ('[', ']'),
    ('(', ')'),
    (punctuation::FULL_LEFT_PAREN, punctuation::FULL_RIGHT_PAREN),
];

/// Finds the close of the bracket opened at char index `start`.
fn find_close(chars: &[char], start: usize, open: char, close: char) -> Option<usize> {
    let mut depth = 0;
    for (i, &c) in chars.iter().enumerate().skip(start) {
        if c == open {
            depth += 1;
        } else if c == close {
            depth -= 1;
            if depth == 0 {
                return Some(i);
            }
        }
    }
    None
}

/// Splits a logical line into text and annotations. `Err` carries the char
/// index of a bracket that opens an annotation and never closes.
fn segments(line: &str) -> Result<Vec<Seg>, usize> {
    if annotation::starts_with_label(line) {
        return Ok(vec![Seg::Annot(line.trim().to_string())]);
    }
    let chars: Vec<char> = line.chars().collect();
    let mut out = Vec::new();
    let mut text = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if let Some(&(open, close)) = OPEN.iter().find(|(o, _)| *o == c) {
            match find_close(&chars, i, open, close) {
                Some(end) => {
                    let content: String = chars[i + 1..end].iter().collect();
                    if annotation::has_label(&content) {
                        if !text.trim().is_empty() {
                            out.push(Seg::Text(std::mem::take(&mut text)));
                        }
                        text.clear();
                        out.push(Seg::Annot(content));
                        i = end + 1;
                        continue;
                    }
                }
                None => {
                    let rest: String = chars[i + 1..].iter().collect();
                    if annotation::has_label(&rest) && !punctuation::is_left_paren(open) {
                        return Err(i);
                    }
                }
            }
        }
        text.push(c);
        i += 1;
    }
    if !text.trim().is_empty() {
        out.push(Seg::Text(text));
    }
    Ok(out)
}

/// 一 … 九十九.
fn chinese_number(s: &str) -> Option<u32> {
    let digit = |c: char| {
        "零一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|p| p as u32)
    };
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [a] if *a == '十' => Some(10),
        [a] => digit(*a).filter(|&d| d > 0),
        ['十', b] => digit(*b).map(|d| 10 + d),
        [a, '十'] => digit(*a).map(|d| d * 10),
        [a, '十', b] => Some(digit(*a)? * 10 + digit(*b)?),
        _ => None,
    }
}

/// `一、标题` → (1, "标题").
fn section_heading(line: &str) -> Option<(u32, &str)> {
    let (num, rest) = line.split_once('、')?;
    let n = chinese_number(num.trim())?;
    Some((n, rest))
}

/// `(一)标题` / `(一)标题` → (1, "标题").
fn problem_heading(line: &str) -> Option<(u32, &str)> {
    let first = line
        .chars()
        .next()
        .filter(|&c| punctuation::is_left_paren(c))?;
    let rest = &line[first.len_utf8()..];
    let end = rest.find(punctuation::is_right_paren)?;
    let n = chinese_number(&rest[..end])?;
    let close_len = rest[end..].chars().next().map_or(1, char::len_utf8);
    Some((n, &rest[end + close_len..]))
}

/// A measure number at the start: `(1)`, `(1)`, `1.`, `1、`, `①`.
fn measure_marker(text: &str) -> Option<(u32, &str)> {
    let t = text.trim_start();
    if let Some(open) = t.chars().next().filter(|&c| punctuation::is_left_paren(c)) {
        let rest = &t[open.len_utf8()..];
        let end = rest.find(punctuation::is_right_paren)?;
        let n: u32 = rest[..end].trim().parse().ok()?;
        let close_len = rest[end..].chars().next().map_or(1, char::len_utf8);
        return Some((n, &rest[end + close_len..]));
    }
    let first = t.chars().next()?;
    if ('①'..='⑳').contains(&first) {
        return Some((first as u32 - '①' as u32 + 1, &t[first.len_utf8()..]));
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let after = &t[digits..];
    let sep = after.chars().next()?;
    if matches!(sep, '.' | '、' | punctuation::FULL_STOP_DOT) {
        let rest = &after[sep.len_utf8()..];
        if rest.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            return None;
        }
        return Some((t[..digits].parse().ok()?, rest));
    }
    None
}

/// `整改措施:` at the start.
fn measures_label(text: &str) -> Option<&str> {
    let t = text.trim_start();
    for label in ["整改措施", "整改举措", "具体措施"] {
        if let Some(rest) = t.strip_prefix(label)
            && let Some(r) = punctuation::strip_colon(rest)
        {
            return Some(r);
        }
    }
    None
}

/// A line that is only a date: `2022年7月1日`.
fn date_line(line: &str) -> Option<NaiveDate> {
    let t = line.trim();
    let (y, rest) = t.split_once('年')?;
    let (m, rest) = rest.split_once('月')?;
    let d = rest.strip_suffix('日')?;
    NaiveDate::from_ymd_opt(
        y.trim().parse().ok()?,
        m.trim().parse().ok()?,
        d.trim().parse().ok()?,
    )
}

/// The level of a finding from its lead-in (省对市…指出).
fn level_of(lead_in: &str) -> Level {
    if lead_in.contains("中央") || lead_in.contains("国家") {
        Level::Central
    } else if lead_in.starts_with('省') || lead_in.contains("省对") {
        Level::Provincial
    } else if lead_in.contains("市对") || lead_in.contains("州对") || lead_in.contains("州(市)对")
    {
        Level::Municipal
    } else {
        Level::Unspecified
    }
}

/// Splits a paragraph at finding lead-ins (…指出: / …发现:).
fn split_findings(text: &str) -> (String, Vec<Finding>) {
    let mut cuts: Vec<(usize, usize)> = Vec::new(); // (lead-in start, text start)
    for kw in ["指出", "发现", "反馈"] {
        for (pos, _) in text.match_indices(kw) {
            let after = &text[pos + kw.len()..];
            let Some(colon) = after.chars().next().filter(|&c| punctuation::is_colon(c)) else {
                continue;
            };
            let colon = colon.len_utf8();
            let start = text[..pos].rfind('。').map_or(0, |p| p + '。'.len_utf8());
            cuts.push((start, pos + kw.len() + colon));
        }
    }
    cuts.sort();
    let before = text[..cuts.first().map_or(text.len(), |c| c.0)]
        .trim()
        .to_string();
    let mut findings = Vec::new();
    for (k, &(start, body)) in cuts.iter().enumerate() {
        let end = cuts.get(k + 1).map_or(text.len(), |n| n.0);
        let lead_in = text[start..body]
            .trim_end_matches(punctuation::is_colon)
            .trim();
        findings.push(Finding {
            level: level_of(lead_in),
            source: Some(lead_in.to_string()),
            text: text[body..end].trim().to_string(),
        });
    }
    (before, findings)
}

/// One annotated item found in a problem.
#[derive(Debug, Clone)]
struct Item {
    problem: u32,
    number: Option<u32>,
    text: String,
    annotation: Annotation,
    line: usize,
}

struct ProblemDraft {
    number: u32,
    title: String,
    findings: Vec<Finding>,
    line: usize,
}

#[derive(PartialEq)]
enum Mode {
    Findings,
    Measures,
}

/// Imports a notice's text.
pub fn import(text: &str, opts: &ImportOptions) -> Import {
    let mut diags: Vec<Diagnostic> = Vec::new();
    let lines: Vec<&str> = text
        .lines()
        .map(|l| l.trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}'))
        .collect();

    if text.trim().is_empty() {
        diags.push(Diagnostic::error("通知是空的").help("检查文件是否选对"));
        return failed(diags);
    }

    // Sections: is there one for problems?
    let headings: Vec<(usize, &str)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| section_heading(l).map(|(_, rest)| (i, rest)))
        .collect();
    let problems_section = headings
        .iter()
        .position(|(_, t)| t.contains("问题") || t.contains("清单") || t.contains("措施"));
    let (prob_start, prob_end) = match problems_section {
        Some(k) => (
            headings[k].0 + 1,
            headings.get(k + 1).map_or(lines.len(), |h| h.0),
        ),
        None => (0, lines.len()),
    };

    // Header facts.
    let first_line = lines.iter().find(|l| !l.is_empty()).copied().unwrap_or("");
    let notice_title = first_line.contains("通知").then(|| first_line.to_string());
    let header_end = headings.first().map_or(prob_start, |h| h.0).min(
        lines
            .iter()
            .position(|l| problem_heading(l).is_some())
            .unwrap_or(lines.len()),
    );
    let mut issued = None;
    let mut issuer = None;
    for (i, l) in lines.iter().enumerate() {
        if let Some(d) = date_line(l) {
            issued = Some(d);
            issuer = lines[..i]
                .iter()
                .rev()
                .find(|p| !p.is_empty())
                .filter(|p| !p.ends_with('。') && p.chars().count() < 40)
                .map(|p| p.to_string());
            break;
        }
    }
    if issuer.is_none()
        && let Some(t) = &notice_title
        && let Some(p) = t.find("关于")
    {
        issuer = Some(t[..p].to_string());
    }
    let addressees = lines[..header_end.min(lines.len())]
        .iter()
        .skip(1)
        .find(|l| l.chars().last().is_some_and(punctuation::is_colon) && l.chars().count() < 40)
        .map(|l| l.trim_end_matches(punctuation::is_colon).to_string());
    let title = lines[..header_end.min(lines.len())]
        .iter()
        .find(|l| {
            (l.contains("方案") || l.contains("清单"))
                && !l.contains("通知")
                && !l.ends_with('。')
                && l.chars().count() < 120
        })
        .map(|l| l.to_string())
        .or_else(|| {
            let t = notice_title.as_deref()?;
            let a = t.find('《')?;
            let b = t.find('》')?;
            (b > a).then(|| t[a + '《'.len_utf8()..b].to_string())
        });
    let Some(issued) = issued else {
        diags.push(
            Diagnostic::error("找不到印发日期")
                .help("通知中应有单独一行的日期,如“2022年7月1日”;请补上后重新导入"),
        );
        return failed(diags);
    };
    let title = title.unwrap_or_else(|| {
        diags.push(Diagnostic::warning("找不到方案标题,以首行代替").line(1));
        first_line.to_string()
    });

    // Problems and measures.
    let preamble: String = lines[prob_start..prob_end]
        .iter()
        .take_while(|l| problem_heading(l).is_none())
        .copied()
        .collect();
    let heading_level = if preamble.contains("中央") || text.contains("中央农村工作领导小组反馈")
    {
        Level::Central
    } else {
        Level::Unspecified
    };
    let mut problems: Vec<ProblemDraft> = Vec::new();
    let mut items: Vec<Item> = Vec::new();
    let mut mode = Mode::Findings;
    let mut number: Option<u32> = None;
    let mut pending = String::new();
    let mut pending_line = 0usize;
    let mut annotations_found = 0usize;

    let flush_pending = |pending: &mut String, pending_line: usize, diags: &mut Vec<Diagnostic>| {
        let t = pending.trim_matches(punctuation::is_trimmable);
        if !t.is_empty() {
            diags.push(
                Diagnostic::error(format!(
                    "措施文字后没有标注(牵头单位、整改时限等): “{}”",
                    clip(t)
                ))
                .line(pending_line)
                .help("补上〔牵头单位:…;责任单位:…;整改时限:…〕,或确认这段文字不是措施"),
            );
        }
        pending.clear();
    };

    let mut i = 0;
    while i < lines.len() {
        let line_no = i + 1;
        let mut logical = lines[i].to_string();
        // An annotation bracket may run over several lines.
        let mut segs = segments(&logical);
        let mut joined = 0;
        while segs.is_err() && i + 1 < lines.len() && joined < 6 {
            i += 1;
            joined += 1;
            logical.push_str(lines[i]);
            segs = segments(&logical);
        }
        i += 1;
        let in_problems = (prob_start..prob_end).contains(&(line_no - 1));
        let segs = match segs {
            Ok(s) => s,
            Err(_) => {
                diags.push(
                    Diagnostic::error("标注的括号没有闭合")
                        .line(line_no)
                        .help("补上对应的右括号(〕】］)"),
                );
                continue;
            }
        };
        if !in_problems {
            for s in &segs {
                if let Seg::Annot(a) = s {
                    annotations_found += 1;
                    diags.push(
                        Diagnostic::error(format!(
                            "标注不在任何问题之下,无法归属: 〔{}〕",
                            clip(a)
                        ))
                        .line(line_no)
                        .help("标注应紧跟在“存在问题及整改措施”部分某项措施之后"),
                    );
                }
            }
            continue;
        }
        for seg in segs {
            match seg {
                Seg::Annot(content) => {
                    annotations_found += 1;
                    let Some(problem) = problems.last() else {
                        diags.push(
                            Diagnostic::error(format!(
                                "标注出现在第一个问题之前: 〔{}〕",
                                clip(&content)
                            ))
                            .line(line_no),
                        );
                        continue;
                    };
                    let t = pending.trim().to_string();
                    if t.is_empty() {
                        diags.push(
                            Diagnostic::error(format!(
                                "标注前没有措施文字: 〔{}〕",
                                clip(&content)
                            ))
                            .line(line_no)
                            .help("每个标注应紧跟在它所属的措施之后"),
                        );
                        continue;
                    }
                    items.push(Item {
                        problem: problem.number,
                        number,
                        text: t,
                        annotation: annotation::parse(&content),
                        line: pending_line,
                    });
                    pending.clear();
                    mode = Mode::Measures;
                }
                Seg::Text(t) => {
                    let mut t = t.trim().to_string();
                    if let Some((n, rest)) = problem_heading(&t) {
                        flush_pending(&mut pending, pending_line, &mut diags);
                        if let Some(prev) = problems.last()
                            && n != prev.number + 1
                        {
                            diags.push(
                                Diagnostic::warning(format!(
                                    "问题序号不连续: ({}) 之后是第{n}项",
                                    prev.number
                                ))
                                .line(line_no),
                            );
                        }
                        let (before, mut findings) = split_findings(rest);
                        let title = before.split('。').next().unwrap_or("").trim().to_string();
                        let mut all = vec![Finding {
                            level: heading_level,
                            source: None,
                            text: before.clone(),
                        }];
                        all.append(&mut findings);
                        problems.push(ProblemDraft {
                            number: n,
                            title,
                            findings: all,
                            line: line_no,
                        });
                        mode = Mode::Findings;
                        number = None;
                        continue;
                    }
                    if problems.is_empty() {
                        continue; // preamble
                    }
                    if let Some(rest) = measures_label(&t) {
                        flush_pending(&mut pending, pending_line, &mut diags);
                        mode = Mode::Measures;
                        t = rest.trim().to_string();
                        if t.is_empty() {
                            continue;
                        }
                    }
                    if let Some((n, rest)) = measure_marker(&t) {
                        flush_pending(&mut pending, pending_line, &mut diags);
                        mode = Mode::Measures;
                        number = Some(n);
                        pending = rest.trim().to_string();
                        pending_line = line_no;
                        continue;
                    }
                    match mode {
                        Mode::Findings => {
                            let (before, mut found) = split_findings(&t);
                            if let Some(p) = problems.last_mut() {
                                if !before.is_empty()
                                    && let Some(last) = p.findings.last_mut()
                                {
                                    last.text.push_str(&before);
                                }
                                p.findings.append(&mut found);
                            }
                        }
                        Mode::Measures => {
                            let trimmed = t.trim_matches(punctuation::is_trimmable);
                            if trimmed.is_empty() {
                                continue;
                            }
                            if pending.is_empty() {
                                pending_line = line_no;
                            }
                            pending.push_str(&t);
                        }
                    }
                }
            }
        }
        if line_no >= prob_end {
            flush_pending(&mut pending, pending_line, &mut diags);
        }
    }
    flush_pending(&mut pending, pending_line, &mut diags);

    if problems.is_empty() {
        diags.push(
            Diagnostic::error("找不到任何问题标题(如“(一)……”)")
                .help("问题应以(一)(二)……开头,各占一段"),
        );
        return Import {
            annotations_found,
            ..failed(diags)
        };
    }

    // Units.
    let file_units = opts.units.clone().unwrap_or_default();
    let whole: Vec<&str> = file_units
        .iter()
        .flat_map(|(_, u)| u.spellings())
        .filter(|s| s.contains(punctuation::is_list_separator))
        .collect();
    let mut units: Vec<Unit> = Vec::new();
    let intern = |name: &str, units: &mut Vec<Unit>| -> UnitId {
        let canonical = match file_units.exact(name) {
            Some(id) => file_units.get(id).clone(),
            None => {
                let mut u = Unit::new(name);
                u.group = name.starts_with('各');
                u
            }
        };
        if let Some(pos) = units.iter().position(|u| u.name == canonical.name) {
            return UnitId(pos);
        }
        units.push(canonical);
        UnitId(units.len() - 1)
    };

    // Ids: a number with several annotations gets sub-ids.
    let mut measures: Vec<Measure> = Vec::new();
    let mut k = 0;
    while k < items.len() {
        let (p, n) = (items[k].problem, items[k].number);
        let group_end = if n.is_some() {
            items[k..]
                .iter()
                .position(|it| it.problem != p || it.number != n)
                .map_or(items.len(), |x| x + k)
        } else {
            k + 1
        };
        let group = &items[k..group_end];
        let base = match n {
            Some(n) => n,
            None => measures.iter().filter(|m| m.problem == p).count() as u32 + 1,
        };
        let heading = if group.len() > 1 {
            group[0].text.find("一是").map(|pos| {
                group[0].text[..pos]
                    .trim_end_matches(punctuation::is_trimmable)
                    .to_string()
            })
        } else {
            None
        };
        for (s, it) in group.iter().enumerate() {
            let id = if group.len() > 1 {
                format!("{p}.{base}.{}", s + 1)
            } else {
                format!("{p}.{base}")
            };
            let mut text = it.text.clone();
            if s == 0
                && let Some(h) = &heading
                && let Some(pos) = text.find("一是")
                && !h.is_empty()
            {
                text = text[pos..].to_string();
            }
            if measures.iter().any(|m| m.id.0 == id) {
                diags.push(
                    Diagnostic::error(format!("措施编号 {id} 重复"))
                        .line(it.line)
                        .help("检查措施序号是否写重"),
                );
            }
            let a = &it.annotation;
            let mut lead = Vec::new();
            let mut responsible = Vec::new();
            match &a.lead {
                Some(l) => {
                    let split = unit_list::split(l, &whole);
                    report_doubtful(&split, l, it.line, &mut diags);
                    for name in &split.names {
                        let u = intern(name, &mut units);
                        if !lead.contains(&u) {
                            lead.push(u);
                        }
                    }
                }
                None => diags.push(
                    Diagnostic::error(format!("措施 {id} 的标注没有牵头单位"))
                        .line(it.line)
                        .help("在标注中写明“牵头单位:…”"),
                ),
            }
            for r in &a.responsible {
                let split = unit_list::split(r, &whole);
                report_doubtful(&split, r, it.line, &mut diags);
                for name in &split.names {
                    let u = intern(name, &mut units);
                    if !responsible.contains(&u) && !lead.contains(&u) {
                        responsible.push(u);
                    }
                }
            }
            let deadline = match &a.deadline {
                Some(d) => deadline_phrase::parse(d),
                None => {
                    diags.push(
                        Diagnostic::warning(format!("措施 {id} 没有整改时限"))
                            .line(it.line)
                            .help("在标注中写明“整改时限:…”,或在计划文件中手工补上"),
                    );
                    crate::model::Deadline::default()
                }
            };
            for u in &deadline.undated {
                diags.push(
                    Diagnostic::warning(format!("措施 {id} 的时限“{u}”无法确定日期,已原样保留"))
                        .line(it.line)
                        .help("在计划文件中为该措施手工补上 milestones"),
                );
            }
            for label in &a.repeated {
                diags.push(
                    Diagnostic::warning(format!("措施 {id} 的标注中“{label}”出现了两次,取后一个"))
                        .line(it.line),
                );
            }
            measures.push(Measure {
                id: MeasureId(id),
                problem: p,
                heading: heading.clone().filter(|h| !h.is_empty()),
                text,
                lead,
                responsible,
                deadline,
            });
        }
        k = group_end;
    }

    // Problems with no measure.
    for p in &problems {
        if !measures.iter().any(|m| m.problem == p.number) {
            diags.push(
                Diagnostic::error(format!("问题({})没有找到任何带标注的措施", p.number))
                    .line(p.line)
                    .help("每项措施后应有〔牵头单位…;整改时限…〕"),
            );
        }
    }

    // The reporting rule, and the office.
    let (reporting, office) = reporting_rule(&lines, issued, &measures, &mut diags);
    let office_id = {
        let from_file = file_units.office();
        match (from_file, office) {
            (Some(id), Some((name, _))) => {
                let mut u = file_units.get(id).clone();
                if u.name != name && !u.aliases.contains(&name) {
                    u.aliases.push(name);
                }
                units.push(u);
                Some(UnitId(units.len() - 1))
            }
            (Some(id), None) => {
                units.push(file_units.get(id).clone());
                Some(UnitId(units.len() - 1))
            }
            (None, Some((name, note))) => {
                let mut u = Unit::new(&name);
                u.office = true;
                u.note = note;
                units.push(u);
                Some(UnitId(units.len() - 1))
            }
            (None, None) => None,
        }
    };
    if office_id.is_none() {
        diags.push(
            Diagnostic::warning("找不到领导小组办公室(报送对象)")
                .help("在单位文件中登记一个 office = true 的单位"),
        );
    }
    for (_, u) in file_units.iter() {
        if !units.iter().any(|x| x.name == u.name) {
            units.push(u.clone());
        }
    }
    if let Some(id) = office_id {
        // The office may also appear as an ordinary unit name.
        let office_name = units[id.0].name.clone();
        if units.iter().filter(|u| u.name == office_name).count() > 1 {
            diags.push(Diagnostic::warning(format!(
                "领导小组办公室“{office_name}”也出现在措施的单位中"
            )));
        }
    }
    for (a, b) in likely_aliases(&units, &file_units) {
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

    // Counts the notice states.
    let stated = stated_count(
        text,
        &["条整改措施", "条措施", "项整改措施", "项措施", "条"],
    );
    let force_note = if opts.force {
        "(已按 --force 继续)"
    } else {
        ""
    };
    let severity = |d: Diagnostic| {
        if opts.force {
            Diagnostic {
                severity: Severity::Warning,
                ..d
            }
        } else {
            d
        }
    };
    if let Some(n) = stated
        && n as usize != measures.len()
    {
        diags.push(severity(
            Diagnostic::error(format!(
                "通知说共有 {n} 条措施,实际找到 {} 条{force_note}",
                measures.len()
            ))
            .help("对照各问题的措施数(--check 可列出)找出漏掉或多出的标注;确认无误可加 --force"),
        ));
    }
    if let Some(n) = stated_count(text, &["个方面"])
        && n as usize != problems.len()
    {
        diags.push(severity(
            Diagnostic::error(format!(
                "通知说共有 {n} 个方面的问题,实际找到 {} 个{force_note}",
                problems.len()
            ))
            .help("检查问题标题(一)(二)……是否各占一段;确认无误可加 --force"),
        ));
    }

    let per_problem = problems
        .iter()
        .map(|p| {
            (
                p.number,
                p.title.clone(),
                measures.iter().filter(|m| m.problem == p.number).count(),
            )
        })
        .collect();
    let measures_found = measures.len();
    let has_errors = diags.iter().any(|d| d.severity == Severity::Error);
    let plan = (!has_errors).then(|| {
        Plan::new(
            title,
            notice_title,
            issuer.unwrap_or_default(),
            issued,
            addressees,
            stated,
            reporting,
            Units::new(units),
            problems
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
        per_problem,
        measures_found,
        annotations_found,
    }
}

/// A name reduced to what two spellings of one unit share: without the
/// 市 prefix, 和, a trailing 分局's 分, and anything in brackets.
fn core_name(name: &str) -> String {
    let mut depth = 0;
    let mut out = String::new();
    for c in name.chars() {
        if punctuation::is_left_paren(c) {
            depth += 1;
        } else if punctuation::is_right_paren(c) {
            depth -= 1;
        } else if depth == 0 && c != '和' {
            out.push(c);
        }
    }
    let out = out.strip_prefix('市').unwrap_or(&out).to_string();
    out.replace("分局", "局")
}

/// Pairs of units the notice names differently that look like one unit,
/// unless the units file already says what they are.
fn likely_aliases(units: &[Unit], file_units: &Units) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (i, a) in units.iter().enumerate() {
        for b in &units[i + 1..] {
            if file_units.exact(&a.name).is_some() && file_units.exact(&b.name).is_some() {
                continue;
            }
            if core_name(&a.name) == core_name(&b.name) {
                out.push((a.name.clone(), b.name.clone()));
            }
        }
    }
    out
}

fn failed(diagnostics: Vec<Diagnostic>) -> Import {
    Import {
        plan: None,
        diagnostics,
        per_problem: Vec::new(),
        measures_found: 0,
        annotations_found: 0,
    }
}

fn clip(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() > 30 {
        format!("{}…", chars[..29].iter().collect::<String>())
    } else {
        s.to_string()
    }
}

fn report_doubtful(split: &unit_list::Split, list: &str, line: usize, diags: &mut Vec<Diagnostic>) {
    for piece in &split.doubtful {
        diags.push(
            Diagnostic::warning(format!("“{piece}”看起来不像完整的单位名称(拆自“{list}”)"))
                .line(line)
                .help("若某个含“、”的名称是一个单位,请在单位文件中登记它"),
        );
    }
}

/// `共制定52条整改措施` → 52 (the first number before one of `units`).
fn stated_count(text: &str, units: &[&str]) -> Option<u32> {
    for unit in units {
        for (pos, _) in text.match_indices(unit) {
            let before = &text[..pos];
            let digits: String = before
                .chars()
                .rev()
                .take_while(|c| c.is_ascii_digit())
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            if digits.is_empty() {
                continue;
            }
            let lead = &before[..before.len() - digits.len()];
            let window: String = lead.chars().rev().take(6).collect();
            if window.contains('共') || window.contains("对") || window.contains("针") {
                return digits.parse().ok();
            }
        }
    }
    None
}

/// Section 三's rule: who reports, by which day, in which months, to whom.
fn reporting_rule(
    lines: &[&str],
    issued: NaiveDate,
    measures: &[Measure],
    diags: &mut Vec<Diagnostic>,
) -> (ReportingRule, Option<(String, Option<String>)>) {
    let mut rule = ReportingRule {
        first_month: issued.with_day(1).unwrap_or(issued),
        last_month: measures
            .iter()
            .flat_map(|m| m.deadline.milestones.iter().map(|x| x.date))
            .max()
            .unwrap_or(issued)
            .with_day(1)
            .unwrap_or(issued),
        ..ReportingRule::default()
    };
    let whole: String = lines.join("\n");
    let Some(pos) = whole.match_indices("每月").map(|(p, _)| p).find(|&p| {
        let rest = &whole[p..];
        let end = rest.find('。').unwrap_or(rest.len());
        (rest[..end].contains("报送") || rest[..end].contains("上报"))
            && rest[..end].contains("日前")
    }) else {
        diags.push(
            Diagnostic::warning("找不到报送要求(每月某日前报送),按每月10日、自印发当月起计")
                .help("在计划文件的 [reporting] 中手工改正"),
        );
        return (rule, None);
    };
    // The sentence: from the clause before 每月 to the next 。.
    let start = whole[..pos]
        .rfind(|c: char| c == '。' || c == '\n' || punctuation::is_semicolon(c))
        .map_or(0, |p| {
            p + whole[p..].chars().next().map_or(1, char::len_utf8)
        });
    let end = whole[pos..]
        .find('。')
        .map_or(whole.len(), |p| pos + p + '。'.len_utf8());
    let mut sentence = &whole[start..end];
    // Keep only the clause that names the reporters and months.
    if let Some(month_pos) = sentence.find("月至") {
        let clause_start = sentence[..month_pos]
            .rfind(punctuation::is_comma)
            .map_or(0, |p| {
                p + sentence[p..].chars().next().map_or(1, char::len_utf8)
            });
        sentence = &sentence[clause_start..];
    }
    rule.text = sentence.to_string();
    let year = issued.year();
    if let Some(mp) = sentence.find("月至") {
        let head = &sentence[..mp];
        let digits: String = head
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_digit())
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let tail = &sentence[mp + "月至".len()..];
        let last: String = tail.chars().take_while(|c| c.is_ascii_digit()).collect();
        if let (Ok(a), Ok(b)) = (digits.parse::<u32>(), last.parse::<u32>())
            && let (Some(f), Some(l)) = (
                NaiveDate::from_ymd_opt(year, a, 1),
                NaiveDate::from_ymd_opt(year, b, 1),
            )
        {
            rule.first_month = f;
            rule.last_month = l;
        }
        rule.reporters = head[..head.len() - digits.len()].trim().to_string();
    }
    let after = &whole[pos + "每月".len()..end];
    let day: String = after.chars().take_while(|c| c.is_ascii_digit()).collect();
    if let Ok(d) = day.parse::<u32>()
        && (1..=31).contains(&d)
    {
        rule.day = d;
    }
    if let Some(cp) = sentence.find("内容包括") {
        let rest = &sentence[cp + "内容包括".len()..];
        let stop = rest.find(punctuation::is_right_paren).unwrap_or(rest.len());
        rule.contents = rest[..stop]
            .trim_end_matches('等')
            .split('、')
            .map(|s| s.trim().trim_end_matches('等').to_string())
            .filter(|s| !s.is_empty())
            .collect();
    }
    let office = sentence.rfind('至').and_then(|p| {
        let rest = sentence[p + '至'.len_utf8()..]
            .trim_end_matches('。')
            .trim();
        if rest.is_empty() {
            return None;
        }
        match rest.find(punctuation::is_left_paren) {
            Some(q) => {
                let name = rest[..q].trim().to_string();
                let note = rest[q..]
                    .trim_start_matches(punctuation::is_left_paren)
                    .trim_end_matches(punctuation::is_right_paren)
                    .to_string();
                Some((name, Some(note)))
            }
            None => Some((rest.to_string(), None)),
        }
    });
    (rule, office)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_markers() {
        assert_eq!(chinese_number("十二"), Some(12));
        assert_eq!(chinese_number("二十"), Some(20));
        assert_eq!(chinese_number("二十三"), Some(23));
        assert_eq!(problem_heading("(十一)少数市县"), Some((11, "少数市县")));
        assert_eq!(problem_heading("(三)x"), Some((3, "x")));
        assert_eq!(measure_marker("(12)开展"), Some((12, "开展")));
        assert_eq!(measure_marker("3、开展"), Some((3, "开展")));
        assert_eq!(measure_marker("②开展"), Some((2, "开展")));
        assert_eq!(measure_marker("1.5万元"), None);
        assert_eq!(measure_marker("2022年"), None);
    }

    #[test]
    fn annotations_in_any_bracket_or_alone() {
        assert_eq!(
            segments("开展排查。〔牵头单位:市水务局〕。"),
            Ok(vec![
                Seg::Text("开展排查。".into()),
                Seg::Annot("牵头单位:市水务局".into()),
                Seg::Text("。".into())
            ])
        );
        assert_eq!(
            segments("(牵头单位:县委办)").unwrap(),
            vec![Seg::Annot("牵头单位:县委办".into())]
        );
        assert_eq!(segments("云巩固振兴组〔2022〕6号").unwrap().len(), 1);
        assert!(segments("〔牵头单位:市水务局;").is_err());
        assert_eq!(
            segments("牵头单位:县水务局 时限:立行立改").unwrap().len(),
            1
        );
    }

    #[test]
    fn findings_by_level() {
        let (before, f) =
            split_findings("省对市考核评估指出:签到率低。昆明市对安宁市考核发现:学习不够。");
        assert!(before.is_empty());
        assert_eq!(f.len(), 2);
        assert_eq!(f[0].level, Level::Provincial);
        assert_eq!(f[0].text, "签到率低。");
        assert_eq!(f[1].level, Level::Municipal);
        assert_eq!(f[1].source.as_deref(), Some("昆明市对安宁市考核发现"));
    }

    #[test]
    fn likely_aliases_are_noticed() {
        let names = [
            "市乡村振兴局",
            "乡村振兴局",
            "市发展改革局",
            "市发展和改革局(市商务局)",
            "市生态环境分局",
            "市生态环境局",
            "市水务局",
        ];
        let units: Vec<Unit> = names.iter().map(|n| Unit::new(n)).collect();
        let pairs = likely_aliases(&units, &Units::default());
        assert_eq!(pairs.len(), 3, "{pairs:?}");
        let known = Units::new(vec![Unit::new("市乡村振兴局"), Unit::new("乡村振兴局")]);
        assert_eq!(likely_aliases(&units, &known).len(), 2);
    }

    #[test]
    fn stated_counts() {
        assert_eq!(
            stated_count("针对12个方面具体问题共制定52条整改措施。", &["条整改措施"]),
            Some(52)
        );
        assert_eq!(stated_count("针对12个方面具体问题", &["个方面"]), Some(12));
        assert_eq!(stated_count("第3条", &["条"]), None);
    }

    mod properties {
        use super::super::*;
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
            fn never_panics_on_genre_like_text(text in "([(（)）〔〕【】:;,、。一二是0-9年月日前牵头单位责任整改时限措施\\n]){0,200}") {
                let _ = import(&text, &ImportOptions::default());
            }
        }
    }
}
