//! `units`: each unit with what it leads, shares, and has recorded.

use crate::model::Plan;
use crate::model::progress::Progress;
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct UnitRow {
    pub name: String,
    pub aliases: Vec<String>,
    pub office: bool,
    pub group: bool,
    pub leads: usize,
    pub shares: usize,
    pub entries: usize,
}

pub fn build(plan: &Plan, progress: &Progress) -> Vec<UnitRow> {
    plan.units
        .iter()
        .map(|(id, u)| UnitRow {
            name: u.name.clone(),
            aliases: u.aliases.clone(),
            office: u.office,
            group: u.group,
            leads: plan
                .measures
                .iter()
                .filter(|m| m.lead.contains(&id))
                .count(),
            shares: plan
                .measures
                .iter()
                .filter(|m| m.responsible.contains(&id))
                .count(),
            entries: progress.entries_by_unit.get(id.0).copied().unwrap_or(0),
        })
        .collect()
}
