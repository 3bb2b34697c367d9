//! Appends entries to a unit's ledger, safely.
//!
//! The ledger is locked exclusively for the whole read-check-write, the new
//! entry goes out in one write and is synced, bytes already there are never
//! rewritten, and a ledger that no longer parses is refused, so a damaged
//! file is never made worse.

use super::atomic;
use super::toml_text::quote;
use crate::diagnostic::Diagnostic;
use crate::io_error::describe as io_reason;
use crate::model::{Entry, Zone};
use crate::read::ledger::{Encoding, LineEnding, ScanOptions};
use crate::read::{ledger, ledger_name};
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
    for (key, value) in e.optional_texts() {
        if let Some(v) = value {
            s.push_str(&format!("{key} = {}\n", quote(v)));
        }
    }
    // Before `recorded`, which is written last: an append cut short before
    // it is a torn tail, never a correction read as a plain entry.
    if let Some(id) = e.replaces {
        s.push_str(&format!("replaces = \"{id}\"\n"));
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

/// Appends to the ledger at `path` (created with `header` if new) the
/// entry that `decide` returns, given the ledger's entries as they stand
/// under the lock: the decision and the write are one step, so two
/// processes can never both act on the same state. `display` names the
/// file in messages. A new ledger is created only once the entry is
/// decided, so a refused command leaves no empty file behind.
pub fn append_with(
    path: &Path,
    display: &str,
    header: &str,
    zone: Zone,
    decide: impl Fn(&[(usize, Entry)]) -> Result<Entry, Diagnostic>,
) -> Result<Entry, Diagnostic> {
    let entries = append_all_with(path, display, header, zone, Mode::Write, |own| {
        decide(own).map(|e| vec![e])
    })?;
    entries
        .into_iter()
        .next()
        .ok_or_else(|| Diagnostic::error("没有写入任何记录").at(display.to_string(), None))
}

/// Whether [`append_all_with`] writes what it decided or only decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Write,
    /// Decide under the lock as for a write, write nothing (`--dry-run`).
    DryRun,
}

/// [`append_with`] for several entries at once: `decide` returns them all
/// (or every reason it refuses), and they go out in one write, synced, so
/// either all of them are in the ledger or none. No entries: nothing is
/// written and a missing ledger is not created.
pub fn append_all_with<E: From<Diagnostic>>(
    path: &Path,
    display: &str,
    header: &str,
    zone: Zone,
    mode: Mode,
    decide: impl Fn(&[(usize, Entry)]) -> Result<Vec<Entry>, E>,
) -> Result<Vec<Entry>, E> {
    let fail = |what: &str, e: std::io::Error| {
        Diagnostic::error(format!("无法{what}台账:{}", io_reason(&e))).at(display.to_string(), None)
    };
    if let Some(dir) = path.parent()
        && (mode == Mode::Write || dir.exists())
    {
        ensure_real_dir(dir, display)?;
    }
    if std::fs::symlink_metadata(path).is_ok_and(|m| !m.is_file()) {
        return Err(Diagnostic::error(
            "不是普通文件(符号链接、管道或目录),不会写入;rectify 不跟随链接",
        )
        .at(display.to_string(), None)
        .help("把它换成普通文件;若是通过共享文件夹或 git 带入的链接,请删除后重新放入原文件")
        .into());
    }
    loop {
        let (file, new) = match open_no_follow(path, false) {
            Ok(file) => (file, false),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let entries = decide(&[])?;
                if entries.is_empty() || mode == Mode::DryRun {
                    return Ok(entries);
                }
                match open_no_follow(path, true) {
                    Ok(file) => (file, true),
                    // Another process made it meanwhile: decide under its lock.
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                    Err(e) => return Err(fail("建立", e).into()),
                }
            }
            Err(e) => return Err(fail("打开", e).into()),
        };
        if let Some(file) = lock_current(file, path, display)? {
            let how = Append {
                path,
                display,
                header,
                zone,
                mode,
                new,
            };
            return locked_append(file, &how, &decide);
        }
    }
}

/// Where and how [`locked_append`] appends.
struct Append<'a> {
    path: &'a Path,
    display: &'a str,
    header: &'a str,
    zone: Zone,
    mode: Mode,
    /// The ledger was made by this call.
    new: bool,
}

/// Takes the exclusive lock on `file`; `None` if, by then, the ledger at
/// `path` is another file (a conversion replaced it while we waited), so
/// the caller opens it again rather than write to the old one.
fn lock_current(
    file: std::fs::File,
    path: &Path,
    display: &str,
) -> Result<Option<std::fs::File>, Diagnostic> {
    file.lock().map_err(|e| {
        Diagnostic::error(format!("无法锁定台账:{}", io_reason(&e))).at(display.to_string(), None)
    })?;
    Ok((!replaced(&file, path)).then_some(file))
}

/// Opens the existing ledger at `path` and locks it exclusively, never
/// following a link.
pub fn lock_existing(path: &Path, display: &str) -> Result<std::fs::File, Diagnostic> {
    loop {
        let file = open_no_follow(path, false).map_err(|e| {
            Diagnostic::error(format!("无法打开台账:{}", io_reason(&e)))
                .at(display.to_string(), None)
        })?;
        if let Some(file) = lock_current(file, path, display)? {
            return Ok(file);
        }
    }
}

/// Whether the file at `path` is no longer the one `file` has open.
fn replaced(file: &std::fs::File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), std::fs::symlink_metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() != b.dev() || a.ino() != b.ino(),
            _ => true,
        }
    }
    #[cfg(not(unix))]
    {
        // std offers no stable file identity here: the file is taken as
        // current, and a conversion racing a log is not detected.
        let _ = (file, path);
        false
    }
}

/// What decides the entries to append from the ledger's entries (with
/// their lines) as they stand under the lock.
type Decide<'a, E> = dyn Fn(&[(usize, Entry)]) -> Result<Vec<Entry>, E> + 'a;

/// The hint for a ledger that no longer parses.
pub const DAMAGED: &str = "台账已损坏,本次不追加任何内容;先修正该行(rectify check 会列出所有问题)";

/// Under the ledger's exclusive lock: reads it, lets `decide` make the
/// entries, and appends them transactionally: the length is noted, the
/// entries are written in one write and synced, and on any write or sync
/// error the file is cut back to that length, so a full disk or a size
/// limit never leaves half an entry behind.
fn locked_append<E: From<Diagnostic>>(
    mut file: std::fs::File,
    how: &Append,
    decide: &Decide<E>,
) -> Result<Vec<Entry>, E> {
    let Append {
        path,
        display,
        header,
        zone,
        mode,
        new,
    } = *how;
    let fail = |what: &str, e: std::io::Error| {
        Diagnostic::error(format!("无法{what}台账:{}", io_reason(&e))).at(display.to_string(), None)
    };
    let (mut existing, scanned, entries) = read_locked(&mut file, path, display, zone)?;
    if let Some(torn) = scanned.torn
        && mode == Mode::Write
    {
        let offset = torn.byte_offset as usize;
        set_torn_tail_aside(&file, path, display, &existing, (offset, torn.line), zone)?;
        existing.truncate(offset);
    }
    let decided = decide(&entries)?;
    if decided.is_empty() || mode == Mode::DryRun {
        return Ok(decided);
    }
    let mut text = String::new();
    for (k, entry) in decided.iter().enumerate() {
        let before = if k == 0 { &existing[..] } else { b"\n" };
        text.push_str(&append_text(before, header, entry));
    }
    let text = in_style(&text, scanned.style.line_ending);
    let written = file
        .write_all(text.as_bytes())
        .and_then(|_| file.sync_all());
    if let Err(e) = written {
        // Cut back to the entries that were there; nothing half-written stays.
        let _ = file
            .set_len(existing.len() as u64)
            .and_then(|_| file.sync_all());
        let d = fail("写入", e);
        return Err(if new {
            d.help("没有写入任何内容;腾出磁盘空间后重试")
        } else {
            d.help("台账已恢复原样,没有写入任何内容;腾出磁盘空间后重试")
        }
        .into());
    }
    Ok(decided)
}

/// A locked ledger's bytes, how it was scanned, and its entries.
type Locked = (Vec<u8>, ledger::Scanned, Vec<(usize, Entry)>);

/// A locked ledger's bytes, how it was scanned, and its entries; a ledger
/// that does not parse, or is not UTF-8, is refused.
fn read_locked(
    file: &mut std::fs::File,
    path: &Path,
    display: &str,
    zone: Zone,
) -> Result<Locked, Diagnostic> {
    let meta = file.metadata().map_err(|e| {
        Diagnostic::error(format!("无法读取台账:{}", io_reason(&e))).at(display.to_string(), None)
    })?;
    if !meta.is_file() {
        return Err(Diagnostic::error("不是普通文件,不会写入").at(display.to_string(), None));
    }
    let mut existing = Vec::new();
    file.read_to_end(&mut existing).map_err(|e| {
        Diagnostic::error(format!("无法读取台账:{}", io_reason(&e))).at(display.to_string(), None)
    })?;
    let mut entries = Vec::new();
    let scanned = ledger::scan(&existing, &ScanOptions::in_zone(zone), |line, e| {
        entries.push((line, e))
    })
    .map_err(|e| {
        Diagnostic::error(e.message)
            .at(display.to_string(), Some(e.line))
            .help(DAMAGED)
    })?;
    if scanned.style.encoding != Encoding::Utf8 {
        return Err(Diagnostic::error(format!(
            "台账是 {} 编码,rectify 只向 UTF-8 台账追加,以免混用编码",
            scanned.style.encoding.label()
        ))
        .at(display.to_string(), None)
        .help(format!(
            "先运行 rectify convert-ledger {}：把台账转换为 UTF-8，原文件留作备份，转换前后逐条核对记录；再记录",
            unit_of(path)
        )));
    }
    Ok((existing, scanned, entries))
}

/// Moves a torn tail (an append cut short by a crash, a kill or a full
/// disk) out of the ledger: the bytes go to a side file first, synced,
/// then the ledger is cut back to the last whole entry. Said in one line.
fn set_torn_tail_aside(
    file: &std::fs::File,
    path: &Path,
    display: &str,
    bytes: &[u8],
    (offset, line): (usize, usize),
    zone: Zone,
) -> Result<(), Diagnostic> {
    let stamp = crate::clock::now(zone)
        .map(|t| t.format("%Y%m%dT%H%M%S").to_string())
        .unwrap_or_else(|_| "unknown".to_string());
    // A side file is never replaced: two tears in one second get -2, -3….
    let (side, side_path) = (1..)
        .map(|k: u32| {
            let suffix = match k {
                1 => format!("{}{stamp}", ledger_name::TORN_SUFFIX),
                _ => format!("{}{stamp}-{k}", ledger_name::TORN_SUFFIX),
            };
            let mut side_path = path.as_os_str().to_owned();
            side_path.push(&suffix);
            (
                format!("{display}{suffix}"),
                std::path::PathBuf::from(side_path),
            )
        })
        .find(|(_, p)| !p.exists())
        .unwrap_or_default();
    atomic::write(&side_path, &bytes[offset..])?;
    file.set_len(offset as u64)
        .and_then(|_| file.sync_all())
        .map_err(|e| {
            Diagnostic::error(format!("无法截去残缺记录:{}", io_reason(&e)))
                .at(display.to_string(), None)
        })?;
    eprintln!(
        "提示: {display}:{line} 起有一条没有写完的记录(写入时中断),已移到 {side},台账其余内容不变"
    );
    Ok(())
}

/// The unit a ledger path is for (its file name less `.toml`).
fn unit_of(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Text written with `\n` in a ledger's own line ending, so a file saved
/// on Windows (CRLF) or by an old Mac editor (CR) stays in one style.
fn in_style(text: &str, ending: LineEnding) -> String {
    match ending {
        LineEnding::Lf => text.to_string(),
        LineEnding::CrLf => text.replace('\n', "\r\n"),
        LineEnding::Cr => text.replace('\n', "\r"),
    }
}

/// Refuses a ledger folder that is a link (it could point outside the
/// workspace); creates it if missing.
fn ensure_real_dir(dir: &Path, display: &str) -> Result<(), Diagnostic> {
    match std::fs::symlink_metadata(dir) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => Err(
            Diagnostic::error("台账目录不是普通目录(可能是符号链接),不会写入")
                .at(display.to_string(), None)
                .help("把 reports 换成工作区内的普通文件夹"),
        ),
        Err(_) => std::fs::create_dir_all(dir).map_err(|e| {
            Diagnostic::error(format!("无法创建目录:{}", io_reason(&e)))
                .at(display.to_string(), None)
        }),
    }
}

/// Opens for reading and appending, creating it if new, never following a
/// symbolic link (so a planted link cannot send the write outside the
/// workspace) and never blocking on a pipe.
fn open_no_follow(path: &Path, create_new: bool) -> std::io::Result<std::fs::File> {
    let mut options = OpenOptions::new();
    options.read(true).append(true).create_new(create_new);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "符号链接",
        ));
    }
    options.open(path)
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
            replaces: None,
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

    #[test]
    fn several_entries_go_out_in_one_append() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("reports/单位.toml");
        let two = || Ok::<_, Diagnostic>(vec![entry("一"), entry("二")]);
        let got =
            append_all_with(&path, "x", "# h\n", Zone::default(), Mode::Write, |_| two()).unwrap();
        assert_eq!(got.len(), 2);
        let text = std::fs::read_to_string(&path).unwrap();
        let parsed = ledger::parse(&text).unwrap();
        assert_eq!(parsed.len(), 2);
        assert_eq!(parsed[1].1.progress, "二");
        // A refusal or a dry run leaves the file as it was.
        let refused = append_all_with(&path, "x", "# h\n", Zone::default(), Mode::Write, |own| {
            assert_eq!(own.len(), 2);
            Err::<Vec<Entry>, _>(Diagnostic::error("不行"))
        });
        assert!(refused.is_err());
        let dry = append_all_with(&path, "x", "# h\n", Zone::default(), Mode::DryRun, |_| {
            two()
        })
        .unwrap();
        assert_eq!(dry.len(), 2);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    }

    #[test]
    fn nothing_to_append_creates_no_ledger() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("单位.toml");
        let none = |_: &[(usize, Entry)]| Ok::<_, Diagnostic>(Vec::new());
        assert!(
            append_all_with(&path, "x", "# h\n", Zone::default(), Mode::Write, none)
                .unwrap()
                .is_empty()
        );
        let dry = append_all_with(&path, "x", "# h\n", Zone::default(), Mode::DryRun, |_| {
            Ok::<_, Diagnostic>(vec![entry("一")])
        });
        assert_eq!(dry.unwrap().len(), 1);
        assert!(!path.exists());
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
