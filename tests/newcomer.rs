//! Issue 14: the journey as a newcomer met it. Each test is one of the dead ends or missing
//! things found, against its own server and browser: a contract on which no work date can meet
//! both the notice (R5) and the periods (R7) is refused on the contract step and explained on
//! `/check`, with what to do; dates typed the usual ways are accepted and shown normalised.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use chrono::Days;
use fwportal_core::i18n::{format_date, Lang};
use support::browser::Browser;
use support::journey::{self, iso, screenshots, Dates};
use support::portal::Portal;

async fn open() -> (tempfile::TempDir, Portal, Browser) {
    let dir = tempfile::TempDir::new().unwrap();
    let portal = Portal::start(&dir.path().join("portal.db"));
    let browser = Browser::start("ja-JP").await;
    (dir, portal, browser)
}

async fn choose_level(browser: &Browser, level: &str) {
    browser
        .wait_for(&format!("#contract-support-level option[value={level}]"))
        .await
        .click()
        .await
        .expect("choose the support level");
}

async fn type_periods(browser: &Browser, dates: &Dates, pc_end: &str) {
    browser
        .type_into("#contract-proactive-care-start", &iso(dates.pc_start))
        .await;
    browser
        .type_into("#contract-proactive-care-end", pc_end)
        .await;
    browser
        .type_into("#contract-option-start", &iso(dates.option_start))
        .await;
    browser
        .type_into("#contract-option-end", &iso(dates.option_end))
        .await;
}

/// Item 1 and item 13 on `/check`: a contract ending before the earliest possible work date is
/// said to leave no work date, with what to do; a date that is not one is said, not ignored;
/// a Foundation Care contract is never told a work date can be chosen; the earliest possible
/// work date is shown when there is one.
#[tokio::test(flavor = "multi_thread")]
async fn check_says_when_no_work_date_is_possible_and_what_to_do() {
    let (_dir, portal, browser) = open().await;
    let dates = Dates::now();
    browser.client.goto(&portal.url("/check")).await.unwrap();
    choose_level(&browser, "proactive_care").await;
    type_periods(&browser, &dates, &iso(dates.pc_end)).await;
    let answer = browser
        .wait_for_text("[data-testid=contract-window]", "最も早い作業予定日")
        .await;
    assert!(
        answer.contains(&format_date(dates.earliest, Lang::Ja)),
        "the earliest possible work date is shown: {answer}"
    );
    assert!(
        !answer.contains("R7"),
        "no rule code for the customer: {answer}"
    );

    // The contract ends the day before the earliest possible work date.
    let too_short = dates.earliest - Days::new(1);
    browser
        .type_into("#contract-proactive-care-end", &iso(too_short))
        .await;
    let answer = browser
        .wait_for_text("[data-testid=contract-answer]", "選べる作業日がありません")
        .await;
    assert!(answer.contains("更新"), "what to do is said: {answer}");
    assert!(
        answer.contains("アドバンストソリューションセンター"),
        "{answer}"
    );
    assert!(
        answer.contains(&format_date(too_short, Lang::Ja)),
        "the end of the contract is named: {answer}"
    );
    assert_eq!(browser.count("[data-testid=contract-window]").await, 0);
    screenshots(&browser, "40-check-no-work-date-ja").await;

    // A day that does not exist is said, not silently ignored (item 13).
    browser
        .type_into("#contract-proactive-care-end", "2027-06-31")
        .await;
    browser
        .wait_for_text("[data-testid=contract-date-problem]", "実在する日付")
        .await;
    assert_eq!(browser.count("[data-testid=contract-window]").await, 0);

    // Foundation Care: not eligible, and no work date offered (item 13).
    browser
        .type_into("#contract-proactive-care-end", &iso(dates.pc_end))
        .await;
    browser.wait_for("[data-testid=contract-window]").await;
    choose_level(&browser, "foundation_care").await;
    browser
        .wait_for_text("[data-testid=contract-answer]", "対象外")
        .await;
    assert_eq!(browser.count("[data-testid=contract-window]").await, 0);
    browser.close().await;
}

/// Item 1 in the request: the contract step refuses a contract that leaves no possible work
/// date (instead of step 5 asking for an impossible one), in both languages; the customer may
/// ask for a consultation instead, which needs no work date.
#[tokio::test(flavor = "multi_thread")]
async fn the_contract_step_refuses_a_contract_that_leaves_no_work_date() {
    let (_dir, portal, browser) = open().await;
    let dates = Dates::now();
    browser
        .client
        .goto(&portal.url("/request/contract"))
        .await
        .unwrap();
    journey::fill_contact(&browser, "it@example.jp").await;
    journey::fill_contract(&browser, "PC-1400", &dates).await;
    let too_short = dates.earliest - Days::new(3);
    browser
        .type_into("#contract-proactive-care-end", &iso(too_short))
        .await;
    journey::continue_on(&browser).await;
    let error = browser
        .wait_for_text(
            "#contract-proactive-care-end-error",
            "選べる作業日がありません",
        )
        .await;
    assert!(error.contains("更新"), "{error}");
    assert!(browser.title().await.starts_with("エラー: "));
    browser.wait_for_text("h1", "ご連絡先とご契約").await;
    browser.click(".fw-language__option[lang=en]").await;
    browser
        .wait_for_text(
            "#contract-proactive-care-end-error",
            "No work date is possible",
        )
        .await;
    browser.click(".fw-language__option[lang=ja]").await;

    // A consultation needs no work date: the contract step lets it through.
    browser.click("[data-testid=consult-instead]").await;
    journey::continue_on(&browser).await;
    browser.wait_for("#servers-0-model").await;
    browser.close().await;
}

/// Item 5 and item 13: dates and times typed the usual ways are accepted and the field shows
/// the value that will be stored once the customer leaves it; `/check` takes `2027/3/31`.
#[tokio::test(flavor = "multi_thread")]
async fn dates_and_times_typed_the_usual_ways_are_accepted_and_shown_normalised() {
    let (_dir, portal, browser) = open().await;
    let dates = Dates::now();
    browser.client.goto(&portal.url("/check")).await.unwrap();
    choose_level(&browser, "proactive_care").await;
    let slashes = |d: chrono::NaiveDate| d.format("%Y/%-m/%-d").to_string();
    browser
        .type_into("#contract-proactive-care-start", &slashes(dates.pc_start))
        .await;
    browser
        .type_into(
            "#contract-proactive-care-end",
            &dates.pc_end.format("%Y%m%d").to_string(),
        )
        .await;
    // Full-width digits, as a Japanese input method types them.
    let full_width: String = iso(dates.option_start)
        .chars()
        .map(|c| match c {
            '0'..='9' | '-' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
            c => c,
        })
        .collect();
    browser
        .type_into("#contract-option-start", &full_width)
        .await;
    browser
        .type_into("#contract-option-end", &slashes(dates.option_end))
        .await;
    // Leaving the last field shows its stored form too.
    browser.click("#contract-proactive-care-start").await;
    browser
        .wait_for_text("[data-testid=contract-window]", "最も早い作業予定日")
        .await;
    assert_eq!(
        browser.count("[data-testid=contract-date-problem]").await,
        0
    );
    for (field, date) in [
        ("#contract-proactive-care-start", dates.pc_start),
        ("#contract-proactive-care-end", dates.pc_end),
        ("#contract-option-start", dates.option_start),
        ("#contract-option-end", dates.option_end),
    ] {
        assert_eq!(browser.value_of(field).await, iso(date), "{field}");
    }

    // The request's work date and start time, typed `YYYY/M/D` and `2200`.
    browser.click("[data-testid=check-to-request]").await;
    browser.wait_for_text("h1", "ご連絡先とご契約").await;
    journey::fill_contact(&browser, "it@example.jp").await;
    browser.type_into("#contract-number", "pc-5500").await;
    journey::continue_on(&browser).await;
    journey::fill_server(&browser, 0, "ProLiant DL380 Gen10", "sgh123abcd").await;
    journey::continue_on(&browser).await;
    browser.wait_for("#update-method").await;
    journey::choose_method(&browser, false).await;
    journey::continue_on(&browser).await;
    journey::tick_everything(&browser).await;
    journey::continue_on(&browser).await;
    browser.type_into("#work-date", &slashes(dates.work)).await;
    browser.type_into("#work-start-time", "２２００").await;
    browser
        .type_into("#site-address", "1-2-3 Shiba, Minato-ku, Tokyo")
        .await;
    assert_eq!(
        journey::date_fields(&browser, "work-date").await,
        iso(dates.work)
    );
    assert_eq!(browser.value_of("#work-start-time").await, "22:00");
    journey::continue_on(&browser).await;

    // Item 9: the check page shows what will be stored.
    let answers = browser
        .wait_for_text(".fw-summary-list", &format_date(dates.work, Lang::Ja))
        .await;
    assert!(answers.contains("22:00"), "{answers}");
    assert!(answers.contains("PC-5500"), "{answers}");
    assert!(answers.contains("SGH123ABCD"), "{answers}");
    assert!(!answers.contains("２２"), "{answers}");
    browser.close().await;
}

/// What they looked for: the earliest possible work date on the start page; the desk's phone
/// and mail from the operator's file (not written into the app); the privacy notice with
/// consent before sending; department, ふりがな and CC; on the confirmation, copy buttons,
/// print and the work date; on `/status`, a reference in any letter case, the key showable and
/// the preparation list from any browser.
#[tokio::test(flavor = "multi_thread")]
async fn what_a_newcomer_looked_for_is_there() {
    let dir = tempfile::TempDir::new().unwrap();
    let calendar = dir.path().join("calendar.txt");
    std::fs::write(
        &calendar,
        "desk-phone 0120-555-014\ndesk-mail asc-desk@example.jp\n",
    )
    .unwrap();
    let portal = Portal::start_with_calendar(&dir.path().join("portal.db"), &calendar);
    let browser = Browser::start("ja-JP").await;
    let dates = Dates::now();

    browser.client.goto(&portal.url("/")).await.unwrap();
    browser
        .wait_for_text(
            "[data-testid=start-earliest]",
            &format_date(dates.earliest, Lang::Ja),
        )
        .await;
    let desk = browser
        .wait_for_text("[data-testid=desk-contact]", "0120-555-014")
        .await;
    assert!(desk.contains("asc-desk@example.jp"), "{desk}");

    // The contact's department, reading and CC go with the request.
    browser
        .client
        .goto(&portal.url("/request/contract"))
        .await
        .unwrap();
    journey::fill_contact(&browser, "it@example.jp").await;
    browser
        .type_into("#contact-department", "情報システム部")
        .await;
    browser
        .type_into("#contact-name-kana", "やまだ たろう")
        .await;
    browser
        .type_into("#contact-cc", "a@example.jp; ｂ＠ｅｘａｍｐｌｅ．ｊｐ")
        .await;
    journey::fill_contract(&browser, "PC-1414", &dates).await;
    journey::continue_on(&browser).await;
    browser.wait_for("#servers-0-model").await;
    journey::fill_server(&browser, 0, "ProLiant DL380 Gen10", "SGH123ABCD").await;
    journey::continue_on(&browser).await;
    browser.wait_for("#update-method").await;
    journey::choose_method(&browser, false).await;
    journey::continue_on(&browser).await;
    // Item 6: one term for each party (お客様 / 当社); item 8: no rule codes.
    let page = browser
        .wait_for_text("#acknowledgements", "お客様が行います")
        .await;
    assert!(page.contains("当社が責任を負わない"), "{page}");
    assert!(!page.contains("当社（お客様）"), "{page}");
    assert!(!page.contains("R15") && !page.contains("C3"), "{page}");
    journey::tick_everything(&browser).await;
    journey::continue_on(&browser).await;
    journey::fill_schedule(&browser, dates.work).await;
    journey::continue_on(&browser).await;
    let answers = browser
        .wait_for_text(".fw-summary-list", "情報システム部")
        .await;
    assert!(answers.contains("やまだ たろう"), "{answers}");
    assert!(answers.contains("a@example.jp, b@example.jp"), "{answers}");
    // The acknowledgements by count, without rule codes.
    assert!(
        !answers.contains("R12") && !answers.contains("C3"),
        "{answers}"
    );

    // No consent, no request: the privacy notice says why, with the desk's contact.
    let notice = browser
        .wait_for_text("[data-testid=privacy]", "個人情報の取扱い")
        .await;
    assert!(notice.contains("0120-555-014"), "{notice}");
    browser.click("[data-testid=submit]").await;
    browser
        .wait_for_text("#privacy-consent-error", "同意")
        .await;
    assert!(browser.title().await.starts_with("エラー: "));
    journey::submit(&browser).await;
    let reference = browser
        .wait_for_text("[data-testid=reference]", "FWU-")
        .await;
    let reference = reference.trim().to_owned();
    let token = browser.text_of("[data-testid=access-token]").await;
    browser.wait_for("[data-testid=copy-reference]").await;
    browser.wait_for("[data-testid=copy-token]").await;
    browser.wait_for("[data-testid=print]").await;
    browser
        .wait_for_text(
            "[data-testid=confirmation-work-date]",
            &format!("{} 22:00", format_date(dates.work, Lang::Ja)),
        )
        .await;

    // The status page in another browser: the reference in lower case, the key shown.
    let other = Browser::start("ja-JP").await;
    other.client.goto(&portal.url("/status")).await.unwrap();
    other
        .type_into("#status-reference", &reference.to_lowercase())
        .await;
    other.type_into("#status-token", token.trim()).await;
    let kind = other
        .wait_for("#status-token")
        .await
        .attr("type")
        .await
        .unwrap();
    assert_eq!(kind.as_deref(), Some("password"));
    other.click("#status-show-key").await;
    let kind = other
        .wait_for("#status-token")
        .await
        .attr("type")
        .await
        .unwrap();
    assert_eq!(kind.as_deref(), Some("text"));
    assert_eq!(other.value_of("#status-token").await, token.trim());
    other.click("[data-testid=lookup]").await;
    other
        .wait_for_text("[data-testid=status-result]", &reference)
        .await;
    // The preparation list from this browser, which never held the draft.
    other.click("[data-testid=status-to-preparation]").await;
    other.wait_for_text("main", "SGH123ABCD").await;
    other.close().await;
    browser.close().await;
}

/// Item 10 and item 14: a request sent on a day off is said to count from the next business
/// day, with why; the earliest date is said once. Item 12: the servers' error summary follows
/// the page (model before serial number) and names each server's row.
#[tokio::test(flavor = "multi_thread")]
async fn the_cutoff_is_explained_and_server_errors_name_their_row() {
    let dir = tempfile::TempDir::new().unwrap();
    let today = fwportal_core::calendar::to_jst(&chrono::Utc::now()).date_naive();
    let calendar = dir.path().join("calendar.txt");
    // Today closed, so whatever the hour a request now counts from the next business day.
    std::fs::write(&calendar, format!("closure {} 臨時休業\n", iso(today))).unwrap();
    let portal = Portal::start_with_calendar(&dir.path().join("portal.db"), &calendar);
    let browser = Browser::start("ja-JP").await;

    browser
        .client
        .goto(&portal.url("/request/schedule"))
        .await
        .unwrap();
    let why = browser
        .wait_for_text("[data-testid=received-why]", "翌営業日")
        .await;
    assert!(why.contains("17:30"), "{why}");
    assert_eq!(browser.count("[data-testid=earliest-valid]").await, 0);
    // ご連絡事項 takes several lines.
    browser.wait_for("textarea#notes").await;

    browser
        .client
        .goto(&portal.url("/request/servers"))
        .await
        .unwrap();
    browser.wait_for("#servers-0-model").await;
    browser.click("[data-testid=add-server]").await;
    browser.wait_for("#servers-1-model").await;
    journey::continue_on(&browser).await;
    let summary = browser
        .wait_for_text(".fw-error-summary", "サーバー 2")
        .await;
    let at = |needle: &str| {
        summary
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} not in {summary}"))
    };
    assert!(
        at("サーバー 1: サーバーのモデル名") < at("サーバー 1: シリアル番号"),
        "{summary}"
    );
    assert!(
        at("サーバー 1: シリアル番号") < at("サーバー 2: サーバーのモデル名"),
        "{summary}"
    );
    browser.close().await;
}
