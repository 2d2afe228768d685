//! What the browser keeps of an imported inventory so it can be analysed again, later, against
//! a catalogue the operator publishes (issue 17): for each chosen server, each component's
//! name, version, place, kind, `Oem.Hpe.DeviceClass` and `Oem.Hpe.Targets`: what
//! [`super::analysis`] matches packages by. The draft's server rows keep only names and
//! versions, and the import's worker (which holds the whole report) is gone once the customer
//! leaves the servers step, so without this a catalogue chosen on the version step could not
//! be analysed at all.
//!
//! The request never carries it: the app keeps it beside the draft (in `localStorage`, with
//! the draft's expiry, forgotten with it) and sends it only to
//! `POST /api/catalogs/{name}/analysis`, where [`ImportedInventory::to_servers`] reads it again
//! as untrusted input, within the limits below, before any analysis is done.

use serde::{Deserialize, Serialize};

use crate::eligibility::InventoryKind;
use crate::i18n::Bilingual;
use crate::inventory::{InventoryComponent, InventoryReport, InventoryServer, MAX_TARGETS};
use crate::problem::{Problem, ProblemCode};
use crate::request::fields::SerialNumber;
use crate::request::MAX_SERVERS;

/// The most components one analysis request may hold, all servers together: a request's 100
/// servers with 20 firmware items each; an iLO 5 lists 20–60 items, so a larger estate is
/// analysed in parts (or with the dropped `fwrepo.json`, which the browser analyses itself).
/// It bounds the work: each component is set beside every package of the catalogue.
pub const MAX_ANALYSED_COMPONENTS: usize = 2_000;

/// The longest name, version or place, in characters (the inventory reader cuts its texts to
/// the same length).
pub const MAX_IMPORTED_TEXT: usize = crate::inventory::MAX_TEXT_CHARS;

/// The imported servers kept for a later analysis; empty (the default) before an import.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportedInventory {
    pub servers: Vec<ImportedServer>,
}

/// One imported server: its serial number ties the analysis to the request's server row.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportedServer {
    pub serial_number: String,
    pub components: Vec<ImportedComponent>,
}

/// One component as the iLO listed it; empty texts for what it did not give.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportedComponent {
    pub name: String,
    pub version: String,
    /// `Oem.Hpe.DeviceContext` (iLO 5/6) or `Location` (iLO 4).
    pub location: String,
    /// Listed by the software inventory (drivers, agents: R9), not the firmware inventory.
    pub software: bool,
    /// `Oem.Hpe.DeviceClass`: a GUID.
    pub device_class: String,
    /// `Oem.Hpe.Targets`: GUIDs, at most [`MAX_TARGETS`].
    pub targets: Vec<String>,
}

impl ImportedInventory {
    pub fn is_empty(&self) -> bool {
        self.servers.is_empty()
    }

    /// The chosen servers of a report (by index), those with a serial number: an analysis is
    /// tied to the request's servers by it. Every component is kept, in scope or not, as the
    /// analysis of a dropped catalogue shows them all.
    ///
    /// ```
    /// use fwportal_core::firmware::imported::ImportedInventory;
    /// use fwportal_core::inventory::{merge, parse_named};
    /// let report = merge([parse_named("fw.json", r#"{"Name": "iLO 5", "Version": "2.10",
    ///     "Oem": {"Hpe": {"Targets": ["4764A662-B342-4FC7-9CE9-258C5D99E815"]}}}"#)]);
    /// // A firmware list alone names no server: nothing to keep.
    /// assert!(ImportedInventory::from_report(&report, |_| true).is_empty());
    /// ```
    pub fn from_report(report: &InventoryReport, chosen: impl Fn(usize) -> bool) -> Self {
        let servers = report
            .servers
            .iter()
            .enumerate()
            .filter(|(at, _)| chosen(*at))
            .filter_map(|(_, server)| {
                let serial_number = server.serial_number.clone()?;
                let components = server
                    .components
                    .iter()
                    .map(|c| ImportedComponent {
                        name: c.name.clone(),
                        version: c.version.clone().unwrap_or_default(),
                        location: c.device_context.clone().unwrap_or_default(),
                        software: c.kind == InventoryKind::Software,
                        device_class: c.device_class.clone().unwrap_or_default(),
                        targets: c.targets.clone(),
                    })
                    .collect();
                Some(ImportedServer {
                    serial_number,
                    components,
                })
            })
            .collect();
        ImportedInventory { servers }
    }

    /// Reads the inventory again as the analysis' input, checking every limit first: at most
    /// [`MAX_SERVERS`] servers and [`MAX_ANALYSED_COMPONENTS`] components, each server with a
    /// serial number, each component with a name, texts of at most [`MAX_IMPORTED_TEXT`]
    /// characters without control characters, a device class and targets that are GUIDs, at
    /// most [`MAX_TARGETS`] of them. Any problem refuses the whole (the answer lists them, at
    /// most one per component); a list over a limit gets that problem only.
    ///
    /// ```
    /// use fwportal_core::firmware::imported::{ImportedComponent, ImportedInventory, ImportedServer};
    /// let mut inventory = ImportedInventory { servers: vec![ImportedServer {
    ///     serial_number: "JPE0360XYZ".into(),
    ///     components: vec![ImportedComponent { name: "iLO 5".into(), version: "2.10".into(),
    ///         targets: vec!["4764A662-B342-4FC7-9CE9-258C5D99E815".into()], ..Default::default() }],
    /// }] };
    /// let servers = inventory.to_servers().unwrap();
    /// assert_eq!(servers[0].components[0].targets, ["4764a662-b342-4fc7-9ce9-258c5d99e815"]);
    /// inventory.servers[0].components[0].targets[0] = "not a guid".into();
    /// let problems = inventory.to_servers().unwrap_err();
    /// assert_eq!(problems[0].field, "servers[0].components[0].targets");
    /// ```
    pub fn to_servers(&self) -> Result<Vec<InventoryServer>, Vec<Problem>> {
        if self.servers.len() > MAX_SERVERS {
            return Err(vec![too_many(
                "servers",
                Bilingual::new(
                    format!("分析できるサーバーは {MAX_SERVERS} 台までです。分けて分析してください。"),
                    format!("At most {MAX_SERVERS} servers can be analysed at once. Analyse them in parts."),
                ),
            )]);
        }
        let total: usize = self.servers.iter().map(|s| s.components.len()).sum();
        if total > MAX_ANALYSED_COMPONENTS {
            return Err(vec![too_many(
                "servers",
                Bilingual::new(
                    format!("分析できるコンポーネントは合わせて {MAX_ANALYSED_COMPONENTS} 個までです（{total} 個あります）。サーバーを分けて分析するか、fwrepo.json をインベントリと一緒に読み込んでください。"),
                    format!("At most {MAX_ANALYSED_COMPONENTS} components can be analysed at once ({total} were sent). Analyse the servers in parts, or drop the fwrepo.json with the inventory files."),
                ),
            )]);
        }
        let mut problems = Vec::new();
        let mut servers = Vec::with_capacity(self.servers.len());
        for (at, server) in self.servers.iter().enumerate() {
            let field = format!("servers[{at}]");
            if SerialNumber::parse(&server.serial_number).is_err() {
                problems.push(invalid(
                    format!("{field}.serial_number"),
                    ProblemCode::InvalidCharacters,
                    Bilingual::new(
                        "サーバーのシリアル番号がないか、正しくありません。インベントリを読み込み直してください。",
                        "A server's serial number is missing or not valid. Import the inventory again.",
                    ),
                ));
                continue;
            }
            let mut components = Vec::with_capacity(server.components.len());
            for (row, component) in server.components.iter().enumerate() {
                match read_component(component) {
                    Ok(read) => components.push(read),
                    Err((part, code, message)) => problems.push(invalid(
                        format!("{field}.components[{row}].{part}"),
                        code,
                        message,
                    )),
                }
            }
            servers.push(InventoryServer {
                model: None,
                serial_number: Some(server.serial_number.clone()),
                eligibility: None,
                components,
                sources: Vec::new(),
                enclosure: false,
            });
        }
        if problems.is_empty() {
            Ok(servers)
        } else {
            Err(problems)
        }
    }
}

type ComponentProblem = (&'static str, ProblemCode, Bilingual);

fn read_component(c: &ImportedComponent) -> Result<InventoryComponent, ComponentProblem> {
    let text = |part: &'static str, value: &str, required: bool| {
        let value = value.trim();
        if required && value.is_empty() {
            return Err((
                part,
                ProblemCode::Required,
                Bilingual::new(
                    "コンポーネントの名前がありません。",
                    "A component has no name.",
                ),
            ));
        }
        if value.chars().count() > MAX_IMPORTED_TEXT {
            return Err((
                part,
                ProblemCode::TooLong,
                Bilingual::new(
                    format!("{MAX_IMPORTED_TEXT} 文字を超えるテキストがあります。"),
                    format!("A text is longer than {MAX_IMPORTED_TEXT} characters."),
                ),
            ));
        }
        if value.chars().any(char::is_control) {
            return Err((
                part,
                ProblemCode::InvalidCharacters,
                Bilingual::new(
                    "制御文字を含むテキストがあります。",
                    "A text contains control characters.",
                ),
            ));
        }
        Ok((!value.is_empty()).then(|| value.to_owned()))
    };
    let name = text("name", &c.name, true)?.unwrap_or_default();
    let version = text("version", &c.version, false)?;
    let location = text("location", &c.location, false)?;
    let not_a_guid = |part: &'static str| {
        (
            part,
            ProblemCode::InvalidCharacters,
            Bilingual::new(
                "DeviceClass と Targets は GUID（例: 4764a662-b342-4fc7-9ce9-258c5d99e815）です。インベントリを読み込み直してください。",
                "DeviceClass and Targets are GUIDs (such as 4764a662-b342-4fc7-9ce9-258c5d99e815). Import the inventory again.",
            ),
        )
    };
    let device_class = match c.device_class.trim() {
        "" => None,
        class => Some(crate::inventory::guid(class).ok_or_else(|| not_a_guid("device_class"))?),
    };
    if c.targets.len() > MAX_TARGETS {
        return Err((
            "targets",
            ProblemCode::TooMany,
            Bilingual::new(
                format!("1つのコンポーネントの Targets は {MAX_TARGETS} 個までです。"),
                format!("A component has at most {MAX_TARGETS} targets."),
            ),
        ));
    }
    let mut targets: Vec<String> = Vec::with_capacity(c.targets.len());
    for target in &c.targets {
        let target = crate::inventory::guid(target).ok_or_else(|| not_a_guid("targets"))?;
        if !targets.contains(&target) {
            targets.push(target);
        }
    }
    let kind = if c.software {
        InventoryKind::Software
    } else {
        InventoryKind::Firmware
    };
    let mut component = InventoryComponent::new(&name, version, location, kind);
    component.device_class = device_class;
    component.targets = targets;
    Ok(component)
}

fn too_many(field: &str, message: Bilingual) -> Problem {
    Problem::new(field, ProblemCode::TooMany, message)
}

fn invalid(field: String, code: ProblemCode, message: Bilingual) -> Problem {
    Problem::new(field, code, message)
}
