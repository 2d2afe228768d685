//! The firmware analysis in the browser (issue 17): the customer drops HPE's fwrepo.json with
//! the DL360's iLO files, sees per server what the catalogue would change and the two-step
//! warning (C2), takes the catalogue's name as the target version on the version step; and
//! when the worker cannot start, the customer is told so and no analysis is made up.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::path::PathBuf;

use support::browser::Browser;
use support::portal::Portal;

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("crates/core/tests/fixtures/firmware")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_dropped_catalogue_shows_the_two_step_warning_and_names_the_target() {
    let dir = tempfile::TempDir::new().unwrap();
    let portal = Portal::start(&dir.path().join("portal.db"));
    let browser = Browser::start("ja-JP").await;

    browser
        .client
        .goto(&portal.url("/request/servers"))
        .await
        .unwrap();
    browser.wait_for("#servers-0-model").await;
    let files = format!(
        "{}\n{}\n{}",
        fixture("dl360_gen10_system.json"),
        fixture("dl360_gen10_firmware_inventory.json"),
        fixture("fwrepo_gen10.json"),
    );
    browser
        .wait_for("#inventory-files")
        .await
        .send_keys(&files)
        .await
        .expect("choose the files");

    let catalog = browser
        .wait_for_text("[data-testid=analysis-catalog]", "fwrepo_gen10.json")
        .await;
    assert!(catalog.contains("12"), "{catalog}");
    let warning = browser
        .wait_for_text(
            "[data-testid=analysis-two-step]",
            "HPE Smart Array P408i-a SR Gen10",
        )
        .await;
    assert!(
        warning.contains("2段階のアップデートが必要です"),
        "{warning}"
    );
    assert!(warning.contains("1.98 → 5.61"), "{warning}");
    let server = browser.text_of("[data-testid=analysis-JPE0360XYZ]").await;
    assert!(server.contains("電源断が必要です"), "{server}");
    assert!(server.contains("カタログにない"), "{server}");
    browser.screenshot("analysis-import").await;

    browser.click("[data-testid=inventory-use]").await;
    browser.wait_for("[data-testid=inventory-used]").await;

    // The version step shows the analysis from the draft, and takes the catalogue's name.
    browser
        .client
        .goto(&portal.url("/request/version"))
        .await
        .unwrap();
    browser.click("#update-method").await;
    let panel = browser
        .wait_for_text(
            "[data-testid=analysis-panel]",
            "HPE Smart Array P408i-a SR Gen10",
        )
        .await;
    assert!(panel.contains("2段階のアップデートが必要です"), "{panel}");
    browser.click("[data-testid=analysis-use-catalog]").await;
    assert_eq!(browser.value_of("#target-version").await, "fwrepo_gen10");
    // The analysis is the draft's: it is still there after a reload.
    browser.client.refresh().await.unwrap();
    browser
        .wait_for_text(
            "[data-testid=analysis-panel]",
            "HPE Smart Array P408i-a SR Gen10",
        )
        .await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn when_the_worker_fails_no_analysis_is_made_up() {
    let dir = tempfile::TempDir::new().unwrap();
    let portal = Portal::start(&dir.path().join("portal.db"));
    let browser = Browser::start("en-US").await;
    browser
        .client
        .goto(&portal.url("/request/servers"))
        .await
        .unwrap();
    browser.wait_for("#inventory-files").await;
    browser
        .client
        .execute(
            r#"window.Worker = class { constructor() { throw new Error("refused by the test"); } };"#,
            vec![],
        )
        .await
        .unwrap();
    let files = format!(
        "{}\n{}",
        fixture("dl360_gen10_firmware_inventory.json"),
        fixture("fwrepo_gen10.json"),
    );
    browser
        .wait_for("#inventory-files")
        .await
        .send_keys(&files)
        .await
        .expect("choose the files");
    browser.wait_for("[data-testid=inventory-failed]").await;
    let found = browser
        .client
        .execute(
            "return document.querySelectorAll('[data-testid=analysis], [data-testid=analysis-catalog]').length;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(found, 0, "no catalogue and no analysis without the worker");
    browser.close().await;
}
