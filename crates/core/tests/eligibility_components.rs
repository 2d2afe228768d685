//! R8, R9, R10: which firmware and software items the update work covers, with the names iLO 5
//! firmware and software inventories really use.

mod inventory_support;

use fwportal_core::eligibility::{
    classify_component, ComponentCategory as C, ComponentScope as S, InventoryKind as K,
};

/// Name, device context, inventory, expected scope, expected category.
type Case<'a> = (&'a str, Option<&'a str>, Option<K>, S, C);

fn check(table: &[Case]) {
    let mut failures = Vec::new();
    for (name, context, kind, scope, category) in table {
        let v = classify_component(name, *context, *kind);
        if (v.scope, v.category) != (*scope, *category) {
            failures.push(format!(
                "{name:?}: got {:?}/{:?}, want {scope:?}/{category:?}",
                v.scope, v.category
            ));
        }
        assert_eq!(v.rule, scope.rule(), "{name:?}");
        assert!(!v.reason_ja.is_empty() && !v.reason_en.is_empty());
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

const FW: Option<K> = Some(K::Firmware);
const SW: Option<K> = Some(K::Software);

#[test]
fn r8_server_and_internal_device_firmware_is_in_scope() {
    check(&[
        ("iLO 5", Some("System Board"), FW, S::InScope, C::Ilo),
        ("iLO 6", None, None, S::InScope, C::Ilo),
        (
            "System ROM",
            Some("System Board"),
            FW,
            S::InScope,
            C::SystemRom,
        ),
        (
            "Redundant System ROM",
            Some("System Board"),
            FW,
            S::InScope,
            C::SystemRom,
        ),
        ("BIOS", None, None, S::InScope, C::SystemRom),
        (
            "Intelligent Platform Abstraction Data",
            Some("System Board"),
            FW,
            S::InScope,
            C::PlatformFirmware,
        ),
        (
            "System Programmable Logic Device",
            Some("System Board"),
            FW,
            S::InScope,
            C::PlatformFirmware,
        ),
        (
            "Power Management Controller Firmware",
            Some("System Board"),
            FW,
            S::InScope,
            C::PlatformFirmware,
        ),
        (
            "Power Management Controller FW Bootloader",
            Some("System Board"),
            FW,
            S::InScope,
            C::PlatformFirmware,
        ),
        (
            "Server Platform Services (SPS) Firmware",
            Some("System Board"),
            FW,
            S::InScope,
            C::PlatformFirmware,
        ),
        (
            "Innovation Engine (IE) Firmware",
            Some("System Board"),
            FW,
            S::InScope,
            C::PlatformFirmware,
        ),
        (
            "Intelligent Provisioning",
            Some("System Board"),
            FW,
            S::InScope,
            C::EmbeddedTool,
        ),
        (
            "Embedded Video Controller",
            Some("Embedded Device"),
            FW,
            S::InScope,
            C::VideoController,
        ),
        (
            "HPE Smart Storage Battery 1 Firmware",
            Some("System Board"),
            FW,
            S::InScope,
            C::StorageEnclosure,
        ),
        (
            "HPE MR416i-a Gen10+",
            Some("Slot 12"),
            FW,
            S::InScope,
            C::StorageController,
        ),
        (
            "HPE Smart Array P408i-a SR Gen10",
            Some("Embedded RAID"),
            FW,
            S::InScope,
            C::StorageController,
        ),
        (
            "HPE Smart Array E208i-p SR Gen10",
            None,
            None,
            S::InScope,
            C::StorageController,
        ),
        (
            "HPE SR932i-p Gen10+",
            None,
            None,
            S::InScope,
            C::StorageController,
        ),
        (
            "HPE Ethernet 1Gb 4-port 331i Adapter - NIC",
            Some("Embedded LOM"),
            FW,
            S::InScope,
            C::NetworkAdapter,
        ),
        (
            "Marvell FastLinQ 10/25GbE 2p 41223-A2 Adapter",
            Some("Slot 1"),
            FW,
            S::InScope,
            C::NetworkAdapter,
        ),
        (
            "Mellanox ConnectX-6 Lx",
            Some("Slot 2"),
            FW,
            S::InScope,
            C::NetworkAdapter,
        ),
        (
            "HP FlexFabric 10Gb 2-port 536FLB Adapter",
            None,
            None,
            S::InScope,
            C::NetworkAdapter,
        ),
        (
            "HPE SN1100Q 16Gb 2p FC HBA",
            Some("Slot 3"),
            FW,
            S::InScope,
            C::StorageController,
        ),
        (
            "8 SFF 12G x1SAS UBM2 BC BP",
            Some("Box 1"),
            FW,
            S::InScope,
            C::StorageEnclosure,
        ),
        (
            "Drive 1 HPK3",
            Some("Port=1I:Box=1:Bay=1"),
            FW,
            S::InScope,
            C::Drive,
        ),
        (
            "Power Supply Firmware",
            Some("Power Supply 1"),
            FW,
            S::InScope,
            C::PowerSupply,
        ),
        ("TPM Firmware", None, None, S::InScope, C::Tpm),
        (
            "Onboard Administrator",
            None,
            None,
            S::InScope,
            C::EnclosureFirmware,
        ),
        (
            "Virtual Connect FlexFabric-20/40 F8 Module",
            None,
            None,
            S::InScope,
            C::EnclosureFirmware,
        ),
        (
            "Online ROM Flash Component for Windows x64 - HPE ProLiant DL380 Gen10 (U30) Servers",
            None,
            None,
            S::InScope,
            C::OtherFirmware,
        ),
        // Not recognised by name, but iLO's firmware inventory lists only the server's devices.
        ("EG0600FBVFX", Some("Bay 3"), FW, S::InScope, C::Drive),
        ("Something New 3000", None, FW, S::InScope, C::OtherFirmware),
        (
            "Something New 3000",
            Some("Slot 4"),
            None,
            S::InScope,
            C::OtherFirmware,
        ),
    ]);
}

#[test]
fn r9_drivers_utilities_and_agents_depend_on_the_spp() {
    check(&[
        (
            "HPE ProLiant Smart Array SAS/SATA driver",
            None,
            SW,
            S::DependsOnSpp,
            C::Driver,
        ),
        (
            "iLO 5 Automatic Server Recovery Driver",
            None,
            SW,
            S::DependsOnSpp,
            C::Driver,
        ),
        (
            "iLO 5 Channel Interface Driver",
            None,
            SW,
            S::DependsOnSpp,
            C::Driver,
        ),
        (
            "HPE Intel i40ea Driver for Windows Server 2022",
            None,
            SW,
            S::DependsOnSpp,
            C::Driver,
        ),
        (
            "Agentless Management Service",
            None,
            SW,
            S::DependsOnSpp,
            C::Agent,
        ),
        (
            "HPE Agentless Management Service for Windows X64",
            None,
            SW,
            S::DependsOnSpp,
            C::Agent,
        ),
        ("amsd", None, SW, S::DependsOnSpp, C::Agent),
        (
            "HPE Smart Storage Administrator (HPE SSA)",
            None,
            SW,
            S::DependsOnSpp,
            C::Utility,
        ),
        (
            "HPE Smart Storage Administrator (HPE SSA) CLI for Windows 64-bit",
            None,
            SW,
            S::DependsOnSpp,
            C::Utility,
        ),
        (
            "HPE Smart Update Manager",
            None,
            None,
            S::DependsOnSpp,
            C::Utility,
        ),
        (
            "Integrated Smart Update Tools",
            None,
            SW,
            S::DependsOnSpp,
            C::Utility,
        ),
        (
            "RESTful Interface Tool",
            None,
            SW,
            S::DependsOnSpp,
            C::Utility,
        ),
    ]);
}

#[test]
fn r10_os_applications_and_peripherals_are_out_of_scope() {
    check(&[
        (
            "Windows Server 2022",
            None,
            SW,
            S::OutOfScope,
            C::OperatingSystem,
        ),
        (
            "Microsoft Windows Server 2019 Standard",
            None,
            None,
            S::OutOfScope,
            C::OperatingSystem,
        ),
        (
            "Red Hat Enterprise Linux",
            None,
            SW,
            S::OutOfScope,
            C::OperatingSystem,
        ),
        (
            "Red Hat Enterprise Linux 9.2",
            None,
            None,
            S::OutOfScope,
            C::OperatingSystem,
        ),
        ("VMware ESXi", None, SW, S::OutOfScope, C::OperatingSystem),
        (
            "VMware ESXi 8.0 U2",
            None,
            None,
            S::OutOfScope,
            C::OperatingSystem,
        ),
        (
            "SUSE Linux Enterprise Server 15 SP5",
            None,
            None,
            S::OutOfScope,
            C::OperatingSystem,
        ),
        ("Oracle Database", None, SW, S::OutOfScope, C::Application),
        (
            "Microsoft SQL Server 2022",
            None,
            SW,
            S::OutOfScope,
            C::Application,
        ),
        (
            "Veeam Backup & Replication",
            None,
            SW,
            S::OutOfScope,
            C::Application,
        ),
        (
            "HPE MSA 2060 Storage Controller Firmware",
            None,
            None,
            S::OutOfScope,
            C::ExternalDevice,
        ),
        (
            "HPE StoreEver LTO-8 Ultrium 30750 Tape Drive Firmware",
            None,
            None,
            S::OutOfScope,
            C::ExternalDevice,
        ),
        (
            "HPE StoreEver MSL3040 Tape Library Firmware",
            None,
            None,
            S::OutOfScope,
            C::ExternalDevice,
        ),
        ("3PAR OS", None, None, S::OutOfScope, C::ExternalDevice),
        (
            "Aruba 2930F Switch Firmware",
            None,
            None,
            S::OutOfScope,
            C::ExternalDevice,
        ),
        (
            "HPE UPS Network Module Firmware",
            None,
            None,
            S::OutOfScope,
            C::ExternalDevice,
        ),
        // Unknown software, or an unknown item with nothing to place it in the server.
        (
            "Contoso Inventory Manager",
            None,
            SW,
            S::OutOfScope,
            C::Unknown,
        ),
        ("Something New 3000", None, None, S::OutOfScope, C::Unknown),
    ]);
}

#[test]
fn r9_spp_reason_warns_that_the_os_changes() {
    let v = classify_component("iLO 5 Automatic Server Recovery Driver", None, None);
    assert!(v.reason_ja.contains("SPP") && v.reason_ja.contains("OS"));
    assert!(v.reason_en.contains("operating system"));
    let json = serde_json::to_value(&v).unwrap();
    assert_eq!(json["scope"], "depends_on_spp");
    assert_eq!(json["rule"], "R9");
    assert_eq!(json["category"], "driver");
}

/// Names and versions as the real iLO 5 payloads in `tests/fixtures/inventory-samples` report
/// them.
#[test]
fn r8_items_from_real_ilo_payloads_are_in_scope() {
    let read = |p: &str| -> serde_json::Value {
        serde_json::from_str(&inventory_support::sample(p)).unwrap_or_else(|e| panic!("{p}: {e}"))
    };
    let controller = read("proliantutils/array_controller.json");
    let model = controller["Model"].as_str().unwrap();
    let v = classify_component(model, controller["Location"].as_str(), Some(K::Firmware));
    assert_eq!(
        (v.scope, v.category),
        (S::InScope, C::StorageController),
        "{model}"
    );

    let manager = read("proliantutils/manager.json");
    // "iLO 5 v1.15": the version rides along with the name.
    let ilo = manager["FirmwareVersion"].as_str().unwrap();
    assert_eq!(
        classify_component(ilo, None, None).category,
        C::Ilo,
        "{ilo}"
    );

    let drives = read("proliantutils/disk_drive.json");
    for drive in drives.as_object().unwrap().values() {
        let model = drive["Model"].as_str().unwrap();
        let location = drive["Location"].as_str();
        let v = classify_component(model, location, Some(K::Firmware));
        assert_eq!(v.scope, S::InScope, "{model} at {location:?}");
    }

    let chassis = read("bmclib/ilo__redfish__v1__Chassis__1.json");
    let battery = chassis["Oem"]["Hpe"]["SmartStorageBattery"][0]["ProductName"]
        .as_str()
        .unwrap();
    let v = classify_component(battery, Some("System Board"), Some(K::Firmware));
    assert_eq!(
        (v.scope, v.category),
        (S::InScope, C::StorageEnclosure),
        "{battery:?}"
    );
}

#[test]
fn r8_modules_in_an_enclosure_bay_are_enclosure_firmware_whatever_their_name() {
    let interconnect = Some("Interconnect Bay 3");
    let oa = Some("Onboard Administrator Bay 1");
    check(&[
        // By name alone these would be external switches (R10) or unrecognised.
        (
            "Mellanox SX1018HP Ethernet Switch",
            None,
            FW,
            S::OutOfScope,
            C::ExternalDevice,
        ),
        (
            "Mellanox SX1018HP Ethernet Switch",
            interconnect,
            FW,
            S::InScope,
            C::EnclosureFirmware,
        ),
        (
            "HP 6Gb SAS BL Switch",
            interconnect,
            FW,
            S::InScope,
            C::EnclosureFirmware,
        ),
        (
            "HP 10GbE Pass-Thru Module",
            interconnect,
            FW,
            S::InScope,
            C::EnclosureFirmware,
        ),
        (
            "HP VC FlexFabric-20/40 F8 Module",
            interconnect,
            FW,
            S::InScope,
            C::EnclosureFirmware,
        ),
        (
            "Cisco Catalyst Blade Switch 3120X",
            interconnect,
            None,
            S::InScope,
            C::EnclosureFirmware,
        ),
        (
            "BladeSystem c7000 DDR2 Onboard Administrator with KVM",
            oa,
            FW,
            S::InScope,
            C::EnclosureFirmware,
        ),
        // A drive bay is not an enclosure bay.
        ("EG0600FBVFX", Some("Bay 3"), FW, S::InScope, C::Drive),
        (
            "Mellanox SX1018HP Ethernet Switch",
            Some("Bay 3"),
            FW,
            S::OutOfScope,
            C::ExternalDevice,
        ),
    ]);
}
