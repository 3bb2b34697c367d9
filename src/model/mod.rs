//! The domain model, with no I/O.
//!
//! Outline:
//! - [`Plan`]: a rectification plan as issued — its problems ([`Problem`],
//!   each with [`Finding`]s by [`Level`]), its [`Unit`]s and its [`Measure`]s.
//! - A [`Measure`] is one bracketed annotation of the notice: lead and
//!   responsible units and a [`Deadline`], which is the wording verbatim plus
//!   the parsed [`Milestone`]s (each asks for phased results or completion)
//!   and whether the work is ongoing (长期坚持).
//! - An [`Entry`] is one dated record in a unit's ledger, with a
//!   [`Status`]; sign-off (销号) and reopening are entries of the office.
//! - [`progress`] folds entries into a measure's state on a given day:
//!   its status, which milestones are met, late or overdue, and its light.

pub mod admission;
pub mod correction;
pub mod deadline;
pub mod entry;
pub mod measure;
pub mod plan;
pub mod progress;
pub mod report_form;
pub mod status;
pub mod unit;
pub mod zone;

pub use correction::EntryId;
pub use deadline::{Deadline, Milestone, Requirement};
pub use entry::{Entry, Located, Origin};
pub use measure::{Measure, MeasureId};
pub use plan::{Finding, Level, Plan, Problem, ReportingRule};
pub use status::{MeasureStatus, Status};
pub use unit::{Unit, UnitId, Units};
pub use zone::Zone;
