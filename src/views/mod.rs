//! Views: pure functions from a plan, its folded progress and a day to a
//! report (plain data). Rendering is elsewhere.

pub mod dashboard;
pub mod deadlines;
pub mod intake;
pub mod ledger;
pub mod missing;
pub mod overdue;
pub mod show;
pub mod status;
pub mod summary;
pub mod template;
pub mod units;

pub use status::MeasureRow;

#[cfg(test)]
pub(crate) mod fixture;
