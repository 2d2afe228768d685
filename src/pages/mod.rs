//! One module a page; each page has its own URL.

pub mod check;
pub mod confirmation;
pub mod not_found;
pub mod preparation;
pub mod request;
pub mod start;
pub mod status;
