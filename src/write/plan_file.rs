//! Writes a plan as the plan file the reader loads, in a stable layout.

use super::toml_text::{quote, quote_list};
use crate::model::Plan;
use std::fmt::Write;

/// The plan file's text. `source` names the notice it came from, if any.
pub fn to_toml(plan: &Plan, source: Option<&str>) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# 整改方案计划文件,供 rectify 读取。");
    if let Some(src) = source {
        let _ = writeln!(
            s,
            "# 由 rectify import 从 {src} 生成;改动请改通知或单位文件后重新生成。"
        );
    }
    let _ = writeln!(s, "# 格式说明见 README.md。");
    s.push_str("\n[plan]\n");
    let _ = writeln!(s, "title = {}", quote(&plan.title));
    if let Some(t) = &plan.notice_title {
        let _ = writeln!(s, "notice_title = {}", quote(t));
    }
    let _ = writeln!(s, "issuer = {}", quote(&plan.issuer));
    let _ = writeln!(s, "issued = {}", plan.issued.format("%Y-%m-%d"));
    if let Some(a) = &plan.addressees {
        let _ = writeln!(s, "addressees = {}", quote(a));
    }
    if let Some(n) = plan.stated_measures {
        let _ = writeln!(s, "stated_measures = {n}");
    }
    if !plan.zone.is_default() {
        let _ = writeln!(s, "zone = {}", quote(&plan.zone.to_string()));
    }

    let r = &plan.reporting;
    s.push_str("\n[reporting]\n");
    let _ = writeln!(s, "reporters = {}", quote(&r.reporters));
    let _ = writeln!(s, "day = {}", r.day);
    if r.quarterly {
        s.push_str("quarterly = true\n");
    }
    let _ = writeln!(
        s,
        "from = {}",
        quote(&r.first_month.format("%Y-%m").to_string())
    );
    let _ = writeln!(
        s,
        "until = {}",
        quote(&r.last_month.format("%Y-%m").to_string())
    );
    let _ = writeln!(s, "contents = {}", quote_list(&r.contents));
    let _ = writeln!(s, "warning_days = {}", r.warning_days);
    let _ = writeln!(s, "text = {}", quote(&r.text));

    for (_, u) in plan.units.iter() {
        s.push_str("\n[[unit]]\n");
        let _ = writeln!(s, "name = {}", quote(&u.name));
        if !u.aliases.is_empty() {
            let _ = writeln!(s, "aliases = {}", quote_list(&u.aliases));
        }
        if u.office {
            s.push_str("office = true\n");
        }
        if u.group {
            s.push_str("group = true\n");
        }
        if let Some(n) = &u.note {
            let _ = writeln!(s, "note = {}", quote(n));
        }
    }

    for p in &plan.problems {
        s.push_str("\n[[problem]]\n");
        let _ = writeln!(s, "number = {}", p.number);
        let _ = writeln!(s, "title = {}", quote(&p.title));
        for f in &p.findings {
            s.push_str("\n[[problem.finding]]\n");
            let _ = writeln!(s, "level = {}", quote(f.level.key()));
            if let Some(src) = &f.source {
                let _ = writeln!(s, "source = {}", quote(src));
            }
            let _ = writeln!(s, "text = {}", quote(&f.text));
        }
    }

    for m in &plan.measures {
        s.push_str("\n[[measure]]\n");
        let _ = writeln!(s, "id = {}", quote(&m.id.0));
        let _ = writeln!(s, "problem = {}", m.problem);
        if let Some(h) = &m.heading {
            let _ = writeln!(s, "heading = {}", quote(h));
        }
        let _ = writeln!(s, "text = {}", quote(&m.text));
        let names = |ids: &[crate::model::UnitId]| -> Vec<String> {
            ids.iter()
                .map(|&u| plan.units.name(u).to_string())
                .collect()
        };
        let _ = writeln!(s, "lead = {}", quote_list(&names(&m.lead)));
        let _ = writeln!(s, "responsible = {}", quote_list(&names(&m.responsible)));
        let d = &m.deadline;
        let _ = writeln!(s, "deadline = {}", quote(&d.text));
        let ms: Vec<String> = d
            .milestones
            .iter()
            .map(|x| {
                let inferred = d
                    .inference(x.date)
                    .map(|i| format!(", inferred = {}", quote(i.key())))
                    .unwrap_or_default();
                format!(
                    "{{ date = {}, require = {}{inferred} }}",
                    x.date.format("%Y-%m-%d"),
                    quote(x.require.key())
                )
            })
            .collect();
        let _ = writeln!(s, "milestones = [{}]", ms.join(", "));
        if d.ongoing {
            s.push_str("ongoing = true\n");
        }
        if d.immediate {
            s.push_str("immediate = true\n");
        }
        if let Some(r) = d.recurring {
            let _ = writeln!(s, "recurring = {}", quote(r.key()));
        }
        if !d.undated.is_empty() {
            let _ = writeln!(s, "undated = {}", quote_list(&d.undated));
        }
        if !m.people.is_empty() {
            let _ = writeln!(s, "people = {}", quote_list(&m.people));
        }
        if let Some(g) = &m.goal {
            let _ = writeln!(s, "goal = {}", quote(g));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Zone;

    fn shipped() -> Plan {
        let text = include_str!("../../plan/plan.toml");
        crate::read::plan_file::parse(text).unwrap()
    }

    /// The `[plan]` table as the `toml` crate reads the written text.
    fn header(text: &str) -> toml::Table {
        let v: toml::Table = toml::from_str(text).unwrap();
        v["plan"].as_table().unwrap().clone()
    }

    #[test]
    fn the_zone_is_written_only_when_it_is_not_beijing_time() {
        let mut plan = shipped();
        assert!(plan.zone.is_default());
        assert!(!header(&to_toml(&plan, None)).contains_key("zone"));
        plan.zone = Zone::parse("+05:30").unwrap();
        let text = to_toml(&plan, None);
        assert_eq!(header(&text)["zone"].as_str(), Some("+05:30"));
        assert_eq!(
            crate::read::plan_file::parse(&text).unwrap().zone,
            plan.zone
        );
    }
}
