//! The customer's own changes on `/status` (issue 16): messages, cancelling (late after R5's
//! deadline, refused once the work started), another work date (R5 from the moment of asking,
//! R3, R7, R4) and the desk's answer to it, and the answer to a return.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use fwportal_core::calendar::BusinessCalendar;
use fwportal_core::eligibility::contract::Period;
use fwportal_core::lifecycle::customer::{
    answer_date_change, ask_date_change, cancel, may_converse, message, resubmit, work_start,
    CancelFacts, CustomerError, DateChange, DateChangeDraft, DateChangeFacts, MAX_MESSAGE,
};
use fwportal_core::lifecycle::{Status, StepRecord, ALL_STATUSES};
use fwportal_core::problem::ProblemCode;
use fwportal_core::request::fields::is_hidden_character;
use fwportal_core::request::RequestKind::{UpdateWork, VersionConsultation};
use fwportal_core::request::{ContractDraft, RequestDraft};
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn t(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

/// Wednesday 2027-01-06, 10:00 in Japan.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 1, 6, 1, 0, 0).unwrap()
}

fn codes(error: &CustomerError) -> Vec<(String, ProblemCode, Option<String>)> {
    error
        .problems()
        .into_iter()
        .map(|p| (p.field, p.code, p.rule))
        .collect()
}

// ---- messages ----

#[test]
fn a_message_keeps_its_lines_and_refuses_hidden_characters() {
    assert_eq!(
        message(" 質問です。\r\n2行目\tタブ ").unwrap().as_str(),
        "質問です。\r\n2行目\tタブ"
    );
    assert_eq!(
        message(&"あ".repeat(MAX_MESSAGE))
            .unwrap()
            .as_str()
            .chars()
            .count(),
        MAX_MESSAGE
    );
    for (text, code) in [
        ("", ProblemCode::Required),
        (" \n\t ", ProblemCode::Required),
        ("右から\u{202E}左", ProblemCode::InvalidCharacters),
        ("幅\u{200B}なし", ProblemCode::InvalidCharacters),
        ("\u{FEFF}BOM", ProblemCode::InvalidCharacters),
        ("行\u{2028}区切り", ProblemCode::InvalidCharacters),
        ("ベル\u{0007}", ProblemCode::InvalidCharacters),
    ] {
        let problem = message(text).unwrap_err();
        assert_eq!(
            (problem.field.as_str(), problem.code),
            ("body", code),
            "{text:?}"
        );
        assert!(!problem.message_ja.is_empty() && !problem.message_en.is_empty());
    }
    let long = message(&"a".repeat(MAX_MESSAGE + 1)).unwrap_err();
    assert_eq!(long.code, ProblemCode::TooLong);
    assert!(long.message_en.contains(&MAX_MESSAGE.to_string()));
}

proptest! {
    /// The law: a message passes exactly when its trimmed text is not empty, within the limit,
    /// and holds no hidden character but line breaks and tabs; what passes is the trimmed text.
    #[test]
    fn a_message_passes_exactly_when_it_is_visible_text_within_the_limit(
        text in prop_oneof![
            "\\PC{0,40}",
            "[ \\n\\t\\r\u{200B}\u{202E}\u{FEFF}a-zあ-ん]{0,40}",
            proptest::collection::vec(any::<char>(), 0..30).prop_map(|v| v.into_iter().collect::<String>()),
        ]
    ) {
        let trimmed = text.trim();
        let expected = !trimmed.is_empty()
            && trimmed.chars().count() <= MAX_MESSAGE
            && !trimmed.chars().any(|c| is_hidden_character(c) && !matches!(c, '\n' | '\r' | '\t'));
        let got = message(&text);
        prop_assert_eq!(got.is_ok(), expected, "{:?}", text);
        if let Ok(ok) = got {
            prop_assert_eq!(ok.as_str(), trimmed);
        }
    }
}

#[test]
fn messages_stop_when_the_request_is_closed() {
    for status in ALL_STATUSES {
        let result = may_converse(status);
        assert_eq!(result.is_ok(), status.is_open(), "{status}");
        if let Err(error) = result {
            assert_eq!(error.code(), "request_closed");
            assert!(error
                .message()
                .ja
                .contains(status.label(fwportal_core::i18n::Lang::Ja)));
        }
    }
}

// ---- cancelling ----

fn work_facts(status: Status, date: NaiveDate, time: NaiveTime) -> CancelFacts {
    CancelFacts {
        kind: UpdateWork,
        status,
        work: Some((date, time)),
    }
}

#[test]
fn the_customer_cancels_until_the_work_starts_and_late_after_the_r5_deadline() {
    let calendar = BusinessCalendar::default();
    // Far ahead: not late, the reason kept as the note.
    let early = cancel(
        &work_facts(Status::InReview, d(2027, 3, 10), t(9, 0)),
        &calendar,
        now(),
        " 予算の都合 ",
    )
    .unwrap();
    assert!(!early.late);
    assert_eq!(early.decision.to, Status::Cancelled);
    assert_eq!(early.decision.note, "予算の都合");
    assert_eq!(
        early.decision.record,
        StepRecord::CustomerCancellation { late: false }
    );

    // Work on Friday 2027-01-22: the deadline is 15 business days before; 2027-01-06 is past it.
    let late = cancel(
        &work_facts(Status::Agreed, d(2027, 1, 22), t(9, 0)),
        &calendar,
        now(),
        "",
    )
    .unwrap();
    assert!(late.late);
    assert_eq!(
        late.decision.record,
        StepRecord::CustomerCancellation { late: true }
    );

    // The same day, one minute before the start: still allowed (late); at the start: refused.
    let start = work_start(d(2027, 1, 6), t(10, 1));
    assert!(
        cancel(
            &work_facts(Status::Scheduled, d(2027, 1, 6), t(10, 1)),
            &calendar,
            now(),
            ""
        )
        .unwrap()
        .late
    );
    let started = cancel(
        &work_facts(Status::Scheduled, d(2027, 1, 6), t(10, 0)),
        &calendar,
        now(),
        "",
    )
    .unwrap_err();
    assert!(now() < start);
    assert_eq!(
        codes(&started),
        vec![("to".into(), ProblemCode::WorkStarted, None)]
    );

    // A consultation has no work day: cancellable while open, never late.
    let consultation = CancelFacts {
        kind: VersionConsultation,
        status: Status::Answered,
        work: None,
    };
    assert!(!cancel(&consultation, &calendar, now(), "").unwrap().late);
}

#[test]
fn a_cancellation_is_refused_on_a_closed_request_and_with_a_bad_reason() {
    let calendar = BusinessCalendar::default();
    for status in [Status::Completed, Status::Cancelled] {
        let error = cancel(
            &work_facts(status, d(2027, 3, 10), t(9, 0)),
            &calendar,
            now(),
            "",
        )
        .unwrap_err();
        assert_eq!(error, CustomerError::Closed { status });
    }
    let closed = CancelFacts {
        kind: VersionConsultation,
        status: Status::Closed,
        work: None,
    };
    assert_eq!(
        cancel(&closed, &calendar, now(), "").unwrap_err().code(),
        "request_closed"
    );
    let hidden = cancel(
        &work_facts(Status::Received, d(2027, 3, 10), t(9, 0)),
        &calendar,
        now(),
        "理由\u{202E}",
    )
    .unwrap_err();
    assert_eq!(
        codes(&hidden),
        vec![("reason".into(), ProblemCode::InvalidCharacters, None)]
    );
    let long = cancel(
        &work_facts(Status::Received, d(2027, 3, 10), t(9, 0)),
        &calendar,
        now(),
        &"x".repeat(2001),
    )
    .unwrap_err();
    assert_eq!(
        codes(&long),
        vec![("reason".into(), ProblemCode::TooLong, None)]
    );
}

proptest! {
    /// Cancelling is possible exactly before the work starts, and `late` is exactly "the
    /// notice for the planned date would not be met if asked now" (R5).
    #[test]
    fn cancelling_is_allowed_before_the_start_and_late_exactly_past_the_deadline(
        minutes in 0i64..(200 * 24 * 60),
        day_offset in 0u64..200,
        hour in 0u32..24,
    ) {
        let calendar = BusinessCalendar::default();
        let at = now() + chrono::TimeDelta::minutes(minutes);
        let date = d(2027, 1, 6) + chrono::Days::new(day_offset);
        let facts = work_facts(Status::Agreed, date, t(hour, 0));
        match cancel(&facts, &calendar, at, "") {
            Ok(done) => {
                prop_assert!(at < work_start(date, t(hour, 0)));
                let report = calendar.notice_report(date, &at).unwrap();
                prop_assert_eq!(done.late, !report.notice_met);
            }
            Err(error) => {
                prop_assert!(at >= work_start(date, t(hour, 0)));
                prop_assert_eq!(codes(&error)[0].1, ProblemCode::WorkStarted);
            }
        }
    }
}

// ---- another work date ----

fn change_facts(status: Status) -> DateChangeFacts {
    DateChangeFacts {
        kind: UpdateWork,
        status,
        proactive_care: Period::new(d(2026, 4, 1), d(2029, 3, 31)),
        option: Period::new(d(2026, 4, 1), d(2029, 3, 31)),
        contract_year_start: Some(d(2026, 4, 1)),
        current: Some((d(2027, 3, 10), t(9, 0))),
        pending: false,
    }
}

fn draft(date: &str, time: &str) -> DateChangeDraft {
    DateChangeDraft {
        work_date: date.into(),
        work_start_time: time.into(),
    }
}

#[test]
fn another_work_date_is_checked_like_a_new_request() {
    let calendar = BusinessCalendar::default();
    let facts = change_facts(Status::Agreed);
    // R3: a Sunday night is fine for the work itself.
    let ok = ask_date_change(&facts, &calendar, now(), &draft("2027-03-14", "23:30")).unwrap();
    assert_eq!(
        ok,
        DateChange {
            work_date: d(2027, 3, 14),
            work_start_time: t(23, 30)
        }
    );
    // The same date at another hour is a change too.
    assert!(ask_date_change(&facts, &calendar, now(), &draft("2027-03-10", "13:00")).is_ok());

    let table: &[(&str, &str, &str, ProblemCode, Option<&str>)] = &[
        // R5 from the moment of asking: 2027-01-22 is inside the 15 business days.
        (
            "2027-01-22",
            "09:00",
            "work_date",
            ProblemCode::NoticeNotMet,
            Some("R5"),
        ),
        // R4: after 2027-03-31 the next contract year starts; this request holds the first.
        (
            "2027-04-05",
            "09:00",
            "work_date",
            ProblemCode::OtherContractYear,
            Some("R4"),
        ),
        // R7: after the option ends.
        (
            "2029-06-01",
            "09:00",
            "work_date",
            ProblemCode::OutsideProactiveCarePeriod,
            Some("R7"),
        ),
        (
            "2027-02-30",
            "09:00",
            "work_date",
            ProblemCode::InvalidDate,
            Some("R5"),
        ),
        (
            "2027-03-12",
            "25:00",
            "work_start_time",
            ProblemCode::InvalidTime,
            Some("R3"),
        ),
        ("", "09:00", "work_date", ProblemCode::Required, Some("R5")),
        (
            "2027-03-10",
            "09:00",
            "work_date",
            ProblemCode::SameAsWorkDate,
            None,
        ),
    ];
    for &(date, time, field, code, rule) in table {
        let error = ask_date_change(&facts, &calendar, now(), &draft(date, time)).unwrap_err();
        let found = codes(&error);
        assert!(
            found.contains(&(field.to_owned(), code, rule.map(str::to_owned))),
            "{date} {time}: {found:?}"
        );
    }
}

#[test]
fn another_work_date_only_for_open_update_work_and_one_at_a_time() {
    let calendar = BusinessCalendar::default();
    let wanted = draft("2027-03-12", "09:00");
    let pending = DateChangeFacts {
        pending: true,
        ..change_facts(Status::InReview)
    };
    assert_eq!(
        ask_date_change(&pending, &calendar, now(), &wanted),
        Err(CustomerError::ChangePending)
    );
    let consultation = DateChangeFacts {
        kind: VersionConsultation,
        ..change_facts(Status::InProgress)
    };
    assert_eq!(
        ask_date_change(&consultation, &calendar, now(), &wanted),
        Err(CustomerError::NotNow {
            status: Status::InProgress
        })
    );
    for status in [Status::Completed, Status::Cancelled] {
        assert_eq!(
            ask_date_change(&change_facts(status), &calendar, now(), &wanted),
            Err(CustomerError::Closed { status })
        );
    }
    for status in [
        Status::Received,
        Status::InReview,
        Status::Returned,
        Status::Agreed,
        Status::Scheduled,
    ] {
        assert!(
            ask_date_change(&change_facts(status), &calendar, now(), &wanted).is_ok(),
            "{status}"
        );
    }
}

proptest! {
    /// R5 from the moment of asking: whatever the moment and the date, an accepted change
    /// always meets the notice counted from that moment.
    #[test]
    fn an_accepted_change_always_meets_the_notice_from_the_moment_of_asking(
        minutes in 0i64..(60 * 24 * 60),
        day_offset in 0u64..80,
    ) {
        let calendar = BusinessCalendar::default();
        let at = now() + chrono::TimeDelta::minutes(minutes);
        let date = d(2027, 1, 6) + chrono::Days::new(day_offset);
        let asked = ask_date_change(
            &DateChangeFacts { current: None, ..change_facts(Status::Received) },
            &calendar,
            at,
            &draft(&date.to_string(), "09:00"),
        );
        let met = calendar.notice_report(date, &at).unwrap().notice_met;
        // Inside the contract year held (until 2027-03-31), the notice alone decides.
        if date <= d(2027, 3, 31) {
            prop_assert_eq!(asked.is_ok(), met);
        } else {
            prop_assert!(asked.is_err());
        }
    }
}

#[test]
fn the_desk_accepts_or_declines_a_pending_change() {
    let change = DateChange {
        work_date: d(2027, 3, 12),
        work_start_time: t(13, 0),
    };
    let pending = |status| DateChangeFacts {
        pending: true,
        ..change_facts(status)
    };
    // Accepting a scheduled visit's date: agreed again, the visit is arranged anew.
    let accepted = answer_date_change(&pending(Status::Scheduled), change, true, "").unwrap();
    assert_eq!(
        (accepted.from, accepted.to),
        (Status::Scheduled, Status::Agreed)
    );
    assert_eq!(
        accepted.record,
        StepRecord::DateChange {
            accepted: true,
            work_date: d(2027, 3, 12),
            work_start_time: t(13, 0)
        }
    );
    let kept =
        answer_date_change(&pending(Status::InReview), change, true, "承知しました").unwrap();
    assert_eq!(
        (kept.to, kept.note.as_str()),
        (Status::InReview, "承知しました")
    );
    // Declining tells the customer why.
    let no_reason = answer_date_change(&pending(Status::Agreed), change, false, " ").unwrap_err();
    assert_eq!(
        codes(&no_reason),
        vec![("note".into(), ProblemCode::Required, None)]
    );
    let declined = answer_date_change(
        &pending(Status::Agreed),
        change,
        false,
        "技術者が手配できません",
    )
    .unwrap();
    assert_eq!(declined.to, Status::Agreed);
    assert!(matches!(
        declined.record,
        StepRecord::DateChange {
            accepted: false,
            ..
        }
    ));
    // Nothing pending, or the contract corrected meanwhile so the date is outside it (R7).
    assert_eq!(
        answer_date_change(&change_facts(Status::Agreed), change, true, ""),
        Err(CustomerError::NoChangePending)
    );
    let shorter = DateChangeFacts {
        option: Period::new(d(2026, 4, 1), d(2027, 3, 1)),
        ..pending(Status::Agreed)
    };
    let outside = answer_date_change(&shorter, change, true, "").unwrap_err();
    assert_eq!(
        codes(&outside),
        vec![(
            "work_date".into(),
            ProblemCode::OutsideOptionPeriod,
            Some("R7".into())
        )]
    );
    // Declining needs no rule check: the date is not taken.
    assert!(answer_date_change(&shorter, change, false, "期間外です").is_ok());
}

// ---- answering a return ----

fn answer(kind: &str, number: &str) -> RequestDraft {
    RequestDraft {
        kind: kind.into(),
        contract: ContractDraft {
            number: number.into(),
            ..ContractDraft::default()
        },
        ..RequestDraft::default()
    }
}

#[test]
fn a_return_is_answered_with_the_same_kind_and_contract() {
    let step = resubmit(
        UpdateWork,
        Status::Returned,
        "PC-0012",
        &answer("update_work", "ｐｃ－００１２"),
    )
    .unwrap();
    assert_eq!((step.from, step.to), (Status::Returned, Status::Received));
    let changed = resubmit(
        UpdateWork,
        Status::Returned,
        "PC-0012",
        &answer("version_consultation", "PC-9"),
    )
    .unwrap_err();
    assert_eq!(
        codes(&changed),
        vec![
            ("kind".into(), ProblemCode::CannotChange, None),
            ("contract.number".into(), ProblemCode::CannotChange, None)
        ]
    );
    for status in [Status::Received, Status::InReview, Status::Agreed] {
        assert_eq!(
            resubmit(UpdateWork, status, "PC-0012", &answer("", "PC-0012")),
            Err(CustomerError::NotNow { status })
        );
    }
    assert_eq!(
        resubmit(
            UpdateWork,
            Status::Cancelled,
            "PC-0012",
            &answer("", "PC-0012")
        ),
        Err(CustomerError::Closed {
            status: Status::Cancelled
        })
    );
}
