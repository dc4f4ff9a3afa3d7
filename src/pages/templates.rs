use leptos::prelude::*;

use crate::app::Page;

#[component]
pub fn Templates() -> impl IntoView {
    view! {
        <Page title="Templates">
            <p class="soon">"Soon: thank-you and follow-up messages filled with a contact's details."</p>
        </Page>
    }
}
