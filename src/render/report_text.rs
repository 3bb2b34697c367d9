//! The monthly reports as text ready to paste into an official document.

use super::chinese::{date, day, month, ordinal};
use crate::model::MeasureStatus;
use crate::views::missing::MissingReport;
use crate::views::summary::{Attention, Rollup, UnitReport};
use std::fmt::Write;

fn end_with_stop(s: &str) -> String {
    let t = s.trim_end();
    if t.ends_with(['。', '!', '?', ';', '…']) {
        t.to_string()
    } else {
        format!("{t}。")
    }
}

pub fn unit_report(r: &UnitReport) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{}关于{}整改情况的报告", r.unit, month(r.month));
    s.push('\n');
    if let Some(a) = &r.addressee {
        let _ = writeln!(s, "{a}:");
    }
    let _ = writeln!(
        s,
        "    按照《{}》要求,现将我单位{}整改工作情况报告如下。",
        r.plan_title,
        month(r.month)
    );
    s.push('\n');
    let _ = writeln!(s, "一、整改进展情况");
    for (k, item) in r.items.iter().enumerate() {
        let _ = writeln!(
            s,
            "{}措施{} {}({})。截至{},{}。",
            ordinal(k + 1),
            item.id,
            item.title,
            item.role.label(),
            day(r.at),
            item.status.label()
        );
        if item.entries.is_empty() {
            let _ = writeln!(s, "    本月未报送进展。");
        }
        for e in &item.entries {
            let _ = writeln!(
                s,
                "    {}({}):{}",
                day(e.date),
                e.status.label(),
                end_with_stop(&e.progress)
            );
        }
    }
    let section = |s: &mut String,
                   heading: &str,
                   pick: &dyn Fn(&crate::views::summary::ReportEntry) -> Option<&String>,
                   none: &str| {
        let _ = writeln!(s, "\n{heading}");
        let mut k = 0;
        for item in &r.items {
            for e in &item.entries {
                if let Some(text) = pick(e).filter(|t| !t.trim().is_empty()) {
                    k += 1;
                    let _ = writeln!(s, "{}措施{}:{}", ordinal(k), item.id, end_with_stop(text));
                }
            }
        }
        if k == 0 {
            let _ = writeln!(s, "{none}");
        }
    };
    section(
        &mut s,
        "二、整改过程中发现的问题",
        &|e| e.problems.as_ref(),
        "本月未报告新的问题。",
    );
    section(
        &mut s,
        "三、下步工作措施",
        &|e| e.next.as_ref(),
        "本月未报告下步工作措施。",
    );
    if !r.attention.is_empty() {
        let _ = writeln!(s, "\n附:需要关注的措施");
        for (k, a) in r.attention.iter().enumerate() {
            let _ = writeln!(s, "{}. {}", k + 1, attention(a));
        }
    }
    let _ = writeln!(s, "\n{}", r.unit);
    let _ = writeln!(s, "{}", date(r.dated));
    s
}

fn attention(a: &Attention) -> String {
    match a {
        Attention::Overdue {
            id,
            title,
            since,
            days,
        } => {
            format!("措施{id} {title}:{}时限已逾期{days}天。", date(*since))
        }
        Attention::DueNextMonth {
            id,
            title,
            due,
            require,
        } => {
            format!("措施{id} {title}:须于{}前{}。", date(*due), require.label())
        }
    }
}

pub fn rollup(r: &Rollup) -> String {
    let mut s = String::new();
    if let Some(o) = &r.office {
        let _ = writeln!(s, "{o}");
    }
    let _ = writeln!(s, "关于{}整改工作进展情况的汇总报告", month(r.month));
    s.push('\n');
    let n = |st: MeasureStatus| {
        r.by_status
            .iter()
            .find(|(x, _)| *x == st)
            .map_or(0, |(_, c)| *c)
    };
    let lights: Vec<String> = r
        .by_light
        .iter()
        .map(|(l, c)| format!("{}{c}条", l.label()))
        .collect();
    let _ = writeln!(
        s,
        "    截至{},《{}》{}条整改措施中,已销号{}条、已完成{}条、取得阶段性成效{}条、推进中{}条、未启动{}条;{}。",
        date(r.at),
        r.plan_title,
        r.total,
        n(MeasureStatus::SignedOff),
        n(MeasureStatus::Done),
        n(MeasureStatus::Phased),
        n(MeasureStatus::InProgress),
        n(MeasureStatus::NotStarted),
        lights.join("、")
    );
    let _ = writeln!(s, "\n一、各方面问题整改进展");
    for p in &r.problems {
        let _ = writeln!(
            s,
            "{}{}:措施{}条,已销号{}条、已完成{}条、取得阶段性成效{}条、推进中{}条、未启动{}条,逾期{}条。",
            ordinal(p.number as usize),
            p.title,
            p.measures,
            p.signed_off,
            p.done,
            p.phased,
            p.in_progress,
            p.not_started,
            p.overdue
        );
    }
    let _ = writeln!(s, "\n二、逾期措施");
    if r.overdue.is_empty() {
        let _ = writeln!(s, "无逾期措施。");
    }
    for (k, m) in r.overdue.iter().enumerate() {
        let since = m.overdue_since.map(date).unwrap_or_default();
        let _ = writeln!(
            s,
            "{}. 措施{} {}(牵头单位:{}),{}时限已逾期{}天。",
            k + 1,
            m.id,
            m.title,
            m.lead.join("、"),
            since,
            m.days_overdue
        );
    }
    let _ = writeln!(s, "\n三、本月未报送进展的牵头单位");
    match &r.not_reported {
        None => {
            let _ = writeln!(s, "本月不在报送期内。");
        }
        Some(m) if m.units.is_empty() => {
            let _ = writeln!(s, "各牵头单位均已于{}前报送。", date(m.due));
        }
        Some(m) => {
            let _ = writeln!(s, "截至{}报送期限:", date(m.due));
            for (k, u) in m.units.iter().enumerate() {
                let ids: Vec<&str> = u.measures.iter().map(|x| x.id.as_str()).collect();
                let late = u
                    .filed_late
                    .map(|t| format!("(已于{}逾期补报)", date(t.date())))
                    .unwrap_or_default();
                let _ = writeln!(s, "{}. {}:措施{}{late}", k + 1, u.unit, ids.join("、"));
            }
        }
    }
    let _ = writeln!(s, "\n四、本月销号的措施");
    if r.signed_off.is_empty() {
        let _ = writeln!(s, "本月无销号措施。");
    }
    for (k, o) in r.signed_off.iter().enumerate() {
        let by = o.by.as_deref().map(|b| format!(",{b}")).unwrap_or_default();
        let _ = writeln!(
            s,
            "{}. 措施{} {}:{}销号({}{by})。",
            k + 1,
            o.id,
            o.title,
            date(o.date),
            o.note.trim_end_matches('。')
        );
    }
    if let Some(o) = &r.office {
        let _ = writeln!(s, "\n{o}");
    }
    let _ = writeln!(s, "{}", date(r.dated));
    s
}

/// 催报: one line per unit, as a clerk sends them.
pub fn missing(r: &MissingReport) -> String {
    let mut s = String::new();
    if r.units.is_empty() {
        let _ = writeln!(
            s,
            "{}报送期限({}之后记录的进展):各牵头单位均已报送。",
            date(r.due),
            date(r.since)
        );
        return s;
    }
    let mut ids: Vec<&str> = r
        .units
        .iter()
        .flat_map(|u| u.measures.iter().map(|m| m.id.as_str()))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let _ = writeln!(
        s,
        "{}报送期限({}之后记录的进展):{}个单位未按时报送,涉及措施{}条。",
        date(r.due),
        date(r.since),
        r.units.len(),
        ids.len()
    );
    s
}
