//! Calendar dates without time zones, written as `YYYY-MM-DD`: the dates of
//! metric samples, targets and spins. Day arithmetic uses the proleptic
//! Gregorian calendar (Howard Hinnant's civil-days algorithm), so no date
//! crate is needed.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    /// Days since 1970-01-01 (negative before).
    days: i64,
}

impl Date {
    /// The date from year, month (1–12) and day (1–31), if it exists.
    pub fn from_ymd(year: i64, month: u32, day: u32) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        if !(-9999..=9999).contains(&year) {
            return None;
        }
        Some(Date {
            days: days_from_civil(year, month, day),
        })
    }

    /// The date a number of days after 1970-01-01.
    pub fn from_days(days: i64) -> Date {
        Date { days }
    }

    /// Days since 1970-01-01.
    pub fn days(self) -> i64 {
        self.days
    }

    /// Year, month and day.
    pub fn ymd(self) -> (i64, u32, u32) {
        civil_from_days(self.days)
    }

    /// Whole days from `earlier` to `self` (negative if `earlier` is later).
    pub fn days_since(self, earlier: Date) -> i64 {
        self.days - earlier.days
    }

    /// The date `n` days later.
    #[must_use]
    pub fn plus_days(self, n: i64) -> Date {
        Date {
            days: self.days + n,
        }
    }

    /// Reads `YYYY-MM-DD`, also accepting `YYYY/MM/DD` and `YYYY.MM.DD`,
    /// with or without leading zeros.
    pub fn parse(text: &str) -> Option<Date> {
        let text = text.trim();
        let separator = text.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
        let mut parts = text.split(separator);
        let year: i64 = parts.next()?.trim().parse().ok()?;
        let month: u32 = parts.next()?.trim().parse().ok()?;
        let day: u32 = parts.next()?.trim().parse().ok()?;
        if parts.next().is_some() || !(1000..=9999).contains(&year) {
            return None;
        }
        Date::from_ymd(year, month, day)
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (year, month, day) = self.ymd();
        write!(f, "{year:04}-{month:02}-{day:02}")
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "{} is not a date (YYYY-MM-DD)",
                super::quoted(&text)
            ))
        })
    }
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year =
        (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_epoch_and_known_dates_map_to_day_numbers() {
        assert_eq!(Date::from_ymd(1970, 1, 1).unwrap().days(), 0);
        assert_eq!(Date::from_ymd(2000, 3, 1).unwrap().days(), 11_017);
        assert_eq!(Date::from_ymd(1969, 12, 31).unwrap().days(), -1);
    }

    #[test]
    fn every_day_for_centuries_round_trips() {
        for days in -200_000..200_000 {
            let date = Date::from_days(days);
            let (y, m, d) = date.ymd();
            assert_eq!(Date::from_ymd(y, m, d), Some(date), "{y}-{m}-{d}");
        }
    }

    #[test]
    fn dates_parse_in_iso_form_and_print_back() {
        let date = Date::parse("2026-02-05").unwrap();
        assert_eq!(date.to_string(), "2026-02-05");
        assert_eq!(Date::parse(" 2026/2/5 "), Some(date));
        assert_eq!(Date::parse("2026.02.05"), Some(date));
    }

    #[test]
    fn impossible_or_ambiguous_dates_are_refused() {
        for text in [
            "2026-02-30",
            "2025-02-29",
            "2026-13-01",
            "05/02/2026",
            "2026-1",
            "",
            "x-y-z",
            "99-01-01",
        ] {
            assert_eq!(Date::parse(text), None, "{text}");
        }
        assert!(Date::parse("2024-02-29").is_some(), "leap day");
    }

    #[test]
    fn day_differences_cross_months_and_years() {
        let a = Date::parse("2025-12-30").unwrap();
        let b = Date::parse("2026-01-02").unwrap();
        assert_eq!(b.days_since(a), 3);
        assert_eq!(a.plus_days(3), b);
    }

    #[test]
    fn dates_serialize_as_iso_strings() {
        let date = Date::parse("2026-11-25").unwrap();
        assert_eq!(serde_json::to_string(&date).unwrap(), "\"2026-11-25\"");
        let back: Date = serde_json::from_str("\"2026-11-25\"").unwrap();
        assert_eq!(back, date);
        assert!(serde_json::from_str::<Date>("\"tomorrow\"").is_err());
    }
}
