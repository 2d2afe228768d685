//! Reading HPE's firmware catalogue, `fwrepodata/fwrepo.json`.
//!
//! HPE publishes it with each SPP and each firmware repository: one JSON object keyed by
//! package file name, each value
//!
//! ```json
//! "22_41_1000-MCX623106AS-CDA_Ax.pldm.fwpkg": {
//!   "date": "20240621", "description": "Mellanox Firmware Package (FWPKG) for …",
//!   "deviceclass": "79f0c163-0c13-4662-9dea-09235fef90cb", "minimum_active_version": "null",
//!   "reboot_required": "yes", "server_power_off": "False",
//!   "target": ["a6b1a447-382a-5a4f-15b3-101d15b30042"], "version": "22.41.1000" }
//! ```
//!
//! The flags are `"yes"`/`"no"` in most catalogues and `"True"`/`"False"` in some; a missing
//! minimum version is often the text `"null"`; `target` is a list, in some older catalogues
//! one text.
//!
//! # Untrusted input
//!
//! The file comes from the customer. Text over [`MAX_CATALOG_BYTES`] is refused before it is
//! parsed; nesting past serde_json's recursion limit is refused as `too_deep`; only the first
//! [`MAX_PACKAGES`] packages are read (the rest is reported), each with at most
//! [`MAX_PACKAGE_TARGETS`] targets. A package without a version or without a valid target
//! cannot be matched and is left out with a problem; a flag that is neither yes nor no is kept
//! as unknown with a problem. What could be read is kept. Nothing here panics.
//!
//! ```
//! use fwportal_core::firmware::catalog::{parse_catalog, CatalogProblemCode};
//! let parse = parse_catalog("fwrepo.json", r#"{"ilo5_272.fwpkg": {"version": "2.72",
//!     "deviceclass": "2f317b9d-c9e3-4d76-bff6-b9d0d085a952",
//!     "target": ["4764a662-b342-4fc7-9ce9-258c5d99e815"], "reboot_required": "no",
//!     "server_power_off": "no", "minimum_active_version": "null"},
//!   "broken.fwpkg": {"version": "1.0"}}"#);
//! assert_eq!(parse.catalog.packages.len(), 1);
//! assert_eq!(parse.catalog.packages[0].minimum_active_version, None);
//! assert_eq!(parse.problems[0].code, CatalogProblemCode::MissingField);
//! assert_eq!(parse.problems[0].package.as_deref(), Some("broken.fwpkg"));
//! ```

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::i18n::Bilingual;
use crate::inventory::guid;

/// The largest catalogue read: 16 MiB. HPE's Gen10 repository index is a few MiB.
pub const MAX_CATALOG_BYTES: usize = 16 * 1024 * 1024;

/// The most packages read from one catalogue; an SPP holds a few hundred, a repository's
/// index with its history a few thousand.
pub const MAX_PACKAGES: usize = 20_000;

/// The most targets kept for one package (a network adapter package names a few dozen).
pub const MAX_PACKAGE_TARGETS: usize = 256;

/// Package names, versions and descriptions are cut to this many characters.
pub const MAX_CATALOG_TEXT: usize = 300;

/// One firmware package of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Package {
    /// The package's file name: the catalogue's key.
    pub file: String,
    pub version: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// `deviceclass`, lower case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_class: Option<String>,
    /// `target`, lower case, without repeats.
    pub targets: Vec<String>,
    /// `None` when the catalogue does not say (or says something else than yes or no).
    pub reboot_required: Option<bool>,
    pub server_power_off: Option<bool>,
    /// `None` for a missing value, `"null"` or an empty text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum_active_version: Option<String>,
}

/// The packages of one catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Catalog {
    pub packages: Vec<Package>,
}

/// What is wrong with a catalogue, for machines (`snake_case` in JSON).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum CatalogProblemCode {
    /// Over [`MAX_CATALOG_BYTES`]; not read.
    TooLarge,
    Empty,
    NotJson,
    TooDeep,
    /// JSON, but not an object keyed by package file name.
    NotACatalog,
    /// More than [`MAX_PACKAGES`] packages, or [`MAX_PACKAGE_TARGETS`] targets in a package;
    /// the first were read.
    TooManyPackages,
    /// A package without a version or a valid target: left out.
    MissingField,
    /// A field of the wrong kind (a flag neither yes nor no, a target that is not a GUID):
    /// the package is kept, that field is unknown.
    InvalidField,
    /// A catalogue with no usable package.
    NoPackages,
}

/// One problem with the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CatalogProblem {
    pub code: CatalogProblemCode,
    /// The file name.
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub package: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    pub message_ja: String,
    pub message_en: String,
}

/// What one catalogue text gave.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CatalogParse {
    pub catalog: Catalog,
    pub problems: Vec<CatalogProblem>,
}

struct Reader<'a> {
    source: &'a str,
    problems: Vec<CatalogProblem>,
}

impl Reader<'_> {
    fn problem(
        &mut self,
        code: CatalogProblemCode,
        package: Option<&str>,
        field: Option<&str>,
        message: Bilingual,
    ) {
        self.problems.push(CatalogProblem {
            code,
            source: self.source.to_owned(),
            package: package.map(str::to_owned),
            field: field.map(str::to_owned),
            message_ja: message.ja,
            message_en: message.en,
        });
    }
}

/// Reads a catalogue's bytes (UTF-8 or UTF-16 with a byte-order mark); over
/// [`MAX_CATALOG_BYTES`] is refused unread.
pub fn parse_catalog_bytes(source: &str, bytes: &[u8]) -> CatalogParse {
    if bytes.len() > MAX_CATALOG_BYTES {
        return too_large(source, bytes.len());
    }
    parse_catalog(source, &crate::inventory::decode_text(bytes))
}

/// The answer for a catalogue over [`MAX_CATALOG_BYTES`] (for callers that know the size
/// before reading).
pub fn too_large(source: &str, bytes: usize) -> CatalogParse {
    let mut reader = Reader {
        source,
        problems: Vec::new(),
    };
    let limit = MAX_CATALOG_BYTES / (1024 * 1024);
    reader.problem(
        CatalogProblemCode::TooLarge,
        None,
        None,
        Bilingual::new(
            format!("カタログが大きすぎます（{bytes} バイト、上限 {limit} MB）。読み込んでいません。SPP の fwrepodata/fwrepo.json をそのままお使いください。"),
            format!("The catalogue is too large ({bytes} bytes; the limit is {limit} MB) and was not read. Use the SPP's fwrepodata/fwrepo.json as it is."),
        ),
    );
    CatalogParse {
        catalog: Catalog::default(),
        problems: reader.problems,
    }
}

/// Reads a catalogue's text; `source` (the file name) is quoted in every problem.
pub fn parse_catalog(source: &str, text: &str) -> CatalogParse {
    if text.len() > MAX_CATALOG_BYTES {
        return too_large(source, text.len());
    }
    let mut reader = Reader {
        source,
        problems: Vec::new(),
    };
    let mut catalog = Catalog::default();
    let text = text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        reader.problem(
            CatalogProblemCode::Empty,
            None,
            None,
            Bilingual::new(
                "カタログが空です。SPP の fwrepodata/fwrepo.json を選んでください。",
                "The catalogue is empty. Choose the SPP's fwrepodata/fwrepo.json.",
            ),
        );
        return CatalogParse {
            catalog,
            problems: reader.problems,
        };
    }
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(error) => {
            // serde_json reports its recursion limit as a syntax error; its text is the sign.
            let (code, message) = if error.to_string().contains("recursion limit") {
                (
                    CatalogProblemCode::TooDeep,
                    Bilingual::new(
                        "カタログの JSON の入れ子が深すぎます（128 段まで）。fwrepo.json ではありません。",
                        "The catalogue's JSON is nested too deeply (128 levels at most): it is not an fwrepo.json.",
                    ),
                )
            } else {
                let (line, column) = (error.line(), error.column());
                (
                    CatalogProblemCode::NotJson,
                    Bilingual::new(
                        format!("カタログが JSON として読めません（{line} 行 {column} 文字目）。ファイルが途中で切れていないか確かめてください。"),
                        format!("The catalogue is not readable JSON (line {line}, column {column}). Check that the file is complete."),
                    ),
                )
            };
            reader.problem(code, None, None, message);
            return CatalogParse {
                catalog,
                problems: reader.problems,
            };
        }
    };
    let Some(entries) = value.as_object() else {
        reader.problem(CatalogProblemCode::NotACatalog, None, None, not_a_catalog());
        return CatalogParse {
            catalog,
            problems: reader.problems,
        };
    };
    let mut not_objects = 0;
    for (index, (file, entry)) in entries.iter().enumerate() {
        if index == MAX_PACKAGES {
            let rest = entries.len() - MAX_PACKAGES;
            reader.problem(
                CatalogProblemCode::TooManyPackages,
                None,
                None,
                Bilingual::new(
                    format!("パッケージが多すぎます。最初の {MAX_PACKAGES} 件だけを読み、残り {rest} 件は読んでいません。"),
                    format!("Too many packages: the first {MAX_PACKAGES} were read, the other {rest} were not."),
                ),
            );
            break;
        }
        match entry.as_object() {
            Some(entry) => {
                if let Some(package) = package(&mut reader, file, entry) {
                    catalog.packages.push(package);
                }
            }
            None => not_objects += 1,
        }
    }
    if not_objects > 0 && catalog.packages.is_empty() {
        reader.problem(CatalogProblemCode::NotACatalog, None, None, not_a_catalog());
    } else if catalog.packages.is_empty() {
        reader.problem(
            CatalogProblemCode::NoPackages,
            None,
            None,
            Bilingual::new(
                "カタログに使えるパッケージがありません。",
                "The catalogue holds no usable package.",
            ),
        );
    } else if not_objects > 0 {
        reader.problem(
            CatalogProblemCode::InvalidField,
            None,
            None,
            Bilingual::new(
                format!("パッケージでない項目 {not_objects} 件を読み飛ばしました。"),
                format!("{not_objects} entries that are not packages were skipped."),
            ),
        );
    }
    CatalogParse {
        catalog,
        problems: reader.problems,
    }
}

fn not_a_catalog() -> Bilingual {
    Bilingual::new(
        "fwrepo.json の形ではありません（パッケージのファイル名をキーとするオブジェクトが必要です）。SPP の fwrepodata フォルダーにある fwrepo.json を選んでください。",
        "Not an fwrepo.json (an object keyed by package file name is expected). Choose the fwrepo.json in the SPP's fwrepodata folder.",
    )
}

fn cut(text: &str) -> Option<String> {
    let trimmed = text.trim();
    (!trimmed.is_empty()).then(|| trimmed.chars().take(MAX_CATALOG_TEXT).collect())
}

fn text_field(entry: &Map<String, Value>, key: &str) -> Option<String> {
    match entry.get(key)? {
        Value::String(s) => cut(s),
        Value::Number(n) => cut(&n.to_string()),
        _ => None,
    }
}

fn package(reader: &mut Reader, file: &str, entry: &Map<String, Value>) -> Option<Package> {
    let file = cut(file).unwrap_or_default();
    let Some(version) = text_field(entry, "version") else {
        reader.problem(
            CatalogProblemCode::MissingField,
            Some(&file),
            Some("version"),
            Bilingual::new(
                format!("パッケージ {file} にバージョンがないため、使いませんでした。"),
                format!("Package {file} has no version and was not used."),
            ),
        );
        return None;
    };
    let listed: Vec<&Value> = match entry.get("target") {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(one @ Value::String(_)) => vec![one],
        _ => Vec::new(),
    };
    let mut targets: Vec<String> = Vec::new();
    let mut invalid = 0;
    for target in &listed {
        match target.as_str().and_then(guid) {
            Some(id) if targets.len() < MAX_PACKAGE_TARGETS => {
                if !targets.contains(&id) {
                    targets.push(id);
                }
            }
            Some(_) => {}
            None => invalid += 1,
        }
    }
    if listed.len() > MAX_PACKAGE_TARGETS {
        reader.problem(
            CatalogProblemCode::TooManyPackages,
            Some(&file),
            Some("target"),
            Bilingual::new(
                format!("パッケージ {file} の対象が多すぎます。最初の {MAX_PACKAGE_TARGETS} 件だけを使います。"),
                format!("Package {file} lists too many targets; the first {MAX_PACKAGE_TARGETS} are used."),
            ),
        );
    }
    if targets.is_empty() {
        reader.problem(
            CatalogProblemCode::MissingField,
            Some(&file),
            Some("target"),
            Bilingual::new(
                format!("パッケージ {file} に対象（target の GUID）がないため、どの部品に当たるか分からず、使いませんでした。"),
                format!("Package {file} names no target GUID, so it cannot be matched to a component and was not used."),
            ),
        );
        return None;
    }
    if invalid > 0 {
        reader.problem(
            CatalogProblemCode::InvalidField,
            Some(&file),
            Some("target"),
            Bilingual::new(
                format!("パッケージ {file} の対象のうち GUID でないもの {invalid} 件を読み飛ばしました。"),
                format!("{invalid} targets of package {file} are not GUIDs and were skipped."),
            ),
        );
    }
    let device_class = match entry.get("deviceclass") {
        None | Some(Value::Null) => None,
        Some(value) => {
            let class = value.as_str().and_then(guid);
            let blank = value
                .as_str()
                .is_some_and(|s| s.trim().is_empty() || s.trim() == "null");
            if class.is_none() && !blank {
                reader.problem(
                    CatalogProblemCode::InvalidField,
                    Some(&file),
                    Some("deviceclass"),
                    Bilingual::new(
                        format!("パッケージ {file} の deviceclass が GUID ではありません。対象の GUID だけで照合します。"),
                        format!("The deviceclass of package {file} is not a GUID; it is matched by its targets alone."),
                    ),
                );
            }
            class
        }
    };
    let reboot_required = flag(reader, &file, entry, "reboot_required");
    let server_power_off = flag(reader, &file, entry, "server_power_off");
    let minimum_active_version =
        text_field(entry, "minimum_active_version").filter(|v| !v.eq_ignore_ascii_case("null"));
    Some(Package {
        file,
        version,
        description: text_field(entry, "description"),
        date: text_field(entry, "date"),
        device_class,
        targets,
        reboot_required,
        server_power_off,
        minimum_active_version,
    })
}

/// `"yes"`/`"no"`, `"True"`/`"False"` (any case) or a JSON boolean; anything else is unknown
/// and reported; a missing flag is unknown without a problem.
fn flag(reader: &mut Reader, file: &str, entry: &Map<String, Value>, key: &str) -> Option<bool> {
    let value = entry.get(key)?;
    let read = match value {
        Value::Bool(b) => Some(*b),
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "yes" | "true" => Some(true),
            "no" | "false" => Some(false),
            _ => None,
        },
        _ => None,
    };
    if read.is_none() && !value.is_null() {
        reader.problem(
            CatalogProblemCode::InvalidField,
            Some(file),
            Some(key),
            Bilingual::new(
                format!(
                    "パッケージ {file} の {key} が yes でも no でもないため、不明として扱います。"
                ),
                format!(
                    "The {key} of package {file} is neither yes nor no; it is treated as unknown."
                ),
            ),
        );
    }
    read
}
