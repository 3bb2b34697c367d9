//! The parsed-plan cache: the plan as the reader validated it, kept in
//! `.rectify/cache/plan.bin`, so a command reads a large plan's bytes once
//! (to hash them) instead of parsing its TOML every time.
//!
//! It never changes an answer. The cache is keyed on a hash of the plan
//! file's full bytes (so a hand edit that keeps the size and the time is
//! noticed), on this format's number and on the running program itself
//! (its version, size and modification time, so a rebuilt reader never
//! trusts what an older one stored). Only a plan that parsed without error
//! is cached, so every error is reported as the reader reports it. A cache
//! that is missing, stale, damaged or cut short is ignored; a fresh one is
//! written only when the command succeeded (never by a refused one), and
//! any failure to write it (read-only folder, full disk) is ignored.
//! Deleting the folder at any time is safe.

use super::cache_reader::CacheReader;
use crate::model::deadline::{Inference, Inferred, Recurrence};
use crate::model::{
    Deadline, Finding, Level, Measure, MeasureId, Milestone, Plan, Problem, ReportingRule,
    Requirement, Unit, UnitId, Units, Zone,
};
use chrono::{Datelike, NaiveDate};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use xxhash_rust::xxh3::{xxh3_64, xxh3_128};

/// The cache file, relative to the workspace.
pub const CACHE_FILE: &str = ".rectify/cache/plan.bin";
/// Its name in the cache folder.
const CACHE_NAME: &str = "plan.bin";
/// Bump whenever the encoding below or the plan reader's rules change.
const MAGIC: &[u8; 12] = b"RECTIFYPLAN1";

/// What a cache must match to be used: the plan's bytes and the program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    plan: u128,
    program: u64,
}

impl Key {
    /// The key of `plan_bytes` read by this program; `None` when the
    /// program cannot be identified (then no cache is used).
    pub fn of(plan_bytes: &[u8]) -> Option<Key> {
        Some(Key {
            plan: xxh3_128(plan_bytes),
            program: program_id()?,
        })
    }
}

/// This program: its version, and the size and time of its executable.
fn program_id() -> Option<u64> {
    let exe = std::env::current_exe().ok()?;
    let meta = std::fs::metadata(exe).ok()?;
    let mtime = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_nanos();
    let mut id = Vec::new();
    id.extend_from_slice(env!("CARGO_PKG_VERSION").as_bytes());
    id.extend_from_slice(&meta.len().to_le_bytes());
    id.extend_from_slice(&mtime.to_le_bytes());
    Some(xxh3_64(&id))
}

/// The plan cached for `key` in the workspace at `root`, if any.
pub fn load(root: &Path, key: Key) -> Option<Plan> {
    // A regular file only, read with a cap: a pipe or a link planted in
    // its place is never followed or waited on.
    let bytes = super::cache_dir::load(root, CACHE_NAME, super::regular_file::PLAN_LIMIT)?;
    decode(&bytes, key)
}

/// The plan of the workspace at `root` whose plan file holds `bytes`: from
/// the cache when it matches, otherwise from `parse`, whose plan is then
/// kept for [`flush`]. Errors are always `parse`'s.
pub fn read(
    root: &Path,
    bytes: &[u8],
    parse: impl FnOnce() -> anyhow::Result<Plan>,
) -> anyhow::Result<Plan> {
    let key = Key::of(bytes);
    if let Some(plan) = key.and_then(|k| load(root, k)) {
        return Ok(plan);
    }
    let plan = parse()?;
    if let Some(key) = key {
        remember(root, key, &plan);
    }
    Ok(plan)
}

/// A fresh cache waiting for the command to succeed.
static PENDING: Mutex<Option<(PathBuf, Vec<u8>)>> = Mutex::new(None);

/// Keeps `plan` (read from bytes with `key`) to be stored in the workspace
/// at `root` by [`flush`].
pub fn remember(root: &Path, key: Key, plan: &Plan) {
    let Some(bytes) = encode(plan, key) else {
        return;
    };
    if let Ok(mut pending) = PENDING.lock() {
        *pending = Some((root.to_path_buf(), bytes));
    }
}

/// Stores the cache [`remember`]ed, if any; call only when the command
/// succeeded. Any failure leaves no cache, never an error.
pub fn flush() {
    let Some((root, bytes)) = PENDING.lock().ok().and_then(|mut p| p.take()) else {
        return;
    };
    store(&root, &bytes);
}

/// Forgets a cache [`remember`]ed (the command was refused).
pub fn discard() {
    if let Ok(mut pending) = PENDING.lock() {
        pending.take();
    }
}

fn store(root: &Path, bytes: &[u8]) {
    super::cache_dir::store(root, CACHE_NAME, bytes);
}

/// Appends fields to a cache being written.
struct Writer(Vec<u8>);

impl Writer {
    fn u32(&mut self, n: u32) {
        self.0.extend_from_slice(&n.to_le_bytes());
    }
    fn len(&mut self, n: usize) -> Option<()> {
        self.u32(u32::try_from(n).ok()?);
        Some(())
    }
    fn flag(&mut self, b: bool) {
        self.0.push(u8::from(b));
    }
    fn tag(&mut self, n: usize) {
        self.0.push(n as u8);
    }
    fn str(&mut self, s: &str) -> Option<()> {
        self.len(s.len())?;
        self.0.extend_from_slice(s.as_bytes());
        Some(())
    }
    fn opt_str(&mut self, s: &Option<String>) -> Option<()> {
        self.flag(s.is_some());
        s.as_deref().map_or(Some(()), |s| self.str(s))
    }
    fn strs(&mut self, v: &[String]) -> Option<()> {
        self.len(v.len())?;
        v.iter().try_for_each(|s| self.str(s))
    }
    fn date(&mut self, d: NaiveDate) {
        self.0
            .extend_from_slice(&d.num_days_from_ce().to_le_bytes());
    }
    fn units(&mut self, v: &[UnitId]) -> Option<()> {
        self.len(v.len())?;
        v.iter().try_for_each(|u| self.len(u.0))
    }
}

/// The cache file for `plan` under `key`; `None` if a length overflows.
fn encode(plan: &Plan, key: Key) -> Option<Vec<u8>> {
    let mut w = Writer(Vec::with_capacity(1 << 20));
    w.0.extend_from_slice(MAGIC);
    w.0.extend_from_slice(&key.plan.to_le_bytes());
    w.0.extend_from_slice(&key.program.to_le_bytes());
    // Destructured in full, so a field added to the model is a compile
    // error here until the cache stores it.
    let Plan {
        title,
        notice_title,
        issuer,
        issued,
        addressees,
        stated_measures,
        zone,
        reporting,
        units,
        problems,
        measures,
        ..
    } = plan;
    w.str(title)?;
    w.opt_str(notice_title)?;
    w.str(issuer)?;
    w.date(*issued);
    w.opt_str(addressees)?;
    w.flag(stated_measures.is_some());
    w.u32(stated_measures.unwrap_or(0));
    w.str(&zone.to_string())?;
    encode_reporting(&mut w, reporting)?;
    w.len(units.len())?;
    for (_, unit) in units.iter() {
        encode_unit(&mut w, unit)?;
    }
    w.len(problems.len())?;
    for p in problems {
        encode_problem(&mut w, p)?;
    }
    w.len(measures.len())?;
    for m in measures {
        encode_measure(&mut w, m)?;
    }
    let sum = xxh3_64(&w.0);
    w.0.extend_from_slice(&sum.to_le_bytes());
    Some(w.0)
}

fn encode_reporting(w: &mut Writer, r: &ReportingRule) -> Option<()> {
    let ReportingRule {
        reporters,
        day,
        quarterly,
        first_month,
        last_month,
        contents,
        warning_days,
        text,
    } = r;
    w.str(reporters)?;
    w.u32(*day);
    w.flag(*quarterly);
    w.date(*first_month);
    w.date(*last_month);
    w.strs(contents)?;
    w.u32(*warning_days);
    w.str(text)
}

fn encode_unit(w: &mut Writer, u: &Unit) -> Option<()> {
    let Unit {
        name,
        aliases,
        office,
        group,
        note,
    } = u;
    w.str(name)?;
    w.strs(aliases)?;
    w.flag(*office);
    w.flag(*group);
    w.opt_str(note)
}

fn encode_problem(w: &mut Writer, p: &Problem) -> Option<()> {
    let Problem {
        number,
        title,
        findings,
    } = p;
    w.u32(*number);
    w.str(title)?;
    w.len(findings.len())?;
    for f in findings {
        let Finding {
            level,
            source,
            text,
        } = f;
        w.tag(LEVELS.iter().position(|l| l == level)?);
        w.opt_str(source)?;
        w.str(text)?;
    }
    Some(())
}

fn encode_measure(w: &mut Writer, m: &Measure) -> Option<()> {
    let Measure {
        id,
        problem,
        heading,
        text,
        lead,
        responsible,
        deadline,
        people,
        goal,
    } = m;
    w.str(&id.0)?;
    w.u32(*problem);
    w.opt_str(heading)?;
    w.str(text)?;
    w.units(lead)?;
    w.units(responsible)?;
    let Deadline {
        text,
        milestones,
        ongoing,
        immediate,
        recurring,
        undated,
        inferred,
    } = deadline;
    w.str(text)?;
    w.len(milestones.len())?;
    for Milestone { date, require } in milestones {
        w.date(*date);
        w.tag(REQUIREMENTS.iter().position(|r| r == require)?);
    }
    w.flag(*ongoing);
    w.flag(*immediate);
    w.tag(match recurring {
        None => 0,
        Some(r) => 1 + RECURRENCES.iter().position(|x| x == r)?,
    });
    w.strs(undated)?;
    w.len(inferred.len())?;
    for Inferred { date, how } in inferred {
        w.date(*date);
        w.tag(Inference::ALL.iter().position(|i| i == how)?);
    }
    w.strs(people)?;
    w.opt_str(goal)
}

const LEVELS: [Level; 4] = [
    Level::Central,
    Level::Provincial,
    Level::Municipal,
    Level::Unspecified,
];
const REQUIREMENTS: [Requirement; 2] = [Requirement::Phased, Requirement::Done];
const RECURRENCES: [Recurrence; 2] = [Recurrence::Monthly, Recurrence::Quarterly];

/// Reads fields off a cache file; `None` past its end or for a bad value.
type Reader<'a> = CacheReader<'a>;

impl<'a> CacheReader<'a> {
    fn len(&mut self) -> Option<usize> {
        let n = self.u32()? as usize;
        (n <= self.0.len()).then_some(n)
    }
    fn flag(&mut self) -> Option<bool> {
        match self.take(1)?[0] {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
    fn pick<T: Copy>(&mut self, all: &[T]) -> Option<T> {
        all.get(self.take(1)?[0] as usize).copied()
    }
    fn str(&mut self) -> Option<String> {
        let n = self.u32()? as usize;
        String::from_utf8(self.take(n)?.to_vec()).ok()
    }
    fn opt_str(&mut self) -> Option<Option<String>> {
        if self.flag()? {
            self.str().map(Some)
        } else {
            Some(None)
        }
    }
    fn strs(&mut self) -> Option<Vec<String>> {
        let n = self.len()?;
        (0..n).map(|_| self.str()).collect()
    }
    fn date(&mut self) -> Option<NaiveDate> {
        NaiveDate::from_num_days_from_ce_opt(i32::from_le_bytes(self.array()?))
    }
    fn units(&mut self, count: usize) -> Option<Vec<UnitId>> {
        let n = self.len()?;
        (0..n)
            .map(|_| {
                let u = self.u32()? as usize;
                (u < count).then_some(UnitId(u))
            })
            .collect()
    }
}

/// Reads a cache file; `None` for anything damaged, stored under another
/// key or by another format, or cut short.
fn decode(bytes: &[u8], key: Key) -> Option<Plan> {
    let (body, sum) = bytes.split_at_checked(bytes.len().checked_sub(8)?)?;
    if xxh3_64(body) != u64::from_le_bytes(sum.try_into().ok()?) {
        return None;
    }
    let mut r = CacheReader(body);
    if r.take(MAGIC.len())? != MAGIC
        || u128::from_le_bytes(r.array()?) != key.plan
        || u64::from_le_bytes(r.array()?) != key.program
    {
        return None;
    }
    let title = r.str()?;
    let notice_title = r.opt_str()?;
    let issuer = r.str()?;
    let issued = r.date()?;
    let addressees = r.opt_str()?;
    let has_stated = r.flag()?;
    let stated = r.u32()?;
    let zone = Zone::parse(&r.str()?)?;
    let reporting = decode_reporting(&mut r)?;
    let n = r.len()?;
    let units = Units::new((0..n).map(|_| decode_unit(&mut r)).collect::<Option<_>>()?);
    let n = r.len()?;
    let problems = (0..n)
        .map(|_| decode_problem(&mut r))
        .collect::<Option<_>>()?;
    let n = r.len()?;
    let measures = (0..n)
        .map(|_| decode_measure(&mut r, units.len()))
        .collect::<Option<_>>()?;
    if !r.is_empty() {
        return None;
    }
    let mut plan = Plan::new(
        title,
        notice_title,
        issuer,
        issued,
        addressees,
        has_stated.then_some(stated),
        reporting,
        units,
        problems,
        measures,
    );
    plan.zone = zone;
    Some(plan)
}

fn decode_reporting(r: &mut Reader) -> Option<ReportingRule> {
    Some(ReportingRule {
        reporters: r.str()?,
        day: r.u32()?,
        quarterly: r.flag()?,
        first_month: r.date()?,
        last_month: r.date()?,
        contents: r.strs()?,
        warning_days: r.u32()?,
        text: r.str()?,
    })
}

fn decode_unit(r: &mut Reader) -> Option<Unit> {
    Some(Unit {
        name: r.str()?,
        aliases: r.strs()?,
        office: r.flag()?,
        group: r.flag()?,
        note: r.opt_str()?,
    })
}

fn decode_problem(r: &mut Reader) -> Option<Problem> {
    let number = r.u32()?;
    let title = r.str()?;
    let n = r.len()?;
    let findings = (0..n)
        .map(|_| {
            Some(Finding {
                level: r.pick(&LEVELS)?,
                source: r.opt_str()?,
                text: r.str()?,
            })
        })
        .collect::<Option<_>>()?;
    Some(Problem {
        number,
        title,
        findings,
    })
}

fn decode_measure(r: &mut Reader, units: usize) -> Option<Measure> {
    let id = MeasureId(r.str()?);
    let problem = r.u32()?;
    let heading = r.opt_str()?;
    let text = r.str()?;
    let lead = r.units(units)?;
    let responsible = r.units(units)?;
    let deadline_text = r.str()?;
    let n = r.len()?;
    let milestones = (0..n)
        .map(|_| {
            Some(Milestone {
                date: r.date()?,
                require: r.pick(&REQUIREMENTS)?,
            })
        })
        .collect::<Option<_>>()?;
    let ongoing = r.flag()?;
    let immediate = r.flag()?;
    let recurring = match r.take(1)?[0] {
        0 => None,
        k => Some(*RECURRENCES.get(k as usize - 1)?),
    };
    let undated = r.strs()?;
    let n = r.len()?;
    let inferred = (0..n)
        .map(|_| {
            Some(Inferred {
                date: r.date()?,
                how: r.pick(&Inference::ALL)?,
            })
        })
        .collect::<Option<_>>()?;
    Some(Measure {
        id,
        problem,
        heading,
        text,
        lead,
        responsible,
        deadline: Deadline {
            text: deadline_text,
            milestones,
            ongoing,
            immediate,
            recurring,
            undated,
            inferred,
        },
        people: r.strs()?,
        goal: r.opt_str()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::plan_file;
    use proptest::prelude::*;

    /// The shipped plan, with every field the model has set somewhere.
    fn rich_text() -> String {
        include_str!("../../plan/plan.toml").replace(
            "stated_measures = 52",
            "stated_measures = 52\nzone = \"+05:30\"",
        ) + r#"
[[unit]]
name = "市测试局"
aliases = ["测试局", "测试办"]
note = "挂靠在市农业农村局"

[[problem]]
number = 99
title = "测试问题"
finding = [{ level = "central", text = "中央指出。" }, { level = "municipal", source = "昆明市发现", text = "市里发现。" }]

[[measure]]
id = "99.1"
problem = 99
heading = "测试引领"
text = "一是测试。"
lead = ["测试局", "市农业农村局"]
responsible = ["市测试局", "市水务局"]
deadline = "每季度末前，2023年1月完成，立行立改"
milestones = [{ date = 2023-01-31, require = "done", inferred = "month_end" }, { date = 2023-03-31, require = "phased" }]
immediate = true
recurring = "quarterly"
undated = ["适时"]
people = ["牵头领导：张某"]
goal = "全部完成"
"#
    }

    fn key(text: &str) -> Key {
        Key {
            plan: xxh3_128(text.as_bytes()),
            program: 7,
        }
    }

    #[test]
    fn what_is_stored_is_what_was_parsed() {
        let text = rich_text();
        let plan = plan_file::parse(&text).unwrap();
        assert_eq!(plan.zone.to_string(), "+05:30");
        let m = plan.measure("99.1").unwrap();
        assert!(m.deadline.recurring.is_some() && !m.deadline.inferred.is_empty());
        let stored = encode(&plan, key(&text)).unwrap();
        assert_eq!(decode(&stored, key(&text)), Some(plan));
    }

    /// A tripwire: [`encode`] names every field of the model's plan types
    /// but [`Plan`]'s own (its index is private), so a field added to
    /// `Plan` changes its size here first. Store the new field in the
    /// cache (and bump `MAGIC`), then update the size.
    #[cfg(target_pointer_width = "64")]
    #[test]
    fn every_field_of_the_plan_is_stored() {
        assert_eq!(std::mem::size_of::<Plan>(), 312);
    }

    #[test]
    fn another_plan_or_program_is_not_served() {
        let text = rich_text();
        let plan = plan_file::parse(&text).unwrap();
        let stored = encode(&plan, key(&text)).unwrap();
        assert_eq!(decode(&stored, key(&format!("{text} "))), None);
        let other = Key {
            program: 8,
            ..key(&text)
        };
        assert_eq!(decode(&stored, other), None);
    }

    #[test]
    fn a_matching_cache_is_used_and_a_damaged_one_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let text = rich_text();
        let plan = plan_file::parse(&text).unwrap();
        let bytes = text.as_bytes();
        store(dir.path(), &encode(&plan, Key::of(bytes).unwrap()).unwrap());
        assert_eq!(
            std::fs::read_to_string(dir.path().join(".rectify/.gitignore")).unwrap(),
            "# rectify 的缓存，可随时删除\n*\n"
        );
        // Served without parsing.
        let got = read(dir.path(), bytes, || panic!("parsed despite the cache")).unwrap();
        assert_eq!(got, plan);
        // Damaged: parsed again.
        let file = dir.path().join(CACHE_FILE);
        let mut stored = std::fs::read(&file).unwrap();
        let middle = stored.len() / 2;
        stored[middle] ^= 1;
        std::fs::write(&file, &stored).unwrap();
        let mut parsed = false;
        let got = read(dir.path(), bytes, || {
            parsed = true;
            Ok(plan_file::parse(&text)?)
        })
        .unwrap();
        assert!(parsed);
        assert_eq!(got, plan);
    }

    proptest! {
        /// A plan cut or spliced anywhere that still parses comes back from
        /// its cache exactly as parsed; a damaged cache file is never read.
        #[test]
        fn the_cache_never_changes_a_plan(
            cut in 0usize..200_000,
            len in 0usize..40,
            insert in "\\PC{0,8}",
            flip in any::<u32>(),
        ) {
            let mut text = rich_text();
            let start = text.char_indices().map(|(i, _)| i).nth(cut % text.chars().count()).unwrap_or(0);
            let end = text[start..].char_indices().map(|(i, _)| start + i).nth(len).unwrap_or(text.len());
            text.replace_range(start..end, &insert);
            if let Ok(plan) = plan_file::parse(&text) {
                let mut stored = encode(&plan, key(&text)).unwrap();
                prop_assert_eq!(decode(&stored, key(&text)), Some(plan));
                let i = flip as usize % stored.len();
                stored[i] ^= 0x20;
                prop_assert_eq!(decode(&stored, key(&text)), None);
                prop_assert_eq!(decode(&stored[..i], key(&text)), None);
            }
        }
    }
}
