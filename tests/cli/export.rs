//! The workbook and CSV, read back with independent readers (calamine for
//! the workbook; a plain split for CSV).

use crate::harness::*;
use calamine::{Data, Reader, Xlsx, open_workbook};
use serde_json::Value;

const OFFICE: &str = "市巩固脱贫攻坚推进乡村振兴领导小组办公室";

/// A workspace with progress on 1.2 and 1.3, and 2.2 done and signed off.
pub fn filled() -> Workspace {
    let ws = Workspace::new();
    for args in [
        &[
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
            "张三",
        ][..],
        &[
            "log",
            "1.3",
            "--unit",
            "水务局",
            "--status",
            "phased",
            "--date",
            "2022-07-07",
            "--progress",
            "应急供水方案已印发",
            "--next",
            "开展应急演练",
        ],
        &[
            "log",
            "2.2",
            "--unit",
            "乡村振兴局",
            "--status",
            "done",
            "--date",
            "2022-07-10",
            "--progress",
            "组织政策业务培训2场,覆盖全部乡镇",
        ],
        &[
            "signoff",
            "2.2",
            "--by",
            "王五",
            "--note",
            "经核查,培训记录齐全",
        ],
    ] {
        ws.run(args).ok();
    }
    ws
}

fn text(v: Option<&Data>) -> String {
    match v {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

fn status_json(ws: &Workspace) -> Vec<Value> {
    ws.run(&["status", "--as-of", "2022-07-20", "--format", "json"])
        .view("measures")
        .as_array()
        .expect("rows")
        .clone()
}

#[test]
fn the_workbook_holds_the_ledger() {
    let ws = filled();
    let out = ws.run(&[
        "export",
        "-o",
        "台账.xlsx",
        "--history",
        "--as-of",
        "2022-07-20",
    ]);
    out.ok();
    assert_eq!(out.stderr, "已写入 台账.xlsx(措施52条,进展记录4条)\n");
    let mut wb: Xlsx<_> = open_workbook(ws.path().join("台账.xlsx")).expect("open");
    assert_eq!(wb.sheet_names(), vec!["整改台账", "进展记录"]);
    let sheet = wb.worksheet_range("整改台账").expect("sheet");
    let title = text(sheet.get_value((0, 0)));
    assert!(
        title.starts_with("安宁市2021年度") && title.ends_with("整改台账"),
        "{title}"
    );
    assert_eq!(text(sheet.get_value((1, 0))), "截至2022年7月20日");
    let header: Vec<String> = (0..13).map(|c| text(sheet.get_value((2, c)))).collect();
    assert_eq!(
        header,
        [
            "序号",
            "问题",
            "整改措施",
            "牵头单位",
            "责任单位",
            "整改时限",
            "整改进展",
            "存在问题",
            "下步措施",
            "状态",
            "预警",
            "最近报送",
            "销号"
        ]
    );
    let rows = status_json(&ws);
    assert_eq!(sheet.height(), 3 + rows.len());
    let styles = wb.worksheet_style("整改台账").expect("styles");
    for (k, r) in rows.iter().enumerate() {
        let at = 3 + k as u32;
        assert_eq!(text(sheet.get_value((at, 0))), r["id"].as_str().unwrap());
        assert_eq!(
            text(sheet.get_value((at, 3))),
            r["lead"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect::<Vec<_>>()
                .join("、")
        );
        let light = text(sheet.get_value((at, 10)));
        let (word, fill) = match r["light"].as_str().unwrap() {
            "red" => ("红灯", (0xFF, 0xC7, 0xCE)),
            "yellow" => ("黄灯", (0xFF, 0xEB, 0x9C)),
            "green" => ("绿灯", (0xC6, 0xEF, 0xCE)),
            _ => ("完成", (0xDD, 0xEB, 0xF7)),
        };
        assert!(light.starts_with(word), "{light} for {}", r["id"]);
        if r["light"] == "red" {
            assert_eq!(light, format!("红灯 逾期{}天", r["days_overdue"]));
        }
        let colour = styles
            .get((at, 10))
            .and_then(|s| s.fill.as_ref())
            .and_then(|f| f.get_color())
            .unwrap_or_else(|| panic!("no fill at row {at}"));
        assert_eq!((colour.red, colour.green, colour.blue), fill, "{}", r["id"]);
    }
    // The full text, the latest progress, problems, next steps, sign-off.
    let row_of = |id: &str| 3 + rows.iter().position(|r| r["id"] == id).unwrap() as u32;
    let show = ws.run(&["show", "1.2", "--format", "json"]).json();
    let r12 = row_of("1.2");
    assert_eq!(
        text(sheet.get_value((r12, 2))),
        show["text"].as_str().unwrap()
    );
    assert_eq!(
        text(sheet.get_value((r12, 6))),
        "完成全市农村供水保障排查,发现问题12个"
    );
    assert_eq!(text(sheet.get_value((r12, 7))), "部分村组管网老化");
    assert_eq!(text(sheet.get_value((r12, 8))), "8月底前完成整改");
    assert_eq!(text(sheet.get_value((r12, 9))), "推进中");
    assert_eq!(text(sheet.get_value((r12, 11))), "2022-07-05");
    let r22 = row_of("2.2");
    assert_eq!(text(sheet.get_value((r22, 9))), "已销号");
    assert_eq!(text(sheet.get_value((r22, 12))), "2022-07-20");
    // 问题 merged down over its measures: one region per problem with
    // more than one measure, in column B.
    let mut merged: Vec<(u32, u32)> = wb
        .merge_cells_by_sheet_name("整改台账")
        .expect("merges")
        .iter()
        .filter(|d| d.start.1 == 1 && d.end.1 == 1)
        .map(|d| (d.start.0, d.end.0))
        .collect();
    merged.sort();
    let mut expected = Vec::new();
    let mut k = 0;
    while k < rows.len() {
        let span = rows[k..]
            .iter()
            .take_while(|r| r["problem"] == rows[k]["problem"])
            .count();
        if span > 1 {
            expected.push((3 + k as u32, 3 + (k + span) as u32 - 1));
        }
        k += span;
    }
    assert_eq!(merged, expected);
    assert_eq!(
        text(sheet.get_value((3, 1))),
        "一、巩固拓展脱贫攻坚成果压力较大"
    );
    // The history sheet: every counted entry, in date order.
    let history = wb.worksheet_range("进展记录").expect("history");
    let measures: Vec<String> = (3..history.height() as u32)
        .map(|r| text(history.get_value((r, 0))))
        .collect();
    assert_eq!(measures, ["1.2", "1.3", "2.2", "2.2"]);
    assert_eq!(text(history.get_value((6, 2))), OFFICE);
    assert_eq!(text(history.get_value((6, 3))), "已销号");
    // The last column is the id `show` lists, for `amend`.
    let show = ws.run(&["show", "1.2", "--format", "json"]).view("history");
    assert_eq!(text(history.get_value((2, 9))), "记录编号");
    assert_eq!(
        text(history.get_value((3, 9))),
        show[0]["id"].as_str().expect("id")
    );
}

#[test]
fn one_unit_or_one_problem() {
    let ws = filled();
    ws.run(&[
        "export",
        "-o",
        "水务局.xlsx",
        "--unit",
        "水务局",
        "--as-of",
        "2022-07-20",
    ])
    .ok();
    let mut wb: Xlsx<_> = open_workbook(ws.path().join("水务局.xlsx")).expect("open");
    assert_eq!(wb.sheet_names(), vec!["整改台账"]);
    let sheet = wb.worksheet_range("整改台账").expect("sheet");
    assert_eq!(text(sheet.get_value((1, 0))), "市水务局  截至2022年7月20日");
    let ids: Vec<String> = (3..sheet.height() as u32)
        .map(|r| text(sheet.get_value((r, 0))))
        .collect();
    let json = ws
        .run(&[
            "status",
            "--unit",
            "水务局",
            "--as-of",
            "2022-07-20",
            "--format",
            "json",
        ])
        .view("measures");
    let expected: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, expected);
    ws.run(&[
        "export",
        "-o",
        "问题5.xlsx",
        "--problem",
        "5",
        "--as-of",
        "2022-07-20",
    ])
    .ok();
    let mut wb: Xlsx<_> = open_workbook(ws.path().join("问题5.xlsx")).expect("open");
    let sheet = wb.worksheet_range("整改台账").expect("sheet");
    assert_eq!(sheet.height(), 3 + 5);
}

#[test]
fn export_never_overwrites_unless_forced_nor_touches_the_plan() {
    let ws = filled();
    ws.write("台账.xlsx", "旧文件");
    let err = ws.refused(&["export", "-o", "台账.xlsx"]);
    assert!(err.contains("台账.xlsx: 文件已存在,未覆盖"), "{err}");
    ws.run(&["export", "-o", "台账.xlsx", "--force"]).ok();
    assert_ne!(ws.read_bytes("台账.xlsx"), "旧文件".as_bytes());
    let err = ws.refused(&["export", "-o", "plan/plan.toml"]);
    assert!(err.contains("不是 .xlsx 文件"), "{err}");
    let err = ws.refused(&["export", "-o", "没有这个目录/台账.xlsx"]);
    assert!(err.contains("无法写入"), "{err}");
    let err = ws.refused(&["export", "-o", "x.xlsx", "--problem", "13"]);
    assert!(err.contains("没有第13项问题"), "{err}");
}

/// Splits RFC 4180 CSV (quotes, doubled quotes, CRLF) into records.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = vec![];
    let mut row = vec![];
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "CR without LF");
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, '\n') => panic!("bare LF line end"),
            (false, c) => field.push(c),
        }
    }
    assert!(row.is_empty() && field.is_empty(), "last line not ended");
    rows
}

#[test]
fn every_table_view_writes_csv_for_excel() {
    let ws = filled();
    let day = ["--as-of", "2022-07-20"];
    let status = ws.run(&["status", day[0], day[1], "--format", "csv"]);
    status.ok();
    let body = status.stdout.strip_prefix('\u{FEFF}').expect("a BOM");
    let rows = parse_csv(body);
    assert_eq!(rows[0][0], "编号");
    let json = status_json(&ws);
    assert_eq!(rows.len(), 1 + json.len());
    for (row, r) in rows[1..].iter().zip(&json) {
        assert_eq!(row[0], r["id"].as_str().unwrap());
        assert_eq!(row.len(), rows[0].len());
    }
    let overdue = ws.run(&["overdue", day[0], day[1], "--format", "csv"]);
    let rows = parse_csv(overdue.ok().stdout.trim_start_matches('\u{FEFF}'));
    let json = ws
        .run(&["overdue", day[0], day[1], "--format", "json"])
        .view("measures");
    assert_eq!(rows.len(), 1 + json.as_array().unwrap().len());
    assert_eq!(rows[1][4], json[0]["days_overdue"].to_string());
    for view in [
        &["deadlines", "--within", "60"][..],
        &["units"],
        &["missing", "--due", "2022-07-10"],
    ] {
        let mut args = view.to_vec();
        args.extend(["--as-of", "2022-07-20", "--format", "csv"]);
        let out = ws.run(&args);
        let rows = parse_csv(out.ok().stdout.strip_prefix('\u{FEFF}').expect("a BOM"));
        assert!(rows.len() > 1, "{view:?}: {rows:?}");
        assert!(rows.iter().all(|r| r.len() == rows[0].len()), "{view:?}");
    }
    let err = ws.refused(&["show", "1.2", "--format", "csv"]);
    assert!(err.contains("--format csv 只用于表格视图"), "{err}");
}

#[test]
fn the_same_ledger_on_the_same_clock_gives_the_same_workbook() {
    let ws = filled();
    ws.run(&["export", "-o", "a.xlsx", "--history"]).ok();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    ws.run(&["export", "-o", "b.xlsx", "--history"]).ok();
    assert!(ws.read_bytes("a.xlsx") == ws.read_bytes("b.xlsx"));
    // The file says it was made at the (pinned) time, in UTC.
    let file = std::fs::File::open(ws.path().join("a.xlsx")).expect("open");
    let mut zip = zip::ZipArchive::new(file).expect("zip");
    let mut core = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("docProps/core.xml").expect("core"),
        &mut core,
    )
    .expect("read");
    let utc = chrono::NaiveDateTime::parse_from_str(&ws.now, "%Y-%m-%dT%H:%M:%S").expect("now")
        - chrono::TimeDelta::hours(8);
    assert!(
        core.contains(&format!(
            "{}Z</dcterms:created>",
            utc.format("%Y-%m-%dT%H:%M:%S")
        )),
        "{core}"
    );
}
