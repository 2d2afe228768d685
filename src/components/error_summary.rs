//! The box at the top of a page listing every error, each linking to its field. It takes focus
//! when it appears, so keyboard and screen-reader users land on it.

use leptos::html::Div;
use leptos::prelude::*;

/// One entry: the id of the field in error and the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryItem {
    pub field_id: String,
    /// The page the field is on, when it is not the current page.
    pub page: Option<String>,
    pub message: String,
}

#[component]
pub fn ErrorSummary(
    #[prop(into)] title: Signal<String>,
    #[prop(into)] items: Signal<Vec<SummaryItem>>,
) -> impl IntoView {
    let summary = NodeRef::<Div>::new();
    Effect::new(move |_| {
        if !items.get().is_empty() {
            if let Some(element) = summary.get() {
                let _ = element.focus();
            }
        }
    });
    move || {
        let items = items.get();
        (!items.is_empty()).then(|| {
            view! {
                <div class="fw-error-summary" role="alert" tabindex="-1" node_ref=summary>
                    <h2 class="fw-error-summary__title">{title}</h2>
                    <ul class="fw-error-summary__list">
                        {items
                            .into_iter()
                            .map(|item| {
                                view! {
                                    <li>
                                        <a href=format!(
                                            "{}#{}",
                                            item.page.unwrap_or_default(),
                                            item.field_id,
                                        )>{item.message}</a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </div>
            }
        })
    }
}
