//! The API's one error type: every handler returns `Result<_, ApiError>`, and the mapping to
//! status codes and bodies lives here. Internal errors are logged and never shown.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use fwportal_core::problem::Problem;
use serde_json::json;

use crate::db::DbError;

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// The request breaks rules; every problem is listed.
    #[error("the request has {} problem(s)", .0.len())]
    Invalid(Vec<Problem>),
    /// The body is not JSON of the expected shape.
    #[error("malformed request body: {0}")]
    MalformedBody(String),
    #[error("not found")]
    NotFound,
    #[error(transparent)]
    Db(#[from] DbError),
}

impl ApiError {
    fn code(&self) -> &'static str {
        match self {
            ApiError::Invalid(_) => "invalid_request",
            ApiError::MalformedBody(_) => "malformed_body",
            ApiError::NotFound => "not_found",
            ApiError::Db(_) => "internal",
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let code = self.code();
        match self {
            ApiError::Invalid(problems) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                Json(json!({ "error": code, "problems": problems })),
            )
                .into_response(),
            ApiError::MalformedBody(detail) => (
                StatusCode::BAD_REQUEST,
                Json(json!({
                    "error": code,
                    "message_ja": "送信内容を読み取れませんでした。ページを再読み込みして、もう一度お試しください。",
                    "message_en": "The request could not be read. Reload the page and try again.",
                    "detail": detail,
                })),
            )
                .into_response(),
            ApiError::NotFound => (
                StatusCode::NOT_FOUND,
                Json(json!({
                    "error": code,
                    "message_ja": "お探しの申込みは見つかりませんでした。受付番号をご確認ください。",
                    "message_en": "No such request. Check the reference.",
                })),
            )
                .into_response(),
            ApiError::Db(error) => {
                tracing::error!(%error, "request failed on the database");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    Json(json!({
                        "error": code,
                        "message_ja": "サーバーで問題が発生しました。時間をおいて、もう一度お試しください。",
                        "message_en": "Something went wrong on the server. Try again in a moment.",
                    })),
                )
                    .into_response()
            }
        }
    }
}
