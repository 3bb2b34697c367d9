//! `check`'s findings as text: one per finding with its place and hint,
//! then the totals.

use crate::check::Finding;
use std::fmt::Write;

pub fn render(findings: &[Finding], ledgers: usize, entries: usize) -> String {
    let mut s = String::new();
    for f in findings {
        let _ = writeln!(s, "{}", f.diagnostic.finding());
    }
    let errors = findings.iter().filter(|f| f.is_error()).count();
    let _ = writeln!(
        s,
        "检查了 {ledgers} 个台账、{entries} 条记录:{errors} 个错误、{} 个警告",
        findings.len() - errors
    );
    s
}
