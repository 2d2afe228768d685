//! The desk's own refusals (401, 403, 409, 423), beside the API's [`ApiError`] which the desk
//! uses for everything else (422 problems, 404, 429, internal errors).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use fwportal_core::lifecycle::Status;
use serde::Serialize;
use utoipa::ToSchema;

use crate::db::DbError;
use crate::http::error::{ApiError, ErrorBody};

/// The body of a `409` on a step: someone else moved the request first.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConflictBody {
    /// Always `version_conflict`.
    pub error: &'static str,
    pub message_ja: String,
    pub message_en: String,
    /// The request's status now.
    pub status: Status,
    /// The request's version now: send it as `expected_version` after a reload.
    pub version: i64,
}

#[derive(Debug, thiserror::Error)]
pub enum DeskError {
    /// No session, or an expired or ended one.
    #[error("not signed in")]
    SignedOut,
    /// Any wrong part of a sign-in (one answer for all).
    #[error("sign-in failed")]
    SignInFailed,
    /// The account is locked after repeated failures.
    #[error("account locked")]
    Locked,
    /// The call did not come from the portal's own pages.
    #[error("cross-origin request refused")]
    CrossOrigin,
    /// A state-changing call without the session's CSRF token.
    #[error("missing or wrong CSRF token")]
    CsrfToken,
    /// `expected_version` is stale.
    #[error("version conflict: the request is {status} at version {version}")]
    Conflict { status: Status, version: i64 },
    /// R4: the contract's option start cannot move while its update work holds years.
    #[error("the option start is held by booked update work")]
    OptionStartHeld,
    /// The conversation refuses the action (closed request, nothing waiting…; issue 16).
    #[error(transparent)]
    Refused(fwportal_core::lifecycle::customer::CustomerError),
    #[error(transparent)]
    Api(#[from] ApiError),
}

impl From<DbError> for DeskError {
    fn from(error: DbError) -> Self {
        DeskError::Api(ApiError::Db(error))
    }
}

impl From<sqlx::Error> for DeskError {
    fn from(error: sqlx::Error) -> Self {
        DeskError::from(DbError::from(error))
    }
}

fn body(status: StatusCode, error: &'static str, ja: &str, en: &str) -> Response {
    (
        status,
        Json(ErrorBody {
            error,
            message_ja: ja.to_owned(),
            message_en: en.to_owned(),
            detail: None,
        }),
    )
        .into_response()
}

impl IntoResponse for DeskError {
    fn into_response(self) -> Response {
        match self {
            DeskError::SignedOut => body(
                StatusCode::UNAUTHORIZED,
                "signed_out",
                "サインインしていないか、セッションの有効期限が切れました。もう一度サインインしてください。",
                "You are not signed in, or your session has expired. Sign in again.",
            ),
            DeskError::SignInFailed => body(
                StatusCode::UNAUTHORIZED,
                "sign_in_failed",
                "メールアドレス、パスワード、確認コードのいずれかが正しくありません。",
                "The email, the password or the code is not right.",
            ),
            DeskError::Locked => body(
                StatusCode::LOCKED,
                "account_locked",
                "サインインの失敗が続いたため、このアカウントは15分間ロックされています。15分後にもう一度お試しください。急ぐ場合は管理者に連絡してください。",
                "This account is locked for 15 minutes after repeated failed sign-ins. Try again in 15 minutes, or ask an administrator if it is urgent.",
            ),
            DeskError::CrossOrigin => body(
                StatusCode::FORBIDDEN,
                "cross_origin",
                "この操作はポータルの画面からのみ行えます。",
                "This action is only accepted from the portal's own pages.",
            ),
            DeskError::CsrfToken => body(
                StatusCode::FORBIDDEN,
                "csrf_token",
                "操作を確認できませんでした。画面を再読み込みして、もう一度お試しください。",
                "The action could not be verified. Reload the page and try again.",
            ),
            DeskError::Conflict { status, version } => (
                StatusCode::CONFLICT,
                Json(ConflictBody {
                    error: "version_conflict",
                    message_ja: format!(
                        "このお申込みは先に別の担当者が更新しました（現在「{}」）。画面を更新して確認してください。",
                        status.label(fwportal_core::i18n::Lang::Ja)
                    ),
                    message_en: format!(
                        "Someone else updated this request first (now “{}”). Reload to see it.",
                        status.label(fwportal_core::i18n::Lang::En)
                    ),
                    status,
                    version,
                }),
            )
                .into_response(),
            DeskError::OptionStartHeld => body(
                StatusCode::CONFLICT,
                "option_start_held",
                "この契約には作業の申込みがあり、契約年はオプションの開始日から数えています（R4）。開始日を変えるには、先にその作業を完了またはキャンセルしてください。",
                "Update work of this contract holds contract years counted from the option's start (R4). Complete or cancel that work before moving the start date.",
            ),
            DeskError::Refused(refused) => {
                crate::http::conversation::ConversationError::Refused(refused).into_response()
            }
            DeskError::Api(error) => error.into_response(),
        }
    }
}
