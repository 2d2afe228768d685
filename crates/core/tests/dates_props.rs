//! The hand-written date and time texts against chrono's, over chrono's whole range: each form
//! writes what chrono's `format` (or serde) wrote, and reads back what it writes.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use fwportal_core::dates::{
    compact_date, hour_minute, iso_date, iso_time, parse_date_leniently,
    parse_hour_minute_leniently, parse_iso_date, parse_iso_time, parse_rfc3339, rfc3339, utc_stamp,
    wire,
};
use fwportal_core::i18n::{format_date, Lang};
use proptest::prelude::*;
use serde::{Deserialize, Serialize};

/// Any day chrono can hold.
fn any_date() -> impl Strategy<Value = NaiveDate> {
    (NaiveDate::MIN.num_days_from_ce()..=NaiveDate::MAX.num_days_from_ce())
        .prop_map(|n| NaiveDate::from_num_days_from_ce_opt(n).unwrap())
}

/// Mostly years 0–9999 (the four-digit form), sometimes any year.
fn date() -> impl Strategy<Value = NaiveDate> {
    let common =
        (0..=3_652_424i32).prop_map(|n| NaiveDate::from_num_days_from_ce_opt(n + 1).unwrap());
    prop_oneof![4 => common, 1 => any_date()]
}

/// Any time of day, with whole, milli-, micro- and nanoseconds and leap seconds.
fn time() -> impl Strategy<Value = NaiveTime> {
    let nanos = prop_oneof![
        Just(0u32),
        (0..1_000u32).prop_map(|n| n * 1_000_000),
        (0..1_000_000u32).prop_map(|n| n * 1_000),
        0..1_000_000_000u32,
    ];
    (
        0..24u32,
        0..60u32,
        0..60u32,
        nanos,
        prop::bool::weighted(0.05),
    )
        .prop_map(|(h, m, s, n, leap)| {
            if leap {
                NaiveTime::from_hms_nano_opt(h, m, 59, 1_000_000_000 + n).unwrap()
            } else {
                NaiveTime::from_hms_nano_opt(h, m, s, n).unwrap()
            }
        })
}

/// An instant away from chrono's limits with any offset chrono allows (seconds included).
fn instant_with_any_offset() -> impl Strategy<Value = DateTime<FixedOffset>> {
    (date(), time(), -86_399..=86_399i32).prop_filter_map("near chrono's limits", |(d, t, off)| {
        let offset = FixedOffset::east_opt(off)?;
        (d > NaiveDate::MIN.succ_opt()? && d < NaiveDate::MAX.pred_opt()?)
            .then(|| offset.from_utc_datetime(&d.and_time(t)))
    })
}

/// An instant with an offset of whole minutes, the offsets RFC 3339 can write.
fn instant() -> impl Strategy<Value = DateTime<FixedOffset>> {
    (instant_with_any_offset(), -1_439..=1_439i32)
        .prop_map(|(at, minutes)| at.with_timezone(&FixedOffset::east_opt(minutes * 60).unwrap()))
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Chrono {
    date: NaiveDate,
    maybe_date: Option<NaiveDate>,
    dates: Vec<NaiveDate>,
    time: NaiveTime,
    maybe_time: Option<NaiveTime>,
    at: DateTime<FixedOffset>,
    maybe_at: Option<DateTime<FixedOffset>>,
    utc: DateTime<Utc>,
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Wire {
    #[serde(with = "wire::date")]
    date: NaiveDate,
    #[serde(with = "wire::option_date")]
    maybe_date: Option<NaiveDate>,
    #[serde(with = "wire::dates")]
    dates: Vec<NaiveDate>,
    #[serde(with = "wire::time")]
    time: NaiveTime,
    #[serde(with = "wire::option_time")]
    maybe_time: Option<NaiveTime>,
    #[serde(with = "wire::datetime")]
    at: DateTime<FixedOffset>,
    #[serde(with = "wire::option_datetime")]
    maybe_at: Option<DateTime<FixedOffset>>,
    #[serde(with = "wire::utc_datetime")]
    utc: DateTime<Utc>,
}

proptest! {
    #[test]
    fn dates_are_written_as_chrono_formats_them(d in any_date()) {
        prop_assert_eq!(iso_date(d), d.format("%Y-%m-%d").to_string());
        prop_assert_eq!(iso_date(d), d.to_string());
        prop_assert_eq!(compact_date(d), d.format("%Y%m%d").to_string());
        // The one form for people (messages and pages), per language.
        prop_assert_eq!(format_date(d, Lang::En), d.format("%Y-%m-%d (%a)").to_string());
        let weekday_ja = match d.weekday() {
            Weekday::Mon => "月",
            Weekday::Tue => "火",
            Weekday::Wed => "水",
            Weekday::Thu => "木",
            Weekday::Fri => "金",
            Weekday::Sat => "土",
            Weekday::Sun => "日",
        };
        prop_assert_eq!(
            format_date(d, Lang::Ja),
            format!("{}({weekday_ja})", d.format("%Y年%-m月%-d日"))
        );
    }

    #[test]
    fn times_are_written_as_chrono_formats_them(t in time()) {
        prop_assert_eq!(hour_minute(t), t.format("%H:%M").to_string());
        prop_assert_eq!(iso_time(t), t.to_string());
    }

    #[test]
    fn instants_are_written_as_chrono_formats_them(at in instant_with_any_offset()) {
        prop_assert_eq!(
            format!("\"{}\"", rfc3339(&at)),
            serde_json::to_string(&at).unwrap()
        );
        let utc = at.with_timezone(&Utc);
        prop_assert_eq!(utc_stamp(utc), utc.format("%Y%m%dT%H%M%SZ").to_string());
    }

    #[test]
    fn what_is_written_is_read_back(d in any_date(), t in time(), at in instant()) {
        prop_assert_eq!(parse_iso_date(&iso_date(d)), Ok(d));
        prop_assert_eq!(parse_iso_time(&iso_time(t)), Ok(t));
        let back = parse_rfc3339(&rfc3339(&at)).unwrap();
        prop_assert_eq!(back, at);
        prop_assert_eq!(back.offset(), at.offset());
    }

    /// The JSON is byte for byte chrono's, and each side reads the other's.
    #[test]
    fn wire_json_is_chronos(
        date in date(),
        maybe_date in prop::option::of(date()),
        dates in prop::collection::vec(date(), 0..4),
        time in time(),
        maybe_time in prop::option::of(time()),
        at in instant(),
        maybe_at in prop::option::of(instant()),
        utc in instant(),
    ) {
        let utc = utc.with_timezone(&Utc);
        let chrono = Chrono { date, maybe_date, dates: dates.clone(), time, maybe_time, at, maybe_at, utc };
        let wire = Wire { date, maybe_date, dates, time, maybe_time, at, maybe_at, utc };
        let json = serde_json::to_string(&chrono).unwrap();
        prop_assert_eq!(serde_json::to_string(&wire).unwrap(), json.clone());
        prop_assert_eq!(serde_json::from_str::<Wire>(&json).unwrap(), wire);
    }

    /// Whatever the strict readers accept, chrono reads as the same value.
    #[test]
    fn strict_readers_accept_only_what_chrono_reads_alike(
        date in "[-+]?[0-9]{4,6}-[01][0-9]-[0-3][0-9]|[-+]?[0-9]{3,7}-[0-9]{1,3}-[0-9]{1,3}",
        time in "[0-2][0-9]:[0-5][0-9]:[0-6][0-9](\\.[0-9]{1,10})?|[0-9]{1,3}:[0-9]{1,2}:[0-9]{1,3}",
        offset in "Z|[-+][0-9]{2}:[0-9]{2}|[-+][0-9]{2}",
        noise in "[-+ 0-9:.TZ]{0,24}",
    ) {
        let instant = format!("{date}T{time}{offset}");
        for s in [&date, &time, &instant, &noise] {
            if let Ok(d) = parse_iso_date(s) {
                prop_assert_eq!(s.parse::<NaiveDate>(), Ok(d));
            }
            if let Ok(t) = parse_iso_time(s) {
                prop_assert_eq!(s.parse::<NaiveTime>(), Ok(t));
            }
            if let Ok(at) = parse_rfc3339(s) {
                let by_chrono = s.parse::<DateTime<FixedOffset>>();
                prop_assert_eq!(by_chrono, Ok(at));
                prop_assert_eq!(by_chrono.map(|c| *c.offset()), Ok(*at.offset()));
            }
        }
    }

    /// The operator file's readers accept and refuse exactly what chrono's `parse_from_str`
    /// did, on arbitrary text and on text shaped like a date or a time.
    #[test]
    fn lenient_readers_are_chronos_parse_from_str(
        any in "[-+ \t0-9:]{0,12}",
        date_like in "[ ]?[-+]?[0-9]{0,7}-[ ]?[0-9]{0,3}-[ ]?[0-9]{0,3}[ x]?",
        time_like in "[ ]?[0-9]{0,3}:[ ]?[0-9]{0,3}[ x]?",
    ) {
        for s in [&any, &date_like, &time_like] {
            prop_assert_eq!(
                parse_date_leniently(s).ok(),
                NaiveDate::parse_from_str(s, "%Y-%m-%d").ok(),
                "{:?}", s
            );
            prop_assert_eq!(
                parse_hour_minute_leniently(s).ok(),
                NaiveTime::parse_from_str(s, "%H:%M").ok(),
                "{:?}", s
            );
        }
    }
}

#[test]
fn lenient_readers_keep_chronos_corner_cases() {
    for s in [
        "2027-8-13",
        "27-08-13",
        "+2027-08-13",
        "-0001-01-01",
        " 2027- 8- 3",
        "2027-08-13 ",
        "２０２７-08-13",
        "2027-02-29",
        "2028-02-29",
        "0-1-1",
        "",
    ] {
        assert_eq!(
            parse_date_leniently(s).ok(),
            NaiveDate::parse_from_str(s, "%Y-%m-%d").ok(),
            "{s:?}"
        );
    }
    for s in [
        "9:5", " 9: 5", "09:05 ", "24:00", "23:60", "123:00", "9", "",
    ] {
        assert_eq!(
            parse_hour_minute_leniently(s).ok(),
            NaiveTime::parse_from_str(s, "%H:%M").ok(),
            "{s:?}"
        );
    }
}

#[test]
fn wire_options_write_null_and_read_missing_fields_with_default() {
    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct Maybe {
        #[serde(default, with = "wire::option_date")]
        date: Option<NaiveDate>,
    }
    assert_eq!(
        serde_json::to_string(&Maybe { date: None }).unwrap(),
        r#"{"date":null}"#
    );
    assert_eq!(
        serde_json::from_str::<Maybe>("{}").unwrap(),
        Maybe { date: None }
    );
    assert_eq!(
        serde_json::from_str::<Maybe>(r#"{"date":null}"#).unwrap(),
        Maybe { date: None }
    );
    assert!(serde_json::from_str::<Maybe>(r#"{"date":"2027-1-8"}"#).is_err());
}

#[test]
fn utc_instants_are_read_from_any_offset() {
    #[derive(Deserialize)]
    struct At {
        #[serde(with = "wire::utc_datetime")]
        at: DateTime<Utc>,
    }
    let at: At = serde_json::from_str(r#"{"at":"2027-01-08T10:00:00.123+09:00"}"#).unwrap();
    assert_eq!(
        at.at,
        Utc.with_ymd_and_hms(2027, 1, 8, 1, 0, 0).unwrap() + chrono::TimeDelta::milliseconds(123)
    );
}

/// The portal's own types read back what they write, and optional dates may be left out as
/// before.
#[test]
fn core_types_read_back_their_json() {
    use fwportal_core::calendar::{BusinessCalendar, DeskStatus, NoticeReport};
    use fwportal_core::eligibility::{contract_year, ContractYear, EligibilityInput};

    let cal = BusinessCalendar::default();
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    for at in [
        "2026-06-05T09:00:00.123+09:00",
        "2026-06-05T17:30:00Z",
        "2026-06-06T03:00:00-05:30",
    ] {
        let at = DateTime::parse_from_rfc3339(at).unwrap();
        let status = cal.desk_status(&at).unwrap();
        let json = serde_json::to_string(&status).unwrap();
        assert_eq!(serde_json::from_str::<DeskStatus>(&json).unwrap(), status);
        let report = cal.notice_report(d(2026, 7, 29), &at).unwrap();
        let json = serde_json::to_string(&report).unwrap();
        assert_eq!(serde_json::from_str::<NoticeReport>(&json).unwrap(), report);
    }
    let closed: DeskStatus =
        serde_json::from_str(r#"{"open":false,"next_opens_at":"2026-06-08T08:45:00+09:00"}"#)
            .unwrap();
    assert_eq!(closed.closes_at, None);

    let year = contract_year(d(2024, 2, 29), d(2025, 3, 1)).unwrap();
    let json = serde_json::to_string(&year).unwrap();
    assert_eq!(
        json,
        r#"{"index":1,"first_day":"2025-03-01","last_day":"2026-02-28"}"#
    );
    assert_eq!(serde_json::from_str::<ContractYear>(&json).unwrap(), year);

    let input: EligibilityInput = serde_json::from_value(serde_json::json!({
        "support_level": "proactive_care",
        "proactive_care": {"start": "2026-04-01", "end": "2029-03-31"},
        "option": {"start": "2026-04-01", "end": "2027-03-31"},
        "servers": [],
        "earlier_work_dates": ["2026-06-01"]
    }))
    .unwrap();
    assert_eq!(input.work_date, None);
    assert_eq!(input.earlier_work_dates, [d(2026, 6, 1)]);
}
