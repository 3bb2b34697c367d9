//! Writers: the plan file, locked append-only ledger writes, and the
//! conversion of a ledger to plain UTF-8.

pub mod atomic;
pub mod ledger;
pub mod ledger_conversion;
pub mod plan_file;
pub mod toml_text;
