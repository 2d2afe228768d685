//! The start app's entry point (`src/apps/start.rs`, built by trunk from `index.html`).

fn main() {
    console_error_panic_hook::set_once();
    fwportal_web::mount(
        fwportal_web::apps::WebApp::Start,
        fwportal_web::apps::start::StartApp,
    );
}
