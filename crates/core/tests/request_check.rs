//! The whole request checked at once (R4–R9, R11–R16, C3–C5): table tests of each rule's
//! refusal and a property that checking is total and normalisation settles in one step.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use fwportal_core::calendar::BusinessCalendar;
use fwportal_core::problem::{Problem, ProblemCode};
use fwportal_core::request::{check, RequestDraft, RuleContext, ServerDraft, MAX_SERVERS};
use proptest::prelude::*;

mod request_support;
use request_support::valid_draft;

/// Wednesday 2027-01-06, 10:00 in Japan.
fn submitted_at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 1, 6, 1, 0, 0).unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn run(
    draft: &RequestDraft,
    earlier: &[NaiveDate],
) -> Result<fwportal_core::request::CheckedRequest, Vec<Problem>> {
    let calendar = BusinessCalendar::default();
    let context = RuleContext {
        calendar: &calendar,
        submitted_at: submitted_at(),
        earlier_work_dates: earlier,
    };
    check(draft, &context)
}

fn problems(draft: &RequestDraft) -> Vec<Problem> {
    run(draft, &[]).expect_err("the draft should be refused")
}

fn find<'a>(problems: &'a [Problem], field: &str) -> &'a Problem {
    problems
        .iter()
        .find(|p| p.field == field)
        .unwrap_or_else(|| panic!("no problem on {field}: {problems:#?}"))
}

#[test]
fn a_complete_update_work_request_passes_with_its_notice_computed() {
    let checked = run(&valid_draft(), &[]).unwrap();
    let notice = checked.notice.unwrap();
    assert_eq!(notice.received_on, date(2027, 1, 6));
    assert!(notice.notice_met);
    assert!(checked.warnings.is_empty());
    assert_eq!(checked.request.contract.number.as_str(), "PC-1234567");
}

#[test]
fn an_empty_draft_reports_every_required_field_at_once() {
    let all = problems(&RequestDraft::default());
    for field in [
        "contact.company",
        "contact.name",
        "contact.email",
        "contact.phone",
        "contract.number",
        "contract.support_level",
        "contract.proactive_care_start",
        "contract.proactive_care_end",
        "contract.option_start",
        "contract.option_end",
        "servers",
        "update_method",
        "work_date",
        "work_start_time",
        "site_address",
    ] {
        assert_eq!(find(&all, field).code, ProblemCode::Required, "{field}");
    }
    // Issue 14 item 7: the target version is asked with the method; without a method only the
    // method is reported (the version's field is not on the page yet).
    assert!(all.iter().all(|p| p.field != "target_version"), "{all:#?}");
    let chosen = RequestDraft {
        update_method: "spp".into(),
        ..RequestDraft::default()
    };
    assert_eq!(
        find(&problems(&chosen), "target_version").code,
        ProblemCode::Required
    );
    let mut fields: Vec<_> = all.iter().map(|p| p.field.as_str()).collect();
    let count = fields.len();
    fields.dedup();
    assert_eq!(fields.len(), count, "one problem per field");
    for p in &all {
        assert!(
            !p.message_ja.is_empty() && !p.message_en.is_empty(),
            "{p:?}"
        );
    }
}

#[test]
fn r5_a_work_date_inside_the_notice_period_is_refused_with_the_earliest_date() {
    // Received Wed 2027-01-06; 15 business days from then (Jan 11 is 成人の日) end on
    // Wed 2027-01-27, so the earliest work date is Thu 2027-01-28.
    let mut draft = valid_draft();
    draft.work_date = "2027-01-27".into();
    let all = problems(&draft);
    let problem = find(&all, "work_date");
    assert_eq!(problem.code, ProblemCode::NoticeNotMet);
    assert_eq!(problem.rule.as_deref(), Some("R5"));
    assert!(
        problem.message_ja.contains("2027年1月28日(木)"),
        "{}",
        problem.message_ja
    );
    assert!(
        problem.message_en.contains("2027-01-28 (Thu)"),
        "{}",
        problem.message_en
    );

    draft.work_date = "2027-01-28".into();
    assert!(
        run(&draft, &[]).is_ok(),
        "the earliest date itself is accepted"
    );
}

#[test]
fn r6_only_proactive_care_qualifies() {
    for level in ["foundation_care", "datacenter_care", "other"] {
        let mut draft = valid_draft();
        draft.contract.support_level = level.into();
        let all = problems(&draft);
        let problem = find(&all, "contract.support_level");
        assert_eq!(problem.code, ProblemCode::NotProactiveCare, "{level}");
        assert_eq!(problem.rule.as_deref(), Some("R6"));
    }
    let mut draft = valid_draft();
    draft.contract.support_level = "gold".into();
    assert_eq!(
        find(&problems(&draft), "contract.support_level").code,
        ProblemCode::InvalidChoice
    );
}

#[test]
fn r7_the_work_date_must_lie_in_both_periods() {
    let mut draft = valid_draft();
    draft.contract.option_end = "2027-03-05".into();
    assert_eq!(
        find(&problems(&draft), "work_date").code,
        ProblemCode::OutsideOptionPeriod
    );

    let mut draft = valid_draft();
    draft.contract.proactive_care_start = "2027-03-07".into();
    assert_eq!(
        find(&problems(&draft), "work_date").code,
        ProblemCode::OutsideProactiveCarePeriod
    );

    let mut draft = valid_draft();
    draft.contract.option_end = "2027-03-06".into();
    assert!(
        run(&draft, &[]).is_ok(),
        "the last day of the period is inside"
    );
}

#[test]
fn r4_a_second_update_in_the_same_contract_year_is_refused() {
    let draft = valid_draft(); // option starts 2026-04-01: the year runs to 2027-03-31
    let all = run(&draft, &[date(2026, 10, 10)]).unwrap_err();
    let problem = find(&all, "work_date");
    assert_eq!(problem.code, ProblemCode::OnceAYear);
    // Nothing about the other booking: not its date, not the contract year's (issue 12).
    for date in [
        "2026年10月10日",
        "2027年4月1日",
        "2026-10-10",
        "10 October 2026",
    ] {
        assert!(
            !problem.message_ja.contains(date) && !problem.message_en.contains(date),
            "{problem:?}"
        );
    }
    assert!(
        run(&draft, &[date(2026, 3, 31)]).is_ok(),
        "an earlier contract year does not count"
    );
}

#[test]
fn r11_an_excluded_model_is_refused_and_an_unnamed_family_is_only_a_warning() {
    let mut draft = valid_draft();
    draft.servers[0].model = "HPE ProLiant MicroServer Gen10 Plus v2".into();
    let all = problems(&draft);
    let problem = find(&all, "servers[0].model");
    assert_eq!(problem.code, ProblemCode::ProductExcluded);
    assert_eq!(problem.rule.as_deref(), Some("R11"));

    let mut draft = valid_draft();
    draft.servers[0].model = "HPE Synergy 480 Gen10".into();
    let checked = run(&draft, &[]).unwrap();
    assert_eq!(checked.warnings.len(), 1);
    assert_eq!(
        checked.warnings[0].code,
        ProblemCode::ProductNeedsConfirmation
    );
}

#[test]
fn r9_the_spp_needs_its_acknowledgement_and_single_firmware_does_not() {
    let mut draft = valid_draft();
    draft.acknowledgements.retain(|a| a != "R9");
    let problem = problems(&draft)
        .into_iter()
        .find(|p| p.field == "acknowledgements.R9")
        .unwrap();
    assert_eq!(problem.code, ProblemCode::AcknowledgementMissing);
    assert_eq!(problem.rule.as_deref(), Some("R9"));

    draft.update_method = "firmware".into();
    assert!(run(&draft, &[]).is_ok());
}

#[test]
fn r12_to_r16_and_c3_to_c5_must_each_be_confirmed() {
    let mut draft = valid_draft();
    draft.acknowledgements = vec!["R9".into()];
    let all = problems(&draft);
    for code in ["R12", "R13", "R14", "R15", "R16", "C3", "C4", "C5"] {
        let problem = find(&all, &format!("acknowledgements.{code}"));
        assert_eq!(problem.rule.as_deref(), Some(code));
    }
    // Reported together with problems elsewhere in the work plan, not after them.
    draft.work_date = "".into();
    draft.site_address = "".into();
    let all = problems(&draft);
    assert_eq!(find(&all, "work_date").code, ProblemCode::Required);
    assert_eq!(
        find(&all, "acknowledgements.C3").code,
        ProblemCode::AcknowledgementMissing
    );
    draft.acknowledgements.push("R99".into());
    assert_eq!(
        find(&problems(&draft), "acknowledgements").code,
        ProblemCode::InvalidChoice
    );
}

#[test]
fn r1_a_version_consultation_needs_no_work_date_or_acknowledgements() {
    let mut draft = valid_draft();
    draft.kind = "version_consultation".into();
    draft.work_date = "".into();
    draft.update_method = "".into();
    draft.target_version = "".into();
    draft.site_address = "".into();
    draft.work_start_time = "".into();
    draft.acknowledgements.clear();
    // Issue 14: a consultation says what it is about.
    assert_eq!(
        find(&problems(&draft), "consultation_topic").code,
        ProblemCode::Required
    );
    draft.consultation_topic = "SPPの適用順序について\nストレージとの依存関係".into();
    draft.preferred_contact_time = "平日 14:00〜17:00".into();
    let checked = run(&draft, &[date(2026, 10, 10)]).unwrap();
    assert!(checked.notice.is_none());
    assert!(checked.request.work.is_none());
    let stored = checked.request.to_draft();
    assert_eq!(stored.consultation_topic, draft.consultation_topic);
    assert_eq!(stored.preferred_contact_time, "平日 14:00〜17:00");
}

#[test]
fn the_alternative_date_differs_and_meets_the_same_rules() {
    let mut draft = valid_draft();
    draft.alternative_work_date = "2027-03-06".into();
    assert_eq!(
        find(&problems(&draft), "alternative_work_date").code,
        ProblemCode::SameAsWorkDate
    );
    draft.alternative_work_date = "2027-01-20".into();
    assert_eq!(
        find(&problems(&draft), "alternative_work_date").code,
        ProblemCode::NoticeNotMet
    );
    draft.alternative_work_date = "2029-04-01".into();
    assert_eq!(
        find(&problems(&draft), "alternative_work_date").code,
        ProblemCode::OutsideProactiveCarePeriod
    );
    draft.alternative_work_date = "2027-03-13".into();
    assert!(run(&draft, &[]).is_ok());
}

#[test]
fn server_rows_are_checked_each_with_its_own_field() {
    let mut draft = valid_draft();
    draft.servers.push(ServerDraft {
        model: "ProLiant BL460c Gen10".into(),
        serial_number: "czj1234567".into(),
        firmware: vec![],
    });
    draft.servers.push(ServerDraft::default());
    let all = problems(&draft);
    assert_eq!(
        find(&all, "servers[1].serial_number").code,
        ProblemCode::InvalidChoice,
        "duplicate serial"
    );
    assert_eq!(find(&all, "servers[2].model").code, ProblemCode::Required);
    assert_eq!(
        find(&all, "servers[2].serial_number").code,
        ProblemCode::Required
    );

    let mut draft = valid_draft();
    draft.servers = vec![draft.servers[0].clone(); MAX_SERVERS + 1];
    assert_eq!(
        find(&problems(&draft), "servers").code,
        ProblemCode::TooMany
    );
}

#[test]
fn contact_fields_are_parsed() {
    let mut draft = valid_draft();
    draft.contact.email = "yamada@example".into();
    draft.contact.phone = "1234".into();
    draft.work_start_time = "25:00".into();
    draft.kind = "repair".into();
    let all = problems(&draft);
    assert_eq!(find(&all, "contact.email").code, ProblemCode::InvalidEmail);
    assert_eq!(find(&all, "contact.phone").code, ProblemCode::InvalidPhone);
    assert_eq!(find(&all, "work_start_time").code, ProblemCode::InvalidTime);
    assert_eq!(find(&all, "kind").code, ProblemCode::InvalidChoice);
}

#[test]
fn the_normalised_form_checks_to_the_same_request() {
    let mut draft = valid_draft();
    draft.contract.number = " ｐｃ－１２３４５６７ ".into();
    draft.contact.email = "ＹＡＭＡＤＡ＠example.co.jp".into();
    draft.work_date = "２０２７－０３－０６".into();
    let checked = run(&draft, &[]).unwrap();
    let normalised = checked.request.to_draft();
    assert_eq!(normalised.contract.number, "PC-1234567");
    assert_eq!(normalised.work_date, "2027-03-06");
    let again = run(&normalised, &[]).unwrap();
    assert_eq!(again.request, checked.request);
    assert_eq!(again.request.to_draft(), normalised);
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[ -~]{0,40}",
        "[ぁ-んァ-ン０-９Ａ-Ｚ－：]{0,20}",
        any::<String>(),
    ]
}

proptest! {
    /// Checking never panics whatever is typed, and every refusal names its field and has
    /// both languages.
    #[test]
    fn checking_is_total(
        number in any_text(), level in any_text(), start in any_text(), work in any_text(),
        time in any_text(), model in any_text(), email in any_text(), ack in any_text(),
    ) {
        let mut draft = valid_draft();
        draft.contract.number = number;
        draft.contract.support_level = level;
        draft.contract.option_start = start;
        draft.work_date = work;
        draft.work_start_time = time;
        draft.servers[0].model = model;
        draft.contact.email = email;
        draft.acknowledgements.push(ack);
        match run(&draft, &[]) {
            Ok(checked) => {
                let again = run(&checked.request.to_draft(), &[]);
                prop_assert_eq!(again.map(|c| c.request), Ok(checked.request));
            }
            Err(problems) => {
                prop_assert!(!problems.is_empty());
                for p in problems {
                    prop_assert!(!p.field.is_empty());
                    prop_assert!(!p.message_ja.is_empty() && !p.message_en.is_empty());
                }
            }
        }
    }
}

// --- Issue 14: decided as early as the facts allow; dates typed the usual ways -----------

/// R5 with R7: submitted 2027-01-06 10:00, the earliest work date is 2027-01-28 (README's
/// example 1). A contract ending on 2027-01-27 leaves no possible day: refused on the
/// contract's end, with what to do and without rule codes, even before a work date is given.
#[test]
fn a_contract_ending_before_the_earliest_work_date_is_refused_on_the_contract() {
    let mut draft = valid_draft();
    draft.contract.proactive_care_end = "2027-01-27".into();
    draft.work_date = "".into();
    let all = problems(&draft);
    let problem = find(&all, "contract.proactive_care_end");
    assert_eq!(problem.code, ProblemCode::NoWorkDatePossible);
    assert!(problem.message_ja.contains("2027年1月28日"), "{problem:?}");
    assert!(problem.message_ja.contains("更新"), "{problem:?}");
    assert!(!problem.message_ja.contains("R5") && !problem.message_en.contains("R7"));

    // The option's period ending first names the option's end instead.
    let mut draft = valid_draft();
    draft.contract.option_end = "2027-01-20".into();
    assert_eq!(
        find(&problems(&draft), "contract.option_end").code,
        ProblemCode::NoWorkDatePossible
    );

    // One more day makes 2027-01-28 possible: no such problem.
    let mut draft = valid_draft();
    draft.contract.proactive_care_end = "2027-01-28".into();
    draft.work_date = "2027-01-28".into();
    assert!(run(&draft, &[]).is_ok(), "{:?}", run(&draft, &[]).err());

    // A consultation needs no work date, so the same contract may ask for one.
    let mut draft = valid_draft();
    draft.kind = "version_consultation".into();
    draft.consultation_topic = "どのSPPを選ぶべきか".into();
    draft.contract.proactive_care_end = "2027-01-27".into();
    assert!(run(&draft, &[]).is_ok(), "{:?}", run(&draft, &[]).err());
}

/// The contact's department, reading of the name and CC addresses are kept normalised; a bad
/// CC address or more than five are refused on the CC field.
#[test]
fn the_contacts_department_reading_and_cc_are_kept() {
    let mut draft = valid_draft();
    draft.contact.department = " 情報システム部 ".into();
    draft.contact.name_kana = "やまだ たろう".into();
    draft.contact.cc = "a@example.jp; ｂ＠ｅｘａｍｐｌｅ．ｊｐ".into();
    let stored = run(&draft, &[]).expect("valid").request.to_draft();
    assert_eq!(stored.contact.department, "情報システム部");
    assert_eq!(stored.contact.name_kana, "やまだ たろう");
    assert_eq!(stored.contact.cc, "a@example.jp, b@example.jp");
    draft.contact.cc = "a@example.jp, not an address".into();
    assert_eq!(
        find(&problems(&draft), "contact.cc").code,
        ProblemCode::InvalidEmail
    );
    draft.contact.cc = (1..=6)
        .map(|i| format!("p{i}@example.jp"))
        .collect::<Vec<_>>()
        .join(",");
    assert_eq!(
        find(&problems(&draft), "contact.cc").code,
        ProblemCode::TooMany
    );
}

/// Periods that share no day leave no work date either.
#[test]
fn periods_without_a_common_day_are_refused_on_the_contract() {
    let mut draft = valid_draft();
    draft.contract.option_start = "2029-04-01".into();
    draft.contract.option_end = "2030-03-31".into();
    assert_eq!(
        find(&problems(&draft), "contract.proactive_care_end").code,
        ProblemCode::NoWorkDatePossible
    );
}

/// Dates and times typed the usual ways check to the same request as the ISO forms, and the
/// stored request holds the normalised values.
#[test]
fn dates_and_times_typed_the_usual_ways_are_accepted_and_normalised() {
    let iso = run(&valid_draft(), &[]).expect("valid");
    for (work_date, start) in [
        ("2027/03/06", "0900"),
        ("2027/3/6", "900"),
        ("20270306", "9:00"),
        ("2027-3-6", "９：００"),
        ("２０２７／３／６", "９時"),
        ("2027年3月6日", "09時00分"),
    ] {
        let mut draft = valid_draft();
        draft.work_date = work_date.into();
        draft.work_start_time = start.into();
        draft.contract.proactive_care_start = "2026/4/1".into();
        let typed = run(&draft, &[]).unwrap_or_else(|e| panic!("{work_date} {start}: {e:?}"));
        assert_eq!(typed.request, iso.request, "{work_date} {start}");
        let stored = typed.request.to_draft();
        assert_eq!(
            (stored.work_date.as_str(), stored.work_start_time.as_str()),
            ("2027-03-06", "09:00")
        );
    }
    for bad in [
        "2027-06-31",
        "27/3/6",
        "2027/3/6/1",
        "202736",
        "2027-03-06T00",
    ] {
        let mut draft = valid_draft();
        draft.work_date = bad.into();
        assert_eq!(
            find(&problems(&draft), "work_date").code,
            ProblemCode::InvalidDate,
            "{bad}"
        );
    }
}

proptest! {
    /// Every usual way of writing a day in the portal's range reads as that day.
    #[test]
    fn every_usual_form_of_a_date_reads_as_that_date(offset in 0u64..36_500) {
        use fwportal_core::request::fields::parse_date;
        let day = date(2000, 1, 1) + chrono::Days::new(offset);
        prop_assume!(day <= date(2099, 12, 31));
        let full_width = |s: String| -> String {
            s.chars().map(|c| match c {
                '0'..='9' | '/' | '-' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
                c => c,
            }).collect()
        };
        use chrono::Datelike;
        let (y, m, d) = (day.year(), day.month(), day.day());
        for typed in [
            format!("{y}-{m:02}-{d:02}"),
            format!("{y}/{m}/{d}"),
            format!("{y}-{m}-{d}"),
            format!("{y}{m:02}{d:02}"),
            format!("{y}.{m:02}.{d:02}"),
            format!("{y}年{m}月{d}日"),
            full_width(format!("{y}/{m:02}/{d:02}")),
        ] {
            prop_assert_eq!(parse_date(&typed), Ok(day), "{}", typed);
        }
    }

    /// Every time of day reads the same written `HH:MM`, `HHMM` or full-width.
    #[test]
    fn every_usual_form_of_a_time_reads_as_that_time(h in 0u32..24, m in 0u32..60) {
        use fwportal_core::request::fields::parse_time;
        let want = chrono::NaiveTime::from_hms_opt(h, m, 0);
        for typed in [format!("{h:02}:{m:02}"), format!("{h}:{m:02}"), format!("{h:02}{m:02}"), format!("{h}時{m}分")] {
            prop_assert_eq!(parse_time(&typed).ok(), want, "{}", typed);
        }
    }
}

/// Issue 14: no request without consent to the privacy notice; the stored request says it had.
#[test]
fn a_request_without_privacy_consent_is_refused() {
    let mut draft = valid_draft();
    draft.privacy_consent = false;
    let all = problems(&draft);
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0].field, "privacy_consent");
    assert!(all[0].message_ja.contains("個人情報の取扱い"));
    let stored = run(&valid_draft(), &[]).expect("valid").request.to_draft();
    assert!(stored.privacy_consent);
}
