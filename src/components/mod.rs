//! Reusable pieces of the pages.

pub mod analysis;
pub mod answering;
pub mod answers;
pub mod consultation;
pub mod contract;
pub mod conversation;
pub mod copy_button;
pub mod date_field;
pub mod error_summary;
pub mod field_error;
pub mod form;
pub mod inventory_import;
pub mod layout;
pub mod page_title;
pub mod privacy;
pub mod servers;
pub mod step;
pub mod text_field;
pub mod work_time;
