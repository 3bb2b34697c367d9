//! The .docx reports and 催报通知, read back by unzipping them and parsing
//! their XML with roxmltree (the writer is the project's own), and the rules
//! of prose fit for a 公文.

use crate::cycle::july;
use crate::harness::*;
use std::io::Read;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut s = String::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("no {name}"))
        .read_to_string(&mut s)
        .expect("utf-8");
    s
}

/// Each non-empty paragraph: its text and the East Asian font of its runs.
fn paragraphs(xml: &str) -> Vec<(String, String)> {
    let doc = roxmltree::Document::parse(xml).expect("well-formed XML");
    let mut out = vec![];
    for p in doc.descendants().filter(|n| n.has_tag_name((W, "p"))) {
        let mut text = String::new();
        let mut fonts = vec![];
        for r in p.children().filter(|n| n.has_tag_name((W, "r"))) {
            let t: String = r
                .descendants()
                .filter(|n| n.has_tag_name((W, "t")))
                .filter_map(|n| n.text())
                .collect();
            if t.is_empty() {
                continue;
            }
            let f = r
                .descendants()
                .find(|n| n.has_tag_name((W, "rFonts")))
                .and_then(|n| n.attribute((W, "eastAsia")))
                .unwrap_or_else(|| panic!("a run without an East Asian font: {t}"));
            fonts.push(f.to_string());
            text.push_str(&t);
        }
        if !text.is_empty() {
            fonts.dedup();
            assert_eq!(fonts.len(), 1, "{text}: {fonts:?}");
            out.push((text, fonts.remove(0)));
        }
    }
    out
}

/// The text output's paragraphs, without the indent.
fn text_lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.trim_start_matches('\u{3000}').to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

const MONTH: [&str; 6] = [
    "summary",
    "--month",
    "2022-07",
    "--as-of",
    "2022-08-05",
    "--unit",
];

#[test]
fn a_units_report_as_docx_says_what_the_text_says_in_official_fonts() {
    let ws = july();
    let text = ws
        .run(&[&MONTH[..], &["水务局"]].concat())
        .ok()
        .stdout
        .clone();
    let out = ws.run(&[&MONTH[..], &["水务局", "--docx", "水务局.docx"]].concat());
    out.ok();
    assert_eq!(out.stderr, "已写入 水务局.docx\n");
    let bytes = ws.read_bytes("水务局.docx");
    let paras = paragraphs(&part(&bytes, "word/document.xml"));
    let texts: Vec<String> = paras.iter().map(|(t, _)| t.clone()).collect();
    assert_eq!(texts, text_lines(&text));
    let font_of = |start: &str| {
        paras
            .iter()
            .find(|(t, _)| t.starts_with(start))
            .map(|(_, f)| f.as_str())
            .unwrap_or_else(|| panic!("no paragraph {start}"))
    };
    assert_eq!(font_of("市水务局关于2022年7月"), "方正小标宋简体");
    assert_eq!(font_of("一、整改进展情况"), "黑体");
    assert_eq!(font_of("按照《"), "仿宋_GB2312");
    assert_eq!(font_of("（一）措施1.2"), "仿宋_GB2312");
    // A4, margins 37/35/28/26 mm, 22 lines on the grid, a page number.
    let xml = part(&bytes, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let find = |tag: &str| {
        doc.descendants()
            .find(|n| n.has_tag_name((W, tag)))
            .unwrap()
    };
    let attr = |tag: &str, a: &str| find(tag).attribute((W, a)).unwrap().to_string();
    assert_eq!(
        (attr("pgSz", "w"), attr("pgSz", "h")),
        ("11906".into(), "16838".into())
    );
    let mm = |tw: String| (tw.parse::<f64>().unwrap() / 1440.0 * 25.4).round();
    assert_eq!(
        [
            mm(attr("pgMar", "top")),
            mm(attr("pgMar", "bottom")),
            mm(attr("pgMar", "left")),
            mm(attr("pgMar", "right"))
        ],
        [37.0, 35.0, 28.0, 26.0]
    );
    let height = 16838
        - attr("pgMar", "top").parse::<u32>().unwrap()
        - attr("pgMar", "bottom").parse::<u32>().unwrap();
    assert_eq!(
        height / attr("docGrid", "linePitch").parse::<u32>().unwrap(),
        22
    );
    // Body paragraphs start two characters in, in characters (Word, WPS)
    // and in twips (LibreOffice): 2 × 16 pt = 640 twips.
    let body = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .find(|p| {
            p.descendants()
                .filter(|n| n.has_tag_name((W, "t")))
                .any(|t| t.text().is_some_and(|t| t.starts_with("按照《")))
        })
        .unwrap();
    let ind = body
        .descendants()
        .find(|n| n.has_tag_name((W, "ind")))
        .unwrap();
    assert_eq!(ind.attribute((W, "firstLineChars")), Some("200"));
    assert_eq!(ind.attribute((W, "firstLine")), Some("640"));
    // Odd pages number at the right, even pages at the left (GB/T 9704).
    let settings = part(&bytes, "word/settings.xml");
    assert!(settings.contains("evenAndOddHeaders"), "{settings}");
    for (file, side) in [("word/footer1.xml", "right"), ("word/footer2.xml", "left")] {
        let xml = part(&bytes, file);
        let f = roxmltree::Document::parse(&xml).unwrap();
        let jc = f.descendants().find(|n| n.has_tag_name((W, "jc"))).unwrap();
        assert_eq!(jc.attribute((W, "val")), Some(side), "{file}");
    }
    let footer = part(&bytes, "word/footer1.xml");
    let footer = roxmltree::Document::parse(&footer).unwrap();
    assert!(
        footer
            .descendants()
            .any(|n| n.has_tag_name((W, "instrText"))
                && n.text().is_some_and(|t| t.trim() == "PAGE"))
    );
    // Never overwritten without --force.
    let err = ws.refused(&[&MONTH[..], &["水务局", "--docx", "水务局.docx"]].concat());
    assert!(err.contains("文件已存在"), "{err}");
}

#[test]
fn the_rollup_as_docx_has_level_two_headings_in_kaiti() {
    let ws = july();
    let text = ws.run(&MONTH[..5]).ok().stdout.clone();
    ws.run(&[&MONTH[..5], &["--docx", "汇总.docx"]].concat())
        .ok();
    let paras = paragraphs(&part(&ws.read_bytes("汇总.docx"), "word/document.xml"));
    let texts: Vec<String> = paras.iter().map(|(t, _)| t.clone()).collect();
    assert_eq!(texts, text_lines(&text));
    for (t, f) in &paras {
        let expected = if t.starts_with("关于2022年7月") {
            "方正小标宋简体"
        } else if ["一、", "二、", "三、", "四、"]
            .iter()
            .any(|h| t.starts_with(h))
        {
            "黑体"
        } else if t.starts_with('（') && !t.contains('。') {
            "楷体_GB2312"
        } else {
            "仿宋_GB2312"
        };
        assert_eq!(f, expected, "{t}");
    }
}

#[test]
fn every_units_report_into_a_folder() {
    let ws = july();
    let out = ws.run(&[&MONTH[..5], &["--all-units", "--docx", "七月"]].concat());
    out.ok();
    let units = ws.run(&["units", "--format", "json"]).view("units");
    let involved: Vec<String> = units
        .as_array()
        .unwrap()
        .iter()
        .filter(|u| u["leads"].as_u64().unwrap() + u["shares"].as_u64().unwrap() > 0)
        .map(|u| u["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        out.stderr,
        format!("已写入 {} 份报告到 七月\n", involved.len())
    );
    for name in &involved {
        let bytes = ws.read_bytes(&format!("七月/{name}2022年7月整改情况报告.docx"));
        let paras = paragraphs(&part(&bytes, "word/document.xml"));
        assert_eq!(paras[0].0, format!("{name}关于2022年7月整改情况的报告"));
    }
    // A second run refuses before writing anything.
    ws.refused(&[&MONTH[..5], &["--all-units", "--docx", "七月"]].concat());
}

#[test]
fn one_reminder_per_late_unit() {
    let ws = july();
    let json = ws
        .run(&[
            "missing",
            "--due",
            "2022-08-10",
            "--as-of",
            "2022-08-12",
            "--format",
            "json",
        ])
        .json();
    let out = ws.run(&[
        "missing",
        "--due",
        "2022-08-10",
        "--as-of",
        "2022-08-12",
        "--docx",
        "催报",
    ]);
    out.ok();
    let units = json["units"].as_array().unwrap();
    assert_eq!(
        out.stderr,
        format!("已写入 {} 份催报通知到 催报\n", units.len())
    );
    for u in units {
        let name = u["unit"].as_str().unwrap();
        let bytes = ws.read_bytes(&format!("催报/催报通知-{name}.docx"));
        let paras = paragraphs(&part(&bytes, "word/document.xml"));
        assert_eq!(paras[1].0, format!("{name}："));
        assert!(
            paras[2].0.contains("截至2022年8月10日报送期限"),
            "{}",
            paras[2].0
        );
        let listed: Vec<String> = paras
            .iter()
            .filter_map(|(t, _)| {
                t.split_once("．措施")
                    .map(|(_, rest)| rest.split('“').next().unwrap().to_string())
            })
            .collect();
        let ids: Vec<&str> = u["measures"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["id"].as_str().unwrap())
            .collect();
        assert_eq!(listed, ids, "{name}");
        assert!(paras.last().unwrap().0.starts_with("签收人："));
        if name == "市水务局" {
            let text: Vec<String> = paras.iter().map(|(t, _)| t.clone() + "\n").collect();
            golden("reminder_water_2022-08-10.txt", &text.concat());
        }
    }
}

/// Generated prose: full-width punctuation, indented paragraphs, no
/// truncation, no zero counts, no 本月未报送进展 in a unit's own report.
#[test]
fn prose_fit_for_a_document() {
    let ws = july();
    let unit = ws
        .run(&[&MONTH[..], &["水务局"]].concat())
        .ok()
        .stdout
        .clone();
    let rollup = ws.run(&MONTH[..5]).ok().stdout.clone();
    for text in [&unit, &rollup] {
        assert!(!text.contains('…'), "{text}");
        assert!(!text.contains("0条"), "{text}");
        for c in [',', ';', ':', '(', ')'] {
            assert!(!text.contains(c), "ASCII {c:?} in:\n{text}");
        }
        for line in text.lines().skip(2).filter(|l| !l.is_empty()) {
            let signature =
                line.starts_with("市") && !line.contains('。') || line.starts_with("2022年");
            assert!(
                line.starts_with("\u{3000}\u{3000}") || line.ends_with('：') || signature,
                "{line}"
            );
        }
    }
    assert!(!unit.contains("未报送"), "{unit}");
    assert!(
        unit.contains("（配合）") && unit.contains("（牵头）"),
        "{unit}"
    );
    assert!(
        rollup.contains("本月，市水务局完成全市农村供水保障排查"),
        "{rollup}"
    );
}

#[test]
fn show_says_done_once() {
    let ws = Workspace::new();
    ws.run(&[
        "log",
        "2.2",
        "--unit",
        "乡村振兴局",
        "--status",
        "done",
        "--date",
        "2022-07-10",
        "--progress",
        "全部完成",
    ])
    .ok();
    let out = ws.run(&["show", "2.2", "--as-of", "2022-07-12"]);
    assert!(
        out.ok().stdout.contains("截至 2022-07-12: 已完成\n"),
        "{}",
        out.stdout
    );
}
