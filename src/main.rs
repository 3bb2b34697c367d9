//! Entry point: run, and turn an error into a message and an exit code.

use std::process::ExitCode;

fn main() -> ExitCode {
    match rectify::run(std::env::args_os()) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("错误: {err:#}");
            ExitCode::from(2)
        }
    }
}
