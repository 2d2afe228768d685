//! The customer's actions on the request pages, one function a page, so a test reads like the
//! journey. Dates are computed with the rules' own calendar from today's date, so the tests do
//! not age.

use chrono::{Days, NaiveDate, Utc};
use fwportal_core::calendar::BusinessCalendar;

use super::browser::Browser;

/// The dates a test's request uses.
pub struct Dates {
    pub earliest: NaiveDate,
    pub work: NaiveDate,
    pub pc_start: NaiveDate,
    pub pc_end: NaiveDate,
    pub option_start: NaiveDate,
    pub option_end: NaiveDate,
}

pub fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

impl Dates {
    /// A work date comfortably after the earliest one (a test run may cross 17:30), inside
    /// contract periods that started 100 days ago.
    pub fn now() -> Dates {
        let calendar = BusinessCalendar::default();
        let received = calendar.received_on(&Utc::now()).expect("a received day");
        let earliest = calendar
            .earliest_work_date(received)
            .expect("an earliest work date");
        let today = Utc::now().date_naive();
        Dates {
            earliest,
            work: earliest + Days::new(14),
            pc_start: today - Days::new(100),
            pc_end: today + Days::new(3 * 365),
            option_start: today - Days::new(100),
            option_end: today + Days::new(2 * 365),
        }
    }
}

/// Saves a PNG at phone width (360 px) and at desktop width (1280 px).
pub async fn screenshots(browser: &Browser, name: &str) {
    browser
        .client
        .set_window_size(360, 900)
        .await
        .expect("resize");
    browser.screenshot(&format!("{name}-360")).await;
    browser
        .client
        .set_window_size(1280, 1000)
        .await
        .expect("resize");
    browser.screenshot(&format!("{name}-1280")).await;
}

pub async fn continue_on(browser: &Browser) {
    browser.click("[data-testid=continue]").await;
}

pub async fn fill_contact(browser: &Browser, email: &str) {
    browser.type_into("#contact-company", "Example KK").await;
    browser.type_into("#contact-name", "Taro Yamada").await;
    browser.type_into("#contact-email", email).await;
    browser.type_into("#contact-phone", "03-1234-5678").await;
}

pub async fn fill_contract(browser: &Browser, number: &str, dates: &Dates) {
    browser.type_into("#contract-number", number).await;
    browser
        .wait_for("#contract-support-level option[value=proactive_care]")
        .await
        .click()
        .await
        .expect("choose the support level");
    browser
        .type_into("#contract-proactive-care-start", &iso(dates.pc_start))
        .await;
    browser
        .type_into("#contract-proactive-care-end", &iso(dates.pc_end))
        .await;
    browser
        .type_into("#contract-option-start", &iso(dates.option_start))
        .await;
    browser
        .type_into("#contract-option-end", &iso(dates.option_end))
        .await;
}

pub async fn fill_server(browser: &Browser, index: usize, model: &str, serial: &str) {
    browser
        .type_into(&format!("#servers-{index}-model"), model)
        .await;
    browser
        .type_into(&format!("#servers-{index}-serial-number"), serial)
        .await;
}

/// SPP or single firmware, with a target version.
pub async fn choose_method(browser: &Browser, spp: bool) {
    let id = if spp {
        "#update-method"
    } else {
        "#update-method-firmware"
    };
    browser.click(id).await;
    browser
        .type_into("#target-version", "SPP 2025.01.00.00")
        .await;
}

/// Ticks every statement shown.
pub async fn tick_everything(browser: &Browser) {
    browser.wait_for("#acknowledgements-C3").await;
    let boxes = browser
        .client
        .find_all(fantoccini::Locator::Css(".fw-checkboxes__input"))
        .await
        .expect("checkboxes");
    for checkbox in boxes {
        if !checkbox.is_selected().await.unwrap_or(false) {
            checkbox.click().await.expect("tick");
        }
    }
}

/// The date the three fields of `id` show together (year, month, day: issue 14), as
/// `YYYY-MM-DD` once they have been left and normalised.
pub async fn date_fields(browser: &Browser, id: &str) -> String {
    format!(
        "{}-{}-{}",
        browser.value_of(&format!("#{id}")).await,
        browser.value_of(&format!("#{id}-month")).await,
        browser.value_of(&format!("#{id}-day")).await
    )
}

pub async fn fill_schedule(browser: &Browser, work: NaiveDate) {
    browser.type_into("#work-date", &iso(work)).await;
    browser.type_into("#work-start-time", "22:00").await;
    browser
        .type_into("#site-address", "1-2-3 Shiba, Minato-ku, Tokyo, 5F")
        .await;
}

/// Agrees to the privacy notice (once) and sends the request from "check your answers".
pub async fn submit(browser: &Browser) {
    let consent = browser.wait_for("#privacy-consent").await;
    if !consent.is_selected().await.unwrap_or(false) {
        consent.click().await.expect("agree to the privacy notice");
    }
    browser.click("[data-testid=submit]").await;
}

/// Opens the request, gives valid contact details and contract `number`, and continues to
/// the servers page.
pub async fn start_request(browser: &Browser, base: &str, number: &str, dates: &Dates) {
    browser
        .client
        .goto(&format!("{base}/request/contract"))
        .await
        .unwrap();
    fill_contact(browser, "it@example.jp").await;
    fill_contract(browser, number, dates).await;
    continue_on(browser).await;
    browser.wait_for("#servers-0-model").await;
}

/// From the start page to "check your answers", every answer valid.
pub async fn fill_whole_request(browser: &Browser, base: &str, number: &str, dates: &Dates) {
    start_request(browser, base, number, dates).await;
    fill_server(browser, 0, "ProLiant DL380 Gen10", "SGH123ABCD").await;
    continue_on(browser).await;
    browser.wait_for("#update-method").await;
    choose_method(browser, false).await;
    continue_on(browser).await;
    tick_everything(browser).await;
    continue_on(browser).await;
    browser.wait_for("#work-date").await;
    fill_schedule(browser, dates.work).await;
    continue_on(browser).await;
    browser.wait_for("[data-testid=submit]").await;
}
