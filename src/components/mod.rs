//! Reusable pieces of the pages.

pub mod error_summary;
pub mod layout;
pub mod page_title;
pub mod text_field;
