use leptos::prelude::*;

use crate::app::Page;

#[component]
pub fn Home() -> impl IntoView {
    view! {
        <Page title="Home">
            <p class="soon">"Soon: what is due today and the people you met most recently."</p>
        </Page>
    }
}
