//! Issue 14, item 5: the work date as three fields (year, month, day) with a calendar, the
//! Digital Agency design system's date pattern. The calendar marks days off (R2), the days too
//! soon for the notice (R5) and the end of the contract's periods (R7) in words, moves with the
//! keyboard as WAI-ARIA APG's date picker dialog does, and passes axe while open, in both
//! languages at 360 and 1280 px.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use chrono::{Datelike, Days, NaiveDate};
use fantoccini::key::Key;
use fwportal_core::calendar::{add_months_clamped, BusinessCalendar};
use fwportal_core::i18n::{format_date, Lang};
use support::axe::{axe_source, violations};
use support::browser::Browser;
use support::journey::{self, iso, Dates};
use support::portal::Portal;

fn cell(date: NaiveDate) -> String {
    format!("#work-date-day-{}", iso(date))
}

/// The id of the element that has the focus.
async fn focused_id(browser: &Browser) -> String {
    browser
        .client
        .execute("return document.activeElement.id;", vec![])
        .await
        .expect("read the focus")
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

async fn press(browser: &Browser, key: Key) {
    let active = browser.client.active_element().await.expect("a focus");
    active
        .send_keys(&key.to_string())
        .await
        .expect("press a key");
}

async fn attr(browser: &Browser, css: &str, name: &str) -> Option<String> {
    browser.wait_for(css).await.attr(name).await.expect(name)
}

/// The short mark the eye reads under a day's number (休, 最短, 終了).
async fn mark(browser: &Browser, date: NaiveDate) -> String {
    browser
        .text_of(&format!("{} .fw-calendar__mark", cell(date)))
        .await
}

/// What a screen reader reads for a day: its words, hidden from the eye.
async fn day_words(browser: &Browser, date: NaiveDate) -> String {
    browser
        .wait_for(&format!("{} .fw-visually-hidden", cell(date)))
        .await
        .prop("textContent")
        .await
        .expect("textContent")
        .unwrap_or_default()
}

/// Waits until the focus is on `css`'s element.
async fn wait_focus(browser: &Browser, id: &str) {
    let mut last = String::new();
    for _ in 0..50 {
        last = focused_id(browser).await;
        if last == id {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the focus is on {last:?}, not {id:?}");
}

/// Nothing in the calendar is wider than the phone's screen.
async fn no_sideways_scroll(browser: &Browser, lang: &str) {
    let overflow = browser
        .client
        .execute(
            "return document.documentElement.scrollWidth > window.innerWidth;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        overflow.as_bool(),
        Some(false),
        "the page scrolls sideways at 360 px ({lang})"
    );
}

async fn axe_clean(browser: &Browser, axe: &str, when: &str) {
    let found = violations(browser, axe).await;
    assert!(found.is_empty(), "axe violations {when}: {found:#?}");
}

/// From the contract to the schedule page, with an option period that ends three weeks after
/// the earliest possible work date so that R7's end shows in the calendar.
async fn open_schedule(browser: &Browser, portal: &Portal) -> Dates {
    let mut dates = Dates::now();
    dates.option_end = dates.earliest + Days::new(21);
    journey::start_request(browser, &portal.base_url, "PC-7100", &dates).await;
    browser
        .client
        .goto(&portal.url("/request/schedule"))
        .await
        .unwrap();
    browser.wait_for("#work-date-open").await;
    dates
}

#[tokio::test(flavor = "multi_thread")]
async fn the_calendar_marks_the_rules_moves_by_keyboard_and_fills_the_three_fields() {
    let dir = tempfile::TempDir::new().unwrap();
    let portal = Portal::start(&dir.path().join("portal.db"));
    let browser = Browser::start("ja-JP").await;
    let axe = axe_source();
    let cal = BusinessCalendar::default();
    let dates = open_schedule(&browser, &portal).await;
    let earliest = dates.earliest;

    // Opening puts the focus on the earliest day the rules allow, marked 最短.
    browser.click("#work-date-open").await;
    assert_eq!(
        attr(&browser, "#work-date-open", "aria-expanded")
            .await
            .as_deref(),
        Some("true")
    );
    wait_focus(&browser, &cell(earliest)[1..]).await;
    let first = browser.wait_for(&cell(earliest)).await;
    assert!(mark(&browser, earliest).await.contains("最短"));
    assert_eq!(first.attr("aria-disabled").await.unwrap(), None);
    let label = day_words(&browser, earliest).await;
    assert!(label.contains(&format_date(earliest, Lang::Ja)), "{label}");
    assert!(label.contains("選べる最も早い作業予定日"), "{label}");

    // Weekends of the month shown are marked as days off, in words.
    let month_days = earliest.with_day(1).unwrap().iter_days();
    let weekend = month_days
        .take_while(|d| d.month() == earliest.month())
        .find(|d| d.weekday().num_days_from_monday() >= 5)
        .unwrap();
    assert!(mark(&browser, weekend).await.contains("休"));
    assert!(day_words(&browser, weekend)
        .await
        .contains("休業日（土日）"));

    // The day before the earliest: focusable, marked as refused with the reason in words
    // (R5), and choosing it is refused where the choice is made.
    press(&browser, Key::Left).await;
    let before = earliest - Days::new(1);
    wait_focus(&browser, &cell(before)[1..]).await;
    assert_eq!(
        attr(&browser, &cell(before), "aria-disabled")
            .await
            .as_deref(),
        Some("true")
    );
    let status = browser
        .wait_for_text("[data-testid=calendar-status]", "選べません")
        .await;
    assert!(
        status.contains(&format_date(earliest, Lang::Ja)),
        "{status}"
    );
    press(&browser, Key::Enter).await;
    browser
        .wait_for_text(
            "[data-testid=calendar-status]",
            "この日は作業予定日にできません",
        )
        .await;
    assert_eq!(browser.value_of("#work-date").await, "");
    axe_clean(&browser, &axe, "with the calendar open (ja, 1280 px)").await;

    // Arrows move by day and week, PageDown/PageUp by month.
    press(&browser, Key::Right).await;
    press(&browser, Key::Down).await;
    let week_later = earliest + Days::new(7);
    wait_focus(&browser, &cell(week_later)[1..]).await;
    press(&browser, Key::PageDown).await;
    wait_focus(&browser, &cell(add_months_clamped(week_later, 1))[1..]).await;
    press(&browser, Key::PageUp).await;
    wait_focus(&browser, &cell(week_later)[1..]).await;

    // The end of the option period (R7) is marked, and the day after it refused.
    let end = dates.option_end;
    for _ in 0..2 {
        press(&browser, Key::Down).await;
    }
    wait_focus(&browser, &cell(week_later + Days::new(14))[1..]).await;
    let end_label = day_words(&browser, end).await;
    assert!(end_label.contains("契約期間の最終日"), "{end_label}");
    assert!(mark(&browser, end).await.contains("終了"));
    let after = end + Days::new(1);
    // `after` may be in the next month's grid: move there by keyboard.
    for _ in 0..(after - (week_later + Days::new(14))).num_days() {
        press(&browser, Key::Right).await;
    }
    wait_focus(&browser, &cell(after)[1..]).await;
    assert_eq!(
        attr(&browser, &cell(after), "aria-disabled")
            .await
            .as_deref(),
        Some("true")
    );
    browser
        .wait_for_text("[data-testid=calendar-status]", "契約期間の終了後")
        .await;

    // A public holiday is marked with its name: page forward to the first month that has one.
    let mut shown = after;
    let holiday = loop {
        let found = shown
            .with_day(1)
            .unwrap()
            .iter_days()
            .take_while(|d| d.month() == shown.month())
            .find_map(|d| cal.holiday(d).cloned());
        if let Some(h) = found {
            break h;
        }
        press(&browser, Key::PageDown).await;
        shown = add_months_clamped(shown, 1);
        wait_focus(&browser, &cell(shown)[1..]).await;
    };
    let holiday_label = day_words(&browser, holiday.date).await;
    assert!(
        holiday_label.contains("休業日（祝日）") && holiday_label.contains(&holiday.name_ja),
        "{holiday_label}"
    );
    assert!(mark(&browser, holiday.date).await.contains("休"));

    // Escape closes and gives the focus back to the button.
    press(&browser, Key::Escape).await;
    wait_focus(&browser, "work-date-open").await;
    assert_eq!(browser.count("#work-date-calendar").await, 0);

    // Reopened, Enter on an allowed day fills the three fields and the stored value.
    browser.click("#work-date-open").await;
    wait_focus(&browser, &cell(earliest)[1..]).await;
    press(&browser, Key::Down).await;
    wait_focus(&browser, &cell(week_later)[1..]).await;
    press(&browser, Key::Enter).await;
    wait_focus(&browser, "work-date-open").await;
    assert_eq!(browser.count("#work-date-calendar").await, 0);
    assert_eq!(
        browser.value_of("#work-date").await,
        week_later.year().to_string()
    );
    assert_eq!(
        browser.value_of("#work-date-month").await,
        format!("{:02}", week_later.month())
    );
    assert_eq!(
        browser.value_of("#work-date-day").await,
        format!("{:02}", week_later.day())
    );
    browser
        .wait_for_text("[data-testid=deadline]", &format_date(week_later, Lang::Ja))
        .await;
    let stored = browser
        .client
        .execute("return localStorage.getItem('fwportal.draft');", vec![])
        .await
        .unwrap();
    assert!(
        stored
            .as_str()
            .unwrap_or_default()
            .contains(&format!("\"work_date\":\"{}\"", iso(week_later))),
        "{stored}"
    );

    // Reopened, the chosen day is selected; the audit stays clean at 360 px and in English.
    browser.click("#work-date-open").await;
    wait_focus(&browser, &cell(week_later)[1..]).await;
    assert_eq!(
        attr(&browser, &cell(week_later), "aria-selected")
            .await
            .as_deref(),
        Some("true")
    );
    browser.client.set_window_size(360, 900).await.unwrap();
    axe_clean(&browser, &axe, "with the calendar open (ja, 360 px)").await;
    browser.screenshot("70-date-picker-ja-360").await;
    no_sideways_scroll(&browser, "ja").await;
    browser.client.set_window_size(1280, 1000).await.unwrap();
    browser.click(".fw-language__option[lang=en]").await;
    browser
        .wait_for_text(".fw-calendar__grid thead", "Sun")
        .await;
    let label = day_words(&browser, week_later).await;
    assert!(
        label.contains(&format_date(week_later, Lang::En)),
        "{label}"
    );
    axe_clean(&browser, &axe, "with the calendar open (en, 1280 px)").await;
    browser.screenshot("71-date-picker-en-1280").await;
    browser.client.set_window_size(360, 900).await.unwrap();
    axe_clean(&browser, &axe, "with the calendar open (en, 360 px)").await;
    no_sideways_scroll(&browser, "en").await;
    browser.screenshot("72-date-picker-en-360").await;

    browser.close().await;
    portal.stop();
}

/// The three fields take a whole date pasted into the year field (full-width too), split it
/// on leaving the field, and refuse a day that does not exist with the page's usual message.
#[tokio::test(flavor = "multi_thread")]
async fn a_whole_date_in_the_year_field_is_split_and_a_bad_day_refused() {
    let dir = tempfile::TempDir::new().unwrap();
    let portal = Portal::start(&dir.path().join("portal.db"));
    let browser = Browser::start("ja-JP").await;
    let dates = open_schedule(&browser, &portal).await;
    let work = dates.earliest + Days::new(3);
    let wide: String = format!("{}年{}月{}日", work.year(), work.month(), work.day())
        .chars()
        .map(|c| {
            if c.is_ascii_digit() {
                char::from_u32(c as u32 + 0xFEE0).unwrap()
            } else {
                c
            }
        })
        .collect();
    browser.type_into("#work-date", &wide).await;
    browser.click("#work-start-time").await;
    assert_eq!(journey::date_fields(&browser, "work-date").await, iso(work));
    // Typed again over the three filled fields, a whole date replaces all three.
    let other = work + Days::new(30);
    browser.type_into("#work-date", &iso(other)).await;
    browser.click("#work-start-time").await;
    assert_eq!(
        journey::date_fields(&browser, "work-date").await,
        iso(other)
    );

    // Month and day typed apart, one of them impossible: the usual refusal on continuing.
    browser.type_into("#alternative-work-date", "2027").await;
    browser.type_into("#alternative-work-date-month", "2").await;
    browser.type_into("#alternative-work-date-day", "30").await;
    journey::continue_on(&browser).await;
    browser
        .wait_for_text("#alternative-work-date-error", "実在する日付")
        .await;
    assert_eq!(
        attr(&browser, "#alternative-work-date-day", "aria-invalid")
            .await
            .as_deref(),
        Some("true")
    );
    // The error summary's link reaches the year field.
    browser
        .wait_for(".fw-error-summary a[href$='#alternative-work-date']")
        .await;
    browser.close().await;
    portal.stop();
}
