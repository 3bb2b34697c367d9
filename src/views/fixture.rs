//! A small plan and entry facts for the views' unit tests.

use crate::model::progress::{Fact, Progress};
use crate::model::{Origin, Plan, Status, UnitId};
use chrono::{NaiveDate, NaiveDateTime};

const PLAN: &str = r#"
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

[[unit]]
name = "市财政局"

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
lead = ["市水务局"]
responsible = ["市财政局"]
deadline = "2022年7月31日前取得阶段性成效,12月31日前完成"
milestones = [{ date = 2022-07-31, require = "phased" }, { date = 2022-12-31, require = "done" }]

[[measure]]
id = "1.2"
problem = 1
text = "加强资金保障。"
lead = ["市财政局"]
deadline = "2022年8月31日前完成"
milestones = [{ date = 2022-08-31, require = "done" }]
"#;

pub fn plan() -> Plan {
    crate::read::plan_file::parse(PLAN).expect("the fixture plan reads")
}

pub fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("a day")
}

pub fn time(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").expect("a time")
}

/// The facts of an entry in `unit`'s ledger (`line` orders same-day ones).
pub fn fact(
    plan: &Plan,
    unit: &str,
    measure: &str,
    date: &str,
    recorded: &str,
    status: Status,
) -> Fact {
    let unit = plan.units.exact(unit).expect("a unit");
    Fact {
        unit,
        measure: plan.measure_index(measure).expect("a measure"),
        date: day(date),
        recorded: time(recorded),
        filed: time(recorded),
        status,
        origin: Origin {
            ledger: unit.0,
            line: 1,
        },
        replaces: None,
    }
}

/// Progress on `as_of` from `facts`.
pub fn progress(plan: &Plan, as_of: &str, facts: &[Fact]) -> Progress {
    let mut p = Progress::new(plan, day(as_of));
    for f in facts {
        p.observe(plan, *f);
    }
    p
}

pub fn unit(plan: &Plan, name: &str) -> UnitId {
    plan.units.exact(name).expect("a unit")
}
