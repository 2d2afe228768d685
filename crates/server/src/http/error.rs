//! The API's one error type: every handler returns `Result<_, ApiError>`, and the mapping to
//! status codes and bodies lives here. Every body carries a code for machines and a sentence
//! in each language for people. Internal errors are logged and never shown.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use fwportal_core::eligibility::once_a_year_problem;
use fwportal_core::problem::{bounded, Problem};
use serde::Serialize;
use utoipa::ToSchema;

use crate::db::DbError;

/// The body of every error answer but `422`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// A code for machines, e.g. `not_found`, `idempotency_key_reused`, `rate_limited`.
    pub error: &'static str,
    pub message_ja: String,
    pub message_en: String,
    /// What the parser said, for a malformed body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// The body of a `422`: the problems with the request, all at once up to
/// `MAX_REPORTED_PROBLEMS` (50), and how many more there are.
#[derive(Debug, Serialize, ToSchema)]
pub struct InvalidBody {
    /// Always `invalid_request`.
    pub error: &'static str,
    /// The problems, in form order; at most 50.
    pub problems: Vec<Problem>,
    /// How many problems were found beyond those listed (0 when all are listed).
    pub more_problems: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The request breaks rules; every problem is listed.
    #[error("the request has {} problem(s)", .0.len())]
    Invalid(Vec<Problem>),
    /// The body is not JSON of the expected shape.
    #[error("malformed request body: {0}")]
    MalformedBody(String),
    #[error("request body too large")]
    BodyTooLarge,
    #[error("missing or malformed Idempotency-Key header")]
    IdempotencyKeyRequired,
    #[error("idempotency key reused with a different body")]
    IdempotencyKeyReused,
    /// R4, caught by the database's constraint when the rules could not see the other request.
    #[error("update work already accepted for this contract year")]
    OnceAYearTaken,
    #[error("too many {what:?}; retry in {wait} s")]
    RateLimited { wait: u64, what: Limited },
    #[error("not found")]
    NotFound,
    /// No operator catalogue of that name (issue 17).
    #[error("no such catalogue")]
    CatalogNotFound,
    #[error(transparent)]
    Db(#[from] DbError),
    #[error("internal error: {0}")]
    Internal(String),
}

/// Which per-client limit was reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limited {
    /// `POST /api/requests`.
    Submissions,
    /// `GET /api/requests/{reference}`.
    Lookups,
    /// `POST /api/desk/session`.
    SignIns,
}

impl ApiError {
    pub fn internal(error: impl std::fmt::Display) -> ApiError {
        ApiError::Internal(error.to_string())
    }
}

fn body(status: StatusCode, error: &'static str, ja: &str, en: &str) -> Response {
    let body = ErrorBody {
        error,
        message_ja: ja.to_owned(),
        message_en: en.to_owned(),
        detail: None,
    };
    (status, Json(body)).into_response()
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self {
            ApiError::Invalid(problems) => {
                let (problems, more_problems) = bounded(problems);
                (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    Json(InvalidBody {
                        error: "invalid_request",
                        problems,
                        more_problems,
                    }),
                )
                    .into_response()
            }
            // The same words as when the rules see the other request (R4): nothing about it.
            ApiError::OnceAYearTaken => ApiError::Invalid(vec![once_a_year_problem()]).into_response(),
            ApiError::MalformedBody(detail) => (
                StatusCode::BAD_REQUEST,
                Json(ErrorBody {
                    error: "malformed_body",
                    message_ja: "送信内容を読み取れませんでした。ページを再読み込みして、もう一度お試しください。".to_owned(),
                    message_en: "The request could not be read. Reload the page and try again.".to_owned(),
                    detail: Some(detail),
                }),
            )
                .into_response(),
            ApiError::BodyTooLarge => body(
                StatusCode::PAYLOAD_TOO_LARGE,
                "body_too_large",
                "送信内容が大きすぎます（上限64KB）。備考やファームウェアの一覧を短くしてください。",
                "The request is too large (64 KB at most). Shorten the notes or the firmware list.",
            ),
            ApiError::IdempotencyKeyRequired => body(
                StatusCode::BAD_REQUEST,
                "idempotency_key_required",
                "Idempotency-Key ヘッダーにUUIDを指定してください。",
                "Send a UUID in the Idempotency-Key header.",
            ),
            ApiError::IdempotencyKeyReused => body(
                StatusCode::CONFLICT,
                "idempotency_key_reused",
                "この送信キーは別の内容で使用済みです。ページを再読み込みして、もう一度お申し込みください。",
                "This submission key was already used with different content. Reload the page and submit again.",
            ),
            ApiError::RateLimited { wait, what } => {
                let (ja, en) = match what {
                    Limited::Submissions => ("送信", "submissions"),
                    Limited::Lookups => ("照会", "look-ups"),
                    Limited::SignIns => ("サインイン", "sign-in attempts"),
                };
                let mut response = body(
                    StatusCode::TOO_MANY_REQUESTS,
                    "rate_limited",
                    &format!("短時間に{ja}が集中しています。{wait}秒ほど待ってから、もう一度お試しください。"),
                    &format!("Too many {en} in a short time. Wait about {wait} seconds and try again."),
                );
                if let Ok(value) = wait.to_string().parse() {
                    response.headers_mut().insert("retry-after", value);
                }
                response
            }
            ApiError::NotFound => body(
                StatusCode::NOT_FOUND,
                "not_found",
                "お申込みが見つかりませんでした。受付番号とアクセスキーをご確認ください。",
                "No such request. Check the reference and the access key.",
            ),
            ApiError::CatalogNotFound => body(
                StatusCode::NOT_FOUND,
                "catalog_not_found",
                "そのカタログはありません。一覧から選び直してください。",
                "No such catalogue. Choose one from the list again.",
            ),
            ApiError::Db(error) => {
                tracing::error!(%error, "request failed on the database");
                internal_response()
            }
            ApiError::Internal(error) => {
                tracing::error!(%error, "request failed");
                internal_response()
            }
        }
    }
}

fn internal_response() -> Response {
    body(
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal",
        "サーバーで問題が発生しました。時間をおいて、もう一度お試しください。",
        "Something went wrong on the server. Try again in a moment.",
    )
}
