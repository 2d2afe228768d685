//! The second factor: TOTP (RFC 6238) with SHA-1, 6 digits and 30-second steps, as every
//! authenticator app reads an `otpauth://` URI. A code is accepted one step either side of
//! now (clock drift), and only once: the caller remembers the last step used.

use totp_rs::{Algorithm, Secret, TOTP};

pub const DIGITS: usize = 6;
pub const STEP_SECS: u64 = 30;
/// The issuer shown in the authenticator app.
pub const ISSUER: &str = "fwportal-desk";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TotpError {
    #[error("cannot make a TOTP secret: {0}")]
    Random(String),
    #[error("the stored TOTP secret is unusable: {0}")]
    Secret(String),
}

/// 160 random bits (RFC 4226's recommended length), base32 as stored and shown.
pub fn new_secret() -> Result<String, TotpError> {
    let mut bytes = vec![0u8; 20];
    getrandom::fill(&mut bytes).map_err(|e| TotpError::Random(e.to_string()))?;
    Ok(Secret::Raw(bytes).to_encoded().to_string())
}

fn totp(secret: &str, account: &str) -> Result<TOTP, TotpError> {
    let bytes = Secret::Encoded(secret.to_owned())
        .to_bytes()
        .map_err(|e| TotpError::Secret(format!("{e:?}")))?;
    TOTP::new(
        Algorithm::SHA1,
        DIGITS,
        1,
        STEP_SECS,
        bytes,
        Some(ISSUER.to_owned()),
        account.to_owned(),
    )
    .map_err(|e| TotpError::Secret(e.to_string()))
}

/// The `otpauth://totp/…` URI an authenticator app scans or imports.
pub fn uri(secret: &str, account: &str) -> Result<String, TotpError> {
    totp(secret, account).map(|t| t.get_url())
}

/// The code for the step containing `unix_secs` (for tests and tools).
pub fn code_at(secret: &str, unix_secs: u64) -> Result<String, TotpError> {
    totp(secret, "account").map(|t| t.generate(unix_secs))
}

/// The 30-second step `code` belongs to, looking one step either side of `unix_secs`; `None`
/// when it matches none. Every candidate is compared, without an early exit.
pub fn matching_step(secret: &str, code: &str, unix_secs: u64) -> Option<u64> {
    let totp = totp(secret, "account").ok()?;
    let code = code.trim();
    if code.len() != DIGITS || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let now = unix_secs / STEP_SECS;
    let mut found = None;
    for step in [now.saturating_sub(1), now, now + 1] {
        let expected = totp.generate(step * STEP_SECS);
        if crate::tokens::same_hash(expected.as_bytes(), code.as_bytes()) && found.is_none() {
            found = Some(step);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 appendix B, SHA-1: the secret "12345678901234567890", 8 digits there; the
    /// last 6 digits are the 6-digit code.
    #[test]
    fn rfc6238_vectors() {
        let secret = Secret::Raw(b"12345678901234567890".to_vec())
            .to_encoded()
            .to_string();
        for (time, eight) in [
            (59u64, "94287082"),
            (1111111109, "07081804"),
            (1234567890, "89005924"),
            (2000000000, "69279037"),
        ] {
            assert_eq!(code_at(&secret, time).unwrap(), eight[2..]);
        }
    }

    #[test]
    fn a_code_matches_its_step_and_neighbours_only() {
        let secret = new_secret().unwrap();
        let t = 1_800_000_000u64;
        let code = code_at(&secret, t).unwrap();
        assert_eq!(matching_step(&secret, &code, t), Some(t / 30));
        assert_eq!(matching_step(&secret, &code, t + 30), Some(t / 30));
        assert_eq!(matching_step(&secret, &code, t - 30), Some(t / 30));
        assert_eq!(matching_step(&secret, &code, t + 90), None);
        assert_eq!(matching_step(&secret, "12345", t), None);
        assert_eq!(matching_step(&secret, "abcdef", t), None);
    }

    #[test]
    fn the_uri_carries_issuer_account_and_secret() {
        let secret = new_secret().unwrap();
        let uri = uri(&secret, "desk@example.co.jp").unwrap();
        assert!(uri.starts_with("otpauth://totp/"), "{uri}");
        assert!(uri.contains(&format!("secret={secret}")), "{uri}");
        assert!(uri.contains("issuer=fwportal-desk"), "{uri}");
    }
}
