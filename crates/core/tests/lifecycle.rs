//! The life of a request (issue 15): every (kind, status, next status, actor) against the table
//! written out here by hand, random command sequences that never leave it, and the records that
//! `agreed`, `scheduled` and `completed` demand (R3, R4, R7).

use chrono::NaiveDate;
use fwportal_core::eligibility::contract::Period;
use fwportal_core::lifecycle::{
    allowed, decide, next_statuses, Actor, Status, StepDraft, StepFacts, StepRecord,
    TransitionError, ALL_STATUSES,
};
use fwportal_core::problem::ProblemCode;
use fwportal_core::request::RequestKind::{self, UpdateWork, VersionConsultation};
use proptest::prelude::*;
use Status::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// The table, written independently of the code: (kind, from, to, actor).
const EXPECTED: &[(RequestKind, Status, Status, Actor)] = &[
    // update work, the desk
    (UpdateWork, Received, InReview, Actor::Desk),
    (UpdateWork, Received, Returned, Actor::Desk),
    (UpdateWork, InReview, Returned, Actor::Desk),
    (UpdateWork, InReview, Agreed, Actor::Desk),
    (UpdateWork, Agreed, Agreed, Actor::Desk),
    (UpdateWork, Agreed, Scheduled, Actor::Desk),
    (UpdateWork, Scheduled, Agreed, Actor::Desk),
    (UpdateWork, Scheduled, Completed, Actor::Desk),
    (UpdateWork, Received, Cancelled, Actor::Desk),
    (UpdateWork, InReview, Cancelled, Actor::Desk),
    (UpdateWork, Returned, Cancelled, Actor::Desk),
    (UpdateWork, Agreed, Cancelled, Actor::Desk),
    (UpdateWork, Scheduled, Cancelled, Actor::Desk),
    // update work, the customer
    (UpdateWork, Returned, Received, Actor::Customer),
    (UpdateWork, Received, Cancelled, Actor::Customer),
    (UpdateWork, InReview, Cancelled, Actor::Customer),
    (UpdateWork, Returned, Cancelled, Actor::Customer),
    (UpdateWork, Agreed, Cancelled, Actor::Customer),
    (UpdateWork, Scheduled, Cancelled, Actor::Customer),
    // consultation, the desk
    (VersionConsultation, Received, InProgress, Actor::Desk),
    (VersionConsultation, InProgress, Answered, Actor::Desk),
    (VersionConsultation, Answered, InProgress, Actor::Desk),
    (VersionConsultation, Answered, Closed, Actor::Desk),
    (VersionConsultation, Received, Cancelled, Actor::Desk),
    (VersionConsultation, InProgress, Cancelled, Actor::Desk),
    (VersionConsultation, Answered, Cancelled, Actor::Desk),
    // consultation, the customer
    (VersionConsultation, Received, Cancelled, Actor::Customer),
    (VersionConsultation, InProgress, Cancelled, Actor::Customer),
    (VersionConsultation, Answered, Cancelled, Actor::Customer),
];

const KINDS: [RequestKind; 2] = [UpdateWork, VersionConsultation];
const ACTORS: [Actor; 2] = [Actor::Desk, Actor::Customer];

#[test]
fn every_pair_is_allowed_exactly_when_the_table_says_so() {
    let mut checked = 0;
    for kind in KINDS {
        for from in ALL_STATUSES {
            for to in ALL_STATUSES {
                for actor in ACTORS {
                    let expected = EXPECTED.contains(&(kind, from, to, actor));
                    assert_eq!(
                        allowed(kind, from, to, actor),
                        expected,
                        "{kind:?} {from} → {to} by {actor:?}"
                    );
                    checked += 1;
                }
            }
        }
    }
    assert_eq!(checked, 2 * 10 * 10 * 2);
}

#[test]
fn final_statuses_lead_nowhere() {
    for kind in KINDS {
        for from in [Completed, Closed, Cancelled] {
            for actor in ACTORS {
                assert!(next_statuses(kind, from, actor).is_empty(), "{from}");
            }
        }
    }
}

#[test]
fn statuses_read_back_what_they_write() {
    for status in ALL_STATUSES {
        assert_eq!(Status::parse(status.as_str()), Some(status));
        let json = serde_json::to_string(&status).unwrap();
        assert_eq!(json, format!("\"{}\"", status.as_str()));
    }
    assert_eq!(Status::parse(""), None);
    assert_eq!(Status::parse("RECEIVED"), None);
}

#[test]
fn r4_only_a_cancelled_update_work_gives_its_contract_year_back() {
    for status in ALL_STATUSES {
        assert_eq!(
            status.holds_contract_year(),
            status != Cancelled,
            "{status}"
        );
    }
}

fn kind_strategy() -> impl Strategy<Value = RequestKind> {
    prop_oneof![Just(UpdateWork), Just(VersionConsultation)]
}

fn command_strategy() -> impl Strategy<Value = (Status, Actor)> {
    (
        prop::sample::select(ALL_STATUSES.to_vec()),
        prop_oneof![Just(Actor::Desk), Just(Actor::Customer)],
    )
}

proptest! {
    /// No sequence of commands reaches a state the table forbids: every applied command is a
    /// row of the table, a request never leaves its kind's statuses, and a final status stays.
    #[test]
    fn no_command_sequence_leaves_the_table(
        kind in kind_strategy(),
        commands in prop::collection::vec(command_strategy(), 0..60),
    ) {
        let mut status = Received;
        for (to, actor) in commands {
            let before = status;
            if allowed(kind, status, to, actor) {
                prop_assert!(EXPECTED.contains(&(kind, before, to, actor)));
                status = to;
            }
            prop_assert!(status.belongs_to(kind), "{status} for {kind:?}");
            if !before.is_open() {
                prop_assert_eq!(status, before);
            }
        }
    }
}

// --- Deciding a step: the records and their rules. ---

const SERIALS: &[&str] = &["SGH123ABCD", "SGH999ZZZZ"];

fn serials() -> Vec<String> {
    SERIALS.iter().map(|s| s.to_string()).collect()
}

fn facts(status: Status, serials: &[String]) -> StepFacts<'_> {
    StepFacts {
        kind: UpdateWork,
        status,
        proactive_care: Period::new(d(2026, 4, 1), d(2029, 3, 31)),
        option: Period::new(d(2026, 4, 1), d(2029, 3, 31)),
        contract_year_start: Some(d(2026, 4, 1)),
        serial_numbers: serials,
        agreed_work_date: None,
    }
}

fn agreement(work_date: &str) -> StepDraft {
    StepDraft {
        to: "agreed".into(),
        update_method: "spp".into(),
        target_version: "SPP 2025.07.00.00".into(),
        servers: vec!["sgh123abcd".into()],
        work_date: work_date.into(),
        work_start_time: "22:00".into(),
        ..StepDraft::default()
    }
}

fn codes(error: TransitionError) -> Vec<(String, ProblemCode)> {
    error
        .problems()
        .into_iter()
        .map(|p| (p.field, p.code))
        .collect()
}

#[test]
fn an_agreement_records_method_version_servers_and_the_date_as_stored() {
    let serials = serials();
    let decision = decide(
        &facts(InReview, &serials),
        Actor::Desk,
        &agreement("2027-01-16"),
    )
    .unwrap();
    assert_eq!(decision.to, Agreed);
    match decision.record {
        StepRecord::Agreement {
            servers,
            work_date,
            work_start_time,
            ..
        } => {
            // Serial numbers are normalised like the request's; a Saturday is fine (R3).
            assert_eq!(servers, vec!["SGH123ABCD".to_string()]);
            assert_eq!(work_date, d(2027, 1, 16));
            assert_eq!(work_start_time.to_string(), "22:00:00");
        }
        other => panic!("not an agreement: {other:?}"),
    }
}

#[test]
fn agreement_refusals_name_each_field() {
    let serials = serials();
    let facts = facts(InReview, &serials);
    // (what is wrong, the draft, the expected (field, code) list)
    type Case = (&'static str, StepDraft, Vec<(&'static str, ProblemCode)>);
    let cases: Vec<Case> = vec![
        (
            "R7: after the option ends",
            agreement("2029-04-02"),
            vec![
                ("work_date", ProblemCode::OutsideProactiveCarePeriod),
                ("work_date", ProblemCode::OutsideOptionPeriod),
            ],
        ),
        (
            "R4: in the next contract year",
            agreement("2027-04-01"),
            vec![("work_date", ProblemCode::OtherContractYear)],
        ),
        (
            "a server the request does not have",
            StepDraft {
                servers: vec!["SGH123ABCD".into(), "OTHER1".into()],
                ..agreement("2027-01-16")
            },
            vec![("servers[1]", ProblemCode::NotInRequest)],
        ),
        (
            "no server",
            StepDraft {
                servers: vec![],
                ..agreement("2027-01-16")
            },
            vec![("servers", ProblemCode::Required)],
        ),
        (
            "everything missing",
            StepDraft {
                to: "agreed".into(),
                ..StepDraft::default()
            },
            vec![
                ("update_method", ProblemCode::Required),
                ("target_version", ProblemCode::Required),
                ("servers", ProblemCode::Required),
                ("work_date", ProblemCode::Required),
                ("work_start_time", ProblemCode::Required),
            ],
        ),
        (
            "a date that is not one",
            StepDraft {
                work_start_time: "25:00".into(),
                update_method: "usb".into(),
                ..agreement("2027-02-30")
            },
            vec![
                ("update_method", ProblemCode::InvalidChoice),
                ("work_date", ProblemCode::InvalidDate),
                ("work_start_time", ProblemCode::InvalidTime),
            ],
        ),
    ];
    for (what, draft, expected) in cases {
        let error = decide(&facts, Actor::Desk, &draft).expect_err(what);
        let mut got = codes(error);
        got.sort_by(|a, b| a.0.cmp(&b.0));
        let mut expected: Vec<(String, ProblemCode)> = expected
            .into_iter()
            .map(|(f, c)| (f.to_string(), c))
            .collect();
        expected.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(got, expected, "{what}");
    }
}

#[test]
fn the_agreed_date_is_not_held_to_the_notice_rule() {
    // R5 is the customer's notice; a date the desk agrees may be tomorrow.
    let serials = serials();
    let f = facts(InReview, &serials);
    assert!(decide(&f, Actor::Desk, &agreement("2026-04-02")).is_ok());
}

#[test]
fn a_return_and_a_desk_cancellation_need_a_reason_the_customer_can_read() {
    let serials = serials();
    for to in ["returned", "cancelled"] {
        let draft = StepDraft {
            to: to.into(),
            note: "   ".into(),
            ..StepDraft::default()
        };
        let error = decide(&facts(InReview, &serials), Actor::Desk, &draft).unwrap_err();
        assert_eq!(
            codes(error),
            vec![("note".into(), ProblemCode::Required)],
            "{to}"
        );
    }
    // The customer may cancel without saying why.
    let draft = StepDraft {
        to: "cancelled".into(),
        ..StepDraft::default()
    };
    let decision = decide(&facts(Agreed, &serials), Actor::Customer, &draft).unwrap();
    assert_eq!((decision.from, decision.to), (Agreed, Cancelled));
}

#[test]
fn the_visit_is_on_the_agreed_day() {
    let serials = serials();
    let mut f = facts(Agreed, &serials);
    f.agreed_work_date = Some(d(2027, 1, 16));
    let visit = |date: &str| StepDraft {
        to: "scheduled".into(),
        arrival_date: date.into(),
        arrival_time: "21:30".into(),
        engineers: "HPE 技術者 2名".into(),
        ..StepDraft::default()
    };
    let ok = decide(&f, Actor::Desk, &visit("2027-01-16")).unwrap();
    assert!(matches!(ok.record, StepRecord::Visit { .. }));
    let error = decide(&f, Actor::Desk, &visit("2027-01-17")).unwrap_err();
    assert_eq!(
        codes(error),
        vec![("arrival_date".into(), ProblemCode::NotOnAgreedDate)]
    );
}

#[test]
fn completion_says_what_was_updated() {
    let serials = serials();
    let f = facts(Scheduled, &serials);
    let draft = StepDraft {
        to: "completed".into(),
        ..StepDraft::default()
    };
    let error = decide(&f, Actor::Desk, &draft).unwrap_err();
    assert_eq!(
        codes(error),
        vec![("updated".into(), ProblemCode::Required)]
    );
    let done = decide(
        &f,
        Actor::Desk,
        &StepDraft {
            updated: "SGH123ABCD: System ROM U46 v2.90 → v3.10\nSGH999ZZZZ: iLO 5 3.08 → 3.10"
                .into(),
            ..draft
        },
    )
    .unwrap();
    assert_eq!(done.to, Completed);
}

#[test]
fn a_step_the_table_refuses_is_refused_before_its_fields() {
    let serials = serials();
    // Straight from received to scheduled, with nothing filled in: the table speaks first.
    let draft = StepDraft {
        to: "scheduled".into(),
        ..StepDraft::default()
    };
    let error = decide(&facts(Received, &serials), Actor::Desk, &draft).unwrap_err();
    assert!(matches!(
        error,
        TransitionError::NotAllowed {
            from: Received,
            to: Scheduled,
            ..
        }
    ));
    assert_eq!(error.code(), "transition_not_allowed");
    let problem = &error.problems()[0];
    assert!(
        problem.message_ja.contains("受付済み"),
        "{}",
        problem.message_ja
    );
    // An unknown status is a field problem, not a panic.
    let draft = StepDraft {
        to: "done!".into(),
        ..StepDraft::default()
    };
    let error = decide(&facts(Received, &serials), Actor::Desk, &draft).unwrap_err();
    assert_eq!(
        codes(error),
        vec![("to".into(), ProblemCode::InvalidChoice)]
    );
    // The customer cannot agree their own request.
    let error = decide(
        &facts(InReview, &serials),
        Actor::Customer,
        &agreement("2027-01-16"),
    )
    .unwrap_err();
    assert!(matches!(error, TransitionError::NotAllowed { .. }));
}

proptest! {
    /// Any draft at all is decided without a panic, and a decision is always a row of the table.
    #[test]
    fn any_draft_is_decided_without_panic(
        status in prop::sample::select(ALL_STATUSES.to_vec()),
        to in ".{0,12}",
        note in ".{0,20}",
        date in ".{0,12}",
        time in ".{0,6}",
        servers in prop::collection::vec(".{0,12}", 0..4),
    ) {
        let serials = serials();
        let f = facts(status, &serials);
        let draft = StepDraft {
            to, note, work_date: date.clone(), arrival_date: date,
            work_start_time: time.clone(), arrival_time: time, servers,
            update_method: "firmware".into(), target_version: "x".into(),
            updated: "y".into(), ..StepDraft::default()
        };
        for actor in ACTORS {
            if let Ok(decision) = decide(&f, actor, &draft) {
                prop_assert!(EXPECTED.contains(&(UpdateWork, status, decision.to, actor)));
            }
        }
    }
}
