//! The pages of a request, in order: `/request/contract`, `/request/servers`,
//! `/request/version`, `/request/responsibilities`, `/request/schedule`, `/request/check`.

pub mod check_answers;
pub mod contract;
pub mod responsibilities;
pub mod schedule;
pub mod servers;
pub mod version;
