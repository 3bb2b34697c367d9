//! What an import found, for `import --check` and `--format json`: per
//! problem, its measures with every inference and doubt and its line.

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Plan;
use serde::Serialize;

/// Whether a note is something the importer read into the notice or
/// something a person should look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    /// Read by a rule the notice does not spell out (a month's end…).
    Inference,
    /// Could not be read with certainty; also a warning or an error.
    Doubt,
}

impl NoteKind {
    pub fn label(self) -> &'static str {
        match self {
            NoteKind::Inference => "推定",
            NoteKind::Doubt => "存疑",
        }
    }
}

/// One inference or doubt, with its line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    pub kind: NoteKind,
    pub line: Option<usize>,
    pub text: String,
}

impl Note {
    pub fn inference(line: usize, text: impl Into<String>) -> Note {
        Note {
            kind: NoteKind::Inference,
            line: Some(line),
            text: text.into(),
        }
    }

    pub fn doubt(line: Option<usize>, text: impl Into<String>) -> Note {
        Note {
            kind: NoteKind::Doubt,
            line,
            text: text.into(),
        }
    }
}

/// A measure as found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MeasureReport {
    pub id: String,
    pub line: usize,
    pub title: String,
    pub lead: Vec<String>,
    pub responsible: Vec<String>,
    pub people: Vec<String>,
    pub deadline: String,
    pub notes: Vec<Note>,
}

/// A problem as found, with its measures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProblemReport {
    pub number: u32,
    pub title: String,
    pub line: usize,
    pub measures: Vec<MeasureReport>,
}

/// What an import found.
#[derive(Debug, Clone, Serialize)]
pub struct Import {
    /// The plan, when there is no error.
    #[serde(skip)]
    pub plan: Option<Plan>,
    pub diagnostics: Vec<Diagnostic>,
    pub problems: Vec<ProblemReport>,
    /// Facts about the whole notice: the section read, the stated count,
    /// the reporting rhythm and the office, each with its line.
    pub notes: Vec<Note>,
    pub measures_found: usize,
    pub annotations_found: usize,
}

impl Import {
    pub fn failed(diagnostics: Vec<Diagnostic>) -> Import {
        Import {
            plan: None,
            diagnostics,
            problems: Vec::new(),
            notes: Vec::new(),
            measures_found: 0,
            annotations_found: 0,
        }
    }

    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}
