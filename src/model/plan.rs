//! The plan: what the notice says, and nothing it does not.

use super::measure::{Measure, MeasureId};
use super::status::{MeasureStatus, Status};
use super::unit::{UnitId, Units};
use super::zone::Zone;
use chrono::{Datelike, NaiveDate};
use rustc_hash::FxHashMap;
use serde::Serialize;

/// Which assessment made a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// The central assessment (中央农村工作领导小组反馈).
    Central,
    /// The province's assessment (省对市…指出).
    Provincial,
    /// The prefecture-level city's assessment (昆明市对安宁市…发现).
    Municipal,
    /// A finding whose source the notice does not name.
    Unspecified,
}

impl Level {
    pub fn key(self) -> &'static str {
        match self {
            Level::Central => "central",
            Level::Provincial => "provincial",
            Level::Municipal => "municipal",
            Level::Unspecified => "unspecified",
        }
    }

    pub fn parse(text: &str) -> Option<Level> {
        match text {
            "central" => Some(Level::Central),
            "provincial" => Some(Level::Provincial),
            "municipal" => Some(Level::Municipal),
            "unspecified" => Some(Level::Unspecified),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Level::Central => "中央考核评估",
            Level::Provincial => "省级考核评估",
            Level::Municipal => "州市级考核评估",
            Level::Unspecified => "考核评估",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub level: Level,
    /// The lead-in as the notice words it (省对市…指出), if any.
    pub source: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Ordinal, 1-based: (一) is 1.
    pub number: u32,
    /// The heading's first sentence.
    pub title: String,
    pub findings: Vec<Finding>,
}

/// Section 三's reporting rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportingRule {
    /// Who reports (市级相关单位).
    pub reporters: String,
    /// Reports are due by this day of each month (31: the month's last day).
    pub day: u32,
    /// Reports are due only in the last month of each quarter (每季度末).
    pub quarterly: bool,
    /// First and last month of the window, as the first day of the month.
    pub first_month: NaiveDate,
    pub last_month: NaiveDate,
    /// What a report contains.
    pub contents: Vec<String>,
    /// A milestone this many days ahead turns a measure yellow.
    pub warning_days: u32,
    /// The rule as the notice words it.
    pub text: String,
}

impl ReportingRule {
    /// Reporting deadlines (the `day` of each month in the window).
    pub fn due_dates(&self) -> Vec<NaiveDate> {
        let mut out = Vec::new();
        let mut month = self.first_month;
        while month <= self.last_month {
            let day = self.day.min(days_in_month(month));
            if let Some(d) = month.with_day(day)
                && (!self.quarterly || month.month().is_multiple_of(3))
            {
                out.push(d);
            }
            match month.checked_add_months(chrono::Months::new(1)) {
                Some(m) => month = m,
                None => break,
            }
        }
        out
    }
}

/// The place a name begins with: up to the first 市, 县, 区 or 州, two to
/// six characters long (安宁市巩固… → 安宁市).
pub fn place_of(name: &str) -> Option<&str> {
    let name = name.strip_prefix("中共").unwrap_or(name);
    let (i, c) = name
        .char_indices()
        .find(|(_, c)| matches!(c, '市' | '县' | '区' | '州'))?;
    let place = &name[..i + c.len_utf8()];
    (2..=6).contains(&place.chars().count()).then_some(place)
}

/// Number of days in the month of `d`.
pub fn days_in_month(d: NaiveDate) -> u32 {
    let first = d.with_day(1).unwrap_or(d);
    match first.checked_add_months(chrono::Months::new(1)) {
        Some(next) => (next - first).num_days() as u32,
        None => 31,
    }
}

impl Default for ReportingRule {
    fn default() -> Self {
        let first = NaiveDate::from_ymd_opt(2022, 6, 1).unwrap_or_default();
        let last = NaiveDate::from_ymd_opt(2022, 12, 1).unwrap_or_default();
        ReportingRule {
            reporters: String::new(),
            day: 10,
            quarterly: false,
            first_month: first,
            last_month: last,
            contents: Vec::new(),
            warning_days: 15,
            text: String::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The plan's title (…整改方案).
    pub title: String,
    /// The covering notice's title (…关于印发…的通知), if any.
    pub notice_title: Option<String>,
    pub issuer: String,
    pub issued: NaiveDate,
    /// To whom the notice is addressed (各街道、各有关部门).
    pub addressees: Option<String>,
    /// How many measures the notice says it makes (共制定52条整改措施).
    pub stated_measures: Option<u32>,
    /// The zone the plan's offices keep (`zone` in `[plan]`; Beijing time
    /// unless it says otherwise).
    pub zone: Zone,
    pub reporting: ReportingRule,
    pub units: Units,
    pub problems: Vec<Problem>,
    pub measures: Vec<Measure>,
    /// Measure ids to their index: looked up once per ledger entry read, so
    /// with a fast hasher (ids are short and come from our own plan).
    index: FxHashMap<String, usize>,
}

impl Plan {
    /// Builds a plan; `measures` must have distinct ids (the reader checks).
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        title: String,
        notice_title: Option<String>,
        issuer: String,
        issued: NaiveDate,
        addressees: Option<String>,
        stated_measures: Option<u32>,
        reporting: ReportingRule,
        units: Units,
        problems: Vec<Problem>,
        measures: Vec<Measure>,
    ) -> Plan {
        let index = measures
            .iter()
            .enumerate()
            .map(|(i, m)| (m.id.0.clone(), i))
            .collect();
        Plan {
            title,
            notice_title,
            issuer,
            issued,
            addressees,
            stated_measures,
            zone: Zone::default(),
            reporting,
            units,
            problems,
            measures,
            index,
        }
    }

    pub fn measure(&self, id: &str) -> Option<&Measure> {
        self.index.get(id).map(|&i| &self.measures[i])
    }

    pub fn measure_index(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// The place the plan is for (安宁市), read from the issuer's name.
    pub fn place(&self) -> Option<&str> {
        place_of(&self.issuer).or_else(|| place_of(&self.title))
    }

    pub fn problem(&self, number: u32) -> Option<&Problem> {
        self.problems.iter().find(|p| p.number == number)
    }

    pub fn office(&self) -> Option<UnitId> {
        self.units.office()
    }

    /// Whether an entry in `unit`'s ledger counts toward `measure`'s state:
    /// progress only from the measure's own units; sign-off and reopening
    /// only from the office. The one statement of this rule.
    pub fn counts(&self, unit: UnitId, measure: &Measure, status: Status) -> bool {
        match status {
            Status::Withdrawn => false,
            s if s.is_progress() => measure.involves(unit),
            _ => self.office() == Some(unit),
        }
    }

    /// Whether any entry of `unit`'s ledger can count toward `measure`: the
    /// ledgers to read for one measure, and the measures a broken ledger
    /// leaves unknown.
    pub fn could_count(&self, unit: UnitId, measure: &Measure) -> bool {
        measure.involves(unit) || self.office() == Some(unit)
    }

    /// Whether `unit` must still report on `measure`, which stands at
    /// `status`: a lead unit reports until the measure is signed off, and on
    /// an ongoing (长期坚持) measure even after, since the work goes on.
    pub fn must_report(&self, unit: UnitId, measure: &Measure, status: MeasureStatus) -> bool {
        measure.lead.contains(&unit)
            && (status != MeasureStatus::SignedOff || measure.deadline.ongoing)
    }

    /// The ids nearest to `id`, for "did you mean".
    pub fn nearest_ids(&self, id: &str, n: usize) -> Vec<&MeasureId> {
        let mut scored: Vec<(usize, &MeasureId)> = self
            .measures
            .iter()
            .map(|m| {
                // Sub-items of the id asked for come first.
                let child = m.id.0.starts_with(&format!("{id}."));
                (
                    if child {
                        0
                    } else {
                        1 + strsim::levenshtein(&m.id.0, id)
                    },
                    &m.id,
                )
            })
            .collect();
        scored.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)));
        scored.into_iter().take(n).map(|(_, id)| id).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_place_of_an_issuer() {
        assert_eq!(
            place_of("安宁市巩固脱贫攻坚推进乡村振兴领导小组"),
            Some("安宁市")
        );
        assert_eq!(place_of("中共富民县委办公室"), Some("富民县"));
        assert_eq!(place_of("市委办公室"), None);
        assert_eq!(place_of("领导小组"), None);
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn due_dates_june_to_december() {
        let rule = ReportingRule::default();
        let due = rule.due_dates();
        assert_eq!(due.len(), 7);
        assert_eq!(due[0], d(2022, 6, 10));
        assert_eq!(due[6], d(2022, 12, 10));
    }

    #[test]
    fn month_lengths() {
        assert_eq!(days_in_month(d(2022, 2, 5)), 28);
        assert_eq!(days_in_month(d(2024, 2, 5)), 29);
        assert_eq!(days_in_month(d(2022, 12, 31)), 31);
    }
}
