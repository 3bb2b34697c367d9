//! The command line: one typed clap tree ([`args`]), value parsers for what
//! a person types ([`value`]), and clap's words in Chinese ([`help`]).

pub mod args;
pub mod candidates;
pub mod help;
pub mod value;

pub use args::*;

use clap::{CommandFactory, FromArgMatches};
use std::ffi::OsString;

/// The whole command tree, its help in Chinese.
pub fn command() -> clap::Command {
    help::localize(Arguments::command())
}

/// What parsing the command line came to.
pub enum Parsed {
    Run(Box<Arguments>),
    /// Help or version on standard output: exit 0.
    Shown(String),
    /// A usage error in Chinese (or help when nothing was asked): exit 2.
    Refused(String),
}

/// Parses `argv` (program name first).
pub fn parse(argv: Vec<OsString>) -> Parsed {
    let cmd = command();
    let words: Vec<String> = argv
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let result = cmd
        .clone()
        .try_get_matches_from(&argv)
        .and_then(|m| Arguments::from_arg_matches(&m));
    match result {
        Ok(a) => Parsed::Run(Box::new(a)),
        Err(e) => match e.kind() {
            clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                Parsed::Shown(e.render().to_string())
            }
            clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                Parsed::Refused(e.render().to_string())
            }
            _ => Parsed::Refused(format!("错误: {}\n", help::error_message(&e, &cmd, &words))),
        },
    }
}
