//! The corpus: notices of the genre written for these tests, each laid out
//! differently (sections in any order, annotations on lines of their own,
//! tables of tab-separated or one-per-line cells, Word files with automatic
//! numbering, GB18030 with CRLF), each with its plan and warnings checked
//! exactly. `RECTIFY_BLESS=1` rewrites the expected files; read the diff.
//!
//! Then a fuzz run over mutated corpus notices, and the time the importer
//! takes on pathological input.

use crate::docx_writer::docx;
use crate::harness::*;
use proptest::prelude::*;
use std::path::{Path, PathBuf};

fn corpus_dir() -> PathBuf {
    Path::new(ROOT).join("tests/notices")
}

/// (name, file name in the workspace, bytes).
fn notices() -> Vec<(String, String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .expect("tests/notices")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for path in entries {
        let file = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("name")
            .to_string();
        let bytes = std::fs::read(&path).expect("read");
        if let Some(name) = file.strip_suffix(".docx.txt") {
            let markup = String::from_utf8(bytes).expect("utf-8 markup");
            out.push((name.to_string(), format!("{name}.docx"), docx(&markup)));
        } else if let Some(name) = file.strip_suffix(".txt") {
            out.push((name.to_string(), file.clone(), bytes));
        }
    }
    out
}

fn expected(name: &str, ext: &str, actual: &str) {
    let path = corpus_dir().join(format!("{name}.{ext}"));
    if std::env::var_os("RECTIFY_BLESS").is_some() {
        std::fs::write(&path, actual).expect("bless");
        return;
    }
    let want =
        std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{} missing", path.display()));
    assert_eq!(actual, want, "{name}.{ext}");
}

#[test]
fn every_notice_of_the_corpus_gives_its_expected_plan() {
    let notices = notices();
    assert!(notices.len() >= 8, "{}", notices.len());
    let ws = Workspace::empty();
    for (name, file, bytes) in notices {
        std::fs::write(ws.path().join(&file), &bytes).expect("write");
        let out = ws.run(&["import", &file]);
        assert_eq!(out.code, 0, "{name}: {}", out.stderr);
        expected(&name, "expected.toml", &out.stdout);
        expected(&name, "expected.stderr", &out.stderr);
        let plan =
            rectify::read::plan_file::parse(&out.stdout).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!plan.measures.is_empty(), "{name}");
        let check = ws.run(&["import", &file, "--check"]);
        assert_eq!(check.code, 0, "{name}");
        expected(&name, "expected.check", &check.stdout);
    }
}

#[test]
fn old_word_files_and_pdf_are_refused_with_what_to_do() {
    let ws = Workspace::empty();
    let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0];
    for (file, bytes, what) in [
        ("notice.doc", &ole[..], "旧版 Word"),
        ("notice.wps", &ole[..], "旧版 Word"),
        ("notice.pdf", &b"%PDF-1.7\n"[..], "PDF"),
    ] {
        std::fs::write(ws.path().join(file), bytes).expect("write");
        let before = ws.snapshot();
        let err = ws.refused(&["import", file, "-o", "plan.toml"]);
        assert!(err.starts_with(&format!("错误: {file}: 这是")), "{err}");
        assert!(err.contains(what) && err.contains("另存为"), "{err}");
        assert_eq!(before, ws.snapshot());
    }
}

/// Mutations of a corpus notice: a line dropped, doubled or cut short, a
/// bracket or tab inserted, two lines swapped.
#[derive(Debug, Clone)]
enum Mutation {
    Drop(usize),
    Double(usize),
    Cut(usize, usize),
    Insert(usize, usize, char),
    Swap(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let c = prop::sample::select(vec![
        '(', '（', '〔', '】', '：', '；', '\t', '一', '、', '指', '月',
    ]);
    prop_oneof![
        any::<usize>().prop_map(Mutation::Drop),
        any::<usize>().prop_map(Mutation::Double),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::Cut(a, b)),
        (any::<usize>(), any::<usize>(), c).prop_map(|(a, b, c)| Mutation::Insert(a, b, c)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::Swap(a, b)),
    ]
}

fn mutate(text: &str, ms: &[Mutation]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for m in ms {
        if lines.is_empty() {
            break;
        }
        let n = lines.len();
        match *m {
            Mutation::Drop(i) => {
                lines.remove(i % n);
            }
            Mutation::Double(i) => {
                let l = lines[i % n].clone();
                lines.insert(i % n, l);
            }
            Mutation::Cut(i, at) => {
                let l = &mut lines[i % n];
                let k = l.chars().count();
                *l = l.chars().take(at % (k + 1)).collect();
            }
            Mutation::Insert(i, at, c) => {
                let l = &mut lines[i % n];
                let k = l.chars().count();
                let pos = at % (k + 1);
                let mut chars: Vec<char> = l.chars().collect();
                chars.insert(pos, c);
                *l = chars.into_iter().collect();
            }
            Mutation::Swap(a, b) => lines.swap(a % n, b % n),
        }
    }
    lines.join("\n")
}

fn corpus_texts() -> Vec<String> {
    notices()
        .into_iter()
        .map(|(_, file, bytes)| {
            let ext = Path::new(&file)
                .extension()
                .and_then(|e| e.to_str())
                .map(str::to_string);
            rectify::import::decode::notice_text(&bytes, ext.as_deref(), None).expect("decodes")
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Mutated notices never panic, and every annotation is either a
    /// measure or reported.
    #[test]
    fn mutated_corpus_notices_never_panic(
        pick in any::<prop::sample::Index>(),
        ms in prop::collection::vec(mutation(), 1..6),
    ) {
        let texts = corpus_texts();
        let source: &String = pick.get(&texts);
        let text = mutate(source, &ms);
        let found = rectify::import::import(&text, &Default::default());
        if found.plan.is_some() {
            prop_assert!(found.measures_found > 0);
        }
        prop_assert!(found.errors() > 0 || found.plan.is_some(), "{}", text);
    }
}

#[test]
fn unclosed_brackets_and_big_notices_take_linear_time() {
    let opts = Default::default();
    let start = std::time::Instant::now();
    let _ = rectify::import::import(
        &format!("某方案\n2022年1月1日\n(一)问题。\n{}", "(".repeat(100_000)),
        &opts,
    );
    let _ = rectify::import::import(
        &format!(
            "某方案\n2022年1月1日\n(一)问题。\n〔{}牵头单位:x",
            "〔".repeat(100_000)
        ),
        &opts,
    );
    let brackets = start.elapsed();
    let big = big_notice(20_000);
    assert!(big.len() > 2_000_000);
    let start = std::time::Instant::now();
    let found = rectify::import::import(&big, &opts);
    assert_eq!(found.measures_found, 20_000);
    let big_time = start.elapsed();
    // Unoptimised builds are slow; the bound only catches quadratic time.
    assert!(
        brackets.as_secs() < 5 && big_time.as_secs() < 20,
        "{brackets:?} {big_time:?}"
    );
}

/// A notice with `n` measures under five problems, some with annotations
/// on lines of their own and findings with two lead-ins.
pub fn big_notice(n: usize) -> String {
    let mut s =
        String::from("某县整改方案\n2023年1月1日\n一、总体要求\n抓好整改。\n二、问题清单\n");
    let per = n / 5;
    for (p, numeral) in ["一", "二", "三", "四", "五"].iter().enumerate() {
        s.push_str(&format!(
            "（{numeral}）问题{numeral}。省考核指出：甲；市考核发现：乙。\n"
        ));
        for m in 1..=per {
            if m % 2 == 0 {
                s.push_str(&format!("（{m}）开展第{p}项第{m}条整改，建立台账。〔牵头单位：县水务局；责任单位：县财政局、各乡镇；整改时限：2023年6月底前取得阶段性成效，长期坚持〕\n"));
            } else {
                s.push_str(&format!("（{m}）开展第{p}项第{m}条整改。\n牵头领导：张某\n责任部门：县水务局\n完成时限：2023年第三季度\n"));
            }
        }
    }
    s.push_str("三、工作要求\n各单位每月5日前报送整改进展至县整改办。\n");
    s
}
