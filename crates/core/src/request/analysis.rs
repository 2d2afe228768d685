//! The firmware analysis as it travels with a request (issue 17): what the customer's chosen
//! catalogue would change on each server (C1, C2), never the raw files.
//!
//! The app computes it with [`crate::firmware::analysis`] and sends one row per analysed
//! component; [`super::check`] parses it again and re-checks each row against its own version
//! texts with [`crate::firmware::version::compare`]: an `update` must go to a newer version,
//! `current` to the same, `newer_installed` to an older, and a `two_step` warning needs an
//! installed version below the package's minimum. Each server must be one of the request's.
//! The scope (R8, R9, R10) is decided again here from the component's name and location.

use std::cmp::Ordering;
use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::fields::{SerialNumber, Text};
use super::labels::{self, problem_for};
use super::{Problems, ServerDraft};
use crate::eligibility::classify_component;
use crate::firmware::analysis::{
    analyse, analyse_rows, two_step, Action, AnalysisReport, ComponentAnalysis, ServerAnalysis,
};
use crate::firmware::catalog::{Catalog, Package};
use crate::firmware::version::Version;
use crate::i18n::Bilingual;
use crate::inventory::InventoryServer;
use crate::problem::{Problem, ProblemCode};

/// The analysis sent with a request; empty (the default) when there is none.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AnalysisDraft {
    /// The catalogue's name: an operator's (`SPP 2025.07.00.00`) or the dropped file's.
    pub catalog: String,
    /// `true`: `catalog` names a catalogue the operator publishes (`fwportal serve
    /// --catalogs`), and the server re-checks every package the rows name against its own
    /// copy ([`check_operator_catalog`]); `false`: a catalogue the customer dropped, which the
    /// server never sees.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub operator: bool,
    pub servers: Vec<ServerAnalysisDraft>,
}

impl AnalysisDraft {
    pub fn is_empty(&self) -> bool {
        self.catalog.trim().is_empty() && self.servers.is_empty()
    }

    /// The wire form of an analysis made in the app, under the catalogue's name. Servers
    /// without a serial number are left out: they cannot be tied to the request's servers.
    pub fn from_report(catalog: &str, report: &AnalysisReport) -> AnalysisDraft {
        AnalysisDraft {
            catalog: catalog.to_owned(),
            operator: false,
            servers: report
                .servers
                .iter()
                .filter_map(|server| {
                    Some(ServerAnalysisDraft {
                        serial_number: server.serial_number.clone()?,
                        components: server.components.iter().map(row_draft).collect(),
                    })
                })
                .collect(),
        }
    }
}

impl AnalysisDraft {
    /// Keeps the servers that are rows of the request: the server refuses the others as not
    /// in the request (the customer may have removed a row since the import).
    pub fn keep_rows(&mut self, rows: &[ServerDraft]) {
        self.servers.retain(|server| {
            rows.iter()
                .any(|row| row.serial_number == server.serial_number)
        });
    }

    /// The analysis of imported servers against a catalogue the operator publishes (issue 17,
    /// `POST /api/catalogs/{name}/analysis`): the same [`analyse`] a dropped `fwrepo.json`
    /// gets in the browser, under the catalogue's name, marked as the operator's.
    pub fn of_operator_catalog(
        name: &str,
        catalog: &Catalog,
        servers: &[InventoryServer],
    ) -> AnalysisDraft {
        let report = AnalysisReport {
            servers: analyse(catalog, servers),
            problems: Vec::new(),
        };
        AnalysisDraft {
            operator: true,
            ..AnalysisDraft::from_report(name, &report)
        }
    }
}

/// The server's re-check of an analysis made against one of its own catalogues (issue 17):
/// `catalog` is the operator's catalogue of the analysis' name, `None` when it publishes none
/// of that name (any more). Each row that names a package must name one of the catalogue's,
/// with that package's version, reboot, power-off and minimum version, so what the desk reads
/// about restarts (R12) and two-step updates (C2) is the operator's own catalogue and not
/// what a client claims. Which package fits which component is not re-checked: that takes the
/// components' targets, which the request does not carry (see the README, "Firmware
/// analysis"). An analysis of a dropped catalogue (`operator: false`) is not looked at here.
///
/// At most one problem: the customer cannot correct rows by hand, only analyse again.
///
/// ```
/// use fwportal_core::firmware::parse_catalog;
/// use fwportal_core::request::{check_operator_catalog, AnalysisDraft};
/// let analysis = AnalysisDraft { catalog: "SPP 2025.07.00.00".into(), operator: true, servers: vec![] };
/// assert_eq!(check_operator_catalog(&analysis, None)[0].field, "analysis.catalog");
/// let spp = parse_catalog("SPP", r#"{"a.fwpkg": {"version": "1.0", "target": ["4764a662-b342-4fc7-9ce9-258c5d99e815"]}}"#);
/// assert!(check_operator_catalog(&analysis, Some(&spp.catalog)).is_empty());
/// ```
pub fn check_operator_catalog(draft: &AnalysisDraft, catalog: Option<&Catalog>) -> Vec<Problem> {
    if !draft.operator {
        return Vec::new();
    }
    let name = draft.catalog.trim();
    let Some(catalog) = catalog else {
        return vec![Problem::new(
            "analysis.catalog",
            ProblemCode::InvalidChoice,
            Bilingual::new(
                format!("カタログ「{name}」は、このポータルでは選べなくなりました。バージョンの選択でカタログを選び直してください。"),
                format!("The catalogue \"{name}\" is no longer offered by this portal. Choose a catalogue again on the version step."),
            ),
        )
        .with_rule("C1")];
    };
    let packages: std::collections::HashMap<&str, &Package> = catalog
        .packages
        .iter()
        .map(|p| (p.file.as_str(), p))
        .collect();
    for (at, server) in draft.servers.iter().enumerate() {
        for (row, c) in server.components.iter().enumerate() {
            let field = format!("analysis.servers[{at}].components[{row}].package");
            let package = c.package.trim();
            let agrees = if package.is_empty() {
                c.catalog_version.trim().is_empty()
            } else {
                packages.get(package).is_some_and(|p| {
                    p.version == c.catalog_version.trim()
                        && p.reboot_required == c.reboot_required
                        && p.server_power_off == c.power_off_required
                        && p.minimum_active_version.as_deref().unwrap_or_default()
                            == c.minimum_active_version.trim()
                })
            };
            if !agrees {
                let component = &c.name;
                return vec![mismatch(
                    field,
                    Bilingual::new(
                        format!("分析結果「{component}」のパッケージが、カタログ「{name}」の内容と合いません。バージョンの選択でカタログを選び直して、もう一度分析してください。"),
                        format!("The package of \"{component}\" in the analysis does not agree with the catalogue \"{name}\". Choose the catalogue again on the version step to analyse again."),
                    ),
                )];
            }
        }
    }
    Vec::new()
}

fn row_draft(c: &ComponentAnalysis) -> ComponentAnalysisDraft {
    let text = |t: &Option<String>| t.clone().unwrap_or_default();
    ComponentAnalysisDraft {
        name: c.name.clone(),
        location: text(&c.location),
        current_version: text(&c.current_version),
        catalog_version: text(&c.catalog_version),
        package: text(&c.package),
        action: action_code(c.action).to_owned(),
        reboot_required: c.reboot_required,
        power_off_required: c.power_off_required,
        minimum_active_version: text(&c.minimum_active_version),
        two_step: c.two_step,
        rule: c.rule.clone(),
    }
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ServerAnalysisDraft {
    /// One of the request's servers.
    pub serial_number: String,
    pub components: Vec<ComponentAnalysisDraft>,
}

/// One analysed component; empty texts for what the analysis does not know.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ComponentAnalysisDraft {
    pub name: String,
    pub location: String,
    pub current_version: String,
    pub catalog_version: String,
    pub package: String,
    /// `update`, `current`, `newer_installed`, `not_in_catalog` or `unknown`.
    pub action: String,
    pub reboot_required: Option<bool>,
    pub power_off_required: Option<bool>,
    pub minimum_active_version: String,
    pub two_step: Option<bool>,
    /// The component's scope rule as core classified it (`R8`, `R9`, `R10`), so the app can
    /// mark what lies outside the service without carrying the classifier; the server decides
    /// it again and stores its own.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub rule: String,
}

/// A parsed, re-checked analysis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidAnalysis {
    pub catalog: Text,
    /// The catalogue is the operator's (re-checked against it by the server).
    pub operator: bool,
    /// In the order sent; `model` is left empty (the request's server holds it), the counts
    /// and the reboot, power-off and two-step figures are recomputed here.
    pub servers: Vec<(SerialNumber, ServerAnalysis)>,
}

impl ValidAnalysis {
    pub fn to_draft(&self) -> AnalysisDraft {
        AnalysisDraft {
            catalog: self.catalog.to_string(),
            operator: self.operator,
            servers: self
                .servers
                .iter()
                .map(|(serial, server)| ServerAnalysisDraft {
                    serial_number: serial.as_str().to_owned(),
                    components: server.components.iter().map(row_draft).collect(),
                })
                .collect(),
        }
    }
}

/// The wire name of an action.
pub fn action_code(action: Action) -> &'static str {
    match action {
        Action::Update => "update",
        Action::Current => "current",
        Action::NewerInstalled => "newer_installed",
        Action::NotInCatalog => "not_in_catalog",
        Action::Unknown => "unknown",
    }
}

fn parse_action(text: &str) -> Result<Action, ProblemCode> {
    match text.trim() {
        "" => Err(ProblemCode::Required),
        "update" => Ok(Action::Update),
        "current" => Ok(Action::Current),
        "newer_installed" => Ok(Action::NewerInstalled),
        "not_in_catalog" => Ok(Action::NotInCatalog),
        "unknown" => Ok(Action::Unknown),
        _ => Err(ProblemCode::InvalidChoice),
    }
}

fn mismatch(field: String, message: Bilingual) -> Problem {
    Problem::new(field, ProblemCode::AnalysisMismatch, message).with_rule("C2")
}

/// Parses the analysis; `Ok(None)` when there is none. Its size is within the limits:
/// [`super::check_limits`] ran first.
pub(super) fn parse_analysis(
    draft: &AnalysisDraft,
    request_servers: &[ServerDraft],
    problems: &mut Problems,
) -> Result<Option<ValidAnalysis>, ()> {
    if draft.is_empty() {
        return Ok(None);
    }
    let catalog = problems.take(
        "analysis.catalog",
        &labels::ANALYSIS_CATALOG,
        Text::required(&draft.catalog, labels::ANALYSIS_CATALOG.max),
    );
    let in_request: BTreeSet<SerialNumber> = request_servers
        .iter()
        .filter_map(|s| SerialNumber::parse(&s.serial_number).ok())
        .collect();
    let mut seen = BTreeSet::new();
    let mut servers = Some(Vec::with_capacity(draft.servers.len()));
    for (index, server) in draft.servers.iter().enumerate() {
        let field = format!("analysis.servers[{index}]");
        let serial_field = format!("{field}.serial_number");
        let serial = problems.take(
            &serial_field,
            &labels::SERIAL,
            SerialNumber::parse(&server.serial_number),
        );
        if let Some(serial) = &serial {
            if !in_request.contains(serial) || !seen.insert(serial.clone()) {
                problems.push(Problem::new(
                    serial_field,
                    ProblemCode::NotInRequest,
                    Bilingual::new(
                        "分析結果のサーバーが、お申込みのサーバーと合いません（同じサーバーが2回あるか、一覧にないサーバーです）。サーバー一覧を確かめて、もう一度分析してください。",
                        "A server of the analysis does not match the request's servers (it is listed twice, or not in the list). Check the servers and analyse again.",
                    ),
                ));
                servers = None;
                continue;
            }
        }
        let mut rows = Some(Vec::with_capacity(server.components.len()));
        for (row, component) in server.components.iter().enumerate() {
            let parsed =
                parse_component(&format!("{field}.components[{row}]"), component, problems);
            match (parsed, rows.as_mut()) {
                (Some(parsed), Some(list)) => list.push(parsed),
                _ => rows = None,
            }
        }
        match (serial, rows, servers.as_mut()) {
            (Some(serial), Some(rows), Some(list)) => list.push((serial, analyse_rows(None, rows))),
            _ => servers = None,
        }
    }
    match (catalog, servers) {
        (Some(catalog), Some(servers)) => Ok(Some(ValidAnalysis {
            catalog,
            operator: draft.operator,
            servers,
        })),
        _ => Err(()),
    }
}

fn parse_component(
    field: &str,
    draft: &ComponentAnalysisDraft,
    problems: &mut Problems,
) -> Option<ComponentAnalysis> {
    let optional = |problems: &mut Problems, name: &str, label: &labels::Label, text: &str| {
        problems
            .take(
                &format!("{field}.{name}"),
                label,
                Text::optional(text, label.max),
            )
            .map(|t| (!t.is_empty()).then(|| t.to_string()))
    };
    let name = problems.take(
        &format!("{field}.name"),
        &labels::FIRMWARE_NAME,
        Text::required(&draft.name, labels::FIRMWARE_NAME.max),
    );
    let location = optional(
        problems,
        "location",
        &labels::ANALYSIS_LOCATION,
        &draft.location,
    );
    let current = optional(
        problems,
        "current_version",
        &labels::FIRMWARE_VERSION,
        &draft.current_version,
    );
    let catalog = optional(
        problems,
        "catalog_version",
        &labels::FIRMWARE_VERSION,
        &draft.catalog_version,
    );
    let package = optional(
        problems,
        "package",
        &labels::ANALYSIS_PACKAGE,
        &draft.package,
    );
    let minimum = optional(
        problems,
        "minimum_active_version",
        &labels::FIRMWARE_VERSION,
        &draft.minimum_active_version,
    );
    let action = problems.take(
        &format!("{field}.action"),
        &labels::ANALYSIS_ACTION,
        parse_action(&draft.action),
    );
    let (name, location, current, catalog, package, minimum, action) = (
        name?.to_string(),
        location?,
        current?,
        catalog?,
        package?,
        minimum?,
        action?,
    );

    // The re-check: the action must be what the versions themselves say.
    let order = match (&current, &catalog) {
        (Some(a), Some(b)) => Version::parse(a).compare(&Version::parse(b)),
        _ => None,
    };
    let consistent = match action {
        Action::Update => order == Some(Ordering::Less),
        Action::Current => order == Some(Ordering::Equal),
        Action::NewerInstalled => order == Some(Ordering::Greater),
        Action::NotInCatalog => catalog.is_none() && package.is_none(),
        Action::Unknown => order.is_none(),
    };
    if !consistent {
        problems.push(mismatch(
            format!("{field}.action"),
            Bilingual::new(
                format!("分析結果「{name}」の処置が、現在のバージョンとカタログのバージョンに合いません。もう一度分析してください。"),
                format!("The analysis of \"{name}\" does not agree with its installed and catalogue versions. Analyse again."),
            ),
        ));
        return None;
    }
    let expected_two_step = two_step(
        action,
        current.as_deref(),
        catalog.is_some(),
        minimum.as_deref(),
    );
    if draft.two_step != expected_two_step {
        problems.push(mismatch(
            format!("{field}.two_step"),
            Bilingual::new(
                format!("分析結果「{name}」の2段階アップデートの要否が、最低バージョン（minimum_active_version）に合いません。もう一度分析してください。"),
                format!("The two-step warning of \"{name}\" does not agree with the package's minimum version. Analyse again."),
            ),
        ));
        return None;
    }
    let verdict = classify_component(&name, location.as_deref(), None);
    // The app's rule is only for its own display: what is stored is decided here (the
    // inventory's kind, which may make a driver R9 rather than R10, is not sent).
    if !matches!(draft.rule.trim(), "" | "R8" | "R9" | "R10") {
        problems.push(problem_for(
            &format!("{field}.rule"),
            &labels::ANALYSIS_ACTION,
            ProblemCode::InvalidChoice,
        ));
        return None;
    }
    Some(ComponentAnalysis {
        name,
        location,
        current_version: current,
        catalog_version: catalog,
        package,
        action,
        reboot_required: draft.reboot_required,
        power_off_required: draft.power_off_required,
        minimum_active_version: minimum,
        two_step: expected_two_step,
        matched_by: None,
        unknown_reason: None,
        scope: verdict.scope,
        rule: verdict.rule,
    })
}
