//! `rectify reopen ID`: the office reopens a signed-off measure.

use super::Context;
use crate::cli::OfficeArgs;
use crate::model::Status;
use anyhow::Result;
use std::process::ExitCode;

pub fn run(ctx: &Context, args: &OfficeArgs) -> Result<ExitCode> {
    super::signoff::record(ctx, args, Status::Reopened)
}
