//! Readers: the plan file, the ledgers and the workspace, from text.
//!
//! Parsers take `&str` (or a reader) so tests need no disk; the thin file
//! wrappers add the path to every error.

pub mod cache_dir;
pub mod cache_reader;
pub mod defaults;
pub mod entry_selection;
pub mod facts_cache;
pub mod ledger;
pub mod ledger_name;
pub mod plan_cache;
pub mod plan_file;
pub mod regular_file;
pub mod report_form;
pub mod shared_lock;
pub mod sheet;
pub mod text_style;
pub mod toml_error;
pub mod workspace;

pub use workspace::Workspace;
