//! R4, R6, R7, R8, R10, R11 together: one request draft, every problem at once.

use chrono::NaiveDate;
use fwportal_core::eligibility::{
    evaluate, EligibilityInput, Period, ProductOutcome, SupportLevel,
};
use fwportal_core::problem::ProblemCode as P;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A valid request: Proactive Care 2026-04-01..2029-03-31, option 2026-04-01..2027-03-31.
fn base() -> EligibilityInput {
    EligibilityInput {
        support_level: SupportLevel::ProactiveCare,
        proactive_care: Period::new(d(2026, 4, 1), d(2029, 3, 31)),
        option: Period::new(d(2026, 4, 1), d(2027, 3, 31)),
        work_date: Some(d(2026, 10, 10)),
        servers: vec!["HPE ProLiant DL380 Gen10 Plus".into()],
        earlier_work_dates: vec![],
        option_start_on_file: None,
    }
}

fn codes(input: &EligibilityInput) -> Vec<(String, P, Option<String>)> {
    evaluate(input)
        .problems
        .into_iter()
        .map(|p| (p.field, p.code, p.rule))
        .collect()
}

fn one(field: &str, code: P, rule: &str) -> Vec<(String, P, Option<String>)> {
    vec![(field.to_owned(), code, Some(rule.to_owned()))]
}

#[test]
fn a_valid_request_has_no_problem_and_no_warning() {
    let a = evaluate(&base());
    assert!(a.is_eligible());
    assert!(a.problems.is_empty() && a.warnings.is_empty());
    assert_eq!(a.servers[0].outcome, ProductOutcome::Eligible);
}

#[test]
fn r6_other_support_levels_are_refused() {
    for level in [
        SupportLevel::FoundationCare,
        SupportLevel::DatacenterCare,
        SupportLevel::Other,
    ] {
        let input = EligibilityInput {
            support_level: level,
            ..base()
        };
        assert_eq!(
            codes(&input),
            one("contract.support_level", P::NotProactiveCare, "R6")
        );
    }
}

#[test]
fn r7_option_period_edges() {
    for (day, ok) in [
        (d(2026, 4, 1), true),
        (d(2027, 3, 31), true),
        (d(2026, 3, 31), false),
        (d(2027, 4, 1), false),
    ] {
        let input = EligibilityInput {
            work_date: Some(day),
            // Proactive Care wide enough that only the option's period can refuse.
            proactive_care: Period::new(d(2020, 1, 1), d(2030, 12, 31)),
            ..base()
        };
        let expected = if ok {
            vec![]
        } else {
            one("work_date", P::OutsideOptionPeriod, "R7")
        };
        assert_eq!(codes(&input), expected, "{day}");
    }
}

#[test]
fn r7_proactive_care_period_edges() {
    for (day, ok) in [
        (d(2026, 6, 1), true),
        (d(2026, 9, 30), true),
        (d(2026, 5, 31), false),
        (d(2026, 10, 1), false),
    ] {
        let input = EligibilityInput {
            work_date: Some(day),
            proactive_care: Period::new(d(2026, 6, 1), d(2026, 9, 30)),
            ..base()
        };
        let expected = if ok {
            vec![]
        } else {
            one("work_date", P::OutsideProactiveCarePeriod, "R7")
        };
        assert_eq!(codes(&input), expected, "{day}");
    }
}

#[test]
fn r7_a_date_outside_both_periods_is_reported_for_each() {
    let input = EligibilityInput {
        work_date: Some(d(2030, 1, 1)),
        ..base()
    };
    let got: Vec<P> = codes(&input).into_iter().map(|c| c.1).collect();
    assert_eq!(got, [P::OutsideProactiveCarePeriod, P::OutsideOptionPeriod]);
    let message = &evaluate(&input).problems[1];
    assert!(
        message.message_ja.contains("2030年1月1日(火)"),
        "{}",
        message.message_ja
    );
    assert!(
        message.message_en.contains("2030-01-01 (Tue)"),
        "{}",
        message.message_en
    );
}

#[test]
fn r7_reversed_periods_are_problems_and_judge_no_date() {
    let input = EligibilityInput {
        proactive_care: Period::new(d(2029, 3, 31), d(2026, 4, 1)),
        option: Period::new(d(2027, 3, 31), d(2026, 4, 1)),
        ..base()
    };
    assert_eq!(
        codes(&input),
        [
            one("contract.proactive_care_end", P::PeriodReversed, "R7"),
            one("contract.option_end", P::PeriodReversed, "R7"),
        ]
        .concat()
    );
    // A one-day period is not reversed.
    let one_day = EligibilityInput {
        option: Period::new(d(2026, 10, 10), d(2026, 10, 10)),
        ..base()
    };
    assert!(evaluate(&one_day).is_eligible());
}

#[test]
fn r4_second_update_in_a_contract_year_is_refused_until_the_next_year() {
    let input = EligibilityInput {
        option: Period::new(d(2026, 4, 1), d(2029, 3, 31)),
        work_date: Some(d(2027, 3, 31)),
        earlier_work_dates: vec![d(2026, 4, 1)],
        ..base()
    };
    assert_eq!(codes(&input), one("work_date", P::OnceAYear, "R4"));
    // The refusal tells nothing about the other booking (R4, issue 12): no date at all.
    let problem = &evaluate(&input).problems[0];
    for date in ["2026年4月1日", "2027年3月31日", "2027年4月1日"] {
        assert!(!problem.message_ja.contains(date), "{}", problem.message_ja);
    }
    for date in [
        "2026-04-01 (Wed)",
        "2027-04-01 (Thu)",
        "1 April 2026",
        "31 March 2027",
        "1 April 2027",
        "2026-04-01",
    ] {
        assert!(!problem.message_en.contains(date), "{}", problem.message_en);
    }
    assert!(problem.message_ja.contains("サポート窓口"));
    assert!(problem.message_en.contains("support desk"));
    // The boundary day: the next contract year begins.
    let next = EligibilityInput {
        work_date: Some(d(2027, 4, 1)),
        ..input
    };
    assert!(evaluate(&next).is_eligible());
}

#[test]
fn r4_feb_29_option_start_next_year_begins_on_march_1() {
    let input = EligibilityInput {
        proactive_care: Period::new(d(2024, 2, 29), d(2027, 2, 28)),
        option: Period::new(d(2024, 2, 29), d(2027, 2, 28)),
        work_date: Some(d(2025, 2, 28)),
        earlier_work_dates: vec![d(2024, 3, 15)],
        ..base()
    };
    assert_eq!(codes(&input), one("work_date", P::OnceAYear, "R4"));
    assert!(!evaluate(&input).problems[0]
        .message_ja
        .contains("2025年3月1日"));
    let next = EligibilityInput {
        work_date: Some(d(2025, 3, 1)),
        ..input
    };
    assert!(evaluate(&next).is_eligible());
}

#[test]
fn r8_r10_r11_servers_block_or_warn_by_index() {
    let input = EligibilityInput {
        servers: vec![
            "DL360 Gen11".into(),
            "HPE ProLiant MicroServer Gen10 Plus v2".into(),
            "HPE Synergy 480 Gen10".into(),
            "HPE MSA 2060".into(),
            "  ".into(),
        ],
        ..base()
    };
    let a = evaluate(&input);
    let problems: Vec<_> = a
        .problems
        .iter()
        .map(|p| (p.field.as_str(), p.code, p.rule.as_deref()))
        .collect();
    assert_eq!(
        problems,
        [
            ("servers[1].model", P::ProductExcluded, Some("R11")),
            ("servers[3].model", P::ProductOutOfScope, Some("R10")),
            ("servers[4].model", P::Required, Some("R8")),
        ]
    );
    assert_eq!(a.warnings.len(), 1);
    assert_eq!(a.warnings[0].field, "servers[2].model");
    assert_eq!(a.warnings[0].code, P::ProductNeedsConfirmation);
    assert_eq!(a.servers.len(), 5);
}

#[test]
fn r8_needs_confirmation_alone_does_not_block() {
    let input = EligibilityInput {
        servers: vec!["HPE Superdome Flex 280".into()],
        ..base()
    };
    let a = evaluate(&input);
    assert!(a.is_eligible());
    assert_eq!(a.warnings.len(), 1);
}

#[test]
fn every_problem_is_reported_at_once() {
    let input = EligibilityInput {
        support_level: SupportLevel::FoundationCare,
        proactive_care: Period::new(d(2026, 4, 1), d(2026, 9, 30)),
        option: Period::new(d(2027, 3, 31), d(2026, 4, 1)),
        work_date: Some(d(2026, 10, 1)),
        servers: vec!["Integrity rx2800 i4".into(), "StoreEver MSL3040".into()],
        earlier_work_dates: vec![d(2026, 5, 1)],
        option_start_on_file: None,
    };
    let got: Vec<P> = codes(&input).into_iter().map(|c| c.1).collect();
    assert_eq!(
        got,
        [
            P::NotProactiveCare,
            P::OutsideProactiveCarePeriod,
            P::PeriodReversed,
            P::ProductExcluded,
            P::ProductOutOfScope,
        ]
    );
    for p in evaluate(&input).problems {
        assert!(!p.message_ja.is_empty() && !p.message_en.is_empty());
    }
}

#[test]
fn no_servers_and_no_work_date() {
    let input = EligibilityInput {
        servers: vec![],
        work_date: None,
        ..base()
    };
    // A missing work date is the request parser's problem, not reported twice here.
    assert_eq!(codes(&input), one("servers", P::Required, "R8"));
}

#[test]
fn problems_serialise_with_snake_case_codes() {
    let input = EligibilityInput {
        support_level: SupportLevel::Other,
        ..base()
    };
    let json = serde_json::to_value(evaluate(&input)).unwrap();
    assert_eq!(json["problems"][0]["code"], "not_proactive_care");
    assert_eq!(json["problems"][0]["rule"], "R6");
    let input: EligibilityInput = serde_json::from_value(serde_json::json!({
        "support_level": "proactive_care",
        "proactive_care": {"start": "2026-04-01", "end": "2029-03-31"},
        "option": {"start": "2026-04-01", "end": "2027-03-31"},
        "work_date": "2026-10-10",
        "servers": ["DL380 Gen10"],
        "earlier_work_dates": []
    }))
    .unwrap();
    assert!(evaluate(&input).is_eligible());
}

/// R4 counts the contract year from the option start on file, whatever the request states: a
/// request that moves its option start past the earlier booking does not open a new year.
#[test]
fn r4_the_contract_year_counts_from_the_option_start_on_file() {
    let earlier = d(2027, 1, 10);
    // As stated: the option "starts" the day after the earlier booking, so on the request's
    // own terms the earlier work lies before the option and R4 would not see it.
    let moved = EligibilityInput {
        proactive_care: Period::new(d(2026, 4, 1), d(2029, 3, 31)),
        option: Period::new(d(2027, 1, 11), d(2029, 3, 31)),
        work_date: Some(d(2027, 1, 20)),
        earlier_work_dates: vec![earlier],
        ..base()
    };
    assert!(evaluate(&moved).is_eligible(), "without the stored start");
    let on_file = EligibilityInput {
        option_start_on_file: Some(d(2026, 4, 1)),
        ..moved.clone()
    };
    assert_eq!(codes(&on_file), one("work_date", P::OnceAYear, "R4"));
    // The stored year ends on 2027-03-31: the next year is open again.
    let next_year = EligibilityInput {
        work_date: Some(d(2027, 4, 1)),
        ..on_file
    };
    assert!(evaluate(&next_year).is_eligible());
}
