//! BladeSystem customers' inputs: the c7000 Onboard Administrator's `/xmldata?item=all` (the
//! real sample in `tests/fixtures/inventory-samples` and hand-written fixtures)
//! and Redfish `Chassis` resources; and how they merge with the blades' own iLO files (R8).

mod inventory_support;

use fwportal_core::eligibility::{
    ComponentCategory, ComponentScope, InventoryKind, ProductFamily, ProductOutcome,
};
use fwportal_core::inventory::{
    merge, parse_bytes, parse_named, DocumentKind, InventoryComponent, InventoryParse,
    InventoryProblemCode, InventoryReport, InventoryServer, MAX_XML_DEPTH,
};
use inventory_support::{fixture, parse_fixture, sample};

fn codes(problems: &[fwportal_core::inventory::InventoryProblem]) -> Vec<InventoryProblemCode> {
    problems.iter().map(|p| p.code).collect()
}

/// Name, version, device context, scope and category of each item.
type Row<'a> = (
    &'a str,
    Option<&'a str>,
    Option<&'a str>,
    ComponentScope,
    ComponentCategory,
);

fn rows(items: &[InventoryComponent]) -> Vec<Row<'_>> {
    items
        .iter()
        .map(|c| {
            (
                c.name.as_str(),
                c.version.as_deref(),
                c.device_context.as_deref(),
                c.scope,
                c.category,
            )
        })
        .collect()
}

fn by_serial<'a>(servers: &'a [InventoryServer], serial: &str) -> &'a InventoryServer {
    servers
        .iter()
        .find(|s| s.serial_number.as_deref() == Some(serial))
        .unwrap_or_else(|| panic!("no {serial} in {servers:#?}"))
}

const IN: ComponentScope = ComponentScope::InScope;
const BOARD: Option<&str> = Some("System Board");

// --- The real c7000 sample. ---

#[test]
fn r8_real_c7000_onboard_administrator_data_gives_every_blade_and_the_enclosure() {
    let text = sample("bmclib/c7000__xmldata.xml");
    let parse = parse_named("c7000__xmldata.xml", &text);
    assert_eq!(parse.documents, [DocumentKind::OaXmldata]);
    // Seven server blades (bays 1-7), then the enclosure.
    assert_eq!(parse.servers.len(), 8, "{parse:#?}");
    let (blades, enclosure) = parse.servers.split_at(7);
    assert!(blades.iter().all(|b| !b.enclosure));
    let serials: Vec<_> = blades
        .iter()
        .filter_map(|b| b.serial_number.as_deref())
        .collect();
    // Trailing spaces in <BSN> are trimmed.
    assert_eq!(
        serials,
        [
            "CZ3521YAEK",
            "CZ36527E98",
            "CZ3403YLMV",
            "CZ3337N5JC",
            "CZ3521Y6XJ",
            "CZ35230JE3",
            "CZ33067KDV"
        ]
    );

    let first = &blades[0];
    assert_eq!(first.model.as_deref(), Some("ProLiant BL460c Gen9"));
    assert_eq!(first.sources, ["c7000__xmldata.xml"]);
    assert_eq!(
        rows(&first.components),
        [
            (
                "System ROM",
                Some("I36 02/17/2017"),
                BOARD,
                IN,
                ComponentCategory::SystemRom
            ),
            // <MGMTPN>iLO4</MGMTPN>: named "iLO" as iLO 4's own inventory names itself.
            (
                "iLO",
                Some("2.55 Aug 16 2017"),
                BOARD,
                IN,
                ComponentCategory::Ilo
            ),
            (
                "Power Management Controller Firmware",
                Some("1.0.9"),
                BOARD,
                IN,
                ComponentCategory::PlatformFirmware
            ),
        ]
    );
    assert!(first
        .components
        .iter()
        .all(|c| c.kind == InventoryKind::Firmware && c.rule == "R8"));
    assert_eq!(
        blades[2]
            .components
            .iter()
            .map(|c| c.version.as_deref())
            .collect::<Vec<_>>(),
        [
            Some("I31 06/01/2015"),
            Some("2.55 Aug 16 2017"),
            Some("3.3.0")
        ]
    );

    // R8: ProLiant BL blades, Gen8 and Gen9 alike, are ProLiant servers.
    for blade in blades {
        let verdict = blade.eligibility.as_ref().expect("a model gives a verdict");
        assert_eq!(
            (verdict.outcome, verdict.family, verdict.rule.as_str()),
            (ProductOutcome::Eligible, ProductFamily::ProLiantBl, "R8"),
            "{:?}",
            blade.model
        );
    }

    // The enclosure: R8 names the components inside a blade enclosure.
    let enclosure = &enclosure[0];
    assert!(enclosure.enclosure);
    assert_eq!(
        enclosure.model.as_deref(),
        Some("BladeSystem c7000 Enclosure G3")
    );
    assert_eq!(enclosure.serial_number.as_deref(), Some("CZ372137H3"));
    let verdict = enclosure.eligibility.as_ref().expect("verdict");
    assert_eq!(
        (verdict.outcome, verdict.family),
        (
            ProductOutcome::Eligible,
            ProductFamily::BladeSystemComponent
        )
    );
    let oa = "BladeSystem c7000 DDR2 Onboard Administrator with KVM";
    let enclosure_fw = ComponentCategory::EnclosureFirmware;
    assert_eq!(
        rows(&enclosure.components),
        [
            (
                oa,
                Some("4.70"),
                Some("Onboard Administrator Bay 1"),
                IN,
                enclosure_fw
            ),
            (
                oa,
                Some("4.70"),
                Some("Onboard Administrator Bay 2"),
                IN,
                enclosure_fw
            ),
            // <FWRI>[Unknown]</FWRI>: a pass-thru module has no firmware.
            (
                "HP 10GbE Pass-Thru Module",
                None,
                Some("Interconnect Bay 1"),
                IN,
                enclosure_fw
            ),
        ]
    );
    assert!(enclosure.components.iter().all(|c| c.rule == "R8"));
    // The one problem: that version, with what to do about it.
    assert_eq!(codes(&parse.problems), [InventoryProblemCode::MissingField]);
    assert!(parse.problems[0].message_en.starts_with("1 items"));
    assert!(parse.problems[0]
        .message_en
        .contains("SHOW FIRMWARE SUMMARY"));
    assert!(parse.problems[0].message_ja.contains("[Unknown]"));

    // Merged alone: the blades and the enclosure stay apart, nothing is unattached.
    let report = merge(vec![parse.clone()]);
    assert_eq!(report.servers, parse.servers);
    assert_eq!(report.problems, parse.problems);
}

#[test]
fn r8_real_blade_entry_merges_with_that_blades_own_files_by_serial_number() {
    let text = sample("bmclib/c7000__xmldata.xml");
    let system = parse_named(
        "system.json",
        r##"{"@odata.type": "#ComputerSystem.v1_4_0.ComputerSystem", "Model": "ProLiant BL460c Gen9",
            "SerialNumber": "CZ3521YAEK", "BiosVersion": "I36 v2.40 (02/17/2017)"}"##,
    );
    let report = merge(vec![parse_named("enclosure.xml", &text), system]);
    assert_eq!(report.servers.len(), 8);
    let blade = by_serial(&report.servers, "CZ3521YAEK");
    assert_eq!(blade.sources, ["enclosure.xml", "system.json"]);
    // The same ROM, given by the OA as family and date: once, with the iLO's fuller text.
    let roms: Vec<_> = blade
        .components
        .iter()
        .filter(|c| c.name == "System ROM")
        .filter_map(|c| c.version.as_deref())
        .collect();
    assert_eq!(roms, ["I36 v2.40 (02/17/2017)"]);
    assert_eq!(blade.components.len(), 3);
    // Only the sample's own problem (the pass-thru module's version).
    assert_eq!(
        codes(&report.problems),
        [InventoryProblemCode::MissingField]
    );
    // The enclosure comes last.
    assert!(report.servers.last().is_some_and(|s| s.enclosure));
}

// --- Hand-written Onboard Administrator data. ---

#[test]
fn r8_oa_fixture_skips_the_empty_bay_and_the_storage_blade() {
    let parse = parse_fixture("oa_xmldata_two_blades.xml");
    assert_eq!(parse.documents, [DocumentKind::OaXmldata]);
    assert!(parse.problems.is_empty(), "{:#?}", parse.problems);
    let identities: Vec<_> = parse
        .servers
        .iter()
        .map(|s| (s.model.as_deref(), s.serial_number.as_deref(), s.enclosure))
        .collect();
    assert_eq!(
        identities,
        [
            (Some("ProLiant BL460c Gen10"), Some("CZ00TEST01"), false),
            (Some("ProLiant BL460c Gen9"), Some("CZ00TEST03"), false),
            (
                Some("BladeSystem c7000 Enclosure G3"),
                Some("CZ00TEST99"),
                true
            ),
        ]
    );
    // iLO 5 keeps its number, as in the iLO 5 firmware inventory ("iLO 5").
    let names: Vec<_> = parse.servers[0]
        .components
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "System ROM",
            "iLO 5",
            "Power Management Controller Firmware"
        ]
    );
    assert_eq!(parse.servers[1].components[1].name, "iLO");
    // Interconnects are enclosure firmware by their bay, even the switch that by its name
    // alone would be an external device (R10).
    let enclosure = &parse.servers[2];
    let modules: Vec<_> = enclosure
        .components
        .iter()
        .map(|c| (c.name.as_str(), c.version.as_deref(), c.scope, c.category))
        .collect();
    let oa = "BladeSystem c7000 DDR2 Onboard Administrator with KVM";
    let fw = ComponentCategory::EnclosureFirmware;
    assert_eq!(
        modules,
        [
            (oa, Some("4.97"), IN, fw),
            (oa, Some("4.97"), IN, fw),
            ("HP VC FlexFabric-20/40 F8 Module", Some("4.85"), IN, fw),
            (
                "Mellanox SX1018HP Ethernet Switch",
                Some("3.4.3002"),
                IN,
                fw
            ),
        ]
    );
}

#[test]
fn missing_model_serial_and_unknown_versions_are_reported_per_blade() {
    let text = r#"<RIMP><MP><PN>BladeSystem c3000 Onboard Administrator</PN><FWRI>4.97</FWRI></MP>
        <INFRA2><PN>BladeSystem c3000 Enclosure</PN>
        <BLADES>
          <BLADE><BAY><CONNECTION>5</CONNECTION></BAY><SPN>ProLiant BL460c Gen8</SPN>
            <BLADEROMVER>[Unknown]</BLADEROMVER><MGMTPN>iLO4</MGMTPN><MGMTFWVERSION></MGMTFWVERSION></BLADE>
          <BLADE><BSN>CZ00TEST07</BSN><TYPE>Server</TYPE></BLADE>
        </BLADES></INFRA2></RIMP>"#;
    let parse = parse_named("c3000.xml", text);
    let fields: Vec<_> = parse
        .problems
        .iter()
        .map(|p| (p.code, p.field.as_deref()))
        .collect();
    use InventoryProblemCode::MissingField;
    assert_eq!(
        fields,
        [
            (MissingField, Some("BSN")),
            (MissingField, Some("SPN")),
            (MissingField, Some("ENCL_SN")),
            (MissingField, None),
        ]
    );
    assert!(parse.problems[0].message_en.contains("bay 5"));
    assert!(parse.problems[0].message_ja.contains("ベイ 5"));
    assert!(parse.problems[0]
        .message_en
        .contains("ilorest rawget /redfish/v1/Systems/1/"));
    assert!(parse.problems[1].message_en.contains("in a bay"));
    assert!(parse.problems[3].message_en.starts_with("2 items"));
    assert_eq!(parse.servers.len(), 3);
    assert_eq!(parse.servers[1].model, None);
    assert_eq!(parse.servers[1].eligibility, None);
    // Without <MANAGERS>, the OA of <MP> is listed.
    let enclosure = &parse.servers[2];
    assert_eq!(enclosure.serial_number, None);
    assert_eq!(
        rows(&enclosure.components),
        [(
            "BladeSystem c3000 Onboard Administrator",
            Some("4.97"),
            Some("Onboard Administrator Bay"),
            IN,
            ComponentCategory::EnclosureFirmware
        )]
    );
}

#[test]
fn an_enclosure_without_server_blades_says_so() {
    let parse = parse_named(
        "empty.xml",
        "<RIMP><INFRA2><PN>BladeSystem c7000 Enclosure G3</PN><ENCL_SN>CZ1</ENCL_SN><BLADES/></INFRA2></RIMP>",
    );
    assert_eq!(codes(&parse.problems), [InventoryProblemCode::NoComponents]);
    assert!(parse.problems[0].message_en.contains("xmldata?item=all"));
    assert_eq!(parse.servers.len(), 1);
    assert!(parse.servers[0].enclosure);
}

#[test]
fn more_blades_than_the_limit_are_reported_not_read() {
    let blade = "<BLADE><SPN>ProLiant BL460c Gen10</SPN><BSN>X</BSN><TYPE>SERVER</TYPE></BLADE>";
    let text = format!(
        "<RIMP><INFRA2><PN>BladeSystem c7000 Enclosure G3</PN><ENCL_SN>CZ1</ENCL_SN><BLADES>{}</BLADES></INFRA2></RIMP>",
        blade.repeat(fwportal_core::inventory::MAX_DOCUMENTS + 3)
    );
    let parse = parse_named("many.xml", &text);
    assert_eq!(
        parse.servers.len(),
        fwportal_core::inventory::MAX_DOCUMENTS + 1
    );
    assert_eq!(
        codes(&parse.problems),
        [InventoryProblemCode::TooManyDocuments]
    );
}

#[test]
fn entities_character_references_comments_and_cdata_are_read() {
    let text = "\u{feff}  <?xml version='1.0'?>\n<!-- saved by curl -->\n<RIMP>\
        <INFRA2><PN>BladeSystem c7000 Enclosure &#x47;3</PN><ENCL_SN><![CDATA[CZ<1>]]></ENCL_SN>\
        <BLADES><BLADE><SPN>ProLiant BL460c Gen10 &amp; &lt;x&gt; &quot;y&quot; &apos;z&apos; &#65;</SPN>\
        <!-- bay 1 --><BSN>CZ&#48;1</BSN></BLADE></BLADES></INFRA2></RIMP>";
    let parse = parse_named("entities.xml", text);
    assert!(parse.problems.is_empty(), "{:#?}", parse.problems);
    assert_eq!(
        parse.servers[0].model.as_deref(),
        Some("ProLiant BL460c Gen10 & <x> \"y\" 'z' A")
    );
    assert_eq!(parse.servers[0].serial_number.as_deref(), Some("CZ01"));
    assert_eq!(
        parse.servers[1].model.as_deref(),
        Some("BladeSystem c7000 Enclosure G3")
    );
    assert_eq!(parse.servers[1].serial_number.as_deref(), Some("CZ<1>"));
}

#[test]
fn an_html_page_says_what_was_expected_and_what_to_run() {
    let parse = parse_fixture("oa_html_login_page.html");
    assert_eq!(codes(&parse.problems), [InventoryProblemCode::UnknownShape]);
    assert!(parse.servers.is_empty() && parse.documents.is_empty());
    let problem = &parse.problems[0];
    assert_eq!(problem.source, "oa_html_login_page.html");
    for message in [&problem.message_en, &problem.message_ja] {
        assert!(message.contains("HTML"), "{message}");
        assert!(message.contains("https://OA-ADDRESS/xmldata?item=all"));
        assert!(message.contains("curl -k 'https://OA-ADDRESS/xmldata?item=all' > enclosure.xml"));
        assert!(message.contains("ilorest"), "{message}");
    }
    assert!(problem.message_ja.contains("Web ページ"));
}

#[test]
fn truncated_xml_is_not_xml_with_its_line() {
    let parse = parse_fixture("oa_xmldata_truncated.xml");
    assert_eq!(codes(&parse.problems), [InventoryProblemCode::NotXml]);
    assert!(parse.servers.is_empty());
    let problem = &parse.problems[0];
    assert!(
        problem.message_en.contains("line 49"),
        "{}",
        problem.message_en
    );
    assert!(problem.message_en.contains("complete"));
    assert!(problem.message_ja.contains("49 行目"));
    assert!(problem
        .message_ja
        .contains("curl -k 'https://OA-ADDRESS/xmldata?item=all' > enclosure.xml"));
}

#[test]
fn malformed_xml_is_not_xml_and_never_panics() {
    for (text, line) in [
        ("<RIMP>\n<MP></RIMP>", 2),
        ("<RIMP>&nbsp;</RIMP>", 1),
        ("<RIMP/>\n<RIMP/>", 2),
        ("<", 1),
        ("<RIMP attr=unquoted></RIMP>", 1),
        ("<!DOCTYPE RIMP [<!ENTITY e 'x'>]><RIMP>&e;</RIMP>", 1),
    ] {
        let parse = parse_named("bad.xml", text);
        assert_eq!(
            codes(&parse.problems),
            [InventoryProblemCode::NotXml],
            "{text}"
        );
        assert!(
            parse.problems[0]
                .message_en
                .contains(&format!("line {line}:")),
            "{text}: {}",
            parse.problems[0].message_en
        );
    }
}

#[test]
fn other_xml_is_unknown_shape_naming_what_was_expected() {
    let parse = parse_named("feed.xml", "<?xml version=\"1.0\"?><rss><channel/></rss>");
    assert_eq!(codes(&parse.problems), [InventoryProblemCode::UnknownShape]);
    assert!(parse.problems[0].message_en.contains("<rss>"));
    assert!(parse.problems[0].message_en.contains("xmldata?item=all"));

    // An iLO's (or an OA's short) /xmldata reply: RIMP without INFRA2.
    let parse = parse_fixture("oa_xmldata_short.xml");
    assert_eq!(codes(&parse.problems), [InventoryProblemCode::UnknownShape]);
    assert!(parse.servers.is_empty());
    for message in [&parse.problems[0].message_en, &parse.problems[0].message_ja] {
        assert!(message.contains("?item=all"), "{message}");
        assert!(message.contains("ilorest serverinfo"), "{message}");
    }
}

#[test]
fn deeply_nested_xml_is_refused_without_overflowing_the_stack() {
    let nested = |n: usize| format!("{}{}", "<a>".repeat(n), "</a>".repeat(n));
    assert_eq!(
        codes(&parse_named("x.xml", &nested(MAX_XML_DEPTH)).problems),
        [InventoryProblemCode::UnknownShape]
    );
    for depth in [MAX_XML_DEPTH + 1, 10_000, 500_000] {
        let parse = parse_named("deep.xml", &nested(depth));
        assert_eq!(
            codes(&parse.problems),
            [InventoryProblemCode::TooDeep],
            "{depth}"
        );
        assert!(parse.problems[0].message_en.contains("XML"));
    }
}

#[test]
fn xml_is_recognised_by_its_first_character_and_json_is_unaffected() {
    let xml = fixture("oa_xmldata_two_blades.xml");
    // A byte-order mark and white space may lead; UTF-16 is decoded first.
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(xml.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let bom: Vec<u8> = [0xEF, 0xBB, 0xBF, b'\n', b' ']
        .into_iter()
        .chain(xml.bytes())
        .collect();
    for bytes in [utf16, bom] {
        let parse = parse_bytes("enclosure.xml", &bytes);
        assert_eq!(parse.documents, [DocumentKind::OaXmldata]);
        assert_eq!(parse.servers.len(), 3);
    }
    // JSON, and text that is neither, are read as before.
    let json = parse_named("fw.json", " \n{\"Name\": \"iLO 5\", \"Version\": \"2.55\"}");
    assert_eq!(json.documents, [DocumentKind::FirmwareItem]);
    assert_eq!(
        codes(&parse_named("x.txt", "Firmware: <none>").problems),
        [InventoryProblemCode::NotJson]
    );
    // Over the size limit, XML is refused unread like JSON.
    let huge = format!(
        "<RIMP>{}</RIMP>",
        " ".repeat(fwportal_core::inventory::MAX_INPUT_BYTES)
    );
    assert_eq!(
        codes(&parse_named("big.xml", &huge).problems),
        [InventoryProblemCode::TooLarge]
    );
}

// --- Redfish Chassis. ---

#[test]
fn r8_real_blade_chassis_gives_model_and_serial_only() {
    let text = sample("bmclib/ilo__redfish__v1__Chassis__1.json");
    let parse = parse_named("chassis.json", &text);
    assert_eq!(parse.documents, [DocumentKind::Chassis]);
    assert!(parse.problems.is_empty(), "{:#?}", parse.problems);
    let server = &parse.servers[0];
    assert_eq!(server.model.as_deref(), Some("ProLiant BL460c Gen10"));
    assert_eq!(server.serial_number.as_deref(), Some("CZ37464KL2"));
    assert!(!server.enclosure);
    assert!(server.components.is_empty());
    assert_eq!(
        server.eligibility.as_ref().map(|v| (v.outcome, v.family)),
        Some((ProductOutcome::Eligible, ProductFamily::ProLiantBl))
    );
}

#[test]
fn real_enclosure_chassis_is_the_enclosure() {
    let text = sample("bmclib/ilo__redfish__v1__Chassis__EnclosureChassis.json");
    let parse = parse_named("enclosure.json", &text);
    assert_eq!(parse.documents, [DocumentKind::Chassis]);
    // The iLO gives the enclosure no model: not reported, the OA's data gives it.
    assert!(parse.problems.is_empty(), "{:#?}", parse.problems);
    let enclosure = &parse.servers[0];
    assert!(enclosure.enclosure);
    assert_eq!(enclosure.serial_number.as_deref(), Some("CZ20110LJD"));
    assert_eq!(
        (enclosure.model.as_ref(), enclosure.eligibility.as_ref()),
        (None, None)
    );
    assert!(enclosure.components.is_empty());
}

#[test]
fn chassis_that_is_not_the_server_is_reported_and_missing_fields_too() {
    let drives = parse_named(
        "de.json",
        r##"{"@odata.type": "#Chassis.v1_10_0.Chassis", "ChassisType": "StorageEnclosure",
            "Model": "HPE 8SFF Backplane", "SerialNumber": "PWXKV0ARHAB0VN"}"##,
    );
    assert_eq!(
        codes(&drives.problems),
        [InventoryProblemCode::UnknownShape]
    );
    assert_eq!(drives.problems[0].field.as_deref(), Some("ChassisType"));
    assert!(drives.problems[0].message_en.contains("StorageEnclosure"));
    assert!(drives.problems[0]
        .message_en
        .contains("/redfish/v1/Chassis/1/"));
    assert!(drives.servers.is_empty() && drives.documents.is_empty());

    // Without @odata.type, ChassisType tells a chassis; blank fields are reported.
    let blank = parse_named(
        "c.json",
        r#"{"ChassisType": "RackMount", "Model": "ProLiant DL360 Gen10", "SerialNumber": " "}"#,
    );
    assert_eq!(blank.documents, [DocumentKind::Chassis]);
    assert_eq!(codes(&blank.problems), [InventoryProblemCode::MissingField]);
    assert_eq!(blank.problems[0].field.as_deref(), Some("SerialNumber"));
    let enclosure = parse_named("e.json", r#"{"ChassisType": "Enclosure"}"#);
    assert_eq!(
        codes(&enclosure.problems),
        [InventoryProblemCode::MissingField]
    );
    assert!(enclosure.servers.is_empty());
}

// --- Merging with the blades' and the enclosure's other files. ---

/// An OA document with one blade (bay 1 of the fixture) and the enclosure.
fn one_blade_oa() -> InventoryParse {
    let text = fixture("oa_xmldata_two_blades.xml").replace(
        "<TYPE>SERVER</TYPE>\n\t\t\t\t<MANUFACTURER>HP</MANUFACTURER>",
        "<TYPE>STORAGE</TYPE>",
    );
    let parse = parse_named("enclosure.xml", &text);
    assert_eq!(parse.servers.len(), 2, "{parse:#?}");
    parse
}

/// The iLO 5 firmware inventory of the fixture's Gen10 blade (no serial number).
fn blade_firmware() -> InventoryParse {
    parse_named(
        "firmware.json",
        r##"{"@odata.type": "#SoftwareInventoryCollection.SoftwareInventoryCollection", "Members": [
            {"Name": "iLO 5", "Version": "2.78 Apr 28 2023", "Oem": {"Hpe": {"DeviceContext": "System Board"}}},
            {"Name": "System ROM", "Version": "I41 v2.16 (08/29/2019)", "Oem": {"Hpe": {"DeviceContext": "System Board"}}},
            {"Name": "Power Management Controller Firmware", "Version": "1.0.7", "Oem": {"Hpe": {"DeviceContext": "System Board"}}},
            {"Name": "HPE Smart Array P204i-b SR Gen10", "Version": "4.11", "Oem": {"Hpe": {"DeviceContext": "Embedded RAID"}}}]}"##,
    )
}

#[test]
fn r8_the_enclosure_does_not_keep_a_firmware_list_from_its_only_blade() {
    for parses in [
        vec![one_blade_oa(), blade_firmware()],
        vec![blade_firmware(), one_blade_oa()],
    ] {
        let report = merge(parses);
        assert!(report.problems.is_empty(), "{:#?}", report.problems);
        assert_eq!(report.servers.len(), 2);
        let blade = by_serial(&report.servers, "CZ00TEST01");
        assert!(!blade.enclosure);
        assert_eq!(blade.sources.len(), 2);
        // Each item once: the iLO's System ROM text replaces the OA's shorter one.
        assert_eq!(
            rows(&blade.components)
                .iter()
                .map(|r| (r.0, r.1))
                .collect::<Vec<_>>(),
            if blade.sources[0] == "enclosure.xml" {
                vec![
                    ("System ROM", Some("I41 v2.16 (08/29/2019)")),
                    ("iLO 5", Some("2.78 Apr 28 2023")),
                    ("Power Management Controller Firmware", Some("1.0.7")),
                    ("HPE Smart Array P204i-b SR Gen10", Some("4.11")),
                ]
            } else {
                vec![
                    ("iLO 5", Some("2.78 Apr 28 2023")),
                    ("System ROM", Some("I41 v2.16 (08/29/2019)")),
                    ("Power Management Controller Firmware", Some("1.0.7")),
                    ("HPE Smart Array P204i-b SR Gen10", Some("4.11")),
                ]
            }
        );
        let enclosure = &report.servers[1];
        assert!(enclosure.enclosure);
        assert_eq!(enclosure.sources, ["enclosure.xml"]);
        assert_eq!(enclosure.components.len(), 4);
    }
}

#[test]
fn r8_blades_merge_with_their_files_by_serial_and_enclosures_with_theirs() {
    let system = parse_named(
        "system.json",
        r##"{"@odata.type": "#ComputerSystem.v1_13_0.ComputerSystem", "Model": "ProLiant BL460c Gen9",
            "SerialNumber": "cz00test03", "BiosVersion": "I36 v2.40 (02/17/2017)"}"##,
    );
    let chassis = parse_named(
        "chassis.json",
        r##"{"@odata.type": "#Chassis.v1_6_0.Chassis", "ChassisType": "Blade",
            "Model": "ProLiant BL460c Gen10", "SerialNumber": "CZ00TEST01"}"##,
    );
    let enclosure_chassis = parse_named(
        "enclosure.json",
        r##"{"@odata.type": "#Chassis.v1_6_0.Chassis", "ChassisType": "Enclosure",
            "SerialNumber": "CZ00TEST99", "PartNumber": "681844-B21"}"##,
    );
    let report = merge(vec![
        enclosure_chassis,
        parse_fixture("oa_xmldata_two_blades.xml"),
        system,
        chassis,
    ]);
    assert!(report.problems.is_empty(), "{:#?}", report.problems);
    let summary: Vec<_> = report
        .servers
        .iter()
        .map(|s| (s.serial_number.as_deref(), s.enclosure, s.sources.len()))
        .collect();
    // Servers first, in the order they appear; the enclosure last, with the OA's model.
    assert_eq!(
        summary,
        [
            (Some("CZ00TEST01"), false, 2),
            (Some("CZ00TEST03"), false, 2),
            (Some("CZ00TEST99"), true, 2),
        ]
    );
    let enclosure = &report.servers[2];
    assert_eq!(
        enclosure.model.as_deref(),
        Some("BladeSystem c7000 Enclosure G3")
    );
    assert!(enclosure.eligibility.is_some());
    let gen9 = &report.servers[1];
    assert_eq!(gen9.components.len(), 3);
    assert_eq!(
        gen9.components[0].version.as_deref(),
        Some("I36 v2.40 (02/17/2017)")
    );
}

#[test]
fn an_enclosure_never_takes_a_servers_file_nor_a_servers_serial_number() {
    // The enclosure chassis alone with a firmware list: the list is a server of its own,
    // not the enclosure's, and there is no server it could have belonged to.
    let enclosure = parse_named(
        "enclosure.json",
        r#"{"ChassisType": "Enclosure", "SerialNumber": "CZ20110LJD"}"#,
    );
    let report = merge(vec![enclosure.clone(), blade_firmware()]);
    assert!(report.problems.is_empty(), "{:#?}", report.problems);
    assert_eq!(report.servers.len(), 2);
    assert!(!report.servers[0].enclosure && report.servers[0].serial_number.is_none());
    assert!(report.servers[1].enclosure && report.servers[1].components.is_empty());

    // The same serial number on a server and on an enclosure: two entries.
    let server = parse_named(
        "s.json",
        r#"{"Model": "ProLiant BL460c Gen10", "SerialNumber": "CZ20110LJD"}"#,
    );
    let report: InventoryReport = merge(vec![enclosure, server]);
    assert_eq!(report.servers.len(), 2);
    assert_eq!(report.servers.iter().filter(|s| s.enclosure).count(), 1);
}

#[test]
fn r8_a_firmware_list_without_serial_cannot_tell_two_blades_apart() {
    // Reported, counting the two blades, not the enclosure.
    let report = merge(vec![
        parse_fixture("oa_xmldata_two_blades.xml"),
        blade_firmware(),
    ]);
    assert_eq!(
        codes(&report.problems),
        [InventoryProblemCode::UnattachedInventory]
    );
    assert!(report.problems[0].message_en.contains("2 servers"));
    assert_eq!(report.servers.len(), 4);
    assert!(report.servers[3].enclosure);
    assert_eq!(report.servers[2].sources, ["firmware.json"]);
}

#[test]
fn the_enclosure_flag_is_left_out_of_json_when_false() {
    let parse = parse_fixture("oa_xmldata_two_blades.xml");
    let json = serde_json::to_value(&parse.servers).expect("serialises");
    assert_eq!(json[0].get("enclosure"), None);
    assert_eq!(json[2]["enclosure"], true);
    let back: Vec<InventoryServer> = serde_json::from_value(json).expect("reads back");
    assert_eq!(back, parse.servers);
    let documents = serde_json::to_value(&parse.documents).expect("serialises");
    assert_eq!(documents, serde_json::json!(["oa_xmldata"]));
}
