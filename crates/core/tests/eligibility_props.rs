//! Properties of R8/R10/R11 classification: normalisation is idempotent, and the way a model
//! is typed (full-width, case, spacing, vendor prefix) never changes its class.

use fwportal_core::eligibility::{classify_model, identify_family, normalize_model};
use proptest::prelude::*;

const MODELS: &[&str] = &[
    "ProLiant DL380 Gen10 Plus",
    "DL360 Gen11",
    "ProLiant BL460c Gen9",
    "ProLiant ML350p Gen8",
    "ProLiant XL170r Gen10",
    "ProLiant MicroServer Gen10 Plus v2",
    "Integrity rx2800 i4",
    "Integrity BL860c i4",
    "Superdome X",
    "Superdome Flex 280",
    "Moonshot 1500",
    "ProLiant m710x Server Cartridge",
    "ConvergedSystem 500",
    "BladeSystem Matrix",
    "Cloud System Matrix",
    "9000 rp3440",
    "BladeSystem c7000 Enclosure",
    "Onboard Administrator",
    "Virtual Connect FlexFabric-20/40 F8",
    "6125XLG Ethernet Blade Switch",
    "MSA 2060",
    "3PAR StoreServ 8200",
    "StoreEver MSL3040",
    "Aruba 2930F Switch",
    "R/T3000 G5 UPS",
    "Synergy 480 Gen10",
    "Apollo 4200 Gen10",
    "Edgeline EL8000",
    "Unknown Box 42",
];

/// The full-width twin of an ASCII character, as a Japanese input method types it.
fn full_width(c: char) -> char {
    match c {
        ' ' => '\u{3000}',
        '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap(),
        _ => c,
    }
}

/// Rewrites `model` the way customers vary it: per character full-width or not, upper or
/// lower case; extra spaces where there was space already, and around the whole; sometimes
/// an `HP`/`HPE` prefix.
fn variant() -> impl Strategy<Value = (String, String)> {
    (
        prop::sample::select(MODELS),
        prop::collection::vec((any::<bool>(), any::<bool>(), 0usize..3), 64),
        0usize..3,
        0usize..3,
        prop::sample::select(&["", "HP ", "HPE ", "ｈｐｅ　", "Hewlett Packard Enterprise "][..]),
    )
        .prop_map(|(model, choices, lead, trail, prefix)| {
            // "9000 rp3440" is only HP 9000 with its prefix; keep it whole.
            let model_text = if model.starts_with("9000") {
                format!("HP {model}")
            } else {
                model.to_owned()
            };
            let mut out = String::new();
            out.push_str(&" ".repeat(lead));
            if !model.starts_with("9000") {
                out.push_str(prefix);
            }
            for (i, c) in model_text.chars().enumerate() {
                let (wide, upper, extra) = choices[i % choices.len()];
                let c = if upper {
                    c.to_ascii_uppercase()
                } else {
                    c.to_ascii_lowercase()
                };
                out.push(if wide { full_width(c) } else { c });
                if c == ' ' {
                    out.push_str(&"\u{3000}".repeat(extra));
                }
            }
            out.push_str(&"\t".repeat(trail));
            (model_text, out)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn r8_normalisation_is_idempotent(text in "\\PC{0,40}") {
        let once = normalize_model(&text);
        prop_assert_eq!(normalize_model(&once), once);
    }

    #[test]
    fn r8_normalisation_is_idempotent_on_model_like_text(
        text in "[ 　A-Za-zＡ-Ｚａ-ｚ0-9０-９+/().-]{0,40}"
    ) {
        let once = normalize_model(&text);
        prop_assert_eq!(normalize_model(&once), once);
    }

    #[test]
    fn r8_r10_r11_spelling_variants_classify_the_same((model, typed) in variant()) {
        prop_assert_eq!(normalize_model(&typed), normalize_model(&model));
        prop_assert_eq!(identify_family(&typed), identify_family(&model));
        prop_assert_eq!(classify_model(&typed), classify_model(&model));
    }
}
