//! The parsed-plan cache (`.rectify/cache/plan.bin`): never changes an
//! answer, notices any edit of the plan, and is written only by a command
//! that succeeded.

use crate::harness::Workspace;
use std::path::Path;

const CACHE: &str = ".rectify/cache/plan.bin";

/// Every command that reads the plan, as a person would run them.
const VIEWS: &[&[&str]] = &[
    &["status", "--as-of", "2022-12-31"],
    &["status", "--as-of", "2022-12-31", "--format", "json"],
    &["overdue", "--as-of", "2022-12-31"],
    &["deadlines", "--as-of", "2022-08-01"],
    &["units", "--as-of", "2022-12-31"],
    &["missing", "--as-of", "2022-12-31"],
    &["show", "1.1", "--as-of", "2022-12-31"],
    &["summary", "--month", "2022-07", "--as-of", "2022-07-31"],
    &["check"],
];

fn logged() -> Workspace {
    let ws = Workspace::new();
    ws.log("1.1", "市农业农村局", "phased", "已完成示范村排查")
        .ok();
    ws.log("1.2", "市水务局", "in_progress", "排查中").ok();
    ws
}

/// Each view's stdout, stderr and exit code.
fn outputs(ws: &Workspace) -> Vec<(String, String, i32)> {
    VIEWS
        .iter()
        .map(|args| {
            let out = ws.run(args);
            (out.stdout, out.stderr, out.code)
        })
        .collect()
}

#[test]
fn cached_and_uncached_runs_answer_byte_for_byte_alike() {
    let ws = logged();
    std::fs::remove_dir_all(ws.path().join(".rectify")).unwrap();
    let uncached: Vec<_> = VIEWS
        .iter()
        .map(|args| {
            let _ = std::fs::remove_file(ws.path().join(CACHE));
            let out = ws.run(args);
            (out.stdout, out.stderr, out.code)
        })
        .collect();
    assert!(ws.path().join(CACHE).is_file(), "a view stores the cache");
    let stored = ws.read_bytes(CACHE);
    assert_eq!(outputs(&ws), uncached);
    assert_eq!(ws.read_bytes(CACHE), stored, "a matching cache is kept");
}

/// Replaces `from` with `to` (same length in bytes) in the plan, keeping
/// its size and modification time.
fn edit_in_place(ws: &Workspace, from: &str, to: &str) {
    assert_eq!(from.len(), to.len());
    let path = ws.path().join("plan/plan.toml");
    let mtime = std::fs::metadata(&path).unwrap().modified().unwrap();
    let text = ws.read("plan/plan.toml");
    assert!(text.contains(from), "{from}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    let file = std::fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(mtime).unwrap();
    drop(file);
    let after = std::fs::metadata(&path).unwrap();
    assert_eq!(after.modified().unwrap(), mtime);
    assert_eq!(after.len() as usize, text.len());
}

#[test]
fn a_hand_edit_keeping_size_and_time_is_noticed() {
    let ws = logged();
    ws.run(&["show", "1.1"]).ok();
    assert!(ws.path().join(CACHE).is_file());
    edit_in_place(&ws, "示范创建", "示范建设");
    let shown = ws.run(&["show", "1.1"]);
    assert!(shown.ok().stdout.contains("示范建设"), "{}", shown.stdout);
    // An edit that breaks the plan is reported exactly as without a cache.
    edit_in_place(&ws, "problem = 1\n", "problem = 0\n");
    let cached = ws.refused(&["status"]);
    std::fs::remove_dir_all(ws.path().join(".rectify")).unwrap();
    let uncached = ws.refused(&["status"]);
    assert_eq!(cached, uncached);
    assert!(
        cached.contains("plan/plan.toml:275") && cached.contains("所属的问题 0 不存在"),
        "{cached}"
    );
}

#[test]
fn a_plan_with_errors_is_never_cached() {
    let ws = Workspace::with_plan(
        &crate::harness::shipped_plan().replace("problem = 1\n", "problem = 0\n"),
    );
    ws.refused(&["status"]);
    assert!(!ws.path().join(CACHE).exists());
}

#[test]
fn a_refused_command_stores_no_cache() {
    let ws = logged();
    std::fs::remove_dir_all(ws.path().join(".rectify")).unwrap();
    ws.refused(&[
        "log",
        "9.9",
        "--unit",
        "市水务局",
        "--status",
        "done",
        "--progress",
        "x",
    ]);
    ws.refused(&["show", "9.9"]);
    assert!(!ws.path().join(CACHE).exists());
}

#[test]
fn a_damaged_or_unwritable_cache_changes_nothing() {
    let ws = logged();
    std::fs::remove_dir_all(ws.path().join(".rectify")).unwrap();
    let fresh = outputs(&ws);
    let stored = ws.read_bytes(CACHE);
    // Garbage, a cache cut short, a cache for another plan.
    for bytes in [
        b"garbage".to_vec(),
        stored[..stored.len() / 2].to_vec(),
        Vec::new(),
    ] {
        std::fs::write(ws.path().join(CACHE), &bytes).unwrap();
        assert_eq!(outputs(&ws), fresh);
        assert_eq!(ws.read_bytes(CACHE), stored, "rewritten");
    }
    // No folder can be made for it: a file stands where it would go.
    std::fs::remove_dir_all(ws.path().join(".rectify")).unwrap();
    std::fs::write(ws.path().join(".rectify"), b"").unwrap();
    assert_eq!(outputs(&ws), fresh);
    assert!(Path::new(&ws.path().join(".rectify")).is_file());
}

#[cfg(unix)]
#[test]
fn a_pipe_or_a_link_in_place_of_the_cache_is_not_read() {
    let ws = logged();
    std::fs::remove_dir_all(ws.path().join(".rectify")).unwrap();
    let fresh = outputs(&ws);
    std::fs::remove_file(ws.path().join(CACHE)).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(ws.path().join(CACHE))
        .status()
        .unwrap();
    assert!(made.success());
    // It would block a reader forever.
    assert_eq!(outputs(&ws), fresh);
    std::fs::remove_file(ws.path().join(CACHE)).unwrap();
    std::os::unix::fs::symlink("/dev/zero", ws.path().join(CACHE)).unwrap();
    assert_eq!(outputs(&ws), fresh);
}
