//! The list of servers (add and remove rows: model, serial number and, in the request, the
//! current System ROM and iLO versions), each with its answer shown at once (R8, R10, R11).

use fwportal_core::eligibility::{classify_model, ProductOutcome, ProductVerdict};
use fwportal_core::i18n::Lang;
use fwportal_core::request::{FirmwareDraft, RequestDraft, ServerDraft, MAX_SERVERS};
use leptos::prelude::*;

use crate::components::field_error::FieldError;

use crate::components::form::{field_error, use_lang};
use crate::components::text_field::TextField;
use crate::i18n::*;
use crate::text;
use crate::wizard::use_wizard;

/// The firmware items the request asks for, by the name they are stored under.
pub use fwportal_core::request::import::{ILO, SYSTEM_ROM};

fn firmware_version(server: &ServerDraft, name: &str) -> String {
    server
        .firmware
        .iter()
        .find(|f| f.name == name)
        .map(|f| f.version.clone())
        .unwrap_or_default()
}

/// Sets one firmware item's version; an empty version removes the item.
pub fn set_firmware(server: &mut ServerDraft, name: &str, version: String) {
    match server.firmware.iter().position(|f| f.name == name) {
        Some(at) if version.trim().is_empty() => {
            server.firmware.remove(at);
        }
        Some(at) => server.firmware[at].version = version,
        None if version.trim().is_empty() => {}
        None => server.firmware.push(FirmwareDraft {
            name: name.to_owned(),
            version,
        }),
    }
}

#[component]
pub fn ServerRows(
    /// The request asks for the current firmware versions; the self-check does not.
    with_firmware: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let wizard = use_wizard();
    let draft = wizard.draft;
    if draft.with_untracked(|d| d.servers.is_empty()) {
        draft.update(|d| d.servers.push(ServerDraft::default()));
    }
    // Rows are rebuilt only when their number changes, never while typing.
    let count = Memo::new(move |_| draft.with(|d| d.servers.len()));
    let servers_error = field_error("servers");
    let removable = Signal::derive(move || count.get() > 1);
    view! {
        <div class="fw-server-list">
            {move || {
                (0..count.get())
                    .map(|index| view! { <ServerRow index with_firmware removable /> })
                    .collect_view()
            }}
        </div>
        <FieldError message=servers_error id="servers-error" />
        <button
            type="button"
            id="servers"
            class="fw-button fw-button--secondary"
            data-testid="add-server"
            on:click=move |_| {
                draft
                    .update(|d| {
                        if d.servers.len() < MAX_SERVERS {
                            d.servers.push(ServerDraft::default());
                        }
                    })
            }
        >
            {crate::tr!(i18n, servers.add)}
        </button>
    }
}

fn server_field(
    draft: RwSignal<RequestDraft>,
    index: usize,
    get: impl Fn(&ServerDraft) -> String + Send + Sync + 'static,
    set: impl Fn(&mut ServerDraft, String) + Send + Sync + 'static,
) -> (Signal<String>, Callback<String>) {
    (
        Signal::derive(move || draft.with(|d| d.servers.get(index).map(&get).unwrap_or_default())),
        Callback::new(move |value: String| {
            draft.update(|d| {
                if let Some(server) = d.servers.get_mut(index) {
                    set(server, value);
                }
            })
        }),
    )
}

#[component]
fn ServerRow(
    index: usize,
    with_firmware: bool,
    /// A single row stays: there is nothing to remove it for.
    removable: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let wizard = use_wizard();
    let draft = wizard.draft;
    let (model, set_model) = server_field(draft, index, |s| s.model.clone(), |s, v| s.model = v);
    let (serial, set_serial) = server_field(
        draft,
        index,
        |s| s.serial_number.clone(),
        |s, v| s.serial_number = v,
    );
    let (rom, set_rom) = server_field(
        draft,
        index,
        |s| firmware_version(s, SYSTEM_ROM),
        |s, v| set_firmware(s, SYSTEM_ROM, v),
    );
    let (ilo, set_ilo) = server_field(
        draft,
        index,
        |s| firmware_version(s, ILO),
        |s, v| set_firmware(s, ILO, v),
    );
    // Firmware read from the inventory beyond the two fields (the Power Management Controller,
    // an enclosure's OAs and interconnects): shown, so what is sent is what the page shows.
    let others = Memo::new(move |_| {
        draft.with(|d| {
            d.servers
                .get(index)
                .map(|s| {
                    s.firmware
                        .iter()
                        .filter(|f| f.name != SYSTEM_ROM && f.name != ILO)
                        .map(|f| format!("{} {}", f.name, f.version))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let number = index + 1;
    let legend = move || format!("{} {number}", t_string!(i18n, servers.server));
    let remove = move |_| {
        draft.update(|d| {
            if index < d.servers.len() {
                d.servers.remove(index);
            }
        });
        // Problems name rows by position: they no longer match after a removal.
        wizard
            .problems
            .update(|list| list.retain(|p| !p.field.starts_with("servers")));
    };
    view! {
        <fieldset class="fw-fieldset fw-server" id=format!("servers-{index}")>
            <legend class="fw-fieldset__legend">{legend}</legend>
            <TextField
                id=format!("servers-{index}-model")
                label=text!(i18n, servers.model)
                hint=text!(i18n, servers.model_hint)
                value=model
                on_input=set_model
                error=field_error(format!("servers[{index}].model"))
                autocomplete="off"
                width_class="fw-input--medium"
            />
            <ServerVerdict model />
            <TextField
                id=format!("servers-{index}-serial-number")
                label=text!(i18n, servers.serial)
                hint=text!(i18n, servers.serial_hint)
                value=serial
                on_input=set_serial
                error=field_error(format!("servers[{index}].serial_number"))
                autocomplete="off"
                width_class="fw-input--medium"
            />
            {with_firmware
                .then(|| {
                    view! {
                        <div class="fw-field-pair">
                            <TextField
                                id=format!("servers-{index}-firmware-rom")
                                label=text!(i18n, servers.rom)
                                hint=text!(i18n, servers.rom_hint)
                                value=rom
                                on_input=set_rom
                                error=Signal::derive(|| None::<String>)
                                autocomplete="off"
                                width_class="fw-input--medium"
                            />
                            <TextField
                                id=format!("servers-{index}-firmware-ilo")
                                label=text!(i18n, servers.ilo)
                                hint=text!(i18n, servers.ilo_hint)
                                value=ilo
                                on_input=set_ilo
                                error=Signal::derive(|| None::<String>)
                                autocomplete="off"
                                width_class="fw-input--short"
                            />
                        </div>
                        <Show when=move || !others.with(Vec::is_empty)>
                            <div class="fw-field" data-testid=format!("servers-{index}-other-firmware")>
                                <p class="fw-field__label">{crate::tr!(i18n, servers.other_firmware)}</p>
                                <ul class="fw-list fw-list--bullet">
                                    {move || {
                                        others
                                            .get()
                                            .into_iter()
                                            .map(|line| view! { <li>{line}</li> })
                                            .collect_view()
                                    }}
                                </ul>
                            </div>
                        </Show>
                    }
                })}
            <Show when=move || removable.get()>
                <button
                    type="button"
                    class="fw-link-button"
                    data-testid=format!("remove-server-{index}")
                    on:click=remove
                >
                    {crate::tr!(i18n, servers.remove)}
                    <span class="fw-visually-hidden">{format!(" {number}")}</span>
                </button>
            </Show>
        </fieldset>
    }
}

/// The answer for one model, at once: a mark and a word (never colour alone), the rule and the
/// reason.
#[component]
pub fn ServerVerdict(#[prop(into)] model: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let lang = use_lang();
    let verdict = Memo::new(move |_| {
        let text = model.get();
        (!text.trim().is_empty()).then(|| classify_model(&text))
    });
    view! {
        <div class="fw-verdict-slot" aria-live="polite">
            {move || {
                verdict
                    .get()
                    .map(|v| verdict_view(&v, lang(), i18n))
            }}
        </div>
    }
}

/// One model's answer: a mark and a word (never colour alone), the rule and the reason. Shared
/// by the rows typed by hand and the servers read from an inventory.
pub fn verdict_view(verdict: &ProductVerdict, lang: Lang, i18n: I18n) -> impl IntoView {
    let (class, mark, word) = match verdict.outcome {
        ProductOutcome::Eligible => (
            "fw-verdict--eligible",
            "✓",
            t_string!(i18n, check.verdict_eligible),
        ),
        ProductOutcome::Excluded => (
            "fw-verdict--blocked",
            "✗",
            t_string!(i18n, check.verdict_excluded),
        ),
        ProductOutcome::OutOfScope => (
            "fw-verdict--blocked",
            "✗",
            t_string!(i18n, check.verdict_out_of_scope),
        ),
        ProductOutcome::NeedsConfirmation => (
            "fw-verdict--confirm",
            "?",
            t_string!(i18n, check.verdict_confirm),
        ),
    };
    view! {
        // The rule is the desk's and the tests' word (`data-rule`), not the customer's.
        <p
            class=format!("fw-verdict {class}")
            data-outcome=format!("{:?}", verdict.outcome)
            data-rule=verdict.rule.clone()
        >
            <span class="fw-verdict__mark" aria-hidden="true">{mark}</span>
            <strong>{word}</strong>
            " "
            {verdict.message().get(lang).to_owned()}
        </p>
    }
}
