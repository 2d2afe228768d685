//! The work date and start time (R3, R5), asked on the schedule page and, when they are
//! missing, on the preparation list: the same two fields of the same draft.

use leptos::prelude::*;

use crate::components::date_field::DateField;
use crate::components::text_field::{normalise_time, TextField};
use crate::i18n::*;
use crate::text;

#[component]
pub fn WorkDateTimeFields(
    date: Signal<String>,
    set_date: Callback<String>,
    #[prop(into)] date_error: Signal<Option<String>>,
    time: Signal<String>,
    set_time: Callback<String>,
    #[prop(into)] time_error: Signal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="fw-field-pair">
            <DateField
                id="work-date"
                label=text!(i18n, schedule.work_date)
                hint=text!(i18n, picker.hint)
                value=date
                on_input=set_date
                error=date_error
            />
            <TextField
                id="work-start-time"
                label=text!(i18n, schedule.start_time)
                hint=text!(i18n, schedule.start_time_hint)
                value=time
                on_input=set_time
                error=time_error
                autocomplete="off"
                inputmode="numeric"
                width_class="fw-input--short"
                normalise=normalise_time
            />
        </div>
    }
}
