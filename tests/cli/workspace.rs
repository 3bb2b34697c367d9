//! Finding and making workspaces.

use crate::harness::*;

#[test]
fn init_makes_a_workspace_with_the_shipped_plan() {
    let ws = Workspace::empty();
    let out = ws.run(&["init", "anning"]);
    out.ok();
    assert_eq!(ws.read("anning/plan/plan.toml"), shipped_plan());
    assert!(ws.path().join("anning/reports").is_dir());
    assert_eq!(
        out.stderr,
        "已建立工作区 anning: 12 个问题、52 条措施、30 个单位。下一步: rectify -C anning status\n"
    );
    // -C points at it; so does RECTIFY_WORKSPACE.
    ws.run(&["-C", "anning", "status", "--as-of", "2022-07-01"])
        .ok();
    let out = ws
        .command(&["overdue", "--as-of", "2022-07-01", "--format", "json"])
        .env("RECTIFY_WORKSPACE", ws.path().join("anning"))
        .output()
        .expect("run");
    assert!(out.status.success());
    // Found from a subfolder too.
    let mut c = ws.command(&["units"]);
    c.current_dir(ws.path().join("anning/reports"));
    assert!(c.output().expect("run").status.success());
}

#[test]
fn init_refuses_to_overwrite_or_to_copy_a_bad_plan() {
    let ws = Workspace::empty();
    ws.run(&["init", "a"]).ok();
    let err = ws.refused(&["init", "a"]);
    assert_eq!(err, "错误: a/plan/plan.toml 已存在;不会覆盖已有的工作区\n");
    ws.write("bad.toml", "[plan]\ntitle = 1\n");
    let err = ws.refused(&["init", "b", "--plan", "bad.toml"]);
    assert!(
        err.starts_with("错误: bad.toml:2: 计划文件不是有效的 TOML"),
        "{err}"
    );
    assert!(!ws.path().join("b").exists());
}

#[test]
fn outside_a_workspace_the_error_says_what_to_do() {
    let ws = Workspace::empty();
    let err = ws.refused(&["status"]);
    assert!(err.contains("找不到 plan/plan.toml"), "{err}");
    assert!(err.contains("rectify init 目录"), "{err}");
}
