//! Reading what a server's iLO reports about itself, so the customer does not type it (C1).
//!
//! The customer drops in one or more files (or pastes text) taken from the iLO; each is read
//! by [`parse_named`] ([`parse_bytes`] for a file's bytes, [`parse_inventory`] for pasted text) and the results are combined by
//! [`merge`] into one [`InventoryReport`]: the servers found, each firmware and software item
//! with its scope (R8 in scope, R9 depends on the SPP, R10 out of scope), and every problem met
//! on the way, in both languages, saying what was expected and what to run on the iLO.
//!
//! # Accepted documents
//!
//! One text may hold one JSON document or several written one after the other (as
//! `ilorest … >> file` leaves them; at most [`MAX_DOCUMENTS`]). Lines before the first line
//! that starts with `{` or `[` (an ilorest banner) are skipped, and so is a byte-order mark.
//! A document is recognised by its `@odata.type` where it has one, otherwise by its keys:
//!
//! | document | how to get it | gives |
//! |---|---|---|
//! | Redfish `ComputerSystem` (`#ComputerSystem.…`) | `ilorest rawget /redfish/v1/Systems/1/` | `Model`, `SerialNumber`, `BiosVersion` as the item "System ROM" |
//! | iLO 5/6 firmware inventory, expanded (`#SoftwareInventoryCollection.…` with full `Members`) | `ilorest rawget /redfish/v1/UpdateService/FirmwareInventory/ --expand`, or `…/FirmwareInventory/?$expand=.` | one item per member: `Name`, `Version`, `Oem.Hpe.DeviceContext`, `Updateable` |
//! | one firmware item (`#SoftwareInventory.…`) | `ilorest rawget /redfish/v1/UpdateService/FirmwareInventory/1/` | one item |
//! | iLO 4 (Gen9) firmware inventory (`#FwSwVersionInventory.…`, a `Current` map) | `ilorest rawget /redfish/v1/Systems/1/FirmwareInventory/` | one item per entry: `Name`, `VersionString`, `Location` |
//! | software inventory (a collection whose `@odata.id` or `Name` says `SoftwareInventory`) | `ilorest rawget /redfish/v1/Systems/1/SoftwareInventory/ --expand` | items of kind software (drivers: R9, the rest: R10) |
//! | `ilorest serverinfo --system --firmware --software --json` (alias `systeminfo`) | see left | `system`, `firmware`, `software` sections |
//! | Redfish `Manager` (`#Manager.…`) | `ilorest rawget /redfish/v1/Managers/1/` | the iLO firmware |
//! | iLO web overview (`/json/overview`) | the iLO 4 web interface | `product_name`, `serial_num`, `system_rom`, `ilo_fw_version` |
//! | Redfish `Chassis` (`#Chassis.…`, or a `ChassisType` key) | `ilorest rawget /redfish/v1/Chassis/1/` | `Model`, `SerialNumber` only (no item, and no problem for that); `ChassisType` `Enclosure` gives the enclosure |
//! | BladeSystem Onboard Administrator's XML (`<RIMP>`) | `curl -k 'https://OA-ADDRESS/xmldata?item=all' > enclosure.xml` | every server blade (model, serial number, System ROM, iLO, power management controller) and the enclosure (its Onboard Administrator and interconnect firmware); see `oa.rs` |
//!
//! A text whose first character other than white space (after a byte-order mark) is `<` is
//! read as XML, by a small reader of its own (`xml.rs`); only the Onboard Administrator's
//! data is accepted, and an HTML page saved instead is told apart. A Redfish `Chassis` of
//! another type (a drive enclosure, a card) is not the server and is reported.
//!
//! Key spellings accepted in the `ilorest serverinfo` `system` section: `Model`; `Serial
//! Number`, `SerialNumber`, `Serial`; `Bios Version`, `BiosVersion`, `BIOS Version`, `ROM`,
//! `System ROM`. Its `firmware` and `software` sections may be lists of Redfish members, lists
//! of `"Name: Version"` strings, `{ "Name": "Version" }` maps or (iLO 4) a `Current`-style map.
//! In iLO 4 documents the OEM block is `Oem.Hp` instead of `Oem.Hpe`; both are read.
//!
//! # Partial data
//!
//! - An item without a name (or whose `Members` entry is only an `@odata.id` link) cannot be
//!   classified and is left out; the problem says how many were left out.
//! - An item without a version is kept with `version: None`: its scope does not depend on the
//!   version, and the customer can still see that it exists. One problem per document says
//!   how many items had no version.
//! - A `ComputerSystem` with no model, or a blank serial number, still gives the rest; the
//!   missing field is reported.
//! - Names and versions are trimmed and cut to [`MAX_TEXT_CHARS`] characters.
//!
//! # Never panics
//!
//! The input is untrusted. Text longer than [`MAX_INPUT_BYTES`] is refused before parsing;
//! nesting deeper than serde_json's recursion limit (128), or [`MAX_XML_DEPTH`] for XML, is
//! refused as [`InventoryProblemCode::TooDeep`]; no walk here recurses into the document.
//!
//! ```
//! use fwportal_core::inventory::{merge, parse_named, InventoryProblemCode};
//! use fwportal_core::eligibility::{ComponentScope, ProductOutcome};
//! let system = parse_named("system.json", r##"{"@odata.type": "#ComputerSystem.v1_13_0.ComputerSystem",
//!     "Model": "ProLiant DL380 Gen10", "SerialNumber": "JPE1234ABC", "BiosVersion": "U30 v2.54 (12/03/2021)"}"##);
//! let firmware = parse_named("fw.json", r##"{"@odata.type": "#SoftwareInventoryCollection.SoftwareInventoryCollection",
//!     "Members": [{"Name": "iLO 5", "Version": "2.55 Oct 01 2021", "Oem": {"Hpe": {"DeviceContext": "System Board"}}}]}"##);
//! let report = merge(vec![system, firmware]);
//! assert_eq!(report.servers.len(), 1);
//! let server = &report.servers[0];
//! assert_eq!(server.serial_number.as_deref(), Some("JPE1234ABC"));
//! assert_eq!(server.eligibility.as_ref().map(|v| v.outcome), Some(ProductOutcome::Eligible));
//! let names: Vec<_> = server.components.iter().map(|c| (c.name.as_str(), c.scope)).collect();
//! assert_eq!(names, [("System ROM", ComponentScope::InScope), ("iLO 5", ComponentScope::InScope)]);
//! assert!(report.problems.is_empty());
//!
//! let links = parse_named("fw.json", r##"{"@odata.type": "#SoftwareInventoryCollection.SoftwareInventoryCollection",
//!     "Members": [{"@odata.id": "/redfish/v1/UpdateService/FirmwareInventory/1/"}]}"##);
//! assert_eq!(links.problems[0].code, InventoryProblemCode::LinksOnlyCollection);
//! assert!(links.problems[0].message_en.contains("--expand"));
//! ```

mod merge;
mod messages;
mod oa;
mod shapes;
mod xml;

use serde::{Deserialize, Serialize};

use crate::eligibility::{
    classify_component, classify_model, ComponentCategory, ComponentScope, InventoryKind,
    ProductVerdict,
};
use crate::i18n::{Bilingual, Lang};

pub use merge::merge;
pub(crate) use shapes::guid;

/// The largest text read: 5 MiB. Larger text is refused without being parsed.
pub const MAX_INPUT_BYTES: usize = 5 * 1024 * 1024;

/// The most JSON documents read from one text; the rest is reported, not read.
pub const MAX_DOCUMENTS: usize = 64;

/// The most items kept for one server (a document, or several combined): an iLO lists a few
/// hundred at most. The rest is reported, not read, so that a hostile file cannot make the
/// combining of items (a linear search per item) run for minutes in the browser.
pub const MAX_ITEMS: usize = 2_000;

/// Names, versions, models and serial numbers are cut to this many characters.
pub const MAX_TEXT_CHARS: usize = 256;

/// The most `Oem.Hpe.Targets` GUIDs kept for one item: an iLO lists one or two. The rest
/// are not read, so a hostile file cannot make matching against a catalogue quadratic.
pub const MAX_TARGETS: usize = 16;

/// The deepest nesting of XML elements read, as serde_json's for JSON. The Onboard
/// Administrator's data nests about ten deep.
pub const MAX_XML_DEPTH: usize = 128;

/// The source name [`parse_inventory`] gives to text pasted by the customer.
pub const PASTED_TEXT: &str = "pasted text";

/// One firmware or software item as the iLO lists it, with its scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InventoryComponent {
    pub name: String,
    /// `None` when the document gives no version for the item.
    pub version: Option<String>,
    /// iLO's `Oem.Hpe.DeviceContext` (iLO 5/6) or `Location` (iLO 4): `System Board`,
    /// `Slot 3`, `Power Supply 1`…
    pub device_context: Option<String>,
    /// Which inventory listed the item.
    pub kind: InventoryKind,
    /// R8 `in_scope`, R10 `out_of_scope` or R9 `depends_on_spp`, from
    /// [`classify_component`].
    pub scope: ComponentScope,
    /// The rule behind `scope`: `R8`, `R10` or `R9`.
    pub rule: String,
    pub category: ComponentCategory,
    /// Redfish `Updateable`, where the document says.
    pub updateable: Option<bool>,
    /// iLO 5/6 `Oem.Hpe.DeviceClass`: the GUID of the kind of device, as a firmware
    /// catalogue's `deviceclass` names it (lower case). `None` for iLO 4 and typed rows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_class: Option<String>,
    /// iLO 5/6 `Oem.Hpe.Targets`: the GUIDs a firmware package's `target` list must name for
    /// the package to apply to this item (lower case, at most [`MAX_TARGETS`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<String>,
}

impl InventoryComponent {
    /// Classifies an item as listed (R8, R9, R10).
    ///
    /// ```
    /// use fwportal_core::eligibility::{ComponentScope, InventoryKind};
    /// use fwportal_core::inventory::InventoryComponent;
    /// let psu = InventoryComponent::new("Power Supply Firmware", Some("1.00".into()),
    ///     Some("Power Supply 2".into()), InventoryKind::Firmware);
    /// assert_eq!((psu.scope, psu.rule.as_str()), (ComponentScope::InScope, "R8"));
    /// let driver = InventoryComponent::new("HPE ProLiant Gen10 Agentless Management Service",
    ///     None, None, InventoryKind::Software);
    /// assert_eq!(driver.scope, ComponentScope::DependsOnSpp);
    /// ```
    pub fn new(
        name: &str,
        version: Option<String>,
        device_context: Option<String>,
        kind: InventoryKind,
    ) -> InventoryComponent {
        let verdict = classify_component(name, device_context.as_deref(), Some(kind));
        InventoryComponent {
            name: name.to_owned(),
            version,
            device_context,
            kind,
            scope: verdict.scope,
            rule: verdict.rule,
            category: verdict.category,
            updateable: None,
            device_class: None,
            targets: Vec::new(),
        }
    }
}

/// One server: what the documents say about it, and its eligibility (R8, R10, R11). Or, when
/// [`enclosure`](Self::enclosure) is set, the BladeSystem enclosure the blades sit in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InventoryServer {
    /// The model as the iLO names it (`ProLiant DL380 Gen10`); `None` for a document that
    /// lists firmware only.
    pub model: Option<String>,
    pub serial_number: Option<String>,
    /// [`classify_model`] of `model`, when there is one.
    pub eligibility: Option<ProductVerdict>,
    /// In the order the documents list them; the same name may appear several times with
    /// different device contexts (two power supplies, several drives).
    pub components: Vec<InventoryComponent>,
    /// The files (or "pasted text") this server was read from, in order, without repeats.
    pub sources: Vec<String>,
    /// An enclosure, not a server: the Onboard Administrator's data on the enclosure itself
    /// (its OA and interconnect firmware), or a Redfish `Chassis` of type `Enclosure`. It is
    /// merged only with other enclosures, never given a server's files, and not counted when
    /// looking for the one server a file without a serial number belongs to. Left out of the
    /// JSON when false.
    #[serde(default, skip_serializing_if = "is_false")]
    pub enclosure: bool,
}

fn is_false(value: &bool) -> bool {
    !*value
}

impl InventoryServer {
    fn new(source: &str) -> InventoryServer {
        InventoryServer {
            model: None,
            serial_number: None,
            eligibility: None,
            components: Vec::new(),
            sources: vec![source.to_owned()],
            enclosure: false,
        }
    }

    fn set_model(&mut self, model: Option<String>) {
        self.eligibility = model.as_deref().map(classify_model);
        self.model = model;
    }

    fn is_empty(&self) -> bool {
        self.model.is_none() && self.serial_number.is_none() && self.components.is_empty()
    }
}

/// What is wrong with an input, for machines. The serialised form (`snake_case`) is part of
/// the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InventoryProblemCode {
    /// Longer than [`MAX_INPUT_BYTES`]; not read.
    TooLarge,
    /// Nothing but white space.
    Empty,
    /// Not JSON (or JSON cut short).
    NotJson,
    /// Starts like XML (`<`), but is not well-formed XML (or is XML cut short).
    NotXml,
    /// JSON or XML nested deeper than 128 levels.
    TooDeep,
    /// JSON or XML, but none of the accepted documents.
    UnknownShape,
    /// A document without a field it should have; what could be read was kept.
    MissingField,
    /// A firmware or software collection whose members are only links: read without expand.
    LinksOnlyCollection,
    /// A recognised inventory that lists no item.
    NoComponents,
    /// More than [`MAX_DOCUMENTS`] documents in one text (or server blades in one enclosure's
    /// data).
    TooManyDocuments,
    /// More than [`MAX_ITEMS`] items for one server; the first were kept.
    TooManyItems,
    /// The file could not be read (reported by the caller, e.g. the command line).
    Unreadable,
    /// Documents with the same serial number name different models.
    ConflictingModel,
    /// A document without a serial number could not be matched to one of several servers.
    UnattachedInventory,
}

/// One problem with one input. `field` names the Redfish field concerned, where one is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InventoryProblem {
    pub code: InventoryProblemCode,
    /// The file name, or [`PASTED_TEXT`].
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    pub message_ja: String,
    pub message_en: String,
}

impl InventoryProblem {
    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::Ja => &self.message_ja,
            Lang::En => &self.message_en,
        }
    }

    pub fn new(code: InventoryProblemCode, source: &str, message: Bilingual) -> InventoryProblem {
        InventoryProblem {
            code,
            source: source.to_owned(),
            field: None,
            message_ja: message.ja,
            message_en: message.en,
        }
    }

    pub fn with_field(mut self, field: &str) -> InventoryProblem {
        self.field = Some(field.to_owned());
        self
    }

    /// The problem for a file that could not be read (for callers that read files).
    pub fn unreadable(source: &str, reason: &str) -> InventoryProblem {
        InventoryProblem::new(
            InventoryProblemCode::Unreadable,
            source,
            messages::unreadable(reason),
        )
    }

    /// The problem for input over [`MAX_INPUT_BYTES`] (for callers that check a file's size
    /// before reading it).
    pub fn too_large(source: &str, bytes: u64) -> InventoryProblem {
        InventoryProblem::new(
            InventoryProblemCode::TooLarge,
            source,
            messages::too_large(bytes),
        )
    }
}

/// Which document a text held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    ComputerSystem,
    /// iLO 5/6 `UpdateService/FirmwareInventory`, expanded.
    FirmwareInventory,
    /// One `SoftwareInventory` resource of the firmware inventory.
    FirmwareItem,
    /// iLO 4 `Systems/1/FirmwareInventory` (`FwSwVersionInventory`).
    Ilo4FirmwareInventory,
    /// `SoftwareInventory` collection (drivers and software in the OS).
    SoftwareInventory,
    /// One `SoftwareInventory` resource of the software inventory.
    SoftwareItem,
    /// `ilorest serverinfo --json` (alias `systeminfo`).
    IlorestServerinfo,
    Manager,
    /// The iLO web interface's `/json/overview`.
    IloOverview,
    /// Redfish `Chassis`: the server's (model and serial number only), or the enclosure's.
    Chassis,
    /// The BladeSystem Onboard Administrator's `/xmldata?item=all`: the enclosure and all its
    /// blades.
    OaXmldata,
}

/// What one text gave: the documents recognised, the server data (usually one entry) and
/// the problems.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InventoryParse {
    pub source: String,
    pub documents: Vec<DocumentKind>,
    pub servers: Vec<InventoryServer>,
    pub problems: Vec<InventoryProblem>,
}

impl InventoryParse {
    fn new(source: &str) -> InventoryParse {
        InventoryParse {
            source: source.to_owned(),
            documents: Vec::new(),
            servers: Vec::new(),
            problems: Vec::new(),
        }
    }
}

/// Everything read from one upload: one entry per server, and every problem.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct InventoryReport {
    pub servers: Vec<InventoryServer>,
    pub problems: Vec<InventoryProblem>,
}

/// Why a text cannot be read as JSON at all.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("the text is {0} bytes, over the limit of {MAX_INPUT_BYTES}")]
    TooLarge(usize),
    #[error("the text is empty")]
    Empty,
    #[error("the JSON is nested too deeply: {0}")]
    TooDeep(serde_json::Error),
    #[error("not JSON: {0}")]
    NotJson(serde_json::Error),
}

impl InputError {
    fn into_problem(self, source: &str) -> InventoryProblem {
        let (code, message) = match &self {
            InputError::TooLarge(bytes) => (
                InventoryProblemCode::TooLarge,
                messages::too_large(u64::try_from(*bytes).unwrap_or(u64::MAX)),
            ),
            InputError::Empty => (InventoryProblemCode::Empty, messages::empty()),
            InputError::TooDeep(_) => (InventoryProblemCode::TooDeep, messages::too_deep()),
            InputError::NotJson(error) => (
                InventoryProblemCode::NotJson,
                messages::not_json(error.line(), error.column()),
            ),
        };
        InventoryProblem::new(code, source, message)
    }

    fn from_json(error: serde_json::Error) -> InputError {
        // serde_json reports its recursion limit as a syntax error; its text is the only sign.
        if error.to_string().contains("recursion limit") {
            InputError::TooDeep(error)
        } else {
            InputError::NotJson(error)
        }
    }
}

/// Reads text pasted by the customer; its problems name [`PASTED_TEXT`] as their source.
///
/// ```
/// use fwportal_core::inventory::{parse_inventory, InventoryProblemCode};
/// let parse = parse_inventory("not json");
/// assert_eq!(parse.problems[0].code, InventoryProblemCode::NotJson);
/// assert_eq!(parse.problems[0].source, "pasted text");
/// ```
pub fn parse_inventory(text: &str) -> InventoryParse {
    parse_named(PASTED_TEXT, text)
}

/// Reads one file's text; `source` (the file name) is quoted in every problem.
///
/// ```
/// use fwportal_core::inventory::{parse_named, DocumentKind, InventoryProblemCode, MAX_INPUT_BYTES};
/// let parse = parse_named("fw.json", r##"{"@odata.type": "#SoftwareInventory.v1_2_0.SoftwareInventory",
///     "Name": "System ROM", "Version": "U46 v1.56 (11/29/2021)"}"##);
/// assert_eq!(parse.documents, [DocumentKind::FirmwareItem]);
/// assert_eq!(parse.servers[0].components[0].version.as_deref(), Some("U46 v1.56 (11/29/2021)"));
///
/// let huge = " ".repeat(MAX_INPUT_BYTES + 1);
/// assert_eq!(parse_named("big.json", &huge).problems[0].code, InventoryProblemCode::TooLarge);
/// ```
pub fn parse_named(source: &str, text: &str) -> InventoryParse {
    let mut parse = InventoryParse::new(source);
    if text.len() <= MAX_INPUT_BYTES && starts_like_xml(text) {
        oa::read(source, text, &mut parse);
        parse.servers.retain(|server| !server.is_empty());
        return parse;
    }
    let read = match read_json(text) {
        Ok(read) => read,
        Err(error) => {
            parse.problems.push(error.into_problem(source));
            return parse;
        }
    };
    for value in &read.values {
        shapes::read_document(source, value, &mut parse);
    }
    if let Some(error) = read.stopped_by {
        parse.problems.push(error.into_problem(source));
    }
    if read.truncated {
        parse.problems.push(InventoryProblem::new(
            InventoryProblemCode::TooManyDocuments,
            source,
            messages::too_many_documents(),
        ));
    }
    parse.servers.retain(|server| !server.is_empty());
    parse
}

/// Reads one file's bytes: UTF-8 (with or without a byte-order mark) or UTF-16 with its
/// byte-order mark, as Windows PowerShell 5's `>` writes it. Invalid sequences become U+FFFD
/// and then fail as `not_json`. More than [`MAX_INPUT_BYTES`] bytes are refused unread.
///
/// ```
/// use fwportal_core::inventory::{parse_bytes, DocumentKind};
/// let text = r#"{"Name": "iLO 5", "Version": "2.55 Oct 01 2021"}"#;
/// let utf16: Vec<u8> = [0xFF, 0xFE].into_iter()
///     .chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
/// assert_eq!(parse_bytes("fw.json", &utf16).documents, [DocumentKind::FirmwareItem]);
/// ```
pub fn parse_bytes(source: &str, bytes: &[u8]) -> InventoryParse {
    if bytes.len() > MAX_INPUT_BYTES {
        let mut parse = InventoryParse::new(source);
        let problem = InputError::TooLarge(bytes.len()).into_problem(source);
        parse.problems.push(problem);
        return parse;
    }
    parse_named(source, &decode_text(bytes))
}

/// The text of a file's bytes (see [`parse_bytes`]).
pub fn decode_text(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    let utf16 = |rest: &[u8], from: fn([u8; 2]) -> u16| {
        let units = rest.chunks(2).map(|pair| match pair {
            [a, b] => from([*a, *b]),
            _ => 0xFFFD,
        });
        std::borrow::Cow::Owned(
            char::decode_utf16(units)
                .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
                .collect(),
        )
    };
    match bytes {
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes),
        [0xEF, 0xBB, 0xBF, rest @ ..] => String::from_utf8_lossy(rest),
        _ => String::from_utf8_lossy(bytes),
    }
}

/// XML (the Onboard Administrator's data, or a web page): the first character that is not
/// white space, after a byte-order mark, is `<`. JSON never starts so.
fn starts_like_xml(text: &str) -> bool {
    text.trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('<')
}

/// The JSON documents of a text.
struct JsonRead {
    values: Vec<serde_json::Value>,
    /// What stopped reading after at least one document was read.
    stopped_by: Option<InputError>,
    /// More than [`MAX_DOCUMENTS`] documents: the rest was not read.
    truncated: bool,
}

fn read_json(text: &str) -> Result<JsonRead, InputError> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(InputError::TooLarge(text.len()));
    }
    let text = skip_preamble(text.trim_start_matches('\u{feff}'));
    if text.trim().is_empty() {
        return Err(InputError::Empty);
    }
    let mut read = JsonRead {
        values: Vec::new(),
        stopped_by: None,
        truncated: false,
    };
    for item in serde_json::Deserializer::from_str(text).into_iter::<serde_json::Value>() {
        match item {
            Ok(_) if read.values.len() == MAX_DOCUMENTS => {
                read.truncated = true;
                break;
            }
            Ok(value) => read.values.push(value),
            Err(error) if read.values.is_empty() => return Err(InputError::from_json(error)),
            Err(error) => {
                read.stopped_by = Some(InputError::from_json(error));
                break;
            }
        }
    }
    Ok(read)
}

/// Skips lines before the first one that starts a JSON object or array (an ilorest banner).
fn skip_preamble(text: &str) -> &str {
    let starts_json = |line: &str| {
        let line = line.trim_start();
        line.starts_with('{') || line.starts_with('[')
    };
    if text.lines().next().is_none_or(starts_json) {
        return text;
    }
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if starts_json(line) {
            return &text[offset..];
        }
        offset += line.len();
    }
    text
}
