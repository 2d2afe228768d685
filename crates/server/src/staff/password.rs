//! Staff passwords: a policy (length and zxcvbn strength) and argon2id hashes in the PHC string
//! format, so the parameters travel with each hash. A password is never logged or stored.

use std::sync::OnceLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

/// The shortest password accepted, in characters.
pub const MIN_LENGTH: usize = 12;
/// The longest, in bytes: hashing is deliberately slow, so unbounded input is refused.
pub const MAX_BYTES: usize = 1024;
/// zxcvbn's score (0–4) a password must reach: 3 is "safely unguessable" at 10^10 guesses.
pub const MIN_SCORE: u8 = 3;

/// Why a password is refused or cannot be handled.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("the password is shorter than {MIN_LENGTH} characters")]
    TooShort,
    #[error("the password is longer than {MAX_BYTES} bytes")]
    TooLong,
    #[error("the password is too easy to guess (strength {score} of 4, {MIN_SCORE} needed){hint}")]
    TooWeak { score: u8, hint: String },
    #[error("cannot hash the password: {0}")]
    Hash(String),
}

impl PasswordError {
    /// A code for machines.
    pub fn code(&self) -> &'static str {
        match self {
            PasswordError::TooShort => "password_too_short",
            PasswordError::TooLong => "password_too_long",
            PasswordError::TooWeak { .. } => "password_too_weak",
            PasswordError::Hash(_) => "password_hash_failed",
        }
    }
}

/// Checks a new password: long enough, not too long, and hard to guess. `user_inputs` (the
/// account's email and name) count as known words, so a password built from them is weak.
///
/// ```
/// use fwportal_server::staff::password::{check_policy, PasswordError};
/// assert_eq!(check_policy("short", &[]), Err(PasswordError::TooShort));
/// assert!(matches!(check_policy("password1234", &[]), Err(PasswordError::TooWeak { .. })));
/// assert_eq!(check_policy("correct horse battery staple 42", &[]), Ok(()));
/// ```
pub fn check_policy(password: &str, user_inputs: &[&str]) -> Result<(), PasswordError> {
    if password.len() > MAX_BYTES {
        return Err(PasswordError::TooLong);
    }
    if password.chars().count() < MIN_LENGTH {
        return Err(PasswordError::TooShort);
    }
    // zxcvbn matches each input as a whole word: give it the parts too ("hanako" of
    // "hanako.uketsuke@example.co.jp", each word of the name).
    let mut words: Vec<String> = Vec::new();
    for input in user_inputs {
        let input = input.to_lowercase();
        words.extend(
            input
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().count() >= 3)
                .map(str::to_owned),
        );
        words.push(input);
    }
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let entropy = zxcvbn::zxcvbn(password, &words);
    let score = u8::from(entropy.score());
    if score < MIN_SCORE {
        let hint = entropy
            .feedback()
            .and_then(|f| f.warning())
            .map(|w| format!(": {w}"))
            .unwrap_or_default();
        return Err(PasswordError::TooWeak { score, hint });
    }
    Ok(())
}

/// An argon2id hash (the crate's defaults: 19 MiB, 2 passes, OWASP's minimum) with a fresh
/// 16-byte salt.
pub fn hash(password: &str) -> Result<String, PasswordError> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| PasswordError::Hash(e.to_string()))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| PasswordError::Hash(e.to_string()))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| PasswordError::Hash(e.to_string()))
}

/// Whether `password` matches the stored hash. A corrupt hash matches nothing.
pub fn verify(password: &str, stored: &str) -> bool {
    if password.len() > MAX_BYTES {
        return false;
    }
    PasswordHash::new(stored)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash of a random password, made once: a sign-in with an unknown email is checked
/// against it, so it costs the same argon2 time as a known one and the answer's timing does
/// not tell which emails exist.
pub fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let mut random = [0u8; 24];
        // Without randomness the dummy is still a valid hash of a password nobody types.
        let _ = getrandom::fill(&mut random);
        let password: String = random.iter().map(|b| format!("{b:02x}")).collect();
        hash(&password).unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_differ_by_salt() {
        let a = hash("a long enough passphrase 77").unwrap();
        let b = hash("a long enough passphrase 77").unwrap();
        assert!(a.starts_with("$argon2id$"), "{a}");
        assert_ne!(a, b);
        assert!(verify("a long enough passphrase 77", &a));
        assert!(!verify("a long enough passphrase 78", &a));
        assert!(!verify("anything", "not a hash"));
    }

    #[test]
    fn dummy_hash_is_a_real_argon2id_hash() {
        assert!(dummy_hash().starts_with("$argon2id$"));
        assert!(!verify("", dummy_hash()));
    }
}
