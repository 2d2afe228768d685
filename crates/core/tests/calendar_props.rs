//! Properties of the business calendar (R2) and the notice rule (R5) over random dates
//! 2000–2099 and random instants.

use std::sync::LazyLock;

use chrono::{DateTime, Days, FixedOffset, NaiveDate, TimeDelta, Utc};
use fwportal_core::calendar::{BusinessCalendar, JST};
use proptest::prelude::*;

static CAL: LazyLock<BusinessCalendar> = LazyLock::new(BusinessCalendar::default);

/// Days 2000-07-01 … 2099-06-30: far enough from the range's ends that 15 business days
/// (and the 100-day bound of add/sub below) always fit.
fn date() -> impl Strategy<Value = NaiveDate> {
    let first = NaiveDate::from_ymd_opt(2000, 7, 1).unwrap();
    let last = NaiveDate::from_ymd_opt(2099, 6, 30).unwrap();
    let span = (last - first).num_days() as u64;
    (0..=span).prop_map(move |n| first + Days::new(n))
}

/// Any instant in those days, in Japan time or in another zone.
fn instant() -> impl Strategy<Value = DateTime<FixedOffset>> {
    (date(), 0..86_400i64, -12i32..=14).prop_map(|(day, secs, zone)| {
        let jst = day
            .and_hms_opt(0, 0, 0)
            .unwrap()
            .and_local_timezone(JST)
            .unwrap()
            + TimeDelta::seconds(secs);
        jst.with_timezone(&FixedOffset::east_opt(zone * 3600).unwrap())
    })
}

fn business_days_between(cal: &BusinessCalendar, from: NaiveDate, until: NaiveDate) -> usize {
    from.iter_days()
        .take_while(|d| *d < until)
        .filter(|d| cal.is_business_day(*d))
        .count()
}

proptest! {
    #[test]
    fn r5_deadline_is_a_business_day_15_business_days_before_the_work_date(w in date()) {
        let deadline = CAL.deadline(w).unwrap();
        prop_assert!(CAL.is_business_day(deadline));
        prop_assert!(deadline < w);
        // Exactly 15 business days in [deadline, w): the work date itself never counts.
        prop_assert_eq!(business_days_between(&CAL, deadline, w), 15);
    }

    #[test]
    fn r5_deadline_never_decreases(w in date(), extra in 0u64..40) {
        let later = w + Days::new(extra);
        prop_assert!(CAL.deadline(w).unwrap() <= CAL.deadline(later).unwrap());
    }

    #[test]
    fn r5_earliest_work_date_is_the_first_day_with_enough_notice(t in instant()) {
        let r = CAL.received_on(&t).unwrap();
        let earliest = CAL.earliest_work_date(r).unwrap();
        prop_assert!(CAL.notice_met(earliest, &t).unwrap());
        let day_before = earliest.pred_opt().unwrap();
        prop_assert!(!CAL.notice_met(day_before, &t).unwrap());
        prop_assert!(CAL.deadline(earliest).unwrap() >= r);
        prop_assert!(CAL.deadline(day_before).unwrap() < r);
    }

    #[test]
    fn r2_add_then_sub_business_days_round_trips(d in date(), n in 0u32..100) {
        let start = if CAL.is_business_day(d) { d } else { CAL.next_business_day(d).unwrap() };
        let there = CAL.add_business_days(start, n).unwrap();
        prop_assert_eq!(CAL.sub_business_days(there, n).unwrap(), start);
        prop_assert_eq!(business_days_between(&CAL, start, there), n as usize);
    }

    #[test]
    fn r5_received_on_is_a_business_day_not_before_the_japan_date(t in instant()) {
        let r = CAL.received_on(&t).unwrap();
        prop_assert!(CAL.is_business_day(r));
        prop_assert!(r >= t.with_timezone(&JST).date_naive());
        // The same instant given in UTC is received on the same day.
        prop_assert_eq!(CAL.received_on(&t.with_timezone(&Utc)).unwrap(), r);
        // No business day is passed over except the submission day itself (after the cutoff).
        let day = t.with_timezone(&JST).date_naive();
        let skipped = business_days_between(&CAL, day, r);
        prop_assert!(skipped <= 1);
    }

    #[test]
    fn r1_desk_status_is_consistent(t in instant()) {
        let status = CAL.desk_status(&t).unwrap();
        let local = t.with_timezone(&JST);
        prop_assert_eq!(status.open, status.closes_at.is_some());
        prop_assert_eq!(status.open, status.next_opens_at.is_none());
        if let Some(next) = status.next_opens_at {
            prop_assert!(next > t);
            prop_assert!(CAL.is_business_day(next.date_naive()));
        }
        if status.open {
            prop_assert!(CAL.is_business_day(local.date_naive()));
        }
    }
}
