//! The followup app's entry point (`src/apps/followup.rs`, built by trunk from `apps/followup/index.html`).

fn main() {
    console_error_panic_hook::set_once();
    fwportal_web::mount(
        fwportal_web::apps::WebApp::FollowUp,
        fwportal_web::apps::followup::FollowUpApp,
    );
}
