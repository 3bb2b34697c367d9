//! The clock: today and now on the plan's wall clock, which `RECTIFY_NOW`
//! can pin for replays and tests.
//!
//! The time is the plan's zone's (Beijing time unless the plan says
//! otherwise), never the machine's: a server kept on UTC records what the
//! offices' clocks said.

use crate::diagnostic::Diagnostic;
use crate::model::Zone;
use anyhow::{Context, Result};
use chrono::{NaiveDate, NaiveDateTime, Utc};

/// The environment variable that pins the clock (`2022-07-09T10:00:00`, a
/// time on the plan's clock).
pub const NOW_VAR: &str = "RECTIFY_NOW";

/// The time now in `zone`, or the pinned time.
pub fn now(zone: Zone) -> Result<NaiveDateTime, Diagnostic> {
    match std::env::var(NOW_VAR) {
        Ok(text) => parse_datetime(&text).map_err(|e| {
            Diagnostic::error(format!("环境变量 {NOW_VAR}：{e:#}")).help(format!(
                "写作 2022-07-09T10:00:00，或删去 {NOW_VAR} 以使用系统时间"
            ))
        }),
        Err(_) => Ok(zone.local(Utc::now())),
    }
}

/// [`now`] in UTC (for file metadata, which is kept in UTC).
pub fn now_utc(zone: Zone) -> Result<NaiveDateTime, Diagnostic> {
    let offset = chrono::TimeDelta::seconds(i64::from(zone.offset().local_minus_utc()));
    Ok(now(zone)? - offset)
}

/// Today in `zone`, or the pinned day.
pub fn today(zone: Zone) -> Result<NaiveDate, Diagnostic> {
    Ok(now(zone)?.date())
}

pub fn parse_datetime(text: &str) -> Result<NaiveDateTime> {
    let t = text.trim();
    for fmt in ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M"] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(t, fmt) {
            return Ok(dt);
        }
    }
    if let Ok(d) = parse_date(t) {
        return d.and_hms_opt(0, 0, 0).context("invalid time of day");
    }
    Err(Diagnostic::error(format!("“{t}”不是有效的时间,应写作 YYYY-MM-DDTHH:MM:SS")).into())
}

/// Parses `YYYY-MM-DD` (also `YYYY/MM/DD` and `YYYY年M月D日`).
pub fn parse_date(text: &str) -> Result<NaiveDate> {
    let t = text.trim();
    for fmt in ["%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日"] {
        if let Ok(d) = NaiveDate::parse_from_str(t, fmt) {
            return Ok(d);
        }
    }
    Err(Diagnostic::error(format!("“{t}”不是有效的日期,应写作 YYYY-MM-DD")).into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        let d = NaiveDate::from_ymd_opt(2022, 7, 1).unwrap();
        assert_eq!(parse_date("2022-07-01").unwrap(), d);
        assert_eq!(parse_date("2022年7月1日").unwrap(), d);
        assert!(parse_date("2022-02-30").is_err());
        assert!(parse_date("明天").is_err());
    }

    #[test]
    fn datetimes() {
        let dt = parse_datetime("2022-07-09T10:00:00").unwrap();
        assert_eq!(dt.to_string(), "2022-07-09 10:00:00");
        assert!(parse_datetime("2022-07-09T25:00:00").is_err());
    }
}
