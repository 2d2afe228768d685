//! The XML path (the Onboard Administrator's data) never panics, whatever it is given:
//! arbitrary bytes after a `<`, strings built from XML-ish tokens, OA documents assembled from
//! the elements the reader looks at, and nesting around the depth limit.

mod inventory_support;

use fwportal_core::inventory::{
    merge, parse_bytes, parse_named, InventoryProblemCode, MAX_DOCUMENTS, MAX_XML_DEPTH,
};
use inventory_support::check;
use proptest::prelude::*;

const TOKENS: &[&str] = &[
    "<",
    "</",
    ">",
    "/>",
    "&amp;",
    "&#x41;",
    "&#65;",
    "&",
    ";",
    "&#x;",
    "&#xD800;",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<?xml version=\"1.0\"?>",
    "<!DOCTYPE RIMP>",
    "<html>",
    " NAME=\"1\"",
    "=",
    "\"",
    "'",
    "\n",
    " ",
    "RIMP",
    "INFRA2",
    "BLADES",
    "BLADE",
    "SPN",
    "BSN",
    "TYPE",
    "SERVER",
    "BLADEROMVER",
    "MGMTPN",
    "MGMTFWVERSION",
    "PWRM",
    "SWITCHES",
    "SWITCH",
    "MANAGERS",
    "MANAGER",
    "MP",
    "PN",
    "FWRI",
    "ENCL_SN",
    "BAY",
    "CONNECTION",
    "[Unknown]",
    "ProLiant BL460c Gen10",
    "iLO5",
    "I41 08/29/2019",
];

fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(TOKENS).prop_map(str::to_owned),
        1 => "[a-zA-Z_][a-zA-Z0-9_.:-]{0,6}",
        1 => ".{0,6}",
    ]
}

/// `<NAME>text</NAME>` for one of the fields the reader looks at.
fn field() -> impl Strategy<Value = String> {
    let names = prop::sample::select(
        &[
            "SPN",
            "BSN",
            "TYPE",
            "BLADEROMVER",
            "MGMTPN",
            "MGMTFWVERSION",
            "PWRM",
            "FWRI",
            "PN",
            "ENCL_SN",
        ][..],
    );
    let values = prop_oneof![
        prop::sample::select(
            &[
                "SERVER",
                "STORAGE",
                "[Unknown]",
                "",
                "   ",
                "iLO4",
                "iLO 6",
                "ProLiant BL460c Gen10",
                "Mellanox SX1018HP Ethernet Switch",
                "I41 08/29/2019",
                "CZ00TEST01",
                "&amp;&#x3042;",
            ][..]
        )
        .prop_map(str::to_owned),
        "[a-zA-Z0-9 ./()-]{0,12}",
    ];
    (names, values).prop_map(|(n, v)| format!("<{n}>{v}</{n}>"))
}

/// A module of the enclosure: a blade, an interconnect or an OA, with a bay and fields.
fn module() -> impl Strategy<Value = (usize, String)> {
    (
        0..3usize,
        prop::option::of(0..20u8),
        prop::collection::vec(field(), 0..6),
    )
        .prop_map(|(kind, bay, fields)| {
            let name = ["BLADE", "SWITCH", "MANAGER"][kind];
            let bay = bay.map_or(String::new(), |b| {
                format!("<BAY><CONNECTION>{b}</CONNECTION></BAY>")
            });
            (kind, format!("<{name}>{bay}{}</{name}>", fields.concat()))
        })
}

fn oa_document() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(field(), 0..4),
        prop::collection::vec(module(), 0..12),
    )
        .prop_map(|(enclosure, modules)| {
            let of = |k: usize| -> String {
                modules
                    .iter()
                    .filter(|(kind, _)| *kind == k)
                    .map(|(_, m)| m.as_str())
                    .collect()
            };
            format!(
                "<?xml version=\"1.0\"?>\n<RIMP><MP><PN>OA</PN><FWRI>4.97</FWRI></MP><INFRA2>{}<BLADES>{}</BLADES><SWITCHES>{}</SWITCHES><MANAGERS>{}</MANAGERS></INFRA2></RIMP>",
                enclosure.concat(),
                of(0),
                of(1),
                of(2)
            )
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_bytes_after_a_tag_are_read_without_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let mut xml = b"<".to_vec();
        xml.extend(&bytes);
        let parse = parse_bytes("b.xml", &xml);
        prop_assert!(!parse.problems.is_empty() || !parse.documents.is_empty());
        let mut wrapped = b"<RIMP><INFRA2><BLADES><BLADE><SPN>".to_vec();
        wrapped.extend(&bytes);
        check(&merge(vec![parse, parse_bytes("w.xml", &wrapped)]));
    }

    #[test]
    fn any_string_of_xml_tokens_is_read_without_panic(tokens in prop::collection::vec(token(), 0..80)) {
        let text = format!("<{}", tokens.concat());
        let parse = parse_named("t.xml", &text);
        prop_assert!(parse.problems.iter().all(|p| p.source == "t.xml"));
        prop_assert!(!parse.problems.is_empty() || !parse.documents.is_empty());
        check(&merge(vec![parse.clone(), parse]));
    }

    #[test]
    fn any_oa_document_is_read_without_panic(doc in oa_document()) {
        let parse = parse_named("oa.xml", &doc);
        // Well-formed by construction: read, never refused as XML.
        prop_assert!(!parse.problems.iter().any(|p| matches!(
            p.code,
            InventoryProblemCode::NotXml | InventoryProblemCode::TooDeep
        )), "{:#?}", parse.problems);
        prop_assert_eq!(parse.documents.len(), 1);
        prop_assert!(parse.servers.len() <= MAX_DOCUMENTS + 1);
        prop_assert!(parse.servers.iter().filter(|s| s.enclosure).count() <= 1);
        for cut in [doc.len() / 3, doc.len() / 2, doc.len() - 1] {
            let end = (0..=cut).rev().find(|&i| doc.is_char_boundary(i)).unwrap_or(0);
            let cut_parse = parse_named("cut.xml", &doc[..end]);
            prop_assert!(!cut_parse.problems.is_empty());
            check(&merge(vec![cut_parse]));
        }
        check(&merge(vec![parse.clone(), parse]));
    }

    #[test]
    fn nesting_is_refused_exactly_past_the_depth_limit(depth in 1usize..400, text in "[a-z0-9 ]{0,8}") {
        let doc = format!("{}{}{}", "<e n='1'>".repeat(depth), text, "</e>".repeat(depth));
        let parse = parse_named("n.xml", &doc);
        let too_deep = parse.problems.iter().any(|p| p.code == InventoryProblemCode::TooDeep);
        prop_assert_eq!(too_deep, depth > MAX_XML_DEPTH);
        // Not the OA's data either way: one problem, nothing read.
        prop_assert_eq!(parse.problems.len(), 1);
        prop_assert!(parse.servers.is_empty());
    }
}
