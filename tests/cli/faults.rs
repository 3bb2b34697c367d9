//! Faults stay where they happen: crashes, full disks, size limits, links,
//! pipes, parallel office acts and outputs aimed at the workspace's own
//! files.

use crate::harness::{BIN, Workspace};
use std::process::{Command, Stdio};

fn log_args(progress: &str) -> Vec<String> {
    [
        "log",
        "1.2",
        "--unit",
        "水务局",
        "--status",
        "in_progress",
        "--progress",
        progress,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

fn entries(text: &str) -> usize {
    text.lines().filter(|l| l.trim() == "[[entry]]").count()
}

/// Every ledger reads as a whole; check reports no syntax error.
fn readable(ws: &Workspace) {
    let out = ws.run(&[
        "check",
        "--errors-only",
        "--as-of",
        "2022-07-20",
        "--format",
        "json",
    ]);
    let v = out.view("findings");
    let syntax: Vec<_> = v
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["check"] == "ledger_syntax" && f["severity"] == "error")
        .collect();
    assert!(syntax.is_empty(), "{syntax:?}");
}

#[test]
fn a_torn_tail_is_left_out_of_views_and_moved_aside_by_the_next_log() {
    let ws = Workspace::new();
    ws.log("1.2", "水务局", "in_progress", "一").ok();
    let whole = ws.read("reports/市水务局.toml");
    let torn = format!("{whole}\n[[entry]]\ndate = 2022-07-19\nmeasure = \"1.2\"\nstatus = \"pha");
    ws.write("reports/市水务局.toml", &torn);
    let out = ws.run(&["status", "--as-of", "2022-07-20", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("reports/市水务局.toml:"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("没有写完的记录"), "{}", out.stderr);
    // The audit holds it as an error, so a pre-commit hook stops it.
    let out = ws.run(&["check", "--errors-only", "--as-of", "2022-07-20"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(
        out.stdout
            .contains("reports/市水务局.toml:11: 错误: 末尾有一条没有写完的记录"),
        "{}",
        out.stdout
    );
    let out = ws.run(&strs(&log_args("二")));
    out.ok();
    assert!(
        out.stderr
            .contains("已移到 reports/市水务局.toml.torn-20220720T090000"),
        "{}",
        out.stderr
    );
    let after = ws.read("reports/市水务局.toml");
    assert!(
        after.starts_with(&whole),
        "nothing before the torn block changed"
    );
    assert_eq!(entries(&after), 2);
    assert_eq!(
        ws.read("reports/市水务局.toml.torn-20220720T090000"),
        "[[entry]]\ndate = 2022-07-19\nmeasure = \"1.2\"\nstatus = \"pha"
    );
    readable(&ws);
}

#[test]
fn a_size_limit_leaves_the_ledger_as_it_was() {
    let ws = Workspace::new();
    ws.run(&strs(&log_args("一"))).ok();
    let before = ws.read("reports/市水务局.toml");
    let long = "进展".repeat(2000);
    let mut cmd = Command::new("bash");
    cmd.arg("-c")
        .arg("ulimit -f 1; exec \"$0\" \"$@\"")
        .arg(BIN)
        .args(log_args(&long))
        .current_dir(ws.path())
        .env("RECTIFY_NOW", &ws.now)
        .env("NO_COLOR", "1");
    let out = cmd.output().expect("bash");
    assert_ne!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("台账已恢复原样"), "{stderr}");
    assert_eq!(ws.read("reports/市水务局.toml"), before);
    ws.run(&strs(&log_args("三"))).ok();
    readable(&ws);
}

#[test]
fn killed_appends_lose_no_acknowledged_entry() {
    let ws = Workspace::new();
    let mut acknowledged = 0;
    for round in 0..12 {
        let mut children: Vec<_> = (0..4)
            .map(|k| {
                ws.command(&strs(&log_args(&format!(
                    "第{round}轮{k}{}",
                    "长".repeat(3000)
                ))))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("spawn")
            })
            .collect();
        std::thread::sleep(std::time::Duration::from_millis(3 * round as u64));
        let _ = children[0].kill();
        for c in &mut children {
            if c.wait().expect("wait").success() {
                acknowledged += 1;
            }
        }
        // The next log always succeeds, recovering a torn tail if one was left.
        ws.run(&strs(&log_args(&format!("第{round}轮收尾")))).ok();
        acknowledged += 1;
    }
    readable(&ws);
    let text = ws.read("reports/市水务局.toml");
    assert!(
        entries(&text) >= acknowledged,
        "{} < {acknowledged}",
        entries(&text)
    );
}

#[test]
fn six_parallel_signoffs_give_one() {
    let ws = Workspace::new();
    ws.log("2.2", "乡村振兴局", "done", "完成").ok();
    let children: Vec<_> = (0..6)
        .map(|_| {
            ws.command(&["signoff", "2.2", "--by", "王五", "--note", "核查"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("spawn")
        })
        .collect();
    let ok = children
        .into_iter()
        .map(|c| c.wait_with_output().expect("wait").status.success())
        .filter(|&s| s)
        .count();
    assert_eq!(ok, 1);
    let office = ws.read("reports/市巩固脱贫攻坚推进乡村振兴领导小组办公室.toml");
    assert_eq!(office.matches("signed_off").count(), 1);
}

#[test]
fn outputs_never_replace_the_workspace_files_or_an_existing_file() {
    let ws = Workspace::new();
    for target in ["plan/plan.toml", "reports/市水务局.toml", "plan/units.toml"] {
        let err = ws.refused(&[
            "summary",
            "--month",
            "2022-07",
            "--as-of",
            "2022-08-05",
            "--out",
            target,
            "--force",
        ]);
        assert!(
            err.contains("不能用报告覆盖") || err.contains("报告不能写在这里"),
            "{err}"
        );
    }
    // A link or a device is never replaced by a plain file, even with
    // --force (a rename would put a file where the link was).
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("/dev/null", ws.path().join("null.txt")).expect("link");
        let err = ws.refused(&[
            "summary",
            "--month",
            "2022-07",
            "--as-of",
            "2022-08-05",
            "-o",
            "null.txt",
            "--force",
        ]);
        assert!(err.contains("不是普通文件"), "{err}");
        assert!(
            std::fs::symlink_metadata(ws.path().join("null.txt"))
                .expect("link")
                .file_type()
                .is_symlink()
        );
    }
    ws.write("out.txt", "旧");
    let err = ws.refused(&[
        "summary",
        "--month",
        "2022-07",
        "--as-of",
        "2022-08-05",
        "--out",
        "out.txt",
    ]);
    assert!(err.contains("文件已存在,未覆盖"), "{err}");
    ws.run(&[
        "summary",
        "--month",
        "2022-07",
        "--as-of",
        "2022-08-05",
        "--out",
        "out.txt",
        "--force",
    ])
    .ok();
    assert!(ws.read("out.txt").contains("汇总报告"));
}

#[cfg(unix)]
#[test]
fn links_and_pipes_are_never_followed() {
    let ws = Workspace::new();
    let outside = tempfile::tempdir().expect("dir");
    let target = outside.path().join("outside.toml");
    std::fs::write(&target, "").expect("write");
    std::os::unix::fs::symlink(&target, ws.path().join("reports/市水务局.toml")).expect("link");
    let err = ws.refused(&strs(&log_args("一")));
    assert!(!err.is_empty());
    assert_eq!(std::fs::read_to_string(&target).expect("read"), "");
    let out = ws.run(&["status", "--as-of", "2022-07-20", "--format", "json"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("reports/市水务局.toml: 错误: 不是普通文件"),
        "{}",
        out.stderr
    );
    std::fs::remove_file(ws.path().join("reports/市水务局.toml")).expect("rm");
    let fifo = ws.path().join("reports/市财政局.toml");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let out = ws.run(&["status", "--as-of", "2022-07-20", "--format", "json"]);
        assert_eq!(out.code, 1, "a pipe is named, never read");
        assert!(
            out.stderr
                .contains("reports/市财政局.toml: 错误: 不是普通文件"),
            "{}",
            out.stderr
        );
    }
}

/// Runs a view that must finish within 20 seconds; its standard output.
#[cfg(unix)]
fn finishes(ws: &Workspace, args: &[&str]) -> String {
    let mut child = ws
        .command(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("run");
    for _ in 0..200 {
        if child.try_wait().expect("wait").is_some() {
            let out = child.wait_with_output().expect("output");
            return String::from_utf8_lossy(&out.stdout).into_owned();
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let _ = child.kill();
    panic!("{args:?} hung");
}

#[cfg(unix)]
#[test]
fn a_cache_that_is_a_pipe_or_a_link_is_never_read_or_written_through() {
    let ws = Workspace::new();
    ws.run(&strs(&log_args("一"))).ok();
    let view = ["status", "--as-of", "2022-07-20"];
    let expected = finishes(&ws, &view);
    let cache = ws.path().join(".rectify/cache");
    let facts: Vec<_> = std::fs::read_dir(&cache)
        .expect("cache")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "facts"))
        .collect();
    assert_eq!(facts.len(), 1, "{facts:?}");
    // A pipe, then a link to an endless device, in a cache file's place.
    std::fs::remove_file(&facts[0]).expect("rm");
    let made = Command::new("mkfifo")
        .arg(&facts[0])
        .status()
        .expect("mkfifo");
    assert!(made.success());
    assert_eq!(finishes(&ws, &view), expected);
    std::fs::remove_file(&facts[0]).expect("rm");
    std::os::unix::fs::symlink("/dev/zero", &facts[0]).expect("link");
    assert_eq!(finishes(&ws, &view), expected);
    // A link in place of the cache folder: nothing is written through it.
    std::fs::remove_dir_all(ws.path().join(".rectify")).expect("rm");
    let outside = tempfile::tempdir().expect("dir");
    std::os::unix::fs::symlink(outside.path(), ws.path().join(".rectify")).expect("link");
    assert_eq!(finishes(&ws, &view), expected);
    assert_eq!(std::fs::read_dir(outside.path()).expect("dir").count(), 0);
}

#[test]
fn log_refuses_what_check_would_call_an_error() {
    let ws = Workspace::new();
    ws.run(&strs(&log_args("一"))).ok();
    let err = ws.refused(&strs(&log_args("一")));
    assert_eq!(
        err,
        "错误: 与 reports/市水务局.toml:4 的记录重复\n    提示: 同一条进展只需记录一次\n"
    );
    let mut args = log_args("二");
    args.extend(["--date".to_string(), "2021-12-31".to_string()]);
    let err = ws.refused(&strs(&args));
    assert!(
        err.starts_with("错误: 日期 2021-12-31 早于方案年度(2022年)"),
        "{err}"
    );
    let mut early = Workspace::new();
    early.now = "2021-06-01T09:00:00".to_string();
    let err = early.refused(&[
        "log",
        "1.2",
        "--unit",
        "水务局",
        "--status",
        "phased",
        "--progress",
        "x",
    ]);
    assert!(err.contains("早于方案年度"), "{err}");
    ws.log("1.3", "水务局", "done", "完成").ok();
    let err = ws.refused(&[
        "log",
        "1.3",
        "--unit",
        "水务局",
        "--status",
        "phased",
        "--progress",
        "又",
    ]);
    assert!(err.contains("已记为已完成(reports/市水务局.toml:"), "{err}");
}

#[test]
fn an_ongoing_measure_signed_off_takes_entries_and_check_agrees() {
    let mut ws = Workspace::new();
    // 1.3 is ongoing (长期坚持) in the shipped plan.
    let plan = ws.read("plan/plan.toml");
    assert!(plan.contains("ongoing = true"));
    let v = ws.run(&["show", "1.3", "--format", "json"]).json();
    assert_eq!(v["ongoing"], true, "{v}");
    ws.now = "2022-07-18T09:00:00".to_string();
    ws.log("1.3", "水务局", "done", "完成").ok();
    ws.now = "2022-07-19T09:00:00".to_string();
    ws.run(&["signoff", "1.3", "--by", "王五", "--note", "核查"])
        .ok();
    ws.now = "2022-07-20T09:00:00".to_string();
    ws.log("1.3", "水务局", "phased", "持续巩固").ok();
    let out = ws.run(&["check", "--errors-only", "--as-of", "2022-07-20"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
}

/// Unmounts a file system when dropped, so a failing test leaves no mount.
#[cfg(target_os = "linux")]
struct Mounted(std::path::PathBuf);

#[cfg(target_os = "linux")]
impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

/// A workspace on a small tmpfs: the plan takes most of it, leaving room for
/// a few dozen entries. `None` where mounting is not allowed (not root, or
/// an unprivileged container).
#[cfg(target_os = "linux")]
fn on_a_small_disk() -> Option<(Workspace, Mounted)> {
    let ws = Workspace::empty();
    let plan = crate::harness::shipped_plan();
    // The shipped plan is 54 KB: room for it and its parsed-plan cache
    // (smaller than the plan), and 64 KiB for the ledgers on top.
    let size = format!("size={}k", plan.len() / 1024 * 2 + 64);
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", &size, "tmpfs"])
        .arg(ws.path())
        .stderr(Stdio::null())
        .status();
    if !mounted.is_ok_and(|s| s.success()) {
        return None;
    }
    let guard = Mounted(ws.path().to_path_buf());
    ws.write("plan/plan.toml", &plan);
    std::fs::create_dir_all(ws.path().join("reports")).expect("reports");
    Some((ws, guard))
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_refuses_logs_untouched_and_the_next_log_after_freeing_succeeds() {
    let Some((ws, _mounted)) = on_a_small_disk() else {
        println!("skipped: cannot mount a tmpfs here (needs root outside a container)");
        return;
    };
    // Room to free later.
    ws.write("filler", &"0".repeat(8192));
    let units = [("1.2", "水务局"), ("6.2", "财政局")];
    let (mut written, mut refused) = (0, 0);
    for k in 0..400 {
        let (id, unit) = units[k % 2];
        let progress = format!("第{k}次{}", "满".repeat(300 + 37 * k % 400));
        let args = [
            "log",
            id,
            "--unit",
            unit,
            "--status",
            "in_progress",
            "--progress",
            &progress,
        ];
        let before = ws.snapshot();
        let out = ws.run(&args);
        assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
        if out.code == 0 {
            written += 1;
        } else {
            refused += 1;
            assert!(out.stderr.contains("磁盘已满"), "{}", out.stderr);
            assert_eq!(before, ws.snapshot(), "refused log {k} changed files");
            readable(&ws);
            if refused == 5 {
                break;
            }
        }
    }
    assert_eq!(refused, 5, "the disk never filled");
    assert!(written > 5, "{written}");
    std::fs::remove_file(ws.path().join("filler")).expect("free space");
    let before = entries(&ws.read("reports/市水务局.toml"));
    ws.run(&strs(&log_args("腾出空间后"))).ok();
    assert_eq!(entries(&ws.read("reports/市水务局.toml")), before + 1);
    readable(&ws);
}

#[test]
fn a_broken_ledger_is_not_chased_as_if_it_never_reported() {
    let mut ws = Workspace::new();
    ws.now = "2022-07-08T09:00:00".to_string();
    for id in ["1.2", "1.3", "1.4"] {
        ws.log(id, "水务局", "in_progress", "排查").ok();
    }
    let text = ws
        .read("reports/市水务局.toml")
        .replacen("in_progress", "finished", 1);
    ws.write("reports/市水务局.toml", &text);
    ws.now = "2022-07-31T09:00:00".to_string();
    let out = ws.run(&["missing", "--due", "2022-07-10", "--format", "json"]);
    assert_eq!(out.code, 1, "the broken ledger is a fault: {}", out.stderr);
    let v = out.json();
    let units: Vec<&str> = v["units"]
        .as_array()
        .expect("units")
        .iter()
        .filter_map(|u| u["unit"].as_str())
        .collect();
    assert!(!units.contains(&"市水务局"), "{units:?}");
    assert_eq!(v["unknown"], serde_json::json!(["市水务局"]));
    let out = ws.run(&["missing", "--due", "2022-07-10"]);
    assert!(
        out.stdout
            .contains("市水务局的台账有误，无法判断是否报送，未予催报"),
        "{}",
        out.stdout
    );
    ws.run(&["missing", "--due", "2022-07-10", "--docx", "催报"]);
    assert!(!ws.path().join("催报/催报通知-市水务局.docx").exists());
}

#[cfg(unix)]
#[test]
fn a_link_in_place_of_a_ledger_leaves_its_measures_unknown() {
    let ws = Workspace::new();
    let outside = tempfile::tempdir().expect("dir");
    std::fs::write(outside.path().join("x.toml"), "").expect("write");
    std::os::unix::fs::symlink(
        outside.path().join("x.toml"),
        ws.path().join("reports/市民政局.toml"),
    )
    .expect("link");
    let out = ws.run(&["status", "--as-of", "2022-07-20", "--format", "json"]);
    assert_eq!(out.code, 1);
    let rows = out.view("measures");
    let of = |id: &str| {
        rows.as_array()
            .expect("rows")
            .iter()
            .find(|r| r["id"] == id)
            .map(|r| r["status"].clone())
    };
    // 3.4 and 12.2 are led by 市民政局.
    assert_eq!(of("3.4"), Some(serde_json::json!("unknown")));
    assert_eq!(of("12.2"), Some(serde_json::json!("unknown")));
    let err = ws.refused(&[
        "log",
        "3.4",
        "--unit",
        "民政局",
        "--status",
        "phased",
        "--progress",
        "x",
    ]);
    assert!(err.contains("不是普通文件"), "{err}");
}

#[test]
fn text_from_a_ledger_cannot_drive_the_terminal_in_reports_or_echoes() {
    let mut ws = Workspace::new();
    ws.now = "2022-08-01T09:00:00".to_string();
    let out = ws.run(&[
        "log",
        "1.3",
        "--unit",
        "水务局",
        "--status",
        "in_progress",
        "--date",
        "2022-08-01",
        "--progress",
        "A\u{1b}[31m红\u{202e}反\n第二行",
    ]);
    out.ok();
    assert!(!out.stderr.contains('\u{1b}'), "{}", out.stderr);
    let report = ws.run(&[
        "summary",
        "--month",
        "2022-08",
        "--unit",
        "水务局",
        "--as-of",
        "2022-08-05",
    ]);
    report.ok();
    assert!(!report.stdout.contains('\u{1b}'), "{}", report.stdout);
    assert!(!report.stdout.contains('\u{202e}'), "{}", report.stdout);
    assert!(
        report.stdout.contains("红\\u{202e}反；第二行"),
        "{}",
        report.stdout
    );
}

#[test]
fn two_tears_in_one_second_keep_both_side_files() {
    let ws = Workspace::new();
    ws.log("1.2", "水务局", "in_progress", "一").ok();
    for (k, cut) in ["[[entry]]\ndate = 2022-07-0", "[[entry]]\ndate = 2022-07-1"]
        .iter()
        .enumerate()
    {
        let text = ws.read("reports/市水务局.toml");
        ws.write("reports/市水务局.toml", &format!("{text}\n{cut}"));
        ws.log("1.2", "水务局", "in_progress", &format!("第{k}次"))
            .ok();
    }
    assert_eq!(
        ws.read("reports/市水务局.toml.torn-20220720T090000"),
        "[[entry]]\ndate = 2022-07-0"
    );
    assert_eq!(
        ws.read("reports/市水务局.toml.torn-20220720T090000-2"),
        "[[entry]]\ndate = 2022-07-1"
    );
}

#[test]
fn hand_edits_in_chinese_quotes_and_negative_windows_are_named_plainly() {
    let ws = Workspace::new();
    ws.write(
        "reports/市水务局.toml",
        "[[entry]]\ndate = 2022-07-18\nmeasure = \"1.2\"\nstatus = \"phased\"\nprogress = “排查”\nrecorded = 2022-07-18T10:00:00\n",
    );
    let out = ws.run(&["status", "--as-of", "2022-07-20", "--format", "json"]);
    assert!(
        out.stderr.starts_with(
            "reports/市水务局.toml:5: 错误: 台账无法解析: 文字要用英文半角双引号(\")括起来,不能用中文引号“”"
        ),
        "{}",
        out.stderr
    );
    let err = ws.refused(&["deadlines", "--within", "-5"]);
    assert_eq!(err, "错误: --within: “-5”不是天数,应写作整数,如 30\n");
}

#[test]
fn files_that_would_be_wrong_are_not_written() {
    let ws = Workspace::new();
    let err = ws.refused(&["template", "--all", "--month", "2023-09", "-o", "表"]);
    assert!(
        err.contains("不在计划的报送月份内(2022-06 至 2022-12)"),
        "{err}"
    );
    let err = ws.refused(&["template", "--all", "--month", "2022-07", "-o", "t.xlsx"]);
    assert!(err.contains("不是一个 .xlsx 文件"), "{err}");
    let err = ws.refused(&[
        "export",
        "-o",
        "x.xlsx",
        "--problem",
        "5",
        "--unit",
        "水务局",
    ]);
    assert!(err.contains("没有符合条件的措施,未写出工作簿"), "{err}");
}

#[test]
fn log_refuses_an_entry_that_would_make_a_later_one_an_error() {
    let mut ws = Workspace::new();
    ws.now = "2022-07-20T09:00:00".to_string();
    ws.run(&[
        "log",
        "1.3",
        "--unit",
        "水务局",
        "--status",
        "phased",
        "--date",
        "2022-07-18",
        "--progress",
        "阶段",
    ])
    .ok();
    // A done back-dated before the phased entry would make that entry go
    // back from done: check would call it an error, so log refuses.
    ws.now = "2022-07-20T10:00:00".to_string();
    let err = ws.refused(&[
        "log",
        "1.3",
        "--unit",
        "水务局",
        "--status",
        "done",
        "--date",
        "2022-07-10",
        "--progress",
        "完成",
    ]);
    assert_eq!(
        err,
        "错误: reports/市水务局.toml:4: 这条记录会使此处已有的记录不再成立:措施 1.3 已记为已完成(reports/市水务局.toml:新记录),此后又记为“取得阶段性成效”,中间没有重新打开\n    提示: 记录未写入;请核对日期与状态:按日期排列后,此处已有的记录会违反规则\n"
    );
    let out = ws.run(&["check", "--errors-only", "--as-of", "2022-07-20"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
}

#[cfg(unix)]
#[test]
fn a_pipe_in_place_of_the_plan_is_named_and_a_docx_report_must_be_docx() {
    let ws = Workspace::new();
    let err = ws.refused(&[
        "summary",
        "--month",
        "2022-07",
        "--as-of",
        "2022-08-05",
        "--docx",
        "x.doc",
    ]);
    assert!(
        err.contains("--docx x.doc: 公文格式的报告应写成 .docx 文件"),
        "{err}"
    );
    let plan = ws.path().join("plan/plan.toml");
    std::fs::remove_file(&plan).expect("rm");
    if Command::new("mkfifo")
        .arg(&plan)
        .status()
        .is_ok_and(|s| s.success())
    {
        let out = ws.run(&["status"]);
        assert_eq!(out.code, 1);
        assert!(
            out.stderr.starts_with(
                "错误: plan/plan.toml: 不是普通文件（是命名管道），为安全起见不予读取"
            ),
            "{}",
            out.stderr
        );
        std::fs::remove_file(&plan).expect("rm");
    }
}
