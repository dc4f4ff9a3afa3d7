use leptos::prelude::*;

use crate::app::Page;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <Page title="Page not found">
            <p class="soon">"There is nothing at this address. Use the navigation to go to one of the app's areas."</p>
        </Page>
    }
}
