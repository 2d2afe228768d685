//! Hand-checked cases for business days (R2), the received day and deadline of the notice rule
//! (R5, work on any day: R3) and the desk hours (R1). Each expected value was counted by hand
//! on a wall calendar; the reasoning is in the comments.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use fwportal_core::calendar::{BusinessCalendar, CalendarError};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn cal() -> BusinessCalendar {
    BusinessCalendar::default()
}

#[test]
fn r5_received_on_table() {
    let cal = cal();
    let cases = [
        // Friday 2026-06-05: one second before the 17:30 cutoff counts that day…
        ("2026-06-05T17:29:59+09:00", "2026-06-05"),
        ("2026-06-05T17:29:00+09:00", "2026-06-05"),
        // …17:30 itself is "at or after": the next business day, Monday 6/8.
        ("2026-06-05T17:30:00+09:00", "2026-06-08"),
        // Before the desk opens (08:45) on a business day still counts as that day.
        ("2026-06-05T07:00:00+09:00", "2026-06-05"),
        ("2026-06-05T00:00:00+09:00", "2026-06-05"),
        // Saturday 6/6 → Monday 6/8.
        ("2026-06-06T10:00:00+09:00", "2026-06-08"),
        // 海の日, Monday 2026-07-20 → Tuesday 7/21.
        ("2026-07-20T10:00:00+09:00", "2026-07-21"),
        // Monday 2025-12-29 before the cutoff is the last business day of 2025…
        ("2025-12-29T17:00:00+09:00", "2025-12-29"),
        // …after hours it rolls over the closure 12/30–1/3 and Sunday 1/4 to Monday 1/5.
        ("2025-12-29T18:00:00+09:00", "2026-01-05"),
        // January 3 2028 is a Monday but inside the year-end closure → Tuesday 1/4.
        ("2028-01-03T10:00:00+09:00", "2028-01-04"),
        // Golden Week 2026: Friday 5/1 after hours → 5/2–5/6 are weekend/holidays → Thu 5/7.
        ("2026-05-01T17:30:00+09:00", "2026-05-07"),
        // Instants in other zones are read in Japan time: 08:29 UTC = 17:29 JST…
        ("2026-06-05T08:29:00Z", "2026-06-05"),
        // …08:30 UTC = 17:30 JST,
        ("2026-06-05T08:30:00Z", "2026-06-08"),
        // and Thursday 15:30 UTC is already Friday 00:30 in Japan.
        ("2026-06-04T15:30:00Z", "2026-06-05"),
        // New York Friday evening 2026-06-05 20:00 (-04:00) = Saturday 09:00 JST → Monday.
        ("2026-06-05T20:00:00-04:00", "2026-06-08"),
    ];
    for (submitted, expected) in cases {
        assert_eq!(
            cal.received_on(&at(submitted)).unwrap(),
            d(expected),
            "submitted {submitted}"
        );
    }
}

#[test]
fn r5_received_on_accepts_utc_instants() {
    let utc: DateTime<Utc> = "2026-06-05T08:30:00Z".parse().unwrap();
    assert_eq!(cal().received_on(&utc).unwrap(), d("2026-06-08"));
}

#[test]
fn r5_r3_deadline_table() {
    let cal = cal();
    let cases = [
        // Plain June 2026 (no holidays): 15 business days before Monday 6/29 are 6/8…6/26.
        ("2026-06-29", "2026-06-08"),
        // Just before Golden Week. Tuesday 4/28: 4/27 (1), 4/20–24 (6), 4/13–17 (11),
        // 4/10, 4/9, 4/8, 4/7 (15).
        ("2026-04-28", "2026-04-07"),
        // Just after. Thursday 5/7: 5/2–5/6 are Sat, Sun, 憲法記念日, みどりの日, こどもの日,
        // and 振替休日; 5/1 (1), 4/30 (2), 4/29 昭和の日 skipped, 4/28 (3), 4/27 (4),
        // 4/20–24 (9), 4/13–17 (14), 4/10 (15).
        ("2026-05-07", "2026-04-10"),
        // Work on the substitute holiday itself (allowed by R3) needs the same notice.
        ("2026-05-06", "2026-04-10"),
        ("2026-05-02", "2026-04-10"),
        // Friday 5/8: 5/7 (1), 5/1 (2), 4/30 (3), 4/28 (4), 4/27 (5), 4/20–24 (10), 4/13–17 (15).
        ("2026-05-08", "2026-04-13"),
        // Silver week 2026 (9/19 Sat … 9/23 秋分の日). Friday 9/18: 9/14–17 (4), 9/7–11 (9),
        // 9/1–4 (13), 8/31 (14), 8/28 (15).
        ("2026-09-18", "2026-08-28"),
        // Thursday 9/24: 9/19–23 all off; 9/18 (1), 9/14–17 (5), 9/7–11 (10), 9/1–4 (14),
        // 8/31 (15).
        ("2026-09-24", "2026-08-31"),
        // Work on 国民の休日 9/22 or Saturday 9/19: the same count as 9/24.
        ("2026-09-22", "2026-08-31"),
        ("2026-09-19", "2026-08-31"),
        // New Year. Tuesday 2026-12-29: 12/28 (1), 12/21–25 (6), 12/14–18 (11),
        // 12/11, 12/10, 12/9, 12/8 (15).
        ("2026-12-29", "2026-12-08"),
        // Wednesday 12/30 (closure, but work is allowed: R3): 12/29 (1), 12/28 (2),
        // 12/21–25 (7), 12/14–18 (12), 12/11, 12/10, 12/9 (15).
        ("2026-12-30", "2026-12-09"),
        // Monday 2027-01-04, the first business day: the closure adds nothing.
        ("2027-01-04", "2026-12-09"),
        // Tuesday 2027-01-05: 1/4 (1), then as above one day later.
        ("2027-01-05", "2026-12-10"),
    ];
    for (work, expected) in cases {
        assert_eq!(
            cal.deadline(d(work)).unwrap(),
            d(expected),
            "work date {work}"
        );
    }
}

#[test]
fn r5_earliest_work_date_table() {
    let cal = cal();
    let cases = [
        // 6/8 … 6/26 are 15 business days; the work may be on Saturday 6/27 (R3).
        ("2026-06-08", "2026-06-27"),
        // 8/31, 9/1–4, 9/7–11, 9/14–17, 9/18: the 15th is Friday 9/18 → Saturday 9/19.
        ("2026-08-31", "2026-09-19"),
        // One day later the 15th business day jumps over silver week to Thursday 9/24.
        ("2026-09-01", "2026-09-25"),
        // 12/10, 12/11, 12/14–18, 12/21–25, 12/28, 12/29 (14), 2027-01-04 (15) → 1/5.
        ("2026-12-10", "2027-01-05"),
        // Received on a non-business day (Saturday 6/6) counts from Monday 6/8.
        ("2026-06-06", "2026-06-27"),
    ];
    for (received, expected) in cases {
        let earliest = cal.earliest_work_date(d(received)).unwrap();
        assert_eq!(earliest, d(expected), "received {received}");
    }
}

#[test]
fn r5_notice_met_at_the_cutoff() {
    let cal = cal();
    // Deadline of Thursday 2026-05-07 is Friday 4/10 (see the deadline table).
    let work = d("2026-05-07");
    assert!(cal
        .notice_met(work, &at("2026-04-10T17:29:00+09:00"))
        .unwrap());
    assert!(!cal
        .notice_met(work, &at("2026-04-10T17:30:00+09:00"))
        .unwrap());
    // Saturday 4/11 counts as Monday 4/13: too late.
    assert!(!cal
        .notice_met(work, &at("2026-04-11T09:00:00+09:00"))
        .unwrap());
    assert!(cal
        .notice_met(work, &at("2026-03-01T09:00:00+09:00"))
        .unwrap());
}

#[test]
fn r5_notice_report_serialises_with_plain_dates() {
    let cal = cal();
    let report = cal
        .notice_report(d("2026-09-24"), &at("2026-08-31T12:00:00+09:00"))
        .unwrap();
    assert_eq!(
        serde_json::to_value(&report).unwrap(),
        serde_json::json!({
            "received_on": "2026-08-31",
            "deadline": "2026-08-31",
            "earliest_work_date": "2026-09-19",
            "notice_met": true,
        })
    );
}

#[test]
fn r2_business_day_table() {
    let cal = cal();
    let cases = [
        ("2026-06-05", true),  // Friday
        ("2026-06-06", false), // Saturday
        ("2026-06-07", false), // Sunday
        ("2026-07-20", false), // 海の日
        ("2026-05-06", false), // 振替休日
        ("2026-09-22", false), // 国民の休日
        ("2025-12-29", true),  // Monday, last business day of the year
        ("2025-12-30", false), // year-end closure, Tuesday
        ("2026-01-02", false), // year-end closure, Friday
        ("2028-01-03", false), // year-end closure, Monday
        ("2028-01-04", true),  // Tuesday after the closure
        ("2019-05-01", false), // 即位の日
        ("2019-10-22", false), // 即位礼正殿の儀
        ("2020-07-24", false), // スポーツの日 moved for the Olympics
        ("2020-10-12", true),  // …so the second Monday of October 2020 was a working day
    ];
    for (day, expected) in cases {
        assert_eq!(cal.is_business_day(d(day)), expected, "{day}");
    }
}

#[test]
fn r1_desk_status_table() {
    let cal = cal();
    // (now, open, next_opens_at, closes_at)
    let cases = [
        // Friday 2026-06-05: before opening, at opening, just before and at closing.
        (
            "2026-06-05T08:44:59+09:00",
            false,
            Some("2026-06-05T08:45:00+09:00"),
            None,
        ),
        (
            "2026-06-05T08:45:00+09:00",
            true,
            None,
            Some("2026-06-05T17:30:00+09:00"),
        ),
        (
            "2026-06-05T17:29:59+09:00",
            true,
            None,
            Some("2026-06-05T17:30:00+09:00"),
        ),
        (
            "2026-06-05T17:30:00+09:00",
            false,
            Some("2026-06-08T08:45:00+09:00"),
            None,
        ),
        // Saturday, and Golden Week: next opening on the next business day.
        (
            "2026-06-06T12:00:00+09:00",
            false,
            Some("2026-06-08T08:45:00+09:00"),
            None,
        ),
        (
            "2026-05-04T10:00:00+09:00",
            false,
            Some("2026-05-07T08:45:00+09:00"),
            None,
        ),
        // 01:00 UTC = 10:00 JST on Friday.
        (
            "2026-06-05T01:00:00Z",
            true,
            None,
            Some("2026-06-05T17:30:00+09:00"),
        ),
    ];
    for (now, open, next, closes) in cases {
        let status = cal.desk_status(&at(now)).unwrap();
        assert_eq!(status.open, open, "{now}");
        assert_eq!(status.next_opens_at, next.map(at), "{now}");
        assert_eq!(status.closes_at, closes.map(at), "{now}");
    }
}

#[test]
fn r5_out_of_range_is_an_error_not_a_panic() {
    let cal = cal();
    assert_eq!(
        cal.deadline(d("2000-01-10")),
        Err(CalendarError::OutOfRange {
            date: d("1999-12-31")
        })
    );
    assert!(matches!(
        cal.received_on(&at("2100-01-01T09:00:00+09:00")),
        Err(CalendarError::OutOfRange { .. })
    ));
    // 2099-12-31 is a Thursday inside the closure: no business day follows in range.
    assert!(cal.received_on(&at("2099-12-29T18:00:00+09:00")).is_err());
    assert!(cal.earliest_work_date(d("2099-12-20")).is_err());
    assert!(cal.deadline(NaiveDate::MIN).is_err());
    assert!(cal.deadline(NaiveDate::MAX).is_err());
    assert!(cal.earliest_work_date(NaiveDate::MAX).is_err());
    assert!(cal.add_business_days(d("2050-01-01"), u32::MAX).is_err());
    assert!(cal.sub_business_days(d("2050-01-01"), u32::MAX).is_err());
    assert!(!cal.is_business_day(d("1999-06-01")));
    assert!(cal.holiday(d("1999-01-01")).is_none());
    assert_eq!(
        cal.holidays_in_year(2100),
        Err(CalendarError::YearOutOfRange { year: 2100 })
    );
    let far: DateTime<Utc> = DateTime::<Utc>::MAX_UTC;
    assert!(cal.received_on(&far).is_err());
    assert!(cal.desk_status(&far).is_err());
}
