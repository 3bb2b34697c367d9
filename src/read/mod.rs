//! Readers: the plan file, the ledgers and the workspace, from text.
//!
//! Parsers take `&str` (or a reader) so tests need no disk; the thin file
//! wrappers add the path to every error.

pub mod defaults;
pub mod ledger;
pub mod plan_file;
pub mod shared_lock;
pub mod workspace;

pub use workspace::Workspace;
