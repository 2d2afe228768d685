//! The operator's settings reach every word (R1, R5): the portal started with a calendar file
//! of `notice-days 10`, `cutoff 16:00` and `desk-hours 09:00-16:00` says 10 business days,
//! 16:00 and 09:00–16:00 on the start page, in the footer, on the schedule page and in the
//! refusal of a work date that is too soon — in Japanese and in English — and never the
//! contract's defaults (15 business days, 17:30, 8:45).

#![cfg(not(target_arch = "wasm32"))]

mod support;

use chrono::{Days, Utc};
use fwportal_core::calendar::BusinessCalendar;
use fwportal_core::i18n::{format_date, Lang};
use support::browser::Browser;
use support::journey::{self, iso, screenshots, Dates};
use support::portal::Portal;

const CALENDAR: &str = "# the operator's settings (R1, R5)\n\
                        notice-days 10\n\
                        cutoff 16:00\n\
                        desk-hours 09:00-16:00\n";

/// What each language must say, and the defaults it must not.
struct Words {
    lang: Lang,
    notice: &'static str,
    cutoff: &'static str,
    desk: &'static str,
    defaults: [&'static str; 3],
}

const JA: Words = Words {
    lang: Lang::Ja,
    notice: "10営業日前",
    cutoff: "16:00以降",
    desk: "9:00〜16:00",
    defaults: ["15営業日", "17:30", "8:45"],
};

const EN: Words = Words {
    lang: Lang::En,
    notice: "10 business days",
    cutoff: "at or after 16:00",
    desk: "09:00–16:00",
    defaults: ["15 business days", "17:30", "8:45"],
};

fn assert_no_defaults(words: &Words, text: &str, place: &str) {
    for default in words.defaults {
        assert!(
            !text.contains(default),
            "{place} ({:?}) still says {default:?}: {text}",
            words.lang
        );
    }
}

/// The start page and its footer, once the server's settings have arrived.
async fn start_page(browser: &Browser, words: &Words) {
    let main = browser.wait_for_text("main", words.notice).await;
    assert!(main.contains(words.cutoff), "start page: {main}");
    assert!(main.contains(words.desk), "start page: {main}");
    assert_no_defaults(words, &main, "start page");
    let footer = browser.wait_for_text("footer", words.desk).await;
    assert_no_defaults(words, &footer, "footer");
}

/// The schedule page: the intro, the earliest date computed with 10 days, and the refusal
/// of the day before it (R5, the app's own check with the server's calendar).
async fn schedule_page(browser: &Browser, words: &Words, calendar: &BusinessCalendar) {
    let received = calendar.received_on(&Utc::now()).expect("a received day");
    let earliest = calendar
        .earliest_work_date(received)
        .expect("an earliest day");
    let with_defaults = {
        let default = BusinessCalendar::default();
        let received = default.received_on(&Utc::now()).expect("a received day");
        default
            .earliest_work_date(received)
            .expect("an earliest day")
    };
    assert_ne!(earliest, with_defaults, "10 and 15 days give other dates");

    let main = browser.wait_for_text("main", words.notice).await;
    assert_no_defaults(words, &main, "schedule page");
    browser
        .wait_for_text("[data-testid=earliest]", &format_date(earliest, words.lang))
        .await;

    let too_soon = earliest - Days::new(1);
    browser.type_into("#work-date", &iso(too_soon)).await;
    journey::continue_on(browser).await;
    let error = browser
        .wait_for_text("#work-date-error", words.notice)
        .await;
    assert!(error.contains(words.cutoff), "refusal: {error}");
    assert!(
        error.contains(&format_date(earliest, words.lang)),
        "the earliest date with 10 days is named: {error}"
    );
    assert_no_defaults(words, &error, "refusal");
    let summary = browser.text_of(".fw-error-summary").await;
    assert!(summary.contains(words.notice), "error summary: {summary}");
    assert_no_defaults(words, &summary, "error summary");
}

#[tokio::test(flavor = "multi_thread")]
async fn r1_r5_the_operators_notice_cutoff_and_desk_hours_are_the_words_of_every_page() {
    let dir = tempfile::TempDir::new().unwrap();
    let file = dir.path().join("calendar.conf");
    std::fs::write(&file, CALENDAR).unwrap();
    let calendar = BusinessCalendar::from_config_text(CALENDAR).expect("the settings parse");
    let portal = Portal::start_with_calendar(&dir.path().join("portal.db"), &file);
    let browser = Browser::start("ja-JP").await;

    browser.client.goto(&portal.url("/")).await.unwrap();
    start_page(&browser, &JA).await;
    screenshots(&browser, "40-operator-settings-start-ja").await;
    browser.click(".fw-language__option[lang=en]").await;
    start_page(&browser, &EN).await;

    // A whole request in English (the language is remembered), then back to its schedule
    // page to change the work date: the R5 check needs the rest of the work plan.
    journey::fill_whole_request(&browser, &portal.base_url, "PC-1010", &Dates::now()).await;
    browser.click("[data-testid=change-work-date]").await;
    schedule_page(&browser, &EN, &calendar).await;
    browser.click(".fw-language__option[lang=ja]").await;
    // The same refusal, switched: the app words it again in Japanese with the same figures.
    let error = browser.wait_for_text("#work-date-error", JA.notice).await;
    assert!(error.contains(JA.cutoff), "{error}");
    assert_no_defaults(&JA, &error, "refusal");
    browser.client.refresh().await.unwrap();
    schedule_page(&browser, &JA, &calendar).await;
    screenshots(&browser, "41-operator-settings-refusal-ja").await;
    browser.close().await;
    portal.stop();
}
