//! The subcommands of `fwportal`. Each module owns its arguments and its output format.

pub mod audit;
pub mod calendar;
pub mod contracts;
pub mod eligibility;
pub mod inventory;
pub mod requests;
pub mod serve;
pub mod staff;
