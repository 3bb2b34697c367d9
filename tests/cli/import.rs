//! `rectify import`: notices of the genre to plan files, and what it refuses.

use crate::harness::*;
use serde_json::Value;

/// Turns ASCII punctuation into the full-width forms many notices use.
fn widen(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '(' => '\u{FF08}',
            ')' => '\u{FF09}',
            ',' => '\u{FF0C}',
            ';' => '\u{FF1B}',
            ':' => '\u{FF1A}',
            c => c,
        })
        .collect()
}

/// A county notice: full-width punctuation, 【】 annotations, 完成时限,
/// 配合单位, labels in another order, month-end and half-year deadlines.
const COUNTY: &str = "某县整改工作领导小组关于印发《某县2023年巡察反馈问题整改方案》的通知
各乡镇、县直各部门:
现将方案印发给你们,请抓好落实。
某县整改工作领导小组
2023年3月1日
某县2023年巡察反馈问题整改方案
一、总体要求
全面整改。
二、问题清单及整改措施
针对3个方面问题共制定6条整改措施。
(一)党建引领不够有力。部分村党组织软弱涣散。
县委巡察组指出:组织生活不规范。
整改措施:
(1)开展软弱涣散村党组织整顿。【完成时限:2023年6月底前;牵头单位:县委组织部;配合单位:各乡镇党委、县民政局】
(2)规范组织生活。【牵头单位:县委组织部;完成时限:2023年上半年取得阶段性成效,长期坚持】
(二)资金监管存在漏洞。
整改措施:1.开展资金清查。
【牵头单位:县财政局;责任单位:县审计局;完成时限:立行立改,长期坚持】
2.建立月度通报制度。【牵头单位:县财政局;责任单位:各乡镇;完成时限:每季度通报一次】
(三)信访积案化解慢。
①化解信访积案。【牵头单位:县信访局;完成时限:2023年底前】
②建立包案制度。【牵头单位:县信访局;责任单位:县委政法委;完成时限:按上级要求】
三、工作要求
各单位每月5日前报送整改进展情况至县整改办。
";

fn import_ok(ws: &Workspace, notice: &str, extra: &[&str]) -> (String, String) {
    ws.write("notice.txt", notice);
    let mut args = vec!["import", "notice.txt"];
    args.extend_from_slice(extra);
    let out = ws.run(&args);
    out.ok();
    (out.stdout, out.stderr)
}

fn load(plan: &str) -> rectify::model::Plan {
    rectify::read::plan_file::parse(plan).unwrap_or_else(|e| panic!("{e}\n{plan}"))
}

#[test]
fn reads_a_county_notice_in_full_width_punctuation() {
    let ws = Workspace::empty();
    let (plan, stderr) = import_ok(&ws, &widen(COUNTY), &[]);
    let p = load(&plan);
    assert_eq!(p.title, "某县2023年巡察反馈问题整改方案");
    assert_eq!(p.issued.to_string(), "2023-03-01");
    assert_eq!(p.issuer, "某县整改工作领导小组");
    let ids: Vec<&str> = p.measures.iter().map(|m| m.id.0.as_str()).collect();
    assert_eq!(ids, ["1.1", "1.2", "2.1", "2.2", "3.1", "3.2"]);
    let m = p.measure("1.1").expect("1.1");
    let names = |ids: &[rectify::model::UnitId]| -> Vec<String> {
        ids.iter().map(|&u| p.units.name(u).to_string()).collect()
    };
    assert_eq!(names(&m.lead), ["县委组织部"]);
    assert_eq!(names(&m.responsible), ["各乡镇党委", "县民政局"]);
    assert_eq!(m.deadline.milestones[0].date.to_string(), "2023-06-30");
    let m = p.measure("1.2").expect("1.2");
    assert_eq!(m.deadline.milestones[0].date.to_string(), "2023-06-30");
    assert!(m.deadline.ongoing);
    let m = p.measure("2.1").expect("2.1");
    assert!(m.deadline.immediate && m.deadline.ongoing);
    assert_eq!(m.text, "开展资金清查。");
    assert_eq!(
        p.measure("2.2")
            .expect("2.2")
            .deadline
            .recurring
            .map(|r| r.key()),
        Some("quarterly")
    );
    assert_eq!(
        p.measure("3.1").expect("3.1").deadline.milestones[0]
            .date
            .to_string(),
        "2023-12-31"
    );
    // Undated wording is kept verbatim and flagged with its line.
    let m = p.measure("3.2").expect("3.2");
    assert_eq!(m.deadline.undated, ["按上级要求"]);
    assert_eq!(
        stderr,
        "警告: notice.txt:22: 措施 3.2 的时限“按上级要求”无法确定日期,已原样保留\n    提示: 在计划文件中为该措施手工补上 milestones\n"
    );
    assert_eq!(
        p.problems[0].findings[1].source.as_deref(),
        Some("县委巡察组指出")
    );
    assert_eq!(p.reporting.day, 5);
    let office = p.office().expect("office");
    assert_eq!(p.units.name(office), "县整改办");
}

#[test]
fn reads_gbk_with_crlf_and_utf8_with_bom_alike() {
    let ws = Workspace::empty();
    let (utf8, _) = import_ok(&ws, COUNTY, &[]);
    let crlf = COUNTY.replace('\n', "\r\n");
    let (gbk, _, _) = encoding_rs::GBK.encode(&crlf);
    std::fs::write(ws.path().join("gbk.txt"), &gbk).expect("write");
    let out = ws.run(&["import", "gbk.txt"]);
    out.ok();
    assert_eq!(out.stdout, utf8.replace("notice.txt", "gbk.txt"));
    let out = ws.run(&["import", "gbk.txt", "--encoding", "gbk"]);
    assert_eq!(out.stdout, utf8.replace("notice.txt", "gbk.txt"));
    let err = ws.refused(&["import", "gbk.txt", "--encoding", "utf-8"]);
    assert!(err.contains("不是有效的 UTF-8 文本(第1行)"), "{err}");
    ws.write("bom.txt", &format!("\u{feff}{COUNTY}"));
    let out = ws.run(&["import", "bom.txt"]);
    assert_eq!(out.stdout, utf8.replace("notice.txt", "bom.txt"));
}

#[test]
fn sub_items_with_their_own_annotations_get_sub_ids() {
    let notice = "某市整改方案
2022年5月1日
(一)问题一。
整改措施:(1)加强培训。一是培训干部。〔牵头单位:市人社局;整改时限:2022年6月30日前〕
二是培训农民。〔牵头单位:市农业局;整改时限:2022年6月30日、12月31日前取得阶段性成效〕。
(2)另一项措施,一是甲;二是乙。〔牵头单位:市人社局;整改时限:2022年12月31日前〕
(二)问题二。
整改措施:统筹推进。〔牵头单位:市人社局、市农业局;整改时限:2022年12月31日前〕
";
    let ws = Workspace::empty();
    let (plan, stderr) = import_ok(&ws, notice, &[]);
    assert!(stderr.contains("找不到报送要求"), "{stderr}");
    let p = load(&plan);
    let ids: Vec<&str> = p.measures.iter().map(|m| m.id.0.as_str()).collect();
    assert_eq!(ids, ["1.1.1", "1.1.2", "1.2", "2.1"]);
    let m = p.measure("1.1.1").expect("1.1.1");
    assert_eq!(m.heading.as_deref(), Some("加强培训"));
    assert_eq!(m.text, "一是培训干部。");
    assert_eq!(p.measure("1.1.2").expect("x").deadline.milestones.len(), 2);
    assert_eq!(p.measure("2.1").expect("x").lead.len(), 2);
}

#[test]
fn names_containing_the_list_separator_need_the_units_file() {
    let notice = "某市整改方案
2022年5月1日
(一)问题一。
(1)措施。〔牵头单位:市委组织部;责任单位:驻村工作队员派驻县、乡党委和政府;整改时限:2022年7月31日前〕
";
    let ws = Workspace::empty();
    let (plan, stderr) = import_ok(&ws, notice, &[]);
    assert!(stderr.contains("notice.txt:4: “驻村工作队员派驻县”看起来不像完整的单位名称(拆自“驻村工作队员派驻县、乡党委和政府”)"), "{stderr}");
    assert_eq!(load(&plan).measures[0].responsible.len(), 2);
    ws.write("units.toml", "[[unit]]\nname = \"驻村工作队员派驻县、乡党委和政府\"\n\n[[unit]]\nname = \"市委组织部\"\naliases = [\"组织部\"]\n\n[[unit]]\nname = \"领导小组办公室\"\noffice = true\n");
    let (plan, stderr) = import_ok(&ws, notice, &["--units", "units.toml"]);
    assert!(!stderr.contains("看起来不像"), "{stderr}");
    let p = load(&plan);
    assert_eq!(p.measures[0].responsible.len(), 1);
    assert_eq!(p.units.name(p.office().expect("office")), "领导小组办公室");
}

#[test]
fn the_stated_count_is_checked() {
    let ws = Workspace::empty();
    let short = COUNTY.replace(
        "②建立包案制度。【牵头单位:县信访局;责任单位:县委政法委;完成时限:按上级要求】\n",
        "",
    );
    ws.write("notice.txt", &short);
    let err = ws.refused(&["import", "notice.txt", "-o", "plan.toml"]);
    assert!(
        err.contains("错误: notice.txt:10: 通知说共有 6 条措施,实际找到 5 条"),
        "{err}"
    );
    assert!(
        err.ends_with("错误: 导入失败: 1 个错误,未写入任何文件\n"),
        "{err}"
    );
    let out = ws.run(&["import", "notice.txt", "-o", "plan.toml", "--force"]);
    out.ok();
    assert!(
        out.stderr
            .contains("警告: notice.txt:10: 通知说共有 6 条措施,实际找到 5 条(已按 --force 继续)"),
        "{}",
        out.stderr
    );
    assert_eq!(load(&ws.read("plan.toml")).measures.len(), 5);
}

#[test]
fn malformed_notices_are_errors_with_lines() {
    let ws = Workspace::empty();
    let cases: [(&str, &str); 6] = [
        ("", "错误: notice.txt: 通知是空的"),
        (
            "某方案\n2022年1月1日\n(一)问题。\n(1)措施一。\n",
            "错误: notice.txt:4: 措施文字后没有标注(牵头单位、整改时限等): “措施一”",
        ),
        (
            "某方案\n2022年1月1日\n(一)问题。\n(1)措施一。〔牵头单位:市水务局;整改时限:2022年7月31日前\n(2)措施二。\n",
            "错误: notice.txt:4: 标注的括号没有闭合",
        ),
        (
            "某方案\n(一)问题。\n(1)措施一。〔牵头单位:市水务局〕\n",
            "错误: notice.txt: 找不到印发日期",
        ),
        (
            "某方案\n2022年1月1日\n〔牵头单位:市水务局〕\n(一)问题。\n",
            "错误: notice.txt:3: 标注出现在第一个问题之前",
        ),
        (
            "某方案\n2022年1月1日\n没有问题标题的文字。\n",
            "错误: notice.txt: 找不到任何问题标题",
        ),
    ];
    for (text, expected) in cases {
        ws.write("notice.txt", text);
        let err = ws.refused(&["import", "notice.txt", "-o", "plan.toml"]);
        assert!(err.contains(expected), "{text:?}\n{err}");
        assert!(!ws.path().join("plan.toml").exists());
    }
    std::fs::write(
        ws.path().join("junk.bin"),
        [0u8, 159, 146, 150, 0, 1, 2, 255],
    )
    .expect("write");
    let err = ws.refused(&["import", "junk.bin"]);
    assert!(err.starts_with("错误: junk.bin:"), "{err}");
}

#[test]
fn check_reports_counts_and_writes_nothing() {
    let ws = Workspace::empty();
    ws.write("notice.txt", COUNTY);
    let before = ws.snapshot();
    let out = ws.run(&["import", "notice.txt", "--check"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(before, ws.snapshot());
    assert!(
        out.stdout
            .ends_with("共 3 个问题、6 条措施；0 个错误、1 个警告\n"),
        "{}",
        out.stdout
    );
    let out = ws.run(&["import", "notice.txt", "--check", "--format", "json"]);
    let v: Value = out.json();
    assert_eq!(v["measures_found"], 6);
    assert_eq!(
        v["problems"][2]["measures"].as_array().map(Vec::len),
        Some(2)
    );
    assert_eq!(v["problems"][2]["measures"][1]["notes"][0]["kind"], "doubt");
    assert_eq!(v["problems"][2]["measures"][1]["notes"][0]["line"], 22);
    assert_eq!(v["diagnostics"][0]["line"], 22);
    assert_eq!(v["diagnostics"][0]["severity"], "warning");
    // With an error, --check exits 1.
    ws.write("notice.txt", &COUNTY.replace("6条", "7条"));
    assert_eq!(ws.run(&["import", "notice.txt", "--check"]).code, 1);
}

#[test]
fn init_from_a_notice() {
    let mut ws = Workspace::empty();
    // The plan is of 2023: the clock must be too (log refuses a clock
    // before the plan's year, as check does).
    ws.now = "2023-04-01T09:00:00".to_string();
    ws.write("notice.txt", COUNTY);
    let out = ws.run(&["init", "county", "--from", "notice.txt"]);
    out.ok();
    let p = load(&ws.read("county/plan/plan.toml"));
    assert_eq!(p.measures.len(), 6);
    ws.run(&[
        "-C",
        "county",
        "log",
        "1.1",
        "--unit",
        "组织部",
        "--status",
        "done",
        "--progress",
        "完成整顿",
    ])
    .ok();
}
