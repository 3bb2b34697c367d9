//! Opens a file for reading only when it is a regular file: a symbolic link
//! is never followed (a peer office can plant one through git), a FIFO never
//! blocks the reader, and what is read is capped, so a link to `/dev/zero`
//! or a huge stray file cannot exhaust memory.

use crate::diagnostic::Diagnostic;
use std::fs::{File, Metadata, OpenOptions};
use std::io::Read;
use std::path::Path;

/// The most read from one ledger.
pub const LEDGER_LIMIT: u64 = 1 << 30;
/// The most read from a plan file.
pub const PLAN_LIMIT: u64 = 64 << 20;

fn kind_of(meta: &Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_symlink() {
        return "符号链接";
    }
    if t.is_dir() {
        return "目录";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "命名管道";
        }
        if t.is_socket() {
            return "套接字";
        }
        if t.is_block_device() || t.is_char_device() {
            return "设备文件";
        }
    }
    "特殊文件"
}

fn not_regular(kind: &str) -> Diagnostic {
    Diagnostic::error(format!("不是普通文件（是{kind}），为安全起见不予读取"))
        .help("把它换成普通文件；若是通过共享文件夹或 git 带入的链接，请删除后重新放入原文件")
}

fn io_error(e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(format!("无法读取：{}", crate::io_error::describe(e)))
}

/// Opens `path` for reading if it is a regular file (not through a link).
pub fn open(path: &Path) -> Result<(File, Metadata), Diagnostic> {
    let meta = std::fs::symlink_metadata(path).map_err(|e| io_error(&e))?;
    if !meta.file_type().is_file() {
        return Err(not_regular(kind_of(&meta)));
    }
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // The link check above races with a rename; these flags close it.
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    #[cfg(windows)]
    {
        use std::os::windows::fs::OpenOptionsExt;
        const FILE_FLAG_OPEN_REPARSE_POINT: u32 = 0x0020_0000;
        options.custom_flags(FILE_FLAG_OPEN_REPARSE_POINT);
    }
    let file = options.open(path).map_err(|e| io_error(&e))?;
    let meta = file.metadata().map_err(|e| io_error(&e))?;
    if !meta.file_type().is_file() {
        return Err(not_regular(kind_of(&meta)));
    }
    // While `log` appends, wait for it (on Windows its lock is mandatory).
    super::shared_lock::wait_shared(&file)?;
    Ok((file, meta))
}

/// Reads a regular file whole, refusing one larger than `limit` bytes.
pub fn read(path: &Path, limit: u64) -> Result<Vec<u8>, Diagnostic> {
    read_with_metadata(path, limit).map(|(bytes, _)| bytes)
}

/// [`read`], with the metadata of the file that was read.
pub fn read_with_metadata(path: &Path, limit: u64) -> Result<(Vec<u8>, Metadata), Diagnostic> {
    let (file, meta) = open(path)?;
    let too_large = || {
        Diagnostic::error(format!("文件超过 {} MiB 的读取上限，不予读取", limit >> 20))
            .help("检查该文件是否放错了位置；台账和计划文件不会这么大")
    };
    if meta.len() > limit {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(&e))?;
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    Ok((bytes, meta))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_regular_file_up_to_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        std::fs::write(&path, b"0123456789").unwrap();
        assert_eq!(read(&path, 10).unwrap(), b"0123456789");
        let e = read(&path, 9).unwrap_err();
        assert!(e.message.contains("读取上限"), "{e}");
        let e = read(dir.path(), 10).unwrap_err();
        assert!(e.message.contains("目录"), "{e}");
        assert!(read(&dir.path().join("none"), 10).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn refuses_links_and_fifos_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("t.toml");
        std::fs::write(&target, b"x").unwrap();
        let link = dir.path().join("l.toml");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let e = read(&link, 10).unwrap_err();
        assert!(e.message.contains("符号链接"), "{e}");
        let zero = dir.path().join("z.toml");
        std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
        assert!(read(&zero, 10).unwrap_err().message.contains("符号链接"));
        let fifo = dir.path().join("f.toml");
        let status = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(status.success());
        let e = read(&fifo, 10).unwrap_err();
        assert!(e.message.contains("命名管道"), "{e}");
    }
}
