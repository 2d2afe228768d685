//! `GET /api/config`: what the app needs to compute exactly as the server does — the notice
//! rule's settings, the desk hours and the operator's calendar overrides (R1, R2, R5).

use axum::extract::State;
use axum::Json;
use fwportal_core::calendar::BusinessCalendar;
use serde::Serialize;

use super::AppState;

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct PortalConfig {
    /// The calendar the server decides with: `{overrides: {closures, added_holidays,
    /// removed_holidays}, settings: {notice_business_days, cutoff, desk_open, desk_close}}`.
    #[schema(value_type = Object)]
    pub calendar: BusinessCalendar,
}

#[utoipa::path(
    get,
    path = "/api/config",
    operation_id = "show_config",
    responses((status = 200, description = "The calendar and notice settings the server decides with", body = PortalConfig))
)]
pub async fn show(State(state): State<AppState>) -> Json<PortalConfig> {
    Json(PortalConfig::of(&state.calendar))
}

impl PortalConfig {
    /// The answer for `calendar`; also inlined into `index.html` (see `assets`).
    pub fn of(calendar: &BusinessCalendar) -> PortalConfig {
        PortalConfig {
            calendar: calendar.clone(),
        }
    }
}
