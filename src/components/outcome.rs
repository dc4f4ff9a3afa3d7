//! The one way the app shows how an action went: a status line when it worked, an alert saying
//! why when it did not.

use leptos::prelude::*;

/// The outcome of an action: a status line for `Ok`, an alert for `Err`, nothing for `None`.
#[component]
pub fn Outcome(#[prop(into)] message: Signal<Option<Result<String, String>>>) -> impl IntoView {
    move || {
        message.get().map(|m| match m {
            Ok(text) => view! { <p role="status">{text}</p> }.into_any(),
            Err(text) => view! { <p class="banner danger" role="alert">{text}</p> }.into_any(),
        })
    }
}

/// Why an action did not happen, read out as soon as it shows: an [`Outcome`] that is only ever
/// a problem.
#[component]
pub fn Problem(problem: RwSignal<Option<String>>) -> impl IntoView {
    view! { <Outcome message=Signal::derive(move || problem.get().map(Err)) /> }
}
