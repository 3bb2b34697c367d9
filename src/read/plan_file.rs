//! Reads the plan file (plan/plan.toml) and validates it.
//!
//! Every problem is collected with its line, so one run of the loader lists
//! everything to fix.

use crate::diagnostic::{Diagnostic, Diagnostics, LineIndex, line_of};
use crate::model::deadline::{Inference, Inferred, Recurrence};
use crate::model::unit::name_problem;
use crate::model::{
    Deadline, Finding, Level, Measure, MeasureId, Milestone, Plan, Problem, ReportingRule,
    Requirement, Unit, UnitId, Units, Zone,
};
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::HashMap;
use toml::Spanned;
use toml::value::Datetime;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    plan: RawHeader,
    reporting: Option<RawReporting>,
    #[serde(default)]
    unit: Vec<RawUnit>,
    #[serde(default)]
    problem: Vec<RawProblem>,
    #[serde(default)]
    measure: Vec<RawMeasure>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHeader {
    title: String,
    notice_title: Option<String>,
    issuer: String,
    issued: Spanned<Datetime>,
    addressees: Option<String>,
    stated_measures: Option<u32>,
    zone: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReporting {
    #[serde(default)]
    reporters: String,
    day: Option<Spanned<u32>>,
    #[serde(default)]
    quarterly: bool,
    from: Spanned<String>,
    until: Spanned<String>,
    #[serde(default)]
    contents: Vec<String>,
    warning_days: Option<u32>,
    #[serde(default)]
    text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUnit {
    name: Spanned<String>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    #[serde(default)]
    office: bool,
    #[serde(default)]
    group: bool,
    note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProblem {
    number: Spanned<u32>,
    title: String,
    #[serde(default)]
    finding: Vec<RawFinding>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFinding {
    level: Spanned<String>,
    source: Option<String>,
    text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeasure {
    id: Spanned<String>,
    problem: Spanned<u32>,
    heading: Option<String>,
    text: String,
    lead: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    responsible: Vec<Spanned<String>>,
    deadline: Spanned<String>,
    #[serde(default)]
    milestones: Vec<Spanned<RawMilestone>>,
    #[serde(default)]
    ongoing: bool,
    #[serde(default)]
    immediate: bool,
    recurring: Option<Spanned<String>>,
    #[serde(default)]
    undated: Vec<String>,
    #[serde(default)]
    people: Vec<String>,
    goal: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMilestone {
    date: Spanned<Datetime>,
    require: Spanned<String>,
    inferred: Option<Spanned<String>>,
}

struct Ctx {
    lines: LineIndex,
    problems: Vec<Diagnostic>,
}

impl Ctx {
    fn new(text: &str) -> Ctx {
        Ctx {
            lines: LineIndex::new(text),
            problems: Vec::new(),
        }
    }

    fn line<T>(&self, s: &Spanned<T>) -> usize {
        self.lines.line(s.span().start)
    }

    fn error<T>(&mut self, at: &Spanned<T>, message: String, help: &str) {
        let line = self.line(at);
        let mut d = Diagnostic::error(message).line(line);
        if !help.is_empty() {
            d = d.help(help);
        }
        self.problems.push(d);
    }

    fn date(&mut self, at: &Spanned<Datetime>, what: &str) -> Option<NaiveDate> {
        let dt = at.get_ref();
        let parsed = match (dt.date, dt.time, dt.offset) {
            (Some(d), None, None) => {
                NaiveDate::from_ymd_opt(d.year as i32, d.month as u32, d.day as u32)
            }
            _ => None,
        };
        if parsed.is_none() {
            self.error(
                at,
                format!("{what} “{dt}”不是日期"),
                "写作 YYYY-MM-DD,不加引号和时间",
            );
        }
        parsed
    }

    fn zone(&mut self, at: &Spanned<String>) -> Option<Zone> {
        let parsed = Zone::parse(at.get_ref());
        if parsed.is_none() {
            self.error(
                at,
                format!("时区 zone “{}”无效", at.get_ref()),
                "写作与 UTC 的时差，如北京时间写 \"+08:00\"（不写即为北京时间）",
            );
        }
        parsed
    }

    fn month(&mut self, at: &Spanned<String>, what: &str) -> Option<NaiveDate> {
        let parsed =
            NaiveDate::parse_from_str(&format!("{}-01", at.get_ref().trim()), "%Y-%m-%d").ok();
        if parsed.is_none() {
            self.error(
                at,
                format!("{what} “{}”不是月份", at.get_ref()),
                "写作 \"YYYY-MM\"",
            );
        }
        parsed
    }
}

/// Parses and validates a plan file's text.
pub fn parse(text: &str) -> Result<Plan, Diagnostics> {
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| line_of(text, s.start));
        let mut d = Diagnostic::error(format!(
            "计划文件不是有效的 TOML: {}",
            super::toml_error::chinese(e.message())
        ));
        d.line = line;
        Diagnostics(vec![d])
    })?;
    let mut cx = Ctx::new(text);

    let issued = cx.date(&raw.plan.issued, "印发日期 issued");
    let zone = raw.plan.zone.as_ref().map(|z| cx.zone(z));
    let units = read_units(&mut cx, &raw.unit);
    let reporting = read_reporting(&mut cx, raw.reporting.as_ref());
    let problems = read_problems(&mut cx, &raw.problem);
    let measures = read_measures(&mut cx, &raw.measure, &units, &problems);

    if !cx.problems.is_empty() {
        return Err(Diagnostics(cx.problems));
    }
    let mut plan = Plan::new(
        raw.plan.title,
        raw.plan.notice_title,
        raw.plan.issuer,
        issued.unwrap_or_default(),
        raw.plan.addressees,
        raw.plan.stated_measures,
        reporting,
        units,
        problems,
        measures,
    );
    if let Some(Some(zone)) = zone {
        plan.zone = zone;
    }
    Ok(plan)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUnitsFile {
    #[serde(default)]
    unit: Vec<RawUnit>,
}

/// Parses a units file: `[[unit]]` tables as in the plan file.
pub fn parse_units(text: &str) -> Result<Units, Diagnostics> {
    let raw: RawUnitsFile = toml::from_str(text).map_err(|e| {
        let mut d = Diagnostic::error(format!(
            "单位文件不是有效的 TOML: {}",
            super::toml_error::chinese(e.message())
        ));
        d.line = e.span().map(|s| line_of(text, s.start));
        Diagnostics(vec![d])
    })?;
    let mut cx = Ctx::new(text);
    let units = read_units(&mut cx, &raw.unit);
    if cx.problems.is_empty() {
        Ok(units)
    } else {
        Err(Diagnostics(cx.problems))
    }
}

fn read_units(cx: &mut Ctx, raw: &[RawUnit]) -> Units {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut units = Vec::new();
    let mut office_line: Option<usize> = None;
    for u in raw {
        for s in std::iter::once(&u.name).chain(u.aliases.iter()) {
            let name = s.get_ref().as_str();
            if let Some(p) = name_problem(name) {
                cx.error(
                    s,
                    format!("单位名称“{name}”不可用: {p}"),
                    "改用单位的正式名称",
                );
            }
            let line = cx.line(s);
            if let Some(first) = seen.insert(name.to_string(), line) {
                cx.error(
                    s,
                    format!("单位名称“{name}”重复,第{first}行已有"),
                    "每个名称只能属于一个单位;把别名并入同一个 [[unit]]",
                );
            }
        }
        if u.office {
            let line = cx.line(&u.name);
            if let Some(first) = office_line {
                cx.error(
                    &u.name,
                    format!("领导小组办公室只能有一个,第{first}行已有"),
                    "只在一个 [[unit]] 中写 office = true",
                );
            }
            office_line = Some(line);
        }
        units.push(Unit {
            name: u.name.get_ref().clone(),
            aliases: u.aliases.iter().map(|a| a.get_ref().clone()).collect(),
            office: u.office,
            group: u.group,
            note: u.note.clone(),
        });
    }
    Units::new(units)
}

fn read_reporting(cx: &mut Ctx, raw: Option<&RawReporting>) -> ReportingRule {
    let mut rule = ReportingRule::default();
    let Some(r) = raw else {
        return rule;
    };
    rule.reporters = r.reporters.clone();
    rule.contents = r.contents.clone();
    rule.text = r.text.clone();
    rule.quarterly = r.quarterly;
    if let Some(w) = r.warning_days {
        rule.warning_days = w;
    }
    if let Some(day) = &r.day {
        if (1..=31).contains(day.get_ref()) {
            rule.day = *day.get_ref();
        } else {
            cx.error(
                day,
                format!("报送日 day = {} 不在 1 到 31 之间", day.get_ref()),
                "",
            );
        }
    }
    let from = cx.month(&r.from, "报送起始月 from");
    let until = cx.month(&r.until, "报送截止月 until");
    if let (Some(f), Some(u)) = (from, until) {
        if f > u {
            cx.error(&r.until, "报送截止月早于起始月".to_string(), "");
        }
        rule.first_month = f;
        rule.last_month = u;
    }
    rule
}

fn read_problems(cx: &mut Ctx, raw: &[RawProblem]) -> Vec<Problem> {
    let mut seen: HashMap<u32, usize> = HashMap::new();
    let mut out = Vec::new();
    for p in raw {
        let n = *p.number.get_ref();
        let line = cx.line(&p.number);
        if let Some(first) = seen.insert(n, line) {
            cx.error(&p.number, format!("问题序号 {n} 重复,第{first}行已有"), "");
        }
        let mut findings = Vec::new();
        for f in &p.finding {
            let level = Level::parse(f.level.get_ref()).unwrap_or_else(|| {
                cx.error(
                    &f.level,
                    format!("level = “{}”不是有效的层级", f.level.get_ref()),
                    "可用 central、provincial、municipal、unspecified",
                );
                Level::Unspecified
            });
            findings.push(Finding {
                level,
                source: f.source.clone(),
                text: f.text.clone(),
            });
        }
        out.push(Problem {
            number: n,
            title: p.title.clone(),
            findings,
        });
    }
    out
}

fn read_measures(
    cx: &mut Ctx,
    raw: &[RawMeasure],
    units: &Units,
    problems: &[Problem],
) -> Vec<Measure> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for m in raw {
        let id = m.id.get_ref().trim().to_string();
        let line = cx.line(&m.id);
        if !MeasureId::is_well_formed(&id) {
            cx.error(
                &m.id,
                format!("措施编号“{id}”格式不对"),
                "写作 问题序号.措施序号,如 \"3.5\" 或 \"3.5.1\"",
            );
        }
        if let Some(first) = seen.insert(id.clone(), line) {
            cx.error(
                &m.id,
                format!("措施编号 {id} 重复,第{first}行已有"),
                "每条措施的编号必须唯一",
            );
        }
        let problem = *m.problem.get_ref();
        if !problems.iter().any(|p| p.number == problem) {
            cx.error(
                &m.problem,
                format!("措施 {id} 所属的问题 {problem} 不存在"),
                "在 [[problem]] 中补上该问题,或改正 problem",
            );
        }
        let resolve = |names: &[Spanned<String>], role: &str, cx: &mut Ctx| -> Vec<UnitId> {
            let mut ids = Vec::new();
            for n in names {
                match units.exact(n.get_ref()) {
                    Some(u) => {
                        if !ids.contains(&u) {
                            ids.push(u)
                        }
                    }
                    None => cx.error(
                        n,
                        format!("措施 {id} 的{role}“{}”不是已登记的单位", n.get_ref()),
                        "在 [[unit]] 中登记该单位,或把它写成已登记单位的别名",
                    ),
                }
            }
            ids
        };
        let lead = resolve(m.lead.get_ref(), "牵头单位", cx);
        let responsible = resolve(&m.responsible, "责任单位", cx);
        if m.lead.get_ref().is_empty() {
            cx.error(
                &m.lead,
                format!("措施 {id} 没有牵头单位"),
                "lead 至少要有一个单位",
            );
        }
        if m.deadline.get_ref().trim().is_empty() {
            cx.error(
                &m.deadline,
                format!("措施 {id} 的整改时限为空"),
                "照抄通知中的时限原文",
            );
        }
        let mut milestones = Vec::new();
        let mut inferred = Vec::new();
        for ms in &m.milestones {
            let ms = ms.get_ref();
            let date = cx.date(&ms.date, &format!("措施 {id} 的时限节点"));
            let require = Requirement::parse(ms.require.get_ref()).or_else(|| {
                cx.error(
                    &ms.require,
                    format!("require = “{}”无效", ms.require.get_ref()),
                    "可用 phased(取得阶段性成效)或 done(完成)",
                );
                None
            });
            if let (Some(date), Some(require)) = (date, require) {
                if milestones
                    .last()
                    .is_some_and(|p: &Milestone| p.date >= date)
                {
                    cx.error(
                        &ms.date,
                        format!("措施 {id} 的时限节点没有按日期先后排列"),
                        "按从早到晚的顺序写 milestones",
                    );
                }
                milestones.push(Milestone { date, require });
                if let Some(how) = &ms.inferred {
                    match Inference::parse(how.get_ref()) {
                        Some(how) => inferred.push(Inferred { date, how }),
                        None => cx.error(
                            how,
                            format!("inferred = “{}”无效", how.get_ref()),
                            "可用 month_end、quarter_end、half_year_end、year_end 或 issue_year",
                        ),
                    }
                }
            }
        }
        let recurring = m.recurring.as_ref().and_then(|r| {
            let parsed = Recurrence::parse(r.get_ref());
            if parsed.is_none() {
                cx.error(
                    r,
                    format!("recurring = “{}”无效", r.get_ref()),
                    "可用 monthly 或 quarterly",
                );
            }
            parsed
        });
        out.push(Measure {
            id: MeasureId(id),
            problem,
            heading: m.heading.clone(),
            text: m.text.clone(),
            lead,
            responsible,
            deadline: Deadline {
                text: m.deadline.get_ref().clone(),
                milestones,
                ongoing: m.ongoing,
                immediate: m.immediate,
                recurring,
                undated: m.undated.clone(),
                inferred,
            },
            people: m.people.clone(),
            goal: m.goal.clone(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
[plan]
title = "测试整改方案"
issuer = "测试领导小组"
issued = 2022-07-01

[reporting]
day = 10
from = "2022-06"
until = "2022-12"

[[unit]]
name = "市水务局"
aliases = ["水务局"]

[[unit]]
name = "领导小组办公室"
office = true

[[problem]]
number = 1
title = "供水"

[[measure]]
id = "1.1"
problem = 1
text = "开展全面排查。"
lead = ["水务局"]
deadline = "2022年6月30日、12月31日前取得阶段性成效"
milestones = [{ date = 2022-06-30, require = "phased" }, { date = 2022-12-31, require = "phased" }]
"#;

    #[test]
    fn reads_a_good_plan() {
        let plan = parse(GOOD).unwrap();
        assert_eq!(plan.measures.len(), 1);
        let m = plan.measure("1.1").unwrap();
        assert_eq!(plan.units.name(m.lead[0]), "市水务局");
        assert_eq!(m.deadline.milestones.len(), 2);
        assert_eq!(
            plan.office().map(|o| plan.units.name(o)),
            Some("领导小组办公室")
        );
    }

    #[test]
    fn collects_every_problem_with_its_line() {
        let bad = GOOD
            .replace("lead = [\"水务局\"]", "lead = [\"市水利局\"]")
            .replace("2022-12-31, require", "2022-12-01, require = \"x\", z")
            + "\n[[measure]]\nid = \"1.1\"\nproblem = 9\ntext = \"\"\nlead = [\"市水务局\"]\ndeadline = \"x\"\n";
        // The replaced milestone is not valid TOML any more: one parse error.
        let err = parse(&bad).unwrap_err();
        assert_eq!(err.0.len(), 1);
        let bad = GOOD.replace("lead = [\"水务局\"]", "lead = [\"市水利局\"]")
            + "\n[[measure]]\nid = \"1.1\"\nproblem = 9\ntext = \"\"\nlead = [\"市水务局\"]\ndeadline = \"x\"\n";
        let err = parse(&bad).unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("第28行: 措施 1.1 的牵头单位“市水利局”不是已登记的单位"),
            "{text}"
        );
        assert!(text.contains("措施编号 1.1 重复,第25行已有"), "{text}");
        assert!(text.contains("所属的问题 9 不存在"), "{text}");
    }

    #[test]
    fn bad_dates_are_errors_with_lines() {
        let err = parse(&GOOD.replace("issued = 2022-07-01", "issued = 2022-13-01")).unwrap_err();
        assert_eq!(err.0[0].line, Some(5));
        let err =
            parse(&GOOD.replace("issued = 2022-07-01", "issued = \"2022-07-01\"")).unwrap_err();
        assert_eq!(err.0[0].line, Some(5));
        let err = parse(&GOOD.replace("2022-12-31", "2022-06-01")).unwrap_err();
        assert!(err.to_string().contains("没有按日期先后排列"));
    }

    #[test]
    fn unit_names_must_be_file_names() {
        let err = parse(&GOOD.replace("name = \"市水务局\"", "name = \"市/水务局\"")).unwrap_err();
        assert!(err.to_string().contains("路径分隔符"), "{err}");
    }

    proptest::proptest! {
        /// A plan file cut or spliced anywhere: an error or a plan, never a panic.
        #[test]
        fn never_panics(cut in 0usize..2000, len in 0usize..40, insert in "\\PC{0,8}") {
            let mut text = GOOD.to_string();
            let start = text.char_indices().map(|(i, _)| i).nth(cut % GOOD.chars().count()).unwrap_or(0);
            let end = text[start..].char_indices().map(|(i, _)| start + i).nth(len).unwrap_or(text.len());
            text.replace_range(start..end, &insert);
            let _ = parse(&text);
        }
    }
}
