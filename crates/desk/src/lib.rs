//! The service desk's web app (issue 15): staff sign in with a password and a TOTP code, work
//! through the queue of requests and move each one through its life. Served by `fwportal serve`
//! under `/desk/`, built apart from the customer's app so it adds nothing to their download.

pub mod api;
pub mod pages;
pub mod texts;

use chrono::{DateTime, NaiveDate};
use fwportal_core::i18n::{format_date, Lang};
use fwportal_core::request::fields::parse_date;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::path;

use api::{ApiError, Session};
use texts::*;

const LANG_KEY: &str = "fwportal.desk.lang";

/// What every page shares: the language and the signed-in staff member (with the CSRF token).
#[derive(Clone, Copy)]
pub struct Desk {
    pub lang: RwSignal<Lang>,
    /// `None` until known or when signed out.
    pub session: RwSignal<Option<Session>>,
    /// The queue's filters, kept while the staff member opens a request and comes back.
    pub query: RwSignal<api::QueueQuery>,
}

impl Desk {
    /// The session's CSRF token for a state-changing call (empty when signed out: the server
    /// then answers 401 and the page goes to the sign-in).
    pub fn csrf_token(&self) -> String {
        self.session
            .get_untracked()
            .map(|s| s.csrf_token)
            .unwrap_or_default()
    }
}

pub fn use_desk() -> Desk {
    expect_context::<Desk>()
}

/// The current language as a reactive function, for `move ||` views.
pub fn tx(text: Tx) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_desk().lang;
    move || text.get(lang.get())
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn stored_lang() -> Lang {
    match storage()
        .and_then(|s| s.get_item(LANG_KEY).ok().flatten())
        .as_deref()
    {
        Some("en") => Lang::En,
        _ => Lang::Ja,
    }
}

/// Japanese first: English only when chosen on this computer.
fn set_lang(lang: Lang) {
    let code = match lang {
        Lang::Ja => "ja",
        Lang::En => "en",
    };
    if let Some(s) = storage() {
        let _ = s.set_item(LANG_KEY, code);
    }
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", code);
    }
}

/// Sets the document title; `error` prefixes it as the design system asks.
pub fn set_title(title: &str, error: bool) {
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        let lang = use_desk().lang.get_untracked();
        let prefix = if error { ERROR_PREFIX.get(lang) } else { "" };
        document.set_title(&format!("{prefix}{title} — {}", SERVICE.get(lang)));
    }
}

/// A `YYYY-MM-DD` date in the language's style; the text as it is when it is not a date.
pub fn show_date(text: &str, lang: Lang) -> String {
    parse_date(text)
        .map(|d: NaiveDate| format_date(d, lang))
        .unwrap_or_else(|_| text.to_owned())
}

/// An instant (RFC 3339) in Japan time, `YYYY-MM-DD HH:MM`.
pub fn show_instant(text: &str) -> String {
    DateTime::parse_from_rfc3339(text)
        .map(|t| {
            fwportal_core::calendar::to_jst(&t.to_utc())
                .format("%Y-%m-%d %H:%M")
                .to_string()
        })
        .unwrap_or_else(|_| text.to_owned())
}

/// Sends a signed-out staff member to the sign-in page.
pub fn on_unauthorized(error: &ApiError) {
    if matches!(error, ApiError::Unauthorized) {
        use_desk().session.set(None);
        use_navigate()("/desk/sign-in", Default::default());
    }
}

pub fn mount() {
    leptos::mount::mount_to_body(App);
}

#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(stored_lang());
    set_lang(lang.get_untracked());
    let desk = Desk {
        lang,
        session: RwSignal::new(None),
        query: RwSignal::new(api::QueueQuery::default()),
    };
    provide_context(desk);
    view! {
        <Router>
            <a class="fw-skip-link" href="#main">{tx(SKIP)}</a>
            <Header />
            <main class="fw-main desk-main" id="main" tabindex="-1">
                <Routes fallback=Fallback>
                    <Route path=path!("/desk/sign-in") view=pages::sign_in::SignInPage />
                    <Route path=path!("/desk/requests/:reference") view=pages::request::RequestPage />
                </Routes>
            </main>
        </Router>
    }
}

/// `/desk` and `/desk/` are the queue; anything else is unknown.
#[component]
fn Fallback() -> impl IntoView {
    let location = use_location();
    move || {
        if location.pathname.get().trim_end_matches('/') == "/desk" {
            view! { <pages::queue::QueuePage /> }.into_any()
        } else {
            set_title(NOT_FOUND.get(use_desk().lang.get_untracked()), false);
            view! {
                <h1 class="fw-heading-xl">{tx(NOT_FOUND)}</h1>
                <p><a href="/desk/">{tx(QUEUE)}</a></p>
            }
            .into_any()
        }
    }
}

#[component]
fn Header() -> impl IntoView {
    let desk = use_desk();
    let signing_out = Action::new_local(|csrf: &String| {
        let csrf = csrf.clone();
        async move { api::sign_out(&csrf).await }
    });
    Effect::new(move |_| {
        if let Some(result) = signing_out.value().get() {
            if matches!(result, Ok(()) | Err(ApiError::Unauthorized)) {
                desk.session.set(None);
                use_navigate()("/desk/sign-in?signed_out=1", Default::default());
            }
        }
    });
    let choose = move |lang: Lang| {
        desk.lang.set(lang);
        set_lang(lang);
    };
    view! {
        <header class="fw-header">
            <div class="fw-header__inner">
                <a class="fw-header__name" href="/desk/">{tx(SERVICE)}</a>
                <span class="fw-header__tagline">{tx(TAGLINE)}</span>
                {move || {
                    desk.session
                        .get()
                        .map(|s| {
                            let csrf = s.csrf_token.clone();
                            view! {
                                <span class="desk-user" data-testid="signed-in">
                                    {tx(SIGNED_IN_AS)} {s.name.clone()}
                                </span>
                                <button
                                    type="button"
                                    class="fw-language__option"
                                    data-testid="sign-out"
                                    on:click=move |_| {
                                        signing_out.dispatch_local(csrf.clone());
                                    }
                                >
                                    {tx(SIGN_OUT)}
                                </button>
                            }
                        })
                }}
                <nav class="fw-language" aria-label=tx(LANGUAGE)>
                    <button
                        type="button"
                        class="fw-language__option"
                        lang="ja"
                        data-testid="lang-ja"
                        aria-pressed=move || (desk.lang.get() == Lang::Ja).to_string()
                        on:click=move |_| choose(Lang::Ja)
                    >
                        "日本語"
                    </button>
                    <button
                        type="button"
                        class="fw-language__option"
                        lang="en"
                        data-testid="lang-en"
                        aria-pressed=move || (desk.lang.get() == Lang::En).to_string()
                        on:click=move |_| choose(Lang::En)
                    >
                        "English"
                    </button>
                </nav>
            </div>
        </header>
    }
}

/// Loads the session once for pages that need it; sends the visitor to sign in without one.
pub fn require_session() {
    let desk = use_desk();
    if desk.session.get_untracked().is_some() {
        return;
    }
    let navigate = use_navigate();
    leptos::task::spawn_local(async move {
        match api::session().await {
            Ok(session) => desk.session.set(Some(session)),
            Err(_) => navigate("/desk/sign-in", Default::default()),
        }
    });
}
