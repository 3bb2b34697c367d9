//! Integration tests: the built binary against temporary workspaces.

mod check;
mod cycle;
mod dashboard;
mod documents;
mod export;
mod harness;
mod import;
mod log;
mod plan;
mod views;
mod workspace;
