//! Integration tests: the built binary against temporary workspaces.

mod check;
mod command_line;
mod convert_ledger;
mod corpus;
mod corrections;
mod cycle;
mod dashboard;
mod documents;
mod docx_writer;
mod export;
mod faults;
mod harness;
mod import;
mod intake;
mod log;
mod numbers;
mod plan;
mod plan_cache;
mod views;
mod workspace;
mod xlsx_filler;
mod zone;
