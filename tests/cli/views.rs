//! The views: the rules on explicit days, tables (golden files) and JSON.

use crate::harness::*;
use serde_json::Value;
use std::collections::BTreeSet;

fn ids(v: &Value) -> Vec<String> {
    v.as_array()
        .expect("array")
        .iter()
        .map(|o| o["id"].as_str().expect("id").to_string())
        .collect()
}

const JUNE_30: [&str; 11] = [
    "5.1", "5.2", "5.3", "5.4", "5.5", "6.1", "6.5", "6.6", "9.1", "9.2", "9.4",
];

#[test]
fn with_no_entries_june_30_milestones_are_one_day_overdue_on_july_1() {
    let ws = Workspace::new();
    let status = ws.run(&["status", "--as-of", "2022-07-01", "--format", "json"]);
    status.ok();
    let rows = status.view("measures");
    let rows = rows.as_array().expect("array");
    assert_eq!(rows.len(), 52);
    for r in rows {
        let id = r["id"].as_str().expect("id");
        let june = JUNE_30.contains(&id);
        assert_eq!(r["overdue"], Value::Bool(june), "{id}");
        assert_eq!(r["days_overdue"], if june { 1 } else { 0 }, "{id}");
        assert_eq!(r["light"], if june { "red" } else { "green" }, "{id}");
        assert_eq!(r["status"], "not_started");
        assert_eq!(r["last_entry"], Value::Null);
    }
    let overdue = ws.run(&["overdue", "--as-of", "2022-07-01", "--format", "json"]);
    assert_eq!(ids(&overdue.view("measures")), JUNE_30);
    // The day before, nothing is overdue.
    let overdue = ws.run(&["overdue", "--as-of", "2022-06-30", "--format", "json"]);
    assert_eq!(overdue.view("measures"), Value::Array(vec![]));
    let table = ws.run(&["overdue", "--as-of", "2022-06-30"]);
    assert_eq!(table.stdout, "截至 2022-06-30 没有逾期的措施。\n");
}

#[test]
fn deadlines_within_30_days_of_july_1_are_every_july_31_milestone() {
    let ws = Workspace::new();
    let status = ws
        .run(&["status", "--as-of", "2022-07-01", "--format", "json"])
        .view("measures");
    let expected: BTreeSet<String> = status
        .as_array()
        .expect("array")
        .iter()
        .filter(|r| {
            r["milestones"]
                .as_array()
                .expect("ms")
                .iter()
                .any(|d| d == "2022-07-31")
        })
        .map(|r| r["id"].as_str().expect("id").to_string())
        .collect();
    assert_eq!(expected.len(), 26);
    let out = ws.run(&[
        "deadlines",
        "--within",
        "30",
        "--as-of",
        "2022-07-01",
        "--format",
        "json",
    ]);
    out.ok();
    let rows = out.view("deadlines");
    let got: BTreeSet<String> = ids(&rows).into_iter().collect();
    assert_eq!(got, expected);
    for r in rows.as_array().expect("array") {
        assert_eq!(r["due"], "2022-07-31");
        assert_eq!(r["days_left"], 30);
    }
    // 29 days is one short.
    let out = ws.run(&[
        "deadlines",
        "--within",
        "29",
        "--as-of",
        "2022-07-01",
        "--format",
        "json",
    ]);
    assert_eq!(out.view("deadlines"), Value::Array(vec![]));
}

#[test]
fn entries_drive_status_milestones_and_lights() {
    let mut ws = Workspace::new();
    ws.now = "2023-01-10T09:00:00".into();
    let ws = ws;
    let log = |id: &str, unit: &str, status: &str, date: &str| {
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
            "进展",
        ])
        .ok();
    };
    // 5.1: phased by the first milestone, nothing in the second window.
    log("5.1", "市乡村振兴局", "phased", "2022-06-28");
    // 5.2: phased late, by a responsible unit.
    log("5.2", "各街道党工委和办事处", "phased", "2022-07-15");
    // 2.2 asks for completion by 07-31: phased is not enough.
    log("2.2", "市乡村振兴局", "phased", "2022-07-20");
    // 9.2: done early meets all three milestones.
    log("9.2", "市财政局", "done", "2022-06-01");
    let at = |day: &str| -> Value {
        ws.run(&["status", "--as-of", day, "--format", "json"])
            .view("measures")
    };
    let get = |v: &Value, id: &str| -> Value {
        v.as_array()
            .expect("array")
            .iter()
            .find(|r| r["id"] == id)
            .expect("row")
            .clone()
    };
    let july10 = at("2022-07-10");
    assert_eq!(get(&july10, "5.1")["overdue"], false);
    assert_eq!(get(&july10, "5.1")["status"], "phased");
    assert_eq!(get(&july10, "5.1")["next_milestone"], "2022-12-31");
    assert_eq!(get(&july10, "5.2")["days_overdue"], 10);
    assert_eq!(get(&july10, "9.2")["status"], "done");
    assert_eq!(get(&july10, "9.2")["light"], "done");
    let july20 = at("2022-07-20");
    assert_eq!(get(&july20, "5.2")["overdue"], false);
    assert_eq!(get(&july20, "5.2")["last_entry"], "2022-07-15");
    assert_eq!(get(&july20, "2.2")["light"], "yellow");
    let aug1 = at("2022-08-01");
    assert_eq!(get(&aug1, "2.2")["overdue"], true);
    assert_eq!(get(&aug1, "2.2")["days_overdue"], 1);
    let jan1 = at("2023-01-01");
    assert_eq!(get(&jan1, "5.1")["days_overdue"], 1);
    assert_eq!(get(&jan1, "5.1")["overdue_since"], "2022-12-31");
    assert_eq!(get(&jan1, "9.2")["overdue"], false);
    // Replaying a day before any entry shows the plan untouched.
    let june1 = at("2022-05-31");
    assert_eq!(get(&june1, "9.2")["status"], "not_started");
}

/// A small history for the golden files.
fn history() -> Workspace {
    let ws = Workspace::new();
    let log = |args: &[&str]| ws.run(args).ok().stdout.len();
    log(&[
        "log",
        "1.2",
        "--unit",
        "水务局",
        "--status",
        "in_progress",
        "--date",
        "2022-07-05",
        "--progress",
        "完成全市农村供水保障排查,发现问题12个",
        "--problems",
        "部分村组管网老化",
        "--next",
        "8月底前完成整改",
        "--by",
        "李四",
    ]);
    log(&[
        "log",
        "1.2",
        "--unit",
        "各街道党工委和办事处",
        "--status",
        "phased",
        "--date",
        "2022-07-15",
        "--progress",
        "整改完成9个问题",
    ]);
    log(&[
        "log",
        "1.3",
        "--unit",
        "水务局",
        "--status",
        "done",
        "--date",
        "2022-07-18",
        "--progress",
        "应急供水方案印发",
    ]);
    log(&[
        "log",
        "5.1",
        "--unit",
        "乡村振兴局",
        "--status",
        "phased",
        "--date",
        "2022-06-28",
        "--progress",
        "召开6月研判会",
    ]);
    ws
}

#[test]
fn status_table() {
    let ws = history();
    let out = ws.run(&["status", "--as-of", "2022-07-20", "--unit", "水务局"]);
    out.ok();
    golden("status_water.txt", &out.stdout);
    let out = ws.run(&["status", "--as-of", "2022-07-20", "--problem", "5"]);
    golden("status_problem5.txt", &out.stdout);
}

#[test]
fn overdue_and_deadlines_tables() {
    let ws = history();
    golden(
        "overdue.txt",
        &ws.run(&["overdue", "--as-of", "2022-07-20"]).stdout,
    );
    golden(
        "deadlines.txt",
        &ws.run(&["deadlines", "--as-of", "2022-07-20", "--within", "12"])
            .stdout,
    );
}

#[test]
fn show_and_units() {
    let ws = history();
    let out = ws.run(&["show", "1.2", "--as-of", "2022-07-20"]);
    out.ok();
    golden("show_1.2.txt", &out.stdout);
    golden(
        "show_5.1.txt",
        &ws.run(&["show", "5.1", "--as-of", "2022-07-01"]).stdout,
    );
    golden("units.txt", &ws.run(&["units"]).stdout);
    let units = ws.run(&["units", "--format", "json"]).view("units");
    let water = units
        .as_array()
        .expect("array")
        .iter()
        .find(|u| u["name"] == "市水务局")
        .expect("水务局")
        .clone();
    assert_eq!(water["leads"], 3);
    assert_eq!(water["entries"], 2);
}

#[test]
fn json_objects_hold_the_documented_fields() {
    let ws = history();
    let rows = ws
        .run(&["status", "--as-of", "2022-07-20", "--format", "json"])
        .view("measures");
    let first = &rows[0];
    for key in [
        "id",
        "problem",
        "lead",
        "responsible",
        "deadline",
        "milestones",
        "ongoing",
        "status",
        "last_entry",
        "next_milestone",
        "overdue",
        "days_overdue",
        "light",
    ] {
        assert!(first.get(key).is_some(), "missing {key}");
    }
    let overdue = ws
        .run(&["overdue", "--as-of", "2022-07-20", "--format", "json"])
        .view("measures");
    let o = &overdue[0];
    assert_eq!(o["id"], "5.2");
    assert_eq!(o["days_overdue"], 20);
    let show = ws
        .run(&["show", "1.2", "--as-of", "2022-07-20", "--format", "json"])
        .json();
    assert_eq!(show["as_of"], "2022-07-20");
    assert_eq!(show["history"].as_array().expect("history").len(), 2);
    assert_eq!(show["history"][0]["source"], "reports/市水务局.toml:4");
}

#[test]
fn a_damaged_ledger_is_named_with_its_line_and_stays_local() {
    let ws = history();
    let text = ws
        .read("reports/市水务局.toml")
        .replace("date = 2022-07-18", "date = 2022-07-188");
    ws.write("reports/市水务局.toml", &text);
    let line = text[..text.find("2022-07-188").expect("edit")]
        .matches('\n')
        .count()
        + 1;
    for view in ["status", "overdue", "deadlines", "units", "missing"] {
        let out = ws.run(&[view, "--as-of", "2022-07-20", "--format", "json"]);
        assert_eq!(out.code, 1, "{view}: {}", out.stderr);
        assert!(
            out.stderr.starts_with(&format!(
                "reports/市水务局.toml:{line}: 错误: 台账无法解析: 不是有效的 TOML"
            )),
            "{view}: {}",
            out.stderr
        );
        out.json();
    }
    // Every other unit in full; the broken unit's measures are unknown.
    let v = ws
        .run(&["status", "--as-of", "2022-07-20", "--format", "json"])
        .view("measures");
    let rows = v.as_array().expect("rows");
    assert_eq!(rows.len(), 52);
    for r in rows {
        let water = r["lead"]
            .as_array()
            .into_iter()
            .chain(r["responsible"].as_array())
            .flatten()
            .any(|u| u == "市水务局");
        let unknown = r["status"] == "unknown" && r["light"] == "unknown";
        assert_eq!(water, unknown, "{r}");
    }
    let out = ws.run(&["status", "--as-of", "2022-07-20"]);
    assert!(out.stdout.contains("台账有误"), "{}", out.stdout);
}

#[test]
fn bad_view_options_are_refused() {
    let ws = history();
    assert_eq!(
        ws.refused(&["status", "--as-of", "2022-13-01"]),
        "错误: --as-of: “2022-13-01”不是有效的日期:没有13月\n"
    );
    assert_eq!(
        ws.refused(&["status", "--problem", "13"]),
        "错误: 没有第13项问题;计划共有 12 项问题\n"
    );
    let err = ws.refused(&["show", "1.9"]);
    assert!(
        err.starts_with("错误: 没有编号为“1.9”的措施;相近的有: 1.1、"),
        "{err}"
    );
    let err = ws.refused(&["status", "--format", "xml"]);
    assert_eq!(err, "错误: --format: “xml”无效;可选值: table、json、csv\n");
}

#[test]
fn a_stray_ledger_is_named_with_the_rename_that_fixes_it() {
    let ws = history();
    ws.write("reports/水利局.toml", "");
    ws.write("reports/市水务局.toml.txt", "");
    let out = ws.run(&["status", "--as-of", "2022-07-20", "--format", "json"]);
    assert_eq!(out.code, 1, "a stray file is a fault scripts must notice");
    assert_eq!(out.view("measures").as_array().map(Vec::len), Some(52));
    assert_eq!(
        out.stderr,
        "reports/市水务局.toml.txt: 错误: 文件名不是单位的规范台账名,其中的记录没有计入(应为 reports/市水务局.toml)\n    提示: 改名为 reports/市水务局.toml;若该文件已存在,把记录并入后删除此文件\nreports/水利局.toml: 错误: 不是计划中任何单位的台账,其中的记录没有计入\n    提示: 台账文件名应为“单位规范名称.toml”(rectify units 列出所有单位);无关文件请移出 reports/\n"
    );
}

#[test]
fn extreme_days_and_windows_do_not_panic() {
    let ws = history();
    for args in [
        &[
            "deadlines",
            "--within",
            "4000000000",
            "--as-of",
            "2022-07-01",
        ][..],
        &["status", "--as-of", "9999-12-31"],
        &["overdue", "--as-of", "0001-01-01"],
        &["summary", "--month", "9999-12", "--as-of", "9999-12-31"],
        &["missing", "--as-of", "9999-12-31"],
        &["check", "--as-of", "0001-01-01"],
    ] {
        let out = ws.run(args);
        assert!(!out.stderr.contains("panicked"), "{args:?}: {}", out.stderr);
        assert!(out.code == 0 || out.code == 1, "{args:?}: {}", out.stderr);
    }
}
