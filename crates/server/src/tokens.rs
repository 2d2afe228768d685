//! Access tokens: 256 random bits shown to the customer once, stored only as a SHA-256 hash.

use sha2::{Digest, Sha256};

/// A fresh token as 64 lowercase hex digits.
pub fn new_access_token() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(hex(&bytes))
}

/// SHA-256 of `data`.
pub fn sha256(data: &[u8]) -> Vec<u8> {
    Sha256::digest(data).to_vec()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Compares two hashes without an early exit, so the time taken says nothing of where they
/// differ.
pub fn same_hash(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_hex() {
        let a = new_access_token().unwrap();
        let b = new_access_token().unwrap();
        assert_eq!(a.len(), 64);
        assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }

    #[test]
    fn hash_comparison() {
        assert!(same_hash(&sha256(b"x"), &sha256(b"x")));
        assert!(!same_hash(&sha256(b"x"), &sha256(b"y")));
        assert!(!same_hash(b"ab", b"abc"));
    }
}
