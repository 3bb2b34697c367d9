//! Units: the bodies a plan names, with the other spellings the notice uses.

use serde::Serialize;

/// Index of a unit in [`Units`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct UnitId(pub usize);

/// One unit: a city bureau, the streets as a group, or the leading group office.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// Canonical name; also the ledger's file name (`reports/<name>.toml`).
    pub name: String,
    /// Other spellings the notice uses for the same unit.
    pub aliases: Vec<String>,
    /// The leading group office, which receives reports and signs off.
    pub office: bool,
    /// A collective name (各街道党工委和办事处) rather than one body.
    pub group: bool,
    /// Free text, e.g. which bureau hosts the office.
    pub note: Option<String>,
}

impl Unit {
    pub fn new(name: &str) -> Unit {
        Unit {
            name: name.to_string(),
            aliases: Vec::new(),
            office: false,
            group: false,
            note: None,
        }
    }

    /// The canonical name and every alias.
    pub fn spellings(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// Full-width ASCII forms (（）、ＡＢＣ、１２３) as their half-width letters.
fn fold_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}

/// Why a unit name is not acceptable as a file name.
pub fn name_problem(name: &str) -> Option<&'static str> {
    if name.trim().is_empty() {
        Some("单位名称为空")
    } else if name.contains('/') || name.contains('\\') {
        Some("单位名称不能包含路径分隔符 / 或 \\")
    } else if name.chars().any(char::is_control) {
        Some("单位名称不能包含控制字符")
    } else if name == "." || name == ".." || name.starts_with('.') {
        Some("单位名称不能以 . 开头")
    } else if name != name.trim() {
        Some("单位名称首尾不能有空白")
    } else if name.contains(['*', '?', ':', '"', '<', '>', '|']) {
        Some("单位名称不能包含 Windows 文件名不允许的字符 * ? : \" < > |")
    } else if name.ends_with('.') {
        Some("单位名称不能以 . 结尾(Windows 会去掉它)")
    } else if windows_reserved(name) {
        Some("单位名称是 Windows 保留的设备名(CON、PRN、AUX、NUL、COM1…、LPT1…)")
    } else if name.len() > MAX_NAME_BYTES {
        Some("单位名称太长:台账文件名(名称加 .toml)不能超过 255 字节")
    } else {
        None
    }
}

/// The longest unit name whose ledger file name (`<name>.toml`) fits the
/// 255 bytes every file system allows.
pub const MAX_NAME_BYTES: usize = 255 - ".toml".len();

/// Whether `name` (before any extension) is a device name Windows reserves.
fn windows_reserved(name: &str) -> bool {
    let stem = name
        .split('.')
        .next()
        .unwrap_or(name)
        .trim()
        .to_ascii_uppercase();
    matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ["COM", "LPT"].iter().any(|p| {
            stem.strip_prefix(p)
                .is_some_and(|n| n.len() == 1 && n.as_bytes()[0].is_ascii_digit() && n != "0")
        })
}

/// The outcome of looking a name up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    Found(UnitId),
    /// Several units match a partial name.
    Ambiguous(Vec<UnitId>),
    /// Nothing matches; the nearest names, best first.
    Unknown(Vec<UnitId>),
}

/// All units of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Units {
    units: Vec<Unit>,
}

impl Units {
    pub fn new(units: Vec<Unit>) -> Units {
        Units { units }
    }

    pub fn len(&self) -> usize {
        self.units.len()
    }

    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }

    pub fn get(&self, id: UnitId) -> &Unit {
        &self.units[id.0]
    }

    pub fn name(&self, id: UnitId) -> &str {
        &self.units[id.0].name
    }

    pub fn iter(&self) -> impl Iterator<Item = (UnitId, &Unit)> {
        self.units.iter().enumerate().map(|(i, u)| (UnitId(i), u))
    }

    pub fn office(&self) -> Option<UnitId> {
        self.iter().find(|(_, u)| u.office).map(|(id, _)| id)
    }

    /// Exact match on the canonical name or an alias.
    pub fn exact(&self, name: &str) -> Option<UnitId> {
        let name = name.trim();
        self.iter()
            .find(|(_, u)| u.spellings().any(|s| s == name))
            .map(|(id, _)| id)
    }

    /// Exact match first, then a unique unit one of whose spellings contains
    /// `name`; otherwise the candidates.
    pub fn lookup(&self, name: &str) -> Lookup {
        let name = name.trim();
        if let Some(id) = self.exact(name) {
            return Lookup::Found(id);
        }
        if !name.is_empty() {
            let partial: Vec<UnitId> = self
                .iter()
                .filter(|(_, u)| u.spellings().any(|s| s.contains(name)))
                .map(|(id, _)| id)
                .collect();
            match partial.len() {
                0 => {}
                1 => return Lookup::Found(partial[0]),
                _ => return Lookup::Ambiguous(partial),
            }
        }
        let mut scored: Vec<(f64, UnitId)> = self
            .iter()
            .map(|(id, u)| {
                let best = u
                    .spellings()
                    .map(|s| strsim::normalized_levenshtein(s, name))
                    .fold(0.0, f64::max);
                (best, id)
            })
            .filter(|(score, _)| *score > 0.3)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        Lookup::Unknown(scored.into_iter().take(5).map(|(_, id)| id).collect())
    }
}

impl Units {
    /// [`Units::lookup`], also accepting a name written with the plan's
    /// place in front (安宁市水务局 for 市水务局).
    pub fn lookup_in(&self, place: Option<&str>, name: &str) -> Lookup {
        // Typed with a Chinese IME: （）and full-width letters fold to the
        // plan's half-width spelling when that names a unit.
        let folded = fold_width(name.trim());
        let name = if self.exact(name).is_none() && self.exact(&folded).is_some() {
            folded.as_str()
        } else {
            name.trim()
        };
        if self.exact(name).is_none()
            && let Some(place) = place
            && let Some(rest) = name.strip_prefix(place)
            && !rest.is_empty()
        {
            // 安宁市 + 水务局: the plan writes the level (市) but not the place.
            let level: String = place.chars().last().into_iter().collect();
            if let Some(id) = self.exact(&format!("{level}{rest}")) {
                return Lookup::Found(id);
            }
            return self.lookup(rest);
        }
        self.lookup(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_parentheses_find_the_half_width_alias() {
        let mut unit = Unit::new("市发展改革局");
        unit.aliases = vec!["市发展和改革局(市商务局)".into()];
        let units = Units::new(vec![unit]);
        assert_eq!(
            units.lookup_in(None, "市发展和改革局（市商务局）"),
            Lookup::Found(UnitId(0))
        );
    }

    #[test]
    fn names_that_windows_cannot_store_are_refused() {
        for bad in [
            "市水务局?",
            "a:b",
            "CON",
            "nul",
            "Com1",
            "LPT9.toml",
            "末尾点.",
            "<局>",
        ] {
            assert!(name_problem(bad).is_some(), "{bad}");
        }
        assert!(name_problem(&"局".repeat(85)).is_some(), "over 255 bytes");
        for good in ["市水务局", "COM10局", "CONTROL", "各街道党工委和办事处"] {
            assert_eq!(name_problem(good), None, "{good}");
        }
    }

    fn units() -> Units {
        let mut water = Unit::new("市水务局");
        water.aliases.push("水务局".into());
        let mut ndrc = Unit::new("市发展改革局");
        ndrc.aliases.push("市发展和改革局".into());
        Units::new(vec![
            water,
            ndrc,
            Unit::new("市农业农村局"),
            Unit::new("市乡村振兴局"),
        ])
    }

    #[test]
    fn exact_alias_and_partial() {
        let u = units();
        assert_eq!(u.lookup("市水务局"), Lookup::Found(UnitId(0)));
        assert_eq!(u.lookup("市发展和改革局"), Lookup::Found(UnitId(1)));
        assert_eq!(u.lookup("发展和改革"), Lookup::Found(UnitId(1)));
        assert_eq!(u.lookup("农业农村"), Lookup::Found(UnitId(2)));
    }

    #[test]
    fn ambiguous_and_unknown() {
        let u = units();
        assert_eq!(
            u.lookup("局"),
            Lookup::Ambiguous(vec![UnitId(0), UnitId(1), UnitId(2), UnitId(3)])
        );
        match u.lookup("市水利局") {
            Lookup::Unknown(c) => assert_eq!(c.first(), Some(&UnitId(0))),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_place_name_in_front_is_dropped() {
        let u = units();
        let place = Some("安宁市");
        assert_eq!(u.lookup_in(place, "安宁市水务局"), Lookup::Found(UnitId(0)));
        assert_eq!(
            u.lookup_in(place, "安宁市农业农村局"),
            Lookup::Found(UnitId(2))
        );
        assert_eq!(u.lookup_in(place, "水务局"), Lookup::Found(UnitId(0)));
        assert_eq!(u.lookup_in(None, "安宁市水务局"), u.lookup("安宁市水务局"));
        assert!(matches!(
            u.lookup_in(place, "安宁市"),
            Lookup::Unknown(_) | Lookup::Ambiguous(_)
        ));
    }

    #[test]
    fn file_name_rules() {
        assert!(name_problem("市水务局").is_none());
        assert!(name_problem("驻村工作队员派驻县、乡党委和政府").is_none());
        assert!(name_problem("a/b").is_some());
        assert!(name_problem("a\nb").is_some());
        assert!(name_problem("..").is_some());
        assert!(name_problem("").is_some());
    }
}
