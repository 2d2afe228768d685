//! The BladeSystem c-Class Onboard Administrator's `/xmldata?item=all`: every blade of the
//! enclosure, and the enclosure's own modules, in one text (R8).
//!
//! What is read (element paths under the root `RIMP`):
//!
//! | where | gives |
//! |---|---|
//! | `INFRA2/BLADES/BLADE` with `TYPE` `SERVER` | one server each: `SPN` model, `BSN` serial number; items `System ROM` (`BLADEROMVER`), the iLO (`MGMTPN`, `MGMTFWVERSION`) and `Power Management Controller Firmware` (`PWRM`), on the `System Board` |
//! | `INFRA2` | the enclosure: `PN` model, `ENCL_SN` serial number |
//! | `INFRA2/MANAGERS/MANAGER` (else `MP`) | each Onboard Administrator: `SPN` (`PN`), `FWRI` |
//! | `INFRA2/SWITCHES/SWITCH` | each interconnect module: `SPN`, `FWRI` |
//!
//! Decisions:
//! - Blades are named as their own iLO names them, so that a blade's OA entry and its Redfish
//!   files merge into one server by serial number and their items into one: `System ROM`,
//!   `iLO` for iLO 4 and older (`MGMTPN` `iLO4`) and `iLO 5`, `iLO 6` after, the power
//!   management controller as in the iLO's firmware inventory; all three on the `System
//!   Board`. The OA gives the System ROM as family and date (`I36 02/17/2017`); the merge
//!   takes the iLO's fuller `I36 v2.40 (02/17/2017)` for the same ROM when it has both.
//! - Bays that hold no server (empty, or a storage or tape blade: `TYPE` other than `SERVER`)
//!   are skipped. A blade without model and serial number is an empty bay.
//! - The enclosure is one more entry, marked [`InventoryServer::enclosure`], whose items are
//!   the OA and interconnect firmware: components inside a BladeSystem enclosure, in scope
//!   (R8, category `enclosure_firmware`), given by their bay (`Onboard Administrator Bay 1`,
//!   `Interconnect Bay 3`) so that the scope rules know where they sit. Fans, power supplies
//!   and the Insight Display are not listed: the OA does not report firmware for the first,
//!   and the others are updated with the OA firmware.
//! - `[Unknown]`, which the OA writes for what it could not read, is a missing value.
//! - At most [`MAX_DOCUMENTS`] blades are read from one text; a c7000 holds 32 servers at
//!   most.

use super::messages;
use super::shapes::clean;
use super::xml::{self, Element, XmlErrorKind};
use super::{
    DocumentKind, InventoryComponent, InventoryParse, InventoryProblem, InventoryProblemCode,
    InventoryServer, MAX_DOCUMENTS, MAX_ITEMS,
};
use crate::eligibility::InventoryKind;

/// The device context of a blade's own firmware, as its iLO gives it.
const SYSTEM_BOARD: &str = "System Board";

/// Reads one XML text into `parse`: the blades and the enclosure, or a problem.
pub(super) fn read(source: &str, text: &str, parse: &mut InventoryParse) {
    let problem = |code, message| InventoryProblem::new(code, source, message);
    if is_html(text) {
        let message = messages::html_page();
        parse
            .problems
            .push(problem(InventoryProblemCode::UnknownShape, message));
        return;
    }
    let root = match xml::parse(text) {
        Ok(root) => root,
        Err(error) => {
            let (code, message) = match error.kind {
                XmlErrorKind::TooDeep => (InventoryProblemCode::TooDeep, messages::xml_too_deep()),
                XmlErrorKind::TooLarge => (
                    InventoryProblemCode::TooLarge,
                    messages::too_large(u64::try_from(text.len()).unwrap_or(u64::MAX)),
                ),
                kind => (
                    InventoryProblemCode::NotXml,
                    messages::not_xml(error.line, kind),
                ),
            };
            parse.problems.push(problem(code, message));
            return;
        }
    };
    let Some(infra) = root.child("INFRA2").filter(|_| root.name == "RIMP") else {
        let message = messages::not_oa_xmldata(root.name);
        parse
            .problems
            .push(problem(InventoryProblemCode::UnknownShape, message));
        return;
    };
    let mut doc = Doc {
        source,
        problems: Vec::new(),
        no_version: 0,
        dropped: 0,
    };
    let mut blades = 0;
    let mut too_many = false;
    let bays = infra.child("BLADES").into_iter();
    for blade in bays.flat_map(|b| b.children_named("BLADE")) {
        let server_type = value(blade, "TYPE");
        if server_type.is_some_and(|t| !t.eq_ignore_ascii_case("SERVER")) {
            continue;
        }
        let model = value(blade, "SPN");
        let serial = value(blade, "BSN");
        if model.is_none() && serial.is_none() {
            continue;
        }
        if blades == MAX_DOCUMENTS {
            too_many = true;
            break;
        }
        blades += 1;
        let bay = blade.child("BAY").and_then(|b| value(b, "CONNECTION"));
        for (field, missing) in [("SPN", model.is_none()), ("BSN", serial.is_none())] {
            if missing {
                let message = messages::oa_blade_missing(bay.as_deref(), field);
                doc.problem(InventoryProblemCode::MissingField, message, Some(field));
            }
        }
        let mut server = InventoryServer::new(source);
        server.set_model(model);
        server.serial_number = serial;
        let board = || Some(SYSTEM_BOARD.to_owned());
        let ilo = ilo_name(value(blade, "MGMTPN").as_deref());
        for (name, element) in [
            ("System ROM", "BLADEROMVER"),
            (ilo.as_str(), "MGMTFWVERSION"),
            ("Power Management Controller Firmware", "PWRM"),
        ] {
            if blade.child(element).is_some() {
                doc.push(&mut server, name, value(blade, element), board());
            }
        }
        parse.servers.push(server);
    }
    if too_many {
        let message = messages::oa_too_many_blades();
        doc.problem(InventoryProblemCode::TooManyDocuments, message, None);
    } else if blades == 0 {
        let message = messages::oa_no_blades();
        doc.problem(InventoryProblemCode::NoComponents, message, Some("BLADES"));
    }
    let enclosure = enclosure(&mut doc, &root, infra);
    parse.servers.push(enclosure);
    doc.finish(parse);
}

/// The enclosure and its OA and interconnect firmware.
fn enclosure(doc: &mut Doc, root: &Element, infra: &Element) -> InventoryServer {
    let mut enclosure = InventoryServer::new(doc.source);
    enclosure.enclosure = true;
    let model = value(infra, "PN");
    let serial = value(infra, "ENCL_SN");
    for (field, missing) in [("PN", model.is_none()), ("ENCL_SN", serial.is_none())] {
        if missing {
            let message = messages::oa_enclosure_missing(field);
            doc.problem(InventoryProblemCode::MissingField, message, Some(field));
        }
    }
    enclosure.set_model(model);
    enclosure.serial_number = serial;

    let active = root.child("MP");
    let managers: Vec<&Element> = infra
        .child("MANAGERS")
        .into_iter()
        .flat_map(|m| m.children_named("MANAGER"))
        .collect();
    let modules = if managers.is_empty() {
        active.into_iter().collect()
    } else {
        managers
    };
    for oa in modules {
        let name = value(oa, "SPN")
            .or_else(|| value(oa, "PN"))
            .unwrap_or_else(|| "Onboard Administrator".to_owned());
        let bay = bay(oa).map(|n| format!("Onboard Administrator Bay {n}"));
        let context = bay.or_else(|| Some("Onboard Administrator Bay".to_owned()));
        doc.push(&mut enclosure, &name, value(oa, "FWRI"), context);
    }
    let switches = infra.child("SWITCHES").into_iter();
    for module in switches.flat_map(|s| s.children_named("SWITCH")) {
        let name = value(module, "SPN");
        if name.is_none() && value(module, "BSN").is_none() {
            continue;
        }
        let name = name.unwrap_or_else(|| "Interconnect module".to_owned());
        let context = bay(module).map_or_else(
            || "Interconnect Bay".to_owned(),
            |n| format!("Interconnect Bay {n}"),
        );
        doc.push(&mut enclosure, &name, value(module, "FWRI"), Some(context));
    }
    enclosure
}

/// The problems met while reading one OA text.
struct Doc<'a> {
    source: &'a str,
    problems: Vec<InventoryProblem>,
    no_version: usize,
    /// Items past [`MAX_ITEMS`] for one entry, not kept.
    dropped: usize,
}

impl Doc<'_> {
    fn problem(
        &mut self,
        code: InventoryProblemCode,
        message: crate::i18n::Bilingual,
        field: Option<&str>,
    ) {
        let problem = InventoryProblem::new(code, self.source, message);
        self.problems.push(match field {
            Some(field) => problem.with_field(field),
            None => problem,
        });
    }

    fn push(
        &mut self,
        server: &mut InventoryServer,
        name: &str,
        version: Option<String>,
        context: Option<String>,
    ) {
        if server.components.len() >= MAX_ITEMS {
            self.dropped += 1;
            return;
        }
        if version.is_none() {
            self.no_version += 1;
        }
        let item = InventoryComponent::new(name, version, context, InventoryKind::Firmware);
        server.components.push(item);
    }

    fn finish(mut self, parse: &mut InventoryParse) {
        if self.no_version > 0 {
            let message = messages::oa_missing_version(self.no_version);
            self.problem(InventoryProblemCode::MissingField, message, None);
        }
        if self.dropped > 0 {
            let message = messages::too_many_items(self.dropped);
            self.problem(InventoryProblemCode::TooManyItems, message, None);
        }
        parse.documents.push(DocumentKind::OaXmldata);
        parse.problems.append(&mut self.problems);
    }
}

/// A child's text, trimmed and cut; blank and `[Unknown]` are missing.
fn value(element: &Element, name: &str) -> Option<String> {
    element
        .text_of(name)
        .and_then(clean)
        .filter(|v| !v.eq_ignore_ascii_case("[unknown]"))
}

/// `BAY/CONNECTION`: the bay number.
fn bay(element: &Element) -> Option<String> {
    element.child("BAY").and_then(|b| value(b, "CONNECTION"))
}

/// The iLO's name as its own firmware inventory gives it: `iLO` up to iLO 4, `iLO 5`, `iLO 6`
/// from then on.
fn ilo_name(mgmtpn: Option<&str>) -> String {
    let generation = mgmtpn
        .and_then(|p| {
            p.get(..3)
                .filter(|i| i.eq_ignore_ascii_case("ilo"))
                .and(p.get(3..))
        })
        .and_then(|g| g.trim().parse::<u8>().ok());
    match generation {
        Some(g) if g >= 5 => format!("iLO {g}"),
        _ => "iLO".to_owned(),
    }
}

/// A web page (often a login or error page saved instead of the data): `<html` near the top.
fn is_html(text: &str) -> bool {
    let head = text.as_bytes().get(..1024).unwrap_or(text.as_bytes());
    head.windows(5).any(|w| w.eq_ignore_ascii_case(b"<html"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ilo_is_named_as_the_ilo_names_itself() {
        for (mgmtpn, name) in [
            (Some("iLO4"), "iLO"),
            (Some("iLO 3"), "iLO"),
            (Some("iLO5"), "iLO 5"),
            (Some("ILO 6"), "iLO 6"),
            (Some("iL"), "iLO"),
            (Some("é"), "iLO"),
            (Some("iLOx"), "iLO"),
            (None, "iLO"),
        ] {
            assert_eq!(ilo_name(mgmtpn), name, "{mgmtpn:?}");
        }
    }

    #[test]
    fn html_is_told_from_xml() {
        assert!(is_html("<!DOCTYPE html>\n<HTML><body>401</body></HTML>"));
        assert!(is_html("<?xml version=\"1.0\"?><html xmlns=\"x\"/>"));
        assert!(!is_html("<RIMP><MP/></RIMP>"));
        assert!(!is_html("<"));
    }
}
