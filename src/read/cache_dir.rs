//! The workspace's cache folder, `.rectify/cache/`, as both caches (the
//! facts per ledger and the parsed plan) use it: read and written only when
//! `.rectify` and `.rectify/cache` are real folders inside the workspace
//! (a link there is never followed, so a cache is never read from or
//! written outside the workspace), files read only when regular and under
//! a cap (a pipe or a device in a cache file's place is never waited on),
//! and written through a temporary file and a rename (not synced: a cache
//! lost in a crash is rebuilt). Any failure means no
//! cache, never an error.

use super::regular_file;
use std::path::{Path, PathBuf};

/// The cache folder, relative to the workspace.
pub const CACHE_DIR: &str = ".rectify/cache";
/// The folder that holds it, with its `.gitignore`.
const TOP: &str = ".rectify";

/// Whether `path` is absent or a real folder (not a link).
fn real_or_absent(path: &Path) -> bool {
    match std::fs::symlink_metadata(path) {
        Ok(m) => m.file_type().is_dir(),
        Err(e) => e.kind() == std::io::ErrorKind::NotFound,
    }
}

/// The cache folder of the workspace at `root`, if it may be used.
fn folder(root: &Path) -> Option<PathBuf> {
    (real_or_absent(&root.join(TOP)) && real_or_absent(&root.join(CACHE_DIR)))
        .then(|| root.join(CACHE_DIR))
}

/// The bytes of cache file `name`, if it is a regular file of at most
/// `limit` bytes in a usable cache folder.
pub fn load(root: &Path, name: &str, limit: u64) -> Option<Vec<u8>> {
    regular_file::read(&folder(root)?.join(name), limit).ok()
}

/// Writes cache file `name` (creating the folders, and a `.gitignore` that
/// keeps them out of git); silently nothing when it cannot.
pub fn store(root: &Path, name: &str, bytes: &[u8]) {
    let Some(dir) = folder(root) else {
        return;
    };
    if std::fs::create_dir_all(&dir).is_err() || folder(root).is_none() {
        return;
    }
    let ignore = root.join(TOP).join(".gitignore");
    if std::fs::symlink_metadata(&ignore).is_err() {
        let _ = std::fs::write(ignore, "# rectify 的缓存，可随时删除\n*\n");
    }
    let file = dir.join(name);
    // A cache file that is not a regular file is left alone.
    if std::fs::symlink_metadata(&file).is_ok_and(|m| !m.file_type().is_file()) {
        return;
    }
    // Through a temporary file and a rename, so a reader never sees half a
    // cache; not synced, since a cache lost in a crash is only rebuilt.
    let written = tempfile::Builder::new()
        .prefix(".rectify-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .and_then(|mut tmp| {
            std::io::Write::write_all(&mut tmp, bytes)?;
            tmp.persist(&file).map_err(|e| e.error)
        });
    drop(written);
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::FileTypeExt;

    #[test]
    fn a_link_in_place_of_the_folders_is_never_followed() {
        let root = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(outside.path(), root.path().join(TOP)).unwrap();
        store(root.path(), "x.bin", b"cache");
        assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
        std::fs::write(outside.path().join("x.bin"), b"planted").unwrap();
        assert_eq!(load(root.path(), "x.bin", 1 << 20), None);
    }

    #[test]
    fn a_pipe_in_place_of_a_cache_file_is_not_waited_on() {
        let root = tempfile::tempdir().unwrap();
        store(root.path(), "x.bin", b"cache");
        assert_eq!(
            load(root.path(), "x.bin", 1 << 20).as_deref(),
            Some(&b"cache"[..])
        );
        let file = root.path().join(CACHE_DIR).join("x.bin");
        std::fs::remove_file(&file).unwrap();
        let made = std::process::Command::new("mkfifo")
            .arg(&file)
            .status()
            .unwrap();
        assert!(made.success());
        assert_eq!(load(root.path(), "x.bin", 1 << 20), None);
        store(root.path(), "x.bin", b"again");
        assert!(
            std::fs::symlink_metadata(&file)
                .unwrap()
                .file_type()
                .is_fifo()
        );
    }
}
