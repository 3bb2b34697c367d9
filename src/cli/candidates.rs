//! What the shell completions offer for values that come from the
//! workspace: unit names and measure ids, read from the plan of the
//! workspace found from the current folder (or `RECTIFY_WORKSPACE`). A
//! folder without a readable plan offers nothing; completing never fails.

use crate::model::Plan;
use crate::read::Workspace;
use crate::read::workspace;
use clap_complete::engine::CompletionCandidate;
use std::path::PathBuf;

/// The plan of the workspace the completion is typed in, if there is one:
/// the one given with `-C` on the line being completed, or by
/// `RECTIFY_WORKSPACE`, or found from the current folder.
fn plan() -> Option<Plan> {
    let typed: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let explicit = given_workspace(&typed)
        .or_else(|| std::env::var_os("RECTIFY_WORKSPACE").map(PathBuf::from));
    let root = workspace::locate(explicit.as_deref()).ok()?;
    Workspace::open(&root).ok().map(|ws| ws.plan)
}

/// The folder named with `-C DIR`, `--workspace DIR` or `--workspace=DIR`
/// among the words of the line being completed (after `--`).
fn given_workspace(args: &[std::ffi::OsString]) -> Option<PathBuf> {
    let words = &args[args.iter().position(|a| a == "--")? + 1..];
    let mut found = None;
    for (k, w) in words.iter().enumerate() {
        let w = w.to_string_lossy();
        if w == "-C" || w == "--workspace" {
            found = words.get(k + 1).map(PathBuf::from);
        } else if let Some(dir) = w.strip_prefix("--workspace=") {
            found = Some(PathBuf::from(dir));
        } else if let Some(dir) = w.strip_prefix("-C").filter(|d| !d.is_empty()) {
            found = Some(PathBuf::from(dir));
        }
    }
    found
}

/// Every unit's name, then its other spellings (each said to be it).
pub fn units() -> Vec<CompletionCandidate> {
    let Some(plan) = plan() else {
        return Vec::new();
    };
    let names = plan
        .units
        .iter()
        .map(|(_, u)| CompletionCandidate::new(&u.name));
    let aliases = plan.units.iter().flat_map(|(_, u)| {
        u.aliases
            .iter()
            .map(|a| CompletionCandidate::new(a).help(Some(format!("即 {}", u.name).into())))
    });
    names.chain(aliases).collect()
}

/// Every measure's id, with its short title as help.
pub fn measures() -> Vec<CompletionCandidate> {
    let Some(plan) = plan() else {
        return Vec::new();
    };
    plan.measures
        .iter()
        .map(|m| CompletionCandidate::new(&m.id.0).help(Some(m.name().into())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<std::ffi::OsString> {
        line.split(' ').map(Into::into).collect()
    }

    #[test]
    fn a_workspace_typed_on_the_line_is_the_one_completed_in() {
        let got = |line: &str| given_workspace(&words(line));
        assert_eq!(got("rectify -- rectify -C /w log 1."), Some("/w".into()));
        assert_eq!(
            got("rectify -- rectify --workspace=/w show "),
            Some("/w".into())
        );
        assert_eq!(got("rectify -- rectify -C/w show "), Some("/w".into()));
        assert_eq!(got("rectify -- rectify log 1."), None);
        assert_eq!(got("rectify -C /w"), None);
    }
}
