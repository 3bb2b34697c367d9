//! Writers: the plan file, and locked append-only ledger writes.

pub mod atomic;
pub mod ledger;
pub mod plan_file;
pub mod toml_text;
