//! Integration tests: the built binary against temporary workspaces.

mod harness;
mod import;
mod log;
mod plan;
mod views;
mod workspace;
