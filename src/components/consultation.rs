//! A version consultation's own questions, asked on the version page once "not decided yet"
//! is chosen: what it is about (several lines) and when to call back. The servers concerned
//! are the request's servers; a consultation never shows the work-date pages.

use leptos::prelude::*;

use crate::components::form::{bind, field_error};
use crate::components::text_field::TextField;
use crate::i18n::*;
use crate::text;
use crate::wizard::use_wizard;

#[component]
pub fn ConsultationFields() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = use_wizard();
    let (topic, set_topic) = bind(
        wizard,
        |d| d.consultation_topic.clone(),
        |d, v| d.consultation_topic = v,
    );
    let (time, set_time) = bind(
        wizard,
        |d| d.preferred_contact_time.clone(),
        |d, v| d.preferred_contact_time = v,
    );
    view! {
        <TextField
            id="consultation-topic"
            label=text!(i18n, version.consult_topic)
            hint=text!(i18n, version.consult_topic_hint)
            value=topic
            on_input=set_topic
            error=field_error("consultation_topic")
            autocomplete="off"
            rows=6
        />
        <TextField
            id="preferred-contact-time"
            label=text!(i18n, version.consult_time)
            hint=text!(i18n, version.consult_time_hint)
            value=time
            on_input=set_time
            error=field_error("preferred_contact_time")
            autocomplete="off"
            width_class="fw-input--medium"
        />
    }
}
