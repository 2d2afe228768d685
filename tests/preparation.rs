//! The pre-visit preparation list in the browser (issue 7): a customer submits a request,
//! opens the list from the confirmation page, sees concrete dates, prints it (print media
//! emulated) and downloads the Markdown, CSV and iCalendar files, which are read back with
//! independent parsers. From the self-check, the list first asks for a work date.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{Days, NaiveDate};
use fwportal_core::calendar::BusinessCalendar;
use fwportal_core::i18n::{format_date, Lang};
use support::browser::Browser;
use support::journey::{self, Dates};
use support::portal::Portal;

/// Waits (up to 15 s) for a finished download named `name` in `dir`.
async fn downloaded(dir: &Path, name: &str) -> Vec<u8> {
    let path: PathBuf = dir.join(name);
    for _ in 0..150 {
        let partial = std::fs::read_dir(dir)
            .map(|entries| {
                entries
                    .flatten()
                    .any(|e| e.file_name().to_string_lossy().ends_with(".crdownload"))
            })
            .unwrap_or(false);
        if path.is_file() && !partial {
            if let Ok(bytes) = std::fs::read(&path) {
                if !bytes.is_empty() {
                    return bytes;
                }
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let found: Vec<String> = std::fs::read_dir(dir)
        .map(|e| {
            e.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    panic!("{name} was not downloaded within 15 s; the folder holds {found:?}");
}

async fn checked(browser: &Browser, css: &str) -> bool {
    browser
        .client
        .execute(
            "return document.querySelector(arguments[0]).checked",
            vec![css.into()],
        )
        .await
        .expect("read a checkbox")
        .as_bool()
        .unwrap_or_else(|| panic!("{css} is not a checkbox on the page"))
}

fn ymd(date: NaiveDate) -> String {
    date.format("%Y%m%d").to_string()
}

fn prop(component: &icalendar::parser::Component<'_>, name: &str) -> Option<String> {
    component.find_prop(name).map(|p| p.val.as_str().to_owned())
}

fn param(component: &icalendar::parser::Component<'_>, name: &str, key: &str) -> Option<String> {
    component.find_prop(name).and_then(|p| {
        p.params
            .iter()
            .find(|x| x.key.as_str() == key)
            .and_then(|x| x.val.as_ref().map(|v| v.as_str().to_owned()))
    })
}

#[tokio::test(flavor = "multi_thread")]
async fn a_submitted_request_has_a_list_to_print_and_to_download() {
    let dir = tempfile::TempDir::new().unwrap();
    let downloads = tempfile::TempDir::new().unwrap();
    let portal = Portal::start(&dir.path().join("portal.db"));
    let dates = Dates::now();
    let browser = Browser::start_with_downloads("ja-JP", downloads.path()).await;

    journey::fill_whole_request(&browser, &portal.base_url, "PC-7001", &dates).await;
    journey::submit(&browser).await;
    let reference = browser
        .wait_for_text("[data-testid=reference]", "FWU-")
        .await
        .trim()
        .to_owned();

    // From the confirmation page, with the reference; the draft itself is forgotten by now.
    browser.click("[data-testid=to-preparation]").await;
    browser.wait_for_text("h1", "作業前の準備リスト").await;
    assert_eq!(
        browser.text_of("[data-testid=preparation-reference]").await,
        reference
    );
    let token = browser
        .client
        .execute(
            "return JSON.stringify(Object.assign({}, localStorage))",
            vec![],
        )
        .await
        .unwrap();
    assert!(
        !token.as_str().unwrap_or_default().contains("access_token"),
        "nothing like a token is kept: {token}"
    );

    // Concrete dates from the work date (22:00 on dates.work).
    let work = dates.work;
    let deadline = BusinessCalendar::default().deadline(work).unwrap();
    let backup = work - Days::new(1);
    let summary = browser.text_of("[data-testid=preparation-summary]").await;
    assert!(summary.contains("ProLiant DL380 Gen10"), "{summary}");
    assert!(summary.contains("SGH123ABCD"), "{summary}");
    assert!(browser
        .text_of("[data-testid=preparation-work]")
        .await
        .contains(&format!("{} 22:00", format_date(work, Lang::Ja))));
    assert_eq!(
        browser.text_of("[data-testid=due-backup] strong").await,
        format!("{}まで", format_date(backup, Lang::Ja))
    );
    assert_eq!(
        browser.text_of("[data-testid=due-notice] strong").await,
        format!("{}まで", format_date(deadline, Lang::Ja))
    );
    assert_eq!(
        browser
            .text_of("[data-testid=due-update-work] strong")
            .await,
        format!("{} 22:00から", format_date(work, Lang::Ja))
    );
    assert!(browser
        .text_of("[data-testid=preparation-deadline]")
        .await
        .contains(&format_date(deadline, Lang::Ja)));
    // Issue 14 item 8: what is not covered, in words; the rule only in the markup.
    assert!(!browser
        .text_of("[data-testid=preparation-not-covered]")
        .await
        .contains("R10"));
    browser
        .wait_for("[data-testid=preparation-not-covered] [data-rule=R10]")
        .await;
    // Issue 14: the request was sent, so "send the request" is done, not an open to-do.
    assert!(checked(&browser, "#prep-notice").await);
    browser.screenshot("preparation-screen").await;

    // The print layout: no header, footer or buttons; checkboxes as plain boxes.
    browser.click("#prep-backup").await;
    browser.emulate_print(true).await;
    browser
        .client
        .execute("window.scrollTo(0, 0)", vec![])
        .await
        .unwrap();
    let printed = browser
        .client
        .execute(
            "const s = (q) => getComputedStyle(document.querySelector(q));
             return [s('.fw-header').display, s('.fw-footer').display,
                     s('.fw-preparation__actions').display,
                     s('.fw-checklist__box').appearance,
                     s('.fw-checklist__box').borderTopStyle];",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        printed,
        serde_json::json!(["none", "none", "none", "none", "solid"])
    );
    browser.screenshot("preparation-print").await;
    browser.emulate_print(false).await;

    // The tick stays through a language switch (which draws the list again) and a reload: the
    // list is worked through over the days before the visit.
    assert!(checked(&browser, "#prep-backup").await);
    assert!(!checked(&browser, "#prep-site-access").await);
    browser.click(".fw-language__option[lang=en]").await;
    browser.wait_for_text("h1", "preparation").await;
    assert!(checked(&browser, "#prep-backup").await);
    browser.click(".fw-language__option[lang=ja]").await;
    browser.wait_for_text("h1", "作業前の準備リスト").await;
    browser.client.refresh().await.unwrap();
    browser.wait_for("#prep-backup").await;
    assert!(checked(&browser, "#prep-backup").await);
    // Unticking is kept too.
    browser.click("#prep-backup").await;
    browser.client.refresh().await.unwrap();
    browser.wait_for("#prep-backup").await;
    assert!(!checked(&browser, "#prep-backup").await);

    // The three files, made in the browser.
    browser.click("[data-testid=download-md]").await;
    let markdown = downloaded(downloads.path(), &format!("{reference}-preparation.md")).await;
    let markdown = String::from_utf8(markdown).expect("UTF-8 Markdown");
    assert!(markdown.contains(&reference), "{markdown}");
    assert!(markdown.contains("- [ ] "), "{markdown}");
    assert!(
        markdown.contains(&format_date(backup, Lang::Ja)),
        "{markdown}"
    );
    assert!(markdown.contains("SGH123ABCD"), "{markdown}");

    browser.click("[data-testid=download-csv]").await;
    let csv_bytes = downloaded(downloads.path(), &format!("{reference}-preparation.csv")).await;
    assert!(
        csv_bytes.starts_with(b"\xEF\xBB\xBF"),
        "a UTF-8 BOM for Excel"
    );
    assert!(csv_bytes.windows(2).any(|w| w == b"\r\n"), "CRLF lines");
    let mut reader = csv::ReaderBuilder::new().from_reader(&csv_bytes[3..]);
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header, ["項目", "期限", "担当", "完了"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert!(rows.len() >= 10, "{rows:?}");
    let backup_iso = backup.format("%Y-%m-%d").to_string();
    assert!(
        rows.iter()
            .any(|r| &r[1] == backup_iso.as_str() && &r[2] == "お客様"),
        "a backup row due {backup_iso}: {rows:?}"
    );
    let work_due = format!("{} 22:00", work.format("%Y-%m-%d"));
    assert!(rows.iter().any(|r| r[1] == work_due), "{rows:?}");

    browser.click("[data-testid=download-ics]").await;
    let ics = downloaded(downloads.path(), &format!("{reference}-preparation.ics")).await;
    let ics = String::from_utf8(ics).expect("UTF-8 iCalendar");
    let unfolded = icalendar::parser::unfold(&ics);
    let calendar = icalendar::parser::read_calendar(&unfolded).unwrap_or_else(|e| panic!("{e}"));
    let events: Vec<_> = calendar
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .collect();
    let event = |suffix: &str| {
        let uid = format!("{reference}-{suffix}@fwportal.invalid");
        events
            .iter()
            .find(|e| prop(e, "UID").as_deref() == Some(uid.as_str()))
            .unwrap_or_else(|| panic!("no event {uid} in {ics}"))
    };
    // Issue 14: the request was sent, so its deadline is no reminder any more.
    assert!(
        !ics.contains(&format!("{reference}-notice@")),
        "no notice event after submitting: {ics}"
    );
    let backup_event = event("backup");
    assert_eq!(prop(backup_event, "DTSTART"), Some(ymd(backup)));
    let work_event = event("work");
    assert_eq!(
        prop(work_event, "DTSTART"),
        Some(format!("{}T220000", ymd(work)))
    );
    assert_eq!(
        param(work_event, "DTSTART", "TZID").as_deref(),
        Some("Asia/Tokyo")
    );
    for e in [backup_event, work_event] {
        let alarm = e
            .components
            .iter()
            .find(|c| c.name.as_str() == "VALARM")
            .unwrap_or_else(|| panic!("an alarm on {:?}", prop(e, "UID")));
        assert!(prop(alarm, "TRIGGER").is_some_and(|t| t.starts_with("-PT")));
    }
    assert!(calendar.components.iter().any(
        |c| c.name.as_str() == "VTIMEZONE" && prop(c, "TZID").as_deref() == Some("Asia/Tokyo")
    ));

    browser.close().await;
    portal.stop();
}

#[tokio::test(flavor = "multi_thread")]
async fn from_the_self_check_the_list_first_asks_for_a_work_date() {
    let dir = tempfile::TempDir::new().unwrap();
    let portal = Portal::start(&dir.path().join("portal.db"));
    let dates = Dates::now();
    let browser = Browser::start("ja-JP").await;

    browser.client.goto(&portal.url("/check")).await.unwrap();
    journey::fill_server(&browser, 0, "ProLiant DL360 Gen10", "JPN1234567").await;
    browser.click("[data-testid=check-to-preparation]").await;
    browser
        .wait_for("[data-testid=preparation-needs-schedule]")
        .await;
    assert!(browser
        .client
        .find(fantoccini::Locator::Css(
            "[data-testid=preparation-checklist]"
        ))
        .await
        .is_err());

    browser.type_into("#work-date", "2027-02-30").await;
    browser.wait_for_text("#work-date-error", "年-月-日").await;
    browser
        .type_into("#work-date", &journey::iso(dates.work))
        .await;
    browser.type_into("#work-start-time", "9:30").await;
    let due = browser
        .wait_for_text("[data-testid=due-update-work] strong", "9:30")
        .await;
    assert_eq!(
        due,
        format!("{} 9:30から", format_date(dates.work, Lang::Ja))
    );
    // What is still missing is named, with a link to its page.
    let gaps = browser.text_of("[data-testid=preparation-gaps]").await;
    assert!(
        gaps.contains("会社名") && gaps.contains("作業場所"),
        "{gaps}"
    );
    assert!(!browser
        .text_of("[data-testid=preparation-summary]")
        .await
        .contains("受付番号"));

    // The page follows the language, dates the ISO way in English.
    browser.click(".fw-language__option[lang=en]").await;
    browser
        .wait_for_text("h1", "Pre-visit preparation list")
        .await;
    let backup = dates.work - Days::new(1);
    assert_eq!(
        browser.text_of("[data-testid=due-backup] strong").await,
        format!("By {}", format_date(backup, Lang::En))
    );
    // The date typed here is the request's own: the schedule page shows it.
    browser
        .client
        .goto(&portal.url("/request/schedule"))
        .await
        .unwrap();
    browser.wait_for("#work-date").await;
    assert_eq!(
        journey::date_fields(&browser, "work-date").await,
        journey::iso(dates.work)
    );

    browser.close().await;
    portal.stop();
}
