//! The intake server: serves the web app, re-checks every request with `fwportal-core` and
//! stores it in SQLite. Thin by design: parse, call the domain, store, answer.

pub mod audit;
pub mod calendar_config;
pub mod catalogs;
pub mod cli;
pub mod config;
pub mod contracts;
pub mod conversation;
pub mod db;
pub mod http;
pub mod intake;
pub mod lifecycle;
pub mod mail;
pub mod staff;
pub mod startup;
pub mod tokens;
pub mod writer;
