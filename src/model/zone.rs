//! The plan's time zone: the offset from UTC its offices keep (Beijing
//! time, UTC+8, unless the plan says otherwise). Times written with an
//! offset are read in it, and `log` records the time in it whatever zone
//! the machine's clock is set to.

use chrono::{DateTime, FixedOffset, NaiveDateTime, Offset, Utc};
use std::fmt;

/// A fixed offset from UTC, between −12:00 and +14:00, in whole minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Zone(FixedOffset);

/// Beijing time, in seconds east of UTC.
const BEIJING_SECONDS: i32 = 8 * 3600;

impl Default for Zone {
    /// Beijing time (UTC+8).
    fn default() -> Zone {
        Zone::east_seconds(BEIJING_SECONDS).unwrap_or(Zone(Utc.fix()))
    }
}

impl Zone {
    fn east_seconds(seconds: i32) -> Option<Zone> {
        if !(-12 * 3600..=14 * 3600).contains(&seconds) || seconds % 60 != 0 {
            return None;
        }
        FixedOffset::east_opt(seconds).map(Zone)
    }

    /// Reads `+08:00` (also `-05:00`, `+05:30`, `+0800`, `+8`).
    pub fn parse(text: &str) -> Option<Zone> {
        let t = text.trim();
        let sign = match t.chars().next()? {
            '+' => 1,
            '-' | '\u{2212}' => -1,
            _ => return None,
        };
        let rest = &t[t.chars().next()?.len_utf8()..];
        let (h, m) = match rest.split_once(':') {
            Some((h, m)) => (h, m),
            None if rest.len() == 4 => rest.split_at(2),
            None => (rest, "00"),
        };
        let digits = |s: &str, max: usize| {
            (!s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse::<i32>().ok())
                .flatten()
        };
        let (h, m) = (digits(h, 2)?, digits(m, 2)?);
        if m >= 60 || (m != 0 && m % 15 != 0) {
            return None;
        }
        Zone::east_seconds(sign * (h * 3600 + m * 60))
    }

    pub fn offset(self) -> FixedOffset {
        self.0
    }

    pub fn is_default(self) -> bool {
        self == Zone::default()
    }

    /// The wall-clock time in this zone at the instant `t`.
    pub fn local(self, t: DateTime<Utc>) -> NaiveDateTime {
        t.with_timezone(&self.0).naive_local()
    }
}

impl fmt::Display for Zone {
    /// As written in the plan: `+08:00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.0.local_minus_utc();
        let sign = if s < 0 { '-' } else { '+' };
        write!(f, "{sign}{:02}:{:02}", s.abs() / 3600, s.abs() % 3600 / 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn z(text: &str) -> Option<String> {
        Zone::parse(text).map(|z| z.to_string())
    }

    #[test]
    fn reads_the_usual_ways_of_writing_an_offset() {
        assert_eq!(z("+08:00").as_deref(), Some("+08:00"));
        assert_eq!(z(" +0800 ").as_deref(), Some("+08:00"));
        assert_eq!(z("+8").as_deref(), Some("+08:00"));
        assert_eq!(z("-05:00").as_deref(), Some("-05:00"));
        assert_eq!(z("+05:30").as_deref(), Some("+05:30"));
        assert_eq!(z("+00:00").as_deref(), Some("+00:00"));
        assert_eq!(z("+14:00").as_deref(), Some("+14:00"));
    }

    #[test]
    fn refuses_what_is_not_an_offset() {
        for bad in [
            "",
            "08:00",
            "UTC+8",
            "+25:00",
            "+15:00",
            "-13:00",
            "+08:61",
            "+08:07",
            "+8:0x",
            "+",
            "++08:00",
            "+123:00",
            "北京时间",
        ] {
            assert_eq!(z(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_default_is_beijing_time() {
        assert!(Zone::default().is_default());
        assert_eq!(Zone::default().to_string(), "+08:00");
    }

    #[test]
    fn an_instant_is_read_on_the_zones_clock() {
        let t = Utc.with_ymd_and_hms(2022, 7, 20, 17, 30, 0).unwrap();
        assert_eq!(
            Zone::default().local(t).to_string(),
            "2022-07-21 01:30:00",
            "a UTC server's evening is the next morning in Beijing"
        );
        let ny = Zone::parse("-05:00").unwrap();
        assert_eq!(ny.local(t).to_string(), "2022-07-20 12:30:00");
    }
}
