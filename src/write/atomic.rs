//! Files written whole (the plan, reports, exports): written to a
//! temporary file in the same folder, synced, then renamed over the target,
//! so a crash or a full disk leaves either the old file or the new one,
//! never a truncated one. An output never replaces the workspace's own
//! files (the plan, the units file, a ledger) and never replaces an
//! existing file unless asked to.

use crate::diagnostic::Diagnostic;
use crate::io_error::describe as io_reason;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically (replacing it if it exists).
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let shown = path.display().to_string();
    let fail = |what: &str, e: std::io::Error| {
        Diagnostic::error(format!("无法{what}:{}", io_reason(&e))).at(shown.clone(), None)
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    // A new file takes the usual mode (0666 less the umask, as any program
    // makes it), not the temporary file's private 0600, so other offices
    // and a web server can read it; a replaced file keeps its own mode.
    let existing = std::fs::metadata(path).ok().map(|m| m.permissions());
    let mut builder = tempfile::Builder::new();
    builder.prefix(".rectify-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder
        .tempfile_in(&dir)
        .map_err(|e| fail("写入", e).help("检查所在目录是否存在、是否有写入权限"))?;
    if let Some(perms) = existing {
        tmp.as_file()
            .set_permissions(perms)
            .map_err(|e| fail("写入", e))?;
    }
    tmp.write_all(bytes).map_err(|e| fail("写入", e))?;
    tmp.as_file().sync_all().map_err(|e| fail("写入磁盘", e))?;
    tmp.persist(path).map_err(|e| fail("保存", e.error))?;
    // The rename is durable once the folder is synced (best effort: not
    // every system lets a folder be opened).
    if let Ok(d) = std::fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Where a command may write an output file: refuses the workspace's own
/// files always, and an existing file unless `force`.
pub fn check_output(path: &Path, workspace: Option<&Path>, force: bool) -> Result<(), Diagnostic> {
    let shown = format!("-o {}", path.display());
    if let Some(root) = workspace
        && let Some(place) = workspace_file(path, root)
    {
        let message = match (path.exists(), place) {
            (true, _) => "这是计划、单位文件或台账,不能用报告覆盖",
            (false, Place::Reports) => "reports/ 只放各单位的台账,报告不能写在这里",
            (false, Place::Plan) => "这是计划或单位文件的位置,报告不能写在这里",
        };
        return Err(Diagnostic::error(message)
            .at(shown, None)
            .help("换一个文件名,写到工作区的其他文件夹"));
    }
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => Err(Diagnostic::error("是目录而不是文件").at(shown, None)),
        // Written through a temporary file and a rename, a link or a device
        // would be replaced by a plain file: refused, even with --force.
        Ok(m) if !m.is_file() => Err(Diagnostic::error(
            "不是普通文件(符号链接、设备或管道),不会写入或替换",
        )
        .at(shown, None)
        .help("写到一个普通文件;要在屏幕上看,去掉 -o")),
        Ok(_) if !force => Err(Diagnostic::error("文件已存在,未覆盖")
            .at(shown, None)
            .help("确需覆盖请加 --force,或换一个文件名")),
        _ => Ok(()),
    }
}

/// Writes an output file after [`check_output`].
pub fn write_output(
    path: &Path,
    bytes: &[u8],
    workspace: Option<&Path>,
    force: bool,
) -> Result<(), Diagnostic> {
    check_output(path, workspace, force)?;
    write(path, bytes)
}

/// Writes several output files into `dir` (made if missing): every file is
/// checked first, so a refusal writes none of them.
pub fn write_outputs(
    dir: &Path,
    files: &[(PathBuf, Vec<u8>)],
    workspace: Option<&Path>,
    force: bool,
) -> Result<(), Diagnostic> {
    for (path, _) in files {
        check_output(path, workspace, force)?;
    }
    std::fs::create_dir_all(dir).map_err(|e| {
        Diagnostic::error(format!("无法创建目录:{}", io_reason(&e)))
            .at(dir.display().to_string(), None)
    })?;
    for (path, bytes) in files {
        write(path, bytes)?;
    }
    Ok(())
}

/// Which of the workspace's own files `path` is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// The plan or the units file.
    Plan,
    /// Anything in `reports/`.
    Reports,
}

/// Whether `path` is the plan, the units file, or anything in `reports/`.
fn workspace_file(path: &Path, root: &Path) -> Option<Place> {
    let canonical = |p: &Path| -> Option<PathBuf> {
        // The file may not exist yet: canonicalize its folder.
        let dir = p
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        Some(dir.canonicalize().ok()?.join(p.file_name()?))
    };
    let (Some(target), Ok(root)) = (canonical(path), root.canonicalize()) else {
        return None;
    };
    let reports = root.join(crate::read::workspace::REPORTS_DIR);
    if target.starts_with(&reports) {
        Some(Place::Reports)
    } else if target == root.join(crate::read::workspace::PLAN_FILE)
        || target == root.join(crate::read::workspace::UNITS_FILE)
    {
        Some(Place::Plan)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_workspace_files_and_existing_outputs() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("plan")).unwrap();
        std::fs::create_dir_all(root.join("reports")).unwrap();
        std::fs::write(root.join("plan/plan.toml"), "x").unwrap();
        let plan = root.join("plan/plan.toml");
        assert!(check_output(&plan, Some(root), true).is_err());
        assert!(check_output(&root.join("reports/新.toml"), Some(root), true).is_err());
        let out = root.join("out.txt");
        assert!(check_output(&out, Some(root), false).is_ok());
        write(&out, "甲".as_bytes()).unwrap();
        assert!(check_output(&out, Some(root), false).is_err());
        assert!(check_output(&out, Some(root), true).is_ok());
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "甲");
    }

    #[cfg(unix)]
    #[test]
    fn new_files_follow_the_umask_and_replaced_files_keep_their_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let new = dir.path().join("新.txt");
        write(&new, b"x").unwrap();
        // 0666 less the process's umask (Linux says it in /proc).
        let umask = std::fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|s| {
                let line = s.lines().find(|l| l.starts_with("Umask:"))?;
                u32::from_str_radix(line.split_whitespace().nth(1)?, 8).ok()
            });
        if let Some(umask) = umask {
            assert_eq!(mode(&new), 0o666 & !umask, "{:o}", mode(&new));
        }
        let kept = dir.path().join("旧.txt");
        std::fs::write(&kept, b"old").unwrap();
        std::fs::set_permissions(&kept, std::fs::Permissions::from_mode(0o664)).unwrap();
        write(&kept, b"new").unwrap();
        assert_eq!(mode(&kept), 0o664);
    }
}
