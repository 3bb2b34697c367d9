//! `rectify log`: appending entries, and every refusal leaving files as they were.

use crate::harness::*;

const WATER: &str = "reports/市水务局.toml";

#[test]
fn appends_an_entry_in_the_documented_form() {
    let ws = Workspace::new();
    let out = ws.run(&[
        "log",
        "1.2",
        "--unit",
        "市水务局",
        "--status",
        "in_progress",
        "--date",
        "2022-07-05",
        "--progress",
        "完成全市农村供水保障排查",
        "--problems",
        "个别村\"账实不符\"",
        "--next",
        "8月完成整改",
        "--by",
        "张三",
    ]);
    out.ok();
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        "已记入 reports/市水务局.toml: 措施 1.2 2022-07-05 推进中\n  单位: 市水务局\n  整改进展情况: 完成全市农村供水保障排查\n  发现的问题: 个别村\"账实不符\"\n  下步工作措施: 8月完成整改\n  记录人: 张三\n"
    );
    assert_eq!(
        ws.read(WATER),
        "# 市水务局 整改台账\n# 由 rectify log 追加写入;每条记录一个 [[entry]]。可以手工改正错字,但不要删除或改写已有记录。\n\n[[entry]]\ndate = 2022-07-05\nmeasure = \"1.2\"\nstatus = \"in_progress\"\nprogress = \"完成全市农村供水保障排查\"\nproblems = \"个别村\\\"账实不符\\\"\"\nnext = \"8月完成整改\"\nby = \"张三\"\nrecorded = 2022-07-20T09:00:00\n"
    );
    // A second entry is appended after the first, which stays byte for byte.
    let before = ws.read(WATER);
    ws.run(&[
        "log",
        "1.3",
        "--unit",
        "水务局",
        "--status",
        "取得阶段性成效",
        "--progress",
        "建成应急水源2处",
    ])
    .ok();
    let after = ws.read(WATER);
    assert!(after.starts_with(&before));
    assert_eq!(
        &after[before.len()..],
        "\n[[entry]]\ndate = 2022-07-20\nmeasure = \"1.3\"\nstatus = \"phased\"\nprogress = \"建成应急水源2处\"\nrecorded = 2022-07-20T09:00:00\n"
    );
}

#[test]
fn takes_aliases_and_unambiguous_parts_of_names() {
    let ws = Workspace::new();
    // 乡村振兴局 is an alias of 市乡村振兴局; 住房城乡 a part of one name.
    ws.run(&[
        "log",
        "2.1",
        "--unit",
        "乡村振兴局",
        "--status",
        "phased",
        "--progress",
        "x",
    ])
    .ok();
    ws.run(&[
        "log",
        "9.4",
        "--unit",
        "住房城乡",
        "--status",
        "phased",
        "--progress",
        "y",
    ])
    .ok();
    ws.run(&[
        "log",
        "2.1",
        "--unit",
        "驻村工作队员派驻县、乡党委和政府",
        "--status",
        "phased",
        "--progress",
        "z",
    ])
    .ok();
    let files: Vec<String> = ws
        .snapshot()
        .keys()
        .map(|p| p.display().to_string())
        .filter(|p| p.starts_with("reports/") && p.ends_with(".toml"))
        .collect();
    assert_eq!(
        files,
        [
            "reports/市乡村振兴局.toml",
            "reports/市住房城乡建设局.toml",
            "reports/驻村工作队员派驻县、乡党委和政府.toml"
        ]
    );
}

fn with_one_entry() -> Workspace {
    let ws = Workspace::new();
    ws.run(&[
        "log",
        "1.2",
        "--unit",
        "市水务局",
        "--status",
        "in_progress",
        "--date",
        "2022-07-05",
        "--progress",
        "排查",
    ])
    .ok();
    ws
}

#[test]
fn refuses_a_unit_not_assigned_to_the_measure() {
    let ws = with_one_entry();
    let err = ws.refused(&[
        "log",
        "1.2",
        "--unit",
        "市财政局",
        "--status",
        "done",
        "--progress",
        "x",
    ]);
    assert_eq!(
        err,
        "错误: 市财政局 既不是措施 1.2 的牵头单位,也不是责任单位\n    提示: 牵头单位: 市水务局;责任单位: 各街道党工委和办事处\n"
    );
}

#[test]
fn refuses_unknown_and_ambiguous_units_listing_candidates() {
    let ws = with_one_entry();
    let err = ws.refused(&[
        "log",
        "1.2",
        "--unit",
        "市水利局",
        "--status",
        "done",
        "--progress",
        "x",
    ]);
    assert!(
        err.starts_with("错误: 没有名为“市水利局”的单位;相近的有: 市水务局"),
        "{err}"
    );
    let err = ws.refused(&[
        "log",
        "1.2",
        "--unit",
        "市委",
        "--status",
        "done",
        "--progress",
        "x",
    ]);
    assert_eq!(
        err,
        "错误: 单位“市委”不明确,可能是: 市委组织部、市委文明办、市委农办\n    提示: 写得更完整一些\n"
    );
}

#[test]
fn refuses_an_unknown_measure_suggesting_near_ids() {
    let ws = with_one_entry();
    let err = ws.refused(&[
        "log",
        "3.5",
        "--unit",
        "市水务局",
        "--status",
        "done",
        "--progress",
        "x",
    ]);
    assert_eq!(
        err,
        "错误: 没有编号为“3.5”的措施;相近的有: 3.5.1、3.5.2、3.1\n    提示: rectify status 列出所有措施\n"
    );
    let err = ws.refused(&[
        "log",
        "13.1",
        "--unit",
        "市水务局",
        "--status",
        "done",
        "--progress",
        "x",
    ]);
    assert!(
        err.starts_with("错误: 没有编号为“13.1”的措施;相近的有: 1.1、"),
        "{err}"
    );
}

#[test]
fn refuses_bad_fields() {
    let ws = with_one_entry();
    let base = ["log", "1.2", "--unit", "市水务局"];
    let cases: [(&[&str], &str); 6] = [
        (
            &["--status", "done", "--progress", "  "],
            "错误: --progress: 不能为空\n",
        ),
        (
            &["--status", "finished", "--progress", "x"],
            "错误: --status: “finished”不是单位可以记录的状态;可选值: 推进中(in_progress)、取得阶段性成效(phased)、已完成(done)\n",
        ),
        (
            &["--status", "signed_off", "--progress", "x"],
            "错误: --status: “signed_off”不是单位可以记录的状态;可选值: 推进中(in_progress)、取得阶段性成效(phased)、已完成(done)\n",
        ),
        (
            &[
                "--status",
                "done",
                "--progress",
                "x",
                "--date",
                "2022-07-21",
            ],
            "错误: --date: 2022-07-21 晚于今天(2022-07-20);只能记录已经发生的事\n",
        ),
        (
            &[
                "--status",
                "done",
                "--progress",
                "x",
                "--date",
                "2022-02-30",
            ],
            "错误: --date: “2022-02-30”不是有效的日期:2022年2月没有30日\n",
        ),
        (
            &["--status", "done", "--progress", "x", "--date", "上周五"],
            "错误: --date: “上周五”不是有效的日期,应写作 YYYY-MM-DD(如 2022-07-05),也可写 2022.7.5、2022/7/5、20220705、2022年7月5日或 7月5日\n",
        ),
    ];
    for (extra, expected) in cases {
        let args: Vec<&str> = base.iter().chain(extra.iter()).copied().collect();
        assert_eq!(ws.refused(&args), expected, "{args:?}");
    }
}

#[test]
fn refuses_to_append_to_a_damaged_ledger() {
    let ws = with_one_entry();
    let damaged = ws
        .read(WATER)
        .replace("status = \"in_progress\"", "status = \"in_progres\"");
    ws.write(WATER, &damaged);
    let line = damaged[..damaged.find("in_progres").expect("typo")]
        .matches('\n')
        .count()
        + 1;
    let err = ws.refused(&[
        "log",
        "1.3",
        "--unit",
        "市水务局",
        "--status",
        "done",
        "--progress",
        "x",
    ]);
    assert_eq!(
        err,
        format!(
            "错误: reports/市水务局.toml:{line}: status = “in_progres”无效；可用 in_progress、phased、done（或 推进中、取得阶段性成效、已完成）\n    提示: 台账已损坏,本次不追加任何内容;先修正该行(rectify check 会列出所有问题)\n"
        )
    );
}

#[test]
fn appends_after_a_hand_edit_without_final_newline() {
    let ws = with_one_entry();
    let text = ws.read(WATER);
    let trimmed = text.trim_end();
    ws.write(WATER, trimmed);
    ws.run(&[
        "log",
        "1.3",
        "--unit",
        "市水务局",
        "--status",
        "done",
        "--progress",
        "x",
    ])
    .ok();
    let after = ws.read(WATER);
    assert!(after.starts_with(trimmed));
    assert_eq!(
        rectify::read::ledger::parse(&after).expect("parses").len(),
        2
    );
}

#[test]
fn fifty_concurrent_appends_lose_nothing() {
    let ws = Workspace::new();
    let children: Vec<std::process::Child> = (0..50)
        .map(|i| {
            let progress = format!("第{i}次进展");
            ws.command(&[
                "log",
                "1.2",
                "--unit",
                "市水务局",
                "--status",
                "in_progress",
                "--progress",
                &progress,
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn")
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().expect("wait");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let entries = rectify::read::ledger::parse(&ws.read(WATER)).expect("ledger parses");
    assert_eq!(entries.len(), 50);
    let mut seen: Vec<String> = entries.iter().map(|(_, e)| e.progress.clone()).collect();
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 50);
}

#[test]
fn a_view_waits_while_log_holds_the_ledger() {
    let ws = with_one_entry();
    let path = ws.path().join(WATER);
    let file = std::fs::File::open(&path).expect("open");
    file.lock().expect("lock");
    let started = std::time::Instant::now();
    let release = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(400));
        drop(file);
    });
    let out = ws.run(&["status", "--as-of", "2022-07-20", "-u", "水务局"]);
    release.join().expect("thread");
    out.ok();
    assert!(started.elapsed() >= std::time::Duration::from_millis(400));
    assert!(out.stdout.contains("推进中"), "{}", out.stdout);
}
