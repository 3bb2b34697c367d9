//! The shipped plan against the notice it encodes.

use crate::harness::*;
use rectify::model::{Plan, Requirement};

fn plan() -> Plan {
    rectify::read::plan_file::parse(&shipped_plan()).expect("shipped plan loads")
}

const IDS: [&str; 52] = [
    "1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3", "3.4", "3.5.1",
    "3.5.2", "4.1", "4.2.1", "4.2.2", "4.2.3", "5.1", "5.2", "5.3", "5.4", "5.5", "6.1", "6.2",
    "6.3.1", "6.3.2", "6.4", "6.5", "6.6", "7.1.1", "7.1.2", "7.1.3", "7.1.4", "7.1.5", "7.2",
    "7.3", "7.4.1", "7.4.2", "8.1", "8.2", "8.3", "8.4", "8.5", "9.1", "9.2", "9.3", "9.4", "10.1",
    "11.1", "12.1", "12.2",
];

#[test]
fn has_the_52_measures_the_notice_numbers() {
    let p = plan();
    let ids: Vec<&str> = p.measures.iter().map(|m| m.id.0.as_str()).collect();
    assert_eq!(ids, IDS);
    assert_eq!(p.stated_measures, Some(52));
    assert_eq!(p.problems.len(), 12);
    assert_eq!(p.issued.to_string(), "2022-07-01");
    assert_eq!(p.issuer, "安宁市巩固脱贫攻坚推进乡村振兴领导小组");
    let r = &p.reporting;
    assert_eq!(
        (r.day, r.first_month.to_string(), r.last_month.to_string()),
        (10, "2022-06-01".into(), "2022-12-01".into())
    );
    assert_eq!(
        r.contents,
        ["整改进展情况", "整改过程中发现的问题", "下步工作措施"]
    );
    let office = p.office().expect("an office");
    assert_eq!(
        p.units.name(office),
        "市巩固脱贫攻坚推进乡村振兴领导小组办公室"
    );
    assert_eq!(
        p.units.get(office).note.as_deref(),
        Some("安宁市农业农村局端口")
    );
}

#[test]
fn is_exactly_what_import_makes_of_the_seed() {
    let ws = Workspace::new();
    let seed = seed_path();
    let units = format!("{ROOT}/plan/units.toml");
    let out = ws.run(&[
        "import",
        seed.to_str().expect("utf-8 path"),
        "--units",
        &units,
    ]);
    out.ok();
    assert_eq!(out.stdout, shipped_plan());
    assert_eq!(out.stderr, "");
}

/// Reads the brackets of the notice with a plain scan, independent of the
/// importer, and holds every measure's units and deadline against them.
#[test]
fn every_measure_matches_its_bracket_in_the_notice() {
    let p = plan();
    let notice = std::fs::read_to_string(seed_path()).expect("seed");
    let mut brackets = Vec::new();
    let mut rest = notice.as_str();
    while let Some(start) = rest.find("〔牵头单位") {
        let end = rest[start..].find('〕').expect("closed") + start;
        brackets.push(rest[start + "〔".len()..end].to_string());
        rest = &rest[end..];
    }
    assert_eq!(brackets.len(), 52);
    let canonical = |name: &str| -> String {
        let id = p
            .units
            .exact(name)
            .unwrap_or_else(|| panic!("unit {name} in plan"));
        p.units.name(id).to_string()
    };
    let names = |list: &str| -> Vec<String> {
        let protected = list.replace("驻村工作队员派驻县、乡党委和政府", "@");
        let mut out: Vec<String> = Vec::new();
        for n in protected.split(['、', ',']) {
            let n = n.replace('@', "驻村工作队员派驻县、乡党委和政府");
            let c = canonical(n.trim());
            if !out.contains(&c) {
                out.push(c);
            }
        }
        out
    };
    for (m, b) in p.measures.iter().zip(&brackets) {
        let lead_start = b.find("牵头单位").expect("lead") + "牵头单位:".len();
        let deadline_at = b.find("整改时限:").expect("deadline");
        let (lead, responsible) = match b.find("责任单位:") {
            Some(r) => (
                &b[lead_start..r - 1],
                &b[r + "责任单位:".len()..deadline_at - 1],
            ),
            None => (&b[lead_start..deadline_at - 1], ""),
        };
        let lead_names: Vec<String> = m
            .lead
            .iter()
            .map(|&u| p.units.name(u).to_string())
            .collect();
        let resp_names: Vec<String> = m
            .responsible
            .iter()
            .map(|&u| p.units.name(u).to_string())
            .collect();
        assert_eq!(lead_names, names(lead), "lead of {}", m.id);
        let mut expected_resp = if responsible.is_empty() {
            vec![]
        } else {
            names(responsible)
        };
        expected_resp.retain(|n| !lead_names.contains(n));
        assert_eq!(resp_names, expected_resp, "responsible of {}", m.id);
        assert_eq!(
            m.deadline.text,
            b[deadline_at + "整改时限:".len()..],
            "deadline of {}",
            m.id
        );
        assert!(
            m.deadline.undated.is_empty(),
            "{} has undated wording",
            m.id
        );
        assert_eq!(
            m.deadline.ongoing,
            m.deadline.text.contains("长期坚持"),
            "ongoing of {}",
            m.id
        );
    }
}

#[test]
fn milestones_read_from_the_deadlines() {
    let p = plan();
    let ms = |id: &str| -> Vec<(String, Requirement)> {
        p.measure(id)
            .expect("measure")
            .deadline
            .milestones
            .iter()
            .map(|m| (m.date.to_string(), m.require))
            .collect()
    };
    use Requirement::{Done, Phased};
    assert_eq!(
        ms("5.1"),
        [("2022-06-30".into(), Phased), ("2022-12-31".into(), Phased)]
    );
    assert_eq!(
        ms("9.2"),
        [
            ("2022-06-30".into(), Phased),
            ("2022-09-30".into(), Phased),
            ("2022-11-30".into(), Phased)
        ]
    );
    assert_eq!(ms("2.2"), [("2022-07-31".into(), Done)]);
    assert_eq!(ms("9.3"), [("2022-12-31".into(), Phased)]);
    assert!(!p.measure("9.3").expect("9.3").deadline.ongoing);
    assert!(p.measure("1.1").expect("1.1").deadline.ongoing);
    // 10.1 has two leads; 驻村… is one unit.
    assert_eq!(p.measure("10.1").expect("10.1").lead.len(), 2);
    let m = p.measure("2.1").expect("2.1");
    let resp: Vec<&str> = m.responsible.iter().map(|&u| p.units.name(u)).collect();
    assert_eq!(resp, ["驻村工作队员派驻县、乡党委和政府", "市乡村振兴局"]);
}

#[test]
fn aliases_the_notice_uses() {
    let p = plan();
    for (alias, name) in [
        ("市发展和改革局", "市发展改革局"),
        ("市发展和改革局(市商务局)", "市发展改革局"),
        ("市住房和城乡建设局", "市住房城乡建设局"),
        ("市生态环境局", "市生态环境分局"),
        ("乡村振兴局", "市乡村振兴局"),
    ] {
        let id = p.units.exact(alias).unwrap_or_else(|| panic!("{alias}"));
        assert_eq!(p.units.name(id), name);
    }
}

#[test]
fn findings_keep_their_level() {
    let p = plan();
    let levels = |n: u32| -> Vec<&str> {
        p.problem(n)
            .expect("problem")
            .findings
            .iter()
            .map(|f| f.level.key())
            .collect()
    };
    assert_eq!(levels(1), ["central"]);
    assert_eq!(levels(2), ["central", "provincial", "municipal"]);
    assert_eq!(levels(9), ["central", "provincial", "municipal"]);
    assert_eq!(levels(11), ["central", "provincial"]);
    assert_eq!(levels(12), ["central", "provincial"]);
}

fn broken(find: &str, replace: &str) -> String {
    let plan = shipped_plan();
    assert!(plan.contains(find), "{find}");
    plan.replacen(find, replace, 1)
}

fn line_of(text: &str, needle: &str) -> usize {
    text[..text.find(needle).expect("needle")]
        .matches('\n')
        .count()
        + 1
}

#[test]
fn a_bad_plan_is_an_error_with_file_and_line() {
    let text = broken("lead = [\"市水务局\"]", "lead = [\"市水利局\"]");
    let line = line_of(&text, "lead = [\"市水利局\"]");
    let ws = Workspace::with_plan(&text);
    let err = ws.refused(&["status", "--as-of", "2022-07-01"]);
    assert_eq!(
        err,
        format!(
            "错误: plan/plan.toml:{line}: 措施 1.2 的牵头单位“市水利局”不是已登记的单位\n    提示: 在 [[unit]] 中登记该单位,或把它写成已登记单位的别名\n"
        )
    );

    let text = broken("id = \"1.3\"", "id = \"1.2\"");
    let ws = Workspace::with_plan(&text);
    let err = ws.refused(&["status"]);
    assert!(
        err.contains(&format!(
            "plan.toml:{}: 措施编号 1.2 重复,第{}行已有",
            line_of(&text, "id = \"1.2\"\nproblem = 1\ntext = \"提升"),
            line_of(&text, "id = \"1.2\"")
        )),
        "{err}"
    );

    let text = broken("issued = 2022-07-01", "issued = 2022-07-32");
    let ws = Workspace::with_plan(&text);
    let err = ws.refused(&["status"]);
    assert!(
        err.contains(&format!(
            "plan.toml:{}: 计划文件不是有效的 TOML",
            line_of(&text, "issued =")
        )),
        "{err}"
    );

    let text = broken("date = 2022-07-31", "date = \"July\"");
    let ws = Workspace::with_plan(&text);
    let err = ws.refused(&["status"]);
    assert!(
        err.starts_with(&format!(
            "错误: plan/plan.toml:{}: 计划文件不是有效的 TOML",
            line_of(&text, "\"July\"")
        )),
        "{err}"
    );

    let text = broken("date = 2022-07-31", "date = 2022-07-31T10:00:00");
    let ws = Workspace::with_plan(&text);
    let err = ws.refused(&["status"]);
    assert!(
        err.contains(&format!(
            "plan/plan.toml:{}: 措施 2.1 的时限节点 “2022-07-31T10:00:00”不是日期",
            line_of(&text, "T10:00")
        )),
        "{err}"
    );
}
