//! Entry point: run, and turn an error into a message and an exit code
//! (1: the command was refused or found problems; 2, from the parser: the
//! command line itself was wrong).

use std::process::ExitCode;

fn main() -> ExitCode {
    match rectify::run(std::env::args_os()) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("错误: {}", rectify::io_error::chain(&err));
            ExitCode::from(1)
        }
    }
}
