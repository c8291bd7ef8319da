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

    /// Parses ISO (`2024-04-01`, `2024-04`, `2024/4/1`), era (`令和6年4月1日`,
    /// `令和元年5月`) and abbreviated era (`R6.4.1`) forms; full-width digits
    /// are accepted. A date outside its era (令和0年, 令和元年4月30日,
    /// 昭和64年1月8日) is an error, never moved into another era.
    pub fn parse(text: &str) -> Result<Date, DateFault> {
        let text: String = text
            .trim()
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
                'Ｒ' => 'R',
                'Ｈ' => 'H',
                'Ｓ' => 'S',
                '．' => '.',
                '／' => '/',
                '－' => '-',
                _ => c,
            })
            .collect();
        let invalid = || DateFault::NotADate { text: text.clone() };
        let named = ERAS
            .iter()
            .position(|(name, ..)| text.starts_with(name))
            .map(|era| (era, &text[ERAS[era].0.len()..]));
        let lettered = ERAS
            .iter()
            .position(|(_, letter, ..)| text.starts_with(*letter))
            .map(|era| (era, &text[1..]));
        let (era, [year, month, day]) = if let Some((era, rest)) = named {
            // 6年4月1日, 元年5月
            let (year, rest) = rest.split_once('年').ok_or_else(invalid)?;
            let year = if year == "元" { Some(1) } else { number(year) };
            let (month, rest) = rest.split_once('月').ok_or_else(invalid)?;
            let day = match rest {
                "" => None,
                _ => {
                    Some(number(rest.strip_suffix('日').ok_or_else(invalid)?).ok_or_else(invalid)?)
                }
            };
            (
                Some(era),
                [
                    year.ok_or_else(invalid)?,
                    number(month).ok_or_else(invalid)?,
                    day.unwrap_or(0),
                ],
            )
        } else if let Some((era, rest)) = lettered {
            (Some(era), fields(rest, &['.']).ok_or_else(invalid)?)
        } else {
            (None, fields(&text, &['-', '/']).ok_or_else(invalid)?)
        };
        let day = (day != 0).then_some(day);
        let Some(era) = era else {
            let date = (|| {
                Date::new(
                    i32::try_from(year).ok()?,
                    u8::try_from(month).ok()?,
                    day.map(u8::try_from).transpose().ok()?,
                )
            })();
            return date.ok_or_else(|| DateFault::NoSuchDay { text: text.clone() });
        };
        let (name, _, start_year, start_month, start_day) = ERAS[era];
        if year == 0 {
            return Err(DateFault::YearZero {
                text,
                era: name.to_string(),
            });
        }
        let date = (|| {
            Date::new(
                start_year.checked_add(i32::try_from(year).ok()? - 1)?,
                u8::try_from(month).ok()?,
                day.map(u8::try_from).transpose().ok()?,
            )
        })()
        .ok_or_else(|| DateFault::NoSuchDay { text: text.clone() })?;
        // A month-only date belongs to the era if any day of that month does.
        let last = date
            .day
            .unwrap_or_else(|| days_in_month(date.year, date.month));
        let first = date.day.unwrap_or(1);
        if (date.year, date.month, last) < (start_year, start_month, start_day) {
            return Err(DateFault::BeforeEra {
                text,
                era: name.to_string(),
                began: Date {
                    year: start_year,
                    month: start_month,
                    day: Some(start_day),
                },
            });
        }
        if let Some(newer) = era.checked_sub(1).map(|e| ERAS[e]) {
            let (next, _, y, m, d) = newer;
            if (date.year, date.month, first) >= (y, m, d) {
                let next_began = Date {
                    year: y,
                    month: m,
                    day: Some(d),
                };
                return Err(DateFault::AfterEra {
                    text,
                    era: name.to_string(),
                    ended: next_began.previous_day(),
                    next: next.to_string(),
                    next_began,
                });
            }
        }
        Ok(date)
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
    pub(crate) fn previous_day(&self) -> Date {
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
    pub(crate) fn plus_months(&self, months: u32) -> Date {
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
    pub(crate) fn from_days(days: i64) -> Date {
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

/// A number written with ASCII digits only (no sign, no space).
fn number(text: &str) -> Option<i64> {
    (!text.is_empty() && text.len() <= 6 && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

/// `2024-04-01` or `2024-04` (with one of `separators`): year, month and day (0 if none).
fn fields(text: &str, separators: &[char]) -> Option<[i64; 3]> {
    let parts: Vec<&str> = text.split(separators).collect();
    match parts.as_slice() {
        [y, m] => Some([number(y)?, number(m)?, 0]),
        [y, m, d] => Some([number(y)?, number(m)?, number(d)?]).filter(|f| f[2] != 0),
        _ => None,
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

/// Why a text is not a date, as [`Date::parse`] tells it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum DateFault {
    /// Not in any form a date is written in.
    NotADate { text: String },
    /// A month or day that does not exist (4月31日, 13月).
    NoSuchDay { text: String },
    /// 令和0年: an era's first year is 元年.
    YearZero { text: String, era: String },
    /// A day before the era began (令和元年4月30日).
    BeforeEra {
        text: String,
        era: String,
        began: Date,
    },
    /// A day after the era ended (平成31年5月1日).
    AfterEra {
        text: String,
        era: String,
        ended: Date,
        next: String,
        next_began: Date,
    },
    /// A date with a time of day.
    WithTime { text: String },
}

/// Marks a [`DateFault`] carried through serde's error text, so that the
/// loader can show it in the reader's language.
const CARRIED: &str = "\u{1}date-fault:";

impl DateFault {
    /// The fault as serde's error text carries it.
    pub(crate) fn carried(&self) -> String {
        format!(
            "{CARRIED}{}",
            serde_json::to_string(self).unwrap_or_default()
        )
    }

    /// The fault, if `message` is one that [`DateFault::carried`] wrote.
    pub(crate) fn from_carried(message: &str) -> Option<DateFault> {
        serde_json::from_str(message.strip_prefix(CARRIED)?).ok()
    }

    /// The fault in Japanese.
    pub fn ja(&self) -> String {
        match self {
            DateFault::NotADate { text } => format!("`{text}` は日付として読めません"),
            DateFault::NoSuchDay { text } => {
                format!("`{text}` は日付として読めません。その月や日はありません")
            }
            DateFault::YearZero { text, era } => {
                format!("`{text}` は日付として読めません。{era}0年はなく、最初の年は{era}元年です")
            }
            DateFault::BeforeEra { text, era, began } => format!(
                "`{text}` は日付として読めません。{era}は{}に始まりました",
                began.era()
            ),
            DateFault::AfterEra {
                text,
                era,
                ended,
                next,
                next_began,
            } => format!(
                "`{text}` は日付として読めません。{era}は{}（{}）で終わり、{}からは{next}です",
                ended.era(),
                ended.iso(),
                next_began.iso()
            ),
            DateFault::WithTime { text } => {
                format!("`{text}` には時刻が付いています。日付だけを書いてください")
            }
        }
    }
}

impl fmt::Display for DateFault {
    /// The fault in English.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateFault::NotADate { text } => write!(f, "`{text}` is not a date"),
            DateFault::NoSuchDay { text } => {
                write!(f, "`{text}` is not a date: no such month or day")
            }
            DateFault::YearZero { text, era } => write!(
                f,
                "`{text}` is not a date: an era has no year 0; its first year is {era}元年"
            ),
            DateFault::BeforeEra { text, era, began } => write!(
                f,
                "`{text}` is not a date: {era} began on {} ({era}元年{}月{}日)",
                began.iso(),
                began.month,
                began.day.unwrap_or(1)
            ),
            DateFault::AfterEra {
                text,
                era,
                ended,
                next,
                next_began,
            } => write!(
                f,
                "`{text}` is not a date: {era} ended on {}; from {} it is {next}",
                ended.iso(),
                next_began.iso()
            ),
            DateFault::WithTime { text } => write!(
                f,
                "`{text}`: expected a date without a time, such as 2024-04-01"
            ),
        }
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
                Date::parse(v).map_err(|fault| E::custom(fault.carried()))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Date, A::Error> {
                let dt =
                    toml::value::Datetime::deserialize(de::value::MapAccessDeserializer::new(map))?;
                match (dt.date, dt.time) {
                    (Some(d), None) => {
                        Date::new(d.year as i32, d.month, Some(d.day)).ok_or_else(|| {
                            de::Error::custom(
                                DateFault::NoSuchDay {
                                    text: dt.to_string(),
                                }
                                .carried(),
                            )
                        })
                    }
                    _ => Err(de::Error::custom(
                        DateFault::WithTime {
                            text: dt.to_string(),
                        }
                        .carried(),
                    )),
                }
            }
        }
        deserializer.deserialize_any(DateVisitor)
    }
}

/// The forms [`Date::parse`] reads, for editors' completion and checking:
/// a TOML date, or a string in ISO, era or abbreviated era form (the era's
/// bounds are left to the checker, which names them).
impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        const D: &str = "[0-9０-９]{1,2}";
        let era = format!("(令和|平成|昭和)({D}|元)年{D}月({D}日)?");
        let lettered = format!("[RHSＲＨＳ]{D}[.．]{D}([.．]{D})?");
        let iso = "[0-9０-９]{4}[-/－／][0-9０-９]{1,2}([-/－／][0-9０-９]{1,2})?";
        schemars::json_schema!({
            "type": "string",
            "description": "日付: 令和6年4月1日、R6.4.1 または 2024-04-01（月までなら 令和6年11月）",
            "anyOf": [
                { "format": "date" },
                { "pattern": format!("^\\s*({era}|{lettered}|{iso})\\s*$") }
            ]
        })
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
    fn dates_outside_their_era_are_errors_not_moved() {
        for (text, says) in [
            ("令和0年4月1日", "no year 0"),
            ("R0.4.1", "no year 0"),
            ("令和元年4月30日", "令和 began on 2019-05-01"),
            ("令和元年4月", "令和 began on 2019-05-01"),
            ("昭和64年1月8日", "昭和 ended on 1989-01-07"),
            ("平成31年5月1日", "平成 ended on 2019-04-30"),
            ("平成32年1月1日", "平成 ended on 2019-04-30"),
            ("令和6年4月-1日", "is not a date"),
            ("令和6年4月1", "is not a date"),
            ("2024-4--1", "is not a date"),
            ("2024-04-00", "is not a date"),
            ("令和6年2月30日", "no such month or day"),
        ] {
            let error = Date::parse(text).expect_err(text).to_string();
            assert!(error.contains(says), "{text}: {error}");
        }
        assert_eq!(Date::parse("令和元年5月1日").unwrap().iso(), "2019-05-01");
        assert_eq!(Date::parse("平成31年4月30日").unwrap().iso(), "2019-04-30");
        assert_eq!(Date::parse("平成元年1月").unwrap().iso(), "1989-01");
        assert_eq!(Date::parse("昭和64年1月7日").unwrap().iso(), "1989-01-07");
        assert_eq!(Date::parse("2024/4/1").unwrap().iso(), "2024-04-01");
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
