//! `GET /api/openapi.json`: the OpenAPI 3 description of the API, generated from the handlers'
//! annotations and the request and answer types themselves, so it cannot drift from the code.

use axum::Json;
use fwportal_core::problem::{Problem, ProblemCode};
use fwportal_core::request::{
    ContactDraft, ContractDraft, FirmwareDraft, RequestDraft, RequestKind, ServerDraft,
};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::config::PortalConfig;
use super::error::{ErrorBody, InvalidBody};
use super::requests::{Accepted, RequestView};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Firmware Update Option portal — intake API",
        description = "Requests for the Proactive Care Firmware Update Option. Every request is checked again on the server against the service rules (R1–R16, C1–C5)."
    ),
    paths(
        super::requests::create, super::requests::show, super::config::show, show,
        super::desk::session::sign_in, super::desk::session::show, super::desk::session::sign_out,
        super::desk::queue::list, super::desk::request::show, super::desk::request::transition,
        super::desk::contracts::show, super::desk::contracts::correct,
        super::catalogs::list, super::catalogs::show, super::catalogs::analyse,
        super::conversation::show, super::conversation::send_message,
        super::conversation::cancel, super::conversation::ask_date_change,
        super::conversation::resubmit, super::conversation::new_key,
        super::desk::conversation::send_message, super::desk::conversation::mark_read,
        super::desk::conversation::answer_date_change
    ),
    components(schemas(
        RequestDraft, ContactDraft, ContractDraft, ServerDraft, FirmwareDraft, RequestKind,
        Problem, ProblemCode, Accepted, RequestView, PortalConfig, ErrorBody, InvalidBody,
        crate::lifecycle::HistoryEntry, crate::lifecycle::Event,
        super::desk::session::SignInBody, super::desk::session::SessionView,
        super::desk::queue::QueuePage, super::desk::queue::QueueItem,
        super::desk::request::DeskRequestView, super::desk::request::RulesNow,
        super::desk::request::ServerCheck, super::desk::request::ComponentCheck,
        super::desk::request::TransitionBody, super::desk::request::TransitionDone,
        super::desk::error::ConflictBody,
        fwportal_core::registry::ContractRecordDraft, super::desk::contracts::ContractView,
        super::catalogs::CatalogList, crate::catalogs::CatalogSummary, crate::catalogs::CatalogView,
        fwportal_core::firmware::catalog::Package, fwportal_core::firmware::catalog::CatalogProblem,
        fwportal_core::firmware::catalog::CatalogProblemCode,
        fwportal_core::request::AnalysisDraft, fwportal_core::request::ServerAnalysisDraft,
        fwportal_core::request::ComponentAnalysisDraft,
        fwportal_core::firmware::imported::ImportedInventory,
        fwportal_core::firmware::imported::ImportedServer,
        fwportal_core::firmware::imported::ImportedComponent,
        super::conversation::ConversationView, super::conversation::CustomerMessage,
        super::conversation::ReturnPartView, fwportal_core::lifecycle::parts::ReturnPart,
        fwportal_core::lifecycle::StepDraft, fwportal_core::lifecycle::StepRecord,
        super::conversation::Possible, super::conversation::PlannedWork,
        super::conversation::MessageBody, super::conversation::CancelBody,
        super::conversation::StepTaken, super::conversation::NewKeyBody,
        super::conversation::NewKeyAnswer, crate::conversation::PendingChange,
        crate::conversation::Message, crate::conversation::Author,
        fwportal_core::lifecycle::customer::DateChangeDraft,
        super::desk::conversation::MarkedRead, super::desk::conversation::DateChangeAnswer
    )),
    modifiers(&AccessToken)
)]
pub struct ApiDoc;

/// The bearer scheme of `GET /api/requests/{reference}`.
struct AccessToken;

impl Modify for AccessToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        if let Some(components) = openapi.components.as_mut() {
            components.add_security_scheme(
                "access_token",
                SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
            );
            // The desk's session cookie (its name gains `__Host-` when served over HTTPS).
            components.add_security_scheme(
                "desk_session",
                SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new("fwportal_desk"))),
            );
        }
    }
}

#[utoipa::path(
    get,
    path = "/api/openapi.json",
    operation_id = "show_openapi",
    responses((status = 200, description = "This description of the API", content_type = "application/json", body = Object))
)]
pub async fn show() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
