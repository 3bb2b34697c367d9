//! Converts a ledger saved as GBK (GB18030), with a byte-order mark, or
//! with CR-only line breaks to plain UTF-8 (no BOM; LF or CRLF as it had,
//! CR-only becomes LF), which every TOML reader and `log` accept.
//!
//! Under the ledger's exclusive lock: the ledger is read, decoded and read
//! again from the converted text; only if every entry (and any torn tail)
//! reads exactly the same, at the same line, is anything written. The
//! original bytes are first saved next to it as
//! `<ledger>.orig-<time>`, then the ledger is replaced atomically.

use super::atomic;
use super::ledger::lock_existing;
use crate::diagnostic::Diagnostic;
use crate::io_error::describe as io_reason;
use crate::model::{Entry, Zone};
use crate::read::ledger::{self, Encoding, LineEnding, ScanOptions, Scanned, TextStyle};
use crate::read::ledger_name::BACKUP_SUFFIX;
use crate::read::regular_file::LEDGER_LIMIT;
use crate::read::text_style;
use chrono::NaiveDateTime;
use std::io::Read;
use std::path::Path;

/// What a conversion did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conversion {
    /// The style the ledger had.
    pub from: TextStyle,
    /// Entries that read the same before and after.
    pub entries: usize,
    /// The backup of the original, as shown to people.
    pub backup: String,
}

/// Whether a style is already what rectify writes.
fn is_plain(style: TextStyle) -> bool {
    style.encoding == Encoding::Utf8 && !style.bom && style.line_ending != LineEnding::Cr
}

/// Converts the ledger at `path` (shown as `display`); `None` if it is
/// already plain UTF-8. `now` names the backup.
pub fn convert(
    path: &Path,
    display: &str,
    zone: Zone,
    now: NaiveDateTime,
) -> Result<Option<Conversion>, Diagnostic> {
    let file = lock_existing(path, display)?;
    let mut bytes = Vec::new();
    (&file)
        .take(LEDGER_LIMIT + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            Diagnostic::error(format!("无法读取台账：{}", io_reason(&e)))
                .at(display.to_string(), None)
        })?;
    if bytes.len() as u64 > LEDGER_LIMIT {
        return Err(Diagnostic::error("台账超过 1 GiB，不予转换").at(display.to_string(), None));
    }
    let decoded = text_style::decode(&bytes).map_err(|d| d.in_file(display))?;
    if is_plain(decoded.style) {
        return Ok(None);
    }
    if decoded.cut {
        return Err(
            Diagnostic::error("台账末尾有一个没有写完的字符（写入时中断），未转换")
                .at(display.to_string(), None)
                .help("先用 rectify log 记录一次（会把没有写完的记录移到旁边的文件），再转换"),
        );
    }
    let options = ScanOptions::in_zone(zone);
    let (before, scanned) = read_all(&bytes, &options).map_err(|(line, message)| {
        Diagnostic::error(message)
            .at(display.to_string(), Some(line))
            .help("先修正该行（rectify check 列出全部问题），再转换；台账未改动")
    })?;
    let converted = decoded.text.as_bytes().to_vec();
    let proof = read_all(&converted, &options)
        .map_err(|(line, message)| format!("第 {line} 行：{message}"))
        .and_then(|(after, rescanned)| same(&before, &scanned, &after, &rescanned));
    if let Err(why) = proof {
        return Err(
            Diagnostic::error(format!("转换后读出的记录与原来不一致，未转换：{why}"))
                .at(display.to_string(), None)
                .help("台账未改动；请把该文件交给技术人员检查"),
        );
    }
    let suffix = format!("{BACKUP_SUFFIX}{}", now.format("%Y%m%dT%H%M%S"));
    let backup = format!("{display}{suffix}");
    let mut backup_path = path.as_os_str().to_owned();
    backup_path.push(&suffix);
    let backup_path = Path::new(&backup_path);
    if std::fs::symlink_metadata(backup_path).is_ok() {
        return Err(
            Diagnostic::error(format!("备份文件 {backup} 已存在，未转换"))
                .at(display.to_string(), None)
                .help("稍后再试，或先移走该备份文件"),
        );
    }
    atomic::write(backup_path, &bytes)?;
    if let Err(d) = atomic::write(path, &converted) {
        // The ledger is as it was: no backup of a conversion that did not happen.
        let _ = std::fs::remove_file(backup_path);
        return Err(d.help("台账未改动"));
    }
    drop(file);
    Ok(Some(Conversion {
        from: decoded.style,
        entries: before.len(),
        backup,
    }))
}

type Reading = (Vec<(usize, Entry)>, Scanned);

/// Every entry of a ledger with its line; a fault as (line, message).
fn read_all(bytes: &[u8], options: &ScanOptions) -> Result<Reading, (usize, String)> {
    let mut entries = Vec::new();
    let scanned = ledger::scan(bytes, options, |line, e| entries.push((line, e)))
        .map_err(|e| (e.line, e.message))?;
    Ok((entries, scanned))
}

/// Whether two readings are the same; if not, where they first differ.
fn same(
    before: &[(usize, Entry)],
    scanned: &Scanned,
    after: &[(usize, Entry)],
    rescanned: &Scanned,
) -> Result<(), String> {
    if !is_plain(rescanned.style) {
        return Err("转换结果仍不是不带 BOM 的 UTF-8".to_string());
    }
    if let Some(k) = (0..before.len().max(after.len())).find(|&k| before.get(k) != after.get(k)) {
        let line = before.get(k).or(after.get(k)).map_or(0, |(l, _)| *l);
        return Err(format!("第 {} 条记录（第 {line} 行）", k + 1));
    }
    if scanned.torn.map(|t| t.line) != rescanned.torn.map(|t| t.line) {
        return Err("末尾没有写完的记录".to_string());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    const LEDGER: &str = "# 市水务局 台账\n\n[[entry]]\ndate = 2022-07-05\nmeasure = \"1.2\"\nstatus = \"phased\"\nprogress = \"完成排查，发现问题３处\"\nby = \"张三\"\nrecorded = 2022-07-05T10:11:12\n";

    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2022, 7, 20)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap()
    }

    fn run(bytes: &[u8]) -> (tempfile::TempDir, Result<Option<Conversion>, Diagnostic>) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("市水务局.toml");
        std::fs::write(&path, bytes).unwrap();
        let r = convert(&path, "reports/市水务局.toml", Zone::default(), now());
        (dir, r)
    }

    #[test]
    fn every_style_becomes_plain_utf8_and_the_original_is_kept() {
        let gbk = encoding_rs::GBK.encode(LEDGER).0.into_owned();
        let bom = [b"\xEF\xBB\xBF".as_slice(), LEDGER.as_bytes()].concat();
        let cr = LEDGER.replace('\n', "\r").into_bytes();
        let crlf_gbk = encoding_rs::GBK
            .encode(&LEDGER.replace('\n', "\r\n"))
            .0
            .into_owned();
        for (original, expected) in [
            (gbk, LEDGER.to_string()),
            (bom, LEDGER.to_string()),
            (cr, LEDGER.to_string()),
            (crlf_gbk, LEDGER.replace('\n', "\r\n")),
        ] {
            let (dir, r) = run(&original);
            let c = r.unwrap().unwrap();
            assert_eq!(c.entries, 1);
            assert_eq!(c.backup, "reports/市水务局.toml.orig-20220720T090000");
            let read = |name: &str| std::fs::read(dir.path().join(name)).unwrap();
            assert_eq!(read("市水务局.toml"), expected.as_bytes());
            assert_eq!(read("市水务局.toml.orig-20220720T090000"), original);
        }
    }

    #[test]
    fn a_plain_ledger_is_left_alone() {
        let (dir, r) = run(LEDGER.as_bytes());
        assert_eq!(r.unwrap(), None);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_ledger_that_does_not_read_is_not_converted() {
        let bad = encoding_rs::GBK
            .encode(&LEDGER.replace("date = 2022-07-05", "date = 2022-13-05"))
            .0
            .into_owned();
        let (dir, r) = run(&bad);
        let e = r.unwrap_err();
        assert_eq!(e.line, Some(4), "{e}");
        assert_eq!(
            std::fs::read(dir.path().join("市水务局.toml")).unwrap(),
            bad
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_difference_is_found_and_named() {
        let other = LEDGER.replace("张三", "李四");
        let (b, s) = read_all(other.as_bytes(), &ScanOptions::default()).unwrap();
        let (a_entries, a_scanned) = read_all(LEDGER.as_bytes(), &ScanOptions::default()).unwrap();
        assert_eq!(
            same(&a_entries, &a_scanned, &b, &s),
            Err("第 1 条记录（第 3 行）".to_string())
        );
        assert_eq!(same(&a_entries, &a_scanned, &a_entries, &a_scanned), Ok(()));
    }
}
