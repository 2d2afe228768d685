//! The customer portal: small Leptos apps rendered in the browser, one a page group
//! ([`apps`]: the start page, the journey, the follow-up), each its own binary and download.
//!
//! Components render and dispatch; every rule is decided by `fwportal-core`, the same code the
//! server runs.

pub mod answer;
pub mod api;
pub mod apps;
pub mod components;
pub mod i18n;
pub mod inventory_worker;
pub mod lang;
pub mod pages;
pub mod preparation;
pub mod startup;
pub mod wizard;

/// The id of the static page `index.html` shows until the app runs (issue 13).
pub const STATIC_SHELL_ID: &str = "fwportal-shell";

/// Mounts `root`, the page's app (`app`), on `<body>` in place of the static page shown while
/// the wasm loaded. The app is drawn after the static page, which hides it (`style/base.css`),
/// in slices ([`startup`]), and the static page goes in the task that draws the page's
/// heading, so no frame shows neither, nor both.
///
/// The mount waits until the static page has been shown (the task after the frame after the
/// next): otherwise a fast load draws the app in the first frame and the page's first paint
/// waits for the wasm, while the shell holds the same heading and lead the app draws (issue 13).
/// A background tab draws no frames, so a timer starts it there instead.
pub fn mount<F, N>(app: apps::WebApp, root: F)
where
    F: FnOnce() -> N + 'static,
    N: leptos::prelude::IntoView,
{
    use std::cell::Cell;
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    apps::set_current(app);
    apps::take_links_to_other_apps();
    let window = web_sys::window();
    let shell = window
        .as_ref()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(STATIC_SHELL_ID));
    let (Some(window), Some(shell)) = (window, shell) else {
        startup::begin(None);
        leptos::mount::mount_to_body(root);
        return;
    };
    // Whichever of the two callbacks comes first swaps; the other finds nothing left to do.
    let pending = Rc::new(Cell::new(Some((shell, root))));
    let swap = {
        let pending = pending.clone();
        move || {
            if let Some((shell, root)) = pending.take() {
                startup::begin(Some(shell));
                leptos::mount::mount_to_body(root);
            }
        }
    };
    let after_frame = {
        let (window, swap) = (window.clone(), swap.clone());
        Closure::once_into_js(move || {
            // The second frame's callbacks come once the first frame (the shell) is on the
            // screen: Chromium counts a paint only when it is presented, and forgets it if the
            // element is gone by then.
            let next = {
                let window = window.clone();
                Closure::once_into_js(move || {
                    let swap = Closure::once_into_js(swap);
                    let _ = window.set_timeout_with_callback(swap.unchecked_ref());
                })
            };
            let _ = window.request_animation_frame(next.unchecked_ref());
        })
    };
    let framed = window.request_animation_frame(after_frame.unchecked_ref());
    let fallback = Closure::once_into_js(swap.clone());
    let timed =
        window.set_timeout_with_callback_and_timeout_and_arguments_0(fallback.unchecked_ref(), 250);
    if framed.is_err() && timed.is_err() {
        swap();
    }
}
