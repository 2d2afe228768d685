//! Which parts of an inventory report become the request's server rows (issue 8, issue 14):
//! the servers the customer chose, each with every firmware version the report shows for it
//! (the System ROM and the iLO under the names the request's fields use; the Power Management
//! Controller, an enclosure's Onboard Administrators and interconnects under their own), so
//! what the report shows is what the desk receives.

use crate::eligibility::{ComponentScope, InventoryKind};
use crate::inventory::{InventoryReport, InventoryServer};

use super::{FirmwareDraft, RequestDraft, ServerDraft, MAX_FIRMWARE_ITEMS};

/// The request's name for the System ROM version (the servers page asks it by this name).
pub const SYSTEM_ROM: &str = "System ROM";
/// The request's name for the iLO version.
pub const ILO: &str = "iLO";

/// The request's own field an item fills (the System ROM, the iLO), if any.
fn field_name(name: &str) -> Option<&'static str> {
    let trimmed = name.trim();
    if trimmed.eq_ignore_ascii_case(SYSTEM_ROM) {
        Some(SYSTEM_ROM)
    } else if trimmed == "iLO" || trimmed.starts_with("iLO ") {
        Some(ILO)
    } else {
        None
    }
}

/// One server (or enclosure) of the report as a row of the request: every firmware item with
/// a version that the service updates (R8) or that comes with the SPP (R9); peripherals' items
/// (R10) stay out. An item listed twice (two Onboard Administrators, active and standby) is
/// named with its place so both are kept.
///
/// ```
/// use fwportal_core::inventory::{merge, parse_named};
/// use fwportal_core::request::import::server_row;
/// let oa = parse_named("oa.xml", include_str!("../../tests/fixtures/inventory/oa_xmldata_two_blades.xml"));
/// let report = merge(vec![oa]);
/// let blade = server_row(&report.servers[0]);
/// let names: Vec<_> = blade.firmware.iter().map(|f| f.name.as_str()).collect();
/// assert!(names.contains(&"System ROM") && names.contains(&"iLO"));
/// assert!(names.iter().any(|n| n.contains("Power Management")), "{names:?}");
/// ```
pub fn server_row(server: &InventoryServer) -> ServerDraft {
    let mut firmware: Vec<FirmwareDraft> = Vec::new();
    for item in &server.components {
        let Some(version) = item
            .version
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
        else {
            continue;
        };
        if item.kind != InventoryKind::Firmware || item.scope == ComponentScope::OutOfScope {
            continue;
        }
        let name = match field_name(&item.name) {
            Some(field) => field.to_owned(),
            None => item.name.trim().to_owned(),
        };
        let taken = |name: &str| firmware.iter().any(|f| f.name == name);
        let name = match (&item.device_context, taken(&name)) {
            (_, false) => name,
            // The request's own fields take the first System ROM and iLO only.
            _ if field_name(&name).is_some() => continue,
            (Some(context), true) => format!("{name} ({})", context.trim()),
            (None, true) => continue,
        };
        if taken(&name) || firmware.len() >= MAX_FIRMWARE_ITEMS {
            continue;
        }
        firmware.push(FirmwareDraft {
            name,
            version: version.to_owned(),
        });
    }
    ServerDraft {
        model: server.model.clone().unwrap_or_default(),
        serial_number: server.serial_number.clone().unwrap_or_default(),
        firmware,
    }
}

/// The servers of the report that can become rows: those with a model or a serial number.
pub fn importable(report: &InventoryReport) -> impl Iterator<Item = (usize, &InventoryServer)> {
    report
        .servers
        .iter()
        .enumerate()
        .filter(|(_, s)| s.model.is_some() || s.serial_number.is_some())
}

/// Puts the chosen servers of the report (by their index in `report.servers`) into the draft:
/// a row with the same serial number (in any letter case) is replaced, empty rows are dropped,
/// the others are kept.
///
/// ```
/// use fwportal_core::inventory::{merge, parse_named};
/// use fwportal_core::request::import::fill_rows;
/// use fwportal_core::request::RequestDraft;
/// let oa = parse_named("oa.xml", include_str!("../../tests/fixtures/inventory/oa_xmldata_two_blades.xml"));
/// let report = merge(vec![oa]);
/// let mut draft = RequestDraft::default();
/// fill_rows(&mut draft, &report, |at| at != 1); // the second blade is left out
/// let serials: Vec<_> = draft.servers.iter().map(|s| s.serial_number.as_str()).collect();
/// assert_eq!(serials, ["CZ00TEST01", "CZ00TEST99"]);
/// ```
pub fn fill_rows(
    draft: &mut RequestDraft,
    report: &InventoryReport,
    chosen: impl Fn(usize) -> bool,
) {
    let empty = |s: &ServerDraft| {
        s.model.trim().is_empty() && s.serial_number.trim().is_empty() && s.firmware.is_empty()
    };
    draft.servers.retain(|s| !empty(s));
    for (_, server) in importable(report).filter(|(at, _)| chosen(*at)) {
        let row = server_row(server);
        let same = draft.servers.iter().position(|s| {
            !row.serial_number.is_empty()
                && s.serial_number
                    .trim()
                    .eq_ignore_ascii_case(&row.serial_number)
        });
        match same {
            Some(at) => draft.servers[at] = row,
            None => draft.servers.push(row),
        }
    }
    if draft.servers.is_empty() {
        draft.servers.push(ServerDraft::default());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::{merge, parse_named};

    const OA: &str = include_str!("../../tests/fixtures/inventory/oa_xmldata_two_blades.xml");

    /// Issue 14 item 2: the enclosure row keeps both OAs and the interconnects, each blade its
    /// Power Management Controller.
    #[test]
    fn the_enclosure_and_the_pmc_keep_their_firmware() {
        let report = merge(vec![parse_named("oa.xml", OA)]);
        let mut draft = RequestDraft::default();
        fill_rows(&mut draft, &report, |_| true);
        let row = |serial: &str| {
            draft
                .servers
                .iter()
                .find(|s| s.serial_number == serial)
                .unwrap_or_else(|| panic!("no row {serial}: {:#?}", draft.servers))
        };
        let enclosure: Vec<(String, String)> = row("CZ00TEST99")
            .firmware
            .iter()
            .map(|f| (f.name.clone(), f.version.clone()))
            .collect();
        // What the report shows for the enclosure is what the row carries.
        let shown: Vec<String> = report.servers[2]
            .components
            .iter()
            .filter_map(|c| c.version.clone())
            .collect();
        assert_eq!(enclosure.len(), shown.len(), "{enclosure:?} vs {shown:?}");
        assert_eq!(
            enclosure.iter().filter(|(_, v)| v == "4.97").count(),
            2,
            "both OAs: {enclosure:?}"
        );
        assert!(enclosure
            .iter()
            .any(|(n, v)| n.contains("Mellanox") && v == "3.4.3002"));
        let blade = row("CZ00TEST01");
        assert!(
            blade.firmware.iter().any(|f| f.version == "1.0.7"),
            "the PMC: {:?}",
            blade.firmware
        );
        // Reading the same servers again replaces their rows.
        let before = draft.servers.len();
        fill_rows(&mut draft, &report, |_| true);
        assert_eq!(draft.servers.len(), before);
    }
}
