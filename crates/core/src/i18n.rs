//! The two languages of the portal and text that exists in both.
//!
//! Rule messages live next to the rule that produces them, so the server's `422` body and the
//! app's error summary show the same sentence for the same problem.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// A language the portal speaks. Japanese is the primary language and the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Ja,
    En,
}

impl Lang {
    /// The BCP 47 tag, as used in `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }

    /// Parses a tag such as `ja`, `en`, `en-US`; anything else is `None`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "ja" => Some(Lang::Ja),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// A sentence in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bilingual {
    pub ja: String,
    pub en: String,
}

impl Bilingual {
    pub fn new(ja: impl Into<String>, en: impl Into<String>) -> Self {
        Bilingual {
            ja: ja.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja => &self.ja,
            Lang::En => &self.en,
        }
    }
}

/// A date the way each language writes it: `2027年1月8日(金)` in Japanese, `2027-01-08 (Fri)`
/// in English.
///
/// ```
/// use chrono::NaiveDate;
/// use fwportal_core::i18n::{format_date, Lang};
/// let day = NaiveDate::from_ymd_opt(2027, 1, 8).unwrap();
/// assert_eq!(format_date(day, Lang::Ja), "2027年1月8日(金)");
/// assert_eq!(format_date(day, Lang::En), "2027-01-08 (Fri)");
/// ```
pub fn format_date(date: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Ja => {
            let weekday = match date.weekday() {
                Weekday::Mon => "月",
                Weekday::Tue => "火",
                Weekday::Wed => "水",
                Weekday::Thu => "木",
                Weekday::Fri => "金",
                Weekday::Sat => "土",
                Weekday::Sun => "日",
            };
            format!(
                "{}年{}月{}日({weekday})",
                date.year(),
                date.month(),
                date.day()
            )
        }
        Lang::En => format!("{} ({})", date.format("%Y-%m-%d"), date.format("%a")),
    }
}

/// The same date in both languages.
pub fn format_date_both(date: NaiveDate) -> Bilingual {
    Bilingual::new(format_date(date, Lang::Ja), format_date(date, Lang::En))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip_and_regional_variants_map_to_the_language() {
        for lang in [Lang::Ja, Lang::En] {
            assert_eq!(Lang::from_tag(lang.tag()), Some(lang));
        }
        assert_eq!(Lang::from_tag("en-US"), Some(Lang::En));
        assert_eq!(Lang::from_tag("ja_JP"), Some(Lang::Ja));
        assert_eq!(Lang::from_tag("fr"), None);
        assert_eq!(Lang::from_tag(""), None);
    }

    #[test]
    fn japanese_is_the_default() {
        assert_eq!(Lang::default(), Lang::Ja);
    }
}
