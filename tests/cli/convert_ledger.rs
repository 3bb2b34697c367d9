//! `convert-ledger`: a ledger Notepad or WPS saved as GBK (or with a BOM,
//! or CR-only) becomes plain UTF-8, the original kept, every entry reading
//! the same; `log` names the command when it refuses such a ledger.

use crate::harness::*;
use std::process::Stdio;

/// Two entries as a clerk would have typed them, CRLF as Notepad saves.
const LEDGER: &str = "# 市水务局 整改台账\r\n\r\n[[entry]]\r\ndate = 2022-07-05\r\nmeasure = \"1.2\"\r\nstatus = \"in_progress\"\r\nprogress = \"完成全市农村供水保障排查，发现问题３处\"\r\nby = \"张三\"\r\nrecorded = 2022-07-05T16:20:11\r\n\r\n[[entry]]\r\ndate = 2022-07-12\r\nmeasure = \"1.3\"\r\nstatus = \"phased\"\r\nprogress = \"水质检测合格率达到９５％\"\r\nnext = \"继续巩固\"\r\nrecorded = 2022-07-12T09:00:00\r\n";

const PATH: &str = "reports/市水务局.toml";
const BACKUP: &str = "reports/市水务局.toml.orig-20220720T090000";

fn gbk(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

fn bytes(ws: &Workspace, rel: &str) -> Vec<u8> {
    std::fs::read(ws.path().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// What the views say about the water bureau's measures.
fn views(ws: &Workspace) -> Vec<String> {
    ["1.2", "1.3"]
        .iter()
        .map(|id| ws.run(&["show", id, "--as-of", "2022-07-20", "--format", "json"]))
        .chain([ws.run(&["status", "--as-of", "2022-07-20", "--format", "json"])])
        .map(|out| {
            assert_eq!(out.code, 0, "{}", out.stderr);
            out.stdout
        })
        .collect()
}

fn log(ws: &Workspace, progress: &str) -> Output {
    ws.run(&[
        "log",
        "1.2",
        "--unit",
        "水务局",
        "--status",
        "phased",
        "--progress",
        progress,
    ])
}

#[test]
fn a_gbk_ledger_is_refused_by_log_and_converted_entry_for_entry() {
    let ws = Workspace::new();
    let original = gbk(LEDGER);
    std::fs::write(ws.path().join(PATH), &original).expect("write");
    let before = views(&ws);

    let err = ws.refused(&[
        "log",
        "1.2",
        "--unit",
        "水务局",
        "--status",
        "phased",
        "--progress",
        "又一条",
    ]);
    assert!(err.contains("rectify convert-ledger 市水务局"), "{err}");

    let out = ws.run(&["convert-ledger", "水务局"]);
    out.ok();
    assert_eq!(
        out.stderr,
        format!(
            "已把 {PATH} 由GBK（GB18030）转换为 UTF-8：2 条记录转换前后逐条一致；原文件保存为 {BACKUP}\n"
        )
    );
    assert_eq!(bytes(&ws, BACKUP), original, "the original, byte for byte");
    let converted = String::from_utf8(bytes(&ws, PATH)).expect("UTF-8");
    assert_eq!(converted, LEDGER);
    // Another TOML reader reads the same two entries.
    let doc: toml::Table = toml::from_str(&converted).expect("TOML");
    let entries = doc["entry"].as_array().expect("entries");
    assert_eq!(entries.len(), 2);
    assert_eq!(
        entries[1]["progress"].as_str(),
        Some("水质检测合格率达到９５％")
    );
    assert_eq!(views(&ws), before, "every view reads the same");

    // Nothing more to do; log now appends, in the file's CRLF style.
    let again = ws.run(&["convert-ledger", "市水务局"]);
    again.ok();
    assert_eq!(
        again.stderr,
        format!("{PATH} 已是 UTF-8 文本（不带 BOM），无需转换\n")
    );
    log(&ws, "转换后的记录").ok();
    let after = String::from_utf8(bytes(&ws, PATH)).expect("UTF-8");
    assert!(after.starts_with(LEDGER));
    assert!(after.ends_with("\r\n") && !after[LEDGER.len()..].contains("\n\n"));
    let check = ws.run(&["check", "--errors-only", "--as-of", "2022-07-20"]);
    assert_eq!(check.code, 0, "{}", check.stdout);
}

#[test]
fn a_bom_or_cr_only_ledger_is_converted_too() {
    for (original, expected) in [
        (
            [b"\xEF\xBB\xBF".as_slice(), LEDGER.as_bytes()].concat(),
            LEDGER.to_string(),
        ),
        (
            LEDGER.replace("\r\n", "\r").into_bytes(),
            LEDGER.replace("\r\n", "\n"),
        ),
    ] {
        let ws = Workspace::new();
        std::fs::write(ws.path().join(PATH), &original).expect("write");
        let before = views(&ws);
        ws.run(&["convert-ledger", "水务局"]).ok();
        assert_eq!(bytes(&ws, BACKUP), original);
        assert_eq!(bytes(&ws, PATH), expected.as_bytes());
        assert_eq!(views(&ws), before);
    }
}

#[test]
fn a_ledger_that_does_not_read_or_does_not_exist_is_not_converted() {
    let ws = Workspace::new();
    let bad = gbk(&LEDGER.replace("date = 2022-07-12", "date = 2022-07-32"));
    std::fs::write(ws.path().join(PATH), bad).expect("write");
    let err = ws.refused(&["convert-ledger", "水务局"]);
    assert!(err.starts_with(&format!("错误: {PATH}:12: ")), "{err}");
    assert!(err.contains("再转换；台账未改动"), "{err}");
    let err = ws.refused(&["convert-ledger", "财政局"]);
    assert!(err.contains("reports/市财政局.toml"), "{err}");
    let err = ws.refused(&["convert-ledger", "不存在的局"]);
    assert!(err.contains("没有名为“不存在的局”的单位"), "{err}");
}

#[test]
fn logs_racing_a_conversion_all_land_in_the_converted_ledger() {
    for round in 0..12 {
        let ws = Workspace::new();
        // UTF-8 with a BOM: log accepts it before and after the conversion.
        let original = [b"\xEF\xBB\xBF".as_slice(), LEDGER.as_bytes()].concat();
        std::fs::write(ws.path().join(PATH), &original).expect("write");
        let mut children: Vec<_> = (0..6)
            .map(|k| {
                ws.command(&[
                    "log",
                    "1.2",
                    "--unit",
                    "水务局",
                    "--status",
                    "phased",
                    "--progress",
                    &format!("第{round}轮第{k}条"),
                ])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("spawn")
            })
            .collect();
        children.insert(
            round % 7,
            ws.command(&["convert-ledger", "水务局"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("spawn"),
        );
        for (i, c) in children.iter_mut().enumerate() {
            assert!(
                c.wait().expect("wait").success(),
                "round {round}: {i} failed"
            );
        }
        let text = String::from_utf8(bytes(&ws, PATH)).expect("UTF-8 without BOM");
        assert!(!text.starts_with('\u{feff}'));
        for k in 0..6 {
            assert!(
                text.contains(&format!("第{round}轮第{k}条")),
                "round {round}: entry {k} lost:\n{text}"
            );
        }
    }
}
