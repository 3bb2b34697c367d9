//! `amend` and `withdraw`: corrections appended to the ledger, honoured by
//! every view, report and `check`, with the history keeping both.

use crate::harness::*;

const WATER: &str = "reports/市水务局.toml";

/// A workspace where 市水务局 recorded on 1.2 on 2022-07-05 (at 09:00).
pub fn logged() -> Workspace {
    let mut ws = Workspace::new();
    ws.now = "2022-07-05T09:00:00".into();
    ws.run(&[
        "log",
        "1.2",
        "-u",
        "水务局",
        "-s",
        "推进中",
        "-p",
        "完成排查",
        "-b",
        "张三",
    ])
    .ok();
    ws.now = "2022-08-20T10:00:00".into();
    ws
}

/// A workspace where 市乡村振兴局 recorded 2.2 done on 2022-07-05 and the
/// office signed it off the next day.
fn signed_off() -> Workspace {
    let mut ws = Workspace::new();
    ws.now = "2022-07-05T09:00:00".into();
    ws.run(&[
        "log",
        "2.2",
        "-u",
        "乡村振兴局",
        "-s",
        "已完成",
        "-p",
        "全部完成",
    ])
    .ok();
    ws.now = "2022-07-06T09:00:00".into();
    ws.run(&["signoff", "2.2", "-b", "王五", "-n", "经核查属实"])
        .ok();
    ws
}

/// The ids of measure `id`'s history as `show --format json` lists them,
/// with each entry's part in a correction.
fn history(ws: &Workspace, id: &str) -> Vec<(String, String, serde_json::Value)> {
    let out = ws.run(&["show", id, "--format", "json", "--as-of", "2022-08-20"]);
    out.ok();
    let v = out.view("history");
    v.as_array()
        .expect("history")
        .iter()
        .map(|h| {
            (
                h["id"].as_str().expect("id").to_string(),
                h["status"].as_str().expect("status").to_string(),
                h["correction"].clone(),
            )
        })
        .collect()
}

/// Whether `missing` lists 市水务局 as owing measure `id` by `due`.
fn owes(ws: &Workspace, due: &str, as_of: &str, id: &str) -> bool {
    let out = ws.run(&[
        "missing", "--due", due, "--as-of", as_of, "--format", "json",
    ]);
    out.view("units")
        .as_array()
        .expect("units")
        .iter()
        .filter(|u| u["unit"] == "市水务局")
        .flat_map(|u| u["measures"].as_array().cloned().unwrap_or_default())
        .any(|m| m["id"] == id)
}

fn status_of(ws: &Workspace, id: &str, as_of: &str) -> String {
    let out = ws.run(&["status", "--format", "json", "--as-of", as_of]);
    let rows = out.view("measures");
    let row = rows
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["id"] == id)
        .expect("row")
        .clone();
    row["status"].as_str().expect("status").to_string()
}

#[test]
fn an_amendment_replaces_the_entry_and_the_history_keeps_both() {
    let ws = logged();
    let [(id, _, mark)] = history(&ws, "1.2").try_into().expect("one entry");
    assert_eq!(id.len(), 8);
    assert!(mark.is_null());
    let before = ws.read(WATER);
    let out = ws.run(&[
        "amend",
        &id,
        "-u",
        "水务局",
        "-s",
        "已完成",
        "-p",
        "完成排查并整改",
    ]);
    out.ok();
    let after = ws.read(WATER);
    assert!(after.starts_with(&before), "the old bytes stay");
    assert_eq!(
        &after[before.len()..],
        format!(
            "\n[[entry]]\ndate = 2022-07-05\nmeasure = \"1.2\"\nstatus = \"done\"\nprogress = \"完成排查并整改\"\nby = \"张三\"\nreplaces = \"{id}\"\nrecorded = 2022-08-20T10:00:00\n"
        )
    );
    let [(old, s0, m0), (new, s1, m1)] = history(&ws, "1.2").try_into().expect("two");
    assert_eq!((old.as_str(), s0.as_str()), (id.as_str(), "in_progress"));
    assert_eq!(s1, "done");
    assert_eq!(
        m0,
        serde_json::json!({"kind": "corrected_by", "entry": new})
    );
    assert_eq!(m1, serde_json::json!({"kind": "corrects", "entry": id}));
    assert!(out.stderr.starts_with(&format!(
        "已更正 reports/市水务局.toml 中的记录 {id}: 措施 1.2 2022-07-05 已完成\n"
    )));
    assert!(out.stderr.contains(&format!("新记录编号: {new}")));
    // Every view counts the amendment, not the entry it replaced.
    assert_eq!(status_of(&ws, "1.2", "2022-08-20"), "done");
    let check = ws.run(&["check", "--errors-only", "--as-of", "2022-08-20"]);
    check.ok();
    assert!(
        check.stdout.contains("1 个台账、1 条记录:0 个错误"),
        "{}",
        check.stdout
    );
    let text = ws.run(&["show", "1.2", "--as-of", "2022-08-20"]).stdout;
    assert!(text.contains(&format!("(已被 {new} 更正)")), "{text}");
    assert!(text.contains("进展记录 2 条(其中 1 条已被更正"), "{text}");
}

#[test]
fn a_withdrawal_takes_the_entry_out_of_every_count() {
    let ws = logged();
    let [(id, _, _)] = history(&ws, "1.2").try_into().expect("one entry");
    assert_eq!(status_of(&ws, "1.2", "2022-08-20"), "in_progress");
    assert!(!owes(&ws, "2022-07-10", "2022-08-20", "1.2"));
    let out = ws.run(&[
        "withdraw",
        &id,
        "-u",
        "水务局",
        "-r",
        "误记,应为 1.3",
        "-b",
        "李四",
    ]);
    out.ok();
    assert!(ws.read(WATER).ends_with(&format!(
        "status = \"withdrawn\"\nprogress = \"误记,应为 1.3\"\nby = \"李四\"\nreplaces = \"{id}\"\nrecorded = 2022-08-20T10:00:00\n"
    )));
    assert_eq!(status_of(&ws, "1.2", "2022-08-20"), "not_started");
    let h = history(&ws, "1.2");
    assert_eq!(h.len(), 2);
    assert_eq!(h[1].1, "withdrawn");
    assert_eq!(h[0].2["kind"], "withdrawn_by");
    // July's report was not filed after all: 催报 lists the unit again.
    assert!(owes(&ws, "2022-07-10", "2022-08-20", "1.2"));
    ws.run(&["check", "--errors-only", "--as-of", "2022-08-20"])
        .ok();
}

#[test]
fn an_amendment_keeps_the_filing_time_and_reports_as_of_earlier_days_stand() {
    let ws = logged();
    let missing_water = |as_of: &str| owes(&ws, "2022-07-10", as_of, "1.2");
    assert!(!missing_water("2022-08-20"));
    let [(id, _, _)] = history(&ws, "1.2").try_into().expect("one entry");
    ws.run(&["amend", &id, "-u", "水务局", "-p", "完成全市排查"])
        .ok();
    // Corrected in August, July's report still counts as filed on time.
    assert!(!missing_water("2022-08-20"));
    assert!(!missing_water("2022-07-31"));
    // A view as of a day before the correction sees the ledger as it was.
    let july = ws.run(&[
        "summary",
        "--month",
        "2022-07",
        "-u",
        "水务局",
        "--as-of",
        "2022-08-05",
    ]);
    july.ok();
    assert!(july.stdout.contains("完成排查"), "{}", july.stdout);
    assert!(!july.stdout.contains("完成全市排查"), "{}", july.stdout);
}

#[test]
fn refused_corrections_leave_every_file_as_it_was() {
    let ws = logged();
    let [(id, _, _)] = history(&ws, "1.2").try_into().expect("one entry");
    let err = ws.refused(&["amend", "00000000", "-u", "水务局", "-p", "x"]);
    assert!(
        err.starts_with("错误: 市水务局 的台账中没有编号为 00000000 的记录\n"),
        "{err}"
    );
    let err = ws.refused(&["amend", "12345", "-p", "x"]);
    assert!(err.contains("不是记录编号"), "{err}");
    // Nothing to change: a usage error.
    let out = ws.run(&["amend", &id, "-u", "水务局"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    // Another unit's entry cannot be corrected from its ledger.
    let err = ws.refused(&["amend", &id, "-u", "市财政局", "-p", "x"]);
    assert_eq!(
        err,
        format!(
            "错误: 编号 {id} 的记录在 市水务局 的台账中,不在 市财政局 的台账中\n    提示: 只能更正本单位自己的记录;若确由 市水务局 更正,用 -u 市水务局\n"
        )
    );
    // Nothing changed: refused.
    let err = ws.refused(&[
        "amend",
        &id,
        "-u",
        "水务局",
        "-s",
        "推进中",
        "-p",
        "完成排查",
    ]);
    assert!(
        err.starts_with(&format!("错误: 没有改动:所填内容与编号 {id} 的记录相同\n")),
        "{err}"
    );
    // A correction is judged by `log`'s rules: not dated after today.
    let err = ws.refused(&["amend", &id, "-u", "水务局", "--date", "2022-09-01"]);
    assert!(err.contains("晚于今天"), "{err}");
    // Once replaced, the old entry is no longer current.
    let out = ws.run(&[
        "amend",
        &id,
        "-u",
        "水务局",
        "-p",
        "完成全市排查",
        "--format",
        "json",
    ]);
    out.ok();
    let new = out.json()["id"].as_str().expect("id").to_string();
    let err = ws.refused(&["withdraw", &id, "-u", "水务局", "-r", "x", "-b", "李四"]);
    assert_eq!(
        err,
        format!(
            "错误: 编号 {id} 的记录已被 {new} 更正,不再是现行记录\n    提示: 要再改,请更正取代它的记录:rectify amend {new} …\n"
        )
    );
}

#[test]
fn a_correction_cannot_break_a_later_sign_off() {
    let mut ws = signed_off();
    ws.now = "2022-08-20T10:00:00".into();
    let [(done, _, _), (signoff, _, _)] = history(&ws, "2.2").try_into().expect("two");
    let err = ws.refused(&[
        "withdraw",
        &done,
        "-u",
        "市乡村振兴局",
        "-r",
        "误记",
        "-b",
        "李四",
    ]);
    assert!(err.contains("销号"), "{err}");
    let err = ws.refused(&["amend", &done, "-u", "市乡村振兴局", "-s", "推进中"]);
    assert!(err.contains("销号"), "{err}");
    // The text of a signed-off entry may still be corrected…
    ws.run(&[
        "amend",
        &done,
        "-u",
        "市乡村振兴局",
        "-p",
        "全部完成,资料已归档",
    ])
    .ok();
    // …and the office may take back its own sign-off.
    ws.run(&["withdraw", &signoff, "-r", "误销号", "-b", "王五"])
        .ok();
    assert_eq!(status_of(&ws, "2.2", "2022-08-20"), "done");
    ws.run(&["check", "--errors-only", "--as-of", "2022-08-20"])
        .ok();
}

#[test]
fn hand_written_corrections_are_checked() {
    let ws = Workspace::new();
    ws.write(
        WATER,
        "[[entry]]\ndate = 2022-07-05\nmeasure = \"1.2\"\nstatus = \"done\"\nprogress = \"完成\"\nreplaces = \"0badf00d\"\nrecorded = 2022-07-05T09:00:00\n",
    );
    let out = ws.run(&["check", "--errors-only"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stdout.contains("reports/市水务局.toml:1")
            && out
                .stdout
                .contains("replaces = \"0badf00d\" 在本台账此前的记录中找不到"),
        "{}",
        out.stdout
    );
    ws.write(
        WATER,
        "[[entry]]\ndate = 2022-07-05\nmeasure = \"1.2\"\nstatus = \"withdrawn\"\nprogress = \"误记\"\nrecorded = 2022-07-05T09:00:00\n",
    );
    let out = ws.run(&["status"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("reports/市水务局.toml:1") && out.stderr.contains("缺少字段 replaces"),
        "{}",
        out.stderr
    );
    ws.write(
        WATER,
        "[[entry]]\ndate = 2022-07-05\nmeasure = \"1.2\"\nstatus = \"done\"\nprogress = \"完成\"\nreplaces = \"撤回\"\nrecorded = 2022-07-05T09:00:00\n",
    );
    let out = ws.run(&["status"]);
    assert!(
        out.stderr.contains("reports/市水务局.toml:6"),
        "{}",
        out.stderr
    );
}

#[test]
fn the_facts_cache_and_a_fresh_read_agree_on_corrections() {
    let ws = logged();
    let [(id, _, _)] = history(&ws, "1.2").try_into().expect("one entry");
    ws.run(&["log", "1.3", "-u", "水务局", "-s", "推进中", "-p", "建设中"])
        .ok();
    ws.run(&["amend", &id, "-u", "水务局", "-s", "已完成"]).ok();
    ws.run(&["log", "1.4", "-u", "水务局", "-s", "推进中", "-p", "起草中"])
        .ok();
    let view = |args: &[&str]| ws.run(args).stdout;
    for args in [
        &["status", "--as-of", "2022-08-20"][..],
        &["missing", "--due", "2022-08-10", "--as-of", "2022-08-20"][..],
    ] {
        let _ = std::fs::remove_dir_all(ws.path().join(".rectify"));
        let cold = view(args);
        let warm = view(args);
        assert_eq!(cold, warm, "{args:?}");
    }
    assert_eq!(status_of(&ws, "1.2", "2022-08-20"), "done");
}

#[test]
fn an_amendment_in_the_same_second_gets_its_own_id() {
    let mut ws = logged();
    ws.now = "2022-07-05T09:00:00".into();
    let [(id, _, _)] = history(&ws, "1.2").try_into().expect("one entry");
    let out = ws.run(&[
        "amend",
        &id,
        "-u",
        "水务局",
        "-p",
        "同一秒更正",
        "--format",
        "json",
    ]);
    out.ok();
    let new = out.json();
    assert_ne!(new["id"].as_str(), Some(id.as_str()));
    assert_eq!(new["recorded"], "2022-07-05T09:00:01");
    let h = history(&ws, "1.2");
    assert_eq!(h.len(), 2);
    assert_eq!(h[0].2["kind"], "corrected_by");
    assert_eq!(h[1].2["kind"], "corrects");
}

#[test]
fn corrections_that_name_nothing_current_are_warned_of_and_checked() {
    let ws = logged();
    let [(id, _, _)] = history(&ws, "1.2").try_into().expect("one entry");
    let out = ws.run(&[
        "amend",
        &id,
        "-u",
        "水务局",
        "-s",
        "取得阶段性成效",
        "--format",
        "json",
    ]);
    let new = out.json()["id"].as_str().expect("id").to_string();
    // By hand: withdraw the entry already replaced, and correct nothing.
    let mut ledger = ws.read(WATER);
    let lines = ledger.lines().count();
    ledger.push_str(&format!(
        "\n[[entry]]\ndate = 2022-07-05\nmeasure = \"1.2\"\nstatus = \"withdrawn\"\nprogress = \"再撤\"\nreplaces = \"{id}\"\nrecorded = 2022-08-20T10:00:00\n\n[[entry]]\ndate = 2022-07-06\nmeasure = \"1.2\"\nstatus = \"phased\"\nprogress = \"改\"\nreplaces = \"0badf00d\"\nrecorded = 2022-08-20T10:00:00\n"
    ));
    ws.write(WATER, &ledger);
    let (stale, dangling) = (lines + 2, lines + 10);
    let out = ws.run(&["status", "--as-of", "2022-08-20"]);
    assert_eq!(out.code, 0, "warnings do not fail a view");
    let hint = "    提示: 更正只能针对本台账中在它之前、仍然有效的记录(rectify show 措施编号 列出编号与更正关系);被更正的记录若被手工改过日期、状态或记录时间,编号也会改变\n";
    assert_eq!(
        out.stderr,
        format!(
            "reports/市水务局.toml:{stale}: 警告: 撤回记录所指的 {id} 已被更正或撤回,这条撤回不起作用\n{hint}reports/市水务局.toml:{dangling}: 警告: 更正记录所指的 replaces = \"0badf00d\" 在本台账此前的记录中找不到,这条记录按普通记录计入\n{hint}"
        )
    );
    // The amendment still stands (the stale withdrawal does nothing), and
    // show keeps its mark.
    assert_eq!(status_of(&ws, "1.2", "2022-08-20"), "phased");
    let h = history(&ws, "1.2");
    assert_eq!(
        h[0].2,
        serde_json::json!({"kind": "corrected_by", "entry": new})
    );
    let check = ws.run(&["check", "--errors-only", "--as-of", "2022-08-20"]);
    assert_eq!(check.code, 1);
    assert!(
        check.stdout.contains(&format!(
            "reports/市水务局.toml:{stale}: 错误: 撤回记录所指的 {id} 已被更正或撤回"
        )) && check.stdout.contains(&format!(
            "reports/市水务局.toml:{dangling}: 错误: 更正记录所指的 replaces"
        )),
        "{}",
        check.stdout
    );
}

#[test]
fn a_withdrawal_that_would_break_a_later_entry_says_where() {
    let mut ws = signed_off();
    ws.now = "2022-07-07T09:00:00".into();
    ws.run(&["reopen", "2.2", "-b", "王五", "-n", "抽查发现资料不全"])
        .ok();
    ws.now = "2022-08-20T10:00:00".into();
    let h = history(&ws, "2.2");
    let (done, signoff) = (h[0].0.clone(), h[1].0.clone());
    let err = ws.refused(&[
        "withdraw",
        &done,
        "-u",
        "乡村振兴局",
        "-r",
        "误记",
        "-b",
        "李四",
    ]);
    assert!(
        err.starts_with("错误: reports/")
            && err.contains(
                ".toml:4: 这条撤回会使此处已有的记录不再成立:措施 2.2 销号时最新状态不是已完成"
            ),
        "{err}"
    );
    // Taking back the sign-off would leave the reopening with nothing to
    // reopen.
    let err = ws.refused(&["withdraw", &signoff, "-r", "误销号", "-b", "王五"]);
    assert!(err.contains("措施 2.2 没有销号,却记录了重新打开"), "{err}");
}

#[test]
fn an_entry_for_a_measure_not_in_the_plan_is_withdrawn_not_amended() {
    let ws = Workspace::new();
    ws.write(
        WATER,
        "[[entry]]\ndate = 2022-07-05\nmeasure = \"9.9\"\nstatus = \"in_progress\"\nprogress = \"记错了措施\"\nrecorded = 2022-07-05T09:00:00\n",
    );
    // check names the entry and how to take it back.
    let check = ws.run(&["check", "--errors-only"]);
    let id = check
        .stdout
        .split("rectify withdraw ")
        .nth(1)
        .and_then(|t| t.get(..8))
        .unwrap_or_else(|| panic!("{}", check.stdout))
        .to_string();
    let err = ws.refused(&["amend", &id, "-u", "水务局", "-p", "x"]);
    assert_eq!(
        err,
        format!(
            "错误: reports/市水务局.toml:1: 编号 {id} 的记录所填的措施编号“9.9”不在计划中,更正不能改变措施\n    提示: 用 rectify withdraw {id} 撤回它,再用 rectify log 记入正确的措施\n"
        )
    );
    assert_eq!(ws.run(&["check", "--errors-only"]).code, 1);
    ws.run(&[
        "withdraw",
        &id,
        "-u",
        "水务局",
        "-r",
        "措施编号记错",
        "-b",
        "张三",
    ])
    .ok();
    let check = ws.run(&["check", "--errors-only"]);
    assert_eq!(check.code, 0, "{}", check.stdout);
}
