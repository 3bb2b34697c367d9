//! Appends entries to a unit's ledger, safely.
//!
//! The ledger is locked exclusively for the whole read-check-write, the new
//! entry goes out in one write and is synced, bytes already there are never
//! rewritten, and a ledger that no longer parses is refused, so a damaged
//! file is never made worse.

use super::toml_text::quote;
use crate::model::Entry;
use crate::read::ledger;
use anyhow::{Context, Result, bail};
use std::fs::OpenOptions;
use std::io::{Read, Write};
use std::path::Path;

/// The text of one entry, as the ledger reader's fast path expects it.
pub fn format_entry(e: &Entry) -> String {
    let mut s = String::with_capacity(256 + e.progress.len());
    s.push_str("[[entry]]\n");
    s.push_str(&format!("date = {}\n", e.date.format("%Y-%m-%d")));
    s.push_str(&format!("measure = {}\n", quote(&e.measure)));
    s.push_str(&format!("status = {}\n", quote(e.status.key())));
    s.push_str(&format!("progress = {}\n", quote(&e.progress)));
    for (key, value) in [("problems", &e.problems), ("next", &e.next), ("by", &e.by)] {
        if let Some(v) = value {
            s.push_str(&format!("{key} = {}\n", quote(v)));
        }
    }
    s.push_str(&format!(
        "recorded = {}\n",
        e.recorded.format("%Y-%m-%dT%H:%M:%S")
    ));
    s
}

/// The text to append to a ledger whose current content is `existing`.
pub fn append_text(existing: &[u8], header: &str, e: &Entry) -> String {
    let mut out = String::new();
    if existing.is_empty() {
        out.push_str(header);
    } else if !existing.ends_with(b"\n") {
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&format_entry(e));
    out
}

/// Appends `entry` to the ledger at `path` (created with `header` if new).
/// `display` names the file in errors.
pub fn append(path: &Path, display: &str, header: &str, entry: &Entry) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("无法创建目录 {}", dir.display()))?;
    }
    let mut file = OpenOptions::new()
        .read(true)
        .append(true)
        .create(true)
        .open(path)
        .with_context(|| format!("无法打开台账 {display}"))?;
    file.lock()
        .with_context(|| format!("无法锁定台账 {display}"))?;
    let mut existing = Vec::new();
    file.read_to_end(&mut existing)
        .with_context(|| format!("无法读取台账 {display}"))?;
    match ledger::scan(&existing, &Default::default(), |_, _| {}) {
        Err(e) => bail!(
            "{display}:{}: {}\n    提示: 台账已损坏,本次不追加任何内容;先修正该行(rectify check 会列出所有问题)",
            e.line,
            e.message
        ),
        // Appending after an incomplete last entry would damage the file.
        Ok(s) if s.torn.is_some() => bail!(
            "{display}:{}: 最后一条记录不完整（写入中断）\n    提示: 台账已损坏,本次不追加任何内容;先修正该行(rectify check 会列出所有问题)",
            s.torn.map_or(0, |t| t.line)
        ),
        Ok(_) => {}
    }
    let text = append_text(&existing, header, entry);
    file.write_all(text.as_bytes())
        .with_context(|| format!("无法写入台账 {display}"))?;
    file.sync_all()
        .with_context(|| format!("无法同步台账 {display}"))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;
    use chrono::NaiveDate;
    use proptest::prelude::*;

    fn entry(progress: &str) -> Entry {
        let date = NaiveDate::from_ymd_opt(2022, 7, 5).unwrap();
        Entry {
            date,
            measure: "1.2".into(),
            status: Status::Phased,
            progress: progress.into(),
            problems: Some("人手不足".into()),
            next: None,
            by: Some("张三".into()),
            recorded: date.and_hms_opt(10, 11, 12).unwrap(),
        }
    }

    #[test]
    fn written_form() {
        assert_eq!(
            format_entry(&entry("完成排查")),
            "[[entry]]\ndate = 2022-07-05\nmeasure = \"1.2\"\nstatus = \"phased\"\nprogress = \"完成排查\"\nproblems = \"人手不足\"\nby = \"张三\"\nrecorded = 2022-07-05T10:11:12\n"
        );
    }

    #[test]
    fn appends_after_a_missing_final_newline() {
        let t = append_text(b"# x", "# header\n", &entry("a"));
        assert!(t.starts_with("\n\n[[entry]]"));
        let t = append_text(b"", "# header\n", &entry("a"));
        assert!(t.starts_with("# header\n\n[[entry]]"));
    }

    proptest! {
        #[test]
        fn round_trips(progress in "\\PC*|[\\x00-\\x1f\"\\\\]*") {
            let e = entry(&progress);
            let text = append_text(b"", "# h\n", &e);
            let got = ledger::parse(&text).unwrap();
            prop_assert_eq!(&got[0].1, &e);
            let doc: toml::Table = toml::from_str(&text).unwrap();
            prop_assert!(doc.contains_key("entry"));
        }
    }
}
