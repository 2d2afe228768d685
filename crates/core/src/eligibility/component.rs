//! Which firmware and software items the update work covers (R8), which it leaves to the
//! customer (R10) and which change only as part of the chosen SPP (R9).
//!
//! Items come from an iLO firmware or software inventory, or are typed by the customer. The
//! name decides first; the inventory the item came from and its device context (`System
//! Board`, `Slot 3`, `Bay 1`…) decide when the name alone is not recognised.
//!
//! Decisions taken here:
//! - Drivers, agents and utilities (`depends_on_spp`) are updated only when they come with the
//!   SPP chosen for the firmware (R8 lists them as SPP content, R9 warns that this changes the
//!   OS); on their own they are software on the server (R10).
//! - Intelligent Provisioning sits in the server's own flash and is listed in the firmware
//!   inventory: in scope.
//! - An unrecognised firmware item of the server's own inventory, or one with a device context
//!   inside the server, is in scope: iLO lists only the server's own devices there. An
//!   unrecognised software item, or an item we know nothing about, is out of scope; the
//!   message asks the customer to check with the TAM.
//! - An item whose device context is a bay of a BladeSystem enclosure's interconnects or
//!   Onboard Administrators (`Interconnect Bay 3`, `Onboard Administrator Bay 1`, as the OA
//!   lists them) is firmware of a component inside the enclosure (R8), whatever its name: the
//!   OA knows it sits in the enclosure, while the name alone (`Mellanox SX1018HP Ethernet
//!   Switch`, `HP 6Gb SAS BL Switch`) would make it an external switch (R10), and an
//!   unrecognised name with a `Bay` would make it a drive.

use serde::{Deserialize, Serialize};

use super::normalize::Tokens;
use super::product::{identify_family, ProductFamily};
use crate::i18n::Bilingual;

/// Where the update work stands on one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ComponentScope {
    /// R8: firmware of the server and its internal devices.
    InScope,
    /// R10: OS, middleware, applications, and the firmware and software of peripherals.
    OutOfScope,
    /// R9: drivers, utilities, agents: updated only as part of the chosen SPP.
    DependsOnSpp,
}

impl ComponentScope {
    pub fn rule(self) -> &'static str {
        match self {
            ComponentScope::InScope => "R8",
            ComponentScope::OutOfScope => "R10",
            ComponentScope::DependsOnSpp => "R9",
        }
    }
}

/// Which inventory an item was listed in, when known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InventoryKind {
    /// iLO `FirmwareInventory`.
    Firmware,
    /// iLO `SoftwareInventory` (what is installed in the OS).
    Software,
}

/// What kind of item it is, for grouping on the result page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComponentCategory {
    SystemRom,
    Ilo,
    /// Power management controller, CPLD, SPS/ME, Innovation Engine, platform data.
    PlatformFirmware,
    /// Intelligent Provisioning and other tools kept in the server's flash.
    EmbeddedTool,
    StorageController,
    NetworkAdapter,
    Drive,
    PowerSupply,
    /// Drive backplanes, expanders, storage batteries.
    StorageEnclosure,
    Tpm,
    VideoController,
    /// Onboard Administrator, Virtual Connect and other enclosure modules.
    EnclosureFirmware,
    /// Firmware of a device in the server that is not otherwise named.
    OtherFirmware,
    Driver,
    Agent,
    Utility,
    OperatingSystem,
    Application,
    ExternalDevice,
    Unknown,
}

/// The answer for one firmware or software item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComponentVerdict {
    pub scope: ComponentScope,
    /// `R8` (in scope), `R10` (out of scope) or `R9` (depends on the SPP).
    pub rule: String,
    pub category: ComponentCategory,
    pub reason_ja: String,
    pub reason_en: String,
}

impl ComponentVerdict {
    fn new(scope: ComponentScope, category: ComponentCategory) -> ComponentVerdict {
        let reason = reason(scope, category);
        ComponentVerdict {
            scope,
            rule: scope.rule().to_owned(),
            category,
            reason_ja: reason.ja,
            reason_en: reason.en,
        }
    }

    pub fn reason(&self) -> Bilingual {
        Bilingual::new(self.reason_ja.clone(), self.reason_en.clone())
    }
}

/// Classifies one firmware or software item (R8, R9, R10).
///
/// `device_context` is iLO's `Oem.Hpe.DeviceContext` (`System Board`, `Slot 3`…) where known;
/// `kind` says which inventory listed the item.
///
/// ```
/// use fwportal_core::eligibility::{classify_component, ComponentScope, InventoryKind};
/// assert_eq!(classify_component("System ROM", Some("System Board"), None).scope, ComponentScope::InScope);
/// assert_eq!(classify_component("iLO 5 Automatic Server Recovery Driver", None, None).scope,
///            ComponentScope::DependsOnSpp);
/// let os = classify_component("Windows Server 2022", None, Some(InventoryKind::Software));
/// assert_eq!((os.scope, os.rule.as_str()), (ComponentScope::OutOfScope, "R10"));
/// ```
pub fn classify_component(
    name: &str,
    device_context: Option<&str>,
    kind: Option<InventoryKind>,
) -> ComponentVerdict {
    use ComponentCategory as C;
    use ComponentScope::*;
    let t = Tokens::of(name);
    let context = device_context.map(Tokens::of);

    // Where the Onboard Administrator lists it decides before the name does (R8).
    if context.as_ref().is_some_and(context_is_enclosure_bay) {
        return ComponentVerdict::new(InScope, C::EnclosureFirmware);
    }
    // R10 first: "MSA 2060 controller firmware" is firmware, but of a peripheral.
    if matches!(
        identify_family(name),
        ProductFamily::Storage
            | ProductFamily::Tape
            | ProductFamily::NetworkSwitch
            | ProductFamily::Power
    ) && !t.seq(&["virtual", "connect"])
    {
        return ComponentVerdict::new(OutOfScope, C::ExternalDevice);
    }
    if t.seq(&["onboard", "administrator"])
        || t.seq(&["virtual", "connect"])
        || t.has_any(&["c7000", "c3000", "bladesystem"])
    {
        return ComponentVerdict::new(InScope, C::EnclosureFirmware);
    }
    // Software named after the device it drives ("Smart Array SAS/SATA driver", "iLO 5
    // Channel Interface Driver") must not be taken for that device's firmware.
    if t.has_any(&["driver", "drivers", "provider", "providers", "wbem", "cim"]) {
        return ComponentVerdict::new(DependsOnSpp, C::Driver);
    }
    if t.has_any(&["agent", "agents", "agentless", "amsd", "ams", "snmp"]) {
        return ComponentVerdict::new(DependsOnSpp, C::Agent);
    }
    if let Some(category) = device_firmware(&t) {
        return ComponentVerdict::new(InScope, category);
    }
    if t.has_any(&[
        "utility",
        "utilities",
        "tool",
        "tools",
        "administrator",
        "ssa",
        "ssacli",
        "ssaducli",
        "hpssacli",
        "ilorest",
        "sum",
        "sut",
        "isut",
        "cli",
        "sdk",
        "diagnostics",
    ]) || t.seq(&["smart", "update"])
        || t.seq(&["management", "service"])
        || t.seq(&["smart", "storage", "administrator"])
    {
        return ComponentVerdict::new(DependsOnSpp, C::Utility);
    }
    if t.has_any(&[
        "windows",
        "linux",
        "rhel",
        "suse",
        "sles",
        "ubuntu",
        "esxi",
        "vsphere",
        "debian",
        "centos",
        "rocky",
        "almalinux",
        "hp-ux",
        "hpux",
    ]) || t.seq(&["red", "hat"])
        || t.seq(&["hyper", "v"])
    {
        return ComponentVerdict::new(OutOfScope, C::OperatingSystem);
    }
    if t.has_any(&[
        "oracle",
        "database",
        "sql",
        "sap",
        "java",
        "jre",
        "office",
        "apache",
        "tomcat",
        "websphere",
        "weblogic",
        "veeam",
        "middleware",
        "antivirus",
        "application",
    ]) {
        return ComponentVerdict::new(OutOfScope, C::Application);
    }
    if let Some(category) = context.as_ref().and_then(context_category) {
        return ComponentVerdict::new(InScope, category);
    }
    if kind == Some(InventoryKind::Firmware)
        || context.as_ref().is_some_and(context_is_inside_server)
    {
        return ComponentVerdict::new(InScope, C::OtherFirmware);
    }
    ComponentVerdict::new(OutOfScope, C::Unknown)
}

/// Firmware of the server itself or of a device inside it (R8).
fn device_firmware(t: &Tokens) -> Option<ComponentCategory> {
    use ComponentCategory as C;
    let is_ilo = |w: &str| {
        w == "ilo" || (w.starts_with("ilo") && w[3..].bytes().all(|b| b.is_ascii_digit()))
    };
    let category = if t.seq(&["system", "rom"]) || t.has_any(&["bios", "uefi"]) {
        C::SystemRom
    } else if t.any(is_ilo) {
        C::Ilo
    } else if t.seq(&["power", "management", "controller"])
        || t.seq(&["programmable", "logic"])
        || t.has_any(&["cpld", "pld", "sps", "ipad", "pmc"])
        || t.seq(&["server", "platform", "services"])
        || t.seq(&["innovation", "engine"])
        || t.seq(&["management", "engine"])
        || t.seq(&["platform", "abstraction"])
        || t.seq(&["platform", "definition"])
    {
        C::PlatformFirmware
    } else if t.seq(&["intelligent", "provisioning"]) {
        C::EmbeddedTool
    } else if t.seq(&["smart", "array"])
        || t.has_any(&["hba", "raid"])
        || t.has_any(&["sas", "sata", "nvme"]) && t.has("controller")
        || t.any(is_storage_controller_code)
    {
        C::StorageController
    } else if t.has_any(&[
        "ethernet",
        "nic",
        "fastlinq",
        "mellanox",
        "connectx",
        "broadcom",
        "qlogic",
        "emulex",
        "infiniband",
        "storefabric",
        "flexfabric",
        "adapter",
        "lom",
    ]) {
        C::NetworkAdapter
    } else if t.has_any(&["drive", "hdd", "ssd", "disk"]) {
        C::Drive
    } else if t.seq(&["power", "supply"]) || t.has("psu") {
        C::PowerSupply
    } else if t.has_any(&[
        "backplane",
        "bp",
        "expander",
        "ubm",
        "ubm2",
        "ubm3",
        "battery",
    ]) {
        C::StorageEnclosure
    } else if t.has("tpm") || t.seq(&["trusted", "platform"]) {
        C::Tpm
    } else if t.seq(&["video", "controller"]) {
        C::VideoController
    } else if t.has_any(&["firmware", "fw", "rom", "bootloader", "cpld"]) {
        C::OtherFirmware
    } else {
        return None;
    };
    Some(category)
}

/// HPE storage controller codes: `P408i-a`, `E208i-p`, `MR416i-a`, `SR932i-p`, `S100i`.
fn is_storage_controller_code(word: &str) -> bool {
    let rest = ["mr", "sr", "p", "e", "s"]
        .iter()
        .find_map(|prefix| word.strip_prefix(prefix))
        .unwrap_or("");
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    (3..=4).contains(&digits) && &rest[digits..] == "i"
}

/// iLO names a drive by its model number only (`EG0600FBVFX`); where it sits tells what it is.
fn context_category(t: &Tokens) -> Option<ComponentCategory> {
    if t.has("bay") {
        Some(ComponentCategory::Drive)
    } else if t.seq(&["power", "supply"]) {
        Some(ComponentCategory::PowerSupply)
    } else {
        None
    }
}

/// A bay of a BladeSystem enclosure's interconnects or Onboard Administrators.
fn context_is_enclosure_bay(t: &Tokens) -> bool {
    t.has("bay") && (t.has("interconnect") || t.seq(&["onboard", "administrator"]))
}

fn context_is_inside_server(t: &Tokens) -> bool {
    t.has_any(&["embedded", "slot", "bay", "box", "backplane", "internal"])
        || t.seq(&["system", "board"])
        || t.seq(&["power", "supply"])
}

fn reason(scope: ComponentScope, category: ComponentCategory) -> Bilingual {
    use ComponentCategory as C;
    match (scope, category) {
        (ComponentScope::InScope, C::EnclosureFirmware) => Bilingual::new(
            "BladeSystem エンクロージャー内のコンポーネントのファームウェアです。アップデート作業の対象です。",
            "Firmware of a component inside a BladeSystem enclosure: covered by the update work.",
        ),
        (ComponentScope::InScope, _) => Bilingual::new(
            "サーバー本体または内蔵デバイスのファームウェアです。アップデート作業の対象です。",
            "Firmware of the server or of a device inside it: covered by the update work.",
        ),
        (ComponentScope::DependsOnSpp, _) => Bilingual::new(
            "ドライバー・ユーティリティ・エージェントは、選択した SPP に含まれている場合に限り、SPP とあわせてアップデートします。SPP でのアップデートは OS に変更を加えます。",
            "Drivers, utilities and agents are updated only when they come with the chosen SPP. Updating with the SPP changes the operating system.",
        ),
        (ComponentScope::OutOfScope, C::OperatingSystem) => Bilingual::new(
            "OS はアップデート作業の対象外です。必要な場合はお客様ご自身でアップデートいただくか、別途有償でご依頼ください。",
            "The operating system is not covered by the update work. Update it yourself or order that work separately, at extra cost.",
        ),
        (ComponentScope::OutOfScope, C::Application) => Bilingual::new(
            "ミドルウェアやアプリケーションはアップデート作業の対象外です。必要な場合は別途有償でご依頼ください。",
            "Middleware and applications are not covered by the update work; that work can be ordered separately, at extra cost.",
        ),
        (ComponentScope::OutOfScope, C::ExternalDevice) => Bilingual::new(
            "周辺機器・外部機器（外付けストレージ、テープ装置、UPS、外部スイッチなど）のファームウェアとソフトウェアは対象外です。依存関係の確認とアップデートはお客様の作業です。",
            "Firmware and software of peripheral and external devices (storage arrays, tape, UPS, external switches) are not covered. Checking their dependencies and updating them is the customer's task.",
        ),
        (ComponentScope::OutOfScope, _) => Bilingual::new(
            "サーバーや内蔵デバイスのファームウェアとして認識できませんでした。SPP に含まれないソフトウェアは対象外です。判断が難しい場合は TAM にご確認ください。",
            "Not recognised as firmware of the server or its internal devices. Software that is not part of the SPP is not covered; please check with the TAM if unsure.",
        ),
    }
}
