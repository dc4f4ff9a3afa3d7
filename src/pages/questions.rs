use leptos::prelude::*;

use crate::app::Page;

#[component]
pub fn Questions() -> impl IntoView {
    view! {
        <Page title="Questions">
            <p class="soon">"Soon: a shuffled deck of informational-interview questions to prepare a chat."</p>
        </Page>
    }
}
