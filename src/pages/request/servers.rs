//! `/request/servers`: which servers, and the information the customer gathers to choose a
//! version (C1): where to read each current firmware version, and what depends on it (C2, R10).

use leptos::prelude::*;

use crate::components::inventory_import::InventoryImport;
use crate::components::servers::ServerRows;
use crate::components::step::StepForm;
use crate::i18n::*;
use crate::text;
use crate::wizard::Step;

#[component]
pub fn ServersPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <StepForm step=Step::Servers title=text!(i18n, servers.title)>
            <p>{crate::tr!(i18n, servers.intro)}</p>
            <details class="fw-details" open>
                <summary class="fw-details__summary">{crate::tr!(i18n, servers.how_title)}</summary>
                <div class="fw-details__text">
                    <ul class="fw-list fw-list--bullet">
                        <li>{crate::tr!(i18n, servers.how_ilo)}</li>
                        <li>
                            {crate::tr!(i18n, servers.how_redfish)}
                            <br />
                            <code>"GET /redfish/v1/UpdateService/FirmwareInventory?$expand=."</code>
                        </li>
                        <li>
                            {crate::tr!(i18n, servers.how_ilorest)}
                            <br />
                            <code>"ilorest serverinfo --firmware"</code>
                            " / "
                            <code>"ilorest rawget \"/redfish/v1/UpdateService/FirmwareInventory?$expand=.\""</code>
                        </li>
                        <li>{crate::tr!(i18n, servers.how_sum)}</li>
                        <li>{crate::tr!(i18n, servers.how_oa)}</li>
                    </ul>
                </div>
            </details>
            <div class="fw-warning-text" role="note">
                <span class="fw-warning-text__icon" aria-hidden="true">"!"</span>
                <div>
                    <strong>{crate::tr!(i18n, servers.dependency_title)}</strong>
                    <p>{crate::tr!(i18n, servers.dependency_storage)}</p>
                    <p>{crate::tr!(i18n, servers.dependency_drivers)}</p>
                </div>
            </div>
            <InventoryImport />
            <ServerRows with_firmware=true />
        </StepForm>
    }
}
