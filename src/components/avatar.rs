//! A contact's initials avatar (the rule, letters and colour, is the domain's `avatar`).
//! Decoration beside the name, so hidden from screen readers. Its colour is set through the
//! element's style object, which the Content-Security-Policy allows (a `style` attribute it
//! would not).

use leptos::prelude::*;

/// The avatar with `initials` on `colour` (from `weak_ties_domain::avatar`); `large` on a
/// contact's own page.
#[component]
pub fn Avatar(
    #[prop(into)] initials: Signal<String>,
    #[prop(into)] colour: Signal<&'static str>,
    #[prop(optional)] large: bool,
) -> impl IntoView {
    view! {
        <span
            class=if large { "avatar large" } else { "avatar" }
            aria-hidden="true"
            style:background-color=move || colour.get()
        >
            {move || initials.get()}
        </span>
    }
}
