//! The staff password policy as a table: length first, then zxcvbn's strength (score 3 of 4
//! at least), with the account's own email and name counted as known words.

use fwportal_server::staff::password::{check_policy, hash, verify, PasswordError, MIN_LENGTH};

#[test]
fn password_policy_table() {
    let email = "hanako.uketsuke@example.co.jp";
    let name = "Hanako Uketsuke";
    let too_weak = "password_too_weak";
    let cases: &[(&str, Result<(), &str>)] = &[
        ("", Err("password_too_short")),
        ("Tr0ub4dor&3", Err("password_too_short")), // 11 characters, however mixed
        ("パスワード短い", Err("password_too_short")), // counted in characters, not bytes
        ("password1234", Err(too_weak)),
        ("123456789012", Err(too_weak)),
        ("aaaaaaaaaaaaaaaa", Err(too_weak)),
        ("qwertyuiopasdf", Err(too_weak)),
        ("Hanako Uketsuke", Err(too_weak)), // the account's own name
        ("hanako.uketsuke@example.co.jp", Err(too_weak)), // its email
        ("uketsukehanako", Err(too_weak)),  // words of them
        ("correct horse battery staple 42", Ok(())),
        ("vK9#pL2$wQ7!", Ok(())), // 12 random characters
        ("富士山の頂上で朝日を見たい2027", Ok(())),
    ];
    for (password, expected) in cases {
        let got = check_policy(password, &[email, name]).map_err(|e| e.code());
        assert_eq!(&got, expected, "{password:?}");
    }
    assert_eq!(
        check_policy(&"x".repeat(1025), &[]),
        Err(PasswordError::TooLong)
    );
    assert_eq!(MIN_LENGTH, 12);
}

#[test]
fn a_weak_password_says_why_without_repeating_it() {
    let error = check_policy("password1234", &[]).unwrap_err();
    let message = error.to_string();
    assert!(message.contains("too easy to guess"), "{message}");
    assert!(!message.contains("password1234"), "{message}");
}

#[test]
fn argon2id_hashes_carry_their_parameters() {
    let stored = hash("correct horse battery staple 42").unwrap();
    assert!(
        stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "{stored}"
    );
    assert!(verify("correct horse battery staple 42", &stored));
    assert!(!verify("correct horse battery staple 43", &stored));
}
