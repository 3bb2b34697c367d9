//! The ledger reader's tests: the written form, hand edits, styles, zones,
//! torn tails, and properties that hold the fast reader and the TOML
//! fallback together.

use super::fields::entry_from;
use super::*;
use crate::write::ledger::format_entry;
use proptest::prelude::*;

const ONE: &str = "# 市水务局 整改台账\n\n[[entry]]\ndate = 2022-07-05\nmeasure = \"1.2\"\nstatus = \"phased\"\nprogress = \"完成排查 \\\"一轮\\\"\\n第二行\"\nby = '张三'\nrecorded = 2022-07-05T10:11:12\n";

fn opts() -> ScanOptions {
    ScanOptions::default()
}

fn scan_all(bytes: &[u8]) -> Result<(Vec<(usize, Entry)>, Scanned), LedgerError> {
    let mut out = Vec::new();
    let s = scan(bytes, &opts(), |l, e| out.push((l, e)))?;
    Ok((out, s))
}

/// The block parsed by the TOML fallback alone.
fn slow_entry(text: &str) -> Result<Entry, LedgerError> {
    let decoded = decode(text.as_bytes())?;
    fallback::slow_block(&decoded.text, 1).and_then(|f| entry_from(f, 1, opts().zone))
}

#[test]
fn reads_the_written_form() {
    let got = parse(ONE).unwrap();
    assert_eq!(got.len(), 1);
    let (line, e) = &got[0];
    assert_eq!(*line, 3);
    assert_eq!(e.measure, "1.2");
    assert_eq!(e.status, Status::Phased);
    assert_eq!(e.progress, "完成排查 \"一轮\"\n第二行");
    assert_eq!(e.by.as_deref(), Some("张三"));
    assert_eq!(e.recorded.to_string(), "2022-07-05 10:11:12");
}

#[test]
fn hand_edits_take_the_toml_path() {
    let text = "[[entry]]\ndate = 2022-07-05\nmeasure = \"1.2\"\nstatus = \"已完成\"\nprogress = \"\"\"\n多行\n[[entry]]\n文字\"\"\"\nrecorded = 2022-07-05 10:11:12\n";
    let got = parse(text).unwrap();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].1.progress, "多行\n[[entry]]\n文字");
    assert_eq!(got[0].1.status, Status::Done);
}

#[test]
fn errors_name_the_line() {
    let two = format!("{ONE}\n{}", ONE.replace("# 市水务局 整改台账\n\n", ""));
    let cases = [
        (
            ONE.replace("status = \"phased\"", "status = \"finished\""),
            6,
            "无效",
        ),
        (
            ONE.replace("date = 2022-07-05\n", "date = 2022-07-32\n"),
            4,
            "TOML",
        ),
        (
            two.replacen("measure = \"1.2\"\n", "", 1),
            3,
            "缺少字段 measure",
        ),
        (ONE.replace("by = ", "officer = "), 8, "未知字段 officer"),
        (
            ONE.replace("progress = \"完成", "progress = \"完成\nx"),
            7,
            "缺少结束的引号",
        ),
        (ONE.to_string() + "[section]\n", 10, "只能有 [[entry]]"),
        ("title = \"x\"\n".to_string() + ONE, 1, "之前只能有注释"),
        (ONE.replace("by = '张三'", "by = 3"), 8, "应为字符串"),
        (ONE.replace("by = '张三'", "\u{a0}by = '张三'"), 8, "TOML"),
        (
            ONE.replace("by = '张三'", "by = '张三'\nby = '李四'"),
            9,
            "重复",
        ),
        (
            ONE.replace("recorded = 2022-07-05T10:11:12", "recorded = 2022-07-05"),
            9,
            "应为时间",
        ),
    ];
    for (text, line, message) in cases {
        match scan_all(text.as_bytes()) {
            Ok(v) => panic!("expected an error for {text}, got {v:?}"),
            Err(e) => {
                assert_eq!(e.line, line, "{e} in\n{text}");
                assert!(e.message.contains(message), "{e}");
            }
        }
    }
}

#[test]
fn rejects_bytes_that_are_no_known_encoding() {
    let mut bytes = ONE.as_bytes().to_vec();
    bytes.extend_from_slice(b"# \xff\xfe\n");
    let e = scan_all(&bytes).unwrap_err();
    assert_eq!(e.line, 10);
    assert!(e.message.contains("UTF-8"), "{e}");
}

#[test]
fn reads_every_style_notepad_and_wps_save() {
    let (lf, _) = scan_all(ONE.as_bytes()).unwrap();
    let crlf = ONE.replace('\n', "\r\n");
    let cr = ONE.replace('\n', "\r");
    let bom = format!("\u{feff}{crlf}");
    let (gbk, _, _) = encoding_rs::GBK.encode(&crlf);
    let cases: [(&[u8], Encoding, bool, LineEnding); 5] = [
        (ONE.as_bytes(), Encoding::Utf8, false, LineEnding::Lf),
        (crlf.as_bytes(), Encoding::Utf8, false, LineEnding::CrLf),
        (cr.as_bytes(), Encoding::Utf8, false, LineEnding::Cr),
        (bom.as_bytes(), Encoding::Utf8, true, LineEnding::CrLf),
        (&gbk, Encoding::Gb18030, false, LineEnding::CrLf),
    ];
    for (bytes, encoding, bom, line_ending) in cases {
        let (got, s) = scan_all(bytes).unwrap();
        assert_eq!(got, lf, "{encoding:?} {line_ending:?}");
        assert_eq!(
            s.style,
            TextStyle {
                encoding,
                bom,
                line_ending
            }
        );
        assert_eq!(s.torn, None);
    }
}

#[test]
fn times_with_an_offset_are_converted_to_the_plan_zone() {
    let cases = [
        ("2022-07-15T10:00:00+08:00", "2022-07-15 10:00:00"),
        ("2022-07-15T02:00:00Z", "2022-07-15 10:00:00"),
        ("2022-07-14T21:00:00-05:00", "2022-07-15 10:00:00"),
        ("2022-07-15 02:00:00.5z", "2022-07-15 10:00:00.500"),
    ];
    for (written, local) in cases {
        let text = ONE.replace("2022-07-05T10:11:12", written);
        let got = parse(&text).unwrap();
        assert_eq!(got[0].1.recorded.to_string(), local, "{written}");
    }
    let utc = ScanOptions {
        zone: FixedOffset::east_opt(0).unwrap(),
    };
    let text = ONE.replace("2022-07-05T10:11:12", "2022-07-15T10:00:00+08:00");
    let mut got = Vec::new();
    scan(text.as_bytes(), &utc, |_, e| got.push(e.recorded)).unwrap();
    assert_eq!(got[0].to_string(), "2022-07-15 02:00:00");
}

#[test]
fn an_incomplete_last_entry_is_torn_not_an_error() {
    let head_len = "# 市水务局 整改台账\n\n".len() as u64;
    let second = ONE.replace("# 市水务局 整改台账\n\n", "");
    let cases = [
        // Missing required fields at the end of the file.
        format!("{ONE}\n{}", &second[..second.find("progress").unwrap()]),
        // Cut mid-line.
        format!("{ONE}\n{}", &second[..second.find("张").unwrap() + 3]),
        // An unclosed multi-line string.
        format!(
            "{ONE}\n{}progress = \"\"\"\n未写完\n",
            &second[..second.find("progress").unwrap()]
        ),
        // A header cut short.
        format!("{ONE}\n[[entr"),
    ];
    for text in cases {
        let (got, s) = scan_all(text.as_bytes()).unwrap();
        assert_eq!(got.len(), 1, "{text}");
        let torn = s.torn.unwrap();
        assert_eq!(torn.line, 11, "{text}");
        assert_eq!(torn.byte_offset, ONE.len() as u64 + 1, "{text}");
        assert!(text.as_bytes()[torn.byte_offset as usize..].starts_with(b"[[entr"));
    }
    // The only entry torn: the offset is past the comment lines.
    let (got, s) = scan_all(&ONE.as_bytes()[..ONE.len() - 5]).unwrap();
    assert!(got.is_empty());
    assert_eq!(s.torn.unwrap().byte_offset, head_len);
    // A bad value on a complete last line is an error, not a tear.
    assert!(scan_all(ONE.replace("phased", "finished").as_bytes()).is_err());
}

#[test]
fn a_cut_inside_a_character_is_torn() {
    let text = format!("{ONE}\n{}", ONE.replace("# 市水务局 整改台账\n\n", ""));
    let cut = text
        .find("张三'\nrecorded = 2022-07-05T10:11:12\n\n[[")
        .is_some();
    assert!(cut);
    let at = text.rfind("张").unwrap() + 1;
    let (got, s) = scan_all(&text.as_bytes()[..at]).unwrap();
    assert_eq!(got.len(), 1);
    assert_eq!(s.torn.unwrap().line, 11);
}

/// A ledger the tool writes, from `n` entries.
fn written(n: usize) -> String {
    let mut text = String::from("# 台账\n");
    for i in 0..n {
        let d = NaiveDate::from_ymd_opt(2022, 7, 1 + i as u32).unwrap();
        let e = Entry {
            date: d,
            measure: format!("1.{i}"),
            status: Status::InProgress,
            progress: format!("第{i}次“进展”\n\\"),
            problems: Some("无".into()),
            next: None,
            by: Some("张三".into()),
            recorded: d.and_hms_opt(10, 11, 12).unwrap(),
            // Corrections too: an append cut short inside one must be torn,
            // never a plain entry.
            replaces: (i % 2 == 1).then_some(crate::model::EntryId(0xdead_beef ^ i as u32)),
        };
        text.push('\n');
        text.push_str(&format_entry(&e));
    }
    text
}

#[test]
fn every_prefix_of_a_written_ledger_reads_without_error() {
    let text = written(3);
    let full = parse(&text).unwrap();
    let starts: Vec<usize> = text.match_indices("[[entry]]").map(|(i, _)| i).collect();
    for k in 0..=text.len() {
        let bytes = &text.as_bytes()[..k];
        let (got, s) = scan_all(bytes).unwrap_or_else(|e| panic!("{e} at {k}"));
        // Every entry whose text (and line break) is whole is delivered.
        let whole = starts
            .iter()
            .enumerate()
            .filter(|&(i, _)| starts.get(i + 1).map_or(text.len(), |&n| n - 1) <= k)
            .count();
        assert!(got.len() >= whole, "{k}");
        for (a, b) in got.iter().zip(&full).take(whole) {
            assert_eq!(a, b, "{k}");
        }
        let begun = starts.iter().filter(|&&i| i < k).count();
        if got.len() < begun {
            let t = s.torn.unwrap_or_else(|| panic!("no tear at {k}"));
            assert!(t.byte_offset as usize <= k && t.byte_offset as usize == starts[got.len()]);
        } else {
            assert_eq!(s.torn, None, "{k}");
        }
    }
}

/// One way of writing a string value, and the value it means.
fn string_form() -> impl Strategy<Value = (String, String)> {
    prop_oneof![
        "\\PC*".prop_map(|s| (toml::Value::String(s.clone()).to_string(), s)),
        "[^'\\x00-\\x1f\\x7f]*".prop_map(|s| (format!("'{s}'"), s)),
        "[a-z张三 #=\\[\\]\"\n]{0,12}"
            .prop_filter("no closing run", |s| !s.contains("\"\"")
                && !s.ends_with('"'))
            .prop_map(|s| (format!("\"\"\"\n{s}\"\"\""), s)),
        "[a-z张三 #=\\[\\]'\n]{0,12}"
            .prop_filter("no closing run", |s| {
                !s.contains("''") && !s.ends_with('\'') && !s.starts_with('\n')
            })
            .prop_map(|s| (format!("'''{s}'''"), s)),
    ]
}

proptest! {
    /// The fast reader and the TOML fallback agree on entries written in
    /// any of TOML's forms, and both read the intended values.
    #[test]
    fn fast_reader_agrees_with_toml(
        (progress_text, progress) in string_form(),
        (by_text, by) in string_form(),
        fraction in "(|\\.[0-9]{1,12})",
        offset in "(|Z|z|\\+08:00|-05:30)",
        comment in "(| # 注释|\t#\t\"x\"''')",
        blank in "( |\t| \t)",
        indent in "(| |\t)",
        crlf in any::<bool>(),
    ) {
        let recorded = format!("2022-07-05T10:11:12{fraction}{offset}");
        let text = format!(
            "[[entry]]{comment}\n{indent}date{blank}={blank}2022-07-05{comment}\nmeasure = \"1.1\"\nstatus = 'done'{comment}\nprogress = {progress_text}{comment}\n{indent}by = {by_text}\nrecorded{blank}= {recorded}{comment}\n"
        );
        let text = if crlf { text.replace('\n', "\r\n") } else { text };
        let fast = parse(&text).unwrap();
        let slow = slow_entry(&text).unwrap();
        prop_assert_eq!(&fast[0].1, &slow);
        let normalize = |s: &str| if crlf { s.replace("\r\n", "\n") } else { s.to_string() };
        prop_assert_eq!(normalize(&fast[0].1.progress), progress);
        prop_assert_eq!(fast[0].1.by.as_deref().map(normalize), Some(by));
        let value: toml::Value = toml::from_str(&format!("t = {recorded}")).unwrap();
        prop_assert!(value.get("t").is_some());
    }

    /// Blanks TOML does not know (no-break space, ideographic space) and
    /// control characters are refused by both readers alike.
    #[test]
    fn both_readers_refuse_alike(
        odd in "(\u{a0}|\u{3000}|\u{2003}|\u{7}|\u{7f}| |\t)",
        place in 0usize..4,
    ) {
        let lines = [
            format!("{odd}date = 2022-07-05"),
            format!("measure{odd}= \"1.1\""),
            format!("status = \"done\" #{odd}"),
            format!("by = \"a{odd}b\""),
        ];
        let mut body = [
            "date = 2022-07-05".to_string(),
            "measure = \"1.1\"".into(),
            "status = \"done\"".into(),
            "by = \"ab\"".into(),
        ];
        body[place] = lines[place].clone();
        let text = format!("[[entry]]\n{}\nprogress = \"x\"\nrecorded = 2022-07-05T10:11:12\n", body.join("\n"));
        let fast = parse(&text);
        let slow = slow_entry(&text);
        prop_assert_eq!(fast.is_ok(), slow.is_ok(), "{:?} / {:?}", fast, slow);
    }

    /// The facts-only scan agrees with the full one, errors included.
    #[test]
    fn facts_agree_with_entries(progress in "\\PC*", status in "(done|phased|x)", extra in "(\n|# c\n|by = 3\n|problems = \"\\\\q\"\n)") {
        let text = format!("[[entry]]\ndate = 2022-07-05\nmeasure = \"1.1\"\nstatus = \"{status}\"\nprogress = {}\n{extra}recorded = 2022-07-05T10:11:12\n", toml::Value::String(progress));
        let mut full = Vec::new();
        let full_result = scan(text.as_bytes(), &opts(), |l, e| full.push((l, Facts::of(&e))));
        let mut facts = Vec::new();
        let facts_result = scan_facts(text.as_bytes(), &opts(), |l, f| facts.push((l, f)));
        prop_assert_eq!(full_result, facts_result);
        prop_assert_eq!(full, facts);
    }

    /// Any bytes at all: an error or entries, never a panic.
    #[test]
    fn never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = scan_all(&bytes);
    }
}
