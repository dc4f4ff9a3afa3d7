use leptos::prelude::*;

use crate::app::Page;

#[component]
pub fn Settings() -> impl IntoView {
    view! {
        <Page title="Settings">
            <p class="soon">"Soon: your name, signature and talking points, and your data in and out."</p>
        </Page>
    }
}
