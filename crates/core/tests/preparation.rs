//! The pre-visit preparation list (issue 7): due dates around holidays (R5, C2, C3, C5), the
//! CSV read back by the `csv` crate, the `.ics` read back by the independent `icalendar`
//! parser, folding and escaping properties (RFC 5545), both languages, file names.

use std::str::FromStr;
use std::sync::OnceLock;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use fwportal_core::calendar::BusinessCalendar;
use fwportal_core::i18n::Lang;
use fwportal_core::preparation::{
    escape_text, file_name, fold_line, to_csv, to_ics, to_markdown, unescape_text, unfold, DueKind,
    FileKind, PreparationInput, PreparationList, PreparedServer, Responsible, UpdateMethod,
};
use icalendar::{CalendarDateTime, Component as _, DatePerhapsTime, EventLike as _};
use proptest::prelude::*;

const LANGS: [Lang; 2] = [Lang::Ja, Lang::En];

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn time(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap_or_else(|| panic!("{h}:{m}"))
}

fn instant(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

/// A request whose customer text holds everything the formats must escape.
fn input(
    work_date: &str,
    reference: Option<&str>,
    method: Option<UpdateMethod>,
) -> PreparationInput {
    PreparationInput {
        reference: reference.map(str::to_owned),
        company: "株式会社サンプル, \"本社\"".into(),
        site_address: "東京都江東区青海1-2-3; 第2DC, 5F\\B棟\n受付経由".into(),
        contact_name: "山田 太郎".into(),
        onsite_contact: Some("設備課 佐藤 090-1111-2222".into()),
        servers: vec![
            PreparedServer {
                model: "ProLiant DL360 Gen10".into(),
                serial_number: "JPN1234567".into(),
                current_version: Some("U32 v2.40".into()),
                target_version: None,
            },
            PreparedServer {
                model: "ProLiant BL460c Gen10 | *blade*".into(),
                serial_number: "JPN7654321".into(),
                current_version: None,
                target_version: Some("SPP 2024.09.0".into()),
            },
        ],
        method,
        target_version: Some("SPP 2025.01.0".into()),
        work_date: date(work_date),
        work_start_time: time(9, 30),
        generated_at: instant("2026-11-02T08:15:00+09:00"),
    }
}

/// The default calendar, built once (it computes a century of holidays).
fn calendar() -> &'static BusinessCalendar {
    static CALENDAR: OnceLock<BusinessCalendar> = OnceLock::new();
    CALENDAR.get_or_init(BusinessCalendar::default)
}

fn build(input: PreparationInput) -> PreparationList {
    PreparationList::build(input, calendar()).unwrap_or_else(|e| panic!("build: {e}"))
}

fn due(list: &PreparationList, id: &str) -> NaiveDate {
    list.item(id)
        .unwrap_or_else(|| panic!("no item {id}"))
        .due
        .date
}

// ---------------------------------------------------------------------------------------------
// Due dates
// ---------------------------------------------------------------------------------------------

/// (work date, R5 deadline, C2 version decision = 10 business days before, C5 arrangements =
/// 5 business days before, C3 backup = the day before, last business day before the work).
/// Worked out by hand from the holiday lists; the deadline must also equal the calendar's.
const DUE_DATES: &[(&str, &str, &str, &str, &str, &str)] = &[
    // Monday 2027-03-01: 2/11 and 2/23 are holidays; backup on Sunday.
    (
        "2027-03-01",
        "2027-02-04",
        "2027-02-12",
        "2027-02-19",
        "2027-02-28",
        "2027-02-26",
    ),
    // Thursday 2027-05-06, after Golden Week (4/29, 5/3–5/5): backup on こどもの日.
    (
        "2027-05-06",
        "2027-04-09",
        "2027-04-16",
        "2027-04-23",
        "2027-05-05",
        "2027-04-30",
    ),
    // Thursday 2026-05-07, after Golden Week 2026 (5/6 is a substitute holiday).
    (
        "2026-05-07",
        "2026-04-10",
        "2026-04-17",
        "2026-04-24",
        "2026-05-06",
        "2026-05-01",
    ),
    // Monday 2027-01-04, right after the year-end closure: backup on January 3.
    (
        "2027-01-04",
        "2026-12-09",
        "2026-12-16",
        "2026-12-23",
        "2027-01-03",
        "2026-12-29",
    ),
    // Tuesday 2027-01-05: the day before is the first business day of the year.
    (
        "2027-01-05",
        "2026-12-10",
        "2026-12-17",
        "2026-12-24",
        "2027-01-04",
        "2027-01-04",
    ),
    // Saturday 2026-06-27 (R3: weekend work is allowed).
    (
        "2026-06-27",
        "2026-06-08",
        "2026-06-15",
        "2026-06-22",
        "2026-06-26",
        "2026-06-26",
    ),
];

#[test]
fn r5_c2_c3_c5_due_dates_around_golden_week_and_new_year() {
    let cal = BusinessCalendar::default();
    for &(work, deadline, version, site, backup, last) in DUE_DATES {
        let list = build(input(work, None, Some(UpdateMethod::Spp)));
        let ctx = format!("work date {work}");
        assert_eq!(list.notice_deadline, date(deadline), "{ctx}");
        assert_eq!(cal.deadline(date(work)).ok(), Some(date(deadline)), "{ctx}");
        assert_eq!(list.desk.notice_deadline, date(deadline), "{ctx}");
        assert_eq!(due(&list, "notice"), date(deadline), "{ctx}");
        // Issue 14: the information is gathered after the desk's first call (which follows
        // the receipt), five business days after the deadline, never after the version is
        // decided.
        let collect = cal
            .add_business_days(
                date(deadline),
                fwportal_core::preparation::COLLECT_BUSINESS_DAYS,
            )
            .unwrap()
            .min(date(version));
        assert_eq!(due(&list, "collect-information"), collect, "{ctx}");
        assert!(
            collect > date(deadline) || collect == date(version),
            "{ctx}"
        );
        for id in ["decide-version", "check-dependencies", "spp-os-changes"] {
            assert_eq!(due(&list, id), date(version), "{ctx}: {id}");
        }
        for id in [
            "site-access",
            "work-space",
            "console-equipment",
            "staff-present",
            "media-permission",
        ] {
            assert_eq!(due(&list, id), date(site), "{ctx}: {id}");
        }
        assert_eq!(due(&list, "backup"), date(backup), "{ctx}");
        assert_eq!(list.desk.last_business_day_before_work, date(last), "{ctx}");
        for id in ["stop-services", "stop-systems", "update-work"] {
            let item = list.item(id).unwrap_or_else(|| panic!("{id}"));
            assert_eq!(item.due.date, date(work), "{ctx}: {id}");
            assert_eq!(item.due.time, Some(time(9, 30)), "{ctx}: {id}");
        }
        assert_eq!(due(&list, "restart-and-check"), date(work), "{ctx}");
    }
}

#[test]
fn r5_notice_period_comes_from_the_calendar_settings_and_no_item_precedes_it() {
    let cal = BusinessCalendar::from_config_text("notice-days 5\ndesk-hours 09:00-17:00\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let list = PreparationList::build(input("2027-03-01", None, None), &cal)
        .unwrap_or_else(|e| panic!("{e}"));
    // 5 business days before Monday 3/1: 2/26, 25, 24, 22, 19.
    assert_eq!(list.notice_deadline, date("2027-02-19"));
    // 10 business days before would be 2/12, before the notice is even due: clamped.
    assert_eq!(due(&list, "decide-version"), date("2027-02-19"));
    assert_eq!(due(&list, "site-access"), date("2027-02-19"));
    assert_eq!(list.desk.notice_business_days, 5);
    assert_eq!((list.desk.open, list.desk.close), (time(9, 0), time(17, 0)));
    assert!(list.desk.text.ja.contains("9:00～17:00"));
    assert!(list.desk.text.en.contains("09:00–17:00"));
    let notice = list.item("notice").map(|i| i.detail.ja.clone());
    assert!(notice.is_some_and(|d| d.contains("5営業日前")));
}

#[test]
fn r5_an_operator_closure_moves_the_deadline() {
    let cal = BusinessCalendar::from_config_text("closure 2027-02-10 棚卸\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let list = PreparationList::build(input("2027-03-01", None, None), &cal)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(list.notice_deadline, date("2027-02-03"));
}

#[test]
fn r1_desk_hours_are_printed_from_the_settings() {
    let list = build(input("2027-03-01", None, None));
    assert_eq!(
        (list.desk.open, list.desk.close),
        (time(8, 45), time(17, 30))
    );
    assert!(list.desk.text.ja.contains("8:45～17:30"));
    assert!(list.desk.text.en.contains("08:45–17:30"));
    let md = to_markdown(&list, Lang::Ja);
    assert!(md.contains("8:45～17:30"));
    assert!(md.contains("2027年2月26日(金)"), "last business day");
}

#[test]
fn items_are_in_date_order_with_unique_ids_and_nothing_done() {
    for method in [None, Some(UpdateMethod::Spp), Some(UpdateMethod::Firmware)] {
        let list = build(input("2027-05-06", None, method));
        let keys: Vec<_> = list
            .items
            .iter()
            .map(|i| (i.due.date, i.due.time.is_none(), i.due.time))
            .collect();
        assert!(keys.windows(2).all(|w| w[0] <= w[1]), "{keys:?}");
        let mut ids: Vec<_> = list.items.iter().map(|i| i.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), list.items.len());
        for item in &list.items {
            assert!(!item.done, "{}", item.id);
            assert!(!item.rules.is_empty(), "{}", item.id);
            assert!(item.id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'));
            for text in [
                &item.title.ja,
                &item.title.en,
                &item.detail.ja,
                &item.detail.en,
            ] {
                assert!(!text.trim().is_empty(), "{}", item.id);
            }
        }
        let update = list
            .item("update-work")
            .map(|i| (i.responsible, i.due.kind));
        assert_eq!(update, Some((Responsible::Service, DueKind::StartsAt)));
        let last = list.items.last().map(|i| (i.id.as_str(), i.due.kind));
        assert_eq!(last, Some(("restart-and-check", DueKind::AfterWork)));
    }
}

#[test]
fn every_rule_the_issue_names_has_an_item_or_a_note() {
    let list = build(input(
        "2027-05-06",
        Some("FWU-2027-000123"),
        Some(UpdateMethod::Spp),
    ));
    let item_rules: Vec<&str> = list
        .items
        .iter()
        .flat_map(|i| i.rules.iter().map(String::as_str))
        .collect();
    for rule in ["R5", "C1", "C2", "C3", "C4", "C5", "R9", "R12"] {
        assert!(item_rules.contains(&rule), "no item for {rule}");
    }
    let notes: Vec<&str> = list.not_covered.iter().map(|n| n.rule.as_str()).collect();
    assert_eq!(notes, ["R9", "R10", "R13", "R14", "R15", "R16"]);
    let c5 = list.items.iter().filter(|i| i.rules == ["C5"]).count();
    assert_eq!(c5, 5, "access, space, console, staff, media: one item each");
}

#[test]
fn r9_spp_adds_the_os_validation_item() {
    let spp = build(input("2027-03-01", None, Some(UpdateMethod::Spp)));
    for method in [None, Some(UpdateMethod::Firmware)] {
        let other = build(input("2027-03-01", None, method));
        assert_eq!(spp.items.len(), other.items.len() + 1);
        assert!(other.item("spp-os-changes").is_none());
    }
    let item = spp
        .item("spp-os-changes")
        .unwrap_or_else(|| panic!("missing"));
    assert_eq!(item.rules, ["R9"]);
    assert!(item.detail.ja.contains("OSに変更"));
    assert!(to_markdown(&spp, Lang::En).contains("Validate the operating-system changes"));
}

#[test]
fn the_list_is_specific_to_the_request() {
    let list = build(input(
        "2027-05-06",
        Some("FWU-2027-000123"),
        Some(UpdateMethod::Spp),
    ));
    let md = to_markdown(&list, Lang::Ja);
    for needle in [
        "FWU-2027-000123",
        "株式会社サンプル",
        "JPN1234567",
        "JPN7654321",
        "U32 v2.40",
        "SPP 2025.01.0", // the request's target for the first server
        "SPP 2024.09.0", // the second server's own target
        "2027年5月6日(木) 9:30から",
        "2027年4月9日(金)まで",
        "ご担当者: 山田 太郎",
        // Issue 14: the witness item names the on-site contact.
        "立会い担当者: 設備課 佐藤 090-1111-2222",
    ] {
        assert!(md.contains(needle), "{needle} missing:\n{md}");
    }
    let witness = list.item("staff-present").map(|i| i.detail.ja.clone());
    assert!(
        witness.is_some_and(|w| w.contains("佐藤") && !w.contains("山田")),
        "the witness is the on-site contact, not the requester"
    );
    let md_en = to_markdown(&list, Lang::En);
    assert!(md_en.contains("2027-05-06 (Thu) from 09:30"));
    assert!(md_en.contains("By 2027-04-09 (Fri)"));
}

#[test]
fn markdown_escapes_customer_text_and_has_one_checkbox_per_item() {
    let list = build(input("2027-05-06", None, None));
    for lang in LANGS {
        let md = to_markdown(&list, lang);
        assert_eq!(md.matches("\n- [ ] ").count(), list.items.len(), "{lang:?}");
        assert!(md.contains(r"ProLiant BL460c Gen10 \| \*blade\*"), "{md}");
        // The site's line break did not end the line early.
        assert!(md.contains(r"5F\\B棟 受付経由"), "{md}");
    }
    assert!(to_markdown(&list, Lang::Ja).contains("受付番号はまだありません"));
    assert!(to_markdown(&list, Lang::En).contains("no reference yet"));
}

#[test]
fn both_languages_render_the_same_number_of_items() {
    let list = build(input(
        "2027-01-04",
        Some("FWU-2027-000001"),
        Some(UpdateMethod::Spp),
    ));
    let count = |lang| {
        (
            to_markdown(&list, lang).matches("- [ ] ").count()
                + to_markdown(&list, lang).matches("- [x] ").count(),
            csv_records(&to_csv(&list, lang)).len(),
            to_ics(&list, lang).matches("BEGIN:VEVENT").count(),
            to_ics(&list, lang).matches("BEGIN:VALARM").count(),
        )
    };
    assert_eq!(count(Lang::Ja), count(Lang::En));
    // A submitted request's list has no notice-deadline event (issue 14): backup and work.
    assert_eq!(count(Lang::Ja), (list.items.len(), list.items.len(), 2, 2));
}

#[test]
fn the_list_serialises_for_the_app_and_back() {
    let list = build(input(
        "2027-05-06",
        Some("FWU-2027-000123"),
        Some(UpdateMethod::Spp),
    ));
    let json = serde_json::to_value(&list).unwrap_or_default();
    assert_eq!(json["request"]["method"], "spp");
    assert_eq!(json["notice_deadline"], "2027-04-09");
    assert_eq!(json["items"][0]["id"], "notice");
    assert_eq!(json["items"][0]["due"]["date"], "2027-04-09");
    assert_eq!(json["items"][0]["due"]["kind"], "by");
    assert_eq!(json["items"][0]["responsible"], "customer");
    // Sent: the notice item is done on a submitted request's list (issue 14).
    assert_eq!(json["items"][0]["done"], true);
    assert_eq!(json["items"][0]["title"]["ja"], "サポート窓口への申込み");
    let back: Result<PreparationList, _> = serde_json::from_value(json);
    assert_eq!(back.ok().as_ref(), Some(&list));
}

#[test]
fn dates_outside_the_calendar_are_errors_not_panics() {
    let cal = BusinessCalendar::default();
    for work in [
        NaiveDate::MIN,
        NaiveDate::MAX,
        date("2000-01-05"),
        date("2100-01-01"),
    ] {
        let mut req = input("2027-03-01", None, None);
        req.work_date = work;
        assert!(PreparationList::build(req, &cal).is_err(), "{work}");
    }
}

// ---------------------------------------------------------------------------------------------
// File names
// ---------------------------------------------------------------------------------------------

#[test]
fn file_names_carry_the_reference_or_else_the_work_date() {
    let kinds = [
        (FileKind::Markdown, "md"),
        (FileKind::Csv, "csv"),
        (FileKind::Ics, "ics"),
    ];
    let without = build(input("2027-03-01", None, None));
    let with = build(input("2027-03-01", Some("FWU-2027-000123"), None));
    let blank = build(input("2027-03-01", Some("  "), None));
    let hostile = build(input("2027-03-01", Some("../日本\"x y.ics"), None));
    for (kind, ext) in kinds {
        assert_eq!(
            file_name(kind, &without),
            format!("preparation-2027-03-01.{ext}")
        );
        assert_eq!(
            file_name(kind, &blank),
            format!("preparation-2027-03-01.{ext}")
        );
        assert_eq!(
            file_name(kind, &with),
            format!("FWU-2027-000123-preparation.{ext}")
        );
        let name = file_name(kind, &hostile);
        assert_eq!(name, format!("______x_y_ics-preparation.{ext}"));
        assert!(name.is_ascii());
    }
}

// ---------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------

/// Checks the BOM and the CRLF line ends, then parses with the `csv` crate.
fn csv_records(text: &str) -> Vec<csv::StringRecord> {
    let body = text
        .strip_prefix('\u{FEFF}')
        .unwrap_or_else(|| panic!("no BOM: {text:?}"));
    assert!(body.ends_with("\r\n"));
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(body.as_bytes());
    let header = reader.headers().cloned().unwrap_or_default();
    assert_eq!(header.len(), 4);
    reader
        .records()
        .map(|r| r.unwrap_or_else(|e| panic!("{e}")))
        .collect()
}

#[test]
fn csv_reads_back_with_the_csv_crate_in_both_languages() {
    let list = build(input(
        "2027-05-06",
        Some("FWU-2027-000123"),
        Some(UpdateMethod::Spp),
    ));
    for (lang, header, (yes, no)) in [
        (Lang::Ja, "項目,期限,担当,完了\r\n", ("はい", "いいえ")),
        (Lang::En, "Item,Due,Responsible,Done\r\n", ("Yes", "No")),
    ] {
        let text = to_csv(&list, lang);
        assert!(text.starts_with(&format!("\u{FEFF}{header}")));
        // Every line ends with CRLF: no bare LF or CR.
        assert_eq!(text.matches('\n').count(), text.matches("\r\n").count());
        assert_eq!(text.matches('\r').count(), text.matches("\r\n").count());
        let records = csv_records(&text);
        assert_eq!(records.len(), list.items.len());
        for (record, item) in records.iter().zip(&list.items) {
            assert_eq!(&record[0], item.title.get(lang));
            assert_eq!(&record[2], item.responsible.label(lang));
            // Only the notice is done: the request was sent.
            assert_eq!(&record[3], if item.id == "notice" { yes } else { no });
        }
        assert_eq!(&records[0][1], "2027-04-09");
        let stop = list.items.iter().position(|i| i.id == "stop-services");
        assert_eq!(stop.map(|i| &records[i][1]), Some("2027-05-06 09:30"));
    }
}

#[test]
fn csv_quotes_commas_quotes_and_line_breaks_as_rfc_4180_says() {
    let mut list = build(input("2027-03-01", None, None));
    let tricky = "a, \"quoted\"\r\nnext line; 全角、読点";
    list.items[0].title.ja = tricky.into();
    list.items[1].title.ja = "=HYPERLINK(\"x\")".into();
    let text = to_csv(&list, Lang::Ja);
    assert!(text.contains("\"a, \"\"quoted\"\"\r\nnext line; 全角、読点\""));
    let records = csv_records(&text);
    assert_eq!(&records[0][0], tricky);
    // Excel would run it as a formula: defused with a leading apostrophe.
    assert_eq!(&records[1][0], "'=HYPERLINK(\"x\")");
}

// ---------------------------------------------------------------------------------------------
// iCalendar
// ---------------------------------------------------------------------------------------------

fn assert_rfc5545_lines(ics: &str) {
    assert!(ics.ends_with("\r\n"));
    assert_eq!(ics.matches('\n').count(), ics.matches("\r\n").count());
    assert_eq!(ics.matches('\r').count(), ics.matches("\r\n").count());
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
}

fn prop<'a>(component: &'a icalendar::parser::Component<'a>, name: &str) -> String {
    component
        .find_prop(name)
        .map(|p| p.val.as_str().to_owned())
        .unwrap_or_else(|| panic!("{} has no {name}", component.name.as_str()))
}

fn param(component: &icalendar::parser::Component<'_>, name: &str, key: &str) -> Option<String> {
    component.find_prop(name).and_then(|p| {
        p.params
            .iter()
            .find(|x| x.key.as_str() == key)
            .and_then(|x| x.val.as_ref().map(|v| v.as_str().to_owned()))
    })
}

#[test]
fn ics_structure_read_by_the_icalendar_parser() {
    let list = build(input(
        "2027-05-06",
        Some("FWU-2027-000123"),
        Some(UpdateMethod::Spp),
    ));
    for lang in LANGS {
        let ics = to_ics(&list, lang);
        assert_rfc5545_lines(&ics);
        let unfolded = icalendar::parser::unfold(&ics);
        let cal = icalendar::parser::read_calendar(&unfolded).unwrap_or_else(|e| panic!("{e}"));
        let value = |name: &str| {
            cal.properties
                .iter()
                .find(|p| p.name.as_str() == name)
                .map(|p| p.val.as_str().to_owned())
        };
        assert_eq!(value("VERSION").as_deref(), Some("2.0"));
        assert_eq!(value("CALSCALE").as_deref(), Some("GREGORIAN"));
        assert!(value("PRODID").is_some_and(|p| p.starts_with("-//fwportal//")));

        let tz = cal
            .components
            .iter()
            .find(|c| c.name.as_str() == "VTIMEZONE")
            .unwrap_or_else(|| panic!("no VTIMEZONE"));
        assert_eq!(prop(tz, "TZID"), "Asia/Tokyo");
        let standard = tz
            .components
            .iter()
            .find(|c| c.name.as_str() == "STANDARD")
            .unwrap_or_else(|| panic!("no STANDARD"));
        assert_eq!(prop(standard, "TZOFFSETFROM"), "+0900");
        assert_eq!(prop(standard, "TZOFFSETTO"), "+0900");
        assert_eq!(prop(standard, "TZNAME"), "JST");
        assert_eq!(prop(standard, "DTSTART"), "19700101T000000");

        let events: Vec<_> = cal
            .components
            .iter()
            .filter(|c| c.name.as_str() == "VEVENT")
            .collect();
        let uids: Vec<String> = events.iter().map(|e| prop(e, "UID")).collect();
        assert_eq!(
            uids,
            [
                "FWU-2027-000123-backup@fwportal.invalid",
                "FWU-2027-000123-work@fwportal.invalid",
            ]
        );
        for event in &events {
            // 08:15 in Japan is 23:15 UTC the day before.
            assert_eq!(prop(event, "DTSTAMP"), "20261101T231500Z");
            let alarms: Vec<_> = event
                .components
                .iter()
                .filter(|c| c.name.as_str() == "VALARM")
                .collect();
            assert_eq!(alarms.len(), 1);
            assert_eq!(prop(alarms[0], "ACTION"), "DISPLAY");
            assert!(!prop(alarms[0], "DESCRIPTION").is_empty());
            assert!(prop(alarms[0], "TRIGGER").starts_with("-PT"));
        }
        let (backup, work) = (events[0], events[1]);
        assert_eq!(prop(backup, "DTSTART"), "20270505");
        assert_eq!(param(backup, "DTSTART", "VALUE").as_deref(), Some("DATE"));
        assert_eq!(prop(work, "DTSTART"), "20270506T093000");
        assert_eq!(
            param(work, "DTSTART", "TZID").as_deref(),
            Some("Asia/Tokyo")
        );
        assert_eq!(prop(work, "DURATION"), "PT4H");
        assert_eq!(prop(&work.components[0], "TRIGGER"), "-PT1H");
    }
}

/// Issue 14: before submitting (the self-check's list) the notice deadline is a reminder with
/// its alarm; after submitting it is done and not in the calendar file.
#[test]
fn the_notice_deadline_is_an_event_only_before_the_request_is_sent() {
    let before = build(input("2027-05-06", None, Some(UpdateMethod::Spp)));
    assert!(!before.item("notice").is_some_and(|i| i.done));
    let ics = to_ics(&before, Lang::Ja);
    assert!(ics.contains("-notice@fwportal.invalid"), "{ics}");
    assert!(ics.contains("DTSTART;VALUE=DATE:20270409"), "{ics}");
    let after = build(input(
        "2027-05-06",
        Some("FWU-2027-000123"),
        Some(UpdateMethod::Spp),
    ));
    assert!(after.item("notice").is_some_and(|i| i.done));
    let ics = to_ics(&after, Lang::Ja);
    assert!(!ics.contains("-notice@"), "{ics}");
    assert!(to_markdown(&after, Lang::Ja).contains("- [x] "));
}

#[test]
fn ics_events_read_by_the_icalendar_model() {
    let req = input("2027-01-04", None, Some(UpdateMethod::Firmware));
    let site = req.site_address.clone();
    let list = build(req);
    let ics = to_ics(&list, Lang::Ja);
    let cal = icalendar::Calendar::from_str(&ics).unwrap_or_else(|e| panic!("{e}"));
    let events: Vec<_> = cal.components.iter().filter_map(|c| c.as_event()).collect();
    assert_eq!(events.len(), 3);
    assert_eq!(
        events[0].get_uid(),
        Some("20270104-notice@fwportal.invalid")
    );
    assert_eq!(
        events[0].get_start(),
        Some(DatePerhapsTime::Date(date("2026-12-09")))
    );
    assert_eq!(
        events[1].get_start(),
        Some(DatePerhapsTime::Date(date("2027-01-03")))
    );
    assert_eq!(
        events[2].get_start(),
        Some(DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone {
            date_time: date("2027-01-04").and_time(time(9, 30)),
            tzid: "Asia/Tokyo".into(),
        }))
    );
    // The parser unescapes TEXT: commas, semicolons, backslashes and the line break survive.
    assert_eq!(events[2].get_location(), Some(site.as_str()));
    let summary = events[0].get_summary().unwrap_or_default();
    assert!(summary.contains("2027年1月4日(月)"), "{summary}");
    let description = events[2].get_description().unwrap_or_default();
    assert!(description.contains("JPN7654321"), "{description}");
    assert!(
        description.contains("\n- ProLiant DL360 Gen10"),
        "{description}"
    );
    assert_eq!(
        events[0].get_timestamp().map(|t| t.to_rfc3339()),
        Some("2026-11-01T23:15:00+00:00".into())
    );
}

#[test]
fn ics_text_is_escaped_for_rfc_5545() {
    let list = build(input("2027-03-01", None, None));
    let ics = unfold(&to_ics(&list, Lang::En));
    assert!(
        ics.contains("\r\nLOCATION:東京都江東区青海1-2-3\\; 第2DC\\, 5F\\\\B棟\\n受付経由\r\n"),
        "{ics}"
    );
}

#[test]
fn escaping_known_cases() {
    assert_eq!(escape_text("a\\b;c,d\ne"), "a\\\\b\\;c\\,d\\ne");
    assert_eq!(escape_text("cr\rcrlf\r\nlf\n"), "cr\\ncrlf\\nlf\\n");
    assert_eq!(escape_text("bell\u{7}tab\t"), "belltab\t");
    assert_eq!(unescape_text("\\N\\x\\"), "\n\\x\\");
}

#[test]
fn folding_splits_japanese_between_characters() {
    // 8 ASCII octets, then 3-octet characters: 8 + 22 * 3 = 74, the 23rd would make 77.
    let line = format!("SUMMARY:{}", "作".repeat(40));
    let folded = fold_line(&line);
    let physical: Vec<&str> = folded.split("\r\n").collect();
    assert_eq!(physical[0].len(), 74);
    assert!(physical[1].starts_with(' '));
    assert_eq!(unfold(&folded), line);
    let exact = "X".repeat(75);
    assert_eq!(fold_line(&exact), exact);
    assert_eq!(fold_line(&"X".repeat(76)), format!("{exact}\r\n X"));
}

#[test]
fn unfolding_removes_only_crlf_followed_by_one_whitespace() {
    assert_eq!(unfold("A:x\r\n y\r\nB:z\r\n\tw"), "A:xy\r\nB:zw");
    assert_eq!(unfold("A:x\r\n  two spaces"), "A:x two spaces");
    assert_eq!(unfold("A:x\r\n\r\n y"), "A:x\r\ny");
    assert_eq!(unfold("no breaks"), "no breaks");
}

proptest! {
    #[test]
    fn folding_keeps_lines_within_75_octets_and_unfolds_back(text in "[^\r\n]{0,400}") {
        let line = format!("DESCRIPTION:{text}");
        let folded = fold_line(&line);
        for physical in folded.split("\r\n") {
            prop_assert!(physical.len() <= 75);
        }
        prop_assert_eq!(unfold(&folded), line.clone());
        prop_assert_eq!(icalendar::parser::unfold(&folded), line);
    }

    #[test]
    fn folding_japanese_text(text in "[ぁ-んァ-ン一-龥、。ー0-9A-Za-z🗓 ]{0,300}") {
        let folded = fold_line(&escape_text(&text));
        for physical in folded.split("\r\n") {
            prop_assert!(physical.len() <= 75);
        }
        prop_assert_eq!(unescape_text(&unfold(&folded)), text);
    }

    #[test]
    fn escaping_round_trips(text in "([^\\p{Cc}]|[\n\t\\\\;,]){0,200}") {
        let escaped = escape_text(&text);
        prop_assert!(!escaped.contains('\n'));
        prop_assert_eq!(unescape_text(&escaped), text.clone());
        // The independent parser reads the same value back.
        let line = format!("SUMMARY:{escaped}\r\n");
        let prop = icalendar::parser::Property::try_from(line.as_str());
        prop_assert_eq!(prop.ok().map(|p| p.val.as_str().to_owned()), Some(text));
    }

    #[test]
    fn any_work_date_in_range_builds_valid_files(
        days in 1_000i64..35_000,
        minutes in 0u32..1440,
        site in "\\PC{0,120}",
    ) {
        let cal = calendar();
        let work = date("2000-01-01") + chrono::Days::new(days.unsigned_abs());
        let mut req = input("2027-03-01", Some("FWU-2030-000001"), Some(UpdateMethod::Spp));
        req.work_date = work;
        req.work_start_time = time(minutes / 60, minutes % 60);
        req.site_address = site;
        let list = PreparationList::build(req, cal);
        prop_assume!(list.is_ok());
        let list = list.unwrap_or_else(|e| panic!("{e}"));
        for lang in LANGS {
            let ics = to_ics(&list, lang);
            assert_rfc5545_lines(&ics);
            prop_assert!(icalendar::parser::read_calendar(&icalendar::parser::unfold(&ics)).is_ok());
            prop_assert_eq!(csv_records(&to_csv(&list, lang)).len(), list.items.len());
        }
        prop_assert!(list.notice_deadline < work);
        prop_assert!(list.items.iter().all(|i| i.due.date >= list.notice_deadline && i.due.date <= work));
    }
}
