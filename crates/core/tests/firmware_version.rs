//! HPE version texts: a table of real strings (every form in the shared samples and the
//! inventory fixtures, and catalogue spellings), and the laws of the comparison.

use std::cmp::Ordering::{self, Equal, Greater, Less};

use fwportal_core::firmware::version::{compare, Version, VersionForm};
use proptest::prelude::*;

/// Every version text found in `fixtures/inventory-samples` and `fixtures/inventory`, with
/// the form it is read as.
#[test]
fn every_form_in_the_samples_is_read_as_its_form() {
    use VersionForm::*;
    let table: &[(&str, VersionForm)] = &[
        // iLO firmware (iLO 4, 5, 6; overview and OA)
        ("2.55 Oct 01 2021", Dated),
        ("1.58 Mar 22 2024", Dated),
        ("2.54 Jun 15 2017", Dated),
        ("2.55 Aug 16 2017", Dated),
        ("iLO 5 v1.15", Dated),
        // System ROM
        ("U46 v1.56 (11/29/2021)", Rom),
        ("U46 v1.50 (08/05/2021)", Rom),
        ("U54 v2.16 (03/01/2024)", Rom),
        ("P89 v2.42 (04/25/2017)", Rom),
        ("U31 v1.00 (03/11/2017)", Rom),
        ("2.90_07-25-2023", Rom),
        ("I36 02/17/2017", RomDate),
        ("I31 06/01/2015", RomDate),
        // numbers
        ("52.16.3-3913", Dotted),
        ("52.26.3-5379", Dotted),
        ("12.3.0 Build 18", Dotted),
        ("17.4.0 Build 23", Dotted),
        ("9.4.0 Build 18", Dotted),
        ("1.0.8", Dotted),
        ("1.0.11", Dotted),
        ("1.00", Dotted),
        ("2.5", Dotted),
        ("20.21.41", Dotted),
        ("26.40.1000", Dotted),
        ("6.1.4.47", Dotted),
        ("4.1.4.296", Dotted),
        ("3.1.3.21.0", Dotted),
        ("007.1912.0000.0000", Dotted),
        ("0.01-808", Dotted),
        ("2.1.18-045", Dotted),
        ("4.70", Dotted),
        ("2.1", Dotted),
        // programmable logic
        ("0x15", Hex),
        ("0x0E", Hex),
        ("0x1E", Hex),
        ("Version 0x34", Hex),
        // drives
        ("HPK3", Revision),
        ("HPDC", Revision),
        // not understood: never guessed
        ("2.a.3", Unknown),
        ("[Unknown]", Unknown),
        ("4.18.0-372.9.1.el8.x86_64", Unknown),
        ("", Unknown),
        ("v2", Unknown),
    ];
    for (text, form) in table {
        assert_eq!(Version::parse(text).form, *form, "{text}");
    }
}

#[test]
fn a_table_of_real_comparisons() {
    let table: &[(&str, &str, Option<Ordering>)] = &[
        // iLO against a catalogue's iLO package
        ("2.55 Oct 01 2021", "2.72", Some(Less)),
        ("2.55 Oct 01 2021", "2.55", Some(Equal)),
        ("1.58 Mar 22 2024", "1.55", Some(Greater)),
        ("2.54 Jun 15 2017", "2.55 Aug 16 2017", Some(Less)),
        ("iLO 5 v1.15", "2.72", Some(Less)),
        // System ROM: the iLO's text against a catalogue's
        ("U46 v1.56 (11/29/2021)", "1.56_11-29-2021", Some(Equal)),
        ("U32 v2.52 (10/25/2021)", "2.90_07-25-2023", Some(Less)),
        (
            "U46 v1.50 (08/05/2021)",
            "U46 v1.56 (11/29/2021)",
            Some(Less),
        ),
        ("U46 v1.56 (11/29/2021)", "U30 v2.60 (01/01/2022)", None),
        (
            "P89 v2.42 (04/25/2017)",
            "P89 v2.40 (02/17/2017)",
            Some(Greater),
        ),
        ("I36 09/12/2016", "I36 02/17/2017", Some(Less)),
        ("I36 02/17/2017", "I31 06/01/2015", None),
        ("I36 02/17/2017", "2.90_07-25-2023", None),
        // numbers
        ("52.16.3-3913", "52.26.3-5379", Some(Less)),
        ("52.16.3-3913", "52.16.3", Some(Greater)),
        ("12.3.0 Build 18", "14.5.0 Build 10", Some(Less)),
        ("1.0.8", "1.0.11", Some(Less)),
        ("1.00", "1.0", Some(Equal)),
        ("20.21.41", "20.21.41", Some(Equal)),
        ("007.1912.0000.0000", "7.1912", Some(Equal)),
        ("73.64", "73.20", Some(Greater)),
        // hexadecimal
        ("0x15", "0x0E", Some(Greater)),
        ("0x2B", "0x31", Some(Less)),
        ("Version 0x34", "0x34", Some(Equal)),
        ("0x15", "21", None),
        ("0x15", "1.0", None),
        // drive revisions
        ("HPK3", "HPK5", Some(Less)),
        ("HPD9", "HPDA", Some(Less)),
        ("HPK3", "HPD5", None),
        ("HPK3", "1.00", None),
        // unknown forms: not older, not newer
        ("2.a.3", "2.5", None),
        ("[Unknown]", "4.70", None),
        ("4.18.0-372.9.1.el8.x86_64", "4.18.0", None),
        // the same text is the same version, whatever its form
        ("2.a.3", "2.a.3", Some(Equal)),
    ];
    for (a, b, expected) in table {
        assert_eq!(compare(a, b), *expected, "{a} vs {b}");
        assert_eq!(compare(b, a), expected.map(Ordering::reverse), "{b} vs {a}");
    }
}

/// Version texts in the known forms, built from their parts.
fn known() -> impl Strategy<Value = String> {
    let num = || 0u64..40;
    let family = prop::sample::select(vec!["U46", "U32", "P89", "I36"]);
    let date = (1u32..=12, 1u32..=28, 2015u32..2026);
    prop_oneof![
        prop::collection::vec(num(), 1..5).prop_map(|n| n
            .iter()
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join(".")),
        (num(), num(), num(), num()).prop_map(|(a, b, c, d)| format!("{a}.{b}.{c}-{d}")),
        (num(), num(), num(), num()).prop_map(|(a, b, c, d)| format!("{a}.{b}.{c} Build {d}")),
        (
            num(),
            num(),
            prop::sample::select(vec!["Jan", "Oct"]),
            date.clone()
        )
            .prop_map(|(a, b, m, (_, d, y))| format!("{a}.{b:02} {m} {d:02} {y}")),
        (family.clone(), num(), num(), date.clone())
            .prop_map(|(f, a, b, (m, d, y))| format!("{f} v{a}.{b:02} ({m:02}/{d:02}/{y})")),
        (num(), num(), date.clone())
            .prop_map(|(a, b, (m, d, y))| format!("{a}.{b:02}_{m:02}-{d:02}-{y}")),
        (family, date).prop_map(|(f, (m, d, y))| format!("{f} {m:02}/{d:02}/{y}")),
        (0u64..300).prop_map(|v| format!("0x{v:02X}")),
        prop::sample::select(vec!['1', '3', '9', 'A', 'C', 'Z']).prop_map(|c| format!("HPK{c}")),
    ]
}

/// Any text: known forms, and anything else.
fn any_version() -> impl Strategy<Value = String> {
    prop_oneof![known(), "\\PC{0,20}", "[0-9a-zA-Z._ ()/-]{0,20}"]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn reflexive_on_known_forms(a in known()) {
        prop_assert_eq!(compare(&a, &a), Some(Equal));
        prop_assert_ne!(Version::parse(&a).form, VersionForm::Unknown);
    }

    #[test]
    fn antisymmetric(a in any_version(), b in any_version()) {
        prop_assert_eq!(compare(&a, &b), compare(&b, &a).map(Ordering::reverse));
    }

    /// Whenever the three pairs compare, they agree: no cycle, and equality carries.
    #[test]
    fn transitive_on_known_forms(a in known(), b in known(), c in known()) {
        if let (Some(ab), Some(bc), Some(ac)) = (compare(&a, &b), compare(&b, &c), compare(&a, &c)) {
            if ab != Greater && bc != Greater {
                prop_assert_ne!(ac, Greater, "{} {} {}", a, b, c);
            }
            if ab == Equal && bc == Equal {
                prop_assert_eq!(ac, Equal, "{} {} {}", a, b, c);
            }
            if ab == Less && bc != Greater {
                prop_assert_eq!(ac, Less, "{} {} {}", a, b, c);
            }
        }
    }

    /// Within one form and family, every pair compares (the order is total there).
    #[test]
    fn numbers_always_compare(a in prop::collection::vec(0u64..1000, 1..6), b in prop::collection::vec(0u64..1000, 1..6)) {
        let text = |n: &[u64]| n.iter().map(u64::to_string).collect::<Vec<_>>().join(".");
        let expected = {
            let len = a.len().max(b.len());
            let at = |v: &[u64], i: usize| v.get(i).copied().unwrap_or(0);
            (0..len).map(|i| at(&a, i).cmp(&at(&b, i))).find(|o| o.is_ne()).unwrap_or(Equal)
        };
        prop_assert_eq!(compare(&text(&a), &text(&b)), Some(expected));
    }

    #[test]
    fn never_panics(a in "\\PC{0,200}", b in "\\PC{0,200}") {
        let _ = compare(&a, &b);
    }
}
