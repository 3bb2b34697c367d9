//! Writing a whole output file safely: through a temporary file in the same
//! folder, synced and then renamed, so a crash or a full disk never leaves a
//! truncated file; an existing file is kept unless the caller forces it, and
//! the workspace's own data (the plan, units.toml, ledgers) is never a target.

use crate::diagnostic::{Diagnostic, Diagnostics};
use std::io::Write;
use std::path::{Path, PathBuf};

fn refusal(path: &Path, what: impl Into<String>, hint: &str) -> anyhow::Error {
    Diagnostics(vec![
        Diagnostic::error(what)
            .at(path.display().to_string(), None)
            .help(hint),
    ])
    .into()
}

/// Refuses a target that is the workspace's plan, units file or a ledger:
/// a `.toml` file in `root/plan` or `root/reports`.
pub fn guard(root: &Path, path: &Path) -> anyhow::Result<()> {
    let is_toml = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let (Ok(parent), Ok(root)) = (parent.canonicalize(), root.canonicalize()) else {
        return Ok(());
    };
    let data =
        parent == root.join("plan") || parent == root.join(crate::read::workspace::REPORTS_DIR);
    if is_toml && data {
        return Err(refusal(
            path,
            "这是工作区的计划、单位文件或台账,不能用导出结果覆盖",
            "换一个文件名或目录",
        ));
    }
    Ok(())
}

/// Writes `bytes` to `path` as a new file. With `force` an existing file is
/// replaced in one step; without it an existing file is left as it was.
pub fn write_new(path: &Path, bytes: &[u8], force: bool) -> anyhow::Result<()> {
    if !force && path.exists() {
        return Err(refusal(
            path,
            "文件已存在,未覆盖",
            "加 --force 覆盖,或换一个文件名",
        ));
    }
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let Some(name) = name else {
        return Err(refusal(path, "不是文件名", "写出一个文件名,如 台账.xlsx"));
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let written = write_synced(&tmp, bytes).and_then(|_| place(&tmp, path, force));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        let what = if e.kind() == std::io::ErrorKind::AlreadyExists {
            return Err(refusal(
                path,
                "文件已存在,未覆盖",
                "加 --force 覆盖,或换一个文件名",
            ));
        } else {
            format!("无法写入:{e}")
        };
        return Err(refusal(
            path,
            what,
            "检查目录是否存在、是否有写权限、磁盘是否已满",
        ));
    }
    Ok(())
}

/// Writes several new files into `dir` (made if missing), refusing before
/// writing any when one exists and `force` is not given.
pub fn write_all_new(dir: &Path, files: &[(PathBuf, Vec<u8>)], force: bool) -> anyhow::Result<()> {
    if !force && let Some((p, _)) = files.iter().find(|(p, _)| p.exists()) {
        return Err(refusal(
            p,
            "文件已存在,未覆盖任何文件",
            "加 --force 覆盖,或换一个目录",
        ));
    }
    if let Err(e) = std::fs::create_dir_all(dir) {
        return Err(refusal(
            dir,
            format!("无法创建目录:{e}"),
            "检查路径与写权限",
        ));
    }
    for (p, bytes) in files {
        write_new(p, bytes, force)?;
    }
    Ok(())
}

fn write_synced(tmp: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(tmp)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// Moves the finished temporary file into place. Without `force`, a hard
/// link refuses an existing target atomically; where links are not
/// supported (some shared folders), a checked rename is the fallback.
fn place(tmp: &Path, path: &Path, force: bool) -> std::io::Result<()> {
    if force {
        return std::fs::rename(tmp, path);
    }
    match std::fs::hard_link(tmp, path) {
        Ok(()) => std::fs::remove_file(tmp),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e),
        Err(_) if path.exists() => Err(std::io::ErrorKind::AlreadyExists.into()),
        Err(_) => std::fs::rename(tmp, path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_an_existing_file_unless_forced() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        write_new(&p, b"one", false).unwrap();
        let err = write_new(&p, b"two", false).unwrap_err().to_string();
        assert!(err.contains("文件已存在"), "{err}");
        assert_eq!(std::fs::read(&p).unwrap(), b"one");
        write_new(&p, b"two", true).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file left behind");
    }

    #[test]
    fn never_targets_the_plan_or_a_ledger() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("reports")).unwrap();
        std::fs::create_dir_all(dir.path().join("plan")).unwrap();
        let root = dir.path();
        assert!(guard(root, &root.join("plan/plan.toml")).is_err());
        assert!(guard(root, &root.join("reports/市水务局.toml")).is_err());
        assert!(guard(root, &root.join("台账.xlsx")).is_ok());
        assert!(guard(root, &root.join("reports/报告.docx")).is_ok());
    }
}
