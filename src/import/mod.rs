//! Import: a notice of the 整改方案 genre, as text or a Word file, to a plan.
//!
//! Stages, one file each: [`decode`] bytes to text (and [`docx`] a Word
//! file to lines); [`sections`] the problem section, chosen by content;
//! [`header`] the title and date; [`body`] the problems, findings and
//! annotated items, via [`segments`] (brackets), [`markers`] (numbering),
//! [`findings`] (lead-ins) and [`table`] (measures in a table);
//! [`measures`] ids, units ([`unit_list`], [`units`]) and deadlines
//! ([`deadline_phrase`]); [`office`] the reporting rhythm and office;
//! [`counts`] the totals the notice states. [`notice`] runs them in order
//! and [`report`] is what comes out. Nothing is dropped silently: whatever
//! cannot be placed is reported with its line, and every inference is
//! noted.

pub mod annotation;
pub mod body;
pub mod counts;
pub mod deadline_phrase;
pub mod decode;
pub mod docx;
pub mod findings;
pub mod header;
pub mod markers;
pub mod measures;
pub mod notice;
pub mod office;
pub mod report;
pub mod sections;
pub mod segments;
pub mod table;
pub mod unit_list;
pub mod units;

pub use notice::{ImportOptions, import};
pub use report::{Import, MeasureReport, Note, NoteKind, ProblemReport};
