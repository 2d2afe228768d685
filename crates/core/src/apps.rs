//! Which of the customer's web apps serves a page (issue 13).
//!
//! The customer portal is several small Leptos apps rather than one: the start page's app is
//! all a first visit of `/` downloads, and the request's pages and the pages after it come
//! with their own apps when the customer goes there. The server answers a page's path with
//! the `index.html` of the app this function names, and each app makes a link to another
//! app's page a real navigation, so both sides read the map from here and cannot disagree.
//!
//! Nothing is lost between apps: the draft, the language and the submitted answers are in
//! the browser's `localStorage`, which every app reads at start.

/// One of the customer's web apps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WebApp {
    /// `/` and any unknown path (the not-found page).
    Start,
    /// The self-check and the request: `/check`, `/request`, `/request/…` (the confirmation
    /// included, which shows the receipt kept in the journey's memory).
    Journey,
    /// After the request: `/status`, `/preparation`.
    FollowUp,
}

impl WebApp {
    pub const ALL: [WebApp; 3] = [WebApp::Start, WebApp::Journey, WebApp::FollowUp];

    /// The app's name: its binary is `fwportal-<name>`, its build lies in `dist` (the start
    /// app) or beside it in `dist-<name>`, and its files are served under [`WebApp::files`].
    pub fn name(self) -> &'static str {
        match self {
            WebApp::Start => "start",
            WebApp::Journey => "journey",
            WebApp::FollowUp => "followup",
        }
    }

    /// The URL folder of the app's built files (`Trunk.toml`'s `public_url`). The start app's
    /// files are at the root, with the icons and `robots.txt`; the others' lie in a folder of
    /// their own, which no page path uses.
    pub fn files(self) -> &'static str {
        match self {
            WebApp::Start => "/",
            WebApp::Journey => "/app/journey/",
            WebApp::FollowUp => "/app/followup/",
        }
    }

    /// The app that shows the page at `path` (a URL path; a query or fragment is ignored).
    ///
    /// ```
    /// use fwportal_core::apps::WebApp;
    /// assert_eq!(WebApp::of_path("/"), WebApp::Start);
    /// assert_eq!(WebApp::of_path("/request/servers?from=check"), WebApp::Journey);
    /// assert_eq!(WebApp::of_path("/preparation"), WebApp::FollowUp);
    /// assert_eq!(WebApp::of_path("/requests"), WebApp::Start); // not a page: not found
    /// ```
    pub fn of_path(path: &str) -> WebApp {
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let first = path
            .trim_start_matches('/')
            .split('/')
            .next()
            .unwrap_or_default();
        match first {
            "check" | "request" => WebApp::Journey,
            "status" | "preparation" => WebApp::FollowUp,
            _ => WebApp::Start,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::WebApp;

    #[test]
    fn every_page_has_its_app() {
        for (path, app) in [
            ("/", WebApp::Start),
            ("", WebApp::Start),
            ("/no-such-page", WebApp::Start),
            ("/checks", WebApp::Start),
            ("/check", WebApp::Journey),
            ("/check?x=1", WebApp::Journey),
            ("/request", WebApp::Journey),
            ("/request/contract", WebApp::Journey),
            ("/request/confirmation", WebApp::Journey),
            ("/request/no-such-step", WebApp::Journey),
            ("/status", WebApp::FollowUp),
            ("/status#history", WebApp::FollowUp),
            ("/preparation", WebApp::FollowUp),
            ("/preparation?reference=FWU-2026-000001", WebApp::FollowUp),
        ] {
            assert_eq!(WebApp::of_path(path), app, "{path}");
        }
    }

    #[test]
    fn names_and_file_folders_are_distinct() {
        for a in WebApp::ALL {
            for b in WebApp::ALL {
                if a != b {
                    assert_ne!(a.name(), b.name());
                    assert_ne!(a.files(), b.files());
                }
            }
            // The files' folder is no page of another app.
            assert_eq!(WebApp::of_path(a.files()), WebApp::Start);
        }
    }
}
