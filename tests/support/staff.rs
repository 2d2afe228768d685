//! The desk's staff member for the browser journeys: added with the real `fwportal staff add`
//! CLI, signed in with the TOTP code an authenticator app would show.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use super::browser::Browser;
use super::portal::binary;

pub const EMAIL: &str = "desk@example.jp";
pub const PASSWORD: &str = "purple elephant ladder 1987 quietly";

/// `fwportal staff add … --password-stdin`; returns the otpauth URI it prints once.
pub fn add_staff(database: &Path) -> String {
    let mut child = Command::new(binary())
        .args(["staff", "add", "--database"])
        .arg(database)
        .args(["--email", EMAIL, "--name", "山田 花子", "--role", "desk"])
        .arg("--password-stdin")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run fwportal staff add");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(format!("{PASSWORD}\n").as_bytes())
        .expect("write the password");
    let out = child.wait_with_output().expect("staff add finishes");
    assert!(
        out.status.success(),
        "staff add failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let uri = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    assert!(uri.starts_with("otpauth://totp/"), "{uri}");
    uri
}

/// What the authenticator app shows now.
pub fn code(uri: &str) -> String {
    totp_rs::TOTP::from_url(uri)
        .expect("a TOTP URI")
        .generate_current()
        .expect("a code")
}

/// Signs the staff member in at `/desk/sign-in` with the code the authenticator shows now.
pub async fn sign_in(browser: &Browser, base: &str, uri: &str) {
    browser
        .client
        .goto(&format!("{base}/desk/sign-in"))
        .await
        .expect("open the desk's sign-in");
    browser.type_into("#email", EMAIL).await;
    browser.type_into("#password", PASSWORD).await;
    browser.type_into("#code", &code(uri)).await;
    browser.click("[data-testid=sign-in]").await;
    browser.wait_for("[data-testid=signed-in]").await;
}
