//! The plan's units: names as the notice spells them, made canonical by the
//! units file, interned once each; the office; two spellings of one unit.

use super::unit_list::{self, Split};
use crate::model::{Unit, UnitId, Units};
use crate::punctuation;
use std::collections::HashMap;

/// The units met so far, in order of first appearance.
pub struct UnitTable {
    pub units: Vec<Unit>,
    index: HashMap<String, UnitId>,
    file: Units,
    /// Names in the units file that contain a list separator.
    whole: Vec<String>,
}

impl UnitTable {
    pub fn new(file: Units) -> UnitTable {
        let whole = file
            .iter()
            .flat_map(|(_, u)| u.spellings())
            .filter(|s| s.contains(punctuation::is_list_separator))
            .map(str::to_string)
            .collect();
        UnitTable {
            units: Vec::new(),
            index: HashMap::new(),
            file,
            whole,
        }
    }

    /// Splits a list, keeping the units file's names whole.
    pub fn split(&self, list: &str) -> Split {
        let whole: Vec<&str> = self.whole.iter().map(String::as_str).collect();
        unit_list::split(list, &whole)
    }

    /// The id of `name`, adding the unit when it is new.
    pub fn intern(&mut self, name: &str) -> UnitId {
        let canonical = match self.file.exact(name) {
            Some(id) => self.file.get(id).clone(),
            None => {
                let mut u = Unit::new(name);
                u.group = name.starts_with('各');
                u
            }
        };
        if let Some(&id) = self.index.get(&canonical.name) {
            return id;
        }
        let id = UnitId(self.units.len());
        self.index.insert(canonical.name.clone(), id);
        self.units.push(canonical);
        id
    }

    /// Adds the office: the units file's, else the one the notice names.
    /// Returns its id and whether it also names a unit of some measure.
    pub fn add_office(
        &mut self,
        named: Option<(String, Option<String>)>,
    ) -> Option<(UnitId, bool)> {
        let unit = match (self.file.office(), named) {
            (Some(id), Some((name, _))) => {
                let mut u = self.file.get(id).clone();
                if u.name != name && !u.aliases.contains(&name) {
                    u.aliases.push(name);
                }
                u
            }
            (Some(id), None) => self.file.get(id).clone(),
            (None, Some((name, note))) => {
                let mut u = Unit::new(&name);
                u.office = true;
                u.note = note;
                u
            }
            (None, None) => return None,
        };
        let also_measure_unit = self.index.contains_key(&unit.name);
        self.units.push(unit);
        Some((UnitId(self.units.len() - 1), also_measure_unit))
    }

    /// Adds the units file's units that no measure names, and returns the
    /// pairs of names that look like two spellings of one unit.
    pub fn finish(mut self) -> (Vec<Unit>, Vec<(String, String)>) {
        for (_, u) in self.file.iter() {
            if !self.units.iter().any(|x| x.name == u.name) {
                self.units.push(u.clone());
            }
        }
        let pairs = likely_aliases(&self.units, &self.file);
        (self.units, pairs)
    }
}

/// A name reduced to what two spellings of one unit share: without the
/// 市 prefix, 和, a trailing 分局's 分, and anything in brackets.
fn core_name(name: &str) -> String {
    let mut depth = 0;
    let mut out = String::new();
    for c in name.chars() {
        if punctuation::is_left_paren(c) {
            depth += 1;
        } else if punctuation::is_right_paren(c) {
            depth -= 1;
        } else if depth == 0 && c != '和' {
            out.push(c);
        }
    }
    let out = out.strip_prefix('市').unwrap_or(&out).to_string();
    out.replace("分局", "局")
}

/// Pairs of units the notice names differently that look like one unit,
/// unless the units file already says what they are.
fn likely_aliases(units: &[Unit], file_units: &Units) -> Vec<(String, String)> {
    let mut by_core: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, u) in units.iter().enumerate() {
        by_core.entry(core_name(&u.name)).or_default().push(i);
    }
    let mut out = Vec::new();
    for (i, a) in units.iter().enumerate() {
        for &j in &by_core[&core_name(&a.name)] {
            let b = &units[j];
            if j <= i || a.name == b.name {
                continue;
            }
            if file_units.exact(&a.name).is_some() && file_units.exact(&b.name).is_some() {
                continue;
            }
            out.push((a.name.clone(), b.name.clone()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn likely_aliases_are_noticed() {
        let names = [
            "市乡村振兴局",
            "乡村振兴局",
            "市发展改革局",
            "市发展和改革局(市商务局)",
            "市生态环境分局",
            "市生态环境局",
            "市水务局",
        ];
        let units: Vec<Unit> = names.iter().map(|n| Unit::new(n)).collect();
        let pairs = likely_aliases(&units, &Units::default());
        assert_eq!(pairs.len(), 3, "{pairs:?}");
        let known = Units::new(vec![Unit::new("市乡村振兴局"), Unit::new("乡村振兴局")]);
        assert_eq!(likely_aliases(&units, &known).len(), 2);
    }
}
