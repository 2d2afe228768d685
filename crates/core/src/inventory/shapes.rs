//! Recognising each accepted document and reading it into a server fragment.
//!
//! Every access goes through `Value::get`, `as_object`, `as_array`, `as_str`: a field of an
//! unexpected type reads as missing, never as a panic. Nothing here recurses into the
//! document; the depth looked at is fixed by the shapes.

use serde_json::{Map, Value};

use super::messages;
use super::{
    DocumentKind, InventoryComponent, InventoryParse, InventoryProblem, InventoryProblemCode,
    InventoryServer, MAX_ITEMS, MAX_TARGETS, MAX_TEXT_CHARS,
};
use crate::eligibility::InventoryKind;

type Object = Map<String, Value>;

/// The device context given to the System ROM and iLO read from a system resource, as the
/// iLO 5/6 firmware inventory names it, so the two readings of one item merge.
const SYSTEM_BOARD: &str = "System Board";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    ComputerSystem,
    /// A collection with `Members`.
    Collection(InventoryKind),
    /// A top-level array of members.
    MemberArray(InventoryKind),
    Item(InventoryKind),
    Ilo4Current,
    /// iLO 4's `Current` map saved on its own.
    Ilo4BareCurrent,
    Serverinfo,
    Manager,
    Overview,
    Chassis,
}

/// One document being read: its server fragment and what was missing.
struct Doc<'a> {
    source: &'a str,
    server: InventoryServer,
    problems: Vec<InventoryProblem>,
    no_name: usize,
    no_version: usize,
    /// Items past [`MAX_ITEMS`], not kept.
    dropped: usize,
}

impl<'a> Doc<'a> {
    fn new(source: &'a str) -> Doc<'a> {
        Doc {
            source,
            server: InventoryServer::new(source),
            problems: Vec::new(),
            no_name: 0,
            no_version: 0,
            dropped: 0,
        }
    }

    fn problem(
        &mut self,
        code: InventoryProblemCode,
        field: &str,
        message: crate::i18n::Bilingual,
    ) {
        self.problems
            .push(InventoryProblem::new(code, self.source, message).with_field(field));
    }

    fn push(
        &mut self,
        name: Option<String>,
        version: Option<String>,
        context: Option<String>,
        kind: InventoryKind,
        updateable: Option<bool>,
    ) {
        let Some(name) = name else {
            self.no_name += 1;
            return;
        };
        if self.server.components.len() >= MAX_ITEMS {
            self.dropped += 1;
            return;
        }
        if version.is_none() {
            self.no_version += 1;
        }
        let mut component = InventoryComponent::new(&name, version, context, kind);
        component.updateable = updateable;
        self.server.components.push(component);
    }

    /// One member of a Redfish or iLO 4 inventory; `fallback` names an iLO 4 entry whose
    /// `Name` is missing.
    fn item(&mut self, item: &Object, kind: InventoryKind, fallback: Option<&str>) {
        let name = text(item, &["Name"]).or_else(|| fallback.and_then(clean));
        let version = text(item, &["Version", "VersionString"]);
        let context = oem(item)
            .and_then(|hpe| text(hpe, &["DeviceContext"]))
            .or_else(|| text(item, &["Location"]));
        let updateable = item.get("Updateable").and_then(Value::as_bool);
        let before = self.server.components.len();
        self.push(name, version, context, kind, updateable);
        if self.server.components.len() > before {
            if let (Some(hpe), Some(added)) = (oem(item), self.server.components.last_mut()) {
                added.device_class = text(hpe, &["DeviceClass"]).and_then(|c| guid(&c));
                added.targets = targets(hpe);
            }
        }
    }

    fn identity(&mut self, model: Option<String>, serial: Option<String>) {
        if model.is_none() {
            self.problem(
                InventoryProblemCode::MissingField,
                "Model",
                messages::missing_model(),
            );
        }
        if serial.is_none() {
            self.problem(
                InventoryProblemCode::MissingField,
                "SerialNumber",
                messages::missing_serial(),
            );
        }
        self.server.set_model(model);
        self.server.serial_number = serial;
    }

    fn finish(mut self, kind: DocumentKind, parse: &mut InventoryParse) {
        if self.no_name > 0 {
            let message = messages::missing_name(self.no_name);
            self.problem(InventoryProblemCode::MissingField, "Name", message);
        }
        if self.no_version > 0 {
            let message = messages::missing_version(self.no_version);
            self.problem(InventoryProblemCode::MissingField, "Version", message);
        }
        if self.dropped > 0 {
            let message = messages::too_many_items(self.dropped);
            self.problems.push(InventoryProblem::new(
                InventoryProblemCode::TooManyItems,
                self.source,
                message,
            ));
        }
        parse.documents.push(kind);
        parse.problems.append(&mut self.problems);
        parse.servers.push(self.server);
    }
}

/// The `ChassisType`s of a server's own chassis (Redfish names them), read as the server.
const SERVER_CHASSIS: &[&str] = &["RackMount", "Blade", "StandAlone", "Sled", "Cartridge"];

/// Reads one JSON document into `parse`: a server fragment, or a problem.
pub(super) fn read_document(source: &str, value: &Value, parse: &mut InventoryParse) {
    let Some(shape) = shape(value) else {
        let odata_type = value.as_object().and_then(odata_type);
        parse.problems.push(InventoryProblem::new(
            InventoryProblemCode::UnknownShape,
            source,
            messages::unknown_shape(odata_type),
        ));
        return;
    };
    let mut doc = Doc::new(source);
    let empty = Object::new();
    let obj = value.as_object().unwrap_or(&empty);
    let chassis_type = text(obj, &["ChassisType"]);
    if let Some(other) = chassis_type
        .as_deref()
        .filter(|t| shape == Shape::Chassis && *t != "Enclosure" && !SERVER_CHASSIS.contains(t))
    {
        let problem = InventoryProblem::new(
            InventoryProblemCode::UnknownShape,
            source,
            messages::other_chassis(other),
        );
        parse.problems.push(problem.with_field("ChassisType"));
        return;
    }
    let kind = match shape {
        Shape::ComputerSystem => {
            let model = text(obj, &["Model"]);
            let serial = text(obj, &["SerialNumber"]);
            doc.identity(model, serial);
            if let Some(bios) = text(obj, &["BiosVersion"]) {
                system_rom(&mut doc, bios);
            }
            DocumentKind::ComputerSystem
        }
        Shape::Collection(kind) => {
            let members = obj.get("Members").and_then(Value::as_array);
            members_of(&mut doc, members.map_or(&[][..], Vec::as_slice), kind);
            collection_kind(kind)
        }
        Shape::MemberArray(kind) => {
            members_of(
                &mut doc,
                value.as_array().map_or(&[][..], Vec::as_slice),
                kind,
            );
            collection_kind(kind)
        }
        Shape::Item(kind) => {
            doc.item(obj, kind, None);
            match kind {
                InventoryKind::Firmware => DocumentKind::FirmwareItem,
                InventoryKind::Software => DocumentKind::SoftwareItem,
            }
        }
        Shape::Ilo4Current | Shape::Ilo4BareCurrent => {
            let current = if shape == Shape::Ilo4Current {
                obj.get("Current")
                    .and_then(Value::as_object)
                    .unwrap_or(&empty)
            } else {
                obj
            };
            if current.is_empty() {
                doc.problem(
                    InventoryProblemCode::NoComponents,
                    "Current",
                    messages::no_components(false),
                );
            }
            keyed_section(&mut doc, current, InventoryKind::Firmware);
            DocumentKind::Ilo4FirmwareInventory
        }
        Shape::Serverinfo => {
            serverinfo(&mut doc, obj);
            DocumentKind::IlorestServerinfo
        }
        Shape::Manager => {
            let name = text(obj, &["Model"]).unwrap_or_else(|| "iLO".to_owned());
            let version = text(obj, &["FirmwareVersion"]);
            let context = Some(SYSTEM_BOARD.to_owned());
            doc.push(Some(name), version, context, InventoryKind::Firmware, None);
            DocumentKind::Manager
        }
        Shape::Overview => {
            let model = text(obj, &["product_name"]);
            let serial = text(obj, &["serial_num"]);
            doc.identity(model, serial);
            if let Some(rom) = text(obj, &["system_rom"]) {
                system_rom(&mut doc, rom);
            }
            if let Some(ilo) = text(obj, &["ilo_fw_version"]) {
                let context = Some(SYSTEM_BOARD.to_owned());
                doc.push(
                    Some("iLO".into()),
                    Some(ilo),
                    context,
                    InventoryKind::Firmware,
                    None,
                );
            }
            DocumentKind::IloOverview
        }
        // Identity only: the chassis's `Oem.Hpe.Firmware` repeats items of the firmware
        // inventory under other names and device contexts, which would list them twice.
        Shape::Chassis if chassis_type.as_deref() == Some("Enclosure") => {
            // The iLO gives an enclosure no model; the Onboard Administrator's data does.
            doc.server.enclosure = true;
            doc.server.set_model(text(obj, &["Model"]));
            doc.server.serial_number = text(obj, &["SerialNumber"]);
            if doc.server.serial_number.is_none() {
                let message = messages::missing_serial();
                doc.problem(InventoryProblemCode::MissingField, "SerialNumber", message);
            }
            DocumentKind::Chassis
        }
        Shape::Chassis => {
            doc.identity(text(obj, &["Model"]), text(obj, &["SerialNumber"]));
            DocumentKind::Chassis
        }
    };
    doc.finish(kind, parse);
}

fn collection_kind(kind: InventoryKind) -> DocumentKind {
    match kind {
        InventoryKind::Firmware => DocumentKind::FirmwareInventory,
        InventoryKind::Software => DocumentKind::SoftwareInventory,
    }
}

fn system_rom(doc: &mut Doc, version: String) {
    let context = Some(SYSTEM_BOARD.to_owned());
    doc.push(
        Some("System ROM".into()),
        Some(version),
        context,
        InventoryKind::Firmware,
        None,
    );
}

fn shape(value: &Value) -> Option<Shape> {
    if let Some(items) = value.as_array() {
        let first = items.first()?.as_object()?;
        if !items.iter().all(Value::is_object) {
            return None;
        }
        return Some(Shape::MemberArray(
            kind_from_id(first).unwrap_or(InventoryKind::Firmware),
        ));
    }
    let obj = value.as_object()?;
    let has_array = |key: &str| obj.get(key).is_some_and(Value::is_array);
    if let Some(odata_type) = odata_type(obj) {
        let name = odata_type.split('.').next().unwrap_or_default();
        return match name {
            "ComputerSystem" => Some(Shape::ComputerSystem),
            "FwSwVersionInventory" => Some(Shape::Ilo4Current),
            "Manager" => Some(Shape::Manager),
            "Chassis" => Some(Shape::Chassis),
            _ if name.ends_with("InventoryCollection") && has_array("Members") => {
                Some(Shape::Collection(collection_inventory_kind(obj)))
            }
            _ if name.ends_with("SoftwareInventory") => Some(Shape::Item(
                kind_from_id(obj).unwrap_or(InventoryKind::Firmware),
            )),
            _ => None,
        };
    }
    let has = |key: &str| obj.contains_key(key);
    if obj.get("Current").is_some_and(Value::is_object) {
        Some(Shape::Ilo4Current)
    } else if has_array("Members") {
        Some(Shape::Collection(collection_inventory_kind(obj)))
    } else if ["system", "System"]
        .iter()
        .any(|k| obj.get(*k).is_some_and(Value::is_object))
        || ["firmware", "Firmware", "software", "Software"]
            .iter()
            .any(|k| obj.get(*k).is_some_and(|v| v.is_array() || v.is_object()))
    {
        Some(Shape::Serverinfo)
    } else if has("product_name") || has("serial_num") || has("system_rom") || has("ilo_fw_version")
    {
        Some(Shape::Overview)
    } else if has("ChassisType") {
        Some(Shape::Chassis)
    } else if has("BiosVersion") || has("SerialNumber") || (has("Model") && !has("Version")) {
        if has("FirmwareVersion") && has("ManagerType") {
            Some(Shape::Manager)
        } else {
            Some(Shape::ComputerSystem)
        }
    } else if has("Name") && (has("Version") || has("VersionString")) {
        Some(Shape::Item(
            kind_from_id(obj).unwrap_or(InventoryKind::Firmware),
        ))
    } else if has("FirmwareVersion") && has("ManagerType") {
        Some(Shape::Manager)
    } else if is_bare_current(obj) {
        Some(Shape::Ilo4BareCurrent)
    } else {
        None
    }
}

/// `@odata.type` (Redfish) or `Type` (iLO 4's older REST), without the leading `#`.
fn odata_type(obj: &Object) -> Option<&str> {
    ["@odata.type", "Type"]
        .iter()
        .find_map(|key| obj.get(*key).and_then(Value::as_str))
        .map(|t| t.trim().trim_start_matches('#'))
        .filter(|t| !t.is_empty())
}

/// Where a resource sits tells which inventory it belongs to. The type cannot tell: firmware
/// items are `SoftwareInventory` resources too.
fn kind_from_id(obj: &Object) -> Option<InventoryKind> {
    let id = obj
        .get("@odata.id")
        .and_then(Value::as_str)?
        .to_ascii_lowercase();
    if id.contains("softwareinventory") {
        Some(InventoryKind::Software)
    } else if id.contains("firmwareinventory") {
        Some(InventoryKind::Firmware)
    } else {
        None
    }
}

fn collection_inventory_kind(obj: &Object) -> InventoryKind {
    kind_from_id(obj)
        .or_else(|| {
            let name = obj
                .get("Name")
                .and_then(Value::as_str)?
                .to_ascii_lowercase();
            name.contains("software").then_some(InventoryKind::Software)
        })
        .unwrap_or(InventoryKind::Firmware)
}

/// A map of iLO 4 entries saved without its `Current` wrapper: every value a non-empty list
/// of objects with a `VersionString`.
fn is_bare_current(obj: &Object) -> bool {
    !obj.is_empty()
        && obj.values().all(|v| {
            v.as_array().is_some_and(|items| {
                !items.is_empty()
                    && items
                        .iter()
                        .all(|i| i.get("VersionString").is_some_and(Value::is_string))
            })
        })
}

fn members_of(doc: &mut Doc, members: &[Value], kind: InventoryKind) {
    let software = kind == InventoryKind::Software;
    if members.is_empty() {
        doc.problem(
            InventoryProblemCode::NoComponents,
            "Members",
            messages::no_components(software),
        );
        return;
    }
    let mut links = 0;
    for member in members {
        match member.as_object() {
            Some(obj) if is_link_only(obj) => links += 1,
            Some(obj) => doc.item(obj, kind, None),
            None => doc.no_name += 1,
        }
    }
    if links == members.len() {
        doc.problem(
            InventoryProblemCode::LinksOnlyCollection,
            "Members",
            messages::links_only(software),
        );
    } else if links > 0 {
        doc.problem(
            InventoryProblemCode::MissingField,
            "Members",
            messages::links_skipped(links),
        );
    }
}

fn is_link_only(obj: &Object) -> bool {
    obj.contains_key("@odata.id")
        && !obj.contains_key("Name")
        && !obj.contains_key("Version")
        && !obj.contains_key("VersionString")
}

/// `ilorest serverinfo --json`, old (Redfish members) and new (`"Name: Version"` strings,
/// `{name: version}` maps) forms alike.
fn serverinfo(doc: &mut Doc, obj: &Object) {
    let section = |keys: [&str; 2]| keys.iter().find_map(|k| obj.get(*k));
    if let Some(system) = section(["system", "System"]).and_then(Value::as_object) {
        let model = text(system, &["Model", "model", "Product Name", "ProductName"]);
        let serial = text(
            system,
            &["Serial Number", "SerialNumber", "Serial", "serial_number"],
        );
        doc.identity(model, serial);
        let bios = text(
            system,
            &[
                "Bios Version",
                "BiosVersion",
                "BIOS Version",
                "ROM",
                "System ROM",
            ],
        );
        if let Some(bios) = bios {
            system_rom(doc, bios);
        }
    }
    let from_system = doc.server.components.len();
    for (keys, kind) in [
        (["firmware", "Firmware"], InventoryKind::Firmware),
        (["software", "Software"], InventoryKind::Software),
    ] {
        match section(keys) {
            Some(Value::Array(items)) => {
                for item in items {
                    match item {
                        Value::Object(obj) => doc.item(obj, kind, None),
                        Value::String(line) => {
                            let (name, version) = split_name_version(line);
                            doc.push(name, version, None, kind, None);
                        }
                        _ => doc.no_name += 1,
                    }
                }
            }
            Some(Value::Object(map)) => keyed_section(doc, map, kind),
            _ => {}
        }
    }
    // The System ROM is in both the `system` section and the `firmware` list: keep the list's.
    let (system, sections) = doc.server.components.split_at(from_system);
    let listed_twice = |c: &InventoryComponent| {
        sections
            .iter()
            .any(|s| s.category == c.category && s.version == c.version)
    };
    let keep: Vec<bool> = system.iter().map(|c| !listed_twice(c)).collect();
    let mut index = 0;
    doc.server.components.retain(|_| {
        let kept = keep.get(index).copied().unwrap_or(true);
        index += 1;
        kept
    });
}

/// A map keyed by component: iLO 4's `Current` (`key: [{Name, VersionString, Location}]`),
/// or ilorest's `{ "Name": "Version" }`.
fn keyed_section(doc: &mut Doc, map: &Object, kind: InventoryKind) {
    for (key, value) in map {
        match value {
            Value::Array(items) => {
                for item in items {
                    match item.as_object() {
                        Some(obj) => doc.item(obj, kind, Some(ilo4_name(key))),
                        None => doc.no_name += 1,
                    }
                }
            }
            Value::Object(obj) => doc.item(obj, kind, Some(ilo4_name(key))),
            other => doc.push(clean(key), as_text(other), None, kind, None),
        }
    }
}

/// The names iLO 4 gives its `Current` keys, for an entry that lacks its `Name`.
fn ilo4_name(key: &str) -> &str {
    match key {
        "SystemRomActive" => "System ROM",
        "SystemRomBackup" => "Redundant System ROM",
        "SystemBMC" => "iLO",
        "PowerManagementController" => "Power Management Controller Firmware",
        "PowerManagementControllerBootloader" => "Power Management Controller FW Bootloader",
        "SPSFirmwareVersionData" => "Server Platform Services (SPS) Firmware",
        "IntelligentProvisioning" => "Intelligent Provisioning",
        "SystemProgrammableLogicDevice" => "System Programmable Logic Device",
        "PlatformDefinitionTable" => "System Platform Definition Table",
        other => other,
    }
}

/// `"iLO 5: 2.55 Oct 01 2021"` → name and version. Without a colon, the whole is the name.
fn split_name_version(line: &str) -> (Option<String>, Option<String>) {
    match line.split_once(": ").or_else(|| line.split_once(':')) {
        Some((name, version)) => (clean(name), clean(version)),
        None => (clean(line), None),
    }
}

/// `Oem.Hpe.Targets`: a list of GUIDs (iLO 5/6). Entries that are not GUIDs are left out;
/// at most [`MAX_TARGETS`] are kept, without repeats.
fn targets(hpe: &Object) -> Vec<String> {
    let mut kept: Vec<String> = Vec::new();
    let listed = hpe.get("Targets").and_then(Value::as_array);
    for target in listed.map_or(&[][..], Vec::as_slice) {
        if kept.len() == MAX_TARGETS {
            break;
        }
        if let Some(id) = target.as_str().and_then(guid) {
            if !kept.contains(&id) {
                kept.push(id);
            }
        }
    }
    kept
}

/// A GUID as HPE writes them (`4764a662-b342-4fc7-9ce9-258c5d99e815`), in lower case; `None`
/// for anything else. Shared with the catalogue reader so both sides compare alike.
pub(crate) fn guid(text: &str) -> Option<String> {
    let text = text.trim();
    let groups: Vec<&str> = text.split('-').collect();
    let lengths = [8, 4, 4, 4, 12];
    let well_formed = groups.len() == lengths.len()
        && groups
            .iter()
            .zip(lengths)
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()));
    well_formed.then(|| text.to_ascii_lowercase())
}

/// `Oem.Hpe` (iLO 5/6) or `Oem.Hp` (iLO 4).
fn oem(obj: &Object) -> Option<&Object> {
    let oem = obj.get("Oem")?;
    oem.get("Hpe")
        .or_else(|| oem.get("Hp"))
        .and_then(Value::as_object)
}

/// The first of `keys` that holds text (or a number), trimmed and cut.
fn text(obj: &Object, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|key| obj.get(*key).and_then(as_text))
}

fn as_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => clean(s),
        Value::Number(n) => clean(&n.to_string()),
        _ => None,
    }
}

pub(super) fn clean(s: &str) -> Option<String> {
    let trimmed = s.trim();
    (!trimmed.is_empty()).then(|| trimmed.chars().take(MAX_TEXT_CHARS).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_and_version_split_at_the_first_colon() {
        assert_eq!(
            split_name_version("iLO 5: 2.55 Oct 01 2021"),
            (Some("iLO 5".into()), Some("2.55 Oct 01 2021".into()))
        );
        assert_eq!(
            split_name_version("Embedded Video Controller"),
            (Some("Embedded Video Controller".into()), None)
        );
        assert_eq!(split_name_version(" : "), (None, None));
    }

    #[test]
    fn text_is_trimmed_cut_and_blank_is_missing() {
        let obj: Object =
            serde_json::from_str(r#"{"a": "  x ", "b": "   ", "c": 1.5, "d": true, "e": null}"#)
                .unwrap_or_default();
        assert_eq!(text(&obj, &["a"]).as_deref(), Some("x"));
        assert_eq!(text(&obj, &["b", "c"]).as_deref(), Some("1.5"));
        assert_eq!(text(&obj, &["d", "e", "z"]), None);
        let long = "é".repeat(MAX_TEXT_CHARS + 10);
        assert_eq!(
            clean(&long).map(|s| s.chars().count()),
            Some(MAX_TEXT_CHARS)
        );
    }

    #[test]
    fn the_id_not_the_type_tells_software_from_firmware() {
        let member: Object = serde_json::from_str(
            r##"{"@odata.type": "#SoftwareInventory.v1_0_0.SoftwareInventory",
                "@odata.id": "/redfish/v1/UpdateService/FirmwareInventory/3/"}"##,
        )
        .unwrap_or_default();
        assert_eq!(kind_from_id(&member), Some(InventoryKind::Firmware));
    }
}
