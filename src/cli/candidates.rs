//! What the shell completions offer for values that come from the
//! workspace: unit names and measure ids, read from the plan of the
//! workspace found from the current folder (or `RECTIFY_WORKSPACE`). A
//! folder without a readable plan offers nothing; completing never fails.

use crate::model::Plan;
use crate::read::Workspace;
use crate::read::workspace;
use clap_complete::engine::CompletionCandidate;
use std::path::PathBuf;

/// The plan of the workspace the completion is typed in, if there is one.
fn plan() -> Option<Plan> {
    let explicit = std::env::var_os("RECTIFY_WORKSPACE").map(PathBuf::from);
    let root = workspace::locate(explicit.as_deref()).ok()?;
    Workspace::open(&root).ok().map(|ws| ws.plan)
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
