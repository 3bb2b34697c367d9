//! Renderers: reports to terminal tables, JSON and text.

pub mod chinese;
pub mod csv;
pub mod dashboard;
pub mod document;
pub mod docx;
pub mod json;
pub mod labels;
pub mod report_text;
pub mod table;
pub mod xlsx;

/// How a view prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A table, or for reports their text.
    #[value(alias = "text")]
    Table,
    Json,
    /// For Excel and WPS: UTF-8 with a BOM, CRLF (table views only).
    Csv,
}

/// Whether to colour output: a terminal, and NO_COLOR unset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub colour: bool,
}

impl Style {
    pub fn detect() -> Style {
        use std::io::IsTerminal;
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Style {
            colour: std::io::stdout().is_terminal() && !no_color,
        }
    }
}
