//! Calls to the intake API (gloo-net). Failures are typed so each page can say what to do.

use fwportal_core::problem::Problem;
use fwportal_core::request::RequestDraft;
use gloo_net::http::Request;
use serde::Deserialize;

/// What the server answers with `201 Created`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Accepted {
    pub reference: String,
    pub status: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SubmitError {
    /// `422`: the server refused the request; every problem is listed.
    #[error("the server refused the request")]
    Invalid(Vec<Problem>),
    /// The server could not be reached; the request may be sent again.
    #[error("network error: {0}")]
    Network(String),
    /// Any other answer.
    #[error("unexpected answer {0}")]
    Server(u16),
}

#[derive(Deserialize)]
struct InvalidBody {
    problems: Vec<Problem>,
}

/// `POST /api/requests`.
pub async fn submit(draft: &RequestDraft) -> Result<Accepted, SubmitError> {
    let response = Request::post("/api/requests")
        .json(draft)
        .map_err(|e| SubmitError::Network(e.to_string()))?
        .send()
        .await
        .map_err(|e| SubmitError::Network(e.to_string()))?;
    match response.status() {
        201 => response
            .json::<Accepted>()
            .await
            .map_err(|_| SubmitError::Server(201)),
        422 => Err(match response.json::<InvalidBody>().await {
            Ok(body) => SubmitError::Invalid(body.problems),
            Err(_) => SubmitError::Server(422),
        }),
        status => Err(SubmitError::Server(status)),
    }
}
