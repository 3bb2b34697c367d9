//! Numbers and dates as official documents write them.

use chrono::{Datelike, NaiveDate};

/// 1 → 一, 12 → 十二, 25 → 二十五 (up to 99; larger numbers in digits).
pub fn numeral(n: usize) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0..=9 => D[n].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", D[n - 10]),
        20..=99 if n.is_multiple_of(10) => format!("{}十", D[n / 10]),
        20..=99 => format!("{}十{}", D[n / 10], D[n % 10]),
        _ => n.to_string(),
    }
}

/// (一), (二)….
pub fn ordinal(n: usize) -> String {
    format!("({})", numeral(n))
}

/// 2022年7月5日.
pub fn date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// 2022年7月.
pub fn month(d: NaiveDate) -> String {
    format!("{}年{}月", d.year(), d.month())
}

/// 7月5日.
pub fn day(d: NaiveDate) -> String {
    format!("{}月{}日", d.month(), d.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals() {
        assert_eq!(numeral(1), "一");
        assert_eq!(numeral(10), "十");
        assert_eq!(numeral(12), "十二");
        assert_eq!(numeral(20), "二十");
        assert_eq!(numeral(52), "五十二");
        assert_eq!(numeral(120), "120");
        assert_eq!(ordinal(3), "(三)");
    }

    #[test]
    fn dates() {
        let d = NaiveDate::from_ymd_opt(2022, 7, 5).unwrap();
        assert_eq!(date(d), "2022年7月5日");
        assert_eq!(month(d), "2022年7月");
        assert_eq!(day(d), "7月5日");
    }
}
