//! Reading each iLO document the customer may drop in: our fixtures (built from the DMTF
//! Redfish schemas and HPE's iLO REST API reference), malformed input, and the real samples in
//! `tests/fixtures/inventory-samples` (copied with their licence).

mod inventory_support;

use fwportal_core::eligibility::{
    ComponentCategory, ComponentScope, InventoryKind, ProductOutcome,
};
use fwportal_core::inventory::merge;
use fwportal_core::inventory::{
    parse_inventory, parse_named, DocumentKind, InventoryComponent, InventoryParse,
    InventoryProblemCode, MAX_DOCUMENTS, MAX_INPUT_BYTES, MAX_ITEMS,
};
use inventory_support::{fixture, parse_fixture, sample};

fn codes(parse: &InventoryParse) -> Vec<InventoryProblemCode> {
    parse.problems.iter().map(|p| p.code).collect()
}

fn components(parse: &InventoryParse) -> &[InventoryComponent] {
    assert_eq!(parse.servers.len(), 1, "{parse:#?}");
    &parse.servers[0].components
}

fn find<'a>(items: &'a [InventoryComponent], name: &str) -> &'a InventoryComponent {
    items
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no {name} in {items:#?}"))
}

#[test]
fn r8_ilo5_expanded_firmware_inventory_lists_every_member_in_scope() {
    let parse = parse_fixture("ilo5_firmware_inventory_expanded.json");
    assert_eq!(parse.documents, [DocumentKind::FirmwareInventory]);
    assert!(parse.problems.is_empty(), "{:#?}", parse.problems);
    let server = &parse.servers[0];
    assert_eq!(
        (server.model.as_ref(), server.serial_number.as_ref()),
        (None, None)
    );
    assert_eq!(server.eligibility, None);
    assert_eq!(server.sources, ["ilo5_firmware_inventory_expanded.json"]);
    let items = components(&parse);
    assert_eq!(items.len(), 18);
    for item in items {
        assert_eq!(
            (item.scope, item.rule.as_str()),
            (ComponentScope::InScope, "R8"),
            "{item:?}"
        );
        assert_eq!(item.kind, InventoryKind::Firmware);
        assert!(
            item.version.is_some() && item.device_context.is_some(),
            "{item:?}"
        );
    }
    let ilo = find(items, "iLO 5");
    assert_eq!(ilo.version.as_deref(), Some("2.55 Oct 01 2021"));
    assert_eq!(ilo.device_context.as_deref(), Some("System Board"));
    assert_eq!(
        (ilo.category, ilo.updateable),
        (ComponentCategory::Ilo, Some(true))
    );
    assert_eq!(
        find(items, "System ROM").version.as_deref(),
        Some("U46 v1.56 (11/29/2021)")
    );
    assert_eq!(
        find(items, "System Programmable Logic Device")
            .version
            .as_deref(),
        Some("0x15")
    );
    let controller = find(items, "HPE MR416i-a Gen10+");
    assert_eq!(controller.version.as_deref(), Some("52.16.3-3913"));
    assert_eq!(controller.category, ComponentCategory::StorageController);
    // The same name twice, told apart by the device context: both kept.
    let supplies: Vec<_> = items
        .iter()
        .filter(|c| c.name == "Power Supply Firmware")
        .map(|c| (c.device_context.as_deref(), c.category, c.updateable))
        .collect();
    assert_eq!(
        supplies,
        [
            (
                Some("Power Supply 1"),
                ComponentCategory::PowerSupply,
                Some(false)
            ),
            (
                Some("Power Supply 2"),
                ComponentCategory::PowerSupply,
                Some(false)
            ),
        ]
    );
    let drives: Vec<_> = items
        .iter()
        .filter(|c| c.version.as_deref() == Some("HPK3"))
        .collect();
    assert_eq!(drives.len(), 2);
}

#[test]
fn r8_ilo6_expanded_firmware_inventory_is_read_like_ilo5() {
    let parse = parse_fixture("ilo6_firmware_inventory_expanded.json");
    assert_eq!(parse.documents, [DocumentKind::FirmwareInventory]);
    assert!(parse.problems.is_empty(), "{:#?}", parse.problems);
    let items = components(&parse);
    assert_eq!(items.len(), 13);
    assert!(
        items.iter().all(|c| c.scope == ComponentScope::InScope),
        "{items:#?}"
    );
    assert_eq!(
        find(items, "iLO 6").version.as_deref(),
        Some("1.58 Mar 22 2024")
    );
    assert_eq!(
        find(items, "HPE MR408i-o Gen11").category,
        ComponentCategory::StorageController
    );
    assert_eq!(
        find(items, "Mellanox ConnectX-6 Lx OCP3.0").category,
        ComponentCategory::NetworkAdapter
    );
    assert_eq!(
        find(items, "Server Platform Services (SPS) Firmware").category,
        ComponentCategory::PlatformFirmware
    );
}

#[test]
fn r8_single_firmware_member_is_one_item() {
    let parse = parse_fixture("ilo5_firmware_member.json");
    assert_eq!(parse.documents, [DocumentKind::FirmwareItem]);
    assert!(parse.problems.is_empty());
    let items = components(&parse);
    assert_eq!(items.len(), 1);
    assert_eq!(
        (
            items[0].name.as_str(),
            items[0].version.as_deref(),
            items[0].scope
        ),
        (
            "System ROM",
            Some("U46 v1.56 (11/29/2021)"),
            ComponentScope::InScope
        )
    );
    assert_eq!(items[0].category, ComponentCategory::SystemRom);
}

#[test]
fn links_only_collection_says_to_fetch_it_expanded() {
    let parse = parse_fixture("ilo5_firmware_collection_links_only.json");
    assert!(parse.servers.is_empty());
    assert_eq!(codes(&parse), [InventoryProblemCode::LinksOnlyCollection]);
    let problem = &parse.problems[0];
    assert_eq!(problem.source, "ilo5_firmware_collection_links_only.json");
    assert_eq!(problem.field.as_deref(), Some("Members"));
    for message in [&problem.message_en, &problem.message_ja] {
        assert!(message
            .contains("ilorest rawget /redfish/v1/UpdateService/FirmwareInventory/ --expand"));
        assert!(message.contains("?$expand=."), "{message}");
    }
}

#[test]
fn r8_ilo4_firmware_inventory_reads_the_current_map() {
    let parse = parse_fixture("ilo4_firmware_inventory.json");
    assert_eq!(parse.documents, [DocumentKind::Ilo4FirmwareInventory]);
    assert!(parse.problems.is_empty(), "{:#?}", parse.problems);
    let items = components(&parse);
    assert_eq!(items.len(), 12);
    assert!(
        items.iter().all(|c| c.scope == ComponentScope::InScope),
        "{items:#?}"
    );
    let rom = find(items, "System ROM");
    assert_eq!(rom.version.as_deref(), Some("P89 v2.42 (04/25/2017)"));
    assert_eq!(rom.device_context.as_deref(), Some("System Board"));
    assert_eq!(
        find(items, "iLO").version.as_deref(),
        Some("2.54 Jun 15 2017")
    );
    let controller = find(items, "Smart Array P440ar Controller");
    assert_eq!(controller.device_context.as_deref(), Some("Embedded RAID"));
    assert_eq!(controller.category, ComponentCategory::StorageController);
    let bays: Vec<_> = items
        .iter()
        .filter(|c| c.name == "Power Supply Firmware")
        .filter_map(|c| c.device_context.as_deref())
        .collect();
    assert_eq!(bays, ["Bay 1", "Bay 2"]);
}

#[test]
fn ilo4_entries_without_a_name_take_it_from_their_key() {
    let parse = parse_inventory(
        r##"{"@odata.type": "#FwSwVersionInventory.1.2.0.FwSwVersionInventory",
            "Current": {"SystemBMC": [{"VersionString": "2.78 Apr 28 2021", "Location": "System Board"}],
                        "SystemRomActive": {"VersionString": "P89 v2.90 (04/29/2021)"}}}"##,
    );
    let names: Vec<_> = components(&parse).iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["iLO", "System ROM"]);
    assert!(parse.problems.is_empty());
}

#[test]
fn ilo4_current_map_saved_without_its_wrapper_is_read() {
    let parse = parse_inventory(
        r#"{"SystemRomActive": [{"Name": "System ROM", "VersionString": "P89 v2.42 (04/25/2017)"}]}"#,
    );
    assert_eq!(parse.documents, [DocumentKind::Ilo4FirmwareInventory]);
    assert_eq!(components(&parse)[0].name, "System ROM");
}

#[test]
fn r8_r9_r10_ilorest_systeminfo_gives_model_serial_firmware_and_software() {
    let parse = parse_fixture("ilorest_systeminfo.json");
    assert_eq!(parse.documents, [DocumentKind::IlorestServerinfo]);
    assert!(parse.problems.is_empty(), "{:#?}", parse.problems);
    let server = &parse.servers[0];
    assert_eq!(
        server.model.as_deref(),
        Some("HPE ProLiant DL380 Gen10 Plus")
    );
    assert_eq!(server.serial_number.as_deref(), Some("JPE1234ABC"));
    let verdict = server
        .eligibility
        .as_ref()
        .expect("a model gives a verdict");
    assert_eq!(
        (verdict.outcome, verdict.rule.as_str()),
        (ProductOutcome::Eligible, "R8")
    );
    let items = &server.components;
    // The System ROM is in both the system section and the firmware list: once.
    assert_eq!(items.iter().filter(|c| c.name == "System ROM").count(), 1);
    assert_eq!(
        find(items, "iLO 5").version.as_deref(),
        Some("2.55 Oct 01 2021")
    );
    assert_eq!(
        find(items, "MZ7KH960HAJR0D3").version.as_deref(),
        Some("HPK3")
    );
    // Listed twice without a device context: both kept.
    assert_eq!(
        items
            .iter()
            .filter(|c| c.name == "Power Supply Firmware")
            .count(),
        2
    );
    let firmware = items.iter().filter(|c| c.kind == InventoryKind::Firmware);
    assert!(firmware.clone().all(|c| c.scope == ComponentScope::InScope));
    assert_eq!(firmware.count(), 11);
    let software: Vec<_> = items
        .iter()
        .filter(|c| c.kind == InventoryKind::Software)
        .map(|c| (c.name.as_str(), c.scope, c.rule.as_str()))
        .collect();
    assert_eq!(
        software,
        [
            (
                "HPE Agentless Management Service for Linux",
                ComponentScope::DependsOnSpp,
                "R9"
            ),
            (
                "HPE MR Storage Administrator CLI (StorCLI)",
                ComponentScope::DependsOnSpp,
                "R9"
            ),
            (
                "Red Hat Enterprise Linux 8.6",
                ComponentScope::OutOfScope,
                "R10"
            ),
            (
                "smartpqi: HPE Smart Array SR Gen10 Controller Driver",
                ComponentScope::DependsOnSpp,
                "R9"
            ),
        ]
    );
}

#[test]
fn older_ilorest_serverinfo_with_redfish_members_is_read() {
    let parse = parse_fixture("ilorest_serverinfo_members.json");
    assert_eq!(parse.documents, [DocumentKind::IlorestServerinfo]);
    assert!(parse.problems.is_empty(), "{:#?}", parse.problems);
    let server = &parse.servers[0];
    assert_eq!(server.serial_number.as_deref(), Some("JPE1234ABC"));
    let names: Vec<_> = server.components.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "iLO 5",
            "System ROM",
            "Intelligent Platform Abstraction Data"
        ]
    );
    assert_eq!(
        find(&server.components, "iLO 5").device_context.as_deref(),
        Some("System Board")
    );
}

#[test]
fn ilorest_key_spellings_are_accepted() {
    for system in [
        r#"{"SerialNumber": "SGH1", "Model": "ProLiant DL20 Gen10", "BiosVersion": "U43 v2.72"}"#,
        r#"{"Serial": "SGH1", "Model": "ProLiant DL20 Gen10", "ROM": "U43 v2.72"}"#,
        r#"{"Serial Number": "SGH1", "Model": "ProLiant DL20 Gen10", "BIOS Version": "U43 v2.72"}"#,
    ] {
        let parse = parse_inventory(&format!(r#"{{"system": {system}, "firmware": null}}"#));
        let server = &parse.servers[0];
        assert_eq!(server.serial_number.as_deref(), Some("SGH1"), "{system}");
        assert_eq!(
            server.components[0].version.as_deref(),
            Some("U43 v2.72"),
            "{system}"
        );
        assert!(parse.problems.is_empty(), "{system}: {:#?}", parse.problems);
    }
}

#[test]
fn r9_r10_software_inventory_is_software_drivers_depend_on_the_spp() {
    let parse = parse_fixture("software_inventory.json");
    assert_eq!(parse.documents, [DocumentKind::SoftwareInventory]);
    assert!(parse.problems.is_empty(), "{:#?}", parse.problems);
    let items = components(&parse);
    assert!(items.iter().all(|c| c.kind == InventoryKind::Software));
    let scopes: Vec<_> = items.iter().map(|c| (c.scope, c.rule.as_str())).collect();
    assert_eq!(
        scopes,
        [
            (ComponentScope::DependsOnSpp, "R9"),
            (ComponentScope::DependsOnSpp, "R9"),
            (ComponentScope::DependsOnSpp, "R9"),
            (ComponentScope::DependsOnSpp, "R9"),
            (ComponentScope::OutOfScope, "R10"),
            (ComponentScope::OutOfScope, "R10"),
        ]
    );
    assert_eq!(
        find(items, "Red Hat Enterprise Linux 8.6").category,
        ComponentCategory::OperatingSystem
    );
    assert_eq!(
        find(items, "Oracle Database 19c").category,
        ComponentCategory::Application
    );
}

#[test]
fn r10_unrecognised_software_member_is_out_of_scope_firmware_member_in_scope() {
    let software = parse_inventory(
        r#"[{"@odata.id": "/redfish/v1/Systems/1/SoftwareInventory/9/", "Name": "Acme Batch Scheduler", "Version": "4.2"}]"#,
    );
    let firmware = parse_inventory(
        r#"[{"@odata.id": "/redfish/v1/UpdateService/FirmwareInventory/9/", "Name": "Acme Thing", "Version": "4.2"}]"#,
    );
    assert_eq!(components(&software)[0].scope, ComponentScope::OutOfScope);
    assert_eq!(components(&firmware)[0].scope, ComponentScope::InScope);
}

#[test]
fn r8_computer_system_gives_model_serial_and_system_rom() {
    let parse = parse_fixture("ilo5_computer_system.json");
    assert_eq!(parse.documents, [DocumentKind::ComputerSystem]);
    assert!(parse.problems.is_empty());
    let server = &parse.servers[0];
    assert_eq!(server.model.as_deref(), Some("ProLiant DL380 Gen10 Plus"));
    assert_eq!(server.serial_number.as_deref(), Some("JPE1234ABC"));
    assert_eq!(
        server.eligibility.as_ref().map(|v| v.outcome),
        Some(ProductOutcome::Eligible)
    );
    let rom = &server.components[0];
    assert_eq!(
        (
            rom.name.as_str(),
            rom.version.as_deref(),
            rom.device_context.as_deref()
        ),
        (
            "System ROM",
            Some("U46 v1.56 (11/29/2021)"),
            Some("System Board")
        )
    );
}

#[test]
fn r11_excluded_model_is_reported_through_eligibility() {
    let parse = parse_inventory(
        r##"{"@odata.type": "#ComputerSystem.v1_4_0.ComputerSystem", "Model": "ProLiant MicroServer Gen10 Plus",
            "SerialNumber": "CN0000XYZ", "BiosVersion": "U48 v2.60"}"##,
    );
    let verdict = parse.servers[0].eligibility.as_ref().expect("verdict");
    assert_eq!(
        (verdict.outcome, verdict.rule.as_str()),
        (ProductOutcome::Excluded, "R11")
    );
}

#[test]
fn members_without_version_are_kept_without_name_left_out_and_both_reported() {
    let parse = parse_named(
        "fw.json",
        r##"{"@odata.type": "#SoftwareInventoryCollection.SoftwareInventoryCollection", "Members": [
            {"Name": "iLO 5", "Version": "2.55 Oct 01 2021"},
            {"Name": "Embedded Video Controller"},
            {"Name": "TPM Firmware", "Version": ""},
            {"Version": "1.0"},
            42,
            {"@odata.id": "/redfish/v1/UpdateService/FirmwareInventory/7/"}
        ]}"##,
    );
    let items = components(&parse);
    let read: Vec<_> = items
        .iter()
        .map(|c| (c.name.as_str(), c.version.as_deref()))
        .collect();
    assert_eq!(
        read,
        [
            ("iLO 5", Some("2.55 Oct 01 2021")),
            ("Embedded Video Controller", None),
            ("TPM Firmware", None),
        ]
    );
    let fields: Vec<_> = parse
        .problems
        .iter()
        .map(|p| (p.code, p.field.as_deref()))
        .collect();
    assert_eq!(
        fields,
        [
            (InventoryProblemCode::MissingField, Some("Members")),
            (InventoryProblemCode::MissingField, Some("Name")),
            (InventoryProblemCode::MissingField, Some("Version")),
        ]
    );
    assert!(
        parse.problems[1].message_en.starts_with("2 items"),
        "{:?}",
        parse.problems[1]
    );
    assert!(
        parse.problems[2].message_en.starts_with("2 items"),
        "{:?}",
        parse.problems[2]
    );
}

#[test]
fn computer_system_with_blank_serial_keeps_the_rest_and_reports_it() {
    let parse = parse_inventory(r#"{"Model": "ProLiant DL180 Gen10", "SerialNumber": "   "}"#);
    assert_eq!(
        parse.servers[0].model.as_deref(),
        Some("ProLiant DL180 Gen10")
    );
    assert_eq!(parse.servers[0].serial_number, None);
    assert_eq!(codes(&parse), [InventoryProblemCode::MissingField]);
    assert_eq!(parse.problems[0].field.as_deref(), Some("SerialNumber"));
}

#[test]
fn empty_inventories_say_why_they_may_be_empty() {
    let firmware = parse_inventory(
        r##"{"@odata.type": "#SoftwareInventoryCollection.SoftwareInventoryCollection",
            "@odata.id": "/redfish/v1/UpdateService/FirmwareInventory/", "Members": []}"##,
    );
    let software = parse_inventory(
        r#"{"@odata.id": "/redfish/v1/Systems/1/SoftwareInventory/", "Members": []}"#,
    );
    assert_eq!(codes(&firmware), [InventoryProblemCode::NoComponents]);
    assert_eq!(codes(&software), [InventoryProblemCode::NoComponents]);
    assert!(software.problems[0]
        .message_en
        .contains("Agentless Management Service"));
    assert!(firmware.servers.is_empty() && software.servers.is_empty());
}

#[test]
fn truncated_json_is_not_json_with_what_was_expected() {
    let parse = parse_fixture("malformed_truncated.json");
    assert_eq!(codes(&parse), [InventoryProblemCode::NotJson]);
    assert!(parse.servers.is_empty());
    let problem = &parse.problems[0];
    assert_eq!(problem.source, "malformed_truncated.json");
    assert!(
        problem.message_en.contains("line "),
        "{}",
        problem.message_en
    );
    assert!(problem
        .message_en
        .contains("ilorest serverinfo --system --firmware --software --json"));
    assert!(problem.message_ja.contains("JSON として読めません"));
}

#[test]
fn screen_output_instead_of_json_is_not_json() {
    let parse = parse_fixture("malformed_screen_output.txt");
    assert_eq!(codes(&parse), [InventoryProblemCode::NotJson]);
}

#[test]
fn another_redfish_resource_is_unknown_shape_naming_its_type() {
    let parse = parse_fixture("malformed_wrong_shape.json");
    assert_eq!(codes(&parse), [InventoryProblemCode::UnknownShape]);
    assert!(parse.problems[0]
        .message_en
        .contains("UpdateService.v1_1_0.UpdateService"));
    assert!(parse.problems[0].message_en.contains("--expand"));
    for text in [
        "42",
        "\"text\"",
        "null",
        "[]",
        "[1, 2]",
        "{}",
        r#"{"a": {"b": 1}}"#,
    ] {
        let parse = parse_inventory(text);
        assert_eq!(
            codes(&parse),
            [InventoryProblemCode::UnknownShape],
            "{text}"
        );
        assert!(parse.servers.is_empty(), "{text}");
    }
}

#[test]
fn empty_text_is_empty() {
    for text in [
        fixture("malformed_empty.json"),
        " \n\t ".into(),
        "\u{feff}".into(),
    ] {
        assert_eq!(
            codes(&parse_inventory(&text)),
            [InventoryProblemCode::Empty],
            "{text:?}"
        );
    }
}

#[test]
fn text_over_five_megabytes_is_refused_unread() {
    let mut text = fixture("ilo5_firmware_member.json");
    text.push_str(&" ".repeat(MAX_INPUT_BYTES + 1 - text.len()));
    assert_eq!(text.len(), 5 * 1024 * 1024 + 1);
    let parse = parse_named("big.json", &text);
    assert_eq!(codes(&parse), [InventoryProblemCode::TooLarge]);
    assert!(parse.documents.is_empty() && parse.servers.is_empty());
    assert!(parse.problems[0].message_en.contains("5242881 bytes"));
    // Exactly the limit is read.
    text.pop();
    let parse = parse_named("limit.json", &text);
    assert_eq!(parse.documents, [DocumentKind::FirmwareItem]);
}

#[test]
fn deeply_nested_json_is_refused_without_overflowing_the_stack() {
    for depth in [129, 10_000, 500_000] {
        let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert_eq!(
            codes(&parse_inventory(&text)),
            [InventoryProblemCode::TooDeep],
            "{depth}"
        );
        let text = format!("{}1{}", r#"{"a":"#.repeat(depth), "}".repeat(depth));
        assert_eq!(
            codes(&parse_inventory(&text)),
            [InventoryProblemCode::TooDeep],
            "{depth}"
        );
    }
    let nested = format!("{}{}", "[".repeat(100), "]".repeat(100));
    assert_eq!(
        codes(&parse_inventory(&nested)),
        [InventoryProblemCode::UnknownShape]
    );
}

#[test]
fn ilorest_banner_and_byte_order_mark_are_skipped() {
    let text = format!(
        "\u{feff}iLOrest : RESTful Interface Tool version 4.2.0.0\nCopyright (c) 2014-2023 Hewlett Packard Enterprise Development LP\n\n{}",
        fixture("ilo5_firmware_member.json")
    );
    let parse = parse_inventory(&text);
    assert_eq!(parse.documents, [DocumentKind::FirmwareItem]);
    assert!(parse.problems.is_empty());
}

#[test]
fn documents_appended_to_one_file_are_each_read() {
    let text = format!(
        "{}\n{}",
        fixture("ilo5_computer_system.json"),
        fixture("ilo5_firmware_inventory_expanded.json")
    );
    let parse = parse_inventory(&text);
    assert_eq!(
        parse.documents,
        [
            DocumentKind::ComputerSystem,
            DocumentKind::FirmwareInventory
        ]
    );
    assert_eq!(parse.servers.len(), 2);
    // A good document followed by a broken one: the first is kept, the rest reported.
    let parse = parse_inventory(&format!(
        "{}\n{{\"Members\": [",
        fixture("ilo5_computer_system.json")
    ));
    assert_eq!(parse.documents, [DocumentKind::ComputerSystem]);
    assert_eq!(codes(&parse), [InventoryProblemCode::NotJson]);
}

#[test]
fn more_documents_than_the_limit_are_reported_not_read() {
    let text = r#"{"Name": "iLO 5", "Version": "2.55"}"#.repeat(MAX_DOCUMENTS + 5);
    let parse = parse_inventory(&text);
    assert_eq!(parse.documents.len(), MAX_DOCUMENTS);
    assert_eq!(codes(&parse), [InventoryProblemCode::TooManyDocuments]);
}

/// An expanded firmware collection with `count` distinct members named `prefix-N`.
fn collection(prefix: &str, count: usize) -> String {
    let members: Vec<String> = (0..count)
        .map(|n| format!(r#"{{"Name": "{prefix}-{n}", "Version": "1.{n}"}}"#))
        .collect();
    format!(
        r##"{{"@odata.type": "#SoftwareInventoryCollection.SoftwareInventoryCollection", "Members": [{}]}}"##,
        members.join(",")
    )
}

#[test]
fn items_past_the_limit_are_reported_not_read() {
    let parse = parse_named("huge.json", &collection("NIC", MAX_ITEMS + 7));
    assert_eq!(components(&parse).len(), MAX_ITEMS);
    assert_eq!(components(&parse)[0].name, "NIC-0");
    assert_eq!(codes(&parse), [InventoryProblemCode::TooManyItems]);
    assert!(parse.problems[0].message_en.contains("other 7 left out"));
    assert!(parse.problems[0].message_ja.contains("残りの 7 件"));
    // At the limit exactly, nothing is reported.
    let parse = parse_named("full.json", &collection("NIC", MAX_ITEMS));
    assert_eq!(components(&parse).len(), MAX_ITEMS);
    assert!(parse.problems.is_empty(), "{:?}", parse.problems);
}

#[test]
fn combining_documents_keeps_at_most_the_limit_for_one_server() {
    let half = MAX_ITEMS / 2 + 10;
    let system = r##"{"@odata.type": "#ComputerSystem.v1_13_0.ComputerSystem", "Model": "ProLiant DL380 Gen10", "SerialNumber": "JPE1", "BiosVersion": "U30 v2.54 (12/03/2021)"}"##;
    let report = merge(vec![
        parse_named("system.json", system),
        parse_named("a.json", &collection("A", half)),
        parse_named("b.json", &collection("B", half)),
    ]);
    assert_eq!(report.servers.len(), 1);
    assert_eq!(report.servers[0].components.len(), MAX_ITEMS);
    let problem = report
        .problems
        .iter()
        .find(|p| p.code == InventoryProblemCode::TooManyItems)
        .expect("the items left out are reported");
    assert_eq!(problem.source, "b.json");
}

#[test]
fn long_names_are_cut() {
    let name = "A".repeat(10_000);
    let parse = parse_inventory(&format!(r#"{{"Name": "{name}", "Version": "1"}}"#));
    assert_eq!(
        components(&parse)[0].name.len(),
        fwportal_core::inventory::MAX_TEXT_CHARS
    );
}

#[test]
fn problems_serialise_with_snake_case_codes() {
    let parse = parse_fixture("ilo5_firmware_collection_links_only.json");
    let json = serde_json::to_value(&parse.problems[0]).expect("serialises");
    assert_eq!(json["code"], "links_only_collection");
    assert_eq!(json["source"], "ilo5_firmware_collection_links_only.json");
    let round: fwportal_core::inventory::InventoryProblem =
        serde_json::from_value(json).expect("deserialises");
    assert_eq!(round, parse.problems[0]);
}

// --- The real samples (tests/fixtures/inventory-samples). ---

#[test]
fn real_ilo5_computer_system_dl180_gen10() {
    let text = sample("proliantutils/system.json");
    // The file keys several variants by name: as a whole it is not an iLO document.
    assert_eq!(
        codes(&parse_named("system.json", &text)),
        [InventoryProblemCode::UnknownShape]
    );
    let variants: serde_json::Value = serde_json::from_str(&text).expect("sample is JSON");
    let default = serde_json::to_string(&variants["default"]).expect("serialises");
    let parse = parse_named("system.json", &default);
    assert_eq!(parse.documents, [DocumentKind::ComputerSystem]);
    let server = &parse.servers[0];
    assert_eq!(server.model.as_deref(), Some("ProLiant DL180 Gen10"));
    assert_eq!(
        server.eligibility.as_ref().map(|v| v.outcome),
        Some(ProductOutcome::Eligible)
    );
    // Its SerialNumber is blank (sixteen spaces): kept as missing and reported.
    assert_eq!(server.serial_number, None);
    assert_eq!(codes(&parse), [InventoryProblemCode::MissingField]);
    assert_eq!(
        server.components[0].version.as_deref(),
        Some("U31 v1.00 (03/11/2017)")
    );
    assert_eq!(server.components[0].scope, ComponentScope::InScope);
}

#[test]
fn real_ilo4_web_overview_dl380_gen9() {
    let text = sample("bmclib/ilo__json__overview.json");
    let parse = parse_named("overview.json", &text);
    assert_eq!(parse.documents, [DocumentKind::IloOverview]);
    assert!(parse.problems.is_empty(), "{:#?}", parse.problems);
    let server = &parse.servers[0];
    assert_eq!(server.model.as_deref(), Some("ProLiant DL380 Gen9"));
    assert_eq!(server.serial_number.as_deref(), Some("CZ3605020D"));
    let read: Vec<_> = server
        .components
        .iter()
        .map(|c| (c.name.as_str(), c.version.as_deref(), c.scope))
        .collect();
    assert_eq!(
        read,
        [
            (
                "System ROM",
                Some("P89 v2.42 (04/25/2017)"),
                ComponentScope::InScope
            ),
            ("iLO", Some("2.54 Jun 15 2017"), ComponentScope::InScope),
        ]
    );
}

#[test]
fn real_ilo5_manager_gives_the_ilo_firmware() {
    let text = sample("proliantutils/manager.json");
    let parse = parse_named("manager.json", &text);
    assert_eq!(parse.documents, [DocumentKind::Manager]);
    let items = components(&parse);
    assert_eq!(
        (
            items[0].name.as_str(),
            items[0].version.as_deref(),
            items[0].category
        ),
        ("iLO", Some("iLO 5 v1.15"), ComponentCategory::Ilo)
    );
}

#[test]
fn real_samples_of_other_resources_are_unknown_shape_and_never_panic() {
    for (name, code, word) in [
        (
            "proliantutils/update_service.json",
            InventoryProblemCode::UnknownShape,
            "UpdateService",
        ),
        (
            "proliantutils/array_controller.json",
            InventoryProblemCode::UnknownShape,
            "JSON",
        ),
        (
            "proliantutils/disk_drive.json",
            InventoryProblemCode::UnknownShape,
            "JSON",
        ),
    ] {
        let text = sample(name);
        let parse = parse_named(name, &text);
        assert_eq!(codes(&parse), [code], "{name}");
        assert!(
            parse.problems[0].message_en.contains(word),
            "{name}: {:?}",
            parse.problems[0]
        );
        assert!(parse.servers.is_empty(), "{name}");
    }
}

#[test]
fn bytes_in_utf16_or_with_a_bom_are_decoded_and_oversized_bytes_refused() {
    let text = fixture("ilo5_computer_system.json");
    let le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    let bom: Vec<u8> = [0xEF, 0xBB, 0xBF].into_iter().chain(text.bytes()).collect();
    for bytes in [le, be, bom, text.clone().into_bytes()] {
        let parse = fwportal_core::inventory::parse_bytes("system.json", &bytes);
        assert_eq!(parse.documents, [DocumentKind::ComputerSystem]);
        assert!(parse.problems.is_empty());
    }
    // An odd trailing byte and invalid UTF-8 are replaced, then fail as JSON, never panic.
    let parse = fwportal_core::inventory::parse_bytes("x.json", &[0xFF, 0xFE, b'{', 0, b'}']);
    assert_eq!(codes(&parse), [InventoryProblemCode::NotJson]);
    let parse = fwportal_core::inventory::parse_bytes("x.json", &[b'{', 0xC3, b'}']);
    assert_eq!(codes(&parse), [InventoryProblemCode::NotJson]);
    let big = vec![b' '; MAX_INPUT_BYTES + 1];
    let parse = fwportal_core::inventory::parse_bytes("big.json", &big);
    assert_eq!(codes(&parse), [InventoryProblemCode::TooLarge]);
}
