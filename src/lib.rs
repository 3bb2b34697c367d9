//! rectify: a rectification plan (整改方案) as a living, checked ledger (整改台账).
//!
//! Layers, in the order data flows:
//! - [`model`]: plan, measures, units, entries and the status rules; no I/O.
//! - [`read`]: the plan file, ledgers and the workspace, from text.
//! - [`write`]: the plan file and locked, append-only ledger writes.
//! - [`import`]: notice text to a plan.
//! - [`views`]: pure functions from a workspace and a day to a report.
//! - [`render`]: reports to tables, JSON and text.
//! - [`commands`]: one file per subcommand, each loading once, building a
//!   report and rendering it.

pub mod check;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod diagnostic;
pub mod import;
pub mod io_error;
pub mod model;
pub mod punctuation;
pub mod read;
pub mod render;
pub mod views;
pub mod write;

pub use commands::run;
