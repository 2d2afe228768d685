//! Combining the server fragments of several documents of one upload.
//!
//! The rule:
//! 1. Fragments with a serial number are one server per serial number (compared trimmed and
//!    case-insensitively). The first model given is kept; a different model for the same
//!    serial number is reported (`conflicting_model`).
//! 2. Fragments without a serial number (a firmware inventory, a `Manager`, a system
//!    resource with a blank serial number):
//!    - if the upload has exactly one server with a serial number, they are attached to it,
//!      unless they name a different model;
//!    - if it has none, they are combined into one server, unless they name different
//!      models (then one server per model; fragments without a model go to the only model,
//!      or stay a server of their own);
//!    - if it has several, they cannot be matched: they are combined as above into servers
//!      of their own and reported (`unattached_inventory`).
//! 3. Items are combined so that an item read from two documents (the System ROM from the
//!    system resource and from the firmware inventory) appears once, while repeats within
//!    one document (two identical drives) are kept: for each (name, version, device context,
//!    kind), the server keeps as many as the document listing most of them. Two System ROM
//!    versions with the same ROM family and date are the same version: the Onboard
//!    Administrator writes `I36 02/17/2017` for the iLO's `I36 v2.40 (02/17/2017)`; the
//!    longer text is kept.
//! 4. Enclosures ([`InventoryServer::enclosure`]) are combined by the same rules among
//!    themselves only: a server's file never joins an enclosure, and enclosures are not
//!    counted in rule 2, so that the Onboard Administrator's data on an enclosure with one
//!    blade leaves that blade the one server with a serial number. An enclosure that cannot
//!    be matched is not reported again (its missing serial number already is).
//!
//! Servers keep the order in which they first appear; enclosures come after them.
//!
//! Lists are searched linearly rather than hashed or sorted: an upload holds a few servers of
//! at most a few hundred items each, and a hash map or a sort would add its code to the app's
//! download for no noticeable gain.

use super::messages;
use super::{
    InventoryComponent, InventoryParse, InventoryProblem, InventoryProblemCode, InventoryReport,
    InventoryServer, MAX_ITEMS,
};
use crate::eligibility::{normalize_model, ComponentCategory};

/// Combines the results of several texts of one upload into one report (see the module's
/// rule). Problems keep their order; merge problems come last.
///
/// ```
/// use fwportal_core::inventory::{merge, parse_named, InventoryProblemCode};
/// let a = parse_named("a.json", r#"{"Model": "ProLiant DL360 Gen10", "SerialNumber": "SGH111", "BiosVersion": "U32 v2.60 (01/13/2022)"}"#);
/// let b = parse_named("b.json", r#"{"Model": "ProLiant DL380 Gen10", "SerialNumber": "SGH222"}"#);
/// let fw = parse_named("fw.json", r#"[{"Name": "iLO 5", "Version": "2.55 Oct 01 2021"}]"#);
/// let report = merge(vec![a, b, fw]);
/// // Two servers with serial numbers: the firmware list cannot be matched to either.
/// assert_eq!(report.servers.len(), 3);
/// assert_eq!(report.servers[2].model, None);
/// assert_eq!(report.problems.last().map(|p| p.code), Some(InventoryProblemCode::UnattachedInventory));
/// ```
pub fn merge(parses: impl IntoIterator<Item = InventoryParse>) -> InventoryReport {
    let mut problems = Vec::new();
    let mut servers = Group::default();
    let mut enclosures = Group::default();
    for parse in parses {
        problems.extend(parse.problems);
        for fragment in parse.servers {
            let group = if fragment.enclosure {
                &mut enclosures
            } else {
                &mut servers
            };
            group.add(fragment, &mut problems);
        }
    }
    let mut servers = servers.finish(true, &mut problems);
    servers.extend(enclosures.finish(false, &mut problems));
    InventoryReport { servers, problems }
}

/// The fragments of one kind (servers, or enclosures), by whether they have a serial number.
#[derive(Default)]
struct Group {
    with_serial: Vec<InventoryServer>,
    without_serial: Vec<InventoryServer>,
}

impl Group {
    /// Rule 1.
    fn add(&mut self, fragment: InventoryServer, problems: &mut Vec<InventoryProblem>) {
        let Some(serial) = fragment.serial_number.as_deref().map(serial_key) else {
            self.without_serial.push(fragment);
            return;
        };
        match self
            .with_serial
            .iter_mut()
            .find(|s| s.serial_number.as_deref().map(serial_key).as_ref() == Some(&serial))
        {
            Some(server) => absorb(server, fragment, problems),
            None => self.with_serial.push(fragment),
        }
    }

    /// Rule 2; `report` says whether fragments left unmatched are reported.
    fn finish(self, report: bool, problems: &mut Vec<InventoryProblem>) -> Vec<InventoryServer> {
        let Group {
            mut with_serial,
            without_serial,
        } = self;
        let mut unattached = Vec::new();
        if let [only] = with_serial.as_mut_slice() {
            for fragment in without_serial {
                if models_agree(only, &fragment) {
                    absorb(only, fragment, problems);
                } else {
                    unattached.push(fragment);
                }
            }
        } else {
            unattached = without_serial;
        }
        let unattached = combine_by_model(unattached, problems);
        if report && !with_serial.is_empty() && !unattached.is_empty() {
            if let Some(source) = unattached.first().and_then(|s| s.sources.first()) {
                problems.push(InventoryProblem::new(
                    InventoryProblemCode::UnattachedInventory,
                    source,
                    messages::unattached(with_serial.len()),
                ));
            }
        }
        with_serial.extend(unattached);
        with_serial
    }
}

/// Combines fragments without a serial number: one server per model; fragments without a
/// model join the only model, or form one server of their own.
fn combine_by_model(
    fragments: Vec<InventoryServer>,
    problems: &mut Vec<InventoryProblem>,
) -> Vec<InventoryServer> {
    // The distinct models; only how many there are matters.
    let mut models: Vec<String> = Vec::new();
    for model in fragments
        .iter()
        .filter_map(|f| f.model.as_deref().map(normalize_model))
    {
        if !models.contains(&model) {
            models.push(model);
        }
    }
    let mut servers: Vec<InventoryServer> = Vec::new();
    for fragment in fragments {
        let target = servers
            .iter_mut()
            .find(|s| match (&s.model, &fragment.model) {
                (Some(a), Some(b)) => normalize_model(a) == normalize_model(b),
                (None, None) => true,
                (Some(_), None) | (None, Some(_)) => models.len() == 1,
            });
        match target {
            Some(server) => absorb(server, fragment, problems),
            None => servers.push(fragment),
        }
    }
    servers
}

fn serial_key(serial: &str) -> String {
    serial.trim().to_uppercase()
}

fn models_agree(a: &InventoryServer, b: &InventoryServer) -> bool {
    match (&a.model, &b.model) {
        (Some(a), Some(b)) => normalize_model(a) == normalize_model(b),
        _ => true,
    }
}

/// Adds `fragment` to `server`. A model conflict keeps the server's model and is reported, as
/// are items past [`MAX_ITEMS`].
fn absorb(
    server: &mut InventoryServer,
    fragment: InventoryServer,
    problems: &mut Vec<InventoryProblem>,
) {
    let source = fragment.sources.first().cloned().unwrap_or_default();
    match (&server.model, fragment.model) {
        (None, Some(model)) => server.set_model(Some(model)),
        (Some(kept), Some(other)) if normalize_model(kept) != normalize_model(&other) => {
            let serial = server.serial_number.as_deref().unwrap_or("-");
            problems.push(
                InventoryProblem::new(
                    InventoryProblemCode::ConflictingModel,
                    &source,
                    messages::conflicting_model(serial, kept, &other),
                )
                .with_field("Model"),
            );
        }
        _ => {}
    }
    if server.serial_number.is_none() {
        server.serial_number = fragment.serial_number;
    }
    for source in fragment.sources {
        if !server.sources.contains(&source) {
            server.sources.push(source);
        }
    }
    let dropped = add_components(&mut server.components, fragment.components);
    if dropped > 0 {
        problems.push(InventoryProblem::new(
            InventoryProblemCode::TooManyItems,
            &source,
            messages::too_many_items(dropped),
        ));
    }
}

/// Whether two entries are the same item for combining: same name, version, device context
/// and inventory kind (rule 3).
fn same_item(a: &InventoryComponent, b: &InventoryComponent) -> bool {
    a.name == b.name
        && (a.version == b.version || same_rom_release(a, b))
        && a.device_context == b.device_context
        && a.kind == b.kind
}

/// Two System ROM versions naming the same ROM family and date (rule 3).
fn same_rom_release(a: &InventoryComponent, b: &InventoryComponent) -> bool {
    fn release(c: &InventoryComponent) -> Option<(&str, &str)> {
        if c.category == ComponentCategory::SystemRom {
            c.version.as_deref().and_then(rom_release)
        } else {
            None
        }
    }
    release(a).is_some_and(|r| release(b) == Some(r))
}

/// The ROM family and date of a System ROM version: `I36 v2.40 (02/17/2017)` (the iLO) and
/// `I36 02/17/2017` (the Onboard Administrator) both give `("I36", "02/17/2017")`.
fn rom_release(version: &str) -> Option<(&str, &str)> {
    let mut words = version.split_whitespace();
    let family = words.next()?;
    let date = words.last()?.trim_start_matches('(').trim_end_matches(')');
    let is_date = date.len() == 10
        && date.bytes().enumerate().all(|(i, b)| match i {
            2 | 5 => b == b'/',
            _ => b.is_ascii_digit(),
        });
    is_date.then_some((family, date))
}

/// Keeps, for each item, as many as the list that holds most of them: the `n`-th copy of an
/// item in `from` is added when `into` holds fewer than `n`. `into` grows to [`MAX_ITEMS`] at
/// most; returns how many items that left out.
fn add_components(into: &mut Vec<InventoryComponent>, from: Vec<InventoryComponent>) -> usize {
    // The same System ROM in a shorter text (the Onboard Administrator's) takes the longer.
    for item in &from {
        let longer = |kept: &InventoryComponent| {
            let len = |c: &InventoryComponent| c.version.as_deref().map_or(0, str::len);
            len(item) > len(kept) && same_rom_release(kept, item)
        };
        for kept in into.iter_mut().filter(|kept| longer(kept)) {
            kept.version.clone_from(&item.version);
        }
    }
    let copies_in = |list: &[InventoryComponent], item: &InventoryComponent| {
        list.iter().filter(|c| same_item(c, item)).count()
    };
    let keep: Vec<bool> = from
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let nth = copies_in(from.get(..=i).unwrap_or_default(), item);
            nth > copies_in(into, item)
        })
        .collect();
    // An item read twice keeps the catalogue identity (DeviceClass, Targets) that only the
    // iLO 5/6 firmware inventory gives, whichever file came first.
    for (item, _) in from.iter().zip(&keep).filter(|(_, keep)| !**keep) {
        if let Some(kept) = into
            .iter_mut()
            .find(|c| same_item(c, item) && c.targets.is_empty() && c.device_class.is_none())
        {
            kept.device_class.clone_from(&item.device_class);
            kept.targets.clone_from(&item.targets);
        }
    }
    let mut dropped = 0;
    for item in from
        .into_iter()
        .zip(keep)
        .filter_map(|(item, keep)| keep.then_some(item))
    {
        if into.len() < MAX_ITEMS {
            into.push(item);
        } else {
            dropped += 1;
        }
    }
    dropped
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use proptest::prelude::*;

    use super::*;
    use crate::eligibility::InventoryKind;

    fn item(name: &str, version: Option<&str>, kind: InventoryKind) -> InventoryComponent {
        InventoryComponent::new(name, version.map(str::to_owned), None, kind)
    }

    /// The rule as first written, with hash maps: the oracle for the linear search.
    fn add_components_with_maps(into: &mut Vec<InventoryComponent>, from: Vec<InventoryComponent>) {
        type Key = (String, Option<String>, Option<String>, InventoryKind);
        let key = |c: &InventoryComponent| -> Key {
            (
                c.name.clone(),
                c.version.clone(),
                c.device_context.clone(),
                c.kind,
            )
        };
        let mut present: HashMap<Key, usize> = HashMap::new();
        for c in into.iter() {
            *present.entry(key(c)).or_default() += 1;
        }
        let mut seen: HashMap<Key, usize> = HashMap::new();
        for c in from {
            let k = key(&c);
            let n = seen.entry(k.clone()).or_default();
            *n += 1;
            if *n > present.get(&k).copied().unwrap_or(0) {
                into.push(c);
            }
        }
    }

    #[test]
    fn each_item_is_kept_as_often_as_the_list_holding_most_of_it() {
        let fw = |name: &str| item(name, Some("1.0"), InventoryKind::Firmware);
        let mut into = vec![fw("A"), fw("A"), fw("B")];
        let from = vec![
            fw("A"),
            fw("B"),
            fw("B"),
            fw("B"),
            item("B", Some("1.0"), InventoryKind::Software),
            fw("A"),
            fw("A"),
        ];
        add_components(&mut into, from);
        let names: Vec<(&str, InventoryKind)> =
            into.iter().map(|c| (c.name.as_str(), c.kind)).collect();
        assert_eq!(
            names,
            [
                ("A", InventoryKind::Firmware),
                ("A", InventoryKind::Firmware),
                ("B", InventoryKind::Firmware),
                ("B", InventoryKind::Firmware),
                ("B", InventoryKind::Firmware),
                ("B", InventoryKind::Software),
                ("A", InventoryKind::Firmware),
            ]
        );
    }

    #[test]
    fn the_oas_system_rom_text_is_the_ilos_same_rom() {
        assert_eq!(
            rom_release("I36 v2.40 (02/17/2017)"),
            Some(("I36", "02/17/2017"))
        );
        assert_eq!(rom_release("I36 02/17/2017"), Some(("I36", "02/17/2017")));
        for other in [
            "I36",
            "2.55 Aug 16 2017",
            "I36 2/17/2017",
            "I36 v2.40 (02-17-2017)",
            "",
        ] {
            assert_eq!(rom_release(other), None, "{other}");
        }
        let rom = |v: &str| item("System ROM", Some(v), InventoryKind::Firmware);
        let mut into = vec![rom("I36 02/17/2017"), rom("P89 04/25/2017")];
        let from = vec![
            rom("I36 v2.40 (02/17/2017)"),
            rom("I36 v2.52 (10/25/2017)"),
            item("iLO", Some("I36 02/17/2017"), InventoryKind::Firmware),
        ];
        add_components(&mut into, from);
        let versions: Vec<_> = into.iter().filter_map(|c| c.version.as_deref()).collect();
        assert_eq!(
            versions,
            [
                "I36 v2.40 (02/17/2017)",
                "P89 04/25/2017",
                "I36 v2.52 (10/25/2017)",
                "I36 02/17/2017"
            ]
        );
        // The shorter text coming second is the same item: not added.
        let mut into = vec![rom("I36 v2.40 (02/17/2017)")];
        add_components(&mut into, vec![rom("I36 02/17/2017")]);
        assert_eq!(into, [rom("I36 v2.40 (02/17/2017)")]);
    }

    fn items() -> impl Strategy<Value = Vec<InventoryComponent>> {
        let one = (0..3u8, prop::option::of(0..2u8), any::<bool>()).prop_map(
            |(name, version, software)| {
                let kind = if software {
                    InventoryKind::Software
                } else {
                    InventoryKind::Firmware
                };
                item(
                    &format!("item {name}"),
                    version.map(|v| format!("{v}.0")).as_deref(),
                    kind,
                )
            },
        );
        prop::collection::vec(one, 0..12)
    }

    proptest! {
        #[test]
        fn linear_search_combines_like_the_hash_maps(into in items(), from in items()) {
            let mut expected = into.clone();
            add_components_with_maps(&mut expected, from.clone());
            let mut got = into;
            add_components(&mut got, from);
            prop_assert_eq!(got, expected);
        }
    }
}
