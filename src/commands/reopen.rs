//! `rectify reopen ID`: the office reopens a signed-off measure.

use super::Context;
use crate::cli::OfficeOpts;
use crate::model::Status;
use anyhow::Result;
use std::process::ExitCode;

pub fn run(ctx: &Context, o: OfficeOpts) -> Result<ExitCode> {
    super::signoff::record(ctx, o, Status::Reopened)
}
