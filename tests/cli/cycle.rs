//! The monthly cycle: sign-off and reopening, 催报, the unit's report and
//! the office's roll-up.

use crate::harness::*;
use serde_json::Value;

fn at<'a>(ws: &'a mut Workspace, now: &str) -> &'a mut Workspace {
    ws.now = now.to_string();
    ws
}

fn status_of(ws: &Workspace, id: &str, day: &str) -> Value {
    let rows = ws
        .run(&["status", "--as-of", day, "--format", "json"])
        .view("measures");
    rows.as_array()
        .expect("rows")
        .iter()
        .find(|r| r["id"] == id)
        .expect("row")
        .clone()
}

const OFFICE: &str = "reports/市巩固脱贫攻坚推进乡村振兴领导小组办公室.toml";

#[test]
fn sign_off_only_what_is_done_and_reopen_it() {
    let mut ws = Workspace::new();
    at(&mut ws, "2022-07-20T09:00:00");
    ws.run(&[
        "log",
        "2.2",
        "--unit",
        "乡村振兴局",
        "--status",
        "phased",
        "--date",
        "2022-07-10",
        "--progress",
        "学习2场",
    ])
    .ok();
    let err = ws.refused(&["signoff", "2.2", "--by", "王五", "--note", "核查"]);
    assert_eq!(
        err,
        "错误: 措施 2.2 截至 2022-07-20 的状态是“取得阶段性成效”;只有最新状态为已完成的措施才能销号\n    提示: 责任单位先用 rectify log 2.2 --status done 记录完成情况\n"
    );
    ws.run(&[
        "log",
        "2.2",
        "--unit",
        "乡村振兴局",
        "--status",
        "done",
        "--date",
        "2022-07-15",
        "--progress",
        "全部完成",
    ])
    .ok();
    let out = ws.run(&[
        "signoff",
        "2.2",
        "--by",
        "王五",
        "--note",
        "经核查,资料齐全",
    ]);
    out.ok();
    assert_eq!(
        out.stderr,
        format!("已销号: 措施 2.2 2022-07-20(记入 {OFFICE})\n")
    );
    assert!(
        ws.read(OFFICE)
            .contains("status = \"signed_off\"\nprogress = \"经核查,资料齐全\"\nby = \"王五\"\n")
    );
    assert_eq!(status_of(&ws, "2.2", "2022-07-20")["status"], "signed_off");
    assert_eq!(status_of(&ws, "2.2", "2022-07-19")["status"], "done");
    // No more entries until reopened.
    let err = ws.refused(&[
        "log",
        "2.2",
        "--unit",
        "乡村振兴局",
        "--status",
        "in_progress",
        "--progress",
        "x",
    ]);
    assert_eq!(
        err,
        // The words check uses for the same entry.
        "错误: 措施 2.2 已销号,此后又有进展记录\n    提示: 如需继续整改,请领导小组办公室先执行 rectify reopen 2.2 --by 姓名 --note 原因\n"
    );
    assert_eq!(
        ws.refused(&["signoff", "2.2", "--by", "王五", "--note", "x"]),
        "错误: 措施 2.2 已经销号\n"
    );
    at(&mut ws, "2022-07-25T09:00:00");
    ws.run(&[
        "reopen",
        "2.2",
        "--by",
        "王五",
        "--note",
        "抽查发现资料不全",
    ])
    .ok();
    assert_eq!(status_of(&ws, "2.2", "2022-07-25")["status"], "in_progress");
    // Recorded after the reopening (in the same second, check would order
    // the two by ledger name and find progress before the reopening).
    at(&mut ws, "2022-07-25T10:00:00");
    ws.run(&[
        "log",
        "2.2",
        "--unit",
        "乡村振兴局",
        "--status",
        "in_progress",
        "--progress",
        "补齐资料",
    ])
    .ok();
    let err = ws.refused(&["reopen", "2.2", "--by", "王五", "--note", "x"]);
    assert_eq!(
        err,
        "错误: 措施 2.2 截至 2022-07-25 的状态是“推进中”,没有销号,无需重新打开\n"
    );
    assert_eq!(
        ws.refused(&["signoff", "2.2", "--by", " ", "--note", "x"]),
        "错误: --by: 请写明由谁决定\n    提示: 用 -b 姓名 指明,或在工作区的 rectify.toml 中写 by = \"姓名\"\n"
    );
}

#[test]
fn ongoing_measures_keep_reporting_after_sign_off() {
    let mut ws = Workspace::new();
    at(&mut ws, "2022-07-20T09:00:00");
    ws.run(&[
        "log",
        "1.2",
        "--unit",
        "水务局",
        "--status",
        "done",
        "--date",
        "2022-07-10",
        "--progress",
        "排查完成",
    ])
    .ok();
    ws.run(&["signoff", "1.2", "--by", "王五", "--note", "阶段销号"])
        .ok();
    // 1.2 is 长期坚持: later entries are accepted, and it stays signed off.
    ws.run(&[
        "log",
        "1.2",
        "--unit",
        "水务局",
        "--status",
        "in_progress",
        "--progress",
        "常态化巡查",
    ])
    .ok();
    let row = status_of(&ws, "1.2", "2022-07-20");
    assert_eq!(row["status"], "signed_off");
    assert_eq!(row["light"], "done");
    assert_eq!(row["last_entry"], "2022-07-20");
}

/// A unit's row of `missing --format json`, and the ids it is chased for.
fn missing_of(v: &Value, unit: &str) -> (Value, Vec<String>) {
    let row = v["units"]
        .as_array()
        .expect("units")
        .iter()
        .find(|u| u["unit"] == unit)
        .expect("unit row")
        .clone();
    let ids = row["measures"]
        .as_array()
        .expect("measures")
        .iter()
        .map(|m| m["id"].as_str().expect("id").to_string())
        .collect();
    (row, ids)
}

#[test]
fn missing_is_judged_by_recorded_time() {
    let mut ws = Workspace::new();
    // Recorded before the 07-10 deadline: reported.
    at(&mut ws, "2022-07-09T17:00:00")
        .run(&[
            "log",
            "1.2",
            "--unit",
            "水务局",
            "--status",
            "in_progress",
            "--date",
            "2022-07-08",
            "--progress",
            "排查",
        ])
        .ok();
    // Back-dated into the period but recorded after the deadline: late.
    at(&mut ws, "2022-07-11T09:00:00")
        .run(&[
            "log",
            "1.3",
            "--unit",
            "水务局",
            "--status",
            "in_progress",
            "--date",
            "2022-07-09",
            "--progress",
            "补报",
        ])
        .ok();
    // A responsible unit's entry does not answer for the lead.
    ws.run(&[
        "log",
        "1.4",
        "--unit",
        "各街道党工委和办事处",
        "--status",
        "in_progress",
        "--date",
        "2022-07-01",
        "--progress",
        "x",
    ])
    .ok();
    let out = ws.run(&["missing", "--due", "2022-07-10", "--format", "json"]);
    out.ok();
    let v = out.json();
    assert_eq!(v["due"], "2022-07-10");
    assert_eq!(v["since"], "2022-06-10");
    let (water, ids) = missing_of(&v, "市水务局");
    assert_eq!(ids, ["1.3", "1.4"]);
    assert_eq!(water["last_recorded"], "2022-07-09T17:00:00");
    // For the next deadline, 1.3's late entry counts (recorded 07-11 is in the period).
    let v = ws
        .run(&["missing", "--due", "2022-08-10", "--format", "json"])
        .json();
    let (_, ids) = missing_of(&v, "市水务局");
    assert_eq!(ids, ["1.2", "1.4"]);
    // Default: the latest deadline on or before --as-of.
    let v = ws
        .run(&["missing", "--as-of", "2022-08-15", "--format", "json"])
        .json();
    assert_eq!(v["due"], "2022-08-10");
    let err = ws.refused(&["missing", "--due", "2022-07-11"]);
    assert!(
        err.starts_with(
            // 2022-06-10 is before the plan was issued (07-01): not chased.
            "错误: --due: 2022-07-11 不是报送期限;计划的报送期限是: 2022-07-10、2022-08-10、"
        ),
        "{err}"
    );
    let err = ws.refused(&["missing", "--as-of", "2022-06-01"]);
    assert!(
        err.starts_with("错误: 截至 2022-06-01 还没有到报送期限"),
        "{err}"
    );
}

#[test]
fn signed_off_measures_are_not_chased() {
    let mut ws = Workspace::new();
    at(&mut ws, "2022-07-05T09:00:00");
    ws.run(&[
        "log",
        "2.2",
        "--unit",
        "乡村振兴局",
        "--status",
        "done",
        "--progress",
        "完成",
    ])
    .ok();
    at(&mut ws, "2022-07-06T09:00:00");
    ws.run(&["signoff", "2.2", "--by", "王五", "--note", "核查属实"])
        .ok();
    let v = ws
        .run(&["missing", "--due", "2022-08-10", "--format", "json"])
        .json();
    let units = v["units"].as_array().expect("units");
    let xczx = units
        .iter()
        .find(|u| u["unit"] == "市乡村振兴局")
        .expect("乡村振兴局");
    assert!(
        !xczx["measures"]
            .as_array()
            .expect("m")
            .iter()
            .any(|m| m["id"] == "2.2")
    );
}

/// July 2022 for a few units, for the report golden files.
pub fn july() -> Workspace {
    let mut ws = Workspace::new();
    at(&mut ws, "2022-07-08T10:00:00");
    ws.run(&[
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
    ])
    .ok();
    ws.run(&[
        "log",
        "1.3",
        "--unit",
        "水务局",
        "--status",
        "phased",
        "--date",
        "2022-07-07",
        "--progress",
        "应急供水方案已印发。",
        "--next",
        "开展应急演练",
    ])
    .ok();
    ws.run(&[
        "log",
        "2.2",
        "--unit",
        "乡村振兴局",
        "--status",
        "done",
        "--date",
        "2022-07-06",
        "--progress",
        "组织学习一本通手册3场",
    ])
    .ok();
    at(&mut ws, "2022-07-25T10:00:00");
    ws.run(&[
        "signoff",
        "2.2",
        "--by",
        "王五",
        "--note",
        "经核查,学习记录齐全。",
    ])
    .ok();
    ws.run(&[
        "log",
        "1.2",
        "--unit",
        "各街道党工委和办事处",
        "--status",
        "phased",
        "--date",
        "2022-06-28",
        "--progress",
        "6月整改9个问题",
    ])
    .ok();
    ws
}

#[test]
fn a_units_monthly_report() {
    let ws = july();
    let out = ws.run(&[
        "summary",
        "--month",
        "2022-07",
        "--unit",
        "水务局",
        "--as-of",
        "2022-08-05",
    ]);
    out.ok();
    golden("summary_water_2022-07.txt", &out.stdout);
    let v = ws
        .run(&[
            "summary",
            "--month",
            "2022-07",
            "--unit",
            "水务局",
            "--as-of",
            "2022-08-05",
            "--format",
            "json",
        ])
        .json();
    assert_eq!(v["items"][0]["id"], "1.2");
    assert_eq!(v["items"][0]["entries"].as_array().expect("e").len(), 1);
    assert_eq!(v["items"][2]["entries"].as_array().expect("e").len(), 0);
    // --out writes the file.
    ws.run(&[
        "summary",
        "--month",
        "2022-07",
        "--unit",
        "水务局",
        "--as-of",
        "2022-08-05",
        "--out",
        "water.txt",
    ])
    .ok();
    assert_eq!(ws.read("water.txt"), out.stdout);
}

#[test]
fn the_offices_rollup() {
    let ws = july();
    let out = ws.run(&["summary", "--month", "2022-07", "--as-of", "2022-08-05"]);
    out.ok();
    golden("rollup_2022-07.txt", &out.stdout);
    let v = ws
        .run(&[
            "summary",
            "--month",
            "2022-07",
            "--as-of",
            "2022-08-05",
            "--format",
            "json",
        ])
        .json();
    assert_eq!(v["signed_off"][0]["id"], "2.2");
    assert_eq!(v["total"], 52);
    let err = ws.refused(&["summary", "--month", "2022-13"]);
    assert_eq!(err, "错误: --month: “2022-13”不是有效的月份:没有13月\n");
    let err = ws.refused(&["summary", "--month", "2022-09", "--as-of", "2022-08-05"]);
    assert_eq!(
        err,
        "错误: --month: 2022-09 还没有开始(--as-of 为 2022-08-05)\n"
    );
}

#[test]
fn the_warning_window_and_reporting_day_come_from_the_plan() {
    let plan = shipped_plan()
        .replace("day = 10\n", "day = 5\n")
        .replace("warning_days = 15\n", "warning_days = 30\n");
    let ws = Workspace::with_plan(&plan);
    // 2.1's milestone is 2022-07-31: 30 days from 07-01 is within a 30-day window.
    assert_eq!(status_of(&ws, "2.1", "2022-07-01")["light"], "yellow");
    assert_eq!(
        status_of(&Workspace::new(), "2.1", "2022-07-01")["light"],
        "green"
    );
    let v = ws
        .run(&["missing", "--as-of", "2022-07-07", "--format", "json"])
        .json();
    assert_eq!(v["due"], "2022-07-05");
    assert_eq!(v["since"], "2022-06-05");
}
