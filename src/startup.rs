//! The app's first render in slices (issue 13).
//!
//! A page drawn in one go is one long task on a phone: the whole view built, then the layout
//! of all of it, before the page answers a tap. While an app starts ([`crate::mount`]), the
//! parts of a page wrapped in [`Later`] are drawn one task each, in the order they were met,
//! and the footer last; the page answers input between any two. Once the queue is empty the
//! app has started and [`Later`] draws its children at once, as any view does: a page the
//! router opens afterwards is drawn whole.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

type Slice = Box<dyn FnOnce()>;

thread_local! {
    static STARTING: Cell<bool> = const { Cell::new(false) };
    /// The static page shown while the wasm loaded. It stays until the page is drawn
    /// (`Later reveal`), and the style sheet hides what comes after it in `<body>` meanwhile
    /// (`style/base.css`): neither an empty page nor two headers show for a frame.
    static SHELL: RefCell<Option<web_sys::Element>> = const { RefCell::new(None) };
    static SLICES: RefCell<VecDeque<Slice>> = RefCell::new(VecDeque::new());
    /// Drawn after every other slice, queued later or not (the footer: drawn before the page's
    /// parts, it would be pushed down by each of them).
    static LAST: RefCell<VecDeque<Slice>> = RefCell::new(VecDeque::new());
}

/// Whether the app is still drawing its first page in slices.
pub fn starting() -> bool {
    STARTING.with(Cell::get)
}

/// Marks the start of the first render ([`crate::mount`] calls it); the slices run from the
/// next task on. `shell`, the static page, goes once the page is drawn.
pub fn begin(shell: Option<web_sys::Element>) {
    SHELL.with(|s| *s.borrow_mut() = shell);
    STARTING.with(|s| s.set(true));
    schedule_next();
}

/// Takes the static page away, showing the app drawn after it.
fn reveal() {
    if let Some(shell) = SHELL.with(|s| s.borrow_mut().take()) {
        shell.remove();
    }
}

fn schedule_next() {
    let Some(window) = web_sys::window() else {
        finish();
        return;
    };
    let next = Closure::once_into_js(run_next);
    if window
        .set_timeout_with_callback(next.unchecked_ref())
        .is_err()
    {
        finish();
    }
}

/// The next part to draw: the page's in order, then the last ones.
fn next_slice() -> Option<Slice> {
    SLICES
        .with(|s| s.borrow_mut().pop_front())
        .or_else(|| LAST.with(|s| s.borrow_mut().pop_front()))
}

fn run_next() {
    match next_slice() {
        Some(draw) => {
            draw();
            schedule_next();
        }
        None => {
            reveal();
            STARTING.with(|s| s.set(false));
        }
    }
}

/// Draws whatever is left at once (no timers: not in a browser).
fn finish() {
    reveal();
    STARTING.with(|s| s.set(false));
    while let Some(draw) = next_slice() {
        draw();
    }
}

fn defer(last: bool, draw: impl FnOnce() + 'static) {
    let queue = if last { &LAST } else { &SLICES };
    queue.with(|s| s.borrow_mut().push_back(Box::new(draw)));
}

/// Runs `work` in a task of its own while the app starts, before the page's parts queued
/// after it; at once afterwards.
pub fn soon(work: impl FnOnce() + 'static) {
    if starting() {
        defer(false, work);
    } else {
        work();
    }
}

/// Draws `children` in a task of its own while the app starts, at once afterwards. `last`
/// puts it after every other slice of the page; `reveal` takes the static page away once
/// `children` are drawn (the page's heading, [`crate::apps::Frame`]).
#[component]
pub fn Later(
    children: Children,
    #[prop(optional)] last: bool,
    #[prop(optional)] reveal: bool,
) -> impl IntoView {
    if !starting() {
        return children().into_any();
    }
    let shown = RwSignal::new(false);
    // A page left before its turn has disposed of the signal: nothing to draw then.
    defer(last, move || {
        let _ = shown.try_set(true);
        if reveal {
            // The drawing runs in this task's microtasks, before the next frame.
            self::reveal();
        }
    });
    let mut children = Some(children);
    (move || shown.get().then(|| children.take().map(|draw| draw()))).into_any()
}
