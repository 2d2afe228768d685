//! The operator's calendar overrides and configuration file (R2 business days, R5 notice).

use chrono::{NaiveDate, NaiveTime};
use fwportal_core::calendar::{
    AddedHoliday, BusinessCalendar, CalendarConfig, CalendarError, CalendarOverrides, Closure,
    ConfigErrorKind, HolidayKind, NoticeSettings, OverrideError,
};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn r2_closure_day_is_not_a_business_day_and_moves_the_deadline() {
    let plain = BusinessCalendar::default();
    let summer = BusinessCalendar::from_config_text("closure 2027-08-13 夏季休業\n").unwrap();
    assert!(plain.is_business_day(d("2027-08-13")));
    assert!(!summer.is_business_day(d("2027-08-13")));
    // A closure is not a holiday.
    assert!(summer.holiday(d("2027-08-13")).is_none());
    // Monday 2027-08-16. Without the closure: 8/13 (1), 8/12 (2), 8/11 山の日 skipped,
    // 8/10 (3), 8/9 (4), 8/2–6 (9), 7/26–30 (14), 7/23 (15).
    assert_eq!(plain.deadline(d("2027-08-16")).unwrap(), d("2027-07-23"));
    // With Friday 8/13 closed the count reaches one business day further back, Thu 7/22.
    assert_eq!(summer.deadline(d("2027-08-16")).unwrap(), d("2027-07-22"));
}

#[test]
fn r2_removed_holiday_becomes_a_business_day() {
    let cal = BusinessCalendar::from_config_text("not-holiday 2027-05-05").unwrap();
    assert!(cal.holiday(d("2027-05-05")).is_none());
    assert!(cal.is_business_day(d("2027-05-05")));
    assert!(!cal
        .holidays_in_year(2027)
        .unwrap()
        .iter()
        .any(|h| h.date == d("2027-05-05")));
}

#[test]
fn r2_added_holiday_is_listed_and_closed() {
    let cal = BusinessCalendar::from_config_text("holiday 2027-05-06 臨時の祝日 | Extra holiday\n")
        .unwrap();
    let h = cal.holiday(d("2027-05-06")).unwrap();
    assert_eq!(h.name_ja, "臨時の祝日");
    assert_eq!(h.name_en, "Extra holiday");
    assert_eq!(h.kind, HolidayKind::Operator);
    assert!(!cal.is_business_day(d("2027-05-06")));
    let days = cal.holidays_in_year(2027).unwrap();
    assert!(days.windows(2).all(|w| w[0].date < w[1].date));
}

#[test]
fn r2_a_law_holiday_can_be_renamed_by_removing_and_adding_it() {
    let text = "holiday 2027-05-05 子供の日 | Kids' Day\nnot-holiday 2027-05-05\n";
    let cal = BusinessCalendar::from_config_text(text).unwrap();
    assert_eq!(cal.holiday(d("2027-05-05")).unwrap().name_ja, "子供の日");
}

#[test]
fn r5_settings_from_the_file() {
    let text = "\u{feff}# 設定\n\nnotice-days 10\ncutoff 17:00\ndesk-hours 09:00-17:00\n";
    let cal = BusinessCalendar::from_config_text(text).unwrap();
    let s = cal.settings();
    assert_eq!(s.notice_business_days, 10);
    assert_eq!(s.cutoff, NaiveTime::from_hms_opt(17, 0, 0).unwrap());
    assert_eq!(s.desk_open, NaiveTime::from_hms_opt(9, 0, 0).unwrap());
    assert_eq!(s.desk_close, NaiveTime::from_hms_opt(17, 0, 0).unwrap());
    // Plain June 2026: 10 business days before Monday 6/29 are 6/15 … 6/26.
    assert_eq!(cal.deadline(d("2026-06-29")).unwrap(), d("2026-06-15"));
}

#[test]
fn r5_empty_file_gives_the_contract_defaults() {
    let cal = BusinessCalendar::from_config_text("").unwrap();
    assert_eq!(cal, BusinessCalendar::default());
    assert_eq!(cal.settings(), &NoticeSettings::default());
    assert_eq!(cal.settings().notice_business_days, 15);
}

#[test]
fn r2_parser_errors_name_the_line() {
    let cases: [(&str, usize, &str); 14] = [
        ("bogus 1", 1, "unknown directive `bogus`"),
        ("# c\n\nclosure 2027-02-30", 3, "`2027-02-30` is not a date"),
        ("closure", 1, "`closure` needs a value"),
        (
            "holiday 2027-05-06 名前だけ",
            1,
            "needs `<date> <Japanese name> | <English name>`",
        ),
        ("holiday 2027-05-06 | English", 1, "needs `<date>"),
        ("notice-days ten", 1, "`ten` is not a whole number"),
        ("notice-days 0", 1, "between 1 and 100"),
        ("notice-days 15 days", 1, "unexpected text `days`"),
        ("cutoff 25:00", 1, "`25:00` is not a time"),
        ("desk-hours 17:30-08:45", 1, "opening before closing"),
        ("cutoff 17:00\ncutoff 17:30", 2, "already set on line 1"),
        ("not-holiday 2027-05-06", 1, "not a national holiday"),
        (
            "holiday 2027-05-05 x | y",
            1,
            "already a national holiday (こどもの日)",
        ),
        ("closure 1999-12-01", 1, "outside the supported range"),
    ];
    for (text, line, needle) in cases {
        let err = CalendarConfig::parse(text).unwrap_err();
        assert_eq!(err.line, line, "{text:?}: {err}");
        let message = err.to_string();
        assert!(message.starts_with(&format!("line {line}: ")), "{message}");
        assert!(message.contains(needle), "{text:?}: {message}");
    }
}

#[test]
fn r2_parser_blames_the_later_of_two_clashing_lines() {
    let text = "closure 2027-08-13\n# x\nholiday 2027-08-13 a | b\n";
    let err = CalendarConfig::parse(text).unwrap_err();
    assert_eq!(err.line, 3);
    assert_eq!(
        err.kind,
        ConfigErrorKind::Override(OverrideError::ClosureAndHoliday {
            date: d("2027-08-13")
        })
    );
    let err = CalendarConfig::parse("closure 2027-08-13\nclosure 2027-08-13 again").unwrap_err();
    assert_eq!(err.line, 2);
}

#[test]
fn r2_invalid_overrides_are_refused_by_the_constructor_too() {
    let overrides = CalendarOverrides {
        removed_holidays: vec![d("2027-05-06")],
        ..Default::default()
    };
    assert_eq!(
        BusinessCalendar::new(overrides, NoticeSettings::default()),
        Err(CalendarError::Override(OverrideError::NotALawHoliday {
            date: d("2027-05-06")
        }))
    );
    let settings = NoticeSettings {
        notice_business_days: 0,
        ..Default::default()
    };
    assert!(BusinessCalendar::new(CalendarOverrides::default(), settings).is_err());
}

#[test]
fn r2_calendar_round_trips_through_json_for_the_app() {
    let overrides = CalendarOverrides {
        closures: vec![Closure {
            date: d("2027-08-13"),
            reason: Some("夏季休業".into()),
        }],
        added_holidays: vec![AddedHoliday {
            date: d("2027-05-06"),
            name_ja: "臨時の祝日".into(),
            name_en: "Extra holiday".into(),
        }],
        removed_holidays: vec![d("2027-05-05")],
    };
    let cal = BusinessCalendar::new(overrides, NoticeSettings::default()).unwrap();
    let json = serde_json::to_value(&cal).unwrap();
    assert_eq!(json["overrides"]["closures"][0]["date"], "2027-08-13");
    assert_eq!(json["overrides"]["removed_holidays"][0], "2027-05-05");
    assert_eq!(json["settings"]["notice_business_days"], 15);
    let back: BusinessCalendar = serde_json::from_value(json).unwrap();
    assert_eq!(back, cal);

    // Deserialising checks the overrides again.
    let bad = serde_json::json!({"overrides": {"removed_holidays": ["2027-05-06"]}});
    assert!(serde_json::from_value::<BusinessCalendar>(bad).is_err());
}

/// Issue 14: how customers reach the desk comes from the operator's file, checked as the
/// request's own phone and e-mail fields are; a mistake names its line.
#[test]
fn the_desk_phone_and_mail_come_from_the_operators_file() {
    use fwportal_core::calendar::CalendarConfig;
    let config =
        CalendarConfig::parse("desk-phone ０１２０－０００－１１１\ndesk-mail ASC@Example.jp\n")
            .unwrap();
    assert_eq!(config.settings.desk_phone.as_deref(), Some("0120-000-111"));
    assert_eq!(config.settings.desk_mail.as_deref(), Some("ASC@Example.jp"));
    assert_eq!(NoticeSettings::default().desk_phone, None);
    let err = CalendarConfig::parse("\ndesk-mail not-a-mail\n").unwrap_err();
    assert_eq!(err.line, 2);
    let err = CalendarConfig::parse("desk-phone call us\n").unwrap_err();
    assert!(err.to_string().contains("telephone"), "{err}");
}
