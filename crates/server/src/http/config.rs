//! `GET /api/config`: what the app needs to compute exactly as the server does — the notice
//! rule's settings, the desk hours and the operator's calendar overrides (R1, R2, R5).

use axum::extract::State;
use axum::Json;
use fwportal_core::calendar::BusinessCalendar;
use serde::Serialize;

use super::AppState;

#[derive(Debug, Serialize)]
pub struct PortalConfig {
    /// The calendar the server decides with: overrides and notice settings.
    pub calendar: BusinessCalendar,
}

pub async fn show(State(state): State<AppState>) -> Json<PortalConfig> {
    Json(PortalConfig {
        calendar: (*state.calendar).clone(),
    })
}
