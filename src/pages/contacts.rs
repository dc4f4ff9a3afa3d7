use leptos::prelude::*;

use crate::app::Page;

#[component]
pub fn Contacts() -> impl IntoView {
    view! {
        <Page title="Contacts">
            <p class="soon">"Soon: the people you meet, with where and how you met and what you learned."</p>
        </Page>
    }
}
