//! The monthly cycle through report forms: `template` writes a unit's
//! form, the test fills it with an independent editor (or LibreOffice made
//! the fixture), `ingest` checks it and appends exactly the filled rows.

use crate::harness::{ROOT, Workspace};
use crate::xlsx_filler::{Value, fill};
use std::path::Path;

/// A workspace on 5 August 2022, when July's reports are due.
fn august() -> Workspace {
    let mut ws = Workspace::new();
    ws.now = "2022-08-05T10:00:00".to_string();
    ws
}

/// 市水务局's July form: rows 5 to 9 are measures 1.2, 1.3, 1.4, 6.1, 11.1.
fn form(ws: &Workspace) -> Vec<u8> {
    ws.run(&[
        "template",
        "-u",
        "水务局",
        "--month",
        "2022-07",
        "-o",
        "form.xlsx",
        "--as-of",
        "2022-08-01",
    ])
    .ok();
    let bytes = ws.read_bytes("form.xlsx");
    std::fs::remove_file(ws.path().join("form.xlsx")).unwrap();
    bytes
}

/// Writes a filled form into the workspace.
fn filled(ws: &Workspace, name: &str, cells: &[(&str, Value)]) {
    let bytes = fill(&form(ws), cells);
    std::fs::write(ws.path().join(name), bytes).unwrap();
}

/// Two rows filled as people fill them: a text date with slashes, an Excel
/// day number, trailing spaces, a notes row under the table.
fn two_rows() -> Vec<(&'static str, Value<'static>)> {
    vec![
        ("H5", Value::Text("完成全市农村供水保障排查  ")),
        ("I5", Value::Text("部分村组水源不稳定")),
        ("K5", Value::Text("推进中")),
        ("L5", Value::Text("2022/7/20")),
        ("M5", Value::Text("张三 ")),
        ("H7", Value::Text("水质检测全部完成")),
        ("J7", Value::Text("按季度复检")),
        ("K7", Value::Text("已完成")),
        ("L7", Value::Number(44770.0)),
        ("A20", Value::Text("备注：本表经单位主要负责人审核")),
    ]
}

const TWO_ENTRIES: &str = "\
[[entry]]
date = 2022-07-20
measure = \"1.2\"
status = \"in_progress\"
progress = \"完成全市农村供水保障排查\"
problems = \"部分村组水源不稳定\"
by = \"张三\"
recorded = 2022-08-05T10:00:00

[[entry]]
date = 2022-07-28
measure = \"1.4\"
status = \"done\"
progress = \"水质检测全部完成\"
next = \"按季度复检\"
recorded = 2022-08-05T10:00:00
";

#[test]
fn a_filled_form_appends_exactly_its_rows_once() {
    let ws = august();
    filled(&ws, "市水务局-2022-07.xlsx", &two_rows());
    let out = ws.run(&["ingest", "市水务局-2022-07.xlsx"]);
    out.ok();
    assert_eq!(
        out.stderr,
        "已记入 reports/市水务局.toml：市水务局-2022-07.xlsx 中2022年7月的进展 2 条（措施 1.2、1.4）\n"
    );
    let ledger = ws.read("reports/市水务局.toml");
    assert!(ledger.ends_with(TWO_ENTRIES), "{ledger}");
    assert_eq!(ledger.matches("\n[[entry]]").count(), 2);
    // The same form again adds nothing, and says so.
    let again = ws.run(&["ingest", "市水务局-2022-07.xlsx"]);
    again.ok();
    assert_eq!(
        again.stderr,
        "市水务局-2022-07.xlsx：2 条已在 reports/市水务局.toml 中，本次没有新增\n"
    );
    assert_eq!(ws.read("reports/市水务局.toml"), ledger);
    // The ledger reads as if `log` had written it.
    ws.run(&["check", "--errors-only"]).ok();
}

#[test]
fn dry_run_shows_the_rows_and_writes_nothing() {
    let ws = august();
    filled(&ws, "f.xlsx", &two_rows());
    let before = ws.snapshot();
    let out = ws.run(&["ingest", "f.xlsx", "--dry-run"]);
    out.ok();
    assert_eq!(before, ws.snapshot());
    assert!(
        out.stdout.contains("│ 1.4  ┆ 2022-07-28 ┆ 已完成"),
        "{}",
        out.stdout
    );
    assert_eq!(
        out.stderr,
        "f.xlsx：检查通过，将记入 reports/市水务局.toml 2 条（--dry-run，未写入）\n"
    );
}

#[test]
fn every_error_is_listed_with_its_cell_and_nothing_is_written() {
    let ws = august();
    filled(
        &ws,
        "市水务局-2022-07.xlsx",
        &[
            ("H5", Value::Text("完成排查")),
            ("K5", Value::Text("完成了")),
            ("H6", Value::Text("召开调度会")),
            ("K6", Value::Text("推进中")),
            ("L6", Value::Text("2022年8月1日")),
            ("I7", Value::Text("资金未到位")),
            ("K7", Value::Text("推进中")),
            ("C8", Value::Text("牵头")),
            ("H9", Value::Text("进展")),
            ("K9", Value::Text("推进中")),
            ("L9", Value::Text("７月３２日")),
        ],
    );
    let err = ws.refused(&["ingest", "市水务局-2022-07.xlsx"]);
    assert_eq!(
        err,
        "\
市水务局-2022-07.xlsx!C8: 错误: 锁定的单元格被改动：原为“配合”，现为“牵头”
    提示: 这里由 rectify 填写，请恢复原样（或重新生成填报表）后再导入
市水务局-2022-07.xlsx!K5: 错误: 状态“完成了”无效，应为 推进中/取得阶段性成效/已完成
    提示: 从下拉列表中选择
市水务局-2022-07.xlsx!L6: 错误: 日期 2022-08-01 不在填报月份（2022年7月）内
    提示: 只填报本月的进展；其他月份的进展用那个月的填报表
市水务局-2022-07.xlsx!H7: 错误: 整改进展情况(progress)为空
    提示: 写明做了什么
市水务局-2022-07.xlsx!L9: 错误: 日期“７月３２日”无效
    提示: 写作 2022-07-31、2022/7/31 或 2022年7月31日
未记入：市水务局-2022-07.xlsx 有 5 处错误，台账没有改动；改正后重新导入
"
    );
}

#[test]
fn back_from_done_is_refused_by_the_rules_log_keeps() {
    let ws = august();
    ws.run(&[
        "log",
        "1.2",
        "-u",
        "水务局",
        "-s",
        "已完成",
        "-p",
        "全部完成",
        "-d",
        "2022-07-10",
    ])
    .ok();
    filled(
        &ws,
        "f.xlsx",
        &[
            ("H5", Value::Text("继续排查")),
            ("K5", Value::Text("推进中")),
        ],
    );
    let err = ws.refused(&["ingest", "f.xlsx"]);
    assert!(
        err.starts_with(
            "f.xlsx!K5: 错误: 措施 1.2 已记为已完成(reports/市水务局.toml:4),此后又记为“推进中”,中间没有重新打开\n"
        ),
        "{err}"
    );
}

#[test]
fn a_corrected_form_for_the_same_month_is_refused() {
    let ws = august();
    filled(&ws, "f.xlsx", &two_rows());
    ws.run(&["ingest", "f.xlsx"]).ok();
    let mut cells = two_rows();
    cells[0] = ("H5", Value::Text("完成全市农村供水保障排查,整改3处"));
    filled(&ws, "f2.xlsx", &cells);
    let err = ws.refused(&["ingest", "f2.xlsx"]);
    let id = err
        .split("编号 ")
        .nth(1)
        .and_then(|t| t.get(..8))
        .expect("the entry's id")
        .to_string();
    assert_eq!(
        err,
        format!("\
f2.xlsx!H5: 错误: 措施 1.2 在 2022-07-20 已有一条记录（reports/市水务局.toml:4，编号 {id}），与本表所填不同；台账只追加、不改写，更正的填报表不会重复记入
    提示: 删去这一行后重新导入；要改正已记入的内容，用 rectify amend {id} 更正，或用 rectify withdraw {id} 撤回后重新导入
未记入：f2.xlsx 有 1 处错误，台账没有改动；改正后重新导入
")
    );
    // Once the old entry is withdrawn, the corrected form goes in: its
    // changed row is recorded, the unchanged one is already there.
    ws.run(&[
        "withdraw",
        &id,
        "-u",
        "水务局",
        "-r",
        "填报有误",
        "-b",
        "张三",
    ])
    .ok();
    let out = ws.run(&["ingest", "f2.xlsx"]);
    out.ok();
    let show = ws.run(&["show", "1.2", "--format", "json"]);
    let history = show.view("history");
    let current: Vec<_> = history
        .as_array()
        .expect("history")
        .iter()
        .filter(|h| h["correction"].is_null())
        .map(|h| h["progress"].as_str().expect("progress").to_string())
        .collect();
    assert_eq!(current, ["完成全市农村供水保障排查,整改3处"]);
    // The first form sent again brings nothing back: its rows were
    // recorded once, the withdrawn one included.
    let before = ws.snapshot();
    ws.run(&["ingest", "f.xlsx"]).ok();
    assert_eq!(before, ws.snapshot());
}

#[test]
fn a_form_of_another_plan_or_unit_is_refused() {
    let ws = august();
    filled(&ws, "f.xlsx", &two_rows());
    let err = ws.refused(&["ingest", "f.xlsx", "--unit", "财政局"]);
    assert!(
        err.starts_with("f.xlsx: 错误: 这是市水务局的填报表，不是市财政局的\n"),
        "{err}"
    );
    let plan = ws
        .read("plan/plan.toml")
        .replacen("整改方案\"", "整改方案(修订)\"", 1);
    assert_ne!(plan, ws.read("plan/plan.toml"));
    ws.write("plan/plan.toml", &plan);
    let err = ws.refused(&["ingest", "f.xlsx"]);
    assert!(
        err.starts_with("f.xlsx: 错误: 这份填报表不是按本工作区的方案"),
        "{err}"
    );
}

#[test]
fn a_csv_saved_from_the_form_is_read_and_checked() {
    let ws = august();
    let plan_title = ws.read("plan/plan.toml");
    let title = plan_title
        .lines()
        .find_map(|l| l.strip_prefix("title = \""))
        .unwrap()
        .trim_end_matches('"')
        .to_string();
    let csv = format!(
        "市水务局2022年7月整改进展填报表,,,\r\n单位,市水务局,月份,2022年7月,方案,{title}\r\n填报说明\r\n\
编号,整改措施,本单位职责,整改时限,当前状态,预警,上次报送进展,本月进展,存在问题,下步措施,状态,日期,填报人\r\n\
1.2,…,牵头,,,,,\"完成排查,共3处\",,,推进中,2022年7月31日,李四\r\n\
6.2,…,牵头,,,,,进展,,,推进中,,\r\n"
    );
    ws.write("f.csv", &csv);
    let err = ws.refused(&["ingest", "f.csv"]);
    assert!(
        err.starts_with("f.csv!A6: 错误: 市水务局 既不是措施 6.2 的牵头单位,也不是责任单位\n"),
        "{err}"
    );
    ws.write(
        "f.csv",
        &csv.replace("6.2,…,牵头,,,,,进展,,,推进中,,\r\n", ""),
    );
    ws.run(&["ingest", "f.csv"]).ok();
    assert!(
        ws.read("reports/市水务局.toml")
            .contains("date = 2022-07-31\nmeasure = \"1.2\"\nstatus = \"in_progress\"\nprogress = \"完成排查,共3处\"\nby = \"李四\"\n")
    );
}

#[test]
fn libreoffice_saved_forms_are_read() {
    // Made by tests/fixtures/intake/make: the two rows above, filled by the
    // editor, then opened and saved by LibreOffice as .xls, .ods and .xlsx.
    for ext in ["xls", "ods", "xlsx"] {
        let ws = august();
        let fixture = Path::new(ROOT).join(format!("tests/fixtures/intake/filled.{ext}"));
        let name = format!("filled.{ext}");
        std::fs::copy(&fixture, ws.path().join(&name)).unwrap();
        let out = ws.run(&["ingest", &name]);
        out.ok();
        let ledger = ws.read("reports/市水务局.toml");
        assert!(ledger.ends_with(TWO_ENTRIES), "{ext}: {ledger}");
        ws.run(&["ingest", &name]).ok();
        assert_eq!(ws.read("reports/市水务局.toml"), ledger, "{ext}");
    }
}

/// Writes the filled form the LibreOffice fixtures are made from (run by
/// tests/fixtures/intake/make).
#[test]
#[ignore]
fn fixture_source() {
    let ws = august();
    let bytes = fill(&form(&ws), &two_rows());
    let out = std::env::var("INTAKE_FIXTURE_OUT").unwrap_or_else(|_| "filled-source.xlsx".into());
    std::fs::write(out, bytes).unwrap();
}
