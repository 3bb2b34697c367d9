//! Diagnostics: what is wrong, where (file:line), and how to fix it.
//!
//! Readers collect every problem they find instead of stopping at the
//! first; `check` findings use the same type.

use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: Option<String>,
    pub line: Option<usize>,
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            file: None,
            line: None,
            message: message.into(),
            help: None,
        }
    }

    pub fn warning(message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    pub fn at(mut self, file: impl Into<String>, line: Option<usize>) -> Diagnostic {
        self.file = Some(file.into());
        self.line = line;
        self
    }

    pub fn line(mut self, line: usize) -> Diagnostic {
        self.line = Some(line);
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn in_file(mut self, file: &str) -> Diagnostic {
        if self.file.is_none() {
            self.file = Some(file.to_string());
        }
        self
    }

    pub fn location(&self) -> String {
        match (&self.file, self.line) {
            (Some(f), Some(l)) => format!("{f}:{l}"),
            (Some(f), None) => f.clone(),
            (None, Some(l)) => format!("第{l}行"),
            (None, None) => String::new(),
        }
    }
}

impl Diagnostic {
    /// The form findings and faults are listed in: `where: 错误: what`,
    /// then the hint.
    pub fn finding(&self) -> String {
        let loc = self.location();
        let mut s = if loc.is_empty() {
            format!("{}: {}", self.severity.label(), self.message)
        } else {
            format!("{loc}: {}: {}", self.severity.label(), self.message)
        };
        if let Some(h) = &self.help {
            s.push_str("\n    提示: ");
            s.push_str(h);
        }
        s
    }
}

impl std::error::Error for Diagnostic {}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let loc = self.location();
        if loc.is_empty() {
            write!(f, "{}", self.message)?;
        } else {
            write!(f, "{loc}: {}", self.message)?;
        }
        if let Some(h) = &self.help {
            write!(f, "\n    提示: {h}")?;
        }
        Ok(())
    }
}

/// Several diagnostics as one error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn in_file(self, file: &str) -> Diagnostics {
        Diagnostics(self.0.into_iter().map(|d| d.in_file(file)).collect())
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Diagnostics {
        Diagnostics(vec![d])
    }
}

/// Line numbers for many offsets into one text, without rescanning it.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }

    /// The 1-based line of byte `offset`.
    pub fn line(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }
}

/// The 1-based line of byte `offset` in `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_count_from_one() {
        assert_eq!(line_of("a\nb\nc", 0), 1);
        assert_eq!(line_of("a\nb\nc", 2), 2);
        assert_eq!(line_of("a\nb\nc", 99), 3);
    }

    #[test]
    fn line_index_agrees_with_line_of() {
        let text = "a\nbb\n\nccc\n";
        let index = LineIndex::new(text);
        for offset in 0..=text.len() + 2 {
            assert_eq!(index.line(offset), line_of(text, offset), "{offset}");
        }
    }

    #[test]
    fn displays_location_and_help() {
        let d = Diagnostic::error("坏了")
            .at("plan/plan.toml", Some(3))
            .help("修好");
        assert_eq!(d.to_string(), "plan/plan.toml:3: 坏了\n    提示: 修好");
    }
}
