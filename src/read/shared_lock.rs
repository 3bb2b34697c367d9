//! Readers wait for a writer: `log` holds an exclusive lock on a ledger
//! while it appends. On Windows that lock is mandatory and a read of the
//! locked file fails, so a reader takes a shared lock first, waiting
//! briefly while `log` finishes.

use crate::diagnostic::Diagnostic;
use std::fs::{File, TryLockError};
use std::time::{Duration, Instant};

/// How long a reader waits for a writer before giving up.
pub const PATIENCE: Duration = Duration::from_secs(5);

/// Takes a shared lock on `file` (released when it is closed), waiting up
/// to [`PATIENCE`]. A file system without locks is read as it is.
pub fn wait_shared(file: &File) -> Result<(), Diagnostic> {
    let start = Instant::now();
    loop {
        match file.try_lock_shared() {
            Ok(()) => return Ok(()),
            Err(TryLockError::WouldBlock) if start.elapsed() < PATIENCE => {
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(TryLockError::WouldBlock) => {
                return Err(Diagnostic::error(format!(
                    "正被其他程序写入,等待 {} 秒后仍未结束",
                    PATIENCE.as_secs()
                ))
                .help("稍后再试;若一直如此,检查是否有卡住的 rectify log"));
            }
            // Locks unsupported (some network shares): read without one.
            Err(TryLockError::Error(_)) => return Ok(()),
        }
    }
}
