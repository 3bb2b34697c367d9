//! The monthly reports and 催报 notices as official documents: built as
//! [`Document`]s (for text and .docx alike) in the prose a 公文 uses.
//! Full-width punctuation, no truncated titles, no runs of zeros.

use super::chinese::{counts, date, day, fullwidth, month, ordinal, sentence};
use super::document::{Block, Document};
use crate::model::MeasureStatus;
use crate::views::missing::{MissingReport, MissingUnit};
use crate::views::summary::{Attention, ProblemProgress, Rollup, UnitReport};
use chrono::NaiveDate;

/// Where a measure stands, as a sentence says it.
fn standing(s: MeasureStatus) -> &'static str {
    match s {
        MeasureStatus::NotStarted => "尚未启动",
        MeasureStatus::InProgress => "正在推进",
        MeasureStatus::Phased => "已取得阶段性成效",
        MeasureStatus::Done => "已完成",
        MeasureStatus::SignedOff => "已完成并销号",
        MeasureStatus::Unknown => "因台账有误，状态待核实",
    }
}

/// 措施1.2“开展全面排查”; quotation marks inside the name become single.
fn measure(id: &str, name: &str) -> String {
    let inner = fullwidth(name).replace('“', "‘").replace('”', "’");
    format!("措施{id}“{inner}”")
}

pub fn unit_report_doc(r: &UnitReport) -> Document {
    let mut d = Document::default();
    d.push(Block::Title(format!(
        "{}关于{}整改情况的报告",
        r.unit,
        month(r.month)
    )));
    if let Some(a) = &r.addressee {
        d.push(Block::Addressee(format!("{a}：")));
    }
    d.push(Block::Body(format!(
        "按照《{}》要求，现将我单位{}整改工作情况报告如下。",
        fullwidth(&r.plan_title),
        month(r.month)
    )));
    d.push(Block::Heading1("一、整改进展情况".into()));
    for (k, item) in r.items.iter().enumerate() {
        let mut p = format!(
            "{}{}（{}）。截至{}，{}。",
            ordinal(k + 1),
            measure(&item.id, &item.title),
            item.role.label(),
            day(r.at),
            standing(item.status)
        );
        if item.entries.is_empty() {
            p.push_str("本月无新的进展。");
        }
        for e in &item.entries {
            p.push_str(&format!("{}，{}", day(e.date), sentence(&e.progress)));
        }
        d.push(Block::Body(p));
    }
    let mut section = |heading: &str,
                       pick: &dyn Fn(&crate::views::summary::ReportEntry) -> Option<&String>,
                       none: &str| {
        d.push(Block::Heading1(heading.into()));
        let mut k = 0;
        for item in &r.items {
            for e in &item.entries {
                if let Some(text) = pick(e).filter(|t| !t.trim().is_empty()) {
                    k += 1;
                    d.push(Block::Body(format!(
                        "{}{}：{}",
                        ordinal(k),
                        measure(&item.id, &item.title),
                        sentence(text)
                    )));
                }
            }
        }
        if k == 0 {
            d.push(Block::Body(none.into()));
        }
    };
    section(
        "二、整改过程中发现的问题",
        &|e| e.problems.as_ref(),
        "本月整改过程中未发现新的问题。",
    );
    section(
        "三、下步工作措施",
        &|e| e.next.as_ref(),
        "下步将按照整改方案要求，继续推进各项整改措施。",
    );
    if !r.attention.is_empty() {
        d.push(Block::Heading1("四、逾期和下月到期的措施".into()));
        for (k, a) in r.attention.iter().enumerate() {
            d.push(Block::Body(format!("{}．{}", k + 1, attention(a, r.at))));
        }
    }
    d.push(Block::Sender(r.unit.clone()));
    d.push(Block::Date(date(r.dated)));
    d
}

pub fn unit_report(r: &UnitReport) -> String {
    unit_report_doc(r).text()
}

/// How far past its time limit a measure is on `at`, the day a report
/// speaks of (截至…): 已超过…的时限N天, or 于…到期未完成 on the day itself.
fn past(since: NaiveDate, at: NaiveDate) -> String {
    match (at - since).num_days() {
        days if days > 0 => format!("已超过{}的时限{days}天", date(since)),
        _ => format!("于{}到期，未完成", date(since)),
    }
}

fn attention(a: &Attention, at: NaiveDate) -> String {
    match a {
        Attention::Overdue {
            id, title, since, ..
        } => format!("{}{}，须加快推进。", measure(id, title), past(*since, at)),
        Attention::DueNextMonth {
            id,
            title,
            due,
            require,
        } => format!(
            "{}须于{}前{}。",
            measure(id, title),
            date(*due),
            require.label()
        ),
    }
}

fn count_of<T: PartialEq + Copy>(list: &[(T, usize)], key: T) -> usize {
    list.iter().find(|(x, _)| *x == key).map_or(0, |(_, c)| *c)
}

/// 共4条措施，其中取得阶段性成效1条、正在推进1条、尚未启动2条。
fn problem_counts(p: &ProblemProgress) -> String {
    let all = [
        ("已销号", p.signed_off),
        ("已完成", p.done),
        ("取得阶段性成效", p.phased),
        ("正在推进", p.in_progress),
        ("尚未启动", p.not_started),
    ];
    let mut s = format!("共{}条措施", p.measures);
    match all.iter().find(|(_, n)| *n == p.measures && *n > 0) {
        Some((word, _)) if p.measures > 1 => s.push_str(&format!("，均{word}")),
        Some((word, _)) => s.push_str(&format!("，{word}")),
        None => {
            if let Some(parts) = counts(&all) {
                s.push_str(&format!("，其中{parts}"));
            }
        }
    }
    if p.overdue > 0 {
        s.push_str(&format!("，逾期{}条", p.overdue));
    }
    s.push('。');
    s
}

/// The month's main progress: 本月，市水务局完成……（措施1.2）；…。
fn narrative(p: &ProblemProgress) -> String {
    if p.highlights.is_empty() {
        return "本月未收到进展报告。".into();
    }
    let mut said: Vec<String> = Vec::new();
    let mut previous = None;
    for h in &p.highlights {
        // Name the unit once for a run of its measures.
        let unit = if previous == Some(&h.unit) {
            ""
        } else {
            &h.unit
        };
        previous = Some(&h.unit);
        said.push(format!(
            "{unit}{}（措施{}，{}）",
            sentence(&h.progress).trim_end_matches('。'),
            h.id,
            day(h.date)
        ));
    }
    format!("本月，{}。", said.join("；"))
}

pub fn rollup_doc(r: &Rollup) -> Document {
    let mut d = Document::default();
    d.push(Block::Title(format!(
        "关于{}整改工作进展情况的汇总报告",
        month(r.month)
    )));
    let statuses = counts(&[
        ("已销号", count_of(&r.by_status, MeasureStatus::SignedOff)),
        ("已完成", count_of(&r.by_status, MeasureStatus::Done)),
        (
            "取得阶段性成效",
            count_of(&r.by_status, MeasureStatus::Phased),
        ),
        (
            "正在推进",
            count_of(&r.by_status, MeasureStatus::InProgress),
        ),
        (
            "尚未启动",
            count_of(&r.by_status, MeasureStatus::NotStarted),
        ),
        (
            "因台账有误待核实",
            count_of(&r.by_status, MeasureStatus::Unknown),
        ),
    ])
    .unwrap_or_default();
    let lights: Vec<(&str, usize)> = r.by_light.iter().map(|(l, c)| (l.label(), *c)).collect();
    let lights = counts(&lights).unwrap_or_default();
    d.push(Block::Body(format!(
        "截至{}，《{}》确定的{}条整改措施中，{statuses}；按预警等级，{lights}。",
        date(r.at),
        fullwidth(&r.plan_title),
        r.total
    )));
    d.push(Block::Heading1("一、各方面问题整改进展".into()));
    for p in &r.problems {
        d.push(Block::Heading2(format!(
            "{}{}",
            ordinal(p.number as usize),
            fullwidth(&p.title)
        )));
        d.push(Block::Body(format!(
            "{}{}",
            problem_counts(p),
            narrative(p)
        )));
    }
    d.push(Block::Heading1("二、逾期措施".into()));
    if r.overdue.is_empty() {
        d.push(Block::Body("截至目前，无逾期措施。".into()));
    }
    for (k, m) in r.overdue.iter().enumerate() {
        let past = m.overdue_since.map(|s| past(s, r.at)).unwrap_or_default();
        d.push(Block::Body(format!(
            "{}．{}（牵头单位：{}），{past}。",
            k + 1,
            measure(&m.id, &m.name),
            m.lead.join("、")
        )));
    }
    d.push(Block::Heading1("三、本月未报送进展的牵头单位".into()));
    match &r.not_reported {
        None => d.push(Block::Body("本月不在报送期内。".into())),
        Some(m) if m.units.is_empty() => d.push(Block::Body(format!(
            "各牵头单位均已报送（报送期限为{}）。",
            date(m.due)
        ))),
        Some(m) => {
            // Before the deadline the list is of who has not reported yet.
            d.push(Block::Body(if r.dated < m.due {
                format!(
                    "截至{}，以下牵头单位尚未报送（报送期限为{}）：",
                    date(r.dated),
                    date(m.due)
                )
            } else {
                format!("截至{}报送期限，以下牵头单位未报送：", date(m.due))
            }));
            for (k, u) in m.units.iter().enumerate() {
                d.push(Block::Body(format!(
                    "{}．{}：措施{}。",
                    k + 1,
                    u.unit,
                    measure_ids(u)
                )));
            }
        }
    }
    if let Some(line) = r.not_reported.as_ref().and_then(unknown_line) {
        d.push(Block::Body(line));
    }
    d.push(Block::Heading1("四、本月销号的措施".into()));
    if r.signed_off.is_empty() {
        d.push(Block::Body("本月无销号措施。".into()));
    }
    for (k, o) in r.signed_off.iter().enumerate() {
        let by =
            o.by.as_deref()
                .map(|b| format!("，{b}"))
                .unwrap_or_default();
        d.push(Block::Body(format!(
            "{}．{}于{}销号（{}{by}）。",
            k + 1,
            measure(&o.id, &o.title),
            date(o.date),
            fullwidth(&o.note).trim_end_matches('。')
        )));
    }
    if let Some(o) = &r.office {
        d.push(Block::Sender(o.clone()));
    }
    d.push(Block::Date(date(r.dated)));
    d
}

pub fn rollup(r: &Rollup) -> String {
    rollup_doc(r).text()
}

/// 催报: one line, as a clerk reads it before the table.
pub fn missing(r: &MissingReport) -> String {
    let mut s = if r.units.is_empty() {
        format!(
            "{}报送期限（{}之后记录的进展）：各牵头单位均已报送。\n",
            date(r.due),
            date(r.since)
        )
    } else {
        let mut ids: Vec<&str> = r
            .units
            .iter()
            .flat_map(|u| u.measures.iter().map(|m| m.id.as_str()))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        format!(
            "{}报送期限（{}之后记录的进展）：{}个单位未按时报送，涉及措施{}条。\n",
            date(r.due),
            date(r.since),
            r.units.len(),
            ids.len()
        )
    };
    if let Some(line) = unknown_line(r) {
        s.push_str(&line);
        s.push('\n');
    }
    s
}

/// The lead units whose ledgers cannot be read, said once.
fn unknown_line(r: &MissingReport) -> Option<String> {
    (!r.unknown.is_empty()).then(|| {
        format!(
            "{}的台账有误，无法判断是否报送，未予催报；请先修正台账（rectify check 列出问题）。",
            r.unknown.join("、")
        )
    })
}

/// A late unit's measures, each filed late marked so: 5.1、5.2（7月12日逾期补报）.
fn measure_ids(u: &MissingUnit) -> String {
    u.measures
        .iter()
        .map(|m| match m.filed_late {
            Some(t) => format!("{}（{}逾期补报）", m.id, day(t.date())),
            None => m.id.clone(),
        })
        .collect::<Vec<_>>()
        .join("、")
}

/// The 催报通知 to one late unit, dated `dated`.
pub fn reminder(r: &MissingReport, u: &MissingUnit, dated: NaiveDate) -> Document {
    let mut d = Document::default();
    d.push(Block::Title("关于报送整改进展情况的催报通知".into()));
    d.push(Block::Addressee(format!("{}：", u.unit)));
    let before = dated < r.due;
    d.push(Block::Body(if before {
        format!(
            "按照《{}》要求，各牵头单位应按月报送整改进展情况。截至{}，你单位牵头的以下{}条整改措施尚未报送{}以来的进展，报送期限为{}：",
            fullwidth(&r.plan_title),
            date(dated),
            u.measures.len(),
            date(r.since),
            date(r.due)
        )
    } else {
        format!(
            "按照《{}》要求，各牵头单位应按月报送整改进展情况。截至{}报送期限，你单位牵头的以下{}条整改措施未报送{}以来的进展：",
            fullwidth(&r.plan_title),
            date(r.due),
            u.measures.len(),
            date(r.since)
        )
    }));
    for (k, m) in u.measures.iter().enumerate() {
        d.push(Block::Body(format!(
            "{}．{}。",
            k + 1,
            measure(&m.id, &m.title)
        )));
    }
    d.push(Block::Body(if before {
        format!("请于{}前报送。", date(r.due))
    } else {
        "请接此通知后抓紧补报，并说明未按时报送的原因。".into()
    }));
    if let Some(o) = &r.office {
        d.push(Block::Sender(o.clone()));
    }
    d.push(Block::Date(date(dated)));
    d.push(Block::Line(
        "签收人：＿＿＿＿＿＿＿＿　　签收时间：＿＿＿＿年＿＿月＿＿日".into(),
    ));
    d
}
