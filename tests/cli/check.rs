//! `rectify check`: every finding provoked by a crafted ledger, and a clean
//! workspace that passes.

use crate::harness::*;

const PLAN: &str = r#"[plan]
title = "测试整改方案"
issuer = "测试领导小组"
issued = 2022-07-01

[reporting]
reporters = "市级相关单位"
day = 10
from = "2022-07"
until = "2022-08"
contents = ["整改进展情况"]
warning_days = 15
text = ""

[[unit]]
name = "市水务局"
aliases = ["水务局"]

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
text = "开展排查。"
lead = ["市水务局"]
responsible = []
deadline = "2022年7月31日前"
milestones = [{ date = 2022-07-31, require = "done" }]

[[measure]]
id = "1.2"
problem = 1
text = "落实资金。"
lead = ["市财政局"]
responsible = ["市水务局"]
deadline = "2022年8月31日前取得阶段性成效,长期坚持"
milestones = [{ date = 2022-08-31, require = "phased" }]
ongoing = true
"#;

/// One ledger entry as text.
fn entry(date: &str, measure: &str, status: &str, progress: &str, recorded: &str) -> String {
    format!(
        "\n[[entry]]\ndate = {date}\nmeasure = \"{measure}\"\nstatus = \"{status}\"\nprogress = \"{progress}\"\nrecorded = {recorded}\n"
    )
}

#[test]
fn a_clean_workspace_passes() {
    let ws = Workspace::with_plan(PLAN);
    let mut water = entry(
        "2022-07-05",
        "1.1",
        "in_progress",
        "排查",
        "2022-07-08T10:00:00",
    );
    water += &entry("2022-07-30", "1.1", "done", "完成", "2022-08-05T10:00:00");
    let mut finance = entry(
        "2022-07-06",
        "1.2",
        "in_progress",
        "拨付",
        "2022-07-06T10:00:00",
    );
    finance += &entry(
        "2022-08-01",
        "1.2",
        "phased",
        "拨付完成一半",
        "2022-08-02T10:00:00",
    );
    ws.write("reports/市水务局.toml", &water);
    ws.write("reports/市财政局.toml", &finance);
    let out = ws.run(&["check", "--as-of", "2022-08-20"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert_eq!(out.stdout, "检查了 2 个台账、4 条记录:0 个错误、0 个警告\n");
}

#[test]
fn every_finding_is_provoked() {
    let ws = Workspace::with_plan(PLAN);
    let water = [
        entry(
            "2022-07-05",
            "1.9",
            "in_progress",
            "编号写错",
            "2022-07-05T10:00:00",
        ),
        entry("2022-07-06", "1.1", "done", "完成", "2022-07-06T10:00:00"),
        entry(
            "2022-07-07",
            "1.1",
            "in_progress",
            "又没完成",
            "2022-07-07T10:00:00",
        ),
        entry(
            "2022-09-01",
            "1.2",
            "in_progress",
            "未来",
            "2022-09-01T10:00:00",
        ),
        entry(
            "2021-12-01",
            "1.2",
            "in_progress",
            "去年",
            "2022-07-08T10:00:00",
        ),
        entry(
            "2022-07-09",
            "1.2",
            "in_progress",
            "先于记录",
            "2022-07-08T10:00:00",
        ),
        entry("2022-07-06", "1.1", "done", "完成", "2022-07-06T10:00:00"),
        entry(
            "2022-07-08",
            "1.2",
            "in_progress",
            " ",
            "2022-07-08T11:00:00",
        )
        .replace("recorded", "problems = \"\"\nrecorded"),
        entry(
            "2022-07-08",
            "1.2",
            "signed_off",
            "自己销号",
            "2022-07-08T12:00:00",
        ),
        entry(
            "2022-07-25",
            "1.1",
            "phased",
            "销号后",
            "2022-07-25T10:00:00",
        ),
    ]
    .concat();
    ws.write("reports/市水务局.toml", &water);
    ws.write(
        "reports/市财政局.toml",
        &[
            entry(
                "2022-07-06",
                "1.1",
                "in_progress",
                "不归我管",
                "2022-07-06T10:00:00",
            ),
            // A withdrawal naming no entry of the ledger.
            entry(
                "2022-07-06",
                "1.1",
                "withdrawn",
                "撤回",
                "2022-07-07T10:00:00",
            )
            .replace("recorded", "replaces = \"0badf00d\"\nrecorded"),
        ]
        .concat(),
    );
    ws.write(
        "reports/领导小组办公室.toml",
        &entry(
            "2022-07-20",
            "1.1",
            "signed_off",
            "销号",
            "2022-07-20T10:00:00",
        ),
    );
    ws.write("reports/水务局.toml", "");
    let out = ws.run(&["check", "--as-of", "2022-08-20", "--format", "json"]);
    assert_eq!(out.code, 1);
    let found: Vec<(String, String)> = out
        .view("findings")
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            let loc = match f["line"].as_u64() {
                Some(l) => format!("{}:{l}", f["file"].as_str().expect("file")),
                None => f["file"].as_str().expect("file").to_string(),
            };
            (f["check"].as_str().expect("check").to_string(), loc)
        })
        .collect();
    let w = "reports/市水务局.toml";
    let line = |k: usize| 2 + 7 * k; // each entry is 7 lines, after a blank one
    let expected: Vec<(String, String)> = [
        ("correction", "reports/市财政局.toml:9".to_string()),
        ("stray_ledger", "reports/水务局.toml".to_string()),
        ("unknown_measure", format!("{w}:{}", line(0))),
        ("unassigned_unit", "reports/市财政局.toml:2".to_string()),
        ("signoff_not_by_office", format!("{w}:{}", line(8) + 1)),
        ("future_date", format!("{w}:{}", line(3))),
        ("before_plan_year", format!("{w}:{}", line(4))),
        ("date_after_recorded", format!("{w}:{}", line(5))),
        ("empty_text", format!("{w}:{}", line(7))),
        ("empty_text", format!("{w}:{}", line(7))),
        ("duplicate", format!("{w}:{}", line(6))),
        ("status_order", format!("{w}:{}", line(2))),
        ("status_order", "reports/领导小组办公室.toml:2".to_string()),
        ("status_order", format!("{w}:{}", line(9) + 1)),
        // One line per unit, naming every deadline it missed.
        ("skipped_month", "reports/市财政局.toml".to_string()),
    ]
    .iter()
    .map(|(c, l)| (c.to_string(), l.clone()))
    .collect();
    assert_eq!(found, expected);
    let out = ws.run(&["check", "--as-of", "2022-08-20"]);
    assert_eq!(out.code, 1);
    golden("check.txt", &out.stdout);
}

#[test]
fn a_ledger_that_does_not_parse_is_a_finding_not_a_crash() {
    let ws = Workspace::with_plan(PLAN);
    ws.write("reports/市水务局.toml", "[[entry]]\ndate = 2022-07-05\nmeasure = 1.1\nstatus = \"done\"\nprogress = \"x\"\nrecorded = 2022-07-05T10:00:00\n");
    let out = ws.run(&["check", "--as-of", "2022-07-20"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stdout.starts_with(
            "reports/市水务局.toml:3: 错误: 台账无法解析: 字段 measure 应为字符串，实为小数\n"
        ),
        "{}",
        out.stdout
    );
}

#[test]
fn findings_written_as_found_read_as_in_a_file() {
    let ws = Workspace::with_plan(PLAN);
    let water = entry("2022-07-06", "1.1", "done", "完成", "2022-07-06T10:00:00")
        + &entry(
            "2022-07-07",
            "1.1",
            "in_progress",
            "又没完成",
            "2022-07-07T10:00:00",
        );
    ws.write("reports/市水务局.toml", &water);
    ws.write("reports/水务局.toml", "");
    ws.write(
        "reports/市财政局.toml",
        &entry(
            "2022-07-08",
            "1.2",
            "in_progress",
            "拨付",
            "2022-07-08T11:00:00",
        )
        .replace("recorded", "problems = \"\"\nrecorded"),
    );
    let out = ws.run(&["check", "--as-of", "2022-08-20"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stdout.contains("错误: 措施 1.1 已记为已完成"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("警告: "), "{}", out.stdout);
    let filed = ws.run(&["check", "--as-of", "2022-08-20", "-o", "检查结果.txt"]);
    assert_eq!(filed.code, 1);
    assert_eq!(ws.read("检查结果.txt"), out.stdout);
    let errors = ws.run(&["check", "--as-of", "2022-08-20", "--errors-only"]);
    assert_eq!(errors.code, 1);
    assert!(!errors.stdout.contains("警告: "), "{}", errors.stdout);
    assert!(
        errors.stdout.ends_with("条记录:2 个错误、0 个警告\n"),
        "{}",
        errors.stdout
    );
}
