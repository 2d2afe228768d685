//! The words of the rules follow the operator's settings (R1, R5) and write every date one way
//! per language: a calendar with `notice-days 10` and `cutoff 16:00` decides with 10 days and
//! says 10 days and 16:00, never the contract's defaults (15 days, 17:30); R4, R5 and R7
//! messages all write a day as `2027年1月21日(木)` / `2027-01-21 (Thu)`.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use fwportal_core::calendar::BusinessCalendar;
use fwportal_core::i18n::{format_date, Lang};
use fwportal_core::problem::{Problem, ProblemCode};
use fwportal_core::request::{check, RequestDraft, RuleContext};

mod request_support;

/// The operator's file of the browser test: notice and cutoff both off the defaults.
const SETTINGS: &str = "notice-days 10\ncutoff 16:00\ndesk-hours 09:00-16:00\n";

fn operator_calendar() -> BusinessCalendar {
    BusinessCalendar::from_config_text(SETTINGS).expect("the settings parse")
}

/// Wednesday 2027-01-06, 10:00 in Japan.
fn wednesday_morning() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 1, 6, 1, 0, 0).unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The shared valid request, on `work_date`.
fn draft(work_date: &str) -> RequestDraft {
    RequestDraft {
        work_date: work_date.into(),
        ..request_support::valid_draft()
    }
}

fn problems_with(
    calendar: &BusinessCalendar,
    at: DateTime<Utc>,
    draft: &RequestDraft,
    earlier: &[NaiveDate],
) -> Vec<Problem> {
    let context = RuleContext {
        calendar,
        submitted_at: at,
        earlier_work_dates: earlier,
    };
    check(draft, &context).expect_err("the draft should be refused")
}

fn on<'a>(problems: &'a [Problem], field: &str) -> &'a Problem {
    problems
        .iter()
        .find(|p| p.field == field)
        .unwrap_or_else(|| panic!("no problem on {field}: {problems:#?}"))
}

/// Neither language states a figure of the contract's defaults.
fn assert_no_default_figures(problem: &Problem) {
    for text in [&problem.message_ja, &problem.message_en] {
        for default in ["15営業日", "15 business days", "17:30"] {
            assert!(!text.contains(default), "{default:?} in {text}");
        }
    }
}

#[test]
fn r5_the_refusal_states_the_operators_notice_days_and_cutoff() {
    // Received Wed 2027-01-06. Ten business days (Mon 1/11 is 成人の日) are 1/6–1/8 and
    // 1/12–1/20, so the earliest work date is Thu 2027-01-21 (with 15 days: 1/28).
    let calendar = operator_calendar();
    let all = problems_with(&calendar, wednesday_morning(), &draft("2027-01-20"), &[]);
    let problem = on(&all, "work_date");
    assert_eq!(problem.code, ProblemCode::NoticeNotMet);
    assert!(
        problem.message_ja.contains("10営業日前"),
        "{}",
        problem.message_ja
    );
    assert!(
        problem.message_en.contains("10 business days"),
        "{}",
        problem.message_en
    );
    assert!(
        problem.message_ja.contains("16:00以降"),
        "{}",
        problem.message_ja
    );
    assert!(
        problem.message_en.contains("16:00"),
        "{}",
        problem.message_en
    );
    assert!(problem.message_ja.contains("2027年1月21日(木)"));
    assert!(problem.message_en.contains("2027-01-21 (Thu)"));
    assert_no_default_figures(problem);

    let accepted = RuleContext {
        calendar: &calendar,
        submitted_at: wednesday_morning(),
        earlier_work_dates: &[],
    };
    assert!(check(&draft("2027-01-21"), &accepted).is_ok());
}

#[test]
fn r5_the_alternative_date_is_refused_with_the_same_settings() {
    let calendar = operator_calendar();
    let mut request = draft("2027-03-06");
    request.alternative_work_date = "2027-01-19".into();
    let all = problems_with(&calendar, wednesday_morning(), &request, &[]);
    let problem = on(&all, "alternative_work_date");
    assert_eq!(problem.code, ProblemCode::NoticeNotMet);
    assert!(problem.message_ja.contains("10営業日前"));
    assert!(problem.message_en.contains("10 business days"));
    assert_no_default_figures(problem);
}

#[test]
fn r5_the_cutoff_in_the_words_is_the_one_the_decision_used() {
    // 16:30 on Wed 2027-01-06: after the operator's 16:00, before the default 17:30. The
    // request counts from Thursday, and the sentence says why with 16:00.
    let calendar = operator_calendar();
    let evening = Utc.with_ymd_and_hms(2027, 1, 6, 7, 30, 0).unwrap();
    let all = problems_with(&calendar, evening, &draft("2027-01-21"), &[]);
    let problem = on(&all, "work_date");
    assert!(problem
        .message_ja
        .contains(&format_date(date(2027, 1, 7), Lang::Ja)));
    assert!(problem
        .message_en
        .contains(&format_date(date(2027, 1, 7), Lang::En)));
    assert!(
        problem.message_ja.contains("16:00以降"),
        "{}",
        problem.message_ja
    );
    assert!(
        problem.message_en.contains("at or after 16:00"),
        "{}",
        problem.message_en
    );
    assert_no_default_figures(problem);
}

#[test]
fn r5_the_contracts_defaults_are_stated_when_the_operator_sets_nothing() {
    let calendar = BusinessCalendar::default();
    let all = problems_with(&calendar, wednesday_morning(), &draft("2027-01-27"), &[]);
    let problem = on(&all, "work_date");
    assert!(problem.message_ja.contains("15営業日前"));
    assert!(problem.message_ja.contains("17:30以降"));
    assert!(problem.message_en.contains("15 business days"));
    assert!(problem.message_en.contains("17:30"));
}

/// Every date a message writes, in the one form of its language: a Japanese date is
/// `YYYY年M月D日(曜)`, an English one `YYYY-MM-DD (Www)`, and no English month name appears.
/// `has_dates`: the message must name at least one date (R4's refusal may name none: it must
/// not tell when another booking is, issue 12).
fn assert_one_date_style(problem: &Problem, has_dates: bool) {
    let ja = &problem.message_ja;
    let mut rest = ja.as_str();
    let mut seen = 0;
    while let Some(at) = rest.find('日') {
        let (before, after) = rest.split_at(at);
        let after = &after['日'.len_utf8()..];
        // A day of a date: digits before 日 and 月 before them.
        if before.ends_with(|c: char| c.is_ascii_digit()) && before.contains('月') {
            seen += 1;
            let weekday = after.chars().take(3).collect::<String>();
            assert!(
                weekday.starts_with('(')
                    && weekday.ends_with(')')
                    && "月火水木金土日".contains(weekday.chars().nth(1).unwrap_or(' ')),
                "a date without its weekday in: {ja}"
            );
        }
        rest = after;
    }
    assert!(seen > 0 || !has_dates, "no date in: {ja}");

    let en = &problem.message_en;
    for month in [
        "January",
        "February",
        "March",
        "April",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ] {
        assert!(!en.contains(month), "{month} in: {en}");
    }
    let mut dates = 0;
    for start in (0..en.len()).filter(|&i| en.is_char_boundary(i)) {
        let candidate = &en[start..];
        let looks_iso = candidate.len() >= 10
            && candidate.is_char_boundary(10)
            && candidate[..10].chars().enumerate().all(|(i, c)| {
                if i == 4 || i == 7 {
                    c == '-'
                } else {
                    c.is_ascii_digit()
                }
            });
        if looks_iso {
            dates += 1;
            let weekday = &candidate[10..];
            assert!(
                ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
                    .iter()
                    .any(|w| weekday.starts_with(&format!(" ({w})"))),
                "a date without its weekday in: {en}"
            );
        }
    }
    assert!(dates > 0 || !has_dates, "no date in: {en}");
}

#[test]
fn r4_r5_and_r7_messages_write_dates_the_same_way() {
    let calendar = operator_calendar();
    let at = wednesday_morning();

    let r5 = problems_with(&calendar, at, &draft("2027-01-20"), &[]);
    assert_one_date_style(on(&r5, "work_date"), true);

    // R7: the work date after the option's period; the alternative date outside it too.
    let mut outside = draft("2029-06-01");
    outside.contract.option_end = "2029-03-31".into();
    outside.contract.proactive_care_end = "2030-03-31".into();
    outside.alternative_work_date = "2029-06-08".into();
    let r7 = problems_with(&calendar, at, &outside, &[]);
    let work = on(&r7, "work_date");
    assert_eq!(work.code, ProblemCode::OutsideOptionPeriod);
    assert_one_date_style(work, true);
    assert!(work
        .message_ja
        .contains(&format_date(date(2029, 3, 31), Lang::Ja)));
    assert!(work
        .message_en
        .contains(&format_date(date(2029, 3, 31), Lang::En)));
    assert_one_date_style(on(&r7, "alternative_work_date"), true);

    // R4: a second update work in the contract year that started on 2026-04-01.
    let r4 = problems_with(&calendar, at, &draft("2027-03-06"), &[date(2026, 10, 10)]);
    let once = on(&r4, "work_date");
    assert_eq!(once.code, ProblemCode::OnceAYear);
    assert_one_date_style(once, false);
}
