//! Renderers: reports to terminal tables, JSON and text.

pub mod chinese;
pub mod csv;
pub mod dashboard;
pub mod detail_text;
pub mod document;
pub mod docx;
pub mod findings;
pub mod import_check;
pub mod intake_table;
pub mod json;
pub mod labels;
pub mod report_text;
pub mod table;
pub mod template_xlsx;
pub mod terminal;
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

impl Format {
    /// Refuses `--format csv` for a command that prints no table.
    pub fn refuse_csv(self, command: &str) -> Result<(), crate::diagnostic::Diagnostic> {
        if self == Format::Csv {
            return Err(crate::diagnostic::Diagnostic::error(format!(
                "--format csv 只用于表格视图(status、overdue、deadlines、units、missing);{command} 可用 table 或 json"
            )));
        }
        Ok(())
    }
}

/// How terminal output looks: colour, border characters, wrapping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub colour: bool,
    /// Borders drawn with + - | (consoles that draw box characters wide).
    pub ascii: bool,
    /// Full text in every column, never fitted to the terminal's width.
    pub wide: bool,
}

impl Style {
    /// From the options: colour on a terminal unless NO_COLOR is set (or as
    /// `--color` says); ASCII borders with `--ascii` or on a Windows console
    /// that is not Windows Terminal (which sets WT_SESSION).
    pub fn detect(t: &crate::cli::TerminalArgs) -> Style {
        use crate::cli::ColorChoice;
        use std::io::IsTerminal;
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let colour = match t.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => std::io::stdout().is_terminal() && !no_color,
        };
        let legacy_console = cfg!(windows) && std::env::var_os("WT_SESSION").is_none();
        Style {
            colour,
            ascii: t.ascii || legacy_console,
            wide: t.wide,
        }
    }

    /// Plain: no colour, box borders, fitted.
    pub fn plain() -> Style {
        Style {
            colour: false,
            ascii: false,
            wide: false,
        }
    }
}
