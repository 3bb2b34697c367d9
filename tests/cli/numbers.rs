//! The numbers the leaders read: a period's report is judged at the period's
//! close, uses only what was recorded by its day, and names the units that
//! did not report exactly as `missing` does.

use crate::harness::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// One entry, logged on its own day at 10:00 (so `recorded` is realistic).
struct Logged {
    date: &'static str,
    unit: &'static str,
    measure: &'static str,
    status: &'static str,
}

const fn e(
    date: &'static str,
    unit: &'static str,
    measure: &'static str,
    status: &'static str,
) -> Logged {
    Logged {
        date,
        unit,
        measure,
        status,
    }
}

/// A year of entries logged on time: some milestones met, some met late,
/// some never met. None is dated on the first of a month, so the day after
/// a period adds nothing the period's close did not know.
const YEAR: &[Logged] = &[
    e("2022-06-20", "市乡村振兴局", "5.1", "phased"),
    e("2022-06-25", "市卫生健康局", "6.6", "phased"),
    e("2022-06-28", "市乡村振兴局", "9.2", "in_progress"),
    e("2022-07-15", "市乡村振兴局", "9.2", "phased"),
    e("2022-07-20", "市委组织部", "2.1", "phased"),
    e("2022-07-25", "市水务局", "1.2", "in_progress"),
    e("2022-07-28", "市乡村振兴局", "2.2", "done"),
    e("2022-08-08", "市委文明办", "3.1", "phased"),
    e("2022-08-20", "市医保局", "6.5", "phased"),
    e("2022-09-15", "市发展改革局", "7.4.1", "phased"),
    e("2022-10-12", "市财政局", "7.4.2", "phased"),
    e("2022-11-20", "市乡村振兴局", "9.2", "phased"),
    e("2022-12-20", "市水务局", "1.2", "phased"),
    e("2022-12-28", "市农业农村局", "1.1", "done"),
];

fn log_on_time(ws: &mut Workspace, x: &Logged) {
    ws.now = format!("{}T10:00:00", x.date);
    ws.run(&[
        "log",
        x.measure,
        "--unit",
        x.unit,
        "--status",
        x.status,
        "--progress",
        &format!("{}{}进展", x.date, x.measure),
    ])
    .ok();
}

/// Each overdue measure's id with the milestone it missed and the days.
fn overdue_rows(rows: &Value) -> BTreeMap<String, (String, i64)> {
    rows.as_array()
        .expect("rows")
        .iter()
        .map(|r| {
            (
                r["id"].as_str().expect("id").to_string(),
                (
                    r["overdue_since"].as_str().expect("since").to_string(),
                    r["days_overdue"].as_i64().expect("days"),
                ),
            )
        })
        .collect()
}

/// The units each measure involves (lead or responsible).
fn involved(ws: &Workspace) -> BTreeMap<String, BTreeSet<String>> {
    let rows = ws
        .run(&["status", "--as-of", "2022-07-01", "--format", "json"])
        .view("measures");
    rows.as_array()
        .expect("rows")
        .iter()
        .map(|r| {
            let mut units = names(&r["lead"]);
            units.extend(names(&r["responsible"]));
            (r["id"].as_str().expect("id").to_string(), units)
        })
        .collect()
}

fn names(list: &Value) -> BTreeSet<String> {
    list.as_array()
        .expect("names")
        .iter()
        .map(|n| n.as_str().expect("name").to_string())
        .collect()
}

/// (month, the 5th of the next month, the first day after the month).
const CYCLE: &[(&str, &str, &str)] = &[
    ("2022-06", "2022-07-05", "2022-07-01"),
    ("2022-07", "2022-08-05", "2022-08-01"),
    ("2022-08", "2022-09-05", "2022-09-01"),
    ("2022-09", "2022-10-05", "2022-10-01"),
    ("2022-10", "2022-11-05", "2022-11-01"),
    ("2022-11", "2022-12-05", "2022-12-01"),
    ("2022-12", "2023-01-05", "2023-01-01"),
];

#[test]
fn rollup_unit_reports_and_overdue_agree_for_every_month_of_the_cycle() {
    let mut ws = Workspace::new();
    for x in YEAR {
        log_on_time(&mut ws, x);
    }
    ws.now = "2023-01-06T09:00:00".to_string();
    let involved = involved(&ws);
    let units: Vec<String> = ws
        .run(&["units", "--format", "json"])
        .view("units")
        .as_array()
        .expect("units")
        .iter()
        .map(|u| u["name"].as_str().expect("name").to_string())
        .collect();
    for &(month, fifth, after) in CYCLE {
        let overdue = ws.run(&["overdue", "--as-of", after, "--format", "json"]);
        overdue.ok();
        let expected = overdue_rows(&overdue.view("measures"));
        assert!(!expected.is_empty(), "{month}: nothing overdue");
        let rollup = ws.run(&[
            "summary", "--month", month, "--as-of", fifth, "--format", "json",
        ]);
        rollup.ok();
        let rollup = rollup.json();
        assert_eq!(overdue_rows(&rollup["overdue"]), expected, "{month}");
        let red = rollup["by_light"]
            .as_array()
            .expect("lights")
            .iter()
            .find(|l| l[0] == "red")
            .expect("red")[1]
            .as_u64()
            .expect("count");
        assert_eq!(red as usize, expected.len(), "{month}: 红灯 counts them");
        for unit in &units {
            let report = ws.run(&[
                "summary", "--month", month, "--unit", unit, "--as-of", fifth, "--format", "json",
            ]);
            report.ok();
            let got: BTreeMap<String, (String, i64)> = report.json()["attention"]
                .as_array()
                .expect("attention")
                .iter()
                .filter(|a| a["kind"] == "overdue")
                .map(|a| {
                    (
                        a["id"].as_str().expect("id").to_string(),
                        (
                            a["since"].as_str().expect("since").to_string(),
                            a["days"].as_i64().expect("days"),
                        ),
                    )
                })
                .collect();
            let mine: BTreeMap<String, (String, i64)> = expected
                .iter()
                .filter(|(id, _)| involved[*id].contains(unit))
                .map(|(id, v)| (id.clone(), v.clone()))
                .collect();
            assert_eq!(got, mine, "{month} {unit}");
        }
    }
}

#[test]
fn december_judges_the_year_end_deadlines_red() {
    let mut ws = Workspace::new();
    for x in YEAR {
        log_on_time(&mut ws, x);
    }
    ws.now = "2023-01-06T09:00:00".to_string();
    let v = ws
        .run(&[
            "summary",
            "--month",
            "2022-12",
            "--as-of",
            "2023-01-05",
            "--format",
            "json",
        ])
        .json();
    let lights: BTreeMap<String, u64> = v["by_light"]
        .as_array()
        .expect("lights")
        .iter()
        .map(|l| {
            (
                l[0].as_str().expect("light").to_string(),
                l[1].as_u64().expect("n"),
            )
        })
        .collect();
    assert_eq!(lights["yellow"], 0, "{lights:?}");
    let year_end: BTreeSet<String> = v["overdue"]
        .as_array()
        .expect("overdue")
        .iter()
        .filter(|r| r["overdue_since"] == "2022-12-31")
        .map(|r| r["id"].as_str().expect("id").to_string())
        .collect();
    // Every 12-31 milestone not met by then: 1.2 (phased 12-20) and 1.1
    // (done 12-28) met theirs.
    for id in ["1.3", "1.4", "6.2", "7.2", "8.1", "10.1"] {
        assert!(year_end.contains(id), "{id} not red: {year_end:?}");
    }
    for id in ["1.1", "1.2"] {
        assert!(!year_end.contains(id), "{id} was met: {year_end:?}");
    }
    let text = ws
        .run(&["summary", "--month", "2022-12", "--as-of", "2023-01-05"])
        .stdout;
    assert!(
        text.contains(
            // Said as of the report's own day (截至12月31日): due that day, not met.
            "措施1.3“提升农村饮水安全保障质量”（牵头单位：市水务局），于2022年12月31日到期，未完成。"
        ),
        "{text}"
    );
}

/// July's roll-up and 市乡村振兴局's report for July, as of 2022-08-05, in
/// text and JSON.
fn july_reports(ws: &Workspace) -> Vec<String> {
    let mut out = Vec::new();
    for unit in [None, Some("市乡村振兴局"), Some("市住房城乡建设局")] {
        for format in ["table", "json"] {
            let mut args = vec![
                "summary",
                "--month",
                "2022-07",
                "--as-of",
                "2022-08-05",
                "--format",
                format,
            ];
            if let Some(u) = unit {
                args.extend(["--unit", u]);
            }
            let run = ws.run(&args);
            run.ok();
            out.push(run.stdout);
        }
    }
    out
}

#[test]
fn a_report_as_of_a_day_reads_the_same_when_regenerated_later() {
    let mut ws = Workspace::new();
    for x in YEAR.iter().filter(|x| x.date <= "2022-08-05") {
        log_on_time(&mut ws, x);
    }
    // 9.4 done early in July: reported for June, owed again for July.
    ws.now = "2022-07-05T10:00:00".to_string();
    ws.run(&[
        "log",
        "9.4",
        "--unit",
        "住房城乡建设局",
        "--status",
        "done",
        "--progress",
        "完成改造",
    ])
    .ok();
    ws.now = "2022-08-05T16:00:00".to_string();
    let on_the_day = july_reports(&ws);
    assert!(
        on_the_day[0].contains("市住房城乡建设局：措施9.4。"),
        "{}",
        on_the_day[0]
    );

    // After the day: entries back-dated into July and recorded in September,
    // a sign-off back-dated to before the deadline, and later progress.
    ws.now = "2022-09-03T10:00:00".to_string();
    for (id, unit, date) in [
        ("5.3", "乡村振兴局", "2022-07-20"),
        ("9.4", "住房城乡建设局", "2022-07-30"),
        ("3.3", "市委文明办", "2022-07-31"),
    ] {
        let status = if id == "9.4" { "done" } else { "phased" };
        ws.run(&[
            "log",
            id,
            "--unit",
            unit,
            "--status",
            status,
            "--date",
            date,
            "--progress",
            "补记七月进展",
        ])
        .ok();
    }
    ws.run(&[
        "signoff",
        "9.4",
        "--by",
        "王五",
        "--note",
        "核查属实",
        "--date",
        "2022-08-08",
    ])
    .ok();
    ws.run(&[
        "signoff",
        "2.2",
        "--by",
        "王五",
        "--note",
        "核查属实",
        "--date",
        "2022-07-30",
    ])
    .ok();
    for x in YEAR.iter().filter(|x| x.date > "2022-08-05") {
        log_on_time(&mut ws, x);
    }
    ws.now = "2022-12-15T10:00:00".to_string();
    let in_december = july_reports(&ws);
    for (a, b) in on_the_day.iter().zip(&in_december) {
        assert_eq!(a, b);
    }
    // The later entries are there: a report as of today sees them.
    let now = ws
        .run(&["summary", "--month", "2022-07", "--as-of", "2022-12-15"])
        .stdout;
    assert_ne!(now, on_the_day[0]);
}

/// The last column of `missing`'s table row for `unit`.
fn last_recorded_cell(table: &str, unit: &str) -> String {
    let row = table
        .lines()
        .find(|l| l.split(['│', '┆']).any(|c| c.trim() == unit))
        .unwrap_or_else(|| panic!("no row for {unit}:\n{table}"));
    let cells: Vec<&str> = row
        .split(['│', '┆'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    cells.last().expect("cells").to_string()
}

#[test]
fn missing_tells_late_from_never_and_the_rollup_names_the_same_units() {
    let mut ws = Workspace::new();
    for (now, unit, id) in [
        // Reported for June only: owed for July, last recorded in June.
        ("2022-06-25T10:00:00", "市卫生健康局", "6.6"),
        // Reported 1.2 in July's period: still owes 1.3 and 1.4.
        ("2022-07-15T10:00:00", "市水务局", "1.2"),
        // Recorded after the 08-10 deadline, before --as-of: filed late.
        ("2022-08-15T10:00:00", "市委文明办", "3.1"),
        // Recorded after --as-of: as of 08-20 it has never recorded.
        ("2022-08-25T10:00:00", "市医保局", "6.5"),
    ] {
        ws.now = now.to_string();
        ws.run(&[
            "log",
            id,
            "--unit",
            unit,
            "--status",
            "phased",
            "--progress",
            "进展",
        ])
        .ok();
    }
    ws.now = "2022-08-30T10:00:00".to_string();
    let args = ["missing", "--due", "2022-08-10", "--as-of", "2022-08-20"];
    let table = ws.run(&args).stdout;
    assert_eq!(
        last_recorded_cell(&table, "市委文明办"),
        "逾期补报 2022-08-15 10:00"
    );
    assert_eq!(last_recorded_cell(&table, "市水务局"), "2022-07-15 10:00");
    assert_eq!(
        last_recorded_cell(&table, "市卫生健康局"),
        "2022-06-25 10:00"
    );
    assert_eq!(last_recorded_cell(&table, "市医保局"), "从未记录");
    assert_eq!(last_recorded_cell(&table, "市民政局"), "从未记录");
    let missing = ws.run(&[&args[..], &["--format", "json"]].concat()).json();
    let recorded = ["市卫生健康局", "市水务局", "市委文明办"];
    for u in missing["units"].as_array().expect("units") {
        let unit = u["unit"].as_str().expect("unit");
        let never = last_recorded_cell(&table, unit) == "从未记录";
        assert_eq!(never, !recorded.contains(&unit), "{unit}");
    }

    // The roll-up's 未报送 is `missing` for the month's deadline, on any day.
    for as_of in ["2022-08-05", "2022-08-10", "2022-08-20", "2022-08-30"] {
        let rollup = ws
            .run(&[
                "summary", "--month", "2022-07", "--as-of", as_of, "--format", "json",
            ])
            .json();
        let mut missing = ws
            .run(&[
                "missing",
                "--due",
                "2022-08-10",
                "--as-of",
                as_of,
                "--format",
                "json",
            ])
            .json();
        // The same report, less the view's heading (plan and day).
        let missing = missing.as_object_mut().expect("object");
        assert_eq!(missing.remove("as_of").expect("as_of"), as_of);
        missing.remove("plan").expect("plan");
        assert_eq!(
            rollup["not_reported"],
            Value::Object(missing.clone()),
            "{as_of}"
        );
    }
    let text = ws
        .run(&["summary", "--month", "2022-07", "--as-of", "2022-08-20"])
        .stdout;
    assert!(
        text.contains("截至2022年8月10日报送期限，以下牵头单位未报送："),
        "{text}"
    );
    assert!(
        // Only 3.1 was filed late: the mark is on it alone.
        text.contains("市委文明办：措施3.1（8月15日逾期补报）、3.3。"),
        "{text}"
    );
    assert!(text.contains("市水务局：措施1.3、1.4。\n"), "{text}");
}

#[test]
fn no_deadline_before_the_plan_was_issued_is_chased() {
    // The plan was issued on 2022-07-01; its window opens in June, so the
    // 06-10 deadline is before the plan and June's report is due 07-10.
    let ws = Workspace::new();
    let err = ws.refused(&["missing", "--due", "2022-06-10"]);
    assert!(err.contains("2022-06-10 不是报送期限"), "{err}");
    let err = ws.refused(&["missing", "--as-of", "2022-07-05"]);
    assert!(
        err.starts_with("错误: 截至 2022-07-05 还没有到报送期限"),
        "{err}"
    );
    let may = ws
        .run(&[
            "summary",
            "--month",
            "2022-05",
            "--as-of",
            "2022-06-20",
            "--format",
            "json",
        ])
        .json();
    assert_eq!(may["not_reported"], Value::Null);
    let june = ws
        .run(&[
            "summary",
            "--month",
            "2022-06",
            "--as-of",
            "2022-07-20",
            "--format",
            "json",
        ])
        .json();
    assert_eq!(june["not_reported"]["due"], "2022-07-10");
    let findings = ws
        .run(&["check", "--as-of", "2022-12-31", "--format", "json"])
        .view("findings");
    let periods: Vec<&Value> = findings
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| {
            f["message"]
                .as_str()
                .is_some_and(|m| m.contains("报送期限"))
        })
        .collect();
    assert!(!periods.is_empty());
    for f in periods {
        let m = f["message"].as_str().expect("message");
        assert!(m.contains("7月10日") && !m.contains("6月10日"), "{m}");
    }
}
