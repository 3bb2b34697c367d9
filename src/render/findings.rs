//! `check`'s findings as text: one per finding with its place and hint,
//! then the totals.

use crate::check::Finding;
use std::io::{self, Write};

/// Findings written one at a time (a million entries can make tens of
/// megabytes of them), counted for the totals line.
#[derive(Debug, Default)]
pub struct Tally {
    errors: usize,
    warnings: usize,
}

impl Tally {
    /// Counts one finding without writing it.
    pub fn count(&mut self, f: &Finding) {
        if f.is_error() {
            self.errors += 1;
        } else {
            self.warnings += 1;
        }
    }

    /// Counts and writes one finding with its place and hint.
    pub fn write(&mut self, out: &mut dyn Write, f: &Finding) -> io::Result<()> {
        self.count(f);
        writeln!(out, "{}", f.diagnostic.finding())
    }

    pub fn errors(&self) -> usize {
        self.errors
    }

    /// The closing line: what was read and what was found.
    pub fn totals(&self, out: &mut dyn Write, ledgers: usize, entries: usize) -> io::Result<()> {
        writeln!(
            out,
            "检查了 {ledgers} 个台账、{entries} 条记录:{} 个错误、{} 个警告",
            self.errors, self.warnings
        )
    }
}
