//! The firmware analysis in the browser (issue 17): the customer drops HPE's fwrepo.json with
//! the DL360's iLO files, sees per server what the catalogue would change and the two-step
//! warning (C2), takes the catalogue's name as the target version on the version step; picking
//! one of the operator's catalogues there analyses the import again against it; the desk reads
//! the analysis a request carries (counts, two-step, restart and power-off, R12); and when the
//! worker cannot start, the customer is told so and no analysis is made up.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::path::Path;

use fwportal_core::firmware::analysis::analyse_report;
use fwportal_core::firmware::parse_catalog;
use fwportal_core::inventory::{merge, parse_named};
use fwportal_core::request::AnalysisDraft;
use serde_json::{json, Value};
use support::browser::Browser;
use support::import::{
    choose_files, dl360_files, firmware_fixture, open_servers_step, use_imported,
};
use support::journey::{iso, Dates};
use support::portal::Portal;
use support::staff::{self, add_staff};

/// The version step with "SPP" chosen, where the analysis panel is.
async fn open_version_step(browser: &Browser, portal: &Portal) {
    browser
        .client
        .goto(&portal.url("/request/version"))
        .await
        .unwrap();
    browser.click("#update-method").await;
    browser.wait_for("[data-testid=analysis-panel]").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_dropped_catalogue_shows_the_two_step_warning_and_names_the_target() {
    let dir = tempfile::TempDir::new().unwrap();
    let portal = Portal::start(&dir.path().join("portal.db"));
    let browser = Browser::start("ja-JP").await;

    open_servers_step(&browser, &portal).await;
    let [system, firmware] = dl360_files();
    choose_files(
        &browser,
        &[system, firmware, firmware_fixture("fwrepo_gen10.json")],
    )
    .await;

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

    use_imported(&browser).await;

    // The version step shows the analysis from the draft, and takes the catalogue's name.
    open_version_step(&browser, &portal).await;
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

/// The operator's folder: the Gen10 catalogue as "SPP 2025.07.00.00", and a small repository
/// index that holds only the Smart Array's installed 1.98.
fn operator_catalogs(dir: &Path) -> std::path::PathBuf {
    let catalogs = dir.join("catalogs");
    std::fs::create_dir_all(&catalogs).unwrap();
    std::fs::copy(
        firmware_fixture("fwrepo_gen10.json"),
        catalogs.join("SPP 2025.07.00.00.json"),
    )
    .unwrap();
    std::fs::write(
        catalogs.join("Gen10 repository.json"),
        json!({"HPE_SR_Gen10_1.98.fwpkg": {
            "version": "1.98", "date": "20210301",
            "description": "HPE Smart Array SR Gen10 firmware",
            "deviceclass": "a6b1a447-382a-5a4f-a4d0-1c3a2a5a5a01",
            "target": ["00000000-0000-0000-0000-000000001002"],
            "reboot_required": "yes", "server_power_off": "no",
            "minimum_active_version": "null"}})
        .to_string(),
    )
    .unwrap();
    catalogs
}

/// The row of a component in the version step's panel.
async fn panel_row(browser: &Browser, name: &str) -> (String, String) {
    let row = browser
        .client
        .execute(
            "const li = [...document.querySelectorAll('[data-testid=analysis-panel] li[data-action]')]
                .find((li) => li.textContent.startsWith(arguments[0]));
             return li ? [li.dataset.action, li.textContent] : null;",
            vec![json!(name)],
        )
        .await
        .unwrap();
    let pair: (String, String) =
        serde_json::from_value(row).unwrap_or_else(|_| panic!("no row for {name}"));
    pair
}

#[tokio::test(flavor = "multi_thread")]
async fn c1_picking_an_operator_catalogue_analyses_the_import_against_it() {
    let dir = tempfile::TempDir::new().unwrap();
    let catalogs = operator_catalogs(dir.path());
    let portal = Portal::start_with_args(
        &dir.path().join("portal.db"),
        &["--catalogs".into(), catalogs.to_string_lossy().into_owned()],
    );
    let browser = Browser::start("ja-JP").await;

    // Nothing imported yet: the name is taken, and the panel says how to get an analysis.
    open_version_step(&browser, &portal).await;
    browser
        .wait_for_text(
            "[data-testid=analysis-operator-catalogs]",
            "SPP 2025.07.00.00",
        )
        .await;
    browser
        .click("[data-testid=analysis-operator-catalogs] li:nth-child(2) button")
        .await;
    assert_eq!(
        browser.value_of("#target-version").await,
        "SPP 2025.07.00.00"
    );
    let panel = browser.text_of("[data-testid=analysis-panel]").await;
    assert!(panel.contains("iLO のファイルを読み込んでから"), "{panel}");
    assert_eq!(browser.count("[data-testid=analysis]").await, 0);

    // The DL360's iLO files, without a catalogue: rows, no analysis.
    open_servers_step(&browser, &portal).await;
    choose_files(&browser, &dl360_files()).await;
    browser
        .wait_for_text("[data-testid=inventory-server-0]", "JPE0360XYZ")
        .await;
    use_imported(&browser).await;
    // Kept beside the draft: what the analysis matches by (the IPAD's DeviceClass).
    let kept = browser
        .client
        .execute("return localStorage.getItem('fwportal.inventory');", vec![])
        .await
        .unwrap();
    let kept = kept.as_str().expect("the inventory is kept");
    assert!(
        kept.contains("b8f46d06-85db-465c-94fb-d106e61378ed"),
        "{kept}"
    );
    assert!(kept.contains("JPE0360XYZ"), "{kept}");
    open_version_step(&browser, &portal).await;
    assert_eq!(browser.count("[data-testid=analysis]").await, 0);

    // The small repository: the Smart Array is current there, nothing asks for two steps.
    browser
        .wait_for_text(
            "[data-testid=analysis-operator-catalogs]",
            "Gen10 repository",
        )
        .await;
    browser
        .click("[data-testid=analysis-operator-catalogs] li:nth-child(1) button")
        .await;
    browser
        .wait_for_text("[data-testid=analysis]", "Gen10 repository")
        .await;
    let (action, _) = panel_row(&browser, "HPE Smart Array P408i-a SR Gen10").await;
    assert_eq!(action, "current");
    assert_eq!(browser.count("[data-testid=analysis-two-step]").await, 0);
    assert_eq!(
        browser.value_of("#target-version").await,
        "Gen10 repository"
    );

    // The SPP: the Smart Array is now an update that needs an intermediate step (C2), and
    // the CPLD's package powers the server off (R12).
    browser
        .click("[data-testid=analysis-operator-catalogs] li:nth-child(2) button")
        .await;
    browser
        .wait_for_text("[data-testid=analysis]", "SPP 2025.07.00.00")
        .await;
    let (action, text) = panel_row(&browser, "HPE Smart Array P408i-a SR Gen10").await;
    assert_eq!(action, "update", "{text}");
    assert!(text.contains("1.98 → 5.61"), "{text}");
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
    let server = browser.text_of("[data-testid=analysis-JPE0360XYZ]").await;
    assert!(server.contains("電源断が必要です"), "{server}");
    assert_eq!(
        browser.value_of("#target-version").await,
        "SPP 2025.07.00.00"
    );
    browser.screenshot("analysis-operator-catalogue").await;

    // The draft keeps it, marked as the operator's, for the request to carry.
    browser.client.refresh().await.unwrap();
    browser
        .wait_for_text("[data-testid=analysis-two-step]", "HPE Smart Array")
        .await;
    let saved = browser
        .client
        .execute(
            "return JSON.parse(localStorage.getItem('fwportal.draft')).draft.analysis;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(saved["catalog"], "SPP 2025.07.00.00");
    assert_eq!(saved["operator"], true);
    browser.close().await;
}

/// A request for the DL360 carrying its analysis against the Gen10 catalogue, as the app
/// sends it.
fn request_with_analysis(dates: &Dates, contract: &str) -> Value {
    let read = |name: &str| std::fs::read_to_string(firmware_fixture(name)).unwrap();
    let catalog = parse_catalog("fwrepo_gen10.json", &read("fwrepo_gen10.json"));
    let inventory = merge([
        parse_named("system.json", &read("dl360_gen10_system.json")),
        parse_named("fw.json", &read("dl360_gen10_firmware_inventory.json")),
    ]);
    let analysis =
        AnalysisDraft::from_report("fwrepo_gen10", &analyse_report(&catalog, &inventory));
    json!({
        "kind": "update_work",
        "contact": {"company": "株式会社サンプル", "name": "山田 太郎",
            "email": "yamada@example.co.jp", "phone": "03-1234-5678"},
        "contract": {"number": contract, "support_level": "proactive_care",
            "proactive_care_start": iso(dates.pc_start), "proactive_care_end": iso(dates.pc_end),
            "option_start": iso(dates.option_start), "option_end": iso(dates.option_end)},
        "servers": [{"model": "ProLiant DL360 Gen10", "serial_number": "JPE0360XYZ",
            "firmware": [{"name": "iLO", "version": "2.55 Oct 01 2021"}]}],
        "update_method": "spp",
        "target_version": "fwrepo_gen10",
        "work_date": iso(dates.work),
        "work_start_time": "09:00",
        "site_address": "東京都江東区有明1-2-3",
        "acknowledgements": ["R9", "R12", "R13", "R14", "R15", "R16", "C3", "C4", "C5"],
        "privacy_consent": true,
        "analysis": analysis,
    })
}

#[tokio::test(flavor = "multi_thread")]
async fn c2_r12_the_desk_reads_the_analysis_a_request_carries() {
    let dir = tempfile::TempDir::new().unwrap();
    let database = dir.path().join("portal.db");
    let uri = add_staff(&database);
    let catalogs = operator_catalogs(dir.path());
    let portal = Portal::start_with_args(
        &database,
        &["--catalogs".into(), catalogs.to_string_lossy().into_owned()],
    );
    let http = reqwest::Client::new();
    let body = request_with_analysis(&Dates::now(), "PC-ANALYSIS-17");
    let reference = submit(&http, &portal, &body).await;

    let browser = Browser::start("ja-JP").await;
    staff::sign_in(&browser, &portal.base_url, &uri).await;
    browser
        .client
        .goto(&portal.url(&format!("/desk/requests/{reference}")))
        .await
        .unwrap();
    browser
        .wait_for_text("[data-testid=analysis-catalog]", "fwrepo_gen10")
        .await;
    let server = browser
        .wait_for_text("[data-testid=analysis-JPE0360XYZ]", "JPE0360XYZ")
        .await;

    // The per-server counts: the desk's, from the rows it received, against core's own.
    let rows = body["analysis"]["servers"][0]["components"]
        .as_array()
        .unwrap();
    let count = |action: &str| rows.iter().filter(|r| r["action"] == action).count();
    let counts = format!(
        "{} / {} / {} / {} / {}",
        count("update"),
        count("current"),
        count("newer_installed"),
        count("not_in_catalog"),
        count("unknown")
    );
    assert!(
        count("update") >= 5 && count("not_in_catalog") >= 1,
        "{counts}"
    );
    assert!(
        server.contains(&format!(
            "更新 / 最新 / 新しい / カタログにない / 判定できない: {counts}"
        )),
        "{server}"
    );

    // The two-step warning, the restart and the power-off, on their rows.
    let row = |name: &'static str| {
        let browser = &browser;
        async move {
            let text = browser
                .client
                .execute(
                    "const tr = [...document.querySelectorAll('[data-testid=analysis-JPE0360XYZ] tr')]
                        .find((tr) => tr.cells[0] && tr.cells[0].textContent.startsWith(arguments[0]));
                     return tr ? tr.textContent : null;",
                    vec![json!(name)],
                )
                .await
                .unwrap();
            text.as_str()
                .unwrap_or_else(|| panic!("no row for {name}"))
                .to_owned()
        }
    };
    let smart_array = row("HPE Smart Array P408i-a SR Gen10").await;
    assert!(
        smart_array.contains("2段階アップデート（C2）"),
        "{smart_array}"
    );
    assert!(smart_array.contains("再起動"), "{smart_array}");
    assert!(smart_array.contains("5.61"), "{smart_array}");
    let cpld = row("System Programmable Logic Device").await;
    assert!(cpld.contains("電源断（R12）"), "{cpld}");
    let ilo = row("iLO 5").await;
    assert!(!ilo.contains("2段階"), "{ilo}");
    // A dropped catalogue: the server never saw it, so nothing says it was checked.
    assert_eq!(browser.count("[data-testid=analysis-operator]").await, 0);
    browser.screenshot("analysis-desk").await;

    // Another request, analysed by the server against the desk's "SPP 2025.07.00.00": the
    // desk says so, and the figures are the same catalogue's.
    let kept = {
        let read = |name: &str| std::fs::read_to_string(firmware_fixture(name)).unwrap();
        let report = merge([
            parse_named("system.json", &read("dl360_gen10_system.json")),
            parse_named("fw.json", &read("dl360_gen10_firmware_inventory.json")),
        ]);
        fwportal_core::firmware::imported::ImportedInventory::from_report(&report, |_| true)
    };
    let analysis: Value = http
        .post(portal.url("/api/catalogs/SPP%202025.07.00.00/analysis"))
        .json(&kept)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let mut body = request_with_analysis(&Dates::now(), "PC-ANALYSIS-18");
    body["target_version"] = json!("SPP 2025.07.00.00");
    body["analysis"] = analysis;
    let reference = submit(&http, &portal, &body).await;
    browser
        .client
        .goto(&portal.url(&format!("/desk/requests/{reference}")))
        .await
        .unwrap();
    browser
        .wait_for_text("[data-testid=analysis-catalog]", "SPP 2025.07.00.00")
        .await;
    browser
        .wait_for_text("[data-testid=analysis-operator]", "サポート窓口のカタログ")
        .await;
    let server = browser.text_of("[data-testid=analysis-JPE0360XYZ]").await;
    assert!(server.contains(&counts), "{server}");
    let smart_array = row("HPE Smart Array P408i-a SR Gen10").await;
    assert!(
        smart_array.contains("2段階アップデート（C2）"),
        "{smart_array}"
    );
    browser.close().await;
}

/// Submits `body` through the intake API; its reference.
async fn submit(http: &reqwest::Client, portal: &Portal, body: &Value) -> String {
    let response = http
        .post(portal.url("/api/requests"))
        .header("Idempotency-Key", uuid::Uuid::new_v4().to_string())
        .json(body)
        .send()
        .await
        .unwrap();
    let status = response.status();
    let created: Value = response.json().await.unwrap();
    assert_eq!(status, 201, "{created}");
    created["reference"].as_str().unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn when_the_worker_fails_no_analysis_is_made_up() {
    let dir = tempfile::TempDir::new().unwrap();
    let portal = Portal::start(&dir.path().join("portal.db"));
    let browser = Browser::start("en-US").await;
    open_servers_step(&browser, &portal).await;
    browser
        .client
        .execute(
            r#"window.Worker = class { constructor() { throw new Error("refused by the test"); } };"#,
            vec![],
        )
        .await
        .unwrap();
    choose_files(
        &browser,
        &[
            firmware_fixture("dl360_gen10_firmware_inventory.json"),
            firmware_fixture("fwrepo_gen10.json"),
        ],
    )
    .await;
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
