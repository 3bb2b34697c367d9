//! Whole entries chosen by their facts: a view that needs the texts of a
//! few entries (a month's, say) reads every ledger's facts (through the
//! facts cache), then parses only the `[[entry]]` blocks whose facts it
//! wants, instead of every entry of every ledger.
//!
//! It gives what a full scan filtered by the same test gives. A block is
//! read by the same scanner, over a slice that starts at its header line
//! and ends at the next header the facts scan saw (or at the end of the
//! file); every entry read is tested again on its own fields, so a ledger
//! changed between the two reads never lets in an entry the test refuses;
//! and a ledger whose facts could not be read in full is read whole, so
//! its errors are reported exactly as a full scan reports them.

use super::ledger::{self, LedgerError, Resume, ScanOptions, Scanned};
use super::workspace::{Faults, Workspace};
#[cfg(test)]
use crate::model::UnitId;
use crate::model::correction;
use crate::model::progress::{Fact, Progress};
use crate::model::{Entry, Located, Origin};
use chrono::NaiveDateTime;
use rayon::prelude::*;

impl Workspace {
    /// The whole entries of every ledger whose facts `keep` accepts (only
    /// entries of the plan's measures), in date order (then recording
    /// time, then place), read in parallel.
    pub fn select(&self, keep: impl Fn(&Fact) -> bool + Sync) -> (Vec<Located>, Faults) {
        let (_, found, faults) = self.fold_select(None, keep);
        (found, faults)
    }

    /// [`Workspace::fold`] into a copy of `seed` and [`Workspace::select`]
    /// in one pass over the facts.
    pub fn fold_select(
        &self,
        seed: Option<&Progress>,
        keep: impl Fn(&Fact) -> bool + Sync,
    ) -> (Option<Progress>, Vec<Located>, Faults) {
        let plan = &self.plan;
        let empty = || (seed.cloned(), Vec::new(), Faults::default());
        let (progress, per_ledger, faults) = (0..self.ledgers.len())
            .into_par_iter()
            .fold(empty, |(mut acc, mut found, mut faults), i| {
                let unit = self.ledgers[i].unit;
                let cut = acc.as_ref().and_then(|p| p.known_by);
                let (entries, count) = self.select_in(i, &keep, cut, &mut faults, |f| {
                    if let Some(acc) = acc.as_mut() {
                        acc.observe(plan, f);
                    }
                });
                if let Some(acc) = acc.as_mut() {
                    if faults.broken.contains(&unit) {
                        acc.mark_broken(plan, unit);
                    }
                    acc.entries_by_unit[unit.0] += count;
                }
                found.push(entries);
                (acc, found, faults)
            })
            .reduce(empty, |(a, mut found, mut fa), (b, more, fb)| {
                let merged = match (a, b) {
                    (Some(mut a), Some(b)) => {
                        a.merge(b);
                        Some(a)
                    }
                    (a, b) => a.or(b),
                };
                found.extend(more);
                fa.extend(fb);
                (merged, found, fa)
            });
        let mut out = Vec::with_capacity(per_ledger.iter().map(Vec::len).sum());
        for entries in per_ledger {
            out.extend(entries);
        }
        out.sort_by_key(Located::sort_key);
        (progress, out, faults)
    }

    /// [`Workspace::select`] in one ledger, each fact also handed to
    /// `observe`; the entries chosen, and the count of entries read.
    fn select_in(
        &self,
        index: usize,
        keep: &(impl Fn(&Fact) -> bool + Sync),
        cut: Option<NaiveDateTime>,
        faults: &mut Faults,
        mut observe: impl FnMut(Fact),
    ) -> (Vec<Located>, usize) {
        let unit = self.ledgers[index].unit;
        let mut headers = Vec::new();
        // The facts are corrected as of `cut`: a replaced or withdrawn
        // entry is not delivered, so its block is never taken.
        let count = self.facts_of(index, cut, faults, |f| {
            headers.push((f.origin.line, keep(&f)));
            observe(f);
        });
        headers.sort_unstable_by_key(|h| h.0);
        let whole = faults.broken.contains(&unit);
        let mut out = Vec::new();
        let mut take = |line: usize, entry: Entry| {
            // Between wanted blocks the slices may hold others: only the
            // blocks the facts pass delivered and `keep` wanted are taken.
            if !whole && headers.binary_search(&(line, true)).is_err() {
                return;
            }
            let located = Located {
                unit,
                origin: Origin {
                    ledger: index,
                    line,
                },
                entry,
            };
            if self.fact_of(&located).is_some_and(|f| keep(&f)) {
                out.push(located);
            }
        };
        let options = self.scan_options();
        let scanned = if whole {
            // Read whole, so its errors read as a full scan's; corrected
            // as the facts were before any entry is chosen.
            let mut all = Vec::new();
            let scanned = self.scan_with(index, |b| {
                ledger::scan(b, &options, |line, entry| all.push((line, entry)))
            });
            correction::apply(&mut all, cut, |(_, e)| e.id(), |_| ());
            for (line, entry) in all {
                take(line, entry);
            }
            scanned
        } else if headers.iter().any(|h| h.1) {
            self.scan_with(index, |b| scan_at(b, &options, &headers, &mut take))
        } else {
            Ok(None)
        };
        faults.record(unit, scanned);
        (out, count)
    }

    /// The facts of an entry read whole; `None` if it names no measure of
    /// the plan.
    fn fact_of(&self, l: &Located) -> Option<Fact> {
        let measure = self.plan.measure_index(&l.entry.measure)?;
        Some(Fact::of_located(l, measure))
    }
}

/// Scans the blocks of a ledger's `bytes` whose header lines `headers`
/// marks wanted; `headers` holds every header line the facts scan saw, in
/// file order, and bounds each run of wanted blocks.
fn scan_at(
    bytes: &[u8],
    options: &ScanOptions,
    headers: &[(usize, bool)],
    f: &mut impl FnMut(usize, Entry),
) -> Result<Scanned, LedgerError> {
    let decoded = ledger::decode(bytes)?;
    let text = &decoded.text;
    let runs = wanted_runs(headers);
    let mut lines: Vec<usize> = runs
        .iter()
        .flat_map(|&(start, end)| [Some(start), end])
        .flatten()
        .collect();
    lines.sort_unstable();
    lines.dedup();
    let starts = line_starts(text.as_bytes(), &lines);
    let at = |line: usize| starts[lines.binary_search(&line).unwrap_or(0)];
    let mut entries = 0;
    for (start, end) in runs {
        let stop = end.map_or(text.len(), at);
        let from = Resume {
            offset: at(start).min(stop),
            line: start - 1,
        };
        let cut = decoded.cut && end.is_none();
        let outcome = ledger::scan_entries_text(&text[..stop], from, cut, options, &mut *f)?;
        entries += outcome.entries;
    }
    Ok(Scanned {
        entries,
        torn: None,
        style: decoded.style,
    })
}

/// Runs of wanted blocks: the first header line of each, and the header
/// line that ends it (`None`: the end of the file).
fn wanted_runs(headers: &[(usize, bool)]) -> Vec<(usize, Option<usize>)> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < headers.len() {
        if !headers[i].1 {
            i += 1;
            continue;
        }
        let start = headers[i].0;
        while i < headers.len() && headers[i].1 {
            i += 1;
        }
        runs.push((start, headers.get(i).map(|h| h.0)));
    }
    runs
}

/// The byte offsets where the 1-based `lines` (ascending) start; a line
/// past the end starts at the end.
fn line_starts(text: &[u8], lines: &[usize]) -> Vec<usize> {
    let mut out = Vec::with_capacity(lines.len());
    let mut breaks = memchr::memchr_iter(b'\n', text);
    let (mut line, mut start) = (1, 0);
    for &want in lines {
        while line < want {
            start = breaks.next().map_or(text.len(), |p| p + 1);
            line += 1;
        }
        out.push(start);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;
    use crate::read::workspace::Corrections;
    use chrono::{Datelike, NaiveDate};
    use proptest::prelude::*;

    const PLAN: &str = "[plan]\ntitle = \"测试整改方案\"\nissuer = \"测试领导小组\"\nissued = 2022-07-01\n\n[[unit]]\nname = \"市水务局\"\n\n[[problem]]\nnumber = 1\ntitle = \"供水\"\n\n[[measure]]\nid = \"1.1\"\nproblem = 1\ntext = \"排查。\"\nlead = [\"市水务局\"]\ndeadline = \"2022年12月31日前完成\"\n\n[[measure]]\nid = \"1.2\"\nproblem = 1\ntext = \"保障。\"\nlead = [\"市水务局\"]\ndeadline = \"2022年12月31日前完成\"\n";

    /// One piece of a ledger: an entry as `log` writes it, one a person
    /// wrote (a multi-line text with a line that looks like a header), a
    /// comment, or a blank line.
    fn piece() -> impl Strategy<Value = String> {
        let entry = (7u32..10, 1u32..29, "(1\\.1|1\\.2|9\\.9)", "(done|phased|in_progress)", any::<bool>())
            .prop_map(|(m, d, id, s, hand)| {
                let progress = if hand {
                    "\"\"\"\n第一行\n[不是表头]\n\"\"\"".to_string()
                } else {
                    format!("\"第{d}日进展\"")
                };
                format!("[[entry]]\ndate = 2022-{m:02}-{d:02}\nmeasure = \"{id}\"\nstatus = \"{s}\"\nprogress = {progress}\nrecorded = 2022-{m:02}-{d:02}T10:00:00\n")
            });
        prop_oneof![
            6 => entry,
            1 => Just("# 备注\n".to_string()),
            1 => Just("\n".to_string()),
            1 => Just("status = \"x\"\n".to_string()),
        ]
    }

    /// `pieces` with corrections appended: each fix (a, b, withdraw)
    /// replaces the a-th entry piece (by its id) with an amendment or a
    /// withdrawal recorded later, placed after the b-th piece.
    fn with_corrections(pieces: &[String], fixes: &[(u8, u8, bool)]) -> String {
        let mut pieces = pieces.to_vec();
        for &(a, b, withdraw) in fixes {
            let entries: Vec<usize> = (0..pieces.len())
                .filter(|&k| pieces[k].starts_with("[[entry]]") && !pieces[k].contains("\"\"\""))
                .collect();
            if entries.is_empty() {
                break;
            }
            let k = entries[a as usize % entries.len()];
            let field = |key: &str| {
                let start = pieces[k].find(&format!("{key} = ")).unwrap() + key.len() + 3;
                let end = start + pieces[k][start..].find('\n').unwrap();
                pieces[k][start..end].trim_matches('"').to_string()
            };
            let date = NaiveDate::parse_from_str(&field("date"), "%Y-%m-%d").unwrap();
            let recorded =
                chrono::NaiveDateTime::parse_from_str(&field("recorded"), "%Y-%m-%dT%H:%M:%S")
                    .unwrap();
            let status = Status::parse(&field("status")).unwrap();
            let id = crate::model::EntryId::of(&field("measure"), date, status, recorded);
            let (new_status, progress) = match withdraw {
                true => ("withdrawn", "撤回"),
                false => ("done", "更正"),
            };
            let fix = format!(
                "[[entry]]\ndate = {date}\nmeasure = \"{}\"\nstatus = \"{new_status}\"\nprogress = \"{progress}\"\nreplaces = \"{id}\"\nrecorded = 2022-12-{:02}T10:00:00\n",
                field("measure"),
                1 + b % 28
            );
            let at = (k + 1 + b as usize % (pieces.len() - k)).min(pieces.len());
            pieces.insert(at, fix);
        }
        pieces.concat()
    }

    /// Whole entries of month `month` that count (by their own fields), as
    /// a full scan gives them.
    fn keep_month(month: u32) -> impl Fn(&Fact) -> bool + Sync {
        move |f| f.date.month() == month && f.status != Status::InProgress
    }

    proptest! {
        /// On any ledger (torn, broken, CRLF, with a byte-order mark), read
        /// afresh and through the facts cache, the chosen entries and the
        /// faults are those a full scan filtered by the same test gives.
        #[test]
        fn select_gives_what_a_full_scan_gives(
            pieces in proptest::collection::vec(piece(), 0..30),
            fixes in proptest::collection::vec((any::<u8>(), any::<u8>(), any::<bool>()), 0..4),
            month in 7u32..10,
            cut in any::<u16>(),
            crlf in any::<bool>(),
            bom in any::<bool>(),
        ) {
            let mut text = with_corrections(&pieces, &fixes);
            if crlf {
                text = text.replace('\n', "\r\n");
            }
            let mut bytes = text.into_bytes();
            if cut % 3 == 0 {
                bytes.truncate(cut as usize % (bytes.len() + 1));
            }
            if bom {
                bytes.splice(0..0, *b"\xEF\xBB\xBF");
            }
            let dir = tempfile::tempdir().unwrap();
            std::fs::create_dir_all(dir.path().join("plan")).unwrap();
            std::fs::create_dir_all(dir.path().join("reports")).unwrap();
            std::fs::write(dir.path().join("plan/plan.toml"), PLAN).unwrap();
            std::fs::write(dir.path().join("reports/市水务局.toml"), &bytes).unwrap();
            let ws = Workspace::open(dir.path()).unwrap();
            let keep = keep_month(month);
            let full = ws.collect(|_| true, Corrections::AsOf(None), |_, e| {
                let l = Located { unit: UnitId(0), origin: Origin { ledger: 0, line: 0 }, entry: e.clone() };
                ws.fact_of(&l).is_some_and(|f| keep(&f))
            });
            // The audit corrects a ledger as the views do: the same
            // entries stand.
            let (all, _) = ws.collect(|_| true, Corrections::AsOf(None), |_, _| true);
            let mut audited = Vec::new();
            let read = ws.scan_ledger(0, |line, e| {
                audited.push(crate::check::Audited::of(&ws.plan, line, &e, NaiveDate::MAX));
            });
            let audit = crate::check::AuditLedger::corrected(
                &ws.plan,
                String::new(),
                UnitId(0),
                read.map(|_| audited),
                None,
            );
            if let Ok(entries) = &audit.entries {
                let mut lines: Vec<usize> = all.iter().map(|l| l.origin.line).collect();
                lines.sort_unstable();
                let audit_lines: Vec<usize> = entries.iter().map(|e| e.line).collect();
                prop_assert_eq!(lines, audit_lines);
            }
            for _ in 0..2 {
                let (got, faults) = ws.select(&keep);
                prop_assert_eq!(&got, &full.0);
                prop_assert_eq!(&faults.broken, &full.1.broken);
                prop_assert_eq!(&faults.diagnostics, &full.1.diagnostics);
            }
            // Folded in the same pass: what the fold alone gives.
            let seed = Progress::new(&ws.plan, NaiveDate::from_ymd_opt(2022, 8, 15).unwrap());
            let (progress, got, faults) = ws.fold_select(Some(&seed), &keep);
            let (folded, fold_faults) = ws.fold(&seed);
            prop_assert_eq!(format!("{:?}", progress.unwrap()), format!("{folded:?}"));
            prop_assert_eq!(&got, &full.0);
            let mut expected = fold_faults;
            expected.extend(full.1);
            prop_assert_eq!(&faults.diagnostics, &expected.diagnostics);
            prop_assert_eq!(&faults.broken, &expected.broken);
        }
    }
}
