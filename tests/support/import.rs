//! The import on the servers step, shared by the inventory and the firmware-analysis journeys:
//! the fixture files, opening the step, choosing files, taking the rows.

use std::path::PathBuf;

use super::browser::Browser;
use super::portal::Portal;

fn fixture(folder: &str, name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("crates/core/tests/fixtures")
        .join(folder)
        .join(name)
        .to_string_lossy()
        .into_owned()
}

/// A file of `crates/core/tests/fixtures/inventory` (iLO 4/5 and OA captures).
pub fn inventory_fixture(name: &str) -> String {
    fixture("inventory", name)
}

/// A file of `crates/core/tests/fixtures/firmware` (the DL360 and the Gen10 catalogue).
pub fn firmware_fixture(name: &str) -> String {
    fixture("firmware", name)
}

/// The DL360 Gen10's two iLO 5 files: its system (serial number JPE0360XYZ) and its firmware
/// inventory with DeviceClass and Targets.
pub fn dl360_files() -> [String; 2] {
    [
        firmware_fixture("dl360_gen10_system.json"),
        firmware_fixture("dl360_gen10_firmware_inventory.json"),
    ]
}

/// Goes to the servers step and waits for its import.
pub async fn open_servers_step(browser: &Browser, portal: &Portal) {
    browser
        .client
        .goto(&portal.url("/request/servers"))
        .await
        .expect("open the servers step");
    browser.wait_for("#servers-0-model").await;
    browser.wait_for("#inventory-files").await;
}

/// Chooses `files` in the import at once (chromedriver takes several files as lines of one
/// value).
pub async fn choose_files(browser: &Browser, files: &[String]) {
    browser
        .wait_for("#inventory-files")
        .await
        .send_keys(&files.join("\n"))
        .await
        .expect("choose the files");
}

/// "Fill in the server rows" with what the import read.
pub async fn use_imported(browser: &Browser) {
    browser.click("[data-testid=inventory-use]").await;
    browser.wait_for("[data-testid=inventory-used]").await;
}
