//! The facts cache: per ledger, the compact facts of every entry but the
//! last (date, measure, status, recorded: about 25 bytes each), kept in
//! `.rectify/cache/` inside the workspace, so that a view reads a ledger's
//! bytes once (to hash them) and parses only what was appended since.
//!
//! It never changes an answer. A cache is used only when the ledger is the
//! same file (inode), is read in the same time zone, and the hash of the
//! prefix it covers matches the file's bytes; otherwise it is rebuilt
//! silently. It covers whole blocks up to the start of the last one, so the
//! last entry (which an append may continue) and any torn tail are always
//! read afresh. Deleting the folder at any time is safe, and a cache that
//! cannot be read or written (read-only folder, full disk) is simply not
//! used: no command fails because of it.

use super::cache_reader::CacheReader;
use super::ledger::{
    self, Facts, LedgerError, LineEnding, Resume, ScanOptions, Scanned, TextStyle, Torn,
};
use super::{cache_dir, regular_file};
use crate::diagnostic::Diagnostic;
use crate::model::{EntryId, Status};
use crate::read::text_style::Encoding;
use chrono::{DateTime, NaiveDate, NaiveDateTime};
use std::collections::HashMap;
use std::fs::Metadata;
use std::path::Path;
use std::sync::Arc;
use xxhash_rust::xxh3::{xxh3_64, xxh3_128};

pub use super::cache_dir::CACHE_DIR;
const MAGIC: &[u8; 12] = b"RECTIFYFACT2";
/// Set on the status byte when a `replaces` id follows.
const REPLACES_FLAG: u8 = 0x80;

/// What identifies the file a cache was built from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub size: u64,
    pub mtime_ns: i128,
    pub inode: u64,
    /// The zone times were read in (seconds east of UTC).
    pub zone: i32,
}

impl Stamp {
    pub fn of(meta: &Metadata, options: &ScanOptions) -> Stamp {
        let mtime_ns = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as i128);
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(meta);
        #[cfg(not(unix))]
        let inode = 0;
        Stamp {
            size: meta.len(),
            mtime_ns,
            inode,
            zone: options.zone.local_minus_utc(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Fact {
    line: u32,
    date: NaiveDate,
    measure: u32,
    status: Status,
    recorded: NaiveDateTime,
    replaces: Option<EntryId>,
}

/// One ledger's cached facts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cache {
    stamp: Stamp,
    bom: bool,
    line_ending: LineEnding,
    /// Text bytes (after any BOM) covered, up to a block's header line.
    covered: usize,
    /// Lines before `covered`.
    lines: usize,
    hash: u128,
    measures: Vec<Arc<str>>,
    facts: Vec<Fact>,
}

/// Streams a ledger's facts through its cache in the cache folder of the
/// workspace at `root`, refreshing the cache when it is stale. The outer
/// error is the file's (not a regular file, too large, unreadable); the
/// cache's own failures are ignored.
pub fn scan_facts(
    root: &Path,
    path: &Path,
    options: &ScanOptions,
    f: impl FnMut(usize, Facts),
) -> Result<Result<Scanned, LedgerError>, Diagnostic> {
    let (bytes, meta) = regular_file::read_with_metadata(path, regular_file::LEDGER_LIMIT)?;
    let stamp = Stamp::of(&meta, options);
    let name = cache_name(path);
    let cache = cache_dir::load(root, &name, regular_file::LEDGER_LIMIT).and_then(|b| decode(&b));
    let (result, fresh) = scan_cached(&bytes, cache.as_ref(), stamp, options, f);
    if let Some(bytes) = fresh.as_ref().and_then(encode) {
        cache_dir::store(root, &name, &bytes);
    }
    Ok(result)
}

/// The cache file of a ledger: named by a hash of its file name, so any
/// unit name is a valid file name here.
fn cache_name(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.as_encoded_bytes())
        .unwrap_or_default();
    format!("{:016x}.facts", xxh3_64(name))
}

/// Scans `bytes` using `cache` where it is valid; returns the result and a
/// cache to store when it changed.
pub fn scan_cached(
    bytes: &[u8],
    cache: Option<&Cache>,
    stamp: Stamp,
    options: &ScanOptions,
    f: impl FnMut(usize, Facts),
) -> (Result<Scanned, LedgerError>, Option<Cache>) {
    let (result, fresh) = scan_uncovered(bytes, cache, stamp, options, f);
    let fresh = fresh.map(|mut c| {
        c.hash = xxh3_128(&bytes[..usize::from(c.bom) * 3 + c.covered]);
        c
    });
    (result, fresh)
}

fn scan_uncovered(
    bytes: &[u8],
    cache: Option<&Cache>,
    stamp: Stamp,
    options: &ScanOptions,
    mut f: impl FnMut(usize, Facts),
) -> (Result<Scanned, LedgerError>, Option<Cache>) {
    if let Some(c) = cache.filter(|c| c.fits(bytes, stamp)) {
        let start = usize::from(c.bom) * 3 + c.covered;
        if let Some((text, cut)) = utf8_tail(&bytes[start..]) {
            let from = Resume {
                offset: 0,
                line: c.lines,
            };
            // The part after the cache is read first: if it does not parse,
            // the whole file is read afresh below, so an error is reported
            // exactly as without the cache.
            let mut tail = Vec::new();
            let (result, fresh) = extend(text, cut, c, stamp, start, from, options, |l, x| {
                tail.push((l, x))
            });
            if result.is_ok() {
                for fact in &c.facts {
                    f(fact.line as usize, fact.facts(&c.measures));
                }
                for (line, facts) in tail {
                    f(line, facts);
                }
                return (result, fresh);
            }
        }
    }
    let decoded = match ledger::decode(bytes) {
        Ok(d) => d,
        Err(e) => return (Err(e), None),
    };
    let style = decoded.style;
    if style.encoding != Encoding::Utf8 || style.line_ending == LineEnding::Cr {
        // Rare styles are read afresh every time.
        return (ledger::scan_facts(bytes, options, f), None);
    }
    let empty = Cache {
        stamp,
        bom: style.bom,
        line_ending: style.line_ending,
        covered: 0,
        lines: 0,
        hash: 0,
        measures: Vec::new(),
        facts: Vec::new(),
    };
    let start = usize::from(style.bom) * 3;
    extend(
        &decoded.text,
        decoded.cut,
        &empty,
        stamp,
        start,
        Resume::default(),
        options,
        f,
    )
}

/// Text after the covered prefix, if it is UTF-8 (a last character cut
/// short is dropped, as the reader does).
fn utf8_tail(bytes: &[u8]) -> Option<(&str, bool)> {
    match std::str::from_utf8(bytes) {
        Ok(t) => Some((t, false)),
        Err(e) if e.error_len().is_none() => std::str::from_utf8(&bytes[..e.valid_up_to()])
            .ok()
            .map(|t| (t, true)),
        Err(_) => None,
    }
}

/// Scans `text` (the file's bytes from `start`) and grows `cache` by the
/// blocks before the last one.
#[allow(clippy::too_many_arguments)]
fn extend(
    text: &str,
    cut: bool,
    base: &Cache,
    stamp: Stamp,
    start: usize,
    from: Resume,
    options: &ScanOptions,
    mut f: impl FnMut(usize, Facts),
) -> (Result<Scanned, LedgerError>, Option<Cache>) {
    let before = base.facts.len();
    let mut new = Vec::new();
    let outcome = ledger::scan_facts_text(text, from, cut, options, |line, facts| {
        new.push((line, facts.clone()));
        f(line, facts);
    });
    let outcome = match outcome {
        Ok(o) => o,
        Err(e) => return (Err(e), None),
    };
    let scanned = Scanned {
        entries: before + outcome.entries,
        torn: outcome.torn.map(|t| Torn {
            line: t.line,
            byte_offset: (start + t.offset) as u64,
        }),
        style: TextStyle {
            encoding: Encoding::Utf8,
            bom: base.bom,
            line_ending: base.line_ending,
        },
    };
    // The cache is copied only when it changes (a cached run that found
    // nothing new copies nothing).
    let Some(last) = outcome.last_block else {
        let changed = base.stamp != stamp;
        return (
            Ok(scanned),
            changed.then(|| Cache {
                stamp,
                ..base.clone()
            }),
        );
    };
    if base.stamp == stamp && !new.iter().any(|(l, _)| *l < last.line) {
        let covered = start - usize::from(base.bom) * 3 + last.offset;
        if covered == base.covered {
            return (Ok(scanned), None);
        }
    }
    let mut cache = base.clone();
    let mut index: HashMap<Arc<str>, u32> = cache
        .measures
        .iter()
        .enumerate()
        .map(|(i, m)| (m.clone(), i as u32))
        .collect();
    for (line, facts) in new.into_iter().filter(|(l, _)| *l < last.line) {
        let next = index.len() as u32;
        let measure = *index.entry(facts.measure.clone()).or_insert_with(|| {
            cache.measures.push(facts.measure.clone());
            next
        });
        cache.facts.push(Fact {
            line: line as u32,
            date: facts.date,
            measure,
            status: facts.status,
            recorded: facts.recorded,
            replaces: facts.replaces,
        });
    }
    let bom = usize::from(cache.bom) * 3;
    let old_covered = cache.covered;
    // `start` is where `text` begins in the file: BOM plus the old cover.
    cache.covered = start - bom + last.offset;
    cache.lines = last.line - 1;
    let changed = cache.stamp != stamp || cache.covered != old_covered;
    cache.stamp = stamp;
    (Ok(scanned), changed.then_some(cache))
}

impl Cache {
    /// Whether the cache describes a prefix of `bytes`.
    fn fits(&self, bytes: &[u8], stamp: Stamp) -> bool {
        let end = usize::from(self.bom) * 3 + self.covered;
        self.stamp.inode == stamp.inode
            && self.stamp.zone == stamp.zone
            && bytes.len() >= end
            && bytes.starts_with(b"\xEF\xBB\xBF") == self.bom
            && xxh3_128(&bytes[..end]) == self.hash
    }
}

impl Fact {
    fn facts(&self, measures: &[Arc<str>]) -> Facts {
        Facts {
            date: self.date,
            measure: measures
                .get(self.measure as usize)
                .cloned()
                .unwrap_or_default(),
            status: self.status,
            recorded: self.recorded,
            replaces: self.replaces,
        }
    }
}

fn encode(c: &Cache) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(128 + c.facts.len() * 25);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&c.stamp.size.to_le_bytes());
    out.extend_from_slice(&c.stamp.mtime_ns.to_le_bytes());
    out.extend_from_slice(&c.stamp.inode.to_le_bytes());
    out.extend_from_slice(&c.stamp.zone.to_le_bytes());
    out.push(u8::from(c.bom));
    out.push(match c.line_ending {
        LineEnding::Lf => 0,
        LineEnding::CrLf => 1,
        LineEnding::Cr => 2,
    });
    out.extend_from_slice(&(c.covered as u64).to_le_bytes());
    out.extend_from_slice(&(c.lines as u64).to_le_bytes());
    out.extend_from_slice(&c.hash.to_le_bytes());
    out.extend_from_slice(&(c.measures.len() as u32).to_le_bytes());
    for m in &c.measures {
        out.extend_from_slice(&u32::try_from(m.len()).ok()?.to_le_bytes());
        out.extend_from_slice(m.as_bytes());
    }
    out.extend_from_slice(&(c.facts.len() as u64).to_le_bytes());
    for fact in &c.facts {
        let recorded = fact.recorded.and_utc();
        out.extend_from_slice(&fact.line.to_le_bytes());
        out.extend_from_slice(&chrono::Datelike::num_days_from_ce(&fact.date).to_le_bytes());
        out.extend_from_slice(&fact.measure.to_le_bytes());
        let status = Status::ALL.iter().position(|s| *s == fact.status)? as u8;
        match fact.replaces {
            None => out.push(status),
            Some(id) => {
                out.push(status | REPLACES_FLAG);
                out.extend_from_slice(&id.0.to_le_bytes());
            }
        }
        out.extend_from_slice(&recorded.timestamp().to_le_bytes());
        out.extend_from_slice(&recorded.timestamp_subsec_nanos().to_le_bytes());
    }
    let sum = xxh3_64(&out);
    out.extend_from_slice(&sum.to_le_bytes());
    Some(out)
}

/// Reads a cache file; `None` for anything damaged, from another version,
/// or cut short.
fn decode(bytes: &[u8]) -> Option<Cache> {
    let (body, sum) = bytes.split_at_checked(bytes.len().checked_sub(8)?)?;
    if xxh3_64(body) != u64::from_le_bytes(sum.try_into().ok()?) {
        return None;
    }
    let mut b = CacheReader(body);
    if b.take(MAGIC.len())? != MAGIC {
        return None;
    }
    let stamp = Stamp {
        size: b.u64()?,
        mtime_ns: i128::from_le_bytes(b.array()?),
        inode: b.u64()?,
        zone: i32::from_le_bytes(b.array()?),
    };
    let bom = b.u8()? == 1;
    let line_ending = match b.u8()? {
        0 => LineEnding::Lf,
        1 => LineEnding::CrLf,
        _ => return None,
    };
    let covered = usize::try_from(b.u64()?).ok()?;
    let lines = usize::try_from(b.u64()?).ok()?;
    let hash = u128::from_le_bytes(b.array()?);
    let n = b.u32()? as usize;
    let mut measures = Vec::with_capacity(n.min(body.len()));
    for _ in 0..n {
        let len = b.u32()? as usize;
        measures.push(std::str::from_utf8(b.take(len)?).ok()?.into());
    }
    let n = usize::try_from(b.u64()?).ok()?;
    let mut facts = Vec::with_capacity(n.min(body.len() / 25));
    for _ in 0..n {
        let line = b.u32()?;
        let date = NaiveDate::from_num_days_from_ce_opt(i32::from_le_bytes(b.array()?))?;
        let measure = b.u32()?;
        if measure as usize >= measures.len() {
            return None;
        }
        let byte = b.u8()?;
        let status = *Status::ALL.get((byte & !REPLACES_FLAG) as usize)?;
        let replaces = match byte & REPLACES_FLAG {
            0 => None,
            _ => Some(EntryId(b.u32()?)),
        };
        let secs = i64::from_le_bytes(b.array()?);
        let recorded = DateTime::from_timestamp(secs, b.u32()?)?.naive_utc();
        facts.push(Fact {
            line,
            date,
            measure,
            status,
            recorded,
            replaces,
        });
    }
    if !b.is_empty() {
        return None;
    }
    Some(Cache {
        stamp,
        bom,
        line_ending,
        covered,
        lines,
        hash,
        measures,
        facts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const ENTRY: &str = "[[entry]]\ndate = 2022-07-05\nmeasure = \"1.1\"\nstatus = \"phased\"\nprogress = \"完成\"\nrecorded = 2022-07-05T10:11:12\n";

    fn stamp() -> Stamp {
        Stamp {
            size: 1,
            mtime_ns: 2,
            inode: 3,
            zone: ScanOptions::default().zone.local_minus_utc(),
        }
    }

    type Run = (Result<Scanned, LedgerError>, Vec<(usize, Facts)>);

    fn uncached(bytes: &[u8]) -> Run {
        let mut got = Vec::new();
        let r = ledger::scan_facts(bytes, &ScanOptions::default(), |l, f| got.push((l, f)));
        (r, got)
    }

    fn cached(bytes: &[u8], cache: &mut Option<Cache>) -> Run {
        let mut got = Vec::new();
        let (r, fresh) = scan_cached(
            bytes,
            cache.as_ref(),
            stamp(),
            &ScanOptions::default(),
            |l, f| got.push((l, f)),
        );
        if let Some(c) = fresh {
            // What is stored is what is read back.
            let c = decode(&encode(&c).unwrap()).unwrap();
            *cache = Some(c);
        }
        (r, got)
    }

    /// An edit of a ledger's bytes.
    #[derive(Debug, Clone)]
    enum Edit {
        Append(String),
        /// Cut the file at a fraction of its length (a torn write).
        Truncate(u8),
        /// Overwrite one byte in place: size and time unchanged.
        Replace(u8, u8),
        Crlf,
        Bom,
    }

    fn edit() -> impl Strategy<Value = Edit> {
        let replaces = prop_oneof![
            3 => Just(String::new()),
            1 => "[0-9a-f]{8}".prop_map(|id| format!("replaces = \"{id}\"\n")),
        ];
        let entry = (1u32..28, "(1\\.1|2\\.3|9\\.9)", "(done|phased|in_progress|withdrawn|x)", "[^\"\\\\\n]{0,6}", replaces)
            .prop_map(|(d, m, s, p, r)| {
                format!("\n[[entry]]\ndate = 2022-07-{d:02}\nmeasure = \"{m}\"\nstatus = \"{s}\"\nprogress = \"{p}\"\n{r}recorded = 2022-07-{d:02}T10:00:00+08:00\n")
            });
        prop_oneof![
            4 => entry.prop_map(Edit::Append),
            1 => "[a-z =\"\n]{0,12}".prop_map(Edit::Append),
            1 => any::<u8>().prop_map(Edit::Truncate),
            2 => (any::<u8>(), prop_oneof![Just(b'3'), Just(b'd'), Just(b'\n'), Just(b'"')])
                .prop_map(|(at, b)| Edit::Replace(at, b)),
            1 => Just(Edit::Crlf),
            1 => Just(Edit::Bom),
        ]
    }

    fn apply(bytes: &mut Vec<u8>, e: &Edit) {
        match e {
            Edit::Append(t) => bytes.extend_from_slice(t.as_bytes()),
            Edit::Truncate(f) => bytes.truncate(bytes.len() * *f as usize / 256),
            Edit::Replace(at, b) if !bytes.is_empty() => {
                let i = *at as usize * bytes.len() / 256;
                bytes[i] = *b;
            }
            Edit::Replace(..) => {}
            Edit::Crlf => {
                let text = String::from_utf8_lossy(bytes).replace('\n', "\r\n");
                *bytes = text.into_bytes();
            }
            Edit::Bom if !bytes.starts_with(b"\xEF\xBB\xBF") => {
                bytes.splice(0..0, *b"\xEF\xBB\xBF");
            }
            Edit::Bom => {}
        }
    }

    proptest! {
        /// Over any sequence of edits, with the stamp never changing (the
        /// hand edit that keeps size and time), the cached scan gives what
        /// the uncached one gives: entries, errors, tears and styles.
        #[test]
        fn never_changes_an_answer(edits in proptest::collection::vec(edit(), 1..12)) {
            let mut bytes = format!("# 台账\n\n{ENTRY}").into_bytes();
            let mut cache = None;
            for e in &edits {
                apply(&mut bytes, e);
                prop_assert_eq!(cached(&bytes, &mut cache), uncached(&bytes), "{:?}", e);
                // A second run, from the cache just stored.
                prop_assert_eq!(cached(&bytes, &mut cache), uncached(&bytes));
            }
        }

        /// A damaged cache file is never read as a cache.
        #[test]
        fn damaged_cache_files_are_refused(at in any::<u16>(), b in any::<u8>()) {
            let text = format!("{ENTRY}\n{ENTRY}\n{ENTRY}");
            let mut cache = None;
            let _ = cached(text.as_bytes(), &mut cache);
            let mut stored = encode(&cache.unwrap()).unwrap();
            let i = at as usize % stored.len();
            prop_assume!(stored[i] != b);
            stored[i] = b;
            prop_assert_eq!(decode(&stored), None);
            prop_assert_eq!(decode(&stored[..i]), None);
        }
    }

    #[test]
    fn covers_all_but_the_last_entry() {
        let text = format!("{ENTRY}\n{ENTRY}\n{ENTRY}");
        let mut cache = None;
        let (r, got) = cached(text.as_bytes(), &mut cache);
        assert_eq!(r.unwrap().entries, 3);
        assert_eq!(got.len(), 3);
        let c = cache.unwrap();
        assert_eq!(c.facts.len(), 2);
        assert_eq!(c.covered, text.rfind("[[entry]]").unwrap());
        assert_eq!(c.lines, 14);
    }

    #[test]
    fn on_disk_the_cache_is_safe_to_lose() {
        let dir = tempfile::tempdir().unwrap();
        let ledger = dir.path().join("市水务局.toml");
        std::fs::write(&ledger, format!("{ENTRY}\n{ENTRY}")).unwrap();
        let cache_dir = dir.path().join(".rectify/cache");
        let run = || {
            let mut got = Vec::new();
            let r = scan_facts(dir.path(), &ledger, &ScanOptions::default(), |l, f| {
                got.push((l, f))
            })
            .unwrap();
            (r, got)
        };
        let first = run();
        assert_eq!(first.1.len(), 2);
        let files: Vec<_> = std::fs::read_dir(&cache_dir).unwrap().collect();
        assert_eq!(files.len(), 1);
        assert_eq!(
            std::fs::read_to_string(dir.path().join(".rectify/.gitignore")).unwrap(),
            "# rectify 的缓存，可随时删除\n*\n"
        );
        assert_eq!(run(), first);
        // Garbage in place of the cache, then no cache folder at all.
        let file = files[0].as_ref().unwrap().path();
        std::fs::write(&file, b"garbage").unwrap();
        assert_eq!(run(), first);
        std::fs::remove_dir_all(dir.path().join(".rectify")).unwrap();
        assert_eq!(run(), first);
    }

    #[cfg(unix)]
    #[test]
    fn a_cache_that_cannot_be_written_fails_nothing() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let ledger = dir.path().join("a.toml");
        std::fs::write(&ledger, format!("{ENTRY}\n{ENTRY}")).unwrap();
        // A file where the cache folder should be.
        let blocked = dir.path().join("blocked");
        std::fs::write(&blocked, b"").unwrap();
        let r = scan_facts(
            &blocked.join("cache"),
            &ledger,
            &ScanOptions::default(),
            |_, _| {},
        );
        assert_eq!(r.unwrap().unwrap().entries, 2);
        // A read-only folder.
        let ro = dir.path().join("ro");
        std::fs::create_dir(&ro).unwrap();
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
        let r = scan_facts(
            &ro.join("cache"),
            &ledger,
            &ScanOptions::default(),
            |_, _| {},
        );
        assert_eq!(r.unwrap().unwrap().entries, 2);
    }
}
