//! How much one request may hold. [`check_limits`] runs before anything else in
//! [`super::check`], and a request over a limit gets only the limit's problems: a body of
//! thousands of empty servers must not be answered with a problem for each (an answer 80 times
//! the size of the request), nor cost a rule evaluation each. The app enforces the same numbers
//! while the customer types (it adds no row past [`MAX_SERVERS`]), and shows the same words.
//!
//! Text fields have their own length limits, in characters, checked by their parsers
//! (`labels.rs`: company 100, name 60, site address 300, notes 2000, model 200, serial and
//! contract numbers 32…). The server also refuses any body over 64 KiB before reading it.

use crate::problem::{Problem, ProblemCode};

use super::labels::{self, problem_for};
use super::{Acknowledgement, RequestDraft};

/// At most this many servers in one request. One request is one on-site work day (R3, R5):
/// a rack of four c7000 enclosures is 64 blades and 4 enclosures, and one engineer's day does
/// not reach 100 machines; a larger estate is booked as several requests, which also keeps
/// each one's firmware list readable for the TAM team.
pub const MAX_SERVERS: usize = 100;

/// At most this many firmware items per server (C1). An iLO 5 firmware inventory lists 20–60
/// items; a c7000 enclosure read from its Onboard Administrator, with every interconnect,
/// stays well under 300.
pub const MAX_FIRMWARE_ITEMS: usize = 300;

/// At most this many acknowledgement codes. There are nine statements; a client that repeats
/// each once more is still answered normally, anything longer is not a form's answer.
pub const MAX_ACKNOWLEDGEMENTS: usize = Acknowledgement::ALL.len() * 2;

/// The problems of a request that is over a limit; empty when it is within every limit.
/// At most one problem per list, so the answer stays small whatever the body holds: the
/// firmware lists are looked at only when the number of servers is within its limit.
///
/// ```
/// use fwportal_core::request::{check_limits, RequestDraft, ServerDraft, MAX_SERVERS};
/// let mut draft = RequestDraft::default();
/// assert!(check_limits(&draft).is_empty());
/// draft.servers = vec![ServerDraft::default(); 21_000];
/// let problems = check_limits(&draft);
/// assert_eq!(problems.len(), 1);
/// assert!(problems[0].message_en.contains(&MAX_SERVERS.to_string()));
/// ```
pub fn check_limits(draft: &RequestDraft) -> Vec<Problem> {
    let mut problems = Vec::new();
    if draft.servers.len() > MAX_SERVERS {
        problems.push(problem_for(
            "servers",
            &labels::SERVERS,
            ProblemCode::TooMany,
        ));
    } else {
        problems.extend(
            draft
                .servers
                .iter()
                .enumerate()
                .filter(|(_, server)| server.firmware.len() > MAX_FIRMWARE_ITEMS)
                .map(|(index, _)| {
                    problem_for(
                        &format!("servers[{index}].firmware"),
                        &labels::FIRMWARE,
                        ProblemCode::TooMany,
                    )
                }),
        );
    }
    // The analysis (issue 17): as many servers and rows as the request itself may hold.
    if draft.analysis.servers.len() > MAX_SERVERS {
        problems.push(problem_for(
            "analysis.servers",
            &labels::ANALYSIS_SERVERS,
            ProblemCode::TooMany,
        ));
    } else {
        problems.extend(
            draft
                .analysis
                .servers
                .iter()
                .enumerate()
                .filter(|(_, server)| server.components.len() > MAX_FIRMWARE_ITEMS)
                .map(|(index, _)| {
                    problem_for(
                        &format!("analysis.servers[{index}].components"),
                        &labels::ANALYSIS_COMPONENTS,
                        ProblemCode::TooMany,
                    )
                }),
        );
    }
    if draft.acknowledgements.len() > MAX_ACKNOWLEDGEMENTS {
        problems.push(problem_for(
            "acknowledgements",
            &labels::ACKNOWLEDGEMENTS,
            ProblemCode::TooMany,
        ));
    }
    problems
}
