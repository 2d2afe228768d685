//! The inventory parser never panics, whatever it is given: arbitrary JSON trees built from
//! the keys iLO documents use (so the shape detection is exercised, not only rejected), and
//! arbitrary bytes read as lossy UTF-8.

mod inventory_support;

use fwportal_core::inventory::{merge, parse_bytes, parse_inventory, parse_named};
use inventory_support::check;
use proptest::prelude::*;
use serde_json::{Map, Value};

const KEYS: &[&str] = &[
    "@odata.type",
    "@odata.id",
    "Members",
    "Name",
    "Version",
    "VersionString",
    "Location",
    "Current",
    "Oem",
    "Hpe",
    "Hp",
    "DeviceContext",
    "Updateable",
    "Model",
    "SerialNumber",
    "BiosVersion",
    "system",
    "firmware",
    "software",
    "Serial Number",
    "Bios Version",
    "product_name",
    "serial_num",
    "system_rom",
    "ilo_fw_version",
    "FirmwareVersion",
    "ManagerType",
    "SystemRomActive",
    "Type",
    "x",
];

const STRINGS: &[&str] = &[
    "#ComputerSystem.v1_13_0.ComputerSystem",
    "#SoftwareInventoryCollection.SoftwareInventoryCollection",
    "#SoftwareInventory.v1_3_0.SoftwareInventory",
    "#FwSwVersionInventory.1.2.0.FwSwVersionInventory",
    "#Manager.v1_5_1.Manager",
    "#UpdateService.v1_1_0.UpdateService",
    "#",
    "/redfish/v1/Systems/1/SoftwareInventory/1/",
    "/redfish/v1/UpdateService/FirmwareInventory/1/",
    "iLO 5: 2.55 Oct 01 2021",
    "System ROM",
    "U46 v1.56 (11/29/2021)",
    "ProLiant DL380 Gen10",
    "Power Supply 1",
    "",
    "   ",
    ":",
    "é字\u{0}\u{feff}",
];

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        prop::sample::select(STRINGS).prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
    ]
}

fn json_tree() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(6, 96, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop_oneof![prop::sample::select(KEYS).prop_map(String::from), ".{0,6}"],
                    inner
                ),
                0..8
            )
            .prop_map(|entries| Value::Object(entries.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn any_json_tree_is_read_without_panic(tree in json_tree()) {
        let text = serde_json::to_string(&tree).expect("serialises");
        let parse = parse_named("tree.json", &text);
        prop_assert!(parse.problems.iter().all(|p| p.source == "tree.json"));
        prop_assert!(!parse.documents.is_empty() || !parse.problems.is_empty());
        check(&merge(vec![parse.clone(), parse]));
    }

    #[test]
    fn several_trees_merge_without_panic(trees in prop::collection::vec(json_tree(), 0..5)) {
        let parses = trees
            .iter()
            .enumerate()
            .map(|(i, t)| parse_named(&format!("{i}.json"), &t.to_string()));
        check(&merge(parses));
    }

    #[test]
    fn any_bytes_are_read_without_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let text = String::from_utf8_lossy(&bytes);
        check(&merge(vec![parse_inventory(&text), parse_bytes("b.json", &bytes)]));
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(&bytes);
        check(&merge(vec![parse_bytes("u.json", &utf16)]));
    }

    #[test]
    fn any_cut_of_a_real_document_is_read_without_panic(cut in 0usize..4000) {
        let text = r##"{"@odata.type": "#SoftwareInventoryCollection.SoftwareInventoryCollection", "Members": [
            {"Name": "iLO 5", "Version": "2.55 Oct 01 2021", "Oem": {"Hpe": {"DeviceContext": "System Board"}}},
            {"Name": "Power Supply Firmware", "Version": "1.00", "Oem": {"Hpe": {"DeviceContext": "Power Supply 1"}}}]}
            {"system": {"Model": "ProLiant DL380 Gen10", "Serial Number": "X"}, "firmware": ["iLO 5: 2.55"]}"##;
        let end = text.char_indices().map(|(i, _)| i).chain([text.len()]).take_while(|&i| i <= cut).last().unwrap_or(0);
        check(&merge(vec![parse_inventory(&text[..end]), parse_inventory(&text[end..])]));
    }
}
