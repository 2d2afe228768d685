//! The firmware analysis on the DL360 Gen10 fixture and HPE-shaped catalogue (iLO 5 with
//! DeviceClass and Targets), on iLO 4 and Onboard Administrator inventories (no targets),
//! and its per-server consequences (R8, R10, R12).

use fwportal_core::eligibility::ComponentScope;
use fwportal_core::firmware::analysis::{analyse, Action, MatchedBy, UnknownReason};
use fwportal_core::firmware::catalog::parse_catalog;
use fwportal_core::firmware::Catalog;
use fwportal_core::inventory::{merge, parse_named, InventoryServer};
use serde_json::json;

fn read(dir: &str, name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(dir)
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn gen10_catalog() -> Catalog {
    let parse = parse_catalog("fwrepo_gen10.json", &read("firmware", "fwrepo_gen10.json"));
    assert_eq!(parse.problems, []);
    parse.catalog
}

fn dl360() -> Vec<InventoryServer> {
    let report = merge([
        parse_named("system.json", &read("firmware", "dl360_gen10_system.json")),
        parse_named(
            "firmware.json",
            &read("firmware", "dl360_gen10_firmware_inventory.json"),
        ),
    ]);
    assert_eq!(report.problems, []);
    report.servers
}

#[test]
fn the_import_keeps_device_class_and_targets() {
    let servers = dl360();
    let rom = servers[0]
        .components
        .iter()
        .find(|c| c.name == "System ROM")
        .expect("System ROM");
    // The system resource gives the ROM first, without targets; the firmware inventory's
    // reading of the same ROM brings them.
    assert_eq!(
        rom.device_class.as_deref(),
        Some("2f317b9d-c9e3-4d76-bff6-b9d0d085a952")
    );
    assert_eq!(rom.targets, ["00000000-0000-0000-0000-0000000010b2"]);
    let video = servers[0]
        .components
        .iter()
        .find(|c| c.name == "Embedded Video Controller")
        .expect("video");
    assert!(video.targets.is_empty() && video.device_class.is_none());
}

#[test]
fn each_dl360_component_gets_its_action() {
    let analysis = analyse(&gen10_catalog(), &dl360());
    assert_eq!(analysis.len(), 1);
    let server = &analysis[0];
    assert_eq!(server.model.as_deref(), Some("ProLiant DL360 Gen10"));
    let row = |name: &str, location: &str| {
        server
            .components
            .iter()
            .find(|c| c.name == name && c.location.as_deref() == Some(location))
            .unwrap_or_else(|| panic!("{name} at {location}"))
    };
    let ilo = row("iLO 5", "System Board");
    assert_eq!(ilo.action, Action::Update);
    // The repository keeps 2.65 and 2.72: the newest is taken.
    assert_eq!(ilo.catalog_version.as_deref(), Some("2.72"));
    assert_eq!(ilo.package.as_deref(), Some("ilo5_272.fwpkg"));
    assert_eq!(ilo.matched_by, Some(MatchedBy::Targets));
    assert_eq!(ilo.reboot_required, Some(false));

    let rom = row("System ROM", "System Board");
    assert_eq!(
        (rom.action, rom.catalog_version.as_deref()),
        (Action::Update, Some("2.90_07-25-2023"))
    );
    assert_eq!(rom.package.as_deref(), Some("U32_2.90_07_25_2023.fwpkg"));
    assert_eq!(rom.reboot_required, Some(true));

    let cpld = row("System Programmable Logic Device", "System Board");
    assert_eq!(cpld.action, Action::Update);
    assert_eq!(cpld.power_off_required, Some(true));

    let sa = row("HPE Smart Array P408i-a SR Gen10", "Storage Slot 12");
    assert_eq!(sa.action, Action::Update);
    assert_eq!(sa.minimum_active_version.as_deref(), Some("3.00"));
    assert_eq!(sa.two_step, Some(true));

    let nic = row("HPE Ethernet 1Gb 4-port 331i Adapter - NIC", "Embedded LOM");
    assert_eq!(nic.action, Action::Current);
    assert_eq!(nic.two_step, Some(false));

    let drive = row("MZ7KH960HAJR0D3", "Slot=12:Port=1I:Box=1:Bay=2");
    assert_eq!(
        (drive.action, drive.catalog_version.as_deref()),
        (Action::Update, Some("HPK5"))
    );

    assert_eq!(
        row("TPM Firmware", "System Board").action,
        Action::NewerInstalled
    );
    assert_eq!(
        row("Power Supply Firmware", "Power Supply 1").action,
        Action::NotInCatalog
    );
    let video = row("Embedded Video Controller", "Embedded Device");
    assert_eq!(video.action, Action::Unknown);
    assert_eq!(video.unknown_reason, Some(UnknownReason::NoTargets));

    // System ROM, redundant ROM, iLO, CPLD, PMC, platform data, Smart Array, two drives.
    assert_eq!(server.counts.update, 9);
    assert_eq!(server.counts.current, 1);
    assert_eq!(server.counts.newer_installed, 1);
    assert_eq!(server.counts.not_in_catalog, 1);
    assert_eq!(server.counts.unknown, 1);
    assert_eq!(server.reboot_required, Some(true));
    // R12: the CPLD needs the server powered off.
    assert_eq!(server.power_off_required, Some(true));
    assert_eq!(server.two_step, 1);
    assert_eq!(server.outside_scope, 0);
}

#[test]
fn ilo4_components_are_matched_by_name_only_when_unambiguous() {
    let report = merge([parse_named(
        "ilo4.json",
        &read("inventory", "ilo4_firmware_inventory.json"),
    )]);
    let target = |n: u32| format!("00000000-0000-0000-0000-{n:012x}");
    let catalog = parse_catalog(
        "fwrepo.json",
        &json!({
            "bcm_20.12.41.fwpkg": {"version": "20.12.41", "target": [target(1)],
                "description": "Online Firmware Upgrade for HP Ethernet 1Gb 4-port 331i Adapter - NIC",
                "reboot_required": "yes", "server_power_off": "no"},
            "P89_2.80.fwpkg": {"version": "2.80_10-16-2020", "target": [target(2)],
                "description": "System ROM for HPE ProLiant DL380 Gen9 (P89)"},
            "P92_2.80.fwpkg": {"version": "2.80_10-16-2020", "target": [target(3)],
                "description": "System ROM for HPE ProLiant DL360 Gen9 (P89)"},
            "sa_7.00.fwpkg": {"version": "7.00", "target": [target(4)],
                "description": "Smart Array P440ar Controller firmware", "minimum_active_version": "6.30"},
            "ilo4_277.fwpkg": {"version": "2.77", "target": [target(5)],
                "description": "HPE Integrated Lights-Out 4 (iLO 4) iLO"}
        })
        .to_string(),
    )
    .catalog;
    let analysis = analyse(&catalog, &report.servers);
    let row = |name: &str| {
        analysis[0]
            .components
            .iter()
            .find(|c| c.name == name)
            .unwrap_or_else(|| panic!("{name}"))
    };
    let nic = row("HP Ethernet 1Gb 4-port 331i Adapter - NIC");
    assert_eq!(
        (nic.action, nic.matched_by),
        (Action::Update, Some(MatchedBy::Name))
    );
    let sa = row("Smart Array P440ar Controller");
    assert_eq!(sa.action, Action::Update);
    assert_eq!(sa.two_step, Some(true), "6.06 is below the minimum 6.30");
    // Two ROM package lines carry "System ROM": not guessed.
    let rom = row("System ROM");
    assert_eq!(
        (rom.action, rom.unknown_reason),
        (Action::Unknown, Some(UnknownReason::AmbiguousName))
    );
    // "iLO" is too short a name to be matched by name.
    let ilo = row("iLO");
    assert_eq!(
        (ilo.action, ilo.unknown_reason),
        (Action::Unknown, Some(UnknownReason::NoTargets))
    );
}

#[test]
fn oa_blades_without_targets_are_not_analysed_and_out_of_scope_items_are_marked() {
    let report = merge([parse_named(
        "oa.xml",
        &read("inventory-samples", "bmclib/c7000__xmldata.xml"),
    )]);
    let analysis = analyse(&gen10_catalog(), &report.servers);
    assert_eq!(analysis.len(), report.servers.len());
    for server in &analysis {
        for c in &server.components {
            assert_ne!(c.action, Action::Update, "{c:?}");
        }
    }
    let software = merge([parse_named(
        "software.json",
        &read("inventory", "software_inventory.json"),
    )]);
    let analysis = analyse(&gen10_catalog(), &software.servers);
    let server = &analysis[0];
    let outside = server
        .components
        .iter()
        .filter(|c| c.scope != ComponentScope::InScope)
        .count();
    assert!(outside > 0);
    assert_eq!(server.outside_scope as usize, outside);
    assert!(server
        .components
        .iter()
        .filter(|c| c.scope == ComponentScope::OutOfScope)
        .all(|c| c.rule == "R10"));
}

#[test]
fn unknown_reasons_for_versions_that_do_not_compare() {
    let target = "4764a662-b342-4fc7-9ce9-258c5d99e815";
    let firmware = json!({
        "@odata.type": "#SoftwareInventoryCollection.SoftwareInventoryCollection",
        "Members": [
            {"Name": "Odd Device", "Version": "2.a.3",
             "Oem": {"Hpe": {"DeviceContext": "Slot 1", "Targets": [target]}}},
            {"Name": "Quiet Device",
             "Oem": {"Hpe": {"DeviceContext": "Slot 2", "Targets": [target]}}}
        ]
    })
    .to_string();
    let report = merge([parse_named("fw.json", &firmware)]);
    let catalog = parse_catalog(
        "fwrepo.json",
        &json!({"odd.fwpkg": {"version": "2.5", "target": [target], "reboot_required": "maybe"}})
            .to_string(),
    )
    .catalog;
    let analysis = analyse(&catalog, &report.servers);
    let reasons: Vec<_> = analysis[0]
        .components
        .iter()
        .map(|c| (c.action, c.unknown_reason))
        .collect();
    assert_eq!(
        reasons,
        [
            (Action::Unknown, Some(UnknownReason::VersionsDoNotCompare)),
            (Action::Unknown, Some(UnknownReason::NoInstalledVersion)),
        ]
    );
    // Nothing to update: no reboot, whatever the package says.
    assert_eq!(analysis[0].reboot_required, Some(false));
}
