//! Items to measures: ids (a number with several annotations gets sub-ids
//! `P.M.1`, `P.M.2`…), units, people and the deadline, with a note for
//! every inference and doubt.

use super::body::Item;
use super::deadline_phrase;
use super::report::{MeasureReport, Note};
use super::units::UnitTable;
use crate::diagnostic::Diagnostic;
use crate::model::{Deadline, Measure, MeasureId, UnitId};
use crate::punctuation;
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};

/// Measures and their reports, built from items in notice order.
pub struct Builder<'a> {
    pub units: &'a mut UnitTable,
    pub issued: NaiveDate,
    pub measures: Vec<Measure>,
    pub reports: Vec<MeasureReport>,
    pub diagnostics: Vec<Diagnostic>,
    ids: HashSet<String>,
    per_problem: HashMap<u32, u32>,
}

impl<'a> Builder<'a> {
    pub fn new(units: &'a mut UnitTable, issued: NaiveDate) -> Builder<'a> {
        Builder {
            units,
            issued,
            measures: Vec::new(),
            reports: Vec::new(),
            diagnostics: Vec::new(),
            ids: HashSet::new(),
            per_problem: HashMap::new(),
        }
    }

    /// Builds every item's measure.
    pub fn run(mut self, items: &[Item]) -> Self {
        let mut k = 0;
        while k < items.len() {
            let (p, n) = (items[k].problem, items[k].number);
            let group_end = match n {
                Some(_) => items[k..]
                    .iter()
                    .position(|it| it.problem != p || it.number != n)
                    .map_or(items.len(), |x| x + k),
                None => k + 1,
            };
            self.group(&items[k..group_end]);
            k = group_end;
        }
        self
    }

    fn group(&mut self, group: &[Item]) {
        let p = group[0].problem;
        let count = self.per_problem.entry(p).or_insert(0);
        let base = group[0].number.unwrap_or(*count + 1);
        *count += group.len() as u32;
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
            if !self.ids.insert(id.clone()) {
                self.diagnostics.push(
                    Diagnostic::error(format!("措施编号 {id} 重复"))
                        .line(it.line)
                        .help("检查措施序号是否写重"),
                );
            }
            let heading = heading.clone().filter(|h| !h.is_empty());
            self.measure(it, id, heading, text);
        }
    }

    /// Warns and notes at once.
    fn doubt(&mut self, notes: &mut Vec<Note>, d: Diagnostic) {
        notes.push(Note::doubt(d.line, d.message.clone()));
        self.diagnostics.push(d);
    }

    fn list(&mut self, list: &str, line: usize, into: &mut Vec<UnitId>, notes: &mut Vec<Note>) {
        let split = self.units.split(list);
        for piece in &split.doubtful {
            self.doubt(
                notes,
                Diagnostic::warning(format!("“{piece}”看起来不像完整的单位名称(拆自“{list}”)"))
                    .line(line)
                    .help("若某个含“、”的名称是一个单位,请在单位文件中登记它"),
            );
        }
        for name in &split.names {
            let u = self.units.intern(name);
            if !into.contains(&u) {
                into.push(u);
            }
        }
    }

    fn measure(&mut self, it: &Item, id: String, heading: Option<String>, text: String) {
        let a = &it.annotation;
        let line = it.annotation_line;
        let mut notes = Vec::new();
        let mut lead = Vec::new();
        let mut responsible = Vec::new();
        let mut others: Vec<&String> = Vec::new();
        match &a.lead {
            Some(l) => {
                self.list(l, line, &mut lead, &mut notes);
                others.extend(&a.responsible);
            }
            None if !a.responsible.is_empty() => {
                for r in &a.responsible {
                    self.list(r, line, &mut lead, &mut notes);
                }
                notes.push(Note::inference(
                    line,
                    "没有牵头单位：以责任单位（责任部门）为牵头单位，配合单位为责任单位",
                ));
            }
            None => {
                let d = Diagnostic::error(format!("措施 {id} 的标注没有牵头单位"))
                    .line(line)
                    .help("在标注中写明“牵头单位:…”");
                self.doubt(&mut notes, d);
            }
        }
        others.extend(&a.cooperating);
        for r in others {
            let mut ids = Vec::new();
            self.list(r, line, &mut ids, &mut notes);
            for u in ids {
                if !responsible.contains(&u) && !lead.contains(&u) {
                    responsible.push(u);
                }
            }
        }
        let deadline = self.deadline(&id, a.deadline.as_deref(), line, &mut notes);
        for label in &a.repeated {
            let d = Diagnostic::warning(format!("措施 {id} 的标注中“{label}”出现了两次,取后一个"))
                .line(line);
            self.doubt(&mut notes, d);
        }
        for u in &a.unknown {
            let d = Diagnostic::warning(format!(
                "措施 {id} 的标注中有不认识的栏目“{u}”,未计入单位或时限"
            ))
            .line(line)
            .help("若它是单位、人员或时限,请改用牵头单位、责任单位、责任人、整改时限等标签");
            self.doubt(&mut notes, d);
        }
        let names = |ids: &[UnitId], t: &UnitTable| -> Vec<String> {
            ids.iter().map(|u| t.units[u.0].name.clone()).collect()
        };
        self.reports.push(MeasureReport {
            id: id.clone(),
            line: it.line,
            title: crate::model::measure::short_title(&text, 24),
            lead: names(&lead, self.units),
            responsible: names(&responsible, self.units),
            people: a.people.clone(),
            deadline: deadline.text.clone(),
            notes,
        });
        self.measures.push(Measure {
            id: MeasureId(id),
            problem: it.problem,
            heading,
            text,
            lead,
            responsible,
            deadline,
            people: a.people.clone(),
            goal: a.goal.clone(),
        });
    }

    fn deadline(
        &mut self,
        id: &str,
        text: Option<&str>,
        line: usize,
        notes: &mut Vec<Note>,
    ) -> Deadline {
        let Some(text) = text else {
            let d = Diagnostic::warning(format!("措施 {id} 没有整改时限"))
                .line(line)
                .help("在标注中写明“整改时限:…”,或在计划文件中手工补上");
            self.doubt(notes, d);
            return Deadline::default();
        };
        let deadline = deadline_phrase::parse_in(text, Some(self.issued));
        for i in &deadline.inferred {
            notes.push(Note::inference(
                line,
                format!(
                    "时限“{text}”：{}，取 {}",
                    i.how.label(),
                    i.date.format("%Y-%m-%d")
                ),
            ));
        }
        for u in &deadline.undated {
            let d = Diagnostic::warning(format!("措施 {id} 的时限“{u}”无法确定日期,已原样保留"))
                .line(line)
                .help("在计划文件中为该措施手工补上 milestones");
            self.doubt(notes, d);
        }
        deadline
    }
}
