//! Splits a list of units (市民政局、市财政局,各街道党工委和办事处).
//!
//! Separators are 、,,;; outside brackets. Names that contain a separator
//! (驻村工作队员派驻县、乡党委和政府) stay whole when the units file knows
//! them; a piece that does not end like a unit's name is reported as a
//! doubtful split.

use crate::punctuation;

/// How a unit's name usually ends.
const ENDINGS: [&str; 25] = [
    "局", "委", "办", "部", "会", "处", "院", "所", "队", "室", "府", "单位", "部门", "中心", "联",
    "厅", "组", "站", "社", "行", "公司", "街道", "乡镇", "团", "专班",
];

/// Whether `name` ends like the name of a unit.
pub fn looks_like_unit(name: &str) -> bool {
    let core = name.trim_end_matches(punctuation::is_right_paren);
    let core = match core.rfind(punctuation::is_left_paren) {
        Some(p) if core.len() != name.len() => &core[..p],
        _ => name,
    };
    ENDINGS.iter().any(|e| core.ends_with(e))
}

/// The result of splitting one list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Split {
    pub names: Vec<String>,
    /// Pieces that do not look like a unit: (piece, the list it came from).
    pub doubtful: Vec<String>,
}

/// Splits `list`, keeping every name in `whole` intact.
pub fn split(list: &str, whole: &[&str]) -> Split {
    // Protect known names: their separators do not split.
    let chars: Vec<char> = list.chars().collect();
    let mut protected = vec![false; chars.len()];
    for w in whole {
        let wc: Vec<char> = w.chars().collect();
        if wc.is_empty() {
            continue;
        }
        let mut i = 0;
        while i + wc.len() <= chars.len() {
            if chars[i..i + wc.len()] == wc[..] {
                protected[i..i + wc.len()]
                    .iter_mut()
                    .for_each(|p| *p = true);
                i += wc.len();
            } else {
                i += 1;
            }
        }
    }
    let mut pieces = Vec::new();
    let mut current = String::new();
    let mut depth = 0i32;
    for (&c, &keep) in chars.iter().zip(&protected) {
        match c {
            c if punctuation::is_left_paren(c) || matches!(c, '〔' | '【') => {
                depth += 1;
                current.push(c);
            }
            c if punctuation::is_right_paren(c) || matches!(c, '〕' | '】') => {
                depth -= 1;
                current.push(c);
            }
            c if !keep && depth <= 0 && is_separator(c) => {
                pieces.push(std::mem::take(&mut current))
            }
            c => current.push(c),
        }
    }
    pieces.push(current);
    let mut out = Split::default();
    for p in pieces {
        let name = p.trim_matches(|c: char| punctuation::is_trimmable(c) || c == '等');
        if name.is_empty() {
            continue;
        }
        if !looks_like_unit(name) && !whole.contains(&name) {
            out.doubtful.push(name.to_string());
        }
        if !out.names.iter().any(|n| n == name) {
            out.names.push(name.to_string());
        }
    }
    out
}

fn is_separator(c: char) -> bool {
    punctuation::is_list_separator(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_every_separator_and_dedups() {
        let s = split(
            "各街道党工委和办事处,市发展和改革局、市乡村振兴局;市发展和改革局",
            &[],
        );
        assert_eq!(
            s.names,
            vec!["各街道党工委和办事处", "市发展和改革局", "市乡村振兴局"]
        );
        assert!(s.doubtful.is_empty());
    }

    #[test]
    fn keeps_brackets_and_known_names_whole() {
        let s = split("市发展和改革局(市商务局、市粮食局)、市总工会", &[]);
        assert_eq!(
            s.names,
            vec!["市发展和改革局(市商务局、市粮食局)", "市总工会"]
        );
        let name = "驻村工作队员派驻县、乡党委和政府";
        let s = split(&format!("{name},乡村振兴局"), &[name]);
        assert_eq!(s.names, vec![name, "乡村振兴局"]);
        assert!(s.doubtful.is_empty());
    }

    #[test]
    fn doubtful_splits_are_reported() {
        let s = split("驻村工作队员派驻县、乡党委和政府,乡村振兴局", &[]);
        assert_eq!(s.names.len(), 3);
        assert_eq!(s.doubtful, vec!["驻村工作队员派驻县"]);
    }
}

#[cfg(test)]
mod full_width {
    use super::*;

    #[test]
    fn full_width_separators_and_brackets() {
        let s = split(
            "\u{FF08}x\u{FF09}市民政局\u{FF0C}市财政局\u{FF1B}市残联",
            &[],
        );
        assert_eq!(
            s.names,
            vec!["\u{FF08}x\u{FF09}市民政局", "市财政局", "市残联"]
        );
        let s = split(
            "市发展和改革局\u{FF08}市商务局、市粮食局\u{FF09}、市总工会",
            &[],
        );
        assert_eq!(s.names.len(), 2);
    }
}
