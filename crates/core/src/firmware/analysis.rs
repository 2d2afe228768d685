//! What a firmware catalogue would change on each server: the "firmware analysis" (C1, C2).
//!
//! # Matching a package to a component
//!
//! 1. A component with `Oem.Hpe.Targets` (iLO 5/6): a package applies when one of its `target`
//!    GUIDs is among the component's targets and, where both give one, its `deviceclass` is
//!    the component's `DeviceClass`. No package applies → `not_in_catalog`.
//! 2. A component without targets (iLO 4, the Onboard Administrator, typed rows): a package
//!    applies when the component's whole name appears in the package's description. This is
//!    used only when every package so found is one package line (the same device class and
//!    targets); otherwise, or when none is found, the component is not analysed (`unknown`,
//!    with the reason), never guessed.
//! 3. Several applicable packages (a repository keeps older releases): the newest is taken;
//!    when their versions do not compare, the component is `unknown`.
//!
//! # The action
//!
//! The installed version against the package's ([`super::version::compare`]): older →
//! `update`, the same → `current`, newer → `newer_installed`; no installed version or forms
//! that do not compare → `unknown`. A **two-step** update is needed when the installed version
//! is below the package's `minimum_active_version`: an intermediate release must be installed
//! first (HPE's own tools refuse the package otherwise).
//!
//! # Per server
//!
//! Counts per action; a reboot or a power-off is needed when a component to update needs one
//! (R12: the customer stops the systems; their work window depends on it), unknown when a
//! package does not say; and the components outside the service (R10 out of scope, R9 only
//! with the SPP) are counted and marked with their rule.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

use super::catalog::{Catalog, Package};
use super::version::Version;
use crate::eligibility::ComponentScope;
use crate::inventory::{InventoryComponent, InventoryServer};

/// The shortest component name matched by name (rule 2): shorter names, such as `iLO`, fit
/// too many descriptions.
pub const MIN_NAME_CHARS: usize = 8;

/// What the update work would do with one component.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Action {
    Update,
    Current,
    NewerInstalled,
    NotInCatalog,
    Unknown,
}

/// Why a component's action is `unknown`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum UnknownReason {
    /// No targets, and no package found by name.
    NoTargets,
    /// No targets, and the name fits several package lines.
    AmbiguousName,
    /// The iLO gave no version for the component.
    NoInstalledVersion,
    /// The installed and the catalogue's version texts do not compare.
    VersionsDoNotCompare,
    /// Several packages apply and their versions do not compare.
    PackagesDoNotCompare,
}

/// How the package was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum MatchedBy {
    Targets,
    Name,
}

/// One component, analysed. The first ten fields are the CLI's documented output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ComponentAnalysis {
    pub name: String,
    /// The iLO's device context (`System Board`, `Slot 3`).
    pub location: Option<String>,
    pub current_version: Option<String>,
    pub catalog_version: Option<String>,
    /// The package's file name.
    pub package: Option<String>,
    pub action: Action,
    pub reboot_required: Option<bool>,
    pub power_off_required: Option<bool>,
    pub minimum_active_version: Option<String>,
    /// `true`: an intermediate update is needed first; `None`: the package has a minimum
    /// version that does not compare with the installed one.
    pub two_step: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matched_by: Option<MatchedBy>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unknown_reason: Option<UnknownReason>,
    /// R8 in scope, R9 with the SPP only, R10 out of scope.
    pub scope: ComponentScope,
    pub rule: String,
}

/// Components per action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ActionCounts {
    pub update: u32,
    pub current: u32,
    pub newer_installed: u32,
    pub not_in_catalog: u32,
    pub unknown: u32,
}

impl ActionCounts {
    fn add(&mut self, action: Action) {
        let slot = match action {
            Action::Update => &mut self.update,
            Action::Current => &mut self.current,
            Action::NewerInstalled => &mut self.newer_installed,
            Action::NotInCatalog => &mut self.not_in_catalog,
            Action::Unknown => &mut self.unknown,
        };
        *slot = slot.saturating_add(1);
    }
}

/// One server, analysed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ServerAnalysis {
    pub model: Option<String>,
    pub serial_number: Option<String>,
    pub components: Vec<ComponentAnalysis>,
    pub counts: ActionCounts,
    /// A component to update needs a reboot (`None`: a package to install does not say).
    pub reboot_required: Option<bool>,
    /// A component to update needs the server powered off (R12).
    pub power_off_required: Option<bool>,
    /// Components that need an intermediate update first.
    pub two_step: u32,
    /// Components outside the update work: R10 (out of scope) and R9 (with the SPP only).
    pub outside_scope: u32,
}

/// Analyses every server against the catalogue. Enclosures are analysed like servers: their
/// Onboard Administrator lists no targets, so their items are matched by name or not at all.
pub fn analyse(catalog: &Catalog, servers: &[InventoryServer]) -> Vec<ServerAnalysis> {
    servers.iter().map(|s| analyse_server(catalog, s)).collect()
}

/// Analyses one server.
pub fn analyse_server(catalog: &Catalog, server: &InventoryServer) -> ServerAnalysis {
    let components: Vec<ComponentAnalysis> = server
        .components
        .iter()
        .map(|c| analyse_component(catalog, c))
        .collect();
    let mut answer = analyse_rows(server.model.clone(), components);
    answer.serial_number.clone_from(&server.serial_number);
    answer
}

/// A server's figures (counts, reboot, power-off, two-step, outside scope) from its analysed
/// rows: also how a request's analysis is summed up again on the server.
pub fn analyse_rows(model: Option<String>, components: Vec<ComponentAnalysis>) -> ServerAnalysis {
    let mut counts = ActionCounts::default();
    let mut two_step = 0u32;
    let mut outside_scope = 0u32;
    for c in &components {
        counts.add(c.action);
        if c.two_step == Some(true) {
            two_step = two_step.saturating_add(1);
        }
        if c.scope != ComponentScope::InScope {
            outside_scope = outside_scope.saturating_add(1);
        }
    }
    let updates = || components.iter().filter(|c| c.action == Action::Update);
    ServerAnalysis {
        model,
        serial_number: None,
        reboot_required: any_of(updates().map(|c| c.reboot_required)),
        power_off_required: any_of(updates().map(|c| c.power_off_required)),
        components,
        counts,
        two_step,
        outside_scope,
    }
}

/// `Some(true)` when one is true; `None` when none is true and one is unknown.
fn any_of(flags: impl Iterator<Item = Option<bool>>) -> Option<bool> {
    let mut unknown = false;
    for flag in flags {
        match flag {
            Some(true) => return Some(true),
            None => unknown = true,
            Some(false) => {}
        }
    }
    (!unknown).then_some(false)
}

/// Analyses one component.
pub fn analyse_component(catalog: &Catalog, component: &InventoryComponent) -> ComponentAnalysis {
    let mut answer = ComponentAnalysis {
        name: component.name.clone(),
        location: component.device_context.clone(),
        current_version: component.version.clone(),
        catalog_version: None,
        package: None,
        action: Action::NotInCatalog,
        reboot_required: None,
        power_off_required: None,
        minimum_active_version: None,
        two_step: Some(false),
        matched_by: None,
        unknown_reason: None,
        scope: component.scope,
        rule: component.rule.clone(),
    };
    let (candidates, matched_by) = match candidates(catalog, component) {
        Ok(found) => found,
        Err(reason) => {
            answer.action = Action::Unknown;
            answer.unknown_reason = Some(reason);
            return answer;
        }
    };
    if candidates.is_empty() {
        return answer;
    }
    answer.matched_by = Some(matched_by);
    let Some(package) = newest(&candidates) else {
        answer.action = Action::Unknown;
        answer.unknown_reason = Some(UnknownReason::PackagesDoNotCompare);
        return answer;
    };
    answer.catalog_version = Some(package.version.clone());
    answer.package = Some(package.file.clone());
    answer.reboot_required = package.reboot_required;
    answer.power_off_required = package.server_power_off;
    answer.minimum_active_version = package.minimum_active_version.clone();
    let Some(installed) = component.version.as_deref() else {
        answer.action = Action::Unknown;
        answer.unknown_reason = Some(UnknownReason::NoInstalledVersion);
        answer.two_step = None;
        return answer;
    };
    let installed = Version::parse(installed);
    answer.action = match installed.compare(&Version::parse(&package.version)) {
        Some(Ordering::Less) => Action::Update,
        Some(Ordering::Equal) => Action::Current,
        Some(Ordering::Greater) => Action::NewerInstalled,
        None => {
            answer.unknown_reason = Some(UnknownReason::VersionsDoNotCompare);
            Action::Unknown
        }
    };
    answer.two_step = two_step(
        answer.action,
        component.version.as_deref(),
        true,
        package.minimum_active_version.as_deref(),
    );
    answer
}

/// The two-step warning of a row: for an `update`, whether the installed version is below the
/// package's minimum (`None` when the two do not compare); for an `unknown` that has a
/// package, `None` (it cannot be told); otherwise `false`. The request's re-check uses the
/// same function, so what the app computes is what the server accepts.
pub fn two_step(
    action: Action,
    installed: Option<&str>,
    has_package: bool,
    minimum: Option<&str>,
) -> Option<bool> {
    match action {
        Action::Update => match (installed, minimum) {
            (_, None) => Some(false),
            (Some(installed), Some(minimum)) => Version::parse(installed)
                .compare(&Version::parse(minimum))
                .map(|o| o == Ordering::Less),
            (None, Some(_)) => None,
        },
        Action::Unknown if has_package => None,
        _ => Some(false),
    }
}

/// The packages that apply to a component (see the module's rules 1 and 2).
fn candidates<'a>(
    catalog: &'a Catalog,
    component: &InventoryComponent,
) -> Result<(Vec<&'a Package>, MatchedBy), UnknownReason> {
    if !component.targets.is_empty() {
        let found = catalog
            .packages
            .iter()
            .filter(|p| {
                let class_agrees = match (&p.device_class, &component.device_class) {
                    (Some(a), Some(b)) => a == b,
                    _ => true,
                };
                class_agrees && p.targets.iter().any(|t| component.targets.contains(t))
            })
            .collect();
        return Ok((found, MatchedBy::Targets));
    }
    let name = words(&component.name);
    // A short name ("iLO", "System ROM" is 10) would fit half the catalogue.
    if name.trim().chars().count() < MIN_NAME_CHARS {
        return Err(UnknownReason::NoTargets);
    }
    let found: Vec<&Package> = catalog
        .packages
        .iter()
        .filter(|p| {
            p.description
                .as_deref()
                .is_some_and(|d| words(d).contains(&name))
        })
        .collect();
    let Some(first) = found.first() else {
        return Err(UnknownReason::NoTargets);
    };
    let one_line = found
        .iter()
        .all(|p| p.device_class == first.device_class && same_set(&p.targets, &first.targets));
    if one_line {
        Ok((found, MatchedBy::Name))
    } else {
        Err(UnknownReason::AmbiguousName)
    }
}

/// Lower-case letters and digits, every other run of characters one space, padded with spaces
/// so that containment is containment of whole words.
fn words(text: &str) -> String {
    let mut out = String::from(" ");
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

fn same_set(a: &[String], b: &[String]) -> bool {
    a.len() == b.len() && a.iter().all(|x| b.contains(x))
}

/// The package whose version is at least every other's; `None` when versions do not compare.
fn newest<'a>(packages: &[&'a Package]) -> Option<&'a Package> {
    let versions: Vec<Version> = packages
        .iter()
        .map(|p| Version::parse(&p.version))
        .collect();
    let mut best = 0;
    for (i, version) in versions.iter().enumerate().skip(1) {
        match version.compare(versions.get(best)?)? {
            Ordering::Greater => best = i,
            Ordering::Less | Ordering::Equal => {}
        }
    }
    // The running best must also stand at or above the ones before it was chosen.
    let top = versions.get(best)?;
    let all_below = versions
        .iter()
        .all(|v| matches!(top.compare(v), Some(Ordering::Greater | Ordering::Equal)));
    all_below.then(|| packages.get(best).copied()).flatten()
}

/// A problem met on the way: with the catalogue or with an inventory file. `input` says which
/// (`"catalog"` or `"inventory"`); the rest is that problem's own fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "input", rename_all = "snake_case")]
pub enum AnalysisProblem {
    Catalog(super::catalog::CatalogProblem),
    Inventory(crate::inventory::InventoryProblem),
}

/// The analysis of one upload against one catalogue, as `fwportal analyse` prints it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AnalysisReport {
    pub servers: Vec<ServerAnalysis>,
    pub problems: Vec<AnalysisProblem>,
}

/// Analyses an inventory report against a read catalogue; the problems of both are kept,
/// the catalogue's first.
///
/// ```
/// use fwportal_core::firmware::{analysis::{analyse_report, Action}, parse_catalog};
/// use fwportal_core::inventory::{merge, parse_named};
/// let catalog = parse_catalog("fwrepo.json", r#"{"ilo5_272.fwpkg": {"version": "2.72",
///     "target": ["4764a662-b342-4fc7-9ce9-258c5d99e815"], "reboot_required": "no",
///     "server_power_off": "no", "minimum_active_version": "2.30"}}"#);
/// let inventory = merge([parse_named("fw.json", r#"{"Name": "iLO 5", "Version": "2.10 Jan 01 2020",
///     "Oem": {"Hpe": {"Targets": ["4764a662-b342-4fc7-9ce9-258c5d99e815"]}}}"#)]);
/// let report = analyse_report(&catalog, &inventory);
/// let ilo = &report.servers[0].components[0];
/// assert_eq!((ilo.action, ilo.two_step), (Action::Update, Some(true)));
/// ```
pub fn analyse_report(
    catalog: &super::catalog::CatalogParse,
    inventory: &crate::inventory::InventoryReport,
) -> AnalysisReport {
    let problems = catalog
        .problems
        .iter()
        .cloned()
        .map(AnalysisProblem::Catalog)
        .chain(
            inventory
                .problems
                .iter()
                .cloned()
                .map(AnalysisProblem::Inventory),
        )
        .collect();
    AnalysisReport {
        servers: analyse(&catalog.catalog, &inventory.servers),
        problems,
    }
}
