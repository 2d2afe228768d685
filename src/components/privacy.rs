//! The privacy notice (個人情報の取扱い) and the customer's consent, asked on "check your
//! answers" before sending; the server refuses a request without it. How to reach the desk
//! is the operator's (`desk-phone`, `desk-mail` in the calendar file), never written here.

use leptos::prelude::*;

use crate::components::field_error::FieldError;
use crate::components::form::field_error;
use crate::i18n::*;
use crate::wizard::{use_server_calendar, use_wizard};

/// The desk's phone and e-mail as the server's settings give them; nothing when unset.
#[component]
pub fn DeskContact() -> impl IntoView {
    let i18n = use_i18n();
    let calendar = use_server_calendar();
    let contact = move || {
        calendar.with(|c| {
            c.as_ref().map(|c| {
                (
                    c.settings().desk_phone.clone(),
                    c.settings().desk_mail.clone(),
                )
            })
        })
    };
    move || {
        let (phone, mail) = contact().unwrap_or_default();
        (phone.is_some() || mail.is_some()).then(|| {
            view! {
                <ul class="fw-list" data-testid="desk-contact">
                    {phone
                        .map(|phone| {
                            let href = format!("tel:{}", phone.replace([' ', '-'], ""));
                            view! {
                                <li>
                                    {crate::tr!(i18n, privacy.phone)} " "
                                    <a href=href class="fw-nowrap">{phone}</a>
                                </li>
                            }
                        })}
                    {mail
                        .map(|mail| {
                            let href = format!("mailto:{mail}");
                            view! {
                                <li>
                                    {crate::tr!(i18n, privacy.mail)} " " <a href=href>{mail}</a>
                                </li>
                            }
                        })}
                </ul>
            }
        })
    }
}

#[component]
pub fn PrivacyConsent() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = use_wizard();
    let error = field_error("privacy_consent");
    view! {
        <section class="fw-privacy" aria-labelledby="privacy-title" data-testid="privacy">
            <h2 class="fw-heading-m" id="privacy-title">{crate::tr!(i18n, privacy.title)}</h2>
            <p>{crate::tr!(i18n, privacy.who)}</p>
            <ul class="fw-list fw-list--bullet">
                <li>{crate::tr!(i18n, privacy.purpose)}</li>
                <li>{crate::tr!(i18n, privacy.sharing)}</li>
                <li>{crate::tr!(i18n, privacy.keeping)}</li>
                <li>{crate::tr!(i18n, privacy.rights)}</li>
            </ul>
            <DeskContact />
            <div class="fw-field" class:fw-field--error=move || error.get().is_some()>
                <FieldError message=error id="privacy-consent-error" />
                <div class="fw-checkboxes__item">
                    <input
                        class="fw-checkboxes__input"
                        type="checkbox"
                        id="privacy-consent"
                        aria-describedby=move || error.get().map(|_| "privacy-consent-error")
                        prop:checked=move || wizard.draft.with(|d| d.privacy_consent)
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            wizard.draft.update(|d| d.privacy_consent = on);
                        }
                    />
                    <label class="fw-checkboxes__label" for="privacy-consent">
                        {crate::tr!(i18n, privacy.consent)}
                    </label>
                </div>
            </div>
        </section>
    }
}
