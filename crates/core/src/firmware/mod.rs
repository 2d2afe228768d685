//! The firmware analysis: HPE's firmware catalogue (`fwrepo.json`), set beside what each
//! server has installed (C1, C2).
//!
//! - [`catalog`] reads the catalogue (untrusted, size-limited, partial data kept).
//! - [`version`] compares HPE's version texts, answering "unknown" rather than guessing.
//! - [`imported`] is what the browser keeps of an import to analyse it again later against
//!   an operator's catalogue.
//! - [`analysis`] decides, per component, what the update would do; per server, whether a
//!   reboot or a power-off is needed (R12) and what lies outside the service (R9, R10).

pub mod analysis;
pub mod catalog;
pub mod imported;
pub mod version;

pub use analysis::{
    analyse, analyse_report, Action, AnalysisReport, ComponentAnalysis, ServerAnalysis,
};
pub use catalog::{parse_catalog, parse_catalog_bytes, Catalog, CatalogParse, Package};
