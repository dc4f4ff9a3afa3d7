//! The Follow-ups area: everything the user owes someone, in Overdue, Today, This week and Later.

use leptos::prelude::*;
use weak_ties_domain::follow_ups::due::in_bucket;
use weak_ties_domain::follow_ups::Bucket;

use crate::app::Page;
use crate::components::due::DueList;
use crate::state::{today, AppState};

/// How many follow-ups each list renders at first, and adds on **Show more**.
const PAGE: usize = 50;

#[component]
pub fn FollowUps() -> impl IntoView {
    let state = expect_context::<AppState>();
    let items = Memo::new(move |_| state.book.with(|b| b.follow_ups(today())));
    view! {
        <Page title="Follow-ups">
            <Show
                when=move || !items.with(Vec::is_empty)
                fallback=|| {
                    view! {
                        <p class="empty">
                            "Nothing to follow up. After every chat, a thank-you within a day keeps you memorable: log a meeting on a contact's page and Weak Ties proposes one."
                        </p>
                    }
                }
            >
                {Bucket::ALL
                    .iter()
                    .map(|&b| {
                        let of = Memo::new(move |_| items.with(|all| in_bucket(all, b)));
                        view! { <DueList title=b.label() items=of.into() page=PAGE /> }
                    })
                    .collect_view()}
            </Show>
        </Page>
    }
}
