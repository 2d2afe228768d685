//! The operator's firmware catalogues (`fwportal serve --catalogs DIR`, issue 17): every
//! `NAME.json` in DIR is HPE's `fwrepo.json` of one SPP or repository, offered to customers
//! under NAME (e.g. `SPP 2025.07.00.00.json` → "SPP 2025.07.00.00").
//!
//! They are read once, at start, with the same reader as a customer's dropped file
//! (`fwportal_core::firmware::catalog`), and kept in memory already encoded as the JSON the
//! API answers, with its ETag. A folder the portal cannot use stops the start with the file
//! and the reason: more than [`MAX_CATALOGS`] catalogues, a file over the reader's 16 MiB, a
//! name that cannot be shown, or a file without one usable package. Partial problems (a
//! package without a version…) are logged and served with the catalogue.

use anyhow::{bail, Context};
use fwportal_core::firmware::catalog::{
    parse_catalog_bytes, Catalog, CatalogProblem, Package, MAX_CATALOG_BYTES,
};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::path::Path;

/// The most catalogues served: a few current SPPs and repositories; each may hold 16 MiB.
pub const MAX_CATALOGS: usize = 20;

/// The longest catalogue name, in characters.
pub const MAX_NAME_CHARS: usize = 100;

/// What `GET /api/catalogs/{name}` answers.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CatalogView {
    pub name: String,
    pub packages: Vec<Package>,
    /// What the reader left out or could not read in the operator's file.
    pub problems: Vec<CatalogProblem>,
}

/// One line of `GET /api/catalogs`.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CatalogSummary {
    pub name: String,
    pub packages: usize,
    /// The newest package `date` (`YYYYMMDD`), where the catalogue gives dates.
    pub latest_date: Option<String>,
}

/// A catalogue ready to be served.
#[derive(Debug)]
pub struct Served {
    pub summary: CatalogSummary,
    /// The JSON of its [`CatalogView`] (cheap to clone for each answer).
    pub body: axum::body::Bytes,
    /// A strong ETag: the SHA-256 of `body`.
    pub etag: String,
    /// The packages, read: what `POST /api/catalogs/{name}/analysis` analyses against and a
    /// submission's analysis is re-checked with.
    pub catalog: Catalog,
}

/// Every catalogue, by name.
#[derive(Debug, Default)]
pub struct Catalogs {
    pub list: Vec<Served>,
}

impl Catalogs {
    pub fn find(&self, name: &str) -> Option<&Served> {
        self.list.iter().find(|c| c.summary.name == name)
    }

    /// Reads every `*.json` of `dir` (not its sub-folders).
    pub fn load(dir: &Path) -> anyhow::Result<Catalogs> {
        let entries = std::fs::read_dir(dir)
            .with_context(|| format!("cannot read the catalogue folder {}", dir.display()))?;
        let mut paths = Vec::new();
        for entry in entries {
            let path = entry
                .with_context(|| format!("cannot read the catalogue folder {}", dir.display()))?
                .path();
            if path.extension().is_some_and(|e| e == "json") && path.is_file() {
                paths.push(path);
            }
        }
        if paths.len() > MAX_CATALOGS {
            bail!(
                "{} holds {} catalogues; at most {MAX_CATALOGS} are served",
                dir.display(),
                paths.len()
            );
        }
        paths.sort();
        let mut list = Vec::with_capacity(paths.len());
        for path in paths {
            list.push(load_one(&path)?);
        }
        Ok(Catalogs { list })
    }
}

fn load_one(path: &Path) -> anyhow::Result<Served> {
    let shown = path.display().to_string();
    let name = path
        .file_stem()
        .and_then(|s| s.to_str())
        .map(str::trim)
        .filter(|n| valid_name(n))
        .with_context(|| {
            format!("{shown}: the file name must be a catalogue name of 1–{MAX_NAME_CHARS} visible characters, such as \"SPP 2025.07.00.00.json\"")
        })?
        .to_owned();
    let size = std::fs::metadata(path)
        .with_context(|| format!("cannot read {shown}"))?
        .len();
    if size > MAX_CATALOG_BYTES as u64 {
        bail!("{shown}: {size} bytes, over the limit of {MAX_CATALOG_BYTES}");
    }
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {shown}"))?;
    let parse = parse_catalog_bytes(&name, &bytes);
    if parse.catalog.packages.is_empty() {
        let why = parse
            .problems
            .first()
            .map_or("no package", |p| p.message_en.as_str());
        bail!("{shown}: not a usable fwrepo.json: {why}");
    }
    for problem in &parse.problems {
        tracing::warn!(catalog = %name, code = ?problem.code, package = ?problem.package, "{}", problem.message_en);
    }
    let latest_date = parse
        .catalog
        .packages
        .iter()
        .filter_map(|p| p.date.clone())
        .max();
    let summary = CatalogSummary {
        name: name.clone(),
        packages: parse.catalog.packages.len(),
        latest_date,
    };
    let view = CatalogView {
        name,
        packages: parse.catalog.packages,
        problems: parse.problems,
    };
    let catalog = Catalog {
        packages: view.packages.clone(),
    };
    let body = axum::body::Bytes::from(
        serde_json::to_vec(&view).with_context(|| format!("{shown}: cannot encode"))?,
    );
    let etag = format!("\"{}\"", hex(&Sha256::digest(&body)));
    tracing::info!(catalog = %summary.name, packages = summary.packages, "catalogue loaded");
    Ok(Served {
        summary,
        body,
        etag,
        catalog,
    })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A name that can be shown and put in a URL path segment: visible characters, no slash or
/// backslash, not starting with a dot.
pub fn valid_name(name: &str) -> bool {
    let count = name.chars().count();
    (1..=MAX_NAME_CHARS).contains(&count)
        && !name.starts_with('.')
        && name.chars().all(|c| {
            !c.is_control()
                && !fwportal_core::request::fields::is_hidden_character(c)
                && !matches!(c, '/' | '\\' | '?' | '#' | '%')
        })
}
