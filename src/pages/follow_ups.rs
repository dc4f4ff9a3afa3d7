use leptos::prelude::*;

use crate::app::Page;

#[component]
pub fn FollowUps() -> impl IntoView {
    view! {
        <Page title="Follow-ups">
            <p class="soon">"Soon: thank-yous and check-ins, sorted into overdue, today, this week and later."</p>
        </Page>
    }
}
