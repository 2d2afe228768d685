//! The `fwrepo.json` reader: the fixture, each refusal, partial data, and never a panic over
//! arbitrary JSON.

use fwportal_core::firmware::catalog::{
    parse_catalog, parse_catalog_bytes, CatalogProblemCode, MAX_CATALOG_BYTES, MAX_PACKAGES,
};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/firmware")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn codes(text: &str) -> Vec<CatalogProblemCode> {
    parse_catalog("fwrepo.json", text)
        .problems
        .iter()
        .map(|p| p.code)
        .collect()
}

#[test]
fn the_gen10_fixture_reads_every_package() {
    let parse = parse_catalog("fwrepo_gen10.json", &fixture("fwrepo_gen10.json"));
    assert_eq!(parse.problems, []);
    assert_eq!(parse.catalog.packages.len(), 12);
    let sa = parse
        .catalog
        .packages
        .iter()
        .find(|p| p.file == "HPE_SR_Gen10_5.61.fwpkg")
        .expect("the Smart Array package");
    assert_eq!(sa.version, "5.61");
    assert_eq!(sa.minimum_active_version.as_deref(), Some("3.00"));
    assert_eq!(sa.reboot_required, Some(true));
    assert_eq!(sa.server_power_off, Some(false));
    let mellanox = parse
        .catalog
        .packages
        .iter()
        .find(|p| p.file.starts_with("22_41_1000"))
        .expect("the Mellanox package");
    // "False" (criteo/firmirror's spelling) reads as no; "null" as no minimum.
    assert_eq!(mellanox.server_power_off, Some(false));
    assert_eq!(mellanox.minimum_active_version, None);
    assert_eq!(
        mellanox.targets,
        ["a6b1a447-382a-5a4f-15b3-101d15b30042".to_owned()]
    );
}

#[test]
fn refusals_say_why() {
    assert_eq!(codes(""), [CatalogProblemCode::Empty]);
    assert_eq!(codes("{\"a\": "), [CatalogProblemCode::NotJson]);
    assert_eq!(codes("[1, 2]"), [CatalogProblemCode::NotACatalog]);
    assert_eq!(codes("{\"a\": 1}"), [CatalogProblemCode::NotACatalog]);
    assert_eq!(codes("{}"), [CatalogProblemCode::NoPackages]);
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    assert_eq!(codes(&deep), [CatalogProblemCode::TooDeep]);
    let big = vec![b' '; MAX_CATALOG_BYTES + 1];
    let parse = parse_catalog_bytes("big.json", &big);
    assert_eq!(parse.problems[0].code, CatalogProblemCode::TooLarge);
    assert!(parse.problems[0].message_en.contains("16 MB"));
    assert!(parse.problems[0].message_ja.contains("16 MB"));
}

#[test]
fn partial_data_is_kept_with_its_problems() {
    let text = json!({
        "good.fwpkg": {"version": "1.0", "target": ["4764A662-B342-4FC7-9CE9-258C5D99E815"],
            "reboot_required": "maybe", "server_power_off": "yes", "deviceclass": "xyz"},
        "no_version.fwpkg": {"target": ["4764a662-b342-4fc7-9ce9-258c5d99e815"]},
        "no_target.fwpkg": {"version": "1.0", "target": ["not-a-guid"]},
        "one_target.fwpkg": {"version": "2.0", "target": "4764a662-b342-4fc7-9ce9-258c5d99e815",
            "minimum_active_version": ""},
        "junk": 5
    })
    .to_string();
    let parse = parse_catalog("fwrepo.json", &text);
    let files: Vec<_> = parse
        .catalog
        .packages
        .iter()
        .map(|p| p.file.as_str())
        .collect();
    assert_eq!(files, ["good.fwpkg", "one_target.fwpkg"]);
    let good = &parse.catalog.packages[0];
    assert_eq!(good.targets, ["4764a662-b342-4fc7-9ce9-258c5d99e815"]);
    assert_eq!(good.reboot_required, None);
    assert_eq!(good.server_power_off, Some(true));
    assert_eq!(good.device_class, None);
    assert_eq!(parse.catalog.packages[1].minimum_active_version, None);
    let problems: Vec<_> = parse
        .problems
        .iter()
        .map(|p| (p.code, p.package.as_deref(), p.field.as_deref()))
        .collect();
    use CatalogProblemCode::*;
    assert!(problems.contains(&(InvalidField, Some("good.fwpkg"), Some("reboot_required"))));
    assert!(problems.contains(&(InvalidField, Some("good.fwpkg"), Some("deviceclass"))));
    assert!(problems.contains(&(MissingField, Some("no_version.fwpkg"), Some("version"))));
    assert!(problems.contains(&(MissingField, Some("no_target.fwpkg"), Some("target"))));
    assert!(
        problems.contains(&(InvalidField, None, None)),
        "{problems:?}"
    );
    for problem in &parse.problems {
        assert!(!problem.message_ja.is_empty() && !problem.message_en.is_empty());
    }
}

#[test]
fn packages_past_the_limit_are_not_read() {
    let mut map = Map::new();
    for i in 0..=MAX_PACKAGES {
        map.insert(
            format!("p{i:06}.fwpkg"),
            json!({"version": "1.0", "target": ["4764a662-b342-4fc7-9ce9-258c5d99e815"]}),
        );
    }
    let parse = parse_catalog("fwrepo.json", &Value::Object(map).to_string());
    assert_eq!(parse.catalog.packages.len(), MAX_PACKAGES);
    assert_eq!(parse.problems[0].code, CatalogProblemCode::TooManyPackages);
}

const KEYS: &[&str] = &[
    "version",
    "target",
    "deviceclass",
    "reboot_required",
    "server_power_off",
    "minimum_active_version",
    "description",
    "date",
    "x.fwpkg",
];

fn arbitrary_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        prop::sample::select(vec![
            "yes",
            "no",
            "True",
            "null",
            "4764a662-b342-4fc7-9ce9-258c5d99e815",
            "2.55 Oct 01 2021",
            "",
        ])
        .prop_map(Value::from),
        "\\PC{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(5, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS.to_vec()), inner), 0..8).prop_map(
                |pairs| Value::Object(pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
            ),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// Never a panic, every kept package has a version and a target, and every problem has
    /// both languages.
    #[test]
    fn arbitrary_json_never_panics(value in arbitrary_json()) {
        let parse = parse_catalog("fwrepo.json", &value.to_string());
        for package in &parse.catalog.packages {
            prop_assert!(!package.version.is_empty());
            prop_assert!(!package.targets.is_empty());
        }
        for problem in &parse.problems {
            prop_assert!(!problem.message_ja.is_empty() && !problem.message_en.is_empty());
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = parse_catalog_bytes("fwrepo.json", &bytes);
    }
}
