//! Reading the servers' own inventory in the browser (issue 8): the customer chooses two files
//! saved from an iLO 5 on the servers page, sees the server with its answer and each component
//! with its scope, and fills the server row with them; a third file dropped on the page adds a
//! second server; a text that is not an inventory is explained. Nothing is sent: the answers
//! are the draft's.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use support::axe::{axe_source, violations};
use support::browser::Browser;
use support::import::{
    choose_files, inventory_fixture as fixture, open_servers_step, use_imported,
};
use support::portal::Portal;

#[tokio::test(flavor = "multi_thread")]
async fn files_from_the_ilo_fill_the_server_rows() {
    let dir = tempfile::TempDir::new().unwrap();
    let portal = Portal::start(&dir.path().join("portal.db"));
    let browser = Browser::start("ja-JP").await;

    open_servers_step(&browser, &portal).await;
    choose_files(
        &browser,
        &[
            fixture("ilo5_computer_system.json"),
            fixture("ilo5_firmware_inventory_expanded.json"),
        ],
    )
    .await;

    let server = browser
        .wait_for_text("[data-testid=inventory-server-0]", "JPE1234ABC")
        .await;
    assert!(server.contains("ProLiant DL380 Gen10 Plus"), "{server}");
    assert!(server.contains("iLO 5"), "{server}");
    assert!(server.contains("2.55 Oct 01 2021"), "{server}");
    assert!(server.contains("対象"), "{server}");
    // Issue 14 item 8: the rule stays in the markup for the desk and tests, not in the words.
    assert!(!server.contains("(R8)"), "{server}");
    browser
        .wait_for("[data-testid=inventory-server-0] td[data-rule=R8]")
        .await;
    assert!(
        server.contains("ilo5_firmware_inventory_expanded.json"),
        "{server}"
    );
    browser
        .client
        .execute(
            "document.querySelector('[data-testid=inventory-server-0]').scrollIntoView()",
            vec![],
        )
        .await
        .unwrap();
    browser.screenshot("inventory-read").await;
    // The report (tables of components, the verdict, the buttons) passes the WCAG audit.
    let axe = axe_source();
    let found = violations(&browser, &axe).await;
    assert!(found.is_empty(), "axe-core violations: {found:#?}");

    use_imported(&browser).await;
    assert_eq!(
        browser.value_of("#servers-0-model").await,
        "ProLiant DL380 Gen10 Plus"
    );
    assert_eq!(
        browser.value_of("#servers-0-serial-number").await,
        "JPE1234ABC"
    );
    assert_eq!(
        browser.value_of("#servers-0-firmware-rom").await,
        "U46 v1.56 (11/29/2021)"
    );
    assert_eq!(
        browser.value_of("#servers-0-firmware-ilo").await,
        "2.55 Oct 01 2021"
    );
    // The rows are the draft's: they are still there after a reload, and can be corrected.
    browser.client.refresh().await.unwrap();
    browser.wait_for("#servers-0-model").await;
    assert_eq!(
        browser.value_of("#servers-0-serial-number").await,
        "JPE1234ABC"
    );

    // A file dropped on the drop zone (a real `drop` event carrying a File, as a file manager
    // sends it) is read the same way and adds the second server as a row of its own.
    browser
        .client
        .execute(
            r##"const json = JSON.stringify({
                    "@odata.type": "#ComputerSystem.v1_13_0.ComputerSystem",
                    "Model": "ProLiant DL360 Gen10", "SerialNumber": "JPE9999XYZ",
                    "BiosVersion": "U32 v2.60 (01/13/2022)"});
                const data = new DataTransfer();
                data.items.add(new File([json], "second-server.json", {type: "application/json"}));
                const zone = document.querySelector("[data-testid=inventory-drop]");
                zone.dispatchEvent(new DragEvent("dragover", {dataTransfer: data, bubbles: true, cancelable: true}));
                zone.dispatchEvent(new DragEvent("drop", {dataTransfer: data, bubbles: true, cancelable: true}));"##,
            vec![],
        )
        .await
        .expect("drop a file");
    let dropped = browser
        .wait_for_text("[data-testid=inventory-server-0]", "JPE9999XYZ")
        .await;
    assert!(dropped.contains("second-server.json"), "{dropped}");
    use_imported(&browser).await;
    assert_eq!(
        browser.value_of("#servers-0-serial-number").await,
        "JPE1234ABC"
    );
    assert_eq!(
        browser.value_of("#servers-1-serial-number").await,
        "JPE9999XYZ"
    );
    assert_eq!(
        browser.value_of("#servers-1-firmware-rom").await,
        "U32 v2.60 (01/13/2022)"
    );

    // Text that is not an inventory is explained, in the page's language.
    browser
        .type_into("#inventory-text", "Discovering data...Done")
        .await;
    browser.click("[data-testid=inventory-read-text]").await;
    let problems = browser.text_of("[data-testid=inventory-problems]").await;
    // Issue 14 item 9: the source is named in the page's language.
    assert!(problems.contains("貼り付けたテキスト"), "{problems}");
    assert!(!problems.contains("pasted text"), "{problems}");
    browser.click(".fw-language__option[lang=en]").await;
    browser
        .wait_for_text("[data-testid=inventory-problems]", "pasted text")
        .await;
    let found = violations(&browser, &axe).await;
    assert!(found.is_empty(), "axe-core violations: {found:#?}");

    browser.close().await;
    portal.stop();
}

/// A BladeSystem customer reads the whole enclosure from the Onboard Administrator's
/// `/xmldata?item=all`: each server blade becomes a row with its System ROM and iLO versions,
/// and the enclosure (its OA and interconnect firmware, R8) a row of its own.
#[tokio::test(flavor = "multi_thread")]
async fn the_onboard_administrators_xml_fills_a_row_per_blade() {
    let dir = tempfile::TempDir::new().unwrap();
    let portal = Portal::start(&dir.path().join("portal.db"));
    let browser = Browser::start("ja-JP").await;

    open_servers_step(&browser, &portal).await;
    choose_files(&browser, &[fixture("oa_xmldata_two_blades.xml")]).await;

    let first = browser
        .wait_for_text("[data-testid=inventory-server-0]", "CZ00TEST01")
        .await;
    assert!(first.contains("ProLiant BL460c Gen10"), "{first}");
    assert!(first.contains("I41 08/29/2019"), "{first}");
    let second = browser.text_of("[data-testid=inventory-server-1]").await;
    assert!(second.contains("CZ00TEST03"), "{second}");
    let enclosure = browser.text_of("[data-testid=inventory-server-2]").await;
    assert!(
        enclosure.contains("エンクロージャー: BladeSystem c7000 Enclosure G3 / CZ00TEST99"),
        "{enclosure}"
    );
    assert!(enclosure.contains("Mellanox SX1018HP"), "{enclosure}");
    // The storage blade is not a server; there are two blades and the enclosure.
    assert!(browser
        .client
        .find(fantoccini::Locator::Css("[data-testid=inventory-server-3]"))
        .await
        .is_err());

    // Issue 14 item 2: the customer chooses which blades to add; the second is left out.
    browser.click("#inventory-choose-1").await;
    use_imported(&browser).await;
    assert_eq!(
        browser.value_of("#servers-0-serial-number").await,
        "CZ00TEST01"
    );
    assert_eq!(
        browser.value_of("#servers-0-firmware-rom").await,
        "I41 08/29/2019"
    );
    assert_eq!(
        browser.value_of("#servers-0-firmware-ilo").await,
        "2.78 Apr 28 2023"
    );
    // The blade's Power Management Controller is carried, and shown.
    browser
        .wait_for_text("[data-testid=servers-0-other-firmware]", "1.0.7")
        .await;
    assert_eq!(
        browser.value_of("#servers-1-model").await,
        "BladeSystem c7000 Enclosure G3"
    );
    assert_eq!(
        browser.count("#servers-2-model").await,
        0,
        "CZ00TEST03 was left out"
    );
    // The enclosure row carries both OAs and the interconnects, as the report showed.
    let enclosure = browser
        .wait_for_text("[data-testid=servers-1-other-firmware]", "Mellanox")
        .await;
    assert_eq!(enclosure.matches("4.97").count(), 2, "{enclosure}");
    assert!(enclosure.contains("4.85"), "{enclosure}");

    browser.close().await;
    portal.stop();
}

/// The import's reader is a Web Worker of its own (issue 13): nothing of it is fetched until
/// the customer uses the import; a file of 5 MB is read off the page's thread with progress
/// shown; and when the reader cannot start, the customer is told so in the page's language and
/// every row already typed stays.
#[tokio::test(flavor = "multi_thread")]
async fn the_reader_loads_when_used_and_a_failure_keeps_the_rows() {
    let dir = tempfile::TempDir::new().unwrap();
    let portal = Portal::start(&dir.path().join("portal.db"));
    let browser = Browser::start("ja-JP").await;
    let worker_requests = r#"return performance.getEntriesByType("resource")
        .filter((e) => e.name.includes("inventory-worker")).length;"#;

    browser
        .client
        .goto(&portal.url("/request/servers"))
        .await
        .unwrap();
    browser
        .type_into("#servers-0-model", "ProLiant DL380 Gen10")
        .await;
    let fetched = browser
        .client
        .execute(worker_requests, vec![])
        .await
        .unwrap();
    assert_eq!(fetched, 0, "the reader is not fetched before it is used");

    // A file just under the 5 MB limit, dropped; a watcher records whether progress was shown
    // while the worker read it.
    browser
        .client
        .execute(
            r##"window.progressSeen = false;
                new MutationObserver(() => {
                    if (document.querySelector("[data-testid=inventory-progress] progress")) {
                        window.progressSeen = true;
                    }
                }).observe(document.body, {childList: true, subtree: true});
                const json = JSON.stringify({
                    "@odata.type": "#ComputerSystem.v1_13_0.ComputerSystem",
                    "Model": "ProLiant DL360 Gen10", "SerialNumber": "JPEBIG0001",
                    "BiosVersion": "U32 v2.60 (01/13/2022)",
                    "Oem": {"Padding": "x".repeat(5 * 1024 * 1024 - 1000)}});
                const data = new DataTransfer();
                data.items.add(new File([json], "large-system.json", {type: "application/json"}));
                const zone = document.querySelector("[data-testid=inventory-drop]");
                zone.dispatchEvent(new DragEvent("drop", {dataTransfer: data, bubbles: true, cancelable: true}));"##,
            vec![],
        )
        .await
        .expect("drop a large file");
    let server = browser
        .wait_for_text("[data-testid=inventory-server-0]", "JPEBIG0001")
        .await;
    assert!(server.contains("large-system.json"), "{server}");
    let seen = browser
        .client
        .execute("return window.progressSeen;", vec![])
        .await
        .unwrap();
    assert_eq!(seen, true, "progress is shown while the file is read");
    let fetched = browser
        .client
        .execute(worker_requests, vec![])
        .await
        .unwrap();
    // The page sees the worker's script; what the worker loads is in the worker's own list.
    assert!(
        fetched.as_u64().unwrap_or(0) >= 1,
        "the reader is fetched when used: {fetched}"
    );

    // The reader cannot start: its script does not load (an error on the Worker), or the
    // browser refuses to create it. Each time the customer reads why, and the rows stay.
    for (how, replacement) in [
        (
            "its script does not load",
            r#"const Real = window.Worker;
               window.Worker = class extends Real { constructor() { super("/no-such-worker.js"); } };"#,
        ),
        (
            "the browser refuses workers",
            r#"window.Worker = class { constructor() { throw new Error("refused by the test"); } };"#,
        ),
    ] {
        browser.client.refresh().await.unwrap();
        browser.wait_for("#inventory-files").await;
        browser.client.execute(replacement, vec![]).await.unwrap();
        choose_files(&browser, &[fixture("ilo5_computer_system.json")]).await;
        let message = browser
            .wait_for_text(
                "[data-testid=inventory-failed]",
                "入力済みの内容はそのまま残っています",
            )
            .await;
        assert!(message.contains("再読み込み"), "{how}: {message}");
        assert_eq!(
            browser.value_of("#servers-0-model").await,
            "ProLiant DL380 Gen10",
            "{how}"
        );
        assert!(
            browser
                .client
                .find(fantoccini::Locator::Css("[data-testid=inventory-progress]"))
                .await
                .is_err(),
            "{how}: no progress left waiting"
        );
    }
    browser.click(".fw-language__option[lang=en]").await;
    browser
        .wait_for_text(
            "[data-testid=inventory-failed]",
            "Everything you have typed is still there",
        )
        .await;

    browser.close().await;
    portal.stop();
}
