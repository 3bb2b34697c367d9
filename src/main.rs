//! Entry point: run, and turn an error into a message and an exit code
//! (1: the command was refused or found problems; 2, from the parser: the
//! command line itself was wrong).

use std::process::ExitCode;

fn main() -> ExitCode {
    // A write past a size limit (`ulimit -f`) must fail the write, so the
    // append is cut back, instead of killing the process mid-entry.
    #[cfg(unix)]
    // SAFETY: setting a signal's disposition to "ignore" at start-up, before
    // any thread exists, has no memory effects.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
    match rectify::run(std::env::args_os()) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("错误: {}", rectify::io_error::chain(&err));
            ExitCode::from(1)
        }
    }
}
