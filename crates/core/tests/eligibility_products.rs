//! R8, R10, R11: product classification over public HPE product names (QuickSpecs naming),
//! the way customers type them and iLOs report them.

mod inventory_support;

use fwportal_core::eligibility::{classify_model, ProductFamily as F, ProductOutcome as O};

fn check(table: &[(&str, O, F)]) {
    let mut failures = Vec::new();
    for (model, outcome, family) in table {
        let v = classify_model(model);
        if (v.outcome, v.family) != (*outcome, *family) {
            failures.push(format!(
                "{model:?}: got {:?}/{:?}, want {outcome:?}/{family:?}",
                v.outcome, v.family
            ));
        }
        assert_eq!(v.rule, outcome.rule(), "{model:?}");
        assert!(!v.message_ja.is_empty() && !v.message_en.is_empty());
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn r8_proliant_servers_are_eligible() {
    check(&[
        ("HPE ProLiant DL380 Gen10 Plus", O::Eligible, F::ProLiantDl),
        ("HPE ProLiant DL20 Gen10 Plus", O::Eligible, F::ProLiantDl),
        ("HPE ProLiant DL160 Gen10", O::Eligible, F::ProLiantDl),
        ("HPE ProLiant DL180 Gen10", O::Eligible, F::ProLiantDl),
        (
            "HPE ProLiant DL325 Gen10 Plus v2",
            O::Eligible,
            F::ProLiantDl,
        ),
        ("HPE ProLiant DL345 Gen11", O::Eligible, F::ProLiantDl),
        ("HPE ProLiant DL360 Gen11", O::Eligible, F::ProLiantDl),
        ("HPE ProLiant DL365 Gen11", O::Eligible, F::ProLiantDl),
        ("HPE ProLiant DL380a Gen11", O::Eligible, F::ProLiantDl),
        ("HPE ProLiant DL385 Gen10 Plus", O::Eligible, F::ProLiantDl),
        ("HPE ProLiant DL560 Gen10", O::Eligible, F::ProLiantDl),
        ("HPE ProLiant DL580 Gen10", O::Eligible, F::ProLiantDl),
        ("DL360 Gen11", O::Eligible, F::ProLiantDl),
        ("dl 380 gen 9", O::Eligible, F::ProLiantDl),
        ("ＰｒｏＬｉａｎｔ　ＤＬ３８０", O::Eligible, F::ProLiantDl),
        ("HP ProLiant DL380p Gen8", O::Eligible, F::ProLiantDl),
        ("ProLiant DL380 G7", O::Eligible, F::ProLiantDl),
        ("HPE ProLiant ML30 Gen10 Plus", O::Eligible, F::ProLiantMl),
        ("HPE ProLiant ML110 Gen10", O::Eligible, F::ProLiantMl),
        ("HPE ProLiant ML350 Gen11", O::Eligible, F::ProLiantMl),
        ("HP ProLiant ML350p Gen8", O::Eligible, F::ProLiantMl),
        ("ProLiant BL460c Gen9", O::Eligible, F::ProLiantBl),
        ("HPE ProLiant BL460c Gen10", O::Eligible, F::ProLiantBl),
        ("HP ProLiant BL660c Gen9", O::Eligible, F::ProLiantBl),
        ("HP ProLiant BL2x220c G7", O::Eligible, F::ProLiantBl),
        ("HPE ProLiant XL170r Gen10", O::Eligible, F::ProLiantXl),
        ("HPE ProLiant XL190r Gen10", O::Eligible, F::ProLiantXl),
        ("HPE ProLiant XL220n Gen10 Plus", O::Eligible, F::ProLiantXl),
        // The ProLiant node decides, not the Apollo chassis it sits in.
        (
            "HPE Apollo 6500 Gen10 Plus XL675d",
            O::Eligible,
            F::ProLiantXl,
        ),
        ("HP ProLiant SL4540 Gen8", O::Eligible, F::ProLiantSl),
        (
            "HP ProLiant WS460c Gen9 Graphics Server Blade",
            O::Eligible,
            F::ProLiant,
        ),
    ]);
}

#[test]
fn r8_bladesystem_enclosure_components_are_eligible() {
    check(&[
        (
            "BladeSystem c7000 Enclosure",
            O::Eligible,
            F::BladeSystemComponent,
        ),
        (
            "HPE BladeSystem c7000 Enclosure G3",
            O::Eligible,
            F::BladeSystemComponent,
        ),
        (
            "HP BladeSystem c3000 Enclosure",
            O::Eligible,
            F::BladeSystemComponent,
        ),
        ("c7000", O::Eligible, F::BladeSystemComponent),
        (
            "Onboard Administrator",
            O::Eligible,
            F::BladeSystemComponent,
        ),
        (
            "BladeSystem c7000 DDR2 Onboard Administrator with KVM",
            O::Eligible,
            F::BladeSystemComponent,
        ),
        (
            "Virtual Connect FlexFabric-20/40 F8",
            O::Eligible,
            F::BladeSystemComponent,
        ),
        (
            "HPE Virtual Connect FlexFabric-20/40 F8 Module",
            O::Eligible,
            F::BladeSystemComponent,
        ),
        (
            "HP VC Flex-10/10D Module",
            O::Eligible,
            F::BladeSystemComponent,
        ),
        (
            "HPE 6125XLG Ethernet Blade Switch",
            O::Eligible,
            F::BladeSystemComponent,
        ),
        (
            "HP 6125G Blade Switch",
            O::Eligible,
            F::BladeSystemComponent,
        ),
        (
            "HP 10GbE Pass-Thru Module",
            O::Eligible,
            F::BladeSystemComponent,
        ),
        (
            "Brocade 16Gb/28 SAN Switch for HPE BladeSystem c-Class",
            O::Eligible,
            F::BladeSystemComponent,
        ),
        (
            "BladeSystem c7000 Insight Display",
            O::Eligible,
            F::BladeSystemComponent,
        ),
    ]);
}

#[test]
fn r11_named_products_are_excluded() {
    check(&[
        // Sold as ProLiant, named by R11 all the same.
        (
            "HPE ProLiant MicroServer Gen10 Plus v2",
            O::Excluded,
            F::MicroServer,
        ),
        (
            "HPE ProLiant MicroServer Gen10 Plus",
            O::Excluded,
            F::MicroServer,
        ),
        (
            "HPE ProLiant MicroServer Gen10",
            O::Excluded,
            F::MicroServer,
        ),
        ("HP ProLiant MicroServer Gen8", O::Excluded, F::MicroServer),
        ("Micro Server Gen8", O::Excluded, F::MicroServer),
        ("Moonshot 1500", O::Excluded, F::Moonshot),
        ("HPE Moonshot 1500 Chassis", O::Excluded, F::Moonshot),
        (
            "HPE ProLiant m710x Server Cartridge",
            O::Excluded,
            F::Moonshot,
        ),
        ("ConvergedSystem 500", O::Excluded, F::ConvergedSystem),
        ("HPE ConvergedSystem 700", O::Excluded, F::ConvergedSystem),
        ("HP Converged System 300", O::Excluded, F::ConvergedSystem),
        ("HP BladeSystem Matrix", O::Excluded, F::BladeSystemMatrix),
        ("HP VirtualSystem VS2", O::Excluded, F::VirtualSystem),
        ("HP AppSystem for Apache Hadoop", O::Excluded, F::AppSystem),
        ("HP CloudSystem 9.0", O::Excluded, F::CloudSystem),
        ("HP Cloud System Matrix", O::Excluded, F::CloudSystemMatrix),
        ("HP 9000 rp3440", O::Excluded, F::Hp9000),
        ("HP9000 rp4440 Server", O::Excluded, F::Hp9000),
        ("Integrity rx2800 i4", O::Excluded, F::Integrity),
        ("HPE Integrity rx2800 i6", O::Excluded, F::Integrity),
        // Integrity blades sit in a c-Class enclosure but are Integrity.
        (
            "HP Integrity BL860c i4 Server Blade",
            O::Excluded,
            F::Integrity,
        ),
        ("BL870c i4", O::Excluded, F::Integrity),
        ("BL890c i2", O::Excluded, F::Integrity),
        ("HP Integrity Superdome 2", O::Excluded, F::Integrity),
        ("HPE Superdome X", O::Excluded, F::SuperdomeX),
        ("HPE Integrity Superdome X", O::Excluded, F::SuperdomeX),
        ("ＳｕｐｅｒｄｏｍｅＸ", O::Excluded, F::SuperdomeX),
        ("HPE BL920s Gen9 Server Blade", O::Excluded, F::SuperdomeX),
    ]);
}

#[test]
fn r10_devices_that_are_not_servers_are_out_of_scope() {
    check(&[
        ("HPE MSA 2060 SAS Storage", O::OutOfScope, F::Storage),
        ("MSA2040", O::OutOfScope, F::Storage),
        ("HPE 3PAR StoreServ 8200", O::OutOfScope, F::Storage),
        ("HPE Primera A630", O::OutOfScope, F::Storage),
        ("HPE Nimble Storage HF20", O::OutOfScope, F::Storage),
        ("HPE Alletra 6010", O::OutOfScope, F::Storage),
        ("HPE StoreOnce 5260", O::OutOfScope, F::Storage),
        ("HPE StoreEasy 1660", O::OutOfScope, F::Storage),
        ("HPE D3700 Disk Enclosure", O::OutOfScope, F::Storage),
        ("HPE StoreEver MSL3040 Tape Library", O::OutOfScope, F::Tape),
        ("HPE StoreEver LTO-8 Ultrium 30750", O::OutOfScope, F::Tape),
        ("MSL2024", O::OutOfScope, F::Tape),
        (
            "Aruba 2930F 48G 4SFP+ Switch",
            O::OutOfScope,
            F::NetworkSwitch,
        ),
        (
            "HPE FlexNetwork 5130 EI Switch",
            O::OutOfScope,
            F::NetworkSwitch,
        ),
        (
            "HPE FlexFabric 5945 48SFP28 8QSFP28 Switch",
            O::OutOfScope,
            F::NetworkSwitch,
        ),
        ("Arista 7050X3", O::OutOfScope, F::NetworkSwitch),
        ("HPE R/T3000 G5 UPS", O::OutOfScope, F::Power),
        ("HPE G2 Basic 4.9kVA PDU", O::OutOfScope, F::Power),
        (
            "HPE TFT7600 G2 Rackmount Keyboard Monitor",
            O::OutOfScope,
            F::Peripheral,
        ),
        ("HPE Server Console Switch", O::OutOfScope, F::NetworkSwitch),
        ("HP LCD monitor", O::OutOfScope, F::Peripheral),
    ]);
}

#[test]
fn r8_unnamed_families_and_unknown_products_need_confirmation() {
    check(&[
        ("HPE Synergy 480 Gen10", O::NeedsConfirmation, F::Synergy),
        ("HPE Synergy 660 Gen10", O::NeedsConfirmation, F::Synergy),
        ("HPE Synergy 12000 Frame", O::NeedsConfirmation, F::Synergy),
        ("HPE Apollo 4200 Gen10", O::NeedsConfirmation, F::Apollo),
        ("HPE Apollo 6500 Gen10", O::NeedsConfirmation, F::Apollo),
        ("HPE Edgeline EL8000", O::NeedsConfirmation, F::Edgeline),
        ("EL4000", O::NeedsConfirmation, F::Edgeline),
        ("HPE Alletra 4120", O::NeedsConfirmation, F::Alletra),
        ("HPE Cray XD670", O::NeedsConfirmation, F::Cray),
        (
            "HPE SimpliVity 380 Gen10",
            O::NeedsConfirmation,
            F::SimpliVity,
        ),
        // Superdome Flex is not Superdome X: R11 does not name it.
        ("HPE Superdome Flex", O::NeedsConfirmation, F::SuperdomeFlex),
        (
            "HPE Superdome Flex 280",
            O::NeedsConfirmation,
            F::SuperdomeFlex,
        ),
        ("Superdome", O::NeedsConfirmation, F::Superdome),
        (
            "HP FlexFabric 10Gb 2-port 536FLB Adapter",
            O::NeedsConfirmation,
            F::ServerOption,
        ),
        (
            "HPE Smart Array P408i-a SR Gen10",
            O::NeedsConfirmation,
            F::ServerOption,
        ),
        ("Gen10", O::NeedsConfirmation, F::Unrecognised),
        ("サーバー", O::NeedsConfirmation, F::Unrecognised),
        ("PowerEdge R750", O::NeedsConfirmation, F::Unrecognised),
        ("", O::NeedsConfirmation, F::Unrecognised),
    ]);
}

#[test]
fn r8_outcome_and_family_serialise_as_documented() {
    let v = classify_model("HPE ProLiant MicroServer Gen10 Plus v2");
    let json = serde_json::to_value(&v).unwrap();
    assert_eq!(json["outcome"], "excluded");
    assert_eq!(json["rule"], "R11");
    assert_eq!(json["family"], "MicroServer");
    let keys: Vec<_> = json.as_object().unwrap().keys().cloned().collect();
    assert_eq!(keys.len(), 5);
    for (outcome, text) in [
        (O::Eligible, "eligible"),
        (O::Excluded, "excluded"),
        (O::OutOfScope, "out_of_scope"),
        (O::NeedsConfirmation, "needs_confirmation"),
    ] {
        assert_eq!(serde_json::to_value(outcome).unwrap(), text);
    }
    assert_eq!(
        serde_json::to_value(classify_model("c7000").family).unwrap(),
        "BladeSystem c-Class component"
    );
}

#[test]
fn r8_needs_confirmation_points_to_the_support_centre() {
    let v = classify_model("HPE Synergy 480 Gen10");
    assert!(v.message_ja.contains("アドバンストソリューションセンター"));
    assert!(v.message_en.contains("Advanced Solution Center"));
}

/// Model names as the real iLO and Onboard Administrator payloads in
/// `tests/fixtures/inventory-samples` report them.
#[test]
fn r8_models_reported_by_real_management_payloads_are_eligible() {
    let read = inventory_support::sample;
    let system: serde_json::Value =
        serde_json::from_str(&read("proliantutils/system.json")).unwrap();
    let model = system["default"]["Model"].as_str().unwrap();
    assert_eq!(classify_model(model).outcome, O::Eligible, "{model}");

    let chassis: serde_json::Value =
        serde_json::from_str(&read("bmclib/ilo__redfish__v1__Chassis__1.json")).unwrap();
    let blade = chassis["Model"].as_str().unwrap();
    assert_eq!(classify_model(blade).family, F::ProLiantBl, "{blade}");

    let overview: serde_json::Value =
        serde_json::from_str(&read("bmclib/ilo__json__overview.json")).unwrap();
    let dl = overview["product_name"].as_str().unwrap();
    assert_eq!(classify_model(dl).family, F::ProLiantDl, "{dl}");

    // Every <SPN> of the c7000 Onboard Administrator's inventory: blades, OA, display, modules.
    let xml = read("bmclib/c7000__xmldata.xml");
    let spns: Vec<&str> = xml
        .split("<SPN>")
        .skip(1)
        .filter_map(|s| s.split('<').next())
        .collect();
    assert!(spns.len() >= 5, "{spns:?}");
    for spn in spns {
        assert_eq!(classify_model(spn).outcome, O::Eligible, "{spn}");
    }
}
