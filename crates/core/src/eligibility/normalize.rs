//! Turning the model text a customer types, or an iLO reports, into one canonical form.
//!
//! The same server reaches us as `HPE ProLiant DL380 Gen10 Plus`, `ＰｒｏＬｉａｎｔ　ＤＬ３８０`,
//! `proliant dl 380 gen10+` or `HP ProLiant DL380p Gen8`. Classification (R8, R10, R11) must
//! not depend on which of these was typed, so it only ever looks at [`normalize_model`]'s
//! output, cut into [`tokens`].

use crate::request::fields::to_half_width;

/// Short series prefixes that customers often separate from their number (`DL 380`,
/// `Gen 10`); joined back so that `DL 380` and `DL380` are one token.
const JOIN_BEFORE_DIGIT: &[&str] = &["dl", "ml", "bl", "xl", "sl", "rx", "rp", "el", "gen"];

/// Prefixes joined only to a number made of digits alone (`c 7000`, `HP 9000`): `c` and `hp`
/// are too common to glue to anything else.
const JOIN_BEFORE_NUMBER: &[&str] = &["c", "hp"];

/// Vendor names that say nothing about the product. `HP 9000` is a product name, so `hp` is
/// joined to `9000` before prefixes are stripped and survives as `hp9000`.
const VENDOR_PREFIXES: &[&[&str]] = &[
    &["hewlett", "packard", "enterprise"],
    &["hewlett-packard", "enterprise"],
    &["hewlett", "packard"],
    &["hewlett-packard"],
    &["hpe"],
    &["hp"],
];

/// The canonical form of a product's model text.
///
/// Full-width characters become half-width, ASCII letters lower case, `+` becomes ` plus`
/// (`Gen10+` is `Gen10 Plus`), punctuation other than `-`, `/` and `.` becomes a space, runs of
/// space collapse, split series numbers are joined (`DL 380` → `dl380`, `Gen 10` → `gen10`),
/// and a leading `HP`/`HPE`/`Hewlett Packard Enterprise` is dropped, unless it is all there
/// is. The function is idempotent: normalising its output changes nothing.
///
/// ```
/// use fwportal_core::eligibility::normalize_model;
/// assert_eq!(normalize_model("HPE ProLiant DL380 Gen10 Plus"), "proliant dl380 gen10 plus");
/// assert_eq!(normalize_model("ＰｒｏＬｉａｎｔ　ＤＬ３８０"), "proliant dl380");
/// assert_eq!(normalize_model("  hp  ProLiant dl 380 Gen10+ "), "proliant dl380 gen10 plus");
/// assert_eq!(normalize_model("HP 9000 rp3440"), "hp9000 rp3440");
/// let once = normalize_model("ProLiant® BL460c Gen9");
/// assert_eq!(normalize_model(&once), once);
/// ```
pub fn normalize_model(text: &str) -> String {
    let half: String = text.chars().map(to_half_width).collect();
    // "ProLiant(R)" is how trademarks are typed where `®` is not at hand.
    let half = ["(R)", "(r)", "(TM)", "(tm)", "(Tm)"]
        .iter()
        .fold(half, |s, mark| s.replace(mark, " "));
    let mut spaced = String::with_capacity(half.len());
    for c in half.chars() {
        match c {
            '+' => spaced.push_str(" plus "),
            '-' | '/' | '.' => spaced.push(c),
            c if c.is_alphanumeric() => spaced.push(c.to_ascii_lowercase()),
            _ => spaced.push(' '),
        }
    }
    let words: Vec<&str> = spaced
        .split(' ')
        // A lone `-` between words ("DL380 - Gen10") carries nothing.
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect();
    let mut words = join_series(words.into_iter().map(str::to_owned).collect());
    strip_vendor(&mut words);
    words.join(" ")
}

/// The words of a normalised model cut further at `-`, `/` and `.`, with split series numbers
/// joined again (`dl-380` → `dl380`). This is what the classifiers match on.
///
/// ```
/// use fwportal_core::eligibility::normalize::tokens;
/// assert_eq!(tokens("virtual connect flexfabric-20/40 f8"),
///            ["virtual", "connect", "flexfabric", "20", "40", "f8"]);
/// assert_eq!(tokens("dl-380 gen10"), ["dl380", "gen10"]);
/// ```
pub fn tokens(normalized: &str) -> Vec<String> {
    let parts = normalized
        .split(|c: char| !c.is_alphanumeric())
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect();
    join_series(parts)
}

fn join_series(words: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    for word in words {
        let joinable = out.last().is_some_and(|prev| {
            let starts_with_digit = word.starts_with(|c: char| c.is_ascii_digit());
            let all_digits = !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit());
            (JOIN_BEFORE_DIGIT.contains(&prev.as_str()) && starts_with_digit)
                || (JOIN_BEFORE_NUMBER.contains(&prev.as_str()) && all_digits)
        });
        match out.last_mut() {
            Some(prev) if joinable => prev.push_str(&word),
            _ => out.push(word),
        }
    }
    out
}

fn strip_vendor(words: &mut Vec<String>) {
    loop {
        let prefix = VENDOR_PREFIXES.iter().find(|prefix| {
            words.len() > prefix.len() && prefix.iter().zip(words.iter()).all(|(p, w)| p == w)
        });
        match prefix {
            Some(prefix) => {
                words.drain(..prefix.len());
            }
            None => return,
        }
    }
}

/// The words of a normalised model or component name, with the questions the classifiers
/// ask of them.
pub(crate) struct Tokens(Vec<String>);

impl Tokens {
    /// Normalises `text` and splits it into words.
    pub(crate) fn of(text: &str) -> Tokens {
        Tokens(tokens(&normalize_model(text)))
    }

    pub(crate) fn has(&self, word: &str) -> bool {
        self.0.iter().any(|t| t == word)
    }

    pub(crate) fn has_any(&self, words: &[&str]) -> bool {
        words.iter().any(|w| self.has(w))
    }

    pub(crate) fn seq(&self, words: &[&str]) -> bool {
        self.0
            .windows(words.len())
            .any(|w| w.iter().zip(words).all(|(a, b)| a == b))
    }

    /// The word that follows the first `word`, if any.
    pub(crate) fn after(&self, word: &str) -> Option<&str> {
        let i = self.0.iter().position(|t| t == word)?;
        self.0.get(i + 1).map(String::as_str)
    }

    pub(crate) fn any(&self, pred: impl Fn(&str) -> bool) -> bool {
        self.0.iter().any(|t| pred(t))
    }

    /// A series code: `prefix` followed by a digit (`dl380a`, `rx2800`, `el8000`).
    pub(crate) fn code(&self, prefix: &str) -> bool {
        self.any(|t| is_code(t, prefix))
    }

    /// A word made of `prefix` and a single word, or of the two words in a row
    /// (`convergedsystem`, `converged system`).
    pub(crate) fn compound(&self, first: &str, second: &str) -> bool {
        self.has(&format!("{first}{second}")) || self.seq(&[first, second])
    }
}

pub(crate) fn is_code(token: &str, prefix: &str) -> bool {
    token
        .strip_prefix(prefix)
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r8_normalisation_table() {
        let cases = [
            ("HPE ProLiant DL380 Gen10 Plus", "proliant dl380 gen10 plus"),
            ("ProLiant BL460c Gen9", "proliant bl460c gen9"),
            ("DL360 Gen11", "dl360 gen11"),
            ("ＰｒｏＬｉａｎｔ　ＤＬ３８０", "proliant dl380"),
            ("HP ProLiant ML350p Gen8", "proliant ml350p gen8"),
            ("Hewlett Packard Enterprise ProLiant DL20", "proliant dl20"),
            ("Hewlett-Packard ProLiant DL 360 G7", "proliant dl360 g7"),
            ("HPE HP DL380", "dl380"),
            ("HP 9000 rp3440", "hp9000 rp3440"),
            ("HP9000 rp3440", "hp9000 rp3440"),
            ("BladeSystem c 7000", "bladesystem c7000"),
            ("ProLiant DL380 - Gen10", "proliant dl380 gen10"),
            (
                "Virtual Connect FlexFabric-20/40 F8",
                "virtual connect flexfabric-20/40 f8",
            ),
            ("ProLiant(R) DL380 Gen10+", "proliant dl380 gen10 plus"),
            ("HPE", "hpe"),
            ("", ""),
            ("　\t ", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(normalize_model(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn r8_tokens_join_split_series_numbers() {
        assert_eq!(tokens("dl-380"), ["dl380"]);
        assert_eq!(tokens("superdome x"), ["superdome", "x"]);
        assert_eq!(tokens("c-class"), ["c", "class"]);
        assert_eq!(tokens("bl860c i4"), ["bl860c", "i4"]);
    }
}
