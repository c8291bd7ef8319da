//! Calendar dates as Japanese guides write them: a Gregorian date that can be
//! read from `2024-04-01`, `令和6年4月1日` or `R6.4.1`, and shown with its era.
//!
//! Guides and forms date everything by era (令和), while the fee schedule and
//! comparisons need plain ordering, so both live in one small type.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// A calendar date; the day may be missing where a guide gives only a month (令和6年11月).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: Option<u8>,
}

/// The eras in which Japanese guides date things, newest first.
const ERAS: &[(&str, char, i32, u8, u8)] = &[
    ("令和", 'R', 2019, 5, 1),
    ("平成", 'H', 1989, 1, 8),
    ("昭和", 'S', 1926, 12, 25),
];

impl Date {
    /// A validated date; `None` if the month or day cannot exist.
    pub fn new(year: i32, month: u8, day: Option<u8>) -> Option<Date> {
        if !(1..=12).contains(&month) || !(1868..=2200).contains(&year) {
            return None;
        }
        if let Some(d) = day {
            if d == 0 || d > days_in_month(year, month) {
                return None;
            }
        }
        Some(Date { year, month, day })
    }

    /// Parses ISO (`2024-04-01`, `2024-04`), era (`令和6年4月1日`, `令和元年5月`) and
    /// abbreviated era (`R6.4.1`) forms; full-width digits are accepted.
    pub fn parse(text: &str) -> Result<Date, String> {
        let text: String = text
            .trim()
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
                'Ｒ' => 'R',
                'Ｈ' => 'H',
                'Ｓ' => 'S',
                '．' => '.',
                _ => c,
            })
            .collect();
        let invalid = || format!("`{text}` is not a date");
        let numbers = |s: &str| -> Option<Vec<i64>> {
            s.split(|c: char| !c.is_ascii_digit())
                .filter(|p| !p.is_empty())
                .map(|p| p.parse().ok())
                .collect()
        };
        let (year, rest) = if let Some((era, _, start, ..)) =
            ERAS.iter().find(|(name, ..)| text.starts_with(name))
        {
            let rest = &text[era.len()..];
            let (year_text, rest) = rest.split_once('年').ok_or_else(invalid)?;
            let era_year: i32 = if year_text == "元" {
                1
            } else {
                year_text.parse().map_err(|_| invalid())?
            };
            (start + era_year - 1, rest.to_string())
        } else if let Some((_, _, start, ..)) = ERAS
            .iter()
            .find(|(_, letter, ..)| text.starts_with(*letter))
        {
            let parts = numbers(&text[1..]).ok_or_else(invalid)?;
            let era_year = *parts.first().ok_or_else(invalid)? as i32;
            let rest = parts[1..]
                .iter()
                .map(|n| n.to_string())
                .collect::<Vec<_>>()
                .join("-");
            (start + era_year - 1, rest)
        } else {
            let parts = numbers(&text).ok_or_else(invalid)?;
            let year = *parts.first().ok_or_else(invalid)? as i32;
            let rest = parts[1..]
                .iter()
                .map(|n| n.to_string())
                .collect::<Vec<_>>()
                .join("-");
            (year, rest)
        };
        let parts = numbers(&rest).ok_or_else(invalid)?;
        let (month, day) = match parts.as_slice() {
            [m] => (*m, None),
            [m, d] => (*m, Some(*d)),
            _ => return Err(invalid()),
        };
        let month = u8::try_from(month).map_err(|_| invalid())?;
        let day = day.map(u8::try_from).transpose().map_err(|_| invalid())?;
        Date::new(year, month, day)
            .ok_or_else(|| format!("`{text}` is not a date: no such month or day"))
    }

    /// The date as written in a Japanese guide: `令和6年4月1日`, `令和元年5月`.
    pub fn era(&self) -> String {
        let key = (self.year, self.month, self.day.unwrap_or(1));
        let (name, _, start, ..) = ERAS
            .iter()
            .find(|(_, _, y, m, d)| key >= (*y, *m, *d))
            .unwrap_or(&ERAS[ERAS.len() - 1]);
        let era_year = self.year - start + 1;
        let year = if era_year == 1 {
            "元".to_string()
        } else {
            era_year.to_string()
        };
        match self.day {
            Some(d) => format!("{name}{year}年{}月{d}日", self.month),
            None => format!("{name}{year}年{}月", self.month),
        }
    }

    /// The day before this one (a month-only date counts as its first day).
    pub fn previous_day(&self) -> Date {
        let day = self.day.unwrap_or(1);
        if day > 1 {
            return Date {
                day: Some(day - 1),
                ..*self
            };
        }
        let (year, month) = if self.month == 1 {
            (self.year - 1, 12)
        } else {
            (self.year, self.month - 1)
        };
        Date {
            year,
            month,
            day: Some(days_in_month(year, month)),
        }
    }

    /// The same day `months` months later, clamped to the end of a shorter month.
    pub fn plus_months(&self, months: u32) -> Date {
        let total = self.year * 12 + i32::from(self.month) - 1 + months as i32;
        let (year, month) = (total.div_euclid(12), (total.rem_euclid(12) + 1) as u8);
        let day = self.day.map(|d| d.min(days_in_month(year, month)));
        Date { year, month, day }
    }

    /// Today's date in Japan (UTC+9), for builds that do not name a date.
    pub fn today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        Date::from_days((secs / 86_400 + u64::from(secs % 86_400 >= 15 * 3600)) as i64)
    }

    /// The date `days` days after 1970-01-01.
    pub fn from_days(days: i64) -> Date {
        // Civil-from-days (Howard Hinnant's algorithm).
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date {
            year,
            month,
            day: Some(day),
        }
    }

    /// ISO form, `2024-04-01` or `2024-04`, as used in file names and machine output.
    pub fn iso(&self) -> String {
        match self.day {
            Some(d) => format!("{:04}-{:02}-{d:02}", self.year, self.month),
            None => format!("{:04}-{:02}", self.year, self.month),
        }
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.era())
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.iso())
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DateVisitor;
        impl<'de> Visitor<'de> for DateVisitor {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date such as 2024-04-01 or \"令和6年4月1日\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
                Date::parse(v).map_err(E::custom)
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Date, A::Error> {
                let dt =
                    toml::value::Datetime::deserialize(de::value::MapAccessDeserializer::new(map))?;
                match (dt.date, dt.time) {
                    (Some(d), None) => Date::new(d.year as i32, d.month, Some(d.day))
                        .ok_or_else(|| de::Error::custom("no such date")),
                    _ => Err(de::Error::custom(
                        "expected a date without a time, such as 2024-04-01",
                    )),
                }
            }
        }
        deserializer.deserialize_any(DateVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_iso_era_and_abbreviated_forms() {
        let expected = Date::new(2024, 4, Some(1)).unwrap();
        assert_eq!(Date::parse("2024-04-01").unwrap(), expected);
        assert_eq!(Date::parse("令和6年4月1日").unwrap(), expected);
        assert_eq!(Date::parse("令和６年４月１日").unwrap(), expected);
        assert_eq!(Date::parse("R6.4.1").unwrap(), expected);
        assert_eq!(
            Date::parse("令和元年5月").unwrap(),
            Date::new(2019, 5, None).unwrap()
        );
        assert_eq!(
            Date::parse("平成25年2月22日").unwrap(),
            Date::new(2013, 2, Some(22)).unwrap()
        );
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(Date::parse("2024-13-01").is_err());
        assert!(Date::parse("2023-02-29").is_err());
        assert!(Date::parse("令和6年").is_err());
        assert!(Date::parse("soon").is_err());
        assert!(Date::parse("2024-02-29").is_ok());
    }

    #[test]
    fn day_arithmetic() {
        let d = |y, m, day| Date::new(y, m, Some(day)).unwrap();
        assert_eq!(d(2024, 4, 1).previous_day(), d(2024, 3, 31));
        assert_eq!(d(2024, 3, 1).previous_day(), d(2024, 2, 29));
        assert_eq!(d(2024, 1, 1).previous_day(), d(2023, 12, 31));
        assert_eq!(d(2024, 1, 31).plus_months(1), d(2024, 2, 29));
        assert_eq!(d(2024, 11, 23).plus_months(12), d(2025, 11, 23));
        assert_eq!(Date::from_days(0), d(1970, 1, 1));
        assert_eq!(Date::from_days(20_415), d(2025, 11, 23));
    }

    #[test]
    fn era_display() {
        assert_eq!(Date::new(2024, 4, Some(1)).unwrap().era(), "令和6年4月1日");
        assert_eq!(Date::new(2019, 5, Some(1)).unwrap().era(), "令和元年5月1日");
        assert_eq!(
            Date::new(2019, 4, Some(30)).unwrap().era(),
            "平成31年4月30日"
        );
        assert_eq!(Date::new(2024, 11, None).unwrap().era(), "令和6年11月");
    }
}
