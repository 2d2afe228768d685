//! The journey app's entry point (`src/apps/journey.rs`, built by trunk from `apps/journey/index.html`).

fn main() {
    console_error_panic_hook::set_once();
    fwportal_web::mount(
        fwportal_web::apps::WebApp::Journey,
        fwportal_web::apps::journey::JourneyApp,
    );
}
