//! R5 and R7 together, decided as soon as the contract's dates are known: can any work date
//! meet both the notice (R5) and the periods (R7)? A contract that ends before the earliest
//! date the notice allows is refused on the contract step and explained on `/check`, not five
//! pages later on the work date.

use chrono::NaiveDate;

use super::contract::Period;
use super::fields;
use crate::calendar::{BusinessCalendar, CalendarError};
use crate::i18n::{format_date_both, Bilingual};
use crate::problem::{Problem, ProblemCode};

/// The days a work date may fall on, given the contract and the moment of asking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkDateOutlook {
    /// Any day from `first` to `last`: `first` is the earliest date the notice allows (R5)
    /// or the start of the shared period, whichever is later.
    Possible { first: NaiveDate, last: NaiveDate },
    /// R7: the Proactive Care period and the option's period share no day.
    NoCommonDay,
    /// R5 with R7: the shared period ends on `last`, before `earliest`, the first day the
    /// notice allows.
    EndsTooSoon {
        earliest: NaiveDate,
        last: NaiveDate,
    },
}

/// The days inside both periods (R7); `None` when a period is reversed or they share no day.
///
/// ```
/// use chrono::NaiveDate;
/// use fwportal_core::eligibility::{outlook::work_window, Period};
/// let d = |m, d| NaiveDate::from_ymd_opt(2027, m, d).unwrap();
/// let window = work_window(Period::new(d(1, 1), d(9, 30)), Period::new(d(4, 1), d(12, 31)));
/// assert_eq!(window, Some(Period::new(d(4, 1), d(9, 30))));
/// assert_eq!(work_window(Period::new(d(1, 1), d(2, 1)), Period::new(d(3, 1), d(4, 1))), None);
/// ```
pub fn work_window(proactive_care: Period, option: Period) -> Option<Period> {
    if proactive_care.is_reversed() || option.is_reversed() {
        return None;
    }
    let window = Period::new(
        proactive_care.start.max(option.start),
        proactive_care.end.min(option.end),
    );
    (!window.is_reversed()).then_some(window)
}

/// Which days a request received on `received_on` may book (R5, R7). `None` when a period is
/// reversed: that is reported on its own ([`ProblemCode::PeriodReversed`]).
///
/// ```
/// use chrono::NaiveDate;
/// use fwportal_core::calendar::BusinessCalendar;
/// use fwportal_core::eligibility::outlook::{work_date_outlook, WorkDateOutlook};
/// use fwportal_core::eligibility::Period;
/// let d = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
/// let cal = BusinessCalendar::default();
/// let pc = Period::new(d(4, 1), d(12, 10));
/// // Received Monday 2026-11-30: 11/30 … 12/18 are the 15 business days, so the earliest
/// // work date is Saturday 12/19, after the contract's end.
/// assert_eq!(
///     work_date_outlook(&cal, d(11, 30), pc, pc).unwrap(),
///     Some(WorkDateOutlook::EndsTooSoon { earliest: d(12, 19), last: d(12, 10) })
/// );
/// let longer = Period::new(d(4, 1), d(12, 19));
/// assert_eq!(
///     work_date_outlook(&cal, d(11, 30), longer, longer).unwrap(),
///     Some(WorkDateOutlook::Possible { first: d(12, 19), last: d(12, 19) })
/// );
/// ```
pub fn work_date_outlook(
    calendar: &BusinessCalendar,
    received_on: NaiveDate,
    proactive_care: Period,
    option: Period,
) -> Result<Option<WorkDateOutlook>, CalendarError> {
    if proactive_care.is_reversed() || option.is_reversed() {
        return Ok(None);
    }
    let Some(window) = work_window(proactive_care, option) else {
        return Ok(Some(WorkDateOutlook::NoCommonDay));
    };
    let earliest = calendar.earliest_work_date(received_on)?;
    Ok(Some(if earliest > window.end {
        WorkDateOutlook::EndsTooSoon {
            earliest,
            last: window.end,
        }
    } else {
        WorkDateOutlook::Possible {
            first: earliest.max(window.start),
            last: window.end,
        }
    }))
}

/// The refusal for an outlook with no possible day, on the end date of the period that ends
/// first (the date a renewal would move), with what to do. `None` when a day is possible.
/// The message names no rule: rule codes stay in `rule` for the desk.
///
/// ```
/// use chrono::NaiveDate;
/// use fwportal_core::eligibility::outlook::{no_work_date_problem, WorkDateOutlook};
/// use fwportal_core::eligibility::Period;
/// let d = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
/// let outlook = WorkDateOutlook::EndsTooSoon { earliest: d(12, 22), last: d(12, 10) };
/// let pc = Period::new(d(4, 1), d(12, 10));
/// let option = Period::new(d(4, 1), d(12, 31));
/// let p = no_work_date_problem(outlook, pc, option, 15).unwrap();
/// assert_eq!(p.field, "contract.proactive_care_end");
/// assert!(p.message_ja.contains("2026年12月22日") && p.message_ja.contains("更新"));
/// assert!(!p.message_ja.contains("R5") && !p.message_en.contains("R7"));
/// ```
pub fn no_work_date_problem(
    outlook: WorkDateOutlook,
    proactive_care: Period,
    option: Period,
    notice_days: u32,
) -> Option<Problem> {
    let field = if proactive_care.end <= option.end {
        fields::PROACTIVE_CARE_END
    } else {
        fields::OPTION_END
    };
    let message = match outlook {
        WorkDateOutlook::Possible { .. } => return None,
        WorkDateOutlook::NoCommonDay => Bilingual::new(
            "プロアクティブケアの契約期間とファームウェアアップデートオプションの契約期間に重なる日がないため、作業日を選べません。契約書の日付をご確認のうえ、ご不明な点はアドバンストソリューションセンターにご相談ください。",
            "The Proactive Care period and the option's period have no day in common, so no work date can be chosen. Please check the dates on your contract, and contact the Advanced Solution Center if in doubt.",
        ),
        WorkDateOutlook::EndsTooSoon { earliest, last } => {
            let (earliest, last) = (format_date_both(earliest), format_date_both(last));
            Bilingual::new(
                format!(
                    "ご契約期間内に選べる作業日がありません。作業予定日は受付日から{notice_days}営業日より後（今のお申込みでは最も早くて{}）ですが、ご契約期間は{}までです。作業をご希望の場合は、契約の更新をご検討いただくか、アドバンストソリューションセンターにご相談ください。",
                    earliest.ja, last.ja
                ),
                format!(
                    "No work date is possible within your contract. The work must be at least {notice_days} business days after your request is received (the earliest possible date for a request made now is {}), but the contract period ends on {}. To have the update done, please consider renewing the contract, or contact the Advanced Solution Center.",
                    earliest.en, last.en
                ),
            )
        }
    };
    Some(
        Problem::new(field, ProblemCode::NoWorkDatePossible, message).with_rule(
            if matches!(outlook, WorkDateOutlook::NoCommonDay) {
                "R7"
            } else {
                "R5"
            },
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(offset: i64) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default() + chrono::Days::new(offset as u64)
    }

    proptest! {
        /// The law: a day is offered exactly when it meets both R5 (its deadline is on or after
        /// the received day) and R7 (inside both periods), for every received day and periods.
        #[test]
        fn possible_exactly_when_some_day_meets_r5_and_r7(
            received in 0i64..400,
            pc_start in 0i64..500, pc_len in 0i64..200,
            opt_start in 0i64..500, opt_len in 0i64..200,
        ) {
            let cal = BusinessCalendar::default();
            let received_on = cal.next_business_day(day(received) - chrono::Days::new(1)).unwrap();
            let pc = Period::new(day(pc_start), day(pc_start + pc_len));
            let opt = Period::new(day(opt_start), day(opt_start + opt_len));
            let outlook = work_date_outlook(&cal, received_on, pc, opt).unwrap().unwrap();
            let meets = |d: NaiveDate| {
                pc.contains(d) && opt.contains(d) && cal.deadline(d).unwrap() >= received_on
            };
            let first_meeting = (0..800).map(day).find(|d| meets(*d));
            match outlook {
                WorkDateOutlook::Possible { first, last } => {
                    prop_assert_eq!(first_meeting, Some(first));
                    prop_assert!(meets(last));
                    prop_assert!(!meets(last + chrono::Days::new(1)));
                }
                _ => prop_assert_eq!(first_meeting, None),
            }
        }
    }
}
