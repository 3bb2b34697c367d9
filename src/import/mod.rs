//! Import: a notice of the 整改方案 genre, as text, to a plan.
//!
//! Stages: [`decode`] bytes to text; [`notice`] finds the structure
//! (sections, problems, findings, measures) and the bracketed annotations;
//! [`annotation`] reads an annotation's labelled fields; [`unit_list`]
//! splits unit lists; [`deadline_phrase`] dates a deadline. Facts a notice
//! cannot tell (aliases, the office, names containing 、) come from a small
//! units file. Nothing is dropped silently: whatever cannot be placed is
//! reported with its line.

pub mod annotation;
pub mod deadline_phrase;
pub mod decode;
pub mod notice;
pub mod unit_list;

pub use notice::{Import, ImportOptions, import};
