//! A return names what the customer is to change (issue 16): the desk picks parts of the
//! request beside its note; unknown parts are refused at their place in the list, a part named
//! twice counts once, and the customer reads the parts before the note.

use chrono::NaiveDate;
use fwportal_core::eligibility::contract::Period;
use fwportal_core::i18n::Lang;
use fwportal_core::lifecycle::parts::{parse_parts, return_text, ReturnPart, ALL_PARTS};
use fwportal_core::lifecycle::{decide, Actor, Status, StepDraft, StepFacts, StepRecord};
use fwportal_core::problem::ProblemCode;
use fwportal_core::request::RequestKind::UpdateWork;
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn facts(status: Status) -> StepFacts<'static> {
    StepFacts {
        kind: UpdateWork,
        status,
        proactive_care: Period::new(d(2026, 4, 1), d(2029, 3, 31)),
        option: Period::new(d(2026, 4, 1), d(2029, 3, 31)),
        contract_year_start: Some(d(2026, 4, 1)),
        serial_numbers: &[],
        agreed_work_date: None,
    }
}

fn returned(note: &str, parts: &[&str]) -> StepDraft {
    StepDraft {
        to: "returned".into(),
        note: note.into(),
        parts: parts.iter().map(|p| p.to_string()).collect(),
        ..StepDraft::default()
    }
}

#[test]
fn a_return_records_the_parts_in_page_order_each_once() {
    let decision = decide(
        &facts(Status::InReview),
        Actor::Desk,
        &returned(
            "型番を確認してください",
            &["schedule", "servers", " servers"],
        ),
    )
    .unwrap();
    assert_eq!(decision.to, Status::Returned);
    assert_eq!(decision.note, "型番を確認してください");
    assert_eq!(
        decision.record,
        StepRecord::Return {
            parts: vec![ReturnPart::Servers, ReturnPart::Schedule]
        }
    );
    // Stored and read back as the API shows it.
    let json = serde_json::to_value(&decision.record).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"record": "return", "parts": ["servers", "schedule"]})
    );
}

#[test]
fn a_return_without_parts_opens_the_whole_request_but_still_needs_its_note() {
    let decision = decide(
        &facts(Status::Received),
        Actor::Desk,
        &returned("全体をご確認ください", &[]),
    )
    .unwrap();
    assert_eq!(decision.record, StepRecord::Return { parts: vec![] });
    let error = decide(
        &facts(Status::Received),
        Actor::Desk,
        &returned(" ", &["servers"]),
    )
    .unwrap_err();
    let codes: Vec<_> = error
        .problems()
        .into_iter()
        .map(|p| (p.field, p.code))
        .collect();
    assert_eq!(codes, vec![("note".to_owned(), ProblemCode::Required)]);
}

#[test]
fn unknown_parts_are_refused_each_at_its_place_with_the_note_problem_too() {
    let error = decide(
        &facts(Status::InReview),
        Actor::Desk,
        &returned("", &["servers", "price", "", "Servers"]),
    )
    .unwrap_err();
    let codes: Vec<_> = error
        .problems()
        .into_iter()
        .map(|p| (p.field, p.code))
        .collect();
    assert_eq!(
        codes,
        vec![
            ("note".to_owned(), ProblemCode::Required),
            ("parts[1]".to_owned(), ProblemCode::InvalidChoice),
            ("parts[2]".to_owned(), ProblemCode::InvalidChoice),
            ("parts[3]".to_owned(), ProblemCode::InvalidChoice),
        ]
    );
}

#[test]
fn parts_mean_nothing_on_other_steps() {
    // Only a return records parts; another step ignores the field like any it does not record.
    let draft = StepDraft {
        to: "in_review".into(),
        parts: vec!["nonsense".into()],
        ..StepDraft::default()
    };
    let decision = decide(&facts(Status::Received), Actor::Desk, &draft).unwrap();
    assert_eq!(decision.record, StepRecord::Plain);
}

#[test]
fn the_customer_reads_the_parts_then_the_note_in_both_languages() {
    let text = return_text(
        &[ReturnPart::Contact, ReturnPart::Servers],
        "電話番号と型番",
    );
    assert_eq!(
        text.ja,
        "修正をお願いする箇所：ご連絡先、対象サーバー／電話番号と型番"
    );
    assert_eq!(
        text.en,
        "Please change: contact details, servers — 電話番号と型番"
    );
    // A return stored before parts existed reads as its note alone.
    assert_eq!(return_text(&[], "理由").en, "理由");
}

#[test]
fn every_part_has_a_name_in_each_language_and_reads_back() {
    for part in ALL_PARTS {
        assert_eq!(ReturnPart::parse(part.as_str()), Some(part));
        assert!(!part.label(Lang::Ja).is_empty());
        assert!(!part.label(Lang::En).is_empty());
        assert_ne!(part.label(Lang::Ja), part.label(Lang::En));
        let json = serde_json::to_string(&part).unwrap();
        assert_eq!(json, format!("\"{}\"", part.as_str()));
    }
}

proptest! {
    /// Whatever the desk sends, the parts that pass are known, unique and in page order, and
    /// a list refused names exactly the entries that are not parts.
    #[test]
    fn parsed_parts_are_known_unique_and_ordered(
        typed in proptest::collection::vec(
            prop_oneof![
                proptest::sample::select(ALL_PARTS.map(|p| p.as_str().to_owned()).to_vec()),
                "[a-z_ ]{0,12}",
            ],
            0..10,
        )
    ) {
        match parse_parts(&typed) {
            Ok(parts) => {
                prop_assert!(parts.windows(2).all(|w| w[0] < w[1]));
                for text in &typed {
                    prop_assert!(parts.contains(&ReturnPart::parse(text.trim()).unwrap()));
                }
            }
            Err(problems) => {
                let bad: Vec<String> = typed
                    .iter()
                    .enumerate()
                    .filter(|(_, t)| ReturnPart::parse(t.trim()).is_none())
                    .map(|(i, _)| format!("parts[{i}]"))
                    .collect();
                let fields: Vec<String> = problems.into_iter().map(|p| p.field).collect();
                prop_assert_eq!(fields, bad);
            }
        }
    }
}
