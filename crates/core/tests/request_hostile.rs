//! Hostile and odd input (issue 12): limits checked before anything else, contract terms on
//! file (R4), hidden characters in free text, texts that are not model names, dates outside the
//! supported years. Table tests, a property over any string holding a hidden character, and
//! the hand-written Cf table against a Unicode database.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use fwportal_core::calendar::BusinessCalendar;
use fwportal_core::eligibility::{ContractTerms, ModelText, ModelTextError, Period, SupportLevel};
use fwportal_core::problem::{bounded, Problem, ProblemCode, MAX_REPORTED_PROBLEMS};
use fwportal_core::request::fields::{is_hidden_character, Text};
use fwportal_core::request::{
    check, check_against, check_limits, ContractDraft, FirmwareDraft, RequestDraft, RuleContext,
    ServerDraft, MAX_FIRMWARE_ITEMS, MAX_SERVERS,
};
use proptest::prelude::*;
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

mod request_support;

/// Wednesday 2027-01-06, 10:00 in Japan.
fn submitted_at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 1, 6, 1, 0, 0).unwrap()
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// The shared valid request, its server with one firmware item and an on-site contact.
fn valid_draft() -> RequestDraft {
    let mut draft = RequestDraft {
        onsite_contact: "山田 090-1234-5678".into(),
        ..request_support::valid_draft()
    };
    draft.servers[0].firmware = vec![FirmwareDraft {
        name: "System ROM".into(),
        version: "U46 v1.56 (11/29/2021)".into(),
    }];
    draft
}

fn run_against(
    draft: &RequestDraft,
    earlier: &[NaiveDate],
    on_file: Option<&ContractTerms>,
) -> Result<fwportal_core::request::CheckedRequest, Vec<Problem>> {
    let calendar = BusinessCalendar::default();
    let context = RuleContext {
        calendar: &calendar,
        submitted_at: submitted_at(),
        earlier_work_dates: earlier,
    };
    check_against(draft, &context, on_file)
}

fn problems(draft: &RequestDraft) -> Vec<Problem> {
    run_against(draft, &[], None).expect_err("the draft should be refused")
}

fn on(problems: &[Problem], field: &str) -> Option<Problem> {
    problems.iter().find(|p| p.field == field).cloned()
}

#[test]
fn the_valid_draft_passes() {
    let calendar = BusinessCalendar::default();
    let context = RuleContext {
        calendar: &calendar,
        submitted_at: submitted_at(),
        earlier_work_dates: &[],
    };
    check(&valid_draft(), &context).expect("valid");
}

// --- Limits, before anything else ---------------------------------------------------------

#[test]
fn twenty_one_thousand_empty_servers_get_one_problem_that_states_the_limit() {
    // The probe's body: nothing but 21,000 empty server objects.
    let draft = RequestDraft {
        servers: vec![ServerDraft::default(); 21_000],
        ..RequestDraft::default()
    };
    let all = problems(&draft);
    assert_eq!(
        all.len(),
        1,
        "only the limit, nothing else: {:?}",
        &all[..3]
    );
    assert_eq!(
        (all[0].field.as_str(), all[0].code),
        ("servers", ProblemCode::TooMany)
    );
    let limit = MAX_SERVERS.to_string();
    assert!(all[0].message_ja.contains(&limit), "{}", all[0].message_ja);
    assert!(all[0].message_en.contains(&limit), "{}", all[0].message_en);
    assert_eq!(check_limits(&draft), all);

    // At the limit, the servers are checked one by one as usual.
    let at_limit = RequestDraft {
        servers: vec![ServerDraft::default(); MAX_SERVERS],
        ..RequestDraft::default()
    };
    assert!(check_limits(&at_limit).is_empty());
    assert!(problems(&at_limit).len() > MAX_SERVERS);
}

#[test]
fn firmware_and_acknowledgement_lists_have_limits_too() {
    let mut draft = valid_draft();
    draft.servers[0].firmware = vec![FirmwareDraft::default(); MAX_FIRMWARE_ITEMS + 1];
    draft.acknowledgements = vec!["R9".into(); 19];
    let all = problems(&draft);
    let fields: Vec<&str> = all.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(fields, ["servers[0].firmware", "acknowledgements"]);
    assert!(all.iter().all(|p| p.code == ProblemCode::TooMany));
    assert!(all[0].message_en.contains(&MAX_FIRMWARE_ITEMS.to_string()));

    draft.servers[0].firmware = vec![
        FirmwareDraft {
            name: "System ROM".into(),
            version: "1".into()
        };
        MAX_FIRMWARE_ITEMS
    ];
    draft.acknowledgements = valid_draft().acknowledgements;
    assert!(check_limits(&draft).is_empty());
}

#[test]
fn at_most_fifty_problems_are_reported_with_the_count_of_the_rest() {
    // Within every limit and still thousands of problems: 100 servers × 300 empty items.
    let mut draft = valid_draft();
    draft.servers = (0..MAX_SERVERS)
        .map(|i| ServerDraft {
            model: "ProLiant DL380 Gen10".into(),
            serial_number: format!("CZJ{i:07}"),
            firmware: vec![FirmwareDraft::default(); MAX_FIRMWARE_ITEMS],
        })
        .collect();
    let all = problems(&draft);
    assert_eq!(all.len(), MAX_SERVERS * MAX_FIRMWARE_ITEMS);
    let (shown, more) = bounded(all.clone());
    assert_eq!(shown.len(), MAX_REPORTED_PROBLEMS);
    assert_eq!(
        shown[..],
        all[..MAX_REPORTED_PROBLEMS],
        "the first ones, in order"
    );
    assert_eq!(more, all.len() - MAX_REPORTED_PROBLEMS);
}

// --- R4: the contract's terms on file ------------------------------------------------------

fn terms_on_file() -> ContractTerms {
    ContractTerms {
        support_level: SupportLevel::ProactiveCare,
        proactive_care: Period::new(d(2026, 4, 1), d(2029, 3, 31)),
        option: Period::new(d(2026, 4, 1), d(2029, 3, 31)),
    }
}

#[test]
fn r4_a_request_stating_other_terms_is_refused_on_those_fields_without_the_stored_values() {
    let stored = terms_on_file();
    let same = run_against(&valid_draft(), &[], Some(&stored));
    assert!(same.is_ok(), "{same:?}");

    type Edit = fn(&mut ContractDraft);
    let cases: [(Edit, &str); 5] = [
        (
            |c| c.support_level = "datacenter_care".into(),
            "contract.support_level",
        ),
        (
            |c| c.proactive_care_start = "2026-04-02".into(),
            "contract.proactive_care_start",
        ),
        (
            |c| c.proactive_care_end = "2029-03-30".into(),
            "contract.proactive_care_end",
        ),
        (
            |c| c.option_start = "2027-01-11".into(),
            "contract.option_start",
        ),
        (
            |c| c.option_end = "2028-03-31".into(),
            "contract.option_end",
        ),
    ];
    for (edit, field) in cases {
        let mut draft = valid_draft();
        edit(&mut draft.contract);
        let all = run_against(&draft, &[], Some(&stored)).unwrap_err();
        let problem = on(&all, field).unwrap_or_else(|| panic!("{field}: {all:#?}"));
        assert_eq!(problem.code, ProblemCode::ContractMismatch, "{field}");
        assert_eq!(problem.rule.as_deref(), Some("R4"));
        for stored_value in [
            "2026-04-01",
            "2029-03-31",
            "2026年4月1日",
            "2029年3月31日",
            "proactive",
        ] {
            assert!(
                !problem.message_ja.contains(stored_value)
                    && !problem.message_en.contains(stored_value),
                "{field} tells {stored_value}: {problem:?}"
            );
        }
        assert!(problem.message_ja.contains("サポート窓口"), "{field}");
        assert!(problem.message_en.contains("support desk"), "{field}");
        // The other contract fields, as stated correctly, are not blamed.
        assert_eq!(
            all.iter()
                .filter(|p| p.code == ProblemCode::ContractMismatch)
                .count(),
            1,
            "{field}: {all:#?}"
        );
    }
    // Normalised values compare equal: spaces and full-width digits are no difference.
    let mut draft = valid_draft();
    draft.contract.option_start = " ２０２６－０４－０１ ".into();
    assert!(run_against(&draft, &[], Some(&stored)).is_ok());
}

#[test]
fn r4_the_probes_bypass_is_refused_by_the_stored_option_start() {
    // The probe: one update accepted for 2027-01-25; then another for 2027-03-05 stating an
    // option start of 2027-01-26, which put the first work before "its" contract year.
    let stored = terms_on_file();
    let earlier = [d(2027, 1, 25)];
    let mut draft = valid_draft();
    draft.contract.option_start = "2027-01-26".into();
    draft.work_date = "2027-03-05".into();
    assert!(
        run_against(&draft, &earlier, None).is_ok(),
        "on the request's own word the year is free: that was the bypass"
    );
    let all = run_against(&draft, &earlier, Some(&stored)).unwrap_err();
    let codes: Vec<(&str, ProblemCode)> = all.iter().map(|p| (p.field.as_str(), p.code)).collect();
    assert!(
        codes.contains(&("contract.option_start", ProblemCode::ContractMismatch)),
        "{codes:?}"
    );
    assert!(
        codes.contains(&("work_date", ProblemCode::OnceAYear)),
        "{codes:?}"
    );
}

// --- Hidden characters and impossible model names ----------------------------------------

/// Sets one field of a draft.
type Setter = fn(&mut RequestDraft, String);

/// Every free-text field of the request, with a way to set it.
fn free_text_fields() -> Vec<(&'static str, Setter)> {
    vec![
        ("contact.company", |d, v| d.contact.company = v),
        ("contact.name", |d, v| d.contact.name = v),
        ("servers[0].firmware[0].name", |d, v| {
            d.servers[0].firmware[0].name = v
        }),
        ("servers[0].firmware[0].version", |d, v| {
            d.servers[0].firmware[0].version = v
        }),
        ("target_version", |d, v| d.target_version = v),
        ("site_address", |d, v| d.site_address = v),
        ("onsite_contact", |d, v| d.onsite_contact = v),
        ("notes", |d, v| d.notes = v),
    ]
}

#[test]
fn hidden_characters_in_any_free_text_field_are_a_field_problem_table() {
    let hostile = [
        "Sample\u{202E}gnp.exe",
        "山田\u{200B}太郎",
        "\u{FEFF}株式会社",
        "a\u{2066}b",
        "bell\u{7}",
        "esc\u{1B}[2J",
        "soft\u{AD}hyphen",
    ];
    for (field, set) in free_text_fields() {
        for text in hostile {
            let mut draft = valid_draft();
            set(&mut draft, text.to_owned());
            let all = problems(&draft);
            let problem = on(&all, field).unwrap_or_else(|| panic!("{field} {text:?}: {all:#?}"));
            assert_eq!(
                problem.code,
                ProblemCode::InvalidCharacters,
                "{field} {text:?}"
            );
            assert!(problem.message_ja.contains("ゼロ幅スペース"), "{field}");
            assert!(problem.message_en.contains("zero-width"), "{field}");
            assert!(
                problem.message_en.contains("type"),
                "says what to do: {field}"
            );
        }
        // Line breaks and tabs only where text runs over several lines.
        let mut draft = valid_draft();
        set(&mut draft, "1行目\r\n2行目\tタブ".to_owned());
        let multi_line = field == "notes";
        let result = run_against(&draft, &[], None);
        assert_eq!(result.is_ok(), multi_line, "{field}: {result:?}");
    }
}

#[test]
fn texts_that_are_not_model_names_are_refused_as_such_not_judged_in_scope_table() {
    let not_models = [
        "HPE ProLiant DL380 Gen10 Plus <img src=x onerror=alert(1)>",
        "<script>alert(1)</script>",
        "=1+1",
        "＝1+1",
        "+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1)",
        "ProLiant DL380\u{200B} Gen10",
        "DL380 Gen10\u{202E}",
        "ProLiant; DROP TABLE requests",
        "Integrity rx2800 i4 {x}",
        "\"ProLiant\"",
    ];
    for text in not_models {
        assert_eq!(
            ModelText::parse(text),
            Err(ModelTextError::NotAModelName),
            "{text:?}"
        );
        let mut draft = valid_draft();
        draft.servers[0].model = text.to_owned();
        let all = problems(&draft);
        let problem = on(&all, "servers[0].model").unwrap_or_else(|| panic!("{text:?}"));
        assert_eq!(problem.code, ProblemCode::InvalidCharacters, "{text:?}");
        assert_eq!(
            problem.rule, None,
            "not a scope verdict (R8, R11): {text:?}"
        );
        assert!(problem.message_ja.contains("モデル名として読み取れません"));
        assert!(problem.message_en.contains("not a server model"));
    }
    // Names as customers, labels and management processors write them.
    for model in [
        "HPE ProLiant DL380 Gen10 Plus",
        "ＰｒｏＬｉａｎｔ　ＤＬ３８０　Ｇｅｎ１０",
        "proliant dl 380 gen10+",
        "ProLiant® BL460c Gen9",
        "ProLiant(R) DL360p Gen8",
        "BladeSystem c7000 DDR2 Onboard Administrator with KVM",
        "HP 10GbE Pass-Thru Module",
        "HP VC Flex-10/10D Module",
        "HPE Synergy 480 Gen10",
        "Integrity rx2800 i4",
        "HP 9000 rp3440",
        "Apollo 4200 Gen10, 2U",
        "ML350 Gen11 #2",
    ] {
        assert!(ModelText::parse(model).is_ok(), "{model}");
    }
}

#[test]
fn dates_outside_2000_to_2099_are_told_the_supported_range_table() {
    type Edit = fn(&mut RequestDraft);
    let cases: [(Edit, &str); 5] = [
        (|d| d.work_date = "2100-01-04".into(), "work_date"),
        (
            |d| d.alternative_work_date = "1999-12-31".into(),
            "alternative_work_date",
        ),
        (
            |d| d.contract.option_start = "1999-04-01".into(),
            "contract.option_start",
        ),
        (
            |d| d.contract.proactive_care_end = "2200-03-31".into(),
            "contract.proactive_care_end",
        ),
        (
            |d| d.contract.option_end = "0001-01-01".into(),
            "contract.option_end",
        ),
    ];
    for (edit, field) in cases {
        let mut draft = valid_draft();
        edit(&mut draft);
        let all = problems(&draft);
        let problem = on(&all, field).unwrap_or_else(|| panic!("{field}: {all:#?}"));
        assert_eq!(problem.code, ProblemCode::DateOutOfRange, "{field}");
        for message in [&problem.message_ja, &problem.message_en] {
            assert!(
                message.contains("2000") && message.contains("2099"),
                "{message}"
            );
        }
        assert!(!problem.message_en.contains("real date"), "{field}");
    }
    // A day that does not exist is still that, whatever the year.
    let mut draft = valid_draft();
    draft.work_date = "2027-02-30".into();
    assert_eq!(
        on(&problems(&draft), "work_date").unwrap().code,
        ProblemCode::InvalidDate
    );
}

// --- Properties -------------------------------------------------------------------------

/// Whether the Unicode database puts `c` in a category free text refuses: a control, a format
/// character, the line or the paragraph separator.
fn hidden_by_unicode(c: char) -> bool {
    matches!(
        c.general_category(),
        GeneralCategory::Control
            | GeneralCategory::Format
            | GeneralCategory::LineSeparator
            | GeneralCategory::ParagraphSeparator
    )
}

/// Every such character (about 230), to draw from.
fn hidden_char() -> impl Strategy<Value = char> {
    let all: Vec<char> = (0..=0x10FFFF_u32)
        .filter_map(char::from_u32)
        .filter(|c| hidden_by_unicode(*c))
        .collect();
    prop::sample::select(all)
}

/// The hand-written table equals the Unicode database's categories over every code point.
#[test]
fn the_hidden_character_table_matches_the_unicode_categories() {
    let mut differences = Vec::new();
    for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
        if is_hidden_character(c) != hidden_by_unicode(c) {
            differences.push(format!("U+{:04X} {:?}", c as u32, c.general_category()));
        }
    }
    assert!(differences.is_empty(), "{differences:?}");
}

proptest! {
    /// Any text with a hidden character in it is refused, wherever the character sits inside
    /// it, in one-line and multi-line text alike (tab and line breaks aside), and as a model
    /// name. (At either end, a whitespace control such as a tab is trimmed away like a space.)
    #[test]
    fn any_text_with_a_hidden_character_is_refused(
        before in "\\PC{0,20}",
        hidden in hidden_char(),
        after in "\\PC{0,20}",
    ) {
        let text = format!("x{before}{hidden}{after}x");
        prop_assert_eq!(Text::optional(&text, 100), Err(ProblemCode::InvalidCharacters));
        if !matches!(hidden, '\n' | '\r' | '\t') {
            prop_assert_eq!(Text::multiline(&text, 100), Err(ProblemCode::InvalidCharacters));
        }
        let model = format!("DL380 {text}");
        prop_assert!(ModelText::parse(&model).is_err());

        let mut draft = valid_draft();
        draft.contact.company = format!("株式会社{text}");
        let all = problems(&draft);
        prop_assert_eq!(on(&all, "contact.company").map(|p| p.code), Some(ProblemCode::InvalidCharacters));
    }

    /// Text without hidden characters is kept as typed (only trimmed), within its length.
    #[test]
    fn text_without_hidden_characters_is_kept(text in "\\PC{0,50}") {
        prop_assume!(!text.chars().any(is_hidden_character));
        prop_assert_eq!(Text::optional(&text, 50).map(|t| t.as_str().to_owned()), Ok(text.trim().to_owned()));
    }
}
