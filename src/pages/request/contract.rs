//! `/request/contract`: who is asking (contact details) and under which contract (R6, R7).

use leptos::prelude::*;

use crate::components::contract::{ContractAnswer, ContractFields};
use crate::components::form::{bind, field_error};
use crate::components::step::StepForm;
use crate::components::text_field::TextField;
use crate::i18n::*;
use crate::startup::Later;
use crate::text;
use crate::wizard::{use_wizard, Step};

#[component]
pub fn ContractPage() -> impl IntoView {
    let i18n = use_i18n();
    let wizard = use_wizard();
    let (company, set_company) = bind(
        wizard,
        |d| d.contact.company.clone(),
        |d, v| d.contact.company = v,
    );
    let (name, set_name) = bind(
        wizard,
        |d| d.contact.name.clone(),
        |d, v| d.contact.name = v,
    );
    let (email, set_email) = bind(
        wizard,
        |d| d.contact.email.clone(),
        |d, v| d.contact.email = v,
    );
    let (department, set_department) = bind(
        wizard,
        |d| d.contact.department.clone(),
        |d, v| d.contact.department = v,
    );
    let (kana, set_kana) = bind(
        wizard,
        |d| d.contact.name_kana.clone(),
        |d, v| d.contact.name_kana = v,
    );
    let (cc, set_cc) = bind(wizard, |d| d.contact.cc.clone(), |d, v| d.contact.cc = v);
    let (phone, set_phone) = bind(
        wizard,
        |d| d.contact.phone.clone(),
        |d, v| d.contact.phone = v,
    );
    view! {
        <StepForm step=Step::Contract title=text!(i18n, contract.title)>
            <fieldset class="fw-fieldset">
                <legend class="fw-fieldset__legend">{crate::tr!(i18n, contract.contact_legend)}</legend>
                <TextField
                    id="contact-company"
                    label=text!(i18n, contract.company)
                    value=company
                    on_input=set_company
                    error=field_error("contact.company")
                    autocomplete="organization"
                />
                <TextField
                    id="contact-department"
                    label=text!(i18n, contract.department)
                    value=department
                    on_input=set_department
                    error=field_error("contact.department")
                    autocomplete="organization-title"
                />
                <TextField
                    id="contact-name"
                    label=text!(i18n, contract.name)
                    value=name
                    on_input=set_name
                    error=field_error("contact.name")
                    autocomplete="name"
                    width_class="fw-input--medium"
                />
                <TextField
                    id="contact-name-kana"
                    label=text!(i18n, contract.name_kana)
                    value=kana
                    on_input=set_kana
                    error=field_error("contact.name_kana")
                    autocomplete="off"
                    width_class="fw-input--medium"
                />
                <TextField
                    id="contact-email"
                    label=text!(i18n, contract.email)
                    hint=text!(i18n, contract.email_hint)
                    value=email
                    on_input=set_email
                    error=field_error("contact.email")
                    autocomplete="email"
                    input_type="email"
                    width_class="fw-input--medium"
                />
                <TextField
                    id="contact-cc"
                    label=text!(i18n, contract.cc)
                    hint=text!(i18n, contract.cc_hint)
                    value=cc
                    on_input=set_cc
                    error=field_error("contact.cc")
                    autocomplete="off"
                />
                <TextField
                    id="contact-phone"
                    label=text!(i18n, contract.phone)
                    hint=text!(i18n, contract.phone_hint)
                    value=phone
                    on_input=set_phone
                    error=field_error("contact.phone")
                    autocomplete="tel"
                    input_type="tel"
                    width_class="fw-input--medium"
                />
            </fieldset>
            <Later>
                <ContractFields with_number=true />
            </Later>
            <Later>
                <ContractAnswer />
            </Later>
        </StepForm>
    }
}
